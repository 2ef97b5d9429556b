package command

import (
	"os"
	"strings"
)

// Env is the environment of one run, injected so that a command can be
// given a fake one in tests. The zero value is the process's own
// environment; [EnvOf] makes a fixed one.
type Env struct {
	// Lookup reads one variable; nil reads the process's own
	// (os.LookupEnv).
	Lookup func(key string) (string, bool)
	// List returns every variable as "key=value"; nil lists the process's
	// own (os.Environ).
	List func() []string
}

// EnvOf returns the environment that holds exactly vars, each
// "key=value"; of two values for one key the last wins, as in exec.Cmd.
func EnvOf(vars ...string) Env {
	vars = append([]string(nil), vars...)
	return Env{
		Lookup: func(key string) (string, bool) {
			for i := len(vars) - 1; i >= 0; i-- {
				if k, v, ok := strings.Cut(vars[i], "="); ok && k == key {
					return v, true
				}
			}
			return "", false
		},
		List: func() []string { return append([]string(nil), vars...) },
	}
}

// LookupEnv returns the value of key and whether it is set.
func (e Env) LookupEnv(key string) (string, bool) {
	if e.Lookup == nil {
		return os.LookupEnv(key)
	}
	return e.Lookup(key)
}

// Getenv returns the value of key, or "" when it is not set.
func (e Env) Getenv(key string) string {
	v, _ := e.LookupEnv(key)
	return v
}

// Environ returns every variable as "key=value".
func (e Env) Environ() []string {
	if e.List == nil {
		return os.Environ()
	}
	return e.List()
}

package hooks

import (
	"fmt"
	"strconv"
	"time"

	"github.com/longshore/longshore/internal/names"
)

// Spec describes an external hook: a plugin's executable that is run as
// `<exe> hook before` and/or `<exe> hook after` with a JSON document on
// stdin (see docs/hooks.md). It is the one model of an external hook: a plugin manifest's
// hooks entry decodes straight into it (the yaml keys below), and an App
// adds one with AddExternalHook. [Spec.Check] is its one validator.
type Spec struct {
	// Name identifies the hook in plugin list, the config's disabled list
	// and error messages: a command word ("audit").
	Name string `yaml:"name" json:"name"`
	// Commands are the command names or patterns it attaches to, as in
	// [Info].Commands.
	Commands []string `yaml:"commands" json:"commands,omitempty"`
	// Before and After say in which phases it runs; at least one is set.
	Before bool `yaml:"before" json:"before,omitempty"`
	After  bool `yaml:"after" json:"after,omitempty"`
	// Required and Priority are as in [Info].
	Required bool `yaml:"required" json:"required,omitempty"`
	Priority int  `yaml:"priority" json:"priority,omitempty"`
	// Timeout bounds one run ("10s" in a manifest); zero means 10
	// seconds. At the timeout the hook and its children are killed and the
	// run is reported.
	Timeout time.Duration `yaml:"timeout" json:"timeout,omitempty"`
	// Flags are added to each command the hook attaches to.
	Flags []FlagSpec `yaml:"flags" json:"flags,omitempty"`

	// Plugin is the name of the plugin that declares the hook; the App
	// sets it.
	Plugin string `yaml:"-" json:"-"`
	// Path is the plugin's executable; the App sets it for a manifest's
	// hook.
	Path string `yaml:"-" json:"-"`
	// Description is the hook's one-line summary (a manifest hook's is
	// its plugin's).
	Description string `yaml:"-" json:"-"`
	// Environ returns the environment of the hook's process, called when
	// it starts (the App adds <APP>_PLUGIN_NAME and the other documented
	// variables); nil means the App's own environment.
	Environ func() []string `yaml:"-" json:"-"`
}

// FlagSpec is a flag an external hook adds to the commands it attaches to.
type FlagSpec struct {
	// Name is the long name, without dashes.
	Name string `yaml:"name" json:"name"`
	// Type is "bool", "string" or "int"; empty means "string".
	Type string `yaml:"type" json:"type,omitempty"`
	// Default is the value when the flag is not given, as text (a
	// manifest's `default: true` or `default: 3` is read as text too); ""
	// means false, empty or 0.
	Default string `yaml:"default" json:"default,omitempty"`
	// Usage is the flag's one-line help.
	Usage string `yaml:"usage" json:"usage,omitempty"`
}

// specError is a problem of a Spec and the key path of the value at fault
// (strings are keys, ints list indexes), so that a manifest's reader can
// name its line.
type specError struct {
	at  []any
	msg string
}

func (e *specError) Error() string { return e.msg }

// Field returns the key path of the value at fault within the spec, such
// as ["flags", 1, "default"].
func (e *specError) Field() []any { return e.at }

func bad(msg string, at ...any) error { return &specError{at: at, msg: msg} }

// Check reports whether s is a valid hook: a name, valid command
// patterns, a phase, a timeout that is not negative and valid flags. Its
// error names the hook; one from a manifest's hook also carries the key
// path of the bad value (for file:line).
func (s Spec) Check() error {
	if err := names.CheckWord(s.Name); err != nil {
		return bad(fmt.Sprintf("hook name: %v", err), "name")
	}
	if len(s.Commands) == 0 {
		return bad(fmt.Sprintf("hook %q: commands: at least one command or pattern is needed", s.Name))
	}
	for i, c := range s.Commands {
		if err := names.CheckPattern(c); err != nil {
			return bad(fmt.Sprintf("hook %q: commands: %v", s.Name, err), "commands", i)
		}
	}
	if !s.Before && !s.After {
		return bad(fmt.Sprintf("hook %q: set before, after or both to true", s.Name))
	}
	if s.Timeout < 0 {
		return bad(fmt.Sprintf("hook %q: timeout %s: not a positive duration like 10s", s.Name, s.Timeout), "timeout")
	}
	seen := map[string]bool{}
	for i, f := range s.Flags {
		if msg, at := f.check(); msg != "" {
			return bad(fmt.Sprintf("hook %q: %s", s.Name, msg), append([]any{"flags", i}, at...)...)
		}
		if seen[f.Name] {
			return bad(fmt.Sprintf("hook %q: flag %q declared twice", s.Name, f.Name), "flags", i, "name")
		}
		seen[f.Name] = true
	}
	return nil
}

// check returns what is wrong with a flag's name, type or default, and the
// key at fault; "" when nothing is.
func (f FlagSpec) check() (string, []any) {
	if err := names.CheckWord(f.Name); err != nil {
		return fmt.Sprintf("flag name: %v", err), []any{"name"}
	}
	var err error
	switch f.Type {
	case "", "string":
	case "bool":
		if f.Default != "" {
			_, err = strconv.ParseBool(f.Default)
		}
	case "int":
		if f.Default != "" {
			_, err = strconv.Atoi(f.Default)
		}
	default:
		return fmt.Sprintf("flag %q: type %q must be bool, string or int", f.Name, f.Type), []any{"type"}
	}
	if err != nil {
		article := "a"
		if f.Type == "int" {
			article = "an"
		}
		return fmt.Sprintf("flag %q: default %q is not %s %s", f.Name, f.Default, article, f.Type), []any{"default"}
	}
	return "", nil
}

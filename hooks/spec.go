package hooks

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/internal/names"
)

// DefaultTimeout is how long an external hook may run when its Spec gives
// no timeout.
const DefaultTimeout = 10 * time.Second

// Spec describes an external hook: a plugin's executable that is run as
// `<exe> hook before` and/or `<exe> hook after` with a JSON [Document] on
// stdin. The App builds it from a plugin manifest's hooks entry.
type Spec struct {
	// Name is the hook's name (the manifest's hooks[].name, or the
	// plugin's name when empty).
	Name string
	// Plugin is the name of the plugin that declares the hook.
	Plugin string
	// Path is the plugin's executable.
	Path string
	// Commands are the command names or patterns it attaches to, as in
	// [Info].Commands.
	Commands []string
	// Before and After say in which phases it runs; at least one is set.
	Before, After bool
	// Required, Priority and Description are as in [Info].
	Required    bool
	Priority    int
	Description string
	// Timeout bounds one run; zero means [DefaultTimeout]. At the timeout
	// the hook and its children are killed and the run is reported.
	Timeout time.Duration
	// Flags are added to each command the hook attaches to.
	Flags []FlagSpec
	// Environ returns the environment of the hook's process, called when
	// it starts (the App adds <APP>_PLUGIN_NAME and the other documented
	// variables); nil means the App's own environment.
	Environ func() []string
}

// FlagSpec is a flag an external hook adds to the commands it attaches to.
type FlagSpec struct {
	// Name is the long name, without dashes.
	Name string
	// Type is "bool", "string" or "int"; empty means "string".
	Type string
	// Default is the value when the flag is not given, as text ("" means
	// false, empty or 0).
	Default string
	// Usage is the flag's one-line help.
	Usage string
}

// Check reports whether s can be run: a name, an executable, valid
// patterns, a phase and valid flags.
func (s Spec) Check() error {
	if s.Name == "" {
		return fmt.Errorf("external hook of plugin %q: empty name", s.Plugin)
	}
	if s.Path == "" {
		return fmt.Errorf("hook %q: no executable", s.Name)
	}
	if err := checkPatterns(s.Name, s.Commands); err != nil {
		return err
	}
	if !s.Before && !s.After {
		return fmt.Errorf("hook %q runs neither before nor after", s.Name)
	}
	if s.Timeout < 0 {
		return fmt.Errorf("hook %q: negative timeout %s", s.Name, s.Timeout)
	}
	seen := map[string]bool{}
	for _, f := range s.Flags {
		if err := f.check(); err != nil {
			return fmt.Errorf("hook %q: %w", s.Name, err)
		}
		if seen[f.Name] {
			return fmt.Errorf("hook %q: flag --%s declared twice", s.Name, f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

// check reports whether a flag's name, type and default are valid.
func (f FlagSpec) check() error {
	if err := names.CheckWord(f.Name); err != nil {
		return fmt.Errorf("flag name: %w", err)
	}
	switch f.Type {
	case "", "string":
	case "bool":
		if f.Default != "" {
			if _, err := strconv.ParseBool(f.Default); err != nil {
				return fmt.Errorf("flag --%s: default %q is not a bool", f.Name, f.Default)
			}
		}
	case "int":
		if f.Default != "" {
			if _, err := strconv.Atoi(f.Default); err != nil {
				return fmt.Errorf("flag --%s: default %q is not an int", f.Name, f.Default)
			}
		}
	default:
		return fmt.Errorf("flag --%s: unknown type %q (valid: bool, int, string)", f.Name, f.Type)
	}
	return nil
}

// define adds the flag to fs; f has been checked.
func (f FlagSpec) define(fs *pflag.FlagSet) {
	switch f.Type {
	case "bool":
		b, _ := strconv.ParseBool(strings.TrimSpace(f.Default))
		fs.Bool(f.Name, b, f.Usage)
	case "int":
		n, _ := strconv.Atoi(strings.TrimSpace(f.Default))
		fs.Int(f.Name, n, f.Usage)
	default:
		fs.String(f.Name, f.Default, f.Usage)
	}
}

// timeout returns the hook's timeout.
func (s Spec) timeout() time.Duration {
	if s.Timeout == 0 {
		return DefaultTimeout
	}
	return s.Timeout
}

// Describe returns what `plugin list` needs of the hook.
func (s Spec) Describe() Description {
	return Description{Name: s.Name, Kind: "hook", Commands: s.Commands, Phases: phases(s.Before, s.After),
		Required: s.Required, Priority: s.Priority, Description: s.Description, Err: s.Check()}
}

package hookrun

import (
	"fmt"
	"sort"
	"strings"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
	"github.com/longshore/longshore/internal/names"
	"github.com/longshore/longshore/internal/registry"
)

// Compiled is a compiled-in hook's registration, read from the registry with
// its Info so that the App can match it without building it again.
type Compiled struct {
	// Name is the hook's registered name.
	Name string
	// New constructs a fresh value of the hook.
	New func() hooks.Hook
	// Info is what a first value's Info returned.
	Info hooks.Info
	// Registrant is where it was registered (its String is file:line).
	Registrant registry.Site
	// Err is why the hook cannot be used: a panic, a nil value or a bad
	// command pattern. Such a hook attaches to
	// nothing and `plugin list` shows the reason.
	Err error
}

// LoadCompiled returns the hooks registered for app, followed by extra
// (those an App added itself), sorted by name, each with its Info or the
// reason it is broken.
func LoadCompiled(app string, extra []registry.Entry[hooks.Hook]) []Compiled {
	entries := append(registry.Of[hooks.Hook]("hook").Entries(app), extra...)
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Name < entries[j].Name })
	out := make([]Compiled, 0, len(entries))
	for _, e := range entries {
		c := Compiled{Name: e.Name, Registrant: e.Registrant}
		newFn := e.New
		c.New = newFn
		c.Info, c.Err = command.GuardValue(guardName(e.Name), func() (hooks.Info, error) {
			h := newFn()
			if h == nil {
				return hooks.Info{}, fmt.Errorf("hook %q: constructor returned nil", e.Name)
			}
			return h.Info(), nil
		})
		if c.Err == nil {
			c.Err = checkPatterns(e.Name, c.Info.Commands)
		}
		out = append(out, c)
	}
	return out
}

// checkPatterns checks a hook's command patterns.
func checkPatterns(name string, patterns []string) error {
	if len(patterns) == 0 {
		return fmt.Errorf("hook %q attaches to no command", name)
	}
	for _, p := range patterns {
		if err := names.CheckPattern(p); err != nil {
			return fmt.Errorf("hook %q: %w", name, err)
		}
	}
	return nil
}

// Build returns a fresh value of the hook bound for one command.
func (c Compiled) Build() (Bound, error) {
	h, err := command.GuardValue(guardName(c.Name), func() (hooks.Hook, error) {
		h := c.New()
		if h == nil {
			return nil, fmt.Errorf("hook %q: constructor returned nil", c.Name)
		}
		return h, nil
	})
	if err != nil {
		return Bound{}, err
	}
	return Bound{Name: c.Name, Hook: h, Info: c.Info}, nil
}

// Description is what `plugin list` and `plugin show` need of a hook.
type Description struct {
	// Name is the hook's name, the one the config's disabled list uses.
	Name string
	// Kind is always "hook".
	Kind string
	// Commands are the command names or patterns it attaches to.
	Commands []string
	// Phases says when it runs: "before", "after" or "before, after".
	Phases string
	// Required and Priority copy its Info.
	Required bool
	Priority int
	// Description is its one-line summary.
	Description string
	// Err is why it is broken, nil if it is usable.
	Err error
}

// CommandList returns the commands it attaches to as one string for a
// listing: "files *, env list".
func (d Description) CommandList() string { return strings.Join(d.Commands, ", ") }

// Describe returns the description of a compiled-in hook.
func (c Compiled) Describe() Description {
	d := Description{Name: c.Name, Kind: "hook", Commands: c.Info.Commands, Required: c.Info.Required,
		Priority: c.Info.Priority, Description: c.Info.Description, Err: c.Err}
	if c.Err == nil {
		if h, err := c.Build(); err == nil {
			_, before := h.Hook.(hooks.Beforer)
			_, after := h.Hook.(hooks.Afterer)
			d.Phases = phases(before, after)
		}
	}
	return d
}

// phases names the phases a hook runs in.
func phases(before, after bool) string {
	var p []string
	if before {
		p = append(p, "before")
	}
	if after {
		p = append(p, "after")
	}
	return strings.Join(p, ", ")
}

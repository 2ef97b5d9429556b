package cli

import (
	"fmt"
	"strconv"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/registry"
)

// loadCommand builds a fresh value of a compiled-in command and reads its
// Info, both guarded: a constructor that panics or returns nil, or an Info
// that panics, is an error naming the command.
func loadCommand(e registry.Entry[command.Command]) (command.Command, command.Info, error) {
	// Not fmt: this runs on every start-up (collectRootWords), where
	// fmt's printer would be its only use.
	plugin := "command " + strconv.Quote(e.Name)
	c, err := command.GuardValue(plugin, func() (command.Command, error) {
		c := e.New()
		if c == nil {
			return nil, fmt.Errorf("%s: constructor returned nil", plugin)
		}
		return c, nil
	})
	if err != nil {
		return nil, command.Info{}, err
	}
	info, err := command.GuardValue(plugin, func() (command.Info, error) { return c.Info(), nil })
	if err != nil {
		return nil, command.Info{}, err
	}
	return c, info, nil
}

// available runs a command's availability check, guarded, with the
// environment the App gives commands; nil when it has none.
func available(app *App, name string, c command.Command) error {
	ac, ok := c.(command.AvailabilityChecker)
	if !ok {
		return nil
	}
	env := app.env()
	return command.Guard(fmt.Sprintf("command %q", name), func() error { return ac.Available(env) })
}

// appConfig gives commands the app's own keys of the session's config
// file.
func (s *session) appConfig() command.AppConfig {
	return command.NewAppConfig(func(v any) error {
		cfg, err := s.config()
		if err != nil {
			return err
		}
		return cfg.DecodeApp(v)
	})
}

// unclaimedWarnings are the compiled-in registrations for an app name no
// App in the program has: a misspelt or renamed app in a Register call.
func unclaimedWarnings() []string {
	var out []string
	for _, s := range registry.Unclaimed() {
		out = append(out, s.String())
	}
	return out
}

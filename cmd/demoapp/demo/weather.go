package demo

import (
	"context"
	"errors"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(App, "weather show", func() command.Command { return &weatherShow{} })
}

// weatherShow shows a canned weather report; it shows the availability
// check, being unavailable until DEMOAPP_WEATHER_API_KEY is set.
type weatherShow struct{}

var (
	_ command.Shower              = (*weatherShow)(nil)
	_ command.AvailabilityChecker = (*weatherShow)(nil)
)

func (*weatherShow) Info() command.Info {
	return command.Info{
		Short:   "Show the weather in Reykjavík",
		Long:    "Show the current weather in Reykjavík (from a built-in sample). Needs\nDEMOAPP_WEATHER_API_KEY: without it the command is unavailable.",
		Example: "  DEMOAPP_WEATHER_API_KEY=demo demoapp weather show",
	}
}

// Available reports the missing API key.
func (*weatherShow) Available(env command.Env) error {
	if env.Getenv("DEMOAPP_WEATHER_API_KEY") == "" {
		return errors.New("DEMOAPP_WEATHER_API_KEY is not set")
	}
	return nil
}

func (*weatherShow) Show(ctx context.Context, inv *command.Invocation) (*command.Record, error) {
	return &command.Record{
		Fields: []string{"city", "temperature", "feels like", "wind", "conditions", "alerts"},
		Values: []any{"Reykjavík", -3.5, -9.25, "NNE 12 m/s", "snow showers ❄", nil},
	}, nil
}

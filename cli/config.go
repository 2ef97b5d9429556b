package cli

import (
	"strings"

	"github.com/longshore/longshore/discovery"
)

// config returns the user's configuration, read once per run from
// --config, $<APP>_CONFIG or the XDG default. Read lazily: a run that needs
// nothing from it never fails on it.
func (r *run) config() (*discovery.Config, error) {
	if r.cfg == nil && r.cfgErr == nil {
		path := discovery.ConfigPath(r.app.Name, r.app.envPrefix(), r.opts.config, r.app.getenv)
		r.cfg, r.cfgErr = discovery.LoadConfig(path)
	}
	return r.cfg, r.cfgErr
}

// pluginDisabled reports whether the config disables the plugin called
// name; an unreadable config disables nothing (the error is reported by
// whatever needs the config as a whole).
func (r *run) pluginDisabled(name string) bool {
	cfg, err := r.config()
	return err == nil && cfg.Disabled(name)
}

// configArg returns the value of the last --config option in args before
// any "--", or "" when there is none, so that the config can be read before
// cobra parses the command line.
func configArg(args []string) (path string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return path
		case a == "--config" && i+1 < len(args):
			i++
			path = args[i]
		case strings.HasPrefix(a, "--config="):
			path = strings.TrimPrefix(a, "--config=")
		}
	}
	return path
}

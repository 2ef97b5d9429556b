package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/longshore/longshore/internal/discovery"
)

// config returns the user's configuration, read once per run from
// --config, $<APP>_CONFIG or the XDG default. A missing default file is an
// empty configuration; a missing file the user named is one too, with a
// warning, so that "plugin disable" can create it.
func (r *run) config() (*discovery.Config, error) {
	if r.cfg == nil && r.cfgErr == nil {
		path := discovery.ConfigPath(r.app.Name, r.app.envPrefix(), r.opts.config, r.app.getenv)
		r.cfg, r.cfgErr = discovery.LoadConfig(path)
		if source := r.configSource(); source != "" && r.cfgErr == nil {
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintf(r.io.ErrOut, "%s: warning: config file %s (from %s) does not exist\n", r.app.Name, path, source)
			}
		}
	}
	return r.cfg, r.cfgErr
}

// configSource names where the user named the config file ("--config" or
// "$<APP>_CONFIG"), or "" for the default location.
func (r *run) configSource() string {
	switch {
	case r.opts.config != "":
		return "--config"
	case r.app.getenv(r.app.envPrefix()+"_CONFIG") != "":
		return "$" + r.app.envPrefix() + "_CONFIG"
	}
	return ""
}

// checkConfig fails a run that will run a command when the config cannot
// be read: it may disable that very command, or a hook or formatter it
// uses, so going on would quietly re-enable what the user turned off.
// Help and completion go on without it.
func (r *run) checkConfig(args []string) error {
	if _, err := r.config(); err != nil && !r.listing(args) {
		return err
	}
	return nil
}

// pluginDisabled reports whether the config disables the plugin called
// name; an unreadable config disables nothing (checkConfig has already
// failed every run that runs a command).
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

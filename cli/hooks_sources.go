package cli

import (
	"fmt"
	"log/slog"
	"os"
	"slices"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/hooks"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/hookrun"
)

// hookBinder binds hooks to commands for one run: the compiled-in ones
// and the external ones (the App's own and those plugin manifests
// declare), read the first time a command may have hooks, never for a
// listing such as root help.
type hookBinder struct {
	app  *App
	sess *session
	// globals returns the app's global options, which no hook flag may
	// take.
	globals func() *pflag.FlagSet
	// pluginEnv is the environment of an external hook's process.
	pluginEnv func(*discovery.Plugin) []string
	logger    *slog.Logger

	loaded   bool
	compiled []hookrun.Compiled
	appSpecs []hooks.Spec
	// manifest are, by command name, the hooks the plugin manifests
	// declare that may attach to it, read the first time it is bound.
	manifest map[string][]hooks.Spec
}

// sources returns the run's compiled-in hooks and the App's external
// ones, reading them the first time.
func (b *hookBinder) sources() *hookBinder {
	if !b.loaded {
		b.loaded = true
		b.compiled = hookrun.LoadCompiled(b.app.Name, b.app.addedHooks)
		b.appSpecs = b.appHookSpecs()
	}
	return b
}

// manifestHooks returns the hooks plugin manifests declare that may attach
// to the command name, reading them the first time name is bound.
func (b *hookBinder) manifestHooks(name string) []hooks.Spec {
	if specs, ok := b.manifest[name]; ok {
		return specs
	}
	if b.manifest == nil {
		b.manifest = map[string][]hooks.Spec{}
	}
	specs := b.manifestHookSpecs(name)
	b.manifest[name] = specs
	return specs
}

// AddExternalHook declares an external hook on this App: an executable run
// as "<exe> hook before|after" with a JSON document on stdin (see
// docs/hooks.md). Plugin manifests declare theirs the same way. An invalid
// spec is an error naming the hook.
func (a *App) AddExternalHook(spec hooks.Spec) error {
	if err := spec.Check(); err != nil {
		return fmt.Errorf("add external hook: %w", err)
	}
	if spec.Path == "" {
		return fmt.Errorf("add external hook: hook %q: no executable", spec.Name)
	}
	a.externalHooks = append(a.externalHooks, spec)
	return nil
}

// appHookSpecs returns the external hooks added with AddExternalHook.
func (b *hookBinder) appHookSpecs() []hooks.Spec {
	specs := make([]hooks.Spec, 0, len(b.app.externalHooks))
	for _, s := range b.app.externalHooks {
		if s.Plugin == "" {
			s.Plugin = s.Name
		}
		if s.Environ == nil {
			s.Environ = b.hookEnviron(&discovery.Plugin{Name: s.Plugin})
		}
		specs = append(specs, s)
	}
	return specs
}

// hookEnviron returns the environment of an external hook's process: the
// documented one of every external plugin, computed when the hook starts
// (the global options are parsed by then).
func (b *hookBinder) hookEnviron(p *discovery.Plugin) func() []string {
	return func() []string { return b.pluginEnv(p) }
}

// manifestHookSpecs returns the hooks declared by the manifests of the
// usable plugins in the plugin dirs ($<APP>_PLUGIN_PATH, the config's
// dirs, the user's plugin dir) whose hooks may attach to the command name.
// Plugins found only on PATH provide no hooks. Which plugins have hooks,
// and for which commands, comes from the hook index
// (discovery.HookPluginsFor): a warm run stats a few recorded paths, lists
// no directory, and reads only the manifests of the plugins whose hooks
// name a pattern that matches name; only a stale or missing index scans
// the plugin dirs, sharing that scan with the run's listing, if any. What
// the config and the environment decide (disabled, requires) is
// evaluated here, every run.
func (b *hookBinder) manifestHookSpecs(name string) []hooks.Spec {
	if _, err := b.sess.config(); err != nil {
		return nil // the config's error is reported by what needs it
	}
	if !anyDirExists(b.sess.pluginDirs()) {
		// No plugin dir, no manifest hook: the common case of a user with
		// no plugins installed costs a stat per dir, no cache file.
		return nil
	}
	mayAttach := func(commands []string) bool { return hookrun.MatchAny(commands, name) }
	plugins, err := b.sess.dirFinder().HookPluginsFor(discovery.HookIndexPath(b.sess.discoveryEnv()), b.sess.dirScan, mayAttach)
	if err != nil {
		b.logger.Debug("hook index not used", "err", err)
	}
	var specs []hooks.Spec
	for _, p := range plugins {
		if b.sess.pluginDisabled(p.Name) || p.Manifest.Unmet(b.sess.host()) != nil {
			continue
		}
		for _, h := range p.Manifest.Hooks {
			specs = append(specs, b.specFromManifest(p, h))
		}
	}
	return specs
}

// specFromManifest completes a manifest's hook, decoded as a hooks.Spec,
// with what the plugin it comes from says.
func (b *hookBinder) specFromManifest(p *discovery.Plugin, h hooks.Spec) hooks.Spec {
	h.Plugin, h.Path, h.Description, h.Environ = p.Name, p.Path, p.Description(), b.hookEnviron(p)
	return h
}

// bindHooks returns the enabled hooks that match a command name, each a
// fresh value, and the ones that match but cannot be built.
func (b *hookBinder) bind(name string) (bound []hookrun.Bound, problems []*hookrun.Failure) {
	src := b.sources()
	for _, c := range src.compiled {
		if c.Err != nil || !hookrun.MatchAny(c.Info.Commands, name) || b.sess.pluginDisabled(c.Name) {
			continue
		}
		b, err := c.Build()
		if err != nil {
			problems = append(problems, &hookrun.Failure{Hook: c.Name, Phase: "before", Err: err})
			continue
		}
		bound = append(bound, b)
	}
	for _, s := range slices.Concat(src.appSpecs, b.manifestHooks(name)) {
		if !hookrun.MatchAny(s.Commands, name) || b.sess.pluginDisabled(s.Name) || b.sess.pluginDisabled(s.Plugin) {
			continue
		}
		e, err := hookrun.NewExternal(s)
		if err != nil {
			problems = append(problems, &hookrun.Failure{Hook: s.Name, Phase: "before", Err: err})
			continue
		}
		bound = append(bound, hookrun.Bound{Name: s.Name, Hook: e, Info: e.Info()})
	}
	return bound, problems
}

// anyDirExists reports whether any of dirs is a directory.
func anyDirExists(dirs []discovery.Dir) bool {
	for _, d := range dirs {
		if fi, err := os.Stat(d.Path); err == nil && fi.IsDir() {
			return true
		}
	}
	return false
}

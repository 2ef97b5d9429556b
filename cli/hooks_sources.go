package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/hooks"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/hookrun"
)

// hookState is what a run knows of the hooks: the compiled-in ones and the
// external ones (the App's own and those plugin manifests declare), read
// once per run and only when a command may have hooks, and how to attach
// them to each compiled-in command.
type hookState struct {
	loaded   bool
	compiled []hookrun.Compiled
	external []hooks.Spec
	attach   map[*cobra.Command]func()
}

func (r *run) hookState() *hookState {
	if r.hooks == nil {
		r.hooks = &hookState{}
	}
	return r.hooks
}

// hookSources returns the run's hooks, reading them the first time.
func (r *run) hookSources() *hookState {
	h := r.hookState()
	if !h.loaded {
		h.loaded = true
		h.compiled = hookrun.LoadCompiled(r.app.Name, r.app.addedHooks)
		h.external = append(r.appHookSpecs(), r.manifestHookSpecs()...)
	}
	return h
}

// onHookTarget records how to attach hooks to the compiled-in command cc,
// should this run be for it.
func (r *run) onHookTarget(cc *cobra.Command, attach func()) {
	h := r.hookState()
	if h.attach == nil {
		h.attach = map[*cobra.Command]func(){}
	}
	h.attach[cc] = attach
}

// attachTargetHooks attaches the hooks of the one compiled-in command args
// name, be it to run it, show its help ("help files list", "files list
// -h") or complete it. Other commands get none: their flags and help are
// never shown in this run, and a listing such as root help reads no hook.
func (r *run) attachTargetHooks(args []string) {
	if cmd := r.hookTarget(args); cmd != nil {
		if attach := r.hookState().attach[cmd]; attach != nil {
			attach()
		}
	}
}

// attachAllHooks attaches hooks to every compiled-in command, for a
// reference of the whole tree.
func (r *run) attachAllHooks() {
	for _, attach := range r.hookState().attach {
		attach()
	}
}

// hookTarget returns the command args are about, nil when none.
func (r *run) hookTarget(args []string) *cobra.Command {
	words := wordsBefore(args, r.root.PersistentFlags(), r.root.Flags())
	if len(words) > 0 {
		switch words[0] {
		case "help", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
			args = words[1:]
		}
	}
	cmd, _, err := r.root.Find(args)
	if err != nil {
		return nil
	}
	return cmd
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
func (r *run) appHookSpecs() []hooks.Spec {
	specs := make([]hooks.Spec, 0, len(r.app.externalHooks))
	for _, s := range r.app.externalHooks {
		if s.Plugin == "" {
			s.Plugin = s.Name
		}
		if s.Environ == nil {
			s.Environ = r.hookEnviron(&discovery.Plugin{Name: s.Plugin})
		}
		specs = append(specs, s)
	}
	return specs
}

// hookEnviron returns the environment of an external hook's process: the
// documented one of every external plugin, computed when the hook starts
// (the global options are parsed by then).
func (r *run) hookEnviron(p *discovery.Plugin) func() []string {
	return func() []string { return r.pluginEnv(p) }
}

// manifestHookSpecs returns the hooks declared by the manifests of the
// usable plugins in the plugin dirs ($<APP>_PLUGIN_PATH, the config's
// dirs, the user's plugin dir). Plugins found only on PATH provide no
// hooks. The manifest facts come from the hook index (discovery.HookPlugins):
// a warm run stats a few recorded paths and lists no directory; only a
// stale or missing index scans the plugin dirs, sharing that scan with the
// run's listing, if any. What the config and the environment decide
// (disabled, requires) is evaluated here, every run.
func (r *run) manifestHookSpecs() []hooks.Spec {
	f, err := r.finder()
	if err != nil {
		return nil // the config's error is reported by what needs it
	}
	if !anyDirExists(pluginDirs(f)) {
		// No plugin dir, no manifest hook: the common case of a user with
		// no plugins installed costs a stat per dir, no cache file.
		return nil
	}
	plugins, err := r.hookIndexFinder(f).HookPlugins(discovery.HookIndexPath(r.discoveryEnv()), r.dirScan)
	if err != nil {
		r.logger.Debug("hook index not used", "err", err)
	}
	var specs []hooks.Spec
	for _, p := range plugins {
		if r.pluginDisabled(p.Name) || p.Manifest.Unmet(r.host()) != nil {
			continue
		}
		for _, h := range p.Manifest.Hooks {
			specs = append(specs, r.specFromManifest(p, h))
		}
	}
	return specs
}

// hookIndexFinder returns the finder of the hook index: f's plugin dirs.
func (r *run) hookIndexFinder(f *discovery.Finder) *discovery.Finder {
	return &discovery.Finder{App: f.App, Dirs: pluginDirs(f), FS: f.FS, Taken: f.Taken}
}

// refreshHookIndex updates the hook index from the plugin dirs' scan a
// listing made anyway, so that listing picks up hooks a warm run cannot
// see (added in place to a manifest that had none).
func (r *run) refreshHookIndex() {
	f, err := r.finder()
	if err != nil || len(pluginDirs(f)) == 0 {
		return
	}
	if err := r.hookIndexFinder(f).RefreshHookIndex(discovery.HookIndexPath(r.discoveryEnv()), r.dirScan()); err != nil {
		r.logger.Debug("hook index not saved", "err", err)
	}
}

// pluginDirs returns the plugin dirs among f's directories (the ones
// before PATH's).
func pluginDirs(f *discovery.Finder) []discovery.Dir {
	n := 0
	for n < len(f.Dirs) && f.Dirs[n].Source == discovery.SourceDir {
		n++
	}
	return f.Dirs[:n]
}

// dirScan lists the plugin dirs once per run: for the hook index when it
// is stale, and as the first part of a listing's scan (see scan).
func (r *run) dirScan() *discovery.Scan {
	if r.dirScanned == nil {
		f, err := r.finder()
		if err != nil {
			return &discovery.Scan{}
		}
		r.dirScanned = r.hookIndexFinder(f).Scan()
	}
	return r.dirScanned
}

// specFromManifest completes a manifest's hook, decoded as a hooks.Spec,
// with what the plugin it comes from says.
func (r *run) specFromManifest(p *discovery.Plugin, h hooks.Spec) hooks.Spec {
	h.Plugin, h.Path, h.Description, h.Environ = p.Name, p.Path, p.Description(), r.hookEnviron(p)
	return h
}

// bindHooks returns the enabled hooks that match a command name, each a
// fresh value, and the ones that match but cannot be built.
func (r *run) bindHooks(name string) (bound []hookrun.Bound, problems []*hookrun.Failure) {
	src := r.hookSources()
	for _, c := range src.compiled {
		if c.Err != nil || !hookrun.MatchAny(c.Info.Commands, name) || r.pluginDisabled(c.Name) {
			continue
		}
		b, err := c.Build()
		if err != nil {
			problems = append(problems, &hookrun.Failure{Hook: c.Name, Phase: "before", Err: err})
			continue
		}
		bound = append(bound, b)
	}
	for _, s := range src.external {
		if !hookrun.MatchAny(s.Commands, name) || r.pluginDisabled(s.Name) || r.pluginDisabled(s.Plugin) {
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

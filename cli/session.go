package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"runtime/debug"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// session is what one run knows of the user's setup: the configuration,
// the plugin search path and the finder over it, resolved once, when the
// run opens it (openSession), and the scans of the plugin directories,
// made at most once each, only by a listing or a stale hook index.
type session struct {
	app    *App
	errOut io.Writer
	// io colours the "warning:" of the warnings printed on errOut.
	io *command.IOStreams
	// configFlag is the value of --config ("" when not given).
	configFlag string
	cfg        *discovery.Config
	// cfgErr is why the config could not be read; cfg is then empty.
	cfgErr error
	// taken reports the names compiled-in commands have (the finder's
	// Taken).
	taken func(string) bool
	// dirs are the plugin dirs and search the whole search path, PATH
	// included, built on first use (see pluginDirs and searchPath): a run
	// of a compiled-in command reads the plugin dirs for hooks, never
	// PATH.
	dirs, search *discovery.SearchPath
	finder       *discovery.Finder
	logger       *slog.Logger
	// lookPath finds an executable a plugin requires.
	lookPath func(string) (string, error)
	// getenv is the App's, as a func value made once: a listing checks
	// the requirements of every plugin with it.
	getenv func(string) string

	dirF                *discovery.Finder
	dirScanned, scanned *discovery.Scan
	// manifests is the manifest cache the scans use, opened by the first.
	manifests *discovery.ManifestCache
	// gcRaised is set when a listing raised the collector's setting (see
	// scan) from gcPercent, which close restores.
	gcRaised  bool
	gcPercent int
}

// openSession reads the configuration (from --config, $<APP>_CONFIG or the
// XDG default); the plugin search path, from it and the environment, is
// built when first needed. A missing default file is an empty
// configuration; a missing file the user named is one too, with a
// warning, so that "plugin disable" can create it. An unreadable config
// is kept as cfgErr: the runs that run a command fail with it (see
// checkConfig), help and completion go on without it.
func openSession(a *App, ios *command.IOStreams, configFlag string, taken func(string) bool) *session {
	errOut := ios.ErrOut
	s := &session{app: a, errOut: errOut, io: ios, configFlag: configFlag, taken: taken, logger: slog.New(slog.DiscardHandler), lookPath: exec.LookPath, getenv: a.getenv}
	path := discovery.ConfigPath(a.Name, a.envPrefix(), configFlag, a.getenv)
	s.cfg, s.cfgErr = discovery.LoadConfig(path)
	if s.cfgErr != nil {
		s.cfg = &discovery.Config{Path: path}
	} else if source := s.configSource(); source != "" {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(errOut, "%sconfig file %s (from %s) does not exist\n", warningPrefix(a.Name, ios), discovery.Escape(path), source)
		}
	}
	return s
}

// pluginSearch returns the plugin dirs: $<APP>_PLUGIN_PATH, the config's,
// the user's (see discovery.SearchDirs), built once.
func (s *session) pluginSearch() *discovery.SearchPath {
	if s.dirs == nil {
		sp := discovery.SearchDirs(s.discoveryEnv(), s.cfg.PluginDirs())
		s.dirs = &sp
	}
	return s.dirs
}

// searchPath returns the plugin dirs then PATH's, built once.
func (s *session) searchPath() *discovery.SearchPath {
	if s.search == nil {
		sp := s.pluginSearch().WithPATH(s.discoveryEnv())
		s.search = &sp
	}
	return s.search
}

// fullFinder returns the finder over the whole search path, built once.
func (s *session) fullFinder() *discovery.Finder {
	if s.finder == nil {
		s.finder = &discovery.Finder{App: s.app.Name, Dirs: s.searchPath().Dirs, FS: s.app.fsys, Taken: s.taken}
	}
	return s.finder
}

// checkConfig fails a run that will run a command when the config cannot
// be read: it may disable that very command, or a hook or formatter it
// uses, so going on would quietly re-enable what the user turned off. A
// listing (help, completion) goes on without it.
func (s *session) checkConfig(listing bool) error {
	if s.cfgErr != nil && !listing {
		return s.cfgErr
	}
	return nil
}

// config returns the user's configuration, or why it cannot be read.
func (s *session) config() (*discovery.Config, error) {
	return s.cfg, s.cfgErr
}

// configSource names where the user named the config file ("--config" or
// "$<APP>_CONFIG"), or "" for the default location.
func (s *session) configSource() string {
	switch {
	case s.configFlag != "":
		return "--config"
	case s.app.getenv(s.app.envPrefix()+"_CONFIG") != "":
		return "$" + s.app.envPrefix() + "_CONFIG"
	}
	return ""
}

// pluginDisabled reports whether the config disables the plugin called
// name; an unreadable config disables nothing (checkConfig has already
// failed every run that runs a command), and the default formatter is
// never disabled (plugin disable refuses it; an entry written by hand is
// ignored, as one for a plugin command is).
func (s *session) pluginDisabled(name string) bool {
	return s.cfgErr == nil && s.cfg.Disabled(name) && permanentPlugin(name) == ""
}

// find returns the plugin finder; an unreadable config is an error (it
// names file:line), as the config may name plugin dirs.
func (s *session) find() (*discovery.Finder, error) {
	if s.cfgErr != nil {
		return nil, s.cfgErr
	}
	return s.fullFinder(), nil
}

func (s *session) discoveryEnv() discovery.Env {
	return discovery.Env{App: s.app.Name, EnvPrefix: s.app.envPrefix(), Getenv: s.app.getenv}
}

// host is what plugin requirements are checked against.
func (s *session) host() discovery.Host {
	return discovery.Host{AppVersion: s.app.Version, Getenv: s.getenv, LookPath: s.lookPath}
}

// checkExternal returns why p must not run: an invalid manifest, disabled
// by the config, or unmet requirements; each names how to fix it.
func (s *session) checkExternal(p *discovery.Plugin) error {
	app := s.app.Name
	switch {
	case p.Invalid != nil:
		return fmt.Errorf("plugin %q is invalid: %w", p.Name, p.Invalid)
	case s.pluginDisabled(p.Name):
		return fmt.Errorf("%s %s is disabled; enable it with \"%s plugin enable %s\"", app, p.Name, app, p.Name)
	}
	if err := p.Manifest.Unmet(s.host()); err != nil {
		return fmt.Errorf("%s %s is unavailable: %w (see \"%s plugin show %s\")", app, p.Name, err, app, p.Name)
	}
	return nil
}

// enabledStatus is "disabled" when the config disables name, else
// "unavailable: reason" when unmet is not nil, else "enabled".
func (s *session) enabledStatus(name string, unmet error) string {
	switch {
	case s.pluginDisabled(name):
		return "disabled"
	case unmet != nil:
		return "unavailable: " + oneLine(unmet.Error())
	}
	return "enabled"
}

// pluginDirs returns the plugin dirs, the finder's directories before
// PATH's, without reading PATH.
func (s *session) pluginDirs() []discovery.Dir {
	return s.pluginSearch().Dirs
}

// dirFinder returns the finder over the plugin dirs alone, those that
// provide hooks (and the hook index): one for the run, which reads the
// hook index file once for its hooks and a listing's refresh.
func (s *session) dirFinder() *discovery.Finder {
	if s.dirF == nil {
		s.dirF = &discovery.Finder{App: s.app.Name, Dirs: s.pluginDirs(), FS: s.app.fsys, Taken: s.taken}
	}
	return s.dirF
}

// dirScan lists the plugin dirs, once: for the hook index when it is
// stale, and as the first part of a listing's scan (see scan).
func (s *session) dirScan() *discovery.Scan {
	if s.dirScanned == nil {
		f := s.dirFinder()
		f.Manifests = s.manifestCache()
		s.dirScanned = f.Scan()
	}
	return s.dirScanned
}

// manifestCache returns the manifest cache of the run's scans, reading it
// the first time: one open, and reads of its table and of the entries of
// the run's directories, for every manifest it holds of them. Only scans
// use it:
// a listing's, and the one a run makes of the plugin dirs when the hook
// cache must be rebuilt (once after a plugin dir changed), which then
// parses only the manifests that changed. A warm run never reads it, and
// only a listing writes it (saveManifestCache). Why it could not be used
// goes to the debug log, never to the user.
func (s *session) manifestCache() *discovery.ManifestCache {
	if s.manifests == nil {
		var err error
		s.manifests, err = s.fullFinder().OpenManifestCache(discovery.ManifestCachePath(s.discoveryEnv()))
		if err != nil {
			s.logger.Debug("manifest cache", "err", err)
		}
	}
	return s.manifests
}

// saveManifestCache writes the manifest cache when the scan changed it:
// once per listing that parsed a manifest it did not hold, or found one
// of its entries out of date.
func (s *session) saveManifestCache() {
	if s.manifests == nil {
		return
	}
	reused, parsed := s.manifests.Stats()
	s.logger.Debug("manifest cache", "reused", reused, "parsed", parsed, "changed", s.manifests.Changed())
	if err := s.manifests.Err(); err != nil {
		s.logger.Debug("manifest cache", "err", err)
	}
	if err := s.fullFinder().SaveManifestCache(s.manifests); err != nil {
		s.logger.Debug("manifest cache not saved", "err", err)
	}
}

// fresh returns p, found by a listing, with its manifest as read now: p
// itself unless its manifest came from the manifest cache. What a
// manifest makes run (completion by the plugin, a run of it from help)
// is decided by the file, never by the cache.
func (s *session) fresh(p *discovery.Plugin) *discovery.Plugin {
	return s.fullFinder().Fresh(p)
}

// scan lists the plugin dirs and PATH, once. It never runs a plugin.
func (s *session) scan() (*discovery.Scan, error) {
	if s.scanned != nil {
		return s.scanned, nil
	}
	f, err := s.find()
	if err != nil {
		return nil, err
	}
	// A listing allocates in proportion to the plugins it lists (their
	// entries, manifests and commands), nearly all of it alive until the
	// run ends soon after: collecting as often as a long-running program
	// would cost it a fifth of its time with 1,000 plugins, for little
	// memory saved. The setting is the run's (see close); one the user
	// set higher (or off, GOGC=off) is kept.
	if !s.gcRaised {
		if old := debug.SetGCPercent(listingGCPercent); old < 0 || old >= listingGCPercent {
			debug.SetGCPercent(old)
		} else {
			s.gcRaised, s.gcPercent = true, old
		}
	}
	rest := &discovery.Finder{App: f.App, Dirs: f.Dirs[len(s.pluginDirs()):], FS: f.FS, Taken: f.Taken, Manifests: s.manifestCache()}
	s.scanned = rest.Continue(s.dirScan())
	s.saveManifestCache()
	s.refreshHookIndex()
	return s.scanned, nil
}

// listingGCPercent is the collector's GOGC while a listing runs.
const listingGCPercent = 400

// close restores what the session changed of the process: the
// collector's setting, raised by a listing.
func (s *session) close() {
	if s.gcRaised {
		debug.SetGCPercent(s.gcPercent)
		s.gcRaised = false
	}
}

// refreshHookIndex updates the hook index from the plugin dirs' scan a
// listing made anyway, so that listing picks up hooks a warm run cannot
// see (added in place to a manifest that had none).
func (s *session) refreshHookIndex() {
	if len(s.pluginDirs()) == 0 {
		return
	}
	if err := s.dirFinder().RefreshHookIndex(discovery.HookIndexPath(s.discoveryEnv()), s.dirScan()); err != nil {
		s.logger.Debug("hook index not saved", "err", err)
	}
}

// externalByPath returns the scanned external plugin at path, or nil.
func (s *session) externalByPath(path string) *discovery.Plugin {
	if s.scanned == nil {
		return nil
	}
	for _, p := range s.scanned.Plugins {
		if p.Path == path {
			return p
		}
	}
	return nil
}

// sessionPlugins is the session as the output side sees it.
type sessionPlugins struct{ s *session }

func (p sessionPlugins) Disabled(name string) bool            { return p.s.pluginDisabled(name) }
func (p sessionPlugins) Scan() (*discovery.Scan, error)       { return p.s.scan() }
func (p sessionPlugins) Find() (*discovery.Finder, error)     { return p.s.find() }
func (p sessionPlugins) Check(plugin *discovery.Plugin) error { return p.s.checkExternal(plugin) }

package cli

import (
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/pluginexec"
)

// exitCannotExecute is the exit code for a plugin found but not runnable.
const exitCannotExecute = pluginexec.ExitCannotExecute

// runExternal runs an external command between the hooks that match it:
// replacing the app's process when nothing has to run after it, else as a
// child (see pluginexec.Handler.Run).
func (r *run) runExternal(call *externalCall) error {
	p := call.plugin
	if err := r.sess.checkExternal(p); err != nil {
		return err
	}
	if err := r.checkExternalAliases(p); err != nil {
		return err
	}
	// The arguments are counted, never logged: they may hold secrets.
	r.log.logger.Debug("running external plugin", "plugin", p.Name, "path", p.Path, "nargs", len(call.args))
	var hs *hookSet
	if !asksHelp(call.args) {
		// Help is no run: no hook runs around it, as for a compiled-in
		// command, and a veto cannot hide the plugin's help.
		hs = r.hooks.externalHooks(p)
	}
	kind := structuredKind(p, call.args)
	// Hooks and a structured plugin's reader run in this process, and
	// stop at a signal; a plain plugin replaces the process, or runs as a
	// child that the signals are forwarded to.
	if err := r.startExternal(hs != nil || kind != 0); err != nil {
		// The run was cancelled during start-up: the plugin does not run.
		return err
	}
	if kind != 0 {
		return r.runStructured(call, kind, hs)
	}
	run := func() error {
		return r.plugins().Run(r.ctx, pluginexec.Call{
			Path: p.Path, Args: call.args, Env: r.pluginEnv(p), IO: r.io,
			Child:      r.needsChild(hs),
			BeforeExec: r.close,
		})
	}
	if hs == nil {
		// No hook: nothing reads the invocation (its flag set, logger).
		return run()
	}
	return r.runner.runHooked(hs, r.externalInvocation(p, call.args), run)
}

// startExternal ends start-up for an external plugin or shell alias:
// inProcess says whether anything of the run goes on in this process,
// which then stops at a signal (see pluginexec.Handler.GuardStartup).
func (r *run) startExternal(inProcess bool) error {
	if inProcess {
		return r.started()
	}
	return r.startup.HandOff(r.ctx)
}

// needsChild reports whether the plugin must run as a child process
// because something has to run after it (after-hooks, structured output)
// or the interactive shell has to get its prompt back. Otherwise the app
// replaces itself with the plugin where the platform allows.
func (r *run) needsChild(hs *hookSet) bool {
	return r.app.PluginsAsChild || r.inShell || hs.runsAfter()
}

// plugins returns what runs the run's plugins: the App's handler, if a
// test injected one, else the operating system's.
func (r *run) plugins() *pluginexec.Handler {
	if r.app.pluginExec != nil {
		return r.app.pluginExec
	}
	return &pluginexec.Handler{}
}

// pluginEnv is the environment of an external plugin: the app's own plus
// the documented <APP>_* variables.
func (r *run) pluginEnv(p *discovery.Plugin) []string {
	return r.plugins().Env(r.pluginVars(p))
}

// pluginVars are the documented variables plugin p receives.
func (r *run) pluginVars(p *discovery.Plugin) pluginexec.EnvVars {
	verbosity := r.opts.verbose
	switch {
	case r.opts.debug:
		verbosity = 3
	case r.opts.quiet:
		verbosity = -1
	}
	v := pluginexec.EnvVars{
		Prefix:    r.app.envPrefix(),
		Name:      p.Name,
		Config:    discovery.ConfigPath(r.app.Name, r.app.envPrefix(), r.opts.config, r.app.getenv),
		Verbosity: verbosity,
	}
	if f := r.tree.givenGlobal(formatFlag); f != nil {
		v.Format = f.Value.String()
	}
	return v
}

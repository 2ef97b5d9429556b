// Package pluginexec runs external plugins for a Longshore App: it replaces
// the app's process with a plugin (exec) or runs the plugin as a child,
// forwards the signals the app receives so that the plugin gets each one
// once, and turns how the plugin ended into the app's exit code.
//
// Everything it asks of the operating system goes through fields of a
// [Handler] (a [Runner] for exec and start, the environment, os.Executable,
// exec.LookPath, signal notification, the terminal's foreground group and
// the platform), so the decisions (exec or child, 126, 128+N, the plugin's
// environment, which signal is forwarded) are tested without starting a
// process. kubectl's PluginHandler is the model: finding the plugin is the
// discovery package's Finder, running it is this package's Handler.
//
// The flow of one plugin run:
//
//  1. the caller builds the plugin's environment with [Handler.Env];
//  2. [Handler.Run] replaces the process when the plugin may (Unix, and no
//     Call.Child), else starts it as a child with the app's streams and
//     waits, forwarding signals; [Handler.Start] starts a child whose
//     standard output the app reads (structured output);
//  3. the result is nil, or a *command.ExitError: the plugin's own code,
//     128+N when signal N killed it, 126 when it could not be executed;
//     a [*Stopped] error when a signal stopped the app before the plugin
//     started.
package pluginexec

// Package hooks lets a plugin extend a command it does not own: add flags and
// help text to it, run before it (and veto it), transform its result before
// it is formatted, and run after it seeing the outcome. It follows cliff's
// CommandHook and virtualenvwrapper's hooks with the iterator pattern: every
// hook that matches a command takes part, in a deterministic order.
//
// A hook is a value implementing [Hook]; what it can do beyond describing
// itself is found by type assertion: [command.FlagDeclarer], [Epiloguer],
// [Beforer], [TableTransformer], [RecordTransformer], [Afterer]. Compiled-in
// hooks register for an App by its name with [Register] (or the App's
// AddHook); an external hook, a process run by the App, is described by a
// [Spec] (a plugin manifest's hooks entry, or the App's AddExternalHook). A hook attached to "*" takes part in
// every command: it is the App's lifecycle (cliff's prepare_to_run_command
// is its Before, clean_up its After).
//
// The life of a hook for one invocation of a command it matches:
//
//  1. construct: the registered constructor returns a fresh value for the
//     command (the App binds hooks only to the command a run is for);
//  2. flags: its FlagDeclarer adds flags to that command (only there);
//  3. help: its Epilog is appended to that command's help;
//  4. before: Before hooks run in order (priority, then name); an error
//     vetoes the command, [ErrStop] ends it successfully;
//  5. transform: a lister's table or a shower's record passes through the
//     transformers in the same order before it is formatted;
//  6. after: After hooks run in reverse order, like deferred calls, and see
//     an [Outcome]: exit code, error and a summary of the result.
//
// This package is the hook author's API; the App runs hooks with its
// internal runner, and prints and picks exit codes itself. It imports
// command for the [command.Invocation] hooks receive.
package hooks

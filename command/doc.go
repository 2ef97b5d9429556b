// Package command is Longshore's command API and its compiled-in plugin
// registry.
//
// A command is a value that describes itself ([Command]) and does one of three
// kinds of work, after cliff's Command, Lister and ShowOne:
//
//   - a [Runner] runs and returns an error or nil;
//   - a [Lister] returns column names and a row iterator, so rows can stream;
//   - a [Shower] returns one record: field names and values.
//
// Capabilities beyond that are optional interfaces found by type assertion:
// [FlagDeclarer] adds flags, [AvailabilityChecker] disables the command for a
// run when something it needs is missing (reading the run's [Env]), [ColumnDeclarer] names a lister's
// columns before it runs (for completion), [ArgCompleter] offers candidates for
// its positional arguments (Info.ArgKind covers files and directories).
//
// The life of one command, as the App drives it:
//
//  1. resolve: the App matches the command words against the registry;
//  2. construct: the registered constructor returns a fresh value;
//  3. flags: its FlagDeclarer and the hooks attached to it add flags;
//  4. parse: flags and positional arguments are parsed and checked;
//  5. availability: an AvailabilityChecker may refuse with a reason;
//  6. before: before-hooks run and may veto;
//  7. run: Run, List or Show is called with an [Invocation];
//  8. format: a lister's rows or a shower's record go to the -f formatter;
//  9. after: after-hooks run and see the outcome.
//
// Every call into a plugin goes through [Guard], so a panic becomes a
// [PanicError] naming the plugin.
//
// [Register] adds a command for an App, by the App's name, from an init
// function: a blank import of the package is its installation. Its
// constructor is typed (func() Command), so a constructor of another kind
// does not compile; assert each optional capability too:
//
//	var _ command.FlagDeclarer = (*hello)(nil)
//
// The hooks and formatters packages import this one for the
// [Invocation] their plugins receive and the panic guard.
package command

package hooks

import (
	"context"
	"errors"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/registry"
)

// Hook is the one interface every hook implements: it says which commands it
// attaches to and how it takes part.
type Hook interface {
	Info() Info
}

// Info is what a hook tells the App about itself.
type Info struct {
	// Commands are the command names or patterns the hook attaches to:
	// "files list", "files *" (every command under files), "*" (every
	// command). A final "*" matches one or more words; any other word is
	// a command word or a shell glob (path.Match) over a-z, 0-9 and "-"
	// for exactly one word ("files l*", "* list", "[^s]*").
	Commands []string
	// Priority orders the hooks of a command: lower runs earlier before the
	// command and later after it. Hooks of equal priority go by name.
	Priority int
	// Required makes a failure of the hook a failure of the command: a
	// required hook that breaks before the command vetoes it, and one that
	// fails after a successful command makes the exit code 1.
	Required bool
	// Description is the one-line summary shown by `plugin list`.
	Description string
}

// Beforer is a hook that runs before the command, with its parsed flags and
// arguments. A returned error vetoes the command: it does not run and the
// App exits 1 with "<app>: error: hook <name>: <error>". [ErrStop] (or an
// error wrapping it) ends the command successfully instead: it does not run
// and the App exits 0. A panic is not a veto but a breakage (see [Broken]).
type Beforer interface {
	Before(ctx context.Context, inv *command.Invocation) error
}

// Afterer is a hook that runs after the command, successful or not. An error
// is reported by name; it changes the exit code only when the hook is
// Required and the command succeeded.
type Afterer interface {
	After(ctx context.Context, inv *command.Invocation, out *Outcome) error
}

// Epiloguer is a hook that adds text at the end of the help of each command
// it attaches to.
type Epiloguer interface {
	Epilog() string
}

// TableTransformer is a hook that changes a lister's result before it is
// formatted. It returns the table to format: the same one, or a new one
// whose Rows wrap t.Rows. To keep output streaming, wrap the iterator
// (see [MapRows] and [AddColumn]) rather than collecting the rows.
type TableTransformer interface {
	TransformTable(ctx context.Context, inv *command.Invocation, t *command.Table) (*command.Table, error)
}

// RecordTransformer is a hook that changes a shower's record before it is
// formatted: it may add, remove or change fields.
type RecordTransformer interface {
	TransformRecord(ctx context.Context, inv *command.Invocation, rec *command.Record) (*command.Record, error)
}

// Outcome is what after-hooks see of the command's run.
type Outcome struct {
	// ExitCode is the code the App exits with if no required hook fails.
	ExitCode int
	// Err is the command's error (or a before-hook's veto), nil on success.
	Err error
	// Ran reports whether the command itself ran (false after a veto).
	Ran bool
	// Columns are a lister's columns as formatted, after transforms.
	Columns []string
	// Rows is the number of rows a lister's formatter received. Rows are
	// not kept, so that output streams in constant memory.
	Rows int
	// Record is a shower's record as formatted, after transforms.
	Record *command.Record
}

// ErrStop, returned (or wrapped) by a before-hook, ends the command
// successfully without running it: nothing is printed and the App exits 0.
// It is how a hook such as --dry-run says "done". The after-hooks still
// run, the stopping hook's own included, and see [Outcome].Err wrapping
// ErrStop, ExitCode 0 and Ran false.
var ErrStop = errors.New("stopped by a hook")

// Register adds a compiled-in hook for the App called app (the name given
// to cli.New, e.g. "todo") under the hook's own name, which `plugin list`,
// the config's disabled list and error messages use. It is meant for init
// functions and panics on a duplicate name, a nil constructor, an empty
// name or an optional method whose name is a capability's (Flags, Before,
// After, Epilog, TransformTable, TransformRecord) but whose signature is
// not, which the App would never call.
//
// A hook registered for an app name that no App in the program has is
// reported by `plugin list`, --debug and the test kit, cli/clitest.
func Register(app, name string, newFn func() Hook) {
	registry.Must(compiled.Add(app, name, newFn, registry.Caller(1)))
}

// compiled is the registry of compiled-in hooks; cli reads it.
var compiled = func() *registry.Registry[Hook] {
	r := registry.Of[Hook]("hook")
	r.Check = func(name string, newFn func() Hook) (string, error) {
		return name, registry.CheckNew(newFn, hookCapabilities)
	}
	return r
}()

// hookCapabilities are the optional methods of a hook.
var hookCapabilities = []registry.Capability{
	registry.Cap[command.FlagDeclarer]("Flags"),
	registry.Cap[Beforer]("Before"),
	registry.Cap[Afterer]("After"),
	registry.Cap[Epiloguer]("Epilog"),
	registry.Cap[TableTransformer]("TransformTable"),
	registry.Cap[RecordTransformer]("TransformRecord"),
}

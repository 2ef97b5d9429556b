// Package formatters holds Longshore's output drivers: one formatter is chosen
// per run with -f and renders a lister's rows or a shower's record.
//
// A driver is small: a [Formatter] has a name and implements [ListFormatter],
// [RecordFormatter] or both. Capabilities beyond that are optional
// interfaces found by type assertion:
//
//   - [KindFlagDeclarer] adds the formatter's own flags (e.g. --quote) to the
//     commands whose kind of output it renders;
//   - [Preparer] receives the run's environment (terminal, env vars) and
//     checks its flag values before any row is read.
//
// The life of a formatter in one run:
//
//  1. the App constructs one value per formatter for each lister or shower
//     command and lets each declare its flags (so help shows them);
//  2. flags are parsed; the formatter named by -f is picked;
//  3. Prepare is called, if implemented; an error is a usage error;
//  4. the common options ([Options]: -c, --sort-column, ...) are applied;
//  5. FormatList or FormatRecord writes the output.
//
// Values follow the rules of [Text] in text formats and keep their native
// types in json and yaml; see [Formattable] for values that render
// differently for people and programs.
//
// Third-party formatters register for an App by its name with [Register]
// (or the App's AddFormatter). The package imports command for the panic
// guard and the row iterators.
package formatters

import (
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/internal/registry"
)

// Formatter is a driver chosen with -f. It implements ListFormatter,
// RecordFormatter or both.
type Formatter interface {
	// Name is what the user types after -f.
	Name() string
}

// ListFormatter renders columns and rows. It should write each row as it
// arrives unless its format needs them all (tables). When rows yields an
// error, the formatter writes what it has, then returns that error.
type ListFormatter interface {
	Formatter
	FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error
}

// RecordFormatter renders one record of named fields.
type RecordFormatter interface {
	Formatter
	FormatRecord(w io.Writer, fields []string, values []any) error
}

// Kind is the kind of output a command produces.
type Kind int

// The kinds of output.
const (
	// List is a lister's columns and rows.
	List Kind = iota + 1
	// Record is a shower's fields and values.
	Record
)

func (k Kind) String() string {
	if k == Record {
		return "record"
	}
	return "list"
}

// KindFlagDeclarer is implemented by formatters that take flags. Flags is
// called once per command that produces output of kind, on a fresh value;
// binding the flags to the value's own fields is the usual way to receive
// them. A formatter declares only the flags that apply to kind. "<APP>" in
// a usage text is replaced by the App's environment variable prefix.
//
// It is not [command.FlagDeclarer]: a formatter's Flags also takes the
// kind. A formatter whose Flags has the command's signature is refused at
// registration; assert the interface to catch it at compile time:
//
//	var _ formatters.KindFlagDeclarer = (*HTML)(nil)
type KindFlagDeclarer interface {
	Flags(fs *pflag.FlagSet, kind Kind)
}

// WidthDeclarer is implemented by list formatters that size columns (the
// table): DeclareWidths is called before FormatList with the display width,
// in terminal cells, that the lister declares for each column to be
// rendered, in their order; 0 is a column without a declared width. See
// command.Table.Widths.
type WidthDeclarer interface {
	DeclareWidths(widths []int)
}

// ChoicesAnnotation is the pflag annotation that lists a flag's valid
// values, for shell completion: fs.SetAnnotation("quote", ChoicesAnnotation,
// []string{"all", "none"}). A formatter flag without it completes nothing
// (never file names).
const ChoicesAnnotation = "longshore_choices"

// Describer is implemented by formatters that describe themselves in one
// line, for `plugin list` and `plugin show`.
type Describer interface {
	Description() string
}

// Env is what a formatter may need to know about the run beyond its flags.
type Env struct {
	// Prefix is the app's environment variable prefix, e.g. "DEMOAPP".
	Prefix string
	// Getenv reads an environment variable.
	Getenv func(string) string
	// OutIsTerminal reports whether the output is a terminal.
	OutIsTerminal bool
	// TerminalWidth is the width of that terminal, or 0.
	TerminalWidth int
	// Color reports whether the output may be coloured, as the App decided
	// it from the terminal, --color and the environment; only the table
	// uses it, for its header.
	Color bool
	// ErrOut receives diagnostics, such as an external formatter's stderr.
	ErrOut io.Writer
	// Kind is the kind of output about to be rendered.
	Kind Kind
}

// getenv reads name with the App's prefix ("<PREFIX>_<name>").
func (e Env) getenv(name string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(e.Prefix + "_" + name)
}

// Preparer is implemented by formatters that need the run's environment or
// that check their flag values. Prepare is called after flags are parsed and
// before any output; an error is reported as a usage error.
type Preparer interface {
	Prepare(env Env) error
}

// Register adds a compiled-in formatter for the App called app (the name
// given to cli.New, e.g. "todo") under name, what the user types after -f.
// It is meant for init functions and panics on a programming error: a nil
// constructor, a duplicate name (a built-in's included), naming both
// registrants, or an optional method whose name is a capability's (Flags,
// Prepare, Description, FormatList, FormatRecord) but whose signature is
// not, which the App would never call.
//
// A formatter registered for an app name that no App in the program has is
// reported by `plugin list`, --debug and the test kit, cli/clitest.
func Register(app, name string, newFn func() Formatter) {
	registry.Must(compiled.Add(app, name, newFn, registry.Caller(1)))
}

// builtinRegistrant names the registrant of the built-in formatters.
var builtinRegistrant = registry.Named("github.com/longshore/longshore/formatters (built in)")

// compiled is the registry of compiled-in formatters.
var compiled = func() *registry.Registry[Formatter] {
	r := registry.Of[Formatter]("formatter")
	r.Check = func(name string, newFn func() Formatter) (string, error) {
		if _, ok := builtins[name]; ok {
			return "", fmt.Errorf("the name is taken by the built-in formatter %q (%s)", name, builtinRegistrant)
		}
		return name, registry.CheckNew(newFn, formatterCapabilities)
	}
	return r
}()

// formatterCapabilities are the optional methods of a formatter.
var formatterCapabilities = []registry.Capability{
	registry.Cap[KindFlagDeclarer]("Flags"),
	registry.Cap[Preparer]("Prepare"),
	registry.Cap[Describer]("Description"),
	registry.Cap[ListFormatter]("FormatList"),
	registry.Cap[RecordFormatter]("FormatRecord"),
}

// builtins are the built-in formatters, which every App has.
var builtins = map[string]func() Formatter{
	"table":    func() Formatter { return &Table{} },
	"csv":      func() Formatter { return &CSV{} },
	"json":     func() Formatter { return &JSON{} },
	"jsonl":    func() Formatter { return &JSONL{} },
	"yaml":     func() Formatter { return &YAML{} },
	"value":    func() Formatter { return &Value{} },
	"markdown": func() Formatter { return &Markdown{} },
	"template": func() Formatter { return &Template{} },
	"shell":    func() Formatter { return &Shell{} },
}

func init() {
	for name, newFn := range builtins {
		compiled.AddBuiltin(name, newFn, builtinRegistrant)
	}
}

// UnknownError reports a formatter or column name that is not valid here;
// the App reports it as a usage error.
type UnknownError struct {
	// What is "formatter", "column" or "field".
	What string
	// Name is the name given.
	Name string
	// Valid are the valid names, in a stable order.
	Valid []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown %s %q (valid: %s)", e.What, e.Name, strings.Join(e.Valid, ", "))
}

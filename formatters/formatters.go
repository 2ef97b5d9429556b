// Package formatters holds Longshore's output drivers: one formatter is chosen
// per run with -f and renders a lister's rows or a shower's record.
//
// It imports command only for the shared compiled-in registry, in which
// third-party formatters register under "<app>.formatters".
package formatters

import (
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"

	"github.com/longshore/longshore/command"
)

// Formatter is a driver chosen with -f. It implements ListFormatter,
// RecordFormatter or both.
type Formatter interface {
	// Name is what the user types after -f.
	Name() string
}

// ListFormatter renders columns and rows. It should write each row as it
// arrives unless its format needs them all (tables, sorting).
type ListFormatter interface {
	Formatter
	FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error
}

// RecordFormatter renders one record of named fields.
type RecordFormatter interface {
	Formatter
	FormatRecord(w io.Writer, fields []string, values []any) error
}

// Register adds a compiled-in formatter to the default registry under
// namespace (conventionally "<app>.formatters"). It is meant for init
// functions and panics on a duplicate or nil constructor.
func Register(namespace, name string, newFn func() Formatter) {
	if newFn == nil {
		command.MustAdd(command.Default, namespace, name, nil, command.Caller(1))
		return
	}
	command.MustAdd(command.Default, namespace, name, newFn, command.Caller(1))
}

var builtins = map[string]func() Formatter{
	"table": func() Formatter { return &Table{} },
}

// Set is the formatters available to one App: the built-ins and those
// registered under its namespace.
type Set struct {
	drivers map[string]func() Formatter
}

// NewSet returns the built-ins plus the formatters found in reg under
// namespace. A registered name equal to a built-in's replaces it.
func NewSet(reg *command.Registry, namespace string) *Set {
	s := &Set{drivers: map[string]func() Formatter{}}
	for n, f := range builtins {
		s.drivers[n] = f
	}
	if reg != nil {
		for _, e := range reg.Entries(namespace) {
			if f, ok := e.New.(func() Formatter); ok {
				s.drivers[e.Name] = f
			}
		}
	}
	return s
}

// Names returns the formatter names, sorted.
func (s *Set) Names() []string {
	names := make([]string, 0, len(s.drivers))
	for n := range s.drivers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns a fresh formatter by name, or an error listing the valid names.
func (s *Set) New(name string) (Formatter, error) {
	f, ok := s.drivers[name]
	if !ok {
		return nil, fmt.Errorf("unknown formatter %q (valid: %s)", name, strings.Join(s.Names(), ", "))
	}
	return f(), nil
}

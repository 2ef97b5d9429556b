// Package formatset is the set of formatters one App has: the built-ins
// and those registered for it or added to it, by name, each built fresh
// and guarded.
package formatset

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/registry"
)

// Set is the formatters available to one App.
type Set struct {
	drivers map[string]func() formatters.Formatter
}

// New returns the built-ins plus the formatters registered for app and
// extra, those the App added itself (checked by the App against the
// registry's).
func New(app string, extra []registry.Entry[formatters.Formatter]) *Set {
	reg := registry.Of[formatters.Formatter]("formatter")
	s := &Set{drivers: map[string]func() formatters.Formatter{}}
	for _, list := range [][]registry.Entry[formatters.Formatter]{reg.Entries(registry.Builtin), reg.Entries(app), extra} {
		for _, e := range list {
			s.drivers[e.Name] = e.New
		}
	}
	return s
}

// Builtins returns the names of the built-in formatters, sorted.
func Builtins() []string {
	var names []string
	for _, e := range registry.Of[formatters.Formatter]("formatter").Entries(registry.Builtin) {
		names = append(names, e.Name)
	}
	return names
}

// Has reports whether name is a built-in or compiled-in formatter.
func (s *Set) Has(name string) bool {
	_, ok := s.drivers[name]
	return ok
}

// Sorted returns the names of every formatter of the set, sorted,
// constructing none.
func (s *Set) Sorted() []string {
	names := make([]string, 0, len(s.drivers))
	for n := range s.drivers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Names returns the names of the formatters that render kind (any kind
// when kind is 0), sorted. It constructs each formatter to ask; a
// constructor that panics is left out.
func (s *Set) Names(kind formatters.Kind) []string {
	var names []string
	for n := range s.drivers {
		f, err := s.New(n)
		if err == nil && (kind == 0 || Renders(f, kind)) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Description returns the one-line description of the formatter called
// name, or "" when it has none.
func (s *Set) Description(name string) string {
	f, err := s.New(name)
	if err != nil {
		return ""
	}
	if d, ok := f.(formatters.Describer); ok {
		return d.Description()
	}
	return ""
}

// New returns a fresh formatter by name, guarding its constructor.
func (s *Set) New(name string) (formatters.Formatter, error) {
	newFn, ok := s.drivers[name]
	if !ok {
		return nil, fmt.Errorf("unknown formatter %q", name)
	}
	plugin := "formatter " + strconv.Quote(name)
	return command.GuardValue(plugin, func() (formatters.Formatter, error) {
		f := newFn()
		if f == nil {
			return nil, fmt.Errorf("%s: constructor returned nil", plugin)
		}
		return f, nil
	})
}

// Renders reports whether f renders output of kind.
func Renders(f formatters.Formatter, kind formatters.Kind) bool {
	switch kind {
	case formatters.List:
		_, ok := f.(formatters.ListFormatter)
		return ok
	case formatters.Record:
		_, ok := f.(formatters.RecordFormatter)
		return ok
	}
	return false
}

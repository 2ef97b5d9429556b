package formatters

import (
	"fmt"
	"sort"
)

// The tests reach the built-in formatters directly; the App reaches them
// through internal/formatset.

// Builtins returns the names of the built-in formatters, sorted.
func Builtins() []string {
	names := make([]string, 0, len(builtins))
	for n := range builtins {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Renders reports whether f renders output of kind.
func Renders(f Formatter, kind Kind) bool {
	switch kind {
	case List:
		_, ok := f.(ListFormatter)
		return ok
	case Record:
		_, ok := f.(RecordFormatter)
		return ok
	}
	return false
}

// builtinSet is the built-ins by name.
type builtinSet struct{}

// NewSet returns the built-in formatters.
func NewSet(string, any) builtinSet { return builtinSet{} }

func (builtinSet) New(name string) (Formatter, error) {
	newFn, ok := builtins[name]
	if !ok {
		return nil, fmt.Errorf("unknown formatter %q", name)
	}
	return newFn(), nil
}

func (s builtinSet) Names(kind Kind) []string {
	var names []string
	for _, n := range Builtins() {
		if f, _ := s.New(n); kind == 0 || Renders(f, kind) {
			names = append(names, n)
		}
	}
	return names
}

func (s builtinSet) Description(name string) string {
	f, err := s.New(name)
	if err != nil {
		return ""
	}
	if d, ok := f.(Describer); ok {
		return d.Description()
	}
	return ""
}

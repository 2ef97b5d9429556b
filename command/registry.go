package command

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Entry is one registration in a [Registry].
type Entry struct {
	// Namespace is the plugin kind's namespace, e.g. "demoapp.commands".
	Namespace string
	// Name is the plugin's name; for commands its words joined by one space.
	Name string
	// New constructs the plugin. Its type depends on the namespace: a
	// func() Command for commands, the hooks and formatters packages define
	// theirs.
	New any
	// Registrant says who registered the entry, as file:line.
	Registrant string
}

// Registry holds compiled-in plugins keyed by namespace and name. The zero
// value is empty and ready to use; it is safe for concurrent use.
type Registry struct {
	mu      sync.RWMutex
	entries map[string]map[string]Entry
}

// Default is the process-wide registry that init functions fill.
var Default = &Registry{}

// DuplicateError reports a second registration of the same name.
type DuplicateError struct {
	// Namespace and Name are the registration both registrants wanted.
	Namespace, Name string
	// First and Second are the registrants, as file:line.
	First, Second string
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%s %q registered twice: by %s and by %s", e.Namespace, e.Name, e.First, e.Second)
}

// Add registers a constructor under namespace and name. It fails on an empty
// namespace, a nil constructor, an invalid command name (in a namespace ending
// in ".commands") or a duplicate, naming both registrants.
func (r *Registry) Add(namespace, name string, newFn any, registrant string) error {
	if namespace == "" {
		return fmt.Errorf("register %q: empty namespace", name)
	}
	if newFn == nil {
		return fmt.Errorf("register %s %q: nil constructor", namespace, name)
	}
	if strings.HasSuffix(namespace, ".commands") {
		words, err := SplitName(name)
		if err != nil {
			return fmt.Errorf("register %s: %w", namespace, err)
		}
		name = strings.Join(words, " ")
	} else if name == "" {
		return fmt.Errorf("register %s: empty name", namespace)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.entries == nil {
		r.entries = map[string]map[string]Entry{}
	}
	ns := r.entries[namespace]
	if ns == nil {
		ns = map[string]Entry{}
		r.entries[namespace] = ns
	}
	if old, ok := ns[name]; ok {
		return &DuplicateError{Namespace: namespace, Name: name, First: old.Registrant, Second: registrant}
	}
	ns[name] = Entry{Namespace: namespace, Name: name, New: newFn, Registrant: registrant}
	return nil
}

// Entries returns the registrations of one namespace sorted by name.
func (r *Registry) Entries(namespace string) []Entry {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Entry, 0, len(r.entries[namespace]))
	for _, e := range r.entries[namespace] {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the registration of name in namespace.
func (r *Registry) Lookup(namespace, name string) (Entry, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.entries[namespace][name]
	return e, ok
}

// Register adds a command constructor to the [Default] registry under
// namespace (conventionally "<app>.commands") and its words, e.g.
// "files list". It is meant for init functions and panics on a programming
// error: a bad name, a nil constructor or a duplicate, naming both
// registrants.
func Register(namespace, name string, newFn func() Command) {
	if newFn == nil {
		MustAdd(Default, namespace, name, nil, Caller(1))
		return
	}
	MustAdd(Default, namespace, name, newFn, Caller(1))
}

// MustAdd is [Registry.Add] that panics on error, for init-time registration
// helpers of other plugin kinds.
func MustAdd(r *Registry, namespace, name string, newFn any, registrant string) {
	if err := r.Add(namespace, name, newFn, registrant); err != nil {
		panic("longshore: " + err.Error())
	}
}

// Caller returns "file:line" of the caller skip frames above its own caller,
// for use as a registrant.
func Caller(skip int) string {
	_, file, line, ok := runtime.Caller(skip + 1)
	if !ok {
		return "unknown"
	}
	return fmt.Sprintf("%s:%d", file, line)
}

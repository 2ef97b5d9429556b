// Package registry holds Longshore's compiled-in plugins: one typed registry
// per plugin kind (commands, hooks, formatters), each keyed by the name of
// the App that reads it and the plugin's name. The command, hooks and
// formatters packages register into it from init functions; the App reads
// its own app's entries. It also remembers which app names an App has
// claimed, so that a registration no App reads (a misspelt or renamed app)
// can be reported.
package registry

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Entry is one registration of a plugin of kind T.
type Entry[T any] struct {
	// App is the name of the App the plugin is for, e.g. "todo".
	App string
	// Name is the plugin's name; for commands its words joined by one space.
	Name string
	// New constructs a fresh value of the plugin.
	New func() T
	// Registrant says who registered the entry: its String is file:line.
	Registrant Site
}

// Registry holds the compiled-in plugins of one kind. It is safe for
// concurrent use.
type Registry[T any] struct {
	kind string
	// Check normalises and checks a registration's name and constructor
	// (the command's words, its optional methods); the plugin kind's
	// package sets it. Add calls it, and so does an App's own Add method.
	Check   func(name string, newFn func() T) (string, error)
	mu      sync.RWMutex
	entries map[string]map[string]Entry[T]
}

// DuplicateError reports a second registration of the same name.
type DuplicateError struct {
	// Kind is the plugin kind: "command", "hook" or "formatter".
	Kind string
	// App and Name are the registration both registrants wanted.
	App, Name string
	// First and Second are the registrants, as file:line.
	First, Second string
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%s %q of app %q registered twice: by %s and by %s", e.Kind, e.Name, e.App, e.First, e.Second)
}

var (
	mu     sync.Mutex
	byType = map[reflect.Type]any{}
	// all lists every registry, in creation order, for Unclaimed.
	all []lister
	// claimed holds the app names an App was created with.
	claimed = map[string]bool{}
)

// lister is what Unclaimed needs of a registry of any kind.
type lister interface {
	unclaimed(claimed map[string]bool) []Stray
}

// Of returns the process-wide registry of plugins of type T, named kind in
// messages ("command", "hook", "formatter"). Every call with the same T
// returns the same registry.
func Of[T any](kind string) *Registry[T] {
	mu.Lock()
	defer mu.Unlock()
	t := reflect.TypeFor[T]()
	if r, ok := byType[t]; ok {
		return r.(*Registry[T])
	}
	r := &Registry[T]{kind: kind}
	byType[t] = r
	all = append(all, r)
	return r
}

// Kind returns the plugin kind the registry holds, e.g. "command".
func (r *Registry[T]) Kind() string { return r.kind }

// Add registers newFn under app and name after [Registry.Entry] has
// checked them. It fails on a bad registration or a duplicate, naming both
// registrants.
func (r *Registry[T]) Add(app, name string, newFn func() T, registrant Site) error {
	e, err := r.Entry(app, name, newFn, registrant)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.entries == nil {
		r.entries = map[string]map[string]Entry[T]{}
	}
	ns := r.entries[app]
	if ns == nil {
		ns = map[string]Entry[T]{}
		r.entries[app] = ns
	}
	if old, ok := ns[e.Name]; ok {
		return &DuplicateError{Kind: r.kind, App: app, Name: e.Name, First: old.Registrant.String(), Second: registrant.String()}
	}
	ns[e.Name] = e
	return nil
}

// Entry checks a registration without adding it, for an App's own list:
// an empty app or name, a nil constructor, and what the kind's Check finds.
// The entry it returns has the normalised name.
func (r *Registry[T]) Entry(app, name string, newFn func() T, registrant Site) (Entry[T], error) {
	if err := CheckApp(app); err != nil {
		return Entry[T]{}, fmt.Errorf("register %s %q: %w", r.kind, name, err)
	}
	if name == "" {
		return Entry[T]{}, fmt.Errorf("register %s of app %q: empty name", r.kind, app)
	}
	if newFn == nil {
		return Entry[T]{}, fmt.Errorf("register %s %q of app %q: nil constructor", r.kind, name, app)
	}
	if r.Check != nil {
		n, err := r.Check(name, newFn)
		if err != nil {
			return Entry[T]{}, fmt.Errorf("register %s %q of app %q (%s): %w", r.kind, name, app, registrant, err)
		}
		name = n
	}
	return Entry[T]{App: app, Name: name, New: newFn, Registrant: registrant}, nil
}

// Entries returns the registrations for app, sorted by name.
func (r *Registry[T]) Entries(app string) []Entry[T] {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Entry[T], 0, len(r.entries[app]))
	for _, e := range r.entries[app] {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entry[T]) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Lookup returns the registration of name for app.
func (r *Registry[T]) Lookup(app, name string) (Entry[T], bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.entries[app][name]
	return e, ok
}

// unclaimed returns the registrations under app names not in claimed.
func (r *Registry[T]) unclaimed(claimed map[string]bool) []Stray {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []Stray
	for app, ns := range r.entries {
		if claimed[app] || app == Builtin {
			continue
		}
		for _, e := range ns {
			out = append(out, Stray{Kind: r.kind, App: app, Name: e.Name, Registrant: e.Registrant.String()})
		}
	}
	return out
}

// Stray is a registration for an app name no App has claimed.
type Stray struct {
	// Kind, App and Name say what was registered and for which app.
	Kind, App, Name string
	// Registrant is the registration's file:line.
	Registrant string
}

// String describes the registration for a warning.
func (s Stray) String() string {
	return fmt.Sprintf("%s %q is registered for app %q by %s, but no App in this program is called %q", s.Kind, s.Name, s.App, s.Registrant, s.App)
}

// Claim records that an App called app exists, so that registrations under
// its name are read.
func Claim(app string) {
	mu.Lock()
	defer mu.Unlock()
	claimed[app] = true
}

// Unclaimed returns the registrations, of every kind, under app names that
// no App has claimed, sorted by app, kind and name: a misspelt or renamed
// app name in a Register call.
func Unclaimed() []Stray {
	mu.Lock()
	regs := append([]lister(nil), all...)
	c := make(map[string]bool, len(claimed))
	for k := range claimed {
		c[k] = true
	}
	mu.Unlock()
	var out []Stray
	for _, r := range regs {
		out = append(out, r.unclaimed(c)...)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.App != b.App {
			return a.App < b.App
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Name < b.Name
	})
	return out
}

// Builtin is the app name Longshore's own plugins (the built-in
// formatters) are kept under: every App has them. No App can be called
// this (see CheckApp).
const Builtin = "longshore builtin"

// AddBuiltin registers one of Longshore's own plugins, which every App
// has, under [Builtin].
func (r *Registry[T]) AddBuiltin(name string, newFn func() T, registrant Site) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.entries == nil {
		r.entries = map[string]map[string]Entry[T]{}
	}
	if r.entries[Builtin] == nil {
		r.entries[Builtin] = map[string]Entry[T]{}
	}
	r.entries[Builtin][name] = Entry[T]{App: Builtin, Name: name, New: newFn, Registrant: registrant}
}

// CheckApp checks an app name given to a Register function: not empty, and
// not a registry namespace of the older "<app>.<kind>" form.
func CheckApp(app string) error {
	if app == "" {
		return fmt.Errorf("empty app name")
	}
	if app == Builtin {
		return fmt.Errorf("app name %q is Longshore's own", app)
	}
	for _, kind := range []string{".commands", ".hooks", ".formatters"} {
		if len(app) > len(kind) && app[len(app)-len(kind):] == kind {
			return fmt.Errorf("app name %q: give the App's own name, %q", app, app[:len(app)-len(kind)])
		}
	}
	return nil
}

// Site is where a plugin was registered. A call site is kept as a program
// counter and turned into "file:line" only when a message shows it:
// symbolizing it at every registration cost each run of an App tens of
// microseconds of start-up (see [Caller]). A fixed name (a built-in's, "App.Main")
// is kept as given.
type Site struct {
	pc   uintptr
	name string
}

// Caller returns the call site skip frames above its own caller, for use
// as a registrant: Caller(1) in Register is Register's caller.
func Caller(skip int) Site {
	var pc [1]uintptr
	// 0 is runtime.Callers, 1 is Caller itself.
	if runtime.Callers(skip+2, pc[:]) == 0 {
		return Site{}
	}
	return Site{pc: pc[0]}
}

// Named returns a registrant known by a fixed name, such as
// "App.Main" or a built-in's package.
func Named(name string) Site { return Site{name: name} }

// String returns the site as "file:line", the name of a [Named] one, or
// "unknown".
func (s Site) String() string {
	if s.pc == 0 {
		if s.name == "" {
			return "unknown"
		}
		return s.name
	}
	f, _ := runtime.CallersFrames([]uintptr{s.pc}).Next()
	if f.File == "" {
		return "unknown"
	}
	return fmt.Sprintf("%s:%d", f.File, f.Line)
}

// Must panics with err, prefixed "longshore: ", unless it is nil: for
// init-time registration, where an error is a programming error.
func Must(err error) {
	if err != nil {
		panic("longshore: " + err.Error())
	}
}

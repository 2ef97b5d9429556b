package registry

import (
	"fmt"
	"reflect"
	"strings"
)

// Capability is an optional method a plugin kind knows: a value with a
// method of that name must implement the interface, or the method is
// misspelt in its signature and would silently never be called.
type Capability struct {
	// Method is the method's name, e.g. "Flags".
	Method string
	// Iface is the interface the method belongs to, e.g.
	// reflect.TypeFor[command.FlagDeclarer]().
	Iface reflect.Type
}

// Cap returns the capability of interface I's method called method.
func Cap[I any](method string) Capability {
	return Capability{Method: method, Iface: reflect.TypeFor[I]()}
}

// CheckMethods reports the first method of v that has a capability's name
// but not its signature, e.g. a formatter's Flags written as a command's.
func CheckMethods(v any, caps []Capability) error {
	t := reflect.TypeOf(v)
	if t == nil {
		return nil
	}
	for _, c := range caps {
		// Implements first: it compares method sets without building
		// anything, while MethodByName of a method the type has builds
		// the method's func type (reflect.FuncOf, a scan of every type
		// in the binary), which every registration of every run paid at
		// init. Only a plugin with a wrong signature gets that far.
		if t.Implements(c.Iface) {
			continue
		}
		m, ok := t.MethodByName(c.Method)
		if !ok {
			continue
		}
		want, _ := c.Iface.MethodByName(c.Method)
		return fmt.Errorf("method %s has signature %s, want %s (interface %s)",
			c.Method, signature(m.Type, true), signature(want.Type, false), c.Iface.String())
	}
	return nil
}

// signature renders a method type as "func(a, b) c", dropping the receiver
// of a method value's type when recv is set.
func signature(t reflect.Type, recv bool) string {
	var in, out []string
	start := 0
	if recv {
		start = 1
	}
	for i := start; i < t.NumIn(); i++ {
		in = append(in, t.In(i).String())
	}
	for i := range t.NumOut() {
		out = append(out, t.Out(i).String())
	}
	s := "func(" + strings.Join(in, ", ") + ")"
	switch len(out) {
	case 0:
	case 1:
		s += " " + out[0]
	default:
		s += " (" + strings.Join(out, ", ") + ")"
	}
	return s
}

// CheckNew builds one value with newFn, as Caddy does at registration, and
// checks its methods against caps. A constructor that panics or returns nil
// passes: the App reports it as broken where the plugin is used.
func CheckNew[T any](newFn func() T, caps []Capability) (err error) {
	var v T
	func() {
		defer func() { _ = recover() }()
		v = newFn()
	}()
	if any(v) == nil {
		return nil
	}
	return CheckMethods(v, caps)
}

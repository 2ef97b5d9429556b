package command

import (
	"context"
	"errors"
	"strings"
	"testing"
)

type nop struct{}

func (nop) Info() Info                             { return Info{} }
func (nop) Run(context.Context, *Invocation) error { return nil }
func newNop() Command                              { return nop{} }
func newFormatter() any                            { return nil }

func TestRegistryAdd(t *testing.T) {
	tests := []struct {
		name      string
		namespace string
		key       string
		newFn     any
		wantName  string
		wantErr   string
	}{
		{"command", "app.commands", "files list", newNop, "files list", ""},
		{"words are normalised", "app.commands", "  server   list ", newNop, "server list", ""},
		{"hyphen inside a word", "app.commands", "dir-size", newNop, "dir-size", ""},
		{"upper case", "app.commands", "Files", newNop, "", `command name "Files": word "Files" must start with a lower-case letter`},
		{"underscore", "app.commands", "dir_size", newNop, "", `word "dir_size" has '_'`},
		{"trailing hyphen", "app.commands", "dir-", newNop, "", `ends with a hyphen`},
		{"double hyphen", "app.commands", "a--b", newNop, "", `double hyphen`},
		{"empty name", "app.commands", "  ", newNop, "", "empty command name"},
		{"empty namespace", "", "x", newNop, "", "empty namespace"},
		{"nil constructor", "app.commands", "x", nil, "", "nil constructor"},
		{"other namespace keeps the name", "app.formatters", "My_Format", newFormatter, "My_Format", ""},
		{"other namespace needs a name", "app.hooks", "", newFormatter, "", "empty name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Registry
			err := r.Add(tt.namespace, tt.key, tt.newFn, "here:1")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Add error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Add: %v", err)
			}
			if _, ok := r.Lookup(tt.namespace, tt.wantName); !ok {
				t.Fatalf("Lookup(%q) found nothing", tt.wantName)
			}
		})
	}
}

func TestRegistryDuplicateNamesBoth(t *testing.T) {
	var r Registry
	if err := r.Add("app.commands", "files list", newNop, "a.go:10"); err != nil {
		t.Fatal(err)
	}
	err := r.Add("app.commands", "files  list", newNop, "b.go:20")
	var dup *DuplicateError
	if !errors.As(err, &dup) {
		t.Fatalf("second Add error = %v, want a DuplicateError", err)
	}
	want := `app.commands "files list" registered twice: by a.go:10 and by b.go:20`
	if err.Error() != want {
		t.Fatalf("error = %q, want %q", err, want)
	}
	// The same name in another namespace is no duplicate.
	if err := r.Add("app.hooks", "files list", newNop, "c.go:1"); err != nil {
		t.Fatalf("other namespace: %v", err)
	}
}

func TestRegistryEntriesSorted(t *testing.T) {
	var r Registry
	for _, n := range []string{"zeta", "alpha beta", "alpha", "mid"} {
		if err := r.Add("app.commands", n, newNop, n+".go:1"); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, e := range r.Entries("app.commands") {
		got = append(got, e.Name)
	}
	if want := "alpha,alpha beta,mid,zeta"; strings.Join(got, ",") != want {
		t.Fatalf("Entries = %v, want %s", got, want)
	}
	if n := len(r.Entries("app.nothing")); n != 0 {
		t.Fatalf("empty namespace has %d entries", n)
	}
}

func TestRegisterPanicsOnDuplicate(t *testing.T) {
	old := Default
	Default = &Registry{}
	defer func() { Default = old }()
	Register("app.commands", "x", newNop)
	defer func() {
		v := recover()
		msg, _ := v.(string)
		if !strings.Contains(msg, `app.commands "x" registered twice: by `) || !strings.Contains(msg, "registry_test.go:") {
			t.Fatalf("panic = %v, want a duplicate naming both registrants", v)
		}
	}()
	Register("app.commands", "x", newNop)
}

func TestGuard(t *testing.T) {
	err := Guard(`command "boom"`, func() error { panic("kaboom") })
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("Guard = %v, want a PanicError", err)
	}
	if got, want := err.Error(), `command "boom" panicked: kaboom`; got != want {
		t.Fatalf("error = %q, want %q", got, want)
	}
	if !strings.Contains(string(pe.Stack), "TestGuard") {
		t.Fatalf("stack does not show the panicking call:\n%s", pe.Stack)
	}
	sentinel := errors.New("plain")
	if err := Guard("x", func() error { return sentinel }); err != sentinel {
		t.Fatalf("Guard passed %v, want the function's own error", err)
	}
	v, err := GuardValue("x", func() (int, error) { return 42, nil })
	if v != 42 || err != nil {
		t.Fatalf("GuardValue = %v, %v", v, err)
	}
	inner := errors.New("inner")
	err = Guard("x", func() error { panic(inner) })
	if !errors.Is(err, inner) {
		t.Fatalf("a panic with an error value should unwrap to it, got %v", err)
	}
}

func TestUsageAndExitErrors(t *testing.T) {
	u := Usagef("bad %s", "thing")
	if !IsUsage(u) || u.Error() != "bad thing" {
		t.Fatalf("Usagef = %v", u)
	}
	if IsUsage(errors.New("x")) {
		t.Fatal("a plain error is not a usage error")
	}
	e := &ExitError{Code: 3}
	if e.Error() != "exit status 3" {
		t.Fatalf("ExitError = %q", e.Error())
	}
}

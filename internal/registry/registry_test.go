package registry

import (
	"errors"
	"strings"
	"testing"
)

type thing interface{ Name() string }

type named string

func (n named) Name() string { return string(n) }

func newThing() thing { return named("x") }

func TestAddEntriesSortedAndDuplicate(t *testing.T) {
	r := &Registry[thing]{kind: "thing"}
	for _, n := range []string{"zeta", "alpha", "mid"} {
		if err := r.Add("app", n, newThing, n+".go:1"); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, e := range r.Entries("app") {
		got = append(got, e.Name)
	}
	if strings.Join(got, ",") != "alpha,mid,zeta" {
		t.Fatalf("Entries = %v", got)
	}
	err := r.Add("app", "mid", newThing, "b.go:2")
	var dup *DuplicateError
	if !errors.As(err, &dup) || err.Error() != `thing "mid" of app "app" registered twice: by mid.go:1 and by b.go:2` {
		t.Fatalf("duplicate: %v", err)
	}
	if err := r.Add("other", "mid", newThing, "c.go:3"); err != nil {
		t.Fatalf("the same name for another app: %v", err)
	}
	if len(r.Entries("nobody")) != 0 {
		t.Fatal("an app with nothing registered has entries")
	}
}

func TestUnclaimed(t *testing.T) {
	r := Of[thing]("thing")
	if err := r.Add("claimedapp", "a", newThing, "a.go:1"); err != nil {
		t.Fatal(err)
	}
	if err := r.Add("tood", "b", newThing, "b.go:2"); err != nil {
		t.Fatal(err)
	}
	Claim("claimedapp")
	var got []string
	for _, s := range Unclaimed() {
		got = append(got, s.String())
	}
	want := `thing "b" is registered for app "tood" by b.go:2, but no App in this program is called "tood"`
	if len(got) != 1 || got[0] != want {
		t.Fatalf("Unclaimed = %q, want [%q]", got, want)
	}
	if Of[thing]("thing") != r {
		t.Fatal("Of returned a second registry for the same type")
	}
}

type flagger interface{ Flags(a, b int) }

type wrongFlags struct{}

func (wrongFlags) Flags(a int) {}

type rightFlags struct{}

func (rightFlags) Flags(a, b int) {}

func TestCheckMethods(t *testing.T) {
	caps := []Capability{Cap[flagger]("Flags")}
	err := CheckMethods(wrongFlags{}, caps)
	if err == nil || err.Error() != "method Flags has signature func(int), want func(int, int) (interface registry.flagger)" {
		t.Fatalf("wrong signature: %v", err)
	}
	if err := CheckMethods(rightFlags{}, caps); err != nil {
		t.Fatalf("right signature: %v", err)
	}
	if err := CheckMethods(named("x"), caps); err != nil {
		t.Fatalf("no such method: %v", err)
	}
	if err := CheckNew(func() thing { panic("boom") }, caps); err != nil {
		t.Fatalf("a panicking constructor is left for the App to report: %v", err)
	}
}

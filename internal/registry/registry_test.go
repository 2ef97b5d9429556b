package registry

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

type thing interface{ Name() string }

type named string

func (n named) Name() string { return string(n) }

func newThing() thing { return named("x") }

func TestAddEntriesSortedAndDuplicate(t *testing.T) {
	r := &Registry[thing]{kind: "thing"}
	for _, n := range []string{"zeta", "alpha", "mid"} {
		if err := r.Add("app", n, newThing, Named(n+".go:1")); err != nil {
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
	err := r.Add("app", "mid", newThing, Named("b.go:2"))
	var dup *DuplicateError
	if !errors.As(err, &dup) || err.Error() != `thing "mid" of app "app" registered twice: by mid.go:1 and by b.go:2` {
		t.Fatalf("duplicate: %v", err)
	}
	if err := r.Add("other", "mid", newThing, Named("c.go:3")); err != nil {
		t.Fatalf("the same name for another app: %v", err)
	}
	if len(r.Entries("nobody")) != 0 {
		t.Fatal("an app with nothing registered has entries")
	}
}

// unclaimedRuns numbers TestUnclaimed's runs: the registry is the
// process's, and -count=N runs the test again.
var unclaimedRuns atomic.Int64

func TestUnclaimed(t *testing.T) {
	n := unclaimedRuns.Add(1)
	claimed, stray := fmt.Sprintf("claimedapp%d", n), fmt.Sprintf("tood%d", n)
	// Claimed when done, so that a later run does not see this run's stray.
	t.Cleanup(func() { Claim(stray) })
	r := Of[thing]("thing")
	if err := r.Add(claimed, "a", newThing, Named("a.go:1")); err != nil {
		t.Fatal(err)
	}
	if err := r.Add(stray, "b", newThing, Named("b.go:2")); err != nil {
		t.Fatal(err)
	}
	Claim(claimed)
	var got []string
	for _, s := range Unclaimed() {
		got = append(got, s.String())
	}
	want := fmt.Sprintf(`thing "b" is registered for app %q by b.go:2, but no App in this program is called %q`, stray, stray)
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

type sizer interface{ Size(n int) int }

type both struct{}

func (both) Flags(a, b int)      {}
func (both) Size(n int) int      { return n }
func (both) Other(s string)      {}
func (both) Name() string        { return "both" }
func (both) Extra() (int, error) { return 0, nil }

// TestCheckMethodsOfARightPluginBuildsNothing pins the cost of checking a
// well-formed plugin at registration, which every run of an App pays at
// init: no method's func type is built (reflect.FuncOf allocates), only
// method sets compared.
func TestCheckMethodsOfARightPluginBuildsNothing(t *testing.T) {
	caps := []Capability{Cap[flagger]("Flags"), Cap[sizer]("Size"), Cap[thing]("Missing")}
	var v any = both{}
	allocs := testing.AllocsPerRun(100, func() {
		if err := CheckMethods(v, caps); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("checking a well-formed plugin allocated %v times, want 0 (a func type built?)", allocs)
	}
}

// TestCallerSymbolizesLate pins that a registration records its call
// site without symbolizing it (no allocation), and that the site reads
// as file:line when a message needs it.
func TestCallerSymbolizesLate(t *testing.T) {
	s := Caller(0)
	file, line := callerLine(-1)
	if got, want := s.String(), fmt.Sprintf("%s:%d", file, line); got != want {
		t.Fatalf("Caller(0) = %s, want %s", got, want)
	}
	if allocs := testing.AllocsPerRun(100, func() { s = Caller(0) }); allocs != 0 {
		t.Fatalf("Caller allocated %v times, want 0", allocs)
	}
	if got := Named("App.Main").String(); got != "App.Main" {
		t.Fatalf("Named: %s", got)
	}
	if got := (Site{}).String(); got != "unknown" {
		t.Fatalf("zero Site: %s", got)
	}
}

// callerLine returns its caller's file and line, the line moved by delta.
func callerLine(delta int) (string, int) {
	_, file, line, _ := runtime.Caller(1)
	return file, line + delta
}

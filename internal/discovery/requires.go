package discovery

import (
	"fmt"
	"strconv"
	"strings"
)

// Host is what a plugin's requirements are checked against.
type Host struct {
	// AppVersion is the running app's version.
	AppVersion string
	// Getenv reads an environment variable.
	Getenv func(string) string
	// LookPath finds an executable on PATH (exec.LookPath).
	LookPath func(string) (string, error)
}

// Unmet returns why a plugin with manifest m is unavailable on h, or nil
// when every requirement is met. A nil manifest requires nothing.
func (m *Manifest) Unmet(h Host) error {
	if m == nil {
		return nil
	}
	for _, e := range m.Requires.Env {
		if h.Getenv(e) == "" {
			return fmt.Errorf("%s is not set", e)
		}
	}
	for _, x := range m.Requires.Executables {
		if _, err := h.LookPath(x); err != nil {
			return fmt.Errorf("%s not found on PATH", x)
		}
	}
	if want := m.Requires.App; want != "" && versionLess(h.AppVersion, want) {
		return fmt.Errorf("needs version %s or later, this is %s", strings.TrimPrefix(want, "v"), h.AppVersion)
	}
	return nil
}

// versionLess reports whether version a is before b, comparing the dotted
// numbers (a pre-release or build suffix is ignored). An a that is not a
// version (a development build) is never less.
func versionLess(a, b string) bool {
	pa, ok := versionParts(a)
	if !ok {
		return false
	}
	pb, _ := versionParts(b)
	for i := 0; i < 3; i++ {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	return false
}

func versionParts(v string) ([3]int, bool) {
	var out [3]int
	v = strings.TrimPrefix(v, "v")
	if i := strings.IndexAny(v, "-+"); i >= 0 {
		v = v[:i]
	}
	for i, s := range strings.SplitN(v, ".", 3) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return out, false
		}
		out[i] = n
	}
	return out, true
}

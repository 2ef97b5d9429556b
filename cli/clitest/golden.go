package clitest

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// updateFlag is the -update flag: golden files are rewritten from the
// output. A package imported earlier may have defined it; then it is that.
var updateFlag = func() *flag.Flag {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files from the actual output (clitest)")
	}
	return flag.Lookup("update")
}()

// updating reports whether -update is set.
func updating() bool {
	g, ok := updateFlag.Value.(flag.Getter)
	if !ok {
		return false
	}
	b, _ := g.Get().(bool)
	return b
}

// Golden compares got with the golden file at path (relative to the test's
// package directory) and fails the test on a difference, showing both.
// With `go test -update` it writes got to the file instead. Do not define
// an -update flag of your own in a package that imports clitest: this is
// it.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	if !filepath.IsAbs(path) {
		path = filepath.Join(packageDir, path)
	}
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file: %v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (go test -update rewrites it)\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// packageDir is the working directory the test binary started in: the
// package's directory, before New changed it.
var packageDir, _ = os.Getwd()

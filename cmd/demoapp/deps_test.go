package main

import (
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"
)

// TestNoMarkdownEngineLinked pins that demoapp links no Markdown engine:
// cobra/doc's man pages (go-md2man, blackfriday) build tables when the
// program starts, about a millisecond of every run (docs/performance.md).
// The reference is rendered by cli itself.
func TestNoMarkdownEngineLinked(t *testing.T) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build info")
	}
	for _, d := range bi.Deps {
		switch d.Path {
		case "github.com/russross/blackfriday/v2", "github.com/cpuguy83/go-md2man/v2":
			t.Errorf("%s is linked", d.Path)
		}
	}
}

// TestNoHTTPClientLinked pins that demoapp links no net/http: its HTTP
// and TLS stack (crypto/tls, crypto/x509, ...) cost about a millisecond
// of every run's start-up and megabytes of binary. plugin install fetches
// archives by URL with curl instead (internal/install.Fetcher).
func TestNoHTTPClientLinked(t *testing.T) {
	goExe, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: go list tells what demoapp links")
	}
	out, err := exec.Command(goExe, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch pkg {
		case "net/http", "crypto/tls":
			t.Errorf("demoapp links %s", pkg)
		}
	}
}

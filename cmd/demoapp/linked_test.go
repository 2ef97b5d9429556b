package main

import (
	"os/exec"
	"strings"
	"testing"
)

// notLinked are packages demoapp must not link, each with why: every
// package linked is in the binary and costs start-up on every run (the
// runtime walks every function and itab; a package's init page-faults
// its code and tables in), even a plain plugin dispatch that never uses
// it. docs/performance.md has the sizes.
var notLinked = map[string]string{
	// plugin install fetches archives by URL with curl instead
	// (internal/install.Fetcher): net/http's HTTP and TLS stack
	// (crypto/tls, crypto/x509, ...) cost about a millisecond of every
	// run's start-up and megabytes of binary.
	"net/http":   "an HTTP client",
	"crypto/tls": "an HTTP client",
	// Install reads a plugin's Go module information by its magic
	// (internal/install.ReadGoBuildInfo) instead: debug/buildinfo parses
	// every object format, and with it zstd and zlib, 600 KB of binary.
	"debug/buildinfo": "object file parsers",
	"debug/elf":       "object file parsers",
	"debug/macho":     "object file parsers",
	"debug/pe":        "object file parsers",
	"debug/dwarf":     "object file parsers",
	"internal/zstd":   "object file parsers",
	"compress/zlib":   "object file parsers",
	// The --sha256 check of plugin install uses internal/install's own
	// SHA-256: crypto/sha256 links Go's FIPS 140 module (AES, GCM, a
	// DRBG, SHA-3, SHA-512), 150 KB and a dozen package inits.
	"crypto/sha256":           "the FIPS 140 module",
	"crypto/internal/fips140": "the FIPS 140 module",
}

// TestPackagesNotLinked pins the packages removed from demoapp to keep
// its binary small and its start-up short (notLinked says why each).
func TestPackagesNotLinked(t *testing.T) {
	goExe, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: go list tells what demoapp links")
	}
	out, err := exec.Command(goExe, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if why, ok := notLinked[pkg]; ok {
			t.Errorf("demoapp links %s (%s)", pkg, why)
		}
	}
}

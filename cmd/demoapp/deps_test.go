package main

import (
	"runtime/debug"
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

//go:build linked

package main

// Built with -tags linked, bare cobra also links every package demoapp
// links (see bench/plugins/linked).
import _ "github.com/longshore/longshore/bench/plugins/linked"

//go:build linked

package main

// Built with -tags linked, the floor links every package demoapp links,
// blank-imported: their init runs and their data is in the binary, but
// nothing of Longshore runs. bench/plugins.sh times it beside the floor
// and demoapp, which splits demoapp's overhead into the cost of what it
// links and the cost of its dispatch.
import (
	_ "github.com/longshore/longshore/cli"
	_ "github.com/longshore/longshore/cmd/demoapp/audit"
	_ "github.com/longshore/longshore/cmd/demoapp/demo"
	_ "github.com/longshore/longshore/examples/htmlformatter"
	_ "github.com/longshore/longshore/examples/plugins/structured/lines"
)

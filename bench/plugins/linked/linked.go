// Package linked links every package demoapp links, blank-imported: their
// init runs and their data is in the binary, but nothing of Longshore
// runs. The floor and bare cobra, built with -tags linked, import it;
// bench/plugins.sh times them beside the plain builds and demoapp, which
// splits demoapp's overhead into the cost of what it links and the cost
// of what it does.
package linked

import (
	_ "github.com/longshore/longshore/cli"
	_ "github.com/longshore/longshore/cmd/demoapp/audit"
	_ "github.com/longshore/longshore/cmd/demoapp/demo"
	_ "github.com/longshore/longshore/examples/htmlformatter"
	_ "github.com/longshore/longshore/examples/plugins/structured/lines"
)

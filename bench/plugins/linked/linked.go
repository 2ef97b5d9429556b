// Package linked links every package demoapp links, blank-imported: their
// inits run, but nothing of Longshore is called. The floor and bare
// cobra, built with -tags linked, import it; bench/plugins.sh times them
// beside the plain builds and demoapp, which splits demoapp's overhead
// into what linking its packages costs and what its run costs. The split
// is a bound, not exact: the linker drops the code no init reaches, so a
// linked floor is smaller than demoapp (8.7 MB against 11.2, the plain
// floor 3.3), and the part of the bigger binary's cost that comes with
// the rest of demoapp's code counts as the run's.
package linked

import (
	_ "github.com/longshore/longshore/cli"
	_ "github.com/longshore/longshore/cmd/demoapp/audit"
	_ "github.com/longshore/longshore/cmd/demoapp/demo"
	_ "github.com/longshore/longshore/examples/htmlformatter"
	_ "github.com/longshore/longshore/examples/plugins/structured/lines"
)

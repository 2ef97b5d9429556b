// Command demoapp-lines is a structured plugin written with Longshore: a
// single-command app (App.Main) whose lister is an ordinary Longshore
// command. Run alone, it formats its rows itself ("demoapp-lines -f csv
// FILE"); run by demoapp as "demoapp lines FILE", it prints the wire format
// and demoapp formats the rows with the user's options. Install it with
// "demoapp plugin install ./demoapp-lines", which reads its manifest from
// "demoapp-lines --longshore-manifest".
package main

import (
	"context"
	"os"

	"github.com/longshore/longshore/cli"
	"github.com/longshore/longshore/examples/plugins/structured/lines"
)

func main() {
	app := cli.New("demoapp-lines", "1.0.0", "List the lines of a file")
	app.Main = lines.New
	os.Exit(app.Run(context.Background(), os.Args[1:]))
}

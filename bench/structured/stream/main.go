// Command stream is demoapp's "numbers list" built alone as a structured
// plugin (demoapp-stream) for bench/structured.sh: the same rows as the
// compiled-in lister, printed in the wire format when demoapp asks.
package main

import (
	"context"
	"os"

	"github.com/longshore/longshore/cli"
	"github.com/longshore/longshore/cmd/demoapp/demo"
)

func main() {
	app := cli.New("demoapp-stream", "0.1.0", "Stream generated numbers (structured plugin)")
	app.Main = demo.NewNumbersList
	os.Exit(app.Run(context.Background(), os.Args[1:]))
}

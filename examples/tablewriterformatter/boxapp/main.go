// Command boxapp is demoapp's commands in an app that installs the box
// formatter with a blank import, as an app of one's own would:
//
//	go run ./examples/tablewriterformatter/boxapp numbers list --count 3 -f box --box-style rounded
package main

import (
	"context"
	"os"

	"github.com/longshore/longshore/cli"
	_ "github.com/longshore/longshore/cmd/demoapp/demo"
	// A blank import is installation: its init registers -f box.
	_ "github.com/longshore/longshore/examples/tablewriterformatter"
)

// newApp is named demoapp, so that it finds the formatters registered
// for the App "demoapp".
func newApp() *cli.App {
	app := cli.New("demoapp", "0.1.0", "demoapp with the box formatter")
	app.NoPluginCommands = true
	return app
}

func main() {
	os.Exit(newApp().Run(context.Background(), os.Args[1:]))
}

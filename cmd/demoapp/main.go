// Command demoapp is Longshore's demo CLI: the showcase of every part of the
// framework and the subject of its end-to-end tests.
package main

import (
	"context"
	"os"

	"github.com/longshore/longshore/cli"
	// A blank import is installation: the demo package registers its
	// commands in init.
	_ "github.com/longshore/longshore/cmd/demoapp/demo"
	// The audit hook extends the files commands it does not own.
	_ "github.com/longshore/longshore/cmd/demoapp/audit"
	// An example compiled-in formatter: -f html.
	_ "github.com/longshore/longshore/examples/htmlformatter"
	// The lister of the structured plugin example, compiled in as
	// "text lines" to compare with the plugin's output.
	"github.com/longshore/longshore/examples/plugins/structured/lines"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0"

func newApp() *cli.App {
	app := cli.New("demoapp", version, "Longshore's demo CLI: files, environment and plugins")
	app.Long = "demoapp shows what a CLI built on Longshore can do: compiled-in commands,\n" +
		"listers and showers rendered by formatters, external plugins and hooks."
	app.Interactive = true
	app.DocsCommand = true
	app.DescribeGroup("files", "Inspect files and directories")
	app.DescribeGroup("env", "Inspect the environment")
	app.DescribeGroup("numbers", "Generate numbers (streams any count)")
	app.DescribeGroup("weather", "Show the weather (needs DEMOAPP_WEATHER_API_KEY)")
	app.DescribeGroup("text", "Inspect text files")
	app.AddCommand("text lines", lines.New)
	return app
}

func main() {
	os.Exit(newApp().Run(context.Background(), os.Args[1:]))
}

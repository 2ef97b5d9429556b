package command

import (
	"strings"

	"github.com/longshore/longshore/internal/names"
	"github.com/longshore/longshore/internal/registry"
)

// Register adds a compiled-in command for the App called app (the name
// given to cli.New, e.g. "todo") under its words, e.g. "files list". It is
// meant for init functions, so that a blank import of the package is its
// installation, and panics on a programming error: a bad name, a nil
// constructor, a duplicate (naming both registrants), or an optional method
// whose name is a capability's but whose signature is not (a Flags,
// Available, Columns or CompleteArgs the App would never call).
//
// A command registered for an app name that no App in the program has (a
// typo, a renamed app) is reported by `plugin list`, --debug and the test
// kit, cli/clitest.
func Register(app, name string, newFn func() Command) {
	registry.Must(commands.Add(app, name, newFn, registry.Caller(1)))
}

// commands is the registry of compiled-in commands; cli reads it.
var commands = func() *registry.Registry[Command] {
	r := registry.Of[Command]("command")
	r.Check = checkCommand
	return r
}()

// checkCommand normalises a command's name to its words joined by single
// spaces and checks its optional methods.
func checkCommand(name string, newFn func() Command) (string, error) {
	words, err := names.SplitName(name)
	if err != nil {
		return "", err
	}
	return strings.Join(words, " "), registry.CheckNew(newFn, commandCapabilities)
}

// commandCapabilities are the optional methods of a command.
var commandCapabilities = []registry.Capability{
	registry.Cap[Runner]("Run"),
	registry.Cap[Lister]("List"),
	registry.Cap[Shower]("Show"),
	registry.Cap[FlagDeclarer]("Flags"),
	registry.Cap[AvailabilityChecker]("Available"),
	registry.Cap[ColumnDeclarer]("Columns"),
	registry.Cap[ArgCompleter]("CompleteArgs"),
}

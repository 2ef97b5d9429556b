package command_test

import (
	"errors"
	"fmt"

	"github.com/longshore/longshore/command"
)

// A command colours what it writes through the scheme of its streams:
// plain text when the output is piped, escape codes on a terminal.
func ExampleIOStreams_ColorScheme() {
	ios, _, out, _ := command.TestIO()
	cs := ios.ColorScheme()
	fmt.Fprintln(ios.Out, cs.Green("enabled"), cs.Bold("demoapp-hello"))

	ios.SetTerminal(80)
	cs = ios.ColorScheme()
	fmt.Fprintf(ios.Out, "%q\n", cs.Green("enabled"))
	fmt.Print(out)
	// Output:
	// enabled demoapp-hello
	// "\x1b[32menabled\x1b[0m"
}

// A destructive command asks first, and with no terminal to ask on tells
// the user how to go on without a question.
func ExampleIOStreams_Confirm() {
	remove := func(ios *command.IOStreams, yes bool) error {
		if !yes {
			ok, err := ios.Confirm("Remove demoapp-hello?")
			var nt *command.NoTerminalError
			if errors.As(err, &nt) {
				return command.Usagef("%w; pass --yes to remove without asking", err)
			}
			if err != nil || !ok {
				return err
			}
		}
		fmt.Fprintln(ios.Out, "removed demoapp-hello")
		return nil
	}

	ios, in, out, _ := command.TestIO()
	err := remove(ios, false)
	fmt.Println(err, command.IsUsage(err))

	ios.SetTerminal(80)
	in.WriteString("y\n")
	if err := remove(ios, false); err == nil {
		fmt.Print(out)
	}
	// Output:
	// cannot ask "Remove demoapp-hello?": standard input or error is not a terminal; pass --yes to remove without asking true
	// removed demoapp-hello
}

// Progress is drawn on stderr only when it is a terminal; a command calls
// the same methods either way.
func ExampleIOStreams_StartProgressBar() {
	ios, _, _, errOut := command.TestIO()
	bar := ios.StartProgressBar("Copying", 2)
	bar.Add(2)
	ios.StopProgress()
	fmt.Printf("piped: %q\n", errOut)

	ios.SetTerminal(80)
	bar = ios.StartProgressBar("Copying", 2)
	bar.Add(1)
	ios.StopProgress()
	fmt.Printf("terminal: %q\n", errOut)
	// Output:
	// piped: ""
	// terminal: "\rCopying [>                   ] 0/2\rCopying [==========>         ] 1/2\r                                  \r"
}

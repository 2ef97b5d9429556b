package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
)

// TestBlankImportInstallsBox runs the app with -f box: the formatter the
// blank import registered renders the lister's rows, and a bad style is a
// usage error (exit 2) naming the valid ones.
func TestBlankImportInstallsBox(t *testing.T) {
	run := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		app := newApp()
		app.IO = &command.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
		app.Getenv = func(string) string { return "" }
		code := app.Run(context.Background(), args)
		return code, out.String(), errOut.String()
	}
	code, out, errOut := run("numbers", "list", "--count", "2", "-c", "n", "-c", "label", "-f", "box", "--box-style", "rounded")
	want := "╭───┬───────────╮\n" +
		"│ n │ label     │\n" +
		"├───┼───────────┤\n" +
		"│ 1 │ nº 1, \"n\" │\n" +
		"│ 2 │ nº 2, \"n\" │\n" +
		"╰───┴───────────╯\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, stderr %q, got\n%s\nwant\n%s", code, errOut, out, want)
	}
	code, _, errOut = run("numbers", "list", "-f", "box", "--box-style", "bubbly")
	if code != 2 || !strings.Contains(errOut, `unknown box style "bubbly" (valid: `) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

package htmlformatter

import (
	"bytes"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
)

// TestHTML renders a list with a caption, escaping what HTML would read.
func TestHTML(t *testing.T) {
	var f formatters.Formatter = &HTML{}
	var err error
	if err != nil {
		t.Fatal(err)
	}
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	f.(formatters.KindFlagDeclarer).Flags(fs, formatters.List)
	if err := fs.Parse([]string{"--html-caption", "<b>"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = f.(formatters.ListFormatter).FormatList(&buf, []string{"a&b"}, command.RowsOf([]any{"<x>"}, []any{nil}))
	if err != nil {
		t.Fatal(err)
	}
	want := "<table>\n<caption>&lt;b&gt;</caption>\n<tr><th>a&amp;b</th></tr>\n<tr><td>&lt;x&gt;</td></tr>\n<tr><td></td></tr>\n</table>\n"
	if buf.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

package formatters

import (
	"bytes"
	"strings"
	"testing"
)

// TestTableBoldHeader checks that the header is bold only when the App
// says the output may be coloured, and that colour leaves the layout alone.
func TestTableBoldHeader(t *testing.T) {
	render := func(color bool) string {
		tb := &Table{}
		if err := tb.Prepare(Env{Color: color, Kind: List}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := tb.FormatList(&buf, []string{"name", "n"}, rowsOf([][]any{{"a", 1}})); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	plain, bold := render(false), render(true)
	if strings.Contains(plain, "\x1b") {
		t.Errorf("without colour the table has an escape code:\n%q", plain)
	}
	want := "+------+---+\n| \x1b[1mname\x1b[0m | \x1b[1mn\x1b[0m |\n+------+---+\n| a    | 1 |\n+------+---+\n"
	if bold != want {
		t.Errorf("with colour:\n%q\nwant\n%q", bold, want)
	}
	if strings.ReplaceAll(strings.ReplaceAll(bold, "\x1b[1m", ""), "\x1b[0m", "") != plain {
		t.Errorf("colour changed the layout:\n%s\n%s", plain, bold)
	}
}

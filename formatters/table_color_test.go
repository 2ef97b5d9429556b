package formatters

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
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

// state is a Colorer as plugin list's status is: green when "ok".
type state string

func (s state) Colorize(cs command.ColorScheme, text string) string {
	if s == "ok" {
		return cs.Green(text)
	}
	return cs.Red(text)
}

// TestTableColorCells checks that a Colorer's cell is coloured only in a
// table whose output may be coloured, that its padding stays plain and
// its width is its text's, wrapped or not, and that the other formatters
// never colour it.
func TestTableColorCells(t *testing.T) {
	rows := [][]any{{state("ok"), 1}, {state("not ok at all"), 22}, {"plain", 3}}
	render := func(color bool, maxWidth int) string {
		tb := &Table{MaxWidth: maxWidth}
		if err := tb.Prepare(Env{Color: color, Kind: List}); err != nil {
			t.Fatal(err)
		}
		tb.BoldHeader = false
		var buf bytes.Buffer
		if err := tb.FormatList(&buf, []string{"state", "n"}, rowsOf(rows)); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	strip := func(s string) string {
		for _, code := range []string{"\x1b[31m", "\x1b[32m", "\x1b[0m"} {
			s = strings.ReplaceAll(s, code, "")
		}
		return s
	}
	for _, tt := range []struct {
		maxWidth int
		want     string
	}{
		{0, "+---------------+----+\n" +
			"| state         |  n |\n" +
			"+---------------+----+\n" +
			"| \x1b[32mok\x1b[0m            |  1 |\n" +
			"| \x1b[31mnot ok at all\x1b[0m | 22 |\n" +
			"| plain         |  3 |\n" +
			"+---------------+----+\n"},
		{17, "+----------+----+\n" +
			"| state    |  n |\n" +
			"+----------+----+\n" +
			"| \x1b[32mok\x1b[0m       |  1 |\n" +
			"| \x1b[31mnot ok\x1b[0m   | 22 |\n" +
			"| \x1b[31mat all\x1b[0m   |    |\n" +
			"| plain    |  3 |\n" +
			"+----------+----+\n"},
	} {
		plain, colored := render(false, tt.maxWidth), render(true, tt.maxWidth)
		if strings.Contains(plain, "\x1b") {
			t.Errorf("max width %d: without colour the table has an escape code:\n%q", tt.maxWidth, plain)
		}
		if colored != tt.want {
			t.Errorf("max width %d: with colour:\n%q\nwant\n%q", tt.maxWidth, colored, tt.want)
		}
		if strip(colored) != plain {
			t.Errorf("max width %d: colour changed the layout:\n%s\n%s", tt.maxWidth, plain, colored)
		}
	}
	// Streamed past its first row, the table colours the later rows too.
	stream := func(color bool) string {
		tb := &Table{block: 1}
		if err := tb.Prepare(Env{Color: color, Kind: List}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := tb.FormatList(&buf, []string{"state", "n"}, rowsOf(rows)); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	plain, colored := stream(false), stream(true)
	if strings.Contains(plain, "\x1b") {
		t.Errorf("streamed without colour: an escape code in\n%q", plain)
	}
	for _, want := range []string{"| \x1b[1mstate   \x1b[0m |", "| \x1b[32mok\x1b[0m       |", "| \x1b[31mnot ok\x1b[0m   |", "| \x1b[31mat all\x1b[0m   |", "| plain    |"} {
		if !strings.Contains(colored, want) {
			t.Errorf("streamed with colour: no %q in\n%s", want, colored)
		}
	}
	if strings.ReplaceAll(strip(colored), "\x1b[1m", "") != plain {
		t.Errorf("streamed: colour changed the layout:\n%s\n%s", plain, colored)
	}

	for _, name := range Builtins() {
		f := builtins[name]()
		lf, ok := f.(ListFormatter)
		if name == "table" || !ok {
			continue
		}
		fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
		if fd, ok := f.(KindFlagDeclarer); ok {
			fd.Flags(fs, List)
		}
		if name == "template" {
			if err := fs.Parse([]string{"--template", "{{.state}}"}); err != nil {
				t.Fatal(err)
			}
		}
		if p, ok := f.(Preparer); ok {
			if err := p.Prepare(Env{Prefix: "TEST", Getenv: func(string) string { return "" }, Color: true, Kind: List}); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := lf.FormatList(&buf, []string{"state", "n"}, rowsOf(rows)); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "\x1b") {
			t.Errorf("%s has an escape code:\n%q", name, buf.String())
		}
	}
}

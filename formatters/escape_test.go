package formatters

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// controlColumns and controlRows hold what a plugin or a file name may
// carry to a terminal: escape sequences (OSC title, clear screen), a tab,
// C1 controls (U+009B CSI, and a lone 0x9b byte), a bidirectional override,
// next to what the table renders itself (newlines, CR LF) and text that
// must stay as it is (wide and combining characters).
var (
	controlColumns = []string{"na\x1b[31mme", "note"}
	controlRows    = [][]any{
		{"x\x1b]0;PWNED\x07\x1b[2Jy", "tab\there"},
		{"csi \u009b2J and \x9b2J", "rtl \u202eevil"},
		{"line one\r\nline two", "日本語 e\u0301 \x7f"},
	}
)

// TestTableEscapesControls pins, in golden files, that the table escapes
// the control characters of cells and names, held or streamed, list or
// record, on a terminal or not, and keeps its columns aligned.
func TestTableEscapesControls(t *testing.T) {
	cases := []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"list", func(b *bytes.Buffer) error {
			return (&Table{}).FormatList(b, controlColumns, rowsOf(controlRows))
		}},
		{"stream", func(b *bytes.Buffer) error {
			return (&Table{Stream: true, StreamSet: true}).FormatList(b, controlColumns, rowsOf(controlRows))
		}},
		{"record", func(b *bytes.Buffer) error {
			return (&Table{}).FormatRecord(b, controlColumns, controlRows[0])
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.render(&buf); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			if hasControls(got, keepNewline) {
				t.Errorf("output holds a control character:\n%q", got)
			}
			file := filepath.Join("testdata", "golden", "table-controls-"+c.name+".txt")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", file, got, want)
			}
		})
	}
}

// TestTerminalWriter pins what the writer escapes, whatever the writes'
// boundaries: a UTF-8 sequence split between writes is decoded whole.
func TestTerminalWriter(t *testing.T) {
	tests := []struct {
		writes []string
		want   string
	}{
		{[]string{"plain text\n", "tab\tkept\n"}, "plain text\ntab\tkept\n"},
		{[]string{"a\x1b[2Jb\r\n"}, `a\x1b[2Jb\r` + "\n"},
		{[]string{"caf\xc3", "\xa9 \xc2", "\x9b1m"}, `café \u009b1m`},
		{[]string{"bad \x9b byte, rtl \u202e, del \x7f"}, `bad \x9b byte, rtl \u202e, del \x7f`},
		{[]string{"日本", "語 e\u0301 😀"}, "日本語 e\u0301 😀"},
		{[]string{"cut \xe6\x97"}, `cut \xe6\x97`},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		w := NewTerminalWriter(&buf)
		for _, s := range tt.writes {
			if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
				t.Fatalf("Write(%q) = %d, %v", s, n, err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != tt.want {
			t.Errorf("writes %q: got %q, want %q", strings.Join(tt.writes, "|"), got, tt.want)
		}
	}
}

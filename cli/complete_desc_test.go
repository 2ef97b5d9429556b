package cli

import (
	"bytes"
	"testing"
)

func TestDescCleaner(t *testing.T) {
	tests := []struct{ in, want string }{
		{"--log-file\tappend the log to `FILE` instead of stderr\n", "--log-file\tappend the log to FILE instead of stderr\n"},
		{"a`b\tno `ticks` here\n", "a`b\tno ticks here\n"}, // the candidate keeps its backtick
		{"plain\n", "plain\n"},
		{":4\n", ":4\n"},
		{"one\tx`\ntwo\t`y", "one\tx\ntwo\ty"}, // a last line with no newline, flushed
	}
	for _, tt := range tests {
		var out bytes.Buffer
		d := &descCleaner{w: &out}
		// Written a byte at a time: lines may be split across writes.
		for i := range len(tt.in) {
			if _, err := d.Write([]byte{tt.in[i]}); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, out.String(), tt.want)
		}
	}
}

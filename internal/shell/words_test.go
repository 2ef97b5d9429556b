package shell

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestHistoryFileKeepsTheLastLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "history")
	var lines []string
	for i := range historyLimit + 5 {
		lines = append(lines, strings.Repeat("x", i%7+1))
	}
	if err := writeHistory(path, lines); err != nil {
		t.Fatal(err)
	}
	got := loadHistory(path)
	if len(got) != historyLimit || !reflect.DeepEqual(got, lines[5:]) {
		t.Errorf("loaded %d lines, want the last %d", len(got), historyLimit)
	}
	if loadHistory(filepath.Join(t.TempDir(), "missing")) != nil {
		t.Error("a missing history file is not empty")
	}
}

func TestSplitWords(t *testing.T) {
	tests := []struct {
		line string
		want []string
		err  bool
	}{
		{"", []string{}, false},
		{"  files   list  ", []string{"files", "list"}, false},
		{`a 'b c' "d e" f\ g`, []string{"a", "b c", "d e", "f g"}, false},
		{`"say \"hi\" \\ \n"`, []string{`say "hi" \ \n`}, false},
		{`'it''s'`, []string{"its"}, false},
		{`x'y'"z"`, []string{"xyz"}, false},
		{`''`, []string{""}, false},
		{"héllo wörld ❄", []string{"héllo", "wörld", "❄"}, false},
		{`'open`, nil, true},
		{`"open`, nil, true},
		{`trailing\`, nil, true},
		// A pipe, a redirection or a list is refused, not passed on as
		// arguments; quoted, it is an argument.
		{"files list -f json | head -1", nil, true},
		{"files list > out.txt", nil, true},
		{"version && version", nil, true},
		{"version ; version", nil, true},
		{`files list '|' ">" "&&"`, []string{"files", "list", "|", ">", "&&"}, false},
		{`a\|b`, []string{"a|b"}, false},
	}
	for _, tt := range tests {
		got, err := splitWords(tt.line)
		if (err != nil) != tt.err {
			t.Errorf("splitWords(%q) error %v, want error %v", tt.line, err, tt.err)
			continue
		}
		if !tt.err && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitWords(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func FuzzSplitWords(f *testing.F) {
	for _, s := range []string{"a b", `'a b' "c\"d"`, `x\ y`, "'", `"\`, `'|' '&&'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		words, err := splitWords(line)
		if err != nil {
			return
		}
		// Quoting each word back gives the same words.
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = quoteWord(w)
		}
		again, err := splitWords(strings.Join(quoted, " "))
		if err != nil || !reflect.DeepEqual(again, words) {
			t.Errorf("%q: words %q quoted %q split again %q (%v)", line, words, quoted, again, err)
		}
	})
}

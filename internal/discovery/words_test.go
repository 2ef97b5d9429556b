package discovery

import (
	"slices"
	"testing"
)

func TestSplitArgs(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []string
		wantErr string
	}{
		{"", nil, ""},
		{"  files   list\t-f csv ", []string{"files", "list", "-f", "csv"}, ""},
		{`grep 'a b' "c d"`, []string{"grep", "a b", "c d"}, ""},
		{`x 'it''s' ""`, []string{"x", "its", ""}, ""},
		{`x "a \"q\" \$HOME \n"`, []string{"x", `a "q" $HOME \n`}, ""},
		{`x a\ b \'`, []string{"x", "a b", "'"}, ""},
		{`x 'a`, nil, "unterminated single quote"},
		{`x "a`, nil, "unterminated double quote"},
		{`x a\`, nil, "backslash at the end"},
	} {
		got, err := SplitArgs(tc.in)
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("SplitArgs(%q) error = %v, want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("SplitArgs(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestJoinArgs(t *testing.T) {
	if got := JoinArgs([]string{"files", "list", "a b", "it's", ""}); got != `files list 'a b' 'it'\''s' ''` {
		t.Errorf("JoinArgs = %s", got)
	}
}

// FuzzJoinArgs checks that SplitArgs gives back what JoinArgs joined.
func FuzzJoinArgs(f *testing.F) {
	f.Add("a", "b c", "it's")
	f.Add("", `"\`, "$x")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		args := []string{a, b, c}
		got, err := SplitArgs(JoinArgs(args))
		if err != nil || !slices.Equal(got, args) {
			t.Fatalf("SplitArgs(JoinArgs(%q)) = %q, %v", args, got, err)
		}
	})
}

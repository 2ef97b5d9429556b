package names

import (
	"strings"
	"testing"
)

// TestPattern is the one table of the command pattern syntax: whether
// CheckPattern accepts a pattern and, when it does, which names
// MatchPattern matches. Hooks (compiled in) and plugin manifests both use
// it, so what a manifest may declare is exactly what can match.
func TestPattern(t *testing.T) {
	tests := []struct {
		pattern string
		wantErr string // "" when valid
		match   []string
		noMatch []string
	}{
		{pattern: "files list", match: []string{"files list"}, noMatch: []string{"files show", "files", "files list extra"}},
		{pattern: "files *", match: []string{"files list", "files acl show"}, noMatch: []string{"files", "env list"}},
		{pattern: "*", match: []string{"files", "files list", "version"}, noMatch: []string{""}},
		{pattern: "* list", match: []string{"env list", "files list"}, noMatch: []string{"env show", "a b list", "list"}},
		{pattern: "files l*", match: []string{"files list"}, noMatch: []string{"files show"}},
		{pattern: "files ?ist", match: []string{"files list"}, noMatch: []string{"files lists"}},
		{pattern: "files [a-m]*", match: []string{"files list"}, noMatch: []string{"files show"}},
		{pattern: "files [^s]*", match: []string{"files list"}, noMatch: []string{"files show"}},
		{pattern: "files [!s]*", wantErr: `glob "[!s]*" has '!'`, noMatch: []string{"files list", "files show"}},
		{pattern: "dir-size", match: []string{"dir-size"}, noMatch: []string{"dir"}},
		{pattern: "  files   list ", match: []string{"files list"}},
		{pattern: "* *", match: []string{"files list", "a b c"}, noMatch: []string{"files"}},
		{pattern: "", wantErr: "empty command pattern", noMatch: []string{"files"}},
		{pattern: "files [", wantErr: `command pattern "files [": glob "[": syntax error`, noMatch: []string{"files ["}},
		{pattern: "Files", wantErr: `command pattern "Files": word "Files" must start with a lower-case letter`, noMatch: []string{"Files"}},
		{pattern: "files L*", wantErr: `glob "L*" has 'L'`, noMatch: []string{"files L1"}},
		{pattern: `files \l*`, wantErr: `glob "\\l*" has '\\'`, noMatch: []string{"files list"}},
		{pattern: "files_x", wantErr: `word "files_x" has '_'`, noMatch: []string{"files_x"}},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			err := CheckPattern(tt.pattern)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("CheckPattern(%q) = %v, want nil", tt.pattern, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("CheckPattern(%q) = %v, want %q", tt.pattern, err, tt.wantErr)
			}
			for _, n := range tt.match {
				if !MatchPattern(tt.pattern, n) {
					t.Errorf("MatchPattern(%q, %q) = false, want true", tt.pattern, n)
				}
			}
			for _, n := range tt.noMatch {
				if MatchPattern(tt.pattern, n) {
					t.Errorf("MatchPattern(%q, %q) = true, want false", tt.pattern, n)
				}
			}
		})
	}
}

package hooks

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"files list", "files list", true},
		{"files list", "files show", false},
		{"files list", "files", false},
		{"files list", "files list extra", false},
		{"files *", "files list", true},
		{"files *", "files acl show", true},
		{"files *", "files", false},
		{"files *", "env list", false},
		{"*", "files", true},
		{"*", "files list", true},
		{"*", "version", true},
		{"* list", "env list", true},
		{"* list", "env show", false},
		{"* list", "a b list", false},
		{"files l*", "files list", true},
		{"files l*", "files show", false},
		{"  files   list ", "files list", true},
		{"", "files", false},
		{"files", "", false},
		{"files [", "files [", false},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestMatchAny(t *testing.T) {
	if !MatchAny([]string{"env list", "files *"}, "files show") {
		t.Error("files show should match files *")
	}
	if MatchAny(nil, "files show") {
		t.Error("no pattern matches nothing")
	}
}

func TestCheckPattern(t *testing.T) {
	tests := []struct{ pattern, wantErr string }{
		{"files *", ""},
		{"*", ""},
		{"files l?st", ""},
		{"  ", "empty command pattern"},
		{"files [", `command pattern "files [": bad word "["`},
	}
	for _, tt := range tests {
		err := CheckPattern(tt.pattern)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("CheckPattern(%q) = %v, want %q", tt.pattern, err, tt.wantErr)
		}
	}
}

func TestOrder(t *testing.T) {
	tests := []struct {
		name string
		in   []Bound
		want string
	}{
		{"by name", []Bound{{Name: "b"}, {Name: "a"}, {Name: "c"}}, "a b c"},
		{"priority first", []Bound{{Name: "a", Info: Info{Priority: 10}}, {Name: "z", Info: Info{Priority: -5}}, {Name: "m"}}, "z m a"},
		{"equal priority by name", []Bound{{Name: "beta", Info: Info{Priority: 1}}, {Name: "alpha", Info: Info{Priority: 1}}}, "alpha beta"},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Order(tt.in)
			var names []string
			for _, b := range tt.in {
				names = append(names, b.Name)
			}
			if got := strings.Join(names, " "); got != tt.want {
				t.Errorf("order = %q, want %q", got, tt.want)
			}
		})
	}
}

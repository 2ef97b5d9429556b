package discovery

import (
	"fmt"
	"strings"
	"testing"
)

// TestYAMLSyntaxErrorLine: a YAML syntax error in the config file or a
// manifest names the line at fault, whatever line yaml.v3 gives (none on
// line 1, the line before for a parser error), and a tab in indentation
// is said so.
func TestYAMLSyntaxErrorLine(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"fault on line 1", "pager: @x\n", "1: found character that cannot start any token"},
		{"tab on line 1", "\tpager: x\n", "1: tabs are not allowed in indentation; indent with spaces"},
		{"tab in a mapping", "plugins:\n\tdisabled: [a]\n", "2: tabs are not allowed in indentation; indent with spaces"},
		{"tab in a list", "plugins:\n  disabled:\n\t- a\n", "3: tabs are not allowed in indentation; indent with spaces"},
		{"tab not in indentation", "pager: \t@x\n", "1: found character that cannot start any token"},
		{"unclosed list on line 4", "# mine\npager: less\nplugins:\n  disabled: [region\n", "4: did not find expected ',' or ']'"},
		{"unclosed list on line 2", "plugins:\n  disabled: [region\n  dirs: [a]\n", "2: did not find expected ',' or ']'"},
		{"unclosed list on line 1", "plugins: {disabled: [region\n", "1: did not find expected ',' or ']'"},
		{"unclosed mapping", "pager: less\nplugins: {disabled: [a]\n", "2: did not find expected ',' or '}'"},
		{"unclosed list after a multi-line one", "plugins:\n  disabled: [\n    csv,\n    json,\n  ]\n  dirs: [x\n", "6: did not find expected ',' or ']'"},
		{"key less indented", "pager: less\nplugins:\n  disabled: [a]\n dirs: [b]\n", "4: did not find expected key"},
		{"list item in a mapping", "pager: less\n- x\n", "2: did not find expected key"},
		{"key in a list", "plugins:\n  disabled:\n    - a\n    dirs: [b]\n", "4: did not find expected '-' indicator"},
		{"two colons", "pager: less\nplugins: a: b\n", "2: mapping values are not allowed in this context"},
		{"unclosed quote", "pager: less\nplugins: \"x\naliases: {}\n", "2: found unexpected end of stream"},
		{"unclosed quote before another", "pager: \"less\naliases:\n  ls: \"files list\"\n", "1: did not find expected key"},
		{"fault inside a multi-line list", "plugins:\n  disabled: [\n    csv,\n    a: b: c,\n  ]\n", "2: did not find expected ',' or ']'"},
		{"unknown alias", "pager: less\nplugins: *x\n", "2: unknown anchor 'x' referenced"},
		{"not UTF-8", "pager: less\nplugins: \xff\n", "2: invalid leading UTF-8 octet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("config.yaml", []byte(tt.yaml))
			if want := "load config: config.yaml:" + tt.want; err == nil || err.Error() != want {
				t.Errorf("ParseConfig error = %v\nwant %s", err, want)
			}
			_, err = ParseManifest("demoapp-x.yaml", []byte(strings.ReplaceAll(strings.ReplaceAll(tt.yaml, "pager:", "description:"), "plugins:", "requires:")))
			if want := "demoapp-x.yaml:" + tt.want; err == nil || err.Error() != want {
				t.Errorf("ParseManifest error = %v\nwant %s", err, want)
			}
		})
	}
}

// TestYAMLSyntaxErrorManifest: faults in a manifest's own shapes, and in
// a second document.
func TestYAMLSyntaxErrorManifest(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"hooks indented with a tab", "description: greet\nhooks:\n\t- name: audit\n", "3: tabs are not allowed in indentation; indent with spaces"},
		{"key indented with a tab", "description: greet\n\tlong: more\n", "2: tabs are not allowed in indentation; indent with spaces"},
		{"tab in a block scalar", "long: |\n  more\n\tthan that\n", "3: tabs are not allowed in indentation; indent with spaces"},
		{"second document", "description: x\n---\nname: [a\n", "3: did not find expected ',' or ']'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseManifest("demoapp-greet.yaml", []byte(tt.yaml))
			if want := "demoapp-greet.yaml:" + tt.want; err == nil || err.Error() != want {
				t.Errorf("ParseManifest error = %v\nwant %s", err, want)
			}
		})
	}
}

// TestYAMLSyntaxErrorBisect: past maxSyntaxScanBytes parsed, the line is
// bisected.
func TestYAMLSyntaxErrorBisect(t *testing.T) {
	var b strings.Builder
	b.WriteString("pager: less\nplugins:\n  disabled: [a\n")
	for i := 0; b.Len() < 64<<10; i++ {
		fmt.Fprintf(&b, "k%d: %s\n", i, strings.Repeat("v", 60))
	}
	_, err := ParseConfig("config.yaml", []byte(b.String()))
	if want := "load config: config.yaml:3: did not find expected ',' or ']'"; err == nil || err.Error() != want {
		t.Errorf("ParseConfig error = %v\nwant %s", err, want)
	}
}

// TestYAMLSyntaxErrorBound: past maxSyntaxSearchLines, yaml.v3's own
// message is kept (the search parses the text once per halving).
func TestYAMLSyntaxErrorBound(t *testing.T) {
	var b strings.Builder
	for i := range maxSyntaxSearchLines {
		fmt.Fprintf(&b, "k%d: v\n", i)
	}
	b.WriteString("pager: @x\n")
	_, err := ParseConfig("config.yaml", []byte(b.String()))
	want := fmt.Sprintf("load config: config.yaml:%d: found character that cannot start any token", maxSyntaxSearchLines+1)
	if err == nil || err.Error() != want {
		t.Errorf("ParseConfig error = %v\nwant %s", err, want)
	}
}

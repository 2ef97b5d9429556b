package formatters

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlString is the node of a string: double-quoted when a plain scalar
// could be read back as something else by a YAML 1.1 reader (PyYAML, which
// OpenStack tools use) or a YAML 1.2 one (yaml.v3), else left to the
// encoder, which quotes what YAML's syntax requires. Bytes that are not
// UTF-8 (a file name can hold any) become U+FFFD, as json writes them:
// YAML text is Unicode, and yaml.v3 refuses to write them at all.
func yamlString(s string) *yaml.Node {
	n := scalar("!!str", validUTF8(s))
	if yamlAmbiguous(s) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// validUTF8 returns s with each byte that is not part of UTF-8 replaced
// by U+FFFD, as encoding/json replaces them.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// yamlWords are the plain scalars YAML 1.1 or 1.2 resolve to a type other
// than string (compared lower-cased, which is stricter than the specs):
// bools (y/n included), nulls, infinities and NaNs, merge and value keys,
// and the indicators PyYAML resolves to its yaml tag.
var yamlWords = map[string]bool{
	"": true, "~": true, "null": true,
	"y": true, "n": true, "yes": true, "no": true, "true": true, "false": true, "on": true, "off": true,
	".inf": true, "-.inf": true, "+.inf": true, ".nan": true,
	"<<": true, "=": true, "!": true, "&": true, "*": true,
}

// yamlAmbiguous tells whether s must be quoted to stay a string. It is
// conservative: every number (decimal, octal, hex, binary, with _, a sign
// or an exponent, sexagesimal like 1:20) and every date or timestamp starts
// with a digit, or with a sign or a dot before a digit, so all such strings
// are quoted, numbers or not.
func yamlAmbiguous(s string) bool {
	if len(s) <= 5 && yamlWords[strings.ToLower(s)] {
		return true
	}
	c := s[0]
	if c >= '0' && c <= '9' {
		return true
	}
	if (c == '-' || c == '+' || c == '.') && len(s) > 1 {
		d := s[1]
		return d >= '0' && d <= '9' || d == '.'
	}
	return false
}

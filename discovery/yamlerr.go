package discovery

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// yamlLine matches the "line N: " that yaml.v3 puts in its messages.
var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`) })

// yamlError rewords a yaml.v3 error as "path:line: message", one problem per
// error (the first when there are several).
func yamlError(path string, err error) error {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	path = Escape(path)
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s: %s", path, m[1], reword(m[2]))
	}
	return fmt.Errorf("%s: %s", path, reword(msg))
}

var (
	// unknownField and cannotUnmarshal match yaml.v3's messages, which
	// name Go types.
	unknownField    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^field (\S+) not found in type \S+$`) })
	cannotUnmarshal = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("^cannot unmarshal !!(\\w+) (`.*` )?into (\\S+)$") })
)

// reword says a yaml.v3 message in the YAML's terms, not Go's:
// "field x not found in type discovery.Manifest" is `unknown key "x"`,
// "cannot unmarshal !!str `x` into bool" is "want a boolean, not the string `x`".
func reword(msg string) string {
	if m := unknownField().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown key %q", m[1])
	}
	m := cannotUnmarshal().FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	got := map[string]string{"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean",
		"map": "a mapping", "seq": "a list", "null": "null", "timestamp": "a timestamp", "binary": "binary data"}[m[1]]
	if got == "" {
		got = "!!" + m[1]
	}
	if m[2] != "" {
		got += " " + strings.TrimSpace(m[2])
	}
	return fmt.Sprintf("want %s, not %s", yamlKind(m[3]), got)
}

// yamlKind names the YAML value a Go type decodes from.
func yamlKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map["), strings.Contains(goType, "."):
		return "a mapping"
	case goType == "string":
		return "a string"
	case goType == "bool":
		return "a boolean (true or false)"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"):
		return "an integer"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	}
	return "a " + goType
}

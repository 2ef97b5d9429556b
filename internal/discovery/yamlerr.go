package discovery

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// yamlLine matches the "line N: " that yaml.v3 puts in its messages.
var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`) })

// yamlError rewords a yaml.v3 error about data, read from path, as
// "path:line: message", one problem per error (the first when there are
// several). yaml.v3 gives no line for a directive it refuses ("%YAML 1.2",
// an unknown "%FOO"): the line is then that of the first directive. For
// any other syntax error the line is the one at fault (see syntaxLine),
// and a tab in its indentation is said to be one.
func yamlError(path string, data []byte, err error) error {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	path = Escape(path)
	if line := directiveLine(data); line > 0 && directiveErr().MatchString(msg) {
		// Its own line, if given, is the document's start, not the directive's.
		if m := yamlLine().FindStringSubmatch(msg); m != nil {
			msg = m[2]
		}
		if msg == "found incompatible YAML document" {
			msg = "only YAML 1.1 documents are read: remove the %YAML line"
		}
		return fmt.Errorf("%s:%d: %s", path, line, msg)
	}
	line := 0
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if te == nil && strings.HasPrefix(err.Error(), "yaml: ") {
		// A syntax error: yaml.v3's line is often not the one at fault.
		if n := syntaxLine(data, msg); n > 0 {
			line = n
		}
		if line > 0 {
			msg = tabMessage(msg, lineText(data, line))
		}
	}
	if line > 0 {
		return fmt.Errorf("%s:%d: %s", path, line, reword(msg))
	}
	return fmt.Errorf("%s: %s", path, reword(msg))
}

// directiveErr matches yaml.v3's messages about directives, which carry no
// line.
var directiveErr = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`directive|incompatible YAML document`) })

// directiveLine returns the line of the first directive ("%YAML", "%TAG",
// any line starting with "%") in data, 0 when there is none.
func directiveLine(data []byte) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "%") {
			return i + 1
		}
	}
	return 0
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
	case goType == "time.Duration":
		return "a duration like 10s"
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

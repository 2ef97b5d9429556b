package formatters

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// Shell writes a record as shell variable assignments, name="value" one a
// line, as cliff's shell formatter does, so that `eval "$(app ... -f shell)"`
// sets them. Names are lower-cased with every character that a shell name
// cannot hold turned into "_" (and "_" before a leading digit); --prefix is
// put before each name. Values are rendered by [Text] inside double quotes
// with ", \, $ and ` escaped, so that eval never runs anything.
// --variable, as in cliff, prints only the named variables (named as
// printed, without the prefix: "last_modified" for the field "Last
// modified"), in the record's order.
type Shell struct {
	// Prefix is put before every variable name.
	Prefix string
	// Variables, when not empty, are the only variables printed.
	Variables []string
}

// Name returns "shell".
func (*Shell) Name() string { return "shell" }

// Description says what the formatter writes.
func (*Shell) Description() string {
	return "Name=\"value\" lines that a shell can eval (records)"
}

// Flags declares --prefix and --variable for records.
func (s *Shell) Flags(fs *pflag.FlagSet, kind Kind) {
	if kind == Record {
		fs.StringVar(&s.Prefix, "prefix", "", "shell: put `PREFIX` before every variable name")
		fs.StringArrayVar(&s.Variables, "variable", nil, "shell: print only the variable `NAME` (repeatable)")
	}
}

// Prepare checks that the prefix can start a shell name.
func (s *Shell) Prepare(Env) error {
	if s.Prefix != "" && shellName(s.Prefix) != s.Prefix {
		return fmt.Errorf("invalid --prefix %q: use letters, digits and _, not starting with a digit", s.Prefix)
	}
	return nil
}

// FormatRecord writes one assignment per field, or per field --variable
// names. A --variable that names no field is an *UnknownError, and
// nothing is written.
func (s *Shell) FormatRecord(w io.Writer, fields []string, values []any) error {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = shellName(strings.ToLower(f))
	}
	for _, v := range s.Variables {
		if !slices.Contains(names, v) {
			return &UnknownError{What: "variable", Name: v, Valid: names}
		}
	}
	var sb strings.Builder
	for i, name := range names {
		if len(s.Variables) > 0 && !slices.Contains(s.Variables, name) {
			continue
		}
		fmt.Fprintf(&sb, "%s=\"%s\"\n", shellName(s.Prefix+strings.ToLower(fields[i])), shellEscaper.Replace(Text(Machine(at(values, i)))))
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

var shellEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`, "`", "\\`")

// shellName maps s to a valid shell variable name.
func shellName(s string) string {
	var sb strings.Builder
	for i, r := range s {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			sb.WriteRune(r)
		case r >= '0' && r <= '9':
			if i == 0 {
				sb.WriteByte('_')
			}
			sb.WriteRune(r)
		default:
			sb.WriteByte('_')
		}
	}
	if sb.Len() == 0 {
		return "_"
	}
	return sb.String()
}

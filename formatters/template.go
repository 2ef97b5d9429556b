package formatters

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/spf13/pflag"
)

// Template executes a Go text/template (--template) for each row, or once for
// a record, with the row as a map from column name to value: {{.name}}.
// Values keep their types (so {{if gt .size 100}} works) except that nil is
// "" and a time is its RFC 3339 text. The escapes \t, \n and \\ in the
// template text stand for a tab, a newline and a backslash, so that a shell
// argument can hold them. Each row's output ends with a newline unless the
// template does. A template that does not parse is a usage error (Prepare);
// one failing on a row (a missing key is an error) fails FormatList.
// Helpers: json, join, upper, lower, trim, text, replace. Rows are written
// as they arrive.
type Template struct {
	// Text is the template source.
	Text string

	tmpl *template.Template
	nl   bool // add a newline after each execution
}

// Name returns "template".
func (*Template) Name() string { return "template" }

// Description says what the formatter writes.
func (*Template) Description() string {
	return "Each row or record through a Go text/template (--template)"
}

// Flags declares --template.
func (t *Template) Flags(fs *pflag.FlagSet, kind Kind) {
	fs.StringVar(&t.Text, "template", "", "template: execute the Go text/template `TEXT` for each "+map[Kind]string{List: "row", Record: "record"}[kind]+", e.g. '{{.name}}\\t{{.size}}'")
}

// templateFuncs are the helpers a template may call.
var templateFuncs = template.FuncMap{
	"json": func(v any) string {
		e := &jsonEnc{}
		e.value(v, 0)
		return string(e.buf)
	},
	"join": func(sep string, v any) string {
		list, ok := generic(v).([]any)
		if !ok {
			return Text(v)
		}
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = Text(e)
		}
		return strings.Join(parts, sep)
	},
	"upper":   func(v any) string { return strings.ToUpper(Text(v)) },
	"lower":   func(v any) string { return strings.ToLower(Text(v)) },
	"trim":    func(v any) string { return strings.TrimSpace(Text(v)) },
	"text":    Text,
	"replace": func(old, new string, v any) string { return strings.ReplaceAll(Text(v), old, new) },
}

var templateEscapes = strings.NewReplacer(`\\`, `\`, `\t`, "\t", `\n`, "\n")

// Prepare parses the template: a missing or invalid one is a usage error.
func (t *Template) Prepare(env Env) error {
	if t.Text == "" {
		what := "row's columns"
		if env.Kind == Record {
			what = "record's fields"
		}
		return fmt.Errorf("-f template needs --template TEXT, a Go template over the %s, e.g. --template '{{.name}}'", what)
	}
	// The newline that ends a row is added after executing, not to the
	// source, so that a parse error is on the line the user wrote.
	src := templateEscapes.Replace(t.Text)
	t.nl = !strings.HasSuffix(src, "\n")
	tmpl, err := template.New("--template").Option("missingkey=error").Funcs(templateFuncs).Parse(src)
	if err != nil {
		return fmt.Errorf("parse %w", err)
	}
	t.tmpl = tmpl
	return nil
}

// FormatList executes the template for each row as it arrives.
func (t *Template) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	if t.tmpl == nil {
		if err := t.Prepare(Env{}); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	var execErr error
	data := make(map[string]any, len(columns))
	err := streamRows(w, func(yield func([]any, error) bool) {
		for row, err := range rows {
			if !yield(row, err) || err != nil || execErr != nil {
				return
			}
		}
	}, func(row []any) []byte {
		buf.Reset()
		for i, c := range columns {
			data[c] = templateValue(at(row, i))
		}
		if err := t.execute(&buf, data, "column", columns); err != nil {
			execErr = err
		}
		return buf.Bytes()
	}, nil)
	if err != nil {
		return err
	}
	return execErr
}

// FormatRecord executes the template once with the record.
func (t *Template) FormatRecord(w io.Writer, fields []string, values []any) error {
	if t.tmpl == nil {
		if err := t.Prepare(Env{}); err != nil {
			return err
		}
	}
	data := make(map[string]any, len(fields))
	for i, f := range fields {
		data[f] = templateValue(at(values, i))
	}
	var buf bytes.Buffer
	err := t.execute(&buf, data, "field", fields)
	if _, werr := w.Write(buf.Bytes()); err == nil {
		err = werr
	}
	return err
}

// execute runs the template for one row or record, ending its output with
// a newline unless the template does. A name the data does not have is an
// *UnknownError naming what (column or field), wrapped: "--template:
// unknown column "x" (valid: ...)".
func (t *Template) execute(buf *bytes.Buffer, data map[string]any, what string, names []string) error {
	err := t.tmpl.Execute(buf, data)
	if err == nil && t.nl {
		buf.WriteByte('\n')
	}
	if err != nil {
		// text/template has no error type for it, only this message.
		if _, key, ok := strings.Cut(err.Error(), "map has no entry for key "); ok {
			if name, uerr := strconv.Unquote(key); uerr == nil {
				if _, has := data[name]; !has && strings.Contains(err.Error(), "at <."+name+">") {
					return fmt.Errorf("--template: %w", &UnknownError{What: what, Name: name, Valid: names})
				}
			}
		}
	}
	return err
}

func templateValue(v any) any {
	switch v := Machine(v).(type) {
	case nil:
		return ""
	case time.Time:
		return v.Format(time.RFC3339Nano)
	default:
		return v
	}
}

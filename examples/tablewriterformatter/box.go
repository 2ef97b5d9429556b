// Package tablewriterformatter is an example of a third-party formatter
// built on another library: "box", a table drawn by
// github.com/olekukonko/tablewriter in one of its box styles (light,
// rounded, double, ...). A blank import installs it in an app:
//
//	import _ "github.com/longshore/longshore/examples/tablewriterformatter"
//
// after which `demoapp files list -f box --box-style rounded` works and
// help lists "box" and --box-style. demoapp does not import it, so the
// library is not linked into demoapp; Longshore's own table stays the
// default (tablewriter measured 79× slower than encoding/csv on 100,000
// rows, the built-in table 1.8×; see docs/performance.md).
package tablewriterformatter

import (
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/formatters"
)

// App is the name of the App the formatter is registered for; an app of
// one's own registers under its own name.
const App = "demoapp"

func init() {
	formatters.Register(App, "box", func() formatters.Formatter { return &Box{Style: "light"} })
}

// styles are tablewriter's box styles by name.
var styles = func() map[string]tw.BorderStyle {
	m := map[string]tw.BorderStyle{}
	for style, name := range tw.Styles {
		m[string(name)] = style
	}
	return m
}()

// Box renders a list or a record as a table drawn by tablewriter. Like
// the built-in table it needs every row to size the columns, so it holds
// them all; text is shown as people see it (formatters.HumanText) and
// numbers are right-aligned, by the types in the first row.
type Box struct {
	// Style is the name of a tablewriter box style.
	Style string
}

// Name returns "box".
func (*Box) Name() string { return "box" }

// Description says what the formatter writes, for plugin list.
func (*Box) Description() string {
	return "A table in a tablewriter box style (example of a third-party formatter)"
}

// Flags declares --box-style, with its choices for shell completion.
func (b *Box) Flags(fs *pflag.FlagSet, kind formatters.Kind) {
	fs.StringVar(&b.Style, "box-style", "light", "box: draw the table in the box style `NAME` (e.g. light, rounded, double, ascii)")
	fs.SetAnnotation("box-style", formatters.ChoicesAnnotation, styleNames())
}

func styleNames() []string {
	return slices.Sorted(maps.Keys(styles))
}

// Prepare checks the style before any row is read: a bad one is a usage
// error naming the valid ones.
func (b *Box) Prepare(formatters.Env) error {
	if _, ok := styles[b.Style]; !ok {
		return &formatters.UnknownError{What: "box style", Name: b.Style, Valid: styleNames()}
	}
	return nil
}

// table returns a tablewriter table on w in the chosen style, headers as
// given (tablewriter upper-cases them by default), alignment per column.
func (b *Box) table(w io.Writer, right []bool) *tablewriter.Table {
	align := make([]tw.Align, len(right))
	for i, r := range right {
		align[i] = tw.AlignLeft
		if r {
			align[i] = tw.AlignRight
		}
	}
	return tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(styles[b.Style])})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
	)
}

// FormatList renders the rows as one table. When the rows fail half-way,
// the rows read so far are rendered, then the error returned; an empty
// list prints nothing.
func (b *Box) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	var cells [][]string
	right := make([]bool, len(columns))
	var failed error
	for row, err := range rows {
		if err != nil {
			failed = err
			break
		}
		if cells == nil {
			for i := range columns {
				right[i] = i < len(row) && formatters.IsNumber(row[i])
			}
		}
		line := make([]string, len(columns))
		for i := range columns {
			if i < len(row) {
				line[i] = formatters.HumanText(row[i])
			}
		}
		cells = append(cells, line)
	}
	if len(cells) == 0 {
		return failed
	}
	if err := b.render(w, columns, right, cells); err != nil {
		return err
	}
	return failed
}

// FormatRecord renders a Field/Value table.
func (b *Box) FormatRecord(w io.Writer, fields []string, values []any) error {
	cells := make([][]string, len(fields))
	for i, f := range fields {
		var v any
		if i < len(values) {
			v = values[i]
		}
		cells[i] = []string{f, formatters.HumanText(v)}
	}
	return b.render(w, []string{"Field", "Value"}, []bool{false, false}, cells)
}

func (b *Box) render(w io.Writer, header []string, right []bool, cells [][]string) error {
	t := b.table(w, right)
	t.Header(anySlice(header)...)
	if err := t.Bulk(cells); err != nil {
		return fmt.Errorf("box: %w", err)
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("box: %w", err)
	}
	return nil
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

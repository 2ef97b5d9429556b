// Package htmlformatter is an example of a compiled-in formatter: an HTML
// table for lists and records. A blank import installs it in demoapp:
//
//	import _ "github.com/longshore/longshore/examples/htmlformatter"
//
// after which `demoapp files list -f html --html-caption Files` works and
// help lists "html" and --html-caption.
package htmlformatter

import (
	"bufio"
	"html"
	"io"
	"iter"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/formatters"
)

// App is the name of the App the formatter is registered for.
const App = "demoapp"

func init() {
	formatters.Register(App, "html", func() formatters.Formatter { return &HTML{} })
}

// HTML renders a <table>, one <tr> per row as it arrives.
type HTML struct {
	caption string
}

// The compiler checks the capabilities HTML means to have.
var (
	_ formatters.ListFormatter    = (*HTML)(nil)
	_ formatters.RecordFormatter  = (*HTML)(nil)
	_ formatters.KindFlagDeclarer = (*HTML)(nil)
	_ formatters.Describer        = (*HTML)(nil)
)

// Name returns "html".
func (*HTML) Name() string { return "html" }

// Description says what the formatter writes, for plugin list.
func (*HTML) Description() string {
	return "An HTML table (example of a compiled-in formatter)"
}

// Flags declares --html-caption for both kinds of output.
func (h *HTML) Flags(fs *pflag.FlagSet, kind formatters.Kind) {
	fs.StringVar(&h.caption, "html-caption", "", "html: put `TEXT` in the table's <caption>")
}

// FormatList writes the header, then each row as it arrives.
func (h *HTML) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	bw := bufio.NewWriter(w)
	h.open(bw, columns)
	for row, err := range rows {
		if err != nil {
			bw.Flush()
			return err
		}
		h.row(bw, "td", row)
	}
	bw.WriteString("</table>\n")
	return bw.Flush()
}

// FormatRecord writes a Field/Value table.
func (h *HTML) FormatRecord(w io.Writer, fields []string, values []any) error {
	bw := bufio.NewWriter(w)
	h.open(bw, []string{"Field", "Value"})
	for i, f := range fields {
		h.row(bw, "td", []any{f, values[i]})
	}
	bw.WriteString("</table>\n")
	return bw.Flush()
}

func (h *HTML) open(bw *bufio.Writer, columns []string) {
	bw.WriteString("<table>\n")
	if h.caption != "" {
		bw.WriteString("<caption>" + html.EscapeString(h.caption) + "</caption>\n")
	}
	header := make([]any, len(columns))
	for i, c := range columns {
		header[i] = c
	}
	h.row(bw, "th", header)
}

// row writes one <tr>; values are rendered as the table formatter shows
// them (formatters.HumanText), escaped.
func (h *HTML) row(bw *bufio.Writer, cell string, row []any) {
	bw.WriteString("<tr>")
	for _, v := range row {
		bw.WriteString("<" + cell + ">" + html.EscapeString(formatters.HumanText(v)) + "</" + cell + ">")
	}
	bw.WriteString("</tr>\n")
}

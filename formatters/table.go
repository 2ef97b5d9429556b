package formatters

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// Table renders cliff's bordered table: `+---+` rules, a header row, one
// space of padding, strings left-aligned and numbers right-aligned (by the
// types in the first row, as cliff does), embedded newlines kept inside the
// cell, widths measured in terminal cells. It buffers every row to size the
// columns; an empty list prints nothing unless --print-empty.
type Table struct {
	// MaxWidth wraps the widest columns so the table fits in this many
	// cells; 0 takes <APP>_MAX_TERM_WIDTH, <1 disables.
	MaxWidth int
	// FitWidth fits the table to the terminal when the output is one.
	FitWidth bool
	// PrintEmpty prints the header of an empty list.
	PrintEmpty bool

	maxWidthSet bool
	width       int
}

// widthFlag is --max-width: it records that it was given, so that an
// explicit 0 overrides the environment.
type widthFlag struct{ t *Table }

func (f *widthFlag) String() string {
	if f.t == nil {
		return "0"
	}
	return strconv.Itoa(f.t.MaxWidth)
}
func (f *widthFlag) Type() string { return "int" }
func (f *widthFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("not an integer: %q", s)
	}
	f.t.MaxWidth, f.t.maxWidthSet = n, true
	return nil
}

// Name returns "table".
func (*Table) Name() string { return "table" }

// Flags declares --max-width, --fit-width and, for lists, --print-empty.
func (t *Table) Flags(fs *pflag.FlagSet, kind Kind) {
	fs.Var(&widthFlag{t}, "max-width", "table: wrap columns to fit `N` terminal cells, <1 to disable (default $<APP>_MAX_TERM_WIDTH)")
	fs.BoolVar(&t.FitWidth, "fit-width", false, "table: fit the table to the terminal width (default $<APP>_FIT_WIDTH=1)")
	if kind == List {
		fs.BoolVar(&t.PrintEmpty, "print-empty", false, "table: print the header when there is no row")
	}
}

// Prepare takes the defaults of --max-width and --fit-width from the
// environment and decides the width to fit.
func (t *Table) Prepare(env Env) error {
	if t.MaxWidth == 0 && !t.maxWidthSet {
		if s := env.getenv("MAX_TERM_WIDTH"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return fmt.Errorf("%s_MAX_TERM_WIDTH: not an integer: %q", env.Prefix, s)
			}
			t.MaxWidth = n
		}
	}
	if s := env.getenv("FIT_WIDTH"); s != "" && !t.FitWidth {
		t.FitWidth = s == "1" || s == "true"
	}
	switch {
	case t.MaxWidth > 0:
		t.width = t.MaxWidth
	case t.FitWidth && env.OutIsTerminal:
		t.width = env.TerminalWidth
	}
	return nil
}

// grid is a table's text in memory: len(cols) cells per row, row-major.
type grid struct {
	header []string
	cells  []string
	right  []bool
	multi  bool // some cell holds a newline
}

func (g *grid) add(v any) {
	s := HumanText(v)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", " ")
	}
	if !g.multi && strings.IndexByte(s, '\n') >= 0 {
		g.multi = true
	}
	g.cells = append(g.cells, s)
}

// FormatList renders all rows as one table. When the rows fail half-way, the
// rows read so far are rendered, then the error returned.
func (t *Table) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	g := &grid{header: columns, right: make([]bool, len(columns))}
	n := 0
	var failed error
	for row, err := range rows {
		if err != nil {
			failed = err
			break
		}
		if n == 0 {
			for i := range columns {
				g.right[i] = i < len(row) && IsNumber(row[i])
			}
		}
		for i := range columns {
			g.add(at(row, i))
		}
		n++
	}
	if n == 0 && !t.PrintEmpty {
		return failed
	}
	if err := t.render(w, g, 8, n == 0); err != nil {
		return err
	}
	return failed
}

// FormatRecord renders a two-column Field/Value table, left-aligned.
func (t *Table) FormatRecord(w io.Writer, fields []string, values []any) error {
	g := &grid{header: []string{"Field", "Value"}, right: make([]bool, 2)}
	for i, f := range fields {
		g.add(f)
		g.add(at(values, i))
	}
	return t.render(w, g, 16, false)
}

// render lays the grid out; minWidth is the narrowest a wrapped column gets.
// An empty grid centres its header, as prettytable does.
func (t *Table) render(w io.Writer, g *grid, minWidth int, centre bool) error {
	cols := len(g.header)
	widths := make([]int, cols)
	for i, h := range g.header {
		widths[i] = blockWidth(h)
	}
	for i, c := range g.cells {
		widths[i%cols] = max(widths[i%cols], blockWidth(c))
	}
	if limits := shrink(widths, t.width, minWidth); limits != nil {
		for i := range widths {
			widths[i] = max(displayWidth(g.header[i]), min(widths[i], limits[i]))
		}
		for i, c := range g.cells {
			if wrapped, ok := wrapCell(c, widths[i%cols]); ok {
				g.cells[i] = wrapped
				g.multi = true
			}
		}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	rule := ruleLine(widths)
	bw.WriteString(rule)
	align := g.right
	if centre {
		align = nil
	}
	writeLine(bw, g.header, widths, align, centre)
	bw.WriteString(rule)
	for r := 0; r+cols <= len(g.cells); r += cols {
		row := g.cells[r : r+cols]
		if g.multi {
			writeMultiLine(bw, row, widths, g.right)
		} else {
			writeLine(bw, row, widths, g.right, false)
		}
	}
	bw.WriteString(rule)
	return bw.Flush()
}

// shrink returns the widest each column may be for the table to fit in
// width cells, with cliff's rule: columns narrower than an equal share keep
// their width, the others share the rest (the last gets the remainder), none
// below minWidth. It returns nil when no fitting is needed.
func shrink(widths []int, width, minWidth int) []int {
	total := 1
	for _, w := range widths {
		total += w + 3
	}
	if width <= 0 || total <= width || len(widths) == 0 {
		return nil
	}
	usable := max(0, width-1-3*len(widths))
	optimal := usable / len(widths)
	remaining := usable
	var wide []int
	for i, w := range widths {
		if w <= optimal {
			remaining -= w
		} else {
			wide = append(wide, i)
		}
	}
	limits := make([]int, len(widths))
	for i, w := range widths {
		limits[i] = w
	}
	share := remaining / len(wide)
	for _, i := range wide[:len(wide)-1] {
		limits[i] = max(minWidth, share)
		remaining -= share
	}
	limits[wide[len(wide)-1]] = max(minWidth, remaining)
	return limits
}

var (
	spaces = strings.Repeat(" ", 256)
	dashes = strings.Repeat("-", 256)
)

// pad writes n copies of the byte in fill (spaces or dashes).
func pad(bw *bufio.Writer, fill string, n int) {
	for n > len(fill) {
		bw.WriteString(fill)
		n -= len(fill)
	}
	bw.WriteString(fill[:n])
}

func ruleLine(widths []int) string {
	var sb strings.Builder
	for _, w := range widths {
		sb.WriteByte('+')
		sb.WriteString(strings.Repeat("-", w+2))
	}
	sb.WriteString("+\n")
	return sb.String()
}

// writeLine writes one single-line row. With centre, cells are centred as
// Python's str.center does.
func writeLine(bw *bufio.Writer, row []string, widths []int, right []bool, centre bool) {
	for i, c := range row {
		bw.WriteString("| ")
		writeCell(bw, c, widths[i]-displayWidth(c), right != nil && right[i], centre)
		bw.WriteByte(' ')
	}
	bw.WriteString("|\n")
}

func writeCell(bw *bufio.Writer, c string, excess int, right, centre bool) {
	switch {
	case centre:
		left := excess / 2
		if excess%2 == 1 && displayWidth(c)%2 == 0 {
			left++
		}
		pad(bw, spaces, left)
		bw.WriteString(c)
		pad(bw, spaces, excess-left)
	case right:
		pad(bw, spaces, excess)
		bw.WriteString(c)
	default:
		bw.WriteString(c)
		pad(bw, spaces, excess)
	}
}

// writeMultiLine writes a row whose cells may hold several lines, each
// cell's lines at the top.
func writeMultiLine(bw *bufio.Writer, row []string, widths []int, right []bool) {
	lines := make([][]string, len(row))
	height := 1
	for i, c := range row {
		lines[i] = strings.Split(c, "\n")
		height = max(height, len(lines[i]))
	}
	line := make([]string, len(row))
	for y := range height {
		for i := range row {
			line[i] = ""
			if y < len(lines[i]) {
				line[i] = lines[i][y]
			}
		}
		writeLine(bw, line, widths, right, false)
	}
}

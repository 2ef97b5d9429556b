package formatters

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
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
	// BoldHeader writes the header's names in bold; Prepare sets it when
	// the output may be coloured.
	BoldHeader bool
	// ColorCells colours the cells whose values are a [Colorer]; Prepare
	// sets it when the output may be coloured.
	ColorCells bool

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
		return errors.New("not an integer")
	}
	f.t.MaxWidth, f.t.maxWidthSet = n, true
	return nil
}

// Name returns "table".
func (*Table) Name() string { return "table" }

// Description says what the formatter writes.
func (*Table) Description() string {
	return "A bordered table, as cliff draws it"
}

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
	t.BoldHeader = t.BoldHeader || env.Color
	t.ColorCells = t.ColorCells || env.Color
	switch {
	case t.MaxWidth > 0:
		t.width = t.MaxWidth
	case t.FitWidth && env.OutIsTerminal:
		t.width = env.TerminalWidth
	}
	return nil
}

// grid is a table's text in memory, kept in fixed-size chunks free of
// pointers, so that a large table is never copied as it grows and costs the
// garbage collector nothing: the cells' text back to back, and where each
// cell is (row-major, cols cells a row).
type grid struct {
	header []string
	cols   int
	text   [][]byte
	spans  [][]span
	n      int
	widths []int
	right  []bool
	multi  bool // some cell holds a newline
	// colors holds the cells whose values are a Colorer, by index; nil
	// when there is none.
	colors map[int]Colorer
}

// span locates a cell's text: chunk, start and end offset.
type span struct{ chunk, start, end int32 }

const (
	textChunk = 1 << 20
	spanChunk = 1 << 16
)

func newGrid(header []string) *grid {
	g := &grid{header: header, cols: len(header), widths: make([]int, len(header)), right: make([]bool, len(header))}
	for i, h := range header {
		g.widths[i] = displayWidth(h)
	}
	return g
}

// add appends the next cell: v as people see it, CR LF as LF, a lone CR as
// a space (as cliff does).
func (g *grid) add(v any) {
	if len(g.text) == 0 || len(g.text[len(g.text)-1]) > textChunk-4096 {
		g.text = append(g.text, make([]byte, 0, textChunk))
	}
	k := len(g.text) - 1
	buf := g.text[k]
	start := len(buf)
	if f, ok := v.(Formattable); ok {
		buf = append(buf, f.HumanReadable()...)
	} else {
		buf = appendText(buf, v)
	}
	cell := buf[start:]
	if bytes.IndexByte(cell, '\r') >= 0 {
		s := strings.ReplaceAll(strings.ReplaceAll(string(cell), "\r\n", "\n"), "\r", " ")
		buf = append(buf[:start], s...)
		cell = buf[start:]
	}
	g.text[k] = buf
	var w int
	if bytes.IndexByte(cell, '\n') >= 0 {
		g.multi = true
		w = blockWidth(string(cell))
	} else {
		w = displayWidthBytes(cell)
	}
	if c, ok := v.(Colorer); ok {
		if g.colors == nil {
			g.colors = make(map[int]Colorer)
		}
		g.colors[g.n] = c
	}
	col := g.n % g.cols
	g.widths[col] = max(g.widths[col], w)
	if g.n%spanChunk == 0 {
		g.spans = append(g.spans, make([]span, 0, spanChunk))
	}
	g.spans[len(g.spans)-1] = append(g.spans[len(g.spans)-1], span{int32(k), int32(start), int32(len(buf))})
	g.n++
}

// cell returns the text of cell i.
func (g *grid) cell(i int) []byte {
	s := g.spans[i/spanChunk][i%spanChunk]
	return g.text[s.chunk][s.start:s.end]
}

// FormatList renders all rows as one table. When the rows fail half-way, the
// rows read so far are rendered, then the error returned.
func (t *Table) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	g := newGrid(columns)
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
	g := newGrid([]string{"Field", "Value"})
	for i, f := range fields {
		g.add(f)
		g.add(at(values, i))
	}
	return t.render(w, g, 16, false)
}

// render lays the grid out; minWidth is the narrowest a wrapped column gets.
// An empty grid centres its header, as prettytable does.
func (t *Table) render(w io.Writer, g *grid, minWidth int, centre bool) error {
	if g.cols == 0 {
		return nil
	}
	widths := g.widths
	if limits := shrink(widths, t.width, minWidth); limits != nil {
		g = g.wrap(limits)
		widths = g.widths
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	rule := ruleLine(widths)
	bw.WriteString(rule)
	header := make([][]byte, g.cols)
	for i, h := range g.header {
		header[i] = []byte(h)
	}
	align := g.right
	if centre {
		align = nil
	}
	if t.BoldHeader {
		writeBoldLine(bw, header, widths, align, centre)
	} else {
		writeLine(bw, header, widths, align, centre)
	}
	bw.WriteString(rule)
	row := make([][]byte, g.cols)
	var paint []Colorer
	if t.ColorCells && g.colors != nil {
		paint = make([]Colorer, g.cols)
	}
	for r := 0; r+g.cols <= g.n; r += g.cols {
		for i := range row {
			row[i] = g.cell(r + i)
		}
		for i := range paint {
			paint[i] = g.colors[r+i]
		}
		switch {
		case g.multi:
			writeMultiLine(bw, row, widths, g.right, paint)
		case paint != nil:
			writePaintedLine(bw, row, widths, g.right, paint)
		default:
			writeLine(bw, row, widths, g.right, false)
		}
	}
	bw.WriteString(rule)
	return bw.Flush()
}

// wrap returns the grid with each column at most as wide as its limit (but
// never narrower than its header), its cells wrapped to the width.
func (g *grid) wrap(limits []int) *grid {
	out := newGrid(g.header)
	copy(out.right, g.right)
	widths := make([]int, g.cols)
	for i := range widths {
		widths[i] = max(displayWidth(g.header[i]), min(g.widths[i], limits[i]))
	}
	for i := range g.n {
		s, _ := wrapCell(string(g.cell(i)), widths[i%g.cols])
		out.add(s)
	}
	out.colors = g.colors
	// Columns keep their computed width even if wrapping left them narrower.
	out.widths = widths
	return out
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
)

// pad writes n copies of the byte fill is made of.
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
func writeLine(bw *bufio.Writer, row [][]byte, widths []int, right []bool, centre bool) {
	for i, c := range row {
		bw.WriteString("| ")
		writeCell(bw, c, widths[i]-displayWidthBytes(c), right != nil && right[i], centre)
		bw.WriteByte(' ')
	}
	bw.WriteString("|\n")
}

// writeBoldLine is writeLine with each cell in bold, for the header on a
// terminal.
func writeBoldLine(bw *bufio.Writer, row [][]byte, widths []int, right []bool, centre bool) {
	for i, c := range row {
		bw.WriteString("| \x1b[1m")
		writeCell(bw, c, widths[i]-displayWidthBytes(c), right != nil && right[i], centre)
		bw.WriteString("\x1b[0m ")
	}
	bw.WriteString("|\n")
}

// writePaintedLine is writeLine for a row of which some cells are
// coloured: paint[i], when not nil, colours the text of cell i; the
// padding stays plain and the width is the text's.
func writePaintedLine(bw *bufio.Writer, row [][]byte, widths []int, right []bool, paint []Colorer) {
	cs := command.NewColorScheme(true)
	for i, c := range row {
		bw.WriteString("| ")
		excess := widths[i] - displayWidthBytes(c)
		switch {
		case paint[i] == nil || len(c) == 0:
			writeCell(bw, c, excess, right[i], false)
		case right[i]:
			pad(bw, spaces, excess)
			bw.WriteString(paint[i].Colorize(cs, string(c)))
		default:
			bw.WriteString(paint[i].Colorize(cs, string(c)))
			pad(bw, spaces, excess)
		}
		bw.WriteByte(' ')
	}
	bw.WriteString("|\n")
}

func writeCell(bw *bufio.Writer, c []byte, excess int, right, centre bool) {
	switch {
	case centre:
		left := excess / 2
		if excess%2 == 1 && displayWidthBytes(c)%2 == 0 {
			left++
		}
		pad(bw, spaces, left)
		bw.Write(c)
		pad(bw, spaces, excess-left)
	case right:
		pad(bw, spaces, excess)
		bw.Write(c)
	default:
		bw.Write(c)
		pad(bw, spaces, excess)
	}
}

// writeMultiLine writes a row whose cells may hold several lines, each
// cell's lines at the top; paint, when not nil, colours cells as
// writePaintedLine does, line by line.
func writeMultiLine(bw *bufio.Writer, row [][]byte, widths []int, right []bool, paint []Colorer) {
	lines := make([][][]byte, len(row))
	height := 1
	for i, c := range row {
		lines[i] = bytes.Split(c, []byte("\n"))
		height = max(height, len(lines[i]))
	}
	line := make([][]byte, len(row))
	for y := range height {
		for i := range row {
			line[i] = nil
			if y < len(lines[i]) {
				line[i] = lines[i][y]
			}
		}
		if paint != nil {
			writePaintedLine(bw, line, widths, right, paint)
		} else {
			writeLine(bw, line, widths, right, false)
		}
	}
}

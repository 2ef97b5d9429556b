package formatters

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/stream"
)

// Table renders cliff's bordered table: `+---+` rules, a header row, one
// space of padding, strings left-aligned and numbers right-aligned (by the
// types in the first row, as cliff does), embedded newlines kept inside the
// cell, widths measured in terminal cells. Other control characters, in
// cells and names, are escaped (\x1b, \t, \u009b...), on a terminal or
// not, since they would break the layout anyway. An empty list prints
// nothing unless --print-empty.
//
// A list of up to [streamAfter] rows is held to size the columns, exactly
// as cliff does. A longer one is streamed, in constant memory: the columns
// are sized by its first streamAfter rows (each at least 8 cells wide),
// those rows are written, and every later row is written as it comes, a
// cell wider than its column wrapped inside it as --max-width wraps cells.
// With --stream the table streams from the start: the first block ends
// also when the rows pause (a slow lister's first rows appear at once, as
// kubectl prints them), so its widths depend on how fast the rows came.
// --stream=false holds every row, however many.
type Table struct {
	// MaxWidth wraps the widest columns so the table fits in this many
	// cells; 0 takes <APP>_MAX_TERM_WIDTH, <1 disables.
	MaxWidth int
	// FitWidth fits the table to the terminal when the output is one;
	// FitWidthSet says it was given (--fit-width). Not given, the table
	// fits a terminal unless <APP>_FIT_WIDTH is false (see Prepare).
	FitWidth, FitWidthSet bool
	// PrintEmpty prints the header of an empty list or record.
	PrintEmpty bool
	// Stream, when StreamSet, streams from the start (true) or never
	// (false); unset, a list streams past streamAfter rows.
	Stream, StreamSet bool
	// BoldHeader writes the header's names in bold; Prepare sets it when
	// the output may be coloured.
	BoldHeader bool
	// ColorCells colours the cells whose values are a [Colorer]; Prepare
	// sets it when the output may be coloured.
	ColorCells bool

	maxWidthSet bool
	width       int
	block       int   // rows held before streaming; 0 is streamAfter
	declared    []int // widths the lister declared, 0 for none
}

// DeclareWidths takes the widths the lister declares for the columns: a
// declared column is that wide (or as wide as its header), whatever its
// rows hold. When every column is declared, the table streams from the
// first row, which appears at once; --stream=false holds the rows but keeps
// the widths.
func (t *Table) DeclareWidths(widths []int) {
	t.declared = widths
}

// allDeclared reports whether every one of n columns has a declared width.
func (t *Table) allDeclared(n int) bool {
	if len(t.declared) < n {
		return false
	}
	for _, w := range t.declared[:n] {
		if w <= 0 {
			return false
		}
	}
	return true
}

// sized returns g with its columns at their final widths: each at least
// floor wide, a declared column as declared (its cells wrapped to it), then
// all fitted to the width asked for, none narrower than minWidth.
func (t *Table) sized(g *grid, floor, minWidth int) *grid {
	for i := range g.widths {
		g.widths[i] = max(g.widths[i], floor)
	}
	if len(t.declared) > 0 {
		limits := slices.Clone(g.widths)
		for i := range limits {
			if i < len(t.declared) && t.declared[i] > 0 {
				limits[i] = t.declared[i]
				g.widths[i] = max(g.widths[i], t.declared[i])
			}
		}
		g = g.wrap(limits)
	}
	if limits := fitHeaders(g.widths, headerWidths(g.header), t.width, minWidth); limits != nil {
		g = g.wrap(limits)
	}
	return g
}

// headerWidths returns the display width of each name.
func headerWidths(header []string) []int {
	out := make([]int, len(header))
	for i, h := range header {
		out[i] = displayWidth(h)
	}
	return out
}

// fitHeaders returns shrink's limits for columns that are never narrower
// than their header (floors): a column whose header is wider than its
// share keeps the header's width, and the other columns share what is left,
// so the table fits whenever its headers allow. nil when no fitting is
// needed.
func fitHeaders(widths, floors []int, width, minWidth int) []int {
	limits := shrink(widths, width, minWidth)
	if limits == nil {
		return nil
	}
	pinned := make([]bool, len(widths))
	for {
		more := false
		for i, l := range limits {
			if !pinned[i] && l < widths[i] && l < floors[i] {
				pinned[i], more = true, true
			}
		}
		if !more {
			return limits
		}
		// Shrink the others into what the pinned columns leave.
		var rest []int
		left := width
		for i, w := range widths {
			if pinned[i] {
				left -= floors[i] + 3
			} else {
				rest = append(rest, w)
			}
		}
		if len(rest) == 0 {
			return limits
		}
		sub := shrink(rest, left, minWidth)
		k := 0
		for i := range widths {
			switch {
			case pinned[i]:
				limits[i] = floors[i]
			case sub == nil:
				limits[i] = widths[i]
				k++
			default:
				limits[i] = sub[k]
				k++
			}
		}
	}
}

type streamMode int

const (
	streamAuto streamMode = iota
	streamOn
	streamOff
)

func (t *Table) streamMode() streamMode {
	switch {
	case !t.StreamSet:
		return streamAuto
	case t.Stream:
		return streamOn
	}
	return streamOff
}

// streamFlag is --stream: a bool that records that it was given.
type streamFlag struct{ t *Table }

func (f *streamFlag) String() string {
	if f.t == nil {
		return "false"
	}
	return strconv.FormatBool(f.t.Stream)
}
func (f *streamFlag) Type() string     { return "bool" }
func (f *streamFlag) IsBoolFlag() bool { return true }
func (f *streamFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("not a boolean")
	}
	f.t.Stream, f.t.StreamSet = on, true
	return nil
}

// fitFlag is --fit-width: a bool that records that it was given, so that
// --fit-width=false overrides the default and the environment.
type fitFlag struct{ t *Table }

func (f *fitFlag) String() string {
	if f.t == nil {
		return "false"
	}
	return strconv.FormatBool(f.t.FitWidth)
}
func (f *fitFlag) Type() string     { return "bool" }
func (f *fitFlag) IsBoolFlag() bool { return true }
func (f *fitFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("not a boolean")
	}
	f.t.FitWidth, f.t.FitWidthSet = on, true
	return nil
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

// Flags declares --max-width, --fit-width and --print-empty.
func (t *Table) Flags(fs *pflag.FlagSet, kind Kind) {
	fs.Var(&widthFlag{t}, "max-width", "table: wrap columns to fit `N` terminal cells, <1 to disable (default $<APP>_MAX_TERM_WIDTH)")
	fit := fs.VarPF(&fitFlag{t}, "fit-width", "", "table: on a terminal, wrap the widest columns to fit its width (default true, or $<APP>_FIT_WIDTH; piped output is never fitted)")
	fit.NoOptDefVal = "true"
	what := "row"
	if kind == Record {
		what = "field"
	}
	fs.BoolVar(&t.PrintEmpty, "print-empty", false, "table: print the header when there is no "+what)
	if kind == List {
		f := fs.VarPF(&streamFlag{t}, "stream", "", "table: write rows as they come, sized by the first ones (default: past "+strconv.Itoa(streamAfter)+" rows; --stream=false: never)")
		f.NoOptDefVal = "true"
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
	fit := t.FitWidth
	if !t.FitWidthSet {
		// On by default: a table wider than the terminal wraps every line.
		fit = true
		if s := env.getenv("FIT_WIDTH"); s != "" {
			on, err := strconv.ParseBool(s)
			if err != nil {
				return fmt.Errorf("%s_FIT_WIDTH: not a boolean: %q", env.Prefix, s)
			}
			fit = on
		}
	}
	t.BoldHeader = t.BoldHeader || env.Color
	t.ColorCells = t.ColorCells || env.Color
	switch {
	case t.MaxWidth > 0:
		t.width = t.MaxWidth
	case fit && env.OutIsTerminal:
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
	// firstChunk is the first text chunk's size, and a span chunk's first
	// capacity: a record or a short list (version, show) allocates a few
	// KiB, not the 1.8 MiB of two full chunks; each next text chunk
	// doubles up to textChunk, so a large table still copies no text.
	firstChunk = 1 << 12
)

func newGrid(header []string) *grid {
	g := &grid{header: make([]string, len(header)), cols: len(header), widths: make([]int, len(header)), right: make([]bool, len(header))}
	for i, h := range header {
		g.header[i] = escapeHeader(h)
		g.widths[i] = displayWidth(g.header[i])
	}
	return g
}

// reserve sizes the grid's first chunks for about n cells (a record's),
// rather than the first chunks of a list.
func (g *grid) reserve(n int) {
	if len(g.text) == 0 && len(g.spans) == 0 {
		g.text = append(g.text, make([]byte, 0, min(32*n+64, firstChunk)))
		g.spans = append(g.spans, make([]span, 0, min(n, spanChunk)))
	}
}

// add appends the next cell: v as people see it, CR LF as LF, a lone CR as
// a space (as cliff does), other control characters escaped (see
// appendEscaped).
func (g *grid) add(v any) {
	if len(g.text) == 0 {
		g.text = append(g.text, make([]byte, 0, firstChunk))
	} else if last := g.text[len(g.text)-1]; len(last) > cap(last)-cap(last)/4 && (cap(last) < textChunk || len(last) > textChunk-4096) {
		g.text = append(g.text, make([]byte, 0, min(2*cap(last), textChunk)))
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
	if e := escapeCell(cell); len(e) != len(cell) {
		buf = append(buf[:start], e...)
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
	if g.n%spanChunk == 0 && len(g.spans) <= g.n/spanChunk {
		// The first chunk grows by append (copying spans, never text).
		n := spanChunk
		if len(g.spans) == 0 {
			n = firstChunk
		}
		g.spans = append(g.spans, make([]span, 0, n))
	}
	g.spans[len(g.spans)-1] = append(g.spans[len(g.spans)-1], span{int32(k), int32(start), int32(len(buf))})
	g.n++
}

// cell returns the text of cell i.
func (g *grid) cell(i int) []byte {
	s := g.spans[i/spanChunk][i%spanChunk]
	return g.text[s.chunk][s.start:s.end]
}

// streamAfter is how many rows a table holds to size its columns: a list
// with more is streamed (see [Table]).
const streamAfter = 10000

// streamMinWidth is the narrowest a streamed column is, so that a later
// value longer than any of the first block's wraps into lines of a useful
// width.
const streamMinWidth = 8

// FormatList renders the rows as one table, or streams them past
// [streamAfter] rows or with --stream. When the rows fail half-way, the
// rows read so far are rendered (and a streamed table closed), then the
// error returned.
func (t *Table) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	g := newGrid(columns)
	n := 0
	block := cmp.Or(t.block, streamAfter)
	var ts *tableStream
	begin := func() {
		if ts == nil && (n > 0 || t.allDeclared(len(columns))) {
			ts = t.begin(bw, g)
			g = nil
		}
	}
	if t.streamMode() == streamOn && stream.OnStall(bw, begin) {
		defer stream.OnStall(bw, nil)
	}
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
		if ts == nil && t.streamMode() != streamOff && (n == block || t.allDeclared(len(columns))) {
			begin()
		}
		n++
		if ts != nil {
			ts.row(row)
			continue
		}
		for i := range columns {
			g.add(at(row, i))
		}
	}
	if ts != nil {
		bw.WriteString(ruleLine(ts.widths))
		if err := bw.Flush(); err != nil {
			return err
		}
		return failed
	}
	if n == 0 && !t.PrintEmpty {
		return failed
	}
	if err := t.render(bw, g, 8, n == 0); err != nil {
		return err
	}
	return failed
}

// tableStream writes the rows of a table whose column widths are fixed.
type tableStream struct {
	bw     *bufio.Writer
	widths []int
	right  []bool
	buf    []byte
	ends   []int
	cells  [][]byte
	lines  [][][]byte // each cell's lines, when a row takes several
	out    []byte     // the row's text
	// paint holds the row's Colorer cells when the table colours them
	// (ColorCells), nil otherwise.
	paint []Colorer
}

// begin fixes the column widths from the rows in g (as render would, with
// columns at least streamMinWidth wide), writes the table so far without
// its closing rule, and returns the writer of the rows to come.
func (t *Table) begin(bw *bufio.Writer, g *grid) *tableStream {
	g = t.sized(g, streamMinWidth, 8)
	t.writeRows(bw, g, false)
	ts := &tableStream{bw: bw, widths: g.widths, right: g.right, ends: make([]int, g.cols), cells: make([][]byte, g.cols), lines: make([][][]byte, g.cols)}
	if t.ColorCells {
		ts.paint = make([]Colorer, g.cols)
	}
	return ts
}

// row writes one row, wrapping a cell wider than its column, except a
// number, which is never cut into lines (a reader or grep would take its
// parts for two numbers): it overflows its column, on that row only.
func (ts *tableStream) row(row []any) {
	ts.buf = ts.buf[:0]
	for i := range ts.cells {
		v := at(row, i)
		start := len(ts.buf)
		if ts.paint != nil {
			ts.paint[i], _ = v.(Colorer)
		}
		if f, ok := v.(Formattable); ok {
			ts.buf = append(ts.buf, f.HumanReadable()...)
		} else {
			ts.buf = appendText(ts.buf, v)
		}
		if bytes.IndexByte(ts.buf[start:], '\r') >= 0 {
			c := strings.ReplaceAll(strings.ReplaceAll(string(ts.buf[start:]), "\r\n", "\n"), "\r", " ")
			ts.buf = append(ts.buf[:start], c...)
		}
		if e := escapeCell(ts.buf[start:]); len(e) != len(ts.buf)-start {
			ts.buf = append(ts.buf[:start], e...)
		}
		ts.ends[i] = len(ts.buf)
	}
	start := 0
	multi := false
	for i, end := range ts.ends {
		c := ts.buf[start:end:end]
		start = end
		ts.cells[i] = c
		ts.lines[i] = ts.lines[i][:0]
		if bytes.IndexByte(c, '\n') < 0 && (displayWidthBytes(c) <= ts.widths[i] || IsNumber(at(row, i))) {
			ts.lines[i] = append(ts.lines[i], c)
			continue
		}
		multi = true
		if isASCIIWord(c) {
			// A number or a word without spaces: cut into lines, as
			// wrapCell would, without copying.
			for w := ts.widths[i]; len(c) > w; c = c[w:] {
				ts.lines[i] = append(ts.lines[i], c[:w])
			}
			ts.lines[i] = append(ts.lines[i], c)
			continue
		}
		s, _ := wrapCell(string(c), ts.widths[i])
		for line := range strings.SplitSeq(s, "\n") {
			ts.lines[i] = append(ts.lines[i], []byte(line))
		}
	}
	ts.out = ts.out[:0]
	if !multi {
		ts.appendLine()
		ts.bw.Write(ts.out)
		return
	}
	height := 0
	for _, l := range ts.lines {
		height = max(height, len(l))
	}
	for y := range height {
		for i, l := range ts.lines {
			ts.cells[i] = nil
			if y < len(l) {
				ts.cells[i] = l[y]
			}
		}
		ts.appendLine()
	}
	ts.bw.Write(ts.out)
}

// appendLine appends the line of ts.cells to ts.out, as writeLine writes
// it, or writePaintedLine when some cells are coloured.
func (ts *tableStream) appendLine() {
	b := ts.out
	for i, c := range ts.cells {
		b = append(b, '|', ' ')
		excess := ts.widths[i] - displayWidthBytes(c)
		text := c
		if ts.paint != nil && ts.paint[i] != nil && len(c) > 0 {
			text = []byte(ts.paint[i].Colorize(command.NewColorScheme(true), string(c)))
		}
		if ts.right[i] {
			b = appendSpaces(b, excess)
			b = append(b, text...)
		} else {
			b = append(b, text...)
			b = appendSpaces(b, excess)
		}
		b = append(b, ' ')
	}
	ts.out = append(b, '|', '\n')
}

func appendSpaces(b []byte, n int) []byte {
	for n > len(spaces) {
		b = append(b, spaces...)
		n -= len(spaces)
	}
	if n > 0 {
		b = append(b, spaces[:n]...)
	}
	return b
}

// isASCIIWord reports whether c is printable ASCII without spaces.
func isASCIIWord(c []byte) bool {
	for _, b := range c {
		if b <= ' ' || b >= 0x7f {
			return false
		}
	}
	return true
}

// FormatRecord renders a two-column Field/Value table, left-aligned. A
// record without fields prints nothing unless --print-empty, as a list
// without rows.
func (t *Table) FormatRecord(w io.Writer, fields []string, values []any) error {
	if len(fields) == 0 && !t.PrintEmpty {
		return nil
	}
	g := newGrid([]string{"Field", "Value"})
	g.reserve(2 * len(fields))
	for i, f := range fields {
		g.add(f)
		g.add(at(values, i))
	}
	// A record is a few lines: a list's 64 KiB buffer would be fresh
	// memory for the process to fault in, as would the grid's first chunks.
	return t.render(bufio.NewWriterSize(w, 4<<10), g, 16, false)
}

// render lays the grid out on bw and flushes it; minWidth is the narrowest
// a wrapped column gets. An empty grid centres its header, as prettytable
// does.
func (t *Table) render(bw *bufio.Writer, g *grid, minWidth int, centre bool) error {
	if g.cols == 0 {
		return nil
	}
	g = t.sized(g, 0, minWidth)
	t.writeRows(bw, g, centre)
	bw.WriteString(ruleLine(g.widths))
	return bw.Flush()
}

// writeRows writes the grid's rules, header and rows, all but the closing
// rule, at its widths.
func (t *Table) writeRows(bw *bufio.Writer, g *grid, centre bool) {
	widths := g.widths
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

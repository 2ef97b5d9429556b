package formatters

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"iter"
	"strconv"
	"testing"

	"github.com/longshore/longshore/internal/stream"
)

// Benchmarks write b.N rows of 6 columns, so -benchtime=1000000x writes a
// million; bench/formatters.sh compares each formatter with the baselines
// (encoding/csv and encoding/json writing the same rows directly) in one
// run and prints the ratios.

var benchColumns = []string{"id", "name", "path", "size", "ratio", "ok"}

// benchRow returns row i; the strings are fixed so that the rows cost
// nothing to generate.
func benchRow(i int, row []any) {
	row[0], row[1], row[2], row[3], row[4], row[5] = i, "report-final.pdf", "/home/ada/docs, old", i*1024, 0.25, i%2 == 0
}

func benchRows(n int) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		row := make([]any, 6)
		for i := range n {
			benchRow(i, row)
			if !yield(row, nil) {
				return
			}
		}
	}
}

// benchList renders the rows as the app does: through a Stream (its
// buffer, its lock around each row and its idle flush).
func benchList(b *testing.B, f ListFormatter) {
	b.ReportAllocs()
	st := stream.New(io.Discard, nil)
	err := f.FormatList(st.Writer(), benchColumns, st.Rows(benchRows(b.N)))
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCSVNoStream is BenchmarkCSV straight to io.Discard, without the
// Stream, to show what the Stream costs.
func BenchmarkCSVNoStream(b *testing.B) {
	b.ReportAllocs()
	if err := (&CSV{Quote: "nonnumeric"}).FormatList(io.Discard, benchColumns, benchRows(b.N)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBaselineCSV writes the rows with encoding/csv directly.
func BenchmarkBaselineCSV(b *testing.B) {
	b.ReportAllocs()
	w := csv.NewWriter(bufio.NewWriter(io.Discard))
	w.Write(benchColumns)
	row := make([]any, 6)
	rec := make([]string, 6)
	for i := range b.N {
		benchRow(i, row)
		rec[0] = strconv.Itoa(row[0].(int))
		rec[1] = row[1].(string)
		rec[2] = row[2].(string)
		rec[3] = strconv.Itoa(row[3].(int))
		rec[4] = strconv.FormatFloat(row[4].(float64), 'g', -1, 64)
		rec[5] = strconv.FormatBool(row[5].(bool))
		w.Write(rec)
	}
	w.Flush()
}

// benchObject is the struct encoding/json is fastest with.
type benchObject struct {
	ID    int     `json:"id"`
	Name  string  `json:"name"`
	Path  string  `json:"path"`
	Size  int     `json:"size"`
	Ratio float64 `json:"ratio"`
	OK    bool    `json:"ok"`
}

// BenchmarkBaselineJSON writes the rows as objects with encoding/json
// directly, from a struct (its fastest path), one per line.
func BenchmarkBaselineJSON(b *testing.B) {
	b.ReportAllocs()
	bw := bufio.NewWriter(io.Discard)
	enc := json.NewEncoder(bw)
	row := make([]any, 6)
	for i := range b.N {
		benchRow(i, row)
		enc.Encode(benchObject{row[0].(int), row[1].(string), row[2].(string), row[3].(int), row[4].(float64), row[5].(bool)})
	}
	bw.Flush()
}

func BenchmarkCSV(b *testing.B)           { benchList(b, &CSV{Quote: "nonnumeric"}) }
func BenchmarkJSON(b *testing.B)          { benchList(b, &JSON{}) }
func BenchmarkJSONNoIndent(b *testing.B)  { benchList(b, &JSON{NoIndent: true}) }
func BenchmarkJSONL(b *testing.B)         { benchList(b, &JSONL{}) }
func BenchmarkYAML(b *testing.B)          { benchList(b, &YAML{}) }
func BenchmarkValue(b *testing.B)         { benchList(b, &Value{}) }
func BenchmarkMarkdown(b *testing.B)      { benchList(b, &Markdown{}) }
func BenchmarkTable(b *testing.B)         { benchList(b, &Table{}) }
func BenchmarkTableMaxWidth(b *testing.B) { benchList(b, &Table{width: 60}) }
func BenchmarkTemplate(b *testing.B) {
	t := &Template{Text: `{{.id}}\t{{.name}}\t{{.size}}`}
	if err := t.Prepare(Env{}); err != nil {
		b.Fatal(err)
	}
	benchList(b, t)
}

// BenchmarkTableNoStream is BenchmarkTable straight to io.Discard, without
// the Stream: past streamAfter rows, the streaming table's own cost.
func BenchmarkTableNoStream(b *testing.B) {
	b.ReportAllocs()
	if err := (&Table{}).FormatList(io.Discard, benchColumns, benchRows(b.N)); err != nil {
		b.Fatal(err)
	}
}

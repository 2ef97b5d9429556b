package formatters

import (
	"io"
	"iter"
	"runtime"
	"runtime/metrics"
	"testing"
)

// BenchmarkLiveHeap measures the memory a formatter keeps while it renders
// b.N rows: the live heap (what survives a garbage collection) after a
// collection forced as the last row is yielded, reported as live-bytes. A streaming format keeps it flat whatever the row count;
// bench/formatters.sh compares 1,000,000 rows with 10,000. Rows are fresh
// slices, as a real lister yields them.
func BenchmarkLiveHeap(b *testing.B) {
	for _, name := range []string{"csv", "json", "jsonl", "yaml", "value", "markdown", "template", "table"} {
		b.Run(name, func(b *testing.B) {
			f := builtins[name]()
			if t, ok := f.(*Template); ok {
				t.Text = "{{.id}} {{.name}}"
			}
			if p, ok := f.(Preparer); ok {
				if err := p.Prepare(Env{}); err != nil {
					b.Fatal(err)
				}
			}
			runtime.GC()
			sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			var live uint64
			measure := func() {
				metrics.Read(sample)
				live = sample[0].Value.Uint64()
			}
			n := b.N
			rows := iter.Seq2[[]any, error](func(yield func([]any, error) bool) {
				for i := range n {
					row := make([]any, 6)
					benchRow(i, row)
					if i == n-1 {
						runtime.GC()
						measure()
					}
					if !yield(row, nil) {
						return
					}
				}
			})
			if err := f.(ListFormatter).FormatList(io.Discard, benchColumns, rows); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(live), "live-bytes")
		})
	}
}

package formatters

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/spf13/pflag"
)

// TestTableRecordAllocatesLittle pins that a record (demoapp version)
// costs a few KiB of table memory, not the 1.8 MiB of two full chunks that
// a large table grows into, nor a list's first chunks and 64 KiB output
// buffer (112 KiB): start-up pays for every byte it allocates.
func TestTableRecordAllocatesLittle(t *testing.T) {
	f := &Table{}
	f.Flags(pflag.NewFlagSet("t", pflag.ContinueOnError), Record)
	if err := f.Prepare(Env{Prefix: "TEST", Getenv: func(string) string { return "" }, Kind: Record}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := f.FormatRecord(&buf, fixtureColumns, fixtureRows[1]); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 16<<10 {
		t.Errorf("formatting one record allocated %d bytes, want at most 16 KiB", got)
	}
}

// TestTableGridChunks pins that the grid's text grows in chunks that are
// never copied: cells added to a full chunk go to a new one, each twice
// the last up to textChunk, and every cell reads back.
func TestTableGridChunks(t *testing.T) {
	g := newGrid([]string{"a", "b"})
	cell := bytes.Repeat([]byte("x"), 1000)
	for i := 0; i < 5000; i++ {
		g.add(string(cell[:i%1000]))
	}
	for i := 0; i < 5000; i++ {
		if got := len(g.cell(i)); got != i%1000 {
			t.Fatalf("cell %d has %d bytes, want %d", i, got, i%1000)
		}
	}
	for k, c := range g.text {
		if k > 0 && cap(c) != min(2*cap(g.text[k-1]), textChunk) {
			t.Errorf("chunk %d: cap %d after %d", k, cap(c), cap(g.text[k-1]))
		}
	}
	if cap(g.text[0]) != firstChunk {
		t.Errorf("first chunk: cap %d, want %d", cap(g.text[0]), firstChunk)
	}
}

package formatters

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longshore/longshore/internal/handoff"
	"github.com/longshore/longshore/internal/stream"
)

// streamRows are rows whose later values outgrow the first block's widths.
var streamColumns = []string{"name", "size", "note"}

func streamFixture() [][]any {
	return [][]any{
		{"a", 1, "short"},
		{"bb", 22, "x"},
		{"a much longer name than before", 333333333333, "and a note long enough to wrap twice at eight"},
		{"line\none", 4.0, "日本語の文字は二つ"},
		{"c", nil, ""},
	}
}

// TestTableStreamGolden pins the streamed layouts: the first block (two
// rows here) sizes the columns, later cells that do not fit are wrapped;
// with --max-width the block is fitted first.
func TestTableStreamGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		tb   Table
	}{
		{"table-list-streamed.txt", Table{block: 2}},
		{"table-list-streamed_--max-width_40.txt", Table{block: 3, width: 40}},
		{"table-list-streamed_--stream.txt", Table{Stream: true, StreamSet: true, block: 2}},
		{"table-list-streamed_--stream=false.txt", Table{Stream: false, StreamSet: true, block: 2}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.tb.FormatList(&buf, streamColumns, rowsOf(streamFixture())); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", tc.file)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", path, buf.Bytes(), want)
			}
		})
	}
}

// TestTableStreamSameAsBuffered: a list that ends within the block is
// drawn exactly as before, and a streamed one whose later rows fit starts
// with the same lines.
func TestTableStreamSameAsBuffered(t *testing.T) {
	rows := streamFixture()[:2]
	var held, auto bytes.Buffer
	(&Table{Stream: false, StreamSet: true}).FormatList(&held, streamColumns, rowsOf(rows))
	(&Table{block: 2}).FormatList(&auto, streamColumns, rowsOf(rows))
	if held.String() != auto.String() {
		t.Errorf("a list of block rows changed:\n%s\n%s", held.String(), auto.String())
	}
}

// TestTableStreamFails: a streamed table whose rows fail half-way is
// closed, then the error returned.
func TestTableStreamFails(t *testing.T) {
	var buf bytes.Buffer
	boom := errors.New("boom")
	rows := func(yield func([]any, error) bool) {
		for i := range 5 {
			if !yield([]any{fmt.Sprint("row", i)}, nil) {
				return
			}
		}
		yield(nil, boom)
	}
	err := (&Table{block: 2}).FormatList(&buf, []string{"n"}, rows)
	if err != boom {
		t.Fatalf("err = %v", err)
	}
	want := "+----------+\n| n        |\n+----------+\n| row0     |\n| row1     |\n| row2     |\n| row3     |\n| row4     |\n+----------+\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

// TestTableStreamSlowRows: with --stream, the rows read before the source
// stalls are written at once, by Stall or by the idle flush, before the
// next row is produced; and the widths are theirs.
func TestTableStreamSlowRows(t *testing.T) {
	for _, stall := range []bool{true, false} {
		h := handoff.New("| first ")
		st := stream.New(h, nil)
		if stall {
			st = stream.NewIdle(h, nil, 0)
		}
		rows := func(yield func([]any, error) bool) {
			if !yield([]any{"first"}, nil) {
				return
			}
			if stall {
				if err := st.Stall(); err != nil {
					t.Fatal(err)
				}
			}
			h.Await(t)
			yield([]any{"second, longer"}, nil)
		}
		tb := &Table{Stream: true, StreamSet: true}
		err := tb.FormatList(st.Writer(), []string{"row"}, st.Rows(rows))
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
		want := "+----------+\n| row      |\n+----------+\n| first    |\n| second,  |\n| longer   |\n+----------+\n"
		if h.String() != want {
			t.Errorf("stall=%v: got\n%s\nwant\n%s", stall, h.String(), want)
		}
	}
}

// TestTableStreamLongList: past the block every row is written.
func TestTableStreamLongList(t *testing.T) {
	var out strings.Builder
	n := 0
	rows := func(yield func([]any, error) bool) {
		for i := range 50 {
			n++
			if !yield([]any{i, "v"}, nil) {
				return
			}
		}
	}
	if err := (&Table{block: 3}).FormatList(&out, []string{"i", "v"}, rows); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(out.String(), "\n"); got != 3+50+1 {
		t.Errorf("%d lines", got)
	}
}

// TestTableDeclaredWidths: declared columns are as wide as declared (or
// their header), their cells wrapped to fit, held or streamed alike.
func TestTableDeclaredWidths(t *testing.T) {
	for _, tc := range []struct {
		file   string
		tb     Table
		widths []int
	}{
		{"table-list-declared.txt", Table{}, []int{6, 5, 12}},
		{"table-list-declared-partly.txt", Table{}, []int{0, 0, 12}},
		{"table-list-declared_--stream=false.txt", Table{StreamSet: true}, []int{6, 5, 12}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var buf bytes.Buffer
			tc.tb.DeclareWidths(tc.widths)
			if err := tc.tb.FormatList(&buf, streamColumns, rowsOf(streamFixture())); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", tc.file)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("output differs from %s:\n--- got\n%s\n--- want\n%s", path, buf.Bytes(), want)
			}
		})
	}
}

// TestTableDeclaredWidthsStreamAtOnce: with every width declared, the
// first row reaches the output before the second is produced, without
// --stream.
func TestTableDeclaredWidthsStreamAtOnce(t *testing.T) {
	h := handoff.New("| first ")
	st := stream.NewIdle(h, nil, 0)
	rows := func(yield func([]any, error) bool) {
		if !yield([]any{"first"}, nil) {
			return
		}
		if err := st.Stall(); err != nil {
			t.Fatal(err)
		}
		h.Await(t)
		yield([]any{"second"}, nil)
	}
	tb := &Table{}
	tb.DeclareWidths([]int{6})
	err := tb.FormatList(st.Writer(), []string{"row"}, st.Rows(rows))
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if want := "+--------+\n| row    |\n+--------+\n| first  |\n| second |\n+--------+\n"; h.String() != want {
		t.Errorf("got\n%s\nwant\n%s", h.String(), want)
	}
}

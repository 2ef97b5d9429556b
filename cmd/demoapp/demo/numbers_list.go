package demo

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(App, "numbers list", func() command.Command { return &numbersList{count: 10, failAfter: -1} })
}

// numbersList streams generated rows: it shows that formatters write rows as
// they arrive (try --count 1000000 -f csv) and what a lister failing half-way
// looks like (--fail-after).
type numbersList struct {
	count     int
	failAfter int
	slow      bool
}

var (
	_ command.Lister         = (*numbersList)(nil)
	_ command.FlagDeclarer   = (*numbersList)(nil)
	_ command.ColumnDeclarer = (*numbersList)(nil)
)

// slowRow is how long --slow takes to make each row.
const slowRow = 20 * time.Millisecond

func (*numbersList) Info() command.Info {
	return command.Info{
		Short:   "List generated numbers (streams; can fail half-way)",
		Long:    "List the numbers 1 to --count with their square, hex form, 2^(n mod 96) and a label,\ngenerated as they are written, so that any count runs in constant memory\nwith a streaming format. --fail-after N fails after N rows, to show that\nthe rows already written are kept. --slow makes each row take a while,\nas fetching them from a server would, and shows a progress bar on a\nterminal before the list.",
		Example: "  demoapp numbers list --count 5 -f csv\n  demoapp numbers list --count 1000000 -f jsonl | tail -1",
	}
}

func (c *numbersList) Flags(fs *pflag.FlagSet) {
	fs.IntVar(&c.count, "count", 10, "how many rows to list (`N`)")
	fs.IntVar(&c.failAfter, "fail-after", -1, "fail after `N` rows")
	fs.BoolVar(&c.slow, "slow", false, "make each row slowly, with a progress bar on a terminal")
}

func (*numbersList) Columns() []string { return numberColumns }

var numberColumns = []string{"n", "square", "hex", "power", "label", "even"}

func (c *numbersList) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	if c.slow {
		return c.slowList(ctx, inv)
	}
	rows := func(yield func([]any, error) bool) {
		for n := 1; n <= c.count; n++ {
			if n-1 == c.failAfter {
				yield(nil, fmt.Errorf("generate row %d: out of numbers", n))
				return
			}
			if n%4096 == 0 && ctx.Err() != nil {
				yield(nil, ctx.Err())
				return
			}
			if !yield(numberRow(n), nil) {
				return
			}
		}
	}
	return &command.Table{Columns: numberColumns, Rows: rows}, nil
}

// slowList makes every row before listing any, taking slowRow for each, and
// counts them on a progress bar meanwhile; the bar is gone before the
// list is written.
func (c *numbersList) slowList(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	bar := inv.IO.StartProgressBar("Generating numbers", c.count)
	defer inv.IO.StopProgress()
	var rows [][]any
	for n := 1; n <= c.count; n++ {
		if n-1 == c.failAfter {
			return nil, fmt.Errorf("generate row %d: out of numbers", n)
		}
		t := time.NewTimer(slowRow)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		rows = append(rows, numberRow(n))
		bar.Add(1)
	}
	return &command.Table{Columns: numberColumns, Rows: command.RowsOf(rows...)}, nil
}

// bigOne is 1, only read.
var bigOne = big.NewInt(1)

// numberRow is row n of the list.
func numberRow(n int) []any {
	// 2^(n mod 96): past 2^62 it needs a big.Int.
	var power any = int64(1) << (n % 96)
	if n%96 > 62 {
		power = new(big.Int).Lsh(bigOne, uint(n%96))
	}
	return []any{n, n * n, fmt.Sprintf("%#x", n), power, fmt.Sprintf("nº %d, \"n\"", n), n%2 == 0}
}

// NewNumbersList returns the "numbers list" lister, for programs that
// reuse it, such as the structured plugin of bench/structured.
func NewNumbersList() command.Command { return &numbersList{count: 10, failAfter: -1} }

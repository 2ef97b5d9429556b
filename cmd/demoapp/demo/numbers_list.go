package demo

import (
	"context"
	"fmt"
	"math/big"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(Namespace, "numbers list", func() command.Command { return &numbersList{count: 10, failAfter: -1} })
}

// numbersList streams generated rows: it shows that formatters write rows as
// they arrive (try --count 1000000 -f csv) and what a lister failing half-way
// looks like (--fail-after).
type numbersList struct {
	count     int
	failAfter int
}

func (*numbersList) Info() command.Info {
	return command.Info{
		Short:   "List generated numbers (streams; can fail half-way)",
		Long:    "List the numbers 1 to --count with their square, hex form, 2^(n mod 96) and a label,\ngenerated as they are written, so that any count runs in constant memory\nwith a streaming format. --fail-after N fails after N rows, to show that\nthe rows already written are kept.",
		Example: "  demoapp numbers list --count 5 -f csv\n  demoapp numbers list --count 1000000 -f jsonl | tail -1",
	}
}

func (c *numbersList) Flags(fs *pflag.FlagSet) {
	fs.IntVar(&c.count, "count", 10, "how many rows to list (`N`)")
	fs.IntVar(&c.failAfter, "fail-after", -1, "fail after `N` rows")
}

func (*numbersList) Columns() []string { return numberColumns }

var numberColumns = []string{"n", "square", "hex", "power", "label", "even"}

func (c *numbersList) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	rows := func(yield func([]any, error) bool) {
		one := big.NewInt(1)
		for n := 1; n <= c.count; n++ {
			if n-1 == c.failAfter {
				yield(nil, fmt.Errorf("generate row %d: out of numbers", n))
				return
			}
			if n%4096 == 0 && ctx.Err() != nil {
				yield(nil, ctx.Err())
				return
			}
			// 2^(n mod 96): past 2^62 it needs a big.Int.
			var power any = int64(1) << (n % 96)
			if n%96 > 62 {
				power = new(big.Int).Lsh(one, uint(n%96))
			}
			if !yield([]any{n, n * n, fmt.Sprintf("%#x", n), power, fmt.Sprintf("nº %d, \"n\"", n), n%2 == 0}, nil) {
				return
			}
		}
	}
	return &command.Table{Columns: numberColumns, Rows: rows}, nil
}

// NewNumbersList returns the "numbers list" lister, for programs that
// reuse it, such as the structured plugin of bench/structured.
func NewNumbersList() command.Command { return &numbersList{count: 10, failAfter: -1} }

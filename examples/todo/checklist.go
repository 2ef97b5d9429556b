package todo

import (
	"fmt"
	"io"
	"iter"
	"slices"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/formatters"
)

// checklist renders a list as "[ ] title" lines: -f checklist.
type checklist struct{ mark string }

var (
	_ formatters.ListFormatter    = (*checklist)(nil)
	_ formatters.KindFlagDeclarer = (*checklist)(nil)
	_ formatters.Describer        = (*checklist)(nil)
)

func (*checklist) Name() string { return "checklist" }

func (*checklist) Description() string { return "a check box and the title of each item" }

// Flags declares --mark; a formatter's Flags also takes the kind of output.
func (c *checklist) Flags(fs *pflag.FlagSet, kind formatters.Kind) {
	fs.StringVar(&c.mark, "mark", "x", "the `MARK` of a done item's box")
}

func (c *checklist) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	title, done := slices.Index(columns, "title"), slices.Index(columns, "done")
	if title < 0 {
		return fmt.Errorf("checklist needs a title column")
	}
	for row, err := range rows {
		if err != nil {
			return err
		}
		box := " "
		if done >= 0 && row[done] == true {
			box = c.mark
		}
		if _, err := fmt.Fprintf(w, "[%s] %s\n", box, formatters.Text(row[title])); err != nil {
			return err
		}
	}
	return nil
}

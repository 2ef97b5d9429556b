package hooks

import (
	"fmt"
	"iter"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
)

func TestAppendRows(t *testing.T) {
	tab := AppendRows(&command.Table{Columns: []string{"n"}, Rows: command.RowsOf([]any{1}, []any{2})}, func(n int) iter.Seq2[[]any, error] {
		return command.RowsOf([]any{fmt.Sprintf("total %d", n)})
	})
	var rows []string
	for row := range tab.Rows {
		rows = append(rows, fmt.Sprint(row...))
	}
	if got := strings.Join(rows, ","); got != "1,2,total 2" {
		t.Errorf("rows = %s", got)
	}
}

package hookrun

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/hooks"
)

// probe is a hook whose behaviour each test sets, recording its calls.
type probe struct {
	info                hooks.Info
	log                 *[]string
	beforeErr, afterErr error
	panicIn             string
}

func (p *probe) Info() hooks.Info { return p.info }

func (p *probe) Before(ctx context.Context, inv *command.Invocation) error {
	*p.log = append(*p.log, "before "+p.info.Description)
	if p.panicIn == "before" {
		panic("boom")
	}
	return p.beforeErr
}

func (p *probe) After(ctx context.Context, inv *command.Invocation, out *hooks.Outcome) error {
	*p.log = append(*p.log, fmt.Sprintf("after %s code=%d", p.info.Description, out.ExitCode))
	if p.panicIn == "after" {
		panic("boom")
	}
	return p.afterErr
}

func TestChainBeforeAfter(t *testing.T) {
	veto := errors.New("no")
	tests := []struct {
		name         string
		hooks        func(log *[]string) []Bound
		wantLog      []string
		wantVeto     string
		wantFailures []string
	}{
		{
			name: "order: priority then name, after reversed",
			hooks: func(log *[]string) []Bound {
				return []Bound{
					bound("b", hooks.Info{Description: "b"}, &probe{log: log}),
					bound("a", hooks.Info{Description: "a"}, &probe{log: log}),
					bound("z", hooks.Info{Description: "z", Priority: -1}, &probe{log: log}),
				}
			},
			wantLog: []string{"before z", "before a", "before b", "after b code=0", "after a code=0", "after z code=0"},
		},
		{
			name: "a veto stops the chain; only hooks entered run after",
			hooks: func(log *[]string) []Bound {
				return []Bound{
					bound("a", hooks.Info{Description: "a"}, &probe{log: log}),
					bound("b", hooks.Info{Description: "b"}, &probe{log: log, beforeErr: veto}),
					bound("c", hooks.Info{Description: "c"}, &probe{log: log}),
				}
			},
			wantLog:  []string{"before a", "before b", "after a code=0"},
			wantVeto: "hook b: no",
		},
		{
			name: "an optional hook's panic is reported, not a veto",
			hooks: func(log *[]string) []Bound {
				return []Bound{
					bound("a", hooks.Info{Description: "a"}, &probe{log: log, panicIn: "before"}),
					bound("b", hooks.Info{Description: "b"}, &probe{log: log}),
				}
			},
			wantLog:      []string{"before a", "before b", "after b code=0", "after a code=0"},
			wantFailures: []string{`before hook "a" panicked: boom`},
		},
		{
			name: "a required hook's panic vetoes",
			hooks: func(log *[]string) []Bound {
				return []Bound{bound("a", hooks.Info{Description: "a", Required: true}, &probe{log: log, panicIn: "before"})}
			},
			wantLog:  []string{"before a"},
			wantVeto: `hook "a" panicked: boom`,
		},
		{
			name: "a broken optional hook does not veto",
			hooks: func(log *[]string) []Bound {
				return []Bound{bound("a", hooks.Info{Description: "a"}, &probe{log: log, beforeErr: hooks.Broken(errors.New("timed out"))})}
			},
			wantLog:      []string{"before a", "after a code=0"},
			wantFailures: []string{"before hook a: timed out"},
		},
		{
			name: "after failures and panics are all returned",
			hooks: func(log *[]string) []Bound {
				return []Bound{
					bound("a", hooks.Info{Description: "a", Required: true}, &probe{log: log, afterErr: errors.New("down")}),
					bound("b", hooks.Info{Description: "b"}, &probe{log: log, panicIn: "after"}),
				}
			},
			wantLog:      []string{"before a", "before b", "after b code=0", "after a code=0"},
			wantFailures: []string{`after hook "b" panicked: boom`, "after hook a: down (required)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log []string
			c := NewChain(tt.hooks(&log))
			inv := &command.Invocation{Name: "files list"}
			veto, failures := c.Before(context.Background(), inv)
			if got := errString(veto); got != tt.wantVeto {
				t.Errorf("veto = %q, want %q", got, tt.wantVeto)
			}
			out := &hooks.Outcome{}
			failures = append(failures, c.After(context.Background(), inv, out)...)
			if !slices.Equal(log, tt.wantLog) {
				t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(log, "\n"), strings.Join(tt.wantLog, "\n"))
			}
			var got []string
			for _, f := range failures {
				s := f.Phase + " " + f.Error()
				if f.Required {
					s += " (required)"
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tt.wantFailures) {
				t.Errorf("failures = %q, want %q", got, tt.wantFailures)
			}
		})
	}
}

func bound(name string, info hooks.Info, p *probe) Bound {
	p.info = info
	return Bound{Name: name, Hook: p, Info: info}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// suffix is a transformer adding a column and a record field.
type suffix struct {
	col  string
	fail bool
}

func (s *suffix) Info() hooks.Info { return hooks.Info{} }

func (s *suffix) TransformTable(ctx context.Context, inv *command.Invocation, t *command.Table) (*command.Table, error) {
	if s.fail {
		return nil, errors.New("cannot")
	}
	return hooks.AddColumn(t, s.col, func(row []any) any { return fmt.Sprint(row[0], "-", s.col) }), nil
}

func (s *suffix) TransformRecord(ctx context.Context, inv *command.Invocation, rec *command.Record) (*command.Record, error) {
	if s.fail {
		panic("cannot")
	}
	return &command.Record{Fields: append(rec.Fields, s.col), Values: append(rec.Values, s.col)}, nil
}

func TestChainTransform(t *testing.T) {
	c := NewChain([]Bound{
		{Name: "b", Hook: &suffix{col: "y"}},
		{Name: "a", Hook: &suffix{col: "x"}},
		{Name: "c", Hook: &suffix{fail: true}},
	})
	inv := &command.Invocation{}
	c.Before(context.Background(), inv)
	var wrapped []string
	wrap := func(plugin string, rows iter.Seq2[[]any, error]) iter.Seq2[[]any, error] {
		wrapped = append(wrapped, plugin)
		return rows
	}
	tab, failures, err := c.TransformTable(context.Background(), inv, &command.Table{Columns: []string{"n"}, Rows: command.RowsOf([]any{1}, []any{2})}, wrap)
	if err != nil {
		t.Fatal(err)
	}
	if len(failures) != 1 || failures[0].Error() != "hook c: cannot" {
		t.Errorf("failures = %v, want hook c's", failures)
	}
	if got := strings.Join(tab.Columns, ","); got != "n,x,y" {
		t.Errorf("columns = %s, want n,x,y", got)
	}
	var rows []string
	for row, err := range tab.Rows {
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, fmt.Sprint(row))
	}
	if got := strings.Join(rows, " "); got != "[1 1-x 1-y] [2 2-x 2-y]" {
		t.Errorf("rows = %s", got)
	}
	if got := strings.Join(wrapped, ","); got != `hook "a",hook "b"` {
		t.Errorf("wrapped = %s", got)
	}

	rec, failures, err := c.TransformRecord(context.Background(), inv, &command.Record{Fields: []string{"f"}, Values: []any{1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(failures) != 1 || failures[0].Error() != `hook "c" panicked: cannot` {
		t.Errorf("failures = %v", failures)
	}
	if got := fmt.Sprint(rec.Fields, rec.Values); got != "[f x y] [1 x y]" {
		t.Errorf("record = %s", got)
	}

	req := NewChain([]Bound{{Name: "c", Hook: &suffix{fail: true}, Info: hooks.Info{Required: true}}})
	req.Before(context.Background(), inv)
	if _, _, err := req.TransformTable(context.Background(), inv, &command.Table{}, nil); err == nil || err.Error() != "hook c: cannot" {
		t.Errorf("required transform error = %v", err)
	}
}

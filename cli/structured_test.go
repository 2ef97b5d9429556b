package cli

import (
	"reflect"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/discovery"
)

func TestSplitOutputArgs(t *testing.T) {
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	fs.StringP("format", "f", "", "")
	fs.StringArrayP("column", "c", nil, "")
	fs.StringArray("sort-column", nil, "")
	fs.Bool("sort-descending", false, "")
	fs.Bool("noindent", false, "")
	tests := []struct {
		name              string
		args, ours, their []string
		pending           string // the option left waiting for its value
	}{
		{"none", []string{"a", "--grep", "x"}, nil, []string{"a", "--grep", "x"}, ""},
		{"long with value", []string{"--sort-column", "n", "a"}, []string{"--sort-column", "n"}, []string{"a"}, ""},
		{"long with =", []string{"a", "--column=n", "b"}, []string{"--column=n"}, []string{"a", "b"}, ""},
		{"bool", []string{"--sort-descending", "a"}, []string{"--sort-descending"}, []string{"a"}, ""},
		{"short with value", []string{"-c", "n", "-fcsv", "-c=x"}, []string{"-c", "n", "-fcsv", "-c=x"}, nil, ""},
		{"other short groups", []string{"-la", "-v", "-"}, nil, []string{"-la", "-v", "-"}, ""},
		{"after --", []string{"-c", "n", "--", "-c", "m"}, []string{"-c", "n"}, []string{"--", "-c", "m"}, ""},
		{"value missing at the end", []string{"a", "-c"}, []string{"-c"}, []string{"a"}, "column"},
		{"long value missing", []string{"--sort-column", "n", "--format"}, []string{"--sort-column", "n", "--format"}, nil, "format"},
		{"bool at the end", []string{"a", "--sort-descending"}, []string{"--sort-descending"}, []string{"a"}, ""},
		{"inline value at the end", []string{"-fjson"}, []string{"-fjson"}, nil, ""},
		{"pending after --", []string{"--", "-c"}, nil, []string{"--", "-c"}, ""},
		{"unknown long", []string{"--grep=a", "--colum", "n"}, nil, []string{"--grep=a", "--colum", "n"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ours, theirs, pending := splitOutputArgs(tt.args, fs)
			if !reflect.DeepEqual(ours, tt.ours) || !reflect.DeepEqual(theirs, tt.their) {
				t.Errorf("split %q = %q, %q; want %q, %q", tt.args, ours, theirs, tt.ours, tt.their)
			}
			if got := pendingName(pending); got != tt.pending {
				t.Errorf("split %q: pending %q, want %q", tt.args, got, tt.pending)
			}
		})
	}
}

func pendingName(f *pflag.Flag) string {
	if f == nil {
		return ""
	}
	return f.Name
}

func TestStructuredKind(t *testing.T) {
	with := func(out string) *discovery.Plugin {
		return &discovery.Plugin{Name: "x", Manifest: &discovery.Manifest{Output: out}}
	}
	tests := []struct {
		name string
		p    *discovery.Plugin
		args []string
		want formatters.Kind
	}{
		{"no manifest", &discovery.Plugin{Name: "x"}, nil, 0},
		{"plain", with(""), nil, 0},
		{"list", with("list"), []string{"a"}, formatters.List},
		{"record", with("record"), nil, formatters.Record},
		{"help", with("list"), []string{"a", "--help"}, 0},
		{"short help", with("list"), []string{"-h"}, 0},
		{"help after --", with("list"), []string{"--", "-h"}, formatters.List},
	}
	for _, tt := range tests {
		if got := structuredKind(tt.p, tt.args); got != tt.want {
			t.Errorf("%s: structuredKind = %v, want %v", tt.name, got, tt.want)
		}
	}
}

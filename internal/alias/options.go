package alias

import (
	"strings"

	"github.com/spf13/pflag"
)

// item is one option on a command line, with its value when that is a
// separate argument, or one positional argument.
type item struct {
	// args are the arguments it spans: "-f", "csv"; "--sort-column=name";
	// "-vq"; "name".
	args []string
	// names are the long names of the options it sets (several for a run
	// of shorthands such as "-vq"); empty for a positional argument.
	names []string
	// option is set for an option, known or not.
	option bool
	// unknown names the first option of args the flags do not know.
	unknown string
	// short is set when a value-taking option ends args without its
	// value.
	short bool
}

// line is a command line (after the command words) split into options
// and positional arguments.
type line struct {
	options, args []item
	// dash is set when the line holds "--": the positional arguments
	// after it may look like options, so a rebuilt line needs it again.
	dash bool
}

// splitLine splits args, reading options as flags does: an option's value
// may be the next argument; an unknown option is taken to have none;
// everything after "--" is a positional argument. With split, a run of
// shorthands becomes one item per option ("-vq" is "-v" and "-q"), so
// that each can be kept or dropped on its own.
func splitLine(args []string, flags *pflag.FlagSet, split bool) line {
	var l line
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			l.dash = true
			for _, rest := range args[i+1:] {
				l.args = append(l.args, item{args: []string{rest}})
			}
			return l
		case !isOption(a):
			l.args = append(l.args, item{args: []string{a}})
		case strings.HasPrefix(a, "--"):
			name, _, inline := strings.Cut(a[2:], "=")
			it := item{args: []string{a}, option: true}
			f := flags.Lookup(name)
			if f == nil {
				it.unknown = "--" + name
			} else {
				it.names = []string{f.Name}
				if !inline && takesValue(f) {
					if i+1 < len(args) {
						i++
						it.args = append(it.args, args[i])
					} else {
						it.short = true
					}
				}
			}
			l.options = append(l.options, it)
		default:
			var its []item
			its, i = shorthands(args, i, flags, split)
			l.options = append(l.options, its...)
		}
	}
	return l
}

// shorthands reads the run of shorthand options at args[i] ("-v", "-vq",
// "-fcsv", "-f csv", "-f=csv"): one item, or with split one per option,
// and the index of the last argument read.
func shorthands(args []string, i int, flags *pflag.FlagSet, split bool) ([]item, int) {
	a := args[i]
	whole := item{args: []string{a}, option: true}
	var out []item
	for j := 1; j < len(a); j++ {
		c := a[j : j+1]
		f := flags.ShorthandLookup(c)
		if f == nil {
			if whole.unknown == "" {
				whole.unknown = "-" + c
			}
			out = append(out, item{args: []string{"-" + c}, option: true, unknown: "-" + c})
			continue
		}
		whole.names = append(whole.names, f.Name)
		one := item{args: []string{"-" + c}, names: []string{f.Name}, option: true}
		if takesValue(f) {
			switch value := a[j+1:]; {
			case value != "":
				one.args = append(one.args, strings.TrimPrefix(value, "="))
			case i+1 < len(args):
				i++
				one.args = append(one.args, args[i])
				whole.args = append(whole.args, args[i])
			default:
				one.short, whole.short = true, true
			}
			out = append(out, one)
			break
		}
		out = append(out, one)
	}
	if split {
		return out, i
	}
	return []item{whole}, i
}

// names returns the long names of the options that items set.
func names(items []item) map[string]bool {
	out := map[string]bool{}
	for _, it := range items {
		for _, n := range it.names {
			out[n] = true
		}
	}
	return out
}

// flatten returns the arguments of items, in order.
func flatten(items []item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.args...)
	}
	return out
}

// takesValue reports whether f needs a value (one with no value of its
// own when given alone, as a boolean or a count has, does not).
func takesValue(f *pflag.Flag) bool { return f.NoOptDefVal == "" }

// isOption reports whether a is an option ("-x", "--name"), not a word
// ("-" alone is a word: standard input).
func isOption(a string) bool { return len(a) > 1 && a[0] == '-' }

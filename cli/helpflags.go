package cli

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// A command's help shows its flags in groups, in this order: the command's
// own; the output options (-f and the options common to every formatter),
// then each formatter's own; the flags each hook added; the global options.
// -f shows only in the help of a command that prints rows or a record.
// The reference (WriteDocs) shows the same groups.

// flagSection is one group of flags in a command's help.
type flagSection struct {
	// title names the group ("Output Flags (-f table)"), without a colon.
	title string
	flags *pflag.FlagSet
}

// Titles of the flag groups.
const (
	ownFlagsTitle    = "Flags"
	outputFlagsTitle = "Output Flags"
	globalFlagsTitle = "Global Flags"
)

// flagSections returns cmd's visible flags in their groups, leaving out
// the empty ones.
func (t *tree) flagSections(cmd *cobra.Command) []flagSection {
	n := t.nodes.of(cmd)
	grouped := map[string]bool{formatFlag: true}
	var groups []flagSection
	add := func(title string, names []string, strip func(string) string, sorted bool) {
		fs := pflag.NewFlagSet(title, pflag.ContinueOnError)
		fs.SortFlags = sorted
		for _, name := range names {
			f := cmd.Flags().Lookup(name)
			if f == nil {
				f = cmd.PersistentFlags().Lookup(name)
			}
			if f == nil {
				f = cmd.InheritedFlags().Lookup(name)
			}
			if f == nil {
				continue
			}
			grouped[name] = true
			c := *f
			if name == formatFlag {
				c.Hidden = false
				c.Usage = t.out.FormatUsageFor(n.outputKind())
			}
			if strip != nil {
				c.Usage = strip(c.Usage)
			}
			fs.AddFlag(&c)
		}
		if fs.HasAvailableFlags() {
			groups = append(groups, flagSection{title: title, flags: fs})
		}
	}
	if n.output != nil {
		for _, g := range n.output.FlagGroups() {
			if g.Formatter == "" {
				add(outputFlagsTitle, append([]string{formatFlag}, g.Flags...), nil, false)
				continue
			}
			prefix := g.Formatter + ": "
			add(fmt.Sprintf("%s (-f %s)", outputFlagsTitle, g.Formatter), g.Flags, func(u string) string {
				return strings.TrimPrefix(u, prefix)
			}, true)
		}
	}
	if n.hooks != nil {
		for _, h := range n.hooks.flags {
			mark := hookMark(h.hook)
			add(fmt.Sprintf("Hook Flags (%s)", h.hook), h.lines, func(u string) string {
				return strings.TrimSuffix(u, mark)
			}, true)
		}
	}
	own := rest(cmd.LocalFlags(), grouped)
	global := rest(cmd.InheritedFlags(), grouped)
	if !cmd.HasParent() {
		// The root's persistent flags are the global options.
		own = rest(cmd.LocalNonPersistentFlags(), grouped)
		global = rest(cmd.PersistentFlags(), grouped)
	}
	out := make([]flagSection, 0, len(groups)+2)
	if own.HasAvailableFlags() {
		out = append(out, flagSection{title: ownFlagsTitle, flags: own})
	}
	out = append(out, groups...)
	if global.HasAvailableFlags() {
		title := globalFlagsTitle
		if n.external() {
			// After the plugin's name, every option is the plugin's.
			title += " (before the plugin's name)"
		}
		out = append(out, flagSection{title: title, flags: global})
	}
	return out
}

// checkFormatFlag refuses -f for a compiled-in command that prints
// neither rows nor a record (a usage error, exit 2): it would be silently
// ignored. Help and completion take it anywhere; an external plugin is
// given it in $<APP>_FORMAT.
func (t *tree) checkFormatFlag(l commandLine) error {
	f := t.globals().Lookup(formatFlag)
	if f == nil || !f.Changed || l.help || l.about() {
		return nil
	}
	n := t.target(l)
	if n != nil && n.output != nil {
		return nil
	}
	path := t.root.CommandPath()
	if n != nil {
		path = n.cmd.CommandPath()
	}
	return command.Usagef("-f/--%s applies only to commands that list rows or show a record, not to %q", formatFlag, path)
}

// rest returns the flags of fs that no group took.
func rest(fs *pflag.FlagSet, grouped map[string]bool) *pflag.FlagSet {
	out := pflag.NewFlagSet(fs.Name(), pflag.ContinueOnError)
	fs.VisitAll(func(f *pflag.Flag) {
		if !grouped[f.Name] {
			out.AddFlag(f)
		}
	})
	return out
}

// withFlagsHidden calls fn with every flag of cmd hidden, so that what
// cobra renders of cmd (its usage, its Markdown page) leaves the flags
// out, and restores them.
func withFlagsHidden(cmd *cobra.Command, fn func()) {
	var hidden []*pflag.Flag
	hide := func(f *pflag.Flag) {
		if !f.Hidden {
			f.Hidden = true
			hidden = append(hidden, f)
		}
	}
	cmd.LocalFlags().VisitAll(hide)
	cmd.InheritedFlags().VisitAll(hide)
	defer func() {
		for _, f := range hidden {
			f.Hidden = false
		}
	}()
	fn()
}

// cobraUsage renders a command's usage as cobra does (or as the usage
// template an App set in Customize).
var cobraUsage = (&cobra.Command{}).UsageFunc()

// usage renders cmd's usage: cobra's, with the flags in their groups
// (flagSections) where cobra would list them.
func (t *tree) usage(cmd *cobra.Command) error {
	sections := t.flagSections(cmd)
	var buf bytes.Buffer
	w := cmd.OutOrStderr()
	cmd.SetOut(&buf)
	useLine := cmd.UseLine()
	var bare string
	withFlagsHidden(cmd, func() {
		bare = cmd.UseLine()
		cobraUsage(cmd)
	})
	cmd.SetOut(w)
	// Hidden, the flags are no longer in the use line either.
	text := strings.Replace(buf.String(), "\n  "+bare+"\n", "\n  "+useLine+"\n", 1)
	// cobra lists the flags before its closing lines.
	at := len(text)
	if len(text) > 0 && text[len(text)-1] == '\n' {
		at--
	}
	for _, end := range []string{"\n\nAdditional help topics:", "\n\nUse \""} {
		if i := strings.Index(text, end); i >= 0 && i < at {
			at = i
		}
	}
	// On a terminal the flags' usage wraps to its width, as gh's and
	// kubectl's help does.
	cols := 0
	if t.out != nil && t.out.TerminalWidth != nil {
		cols = t.out.TerminalWidth()
	}
	var b strings.Builder
	b.WriteString(text[:at])
	for _, s := range sections {
		fmt.Fprintf(&b, "\n\n%s:\n%s", s.title, strings.TrimRight(flagUsagesWrapped(s.flags, cols), " \n"))
	}
	b.WriteString(text[at:])
	_, err := io.WriteString(w, b.String())
	return err
}

// The flag lines of help and of the reference are Longshore's, not
// pflag's FlagUsages: its text changes between releases (v1.1.0 writes
// every bool flag as "--name[=true|false]" and widens the column), and a
// CLI's build may select any pflag its modules require. flagUsages writes
// them as pflag v1.0.9 did, which is what the help and reference have
// always shown.

// flagUsages returns the visible flags of fs, one a line in fs's order:
// "  -s, --name VALUE" padded to a common width, then the usage with its
// default. A usage of several lines is indented to the usage column.
func flagUsages(fs *pflag.FlagSet) string { return flagUsagesWrapped(fs, 0) }

// minUsageWidth is the narrowest a wrapped usage column gets: below it,
// usage is not wrapped at all.
const minUsageWidth = 24

// flagUsagesWrapped is flagUsages with each usage wrapped at spaces to fit
// lines of cols cells (0: not wrapped), indented to the usage column.
func flagUsagesWrapped(fs *pflag.FlagSet, cols int) string {
	type line struct{ names, usage string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		names := "      --" + f.Name
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			names = "  -" + f.Shorthand + ", --" + f.Name
		}
		varname, usage := unquoteUsage(f)
		if varname != "" {
			names += " " + varname
		}
		names += optionalValue(f)
		if !defaultIsZero(f) {
			if f.Value.Type() == "string" {
				usage += fmt.Sprintf(" (default %q)", f.DefValue)
			} else {
				usage += " (default " + f.DefValue + ")"
			}
		}
		if f.Deprecated != "" {
			usage += " (DEPRECATED: " + f.Deprecated + ")"
		}
		width = max(width, len(names))
		lines = append(lines, line{names, usage})
	})
	var b strings.Builder
	indent := "\n" + strings.Repeat(" ", width+3)
	wrapAt := cols - (width + 3)
	for _, l := range lines {
		b.WriteString(l.names)
		b.WriteString(strings.Repeat(" ", width+3-len(l.names)))
		usage := l.usage
		if cols > 0 && wrapAt >= minUsageWidth {
			usage = wrapWords(usage, wrapAt)
		}
		b.WriteString(strings.ReplaceAll(usage, "\n", indent))
		b.WriteByte('\n')
	}
	return b.String()
}

// wrapWords wraps each line of s at spaces into lines of at most width
// cells; a word longer than width stays whole on a line of its own.
func wrapWords(s string, width int) string {
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		n := 0
		for j, word := range strings.Fields(line) {
			w := runewidth.StringWidth(word)
			switch {
			case j == 0:
			case n+1+w > width:
				b.WriteByte('\n')
				n = 0
			default:
				b.WriteByte(' ')
				n++
			}
			b.WriteString(word)
			n += w
		}
	}
	return b.String()
}

// unquoteUsage returns the name of f's value and its usage: the first
// back-quoted word of the usage, unquoted there ("read `FILE`" gives FILE
// and "read FILE"), else a name for its type ("" for a bool, which takes
// no value).
func unquoteUsage(f *pflag.Flag) (name, usage string) {
	usage = f.Usage
	if i := strings.IndexByte(usage, '`'); i >= 0 {
		if j := strings.IndexByte(usage[i+1:], '`'); j >= 0 {
			name = usage[i+1 : i+1+j]
			return name, usage[:i] + name + usage[i+2+j:]
		}
	}
	switch t := f.Value.Type(); t {
	case "bool", "boolfunc":
		return "", usage
	case "func":
		return "value", usage
	case "float64":
		return "float", usage
	case "int64":
		return "int", usage
	case "uint64":
		return "uint", usage
	case "stringSlice":
		return "strings", usage
	case "intSlice":
		return "ints", usage
	case "uintSlice":
		return "uints", usage
	case "boolSlice":
		return "bools", usage
	default:
		return t, usage
	}
}

// optionalValue returns how the help shows the value f takes when given
// without one (its NoOptDefVal): nothing for a bool's true and a count's
// increment, "[=VALUE]" otherwise.
func optionalValue(f *pflag.Flag) string {
	v := f.NoOptDefVal
	if v == "" {
		return ""
	}
	switch f.Value.Type() {
	case "string":
		return `[="` + v + `"]`
	case "bool", "boolfunc":
		if v == "true" {
			return ""
		}
	case "count":
		if v == "+1" {
			return ""
		}
	}
	return "[=" + v + "]"
}

// pflagPkg is pflag's import path: the package of the values of the flags
// pflag's own functions (IntVar, BoolVar...) declare.
var pflagPkg = reflect.TypeFor[pflag.FlagSet]().PkgPath()

// pflagValue returns the name of the type of v ("intValue") if it is one
// of pflag's own, else "".
func pflagValue(v pflag.Value) string {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() != pflagPkg {
		return ""
	}
	return t.Name()
}

// defaultIsZero reports whether f's default is its type's zero value,
// which the help does not show: false, 0, "", an empty list, no address.
func defaultIsZero(f *pflag.Flag) bool {
	if _, ok := f.Value.(interface{ IsBoolFlag() bool }); ok {
		return f.DefValue == "false" || f.DefValue == ""
	}
	switch pflagValue(f.Value) {
	case "durationValue":
		return f.DefValue == "0" || f.DefValue == "0s"
	case "intValue", "int8Value", "int32Value", "int64Value", "uintValue", "uint8Value", "uint16Value", "uint32Value", "uint64Value", "countValue", "float32Value", "float64Value":
		return f.DefValue == "0"
	case "stringValue":
		return f.DefValue == ""
	case "ipValue", "ipMaskValue", "ipNetValue":
		return f.DefValue == "<nil>"
	case "intSliceValue", "stringSliceValue", "stringArrayValue":
		return f.DefValue == "[]"
	}
	switch f.DefValue {
	case "false", "<nil>", "", "0":
		return true
	}
	return false
}

package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

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
		out = append(out, flagSection{title: globalFlagsTitle, flags: global})
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
	var b strings.Builder
	b.WriteString(text[:at])
	for _, s := range sections {
		fmt.Fprintf(&b, "\n\n%s:\n%s", s.title, strings.TrimRight(s.flags.FlagUsages(), " \n"))
	}
	b.WriteString(text[at:])
	_, err := io.WriteString(w, b.String())
	return err
}

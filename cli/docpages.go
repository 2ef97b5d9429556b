package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The command reference is rendered here rather than by cobra/doc: that
// package links a Markdown engine (blackfriday, through go-md2man) whose
// tables are built when the program starts, about a millisecond of every
// run of every App, for a command that is seldom run. The Markdown pages
// have cobra/doc's layout, so references generated before read the same.

// documented reports whether cmd gets a page of its own and a link from
// its parent's: not hidden, deprecated, the help command or a help topic.
func documented(cmd *cobra.Command) bool {
	return cmd.IsAvailableCommand() && !cmd.IsAdditionalHelpTopicCommand()
}

// docChildren returns the documented children of cmd, by name.
func docChildren(cmd *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, c := range cmd.Commands() {
		if documented(c) {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// writePages writes the page render gives of cmd and of each documented
// command under it into dir, each in the file name gives its command
// path.
func writePages(cmd *cobra.Command, dir string, render func(*cobra.Command, func(string) string) []byte, name func(string) string) error {
	for _, c := range docChildren(cmd) {
		if err := writePages(c, dir, render, name); err != nil {
			return err
		}
	}
	cmd.InitDefaultHelpFlag()
	return os.WriteFile(filepath.Join(dir, name(cmd.CommandPath())), render(cmd, name), 0o644)
}

// markdownPage renders cmd's page: its description, usage, examples,
// options and the commands around it, linked by their file names.
//
// options, when not nil, renders the flags (and what else goes before SEE
// ALSO); nil lists the command's own and the inherited ones.
func markdownPage(cmd *cobra.Command, file func(string) string, options func(*cobra.Command) string) []byte {
	var b bytes.Buffer
	path := cmd.CommandPath()
	fmt.Fprintf(&b, "## %s\n\n%s\n\n", path, cmd.Short)
	if cmd.Long != "" {
		fmt.Fprintf(&b, "### Synopsis\n\n%s\n\n", cmd.Long)
	}
	if cmd.Runnable() {
		fmt.Fprintf(&b, "```\n%s\n```\n\n", cmd.UseLine())
	}
	if cmd.Example != "" {
		fmt.Fprintf(&b, "### Examples\n\n```\n%s\n```\n\n", cmd.Example)
	}
	if options != nil {
		cmd.InitDefaultHelpFlag()
		b.WriteString(options(cmd))
	}
	for _, o := range []struct {
		title string
		flags *pflag.FlagSet
	}{{"Options", cmd.NonInheritedFlags()}, {"Options inherited from parent commands", cmd.InheritedFlags()}} {
		if options == nil && o.flags.HasAvailableFlags() {
			fmt.Fprintf(&b, "### %s\n\n```\n%s```\n\n", o.title, flagUsages(o.flags))
		}
	}
	related := docChildren(cmd)
	if cmd.HasParent() {
		related = append([]*cobra.Command{cmd.Parent()}, related...)
	}
	if len(related) > 0 {
		b.WriteString("### SEE ALSO\n\n")
		for _, c := range related {
			fmt.Fprintf(&b, "* [%s](%s)\t - %s\n", c.CommandPath(), file(c.CommandPath()), c.Short)
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// manHeader is what the .TH line of every man page says besides the
// page's title, and how its options are rendered.
type manHeader struct {
	source, manual, date string
	// options, when not nil, renders the page's OPTIONS and what else
	// goes before the EXAMPLE section, in roff; nil lists the command's
	// own flags and the inherited ones.
	options func(*cobra.Command) string
}

// manDate returns the date of man page headers: d, else
// $SOURCE_DATE_EPOCH (reproducible builds), else today.
func manDate(d *time.Time) string {
	t := time.Now()
	if d != nil {
		t = *d
	} else if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			t = time.Unix(sec, 0).UTC()
		}
	}
	return t.Format("Jan 2006")
}

// page renders cmd's man page in section 1, in roff.
func (h manHeader) page(cmd *cobra.Command, file func(string) string) []byte {
	var b bytes.Buffer
	path := cmd.CommandPath()
	dashed := strings.ReplaceAll(path, " ", "-")
	fmt.Fprintf(&b, ".nh\n.TH %s \"1\" %s %s %s\n", roffQuote(strings.ToUpper(dashed)), roffQuote(h.date), roffQuote(h.source), roffQuote(h.manual))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", roffText(dashed), roffText(cmd.Short))
	fmt.Fprintf(&b, ".SH SYNOPSIS\n\\fB%s\\fP\n", roffText(cmd.UseLine()))
	desc := cmd.Long
	if desc == "" {
		desc = cmd.Short
	}
	fmt.Fprintf(&b, ".SH DESCRIPTION\n%s\n", roffParagraphs(desc))
	if h.options != nil {
		cmd.InitDefaultHelpFlag()
		b.WriteString(h.options(cmd))
	}
	for _, o := range []struct {
		title string
		flags *pflag.FlagSet
	}{{"OPTIONS", cmd.NonInheritedFlags()}, {"OPTIONS INHERITED FROM PARENT COMMANDS", cmd.InheritedFlags()}} {
		if h.options == nil && o.flags.HasAvailableFlags() {
			fmt.Fprintf(&b, ".SH %s\n", o.title)
			o.flags.VisitAll(func(f *pflag.Flag) { manFlag(&b, f) })
		}
	}
	if cmd.Example != "" {
		fmt.Fprintf(&b, ".SH EXAMPLE\n.EX\n%s\n.EE\n", roffLines(cmd.Example))
	}
	related := docChildren(cmd)
	if cmd.HasParent() {
		related = append([]*cobra.Command{cmd.Parent()}, related...)
	}
	if len(related) > 0 {
		var refs []string
		for _, c := range related {
			refs = append(refs, "\\fB"+roffText(strings.ReplaceAll(c.CommandPath(), " ", "-"))+"\\fP(1)")
		}
		fmt.Fprintf(&b, ".SH SEE ALSO\n%s\n", strings.Join(refs, ", "))
	}
	return b.Bytes()
}

// manFlag writes one option as a tagged paragraph: its names and value,
// then its usage and default.
func manFlag(b *bytes.Buffer, f *pflag.Flag) {
	if f.Hidden || f.Deprecated != "" {
		return
	}
	varname, usage := unquoteUsage(f)
	tag := "\\fB\\-\\-" + roffText(f.Name) + "\\fP"
	if f.Shorthand != "" && f.ShorthandDeprecated == "" {
		tag = "\\fB\\-" + roffText(f.Shorthand) + "\\fP, " + tag
	}
	if varname != "" {
		tag += " \\fI" + roffText(varname) + "\\fP"
	}
	if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
		usage += " (default " + f.DefValue + ")"
	}
	fmt.Fprintf(b, ".TP\n%s\n%s\n", tag, roffText(usage))
}

// roffText escapes s for a line of roff text: backslashes, hyphens (so
// that options copy and paste as typed), and a line starting with a
// control character.
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffLines escapes each line of s (see roffText).
func roffLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = roffText(l)
	}
	return strings.Join(lines, "\n")
}

// roffParagraphs escapes s, its blank lines separating paragraphs.
func roffParagraphs(s string) string {
	paras := strings.Split(strings.TrimSpace(s), "\n\n")
	for i, p := range paras {
		paras[i] = roffLines(p)
	}
	return strings.Join(paras, "\n.PP\n")
}

// roffQuote returns s as one quoted argument of a roff request.
func roffQuote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	return `"` + strings.ReplaceAll(s, `"`, `\(dq`) + `"`
}

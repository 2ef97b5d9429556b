package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// DocFormat is a format WriteDocs renders the command reference in.
type DocFormat string

// The formats of the command reference.
const (
	// DocMarkdown writes one Markdown page per command, linked together.
	DocMarkdown DocFormat = "markdown"
	// DocMan writes one man page per command, in section 1.
	DocMan DocFormat = "man"
)

// DocOptions adjust WriteDocs.
type DocOptions struct {
	// Format is what to write; empty means DocMarkdown.
	Format DocFormat
	// Date is the date in man page headers; nil means $SOURCE_DATE_EPOCH or
	// today.
	Date *time.Time
}

// WriteDocs renders the App's command tree, every visible command with its
// flags, into dir (which must exist) as Markdown or man pages: the
// counterpart of cliff's Sphinx extension. Commands the App builds at run
// time, such as external plugins, appear as they would in help.
func (a *App) WriteDocs(dir string, opts DocOptions) error {
	r := newRun(a)
	defer r.close()
	if _, err := r.start(nil); err != nil {
		return err
	}
	if err := r.build(); err != nil {
		return err
	}
	t := r.tree
	t.attachAllHooks()
	t.addDocumentedExternals()
	t.finish(r.completer())
	return t.writeDocs(dir, opts)
}

// writeDocs renders the tree into dir: a Markdown page shows the flags in
// the groups help shows (see flagSections) and the hooks' epilogs; a man
// page lists them as one set.
func (t *tree) writeDocs(dir string, opts DocOptions) error {
	if opts.Format == DocMarkdown || opts.Format == "" {
		err := writePages(t.root, dir, func(c *cobra.Command, file func(string) string) []byte {
			return markdownPage(c, file, t.markdownOptions)
		}, func(path string) string { return strings.ReplaceAll(path, " ", "_") + ".md" })
		if err != nil {
			return fmt.Errorf("write %s reference to %s: %w", DocMarkdown, dir, err)
		}
		return nil
	}
	if opts.Format != DocMan {
		return writeDocs(t.root, dir, opts)
	}
	h := manHeader{source: manSource(t.root), manual: t.root.Name() + " manual", date: manDate(opts.Date), options: t.manOptions}
	err := writePages(t.root, dir, h.page, manFile)
	if err != nil {
		return fmt.Errorf("write %s reference to %s: %w", DocMan, dir, err)
	}
	return nil
}

// manSource is what a man page's header names as the source: the app
// under root and its version.
func manSource(root *cobra.Command) string {
	return strings.TrimSpace(root.Name() + " " + root.Version)
}

// manFile is the file name of the man page of the command at path.
func manFile(path string) string { return strings.ReplaceAll(path, " ", "-") + ".1" }

// writeDocs renders the tree under root into dir.
func writeDocs(root *cobra.Command, dir string, opts DocOptions) error {
	var err error
	switch opts.Format {
	case DocMarkdown, "":
		err = writePages(root, dir, func(c *cobra.Command, file func(string) string) []byte { return markdownPage(c, file, nil) }, func(path string) string {
			return strings.ReplaceAll(path, " ", "_") + ".md"
		})
	case DocMan:
		h := manHeader{source: manSource(root), manual: root.Name() + " manual", date: manDate(opts.Date)}
		err = writePages(root, dir, h.page, manFile)
	default:
		return command.Usagef("unknown documentation format %q (want %s or %s)", opts.Format, DocMarkdown, DocMan)
	}
	if err != nil {
		return fmt.Errorf("write %s reference to %s: %w", opts.Format, dir, err)
	}
	return nil
}

// docsCommand returns the hidden "docs DIR" command, which writes the
// reference of the running tree into DIR, creating it.
func (t *tree) docsCommand() *cobra.Command {
	var format, date string
	cmd := &cobra.Command{
		Use:    "docs DIR",
		Short:  "Write the command reference as Markdown or man pages",
		Hidden: true,
		Args: func(cmd *cobra.Command, args []string) error {
			return checkArgs(cmd, command.ExactArgs(1), args)
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := DocOptions{Format: DocFormat(format)}
			if date != "" {
				d, err := time.Parse(time.DateOnly, date)
				if err != nil {
					return command.Usagef("bad --date %q: want YYYY-MM-DD", date)
				}
				opts.Date = &d
			}
			if err := os.MkdirAll(args[0], 0o755); err != nil {
				return fmt.Errorf("write reference: %w", err)
			}
			t.attachAllHooks()
			t.addDocumentedExternals()
			return t.writeDocs(args[0], opts)
		},
	}
	cmd.Flags().StringVar(&format, "doc-format", string(DocMarkdown), "`FORMAT` of the pages: markdown or man")
	cmd.Flags().StringVar(&date, "date", "", "`DATE` (YYYY-MM-DD) in man page headers (default $SOURCE_DATE_EPOCH or today)")
	cmd.RegisterFlagCompletionFunc("doc-format", cobra.FixedCompletions([]string{string(DocMarkdown), string(DocMan)}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// markdownOptions renders cmd's flags in their groups and the epilogs of
// its hooks, for its Markdown page.
func (t *tree) markdownOptions(cmd *cobra.Command) string {
	var b strings.Builder
	for _, s := range t.flagSections(cmd) {
		fmt.Fprintf(&b, "### %s\n\n```\n%s```\n\n", s.title, flagUsages(s.flags))
	}
	if hs := t.nodes.of(cmd).hooks; hs != nil {
		for _, e := range hs.epilogs {
			fmt.Fprintf(&b, "### Hook %s\n\n```\n%s\n```\n\n", e.hook, strings.Join(e.lines, "\n"))
		}
	}
	return b.String()
}

// manOptions renders cmd's flags for its man page in the groups help
// shows, each a subsection of OPTIONS, and what the hooks attached to it
// add to its help, a subsection of HOOKS each.
func (t *tree) manOptions(cmd *cobra.Command) string {
	var b bytes.Buffer
	if sections := t.flagSections(cmd); len(sections) > 0 {
		b.WriteString(".SH OPTIONS\n")
		for _, s := range sections {
			fmt.Fprintf(&b, ".SS %s\n", roffText(s.title))
			s.flags.VisitAll(func(f *pflag.Flag) { manFlag(&b, f) })
		}
	}
	if hs := t.nodes.of(cmd).hooks; hs != nil && len(hs.epilogs) > 0 {
		b.WriteString(".SH HOOKS\n")
		for _, e := range hs.epilogs {
			fmt.Fprintf(&b, ".SS %s\n.EX\n%s\n.EE\n", roffText("Hook "+e.hook), roffLines(strings.Join(e.lines, "\n")))
		}
	}
	return b.String()
}

package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

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

// writeDocs renders the tree into dir. A Markdown page shows the flags in
// the groups help shows (see flagSections) and the hooks' epilogs; a man
// page lists them as cobra does.
func (t *tree) writeDocs(dir string, opts DocOptions) error {
	root := t.root
	// The reference must not change from one day to the next.
	walk(root, func(c *cobra.Command) { c.DisableAutoGenTag = true })
	var err error
	switch opts.Format {
	case DocMarkdown, "":
		err = t.writeMarkdown(root, dir)
	case DocMan:
		// -f is hidden where it does not apply; a man page lists the
		// global options as one set.
		if f := t.globals().Lookup(formatFlag); f != nil {
			f.Hidden = false
		}
		header := &doc.GenManHeader{
			Section: "1",
			Source:  strings.TrimSpace(root.Name() + " " + root.Version),
			Manual:  root.Name() + " manual",
			Date:    opts.Date,
		}
		err = doc.GenManTree(root, header, dir)
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

// writeMarkdown writes the Markdown page of cmd and of every available
// command under it into dir, named as cobra/doc names them.
func (t *tree) writeMarkdown(cmd *cobra.Command, dir string) error {
	for _, c := range cmd.Commands() {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
			continue
		}
		if err := t.writeMarkdown(c, dir); err != nil {
			return err
		}
	}
	page, err := t.markdownPage(cmd)
	if err != nil {
		return err
	}
	name := filepath.Join(dir, strings.ReplaceAll(cmd.CommandPath(), " ", "_")+".md")
	return os.WriteFile(name, page, 0o644)
}

// markdownPage renders cmd's page: cobra/doc's, with the flags in their
// groups and the hooks' epilogs before "SEE ALSO".
func (t *tree) markdownPage(cmd *cobra.Command) ([]byte, error) {
	var buf bytes.Buffer
	cmd.InitDefaultHelpFlag() // as cobra/doc would, before hiding it
	useLine := cmd.UseLine()
	var bare string
	var err error
	withFlagsHidden(cmd, func() {
		bare = cmd.UseLine()
		err = doc.GenMarkdownCustom(cmd, &buf, func(s string) string { return s })
	})
	if err != nil {
		return nil, err
	}
	// Hidden, the flags are no longer in the use line either.
	text := strings.Replace(buf.String(), "```\n"+bare+"\n```", "```\n"+useLine+"\n```", 1)
	var b strings.Builder
	for _, s := range t.flagSections(cmd) {
		fmt.Fprintf(&b, "### %s\n\n```\n%s```\n\n", s.title, s.flags.FlagUsages())
	}
	if hs := t.nodes.of(cmd).hooks; hs != nil {
		for _, e := range hs.epilogs {
			fmt.Fprintf(&b, "### Hook %s\n\n```\n%s\n```\n\n", e.hook, strings.Join(e.lines, "\n"))
		}
	}
	at := strings.Index(text, "### SEE ALSO")
	if at < 0 {
		at = len(text)
	}
	return []byte(text[:at] + b.String() + text[at:]), nil
}

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// TestManPageEscapes pins the roff the man pages are written in: text
// that roff would take for requests or escapes reaches the reader as
// written, hidden options are left out, and the header is as given.
func TestManPageEscapes(t *testing.T) {
	root := &cobra.Command{Use: "tapp", Short: "a test app", Version: "1.2.3"}
	sub := &cobra.Command{
		Use:     "grep [-i] PATTERN",
		Short:   "Find lines",
		Long:    "Find lines matching PATTERN.\n.SH not a section\n'not a request\n\nA back\\slash and <html>.",
		Example: "  tapp grep -i '^a'",
		Run:     func(*cobra.Command, []string) {},
	}
	sub.Flags().StringP("ignore-case", "i", "", "ignore `CASE`")
	sub.Flags().Bool("secret", false, "hidden")
	sub.Flags().MarkHidden("secret")
	root.AddCommand(sub)
	dir := t.TempDir()
	date := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := writeDocs(root, dir, DocOptions{Format: DocMan, Date: &date}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "tapp-grep.1"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, want := range []string{
		".TH \"TAPP-GREP\" \"1\" \"Mar 2026\" \"tapp 1.2.3\" \"tapp manual\"\n",
		".SH NAME\ntapp\\-grep \\- Find lines\n",
		".SH SYNOPSIS\n\\fBtapp grep [\\-i] PATTERN [flags]\\fP\n",
		"PATTERN.\n\\&.SH not a section\n\\&'not a request\n.PP\nA back\\eslash and <html>.\n",
		".TP\n\\fB\\-i\\fP, \\fB\\-\\-ignore\\-case\\fP \\fICASE\\fP\nignore CASE\n",
		".EX\n  tapp grep \\-i '^a'\n.EE\n",
		".SH SEE ALSO\n\\fBtapp\\fP(1)\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "secret") {
		t.Errorf("the page shows a hidden option:\n%s", page)
	}
	if _, err := os.Stat(filepath.Join(dir, "tapp.1")); err != nil {
		t.Errorf("no page for the root: %v", err)
	}
}

package cli

import (
	"context"
	"regexp"
	"testing"

	"github.com/longshore/longshore/command"
)

// TestHelpGroupsFlagsOfMain: a single-command app's help groups its flags
// as a lister's: its own, the output options with -f, each formatter's,
// then the global options.
func TestHelpGroupsFlagsOfMain(t *testing.T) {
	a, out, errOut := testApp(t)
	a.Main = func() command.Command { return &lister{} }
	if code := a.Run(context.Background(), []string{"--help"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := regexp.MustCompile(`(?s)\nFlags:\n  -h, --help +help for tapp\n      --version .*` +
		`\n\nOutput Flags:\n  -f, --format FORMAT .*\n  -c, --column NAME .*` +
		`\n\nOutput Flags \(-f csv\):\n      --quote MODE +quote the fields .*` +
		`\n\nGlobal Flags:\n.*      --config FILE .*\n  -v, --verbose count .*\n$`)
	if !want.MatchString(out.String()) {
		t.Errorf("help:\n%s", out)
	}
}

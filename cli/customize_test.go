package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestCustomizeReachesCobra pins the escape hatch to cobra: a command
// written with cobra runs, shows in help, and an external plugin of the
// same name never replaces it.
func TestCustomizeReachesCobra(t *testing.T) {
	dir := t.TempDir()
	plugin := filepath.Join(dir, "tapp-raw")
	if err := os.WriteFile(plugin, []byte("#!/bin/sh\necho plugin\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	a, out, errOut := testApp(t)
	a.Getenv = func(k string) string {
		if k == "PATH" {
			return dir
		}
		return ""
	}
	a.PluginsAsChild = true
	a.Customize = func(root *cobra.Command) {
		root.AddCommand(&cobra.Command{
			Use:   "raw",
			Short: "a command written with cobra",
			RunE: func(cmd *cobra.Command, args []string) error {
				cmd.Println("cobra ran with", strings.Join(args, ","))
				return nil
			},
		})
	}
	if code := a.Run(context.Background(), []string{"raw", "x", "y"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got, want := out.String(), "cobra ran with x,y\n"; got != want {
		t.Fatalf("stdout = %q, want %q (the external tapp-raw must not run)", got, want)
	}
	out.Reset()
	if code := a.Run(context.Background(), []string{"--help"}); code != 0 {
		t.Fatalf("help: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), "raw         a command written with cobra") {
		t.Fatalf("help does not list the cobra command:\n%s", out)
	}
}

// Command barecobra is the start-up floor for bench/plugins.sh: a bare
// cobra app with as many commands as demoapp has at its root (20), a
// "version" command and the --version flag, linking nothing of Longshore
// (unless built with -tags linked: see linked.go).
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	root := &cobra.Command{Use: "barecobra", Version: "1.0.0", SilenceErrors: true, SilenceUsage: true}
	root.SetVersionTemplate("{{.Name}} version {{.Version}}\n")
	root.AddCommand(&cobra.Command{Use: "version", Short: "Print the version", RunE: func(cmd *cobra.Command, _ []string) error {
		_, err := fmt.Fprintln(cmd.OutOrStdout(), "barecobra version 1.0.0")
		return err
	}})
	for i := 1; i < 20; i++ {
		root.AddCommand(&cobra.Command{Use: fmt.Sprintf("cmd%02d", i), Short: "A command", RunE: func(*cobra.Command, []string) error { return nil }})
	}
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
)

// BenchmarkListing times the listings with n plugins with manifests in a
// plugin dir, the manifest cache warm (as bench/plugins.sh's section c
// measures them as processes): what each costs per plugin in process.
func BenchmarkListing(b *testing.B) {
	for _, n := range []int{0, 1000} {
		root := b.TempDir()
		dir := filepath.Join(root, "plugins")
		os.MkdirAll(dir, 0o755)
		for i := range n {
			exe := filepath.Join(dir, fmt.Sprintf("bapp-plugin%05d", i))
			os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755)
			os.WriteFile(exe+".yaml", []byte(fmt.Sprintf("name: plugin%05d\nversion: 1.0.%d\ndescription: Plugin number %d\nrequires: {env: [HOME]}\n", i, i, i)), 0o644)
		}
		settle(b, dir)
		app := New("bapp", "1.0.0", "listing benchmarks")
		app.IO = &command.IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}
		app.Getenv = func(k string) string {
			switch k {
			case "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME":
				return root
			case "BAPP_PLUGIN_PATH":
				return dir
			case "PATH":
				return "/nonexistent"
			}
			return ""
		}
		for _, args := range [][]string{{"help"}, {"__complete", ""}, {"plugin", "list"}} {
			b.Run(fmt.Sprintf("%s/%d", strings.Join(args, "_"), n), func(b *testing.B) {
				run := func() {
					r := newRun(app)
					if code := r.exitCode(r.execute(context.Background(), args)); code != 0 {
						b.Fatalf("%v: exit %d", args, code)
					}
				}
				run() // the caches warm
				for b.Loop() {
					run()
				}
			})
		}
	}
}

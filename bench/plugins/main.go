// Command plugins measures external plugin dispatch and listing for
// bench/plugins.sh. Every comparison runs its variants interleaved in one
// run and prints medians and their ratios; nothing is asserted.
//
//	go run ./bench/plugins -bin DIR [-runs N]
//
// DIR holds demoapp, floor and demoapp-hello, built by the script.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	bin := flag.String("bin", "", "directory with demoapp, floor and demoapp-hello")
	runs := flag.Int("runs", 200, "runs of each variant")
	sections := flag.String("sections", "abc", "the comparisons to run: a, b, c (see below) and d (the hook cache)")
	flag.Parse()
	if *bin == "" {
		log.Fatal("-bin is required")
	}
	work, err := os.MkdirTemp("", "bench-plugins")
	check(err)
	defer os.RemoveAll(work)
	demoapp := filepath.Join(*bin, "demoapp")
	home := filepath.Join(work, "home")
	base := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/.config", "XDG_DATA_HOME=" + home + "/.local/share"}

	if strings.Contains(*sections, "d") {
		hookCache(work, demoapp, base, *runs)
	}
	if !strings.ContainsAny(*sections, "abc") {
		return
	}

	// (a) A compiled-in command with a PATH of 40 dirs x 500 files vs an
	// empty PATH: dispatch of a compiled-in command must not look at PATH.
	var dirs []string
	for d := 0; d < 40; d++ {
		dir := filepath.Join(work, "path", fmt.Sprint(d))
		check(os.MkdirAll(dir, 0o755))
		for f := 0; f < 500; f++ {
			name := fmt.Sprintf("tool-%d-%d", d, f)
			if f%50 == 0 {
				name = fmt.Sprintf("demoapp-x%d_%d", d, f) // plugins too
			}
			check(os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), 0o755))
		}
		dirs = append(dirs, dir)
	}
	fmt.Printf("(a) compiled-in command (demoapp version), %d runs each\n", *runs)
	a := compare(*runs,
		variant{"PATH empty", demoapp, []string{"version"}, env(base, "PATH=")},
		variant{"PATH 40 dirs x 500 files", demoapp, []string{"version"}, env(base, "PATH="+strings.Join(dirs, ":"))},
	)
	fmt.Printf("    ratio 40x500 / empty: %.3f (target <= 1.05)\n\n", a[1]/a[0])

	// (b) An external plugin: demoapp hello vs the floor for a Go host.
	hostPath := "PATH=" + *bin + ":/usr/bin:/bin"
	fmt.Printf("(b) external plugin (a tiny Go program), %d runs each\n", *runs)
	b := compare(*runs,
		variant{"demoapp-hello directly", filepath.Join(*bin, "demoapp-hello"), nil, env(base, hostPath)},
		variant{"floor hello (LookPath + exec)", filepath.Join(*bin, "floor"), []string{"hello"}, env(base, hostPath)},
		variant{"demoapp hello", demoapp, []string{"hello"}, env(base, hostPath)},
	)
	fmt.Printf("    ratio demoapp / floor: %.3f (target <= 1.25)\n\n", b[2]/b[1])

	// (c) Listing with 0, 10 and 100 plugins with manifests: help and
	// plugin list scan and read manifests but never start a plugin.
	marker := filepath.Join(work, "ran")
	check(os.MkdirAll(marker, 0o755))
	fmt.Printf("(c) listing with N plugins with manifests, %d runs each\n", *runs/2)
	var first [2]float64
	for _, n := range []int{0, 10, 100} {
		pdir := filepath.Join(work, fmt.Sprintf("plugins-%d", n))
		check(os.MkdirAll(pdir, 0o755))
		for i := 0; i < n; i++ {
			name := fmt.Sprintf("demoapp-plugin%03d", i)
			check(os.WriteFile(filepath.Join(pdir, name), []byte("#!/bin/sh\ntouch "+marker+"/"+name+"\n"), 0o755))
			check(os.WriteFile(filepath.Join(pdir, name+".yaml"), []byte(fmt.Sprintf(
				"name: plugin%03d\nversion: 1.0.%d\ndescription: Plugin number %d\nrequires: {env: [HOME]}\n", i, i, i)), 0o644))
		}
		e := env(base, "PATH=/usr/bin:/bin", "DEMOAPP_PLUGIN_PATH="+pdir)
		m := compare(*runs/2,
			variant{fmt.Sprintf("help, %d plugins", n), demoapp, []string{"help"}, e},
			variant{fmt.Sprintf("plugin list, %d plugins", n), demoapp, []string{"plugin", "list"}, e},
		)
		if n == 0 {
			first = [2]float64{m[0], m[1]}
		} else {
			fmt.Printf("    growth vs 0 plugins: help %.2fx, plugin list %.2fx (%.1f us per plugin for list)\n",
				m[0]/first[0], m[1]/first[1], (m[1]-first[1])*1000/float64(n))
		}
	}
	ran, err := os.ReadDir(marker)
	check(err)
	fmt.Printf("    plugin processes started while listing: %d\n", len(ran))
}

// hookCache is (d): a compiled-in command with 0 and 100 plugins with
// manifests (10 of them declaring hooks on another command) in a plugin
// dir, with the hook cache cold (unwritable: every run scans the plugin
// dir) and warm. A warm run stats a few recorded paths and should cost
// what a run with no plugins does.
func hookCache(work, demoapp string, base []string, runs int) {
	empty, full := filepath.Join(work, "hooks-0"), filepath.Join(work, "hooks-100")
	check(os.MkdirAll(empty, 0o755))
	check(os.MkdirAll(full, 0o755))
	for i := 0; i < 100; i++ {
		name := filepath.Join(full, fmt.Sprintf("demoapp-plugin%03d", i))
		manifest := fmt.Sprintf("description: Plugin number %d\n", i)
		if i%10 == 0 {
			manifest += fmt.Sprintf("hooks:\n  - {name: h%03d, commands: ['files show'], before: true, flags: [{name: f%03d}]}\n", i, i)
		}
		check(os.WriteFile(name, []byte("#!/bin/sh\n"), 0o755))
		check(os.WriteFile(name+".yaml", []byte(manifest), 0o644))
	}
	// Settled, as installed plugins are: the cache trusts no change from
	// the last seconds.
	old := time.Now().Add(-time.Hour)
	for _, dir := range []string{empty, full} {
		entries, err := os.ReadDir(dir)
		check(err)
		for _, e := range entries {
			check(os.Chtimes(filepath.Join(dir, e.Name()), old, old))
		}
		check(os.Chtimes(dir, old, old))
	}
	noCache := filepath.Join(work, "not-a-dir")
	check(os.WriteFile(noCache, nil, 0o644))
	fmt.Printf("(d) compiled-in command (demoapp version) and manifest hooks, %d runs each\n", runs)
	pe := "PATH=/usr/bin:/bin"
	m := compare(runs,
		variant{"0 plugins, warm cache", demoapp, []string{"version"}, env(base, pe, "DEMOAPP_PLUGIN_PATH="+empty, "XDG_CACHE_HOME="+work+"/cache-0")},
		variant{"100 plugins, cold (no cache)", demoapp, []string{"version"}, env(base, pe, "DEMOAPP_PLUGIN_PATH="+full, "XDG_CACHE_HOME="+noCache)},
		variant{"100 plugins, warm cache", demoapp, []string{"version"}, env(base, pe, "DEMOAPP_PLUGIN_PATH="+full, "XDG_CACHE_HOME="+work+"/cache-100")},
	)
	if _, err := os.Stat(filepath.Join(work, "cache-100", "demoapp", "hooks.json")); err != nil {
		log.Fatalf("the warm variant has no cache: %v", err)
	}
	fmt.Printf("    ratio cold / 0 plugins: %.3f\n", m[1]/m[0])
	fmt.Printf("    ratio warm / 0 plugins: %.3f (target <= 1.05)\n\n", m[2]/m[0])
}

type variant struct {
	name string
	prog string
	args []string
	env  []string
}

// compare runs the variants interleaved, runs times each, and prints and
// returns their median wall times in milliseconds.
func compare(runs int, vs ...variant) []float64 {
	times := make([][]float64, len(vs))
	for _, v := range vs { // warm the page cache
		run(v)
	}
	for i := 0; i < runs; i++ {
		for j, v := range vs {
			times[j] = append(times[j], run(v))
		}
	}
	out := make([]float64, len(vs))
	for j, v := range vs {
		sort.Float64s(times[j])
		out[j] = times[j][len(times[j])/2]
		fmt.Printf("    %-34s median %7.3f ms\n", v.name, out[j])
	}
	return out
}

func run(v variant) float64 {
	cmd := exec.Command(v.prog, v.args...)
	cmd.Env = v.env
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	start := time.Now()
	if err := cmd.Run(); err != nil {
		log.Fatalf("%s %s: %v", v.prog, strings.Join(v.args, " "), err)
	}
	return float64(time.Since(start).Microseconds()) / 1000
}

func env(base []string, extra ...string) []string {
	return append(append([]string{}, base...), extra...)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

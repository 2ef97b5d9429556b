// Command plugins measures external plugin dispatch and listing for
// bench/plugins.sh. Every comparison runs its variants interleaved in one
// run and prints medians and their ratios; nothing is asserted.
//
//	go run ./bench/plugins -bin DIR [-runs N] [-sections abcdefg]
//
// DIR holds demoapp, floor, barecobra, linkedfloor and linkedbarecobra
// (the two built with -tags linked), demoapp-hello (a static C
// program), git-hello (the same) and stripped builds, made by the script.
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
	bin := flag.String("bin", "", "directory with demoapp, floor, barecobra, their linked builds, demoapp-hello and git-hello, built by the script")
	runs := flag.Int("runs", 200, "runs of each variant")
	sections := flag.String("sections", "abcdefg", "the comparisons to run, by letter (see below)")
	flag.StringVar(&clock, "clock", "wall", "what to time: wall, or cpu (user + system time of the process, exec'd plugin included: steadier on a loaded machine)")
	flag.Parse()
	if clock != "wall" && clock != "cpu" {
		log.Fatalf("-clock %s: want wall or cpu", clock)
	}
	fmt.Printf("clock: %s\n", clock)
	if *bin == "" {
		log.Fatal("-bin is required")
	}
	work, err := os.MkdirTemp("", "bench-plugins")
	check(err)
	defer os.RemoveAll(work)
	demoapp := filepath.Join(*bin, "demoapp")
	home := filepath.Join(work, "home")
	base := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/.config", "XDG_DATA_HOME=" + home + "/.local/share", "XDG_CACHE_HOME=" + home + "/.cache"}
	fmt.Printf("load average at start: %s\n", loadAverage())
	defer func() { fmt.Printf("load average at end: %s\n", loadAverage()) }()
	has := func(s string) bool { return strings.Contains(*sections, s) }

	if has("a") {
		bigPath(work, demoapp, base, *runs)
	}
	if has("b") {
		dispatch(*bin, demoapp, base, *runs)
	}
	if has("e") {
		startUp(*bin, demoapp, base, *runs)
	}
	if has("f") {
		flatDispatch(work, *bin, demoapp, base, *runs)
	}
	if has("c") {
		listing(work, demoapp, base, *runs)
	}
	if has("d") {
		hookCache(work, demoapp, base, *runs)
	}
	if has("g") {
		binarySize(*bin)
	}
}

// bigPath is (a): a compiled-in command with a PATH of 40 dirs x 500 files
// vs an empty PATH: dispatch of a compiled-in command must not look at PATH.
func bigPath(work, demoapp string, base []string, runs int) {
	var dirs []string
	for d := 0; d < 40; d++ {
		dir := filepath.Join(work, "path", fmt.Sprint(d))
		check(os.MkdirAll(dir, 0o755))
		for f := 0; f < 500; f++ {
			name := fmt.Sprintf("tool-%d-%d", d, f)
			if f%50 == 0 {
				name = fmt.Sprintf("demoapp-x%d_%d", d, f) // plugins too
			}
			writeExec(filepath.Join(dir, name), "#!/bin/sh\n")
		}
		dirs = append(dirs, dir)
	}
	fmt.Printf("(a) compiled-in command (demoapp version), %d runs each\n", runs)
	a := compare(runs,
		variant{"PATH empty", demoapp, []string{"version"}, env(base, "PATH=")},
		variant{"PATH 40 dirs x 500 files", demoapp, []string{"version"}, env(base, "PATH="+strings.Join(dirs, ":"))},
	)
	fmt.Printf("    ratio 40x500 / empty: %.3f (target <= 1.05)\n\n", a[1]/a[0])
}

// dispatch is (b): an external plugin (a static C program, so that its own
// start-up does not dilute the ratio): demoapp hello against the floor, a Go
// program linking only cobra that does LookPath + syscall.Exec, against the
// linked floor (the same, also linking every package demoapp links: see
// bench/plugins/linked), and against git running git-hello, the same
// program.
func dispatch(bin, demoapp string, base []string, runs int) {
	hostPath := "PATH=" + bin + ":/usr/bin:/bin"
	fmt.Printf("(b) external plugin (a static C hello), %d runs each\n", runs)
	vs := []variant{
		{"demoapp-hello directly", filepath.Join(bin, "demoapp-hello"), nil, env(base, hostPath)},
		{"floor hello (cobra, LookPath + exec)", filepath.Join(bin, "floor"), []string{"hello"}, env(base, hostPath)},
		{"demoapp hello", demoapp, []string{"hello"}, env(base, hostPath)},
		{"linked floor hello (+ demoapp's packages)", filepath.Join(bin, "linkedfloor"), []string{"hello"}, env(base, hostPath)},
	}
	git, gitErr := exec.LookPath("git")
	if gitErr == nil {
		vs = append(vs, variant{"git hello", git, []string{"hello"}, env(base, hostPath)})
	}
	b := compare(runs, vs...)
	fmt.Printf("    ratio demoapp / floor: %.3f (target <= 1.15)\n", b[2]/b[1])
	fmt.Printf("    of which linking demoapp's packages (linked floor / floor): %.3f; dispatch (demoapp / linked floor): %.3f\n", b[3]/b[1], b[2]/b[3])
	if gitErr == nil {
		fmt.Printf("    ratio demoapp / git: %.3f; floor / git: %.3f\n", b[2]/b[4], b[1]/b[4])
	}
	fmt.Println()
}

// startUp is (e): demoapp version and --version against a bare cobra app
// with 20 commands.
func startUp(bin, demoapp string, base []string, runs int) {
	e := env(base, "PATH=/usr/bin:/bin")
	bare := filepath.Join(bin, "barecobra")
	fmt.Printf("(e) start-up, %d runs each\n", runs)
	m := compare(runs,
		variant{"bare cobra --version", bare, []string{"--version"}, e},
		variant{"bare cobra version", bare, []string{"version"}, e},
		variant{"demoapp --version", demoapp, []string{"--version"}, e},
		variant{"demoapp version", demoapp, []string{"version"}, e},
		variant{"linked bare cobra version", filepath.Join(bin, "linkedbarecobra"), []string{"version"}, e},
	)
	fmt.Printf("    ratio demoapp --version / bare --version: %.3f (target <= 1.3)\n", m[2]/m[0])
	fmt.Printf("    ratio demoapp version / bare version: %.3f (target <= 1.3)\n", m[3]/m[1])
	fmt.Printf("    of which linking demoapp's packages (linked bare / bare): %.3f; the run (demoapp / linked bare): %.3f\n", m[4]/m[1], m[3]/m[4])
	fmt.Printf("    ratio demoapp --version / demoapp version: %.3f (target <= 1)\n\n", m[2]/m[3])
}

// flatDispatch is (f): demoapp hello with no other plugins, and with 1,000
// plugins on PATH, 1,000 in a plugin dir (with manifests) and 1,000 folder
// plugins; warm (each variant runs once before timing). Dispatch must not
// depend on how many plugins are installed.
func flatDispatch(work, bin, demoapp string, base []string, runs int) {
	const n = 1000
	never := "#!/bin/sh\necho never run >&2\nexit 3\n"
	onPath := filepath.Join(work, "flat-path")
	inDir := filepath.Join(work, "flat-dir")
	folders := filepath.Join(work, "flat-folders")
	empty := filepath.Join(work, "flat-empty")
	for _, d := range []string{onPath, inDir, folders, empty} {
		check(os.MkdirAll(d, 0o755))
	}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("demoapp-p%04d", i)
		writeExec(filepath.Join(onPath, name), never)
		writeExec(filepath.Join(inDir, name), never)
		check(os.WriteFile(filepath.Join(inDir, name+".yaml"), []byte(manifest(i)), 0o644))
		folder := filepath.Join(folders, name)
		check(os.MkdirAll(folder, 0o755))
		writeExec(filepath.Join(folder, name), never)
		check(os.WriteFile(filepath.Join(folder, "plugin.yaml"), []byte(manifest(i)), 0o644))
	}
	// Settled, as installed plugins are: the hook cache trusts no change
	// from the last seconds, so the runs just after creating them would
	// each scan.
	for _, d := range []string{onPath, inDir, folders, empty} {
		settle(d)
	}
	hostPath := bin + ":/usr/bin:/bin"
	fmt.Printf("(f) demoapp hello with 1,000 other plugins, warm, %d runs each\n", runs)
	m := compare(runs,
		variant{"0 plugins", demoapp, []string{"hello"}, env(base, "PATH="+hostPath, "DEMOAPP_PLUGIN_PATH="+empty)},
		variant{"1,000 on PATH", demoapp, []string{"hello"}, env(base, "PATH="+onPath+":"+hostPath, "DEMOAPP_PLUGIN_PATH="+empty)},
		variant{"1,000 in a plugin dir", demoapp, []string{"hello"}, env(base, "PATH="+hostPath, "DEMOAPP_PLUGIN_PATH="+inDir)},
		variant{"1,000 folder plugins", demoapp, []string{"hello"}, env(base, "PATH="+hostPath, "DEMOAPP_PLUGIN_PATH="+folders)},
	)
	for i, name := range []string{"PATH", "plugin dir", "folders"} {
		fmt.Printf("    ratio 1,000 %s / 0: %.3f (target <= 1.05)\n", name, m[i+1]/m[0])
	}
	fmt.Println()
}

// listing is (c): help, completion of the first word and plugin list with
// 0 and 1,000 plugins with manifests (linear: at 1,000 at most 3x the
// 0-plugin time), then plugin list with 10,000 (under 1 s). Listing reads
// manifests but never starts a plugin: each writes a marker if run.
func listing(work, demoapp string, base []string, runs int) {
	marker := filepath.Join(work, "ran")
	check(os.MkdirAll(marker, 0o755))
	dirs := map[int]string{}
	for _, n := range []int{0, 1000, 10000} {
		pdir := filepath.Join(work, fmt.Sprintf("plugins-%d", n))
		check(os.MkdirAll(pdir, 0o755))
		for i := 0; i < n; i++ {
			name := fmt.Sprintf("demoapp-plugin%05d", i)
			writeExec(filepath.Join(pdir, name), "#!/bin/sh\ntouch "+marker+"/"+name+"\n")
			check(os.WriteFile(filepath.Join(pdir, name+".yaml"), []byte(manifest(i)), 0o644))
		}
		settle(pdir)
		dirs[n] = pdir
	}
	e := func(n int) []string { return env(base, "PATH=/usr/bin:/bin", "DEMOAPP_PLUGIN_PATH="+dirs[n]) }
	fmt.Printf("(c) listing with 0 and 1,000 plugins with manifests, %d runs each\n", runs/4)
	var vs []variant
	for _, n := range []int{0, 1000} {
		vs = append(vs,
			variant{fmt.Sprintf("help, %d plugins", n), demoapp, []string{"help"}, e(n)},
			variant{fmt.Sprintf("__complete '', %d plugins", n), demoapp, []string{"__complete", ""}, e(n)},
			variant{fmt.Sprintf("plugin list, %d plugins", n), demoapp, []string{"plugin", "list"}, e(n)},
		)
	}
	m := compare(max(runs/4, 3), vs...)
	for i, name := range []string{"help", "__complete ''", "plugin list"} {
		fmt.Printf("    growth 1,000 / 0 plugins, %s: %.2fx (target <= 3; %.1f us per plugin)\n",
			name, m[i+3]/m[i], (m[i+3]-m[i])*1000/1000)
	}
	l := compare(5, variant{"plugin list, 10,000 plugins", demoapp, []string{"plugin", "list"}, e(10000)})
	fmt.Printf("    plugin list with 10,000 plugins: %.0f ms (target < 1000)\n", l[0])
	ran, err := os.ReadDir(marker)
	check(err)
	fmt.Printf("    plugin processes started while listing: %d\n\n", len(ran))
}

// binarySize is (g): the stripped demoapp against a stripped bare cobra
// app (both built by the script with -ldflags="-s -w").
func binarySize(bin string) {
	size := func(name string) int64 {
		fi, err := os.Stat(filepath.Join(bin, name))
		check(err)
		return fi.Size()
	}
	d, c := size("demoapp-stripped"), size("barecobra-stripped")
	fmt.Printf("(g) binary size, stripped\n")
	fmt.Printf("    demoapp %.2f MiB, bare cobra %.2f MiB, ratio %.2f (target <= 2)\n\n",
		float64(d)/(1<<20), float64(c)/(1<<20), float64(d)/float64(c))
}

func manifest(i int) string {
	return fmt.Sprintf("name: plugin%05d\nversion: 1.0.%d\ndescription: Plugin number %d\nrequires: {env: [HOME]}\n", i, i, i)
}

// settle dates everything under dir an hour back, as plugins installed
// earlier are: the hook cache trusts no change from the last seconds.
func settle(dir string) {
	old := time.Now().Add(-time.Hour)
	check(filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(path, old, old)
	}))
}

// writeExec writes an executable the way no fork can inherit a writer of:
// to a temporary name, closed, then renamed into place.
func writeExec(path, content string) {
	tmp := path + ".tmp"
	check(os.WriteFile(tmp, []byte(content), 0o755))
	check(os.Rename(tmp, path))
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(b))
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
		writeExec(name, "#!/bin/sh\n")
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

// clock is what run times: "wall" or "cpu".
var clock = "wall"

func run(v variant) float64 {
	cmd := exec.Command(v.prog, v.args...)
	cmd.Env = v.env
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	start := time.Now()
	if err := cmd.Run(); err != nil {
		log.Fatalf("%s %s: %v", v.prog, strings.Join(v.args, " "), err)
	}
	d := time.Since(start)
	if clock == "cpu" {
		d = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	return float64(d.Microseconds()) / 1000
}

func env(base []string, extra ...string) []string {
	return append(append([]string{}, base...), extra...)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

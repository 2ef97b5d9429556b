package discovery

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

const exe = 0o755

// testTree is a plugin dir /p and PATH dirs /a and /b.
func testTree() map[string]fakeFile {
	return map[string]fakeFile{
		"/p/demoapp-tool":                   {mode: exe},
		"/a/demoapp-tool":                   {mode: exe},
		"/a/demoapp-hello":                  {mode: exe},
		"/a/demoapp-hello.yaml":             {mode: 0o644, data: "description: Hi\n"},
		"/a/demoapp-files-stat":             {mode: exe},
		"/a/demoapp-dir_size":               {mode: exe},
		"/a/demoapp-cloud":                  {mode: exe},
		"/a/demoapp-cloud-up":               {mode: exe},
		"/a/demoapp-noexec":                 {mode: 0o644},
		"/b/demoapp-noexec":                 {mode: exe},
		"/b/demoapp-lonely":                 {mode: 0o644},
		"/a/demoapp-bad":                    {mode: exe},
		"/a/demoapp-bad.yaml":               {mode: 0o644, data: "name: bad\nversoin: 1\n"},
		"/p/demoapp-folder/plugin.yaml":     {mode: 0o644, data: "exec: bin/run\n"},
		"/p/demoapp-folder/bin/run":         {mode: exe},
		"/a/demoapp-pathfolder/plugin.yaml": {mode: 0o644, data: "description: not on PATH\n"},
	}
}

func testFinder(fsys FS) *Finder {
	return &Finder{App: "demoapp", FS: fsys, Dirs: []Dir{
		{Path: "/p", Source: SourceDir}, {Path: "/a", Source: SourcePATH}, {Path: "/b", Source: SourcePATH},
	}}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		words    string
		min      int
		wantPath string
		wantK    int
		wantErr  string
	}{
		{"hello", 1, "/a/demoapp-hello", 1, ""},
		{"hello world --x", 1, "/a/demoapp-hello", 1, ""},
		{"files stat x", 2, "/a/demoapp-files-stat", 2, ""},
		{"files stat", 3, "", 0, ""}, // fewer words than min
		{"dir-size", 1, "/a/demoapp-dir_size", 1, ""},
		{"dir_size", 1, "", 0, ""}, // "_" is not a command word character
		{"cloud up now", 1, "/a/demoapp-cloud-up", 2, ""},
		{"cloud down", 1, "/a/demoapp-cloud", 1, ""},
		{"tool", 1, "/p/demoapp-tool", 1, ""},
		{"noexec", 1, "/b/demoapp-noexec", 1, ""},
		{"lonely", 1, "", 0, "/b/demoapp-lonely is not executable"},
		{"folder", 1, "/p/demoapp-folder/bin/run", 1, ""},
		{"pathfolder", 1, "", 0, ""}, // folder plugins only in plugin dirs
		{"missing", 1, "", 0, ""},
		{"/etc/passwd", 1, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.words, func(t *testing.T) {
			fsys := newFakeFS(testTree())
			p, k, err := testFinder(fsys).Resolve(strings.Fields(tt.words), tt.min)
			if tt.wantErr != "" {
				var ne *NotExecutableError
				if !errors.As(err, &ne) || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if p != nil {
				got = p.Path
			}
			if got != tt.wantPath || k != tt.wantK {
				t.Fatalf("Resolve = %q, %d; want %q, %d", got, k, tt.wantPath, tt.wantK)
			}
			if fsys.calls["ReadDir"] != 0 {
				t.Errorf("Resolve listed a directory")
			}
		})
	}
}

func TestResolveIsLazy(t *testing.T) {
	fsys := newFakeFS(testTree())
	p, _, err := testFinder(fsys).Resolve([]string{"hello", "a", "b"}, 1)
	if err != nil || p == nil {
		t.Fatal(p, err)
	}
	// 3 dirs for "hello-a-b", 3 for "hello-a", 2 for "hello" (found in
	// /a), then the manifest beside it and the manifest's check before it
	// is read (a regular file?); its directory, the executable and the
	// manifest are checked for trust with an Lstat each (a link?), and the
	// directory's parent (/) with a Stat.
	if got, lgot := fsys.calls["Stat"], fsys.calls["Lstat"]; got != 11 || lgot != 3 {
		t.Errorf("Stat, Lstat calls = %d, %d, want 11, 3", got, lgot)
	}
	if fsys.calls["ReadFile"] != 1 || fsys.calls["ReadDir"] != 0 {
		t.Errorf("calls = %v, want one ReadFile (its own manifest), no ReadDir", fsys.calls)
	}
	if p.Description() != "Hi" {
		t.Errorf("description = %q", p.Description())
	}
}

func TestResolveInvalidManifest(t *testing.T) {
	p, _, err := testFinder(newFakeFS(testTree())).Resolve([]string{"bad"}, 1)
	if err != nil || p == nil || p.Invalid == nil {
		t.Fatal(p, err)
	}
	if want := `/a/demoapp-bad.yaml:2: unknown key "versoin"`; p.Invalid.Error() != want {
		t.Errorf("Invalid = %v, want %s", p.Invalid, want)
	}
}

func TestFolderExecMustStayInside(t *testing.T) {
	tree := map[string]fakeFile{
		"/p/demoapp-esc/plugin.yaml":  {mode: 0o644},
		"/p/demoapp-esc/demoapp-esc":  {link: "../../elsewhere/run"},
		"/elsewhere/run":              {mode: exe},
		"/p/demoapp-in/plugin.yaml":   {mode: 0o644},
		"/p/demoapp-in/demoapp-in":    {link: "real"},
		"/p/demoapp-in/real":          {mode: exe},
		"/p/demoapp-none/plugin.yaml": {mode: 0o644},
	}
	f := &Finder{App: "demoapp", FS: newFakeFS(tree), Dirs: []Dir{{Path: "/p", Source: SourceDir}}}
	for name, want := range map[string]string{
		"esc":  "executable /p/demoapp-esc/demoapp-esc resolves to /elsewhere/run, outside the plugin's folder",
		"in":   "",
		"none": "executable /p/demoapp-none/demoapp-none does not exist",
	} {
		p, _, _ := f.Resolve([]string{name}, 1)
		got := ""
		if p.Invalid != nil {
			got = p.Invalid.Error()
		}
		if got != want {
			t.Errorf("%s: Invalid = %q, want %q", name, got, want)
		}
	}
}

func TestScan(t *testing.T) {
	tree := testTree()
	tree["/a/demoapp-Bad"] = fakeFile{mode: exe}
	tree["/a/demoapp-link"] = fakeFile{link: "nowhere"}
	tree["/a/demoapp-dir/x"] = fakeFile{mode: 0o644}
	tree["/a/demoapp-orphan.yaml"] = fakeFile{mode: 0o644}
	tree["/a/demoapp-open"] = fakeFile{mode: 0o777}
	tree["/a/other"] = fakeFile{mode: exe}
	s := testFinder(newFakeFS(tree)).Scan()
	var got []string
	for _, p := range s.Plugins {
		line := p.Name + " " + p.Path
		if p.ShadowedBy != "" {
			line += " shadowed-by " + p.ShadowedBy
		}
		if p.Invalid != nil {
			line += " invalid"
		}
		got = append(got, line)
	}
	want := []string{
		"bad /a/demoapp-bad invalid",
		"cloud /a/demoapp-cloud",
		"cloud up /a/demoapp-cloud-up",
		"dir-size /a/demoapp-dir_size",
		"files stat /a/demoapp-files-stat",
		"folder /p/demoapp-folder/bin/run",
		"hello /a/demoapp-hello",
		"noexec /b/demoapp-noexec",
		"open /a/demoapp-open invalid",
		"tool /p/demoapp-tool",
		"tool /a/demoapp-tool shadowed-by /p/demoapp-tool",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plugins:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var warnings []string
	for _, w := range s.Warnings {
		warnings = append(warnings, w.String())
	}
	wantW := []string{
		`/a/demoapp-Bad: invalid plugin name: word "Bad" must start with a lower-case letter`,
		"/a/demoapp-dir: is a directory, not a plugin (a plugin folder needs plugin.yaml and must be in a plugin dir)",
		"/a/demoapp-link: broken symbolic link",
		"/a/demoapp-noexec: not executable: skipped",
		"/a/demoapp-open: writable by other users, who could change what runs: refused (if you trust it: chmod o-w /a/demoapp-open)",
		"/a/demoapp-orphan.yaml: manifest without an executable demoapp-orphan",
		"/a/demoapp-pathfolder: is a directory, not a plugin (a plugin folder needs plugin.yaml and must be in a plugin dir)",
		"/a/demoapp-tool: shadowed by /p/demoapp-tool",
		"/b/demoapp-lonely: not executable: skipped",
	}
	if strings.Join(warnings, "\n") != strings.Join(wantW, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(wantW, "\n"))
	}
}

func TestSearch(t *testing.T) {
	env := map[string]string{
		"HOME":                "/home/u",
		"DEMOAPP_PLUGIN_PATH": "/pp1::rel:/pp2",
		"PATH":                "/usr/bin:.:/pp1::/bin",
	}
	sp := Search(Env{App: "demoapp", EnvPrefix: "DEMOAPP", Getenv: func(k string) string { return env[k] }}, []string{"/cfg", "~/plugins"})
	var got []string
	for _, d := range sp.Dirs {
		got = append(got, string(d.Source)+":"+d.Path)
	}
	want := "dir:/pp1 dir:/pp2 dir:/cfg dir:/home/u/plugins dir:/home/u/.local/share/demoapp/plugins PATH:/usr/bin PATH:/bin"
	if strings.Join(got, " ") != want {
		t.Errorf("dirs = %s\nwant   %s", strings.Join(got, " "), want)
	}
	if strings.Join(sp.Ignored, " ") != "rel ." {
		t.Errorf("ignored = %q", sp.Ignored)
	}
}

// TestSearchDirsReadsNoPATH pins the split of Search: the plugin dirs
// without $PATH (read by a run of a compiled-in command, for hooks), then
// $PATH after them, deduplicated against them, as Search orders them.
func TestSearchDirsReadsNoPATH(t *testing.T) {
	env := map[string]string{"HOME": "/home/u", "DEMOAPP_PLUGIN_PATH": "/pp1:rel", "PATH": "/usr/bin:/pp1:/bin:/usr/bin/"}
	var read []string
	e := Env{App: "demoapp", EnvPrefix: "DEMOAPP", Getenv: func(k string) string { read = append(read, k); return env[k] }}
	dirs := SearchDirs(e, []string{"/cfg"})
	if slices.Contains(read, "PATH") {
		t.Errorf("SearchDirs read $PATH")
	}
	full := dirs.WithPATH(e)
	if len(dirs.Dirs) != 3 {
		t.Errorf("WithPATH changed the plugin dirs: %v", dirs.Dirs)
	}
	if fmt.Sprint(full) != fmt.Sprint(Search(e, []string{"/cfg"})) {
		t.Errorf("SearchDirs + WithPATH = %v, Search = %v", full, Search(e, []string{"/cfg"}))
	}
	want := "[{/pp1 dir} {/cfg dir} {/home/u/.local/share/demoapp/plugins dir} {/usr/bin PATH} {/bin PATH}]"
	if fmt.Sprint(full.Dirs) != want {
		t.Errorf("dirs = %v, want %s", full.Dirs, want)
	}
}

// TestScanCostsPerPlugin pins what a listing asks of the file system for
// each plugin: one lstat of the executable, and of its manifest only when
// the directory lists one — for a file that is no symbolic link the lstat
// is the stat, and the trust rules' chain of links (Trust.checkPath)
// starts from it — and one read of that manifest (with its own stat, for
// the size cap) when no manifest cache holds it. Whether a manifest
// has its executable, and whether the directory is trusted, are known from
// the listing and one stat of the directory.
func TestScanCostsPerPlugin(t *testing.T) {
	for _, n := range []int{10, 100} {
		tree := map[string]fakeFile{}
		for i := range n {
			name := fmt.Sprintf("/p/demoapp-p%03d", i)
			tree[name] = fakeFile{mode: exe}
			if i%2 == 0 {
				tree[name+".yaml"] = fakeFile{mode: 0o644, data: "description: x\n"}
			}
		}
		fsys := newFakeFS(tree)
		f := &Finder{App: "demoapp", Dirs: []Dir{{Path: "/p", Source: SourceDir}}, FS: fsys}
		s := f.Scan()
		if len(s.Plugins) != n || len(s.Warnings) != 0 {
			t.Fatalf("%d plugins, warnings %v; want %d and none", len(s.Plugins), s.Warnings, n)
		}
		stats := fsys.calls["Stat"] + fsys.calls["Lstat"]
		if want := n + 2*(n/2) + 1 + 1; stats != want { // + the dir's parent (/)
			t.Errorf("%d plugins, %d with manifests: %d stats, want %d", n, n/2, stats, want)
		}
		if got := fsys.calls["ReadFile"]; got != n/2 {
			t.Errorf("%d manifests read %d times, want once each", n/2, got)
		}
	}
}

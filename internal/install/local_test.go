package install

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/longshore/longshore/internal/discovery"
)

func TestParse(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "demoapp-hi"), "#!/bin/sh\n", 0o755)
	writeFile(t, filepath.Join(dir, "hi.tar.gz"), "x", 0o644)
	good := strings.Repeat("ab", 32)
	tests := []struct {
		arg  string
		opts Options
		kind Kind
		str  string
		err  string
	}{
		{arg: "example.com/x/demoapp-foo@v1.2.3", kind: KindModule, str: "example.com/x/demoapp-foo@v1.2.3"},
		{arg: "example.com/x/demoapp-foo", kind: KindModule, str: "example.com/x/demoapp-foo@latest"},
		{arg: "example.com/x/demoapp-foo/v2@latest", kind: KindModule, str: "example.com/x/demoapp-foo/v2@latest"},
		{arg: "https://h.example/o/demoapp-foo", kind: KindGit, str: "https://h.example/o/demoapp-foo"},
		{arg: "https://h.example/o/demoapp-foo@v1.0.0", kind: KindGit, str: "https://h.example/o/demoapp-foo@v1.0.0"},
		{arg: "https://user@h.example/o/demoapp-foo.git", kind: KindGit, str: "https://user@h.example/o/demoapp-foo.git"},
		{arg: "ssh://git@h.example/o/demoapp-foo", kind: KindGit, str: "ssh://git@h.example/o/demoapp-foo"},
		{arg: dir + "/repo/demoapp-foo@abc123", opts: Options{Git: true}, kind: KindGit, str: dir + "/repo/demoapp-foo@abc123"},
		{arg: "https://h.example/demoapp-foo.tar.gz", opts: Options{SHA256: strings.ToUpper(good)}, kind: KindArchive, str: "https://h.example/demoapp-foo.tar.gz"},
		{arg: "https://h.example/demoapp-foo.zip?x=1", opts: Options{SHA256: good}, kind: KindArchive, str: "https://h.example/demoapp-foo.zip?x=1"},
		{arg: filepath.Join(dir, "hi.tar.gz"), kind: KindArchive, str: filepath.Join(dir, "hi.tar.gz")},
		{arg: filepath.Join(dir, "demoapp-hi"), kind: KindLocal, str: filepath.Join(dir, "demoapp-hi")},
		{arg: "https://h.example/demoapp-foo.tar.gz", err: "an archive by URL needs --sha256 SUM"},
		{arg: "https://h.example/demoapp-foo.tgz", opts: Options{SHA256: "abc"}, err: `--sha256 "abc" is not a SHA-256 checksum`},
		{arg: "example.com/x/demoapp-foo", opts: Options{SHA256: good}, err: "--sha256 is for an archive, and this is a module source"},
		{arg: "ftp://h.example/demoapp-foo", err: `unknown URL scheme "ftp"`},
		{arg: "demoapp-nothere", err: "install demoapp-nothere: no such file or directory, and not a URL or a Go package path"},
		{arg: "", err: "no plugin given"},
	}
	for _, tt := range tests {
		src, err := Parse(tt.arg, tt.opts)
		if tt.err != "" {
			wantErr(t, err, tt.err)
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.arg, err)
			continue
		}
		if src.Kind() != tt.kind || src.String() != tt.str {
			t.Errorf("Parse(%q) = %s %q, want %s %q", tt.arg, src.Kind(), src.String(), tt.kind, tt.str)
		}
	}
	if src, _ := Parse("https://h.example/demoapp-foo.tar.gz", Options{SHA256: strings.ToUpper(good)}); src.(*ArchiveSource).SHA256 != good {
		t.Errorf("SHA256 not lower-cased: %q", src.(*ArchiveSource).SHA256)
	}
}

func TestInstallLocalFile(t *testing.T) {
	src := filepath.Join(t.TempDir(), "demoapp-hi")
	writeFile(t, src, "#!/bin/sh\necho hi\n", 0o755)
	writeFile(t, src+".yaml", "version: 1.2.0\ndescription: Say hi\n", 0o644)
	tg := newTarget(t)
	tg.Now = func() time.Time { return time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC) }
	s, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Install(context.Background(), s, tg, nil)
	if err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(tg.Dir, "demoapp-hi")
	if res.Name != "hi" || res.Path != folder {
		t.Errorf("result = %+v", res)
	}
	onlyEntries(t, folder, RecordFile, "demoapp-hi", "plugin.yaml")
	onlyEntries(t, tg.Dir, "demoapp-hi")
	rec := mustRecord(t, folder)
	want := Record{Kind: KindLocal, Source: src, Version: "1.2.0", Installed: tg.Now()}
	if rec != want {
		t.Errorf("record = %+v, want %+v", rec, want)
	}
	if got := rec.String(); got != "local "+src+" 1.2.0" {
		t.Errorf("record.String() = %q", got)
	}
	if runPlugin(t, filepath.Join(folder, "demoapp-hi")) != "hi" {
		t.Error("installed plugin does not run")
	}
	_, err = Install(context.Background(), s, tg, nil)
	var ee *ExistsError
	if !errors.Is(err, ErrExists) || !errors.As(err, &ee) || ee.Name != "hi" || ee.Path != folder {
		t.Fatalf("second install: %v, want an ExistsError naming hi at %s", err, folder)
	}
	wantErr(t, err, "hi is already installed at "+folder)
	onlyEntries(t, tg.Dir, "demoapp-hi") // no stage left behind
}

// A local plugin's invalid manifest is reported with the user's own file
// name, not the staged plugin.yaml.
func TestInstallLocalNamesTheUsersManifest(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "demoapp-hi")
	writeFile(t, src, "#!/bin/sh\n", 0o755)
	writeFile(t, src+".yaml", "description: x\nnam: typo\n", 0o644)
	writeFile(t, filepath.Join(dir, "demoapp-dir", "plugin.yaml"), "hooks:\n  - name: version\n    commands: [files]\n", 0o644)
	tg := newTarget(t)
	tg.Taken = func(name string) bool { return name == "version" }
	_, err := Install(context.Background(), &LocalSource{Path: src}, tg, nil)
	wantErr(t, err, "invalid plugin: "+src+".yaml:2: unknown key \"nam\"")
	_, err = Install(context.Background(), &LocalSource{Path: filepath.Join(dir, "demoapp-dir")}, tg, nil)
	wantErr(t, err, "invalid plugin: "+filepath.Join(dir, "demoapp-dir", "plugin.yaml")+":2:")
	onlyEntries(t, tg.Dir)
}

func TestInstallLocalFolderAndChecks(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "demoapp-dir_size", "plugin.yaml"), "exec: run.sh\n", 0o644)
	writeFile(t, filepath.Join(dir, "demoapp-dir_size", "run.sh"), "#!/bin/sh\necho size\n", 0o755)
	tg := newTarget(t)
	res, err := Install(context.Background(), &LocalSource{Path: filepath.Join(dir, "demoapp-dir_size")}, tg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Name != "dir-size" {
		t.Errorf("name = %q", res.Name)
	}
	onlyEntries(t, res.Path, RecordFile, "plugin.yaml", "run.sh")

	// The app's own check, an invalid manifest, a bad name, no manifest.
	writeFile(t, filepath.Join(dir, "demoapp-version"), "#!/bin/sh\n", 0o755)
	writeFile(t, filepath.Join(dir, "demoapp-bad", "plugin.yaml"), "nosuchkey: 1\n", 0o644)
	writeFile(t, filepath.Join(dir, "demoapp-bad", "demoapp-bad"), "#!/bin/sh\n", 0o755)
	writeFile(t, filepath.Join(dir, "demoapp-bare", "demoapp-bare"), "#!/bin/sh\n", 0o755)
	writeFile(t, filepath.Join(dir, "demoapp-Up"), "#!/bin/sh\n", 0o755)
	writeFile(t, filepath.Join(dir, "demoapp-noexec"), "#!/bin/sh\n", 0o644)
	tg.Check = func(words []string) error {
		if words[0] == "version" {
			return errors.New(`"version" would be shadowed by the compiled-in command "version"`)
		}
		return nil
	}
	for name, want := range map[string]string{
		"demoapp-version": `would be shadowed by the compiled-in command "version"`,
		"demoapp-bad":     `plugin.yaml:1: unknown key "nosuchkey"`,
		"demoapp-bare":    "not a plugin: a folder needs plugin.yaml",
		"demoapp-Up":      `plugin name "demoapp-Up"`,
		"demoapp-noexec":  "not an executable file",
	} {
		_, err := Install(context.Background(), &LocalSource{Path: filepath.Join(dir, name)}, tg, nil)
		wantErr(t, err, want)
	}
	onlyEntries(t, tg.Dir, "demoapp-dir_size")
}

func TestManifestHook(t *testing.T) {
	src := filepath.Join(t.TempDir(), "demoapp-lines")
	writeFile(t, src, "#!/bin/sh\n", 0o755)
	tg := newTarget(t)
	var asked string
	tg.Manifest = func(ctx context.Context, exe string) ([]byte, error) {
		asked = filepath.Base(exe)
		return []byte("version: 2.0.0\noutput: list\n"), nil
	}
	res, err := Install(context.Background(), &LocalSource{Path: src}, tg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if asked != "demoapp-lines" || readFile(t, filepath.Join(res.Path, "plugin.yaml")) != "version: 2.0.0\noutput: list\n" || res.Record.Version != "2.0.0" {
		t.Errorf("asked %q, record %+v", asked, res.Record)
	}
	tg.Manifest = func(ctx context.Context, exe string) ([]byte, error) { return nil, errors.New("not a Longshore app") }
	writeFile(t, filepath.Join(filepath.Dir(src), "demoapp-other"), "#!/bin/sh\n", 0o755)
	_, err = Install(context.Background(), &LocalSource{Path: filepath.Join(filepath.Dir(src), "demoapp-other")}, tg, nil)
	wantErr(t, err, "not a Longshore app")
}

func TestReadRecordErrors(t *testing.T) {
	dir := t.TempDir()
	if rec, err := ReadRecord(dir); rec != nil || err != nil {
		t.Errorf("no record: %v, %v", rec, err)
	}
	if rec, err := ReadRecord(filepath.Join(dir, "nothere")); rec != nil || err != nil {
		t.Errorf("no folder: %v, %v", rec, err)
	}
	for body, want := range map[string]string{
		"kind: module\nsource: x\nbogus: 1\n": RecordFile + `:3: field bogus not found`,
		"kind: svn\nsource: x\n":              RecordFile + `:1: unknown kind "svn"`,
		"kind: git\n":                         RecordFile + `:1: no source`,
		"kind: [\n":                           RecordFile + `:`,
	} {
		writeFile(t, filepath.Join(dir, RecordFile), body, 0o644)
		_, err := ReadRecord(dir)
		wantErr(t, err, want)
	}
	_ = os.Remove(filepath.Join(dir, RecordFile))
}

func TestStaleStagesRemoved(t *testing.T) {
	tg := newTarget(t)
	now := time.Now()
	tg.Now = func() time.Time { return now }
	stale := filepath.Join(tg.Dir, stagePrefix+"1")
	fresh := filepath.Join(tg.Dir, stagePrefix+"2")
	for _, d := range []string{stale, fresh} {
		writeFile(t, filepath.Join(d, "x"), "x", 0o644)
	}
	if err := os.Chtimes(stale, now.Add(-2*time.Hour), now.Add(-2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "demoapp-hi")
	writeFile(t, src, "#!/bin/sh\n", 0o755)
	if _, err := Install(context.Background(), &LocalSource{Path: src}, tg, nil); err != nil {
		t.Fatal(err)
	}
	onlyEntries(t, tg.Dir, stagePrefix+"2", "demoapp-hi")
}

func TestExistsBeforeStaging(t *testing.T) {
	tg := newTarget(t)
	writeFile(t, filepath.Join(tg.Dir, "demoapp-hello", "plugin.yaml"), "", 0o644)
	// No proxy, no toolchain needed: the name says it is there already.
	tg.Env = []string{"PATH=" + t.TempDir()}
	_, err := Install(context.Background(), &ModuleSource{Path: "example.com/x/demoapp-hello", Version: "latest"}, tg, nil)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
}

func TestRecordOf(t *testing.T) {
	src := filepath.Join(t.TempDir(), "demoapp-hi")
	writeFile(t, src, "#!/bin/sh\n", 0o755)
	tg := newTarget(t)
	res, err := Install(context.Background(), &LocalSource{Path: src}, tg, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &discovery.Finder{App: "demoapp", Dirs: []discovery.Dir{{Path: tg.Dir, Source: discovery.SourceDir}}}
	p, _, err := f.Resolve([]string{"hi"}, 1)
	if err != nil || p == nil {
		t.Fatalf("resolve: %v, %v", p, err)
	}
	rec, err := RecordOf(p)
	if err != nil || rec == nil || rec.Source != src {
		t.Errorf("RecordOf = %+v, %v", rec, err)
	}
	if res.Path != p.Folder {
		t.Errorf("installed at %s, found at %s", res.Path, p.Folder)
	}
	if rec, err := RecordOf(&discovery.Plugin{Path: src}); rec != nil || err != nil {
		t.Errorf("RecordOf(file plugin) = %v, %v", rec, err)
	}
}

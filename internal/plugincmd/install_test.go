package plugincmd

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/install"
)

// installer runs installRun and upgradeRun on one user plugin dir.
type installer struct {
	t      *testing.T
	user   string
	cat    *fakeCatalog
	env    []string
	warned []string
}

func newInstaller(t *testing.T) *installer {
	return &installer{t: t, user: filepath.Join(t.TempDir(), "plugins"),
		cat: &fakeCatalog{reserved: map[string]bool{"help": true}, shadow: map[string]string{"version": "version"}}}
}

// install runs plugin install with the flags set in opts (nil: none) and
// returns its stdout.
func (in *installer) install(ref string, opts *InstallOptions) (string, error) {
	in.t.Helper()
	if opts == nil {
		opts = &InstallOptions{}
	}
	var out, errOut bytes.Buffer
	opts.Out, opts.ErrOut, opts.App, opts.UserDir, opts.Catalog, opts.Ref, opts.Env = &out, &errOut, "tapp", in.user, in.cat, ref, in.env
	opts.Warn = func(w string) { in.warned = append(in.warned, w) }
	err := installRun(context.Background(), opts)
	return out.String(), err
}

// upgrade runs plugin upgrade NAME, or --all when name is "", and returns
// its stdout.
func (in *installer) upgrade(name string) (string, error) {
	in.t.Helper()
	var out bytes.Buffer
	err := upgradeRun(context.Background(), &UpgradeOptions{Out: &out, ErrOut: &out, App: "tapp", UserDir: in.user,
		Catalog: in.cat, Env: in.env, Name: name, All: name == ""})
	return out.String(), err
}

// entries lists a directory's names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

// runOut runs an executable and returns its trimmed output.
func runOut(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(path).Output()
	if err != nil {
		t.Fatalf("run %s: %v", path, err)
	}
	return strings.TrimSpace(string(out))
}

func TestInstallRunLocal(t *testing.T) {
	src := t.TempDir()
	writeExec(t, filepath.Join(src, "tapp-hello"), "echo hello\n")
	writeFile(t, filepath.Join(src, "tapp-hello.yaml"), "description: say hello\n")
	writeFile(t, filepath.Join(src, "tapp-greet", "plugin.yaml"), "description: greet\nversion: 1.0.0\nexec: run.sh\n")
	writeExec(t, filepath.Join(src, "tapp-greet", "run.sh"), "echo hi\n")
	writeExec(t, filepath.Join(src, "tapp-help"), "")
	writeExec(t, filepath.Join(src, "tapp-version"), "")
	writeFile(t, filepath.Join(src, "tapp-bad"), "not executable")
	writeFile(t, filepath.Join(src, "tapp-empty", "README"), "no manifest")
	writeExec(t, filepath.Join(src, "tapp-broken"), "")
	writeFile(t, filepath.Join(src, "tapp-broken.yaml"), "nosuchkey: 1\n")
	writeExec(t, filepath.Join(src, "notaplugin"), "")
	writeExec(t, filepath.Join(src, "tapp-plain"), "exit 3\n")

	in := newInstaller(t)
	in.cat.found = map[string]*discovery.Plugin{"greet": {Name: "greet", Path: "/elsewhere/tapp-greet"}}

	out, err := in.install(filepath.Join(src, "tapp-hello"), nil)
	hello := filepath.Join(in.user, "tapp-hello")
	if err != nil || out != "installed hello to "+hello+"\n" || in.warned != nil {
		t.Fatalf("install tapp-hello: out %q warned %q error %v", out, in.warned, err)
	}
	// An executable becomes a folder with its manifest and the record of
	// where it came from.
	if got, want := entries(t, hello), []string{install.RecordFile, "plugin.yaml", "tapp-hello"}; !reflect.DeepEqual(got, want) {
		t.Errorf("installed folder holds %q, want %q", got, want)
	}
	if rec, err := install.ReadRecord(hello); err != nil || rec == nil || rec.Kind != install.KindLocal || rec.Source != filepath.Join(src, "tapp-hello") {
		t.Errorf("record %+v, %v", rec, err)
	}

	// A folder plugin, with its version; a plugin of that name elsewhere,
	// found first, is reported.
	out, err = in.install(filepath.Join(src, "tapp-greet"), nil)
	if err != nil || out != "installed greet 1.0.0 to "+filepath.Join(in.user, "tapp-greet")+"\n" {
		t.Fatalf("install tapp-greet: out %q error %v", out, err)
	}
	if want := []string{"greet is shadowed by /elsewhere/tapp-greet, found first: the installed copy will not run"}; !reflect.DeepEqual(in.warned, want) {
		t.Errorf("warned %q, want %q", in.warned, want)
	}

	refused := []struct {
		ref  string
		opts *InstallOptions
		err  string
	}{
		{"tapp-hello", nil, "install " + filepath.Join(src, "tapp-hello") + ": hello is already installed at " + hello +
			`; remove it first with "tapp plugin remove hello", or replace it with --force`},
		{"tapp-help", nil, `"help" is a reserved word of tapp`},
		{"tapp-version", nil, `"version" would be shadowed by the compiled-in command "version"`},
		{"tapp-bad", nil, "not an executable file"},
		{"tapp-empty", nil, "not a plugin: a folder needs plugin.yaml"},
		{"tapp-broken", nil, "invalid plugin: " + filepath.Join(src, "tapp-broken.yaml") + ":1: unknown key"},
		{"tapp-nosuch", nil, "install " + filepath.Join(src, "tapp-nosuch") + ": no such file or directory"},
		{"notaplugin", nil, `must start with "tapp-"`},
		{"tapp-plain", &InstallOptions{FromLongshore: true}, "tapp-plain/tapp-plain --longshore-manifest: exit status 3"},
		{"tapp-plain", &InstallOptions{SHA256: strings.Repeat("0", 64)}, "--sha256 is for an archive, and this is a local source"},
	}
	for _, r := range refused {
		out, err := in.install(filepath.Join(src, r.ref), r.opts)
		if err == nil || !strings.Contains(err.Error(), r.err) || out != "" {
			t.Errorf("install %s: out %q error %v, want %q", r.ref, out, err, r.err)
		}
	}
	if got, want := entries(t, in.user), []string{"tapp-greet", "tapp-hello"}; !reflect.DeepEqual(got, want) {
		t.Errorf("user dir holds %q, want %q (nothing from refused installs, no stage left)", got, want)
	}

	// A version from a manifest reaches the terminal without its control
	// characters.
	writeExec(t, filepath.Join(src, "tapp-esc"), "")
	writeFile(t, filepath.Join(src, "tapp-esc.yaml"), "version: \"1.0\\e[31m\"\n")
	if out, err := in.install(filepath.Join(src, "tapp-esc"), nil); err != nil || out != `installed esc 1.0\x1b[31m to `+filepath.Join(in.user, "tapp-esc")+"\n" {
		t.Errorf("install tapp-esc: out %q error %v", out, err)
	}

	// --force replaces it, atomically, with what the source is now.
	writeExec(t, filepath.Join(src, "tapp-hello"), "echo hello again\n")
	if out, err := in.install(filepath.Join(src, "tapp-hello"), &InstallOptions{Force: true}); err != nil || out != "installed hello to "+hello+"\n" {
		t.Fatalf("install --force: out %q error %v", out, err)
	}
	if got := runOut(t, filepath.Join(hello, "tapp-hello")); got != "hello again" {
		t.Errorf("after --force the plugin prints %q", got)
	}
}

// tarGz returns a .tar.gz holding one executable script.
func tarGz(t *testing.T, name, script string) []byte {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for _, h := range []*tar.Header{
		{Name: name, Mode: 0o755, Size: int64(len(script)), Typeflag: tar.TypeReg},
	} {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(script))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	gz.Close()
	return b.Bytes()
}

func sumOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// recorder is an install.Progress that records its calls.
type recorder []string

func (r *recorder) Start(msg string) { *r = append(*r, "start "+msg) }
func (r *recorder) Stop()            { *r = append(*r, "stop") }

func TestInstallRunArchiveByURL(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not on PATH: archive downloads run curl; install it to run this test")
	}
	v1 := tarGz(t, "tapp-hi", "#!/bin/sh\necho v1\n")
	// The server runs on its own goroutines while the test changes what
	// it serves; curl, a separate process, orders nothing between them.
	var served atomic.Pointer[[]byte]
	served.Store(&v1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(*served.Load()) }))
	defer srv.Close()
	url := srv.URL + "/tapp-hi.tar.gz"
	in := newInstaller(t)

	if _, err := in.install(url, nil); err == nil || !strings.Contains(err.Error(), "an archive by URL needs --sha256 SUM") {
		t.Errorf("no --sha256: %v", err)
	}
	bad := strings.Repeat("0", 64)
	if _, err := in.install(url, &InstallOptions{SHA256: bad}); err == nil ||
		!strings.Contains(err.Error(), "checksum mismatch: --sha256 says "+bad+", the archive's is "+sumOf(v1)) {
		t.Errorf("bad --sha256: %v", err)
	}
	var progress recorder
	out, err := in.install(url, &InstallOptions{SHA256: sumOf(v1), Progress: &progress})
	if err != nil || out != "installed hi to "+filepath.Join(in.user, "tapp-hi")+"\n" {
		t.Fatalf("install: out %q error %v", out, err)
	}
	if want := (recorder{"start Downloading " + url, "stop"}); !reflect.DeepEqual(progress, want) {
		t.Errorf("progress %q, want %q", progress, want)
	}

	// The same archive again is up to date; a changed one is refused and
	// the old version keeps working.
	if out, err := in.upgrade("hi"); err != nil || out != "hi is up to date\n" {
		t.Errorf("upgrade: out %q error %v", out, err)
	}
	v2 := tarGz(t, "tapp-hi", "#!/bin/sh\necho v2\n")
	served.Store(&v2)
	if _, err := in.upgrade("hi"); err == nil || !strings.Contains(err.Error(), "upgrade hi: install "+url+": checksum mismatch") {
		t.Errorf("upgrade of a changed archive: %v", err)
	}
	if got := runOut(t, filepath.Join(in.user, "tapp-hi", "tapp-hi")); got != "v1" {
		t.Errorf("after a failed upgrade the plugin prints %q, want v1", got)
	}
	// An unreachable server fails the install, naming the download.
	srv.Close()
	if _, err := in.install(url, &InstallOptions{SHA256: sumOf(v1), Force: true}); err == nil || !strings.Contains(err.Error(), "download: ") {
		t.Errorf("unreachable server: %v", err)
	}
}

// gitRepo makes a repository tapp-<name> with one commit per script,
// tagged with the versions given.
func gitRepo(t *testing.T, name string, versions ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git on PATH")
	}
	repo := filepath.Join(t.TempDir(), "tapp-"+name)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
			"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	git("init", "--quiet")
	for _, v := range versions {
		writeExec(t, filepath.Join(repo, "tapp-"+name), "echo "+v+"\n")
		git("add", "-A")
		git("commit", "--quiet", "-m", v)
		git("tag", v)
	}
	return repo
}

func TestInstallAndUpgradeRunGit(t *testing.T) {
	repo := gitRepo(t, "hi", "v1.0.0", "v1.1.0")
	in := newInstaller(t)
	exe := filepath.Join(in.user, "tapp-hi", "tapp-hi")

	out, err := in.install(repo+"@v1.0.0", &InstallOptions{Git: true})
	if err != nil || out != "installed hi v1.0.0 to "+filepath.Join(in.user, "tapp-hi")+"\n" {
		t.Fatalf("install: out %q error %v", out, err)
	}
	if out, err := in.upgrade("hi"); err != nil || out != "upgraded hi from v1.0.0 to v1.1.0\n" {
		t.Fatalf("upgrade: out %q error %v", out, err)
	}
	if runOut(t, exe) != "v1.1.0" {
		t.Error("the upgraded plugin does not run the new version")
	}
	if out, err := in.upgrade("hi"); err != nil || out != "hi is up to date (v1.1.0)\n" {
		t.Errorf("second upgrade: out %q error %v", out, err)
	}
	// A pinned version that does not exist fails and keeps the old one.
	if _, err := in.upgrade("hi@v9"); err == nil || !strings.Contains(err.Error(), `no tag or commit "v9"`) {
		t.Errorf("upgrade hi@v9: %v", err)
	}
	if runOut(t, exe) != "v1.1.0" {
		t.Error("a failed upgrade changed the plugin")
	}
	if out, err := in.upgrade("hi@v1.0.0"); err != nil || out != "downgraded hi from v1.1.0 to v1.0.0\n" {
		t.Errorf("upgrade hi@v1.0.0: out %q error %v", out, err)
	}
	// No git on PATH: one line saying so.
	in.env = []string{"PATH=" + t.TempDir()}
	if _, err := in.install(repo, &InstallOptions{Git: true, Force: true}); !errors.Is(err, install.ErrNoGit) {
		t.Errorf("no git: %v", err)
	}
}

func TestUpgradeRun(t *testing.T) {
	src := t.TempDir()
	writeExec(t, filepath.Join(src, "tapp-a"), "echo a\n")
	writeExec(t, filepath.Join(src, "tapp-b"), "echo b\n")
	in := newInstaller(t)
	in.cat.found = map[string]*discovery.Plugin{"elsewhere": {Name: "elsewhere", Path: "/usr/bin/tapp-elsewhere"}}

	if out, err := in.upgrade(""); err != nil || out != "nothing to upgrade: no plugin in "+in.user+" was installed from a source\n" {
		t.Errorf("upgrade --all with nothing installed: out %q error %v", out, err)
	}
	for _, n := range []string{"tapp-a", "tapp-b"} {
		if _, err := in.install(filepath.Join(src, n), nil); err != nil {
			t.Fatal(err)
		}
	}
	// A plugin copied in by hand has no record: --all leaves it alone.
	writeExec(t, filepath.Join(in.user, "tapp-byhand"), "")

	if out, err := in.upgrade("a"); err != nil || out != "reinstalled a from "+filepath.Join(src, "tapp-a")+"\n" {
		t.Errorf("upgrade a: out %q error %v", out, err)
	}
	// --all goes on after a failure and names it.
	if err := os.Remove(filepath.Join(src, "tapp-a")); err != nil {
		t.Fatal(err)
	}
	out, err := in.upgrade("")
	if out != "reinstalled b from "+filepath.Join(src, "tapp-b")+"\n" {
		t.Errorf("upgrade --all: out %q", out)
	}
	if err == nil || err.Error() != "1 of 2 upgrades failed: upgrade a: install "+filepath.Join(src, "tapp-a")+": no such file or directory" {
		t.Errorf("upgrade --all: error %v", err)
	}
	if runOut(t, filepath.Join(in.user, "tapp-a", "tapp-a")) != "a" {
		t.Error("a failed upgrade removed the old version")
	}

	for _, tt := range []struct{ name, err string }{
		{"byhand", "upgrade byhand: no record of where it was installed from"},
		{"nosuch", "upgrade nosuch: not installed in " + in.user},
		{"elsewhere", "upgrade elsewhere: not installed in " + in.user + " but found at /usr/bin/tapp-elsewhere: upgrade it where it came from"},
		{"b@v2", "upgrade b: a local file or folder has no versions to choose from"},
	} {
		if _, err := in.upgrade(tt.name); err == nil || !strings.HasPrefix(err.Error(), tt.err) {
			t.Errorf("upgrade %s: %v, want %q", tt.name, err, tt.err)
		}
	}
	var ue *command.UsageError
	for _, opts := range []*UpgradeOptions{{}, {Name: "a", All: true}} {
		opts.Out, opts.App, opts.UserDir, opts.Catalog = &bytes.Buffer{}, "tapp", in.user, in.cat
		if err := upgradeRun(context.Background(), opts); !errors.As(err, &ue) {
			t.Errorf("upgrade %+v: %v, want a usage error", opts, err)
		}
	}
}

// The slow steps show a spinner on a terminal's stderr, gone once done,
// and nothing when stderr is not a terminal or with -q.
func TestInstallShowsProgressOnATerminal(t *testing.T) {
	src := t.TempDir()
	archive := filepath.Join(src, "tapp-hi.tar.gz")
	if err := os.WriteFile(archive, tarGz(t, "tapp-hi", "#!/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		terminal, quiet bool
		want            string
	}{
		{true, false, "\r| Reading " + archive},
		{false, false, ""},
		{true, true, ""},
	} {
		user := filepath.Join(t.TempDir(), "plugins")
		io, _, out, errOut := command.TestIO()
		if tt.terminal {
			io.SetTerminal(200)
		}
		io.Quiet = tt.quiet
		c := NewInstallCmd(&Options{App: "tapp", UserDir: user, Catalog: &fakeCatalog{}}, nil)
		if err := c.(command.Runner).Run(context.Background(), &command.Invocation{Args: []string{archive}, IO: io}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), "installed hi to ") {
			t.Errorf("stdout %q", out.String())
		}
		got := errOut.String()
		if tt.want == "" && got != "" || tt.want != "" && (!strings.HasPrefix(got, tt.want) || !strings.HasSuffix(got, "\r")) {
			t.Errorf("terminal %v quiet %v: stderr %q, want %q then cleared", tt.terminal, tt.quiet, got, tt.want)
		}
	}
}

func TestRowsShowWhereAPluginWasInstalledFrom(t *testing.T) {
	src := t.TempDir()
	writeExec(t, filepath.Join(src, "tapp-hi"), "")
	in := newInstaller(t)
	if _, err := in.install(filepath.Join(src, "tapp-hi"), nil); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(in.user, "tapp-hi")
	writeFile(t, filepath.Join(in.user, "tapp-bad", "plugin.yaml"), "")
	writeFile(t, filepath.Join(in.user, "tapp-bad", install.RecordFile), "kind: ftp\nsource: x\n")
	inv := &Inventory{External: []External{
		{Plugin: &discovery.Plugin{Name: "hi", Path: filepath.Join(folder, "tapp-hi"), Folder: folder}, Status: "enabled"},
		{Plugin: &discovery.Plugin{Name: "bad", Folder: filepath.Join(in.user, "tapp-bad")}, Status: "enabled"},
		{Plugin: &discovery.Plugin{Name: "plain", Path: "/p/tapp-plain"}, Status: "enabled"},
	}}
	got := map[string]string{}
	for _, r := range Rows("tapp", inv) {
		got[r.Name] = r.InstalledFrom
	}
	want := map[string]string{
		"hi":    "local " + filepath.Join(src, "tapp-hi"),
		"bad":   "invalid record: " + filepath.Join(in.user, "tapp-bad", install.RecordFile) + `:1: unknown kind "ftp" (valid: archive, git, local, module)`,
		"plain": "",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("installed from:\n%q\nwant\n%q", got, want)
	}
	rec, err := showRun(&ShowOptions{App: "tapp", Catalog: &fakeCatalog{inv: inv}, Name: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range rec.Fields {
		if f == "installed from" && rec.Values[i] != want["hi"] {
			t.Errorf("plugin show: installed from %q", rec.Values[i])
		}
	}
}

func TestUpgradedLine(t *testing.T) {
	rec := func(v string) *install.Record { return &install.Record{Version: v, Source: "/src/demoapp-hi"} }
	tests := []struct{ prev, now, want string }{
		{"v1.0.0", "v1.1.0", "upgraded hi from v1.0.0 to v1.1.0"},
		{"v2.0.0", "v1.0.0", "downgraded hi from v2.0.0 to v1.0.0"},
		{"v1.10.0", "v1.9.0", "downgraded hi from v1.10.0 to v1.9.0"},
		{"v1.0.0-rc.1", "v1.0.0", "upgraded hi from v1.0.0-rc.1 to v1.0.0"},
		{"v1.0.0", "v1.0.0-rc.1", "downgraded hi from v1.0.0 to v1.0.0-rc.1"},
		{"1.2", "1.10", "upgraded hi from 1.2 to 1.10"},
		{"abc123", "def456", "changed hi from abc123 to def456"},
		{"v1.0.0", "main", "changed hi from v1.0.0 to main"},
	}
	for _, tt := range tests {
		res := install.Result{Name: "hi", Record: *rec(tt.now), Previous: rec(tt.prev)}
		if got := upgradedLine(res); got != tt.want {
			t.Errorf("upgradedLine(%s -> %s) = %q, want %q", tt.prev, tt.now, got, tt.want)
		}
	}
}

package install

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goProxy is a Go module proxy in a local directory (GOPROXY=file://...),
// so that go install runs with no network.
type goProxy struct {
	t   *testing.T
	dir string
}

// goTarget returns a Target whose go commands use an empty proxy, and an
// isolated module cache and GOPATH; it skips the test with no Go.
func goTarget(t *testing.T) (Target, *goProxy) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go on PATH: the Go module install needs the toolchain")
	}
	tmp := t.TempDir()
	p := &goProxy{t: t, dir: filepath.Join(tmp, "proxy")}
	tg := newTarget(t)
	tg.Env = append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(p.dir),
		"GOSUMDB=off", "GONOSUMDB=example.com", "GOPRIVATE=", "GONOPROXY=", "GOINSECURE=",
		"GOFLAGS=-modcacherw -mod=mod",
		"GOMODCACHE="+filepath.Join(tmp, "modcache"),
		"GOPATH="+filepath.Join(tmp, "gopath"),
		"GOTOOLCHAIN=local", "GO111MODULE=on", "GOWORK=off", "GOOS=", "GOARCH=", "CGO_ENABLED=0",
	)
	return tg, p
}

// add publishes version of the module path, whose main package prints
// body (a Go expression).
func (p *goProxy) add(path, version, body string) {
	t := p.t
	t.Helper()
	dir := filepath.Join(p.dir, filepath.FromSlash(path), "@v")
	mod := "module " + path + "\n\ngo 1.21\n"
	writeFile(t, filepath.Join(dir, version+".mod"), mod, 0o644)
	writeFile(t, filepath.Join(dir, version+".info"), fmt.Sprintf(`{"Version":%q,"Time":"2026-01-01T00:00:00Z"}`, version), 0o644)
	var zbuf strings.Builder
	zw := zip.NewWriter(&writerTo{&zbuf})
	for name, data := range map[string]string{
		"go.mod":  mod,
		"main.go": "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(" + body + ") }\n",
	} {
		w, err := zw.Create(path + "@" + version + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, version+".zip"), zbuf.String(), 0o644)
	list := filepath.Join(dir, "list")
	old, _ := os.ReadFile(list)
	writeFile(t, list, string(old)+version+"\n", 0o644)
}

type writerTo struct{ b *strings.Builder }

func (w *writerTo) Write(p []byte) (int, error) { return w.b.Write(p) }

// output runs an executable and returns what it prints.
func output(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(path).Output()
	if err != nil {
		t.Fatalf("run %s: %v", path, err)
	}
	return strings.TrimSpace(string(out))
}

const helloMod = "example.com/x/demoapp-hello"

func TestInstallModuleAndUpgrade(t *testing.T) {
	tg, proxy := goTarget(t)
	proxy.add(helloMod, "v1.0.0", `"hello v1.0.0"`)
	ctx := context.Background()
	src, err := Parse(helloMod+"@v1.0.0", Options{})
	if err != nil {
		t.Fatal(err)
	}
	progress := &recorder{}
	res, err := Install(ctx, src, tg, progress)
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(res.Path, exeName("demoapp-hello"))
	if got := output(t, exe); got != "hello v1.0.0" {
		t.Errorf("installed plugin prints %q", got)
	}
	rec := mustRecord(t, res.Path)
	if rec.Kind != KindModule || rec.Source != helloMod || rec.Version != "v1.0.0" || rec.Requested != "v1.0.0" {
		t.Errorf("record = %+v", rec)
	}
	if rec.String() != "module "+helloMod+"@v1.0.0" {
		t.Errorf("record.String() = %q", rec.String())
	}
	if got := strings.Join(progress.calls, "|"); got != "start Building "+helloMod+"@v1.0.0|stop" {
		t.Errorf("progress = %q", got)
	}
	// The manifest written for it carries the version plugin list shows.
	if m := readFile(t, filepath.Join(res.Path, "plugin.yaml")); !strings.Contains(m, `version: "v1.0.0"`) {
		t.Errorf("plugin.yaml = %q", m)
	}

	// Upgrade to the newest.
	proxy.add(helloMod, "v1.1.0", `"hello v1.1.0"`)
	res, err = Upgrade(ctx, tg, "hello", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged || res.Previous == nil || res.Previous.Version != "v1.0.0" || res.Record.Version != "v1.1.0" || res.Record.Requested != "latest" {
		t.Errorf("upgrade = %+v (previous %+v)", res, res.Previous)
	}
	if got := output(t, exe); got != "hello v1.1.0" {
		t.Errorf("upgraded plugin prints %q", got)
	}
	// Again: nothing newer.
	res, err = Upgrade(ctx, tg, "hello", "", nil)
	if err != nil || !res.Unchanged || res.Record.Version != "v1.1.0" {
		t.Errorf("second upgrade = %+v, %v", res, err)
	}
	// Pinned to an older version.
	res, err = Upgrade(ctx, tg, "hello", "v1.0.0", nil)
	if err != nil || res.Unchanged || res.Record.Version != "v1.0.0" {
		t.Fatalf("pinned upgrade = %+v, %v", res, err)
	}
	if got := output(t, exe); got != "hello v1.0.0" {
		t.Errorf("pinned plugin prints %q", got)
	}
	onlyEntries(t, tg.Dir, "demoapp-hello")
}

func TestModuleFailures(t *testing.T) {
	tg, proxy := goTarget(t)
	proxy.add(helloMod, "v1.0.0", `"hello v1.0.0"`)
	ctx := context.Background()

	// No Go toolchain on the PATH.
	noGo := tg
	noGo.Env = append(append([]string(nil), tg.Env...), "PATH="+t.TempDir())
	_, err := Install(ctx, &ModuleSource{Path: helloMod, Version: "latest"}, noGo, nil)
	if !errors.Is(err, ErrNoToolchain) {
		t.Fatalf("no toolchain: %v", err)
	}
	wantErr(t, err, "install "+helloMod+"@latest: no Go toolchain (go) found on PATH: install Go")

	// A module the proxy does not have: unreachable.
	_, err = Install(ctx, &ModuleSource{Path: "example.com/x/demoapp-nothere", Version: "latest"}, tg, nil)
	wantErr(t, err, "go install: exit status 1: ")

	// A package whose executable is not a plugin's name.
	_, err = Install(ctx, &ModuleSource{Path: "example.com/x/hello", Version: "latest"}, tg, nil)
	wantErr(t, err, `the package's executable would be hello: plugin name "hello": must start with "demoapp-"`)
	onlyEntries(t, tg.Dir)

	// An upgrade that fails to build leaves the old version working.
	if _, err := Install(ctx, &ModuleSource{Path: helloMod, Version: "latest"}, tg, nil); err != nil {
		t.Fatal(err)
	}
	proxy.add(helloMod, "v1.1.0", `"broken" +`)
	_, err = Upgrade(ctx, tg, "hello", "", nil)
	wantErr(t, err, "upgrade hello: install "+helloMod+"@latest: go install: exit status 1")
	exe := filepath.Join(tg.Dir, "demoapp-hello", exeName("demoapp-hello"))
	if got := output(t, exe); got != "hello v1.0.0" {
		t.Errorf("after a failed upgrade the plugin prints %q", got)
	}
	if rec := mustRecord(t, filepath.Dir(exe)); rec.Version != "v1.0.0" {
		t.Errorf("record after a failed upgrade = %+v", rec)
	}
	onlyEntries(t, tg.Dir, "demoapp-hello")
	// And so does one with no toolchain.
	_, err = Upgrade(ctx, noGo, "hello", "", nil)
	if !errors.Is(err, ErrNoToolchain) {
		t.Errorf("upgrade with no toolchain: %v", err)
	}
	if got := output(t, exe); got != "hello v1.0.0" {
		t.Errorf("after a failed upgrade the plugin prints %q", got)
	}
}

// A module path from a record edited by hand is not passed to go as an
// option either.
func TestModuleSourceRefusesOptionPath(t *testing.T) {
	_, err := Install(context.Background(), &ModuleSource{Path: "-C=../x.y/demoapp-foo", Version: "latest"}, newTarget(t), nil)
	wantErr(t, err, `bad package path "-C=../x.y/demoapp-foo"`)
}

package install

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitEnvTest makes git in tests ignore the user's and system's config.
var gitEnvTest = []string{
	"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull,
	"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
	"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
}

// gitRepo is a work tree pushing to a local bare repository, the source
// installed from.
type gitRepo struct {
	t          *testing.T
	work, bare string
}

// newGitRepo makes a bare repository called name; it skips the test when
// git is missing.
func newGitRepo(t *testing.T, name string) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git on PATH: the git install tests need it")
	}
	tmp := t.TempDir()
	r := &gitRepo{t: t, work: filepath.Join(tmp, "work"), bare: filepath.Join(tmp, name)}
	r.git(tmp, "init", "--quiet", "--bare", "-b", "main", r.bare)
	r.git(tmp, "init", "--quiet", "-b", "main", r.work)
	r.git(r.work, "remote", "add", "origin", r.bare)
	return r
}

func (r *gitRepo) git(dir string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), gitEnvTest...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit writes files (name → body; a body starting "#!" is executable),
// commits, tags when tag is set, pushes, and returns the commit.
func (r *gitRepo) commit(tag string, files map[string]string) string {
	r.t.Helper()
	for name, body := range files {
		mode := os.FileMode(0o644)
		if strings.HasPrefix(body, "#!") {
			mode = 0o755
		}
		os.Remove(filepath.Join(r.work, name))
		writeFile(r.t, filepath.Join(r.work, name), body, mode)
	}
	r.git(r.work, "add", "-A")
	r.git(r.work, "commit", "--quiet", "-m", "change")
	if tag != "" {
		r.git(r.work, "tag", tag)
	}
	r.git(r.work, "push", "--quiet", "--tags", "origin", "main")
	return r.git(r.work, "rev-parse", "HEAD")
}

func gitTarget(t *testing.T) Target {
	tg := newTarget(t)
	tg.Env = append(tg.Env, gitEnvTest...)
	return tg
}

func script(body string) string { return "#!/bin/sh\necho " + body + "\n" }

func TestInstallGit(t *testing.T) {
	needUnix(t)
	repo := newGitRepo(t, "demoapp-hi.git")
	c1 := repo.commit("v1.0.0", map[string]string{"demoapp-hi": script("hi 1.0"), "README": "x"})
	c2 := repo.commit("v1.1.0", map[string]string{"demoapp-hi": script("hi 1.1"), "plugin.yaml": "description: Say hi\n"})
	repo.commit("", map[string]string{"demoapp-hi": script("hi unreleased")})
	tg := gitTarget(t)
	ctx := context.Background()
	src, err := Parse(repo.bare, Options{Git: true})
	if err != nil {
		t.Fatal(err)
	}
	progress := &recorder{}
	res, err := Install(ctx, src, tg, progress)
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(res.Path, "demoapp-hi")
	if got := runPlugin(t, exe); got != "hi 1.1" {
		t.Errorf("installed plugin prints %q, want the newest tag's", got)
	}
	want := Record{Kind: KindGit, Source: repo.bare, Version: "v1.1.0", Commit: c2, Installed: res.Record.Installed}
	if rec := mustRecord(t, res.Path); rec != want {
		t.Errorf("record = %+v, want %+v", rec, want)
	}
	if got := strings.Join(progress.calls, "|"); got != "start Cloning "+repo.bare+"|stop" {
		t.Errorf("progress = %q", got)
	}
	onlyEntries(t, res.Path, RecordFile, "README", "demoapp-hi", "plugin.yaml")

	// Reinstall pinned to a tag, by a file:// URL with @REF.
	src, err = Parse("file://"+repo.bare+"@v1.0.0", Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err = Reinstall(ctx, src, tg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := runPlugin(t, exe); got != "hi 1.0" || res.Record.Commit != c1 || res.Record.Requested != "v1.0.0" || res.Previous == nil || res.Previous.Commit != c2 {
		t.Errorf("pinned: prints %q, result %+v", got, res)
	}
	// Upgrade goes back to the newest tag; then nothing changes.
	res, err = Upgrade(ctx, tg, "hi", "", nil)
	if err != nil || res.Record.Commit != c2 || runPlugin(t, exe) != "hi 1.1" {
		t.Fatalf("upgrade = %+v, %v", res, err)
	}
	res, err = Upgrade(ctx, tg, "hi", "", nil)
	if err != nil || !res.Unchanged {
		t.Fatalf("second upgrade = %+v, %v", res, err)
	}
	// Upgrade pinned to a commit.
	res, err = Upgrade(ctx, tg, "hi", c1, nil)
	if err != nil || res.Record.Version != c1 || runPlugin(t, exe) != "hi 1.0" {
		t.Fatalf("upgrade to a commit = %+v, %v", res, err)
	}
	// A new tag whose manifest is invalid: the upgrade fails, the old
	// version keeps working.
	repo.commit("v1.2.0", map[string]string{"demoapp-hi": script("hi 1.2"), "plugin.yaml": "hooks: 3\n"})
	_, err = Upgrade(ctx, tg, "hi", "", nil)
	wantErr(t, err, "upgrade hi: install file://"+repo.bare+": invalid plugin: demoapp-hi/plugin.yaml:1: ")
	if got := runPlugin(t, exe); got != "hi 1.0" {
		t.Errorf("after a failed upgrade the plugin prints %q", got)
	}
	onlyEntries(t, tg.Dir, "demoapp-hi")
}

func TestInstallGitGoSource(t *testing.T) {
	repo := newGitRepo(t, "demoapp-built")
	tg, _ := goTarget(t)
	tg.Env = append(tg.Env, gitEnvTest...)
	repo.commit("v0.1.0", map[string]string{
		"go.mod":  "module example.com/demoapp-built\n\ngo 1.21\n",
		"main.go": "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"built\") }\n",
	})
	res, err := Install(context.Background(), &GitSource{Repo: repo.bare}, tg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := output(t, filepath.Join(res.Path, exeName("demoapp-built"))); got != "built" {
		t.Errorf("built plugin prints %q", got)
	}
	if res.Record.Version != "v0.1.0" {
		t.Errorf("record = %+v", res.Record)
	}

	// With no Go toolchain it cannot be built.
	noGo := tg
	noGo.Env = append(append([]string(nil), tg.Env...), "PATH="+filepath.Dir(mustLook(t, "git")))
	if _, err := exec.LookPath(filepath.Join(filepath.Dir(mustLook(t, "git")), "go")); err == nil {
		t.Skip("go is beside git: cannot hide it")
	}
	_, err = Reinstall(context.Background(), &GitSource{Repo: repo.bare}, noGo, nil)
	if !errors.Is(err, ErrNoToolchain) {
		t.Fatalf("no toolchain: %v", err)
	}
	wantErr(t, err, "the repository holds Go source to build: no Go toolchain")
}

func mustLook(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skip(name + " not on PATH")
	}
	return p
}

func TestGitFailures(t *testing.T) {
	repo := newGitRepo(t, "demoapp-empty")
	repo.commit("v1.0.0", map[string]string{"README": "nothing to run"})
	tg := gitTarget(t)
	ctx := context.Background()
	tests := []struct {
		name string
		src  *GitSource
		env  []string
		want string
	}{
		{name: "unreachable", src: &GitSource{Repo: filepath.Join(t.TempDir(), "demoapp-gone")}, want: "git clone: exit status 128: "},
		{name: "no executable", src: &GitSource{Repo: repo.bare}, want: "the repository's root holds no executable demoapp-empty, no plugin.yaml and no Go main package"},
		{name: "bad ref", src: &GitSource{Repo: repo.bare, Ref: "v9.9.9"}, want: `no tag or commit "v9.9.9"`},
		{name: "bad name", src: &GitSource{Repo: "https://example.com/o/tool"}, want: `the repository must be named demoapp-<name>: plugin name "tool"`},
		{name: "no git", src: &GitSource{Repo: repo.bare}, env: []string{"PATH=" + t.TempDir()}, want: "no git found on PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg := tg
			tg.Env = append(append([]string(nil), tg.Env...), tt.env...)
			_, err := Install(ctx, tt.src, tg, nil)
			wantErr(t, err, tt.want)
			onlyEntries(t, tg.Dir)
		})
	}
}

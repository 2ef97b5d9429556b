package install

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// deepLink returns the entries of a folder plugin demoapp-hi whose
// folder holds, n folders deep, a link "l" back to the folder itself
// (lexically inside), and the target, through l, of a path that climbs
// n+extra folders: lexically it stays in the folder, but l is followed
// first, so the kernel climbs out of the archive.
func deepLink(n int) (entries []entry, through string) {
	deep := ""
	for i := range n {
		deep += "d" + string(rune('a'+i%26)) + "/"
	}
	entries = []entry{
		{name: "demoapp-hi/"},
		exe("demoapp-hi/demoapp-hi", "hi"),
		{name: "demoapp-hi/plugin.yaml", body: "description: hi\n"},
		{name: "demoapp-hi/" + deep + "l", link: strings.Repeat("../", n)},
	}
	return entries, deep + "l/" + strings.Repeat("../", n+1)
}

// An archive's symbolic link whose target climbs out through another
// link ("d/l/../..", l -> the folder) leads out of the archive: the
// check joins the target lexically (d/l/.. is d), the kernel does not.
func TestSecReviewArchiveLinkDotDotThroughLink(t *testing.T) {
	needUnix(t)
	entries, through := deepLink(24)
	entries = append(entries, entry{name: "demoapp-hi/escape", link: through + "etc"})
	path := filepath.Join(t.TempDir(), "hi.tar.gz")
	writeFile(t, path, string(tarGz(t, entries...)), 0o644)
	src, err := Parse(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tg := newTarget(t)
	_, err = Install(context.Background(), src, tg, nil)
	var ue *UnsafeArchiveError
	if !errors.As(err, &ue) {
		real, _ := filepath.EvalSymlinks(filepath.Join(tg.Dir, "demoapp-hi", "escape"))
		t.Fatalf("install = %v; want an unsafe archive error: demoapp-hi/escape resolves to %s", err, real)
	}
}

// The record install writes must not follow a link the source put at its
// name: an archive (or a git repository) holding .longshore-source.yaml
// as a link makes the install overwrite any file the user may write.
func TestSecReviewRecordNotWrittenThroughLink(t *testing.T) {
	needUnix(t)
	victim := filepath.Join(t.TempDir(), "victim.txt")
	writeFile(t, victim, "precious\n", 0o644)
	entries, through := deepLink(24)
	entries = append(entries, entry{name: "demoapp-hi/" + RecordFile, link: through + strings.TrimPrefix(victim, "/")})
	path := filepath.Join(t.TempDir(), "hi.tar.gz")
	writeFile(t, path, string(tarGz(t, entries...)), 0o644)
	src, err := Parse(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Install(context.Background(), src, newTarget(t), nil)
	if got := readFile(t, victim); got != "precious\n" {
		t.Fatalf("install = %v, and it overwrote %s with:\n%s", err, victim, got)
	}
}

// A module path is one argument of "go install": one that starts with
// "-" is an option of go's ("-C=DIR" builds whatever DIR holds).
func TestSecReviewModulePathIsNoOption(t *testing.T) {
	for _, arg := range []string{"-C=../../../tmp/x.y/demoapp-foo", "-toolexec=x.y/demoapp-foo"} {
		if src, err := Parse(arg, Options{}); err == nil {
			t.Errorf("Parse(%q) = %s %q, want an error", arg, src.Kind(), src)
		}
	}
}

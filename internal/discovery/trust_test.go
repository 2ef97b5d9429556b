package discovery

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
)

func TestTrustCheck(t *testing.T) {
	owners := map[string]int{"/mine": 1000, "/root": 0, "/theirs": 1001}
	tr := Trust{UID: 1000, Owner: func(fi fs.FileInfo) (int, bool) {
		uid, ok := owners["/"+fi.Name()]
		return uid, ok
	}}
	for _, c := range []struct {
		path string
		mode fs.FileMode
		want string // "" trusted, else part of the error
	}{
		{"/mine", 0o755, ""},
		{"/root", 0o755, ""},
		{"/unknown", 0o755, ""}, // no owner to check (Windows): the mode decides
		{"/mine", 0o775, ""},    // group-writable is the user's choice
		{"/mine", 0o757, "writable by other users"},
		{"/root", 0o777 | fs.ModeDir, "chmod o-w /root"},
		{"/theirs", 0o755, "owned by another user (uid 1001)"},
		{"/theirs", 0o755, "chown 1000 /theirs"},
	} {
		err := tr.Check(c.path, fakeInfo{name: c.path[1:], mode: c.mode})
		var u *UntrustedError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s %v: %v, want trusted", c.path, c.mode, err)
		case c.want != "" && (!errors.As(err, &u) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s %v: %v, want an *UntrustedError with %q", c.path, c.mode, err, c.want)
		}
	}
}

// A plugin dir, executable or manifest owned by another user is refused;
// one owned by root is not.
func TestFinderRefusesOtherOwners(t *testing.T) {
	fsys := newFakeFS(map[string]fakeFile{
		"/a/demoapp-root":      {mode: 0o755, data: "#!/bin/sh\n"},
		"/a/demoapp-foreign":   {mode: 0o755, data: "#!/bin/sh\n"},
		"/a/demoapp-mine":      {mode: 0o755, data: "#!/bin/sh\n"},
		"/a/demoapp-mine.yaml": {mode: 0o644, data: "description: hi\n"},
		"/b/demoapp-x":         {mode: 0o755, data: "#!/bin/sh\n"},
	})
	owners := map[string]int{"demoapp-root": 0, "demoapp-foreign": 1001, "demoapp-mine.yaml": 1001, "b": 1001}
	tr := &Trust{UID: 1000, Owner: func(fi fs.FileInfo) (int, bool) {
		if uid, ok := owners[fi.Name()]; ok {
			return uid, true
		}
		return 1000, true
	}}
	f := &Finder{App: "demoapp", FS: fsys, Trust: tr, Dirs: []Dir{{Path: "/a", Source: SourceDir}, {Path: "/b", Source: SourcePATH}}}
	refused := map[string]string{}
	for _, p := range f.Scan().Plugins {
		if u := p.Refused(); u != nil {
			refused[p.Name] = u.Path
		}
	}
	want := map[string]string{"foreign": "/a/demoapp-foreign", "mine": "/a/demoapp-mine.yaml", "x": "/b"}
	if len(refused) != len(want) {
		t.Errorf("refused = %v, want %v", refused, want)
	}
	for k, v := range want {
		if refused[k] != v {
			t.Errorf("refused[%s] = %q, want %q", k, refused[k], v)
		}
	}
	// Resolve, which runs a command, refuses the same.
	p, _, err := f.Resolve([]string{"foreign"}, 1)
	if err != nil || p == nil || p.Refused() == nil {
		t.Errorf("Resolve(foreign) = %v, %v; want a refused plugin", p, err)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"/plain/path ok":         "/plain/path ok",
		"caf\u00e9 \u65e5\u672c": "caf\u00e9 \u65e5\u672c",
		"a\x1b]0;pwned\x07b":     `a\x1b]0;pwned\x07b`,
		"line\nbreak\ttab\r":     `line\nbreak\ttab\r`,
		"del\x7f c1\u009b":       `del\x7f c1\u009b`,
		"bidi\u202egnp.exe":      `bidi\u202egnp.exe`,
		"bad\xffutf8":            `bad\xffutf8`,
		`back\slash`:             `back\slash`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
		if got := Escape(Escape(in)); got != want {
			t.Errorf("Escape twice (%q) = %q, want %q", in, got, want)
		}
	}
	w := Warning{Path: "/d/demoapp-\x1b[2Jx", Msg: "not executable: skipped"}
	if got := w.String(); strings.ContainsRune(got, 0x1b) {
		t.Errorf("warning not escaped: %q", got)
	}
}

// A directory on the search path twice, once through a symbolic link (as
// /bin → usr/bin), is scanned once; the same file reached twice is one
// plugin, not shadowed by itself.
func TestScanSameDirThroughLink(t *testing.T) {
	fsys := newFakeFS(map[string]fakeFile{
		"/usr/bin/demoapp-tool": {mode: 0o755},
		"/bin":                  {link: "usr/bin"},
		"/opt/demoapp-tool":     {link: "/usr/bin/demoapp-tool"},
	})
	f := &Finder{App: "demoapp", FS: fsys, Dirs: []Dir{
		{Path: "/bin", Source: SourcePATH}, {Path: "/usr/bin", Source: SourcePATH}, {Path: "/opt", Source: SourcePATH}}}
	s := f.Scan()
	if len(s.Plugins) != 1 || s.Plugins[0].ShadowedBy != "" || len(s.Warnings) != 0 {
		var got []string
		for _, p := range s.Plugins {
			got = append(got, p.Path+" shadowed by "+p.ShadowedBy)
		}
		t.Errorf("plugins %v, warnings %v; want one plugin, no warning", got, s.Warnings)
	}
}

func TestEscapeText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"red \x1b[31m\nline", `red \x1b[31m` + "\n" + "line"},
		{"cr\r\n", `cr\r` + "\n"},
		{"bad \xff utf-8", `bad \xff utf-8`},
		{"bidi \u202e", `bidi \u202e`},
		{"replacement \ufffd kept", "replacement \ufffd kept"},
	} {
		if got := EscapeText(tt.in); got != tt.want {
			t.Errorf("EscapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

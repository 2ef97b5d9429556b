package discovery

import (
	"io/fs"
	"testing"
)

// The configuration decides what runs, so one others could have written
// is refused, as ssh refuses its config: one error naming the file and
// the fix.
func TestLoadConfigRefusesUntrusted(t *testing.T) {
	const body = "plugins:\n  dirs: [/evil]\n"
	fsys := newFakeFS(map[string]fakeFile{
		"/home/u/.config/app/":        {mode: 0o755},
		"/home/u/.config/app/ok.yaml": {mode: 0o644, data: body},
		"/home/u/.config/app/ww.yaml": {mode: 0o666, data: body},
		"/home/u/.config/app/theirs":  {mode: 0o644, data: body},
		"/open/":                      {mode: 0o777},
		"/open/config.yaml":           {mode: 0o644, data: body},
		"/tmp/":                       {mode: 0o777 | fs.ModeSticky},
		"/tmp/mine.yaml":              {mode: 0o644, data: body},
		"/home/u/.config/app/link":    {link: "/open/config.yaml"},
	})
	tr := Trust{UID: 1000, Owner: func(fi fs.FileInfo) (int, bool) {
		switch fi.Name() {
		case "theirs":
			return 1001, true
		case "open", "tmp", "/":
			return 0, true
		}
		return 1000, true
	}}
	for _, c := range []struct{ path, want string }{
		{"/home/u/.config/app/ok.yaml", ""},
		{"/tmp/mine.yaml", ""}, // sticky: no one else can replace it
		{"/home/u/.config/app/missing.yaml", ""},
		{"/home/u/.config/app/ww.yaml", "load config: refused /home/u/.config/app/ww.yaml: writable by other users, who could change what runs (if you trust it: chmod o-w /home/u/.config/app/ww.yaml)"},
		{"/home/u/.config/app/theirs", "load config: refused /home/u/.config/app/theirs: owned by another user (uid 1001) (if you trust it: chown 1000 /home/u/.config/app/theirs)"},
		{"/open/config.yaml", "load config: refused /open: writable by other users, who could change what runs (if you trust it: chmod o-w /open)"},
		{"/home/u/.config/app/link", "load config: refused /open: writable by other users, who could change what runs (if you trust it: chmod o-w /open)"},
	} {
		cfg, err := loadConfig(fsys, tr, c.path)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want || err == nil && cfg == nil {
			t.Errorf("%s: %q\nwant %q", c.path, got, c.want)
		}
	}
}

// TestMissingConfigCostsOneStat pins that a missing configuration, every
// run's start-up without one, costs one stat and no read.
func TestMissingConfigCostsOneStat(t *testing.T) {
	fsys := newFakeFS(map[string]fakeFile{"/home/u/.config/app/": {mode: 0o755}})
	cfg, err := loadConfig(fsys, Trust{UID: 1000}, "/home/u/.config/app/config.yaml")
	if err != nil || cfg == nil || cfg.Path != "/home/u/.config/app/config.yaml" {
		t.Fatalf("loadConfig = %v, %v; want an empty config", cfg, err)
	}
	if fsys.calls["Stat"] != 1 || len(fsys.calls) != 1 {
		t.Errorf("a missing config cost %v, want one Stat", fsys.calls)
	}
}

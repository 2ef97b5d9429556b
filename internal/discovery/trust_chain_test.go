package discovery

import (
	"io/fs"
	"strings"
	"testing"
)

// A link is no way around the trust rules: every link on the chain must
// be owned by the user or root, every directory holding a link's target
// must pass the rules (a sticky one may be world-writable: there, no one
// else can replace what the user or root owns), and the error names the
// file at the end, so that its fix never acts through a link.
func TestTrustChecksLinkChains(t *testing.T) {
	fsys := newFakeFS(map[string]fakeFile{
		"/p/":                  {mode: 0o755},
		"/p/demoapp-open":      {link: "/ww/demoapp-q"},
		"/p/demoapp-two":       {link: "/safe/demoapp-q"},
		"/safe/demoapp-q":      {link: "../ww/demoapp-q"},
		"/ww/":                 {mode: 0o777},
		"/ww/demoapp-q":        {mode: 0o755},
		"/tmp/":                {mode: 0o777 | fs.ModeSticky},
		"/tmp/demoapp-mine":    {mode: 0o755},
		"/tmp/demoapp-theirs":  {mode: 0o755},
		"/p/demoapp-sticky":    {link: "/tmp/demoapp-mine"},
		"/p/demoapp-foreign":   {link: "/tmp/demoapp-theirs"},
		"/p/demoapp-badlink":   {link: "/usr/bin/demoapp-x"},
		"/usr/bin/demoapp-x":   {mode: 0o755},
		"/p/demoapp-usr":       {link: "/bin/demoapp-x"},
		"/bin":                 {link: "usr/bin"},
		"/p/demoapp-dev.yaml":  {link: "/dev/zero"},
		"/dev/zero":            {mode: fs.ModeDevice | fs.ModeCharDevice | 0o666},
		"/p/demoapp-fifo.yaml": {mode: fs.ModeNamedPipe | 0o644},
		// "tool/bin/.." is /shared/tool, not /tool: links are followed
		// before "..", as the kernel does.
		"/tool":                  {link: "/shared/tool"},
		"/shared/tool/bin/":      {mode: 0o755},
		"/shared/ww/":            {mode: 0o777},
		"/shared/ww/demoapp-q":   {mode: 0o755},
		"/p/demoapp-dotdot":      {link: "../tool/bin/../../ww/demoapp-q"},
		"/p/demoapp-dotdot-safe": {link: "../tool/bin/../../../safe/demoapp-x"},
		"/safe/demoapp-x":        {mode: 0o755},
		"/theirtool":             {link: "/shared/tool"},
		"/p/demoapp-via-theirs":  {link: "../theirtool/bin/../../../safe/demoapp-x"},
		"/p/demoapp-lexical":     {link: "../tool/bin/../../lexonly/demoapp-q"},
		"/lexonly/demoapp-q":     {mode: 0o755},
	})
	owners := map[string]int{"demoapp-theirs": 1001, "demoapp-badlink": 1001, "theirtool": 1001}
	tr := Trust{UID: 1000, Owner: func(fi fs.FileInfo) (int, bool) {
		if uid, ok := owners[fi.Name()]; ok {
			return uid, true
		}
		if strings.HasPrefix(fi.Name(), "demoapp-") || fi.Name() == "p" {
			return 1000, true
		}
		return 0, true
	}}
	for _, c := range []struct {
		path, want string // want "" trusted, else the whole error
	}{
		{"/p/demoapp-open", "refused /ww: writable by other users, who could change what runs (if you trust it: chmod o-w /ww)"},
		{"/p/demoapp-two", "refused /ww: writable by other users, who could change what runs (if you trust it: chmod o-w /ww)"},
		{"/p/demoapp-sticky", ""},
		{"/p/demoapp-foreign", "refused /tmp/demoapp-theirs: owned by another user (uid 1001) (if you trust it: chown 1000 /tmp/demoapp-theirs)"},
		{"/p/demoapp-badlink", "refused /p/demoapp-badlink: a symbolic link owned by another user (uid 1001), who could point it elsewhere (if you trust it: rm /p/demoapp-badlink and link it again)"},
		{"/p/demoapp-usr", ""}, // /bin links to /usr/bin, all root's
		{"/p/demoapp-dev.yaml", "refused /p/demoapp-dev.yaml: not a regular file (a device)"},
		{"/p/demoapp-fifo.yaml", "refused /p/demoapp-fifo.yaml: not a regular file (a named pipe)"},
		{"/p/demoapp-dotdot", "refused /shared/ww: writable by other users, who could change what runs (if you trust it: chmod o-w /shared/ww)"},
		{"/p/demoapp-dotdot-safe", ""},
		{"/p/demoapp-via-theirs", "refused /theirtool: a symbolic link owned by another user (uid 1001), who could point it elsewhere (if you trust it: rm /theirtool and link it again)"},
		// Stat (lexical in this fake) finds a file the walk does not:
		// refused, never trusted unseen.
		{"/p/demoapp-lexical", "refused /p/demoapp-lexical: a chain of symbolic links that cannot be followed link by link (lstat /shared/lexonly: file does not exist) (if you trust it: ln -sfn /lexonly/demoapp-q /p/demoapp-lexical)"},
	} {
		err := tr.checkPath(fsys, c.path)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s: %q\nwant %q", c.path, got, c.want)
		}
	}
}

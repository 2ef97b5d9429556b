package discovery

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Trust decides which files and directories discovery may load plugins,
// manifests and hooks from: nothing runs that the user did not install.
// A file or directory is trusted when no other user can write to it (no
// o+w bit) and it is owned by the current user or root.
type Trust struct {
	// UID is the current user's id.
	UID int
	// Owner returns the user id owning a file as stat gave it; ok is false
	// where the system has no owner to check (Windows). Nil means the
	// operating system's.
	Owner func(fs.FileInfo) (uid int, ok bool)
	// NoModes skips the mode check, where permission bits say nothing of
	// other users (Windows reports every writable file as 0666; its ACLs
	// decide).
	NoModes bool
}

// SystemTrust is the trust of the current user, with the operating
// system's notion of ownership and permissions.
func SystemTrust() Trust { return Trust{UID: processUID(), Owner: fileOwner, NoModes: !unixModes} }

// processUID is the user id the process runs as, asked of the system once:
// a listing checks every plugin, and getuid is a system call each time.
var processUID = sync.OnceValue(os.Getuid)

// UntrustedError reports a file or directory that discovery refused to
// load from: writable by other users, or owned by another user.
type UntrustedError struct {
	// Path is the file or directory at fault.
	Path string
	// Why says what is wrong with it.
	Why string
	// Fix is the command that makes it trusted, if the user trusts it.
	Fix string
}

func (e *UntrustedError) Error() string {
	if e.Fix == "" {
		return fmt.Sprintf("refused %s: %s", Escape(e.Path), e.Why)
	}
	return fmt.Sprintf("refused %s: %s (if you trust it: %s)", Escape(e.Path), e.Why, Escape(e.Fix))
}

// Check returns an *UntrustedError when the file or directory at path,
// whose (followed) stat is fi, must not be trusted; nil when it may.
func (t Trust) Check(path string, fi fs.FileInfo) error {
	if !t.NoModes && fi.Mode().Perm()&0o002 != 0 {
		return &UntrustedError{Path: path, Why: "writable by other users, who could change what runs", Fix: "chmod o-w " + path}
	}
	if uid, ok := t.owner()(fi); ok && uid != t.UID && uid != 0 {
		return &UntrustedError{Path: path, Why: fmt.Sprintf("owned by another user (uid %d)", uid),
			Fix: fmt.Sprintf("chown %d %s", t.UID, path)}
	}
	return nil
}

func (t Trust) owner() func(fs.FileInfo) (int, bool) {
	if t.Owner == nil {
		return fileOwner
	}
	return t.Owner
}

// readlinker is an FS that reads symbolic links, so that a chain of them
// can be checked link by link; without it only the chain's end is.
type readlinker interface {
	Readlink(name string) (string, error)
}

// Readlink returns the target of the symbolic link name.
func (osFS) Readlink(name string) (string, error) { return os.Readlink(name) }

// maxLinks is how many symbolic links a chain may hold before it is
// given up on (the kernel's own limit is 40).
const maxLinks = 40

// checkPath checks path and, when it is a symbolic link, the chain of
// links it resolves through: every link must be owned by the user or root
// (whoever owns a link can point it elsewhere), every directory holding a
// link's target must pass Check, though a sticky one (like /tmp) may be
// world-writable, since no one else can rename or replace an entry the
// user or root owns there; and the file at the end must pass Check and,
// unless it is a directory, be a regular file. Errors name the file at
// the end, so that the fix they suggest acts on it, never on a link.
// A path that cannot be stat'ed is not this check's business (nil): the
// caller reports it missing. The directory holding path itself is the
// caller's to check (a plugin dir may not be world-writable at all).
func (t Trust) checkPath(fsys FS, path string) error {
	return t.checkPathFrom(fsys, path, nil)
}

// checkPathFrom is checkPath, given li, the lstat of path a scan made
// (nil: none).
func (t Trust) checkPathFrom(fsys FS, path string, li fs.FileInfo) error {
	rl, _ := fsys.(readlinker)
	cur := path
	for i := range maxLinks {
		if i > 0 || li == nil {
			var err error
			if li, err = fsys.Lstat(cur); err != nil {
				return nil
			}
		}
		if li.Mode()&fs.ModeSymlink == 0 {
			return t.checkEnd(path, cur, li)
		}
		if uid, ok := t.owner()(li); ok && uid != t.UID && uid != 0 {
			return &UntrustedError{Path: cur, Why: fmt.Sprintf("a symbolic link owned by another user (uid %d), who could point it elsewhere", uid),
				Fix: "rm " + cur + " and link it again"}
		}
		if rl == nil {
			break // no links to follow one by one: check where the chain ends
		}
		target, err := rl.Readlink(cur)
		if err != nil {
			return nil
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(cur), target)
		}
		if err := t.checkLinkDir(fsys, filepath.Dir(target)); err != nil {
			return err
		}
		cur = target
	}
	fi, err := fsys.Stat(path)
	if err != nil {
		return nil
	}
	real, err := fsys.EvalSymlinks(path)
	if err != nil {
		return nil
	}
	if err := t.checkLinkDir(fsys, filepath.Dir(real)); err != nil {
		return err
	}
	return t.checkEnd(path, real, fi)
}

// checkEnd checks the file at the end of path's chain of links, real,
// whose stat is fi.
func (t Trust) checkEnd(path, real string, fi fs.FileInfo) error {
	if !fi.Mode().IsRegular() && !fi.IsDir() {
		// chmod or chown would act on the device or pipe, not on path.
		return &UntrustedError{Path: path, Why: "not a regular file (" + typeName(fi.Mode()) + ")"}
	}
	return t.Check(real, fi)
}

// checkLinkDir checks dir, the directory holding a link's target (links
// in its own path followed): Check, except that a sticky directory may be
// world-writable.
func (t Trust) checkLinkDir(fsys FS, dir string) error {
	fi, err := fsys.Stat(dir)
	if err != nil {
		return nil
	}
	if fi.Mode()&fs.ModeSticky != 0 {
		fi = stickyInfo{fi}
	}
	return t.Check(dir, fi)
}

// stickyInfo is a sticky directory's stat with its o+w bit cleared: in
// it, others cannot rename or remove what they do not own.
type stickyInfo struct{ fs.FileInfo }

func (i stickyInfo) Mode() fs.FileMode { return i.FileInfo.Mode() &^ 0o002 }

// EscapeText is Escape for text of several lines: newlines and tabs are
// kept, everything else Escape escapes is escaped.
func EscapeText(s string) string {
	clean := true
	for _, r := range s {
		if r != '\n' && r != '\t' && (r == utf8.RuneError || r != ' ' && !unicode.IsPrint(r)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		parts := strings.Split(l, "\t")
		for j, p := range parts {
			parts[j] = Escape(p)
		}
		lines[i] = strings.Join(parts, "\t")
	}
	return strings.Join(lines, "\n")
}

// Escape returns s with every character that could act on a terminal
// written as an escape: control characters (C0, DEL, C1) as \xNN or \n,
// \t, \r, other non-printing runes (bidirectional overrides, format
// characters) as \uNNNN, and bytes that are not UTF-8 as \xNN. Printable
// text, spaces and backslashes are unchanged, so escaping twice is
// escaping once. Every string that comes from a plugin, a file name or a
// manifest goes through it before it reaches a terminal.
func Escape(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r != ' ' && !unicode.IsPrint(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r == ' ' || unicode.IsPrint(r):
			b.WriteString(s[i : i+n])
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
		i += n
	}
	return b.String()
}

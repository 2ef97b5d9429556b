package discovery

import (
	"errors"
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

// CheckTool returns an *UntrustedError when the program at path, found on
// PATH to be run for the user (git, curl, go: what plugin install runs),
// must not be: its directory and the file, through any links, are held to
// the rules a plugin on PATH is held to.
func (t Trust) CheckTool(path string) error {
	if err := t.checkDirAndParents(OS, filepath.Dir(path)); err != nil {
		return err
	}
	return t.checkPath(OS, path)
}

// checkDirAndParents checks dir, a directory plugins or tools are taken from, as
// checkPath does, and every directory above it (of its real path), as ssh
// checks the path to a key: one that others may write to, unless sticky
// like /tmp, or that another user owns could have dir renamed and
// replaced by one of theirs. A dir that does not exist is not this
// check's business (nil).
func (t Trust) checkDirAndParents(fsys FS, dir string) error {
	real, err := fsys.EvalSymlinks(dir)
	if err != nil {
		return t.checkPath(fsys, dir)
	}
	return t.checkDirAt(fsys, dir, real)
}

// checkDirAt is checkDirAndParents, given real, dir's real path (a scan
// has it already).
func (t Trust) checkDirAt(fsys FS, dir, real string) error {
	if err := t.checkPath(fsys, dir); err != nil {
		return err
	}
	for a := filepath.Dir(real); ; a = filepath.Dir(a) {
		if err := t.checkLinkDir(fsys, a); err != nil {
			var u *UntrustedError
			if errors.As(err, &u) {
				who, _, _ := strings.Cut(u.Why, ", who could")
				u.Why = who + ", who could replace " + Escape(dir) + " with theirs"
			}
			return err
		}
		if filepath.Dir(a) == a {
			return nil
		}
	}
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
// Links are followed as the kernel follows them, one name at a time (a
// link in the middle of a target is followed before a ".." after it),
// and every link and directory on the way is checked. A path that cannot
// be stat'ed is not this check's business (nil): the caller reports it
// missing; one that can, though the walk could not reach its end, is
// refused. The directory holding path itself is the
// caller's to check (a plugin dir may not be world-writable at all).
func (t Trust) checkPath(fsys FS, path string) error {
	return t.checkPathFrom(fsys, path, nil)
}

// checkPathFrom is checkPath, given li, the lstat of path a scan made
// (nil: none).
func (t Trust) checkPathFrom(fsys FS, path string, li fs.FileInfo) error {
	if li == nil {
		var err error
		if li, err = fsys.Lstat(path); err != nil {
			return nil
		}
	}
	if li.Mode()&fs.ModeSymlink == 0 {
		return t.checkEnd(path, path, li)
	}
	rl, _ := fsys.(readlinker)
	if rl == nil || t.NoModes {
		// No links to follow one by one, or nothing to check of them (no
		// modes, no owners): check where the chain ends.
		return t.checkChainEnd(fsys, path)
	}
	w := linkWalk{t: t, fsys: fsys, rl: rl, checked: map[string]bool{}}
	real, rli, err := w.follow(path, li, false)
	if err == nil {
		return t.checkEnd(path, real, rli)
	}
	var u *UntrustedError
	if errors.As(err, &u) {
		return err
	}
	// The chain could not be followed here, link by link: if the kernel
	// finds a file at its end all the same, that file is not one this
	// check has seen, so it is refused, never trusted unseen.
	if _, serr := fsys.Stat(path); serr != nil {
		return nil // missing: the caller reports it
	}
	fix := ""
	if r, rerr := fsys.EvalSymlinks(path); rerr == nil {
		fix = "ln -sfn " + r + " " + path
	}
	return &UntrustedError{Path: path, Why: "a chain of symbolic links that cannot be followed link by link (" + Escape(err.Error()) + ")", Fix: fix}
}

// checkChainEnd checks only the end of path's chain of links: the
// directory holding the file, and the file.
func (t Trust) checkChainEnd(fsys FS, path string) error {
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

// linkWalk follows symbolic links as the kernel does: a path is resolved
// one name at a time, and a link met on the way, in the middle of a path
// or at its end, is followed before the next name (so "link/.." is the
// directory holding the link's target, never the one holding the link).
// Every link it follows must be owned by the user or root, and every
// directory it looks a name up in must pass checkLinkDir.
type linkWalk struct {
	t       Trust
	fsys    FS
	rl      readlinker
	links   int
	checked map[string]bool // directories checked already
}

// errLinkWalk is why a walk stopped short of the end of a chain.
var errLinkWalk = errors.New("too many symbolic links")

// follow follows the link at path, whose lstat is li, to the end of its
// chain, and returns the real path of that end (no link in it) and its
// lstat. dirReal says whether path's directory is a real path already
// (the first link's directory, a plugin dir, may itself hold links).
func (w *linkWalk) follow(path string, li fs.FileInfo, dirReal bool) (string, fs.FileInfo, error) {
	for li.Mode()&fs.ModeSymlink != 0 {
		if uid, ok := w.t.owner()(li); ok && uid != w.t.UID && uid != 0 {
			return "", nil, &UntrustedError{Path: path, Why: fmt.Sprintf("a symbolic link owned by another user (uid %d), who could point it elsewhere", uid),
				Fix: "rm " + path + " and link it again"}
		}
		if w.links++; w.links > maxLinks {
			return "", nil, errLinkWalk
		}
		target, err := w.rl.Readlink(path)
		if err != nil {
			return "", nil, err
		}
		dir := filepath.Dir(path)
		if vol := filepath.VolumeName(target); filepath.IsAbs(target) {
			dir, target, dirReal = vol+string(filepath.Separator), target[len(vol):], true
		}
		if path, li, err = w.lookup(dir, dirReal, target); err != nil {
			return "", nil, err
		}
		dirReal = true
	}
	return path, li, nil
}

// lookup resolves rel from dir, following the links in every name of it
// but the last, and returns the path of the last and its lstat. dirReal
// says whether dir holds no link; when it may, it is resolved before a
// ".." climbs out of it.
func (w *linkWalk) lookup(dir string, dirReal bool, rel string) (string, fs.FileInfo, error) {
	names := strings.FieldsFunc(rel, func(r rune) bool { return r < utf8.RuneSelf && os.IsPathSeparator(uint8(r)) })
	if len(names) == 0 {
		names = []string{"."}
	}
	for i, name := range names {
		last := i == len(names)-1
		switch name {
		case ".":
		case "..":
			if !dirReal {
				real, err := w.fsys.EvalSymlinks(dir)
				if err != nil {
					return "", nil, err
				}
				dir, dirReal = real, true
			}
			dir = filepath.Dir(dir)
		default:
			if err := w.checkDir(dir); err != nil {
				return "", nil, err
			}
			p := filepath.Join(dir, name)
			li, err := w.fsys.Lstat(p)
			if err != nil {
				return "", nil, err
			}
			if last {
				return p, li, nil
			}
			if li.Mode()&fs.ModeSymlink != 0 {
				if p, li, err = w.follow(p, li, dirReal); err != nil {
					return "", nil, err
				}
				dirReal = true // follow returns a real path
			}
			if !li.IsDir() {
				return "", nil, fmt.Errorf("%s: not a directory", p)
			}
			dir = p
			continue
		}
		if last {
			li, err := w.fsys.Lstat(dir)
			return dir, li, err
		}
	}
	panic("unreachable")
}

// checkDir checks dir, a directory the walk looks a name up in, once.
func (w *linkWalk) checkDir(dir string) error {
	if w.checked[dir] {
		return nil
	}
	if err := w.t.checkLinkDir(w.fsys, dir); err != nil {
		return err
	}
	w.checked[dir] = true
	return nil
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

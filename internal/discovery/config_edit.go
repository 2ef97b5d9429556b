package discovery

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SetDisabled adds name to (disabled true) or removes it from (false) the
// plugins.disabled list of the configuration file at path, creating the
// file and the keys it needs. The rest of the file, comments included, is
// kept; the file is replaced atomically (a temporary file renamed over
// it, fsynced; a symbolic link is followed and stays one), with the
// file's indentation, mode and group. The read-modify-write holds a lock
// (a hidden ".<name>.lock" beside the file), so concurrent edits lose
// nothing; an edit whose result would not load is refused, naming
// path:line, and the file is left alone. It reports whether the file
// changed.
func SetDisabled(path, name string, disabled bool) (bool, error) {
	return editConfig(path, func(root *yaml.Node) bool {
		list := mappingValue(mappingValue(root, "plugins", yaml.MappingNode), "disabled", yaml.SequenceNode)
		listed := false
		for _, n := range list.Content {
			listed = listed || n.Value == name
		}
		if listed == disabled {
			return false
		}
		if disabled {
			list.Content = append(list.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name})
		} else {
			list.Content = removeEntry(list.Content, name)
		}
		return true
	})
}

// removeEntry removes the entries of value name from a sequence's items.
// The comments on a removed entry move to the entry after it (or, for the
// last, to the one before), so that removing an entry loses no comment
// while any entry is left.
func removeEntry(items []*yaml.Node, name string) []*yaml.Node {
	var kept []*yaml.Node
	var orphan []string
	for _, n := range items {
		if n.Value != name {
			if len(orphan) > 0 {
				n.HeadComment = joinComments(append(orphan, n.HeadComment)...)
				orphan = nil
			}
			kept = append(kept, n)
			continue
		}
		orphan = append(orphan, n.HeadComment, n.LineComment, n.FootComment)
	}
	if len(orphan) > 0 && len(kept) > 0 {
		last := kept[len(kept)-1]
		last.FootComment = joinComments(append([]string{last.FootComment}, orphan...)...)
	}
	return kept
}

// joinComments joins the non-empty comments, one a line.
func joinComments(cs ...string) string {
	var out []string
	for _, c := range cs {
		if c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, "\n")
}

// indentOf returns the indentation the YAML text uses: the smallest
// leading run of spaces of an indented line that is not a comment, from 2
// to 8; 2 when there is none.
func indentOf(data []byte) int {
	indent := 0
	for _, line := range strings.Split(string(data), "\n") {
		body := strings.TrimLeft(line, " ")
		n := len(line) - len(body)
		if n == 0 || body == "" || body[0] == '#' {
			continue
		}
		if indent == 0 || n < indent {
			indent = n
		}
	}
	if indent < 2 || indent > 8 {
		return 2
	}
	return indent
}

// mappingValue returns the value of key in mapping m, adding it with an
// empty node of kind when missing or null.
func mappingValue(m *yaml.Node, key string, kind yaml.Kind) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			v := m.Content[i+1]
			if v.Kind != kind {
				// A null value ("disabled:") becomes an empty list or map.
				*v = yaml.Node{Kind: kind, LineComment: v.LineComment, HeadComment: v.HeadComment}
			}
			return v
		}
	}
	v := &yaml.Node{Kind: kind}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
	return v
}

// writeAtomic replaces path with data through a temporary file in the same
// directory, keeping an existing file's mode and, where the user may set
// it, its group. The caller holds path's lock: temporary files a killed
// writer left (".<name>.NNN") are removed first.
func writeAtomic(path string, data []byte) error {
	// A symbolic link (a config kept in a dotfiles repository) stays one:
	// the file it points to is replaced.
	path, err := linkTarget(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	removeStaleTemps(dir, filepath.Base(path))
	mode := fs.FileMode(0o644)
	old, err := os.Stat(path)
	if err == nil {
		mode = old.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if old != nil {
		keepGroup(tmp, old)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// The rename is durable once the directory is synced; not every file
	// system supports that, and the file is in place either way.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// removeStaleTemps removes the temporary files writeAtomic names
// ".<base>.<digits>" in dir: left by a writer killed before its rename.
// Only a writer holding the lock may call it.
func removeStaleTemps(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + "."
	for _, e := range entries {
		digits, ok := strings.CutPrefix(e.Name(), prefix)
		if ok && digits != "" && strings.Trim(digits, "0123456789") == "" && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// keepGroup gives tmp the group of old where the user may (a member of
// it); elsewhere it keeps the user's default group.
func keepGroup(tmp *os.File, old fs.FileInfo) {
	if gid, ok := fileGroup(old); ok {
		tmp.Chown(-1, gid) // refused when not a member: the file stays whole
	}
}

// linkTarget returns the file path names once symbolic links are
// followed, path itself when it is no link, and for a link to a file that
// does not exist yet, the path that file would have.
func linkTarget(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		if real, err := filepath.EvalSymlinks(path); err == nil {
			return real, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return path, err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return path, errors.New("too many levels of symbolic links")
}

package install

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// linkFault is what is wrong with a symbolic link in a source, once
// followed: nothing (linkOK), or why it is refused.
type linkFault int

const (
	linkOK linkFault = iota
	// linkOut: the link, or a link it leads through, leads out of the
	// folder, or is absolute.
	linkOut
	// linkNothing: it leads to nothing (or through a file, as if a
	// folder).
	linkNothing
	// linkLoop: it leads through too many links, or too long a path.
	linkLoop
)

// reason says what is wrong with a link of what ("archive", "repository",
// "folder").
func (f linkFault) reason(what string) string {
	switch f {
	case linkOut:
		return "a symbolic link that leads out of the " + what
	case linkNothing:
		return "a symbolic link that leads to nothing in the " + what
	case linkLoop:
		return "a symbolic link that leads through too many links"
	}
	return ""
}

// Caps on following one link, as the kernel has (40 links on Linux):
// without them a hostile source makes the check loop or crawl.
const (
	maxLinkHops  = 40
	maxLinkSteps = 4096
)

// followLink follows the path rel (slash- or separator-separated, inside
// root) as the kernel would, the last element included: each link's
// target is read from the folder the walk has reached, and ".." climbs
// from there, not from the path as written ("l/.." is not "." when l is
// a link). root must be a real path (filepath.EvalSymlinks). It refuses
// a walk that leaves root at any step, even one that would come back.
func followLink(root, rel string) (linkFault, error) {
	cur := root
	todo := splitLink(rel)
	hops, steps := 0, 0
	for len(todo) > 0 {
		elem := todo[0]
		todo = todo[1:]
		if steps++; steps > maxLinkSteps {
			return linkLoop, nil
		}
		switch elem {
		case "", ".":
			continue
		case "..":
			if cur == root {
				return linkOut, nil
			}
			cur = filepath.Dir(cur)
			continue
		}
		next := filepath.Join(cur, elem)
		fi, err := os.Lstat(next)
		if errors.Is(err, fs.ErrNotExist) {
			return linkNothing, nil
		} else if err != nil {
			return linkOK, err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			if !fi.IsDir() && len(todo) > 0 {
				return linkNothing, nil
			}
			cur = next
			continue
		}
		if hops++; hops > maxLinkHops {
			return linkLoop, nil
		}
		target, err := os.Readlink(next)
		if err != nil {
			return linkOK, err
		}
		if absLink(target) {
			return linkOut, nil
		}
		todo = append(splitLink(target), todo...)
	}
	return linkOK, nil
}

// splitLink splits a path or link target into its elements, at "/" and
// at the system's separator.
func splitLink(p string) []string {
	return strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == filepath.Separator })
}

// absLink reports whether a link's target is absolute, on any system: it
// then leads out of wherever the link is.
func absLink(target string) bool {
	t := strings.ReplaceAll(target, `\`, "/")
	return target == "" || strings.HasPrefix(t, "/") || filepath.IsAbs(target) || filepath.VolumeName(target) != "" || len(t) > 1 && t[1] == ':'
}

// badLink walks folder and returns the first symbolic link in it (its
// slash-separated name inside folder) that, followed, leads out of
// folder or to nothing, and what is wrong with it; "" when there is none.
func badLink(folder string) (string, linkFault, error) {
	root, err := filepath.EvalSymlinks(folder)
	if err != nil {
		return "", linkOK, err
	}
	var name string
	var fault linkFault
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink == 0 {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		f, err := followLink(root, rel)
		if err != nil || f == linkOK {
			return err
		}
		name, fault = filepath.ToSlash(rel), f
		return filepath.SkipAll
	})
	return name, fault, err
}

// checkLinks refuses the staged folder of a source that is a folder of
// what kind ("repository", "folder") when a symbolic link in it leads out
// of it or to nothing, naming the link as in the source: under from when
// that is set, else by its name in the folder.
func checkLinks(folder, what, from string) error {
	name, fault, err := badLink(folder)
	if err != nil || fault == linkOK {
		return err
	}
	if from != "" {
		name = filepath.Join(from, filepath.FromSlash(name))
	}
	return fmt.Errorf("unsafe %s: entry %q: %s", what, name, fault.reason(what))
}

package install

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Kind says what kind of place a plugin is installed from.
type Kind string

// The kinds of sources.
const (
	// KindLocal is an executable file or a plugin folder on disk.
	KindLocal Kind = "local"
	// KindModule is a Go module's main package, built by go install.
	KindModule Kind = "module"
	// KindArchive is a .tar.gz, .tgz or .zip file, by URL or path.
	KindArchive Kind = "archive"
	// KindGit is a git repository, by URL or path.
	KindGit Kind = "git"
)

// Source is a place a plugin is installed from. Its String is the place
// as the user would write it.
type Source interface {
	// Kind says what kind of place it is.
	Kind() Kind
	// String returns the place as given to Parse.
	String() string
	// stage copies, fetches or builds the plugin into st, returning its
	// folder there (named <app>-<name>) and a Record of what it staged.
	stage(ctx context.Context, st *staging) (string, Record, error)
}

// Options are the command-line options that say how to read the
// argument of "plugin install".
type Options struct {
	// Git says the argument is a git repository (--git), needed for a
	// local path; a URL that is not an archive is one anyway.
	Git bool
	// SHA256 is the archive's expected checksum, in hex (--sha256);
	// required for an archive by URL.
	SHA256 string
}

// archiveExts are the file name endings of the archives installed.
var archiveExts = []string{".tar.gz", ".tgz", ".zip"}

func isArchive(name string) bool {
	name = strings.ToLower(name)
	for _, ext := range archiveExts {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// Parse reads the argument of "plugin install" into a Source:
//
//   - with opts.Git, a git repository by URL or path, with an optional
//     "@REF" (a tag or commit) at the end;
//   - an http(s) URL ending in .tar.gz, .tgz or .zip: an archive, whose
//     opts.SHA256 is required;
//   - any other URL (https://, http://, ssh://, git://, file://): a git
//     repository, with an optional "@REF";
//   - an existing path: an archive when it ends so, else an executable or
//     a plugin folder;
//   - a Go package path whose first element holds a dot
//     ("example.com/x/demoapp-foo"), with "@VERSION" (default @latest);
//
// Anything else is an error naming arg.
func Parse(arg string, opts Options) (Source, error) {
	if arg == "" {
		return nil, errors.New("install: no plugin given")
	}
	sum := strings.ToLower(strings.TrimSpace(opts.SHA256))
	if sum != "" && !isHexSum(sum) {
		return nil, fmt.Errorf("install %s: --sha256 %q is not a SHA-256 checksum (64 hex digits)", arg, opts.SHA256)
	}
	noSum := func(s Source) (Source, error) {
		if sum != "" {
			return nil, fmt.Errorf("install %s: --sha256 is for an archive, and this is a %s source", arg, s.Kind())
		}
		return s, nil
	}
	scheme, _, hasScheme := strings.Cut(arg, "://")
	switch {
	case opts.Git:
		repo, ref := splitRef(arg)
		if !hasScheme {
			abs, err := filepath.Abs(repo)
			if err != nil {
				return nil, fmt.Errorf("install %s: %w", arg, err)
			}
			repo = abs
		}
		return noSum(&GitSource{Repo: repo, Ref: ref})
	case hasScheme && (scheme == "http" || scheme == "https") && isArchive(urlPath(arg)):
		if sum == "" {
			return nil, fmt.Errorf("install %s: an archive by URL needs --sha256 SUM, its expected checksum", arg)
		}
		return &ArchiveSource{Location: arg, URL: true, SHA256: sum}, nil
	case hasScheme:
		switch scheme {
		case "http", "https", "ssh", "git", "file":
			repo, ref := splitRef(arg)
			return noSum(&GitSource{Repo: repo, Ref: ref})
		}
		return nil, fmt.Errorf("install %s: unknown URL scheme %q (want https, http, ssh, git or file)", arg, scheme)
	}
	if _, err := os.Stat(arg); err == nil {
		abs, err := filepath.Abs(arg)
		if err != nil {
			return nil, fmt.Errorf("install %s: %w", arg, err)
		}
		if isArchive(abs) {
			return &ArchiveSource{Location: abs, SHA256: sum}, nil
		}
		return noSum(&LocalSource{Path: abs})
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("install %s: %w", arg, err)
	}
	if strings.HasPrefix(arg, "-") {
		// Not a file: go would take it for one of its options ("-C=DIR").
		return nil, fmt.Errorf("install %s: no such file or directory, and not a Go package path (one never starts with \"-\")", arg)
	}
	if looksLikeModule(arg) {
		path, version := splitRef(arg)
		if version == "" {
			version = "latest"
		}
		return noSum(&ModuleSource{Path: path, Version: version})
	}
	return nil, fmt.Errorf("install %s: no such file or directory, and not a URL or a Go package path (example.com/x/<app>-<name>@latest)", arg)
}

// splitRef splits "place@ref" at an "@" in the last path element, so that
// "git@host:x" and "https://user@host/x" keep theirs.
func splitRef(arg string) (string, string) {
	i := strings.LastIndexByte(arg, '@')
	if i < 0 || strings.ContainsAny(arg[i:], "/:") {
		return arg, ""
	}
	return arg[:i], arg[i+1:]
}

// urlPath returns the path of a URL without its query or fragment.
func urlPath(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		return u[:i]
	}
	return u
}

// looksLikeModule reports whether arg is shaped like a Go package path
// outside the standard library: "host.tld/path...", with an optional
// "@version".
func looksLikeModule(arg string) bool {
	path, _ := splitRef(arg)
	first, rest, ok := strings.Cut(path, "/")
	if !ok || rest == "" || !strings.Contains(first, ".") || strings.HasPrefix(first, ".") || strings.HasPrefix(first, "-") {
		return false
	}
	return !strings.ContainsAny(path, " \\:")
}

func isHexSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Reinstall is Install that replaces a plugin of the same name already
// installed, atomically: a failure leaves the old one in place. It is
// for "plugin install --force" and for moving a plugin to another source.
func Reinstall(ctx context.Context, src Source, t Target, progress Progress) (Result, error) {
	return install(ctx, src, t, progress, mode{replace: true})
}

package install

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/longshore/longshore/internal/discovery"
)

// ArchiveSource is a .tar.gz, .tgz or .zip file, by URL or path, that
// holds the plugin's executable <app>-<name> (and its <app>-<name>.yaml)
// or its folder <app>-<name>/ with plugin.yaml, at its root or in its one
// top folder.
type ArchiveSource struct {
	// Location is the URL, or the absolute path.
	Location string
	// URL says Location is a URL.
	URL bool
	// SHA256 is the expected checksum in lower-case hex; required for a
	// URL, checked when set for a path.
	SHA256 string
}

// Kind returns KindArchive.
func (s *ArchiveSource) Kind() Kind { return KindArchive }

// String returns the URL or path.
func (s *ArchiveSource) String() string { return s.Location }

// ChecksumError is the error of an archive whose checksum is not the one
// expected.
type ChecksumError struct {
	// Want and Got are the checksums expected and computed, in hex.
	Want, Got string
}

// Error says both checksums.
func (e *ChecksumError) Error() string {
	return fmt.Sprintf("checksum mismatch: --sha256 says %s, the archive's is %s", e.Want, e.Got)
}

func (s *ArchiveSource) stage(ctx context.Context, st *staging) (string, Record, error) {
	rec := Record{Kind: KindArchive, Source: s.Location}
	if s.URL && s.SHA256 == "" {
		return "", rec, errors.New("an archive by URL needs --sha256 SUM, its expected checksum")
	}
	file := st.path("archive")
	var sum string
	verb := "Reading "
	if s.URL {
		verb = "Downloading "
	}
	err := st.step(verb+s.Location, func() error {
		var err error
		sum, err = s.fetch(ctx, st, file)
		return err
	})
	if err != nil {
		return "", rec, err
	}
	if s.SHA256 != "" && sum != s.SHA256 {
		return "", rec, &ChecksumError{Want: s.SHA256, Got: sum}
	}
	rec.SHA256 = sum
	root := st.path("unpacked")
	if err := os.Mkdir(root, 0o755); err != nil {
		return "", rec, err
	}
	modes, err := unpack(file, s.Location, root, st.t.maxSize())
	if err != nil {
		return "", rec, err
	}
	folder, err := findInArchive(st.t.App, root, st.dir, modes)
	if err != nil {
		return "", rec, err
	}
	// Moved out of the archive's root, the plugin's folder must still
	// hold its links: one to a file beside it in the archive now leads out.
	name, fault, err := badLink(folder)
	if err != nil {
		return "", rec, err
	}
	if fault != linkOK {
		return "", rec, &UnsafeArchiveError{Entry: path.Join(filepath.Base(folder), name), Reason: fault.reason("plugin's folder")}
	}
	return folder, rec, nil
}

// fetch copies the archive into file, at most the size cap, and returns
// its SHA-256 in hex.
func (s *ArchiveSource) fetch(ctx context.Context, st *staging, file string) (string, error) {
	var r io.Reader
	max := st.t.maxSize()
	if s.URL {
		body, err := st.t.fetcher()(ctx, s.Location, max)
		if err != nil {
			return "", fmt.Errorf("download: %w", err)
		}
		defer body.Close()
		r = body
	} else {
		f, err := os.Open(s.Location)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	out, err := os.OpenFile(file, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", err
	}
	h := newSHA256()
	n, err := io.Copy(io.MultiWriter(out, h), io.LimitReader(r, max+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("download: %w", err)
	}
	if n > max {
		return "", fmt.Errorf("the archive is larger than the size cap (%d bytes)", max)
	}
	sum := h.Sum()
	return hex.EncodeToString(sum[:]), nil
}

// findInArchive finds the one plugin in the unpacked root (or in its one
// top folder) and moves it to a folder <app>-<name> in stage. modes holds
// the archive's modes of its files (see unpack), to name a plugin that
// lost its executable bit.
func findInArchive(app, root, stage string, modes map[string]fs.FileMode) (string, error) {
	dir, rel := root, ""
	var noExec []string
	for range 2 {
		found, notExec, sole, err := candidates(app, dir)
		if err != nil {
			return "", err
		}
		noExec = notExec
		switch {
		case len(found) > 1:
			return "", fmt.Errorf("the archive holds more than one plugin: %s", strings.Join(found, ", "))
		case len(found) == 1:
			base := found[0]
			src := filepath.Join(dir, base)
			folder := filepath.Join(stage, base)
			if fi, err := os.Lstat(src); err == nil && fi.IsDir() {
				return folder, os.Rename(src, folder)
			}
			// An executable: the folder holding it becomes the plugin's
			// (finishFolder makes its <name>.yaml the plugin.yaml).
			return folder, os.Rename(dir, folder)
		case sole != "":
			dir, rel = filepath.Join(dir, sole), path.Join(rel, sole)
			continue
		}
		break
	}
	if len(noExec) > 0 {
		return "", notExecutable(rel, noExec, modes)
	}
	return "", fmt.Errorf("the archive holds no plugin: want an executable %s-<name> or a folder %s-<name>/ with %s", app, app, discovery.ManifestFile)
}

// notExecutable is the error for an archive whose only plugin files,
// names in its folder rel, are not executable: an archive keeps each
// file's mode, and one written without (Python's zipfile.writestr of a
// ZipInfo, a tar made on Windows) has none.
func notExecutable(rel string, names []string, modes map[string]fs.FileMode) error {
	said := make([]string, len(names))
	for i, name := range names {
		name = path.Join(rel, name)
		said[i] = fmt.Sprintf("%s is not executable (mode %04o)", discovery.Escape(name), modes[name])
	}
	if len(said) == 1 {
		return fmt.Errorf("%s: set its x bit before packing the archive", said[0])
	}
	return fmt.Errorf("%s: set their x bits before packing the archive", strings.Join(said, ", "))
}

// candidates lists the plugins in dir: executables and folders with a
// manifest named <app>-<name>. notExec lists the regular files so named
// that are not executable. sole is the name of dir's only entry when that
// is a folder.
func candidates(app, dir string) (found, notExec []string, sole string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, "", err
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, app+"-") || strings.HasSuffix(name, ".yaml") {
			continue
		}
		path := filepath.Join(dir, name)
		fi, err := os.Lstat(path)
		if err != nil {
			return nil, nil, "", err
		}
		switch {
		case fi.IsDir():
			if isFile(filepath.Join(path, discovery.ManifestFile)) {
				found = append(found, name)
			}
		case isExecutable(path): // a symbolic link to one counts too
			found = append(found, name)
		case fi.Mode().IsRegular():
			notExec = append(notExec, name)
		}
	}
	if len(entries) == 1 && entries[0].IsDir() {
		sole = entries[0].Name()
	}
	sort.Strings(found)
	sort.Strings(notExec)
	return found, notExec, sole, nil
}

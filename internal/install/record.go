package install

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/longshore/longshore/internal/discovery"
)

// RecordFile is the file in an installed plugin's folder that records
// where it came from. It belongs to the plugin, not to the user's config.
const RecordFile = ".longshore-source.yaml"

// maxRecord caps the size of a RecordFile read.
const maxRecord = 64 << 10

// Record says where an installed plugin came from and which version, as
// stored in its RecordFile. "plugin list" and "plugin show" show it; an
// upgrade reinstalls from it.
type Record struct {
	// Kind is the kind of source.
	Kind Kind `yaml:"kind"`
	// Source is the place: an absolute path, a Go package path or a URL.
	Source string `yaml:"source"`
	// Requested is the version asked for: "latest", a module version, a
	// git tag or commit; empty for the newest (or for none).
	Requested string `yaml:"requested,omitempty"`
	// Version is the version installed: the module version, the git tag
	// (or commit, with no tag), else the manifest's version.
	Version string `yaml:"version,omitempty"`
	// Commit is the git commit installed.
	Commit string `yaml:"commit,omitempty"`
	// SHA256 is the archive's checksum, in hex.
	SHA256 string `yaml:"sha256,omitempty"`
	// Installed is when it was installed, in UTC.
	Installed time.Time `yaml:"installed"`
}

// String describes the record in one line for "plugin show":
// "module example.com/x/demoapp-foo@v1.2.3", "git https://h/o/demoapp-foo
// v1.0.0 (commit 0123456789ab)", "archive https://h/foo.tar.gz (sha256
// 0123456789ab…)", "local /src/demoapp-foo".
func (r Record) String() string {
	var b strings.Builder
	b.WriteString(string(r.Kind))
	b.WriteByte(' ')
	b.WriteString(r.Source)
	switch {
	case r.Kind == KindModule && r.Version != "":
		b.WriteString("@" + r.Version)
	case r.Version != "":
		b.WriteString(" " + r.Version)
	}
	if r.Commit != "" {
		fmt.Fprintf(&b, " (commit %s)", short(r.Commit))
	}
	if r.SHA256 != "" {
		fmt.Fprintf(&b, " (sha256 %s…)", short(r.SHA256))
	}
	return b.String()
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// SourceAt returns the Source to reinstall the record's plugin from, at
// version (a module version, a git tag or commit); "" means the newest.
// A local plugin or an archive has no versions to choose from.
func (r Record) SourceAt(version string) (Source, error) {
	switch r.Kind {
	case KindModule:
		if version == "" {
			version = "latest"
		}
		return &ModuleSource{Path: r.Source, Version: version}, nil
	case KindGit:
		return &GitSource{Repo: r.Source, Ref: version}, nil
	case KindLocal, KindArchive:
		if version != "" {
			what := "an archive"
			if r.Kind == KindLocal {
				what = "a local file or folder"
			}
			return nil, fmt.Errorf("%s has no versions to choose from: install the one you want with --force", what)
		}
		if r.Kind == KindLocal {
			return &LocalSource{Path: r.Source}, nil
		}
		return &ArchiveSource{Location: r.Source, URL: strings.Contains(r.Source, "://"), SHA256: r.SHA256}, nil
	}
	return nil, fmt.Errorf("unknown source kind %q", r.Kind)
}

// ReadRecord reads the RecordFile of the installed plugin folder, and
// returns nil with no error when it has none (a plugin copied by hand, or
// an executable that is not a folder). A bad record is an error naming
// the file and line.
func ReadRecord(folder string) (*Record, error) {
	if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
		return nil, nil
	}
	path := filepath.Join(folder, RecordFile)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxRecord+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxRecord {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, maxRecord)
	}
	var r Record
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:%w", path, yamlLine(err))
	}
	switch r.Kind {
	case KindLocal, KindModule, KindArchive, KindGit:
	default:
		return nil, fmt.Errorf("%s:%d: unknown kind %q (valid: archive, git, local, module)", path, lineOf(data, "kind"), r.Kind)
	}
	if r.Source == "" {
		return nil, fmt.Errorf("%s:1: no source", path)
	}
	return &r, nil
}

// RecordOf returns the Record of a plugin as discovery found it: the
// RecordFile in its folder, or nil for a plugin that is no folder or has
// none. It is what "plugin list" and "plugin show" call.
func RecordOf(p *discovery.Plugin) (*Record, error) {
	if p == nil || p.Folder == "" {
		return nil, nil
	}
	return ReadRecord(p.Folder)
}

// writeRecord writes rec as folder's RecordFile, in place of whatever
// the source had at that name (a file, a folder, a symbolic link): it
// never writes through a link, so a source cannot aim the record at a
// file of the user's.
func writeRecord(folder string, rec Record) error {
	var b bytes.Buffer
	b.WriteString("# Written by plugin install: where this plugin came from, for plugin upgrade.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(rec); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	path := filepath.Join(folder, RecordFile)
	// RemoveAll removes a link, not what it leads to; O_EXCL then refuses
	// to create the file through a link put back meanwhile.
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("remove the source's %s: %w", RecordFile, err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// yamlLine turns a yaml error "yaml: line 3: msg" into "3: msg".
func yamlLine(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		return errors.New(strings.TrimPrefix(te.Errors[0], "line "))
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		return errors.New(rest)
	}
	return fmt.Errorf("1: %s", msg)
}

// lineOf returns the line of the first "key:" at the start of a line, or 1.
func lineOf(data []byte, key string) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, key+":") {
			return i + 1
		}
	}
	return 1
}

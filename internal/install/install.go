package install

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/longshore/longshore/internal/discovery"
)

// DefaultMaxSize is the default cap on an archive's size, packed and
// unpacked, and on the files of one install.
const DefaultMaxSize = 256 << 20

// Progress is told when a slow step (a download, a clone, a build) starts
// and stops, so that a command can show a spinner. Start and Stop come in
// pairs and never nest.
type Progress interface {
	// Start begins showing msg, e.g. "Building example.com/x/demoapp-foo@latest".
	Start(msg string)
	// Stop ends what Start began.
	Stop()
}

// noProgress is the Progress used when none is given.
type noProgress struct{}

func (noProgress) Start(string) {}
func (noProgress) Stop()        {}

// Target is where and how plugins are installed: what a command knows
// about its app and user.
type Target struct {
	// App is the app's name, the prefix of every plugin's file name.
	App string
	// Dir is the plugin directory installed into (discovery.UserDir).
	Dir string
	// Check refuses a plugin's command words that the app keeps for
	// itself (reserved words, compiled-in commands); nil refuses nothing.
	Check func(words []string) error
	// Taken reports whether a hook or formatter name belongs to a
	// compiled-in command (discovery.Finder.Taken); nil means none.
	Taken func(name string) bool
	// Manifest, when set, is asked for the manifest of a staged
	// executable that brings none of its own (for a Longshore app: run
	// "EXE --longshore-manifest"). It returns nil data for none.
	Manifest func(ctx context.Context, exe string) ([]byte, error)
	// Env is the environment of the go and git commands run, and the
	// PATH they are looked up in; nil means os.Environ().
	Env []string
	// Client fetches archives by URL; nil means http.DefaultClient.
	Client *http.Client
	// MaxSize caps an archive, packed and unpacked; 0 means
	// DefaultMaxSize.
	MaxSize int64
	// Now is the clock for Record.Installed; nil means time.Now.
	Now func() time.Time
}

func (t *Target) now() time.Time {
	if t.Now == nil {
		return time.Now().UTC()
	}
	return t.Now().UTC()
}

func (t *Target) maxSize() int64 {
	if t.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return t.MaxSize
}

func (t *Target) env() []string {
	if t.Env == nil {
		return os.Environ()
	}
	return t.Env
}

func (t *Target) client() *http.Client {
	if t.Client == nil {
		return http.DefaultClient
	}
	return t.Client
}

// Result is what one install or upgrade did.
type Result struct {
	// Name is the plugin's command words joined by one space.
	Name string
	// Path is the installed plugin folder.
	Path string
	// Record is where the installed plugin came from.
	Record Record
	// Previous is the record of the version an upgrade replaced; nil for
	// an install, or for a replaced plugin that had no record.
	Previous *Record
	// Unchanged is set by an upgrade that found the same version already
	// installed; nothing was replaced.
	Unchanged bool
}

// ErrExists is matched (errors.Is) by the error of an install whose
// plugin is already installed (Install, not Reinstall); the error is an
// [*ExistsError].
var ErrExists = errors.New("already installed")

// ExistsError is the error of an install whose plugin is already
// installed, so that a command can say how to remove or replace it.
type ExistsError struct {
	// Name is the plugin's command words joined by one space.
	Name string
	// Path is what is in the way: the installed plugin, or its manifest.
	Path string
}

// Error says which plugin is installed where.
func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s is %s at %s", e.Name, ErrExists, e.Path)
}

// Is reports whether target is ErrExists.
func (e *ExistsError) Is(target error) bool { return target == ErrExists }

// exists returns the ExistsError of the plugin file name base in dir, or
// nil when neither it nor its manifest is there.
func (t *Target) exists(base string) error {
	name := base
	if words, err := discovery.ParseFileName(t.App, base); err == nil {
		name = strings.Join(words, " ")
	}
	path := filepath.Join(t.Dir, base)
	for _, p := range []string{path, path + ".yaml"} {
		if _, err := os.Lstat(p); err == nil {
			return &ExistsError{Name: name, Path: p}
		}
	}
	return nil
}

// Install installs the plugin src names into t.Dir, as a folder
// <app>-<name>/ holding the executable, plugin.yaml and a Record. An
// installed plugin of the same name is an error wrapping ErrExists.
// progress may be nil.
func Install(ctx context.Context, src Source, t Target, progress Progress) (Result, error) {
	return install(ctx, src, t, progress, mode{})
}

// namer is a Source that knows its plugin's file name before staging.
type namer interface{ baseName() string }

var (
	_ namer = (*LocalSource)(nil)
	_ namer = (*ModuleSource)(nil)
	_ namer = (*GitSource)(nil)
)

// mode says how install puts a staged plugin in place.
type mode struct {
	// replace puts it in place of the plugin of the same name.
	replace bool
	// skipSame leaves a plugin of the version already installed alone.
	skipSame bool
	// want is the plugin's file name expected (an upgrade's), or "".
	want string
}

// install stages src, then puts it in place as m says.
func install(ctx context.Context, src Source, t Target, progress Progress, m mode) (Result, error) {
	if progress == nil {
		progress = noProgress{}
	}
	fail := func(err error) (Result, error) {
		return Result{}, fmt.Errorf("install %s: %w", src, err)
	}
	if err := os.MkdirAll(t.Dir, 0o755); err != nil {
		return fail(err)
	}
	if n, ok := src.(namer); ok && !m.replace {
		// Say so before a download or a build, when the name is known.
		if base := n.baseName(); base != "" {
			if err := t.exists(base); err != nil {
				return fail(err)
			}
		}
	}
	removeStaleStages(t.Dir, t.now())
	// The stage is beside the target, on the same file system, so that
	// the final step is a rename.
	stage, err := os.MkdirTemp(t.Dir, stagePrefix)
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(stage)
	st := &staging{dir: stage, t: &t, progress: progress}
	folder, rec, err := src.stage(ctx, st)
	if err != nil {
		return fail(err)
	}
	base := filepath.Base(folder)
	if m.want != "" && base != m.want {
		return fail(fmt.Errorf("it now provides %s, not %s", base, m.want))
	}
	words, err := t.checkName(base)
	if err != nil {
		return fail(err)
	}
	// Errors name the staged files as the plugin's own: "demoapp-foo/plugin.yaml:3",
	// or "demoapp-foo.yaml:3" when the source's manifest was that.
	unstage := func(err error) error {
		msg := err.Error()
		if st.manifestFrom != "" {
			msg = strings.ReplaceAll(msg, filepath.Join(folder, discovery.ManifestFile), filepath.Join(filepath.Dir(folder), st.manifestFrom))
		}
		return errors.New(strings.ReplaceAll(msg, filepath.Dir(folder)+string(filepath.Separator), ""))
	}
	if err := st.finishFolder(ctx, folder, &rec); err != nil {
		return fail(unstage(err))
	}
	if err := validate(&t, filepath.Dir(folder), words); err != nil {
		return fail(unstage(err))
	}
	rec.Installed = t.now()
	if err := writeRecord(folder, rec); err != nil {
		return fail(err)
	}
	res := Result{Name: strings.Join(words, " "), Path: filepath.Join(t.Dir, base), Record: rec}
	// The check and the rename hold the plugin dir's lock, as a local
	// install does: of two installs of one name, one wins and the other
	// is told so (ErrExists), never a rename's error.
	unlock, err := discovery.LockPluginDir(t.Dir)
	if err != nil {
		return fail(err)
	}
	defer unlock()
	if !m.replace {
		if err := t.exists(base); err != nil {
			return fail(err)
		}
		if err := os.Rename(folder, res.Path); err != nil {
			return fail(err)
		}
		return res, nil
	}
	prev, err := ReadRecord(res.Path)
	if err != nil && m.skipSame {
		return fail(err)
	}
	res.Previous = prev
	if m.skipSame && sameVersion(prev, &rec) {
		res.Record, res.Unchanged = *prev, true
		return res, nil
	}
	if err := swap(folder, res.Path, stage); err != nil {
		return fail(err)
	}
	return res, nil
}

// stagePrefix starts the name of a stage folder in the plugin directory;
// discovery ignores it, as it does not start with "<app>-".
const stagePrefix = ".stage-"

// staleAfter is how old a stage folder is when removeStaleStages takes it
// for the leftover of an install that was killed.
const staleAfter = time.Hour

// removeStaleStages removes the stage folders in dir that an install
// killed before it could clean up left behind. One younger than
// staleAfter may be another install's, running now.
func removeStaleStages(dir string, now time.Time) {
	stages, _ := filepath.Glob(filepath.Join(dir, stagePrefix+"*"))
	for _, s := range stages {
		if fi, err := os.Lstat(s); err == nil && fi.IsDir() && now.Sub(fi.ModTime()) > staleAfter {
			os.RemoveAll(s)
		}
	}
}

// checkName checks the base name of a staged plugin folder.
func (t *Target) checkName(base string) ([]string, error) {
	words, err := discovery.ParseFileName(t.App, base)
	if err != nil {
		return nil, err
	}
	if t.Check != nil {
		if err := t.Check(words); err != nil {
			return nil, err
		}
	}
	return words, nil
}

// validate finds the staged plugin as discovery would and refuses an
// invalid one.
func validate(t *Target, dir string, words []string) error {
	f := &discovery.Finder{App: t.App, Dirs: []discovery.Dir{{Path: dir, Source: discovery.SourceDir}}, Taken: t.Taken}
	p, _, err := f.Resolve(words, len(words))
	if err != nil {
		return err
	}
	if p == nil || p.Folder == "" {
		return fmt.Errorf("not a plugin (a folder with %s)", discovery.ManifestFile)
	}
	if p.Invalid != nil {
		return fmt.Errorf("invalid plugin: %w", p.Invalid)
	}
	fi, err := os.Stat(p.Path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
		return fmt.Errorf("%s is not an executable file", filepath.Base(p.Path))
	}
	return nil
}

// swap puts the staged folder at dest in place of what is there: the old
// plugin is moved aside into stage (removed with it), and moved back if
// the new one cannot take its place. An old plugin that was a file (with
// its .yaml manifest beside it) is replaced too.
func swap(folder, dest, stage string) error {
	old := filepath.Join(stage, "old")
	oldYAML := filepath.Join(stage, "old.yaml")
	hadDest, hadYAML := false, false
	if err := os.Rename(dest, old); err == nil {
		hadDest = true
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("move the old version aside: %w", err)
	}
	if err := os.Rename(dest+".yaml", oldYAML); err == nil {
		hadYAML = true
	} else if !errors.Is(err, fs.ErrNotExist) {
		if hadDest {
			os.Rename(old, dest)
		}
		return fmt.Errorf("move the old manifest aside: %w", err)
	}
	if err := os.Rename(folder, dest); err != nil {
		if hadDest {
			os.Rename(old, dest)
		}
		if hadYAML {
			os.Rename(oldYAML, dest+".yaml")
		}
		return fmt.Errorf("put the new version in place: %w", err)
	}
	return nil
}

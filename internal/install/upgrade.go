package install

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/names"
)

// ErrNoRecord is wrapped by the error of an upgrade of a plugin that has
// no Record: it was not installed by plugin install from a source.
var ErrNoRecord = errors.New("no record of where it was installed from")

// ErrNotInstalled is wrapped by the error of an upgrade of a plugin that
// is not in the target's directory.
var ErrNotInstalled = errors.New("not installed")

// SplitVersion splits the argument "NAME@VERSION" of "plugin upgrade"
// into the plugin's name and the version; version is "" when none is
// given.
func SplitVersion(arg string) (name, version string) {
	name, version, _ = strings.Cut(arg, "@")
	return name, version
}

// Upgrade reinstalls the plugin name (its command words joined by
// spaces) installed in t.Dir from the source its Record names: to
// version when given (a module version, a git tag or commit), else to the
// newest. The new version is staged beside the old and swapped in only
// once it is built and valid, so a failed upgrade leaves the old version
// working. When the version staged is the one installed, nothing changes
// and Result.Unchanged is set. progress may be nil.
func Upgrade(ctx context.Context, t Target, name, version string, progress Progress) (Result, error) {
	words, err := names.SplitName(name)
	if err != nil {
		return Result{}, fmt.Errorf("upgrade %s: %w", name, err)
	}
	name = strings.Join(words, " ")
	folder := filepath.Join(t.Dir, discovery.FileName(t.App, words))
	if _, err := os.Lstat(folder); err != nil {
		return Result{}, fmt.Errorf("upgrade %s: %w in %s", name, ErrNotInstalled, t.Dir)
	}
	rec, err := ReadRecord(folder)
	if err != nil {
		return Result{}, fmt.Errorf("upgrade %s: %w", name, err)
	}
	if rec == nil {
		return Result{}, fmt.Errorf("upgrade %s: %w (%s): install it again with --force", name, ErrNoRecord, filepath.Join(folder, RecordFile))
	}
	src, err := rec.SourceAt(version)
	if err != nil {
		return Result{}, fmt.Errorf("upgrade %s: %w", name, err)
	}
	res, err := install(ctx, src, t, progress, mode{replace: true, skipSame: true, want: filepath.Base(folder)})
	if err != nil {
		return res, fmt.Errorf("upgrade %s: %w", name, err)
	}
	return res, nil
}

// UpgradeAll upgrades every plugin in t.Dir that has a Record to its
// newest version, in name order. It goes on after a failure; the error
// joins one error per plugin that failed, and the results are those of
// the others.
func UpgradeAll(ctx context.Context, t Target, progress Progress) ([]Result, error) {
	entries, err := os.ReadDir(t.Dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("upgrade: %w", err)
	}
	var results []Result
	var errs []error
	for _, e := range entries {
		words, err := discovery.ParseFileName(t.App, e.Name())
		if err != nil || !e.IsDir() {
			continue
		}
		if rec, err := ReadRecord(filepath.Join(t.Dir, e.Name())); err != nil {
			errs = append(errs, fmt.Errorf("upgrade %s: %w", strings.Join(words, " "), err))
			continue
		} else if rec == nil {
			continue
		}
		res, err := Upgrade(ctx, t, strings.Join(words, " "), "", progress)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		results = append(results, res)
	}
	return results, errors.Join(errs...)
}

// sameVersion reports whether the staged record is the version the
// installed one already is: the same commit, checksum or module version
// from the same source. A local source is never the same: it is
// reinstalled.
func sameVersion(old, staged *Record) bool {
	if old == nil || old.Kind != staged.Kind || old.Source != staged.Source {
		return false
	}
	switch staged.Kind {
	case KindGit:
		return old.Commit != "" && old.Commit == staged.Commit
	case KindArchive:
		return old.SHA256 != "" && old.SHA256 == staged.SHA256
	case KindModule:
		return old.Version != "" && old.Version == staged.Version
	}
	return false
}

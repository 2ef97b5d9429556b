package install

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/longshore/longshore/internal/discovery"
)

// GitSource is a git repository, by URL or path, named <app>-<name> (gh's
// model). Its root holds the executable <app>-<name> or a plugin.yaml
// naming one, or a Go main package (go.mod at the root), which is built.
type GitSource struct {
	// Repo is the URL, or the absolute path, of the repository.
	Repo string
	// Ref is the tag or commit to install; "" means the newest version
	// tag (v1.2.3), or the default branch when there is no such tag.
	Ref string
}

// Kind returns KindGit.
func (s *GitSource) Kind() Kind { return KindGit }

// String returns the repository, with "@REF" when one is set.
func (s *GitSource) String() string {
	if s.Ref == "" {
		return s.Repo
	}
	return s.Repo + "@" + s.Ref
}

// repoName returns the last element of the repository's URL or path,
// without ".git": the plugin's file name.
func (s *GitSource) repoName() string {
	r := strings.TrimRight(strings.ReplaceAll(s.Repo, `\`, "/"), "/")
	if i := strings.LastIndexAny(r, "/:"); i >= 0 {
		r = r[i+1:]
	}
	return strings.TrimSuffix(r, ".git")
}

// versionTag matches the tags taken for versions: v1, v1.2, v1.2.3-rc.1.
var versionTag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^v\d+(\.\d+){0,2}([-+][0-9A-Za-z.+-]*)?$`) })

// gitEnv keeps git from asking for a password on the terminal or an
// editor: an install fails instead.
var gitEnv = []string{"GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=", "SSH_ASKPASS=", "GCM_INTERACTIVE=never"}

func (s *GitSource) stage(ctx context.Context, st *staging) (string, Record, error) {
	rec := Record{Kind: KindGit, Source: s.Repo, Requested: s.Ref}
	base := s.repoName()
	if _, err := st.t.checkName(base); err != nil {
		return "", rec, fmt.Errorf("the repository must be named %s-<name>: %w", st.t.App, err)
	}
	if _, err := st.lookPath("git"); err != nil {
		return "", rec, ErrNoGit
	}
	clone := st.path("clone")
	env := gitEnv
	if !hasEnv(st.t.env(), "GIT_SSH_COMMAND") {
		// ssh asks on the terminal too (host keys, passphrases).
		env = append(env[:len(env):len(env)], "GIT_SSH_COMMAND=ssh -o BatchMode=yes")
	}
	git := func(args ...string) (string, error) {
		out, err := st.command(ctx, clone, env, "git", args...)
		return strings.TrimSpace(out), err
	}
	err := st.step("Cloning "+s.String(), func() error {
		if _, err := st.command(ctx, st.dir, env, "git", "clone", "--quiet", "--", s.Repo, clone); err != nil {
			return err
		}
		ref := s.Ref
		if ref == "" {
			tags, err := git("tag", "--list", "--sort=-v:refname")
			if err != nil {
				return err
			}
			for _, tag := range strings.Fields(tags) {
				if versionTag().MatchString(tag) {
					ref = tag
					break
				}
			}
		}
		if ref != "" {
			if strings.HasPrefix(ref, "-") {
				return fmt.Errorf("bad ref %q", ref)
			}
			if _, err := git("-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", ref+"^{commit}"); err != nil {
				return fmt.Errorf("no tag or commit %q: %w", ref, err)
			}
			rec.Version = ref
		}
		commit, err := git("rev-parse", "HEAD")
		rec.Commit = commit
		return err
	})
	if err != nil {
		return "", rec, err
	}
	if rec.Version == "" {
		rec.Version = short(rec.Commit)
	}
	if err := os.RemoveAll(filepath.Join(clone, ".git")); err != nil {
		return "", rec, err
	}
	if err := checkLinks(clone, "repository", ""); err != nil {
		return "", rec, err
	}
	exe := filepath.Join(clone, exeName(base))
	hasManifest := isFile(filepath.Join(clone, discovery.ManifestFile)) || isFile(filepath.Join(clone, base+".yaml"))
	switch {
	case isFile(exe) || hasManifest && !isFile(filepath.Join(clone, "go.mod")):
	case isFile(filepath.Join(clone, "go.mod")):
		if _, err := st.lookPath("go"); err != nil {
			return "", rec, fmt.Errorf("the repository holds Go source to build: %w", ErrNoToolchain)
		}
		err := st.step("Building "+base, func() error {
			_, err := st.command(ctx, clone, nil, "go", "build", "-trimpath", "-o", exe, ".")
			return err
		})
		if err != nil {
			return "", rec, err
		}
	default:
		return "", rec, fmt.Errorf("the repository's root holds no executable %s, no %s and no Go main package (go.mod)", base, discovery.ManifestFile)
	}
	folder := st.path(base)
	return folder, rec, os.Rename(clone, folder)
}

// hasEnv reports whether env sets the variable name.
func hasEnv(env []string, name string) bool {
	for _, kv := range env {
		if strings.HasPrefix(kv, name+"=") {
			return true
		}
	}
	return false
}

func (s *GitSource) baseName() string { return s.repoName() }

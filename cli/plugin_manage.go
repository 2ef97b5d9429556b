package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/discovery"
)

// pluginEnable is "plugin enable NAME" and "plugin disable NAME".
type pluginEnable struct {
	r       *run
	disable bool
}

func (c *pluginEnable) Info() command.Info {
	verb, what := "Enable", "Remove NAME from plugins.disabled in the config file"
	if c.disable {
		verb, what = "Disable", "Add NAME to plugins.disabled in the config file"
	}
	return command.Info{
		Short: verb + " a plugin (command, hook or formatter)",
		Long: what + ", keeping the\n" +
			"rest of the file and its comments. The file is replaced atomically.",
		Usage: "NAME...",
		Args:  command.Args{Min: 1, Max: command.Unlimited},
	}
}

func (c *pluginEnable) Run(ctx context.Context, inv *command.Invocation) error {
	r := c.r
	name := strings.Join(inv.Args, " ")
	cfg, err := r.sess.config()
	if err != nil {
		return err
	}
	if c.disable && r.sess.isPluginCommand(name) {
		return fmt.Errorf("%q cannot be disabled: the plugin commands are how plugins are enabled again", name)
	}
	// Disabling needs a plugin that exists; enabling also accepts a name
	// only the config still knows.
	if !(!c.disable && cfg.Disabled(name)) {
		if _, err := r.findPlugin(name); err != nil {
			return err
		}
	}
	changed, err := discovery.SetDisabled(cfg.Path, name, c.disable)
	if err != nil {
		return err
	}
	state := "enabled"
	if c.disable {
		state = "disabled"
	}
	if !changed {
		fmt.Fprintf(inv.IO.Out, "%s is already %s\n", name, state)
		return nil
	}
	fmt.Fprintf(inv.IO.Out, "%s %s (in %s)\n", state, name, cfg.Path)
	return nil
}

// pluginInstall is "plugin install PATH".
type pluginInstall struct {
	r             *run
	fromLongshore bool
}

func (c *pluginInstall) Info() command.Info {
	return command.Info{
		Short: "Install an external plugin into the user's plugin directory",
		Long: "Copy PATH into the user's plugin directory ($XDG_DATA_HOME/<app>/plugins). PATH is an\n" +
			"executable named <app>-<name> (its manifest <app>-<name>.yaml beside it is copied too),\n" +
			"or a folder named <app>-<name> holding plugin.yaml. The plugin is validated first: an\n" +
			"invalid name or manifest, or the name of a compiled-in command, is refused.\n\n" +
			"A plugin built with Longshore prints its own manifest: when PATH is a Go program that\n" +
			"links Longshore (read from its build information, without running it) and has no\n" +
			"manifest beside it, or with --from-longshore, \"PATH --longshore-manifest\" is run and\n" +
			"what it prints is installed as the manifest.",
		Usage:   "PATH",
		Args:    command.ExactArgs(1),
		ArgKind: command.ArgsFiles,
	}
}

func (c *pluginInstall) Run(ctx context.Context, inv *command.Invocation) error {
	r := c.r
	src, err := filepath.Abs(inv.Args[0])
	if err != nil {
		return err
	}
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("install %s: no such file or directory", src)
	} else if err != nil {
		return fmt.Errorf("install: %w", err)
	}
	base := filepath.Base(src)
	words, err := r.checkNewPluginName(base)
	if err != nil {
		return fmt.Errorf("install %s: %w", src, err)
	}
	probe := &discovery.Finder{App: r.app.Name, Dirs: []discovery.Dir{{Path: filepath.Dir(src), Source: discovery.SourceDir}}, Taken: r.tree.compiledInName}
	p, _, err := probe.Resolve(words, len(words))
	if err != nil {
		return fmt.Errorf("install %s: %w", src, err)
	}
	if p == nil {
		return fmt.Errorf("install %s: not a plugin (an executable file, or a folder with %s)", src, discovery.ManifestFile)
	}
	if p.Invalid != nil {
		return fmt.Errorf("install %s: invalid plugin: %w", src, p.Invalid)
	}
	dir := discovery.UserDir(r.sess.discoveryEnv())
	dest := filepath.Join(dir, base)
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("install %s: %s is already installed at %s; remove it first with \"%s plugin remove %s\"", src, p.Name, dest, r.app.Name, p.Name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("install %s: %w", src, err)
	}
	wrote, err := c.installManifest(ctx, p, src, dest)
	if err != nil {
		return fmt.Errorf("install %s: %w", src, err)
	}
	if p.Folder == "" && p.ManifestPath != "" && !wrote {
		if err := copyAtomic(p.ManifestPath, dest+".yaml"); err != nil {
			return fmt.Errorf("install %s: %w", src, err)
		}
	}
	if err := copyAtomic(src, dest); err != nil {
		return fmt.Errorf("install %s: %w", src, err)
	}
	fmt.Fprintf(inv.IO.Out, "installed %s to %s\n", p.Name, dest)
	if f, err := r.sess.find(); err == nil {
		if first, _, _ := f.Resolve(words, len(words)); first != nil && first.Path != dest && first.Folder != dest {
			r.sess.warn([]string{fmt.Sprintf("%s is shadowed by %s, found first: the installed copy will not run", p.Name, first.Path)})
		}
	}
	return nil
}

// checkNewPluginName checks the file name of a plugin to install or
// create: a valid "<app>-<name>" that no compiled-in command takes.
func (r *run) checkNewPluginName(base string) ([]string, error) {
	words, err := discovery.ParseFileName(r.app.Name, base)
	if err != nil {
		return nil, err
	}
	if len(words) == 1 && r.tree.reserved(words[0]) {
		return nil, fmt.Errorf("%q is a reserved word of %s", words[0], r.app.Name)
	}
	if c := r.tree.compiledInShadow(words); c != "" {
		return nil, fmt.Errorf("%q would be shadowed by the compiled-in command %q", strings.Join(words, " "), c)
	}
	return words, nil
}

// copyAtomic copies a file or a folder tree to dest through a temporary
// name beside it, so that a failed copy leaves nothing behind.
func copyAtomic(src, dest string) error {
	tmp := filepath.Join(filepath.Dir(dest), ".tmp-"+filepath.Base(dest))
	os.RemoveAll(tmp)
	if err := copyTree(src, tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return os.Rename(tmp, dest)
}

// copyTree copies src (a file, a folder or a symbolic link) to dest,
// keeping permissions and links.
func copyTree(src, dest string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dest, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(target, info.Mode().Perm())
		case info.Mode()&fs.ModeSymlink != 0 && path != src:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dest, os.O_CREATE|os.O_EXCL|os.O_WRONLY, fi.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// pluginRemove is "plugin remove NAME".
type pluginRemove struct{ r *run }

func (c *pluginRemove) Info() command.Info {
	return command.Info{
		Short: "Remove an external plugin from the user's plugin directory",
		Usage: "NAME...",
		Args:  command.Args{Min: 1, Max: command.Unlimited},
	}
}

func (c *pluginRemove) Run(ctx context.Context, inv *command.Invocation) error {
	r := c.r
	words, err := command.SplitName(strings.Join(inv.Args, " "))
	if err != nil {
		return command.Usagef("plugin remove: %w", err)
	}
	name := strings.Join(words, " ")
	dir := discovery.UserDir(r.sess.discoveryEnv())
	path := filepath.Join(dir, discovery.FileName(r.app.Name, words))
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if f, ferr := r.sess.find(); ferr == nil {
			if p, _, _ := f.Resolve(words, len(words)); p != nil {
				return fmt.Errorf("%s is not installed in %s but found at %s: remove that yourself", name, dir, p.Path)
			}
		}
		return fmt.Errorf("no plugin %q installed in %s", name, dir)
	}
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	if err := os.Remove(path + ".yaml"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	fmt.Fprintf(inv.IO.Out, "removed %s from %s\n", name, dir)
	return nil
}

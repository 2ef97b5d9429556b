package plugincmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// Source fetches what plugin install installs onto the local disk: the
// argument of plugin install names it (a path; later a Go module, an
// archive, a git repository).
type Source interface {
	// Fetch returns the local path of the plugin ref names: an executable
	// "<app>-<name>" (with its manifest "<app>-<name>.yaml" beside it, if
	// any) or a folder "<app>-<name>" holding plugin.yaml. Install copies
	// it, then calls done, which removes what Fetch made (nil: nothing).
	Fetch(ctx context.Context, ref string) (path string, done func(), err error)
}

// LocalSource is the Source of a plugin already on the local disk: ref is
// its path, taken relative to the current directory.
type LocalSource struct{}

// Fetch returns ref made absolute, once it exists.
func (LocalSource) Fetch(ctx context.Context, ref string) (string, func(), error) {
	src, err := filepath.Abs(ref)
	if err != nil {
		return "", nil, err
	}
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return "", nil, fmt.Errorf("install %s: no such file or directory", src)
	} else if err != nil {
		return "", nil, fmt.Errorf("install: %w", err)
	}
	return src, nil, nil
}

// InstallOptions are the inputs of plugin install.
type InstallOptions struct {
	// Out receives the one-line report; ErrOut the stderr of
	// "PATH --longshore-manifest".
	Out, ErrOut io.Writer
	// App is the app's name.
	App string
	// UserDir is where the plugin is copied.
	UserDir string
	// Catalog checks the name and finds what would shadow the copy.
	Catalog Catalog
	// Warn prints a warning (the installed copy is shadowed).
	Warn func(string)
	// Source fetches the plugin Ref names; nil is LocalSource.
	Source Source
	// Ref is the argument: what to install.
	Ref string
	// FromLongshore asks the executable for its manifest
	// (--from-longshore).
	FromLongshore bool
}

// NewInstallCmd returns "plugin install PATH" built on o. runF, when not
// nil, runs instead of installRun.
func NewInstallCmd(o *Options, runF func(context.Context, *InstallOptions) error) command.Command {
	if runF == nil {
		runF = installRun
	}
	return &installCmd{opts: InstallOptions{App: o.App, UserDir: o.UserDir, Catalog: o.Catalog, Warn: o.Warn, Source: o.Source}, runF: runF}
}

type installCmd struct {
	opts InstallOptions
	runF func(context.Context, *InstallOptions) error
}

var (
	_ command.Runner       = (*installCmd)(nil)
	_ command.FlagDeclarer = (*installCmd)(nil)
)

func (*installCmd) Info() command.Info {
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

// Flags adds --from-longshore.
func (c *installCmd) Flags(fs *pflag.FlagSet) {
	fs.BoolVar(&c.opts.FromLongshore, "from-longshore", false, "run PATH --longshore-manifest and install the manifest it prints")
}

func (c *installCmd) Run(ctx context.Context, inv *command.Invocation) error {
	opts := c.opts
	opts.Out, opts.ErrOut, opts.Ref = inv.IO.Out, inv.IO.ErrOut, inv.Args[0]
	return c.runF(ctx, &opts)
}

// installRun fetches the plugin, validates it and copies it (with its
// manifest) into the user's plugin directory.
func installRun(ctx context.Context, opts *InstallOptions) error {
	source := opts.Source
	if source == nil {
		source = LocalSource{}
	}
	src, done, err := source.Fetch(ctx, opts.Ref)
	if err != nil {
		return err
	}
	if done != nil {
		defer done()
	}
	base := filepath.Base(src)
	words, err := checkNewName(opts.App, opts.Catalog, base)
	if err != nil {
		return fmt.Errorf("install %s: %w", src, err)
	}
	probe := &discovery.Finder{App: opts.App, Dirs: []discovery.Dir{{Path: filepath.Dir(src), Source: discovery.SourceDir}}, Taken: opts.Catalog.Taken}
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
	dest := filepath.Join(opts.UserDir, base)
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("install %s: %s is already installed at %s; remove it first with \"%s plugin remove %s\"", src, p.Name, dest, opts.App, p.Name)
	}
	if err := os.MkdirAll(opts.UserDir, 0o755); err != nil {
		return fmt.Errorf("install %s: %w", src, err)
	}
	unlock, err := discovery.LockPluginDir(opts.UserDir)
	if err != nil {
		return fmt.Errorf("install %s: %w", src, err)
	}
	defer unlock()
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("install %s: another install of %s won: it is installed at %s", src, p.Name, dest)
	}
	wrote, err := installManifest(ctx, opts, p, src, dest)
	if err != nil {
		return fmt.Errorf("install %s: %w", src, err)
	}
	if p.Folder == "" && p.ManifestPath != "" && !wrote {
		if err := discovery.CopyAtomic(p.ManifestPath, dest+".yaml"); err != nil {
			return fmt.Errorf("install %s: %w", src, err)
		}
	}
	if err := discovery.CopyAtomic(src, dest); err != nil {
		return fmt.Errorf("install %s: %w", src, err)
	}
	fmt.Fprintf(opts.Out, "installed %s to %s\n", p.Name, dest)
	if first := opts.Catalog.Lookup(words); first != nil && first.Path != dest && first.Folder != dest {
		warnAll(opts.Warn, []string{fmt.Sprintf("%s is shadowed by %s, found first: the installed copy will not run", p.Name, first.Path)})
	}
	return nil
}

// checkNewName checks the file name of a plugin to install or create: a
// valid "<app>-<name>" that neither a reserved word nor a compiled-in
// command takes. It returns the plugin's words.
func checkNewName(app string, cat Catalog, base string) ([]string, error) {
	words, err := discovery.ParseFileName(app, base)
	if err != nil {
		return nil, err
	}
	if len(words) == 1 && cat.Reserved(words[0]) {
		return nil, fmt.Errorf("%q is a reserved word of %s", words[0], app)
	}
	if c := cat.Shadow(words); c != "" {
		return nil, fmt.Errorf("%q would be shadowed by the compiled-in command %q", strings.Join(words, " "), c)
	}
	return words, nil
}

package plugincmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/install"
)

// InstallOptions are the inputs of plugin install.
type InstallOptions struct {
	// Out receives the one-line report; ErrOut the stderr of
	// "EXE --longshore-manifest".
	Out, ErrOut io.Writer
	// Progress is told when a download, clone or build starts and stops;
	// nil shows nothing.
	Progress install.Progress
	// App is the app's name.
	App string
	// UserDir is where the plugin is installed.
	UserDir string
	// Catalog checks the name and finds what would shadow the copy.
	Catalog Catalog
	// Warn prints a warning (the installed copy is shadowed).
	Warn func(string)
	// Env is the environment of the go and git commands run, and the PATH
	// they are found on; nil is the process's own.
	Env []string
	// Client fetches archives by URL; nil is http.DefaultClient.
	Client *http.Client
	// Ref is the argument: what to install, from where.
	Ref string
	// FromLongshore asks the executable for its manifest
	// (--from-longshore).
	FromLongshore bool
	// Git says Ref is a git repository (--git).
	Git bool
	// SHA256 is the archive's expected checksum (--sha256).
	SHA256 string
	// Force replaces a plugin of the same name already installed
	// (--force).
	Force bool
}

// NewInstallCmd returns "plugin install SOURCE" built on o. runF, when not
// nil, runs instead of installRun.
func NewInstallCmd(o *Options, runF func(context.Context, *InstallOptions) error) command.Command {
	if runF == nil {
		runF = installRun
	}
	return &installCmd{opts: InstallOptions{App: o.App, UserDir: o.UserDir, Catalog: o.Catalog, Warn: o.Warn}, runF: runF}
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
		Short: "Install an external plugin from a file, a Go module, an archive or a git repository",
		Long: "Install the plugin SOURCE names into the user's plugin directory\n" +
			"($XDG_DATA_HOME/<app>/plugins), as a folder <app>-<name>/ that records where it came\n" +
			"from. SOURCE is one of:\n\n" +
			"  ./<app>-<name>                  an executable (with <app>-<name>.yaml beside it)\n" +
			"                                  or a plugin folder holding plugin.yaml\n" +
			"  example.com/x/<app>-<name>@v1.2.3  a Go module, built with go install (@latest by default)\n" +
			"  FILE.tar.gz, FILE.zip           an archive on disk (--sha256 checked when given)\n" +
			"  https://.../FILE.tar.gz         an archive by URL; --sha256 SUM is required\n" +
			"  https://host/owner/<app>-<name>[@REF]  a git repository, at a tag or commit\n" +
			"  --git PATH[@REF]                a git repository on disk\n\n" +
			"The plugin is validated before anything is put in place: an invalid name or manifest,\n" +
			"or the name of a compiled-in command, is refused, and a failed install leaves nothing\n" +
			"behind. --force replaces a plugin of the same name, atomically.\n\n" +
			"A plugin built with Longshore prints its own manifest: when the executable is a Go\n" +
			"program that links Longshore (read from its build information, without running it)\n" +
			"and brings no manifest, or with --from-longshore, \"EXE --longshore-manifest\" is run\n" +
			"and what it prints is installed as the manifest.",
		Usage:   "SOURCE",
		Args:    command.ExactArgs(1),
		ArgKind: command.ArgsFiles,
	}
}

// Flags adds --from-longshore, --git, --sha256 and --force.
func (c *installCmd) Flags(fs *pflag.FlagSet) {
	fs.BoolVar(&c.opts.FromLongshore, "from-longshore", false, "run EXE --longshore-manifest and install the manifest it prints")
	fs.BoolVar(&c.opts.Git, "git", false, "SOURCE is a git repository (needed for a path; a URL is one anyway)")
	fs.StringVar(&c.opts.SHA256, "sha256", "", "the archive's expected SHA-256 checksum, in hex (required for a URL)")
	fs.BoolVar(&c.opts.Force, "force", false, "replace a plugin of the same name already installed")
}

func (c *installCmd) Run(ctx context.Context, inv *command.Invocation) error {
	opts := c.opts
	opts.Out, opts.ErrOut, opts.Ref = inv.IO.Out, inv.IO.ErrOut, inv.Args[0]
	opts.Progress = progressOf(inv.IO)
	return c.runF(ctx, &opts)
}

// installRun reads the source, then installs the plugin from it into the
// user's plugin directory (replacing one of the same name with --force).
func installRun(ctx context.Context, opts *InstallOptions) error {
	src, err := install.Parse(opts.Ref, install.Options{Git: opts.Git, SHA256: opts.SHA256})
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return err // a source that exists but cannot be read
		}
		return command.Usagef("%w", err)
	}
	t := newTarget(targetOptions{app: opts.App, dir: opts.UserDir, cat: opts.Catalog, env: opts.Env,
		client: opts.Client, errOut: opts.ErrOut, fromLongshore: opts.FromLongshore})
	do := install.Install
	if opts.Force {
		do = install.Reinstall
	}
	res, err := do(ctx, src, t, opts.Progress)
	if err != nil {
		var ee *install.ExistsError
		if errors.As(err, &ee) {
			return fmt.Errorf("%w; remove it first with \"%s plugin remove %s\", or replace it with --force", err, opts.App, ee.Name)
		}
		return err
	}
	line := "installed " + res.Name
	if v := res.Record.Version; v != "" {
		line += " " + v
	}
	line += " to " + res.Path
	if prev := res.Previous; prev != nil && prev.Version != "" && prev.Version != res.Record.Version {
		line += " (replacing " + prev.Version + ")"
	}
	fmt.Fprintln(opts.Out, discovery.Escape(line))
	if first := opts.Catalog.Lookup(strings.Fields(res.Name)); first != nil && first.Path != res.Path && first.Folder != res.Path {
		warnAll(opts.Warn, []string{fmt.Sprintf("%s is shadowed by %s, found first: the installed copy will not run", res.Name, first.Path)})
	}
	return nil
}

// targetOptions are what install and upgrade know of the app and the run.
type targetOptions struct {
	app, dir      string
	cat           Catalog
	env           []string
	client        *http.Client
	errOut        io.Writer
	fromLongshore bool
}

// newTarget returns where and how plugin install and plugin upgrade
// install: the user's plugin dir, the app's name checks (reserved words,
// compiled-in commands, names a manifest's hooks and formatters may not
// take), and the manifest a Longshore app prints of itself.
func newTarget(o targetOptions) install.Target {
	return install.Target{
		App:   o.app,
		Dir:   o.dir,
		Check: func(words []string) error { return checkWords(o.app, o.cat, words) },
		Taken: o.cat.Taken,
		Manifest: func(ctx context.Context, exe string) ([]byte, error) {
			if !o.fromLongshore && !isLongshoreApp(exe) {
				return nil, nil
			}
			return askManifest(ctx, o.errOut, exe)
		},
		Env:    o.env,
		Client: o.client,
	}
}

// checkNewName checks the file name of a plugin to create: a valid
// "<app>-<name>" that neither a reserved word nor a compiled-in command
// takes. It returns the plugin's words.
func checkNewName(app string, cat Catalog, base string) ([]string, error) {
	words, err := discovery.ParseFileName(app, base)
	if err != nil {
		return nil, err
	}
	return words, checkWords(app, cat, words)
}

// checkWords refuses the command words of a plugin to install or create
// when a reserved word or a compiled-in command takes them.
func checkWords(app string, cat Catalog, words []string) error {
	if len(words) == 1 && cat.Reserved(words[0]) {
		return fmt.Errorf("%q is a reserved word of %s", words[0], app)
	}
	if c := cat.Shadow(words); c != "" {
		return fmt.Errorf("%q would be shadowed by the compiled-in command %q", strings.Join(words, " "), c)
	}
	return nil
}

// streamsProgress shows install's slow steps with the streams' spinner,
// which is drawn only when stderr is a terminal and -q was not given.
type streamsProgress struct{ io *command.IOStreams }

var _ install.Progress = streamsProgress{}

// Start shows the spinner with msg.
func (p streamsProgress) Start(msg string) { p.io.StartProgress(msg) }

// Stop removes it.
func (p streamsProgress) Stop() { p.io.StopProgress() }

// progressOf returns the install.Progress drawn on s, or nil for no
// streams.
func progressOf(s *command.IOStreams) install.Progress {
	if s == nil {
		return nil
	}
	return streamsProgress{s}
}

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
	"github.com/longshore/longshore/internal/names"
)

// RemoveOptions are the inputs of plugin remove.
type RemoveOptions struct {
	// Out receives the one-line report.
	Out io.Writer
	// IO asks the user before anything is removed; nil asks nothing, as
	// Yes does.
	IO *command.IOStreams
	// Yes is --yes: remove without asking.
	Yes bool
	// App is the app's name.
	App string
	// UserDir is the only directory remove removes from.
	UserDir string
	// Catalog finds a plugin of that name elsewhere, for the error.
	Catalog Catalog
	// Name is the plugin, its words joined by one space.
	Name string
}

// NewRemoveCmd returns "plugin remove NAME..." built on o. runF, when not
// nil, runs instead of removeRun.
func NewRemoveCmd(o *Options, runF func(*RemoveOptions) error) command.Command {
	if runF == nil {
		runF = removeRun
	}
	return &removeCmd{opts: RemoveOptions{App: o.App, UserDir: o.UserDir, Catalog: o.Catalog}, runF: runF}
}

type removeCmd struct {
	opts RemoveOptions
	runF func(*RemoveOptions) error
}

var (
	_ command.Runner       = (*removeCmd)(nil)
	_ command.ArgCompleter = (*removeCmd)(nil)
	_ command.FlagDeclarer = (*removeCmd)(nil)
)

func (*removeCmd) Info() command.Info {
	return command.Info{
		Short: "Remove an external plugin from the user's plugin directory",
		Long: "Remove an external plugin, and its manifest, from the user's plugin directory.\n" +
			"On a terminal it asks first; --yes removes without asking, as a script must.",
		Usage: "NAME...",
		Args:  command.Args{Min: 1, Max: command.Unlimited},
	}
}

// Flags adds --yes.
func (c *removeCmd) Flags(fs *pflag.FlagSet) {
	fs.BoolVarP(&c.opts.Yes, "yes", "y", false, "remove without asking")
}

func (c *removeCmd) Run(ctx context.Context, inv *command.Invocation) error {
	opts := c.opts
	opts.Out, opts.IO, opts.Name = inv.IO.Out, inv.IO, strings.Join(inv.Args, " ")
	return c.runF(&opts)
}

// CompleteArgs offers the plugins installed in the user's plugin directory,
// the only ones plugin remove removes.
func (c *removeCmd) CompleteArgs(_ command.Env, args []string, toComplete string) []string {
	dir := filepath.Clean(c.opts.UserDir)
	names := rowNames(c.opts.App, c.opts.Catalog, func(row Row) bool {
		return row.Plugin != nil && filepath.Clean(row.Plugin.Dir) == dir
	})
	return nextWords(names, args)
}

// removeRun removes the plugin, file or folder, and its manifest from the
// user's plugin directory, once the user said yes: on a terminal it asks,
// elsewhere it needs --yes.
func removeRun(opts *RemoveOptions) error {
	words, err := names.SplitName(opts.Name)
	if err != nil {
		return command.Usagef("plugin remove: %w", err)
	}
	name := strings.Join(words, " ")
	dir := opts.UserDir
	path := filepath.Join(dir, discovery.FileName(opts.App, words))
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if p := opts.Catalog.Lookup(words); p != nil {
			return fmt.Errorf("%s is not installed in %s but found at %s: remove that yourself", name, dir, p.Path)
		}
		return command.Usagef("no plugin %q installed in %s", name, dir)
	}
	if ok, err := confirmRemove(opts, name, dir); !ok || err != nil {
		return err
	}
	// Under the install lock (taken once the user said yes, not while
	// asking): never half-way through an install of it.
	unlock, err := discovery.LockPluginDir(dir)
	if err != nil {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	defer unlock()
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	if err := os.Remove(path + ".yaml"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	fmt.Fprintf(opts.Out, "removed %s from %s\n", name, dir)
	return nil
}

// confirmRemove asks whether to remove name from dir, unless --yes was
// given. No terminal to ask on is a usage error saying how to proceed;
// "no" keeps the plugin, says so and is no error.
func confirmRemove(opts *RemoveOptions, name, dir string) (bool, error) {
	if opts.Yes || opts.IO == nil {
		return true, nil
	}
	ok, err := opts.IO.Confirm(fmt.Sprintf("Remove %s from %s?", name, dir))
	var nt *command.NoTerminalError
	if errors.As(err, &nt) {
		return false, command.Usagef("plugin remove: not removing %s without asking, and there is no terminal to ask on: pass --yes to remove it", name)
	}
	if err != nil {
		return false, err
	}
	if !ok {
		fmt.Fprintf(opts.Out, "kept %s in %s\n", name, dir)
	}
	return ok, nil
}

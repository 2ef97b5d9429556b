package plugincmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/install"
)

// UpgradeOptions are the inputs of plugin upgrade.
type UpgradeOptions struct {
	// Out receives one line per plugin; ErrOut the stderr of
	// "EXE --longshore-manifest".
	Out, ErrOut io.Writer
	// Progress is told when a download, clone or build starts and stops;
	// nil shows nothing.
	Progress install.Progress
	// App is the app's name.
	App string
	// UserDir is the plugin directory whose plugins are upgraded.
	UserDir string
	// Catalog checks the names and finds a plugin installed elsewhere.
	Catalog Catalog
	// Env is the environment of the go and git commands run; nil is the
	// process's own.
	Env []string
	// Fetch opens archives by URL; nil runs curl (install.Target.Fetch).
	Fetch install.Fetcher
	// Name is the plugin and the version asked for, "NAME[@VERSION]",
	// its words joined by one space; "" with All.
	Name string
	// All upgrades every plugin installed from a source (--all).
	All bool
}

// NewUpgradeCmd returns "plugin upgrade NAME[@VERSION]" built on o. runF,
// when not nil, runs instead of upgradeRun.
func NewUpgradeCmd(o *Options, runF func(context.Context, *UpgradeOptions) error) command.Command {
	if runF == nil {
		runF = upgradeRun
	}
	return &upgradeCmd{opts: UpgradeOptions{App: o.App, UserDir: o.UserDir, Catalog: o.Catalog}, runF: runF}
}

type upgradeCmd struct {
	opts UpgradeOptions
	runF func(context.Context, *UpgradeOptions) error
}

var (
	_ command.Runner       = (*upgradeCmd)(nil)
	_ command.FlagDeclarer = (*upgradeCmd)(nil)
	_ command.ArgCompleter = (*upgradeCmd)(nil)
)

func (*upgradeCmd) Info() command.Info {
	return command.Info{
		Short: "Upgrade installed plugins from where they were installed from",
		Long: "Reinstall a plugin that plugin install installed from the source it recorded: a Go\n" +
			"module or a git repository at its newest version, or at VERSION (a module version, a\n" +
			"git tag or commit); an archive from its URL or path, refused if its checksum changed; a\n" +
			"local file or folder copied again. With --all, every such plugin in the user's plugin\n" +
			"directory, going on after a failure.\n\n" +
			"The new version is built beside the old one and put in its place only once it is\n" +
			"complete and valid: a failed upgrade leaves the old version working. A plugin already\n" +
			"at the newest version is left alone (\"NAME is up to date\").",
		Usage: "NAME[@VERSION] | --all",
		Args:  command.Args{Min: 0, Max: command.Unlimited},
	}
}

// Flags adds --all.
func (c *upgradeCmd) Flags(fs *pflag.FlagSet) {
	fs.BoolVar(&c.opts.All, "all", false, "upgrade every plugin installed from a source")
}

func (c *upgradeCmd) Run(ctx context.Context, inv *command.Invocation) error {
	opts := c.opts
	opts.Out, opts.ErrOut, opts.Name = inv.IO.Out, inv.IO.ErrOut, strings.Join(inv.Args, " ")
	opts.Progress = progressOf(inv.IO)
	return c.runF(ctx, &opts)
}

// CompleteArgs offers the plugins installed in the user's plugin
// directory, the only ones plugin upgrade upgrades.
func (c *upgradeCmd) CompleteArgs(_ command.Env, args []string, toComplete string) []string {
	if c.opts.All {
		return nil
	}
	dir := filepath.Clean(c.opts.UserDir)
	names := rowNames(c.opts.App, c.opts.Catalog, func(row Row) bool {
		return row.Plugin != nil && row.Kind == "command" && filepath.Clean(row.Plugin.Dir) == dir
	})
	return nextWords(names, args)
}

// upgradeRun upgrades one plugin, or every one with --all, and says what
// became of each.
func upgradeRun(ctx context.Context, opts *UpgradeOptions) error {
	t := newTarget(targetOptions{app: opts.App, dir: opts.UserDir, cat: opts.Catalog, env: opts.Env,
		fetch: opts.Fetch, errOut: opts.ErrOut})
	switch {
	case opts.All && opts.Name != "":
		return command.Usagef("plugin upgrade: give NAME or --all, not both")
	case opts.All:
		return upgradeAll(ctx, opts, t)
	case opts.Name == "":
		return command.Usagef("plugin upgrade: give the plugin to upgrade, NAME[@VERSION], or --all")
	}
	name, version := install.SplitVersion(opts.Name)
	res, err := install.Upgrade(ctx, t, name, version, opts.Progress)
	if err != nil {
		if errors.Is(err, install.ErrNotInstalled) {
			if p := opts.Catalog.Lookup(strings.Fields(name)); p != nil {
				return fmt.Errorf("upgrade %s: not installed in %s but found at %s: upgrade it where it came from", name, opts.UserDir, p.Path)
			}
			return command.Usagef("%w", err)
		}
		return err
	}
	fmt.Fprintln(opts.Out, discovery.Escape(upgradedLine(res)))
	return nil
}

// upgradeAll upgrades every plugin installed from a source, printing a
// line for each that worked; the error names each that failed.
func upgradeAll(ctx context.Context, opts *UpgradeOptions, t install.Target) error {
	results, err := install.UpgradeAll(ctx, t, opts.Progress)
	for _, res := range results {
		fmt.Fprintln(opts.Out, discovery.Escape(upgradedLine(res)))
	}
	if err != nil {
		errs := []error{err}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		}
		return &upgradeErrors{errs: errs, total: len(results) + len(errs)}
	}
	if len(results) == 0 {
		fmt.Fprintf(opts.Out, "nothing to upgrade: no plugin in %s was installed from a source\n", opts.UserDir)
	}
	return nil
}

// upgradeErrors is the error of plugin upgrade --all: one error for each
// plugin that failed, on one line.
type upgradeErrors struct {
	errs  []error
	total int
}

func (e *upgradeErrors) Error() string {
	msgs := make([]string, len(e.errs))
	for i, err := range e.errs {
		msgs[i] = err.Error()
	}
	return fmt.Sprintf("%d of %d upgrades failed: %s", len(e.errs), e.total, strings.Join(msgs, "; "))
}

func (e *upgradeErrors) Unwrap() []error { return e.errs }

// upgradedLine says what an upgrade did: "hi is up to date (v1.1.0)",
// "upgraded hi from v1.0.0 to v1.1.0" ("downgraded" to an older version,
// "changed" when the versions do not compare), or "reinstalled hi 1.0
// from /src/demoapp-hi" when the version did not change or is not known.
func upgradedLine(res install.Result) string {
	v := res.Record.Version
	switch {
	case res.Unchanged && v != "":
		return fmt.Sprintf("%s is up to date (%s)", res.Name, v)
	case res.Unchanged:
		return res.Name + " is up to date"
	case res.Previous != nil && res.Previous.Version != "" && v != "" && res.Previous.Version != v:
		verb := "changed"
		if c, ok := compareVersions(res.Previous.Version, v); ok && c < 0 {
			verb = "upgraded"
		} else if ok && c > 0 {
			verb = "downgraded"
		}
		return fmt.Sprintf("%s %s from %s to %s", verb, res.Name, res.Previous.Version, v)
	case v != "":
		return fmt.Sprintf("reinstalled %s %s from %s", res.Name, v, res.Record.Source)
	}
	return fmt.Sprintf("reinstalled %s from %s", res.Name, res.Record.Source)
}

// compareVersions compares two semantic versions ("v1.2.3", "1.2",
// "v2.0.0-rc.1"): -1, 0 or 1, and whether both are versions at all.
// Build metadata is ignored; prerelease identifiers compare as strings,
// below the release.
func compareVersions(a, b string) (int, bool) {
	pa, pra, ok := parseVersion(a)
	if !ok {
		return 0, false
	}
	pb, prb, ok := parseVersion(b)
	if !ok {
		return 0, false
	}
	for i := range pa {
		if c := cmp.Compare(pa[i], pb[i]); c != 0 {
			return c, true
		}
	}
	switch {
	case pra == prb:
		return 0, true
	case pra == "":
		return 1, true
	case prb == "":
		return -1, true
	}
	return strings.Compare(pra, prb), true
}

// parseVersion reads "v1.2.3-pre+build" as its three numbers (missing
// ones are 0) and its prerelease.
func parseVersion(v string) (nums [3]int, pre string, ok bool) {
	v = strings.TrimPrefix(v, "v")
	v, _, _ = strings.Cut(v, "+")
	v, pre, _ = strings.Cut(v, "-")
	parts := strings.Split(v, ".")
	if len(parts) > 3 {
		return nums, "", false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || p == "" || p[0] == '+' {
			return nums, "", false
		}
		nums[i] = n
	}
	return nums, pre, true
}

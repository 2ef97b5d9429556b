package plugincmd

import (
	"bytes"
	"context"
	"testing"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

// invoke parses args as the app would (flags, then the rest) and runs c.
func invoke(t *testing.T, c command.Command, args ...string) {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	if fd, ok := c.(command.FlagDeclarer); ok {
		fd.Flags(fs)
	}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	inv := &command.Invocation{Args: fs.Args(), Flags: fs, IO: &command.IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
	var err error
	switch c := c.(type) {
	case command.Runner:
		err = c.Run(context.Background(), inv)
	case command.Lister:
		_, err = c.List(context.Background(), inv)
	case command.Shower:
		_, err = c.Show(context.Background(), inv)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestCommandsFillTheirOptions(t *testing.T) {
	o := &Options{App: "tapp", EnvPrefix: "TAPP", UserDir: "/u", WorkDir: "/w", Catalog: &fakeCatalog{}}

	var install *InstallOptions
	invoke(t, NewInstallCmd(o, func(_ context.Context, opts *InstallOptions) error { install = opts; return nil }), "--from-longshore", "./tapp-x")
	if install.Ref != "./tapp-x" || !install.FromLongshore || install.UserDir != "/u" || install.App != "tapp" || install.Out == nil || install.Progress == nil {
		t.Errorf("install options %+v", install)
	}
	invoke(t, NewInstallCmd(o, func(_ context.Context, opts *InstallOptions) error { install = opts; return nil }), "--git", "--force", "--sha256", "ab", "../tapp-x@v1")
	if install.Ref != "../tapp-x@v1" || !install.Git || !install.Force || install.SHA256 != "ab" || install.FromLongshore {
		t.Errorf("install options %+v", install)
	}

	var upgrade *UpgradeOptions
	invoke(t, NewUpgradeCmd(o, func(_ context.Context, opts *UpgradeOptions) error { upgrade = opts; return nil }), "files", "stat@v1.2.0")
	if upgrade.Name != "files stat@v1.2.0" || upgrade.All || upgrade.UserDir != "/u" || upgrade.Out == nil || upgrade.Progress == nil {
		t.Errorf("upgrade options %+v", upgrade)
	}
	invoke(t, NewUpgradeCmd(o, func(_ context.Context, opts *UpgradeOptions) error { upgrade = opts; return nil }), "--all")
	if upgrade.Name != "" || !upgrade.All {
		t.Errorf("upgrade --all options %+v", upgrade)
	}

	var create *CreateOptions
	invoke(t, NewCreateCmd(o, func(opts *CreateOptions) error { create = opts; return nil }), "dir", "size")
	if create.Name != "dir size" || create.Lang != "sh" || create.WorkDir != "/w" || create.EnvPrefix != "TAPP" {
		t.Errorf("create options %+v", create)
	}
	invoke(t, NewCreateCmd(o, func(opts *CreateOptions) error { create = opts; return nil }), "--lang", "go", "x")
	if create.Lang != "go" {
		t.Errorf("create --lang go: %+v", create)
	}

	var enable *EnableOptions
	invoke(t, NewEnableCmd(o, true, func(opts *EnableOptions) error { enable = opts; return nil }), "files", "list")
	if enable.Name != "files list" || !enable.Disable {
		t.Errorf("disable options %+v", enable)
	}

	var remove *RemoveOptions
	invoke(t, NewRemoveCmd(o, func(opts *RemoveOptions) error { remove = opts; return nil }), "hello")
	if remove.Name != "hello" || remove.UserDir != "/u" || remove.IO == nil || remove.Yes {
		t.Errorf("remove options %+v", remove)
	}
	invoke(t, NewRemoveCmd(o, func(opts *RemoveOptions) error { remove = opts; return nil }), "-y", "hello")
	if !remove.Yes {
		t.Errorf("remove -y: %+v", remove)
	}

	var show *ShowOptions
	invoke(t, NewShowCmd(o, func(opts *ShowOptions) (*command.Record, error) { show = opts; return &command.Record{}, nil }), "files", "stat")
	if show.Name != "files stat" {
		t.Errorf("show options %+v", show)
	}
}

func TestCompleteArgs(t *testing.T) {
	inv := inventory()
	inv.External[0].Plugin.Dir = "/u/"
	o := &Options{App: "tapp", UserDir: "/u", Catalog: &fakeCatalog{inv: inv}}
	for _, tt := range []struct {
		c    command.Command
		args []string
		want []string
	}{
		{NewShowCmd(o, nil), nil, []string{"audit", "csv", "hello", "timing", "toml", "version", "weather", "xml"}},
		{NewRemoveCmd(o, nil), nil, []string{"audit", "hello", "toml"}},
	} {
		got := tt.c.(command.ArgCompleter).CompleteArgs(command.Env{}, tt.args, "")
		if !equal(got, tt.want) {
			t.Errorf("%T.CompleteArgs(%q) = %q, want %q", tt.c, tt.args, got, tt.want)
		}
	}
	if got := nextWords([]string{"files list", "files stat", "hello"}, []string{"files"}); !equal(got, []string{"list", "stat"}) {
		t.Errorf("nextWords = %q", got)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

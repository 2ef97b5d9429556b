package demo

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
)

func init() {
	command.Register(App, "files list", func() command.Command { return &filesList{} })
}

// filesList lists the entries of a directory, one row each.
type filesList struct {
	all bool
}

var (
	_ command.Lister         = (*filesList)(nil)
	_ command.FlagDeclarer   = (*filesList)(nil)
	_ command.ColumnDeclarer = (*filesList)(nil)
)

func (*filesList) Info() command.Info {
	return command.Info{
		Short:   "List the entries of a directory",
		Long:    "List the entries of DIR (default: the current directory) with their size,\nmode, modification time and kind. Hidden entries are left out unless -a.",
		Usage:   "[DIR]",
		Example: "  demoapp files list\n  demoapp files list -a /etc",
		Aliases: []string{"ls"},
		Args:    command.RangeArgs(0, 1),
		ArgKind: command.ArgsDirs,
	}
}

func (c *filesList) Flags(fs *pflag.FlagSet) {
	fs.BoolVarP(&c.all, "all", "a", false, "include entries whose names start with a dot")
}

// Columns declares the columns before the command runs.
func (*filesList) Columns() []string { return fileColumns }

var fileColumns = []string{"name", "size", "mode", "modified", "kind"}

func (c *filesList) List(ctx context.Context, inv *command.Invocation) (*command.Table, error) {
	dir := "."
	if len(inv.Args) > 0 {
		dir = inv.Args[0]
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	inv.Logger.Debug("listing directory", "dir", dir, "entries", len(entries))
	rows := func(yield func([]any, error) bool) {
		for _, e := range entries {
			if !c.all && strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			fi, err := os.Lstat(filepath.Join(dir, e.Name()))
			if err != nil {
				if !yield(nil, fmt.Errorf("stat %s: %w", e.Name(), err)) {
					return
				}
				continue
			}
			if !yield([]any{e.Name(), fi.Size(), fi.Mode().String(), modified(fi), kindOf(fi.Mode())}, nil) {
				return
			}
		}
	}
	return &command.Table{Columns: fileColumns, Rows: rows}, nil
}

// kindOf names the kind of a file from its mode.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "file"
	case m.IsDir():
		return "dir"
	case m&fs.ModeSymlink != 0:
		return "symlink"
	case m&fs.ModeNamedPipe != 0:
		return "fifo"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "other"
}

// modified is a file's modification time to the second: the nanoseconds a
// file system keeps would make it the widest column and mean nothing to a
// reader.
func modified(fi os.FileInfo) time.Time {
	return fi.ModTime().Truncate(time.Second)
}

package cli

import (
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/longshore/longshore/command"
)

// systemStreams returns the process's standard streams and what is known
// of the terminal each is on.
func systemStreams() *command.IOStreams {
	return &command.IOStreams{
		In:            os.Stdin,
		Out:           os.Stdout,
		ErrOut:        os.Stderr,
		InIsTerminal:  isTerminal(os.Stdin),
		OutIsTerminal: isTerminal(os.Stdout),
		ErrIsTerminal: isTerminal(os.Stderr),
	}
}

// isTerminal reports whether f is a terminal, as isatty does: a character
// device such as /dev/null is not one.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

// terminalSize returns the number of columns of the terminal f is on, or 0.
func terminalSize(f *os.File) int {
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil || w < 0 {
		return 0
	}
	return w
}

// terminalOptions are the global options and the config setting that shape
// how the streams behave on a terminal: colour, the pager and progress.
type terminalOptions struct {
	// color is --color.
	color command.ColorMode
	// quiet is -q: no progress.
	quiet bool
	// noPager is --no-pager.
	noPager bool
	// pager is the config's "pager:" value; pagerSet tells `pager: ""`
	// (no pager) from no setting at all.
	pager    string
	pagerSet bool
}

// addFlags declares --color and --no-pager on fs.
func (o *terminalOptions) addFlags(fs *pflag.FlagSet) {
	fs.Var(&o.color, "color", "colour the output: auto, always or never")
	fs.BoolVar(&o.noPager, "no-pager", false, "do not send help and lists through a pager")
}

// applyTerminal gives the streams the run's terminal settings: the options,
// the App's name and environment, and the width of the terminal stdout is
// on (its own figure, else $COLUMNS, else the terminal's size).
func (a *App) applyTerminal(s *command.IOStreams, o terminalOptions) {
	s.Color = o.color
	s.Quiet = o.quiet
	s.Pager = command.PagerConfig{
		App:        a.Name,
		Configured: o.pager,
		Disabled:   o.noPager || o.pagerSet && o.pager == "",
	}
	if s.LookupEnv == nil && a.Getenv != nil {
		getenv := a.Getenv
		s.LookupEnv = func(key string) (string, bool) {
			v := getenv(key)
			return v, v != ""
		}
	}
	if s.OutIsTerminal && s.TerminalWidth == 0 {
		if n, err := strconv.Atoi(a.getenv("COLUMNS")); err == nil && n > 0 {
			s.TerminalWidth = n
		} else if f, ok := s.Out.(*os.File); ok {
			s.TerminalWidth = terminalSize(f)
		}
	}
}

// applyTerminal gives the run's streams the terminal settings of its
// global options (--color, --no-pager, -q) and of the config's pager:. It
// is called once the command to run is known to be compiled in (and
// before an error is reported), never on the way to an external plugin,
// which gets the terminal as it is.
func (r *run) applyTerminal() {
	o := r.opts.term
	o.quiet = r.opts.quiet
	if r.sess != nil {
		if cfg, err := r.sess.config(); err == nil && cfg.Pager != nil {
			o.pager, o.pagerSet = *cfg.Pager, true
		}
	}
	r.app.applyTerminal(r.io, o)
}

// startPager sends the rest of the run's output through the pager when
// stdout is a terminal and paging is on (see command.PagerConfig); the run
// stops it as it ends. A line of the interactive shell is not paged.
func (r *run) startPager() error {
	if r.inShell {
		return nil
	}
	r.applyTerminal()
	if err := r.io.StartPager(); err != nil {
		return err
	}
	if r.cobraOut != nil {
		r.cobraOut.w = r.io.Out
	}
	return nil
}

// stopPager waits for the pager, if one runs, and gives the output back.
func (r *run) stopPager() {
	r.io.StopPager()
	if r.cobraOut != nil {
		r.cobraOut.w = r.io.Out
	}
}

// pageHelp makes help, from "help", --help or a group run without a
// command, go through the pager.
func (r *run) pageHelp(root *cobra.Command) {
	help := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if err := r.startPager(); err != nil {
			fmt.Fprintf(r.io.ErrOut, "%s%s\n", warningPrefix(r.app.Name, r.io), err)
		}
		help(c, args)
	})
}

// pagerClosed turns the pager's closing, the user quitting it before the
// end, into success.
func pagerClosed(err error) error {
	if errors.Is(err, command.ErrPagerClosed) {
		return nil
	}
	return err
}

// errorPrefix is "<app>: error: ", with "error:" in red when stderr may be
// coloured.
func errorPrefix(app string, s *command.IOStreams) string {
	return app + ": " + s.ErrColorScheme().Red("error:") + " "
}

// warningPrefix is "<app>: warning: ", with "warning:" in yellow when
// stderr may be coloured.
func warningPrefix(app string, s *command.IOStreams) string {
	return app + ": " + s.ErrColorScheme().Yellow("warning:") + " "
}

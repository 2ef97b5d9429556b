package command

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
)

// PagerConfig chooses the pager of [IOStreams.StartPager]. The program is
// the first of: $<APP>_PAGER, Configured, $PAGER, then "less" (run with
// LESS=FRX when LESS is unset, so that output shorter than the screen is
// printed directly and colour survives). An environment variable set to ""
// or "cat" turns paging off, as git's do.
type PagerConfig struct {
	// App is the application's name, e.g. "demoapp": it names the
	// $<APP>_PAGER variable (upper-cased, other characters than letters
	// and digits as "_") and prefixes the warning about a missing pager.
	App string
	// Configured is the config file's "pager:" value, "" when absent.
	Configured string
	// Disabled turns paging off, as --no-pager and `pager: ""` do.
	Disabled bool
}

// ErrPagerClosed is returned by writes to Out once the pager has exited
// before reading everything, typically because the user pressed q. A
// command may return it as it is: the App treats it as success.
var ErrPagerClosed = errors.New("pager closed")

// termState is what the streams run on the terminal: a pager and a
// progress indicator.
type termState struct {
	pager    *pagerRun
	progress *progress
	// warned is set once the missing pager has been reported.
	warned bool
	// tickless draws progress only when asked, for tests (see TestIO).
	tickless bool
}

func (s *IOStreams) state() *termState {
	if s.term == nil {
		s.term = &termState{}
	}
	return s.term
}

type pagerRun struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	saved io.Writer
}

// pagerWriter writes to the pager and turns a broken pipe into
// [ErrPagerClosed].
type pagerWriter struct{ w io.Writer }

func (p pagerWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	if err != nil && (errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed)) {
		err = ErrPagerClosed
	}
	return n, err
}

// PagerCommand returns the pager program and its arguments chosen by the
// documented order, or nil when output is not paged: Out is not a
// terminal, paging is disabled, or the chosen setting is "" or "cat".
// The setting is split at spaces; it is not given to a shell.
func (s *IOStreams) PagerCommand() []string {
	if !s.OutIsTerminal || s.Pager.Disabled {
		return nil
	}
	setting, found := "", false
	if s.Pager.App != "" {
		setting, found = s.lookupEnv(envName(s.Pager.App) + "_PAGER")
	}
	if !found && s.Pager.Configured != "" {
		setting, found = s.Pager.Configured, true
	}
	if !found {
		setting, found = s.lookupEnv("PAGER")
	}
	if !found {
		setting = "less"
	}
	argv := strings.Fields(setting)
	if len(argv) == 0 || argv[0] == "cat" && len(argv) == 1 {
		return nil
	}
	return argv
}

// StartPager sends what is written to Out from now on through the pager
// (see [PagerConfig]) until [IOStreams.StopPager]. It does nothing when Out
// is not a terminal or paging is off. A pager program that cannot be found
// or started leaves Out as it was, with one warning on ErrOut. Once the
// user quits the pager, writes to Out return [ErrPagerClosed].
func (s *IOStreams) StartPager() error {
	st := s.state()
	if st.pager != nil {
		return nil
	}
	argv := s.PagerCommand()
	if argv == nil {
		return nil
	}
	path, err := exec.LookPath(argv[0])
	if err != nil {
		s.warnPager(argv[0], "not found")
		return nil
	}
	cmd := exec.Command(path, argv[1:]...)
	cmd.Env = os.Environ()
	for key, dflt := range map[string]string{"LESS": "FRX", "LV": "-c"} {
		v, ok := s.lookupEnv(key)
		if !ok {
			v = dflt
		}
		cmd.Env = append(cmd.Env, key+"="+v)
	}
	cmd.Stdout = s.Out
	cmd.Stderr = s.ErrOut
	in, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("start pager %q: %w", argv[0], err)
	}
	if err := cmd.Start(); err != nil {
		s.warnPager(argv[0], "cannot start: "+err.Error())
		return nil
	}
	st.pager = &pagerRun{cmd: cmd, in: in, saved: s.Out}
	s.Out = pagerWriter{w: in}
	return nil
}

// StopPager ends the input of the pager started by [IOStreams.StartPager],
// waits until the user leaves it and gives Out back. The pager's own exit
// status is not an error. It does nothing when no pager runs.
func (s *IOStreams) StopPager() {
	st := s.state()
	p := st.pager
	if p == nil {
		return
	}
	st.pager = nil
	s.Out = p.saved
	_ = p.in.Close()
	_ = p.cmd.Wait()
}

func (s *IOStreams) warnPager(name, why string) {
	st := s.state()
	if st.warned {
		return
	}
	st.warned = true
	prefix := s.ErrColorScheme().Yellow("warning:") + " "
	if s.Pager.App != "" {
		prefix = s.Pager.App + ": " + prefix
	}
	fmt.Fprintf(s.ErrOut, "%spager %q %s; output is not paged\n", prefix, name, why)
}

// envName spells an application name as an environment variable prefix:
// "demo-app" is "DEMO_APP".
func envName(app string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		}
		return '_'
	}, app)
}

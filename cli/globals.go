package cli

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/pflag"
)

// globalOptions are the options every App has, before or after the command.
type globalOptions struct {
	verbose int
	quiet   bool
	debug   bool
	logFile string
	config  string
	// format is -f, the formatter of listers and showers.
	format string
	// term is --color and --no-pager (see streams.go).
	term terminalOptions
}

// addFlags declares the global options on fs.
func (o *globalOptions) addFlags(fs *pflag.FlagSet) {
	fs.CountVarP(&o.verbose, "verbose", "v", "log more: -v info, -vv debug (repeatable)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "log errors only and draw no progress")
	fs.BoolVar(&o.debug, "debug", false, "log everything and show error chains and stacks")
	fs.StringVar(&o.logFile, "log-file", "", "append the log to `FILE` instead of stderr")
	fs.StringVar(&o.config, "config", "", "read the configuration from `FILE`")
	o.term.addFlags(fs)
	// Its usage names the formatters, written when help can show it (see
	// tree.describeFormatFlag): a run that shows none does not list them.
	fs.StringVarP(&o.format, formatFlag, "f", "", "output `FORMAT` of listers and showers")
}

// level is the log level the options ask for.
func (o *globalOptions) level() slog.Level {
	switch {
	case o.debug || o.verbose >= 2:
		return slog.LevelDebug
	case o.verbose == 1:
		return slog.LevelInfo
	case o.quiet:
		return slog.LevelError
	}
	return slog.LevelWarn
}

// runLog is a run's logger and, with --log-file, the file it appends to.
type runLog struct {
	logger *slog.Logger
	file   *os.File
}

// open sets up the logger the options ask for: on errOut, or appending to
// the --log-file.
func (l *runLog) open(o globalOptions, errOut io.Writer) error {
	w := errOut
	if o.logFile != "" {
		// Only the user may read it: a log may hold what a command was
		// given or printed.
		f, err := os.OpenFile(o.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("open log file: %w", err)
		}
		w, l.file = f, f
	}
	l.logger = slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: o.level()}))
	return nil
}

// close closes the log file, if any; the logger then writes nothing.
func (l *runLog) close() {
	if l.file != nil {
		l.file.Close()
		l.file = nil
		l.logger = slog.New(slog.DiscardHandler)
	}
}

// logError records the error a run ends with in the log file (stderr has
// it already), with its chain when debug is set.
func (l *runLog) logError(err error, words []string, debug bool) {
	if l.file == nil {
		return
	}
	logger := l.logger
	if len(words) > 0 {
		logger = logger.With("command", strings.Join(words, " "))
	}
	logger.Error("command failed", "err", oneLine(err.Error()))
	if debug {
		writeChain(l.file, err)
	}
}

package cli

import (
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/pflag"
)

// globalOptions are the options every App has, before or after the command.
type globalOptions struct {
	verbose int
	quiet   bool
	debug   bool
	logFile string
	config  string
}

// addFlags declares the global options on fs.
func (o *globalOptions) addFlags(fs *pflag.FlagSet) {
	fs.CountVarP(&o.verbose, "verbose", "v", "log more: -v info, -vv debug (repeatable)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "log errors only")
	fs.BoolVar(&o.debug, "debug", false, "log everything and show error chains and stacks")
	fs.StringVar(&o.logFile, "log-file", "", "append the log to `FILE` instead of stderr")
	fs.StringVar(&o.config, "config", "", "read the configuration from `FILE`")
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

// openLog returns the logger the options ask for and what to close after
// the run (nil when logging to errOut).
func (o *globalOptions) openLog(errOut io.Writer) (*slog.Logger, io.Closer, error) {
	w := errOut
	var closer io.Closer
	if o.logFile != "" {
		// Only the user may read it: a log may hold what a command was
		// given or printed.
		f, err := os.OpenFile(o.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return nil, nil, fmt.Errorf("open log file: %w", err)
		}
		w, closer = f, f
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: o.level()})), closer, nil
}

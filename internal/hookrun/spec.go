package hookrun

import (
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/hooks"
)

// DefaultTimeout is how long an external hook may run when its Spec gives
// no timeout.
const DefaultTimeout = 10 * time.Second

// defineFlag adds a spec's flag to fs; the spec has been checked.
func defineFlag(f hooks.FlagSpec, fs *pflag.FlagSet) {
	switch f.Type {
	case "bool":
		b, _ := strconv.ParseBool(strings.TrimSpace(f.Default))
		fs.Bool(f.Name, b, f.Usage)
	case "int":
		n, _ := strconv.Atoi(strings.TrimSpace(f.Default))
		fs.Int(f.Name, n, f.Usage)
	default:
		fs.String(f.Name, f.Default, f.Usage)
	}
}

// timeout returns a spec's timeout.
func timeout(s hooks.Spec) time.Duration {
	if s.Timeout == 0 {
		return DefaultTimeout
	}
	return s.Timeout
}

// DescribeSpec returns what `plugin list` needs of an external hook.
func DescribeSpec(s hooks.Spec) Description {
	return Description{Name: s.Name, Kind: "hook", Commands: s.Commands, Phases: phases(s.Before, s.After),
		Required: s.Required, Priority: s.Priority, Description: s.Description, Err: s.Check()}
}

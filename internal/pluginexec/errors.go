package pluginexec

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"

	"github.com/longshore/longshore/command"
)

// ExitCannotExecute is the exit code for a plugin found but not runnable.
const ExitCannotExecute = 126

// startError turns a failure to exec or start path into a clear error
// with exit code 126, or nil for nil.
func startError(path string, err error) error {
	if err == nil {
		return nil
	}
	var reason string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if interp := interpreter(path); interp != "" {
			reason = fmt.Sprintf("its interpreter %s (from the #! line) was not found", interp)
		} else {
			reason = "file not found"
		}
	case errors.Is(err, fs.ErrPermission):
		reason = "permission denied"
	case errors.Is(err, syscall.ENOEXEC):
		reason = "not a binary for this machine nor a script starting with #!"
	default:
		reason = err.Error()
	}
	return &command.ExitError{Code: ExitCannotExecute, Err: fmt.Errorf("cannot execute %s: %s", path, reason)}
}

// interpreter returns the program named by path's "#!" line, or "".
func interpreter(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	rest, ok := strings.CutPrefix(line, "#!")
	if !ok {
		return ""
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return ""
	}
	return fields[0]
}

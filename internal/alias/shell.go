package alias

import (
	"fmt"

	"github.com/longshore/longshore/internal/discovery"
)

// ShellCommand returns the program that runs the shell alias a with the
// user's arguments args, and its argument list (argv[0] first), in git's
// form: the alias's command line runs with sh -c, the alias's name is $0
// and the user's arguments are $1, $2, ... ("$@"). When the user gives
// arguments, "$@" is also appended to the command line, so that "!git
// status" passes them on; a command that places them itself, as
// "!f() { grep \"$1\" notes; }; f" does, ends in a function call or a
// comment ("... #"). lookPath finds sh where there is no /bin/sh
// (Windows).
func ShellCommand(a *discovery.Alias, args []string, lookPath func(string) (string, error)) (path string, argv []string, err error) {
	if a.Shell == "" {
		return "", nil, fmt.Errorf("alias %q is not a shell alias", a.Name)
	}
	path, err = shellPath(lookPath)
	if err != nil {
		return "", nil, fmt.Errorf("alias %q: %w", a.Name, err)
	}
	script := a.Shell
	if len(args) > 0 {
		script += ` "$@"`
	}
	return path, append([]string{"sh", "-c", script, a.Name}, args...), nil
}

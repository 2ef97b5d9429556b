//go:build windows

package alias

import "errors"

// shellPath returns the POSIX shell that runs shell aliases: sh on PATH
// (Git for Windows, MSYS2 and Cygwin provide one); cmd.exe is not one.
func shellPath(lookPath func(string) (string, error)) (string, error) {
	if path, err := lookPath("sh"); err == nil {
		return path, nil
	}
	return "", errors.New("shell aliases need a POSIX sh on PATH (Git for Windows provides one)")
}

//go:build !windows

package alias

// shellPath returns the POSIX shell that runs shell aliases: /bin/sh.
func shellPath(func(string) (string, error)) (string, error) {
	return "/bin/sh", nil
}

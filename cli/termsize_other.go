//go:build !unix

package cli

import "os"

// terminalSize returns 0: the terminal's size is not known here.
func terminalSize(*os.File) int { return 0 }

package plugincmd

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"time"

	"github.com/longshore/longshore/internal/discovery"
	"github.com/longshore/longshore/internal/install"
)

// longshoreModule is Longshore's Go module; a binary that links it is a
// Longshore app.
const longshoreModule = "github.com/longshore/longshore"

// manifestTimeout bounds how long "<exe> --longshore-manifest" may take.
const manifestTimeout = 10 * time.Second

// isLongshoreApp reports whether the executable at path is a Go program
// built with Longshore. It reads the Go build information the linker puts
// in the file; it never runs it.
func isLongshoreApp(path string) bool {
	bi, err := install.ReadGoBuildInfo(path)
	if err != nil {
		return false
	}
	if bi.Main.Path == longshoreModule {
		return true
	}
	for _, d := range bi.Deps {
		if d.Path == longshoreModule {
			return true
		}
	}
	return false
}

// askManifest runs "<exe> --longshore-manifest" and returns the manifest
// it prints, validated. Its stderr goes to errOut.
func askManifest(ctx context.Context, errOut io.Writer, exe string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, manifestTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, ManifestFlag)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %s: %w", exe, ManifestFlag, err)
	}
	if _, err := discovery.ParseManifest(exe+" "+ManifestFlag, out.Bytes()); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

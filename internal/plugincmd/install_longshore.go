package plugincmd

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/longshore/longshore/internal/discovery"
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
	bi, err := buildinfo.ReadFile(path)
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
// it prints, validated. Its stderr goes to opts.ErrOut.
func askManifest(ctx context.Context, opts *InstallOptions, exe string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, manifestTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, ManifestFlag)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, opts.ErrOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %s: %w", exe, ManifestFlag, err)
	}
	if _, err := discovery.ParseManifest(exe+" "+ManifestFlag, out.Bytes()); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// installManifest writes the manifest of the executable plugin src,
// installed at dest, as dest.yaml when the user asks (--from-longshore) or
// when src is a Longshore app with no manifest of its own beside it. It
// reports whether it wrote one.
func installManifest(ctx context.Context, opts *InstallOptions, p *discovery.Plugin, src, dest string) (bool, error) {
	if p.Folder != "" || !opts.FromLongshore && (p.ManifestPath != "" || !isLongshoreApp(src)) {
		return false, nil
	}
	data, err := askManifest(ctx, opts, src)
	if err != nil {
		return false, err
	}
	tmp := filepath.Join(filepath.Dir(dest), ".tmp-"+filepath.Base(dest)+".yaml")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return false, err
	}
	return true, os.Rename(tmp, dest+".yaml")
}

package cli

import (
	"testing"

	"github.com/longshore/longshore/internal/plugincmd"
)

// plugin install asks an executable for its manifest with the flag this
// package's apps answer.
func TestManifestFlagIsPluginInstalls(t *testing.T) {
	if ManifestFlag != plugincmd.ManifestFlag {
		t.Errorf("cli.ManifestFlag %q, plugincmd.ManifestFlag %q", ManifestFlag, plugincmd.ManifestFlag)
	}
}

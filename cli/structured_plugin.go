package cli

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
)

// ManifestFlag is the argument that makes a Longshore App print its own
// plugin manifest (YAML) and exit, so that another Longshore app's
// "plugin install" can write it beside the executable.
const ManifestFlag = "--longshore-manifest"

// structuredRequested reports whether this App runs as another Longshore
// app's structured plugin: $LONGSHORE_OUTPUT is "jsonl". Its listers and
// showers then print the wire format instead of formatting.
func (a *App) structuredRequested() bool {
	return a.getenv(outputEnv) == formatters.WireFormat
}

// pluginManifest is what --longshore-manifest prints; the name is left out:
// it comes from the file name the plugin is installed under.
type pluginManifest struct {
	Version     string `yaml:"version,omitempty"`
	Description string `yaml:"description,omitempty"`
	Long        string `yaml:"long,omitempty"`
	Completion  bool   `yaml:"completion"`
	Output      string `yaml:"output,omitempty"`
}

// printManifest writes the App's plugin manifest: its version and
// description, completion (a Longshore App answers __complete), and, for a
// single-command App whose command is a lister or shower, its output kind.
func (r *run) printManifest() error {
	a := r.app
	m := pluginManifest{Version: a.Version, Description: a.Description, Completion: true}
	if a.Long != "" && a.Long != a.Description {
		m.Long = a.Long
	}
	if a.Main != nil {
		c, err := command.GuardValue(fmt.Sprintf("command %q", a.Name), func() (command.Command, error) { return a.Main(), nil })
		if err != nil {
			return err
		}
		switch c.(type) {
		case command.Lister:
			m.Output = "list"
		case command.Shower:
			m.Output = "record"
		}
	}
	b, err := yaml.Marshal(m)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(r.io.Out, "# Plugin manifest of %s %s (printed by %s)\n%s", a.Name, a.Version, ManifestFlag, b)
	return err
}

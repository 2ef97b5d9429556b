package cli

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/registry"
)

// ManifestFlag is the argument that makes a Longshore App print its own
// plugin manifest (YAML) and exit, so that another Longshore app's
// "plugin install" can write it beside the executable.
const ManifestFlag = "--longshore-manifest"

// structuredRequested reports whether this App runs as another Longshore
// app's structured plugin: $LONGSHORE_OUTPUT is "jsonl". Its listers and
// showers then print the wire format instead of formatting.
func (r *run) structuredRequested() bool {
	return r.app.getenv(outputEnv) == formatters.WireFormat
}

// single reports whether the App is a single-command app (App.Main): it
// takes no command words and runs no external plugins.
func (r *run) single() bool { return r.app.Main != nil }

// buildMain makes the root run App.Main: its flags, arguments, output
// options and completion become the root's.
func (r *run) buildMain() {
	if r.app.Main == nil {
		return
	}
	root := r.root
	leaf := r.leafCommand(registry.Entry[command.Command]{App: r.app.Name, Name: r.app.Name, New: r.app.Main, Registrant: "App.Main"})
	root.Use = leaf.Use
	root.Example = leaf.Example
	root.Args, root.RunE, root.ValidArgsFunction = leaf.Args, leaf.RunE, leaf.ValidArgsFunction
	root.Flags().AddFlagSet(leaf.Flags())
	if cols, ok := r.columns[leaf]; ok {
		r.columns[root] = cols
	}
	if kind := outputKind(leaf); kind != 0 {
		setOutputKind(root, kind)
	}
	if root.Long == root.Short && leaf.Long != "" {
		root.Long = leaf.Long
	}
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

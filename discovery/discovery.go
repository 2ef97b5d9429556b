// Package discovery reads Longshore plugin manifests, for tools that check
// or generate them: the YAML file "<app>-<name>.yaml" beside an external
// plugin's executable, or "plugin.yaml" in a plugin's own folder, as
// docs/plugins.md describes it.
//
// How an App finds, trusts, caches and runs plugins is its own business,
// under internal/; this package is only the manifest's format and its
// validation, the same the App applies.
package discovery

import "github.com/longshore/longshore/internal/discovery"

// Manifest describes an external plugin; every field is optional. Its
// fields are name, version, description, long, exec, completion, output,
// requires, hooks (each a hooks.Spec) and formatters, as docs/plugins.md
// lists them.
type Manifest = discovery.Manifest

// Requires is what a plugin needs: environment variables, executables on
// PATH and a minimum app version; a missing one makes it unavailable.
type Requires = discovery.Requires

// FormatterSpec declares one formatter a plugin provides, run as
// "<exe> format NAME".
type FormatterSpec = discovery.FormatterSpec

// ParseManifest decodes and validates a manifest read from path. Unknown
// keys, values of the wrong type and invalid values are errors of the form
// "path:line: message".
func ParseManifest(path string, data []byte) (*Manifest, error) {
	return discovery.ParseManifest(path, data)
}

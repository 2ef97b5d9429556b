// Package discovery finds and resolves plugins outside the binary: the
// user's configuration (which plugins are disabled, extra plugin
// directories), `<app>-<name>` executables in plugin directories and on
// PATH, and their manifests. It returns values and warnings; the cli package
// decides how to show them.
//
// It imports internal/names for the rules of command words and patterns,
// so that a plugin's file name maps to exactly the words a compiled-in
// command may have, and a manifest's hook patterns are those hooks use.
package discovery

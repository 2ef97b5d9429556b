// Package discovery finds and resolves plugins outside the binary: the
// user's configuration (which plugins are disabled, extra plugin
// directories), `<app>-<name>` executables in plugin directories and on
// PATH, and their manifests. It returns values and warnings; the cli package
// decides how to show them.
package discovery

// Package install installs external plugins from where they live: a local
// file or folder, a Go module (go install), an archive by URL or path
// (.tar.gz, .zip) and a git repository. It is the machinery behind
// "plugin install" and "plugin upgrade"; it prints nothing and picks no
// exit code, returning values and errors for the command to show.
//
// The life of one install:
//
//  1. [Parse] reads the user's argument into a [Source].
//  2. [Install] stages the plugin into a temporary folder beside the
//     target directory: it copies, unpacks, clones or builds it there.
//  3. The staged folder <app>-<name>/ gets a manifest (plugin.yaml: the
//     plugin's own, one from [Target.Manifest], or an empty one) and a
//     [Record] of where it came from ([RecordFile]).
//  4. It is validated as discovery finds it: a valid name, not refused by
//     [Target.Check], a valid manifest, an executable inside the folder.
//  5. It is renamed into place. An upgrade ([Upgrade], [UpgradeAll]) swaps
//     the old folder out only then, so a failed one leaves the old version
//     working.
//
// Every installed plugin is a folder plugin, so that its executable,
// manifest and record move together in one rename.
//
// It imports discovery for plugin names and manifests, and never cli.
package install

// Package demo holds the demo CLI's compiled-in commands. Each file registers
// one command in init under "demoapp.commands", so importing the package
// installs them all.
package demo

// Namespace is the registry namespace of demoapp's commands.
const Namespace = "demoapp.commands"

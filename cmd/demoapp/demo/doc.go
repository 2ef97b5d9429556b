// Package demo holds the demo CLI's compiled-in commands. Each file registers
// one command in init under "demoapp.commands", so importing the package
// installs them all.
package demo

// App is the name of the App the commands are registered for.
const App = "demoapp"

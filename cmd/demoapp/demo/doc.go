// Package demo holds the demo CLI's compiled-in commands. Each file registers
// one command in init for the App "demoapp", so importing the package
// installs them all.
package demo

// App is the name of the App the commands are registered for.
const App = "demoapp"

package command

// ArgKind says what a command's positional arguments are, so that shell
// completion and the interactive shell offer the right candidates. The zero
// value, [ArgsDefault], keeps the shells' usual guess.
type ArgKind int

const (
	// ArgsDefault completes file and directory names, the shells' usual
	// guess, unless the command takes no arguments.
	ArgsDefault ArgKind = iota
	// ArgsNone offers nothing: the arguments are free text.
	ArgsNone
	// ArgsFiles completes file and directory names.
	ArgsFiles
	// ArgsDirs completes directory names only.
	ArgsDirs
)

// String returns the kind's name, as in "dirs".
func (k ArgKind) String() string {
	switch k {
	case ArgsNone:
		return "none"
	case ArgsFiles:
		return "files"
	case ArgsDirs:
		return "dirs"
	}
	return "default"
}

// ArgCompleter is implemented by commands that offer their own candidates
// for a positional argument, such as the names of things they manage. It
// takes precedence over Info.ArgKind.
//
// CompleteArgs receives the App's environment (the one [Invocation].Env
// holds: read it, never os.Getenv, so that tests and the test kit can set
// it), the positional arguments already typed and the partial word being
// completed, and returns candidates; the App keeps those that start with
// toComplete. A candidate may carry a one-line description
// after a tab ("name\tdescription"), which shells that can show it do.
// It must be fast and have no side effects: it runs on every Tab.
type ArgCompleter interface {
	CompleteArgs(env Env, args []string, toComplete string) []string
}

package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/internal/discovery"
)

// externalCall is an external command resolved for this run.
type externalCall struct {
	plugin *discovery.Plugin
	// args are passed to the plugin untouched.
	args []string
}

// resolveEarly finds the external plugin the line names at the root
// before the compiled-in tree is built, when its first command word cannot
// be a compiled-in one: running a plugin then costs no more than reading
// the registry's names (building the tree is most of the app's start-up).
// It returns nil whenever the full path must decide: a compiled-in or
// reserved word, no plugin found, an error to report (scanErr among
// them), a structured plugin (its output options need the tree), or an
// App that adds commands of its own (Customize, Main).
func (t *tree) resolveEarly(l commandLine, scanErr error) *externalCall {
	if t.app.Customize != nil || t.app.Main != nil || scanErr != nil || len(l.words) > 0 || len(l.unknown) > 0 {
		return nil
	}
	if _, err := t.sess.config(); err != nil {
		return nil
	}
	call, err := t.resolveExternal(l)
	if err != nil || call == nil || structuredKind(call.plugin, call.args) != 0 {
		return nil
	}
	return call
}

// resolveExternal finds the external command the line names, lazily: it
// stats only the candidate file names (see discovery.Finder.Resolve). The
// candidates are the compiled-in words followed by the external ones,
// which have no option between them ("demoapp files stat -v x" tries
// "files stat" only); the longest match wins. It returns nil when the
// line names a compiled-in command, a reserved word, or no plugin matches.
// Everything after the plugin's name is the plugin's.
func (t *tree) resolveExternal(l commandLine) (*externalCall, error) {
	if l.extAt < 0 || t.app.Main != nil {
		return nil, nil
	}
	words := append(append([]string{}, l.words...), l.external...)
	if t.reserved(words[0]) {
		return nil, nil
	}
	finder, err := t.sess.find()
	if err != nil {
		return nil, err
	}
	depth := len(l.words)
	p, k, err := finder.Resolve(words, depth+1)
	var ne *discovery.NotExecutableError
	if errors.As(err, &ne) {
		return nil, &command.ExitError{Code: exitCannotExecute, Err: fmt.Errorf("cannot execute %s: not executable", ne.Path)}
	}
	if p == nil {
		return nil, err
	}
	if len(l.unknown) > 0 {
		// Before the plugin's name, only the app's options may come.
		fs := pflag.NewFlagSet(t.app.Name, pflag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.AddFlagSet(t.globals())
		return nil, flagError(t.root, fs.Parse(l.unknown))
	}
	call := &externalCall{plugin: p, args: l.pluginArgs(k - depth)}
	if l.help {
		// "demoapp --help hello": the plugin answers its own help.
		call.args = append([]string{"--help"}, call.args...)
	}
	return call, nil
}

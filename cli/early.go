package cli

import (
	"strings"
)

// earlyExternal finds the external plugin args name before the compiled-in
// command tree is built, when the first command word cannot be a
// compiled-in one: running a plugin then costs no more than reading the
// registry's names (building the tree is most of the app's start-up). It
// reports false whenever the full path must decide: a compiled-in or
// reserved word, no plugin found, an error to report, a structured plugin
// (its output options need the tree), or an App that adds commands of its
// own (Customize, Main).
func (r *run) earlyExternal(args []string) (*externalCall, bool) {
	if r.app.Customize != nil || r.single() {
		return nil, false
	}
	r.root = r.buildRoot()
	idx, _ := wordIndexes(args, r.globalFlagSet())
	if len(idx) == 0 || r.compiledInRootWord(args[idx[0]]) {
		return nil, false
	}
	r.opts.config = configArg(args)
	if _, err := r.config(); err != nil {
		return nil, false
	}
	call, err := r.resolveExternal(args)
	if err != nil || call == nil || structuredKind(call.plugin, call.args) != 0 {
		return nil, false
	}
	return call, true
}

// compiledInRootWord reports whether word is, or may be, the first word of
// a compiled-in command: a registered name's first word, an alias of a
// one-word command, a built-in command the App has, or a reserved word.
// It needs the registry, not the command tree.
func (r *run) compiledInRootWord(word string) bool {
	if r.rootWords == nil {
		r.rootWords = r.collectRootWords()
	}
	return reservedWords[word] || r.rootWords[word]
}

// collectRootWords returns the root words of the compiled-in commands.
func (r *run) collectRootWords() map[string]bool {
	words := map[string]bool{
		"plugin": !r.app.NoPluginCommands,
		"shell":  r.app.Interactive,
		"docs":   r.app.DocsCommand,
	}
	for _, e := range r.app.commandEntries() {
		first, _, multi := strings.Cut(e.Name, " ")
		words[first] = true
		if multi {
			continue
		}
		if _, info, err := loadCommand(e); err == nil {
			for _, a := range info.Aliases {
				words[a] = true
			}
		}
	}
	return words
}

package discovery

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/longshore/longshore/hooks"
	"github.com/longshore/longshore/internal/names"
)

// Manifest describes an external plugin: a YAML file called
// "<app>-<name>.yaml" beside its executable, or "plugin.yaml" in the
// plugin's own folder. Every field is optional.
type Manifest struct {
	// Name is the plugin's command words ("files stat"); when set it must
	// match the executable's name.
	Name string `yaml:"name"`
	// Version is the plugin's own version, shown by plugin list.
	Version string `yaml:"version"`
	// Description is the one-line summary shown in help and plugin list.
	Description string `yaml:"description"`
	// Long is the longer text shown by plugin show.
	Long string `yaml:"long"`
	// Exec is the executable of a folder plugin, relative to its folder
	// (default: the folder's name). It must stay inside the folder.
	Exec string `yaml:"exec"`
	// Completion says the plugin answers cobra's __complete protocol.
	Completion bool `yaml:"completion"`
	// Output is "list" or "record" for a plugin that prints structured
	// output when asked; empty for plain output.
	Output string `yaml:"output"`
	// Requires lists what must be present for the plugin to be available.
	Requires Requires `yaml:"requires"`
	// Hooks are the hooks the plugin's executable provides, each checked
	// by hooks.Spec.Check (the App fills in Plugin, Path, Description
	// and Environ).
	Hooks []hooks.Spec `yaml:"hooks"`
	// Formatters are the output formatters the plugin's executable provides.
	Formatters []FormatterSpec `yaml:"formatters"`
}

// Requires is what a plugin needs; a missing one makes it unavailable.
type Requires struct {
	// Env are environment variables that must be set and non-empty.
	Env []string `yaml:"env" json:"env,omitempty"`
	// Executables must be found on PATH.
	Executables []string `yaml:"executables" json:"executables,omitempty"`
	// App is the minimum version of the app, e.g. "0.1.0".
	App string `yaml:"app" json:"app,omitempty"`
}

// FormatterSpec declares one formatter run as "<exe> format NAME".
type FormatterSpec struct {
	// Name is what the user passes to -f.
	Name string `yaml:"name"`
	// Kind is "list", "record" or "both" (default "both").
	Kind string `yaml:"kind"`
}

// ParseManifest decodes and validates a manifest read from path. Unknown
// keys, values of the wrong type and invalid values are errors of the form
// "path:line: message".
func ParseManifest(path string, data []byte) (*Manifest, error) {
	return parseManifest(path, data, nil)
}

// parseManifest is ParseManifest that also refuses hook and formatter
// names taken (see Finder.Taken); taken may be nil.
func parseManifest(path string, data []byte, taken func(string) bool) (*Manifest, error) {
	// One pass of the parser: the strict decoding of the document, then
	// the check that no second one follows (see oneDocument). The node
	// tree, for the line of a field at fault, is built only when there is
	// one: a listing parses every manifest, and each pass cost as much.
	m := &Manifest{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(m); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(path, data, err)
	} else if err == nil {
		var second yaml.Node
		err := dec.Decode(&second)
		switch {
		case err == nil:
			return nil, secondDocument(path, data, &second)
		case !errors.Is(err, io.EOF):
			return nil, yamlError(path, data, err)
		}
	}
	if v := m.validate(taken); v != nil {
		var doc yaml.Node
		yaml.Unmarshal(data, &doc) // it decoded above
		return nil, fmt.Errorf("%s:%d: %s", path, lineAt(&doc, v.at...), v.msg)
	}
	return m, nil
}

// escape makes the manifest's free text safe to print to a terminal
// (Escape): a manifest is a plugin's words, and may hold control
// sequences. The text is only ever shown, so it is escaped once, here.
func (m *Manifest) escape() {
	m.Version = Escape(m.Version)
	m.Description = Escape(m.Description)
	m.Long = EscapeText(m.Long)
	for i, f := range m.Hooks {
		for j := range f.Flags {
			m.Hooks[i].Flags[j].Usage = Escape(f.Flags[j].Usage)
		}
	}
}

// invalid is a validation problem and the key path of the value at fault.
type invalid struct {
	at  []any
	msg string
}

func bad(msg string, at ...any) *invalid { return &invalid{at: at, msg: msg} }

// The patterns are compiled the first time a manifest needs them, not
// when the program starts: every run of an App pays for its package
// init, few read a manifest.
var (
	versionRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^v?\d+(\.\d+){0,2}([-+].*)?$`) })
	envRe     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`) })
)

// takenName explains why a hook or formatter may not take a compiled-in
// command's name.
const takenName = "the name of a compiled-in command; hooks, formatters and commands are enabled and disabled by name, so choose another"

// validate checks the values a strict decode cannot; taken (may be nil)
// reports names hooks and formatters must not have.
func (m *Manifest) validate(taken func(string) bool) *invalid {
	if m.Name != "" {
		if _, err := names.SplitName(m.Name); err != nil {
			return bad(fmt.Sprintf("name: %v", err), "name")
		}
	}
	if m.Output != "" && m.Output != "list" && m.Output != "record" {
		return bad(fmt.Sprintf("output %q: must be list or record", m.Output), "output")
	}
	if m.Exec != "" && Escape(m.Exec) != m.Exec {
		return bad(fmt.Sprintf("exec %q: must not hold control characters", m.Exec), "exec")
	}
	if m.Exec != "" && (strings.HasPrefix(m.Exec, "/") || hasDotDot(m.Exec)) {
		return bad(fmt.Sprintf("exec %q: must be a path inside the plugin's folder", m.Exec), "exec")
	}
	for i, e := range m.Requires.Env {
		if !envRe().MatchString(e) {
			return bad(fmt.Sprintf("requires.env %q: not an environment variable name", e), "requires", "env", i)
		}
	}
	for i, e := range m.Requires.Executables {
		if e == "" || strings.ContainsRune(e, '/') || Escape(e) != e {
			return bad(fmt.Sprintf("requires.executables %q: must be a command name looked up on PATH", e), "requires", "executables", i)
		}
	}
	if a := m.Requires.App; a != "" && !versionRe().MatchString(a) {
		return bad(fmt.Sprintf("requires.app %q: not a version like 1.2.3", a), "requires", "app")
	}
	seen := map[string]bool{}
	for i, h := range m.Hooks {
		if err := h.Check(); err != nil {
			at := []any{"hooks", i}
			var f interface{ Field() []any }
			if errors.As(err, &f) {
				at = append(at, f.Field()...)
			}
			return bad(err.Error(), at...)
		}
		if taken != nil && taken(h.Name) {
			return bad(fmt.Sprintf("hook %q: %s", h.Name, takenName), "hooks", i, "name")
		}
		if seen["hook "+h.Name] {
			return bad(fmt.Sprintf("hook %q declared twice", h.Name), "hooks", i, "name")
		}
		seen["hook "+h.Name] = true
	}
	for i, f := range m.Formatters {
		if err := names.CheckWord(f.Name); err != nil {
			return bad(fmt.Sprintf("formatters: name: %v", err), "formatters", i, "name")
		}
		switch f.Kind {
		case "", "list", "record", "both":
		default:
			return bad(fmt.Sprintf("formatter %q: kind %q must be list, record or both", f.Name, f.Kind), "formatters", i, "kind")
		}
		if taken != nil && taken(f.Name) {
			return bad(fmt.Sprintf("formatter %q: %s", f.Name, takenName), "formatters", i, "name")
		}
		if seen["formatter "+f.Name] {
			return bad(fmt.Sprintf("formatter %q declared twice", f.Name), "formatters", i, "name")
		}
		seen["formatter "+f.Name] = true
	}
	return nil
}

func hasDotDot(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if part == ".." {
			return true
		}
	}
	return false
}

// keyLine returns the line of the value at the key path in YAML data
// already known to parse (see lineAt); 1 when it cannot tell.
func keyLine(data []byte, path ...any) int {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return 1
	}
	return lineAt(&doc, path...)
}

// lineAt returns the line of the value at the key path in a decoded
// document (strings are mapping keys, ints sequence indexes), or of the
// closest node that exists.
func lineAt(doc *yaml.Node, path ...any) int {
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, p := range path {
		var next *yaml.Node
		switch k := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == k {
						next = n.Content[i+1]
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && k < len(n.Content) {
				next = n.Content[k]
			}
		}
		if next == nil {
			break
		}
		n, line = next, next.Line
	}
	if line == 0 {
		line = 1
	}
	return line
}

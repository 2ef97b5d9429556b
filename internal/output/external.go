package output

import (
	"path/filepath"
	"regexp"
	"slices"
	"sync"

	"github.com/longshore/longshore/command"
	"github.com/longshore/longshore/formatters"
	"github.com/longshore/longshore/internal/discovery"
)

// validFormatterName is what an external formatter's name may be: it
// becomes part of a file name.
var validFormatterName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`) })

// LookupExternal finds the external formatter called name for
// output of kind; it returns nil, nil when there is none. It is asked only
// when -f names a formatter that is neither built in nor compiled in, and
// never runs anything to decide:
//
//  1. a plugin (in the plugin dirs or on PATH) whose manifest declares the
//     formatter (`formatters: [{name, kind}]`), the first one found; it must
//     be valid, enabled and have what it requires;
//  2. else the manifest-less convention: an executable
//     "<app>-format-<name>" in a plugin dir or an absolute PATH directory,
//     found as the plugin words "format <name>" are.
func (o *Outputs) LookupExternal(name string, kind formatters.Kind) (*formatters.External, error) {
	if !validFormatterName().MatchString(name) {
		return nil, nil
	}
	s, err := o.Plugins.Scan()
	if err != nil {
		return nil, err
	}
	for _, p := range s.Plugins {
		if p.Manifest == nil || p.ShadowedBy != "" {
			continue
		}
		for _, spec := range p.Manifest.Formatters {
			if spec.Name != name {
				continue
			}
			if err := o.Plugins.Check(p); err != nil {
				return nil, err
			}
			if spec.Kind != "" && spec.Kind != "both" && spec.Kind != kind.String() {
				return nil, command.Usagef("formatter %q (plugin %s) cannot render %ss", name, p.Name, kind)
			}
			return o.externalFormatter(name, p), nil
		}
	}
	f, err := o.Plugins.Find()
	if err != nil {
		return nil, err
	}
	// A non-executable match is no formatter: -f then reports it unknown.
	if p, _, _ := f.Resolve([]string{FormatterWord, name}, 2); p != nil {
		return o.externalFormatter(name, &discovery.Plugin{Name: filepath.Base(p.Path), Path: p.Path}), nil
	}
	return nil, nil
}

// externalFormatter is the formatter name that plugin p provides.
func (o *Outputs) externalFormatter(name string, p *discovery.Plugin) *formatters.External {
	return &formatters.External{
		Format:  name,
		Path:    p.Path,
		Plugin:  p.Name,
		Env:     o.PluginEnv(p),
		Context: o.Ctx,
	}
}

// FormatterWord is the first word of a manifest-less formatter's plugin
// words: the executable "<app>-format-<name>" provides the formatter
// <name> and is no command.
const FormatterWord = "format"

// ConventionFormatter returns the formatter name a scanned plugin provides
// by the "<app>-format-<name>" convention.
func ConventionFormatter(p *discovery.Plugin) (string, bool) {
	if len(p.Words) == 2 && p.Words[0] == FormatterWord {
		return p.Words[1], true
	}
	return "", false
}

// externalFormatterNames returns the names of the formatters external
// plugins provide, by manifest or by convention, that can render kind (0:
// any; a formatter by convention does not say, so it may render either),
// less those disabled or unavailable. Listing scans but runs nothing.
func (o *Outputs) externalFormatterNames(kind formatters.Kind) []string {
	s, err := o.Plugins.Scan()
	if err != nil {
		return nil
	}
	var names []string
	for _, p := range s.Plugins {
		if p.ShadowedBy != "" || o.Plugins.Check(p) != nil {
			continue
		}
		if name, ok := ConventionFormatter(p); ok {
			names = append(names, name)
		}
		if p.Manifest != nil {
			for _, spec := range p.Manifest.Formatters {
				if kind == 0 || spec.Kind == "" || spec.Kind == "both" || spec.Kind == kind.String() {
					names = append(names, spec.Name)
				}
			}
		}
	}
	return slices.DeleteFunc(names, o.Plugins.Disabled)
}

// ValidFormats returns the names of the formatters -f may name for output
// of kind (0: any): built-in, compiled-in and external, less those the
// config disables. Completion offers them; an unknown -f lists them.
func (o *Outputs) ValidFormats(kind formatters.Kind) []string {
	names, _ := o.formatNames(kind)
	return append(names, o.externalFormatterNames(kind)...)
}

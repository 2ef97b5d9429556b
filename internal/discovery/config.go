package discovery

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Config is the user's configuration file, as far as plugins are concerned.
//
//	plugins:
//	  dirs: [/opt/demoapp/plugins]   # extra plugin directories, searched in order
//	  disabled: [hello, audit]       # plugins (commands, hooks, formatters) turned off
//	aliases:
//	  ls: files list -f csv          # see Alias
//	defaults:
//	  files list: [--sort-column, name]  # see Default
//
// Everything found is enabled unless it is listed under disabled.
type Config struct {
	// Path is the file the configuration was read from; it may not exist.
	Path string `yaml:"-"`
	// Plugins holds the plugin settings.
	Plugins PluginConfig `yaml:"plugins"`
	// Aliases are the user's aliases, in the file's order.
	Aliases []Alias `yaml:"-"`
	// Defaults are the user's default options per command, in the file's
	// order.
	Defaults []Default `yaml:"-"`
	// Pager is the "pager:" setting, the program help and lists are paged
	// through; nil when the file has no such key. An empty value (`pager:`
	// or `pager: ""`) turns paging off.
	Pager *string `yaml:"-"`

	// data is the file's content, for the app's own keys (see DecodeApp).
	data []byte
}

// PluginConfig is the "plugins" section of the configuration.
type PluginConfig struct {
	// Dirs are extra plugin directories, searched after $<APP>_PLUGIN_PATH.
	Dirs []string `yaml:"dirs"`
	// Disabled names the plugins that are turned off.
	Disabled []string `yaml:"disabled"`
}

// Disabled reports whether the plugin called name is disabled.
func (c *Config) Disabled(name string) bool {
	if c == nil {
		return false
	}
	for _, d := range c.Plugins.Disabled {
		if d == name {
			return true
		}
	}
	return false
}

// PluginDirs returns the configured plugin dirs; a relative one is taken
// relative to the configuration file's directory.
func (c *Config) PluginDirs() []string {
	out := make([]string, len(c.Plugins.Dirs))
	for i, d := range c.Plugins.Dirs {
		if d != "" && !filepath.IsAbs(d) && !strings.HasPrefix(d, "~/") {
			d = filepath.Join(filepath.Dir(c.Path), d)
			if abs, err := filepath.Abs(d); err == nil {
				d = abs
			}
		}
		out[i] = d
	}
	return out
}

// ConfigPath returns the configuration file an app uses: flagValue (from
// --config) if set, else $<APP>_CONFIG, else
// $XDG_CONFIG_HOME/<app>/config.yaml (default ~/.config/<app>/config.yaml,
// also when $XDG_CONFIG_HOME is relative).
func ConfigPath(app, envPrefix, flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if p := getenv(envPrefix + "_CONFIG"); p != "" {
		return p
	}
	return filepath.Join(xdgBase(getenv, "XDG_CONFIG_HOME", ".config"), app, "config.yaml")
}

// xdgBase returns the base directory the XDG variable name gives, or
// $HOME/def when it is unset or relative: the XDG spec has a relative
// one ignored, and taken as it is, it would be relative to the current
// directory, so a cloned repository's files would decide what runs.
func xdgBase(getenv func(string) string, name string, def ...string) string {
	if base := getenv(name); filepath.IsAbs(base) {
		return base
	}
	return filepath.Join(append([]string{homeDir(getenv)}, def...)...)
}

// homeDir is $HOME or, when it is unset or relative (a cron job, a
// service), the account's home directory, else /nonexistent: never a path
// relative to the current directory, whose files would then decide what
// runs.
func homeDir(getenv func(string) string) string {
	if home := getenv("HOME"); filepath.IsAbs(home) {
		return home
	}
	if u, err := user.Current(); err == nil && filepath.IsAbs(u.HomeDir) {
		return u.HomeDir
	}
	return string(filepath.Separator) + "nonexistent"
}

// LoadConfig reads the configuration at path. A missing file is an empty
// configuration; unknown keys and values of the wrong type are errors naming
// path:line. Only a regular file of at most MaxConfigSize bytes is read:
// a FIFO (which would block) or a device (which may never end) is an
// error naming the file.
//
// The configuration decides what runs (it adds plugin dirs, disables
// hooks), so, as ssh does with its config, a file that fails the trust
// rules (see Trust and SystemTrust; links followed one by one) or that is
// in a directory others may write to (unless sticky, like /tmp) is
// refused: an *UntrustedError naming the file and the fix. That holds for
// every path, the default one, $<APP>_CONFIG's or --config's alike.
func LoadConfig(path string) (*Config, error) {
	return loadConfig(OS, SystemTrust(), path)
}

func loadConfig(fsys FS, t Trust, path string) (*Config, error) {
	fi, err := fsys.Stat(path)
	switch {
	// os.IsNotExist first: it knows the operating system's errors by their
	// types, where errors.Is asks each error of the chain for an Is method,
	// a type assertion the runtime resolves on first use (tens of µs of a
	// start-up). errors.Is is for a wrapped fs.ErrNotExist (a fake FS).
	case err != nil && (os.IsNotExist(err) || errors.Is(err, fs.ErrNotExist)):
		// No file, the usual case: an empty configuration, found by one
		// stat on every run's start-up, not two.
		return &Config{Path: path}, nil
	case err == nil && fi.Mode().IsRegular():
		// Not a regular file: reading it says so, with no fix to suggest.
		if err := t.checkConfig(fsys, path); err != nil {
			return nil, fmt.Errorf("load config: %w", err)
		}
	}
	data, err := readConfigFS(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	if data == nil {
		return &Config{Path: path}, nil
	}
	return ParseConfig(path, data)
}

// checkConfig checks the configuration file at path, which exists: its
// directory, then the file and the links it resolves through.
func (t Trust) checkConfig(fsys FS, path string) error {
	dir := filepath.Dir(path)
	if abs, err := filepath.Abs(path); err == nil {
		dir = filepath.Dir(abs)
	}
	if err := t.checkLinkDir(fsys, dir); err != nil {
		return err
	}
	return t.checkPath(fsys, path)
}

// readConfig reads the configuration file at path with the cap; a missing
// file is nil data and no error.
func readConfig(path string) ([]byte, error) { return readConfigFS(OS, path) }

func readConfigFS(fsys FS, path string) ([]byte, error) {
	data, err := readRegular(fsys, path, MaxConfigSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err == nil && data == nil {
		data = []byte{}
	}
	return data, err
}

// ParseConfig decodes configuration data read from path; errors name
// path:line. The file is the app's too: only the plugins, aliases and
// defaults sections are strict (an unknown key in plugins is an error);
// other top-level keys are left to the app.
func ParseConfig(path string, data []byte) (*Config, error) {
	var top struct {
		Plugins  yaml.Node `yaml:"plugins"`
		Aliases  yaml.Node `yaml:"aliases"`
		Defaults yaml.Node `yaml:"defaults"`
		Pager    yaml.Node `yaml:"pager"`
	}
	if err := yaml.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("load config: %w", yamlError(path, data, err))
	}
	if err := oneDocument(path, data); err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	c := &Config{Path: path, data: data}
	if err := knownKeys(&top.Plugins, "plugins", "dirs", "disabled"); err != nil {
		return nil, fmt.Errorf("load config: %w", yamlError(path, data, err))
	}
	if err := top.Plugins.Decode(&c.Plugins); err != nil {
		return nil, fmt.Errorf("load config: %w", yamlError(path, data, err))
	}
	if err := c.parseAliases(&top.Aliases); err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	if err := c.parseDefaults(&top.Defaults); err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	if top.Pager.Kind != 0 {
		if top.Pager.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("load config: %s:%d: pager: want a program, or nothing to turn paging off", path, top.Pager.Line)
		}
		pager := top.Pager.Value
		if top.Pager.Tag == "!!null" {
			pager = ""
		}
		c.Pager = &pager
	}
	return c, nil
}

// knownKeys returns an error in yaml.v3's form ("line N: ...") for the
// first key of mapping n (the value of key section) not among known.
func knownKeys(n *yaml.Node, section string, known ...string) error {
	if n.Kind != yaml.MappingNode {
		return nil // not a mapping: decoding reports it
	}
	for i := 0; i < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(known, k.Value) {
			return fmt.Errorf("line %d: unknown key %q in %s (valid: %s)", k.Line, k.Value, section, strings.Join(known, ", "))
		}
	}
	return nil
}

// oneDocument returns an error naming path:line when data holds more than
// one YAML document: the second would otherwise be ignored, unchecked.
func oneDocument(path string, data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first, second yaml.Node
	if err := dec.Decode(&first); err != nil {
		return nil // empty, or an error the decoding reports
	}
	err := dec.Decode(&second)
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return yamlError(path, data, err)
	}
	return secondDocument(path, data, &second)
}

// secondDocument is the error for second, a second YAML document in the
// file at path holding data.
func secondDocument(path string, data []byte, second *yaml.Node) error {
	return fmt.Errorf("%s:%d: a second YAML document: the file must hold one (remove the \"---\" line and what follows, or merge it)", Escape(path), docStart(data, second))
}

// docStart returns the line of the "---" that starts the document n (the
// second of data), else the line of n's first content.
func docStart(data []byte, n *yaml.Node) int {
	line := n.Line
	if len(n.Content) > 0 {
		line = n.Content[0].Line
	}
	lines := strings.Split(string(data), "\n")
	for i := min(line, len(lines)) - 1; i >= 1; i-- {
		if strings.HasPrefix(lines[i], "---") {
			return i + 1
		}
	}
	if line == 0 {
		return 1
	}
	return line
}

// decodeStrict decodes YAML into v, rejecting unknown keys, and words errors
// as "path:line: message".
func decodeStrict(path string, data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(v)
	if err == nil || errors.Is(err, io.EOF) {
		return nil
	}
	return yamlError(path, data, err)
}

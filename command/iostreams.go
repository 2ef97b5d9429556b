package command

import (
	"fmt"
	"os"
)

// ColorMode is the --color setting: auto, always or never.
type ColorMode int

const (
	// ColorAuto colours output written to a terminal, unless the
	// environment says otherwise (NO_COLOR, CLICOLOR, CLICOLOR_FORCE, TERM).
	ColorAuto ColorMode = iota
	// ColorAlways colours output even when it is piped.
	ColorAlways
	// ColorNever never colours output.
	ColorNever
)

// String returns the mode as the --color flag spells it.
func (m ColorMode) String() string {
	switch m {
	case ColorAlways:
		return "always"
	case ColorNever:
		return "never"
	}
	return "auto"
}

// ParseColorMode reads a --color value: "auto", "always" or "never".
func ParseColorMode(s string) (ColorMode, error) {
	switch s {
	case "auto":
		return ColorAuto, nil
	case "always":
		return ColorAlways, nil
	case "never":
		return ColorNever, nil
	}
	return ColorAuto, fmt.Errorf("invalid color mode %q: want auto, always or never", s)
}

// Set parses a --color value, so that a ColorMode is a pflag.Value:
// fs.Var(&mode, "color", "...").
func (m *ColorMode) Set(s string) error {
	v, err := ParseColorMode(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Type names the flag's value in help.
func (*ColorMode) Type() string { return "when" }

// ColorEnabled reports whether output written to Out may be coloured.
//
// In order: --color=always or never decides; a non-empty NO_COLOR turns
// colour off (no-color.org); CLICOLOR_FORCE set to anything but "" or "0"
// turns it on, even when Out is piped; CLICOLOR=0 and TERM=dumb turn it off;
// otherwise colour is on exactly when Out is a terminal.
func (s *IOStreams) ColorEnabled() bool { return s.colorFor(s.OutIsTerminal) }

// ErrColorEnabled is [IOStreams.ColorEnabled] for ErrOut: it follows the
// same settings, and whether ErrOut is a terminal.
func (s *IOStreams) ErrColorEnabled() bool { return s.colorFor(s.ErrIsTerminal) }

func (s *IOStreams) colorFor(terminal bool) bool {
	switch s.Color {
	case ColorAlways:
		return true
	case ColorNever:
		return false
	}
	if v, _ := s.lookupEnv("NO_COLOR"); v != "" {
		return false
	}
	if v, _ := s.lookupEnv("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	if v, _ := s.lookupEnv("CLICOLOR"); v == "0" {
		return false
	}
	if v, _ := s.lookupEnv("TERM"); v == "dumb" {
		return false
	}
	return terminal
}

// lookupEnv reads the streams' environment, the process's by default.
func (s *IOStreams) lookupEnv(key string) (string, bool) {
	if s.LookupEnv != nil {
		return s.LookupEnv(key)
	}
	return os.LookupEnv(key)
}

// ColorScheme returns the colours for text written to Out: plain text
// when colour is off there.
func (s *IOStreams) ColorScheme() ColorScheme { return ColorScheme{on: s.ColorEnabled()} }

// ErrColorScheme returns the colours for text written to ErrOut, such as
// the "error:" and "warning:" prefixes.
func (s *IOStreams) ErrColorScheme() ColorScheme { return ColorScheme{on: s.ErrColorEnabled()} }

// ColorScheme wraps text in terminal colour codes when colour is on and
// returns it unchanged when it is off, so that no escape code reaches a
// pipe or a file unless forced. The zero value is off.
type ColorScheme struct{ on bool }

// NewColorScheme returns a scheme that colours when on is true, for code
// that decides by itself, such as a formatter told by its caller.
func NewColorScheme(on bool) ColorScheme { return ColorScheme{on: on} }

// Enabled reports whether the scheme colours text.
func (c ColorScheme) Enabled() bool { return c.on }

func (c ColorScheme) wrap(code, text string) string {
	if !c.on || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// Bold returns text in bold.
func (c ColorScheme) Bold(text string) string { return c.wrap("1", text) }

// Dim returns text dimmed, for what matters less.
func (c ColorScheme) Dim(text string) string { return c.wrap("2", text) }

// Red returns text in red, for errors and what failed.
func (c ColorScheme) Red(text string) string { return c.wrap("31", text) }

// Green returns text in green, for what succeeded or is enabled.
func (c ColorScheme) Green(text string) string { return c.wrap("32", text) }

// Yellow returns text in yellow, for warnings.
func (c ColorScheme) Yellow(text string) string { return c.wrap("33", text) }

// Cyan returns text in cyan, for names and highlights.
func (c ColorScheme) Cyan(text string) string { return c.wrap("36", text) }

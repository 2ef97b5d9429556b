package discovery

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/longshore/longshore/internal/names"
)

// FileName returns the executable name of the external command made of
// words: "<app>-" then the words joined by "-", with a hyphen inside a word
// written as "_". FileName("demoapp", ["dir-size"]) is "demoapp-dir_size".
func FileName(app string, words []string) string {
	var b strings.Builder
	b.WriteString(app)
	for _, w := range words {
		b.WriteByte('-')
		b.WriteString(strings.ReplaceAll(w, "-", "_"))
	}
	return b.String()
}

// ParseFileName returns the command words an executable called base stands
// for: "demoapp-files-stat" is ["files", "stat"] and "demoapp-dir_size" is
// ["dir-size"]. A base without the "<app>-" prefix, or with a word that is
// not a valid command word, is an error naming base.
func ParseFileName(app, base string) ([]string, error) {
	rest, ok := strings.CutPrefix(base, app+"-")
	if !ok || rest == "" {
		return nil, fmt.Errorf("plugin name %q: must start with %q and name a command", base, app+"-")
	}
	words := strings.Split(rest, "-")
	for i, w := range words {
		if strings.Contains(w, "__") || strings.HasPrefix(w, "_") || strings.HasSuffix(w, "_") {
			return nil, fmt.Errorf("plugin name %q: word %q: \"_\" must stand between letters or digits", base, w)
		}
		words[i] = strings.ReplaceAll(w, "_", "-")
		if err := names.CheckWord(words[i]); err != nil {
			return nil, fmt.Errorf("plugin name %q: %w", base, err)
		}
	}
	return words, nil
}

// candidateBases returns the executable names that could stand for words,
// longest first, down to min words: for ["files", "stat", "x"] and min 2,
// "demoapp-files-stat-x" then "demoapp-files-stat". Words that are not
// valid command words end the list: they can only be arguments.
func candidateBases(app string, words []string, min int) [][]string {
	n := 0
	for n < len(words) && names.CheckWord(words[n]) == nil {
		n++
	}
	if n > maxWords {
		n = maxWords
	}
	var out [][]string
	for k := n; k >= min && k >= 1; k-- {
		out = append(out, words[:k])
	}
	return out
}

// maxWords bounds how many leading words dispatch tries as one name, so
// that a long argument list costs a fixed number of stats.
const maxWords = 6

// ExecExts returns the file name extensions that make a file executable
// on goos, lower-cased with their dot: on Windows those pathext (the value
// of PATHEXT) lists, or ".com", ".exe", ".bat" and ".cmd" when it lists
// none, as exec.LookPath does; elsewhere nil, as the mode's execute bits
// decide there.
func ExecExts(goos, pathext string) []string {
	if goos != "windows" {
		return nil
	}
	var exts []string
	for _, e := range strings.Split(strings.ToLower(pathext), ";") {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if e[0] != '.' {
			e = "." + e
		}
		if !slices.Contains(exts, e) {
			exts = append(exts, e)
		}
	}
	if len(exts) == 0 {
		return []string{".com", ".exe", ".bat", ".cmd"}
	}
	return exts
}

// TrimExecExt returns name without its extension when that is one of exts
// (compared without case, as Windows names are), and whether it was:
// "demoapp-hello.EXE" is "demoapp-hello". The name of the command a file
// stands for never includes the extension.
func TrimExecExt(name string, exts []string) (string, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" || ext == name || !slices.Contains(exts, ext) {
		return name, false
	}
	return name[:len(name)-len(ext)], true
}

// platformExts are the executable extensions of the running system: nil
// on Unix; on Windows, from PATHEXT.
func platformExts() []string {
	if runtime.GOOS != "windows" {
		return nil
	}
	return ExecExts(runtime.GOOS, os.Getenv("PATHEXT"))
}

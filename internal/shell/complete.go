package shell

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/longshore/longshore/internal/discovery"
)

// token is one word of a shell line and where its text starts in the line.
type token struct {
	text  string
	start int
}

// errUnterminatedQuote is the error for a line that ends inside quotes.
var errUnterminatedQuote = errors.New("unterminated quote in line")

// tokenize splits a line into words as a POSIX shell does, without
// expansions: blanks separate words, single quotes keep everything
// literally, double quotes keep everything but \" and \\, and a backslash
// outside quotes keeps the next character. It reports whether the line ends
// between words and whether it ends inside quotes.
func tokenize(line string) (toks []token, between, open bool) {
	var cur strings.Builder
	inWord, start := false, 0
	var quote rune
	escaped := false
	begin := func(i int) {
		if !inWord {
			inWord, start = true, i
		}
	}
	for i, c := range line {
		switch {
		case escaped:
			cur.WriteRune(c)
			escaped = false
		case quote == '\'':
			if c == '\'' {
				quote = 0
			} else {
				cur.WriteRune(c)
			}
		case quote == '"':
			switch c {
			case '"':
				quote = 0
			case '\\':
				escaped = i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\')
				if !escaped {
					cur.WriteRune(c)
				}
			default:
				cur.WriteRune(c)
			}
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				toks = append(toks, token{cur.String(), start})
				cur.Reset()
				inWord = false
			}
		case c == '\'' || c == '"':
			begin(i)
			quote = c
		case c == '\\':
			begin(i)
			escaped = true
		default:
			begin(i)
			cur.WriteRune(c)
		}
	}
	if inWord {
		toks = append(toks, token{cur.String(), start})
	}
	return toks, !inWord, quote != 0 || escaped
}

// splitWords splits a line typed at the shell prompt into arguments.
func splitWords(line string) ([]string, error) {
	toks, _, open := tokenize(line)
	if open {
		return nil, errUnterminatedQuote
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		if shellOperators[t.text] && strings.HasPrefix(line[t.start:], t.text) {
			return nil, fmt.Errorf("%q is not supported here: the shell runs one command a line, without pipes, redirections or lists; run it from your own shell", t.text)
		}
		words[i] = t.text
	}
	return words, nil
}

// shellOperators are the words a POSIX shell would take, unquoted, for a
// pipe, a redirection or a list, which the shell does not run.
var shellOperators = map[string]bool{"|": true, "||": true, "&&": true, ";": true, "&": true, ">": true, ">>": true, "<": true, "2>": true, "2>&1": true}

// quoteWord quotes a completed word for the shell line when it needs it.
func quoteWord(w string) string {
	if w != "" && !strings.ContainsAny(w, " \t\n'\"\\") && !shellOperators[w] {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}

// CompleteWord is the shell's Tab: it completes the word before the cursor
// (pos counts runes) with the same engine as the shells' scripts (app's
// Complete, cobra's __complete), and returns the line before the word, the
// candidates for the word, and the rest of the line.
func CompleteWord(ctx context.Context, app App, line string, pos int) (string, []string, string) {
	runes := []rune(line)
	before, tail := string(runes[:pos]), string(runes[pos:])
	toks, between, _ := tokenize(before)
	head, partial := before, ""
	if !between {
		last := toks[len(toks)-1]
		toks, head, partial = toks[:len(toks)-1], before[:last.start], last.text
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.text
	}
	cands, directive := app.Complete(ctx, words, partial)
	switch {
	case directive&cobra.ShellCompDirectiveFilterDirs != 0:
		return head, fileCandidates(partial, true, nil), tail
	case directive&cobra.ShellCompDirectiveFilterFileExt != 0:
		return head, fileCandidates(partial, false, cands), tail
	case len(cands) == 0 && directive&cobra.ShellCompDirectiveNoFileComp == 0:
		return head, fileCandidates(partial, false, nil), tail
	}
	var out []string
	for _, c := range cands {
		c, _, _ = strings.Cut(c, "\t")
		if directive&cobra.ShellCompDirectiveNoSpace == 0 {
			out = append(out, quoteWord(c)+" ")
		} else {
			out = append(out, quoteWord(c))
		}
	}
	return head, out, tail
}

// fileCandidates lists the paths that complete partial: directories with a
// trailing slash, files (when not dirsOnly, and with one of exts when
// given) with a trailing space. Hidden entries need a partial dot. A name
// holding a control character is left out: shown, it would act on the
// terminal, and escaped it would name another file.
func fileCandidates(partial string, dirsOnly bool, exts []string) []string {
	dir, base := filepath.Split(partial)
	root := dir
	if root == "" {
		root = "."
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".") || discovery.Escape(name) != name {
			continue
		}
		isDir := e.IsDir()
		if !isDir && e.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(root, name)); err == nil {
				isDir = fi.IsDir()
			}
		}
		switch {
		case isDir:
			out = append(out, quoteWord(dir+name+"/"))
		case dirsOnly || len(exts) > 0 && !hasExt(name, exts):
		default:
			out = append(out, quoteWord(dir+name)+" ")
		}
	}
	return out
}

// hasExt reports whether name ends with "." and one of exts.
func hasExt(name string, exts []string) bool {
	for _, e := range exts {
		if strings.HasSuffix(name, "."+strings.TrimPrefix(e, ".")) {
			return true
		}
	}
	return false
}

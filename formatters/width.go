package formatters

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// cells measures display width in terminal cells: East Asian wide
// characters and most emoji take two, combining marks none. Ambiguous-width
// characters take one whatever the locale, so output does not depend on it.
var cells = func() *runewidth.Condition {
	c := runewidth.NewCondition()
	c.EastAsianWidth = false
	return c
}()

// displayWidth is the width of one line of text in terminal cells; ASCII
// text is measured without decoding.
func displayWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] < ' ' {
			return cells.StringWidth(s)
		}
	}
	return len(s)
}

// displayWidthBytes is displayWidth of b, without a copy for ASCII text.
func displayWidthBytes(b []byte) int {
	for _, c := range b {
		if c >= utf8.RuneSelf || c < ' ' {
			return cells.StringWidth(string(b))
		}
	}
	return len(b)
}

// blockWidth is the width of the widest line of s.
func blockWidth(s string) int {
	if strings.IndexByte(s, '\n') < 0 {
		return displayWidth(s)
	}
	w := 0
	for line := range strings.SplitSeq(s, "\n") {
		w = max(w, displayWidth(line))
	}
	return w
}

// wrapCell wraps each line of s that is wider than width at spaces,
// breaking words longer than a line, as Python's textwrap.fill does for
// cliff. It reports whether anything changed.
func wrapCell(s string, width int) (string, bool) {
	if width <= 0 || blockWidth(s) <= width {
		return s, false
	}
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if displayWidth(line) <= width {
			out = append(out, line)
			continue
		}
		out = append(out, wrapLine(line, width)...)
	}
	return strings.Join(out, "\n"), true
}

// wrapLine fills words into lines of at most width cells; whitespace
// between words becomes one space and none is kept at a line's ends, except
// the indentation of the first line.
func wrapLine(line string, width int) []string {
	var lines []string
	var cur strings.Builder
	curW := 0
	flush := func() {
		if curW > 0 {
			lines = append(lines, cur.String())
		}
		cur.Reset()
		curW = 0
	}
	words := strings.FieldsFunc(line, unicode.IsSpace)
	if lead := len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace)); lead > 0 && len(words) > 0 {
		// Leading whitespace stays, one space per character, as in textwrap.
		words[0] = strings.Repeat(" ", utf8.RuneCountInString(line[:lead])) + words[0]
	}
	for _, word := range words {
		ww := displayWidth(word)
		if curW > 0 && curW+1+ww <= width {
			cur.WriteByte(' ')
			cur.WriteString(word)
			curW += 1 + ww
			continue
		}
		flush()
		for ww > width {
			head, rest := cutWidth(word, width)
			lines = append(lines, head)
			word, ww = rest, displayWidth(rest)
		}
		cur.WriteString(word)
		curW = ww
	}
	flush()
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// cutWidth splits s after the most leading runes that fit in width cells
// (at least one rune, so that progress is made).
func cutWidth(s string, width int) (string, string) {
	w := 0
	for i, r := range s {
		rw := cells.RuneWidth(r)
		if w+rw > width && i > 0 {
			return s[:i], s[i:]
		}
		w += rw
	}
	return s, ""
}

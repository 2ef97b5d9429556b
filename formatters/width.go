package formatters

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Display width in terminal cells, as terminals (wcwidth) count it:
//
//   - controls, format characters (Cf: zero-width spaces and joiners, the
//     bidi marks, soft hyphen, tags), line and paragraph separators,
//     combining marks (Mn, Me: accents, variation selectors) and Hangul
//     vowel and final jamo take none;
//   - East Asian Wide and Fullwidth characters (CJK, Hangul syllables, most
//     emoji) take two;
//   - everything else takes one: ambiguous-width characters too, whatever
//     the locale, so output does not depend on it;
//   - an emoji sequence (emoji joined by ZWJ, with a skin tone modifier,
//     a pair of regional indicators for a flag) is drawn as one glyph and
//     takes at most two.
//
// The wide property comes from golang.org/x/text/width; the categories
// from the standard unicode tables, already linked for regexp.

// displayWidth is the width of one line of text in terminal cells; ASCII
// text is measured without decoding.
func displayWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] < ' ' || s[i] == 0x7f {
			var c cellCounter
			for _, r := range s {
				c.add(r)
			}
			return c.sum()
		}
	}
	return len(s)
}

// displayWidthBytes is displayWidth of b, without a copy.
func displayWidthBytes(b []byte) int {
	for i, x := range b {
		if x >= utf8.RuneSelf || x < ' ' || x == 0x7f {
			c := cellCounter{total: i}
			for b = b[i:]; len(b) > 0; {
				r, n := utf8.DecodeRune(b)
				c.add(r)
				b = b[n:]
			}
			return c.sum()
		}
	}
	return len(b)
}

// cellCounter adds up the cells of the runes given to add, holding a
// sequence drawn as one glyph open until the rune that ends it.
type cellCounter struct {
	total int
	// seq is the kind of the open sequence (none when zero) and seqCells
	// its width so far; last is the Hangul jamo type of its last rune,
	// and zwj says its last rune is a ZWJ after a pictograph.
	seq      seqKind
	seqCells int
	last     jamo
	zwj      bool
}

// seqKind is a kind of sequence that terminals draw as one glyph.
type seqKind uint8

const (
	seqNone   seqKind = iota
	seqEmoji          // a pictograph, ZWJ, the next pictograph, ...
	seqFlag           // a regional indicator waiting for its pair
	seqPair           // a flag: two regional indicators
	seqHangul         // conjoining Hangul jamo and syllables
)

// zwj is the zero width joiner, which joins two emoji into one.
const zwj = '\u200d'

// add counts r: into the open sequence if it continues it, else on its
// own or as the start of a new one.
func (c *cellCounter) add(r rune) {
	if c.seq != seqNone {
		switch {
		case c.zwj && pictographic(r):
			c.zwj = false
		case r == zwj || extends(r):
			// A mark ends what a flag or a syllable may join.
			c.zwj = r == zwj && c.seq == seqEmoji
			c.last = jamoNone
			if c.seq == seqFlag {
				c.seq = seqPair
			}
		case c.seq == seqFlag && regional(r):
			c.seq = seqPair
		case c.seq == seqHangul && joinsJamo(c.last, jamoOf(r)):
			c.last = jamoOf(r)
		default:
			c.close()
			c.start(r)
			return
		}
		c.seqCells += runeCells(r)
		return
	}
	c.start(r)
}

// start adds r, opening a sequence if it may begin one.
func (c *cellCounter) start(r rune) {
	switch j := jamoOf(r); {
	case r < 0x1100 && r != 0xa9 && r != 0xae: // no sequence starts below Hangul but © and ®
		c.total += runeCells(r)
		return
	case j != jamoNone:
		c.seq, c.last = seqHangul, j
	case regional(r):
		c.seq = seqFlag
	case pictographic(r):
		c.seq = seqEmoji
	default:
		c.total += runeCells(r)
		return
	}
	c.seqCells = runeCells(r)
}

// close ends the open sequence: one glyph, at most two cells.
func (c *cellCounter) close() {
	c.total += min(c.seqCells, 2)
	*c = cellCounter{total: c.total}
}

// sum returns the width of all the runes added.
func (c *cellCounter) sum() int {
	if c.seq != seqNone {
		c.close()
	}
	return c.total
}

// runeCells is the width of r on its own.
func runeCells(r rune) int {
	switch {
	case r < 0x7f:
		if r < ' ' {
			return 0
		}
		return 1
	case r < 0xa0 || r == 0xad:
		return 0
	case r < 0x300:
		return 1
	// Fast paths for the commonest scripts, before the table searches.
	case r < 0x370: // combining diacritical marks
		return 0
	case r < 0x590: // Greek, Cyrillic (with its combining marks), Armenian
		if 0x483 <= r && r <= 0x489 {
			return 0
		}
		return 1
	case 0x4e00 <= r && r <= 0x9fff, 0xac00 <= r && r <= 0xd7a3: // CJK ideographs, Hangul syllables
		return 2
	case 0x3041 <= r && r <= 0x30ff: // kana, with its two combining marks
		if r == 0x3099 || r == 0x309a {
			return 0
		}
		return 2
	case r == 0x2028, r == 0x2029:
		return 0
	}
	if r < 0x1f000 || r > 0x1faff { // the emoji blocks hold no marks or format characters
		if j := jamoOf(r); j == jamoV || j == jamoT || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
			return 0
		}
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// pictographic reports whether r is an emoji or a pictograph that can
// begin an emoji sequence, as near to Unicode's Extended_Pictographic as
// block ranges get: the emoji planes (assigned or not, for emoji newer
// than the tables), Miscellaneous Symbols and Dingbats, and the emoji
// elsewhere.
func pictographic(r rune) bool {
	switch {
	case r < 0x203c:
		return r == 0xa9 || r == 0xae
	case 0x2600 <= r && r <= 0x27bf:
		return true
	case 0x3299 < r && r < 0x1f000:
		return false
	case 0x1f000 <= r && r <= 0x1fffd:
		return !modifier(r) && !regional(r)
	}
	return unicode.Is(emojiElsewhere, r)
}

// emojiElsewhere are the emoji between U+203C and the emoji planes outside
// Miscellaneous Symbols and Dingbats.
var emojiElsewhere = &unicode.RangeTable{R16: []unicode.Range16{
	{0x203c, 0x2049, 0x2049 - 0x203c}, {0x2122, 0x2139, 0x2139 - 0x2122},
	{0x2194, 0x2199, 1}, {0x21a9, 0x21aa, 1}, {0x231a, 0x231b, 1},
	{0x2328, 0x2388, 0x2388 - 0x2328}, {0x23cf, 0x23cf, 1}, {0x23e9, 0x23f3, 1},
	{0x23f8, 0x23fa, 1}, {0x24c2, 0x24c2, 1}, {0x25aa, 0x25ab, 1},
	{0x25b6, 0x25c0, 0x25c0 - 0x25b6}, {0x25fb, 0x25fe, 1}, {0x2934, 0x2935, 1},
	{0x2b05, 0x2b07, 1}, {0x2b1b, 0x2b1c, 1}, {0x2b50, 0x2b55, 0x2b55 - 0x2b50},
	{0x3030, 0x303d, 0x303d - 0x3030}, {0x3297, 0x3299, 0x3299 - 0x3297},
}}

// extends reports whether r continues the sequence before it: a combining
// mark (a variation selector, the keycap, a vowel sign), a skin tone
// modifier, a tag (of a subdivision flag) or a zero-width non-joiner.
func extends(r rune) bool {
	return modifier(r) || 0xe0020 <= r && r <= 0xe007f || r == 0x200c || r >= 0x300 && unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc)
}

// modifier reports whether r is an emoji skin tone modifier.
func modifier(r rune) bool { return 0x1f3fb <= r && r <= 0x1f3ff }

// regional reports whether r is a regional indicator, half of a flag.
func regional(r rune) bool { return 0x1f1e6 <= r && r <= 0x1f1ff }

// jamo is the conjoining type of a Hangul rune.
type jamo uint8

const (
	jamoNone jamo = iota
	jamoL         // leading consonant
	jamoV         // vowel
	jamoT         // trailing consonant
	jamoLV        // syllable without a trailing consonant
	jamoLVT       // syllable with one
)

func jamoOf(r rune) jamo {
	switch {
	case r < 0x1100 || r > 0xd7fb:
		return jamoNone
	case r <= 0x115f, 0xa960 <= r && r <= 0xa97c:
		return jamoL
	case r <= 0x11a7, 0xd7b0 <= r && r <= 0xd7c6:
		return jamoV
	case r <= 0x11ff, 0xd7cb <= r:
		return jamoT
	case 0xac00 <= r && r <= 0xd7a3:
		if (r-0xac00)%28 == 0 {
			return jamoLV
		}
		return jamoLVT
	}
	return jamoNone
}

// joinsJamo reports whether a Hangul rune of type b continues a syllable
// whose last rune is of type a.
func joinsJamo(a, b jamo) bool {
	switch a {
	case jamoL:
		return b != jamoT && b != jamoNone
	case jamoV, jamoLV:
		return b == jamoV || b == jamoT
	case jamoT, jamoLVT:
		return b == jamoT
	}
	return false
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
		rw := runeCells(r)
		if w+rw > width && i > 0 {
			return s[:i], s[i:]
		}
		w += rw
	}
	return s, ""
}

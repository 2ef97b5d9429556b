package formatters

import (
	"testing"
	"unicode/utf8"
)

// widthCases are display widths in terminal cells, as go-runewidth (which
// measured them before) and terminals count them.
var widthCases = []struct {
	name string
	s    string
	want int
}{
	{"empty", "", 0},
	{"ascii", "hello, world", 12},
	{"controls", "a\tb\x1b[1m\x7f", 5},
	{"latin accents", "café naïve", 10},
	{"combining acute", "e\u0301", 1},
	{"two combining marks", "a\u0308\u0301b", 2},
	{"combining enclosing keycap", "1\ufe0f\u20e3", 1},
	{"cjk", "日本語", 6},
	{"cjk extension b", "\U00020000", 2},
	{"hangul syllables", "한국어", 6},
	{"hangul jamo syllable", "\u1112\u1161\u11ab", 2},
	{"hangul syllable and final jamo", "\uac00\u11a8", 2},
	{"old hangul two leading jamo", "\u1100\u1100\u1161", 2},
	{"fullwidth forms", "ＡＢＣ！", 8},
	{"halfwidth katakana", "ｶﾞｷﾞ", 4},
	{"ideographic space", "a\u3000b", 4},
	{"ambiguous is narrow", "±α→①", 4},
	{"zero width space and joiners", "a\u200b\u200c\u200db", 2},
	{"soft hyphen, bom, bidi", "a\u00ad\ufeff\u202eb", 2},
	{"line separator", "a\u2028b", 2},
	{"invalid utf-8", "a\xffb", 3},
	{"emoji", "😀", 2},
	{"emoji text default", "☺", 1},
	{"emoji vs16", "☺\ufe0f", 1},
	{"heart vs16", "❤\ufe0f", 1},
	{"emoji vs15", "😀\ufe0e", 2},
	{"skin tone", "👍🏽", 2},
	{"zwj family", "👨\u200d👩\u200d👧\u200d👦", 2},
	{"zwj with skin tone", "👩🏽\u200d💻", 2},
	{"zwj rainbow flag", "🏳\ufe0f\u200d🌈", 2},
	{"zwj heart on fire", "❤\ufe0f\u200d🔥", 2},
	{"zwj health worker", "🧑\u200d⚕\ufe0f", 2},
	{"zwj handshake skin tones", "👨🏻\u200d🤝\u200d👨🏼", 2},
	{"zwj then letter", "😀\u200da", 3},
	{"letter zwj emoji", "a\u200d😀", 3},
	{"flag", "🇯🇵", 2},
	{"two flags", "🇯🇵🇺🇸", 4},
	{"lone regional indicator", "🇯", 1},
	{"three regional indicators", "🇯🇵🇺", 3},
	{"subdivision flag", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 2},
	{"mixed", "日本語 😀 e\u0301", 11},
	{"emoji between text", "a😀b👨\u200d👩\u200d👧c", 7},
}

func TestDisplayWidth(t *testing.T) {
	for _, c := range widthCases {
		if got := displayWidth(c.s); got != c.want {
			t.Errorf("%s: displayWidth(%+q) = %d, want %d", c.name, c.s, got, c.want)
		}
		if got := displayWidthBytes([]byte(c.s)); got != c.want {
			t.Errorf("%s: displayWidthBytes(%+q) = %d, want %d", c.name, c.s, got, c.want)
		}
	}
}

func TestRuneCells(t *testing.T) {
	for _, c := range []struct {
		r    rune
		want int
	}{
		{'a', 1}, {0, 0}, {'\n', 0}, {0x85, 0}, {0xe9, 1}, {0x301, 0}, {0x20dd, 0},
		{'日', 2}, {'한', 2}, {0x1161, 0}, {0x11a8, 0}, {'Ａ', 2}, {'ｶ', 1},
		{'😀', 2}, {0x1f3fd, 2}, {0x1f1ef, 1}, {0xfe0f, 0}, {0x200d, 0}, {0xe0067, 0}, {0xfffd, 1},
	} {
		if got := runeCells(c.r); got != c.want {
			t.Errorf("runeCells(%U) = %d, want %d", c.r, got, c.want)
		}
	}
}

// TestCutWidth splits by whole runes: a wide rune that does not fit
// moves to the rest.
func TestCutWidth(t *testing.T) {
	for _, c := range []struct {
		s          string
		width      int
		head, rest string
	}{
		{"abcdef", 4, "abcd", "ef"},
		{"日本語", 3, "日", "本語"},
		{"日本語", 1, "日", "本語"},
		{"e\u0301e\u0301", 1, "e\u0301", "e\u0301"},
	} {
		if head, rest := cutWidth(c.s, c.width); head != c.head || rest != c.rest {
			t.Errorf("cutWidth(%q, %d) = %q, %q; want %q, %q", c.s, c.width, head, rest, c.head, c.rest)
		}
	}
}

func FuzzDisplayWidth(f *testing.F) {
	for _, c := range widthCases {
		f.Add(c.s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := displayWidth(s)
		if b := displayWidthBytes([]byte(s)); b != w {
			t.Fatalf("displayWidthBytes(%+q) = %d, displayWidth %d", s, b, w)
		}
		if n := utf8.RuneCountInString(s); w < 0 || w > 2*n {
			t.Fatalf("displayWidth(%+q) = %d for %d runes", s, w, n)
		}
	})
}

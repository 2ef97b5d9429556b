package formatters

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// yamlAlphabet mixes the characters the fast path writes (the first
// yamlSafe) with those it must leave to yaml.v3 (indicators, breaks,
// escapes, characters beyond U+FFFF, invalid UTF-8).
var yamlAlphabet = []string{
	"a", "b", "Z", "y", "n", "o", "e", "x", "N", "l", "u", "_", "/", "0", "1", "9",
	" ", " ", ":", "#", "-", ".", ",", "(", "=", "+", "@", "%", "~", "^", "$", ";",
	`"`, "'", "é", "日", "º", "\u00a0", "\uffef", "\ue000",
	`\`, "\n", "\t", "!", "&", "*", "[", "{", "?", "|", ">", "<", "`", "\u2028", "\u0085",
	"\ufeff", "\ufffe", "😀", "\xff", "\x7f", "\u00ad",
}

const yamlSafe = 40

func genYAMLString(r *rand.Rand) string {
	switch r.Intn(8) {
	case 0:
		return seeds[r.Intn(len(seeds))]
	case 1:
		return yaml11[r.Intn(len(yaml11))]
	}
	n := r.Intn(12)
	if r.Intn(6) == 0 {
		n = 60 + r.Intn(90) // around 80 columns and the simple key limit
	}
	alphabet := yamlAlphabet
	if r.Intn(2) == 0 {
		alphabet = alphabet[:yamlSafe]
	}
	var sb strings.Builder
	for range n {
		sb.WriteString(alphabet[r.Intn(len(alphabet))])
	}
	return sb.String()
}

func genYAMLValue(r *rand.Rand) any {
	floats := []float64{0, math.Copysign(0, -1), 1, -1.5, 0.25, 1e-6, 1e-7, 1e20, 1e21, 1.5e21, -1e22,
		9.2e18, 9.3e18, math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, math.SmallestNonzeroFloat64}
	switch r.Intn(14) {
	case 0:
		return nil
	case 1:
		return r.Intn(2) == 0
	case 2:
		return r.Intn(2000) - 1000
	case 3:
		return int64(r.Uint64())
	case 4:
		if r.Intn(3) == 0 {
			return floats[r.Intn(len(floats))]
		}
		return (r.Float64() - 0.5) * math.Pow(10, float64(r.Intn(50)-25))
	case 5:
		if r.Intn(3) == 0 {
			return float32(floats[r.Intn(len(floats))])
		}
		return float32(r.NormFloat64() * 1000)
	case 6:
		switch r.Intn(3) {
		case 0:
			return (*big.Int)(nil)
		case 1:
			return big.NewInt(r.Int63() - r.Int63())
		}
		return new(big.Int).Lsh(big.NewInt(r.Int63()-r.Int63()), uint(r.Intn(80)))
	case 7:
		nums := []string{"0", "-0", "007", "12", "-12", "9223372036854775807", "9223372036854775808",
			"-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
			"123456789012345678901234", "+1", "0755", "-007", "09", strings.Repeat("9", 400), "1.5", "-0.0", "1e5", "1E+400", "0.1e-3", "08"}
		return json.Number(nums[r.Intn(len(nums))])
	case 8:
		offsets := []int{0, 3600, -5*3600 - 1800, 17*60 + 30, 24 * 3600, -24*3600 - 60, 26 * 3600}
		loc := time.FixedZone("", offsets[r.Intn(len(offsets))])
		if r.Intn(4) == 0 {
			loc = time.UTC
		}
		years := []int{2024, 1, 0, 999, 9999, 10000, -1, 1970}
		return time.Date(years[r.Intn(len(years))], time.Month(1+r.Intn(12)), 1+r.Intn(28),
			r.Intn(24), r.Intn(60), r.Intn(60), r.Intn(3)*r.Intn(1e9), loc)
	case 9:
		return size(r.Intn(1 << 20))
	case 10:
		return []any{genYAMLString(r)}
	case 11:
		return map[string]any{"k": r.Intn(3)}
	case 12:
		return uint8(r.Intn(256))
	}
	return genYAMLString(r)
}

// yamlViaEncoder is the yaml.v3 rendering of a row, as FormatList's
// item (item) or FormatRecord's mapping.
func yamlViaEncoder(keys []string, vals []any, item bool) (string, error) {
	n := mapping(keys, vals)
	if item {
		n = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{n}}
	}
	var buf bytes.Buffer
	err := encodeYAML(&buf, n)
	return buf.String(), err
}

// checkYAMLFast requires the fast path, where it takes the row, to write
// the very bytes of yaml.v3, as a list item and as a record; it tells
// whether it took it.
func checkYAMLFast(t *testing.T, keys []string, vals []any) bool {
	t.Helper()
	took := false
	for _, item := range []bool{true, false} {
		got, ok := appendYAMLRow([]byte("prefix"), keys, vals, item)
		if !ok {
			continue
		}
		took = true
		want, err := yamlViaEncoder(keys, vals, item)
		if err != nil {
			t.Errorf("fast yaml took %q %#v, which yaml.v3 rejects: %v", keys, vals, err)
		} else if string(got) != "prefix"+want {
			t.Errorf("fast yaml (item %v) of %q %#v:\n got %q\nwant %q", item, keys, vals, got[6:], want)
		}
	}
	return took
}

func genYAMLRow(r *rand.Rand) ([]string, []any) {
	n := r.Intn(7)
	keys := make([]string, n)
	vals := make([]any, n)
	for i := range keys {
		keys[i] = genYAMLString(r)
		vals[i] = genYAMLValue(r)
		if r.Intn(2) == 0 {
			// Mostly safe keys, so that values are reached.
			keys[i] = "k" + strconv.Itoa(i) + strings.Repeat("x", r.Intn(3)*60)
		}
	}
	return keys, vals[:n-r.Intn(2)*min(n, 1)] // sometimes a short row
}

// TestYAMLFastMatchesEncoder compares the fast path with yaml.v3 on random
// rows and requires both that it is taken and that it declines.
func TestYAMLFastMatchesEncoder(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	const rows = 20000
	fast := 0
	for range rows {
		keys, vals := genYAMLRow(r)
		if checkYAMLFast(t, keys, vals) {
			fast++
		}
	}
	t.Logf("fast path took %d of %d rows", fast, rows)
	if fast < rows/10 || fast > rows*9/10 {
		t.Errorf("fast path took %d of %d random rows: the test no longer exercises both paths", fast, rows)
	}
}

// TestYAMLFastTakes pins rows the fast path must take (so that the speed
// stays) and rows it must leave to yaml.v3.
func TestYAMLFastTakes(t *testing.T) {
	when := time.Date(2024, 5, 6, 7, 8, 9, 123000000, time.FixedZone("", 2*3600))
	for _, tc := range []struct {
		keys []string
		vals []any
		fast bool
	}{
		{benchColumns, []any{1, "report-final.pdf", "/home/ada/docs, old", 1024, 0.25, true}, true},
		{[]string{"ID", "Name", "Status"}, []any{"0b5b7a4e-2d1f-4c54-9a39-8f8b2f1d7d11", "web-01", "ACTIVE"}, true},
		{[]string{"yes", "when", "n", "big"}, []any{"no", when, nil, big.NewInt(-7)}, true},
		{[]string{"nan", "x"}, []any{math.NaN(), size(3)}, true},
		{[]string{"big", "huge"}, []any{new(big.Int).Lsh(big.NewInt(1), 70), 1e22}, true},
		{[]string{"url"}, []any{"http://example.com:8080/a"}, true},
		{[]string{"a"}, []any{"a: b"}, false},
		{[]string{"a"}, []any{"two\nlines"}, false},
		{[]string{"a"}, []any{"日本語"}, true},
		{[]string{"label"}, []any{`nº 1, "n"`}, true},
		{[]string{"a"}, []any{"😀"}, false},
		{[]string{"a"}, []any{[]any{1}}, false},
		{[]string{"a"}, []any{strings.Repeat("word ", 40) + "end"}, true},
		{[]string{"a"}, []any{"trailing "}, false},
		{[]string{strings.Repeat("k", 129)}, []any{1}, false},
		{nil, nil, false},
	} {
		if got := checkYAMLFast(t, tc.keys, tc.vals); got != tc.fast {
			t.Errorf("fast path for %q %#v: %v, want %v", tc.keys, tc.vals, got, tc.fast)
		}
	}
}

// FuzzYAMLFast compares the fast path with yaml.v3 on rows generated from
// a seed around two fuzzed strings, each as a key and as a value (the seed
// corpus runs in every go test; go test -fuzz FuzzYAMLFast explores).
func FuzzYAMLFast(f *testing.F) {
	all := append(append([]string{}, seeds...), yaml11...)
	for i, s := range all {
		f.Add(int64(i), s, all[(i+7)%len(all)])
	}
	f.Fuzz(func(t *testing.T, seed int64, a, b string) {
		r := rand.New(rand.NewSource(seed))
		keys, vals := genYAMLRow(r)
		checkYAMLFast(t, append(keys, a, b), append(vals[:len(keys):len(keys)], b, a))
		checkYAMLFast(t, []string{"k", "a"}, []any{a, b})
	})
}

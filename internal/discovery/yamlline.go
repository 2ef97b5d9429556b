package discovery

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxSyntaxSearchLines bounds syntaxLine: in a longer text the error keeps
// yaml.v3's own line.
const maxSyntaxSearchLines = 5000

// maxSyntaxScanBytes bounds the bytes syntaxLine parses line by line before
// it bisects what is left.
const maxSyntaxScanBytes = 1 << 20

// syntaxLine returns the line at fault for msg, the message of a syntax
// error yaml.v3 gave parsing data (without "yaml: " and "line N: "), or 0
// when it cannot tell.
//
// yaml.v3's line is not the one to blame. Its marks are 0-based: it adds
// one for a scanner error, not for a parser error, so "did not find
// expected ',' or ']'" names the line before the unclosed "[" (decode.go,
// parser.fail); it names the context mark (the enclosing mapping, the "[")
// before the problem mark; and it gives no line when both are on line 1,
// nor for a reader error (bad UTF-8) or an unknown alias. An unclosed
// quote is reported where the next quote, lines later, leaves it.
//
// The line at fault is the first from which no prefix of data parses: one
// past the longest prefix of whole lines that does. A fault inside a flow
// list or quoted string spanning lines is so blamed on its first line (a
// prefix that stops inside one fails). The prefixes are parsed from the
// longest down, on the error path only; past maxSyntaxScanBytes parsed,
// the rest is bisected (a parse per halving), which assumes a failing
// prefix keeps failing and may stop inside such a list.
func syntaxLine(data []byte, msg string) int {
	ends := lineEnds(data)
	n := len(ends)
	if n > maxSyntaxSearchLines {
		return 0
	}
	parses := func(k int) bool { return k == 0 || parseAll(data[:ends[k-1]]) == nil }
	if err := parseAll(data); err == nil || syntaxMessage(err) != msg {
		return 0 // not a syntax error of the text: decoding found it
	}
	k, budget := n-1, maxSyntaxScanBytes
	for ; k > 0 && budget > 0; k-- {
		if parses(k) {
			return k + 1
		}
		budget -= ends[k-1]
	}
	lo, hi := 0, k+1 // parses(lo), !parses(hi)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if parses(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// lineEnds returns the offset past each line of data (its "\n", or the
// end of data for a last line without one).
func lineEnds(data []byte) []int {
	var ends []int
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	return ends
}

// parseAll parses every YAML document in data, as the decoders of the
// config and manifests do, and returns the first error.
func parseAll(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// syntaxMessage is the message of err, a yaml.v3 error, without its
// "yaml: " and "line N: ".
func syntaxMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		return m[2]
	}
	return msg
}

// tabMessage is the message for a syntax error msg on line, which says
// that line has a tab in its indentation when yaml.v3's message is about
// a character it refuses there and line has one.
func tabMessage(msg string, line []byte) string {
	switch msg {
	case "found character that cannot start any token",
		"found a tab character that violates indentation",
		"found a tab character where an indentation space is expected":
	default:
		return msg
	}
	indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
	if bytes.IndexByte(indent, '\t') < 0 {
		return msg
	}
	return "tabs are not allowed in indentation; indent with spaces"
}

// lineText returns line n (1-based) of data, nil if there is none.
func lineText(data []byte, n int) []byte {
	for i := 1; len(data) > 0; i++ {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		if i == n {
			return l
		}
		data = rest
	}
	return nil
}

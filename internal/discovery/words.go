package discovery

import (
	"errors"
	"strings"
)

// SplitArgs splits s into arguments as a POSIX shell does, without
// expanding anything: blanks separate arguments; single quotes keep
// everything up to the next single quote; double quotes keep everything
// up to the next unescaped double quote, where a backslash escapes only
// $, `, " and \; outside quotes a backslash keeps the next character. It
// is how an alias's expansion ("files list -f csv", "grep 'a b'") becomes
// arguments.
func SplitArgs(s string) ([]string, error) {
	var (
		args  []string
		cur   strings.Builder
		inArg bool
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inArg {
				args = append(args, cur.String())
				cur.Reset()
				inArg = false
			}
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("unterminated single quote")
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inArg = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("$`\"\\", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, errors.New("unterminated double quote")
			}
			inArg = true
		case c == '\\':
			if i+1 >= len(s) {
				return nil, errors.New("backslash at the end")
			}
			i++
			cur.WriteByte(s[i])
			inArg = true
		default:
			cur.WriteByte(c)
			inArg = true
		}
	}
	if inArg {
		args = append(args, cur.String())
	}
	return args, nil
}

// JoinArgs is the inverse of SplitArgs: it joins args with single spaces,
// quoting those that need it, so that SplitArgs gives them back.
func JoinArgs(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = quoteArg(a)
	}
	return strings.Join(out, " ")
}

// quoteArg returns a, single-quoted when it is empty or holds a character
// SplitArgs treats specially.
func quoteArg(a string) string {
	if a != "" && !strings.ContainsAny(a, " \t\n\r'\"\\") {
		return a
	}
	return "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
}

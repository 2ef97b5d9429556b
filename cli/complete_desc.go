package cli

import (
	"bytes"
	"io"
)

// descCleaner passes cobra's __complete output through, removing from each
// candidate's description (the text after its first tab) the backticks
// that pflag uses to name a flag's value in help ("`FILE`"). Candidates
// themselves are left as they are.
type descCleaner struct {
	w   io.Writer
	buf []byte
}

func (d *descCleaner) Write(p []byte) (int, error) {
	d.buf = append(d.buf, p...)
	for {
		i := bytes.IndexByte(d.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		if _, err := d.w.Write(cleanDescription(d.buf[:i+1])); err != nil {
			return 0, err
		}
		d.buf = d.buf[i+1:]
	}
}

// Flush writes what is left after the last newline.
func (d *descCleaner) Flush() error {
	if len(d.buf) == 0 {
		return nil
	}
	_, err := d.w.Write(cleanDescription(d.buf))
	d.buf = nil
	return err
}

// cleanDescription removes backticks after the first tab of line.
func cleanDescription(line []byte) []byte {
	tab := bytes.IndexByte(line, '\t')
	if tab < 0 || bytes.IndexByte(line[tab:], '`') < 0 {
		return line
	}
	out := append([]byte{}, line[:tab]...)
	for _, c := range line[tab:] {
		if c != '`' {
			out = append(out, c)
		}
	}
	return out
}

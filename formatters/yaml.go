package formatters

import (
	"bytes"
	"encoding/json"
	"io"
	"iter"
	"math"
	"math/big"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/longshore/longshore/internal/jsonnum"
)

// YAML writes a list as a sequence of mappings and a record as one mapping,
// keys in column order. Strings that a YAML reader would take for something
// else (yes, null, 0123, ": ") are quoted, so every value reads back as it
// was. Values keep their types: nil is null, times are timestamps. Rows are
// written as they arrive; an empty list is [].
type YAML struct{}

// Name returns "yaml".
func (*YAML) Name() string { return "yaml" }

// Description says what the formatter writes.
func (*YAML) Description() string {
	return "A YAML sequence of mappings (a list) or a mapping (a record)"
}

// FormatList writes one sequence item as each row arrives. Rows of plain
// scalars take a fast path (appendYAMLRow) with the very bytes yaml.v3
// would write; the others are encoded by yaml.v3.
func (*YAML) FormatList(w io.Writer, columns []string, rows iter.Seq2[[]any, error]) error {
	var buf bytes.Buffer
	var fast []byte
	n := 0
	var encErr error
	err := streamRows(w, rows, func(row []any) []byte {
		n++
		var ok bool
		if fast, ok = appendYAMLRow(fast[:0], columns, row, true); ok {
			return fast
		}
		buf.Reset()
		seq := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{mapping(columns, row)}}
		if err := encodeYAML(&buf, seq); err != nil && encErr == nil {
			encErr = err
		}
		return buf.Bytes()
	}, func() []byte {
		if n == 0 {
			return []byte("[]\n")
		}
		return nil
	})
	if err != nil {
		return err
	}
	return encErr
}

// FormatRecord writes one mapping.
func (*YAML) FormatRecord(w io.Writer, fields []string, values []any) error {
	if b, ok := appendYAMLRow(nil, fields, values, false); ok {
		_, err := w.Write(b)
		return err
	}
	return encodeYAML(w, mapping(fields, values))
}

func encodeYAML(w io.Writer, n *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}

// mapping builds a mapping node of keys and values in order.
func mapping(keys []string, vals []any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Content: make([]*yaml.Node, 0, 2*len(keys))}
	for i, k := range keys {
		m.Content = append(m.Content, yamlString(k), yamlNode(at(vals, i)))
	}
	return m
}

func scalar(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}

// yamlNode builds the node of one value by the rules of json (see
// jsonEnc.value), with YAML's own null, floats and timestamps.
func yamlNode(v any) *yaml.Node {
	switch v := v.(type) {
	case nil:
		return scalar("!!null", "null")
	case string:
		return yamlString(v)
	case bool:
		return scalar("!!bool", strconv.FormatBool(v))
	case int:
		return scalar("!!int", strconv.Itoa(v))
	case int64:
		return scalar("!!int", strconv.FormatInt(v, 10))
	case float64:
		return yamlFloat(v, 64)
	case float32:
		return yamlFloat(float64(v), 32)
	case *big.Int:
		if v == nil {
			return scalar("!!null", "null")
		}
		return scalar("!!int", v.String())
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil || isDigits(string(v)) {
			return scalar("!!int", string(v))
		}
		if isJSONNumber(string(v)) {
			// The number as written (1e400, 1.0, 30 digits and more), as
			// json writes it: yaml.v3 tags it !!float where a reader would
			// not take the plain text for one.
			return scalar("!!float", string(v))
		}
		f, _ := v.Float64()
		return yamlFloat(f, 64)
	case time.Time:
		return scalar("!!timestamp", v.Format(time.RFC3339Nano))
	case Formattable:
		return yamlNode(v.MachineReadable())
	case []any:
		s := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range v {
			s.Content = append(s.Content, yamlNode(e))
		}
		return s
	case map[string]any:
		return mapping(sortedEntries(v))
	}
	return yamlNode(generic(v))
}

func isDigits(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func yamlFloat(f float64, bits int) *yaml.Node {
	switch {
	case math.IsNaN(f):
		return scalar("!!float", ".nan")
	case math.IsInf(f, 1):
		return scalar("!!float", ".inf")
	case math.IsInf(f, -1):
		return scalar("!!float", "-.inf")
	}
	return scalar("!!float", formatFloat(f, bits))
}

// isJSONNumber reports whether s is a number in JSON's syntax, which is
// also text YAML's core schema reads as a number.
func isJSONNumber(s string) bool {
	return s != "" && jsonnum.Scan([]byte(s), 0) == len(s)
}

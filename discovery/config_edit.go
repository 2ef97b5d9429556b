package discovery

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// SetDisabled adds name to (disabled true) or removes it from (false) the
// plugins.disabled list of the configuration file at path, creating the
// file and the keys it needs. The rest of the file, comments included, is
// kept; the file is replaced atomically (a temporary file renamed over
// it). It reports whether the file changed.
func SetDisabled(path, name string, disabled bool) (bool, error) {
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("edit config: %w", err)
	}
	cfg, err := ParseConfig(path, data)
	if err != nil {
		return false, err
	}
	if cfg.Disabled(name) == disabled {
		return false, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return false, yamlError(path, err)
	}
	if doc.Kind == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		// An empty document with only comments decodes as a null scalar.
		head := root.HeadComment
		*root = yaml.Node{Kind: yaml.MappingNode, HeadComment: head}
	}
	plugins := mappingValue(root, "plugins", yaml.MappingNode)
	list := mappingValue(plugins, "disabled", yaml.SequenceNode)
	if disabled {
		list.Content = append(list.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name})
	} else {
		kept := list.Content[:0]
		for _, n := range list.Content {
			if n.Value != name {
				kept = append(kept, n)
			}
		}
		list.Content = kept
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return false, fmt.Errorf("edit config %s: %w", path, err)
	}
	enc.Close()
	return true, writeAtomic(path, buf.Bytes())
}

// mappingValue returns the value of key in mapping m, adding it with an
// empty node of kind when missing or null.
func mappingValue(m *yaml.Node, key string, kind yaml.Kind) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			v := m.Content[i+1]
			if v.Kind != kind {
				// A null value ("disabled:") becomes an empty list or map.
				*v = yaml.Node{Kind: kind, LineComment: v.LineComment, HeadComment: v.HeadComment}
			}
			return v
		}
	}
	v := &yaml.Node{Kind: kind}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
	return v
}

// writeAtomic replaces path with data through a temporary file in the same
// directory, keeping an existing file's permissions.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

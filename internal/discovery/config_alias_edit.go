package discovery

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// SetAlias sets the alias called name to expansion (see ParseExpansion) in
// the aliases section of the configuration file at path, creating the
// file and the section when missing. An alias already there keeps its
// place and its comments. The file is replaced atomically and keeps its
// comments and indentation (as SetDisabled does); an edit that would
// leave a configuration that does not load is refused with the error
// naming path:line, and the file is left alone. It reports whether the
// file changed.
func SetAlias(path, name, expansion string) (bool, error) {
	if err := CheckAliasName(name); err != nil {
		return false, err
	}
	if _, err := ParseExpansion(name, expansion); err != nil {
		return false, err
	}
	return editConfig(path, func(root *yaml.Node) bool {
		aliases := mappingValue(root, "aliases", yaml.MappingNode)
		for i := 0; i+1 < len(aliases.Content); i += 2 {
			if aliases.Content[i].Value != name {
				continue
			}
			v := aliases.Content[i+1]
			if v.Kind == yaml.ScalarNode && plainTag(v) && v.Value == expansion {
				return false
			}
			*v = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: expansion,
				HeadComment: v.HeadComment, LineComment: v.LineComment, FootComment: v.FootComment}
			return true
		}
		aliases.Content = append(aliases.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: expansion})
		return true
	})
}

// DeleteAlias removes the alias called name from the configuration file
// at path, as SetAlias edits it; comments on the entry move to the next
// one. It needs only valid YAML, so that it can remove an alias that
// keeps the configuration from loading. It reports whether the file
// changed (false when there is no such alias).
func DeleteAlias(path, name string) (bool, error) {
	return editConfig(path, func(root *yaml.Node) bool {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value != "aliases" || root.Content[i+1].Kind != yaml.MappingNode {
				continue
			}
			m := root.Content[i+1]
			for j := 0; j+1 < len(m.Content); j += 2 {
				if m.Content[j].Value != name {
					continue
				}
				k, v := m.Content[j], m.Content[j+1]
				m.Content = append(m.Content[:j], m.Content[j+2:]...)
				orphan := joinComments(k.HeadComment, k.LineComment, v.LineComment, v.FootComment, k.FootComment)
				switch {
				case orphan == "":
				case j < len(m.Content):
					next := m.Content[j]
					next.HeadComment = joinComments(orphan, next.HeadComment)
				case j > 0:
					last := m.Content[j-1]
					last.FootComment = joinComments(last.FootComment, orphan)
				}
				return true
			}
		}
		return false
	})
}

// editConfig applies edit to the top-level mapping of the configuration
// file at path (an empty one when the file is missing or empty) and, when
// edit reports a change, writes the result atomically, keeping the file's
// comments, indentation, mode and group; the read-modify-write holds the
// file's lock (a hidden ".<name>.lock" beside it), so concurrent edits lose
// nothing. The result must load (see ParseConfig):
// otherwise its error is returned and the file is left alone.
func editConfig(path string, edit func(root *yaml.Node) bool) (bool, error) {
	target, err := linkTarget(path)
	if err != nil {
		return false, fmt.Errorf("edit config %s: %w", Escape(path), err)
	}
	unlock, err := lockFile(lockPath(target))
	if err != nil {
		return false, fmt.Errorf("edit config: %w", err)
	}
	defer unlock()
	data, err := readConfig(path)
	if err != nil {
		return false, fmt.Errorf("edit config: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return false, fmt.Errorf("edit config: %w", yamlError(path, data, err))
	}
	var prefix []byte
	if doc.Kind == 0 {
		// Nothing but comments (or nothing): yaml.v3 keeps no node to hang
		// them on, so the text is kept as it is, above the new keys.
		if len(bytes.TrimSpace(data)) > 0 {
			prefix = append(bytes.TrimRight(data, " \t\r\n"), '\n')
		}
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		if root.Kind != yaml.ScalarNode || root.Tag != "!!null" {
			return false, fmt.Errorf("edit config: %s:%d: want a mapping at the top, not %s", Escape(path), root.Line, kindName(root))
		}
		head := root.HeadComment
		*root = yaml.Node{Kind: yaml.MappingNode, HeadComment: head}
	}
	if !edit(root) {
		return false, nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(indentOf(data))
	if err := enc.Encode(&doc); err != nil {
		return false, fmt.Errorf("edit config %s: %w", Escape(path), err)
	}
	enc.Close()
	out := append(prefix, buf.Bytes()...)
	if _, err := ParseConfig(path, out); err != nil {
		return false, err
	}
	return true, writeAtomic(target, out)
}

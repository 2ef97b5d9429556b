package plugincmd

import "strings"

// nextWords completes a plugin name, which may have several words ("files
// stat"), one word at a time: given the words typed, it returns the next
// word of each name that starts with them.
func nextWords(names []string, args []string) []string {
	prefix := strings.Join(args, " ")
	var out []string
	for _, n := range names {
		words := strings.Fields(n)
		if len(words) <= len(args) || strings.Join(words[:len(args)], " ") != prefix {
			continue
		}
		out = append(out, words[len(args)])
	}
	return out
}

// rowNames returns the names plugin list shows, those keep keeps when it
// is not nil; nothing when the catalog cannot be read.
func rowNames(app string, cat Catalog, keep func(Row) bool) []string {
	rows, _, err := rowsOf(app, cat)
	if err != nil {
		return nil
	}
	var names []string
	for _, row := range rows {
		if keep == nil || keep(row) {
			names = append(names, row.Name)
		}
	}
	return names
}

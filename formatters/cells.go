package formatters

// pick returns row's values at idx; a missing value is nil.
func pick(row []any, idx []int) []any {
	out := make([]any, len(idx))
	for i, j := range idx {
		if j < len(row) {
			out[i] = row[j]
		}
	}
	return out
}

// at returns row[i], or nil when the row is short.
func at(row []any, i int) any {
	if i < len(row) {
		return row[i]
	}
	return nil
}

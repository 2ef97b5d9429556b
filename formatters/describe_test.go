package formatters

import "testing"

// TestEveryBuiltinDescribesItself pins that plugin list has a description
// for every built-in formatter, and that an unknown name has none.
func TestEveryBuiltinDescribesItself(t *testing.T) {
	set, err := NewSet(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range set.Names(0) {
		if d := set.Description(name); d == "" {
			t.Errorf("built-in formatter %q has no description", name)
		}
	}
	if d := set.Description("no-such"); d != "" {
		t.Errorf("Description(no-such) = %q, want empty", d)
	}
}

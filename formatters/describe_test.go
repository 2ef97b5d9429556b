package formatters

import (
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestEveryBuiltinDescribesItself pins that plugin list has a description
// for every built-in formatter, and that an unknown name has none.
func TestEveryBuiltinDescribesItself(t *testing.T) {
	set := NewSet("", nil)
	for _, name := range set.Names(0) {
		if d := set.Description(name); d == "" {
			t.Errorf("built-in formatter %q has no description", name)
		}
	}
	if d := set.Description("no-such"); d != "" {
		t.Errorf("Description(no-such) = %q, want empty", d)
	}
}

// TestRegisterOverBuiltinPanics: a registered name equal to a built-in's is
// a duplicate naming both registrants, never a silent replacement.
func TestRegisterOverBuiltinPanics(t *testing.T) {
	defer func() {
		msg, _ := recover().(string)
		if !strings.Contains(msg, `register formatter "json" of app "fmtdup"`) || !strings.Contains(msg, "describe_test.go:") ||
			!strings.Contains(msg, `the name is taken by the built-in formatter "json"`) {
			t.Fatalf("panic = %q, want a duplicate naming both registrants", msg)
		}
	}()
	Register("fmtdup", "json", func() Formatter { return &JSON{} })
}

// commandShaped has a command's Flags, which a formatter would never have
// called.
type commandShaped struct{ CSV }

func (*commandShaped) Flags(fs *pflag.FlagSet) {}

// TestRegisterRefusesCommandShapedFlags: a formatter whose Flags has the
// command's signature fails loudly at registration.
func TestRegisterRefusesCommandShapedFlags(t *testing.T) {
	defer func() {
		msg, _ := recover().(string)
		want := "method Flags has signature func(*pflag.FlagSet), want func(*pflag.FlagSet, formatters.Kind) (interface formatters.KindFlagDeclarer)"
		if !strings.Contains(msg, want) {
			t.Fatalf("panic = %q, want it to contain %q", msg, want)
		}
	}()
	Register("fmtshape", "bang", func() Formatter { return &commandShaped{} })
}

package cli

import "testing"

func TestConfigArg(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"files", "list"}, ""},
		{[]string{"--config", "a.yaml", "files", "list"}, "a.yaml"},
		{[]string{"files", "list", "--config=b.yaml"}, "b.yaml"},
		{[]string{"--config", "a.yaml", "--config=b.yaml"}, "b.yaml"},
		{[]string{"run", "--", "--config", "a.yaml"}, ""},
		{[]string{"--config"}, ""},
	}
	for _, tt := range tests {
		if got := configArg(tt.args); got != tt.want {
			t.Errorf("configArg(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}

package pluginexec

import (
	"errors"
	"slices"
	"testing"
)

func TestEnv(t *testing.T) {
	inherited := []string{
		"PATH=/bin", "HOME=/h",
		"DEMOAPP_FORMAT=json",          // a parent's -f, not this run's
		"DEMOAPP_OUTPUT=jsonl",         // a request for structured output never leaks
		"LONGSHORE_OUTPUT=jsonl",       // nor the app-independent one
		"DEMOAPP_PLUGIN_NAME=old",      // replaced
		"DEMOAPP_CONFIG=/old.yaml",     // replaced
		"demoapp_format=x",             // another variable on Unix
		"OTHERAPP_FORMAT=csv",          // another app's
		"DEMOAPP_WEATHER_API_KEY=k",    // the app's own settings pass
		"=C:=C:\\odd windows variable", // kept as it is
	}
	tests := []struct {
		name string
		goos string
		vars EnvVars
		want []string
	}{
		{
			name: "plain plugin",
			goos: "linux",
			vars: EnvVars{Prefix: "DEMOAPP", Name: "files stat", Config: "/c.yaml", Verbosity: 2},
			want: []string{"PATH=/bin", "HOME=/h", "demoapp_format=x", "OTHERAPP_FORMAT=csv", "DEMOAPP_WEATHER_API_KEY=k", "=C:=C:\\odd windows variable",
				"DEMOAPP_PLUGIN_NAME=files stat", "DEMOAPP_EXECUTABLE=/usr/bin/demoapp", "DEMOAPP_CONFIG=/c.yaml", "DEMOAPP_VERBOSITY=2"},
		},
		{
			name: "with -f, quiet",
			goos: "darwin",
			vars: EnvVars{Prefix: "DEMOAPP", Name: "x", Config: "/c.yaml", Verbosity: -1, Format: "yaml"},
			want: []string{"PATH=/bin", "HOME=/h", "demoapp_format=x", "OTHERAPP_FORMAT=csv", "DEMOAPP_WEATHER_API_KEY=k", "=C:=C:\\odd windows variable",
				"DEMOAPP_PLUGIN_NAME=x", "DEMOAPP_EXECUTABLE=/usr/bin/demoapp", "DEMOAPP_CONFIG=/c.yaml", "DEMOAPP_VERBOSITY=-1", "DEMOAPP_FORMAT=yaml"},
		},
		{
			name: "structured",
			goos: "linux",
			vars: EnvVars{Prefix: "DEMOAPP", Name: "x", Config: "/c.yaml", Verbosity: 3, Output: "jsonl"},
			want: []string{"PATH=/bin", "HOME=/h", "demoapp_format=x", "OTHERAPP_FORMAT=csv", "DEMOAPP_WEATHER_API_KEY=k", "=C:=C:\\odd windows variable",
				"DEMOAPP_PLUGIN_NAME=x", "DEMOAPP_EXECUTABLE=/usr/bin/demoapp", "DEMOAPP_CONFIG=/c.yaml", "DEMOAPP_VERBOSITY=3",
				"DEMOAPP_OUTPUT=jsonl", "LONGSHORE_OUTPUT=jsonl"},
		},
		{
			name: "windows names ignore case",
			goos: "windows",
			vars: EnvVars{Prefix: "DEMOAPP", Name: "x", Config: `C:\c.yaml`},
			want: []string{"PATH=/bin", "HOME=/h", "OTHERAPP_FORMAT=csv", "DEMOAPP_WEATHER_API_KEY=k", "=C:=C:\\odd windows variable",
				"DEMOAPP_PLUGIN_NAME=x", "DEMOAPP_EXECUTABLE=/usr/bin/demoapp", `DEMOAPP_CONFIG=C:\c.yaml`, "DEMOAPP_VERBOSITY=0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &Handler{
				GOOS:       tt.goos,
				Environ:    func() []string { return slices.Clone(inherited) },
				Executable: func() (string, error) { return "/usr/bin/demoapp", nil },
			}
			if got := h.Env(tt.vars); !slices.Equal(got, tt.want) {
				t.Errorf("Env =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestEnvWithoutExecutable(t *testing.T) {
	h := &Handler{
		Environ:    func() []string { return nil },
		Executable: func() (string, error) { return "", errors.New("unknown") },
	}
	env := h.Env(EnvVars{Prefix: "A", Name: "x"})
	if v, ok := envOf(env, "A_EXECUTABLE"); !ok || v != "" {
		t.Errorf("A_EXECUTABLE = %q, %v; want it empty when unknown", v, ok)
	}
}

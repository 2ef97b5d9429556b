package pluginexec

import (
	"strconv"
	"strings"
)

// OutputEnv is the app-independent variable that asks a plugin for
// structured output; "<PREFIX>_OUTPUT" says the same for plugins that
// know their parent's name.
const OutputEnv = "LONGSHORE_OUTPUT"

// EnvVars are the documented variables a plugin receives.
type EnvVars struct {
	// Prefix is the app's name as a variable prefix: "DEMOAPP".
	Prefix string
	// Name is the plugin's command words joined by one space.
	Name string
	// Config is the config file in use.
	Config string
	// Verbosity is -1 (quiet), 0, the -v count, or 3 (debug).
	Verbosity int
	// Format is the -f value, "" when the user gave none.
	Format string
	// Output, when set, asks for structured output in this wire format
	// (<PREFIX>_OUTPUT and LONGSHORE_OUTPUT).
	Output string
}

// Env returns a plugin's environment: the app's own (Environ) without the
// variables set here and without any request for structured output, then
// <PREFIX>_PLUGIN_NAME, _EXECUTABLE (the app's binary), _CONFIG,
// _VERBOSITY, and _FORMAT and the output request when set, in this order.
func (h *Handler) Env(v EnvVars) []string {
	exe, _ := h.executable()
	p := v.Prefix + "_"
	set := [][2]string{
		{p + "PLUGIN_NAME", v.Name},
		{p + "EXECUTABLE", exe},
		{p + "CONFIG", v.Config},
		{p + "VERBOSITY", strconv.Itoa(v.Verbosity)},
	}
	if v.Format != "" {
		set = append(set, [2]string{p + "FORMAT", v.Format})
	}
	if v.Output != "" {
		set = append(set, [2]string{p + "OUTPUT", v.Output}, [2]string{OutputEnv, v.Output})
	}
	drop := map[string]bool{p + "FORMAT": true, p + "OUTPUT": true, OutputEnv: true}
	for _, kv := range set {
		drop[kv[0]] = true
	}
	// Windows variable names are case-insensitive: "Path" is "PATH".
	fold := h.goos() == "windows"
	if fold {
		for k := range drop {
			drop[strings.ToUpper(k)] = true
		}
	}
	inherited := h.environ()
	env := make([]string, 0, len(inherited)+len(set))
	for _, kv := range inherited {
		k, _, _ := strings.Cut(kv, "=")
		if fold {
			k = strings.ToUpper(k)
		}
		if !drop[k] {
			env = append(env, kv)
		}
	}
	for _, kv := range set {
		env = append(env, kv[0]+"="+kv[1])
	}
	return env
}

package hookrun

import (
	"sort"

	"github.com/longshore/longshore/hooks"
)

// Bound is one hook bound to one command for a run: its name, its value and
// the Info it gave.
type Bound struct {
	// Name is the hook's registered (or manifest) name.
	Name string
	// Hook is the hook's value for this command.
	Hook hooks.Hook
	// Info is what Hook.Info returned.
	Info hooks.Info
}

// Order sorts hooks into the order they run before the command: by
// Priority, lower first, then by Name. The same hooks always sort the same
// way; after-hooks run in the reverse of this order.
func Order(hs []Bound) {
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].Info.Priority != hs[j].Info.Priority {
			return hs[i].Info.Priority < hs[j].Info.Priority
		}
		return hs[i].Name < hs[j].Name
	})
}

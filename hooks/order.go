package hooks

import "sort"

// Bound is one hook bound to one command for a run: its name, its value and
// the Info it gave.
type Bound struct {
	// Name is the hook's registered (or manifest) name.
	Name string
	// Hook is the hook's value for this command.
	Hook Hook
	// Info is what Hook.Info returned.
	Info Info
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

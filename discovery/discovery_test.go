package discovery_test

import (
	"fmt"

	"github.com/longshore/longshore/discovery"
)

// ParseManifest checks a manifest as the App does, naming file:line.
func ExampleParseManifest() {
	m, err := discovery.ParseManifest("demoapp-audit.yaml", []byte(`
description: Audit the files commands
hooks:
  - name: audit
    commands: ["files *"]
    after: true
    timeout: 5s
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Description, m.Hooks[0].Name, m.Hooks[0].Timeout)

	_, err = discovery.ParseManifest("demoapp-bad.yaml", []byte("hooks:\n  - name: audit\n    commands: ['*']\n"))
	fmt.Println(err)
	// Output:
	// Audit the files commands audit 5s
	// demoapp-bad.yaml:2: hook "audit": set before, after or both to true
}

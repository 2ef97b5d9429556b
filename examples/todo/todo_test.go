package todo_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longshore/longshore/cli/clitest"
	"github.com/longshore/longshore/examples/todo"
)

// The tests use only the test kit: each runs the App in-process in an
// isolated HOME, config, plugin directory and environment.

const list = `[
  {"id": 1, "title": "buy milk", "priority": 2, "tags": ["home"]},
  {"id": 2, "title": "file taxes", "done": true},
  {"id": 3, "title": "call <mum>", "priority": 1}
]
`

func TestMain(m *testing.M) { clitest.Main(m, "todo", todo.NewApp) }

// TestScripts runs testdata/script/*.txtar against the todo binary.
func TestScripts(t *testing.T) { clitest.RunScripts(t, "todo", "testdata/script") }

func TestList(t *testing.T) {
	h := clitest.New(t, todo.NewApp())
	h.WriteFile("todo.json", list)
	r := h.Run("list")
	r.WantCode(t, 0)
	clitest.Golden(t, "testdata/list.txt", r.Stdout)

	r = h.Run("list", "--all", "-f", "csv", "-c", "id", "-c", "title")
	r.WantCode(t, 0)
	clitest.Golden(t, "testdata/list-all.csv", r.Stdout)
}

func TestShow(t *testing.T) {
	h := clitest.New(t, todo.NewApp())
	h.WriteFile("todo.json", list)
	r := h.Run("show", "1", "-f", "json")
	r.WantCode(t, 0)
	clitest.Golden(t, "testdata/show.json", r.Stdout)

	r = h.Run("show", "x")
	r.WantCode(t, 2)
	if r.Stderr != "todo: error: show: ID must be a number, got \"x\"\n" {
		t.Errorf("stderr = %q", r.Stderr)
	}
}

func TestAdd(t *testing.T) {
	h := clitest.New(t, todo.NewApp())
	h.WriteFile("todo.json", list)
	r := h.Run("add", "-p", "3", "--tag", "garden", "--tag", "home", "mow", "the", "lawn")
	r.WantCode(t, 0)
	if r.Stdout != "added 4: mow the lawn\n" {
		t.Errorf("stdout = %q", r.Stdout)
	}
	r = h.Run("show", "4", "-f", "shell")
	r.WantCode(t, 0)
	clitest.Golden(t, "testdata/added.sh", r.Stdout)
}

// TestDryRun: the hook's --dry-run stops add successfully (hooks.ErrStop):
// exit 0, nothing written.
func TestDryRun(t *testing.T) {
	h := clitest.New(t, todo.NewApp())
	r := h.Run("add", "--dry-run", "buy", "bread")
	r.WantCode(t, 0)
	if r.Stdout != "would add: buy bread\n" || r.Stderr != "" {
		t.Errorf("%s", r)
	}
	if _, err := os.Stat(filepath.Join(h.Dir, "todo.json")); !os.IsNotExist(err) {
		t.Errorf("--dry-run wrote the list: %v", err)
	}
}

func TestChecklistFormatter(t *testing.T) {
	h := clitest.New(t, todo.NewApp())
	h.WriteFile("todo.json", list)
	r := h.Run("list", "--all", "-f", "checklist", "--mark", "✓")
	r.WantCode(t, 0)
	clitest.Golden(t, "testdata/checklist.txt", r.Stdout)
}

// TestConfigFile: the app's own config key, decoded typed; a key the app
// does not know is an error naming file:line.
func TestConfigFile(t *testing.T) {
	h := clitest.New(t, todo.NewApp())
	path := h.WriteFile("lists/work.json", `[{"id": 7, "title": "review"}]`)
	h.WriteConfig("plugins:\n  disabled: []\nfile: " + path + "\n")
	r := h.Run("list", "-f", "value", "-c", "title")
	r.WantCode(t, 0)
	if r.Stdout != "review\n" {
		t.Errorf("stdout = %q", r.Stdout)
	}

	h.WriteConfig("fiel: " + path + "\n")
	r = h.Run("list")
	r.WantCode(t, 1)
	if want := "todo: error: config: " + h.ConfigPath() + ":1: unknown key \"fiel\"\n"; r.Stderr != want {
		t.Errorf("stderr = %q, want %q", r.Stderr, want)
	}
}

// TestEnvironment: $TODO_FILE reaches the command through Invocation.Env,
// not the process: the harness sets it for the App alone.
func TestEnvironment(t *testing.T) {
	h := clitest.New(t, todo.NewApp())
	path := h.WriteFile("elsewhere.json", `[{"id": 9, "title": "from env"}]`)
	h.Setenv("TODO_FILE", path)
	r := h.Run("show", "9", "-f", "value", "-c", "title")
	r.WantCode(t, 0)
	if r.Stdout != "from env\n" {
		t.Errorf("stdout = %q", r.Stdout)
	}
}

// TestShellPlugin runs the sh plugin as "todo count".
func TestShellPlugin(t *testing.T) {
	h := clitest.New(t, todo.NewApp())
	script, err := os.ReadFile(filepath.Join(packageDir(t), "plugins", "sh", "todo-count"))
	if err != nil {
		t.Fatal(err)
	}
	h.AddPlugin("count", string(script))
	h.WriteFile("todo.json", list)
	r := h.Run("count")
	r.WantCode(t, 0)
	if r.Stdout != "3\n" {
		t.Errorf("%s", r)
	}
	r = h.Run("plugin", "list", "-f", "csv", "-c", "name", "-c", "kind", "-c", "source")
	r.WantCode(t, 0)
	for _, row := range []string{`"count","command","dir"`, `"dry-run","hook","builtin"`, `"checklist","formatter","builtin"`} {
		if !strings.Contains(r.Stdout, row+"\n") {
			t.Errorf("plugin list has no row %s:\n%s", row, r.Stdout)
		}
	}
}

// TestGoStructuredPlugin builds the Go plugin, installs it with the App's
// own "plugin install" (which reads its manifest), and renders its record
// with todo's formatters.
func TestGoStructuredPlugin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a plugin")
	}
	// Build before the kit isolates HOME: the build cache lives there.
	bin := filepath.Join(t.TempDir(), "todo-stats")
	build := exec.Command("go", "build", "-o", bin, "./plugins/todo-stats")
	build.Dir = packageDir(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	h := clitest.New(t, todo.NewApp())
	r := h.Run("plugin", "install", bin)
	r.WantCode(t, 0)
	h.WriteFile("todo.json", list)
	r = h.Run("stats", "-f", "yaml")
	r.WantCode(t, 0)
	if r.Stdout != "open: 2\ndone: 1\n" {
		t.Errorf("%s", r)
	}
}

// packageDir is this package's directory (the kit changes the working
// directory of each test).
func packageDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(strings.TrimSuffix(testdataDir, "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

var testdataDir = func() string { d, _ := os.Getwd(); return filepath.Join(d, "testdata") }()

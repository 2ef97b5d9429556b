package discovery

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
)

func TestExecExts(t *testing.T) {
	tests := []struct {
		goos, pathext string
		want          []string
	}{
		{"linux", ".EXE;.BAT", nil},
		{"darwin", "", nil},
		{"windows", ".COM;.EXE;.BAT;.CMD;.VBS;.JS", []string{".com", ".exe", ".bat", ".cmd", ".vbs", ".js"}},
		{"windows", "", []string{".com", ".exe", ".bat", ".cmd"}},
		{"windows", ";;", []string{".com", ".exe", ".bat", ".cmd"}},
		{"windows", "EXE; .Cmd ;.exe", []string{".exe", ".cmd"}},
		{"windows", ".PS1", []string{".ps1"}},
	}
	for _, tt := range tests {
		if got := ExecExts(tt.goos, tt.pathext); !slices.Equal(got, tt.want) {
			t.Errorf("ExecExts(%q, %q) = %q, want %q", tt.goos, tt.pathext, got, tt.want)
		}
	}
}

func TestTrimExecExt(t *testing.T) {
	exts := []string{".com", ".exe", ".bat", ".cmd"}
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"demoapp-hello.exe", "demoapp-hello", true},
		{"demoapp-hello.EXE", "demoapp-hello", true},
		{"demoapp-files-stat.Cmd", "demoapp-files-stat", true},
		{"demoapp-hello", "demoapp-hello", false},
		{"demoapp-hello.yaml", "demoapp-hello.yaml", false},
		{"demoapp-hello.exe.txt", "demoapp-hello.exe.txt", false},
		{"demoapp-hello.txt.exe", "demoapp-hello.txt", true},
		{".exe", ".exe", false},
	}
	for _, tt := range tests {
		got, ok := TrimExecExt(tt.name, exts)
		if got != tt.want || ok != tt.ok {
			t.Errorf("TrimExecExt(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	if got, ok := TrimExecExt("demoapp-x.exe", nil); ok || got != "demoapp-x.exe" {
		t.Errorf("without extensions: %q, %v", got, ok)
	}
}

// windowsTree is a plugin dir /p and a PATH dir /a as on Windows, where
// PATHEXT, not the mode, says what runs.
func windowsTree() map[string]fakeFile {
	return map[string]fakeFile{
		"/a/demoapp-hello.COM":                 {mode: 0o644},
		"/a/demoapp-hello.yaml":                {mode: 0o644, data: "description: Hi\n"},
		"/a/demoapp-files-stat.cmd":            {mode: 0o644},
		"/a/demoapp-both.bat":                  {mode: 0o644},
		"/a/demoapp-both.exe":                  {mode: 0o644},
		"/a/demoapp-noext":                     {mode: exe},
		"/a/demoapp-notes.txt":                 {mode: 0o644},
		"/p/demoapp-folder/plugin.yaml":        {mode: 0o644, data: "description: a folder\n"},
		"/p/demoapp-folder/demoapp-folder.exe": {mode: 0o644},
	}
}

// foldFS is a file system whose names ignore case, as Windows' do: a
// name finds the file whose name equals it but for case.
type foldFS struct{ *fakeFS }

func (f foldFS) fold(name string) string {
	for k := range f.files {
		if strings.EqualFold(strings.TrimSuffix(k, "/"), name) {
			return strings.TrimSuffix(k, "/")
		}
	}
	return name
}

func (f foldFS) Stat(name string) (fs.FileInfo, error)    { return f.fakeFS.Stat(f.fold(name)) }
func (f foldFS) Lstat(name string) (fs.FileInfo, error)   { return f.fakeFS.Lstat(f.fold(name)) }
func (f foldFS) ReadFile(name string) ([]byte, error)     { return f.fakeFS.ReadFile(f.fold(name)) }
func (f foldFS) EvalSymlinks(name string) (string, error) { return f.fakeFS.EvalSymlinks(f.fold(name)) }

func windowsFinder(fsys FS) *Finder {
	return &Finder{App: "demoapp", FS: fsys, Exts: ExecExts("windows", ".COM;.EXE;.BAT;.CMD"), Dirs: []Dir{
		{Path: "/p", Source: SourceDir}, {Path: "/a", Source: SourcePATH},
	}}
}

func TestResolveWithPathExt(t *testing.T) {
	tests := []struct {
		words, wantPath, wantErr string
	}{
		// The path as PATHEXT spells it; Windows finds the file whatever
		// the case.
		{"hello", "/a/demoapp-hello.com", ""},
		{"files stat x", "/a/demoapp-files-stat.cmd", ""},
		// PATHEXT's order: .exe before .bat.
		{"both", "/a/demoapp-both.exe", ""},
		// No extension: not executable on Windows, whatever its mode.
		{"noext", "", "/a/demoapp-noext is not executable"},
		{"notes", "", ""},
		{"folder", "/p/demoapp-folder/demoapp-folder.exe", ""},
	}
	for _, tt := range tests {
		p, _, err := windowsFinder(foldFS{newFakeFS(windowsTree())}).Resolve(strings.Fields(tt.words), 1)
		got := ""
		if p != nil {
			got = p.Path
			if p.Invalid != nil {
				t.Errorf("%s: invalid: %v", tt.words, p.Invalid)
			}
		}
		if got != tt.wantPath {
			t.Errorf("%s: path %q, want %q", tt.words, got, tt.wantPath)
		}
		if gotErr := errString(err); gotErr != tt.wantErr {
			t.Errorf("%s: error %q, want %q", tt.words, gotErr, tt.wantErr)
		}
		if tt.words == "hello" && (p.Manifest == nil || p.Manifest.Description != "Hi") {
			t.Errorf("hello: the manifest beside demoapp-hello.EXE is demoapp-hello.yaml")
		}
	}
}

func TestScanWithPathExt(t *testing.T) {
	s := windowsFinder(foldFS{newFakeFS(windowsTree())}).Scan()
	var got []string
	for _, p := range s.Plugins {
		got = append(got, p.Name+" "+p.Path)
	}
	want := []string{
		"both /a/demoapp-both.exe",
		"files stat /a/demoapp-files-stat.cmd",
		"folder /p/demoapp-folder/demoapp-folder.exe",
		"hello /a/demoapp-hello.COM",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plugins:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var warnings []string
	for _, w := range s.Warnings {
		warnings = append(warnings, w.String())
	}
	wantW := []string{
		"/a/demoapp-noext: not executable: skipped",
		`/a/demoapp-notes.txt: invalid plugin name: word "notes.txt" has '.': only a-z, 0-9 and inner hyphens are allowed`,
	}
	if strings.Join(warnings, "\n") != strings.Join(wantW, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(wantW, "\n"))
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

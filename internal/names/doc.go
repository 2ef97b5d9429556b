// Package names holds Longshore's naming rules: command words and names
// ("files list", "dir-size") and the command patterns hooks attach with
// ("files *", "* list"). The command, hooks and discovery packages and the
// App share them; authors meet them in the docs of command.Register and
// hooks.Info.
package names

// Command todo is the example to-do list CLI (package todo).
package main

import (
	"context"
	"os"

	"github.com/longshore/longshore/examples/todo"
)

func main() {
	os.Exit(todo.NewApp().Run(context.Background(), os.Args[1:]))
}

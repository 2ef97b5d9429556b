package command

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// UsageError marks an error as the user's: an unknown command or flag, bad
// arguments, an unknown formatter or column. The App exits with code 2.
type UsageError struct {
	// Err says what the user got wrong.
	Err error
}

func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the wrapped error.
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef returns a [UsageError] with a formatted message.
func Usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// IsUsage reports whether err is or wraps a [UsageError].
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}

// ExitError carries a specific exit code, such as an external plugin's own.
// A nil Err exits with Code and prints nothing.
type ExitError struct {
	// Code is the exit code.
	Code int
	// Err is printed as the error line; nil prints nothing.
	Err error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns the wrapped error.
func (e *ExitError) Unwrap() error { return e.Err }

// PanicError is a plugin's panic turned into an error that names the plugin.
type PanicError struct {
	// Plugin names the plugin that panicked, e.g. `command "files list"`.
	Plugin string
	// Value is what was passed to panic.
	Value any
	// Stack is the goroutine's stack at the panic.
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("%s panicked: %v", e.Plugin, e.Value)
}

// Unwrap returns the panic value when it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Guard calls f and turns a panic in it into a [PanicError] naming plugin.
// Every call from the App into plugin code goes through Guard.
func Guard(plugin string, f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Plugin: plugin, Value: v, Stack: debug.Stack()}
		}
	}()
	return f()
}

// GuardValue is [Guard] for a call that returns a value.
func GuardValue[T any](plugin string, f func() (T, error)) (v T, err error) {
	err = Guard(plugin, func() error {
		var ferr error
		v, ferr = f()
		return ferr
	})
	return v, err
}

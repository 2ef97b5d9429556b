package hooks

// brokenError marks a hook that could not do its work, as opposed to one
// that refused.
type brokenError struct{ err error }

func (e *brokenError) Error() string { return e.err.Error() }
func (e *brokenError) Unwrap() error { return e.err }

// Broken reports that the error marks a breakage, for the App's runner.
func (e *brokenError) Broken() bool { return true }

// Broken marks err as a breakage of the hook itself (it could not start, it
// timed out) rather than a deliberate veto. A broken before-hook vetoes the
// command only when it is Required; otherwise it is reported and the command
// runs. A panic is always a breakage.
func Broken(err error) error {
	if err == nil {
		return nil
	}
	return &brokenError{err: err}
}

package hookrun

import (
	"context"
	"io"
	"os"
	"os/exec"
	"time"
)

// drainDelay is how long the output of a hook that exited is still read
// while something outside its process group holds it open.
const drainDelay = time.Second

// process is one run of an external hook's executable, in a process group
// of its own. Its exit decides: once it has exited, the rest of its group
// is killed and its output is read to the end, or for drainDelay at most.
// A descendant that keeps its output open therefore neither delays the app
// nor turns a clean exit into a failure or a timeout.
type process struct {
	path   string
	args   []string
	env    []string
	stdin  []byte
	stdout io.Writer
	stderr io.Writer
	// killed records that the context ended first and the hook was killed.
	killed bool
	// unread records that its output was still open drainDelay after it
	// exited: the rest was dropped.
	unread bool
}

// run starts the process, feeds it stdin and waits for it to exit or for
// ctx to end (then its group is killed). It returns what
// [exec.Cmd.Wait] returns: nil, an *exec.ExitError or a start error.
func (p *process) run(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	cmd := exec.Command(p.path, p.args...)
	cmd.Env = p.env
	var pipes pipeSet
	defer pipes.finish()
	inR, inW, err := pipes.pipe()
	if err != nil {
		return err
	}
	cmd.Stdin = inR
	if cmd.Stdout, err = pipes.output(p.stdout); err != nil {
		return err
	}
	if cmd.Stderr, err = pipes.output(p.stderr); err != nil {
		return err
	}
	newGroup(cmd)
	if err := cmd.Start(); err != nil {
		return err
	}
	pipes.startedChild()
	go func() {
		inW.Write(p.stdin) // a hook need not read its input
		inW.Close()
	}()
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err = <-waited:
	case <-ctx.Done():
		killGroup(cmd.Process)
		err = <-waited
		// It may have exited by itself just as the timeout fell.
		p.killed = cmd.ProcessState == nil || !cmd.ProcessState.Exited()
	}
	// Whatever it left behind in its group goes with it.
	killGroup(cmd.Process)
	inW.Close()
	p.unread = !pipes.drain(drainDelay)
	return err
}

// pipeSet is the pipes between the app and a hook process.
type pipeSet struct {
	// child are the ends the child uses, closed in the app once it started.
	child []*os.File
	// parent are the app's ends.
	parent []*os.File
	// copies are done when a copy of an output has ended.
	copies []chan struct{}
}

// pipe returns a new pipe whose read end goes to the child.
func (ps *pipeSet) pipe() (r, w *os.File, err error) {
	r, w, err = os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	ps.child, ps.parent = append(ps.child, r), append(ps.parent, w)
	return r, w, nil
}

// output returns what the child writes to for dst: dst itself when it is a
// file, else a pipe copied to dst.
func (ps *pipeSet) output(dst io.Writer) (io.Writer, error) {
	if f, ok := dst.(*os.File); ok {
		return f, nil
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	ps.child, ps.parent = append(ps.child, w), append(ps.parent, r)
	done := make(chan struct{})
	ps.copies = append(ps.copies, done)
	go func() {
		defer close(done)
		io.Copy(dst, r)
	}()
	return w, nil
}

// startedChild closes the child's ends in the app.
func (ps *pipeSet) startedChild() {
	for _, f := range ps.child {
		f.Close()
	}
	ps.child = nil
}

// drain waits up to d for the outputs to reach their end, and reports
// whether they did; if not, it stops reading them.
func (ps *pipeSet) drain(d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	complete := true
	for _, done := range ps.copies {
		select {
		case <-done:
		case <-timer.C:
			complete = false
			ps.closeAll()
			<-done
		}
	}
	return complete
}

// finish closes the app's ends and waits for the copies, so that nothing
// writes to the outputs once the hook's run is over.
func (ps *pipeSet) finish() {
	ps.closeAll()
	for _, done := range ps.copies {
		<-done
	}
}

// closeAll closes every end still open in the app.
func (ps *pipeSet) closeAll() {
	for _, f := range append(ps.child, ps.parent...) {
		f.Close()
	}
}

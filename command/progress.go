package command

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
)

// progressTick is how often the spinner turns.
const progressTick = 120 * time.Millisecond

var spinnerFrames = [...]string{"|", "/", "-", "\\"}

// progress is the indicator drawn on ErrOut: a spinner, or a counted bar
// when the total is known.
type progress struct {
	s *IOStreams

	mu     sync.Mutex
	label  string
	total  int
	done   int
	frame  int
	drawn  int // width of the line last drawn, to clear it
	last   time.Time
	ticker bool

	stop     chan struct{}
	finished chan struct{}
}

// StartProgress shows a spinner with label on ErrOut, as in
// StartProgress("Installing demoapp-foo"), until [IOStreams.StopProgress].
// It draws only when ErrOut is a terminal and -q was not given; otherwise
// it does nothing. Calling it while an indicator runs changes its label.
// Stop the indicator before writing anything else to the terminal.
func (s *IOStreams) StartProgress(label string) {
	s.startProgress(label, 0)
}

// StartProgressBar shows a bar counting up to total with label on ErrOut,
// under the same conditions as [IOStreams.StartProgress]; advance it with
// [ProgressBar.Add] and end it with [IOStreams.StopProgress]. The bar is
// never nil, and does nothing when progress is not drawn.
func (s *IOStreams) StartProgressBar(label string, total int) *ProgressBar {
	return &ProgressBar{p: s.startProgress(label, max(total, 0))}
}

// ProgressEnabled reports whether progress is drawn: ErrOut is a terminal
// and -q was not given.
func (s *IOStreams) ProgressEnabled() bool { return s.ErrIsTerminal && !s.Quiet }

func (s *IOStreams) startProgress(label string, total int) *progress {
	if !s.ProgressEnabled() {
		return nil
	}
	st := s.state()
	if p := st.progress; p != nil {
		p.mu.Lock()
		p.label, p.total, p.done = printable(label), total, 0
		p.drawLocked()
		p.mu.Unlock()
		return p
	}
	p := &progress{s: s, label: printable(label), total: total, ticker: !st.tickless}
	st.progress = p
	p.mu.Lock()
	p.drawLocked()
	p.mu.Unlock()
	if p.ticker {
		p.stop, p.finished = make(chan struct{}), make(chan struct{})
		go p.run()
	}
	return p
}

// StopProgress removes the progress indicator from the terminal. It does
// nothing when none is drawn.
func (s *IOStreams) StopProgress() {
	if s.term == nil || s.term.progress == nil {
		return
	}
	p := s.term.progress
	s.term.progress = nil
	if p.ticker {
		close(p.stop)
		<-p.finished
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn > 0 {
		fmt.Fprint(s.ErrOut, "\r"+strings.Repeat(" ", p.drawn)+"\r")
		p.drawn = 0
	}
}

func (p *progress) run() {
	defer close(p.finished)
	t := time.NewTicker(progressTick)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.frame++
			p.drawLocked()
			p.mu.Unlock()
		}
	}
}

// drawLocked redraws the line; p.mu is held.
func (p *progress) drawLocked() {
	var line string
	if p.total > 0 {
		line = p.barLine()
	} else {
		line = spinnerFrames[p.frame%len(spinnerFrames)] + " " + p.label
	}
	if w := p.s.TerminalWidth; w > 1 && len([]rune(line)) >= w {
		line = string([]rune(line)[:w-1])
	}
	n := len([]rune(line))
	pad := ""
	if p.drawn > n {
		pad = strings.Repeat(" ", p.drawn-n)
	}
	fmt.Fprint(p.s.ErrOut, "\r"+line+pad)
	p.drawn = n
	p.last = time.Now()
}

// barLine is "label [=====>    ] 12/40".
func (p *progress) barLine() string {
	const width = 20
	done := min(p.done, p.total)
	filled := width * done / p.total
	bar := strings.Repeat("=", filled)
	if filled < width {
		bar += ">" + strings.Repeat(" ", width-filled-1)
	}
	return fmt.Sprintf("%s [%s] %d/%d", p.label, bar, done, p.total)
}

// ProgressBar is a counted progress bar started by
// [IOStreams.StartProgressBar].
type ProgressBar struct{ p *progress }

// Add advances the bar by n steps.
func (b *ProgressBar) Add(n int) {
	if b == nil || b.p == nil {
		return
	}
	b.p.mu.Lock()
	defer b.p.mu.Unlock()
	b.p.done += n
	// Redraw at once when the ticker would be late or is absent; the
	// ticker keeps a fast bar from redrawing on every step.
	if !b.p.ticker || time.Since(b.p.last) >= progressTick {
		b.p.drawLocked()
	}
}

// printable replaces control characters, so that a label naming a
// plugin or a file cannot move the cursor or change the terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}

package command_test

import (
	"strings"
	"testing"

	"github.com/longshore/longshore/command"
)

func TestProgressSilentOffTerminal(t *testing.T) {
	for _, name := range []string{"piped", "quiet", "stdout only"} {
		ios, _, out, errOut := command.TestIO()
		switch name {
		case "quiet":
			ios.SetTerminal(80)
			ios.Quiet = true
		case "stdout only":
			ios.OutIsTerminal = true
		}
		ios.StartProgress("Installing demoapp-foo")
		bar := ios.StartProgressBar("Copying", 3)
		bar.Add(2)
		ios.StopProgress()
		if out.Len()+errOut.Len() != 0 {
			t.Errorf("%s: progress wrote %q to stdout and %q to stderr, want nothing", name, out, errOut)
		}
		if ios.ProgressEnabled() {
			t.Errorf("%s: ProgressEnabled() = true", name)
		}
	}
}

func TestSpinnerOnTerminal(t *testing.T) {
	ios, _, out, errOut := command.TestIO()
	ios.SetTerminal(80)
	ios.StartProgress("Installing demoapp-foo")
	if got := errOut.String(); got != "\r| Installing demoapp-foo" {
		t.Errorf("after start, stderr %q", got)
	}
	ios.StopProgress()
	want := "\r| Installing demoapp-foo\r" + strings.Repeat(" ", 24) + "\r"
	if got := errOut.String(); got != want {
		t.Errorf("after stop, stderr %q, want %q (the line cleared)", got, want)
	}
	if out.Len() != 0 {
		t.Errorf("progress wrote %q to stdout", out)
	}
	ios.StopProgress() // stopping twice does nothing
	if errOut.String() != want {
		t.Errorf("second stop wrote %q", errOut.String()[len(want):])
	}
}

func TestProgressBarCounts(t *testing.T) {
	ios, _, _, errOut := command.TestIO()
	ios.SetTerminal(80)
	bar := ios.StartProgressBar("Copying", 4)
	bar.Add(1)
	bar.Add(3)
	bar.Add(1) // past the total stays full
	ios.StopProgress()
	got := errOut.String()
	for _, want := range []string{
		"\rCopying [>                   ] 0/4",
		"\rCopying [=====>              ] 1/4",
		"\rCopying [====================] 4/4",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("stderr %q lacks %q", got, want)
		}
	}
	if !strings.HasSuffix(got, "\r") {
		t.Errorf("stderr %q does not end with the line cleared", got)
	}
}

func TestProgressEscapesAndFits(t *testing.T) {
	ios, _, _, errOut := command.TestIO()
	ios.SetTerminal(12)
	ios.StartProgress("a\x1b[2Jb long label")
	defer ios.StopProgress()
	if got := errOut.String(); got != "\r| a?[2Jb lo" {
		t.Errorf("stderr %q, want control characters replaced and the line cut to 11 columns", got)
	}
}

func TestProgressTicksOnRealStreams(t *testing.T) {
	// Streams built by hand (not TestIO) run the spinner's timer; stopping
	// must end it and leave the line cleared.
	var buf syncBuffer
	ios := &command.IOStreams{ErrOut: &buf, ErrIsTerminal: true}
	ios.StartProgress("Working")
	ios.StopProgress()
	if got := buf.String(); !strings.HasPrefix(got, "\r| Working") || !strings.HasSuffix(got, "\r") {
		t.Errorf("stderr %q", got)
	}
}

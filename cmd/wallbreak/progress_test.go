package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/wallbreak/wallbreak/crawler"
)

// Not on a terminal, progress is log lines, not a bar's escape codes.
func TestProgressLogsWhenNotATerminal(t *testing.T) {
	var out, logs bytes.Buffer
	p := newProgress(&out, slog.New(slog.NewTextHandler(&logs, nil)))
	if p.bar != nil {
		t.Fatal("a bar on a buffer")
	}
	p.update("synth", crawler.Stats{Queued: 10, Done: 3, New: 2, Unchanged: 1})
	p.update("synth", crawler.Stats{Queued: 10, Done: 4, New: 3, Unchanged: 1}) // within the interval: quiet
	p.finish()
	got := logs.String()
	if strings.Count(got, "msg=crawling") != 1 || !strings.Contains(got, "source=synth done=3 queued=10 new=2 unchanged=1 failed=0") {
		t.Errorf("progress log:\n%s", got)
	}
	if out.Len() != 0 {
		t.Errorf("wrote to the output: %q", out.String())
	}
}

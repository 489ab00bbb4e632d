package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/wallbreak/wallbreak/crawler"
)

// progress reports a crawl --once as it goes: a bar with counts when w is
// a terminal, a log line every few seconds otherwise (cron, CI, pipes).
type progress struct {
	mu     sync.Mutex
	bar    *progressbar.ProgressBar // nil: log lines
	w      io.Writer
	log    *slog.Logger
	every  time.Duration
	last   time.Time
	source string
}

func newProgress(w io.Writer, log *slog.Logger) *progress {
	p := &progress{w: w, log: log, every: 5 * time.Second}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// update is the crawler's Progress callback (called from many goroutines).
func (p *progress) update(source string, s crawler.Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	counts := fmt.Sprintf("%s: new %d, unchanged %d, failed %d", source, s.New, s.Unchanged, s.Failed)
	if p.bar != nil {
		if source != p.source {
			p.bar.Reset()
			p.source = source
		}
		p.bar.ChangeMax(s.Queued)
		p.bar.Describe(counts)
		_ = p.bar.Set(s.Done)
		return
	}
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		p.log.Info("crawling", "source", source, "done", s.Done, "queued", s.Queued, "new", s.New,
			"unchanged", s.Unchanged, "failed", s.Failed)
	}
}

// finish clears the bar before the summary is printed.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar.Reset()
		p.source = ""
	}
}

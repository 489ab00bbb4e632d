package main

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds a headless-capable Chromium; `make browser-deps` (and
// .ci/run) install Debian's.
func chromium() string {
	if p := os.Getenv("WALLBREAK_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestWebPageInABrowser loads the timeline page over the demo data in
// headless Chromium: the events appear in date order, a filter narrows
// them, and a screenshot goes to the test's artifact directory
// (go test -artifacts keeps it).
func TestWebPageInABrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		if os.Getenv("WALLBREAK_REQUIRE_BROWSER") != "" {
			t.Fatal("no Chromium found (run `make browser-deps`)")
		}
		t.Skip("no Chromium installed: `make browser-deps` installs Debian's")
	}
	dir := t.TempDir()
	if _, err := run(t, "demo", "--crawl-only", "--data", dir); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	cfg.DataDir = dir
	cfg.Sources = nil
	a, err := openApp(cfg, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	srv := httptest.NewServer(a.apiServer().Handler())
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.WindowSize(1200, 1600))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first call starts the browser and must not carry a timeout.
	if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatalf("open the page: %v", err)
	}
	ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#timeline article.event")), chromedp.WaitVisible(chromedp.CSS("#trend-chart svg"))); err != nil {
		t.Fatalf("the timeline did not render: %v", err)
	}
	const startsJS = `[...document.querySelectorAll('#timeline article.event')].map(e => e.dataset.start)`
	starts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](startsJS))
	if err != nil {
		t.Fatal(err)
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#status")))
	if err != nil {
		t.Fatal(err)
	}
	if len(starts) < 10 || !slices.IsSorted(starts) {
		t.Errorf("%d events, in date order: %v", len(starts), slices.IsSorted(starts))
	}
	if !strings.Contains(status, "events") {
		t.Errorf("status %q", status)
	}
	out := t.ArtifactDir()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "timeline.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// Filter by an actor: fewer events, each naming it, still in order.
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#actor"), "alipay")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('actor').dispatchEvent(new Event('change'))`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('#timeline article.event').length < `+strconv.Itoa(len(starts))+
		` && document.getElementById('status').textContent.includes('matching')`)); err != nil {
		t.Fatalf("the filter did not narrow the timeline: %v", err)
	}
	filtered, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](startsJS))
	if err != nil {
		t.Fatal(err)
	}
	actors, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#timeline article.event')].map(e => [...e.querySelectorAll('.chip.actor')].map(c => c.dataset.actor).join(' '))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(filtered) == 0 || len(filtered) >= len(starts) || !slices.IsSorted(filtered) {
		t.Errorf("filtered to %d of %d events", len(filtered), len(starts))
	}
	for _, a := range actors {
		if !strings.Contains(a, "alipay") {
			t.Errorf("an event without Alipay after filtering: %q", a)
		}
	}
	if shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "timeline-alipay.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", out)
}

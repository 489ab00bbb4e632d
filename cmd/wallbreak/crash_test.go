package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/crawler"
	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/internal/synth"
	"github.com/wallbreak/wallbreak/timeline"
)

// TestMain lets a test run this very binary as the wallbreak command (the
// crash test kills it): with WALLBREAK_AS_MAIN=1 the test binary is main.
func TestMain(m *testing.M) {
	if os.Getenv("WALLBREAK_AS_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	if n, err := strconv.Atoi(os.Getenv("WALLBREAK_SYNTH_SITE")); err == nil {
		serveSynthSite(n)
	}
	os.Exit(m.Run())
}

func synthConfig(t *testing.T, dir, feedURL string, parallelism int) string {
	t.Helper()
	cfg := filepath.Join(dir, "config.yaml")
	body := fmt.Sprintf(`data_dir: %s
allow_private_networks: true
defaults: {delay: 0s, parallelism: %d, timeout: 10s, schedule: "@every 1h"}
sources:
  - name: synth
    type: feed
    url: %s
`, filepath.Join(dir, "data"), parallelism, feedURL)
	if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestKillDuringCrawlThenResume kills `crawl --once` with SIGKILL in the
// middle of a crawl of a slow site, starts it again, and checks that the
// second run fetches only what the first had not finished, and that every
// article ends up stored and indexed.
func TestKillDuringCrawlThenResume(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	const n = 60
	// All requests may go out before the first page is stored; on a loaded
	// machine the kill can then land before anything is recorded. That run
	// tests nothing, so it is taken again, on a fresh site and directory.
	var (
		site   *synth.Site
		srv    *httptest.Server
		dir    string
		cfg    string
		done   map[string]int
		served int
	)
	for try := 1; ; try++ {
		site, srv, dir, cfg, done, served = killMidCrawl(t, n)
		if len(done) > 0 {
			break
		}
		srv.Close()
		if try == 5 {
			t.Fatalf("the killed run recorded no page in %d tries (%d served)", try, served)
		}
		t.Logf("try %d: killed before any page was recorded (%d served); again", try, served)
	}
	defer srv.Close()
	t.Logf("killed after %d pages served, %d recorded done", served, len(done))

	out, err := run(t, "crawl", "--once", "--config", cfg)
	if err != nil {
		t.Fatalf("restart after kill -9: %v\n%s", err, out)
	}
	for p, before := range done {
		if after := site.Served(p); after != before {
			t.Errorf("%s was done before the kill but fetched again (%d → %d)", p, before, after)
		}
	}
	for i := 0; i < n; i++ {
		if p := synth.Generate(42, i).Path(); site.Served(p) == 0 {
			t.Errorf("%s never fetched", p)
		}
	}

	// Nothing lost: every article is stored and indexed, and the store and
	// index open cleanly.
	store, err := crawler.OpenStore(filepath.Join(dir, "data", "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	err = store.EachDocument(func(timeline.Document, []timeline.Milestone) error { stored++; return nil })
	store.Close()
	if err != nil || stored != n {
		t.Errorf("stored %d documents (%v), want %d", stored, err, n)
	}
	ix, err := index.Open(filepath.Join(dir, "data", "index"))
	if err != nil {
		t.Fatalf("index after kill -9 and restart: %v", err)
	}
	for i := 0; i < n; i++ {
		id := timeline.DocumentID(srv.URL + synth.Generate(42, i).Path())
		if ok, err := ix.HasArticle(id); err != nil || !ok {
			t.Errorf("article %d not indexed (%v)", i, err)
		}
	}
	ix.Close()

	// The archive of the killed run is readable up to where it was cut.
	out, err = run(t, "reextract", "--config", cfg)
	if err != nil || !strings.Contains(out, "reextracted") {
		t.Errorf("reextract after kill -9: %v\n%s", err, out)
	}
}

// TestRecoverIndexesWhatTheStoreHas: a document stored but not indexed
// when the process died is indexed on the next start, without network.
func TestRecoverIndexesWhatTheStoreHas(t *testing.T) {
	dir := t.TempDir()
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	cfg.DataDir = dir
	a, err := openApp(cfg, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	doc := timeline.Document{ID: timeline.DocumentID("http://example.test/a"), URL: "http://example.test/a", Title: "Taobao and WeChat Pay",
		Lang: "en", PublishedAt: &pub, Text: "In February 2024, Taobao began accepting WeChat Pay for all users."}
	ms := a.extract.Extract(doc)
	if len(ms) == 0 {
		t.Fatal("no milestone")
	}
	// As if killed between the store write and the index write.
	if err := a.store.PutDocument(doc, ms); err != nil {
		t.Fatal(err)
	}
	a.archive.Close()
	a.index.Close()
	a.store.Close() // meta still says the index was open

	a, err = openApp(cfg, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if ok, err := a.index.HasArticle(doc.ID); err != nil || !ok {
		t.Errorf("stored document not indexed after recovery (%v)", err)
	}
	page, err := a.index.Timeline(context.Background(), index.TimelineQuery{})
	if err != nil || len(page.Events) != len(ms) {
		t.Errorf("timeline after recovery: %d events (%v), want %d", len(page.Events), err, len(ms))
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// killMidCrawl starts `crawl --once` on a slow site of n pages, kills it
// with SIGKILL once a third of the pages were requested, and returns what
// the killed run recorded as done (path → times served then).
func killMidCrawl(t *testing.T, n int) (*synth.Site, *httptest.Server, string, string, map[string]int, int) {
	t.Helper()
	// Slow pages, and the kill at half of them: on a loaded machine the
	// child's storing lags its fetching, and a kill at a third often came
	// before anything was stored.
	site := &synth.Site{N: n, Seed: 42, Delay: 80 * time.Millisecond}
	srv := httptest.NewServer(site)
	dir := t.TempDir()
	cfg := synthConfig(t, dir, srv.URL+"/feed.xml", 3)

	child := exec.Command(os.Args[0], "--log-level", "warn", "crawl", "--once", "--config", cfg)
	child.Env = append(os.Environ(), "WALLBREAK_AS_MAIN=1")
	var childOut syncBuffer
	child.Stdout, child.Stderr = &childOut, &childOut
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(site.ServedPaths()) < n/2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := child.Process.Kill(); err != nil { // SIGKILL: no cleanup at all
		t.Fatal(err)
	}
	_ = child.Wait()
	served := len(site.ServedPaths())
	if served >= n || served < n/3 {
		t.Fatalf("killed after %d of %d pages; want a crawl cut off midway\n%s", served, n, childOut.String())
	}

	// What the killed run finished: pages recorded in the state store.
	store, err := crawler.OpenStore(filepath.Join(dir, "data", "state.db"))
	if err != nil {
		t.Fatalf("state after kill -9: %v", err)
	}
	done := map[string]int{}
	for i := 0; i < n; i++ {
		p := synth.Generate(42, i).Path()
		if _, ok, err := store.Page(srv.URL + p); err != nil {
			t.Fatal(err)
		} else if ok {
			done[p] = site.Served(p)
		}
	}
	store.Close()
	return site, srv, dir, cfg, done, served
}

package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/crawler/demosite"
	"github.com/wallbreak/wallbreak/timeline"
)

// memSink collects documents.
type memSink struct {
	mu   sync.Mutex
	docs []timeline.Document
}

func (s *memSink) Put(_ context.Context, docs []timeline.Document) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs = append(s.docs, docs...)
	return nil
}

func (s *memSink) urls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, d := range s.docs {
		out = append(out, d.URL)
	}
	return out
}

// requestLog counts requests per path.
type requestLog struct {
	mu    sync.Mutex
	paths map[string]int
	h     http.Handler
}

func (l *requestLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.paths[r.URL.Path]++
	h := l.h
	l.mu.Unlock()
	h.ServeHTTP(w, r)
}

func (l *requestLog) count(path string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.paths[path]
}

func newTestCrawler(t *testing.T, allowPrivate bool) (*Crawler, *memSink) {
	t.Helper()
	store, err := OpenStore(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	sink := &memSink{}
	return &Crawler{Store: store, Sink: sink, AllowPrivateNetworks: allowPrivate, UserAgent: "wallbreak-test",
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		Politeness: Politeness{Retries: 2, BackoffBase: 5 * time.Millisecond, BackoffMax: 2 * time.Second}}, sink
}

func source(name, typ, url string) Source {
	return Source{Name: name, Type: typ, URL: url}.WithDefaults(Defaults{Parallelism: 2, Timeout: Duration(2 * time.Second)})
}

func TestRunFeedThenUnchangedRecrawl(t *testing.T) {
	log := &requestLog{paths: map[string]int{}, h: demosite.Handler()}
	srv := httptest.NewServer(log)
	defer srv.Close()
	c, sink := newTestCrawler(t, true)
	src := source("feed", TypeFeed, srv.URL+"/feed.xml")

	st, err := c.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if st.Fetched != 4 || st.New != 3 || st.Failed != 0 {
		t.Errorf("first run: %+v, want fetched 4 (feed + 3 pages), new 3, failed 0", st)
	}
	if n := len(sink.urls()); n != 5 {
		t.Errorf("got %d documents %v, want 5 (a 3-floor thread and 2 articles)", n, sink.urls())
	}
	// The feed linked the thread with utm_* parameters: stored canonical.
	for _, u := range sink.urls() {
		if strings.Contains(u, "utm_") {
			t.Errorf("tracking parameters kept in %s", u)
		}
	}

	st, err = c.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 0 || st.Fetched != 1 || st.Unchanged != 1 {
		t.Errorf("second run: %+v, want only the feed fetched, answered 304", st)
	}
	if log.count("/feed.xml") != 2 || log.count("/news/taobao-tests-wechat-pay.html") != 1 {
		t.Errorf("requests: %v", log.paths)
	}
	if n := len(sink.urls()); n != 5 {
		t.Errorf("unchanged recrawl re-extracted: %d documents", n)
	}

	// A server that ignores validators sends the feed again: its known
	// articles are still not fetched again.
	log.mu.Lock()
	log.h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del("If-None-Match")
		r.Header.Del("If-Modified-Since")
		demosite.Handler().ServeHTTP(w, r)
	})
	log.mu.Unlock()
	st, err = c.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 0 || st.Fetched != 1 || st.Unchanged != 3 {
		t.Errorf("third run: %+v, want the feed fetched and its 3 known pages skipped", st)
	}
	if log.count("/news/taobao-tests-wechat-pay.html") != 1 {
		t.Errorf("a known article was fetched again: %v", log.paths)
	}
}

func TestRunSitemapHonoursRobots(t *testing.T) {
	log := &requestLog{paths: map[string]int{}, h: demosite.Handler()}
	srv := httptest.NewServer(log)
	defer srv.Close()
	c, _ := newTestCrawler(t, true)
	st, err := c.Run(context.Background(), source("sitemap", TypeSitemap, srv.URL+"/sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if log.count("/robots.txt") == 0 {
		t.Error("robots.txt never fetched")
	}
	if log.count("/private/draft.html") != 0 {
		t.Error("a page robots.txt disallows was fetched")
	}
	if st.New != 3 {
		t.Errorf("stats %+v, want 3 new pages", st)
	}
}

func TestRunRefusesPrivateNetworks(t *testing.T) {
	srv := httptest.NewServer(demosite.Handler())
	defer srv.Close()
	c, sink := newTestCrawler(t, false)
	st, err := c.Run(context.Background(), source("feed", TypeFeed, srv.URL+"/feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Failed == 0 || len(sink.urls()) != 0 {
		t.Fatalf("loopback crawled without allow_private_networks: %+v", st)
	}
	if !strings.Contains(strings.Join(st.Errors, " "), "private network") {
		t.Errorf("errors do not say why: %v", st.Errors)
	}
}

func TestRunHostileServer(t *testing.T) {
	mux := http.NewServeMux()
	var base string
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		items := ""
		for _, p := range []string{"/ok?utm_source=a", "/ok?utm_medium=b#top", "/ok", "/missing", "/broken", "/loop", "/slow", "/empty"} {
			items += fmt.Sprintf("<item><title>x</title><link>%s%s</link></item>", base, strings.ReplaceAll(p, "&", "&amp;"))
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>%s</channel></rss>`, items)
	})
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><article><p>In March 2022, Taobao began an internal test of WeChat Pay for some of its users, the first time.</p></article></body></html>`)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html><body></body></html>") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL

	c, sink := newTestCrawler(t, true)
	src := source("hostile", TypeFeed, srv.URL+"/feed.xml")
	src.Timeout = Duration(300 * time.Millisecond)
	st, err := c.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 1 || len(sink.urls()) != 1 {
		t.Errorf("the same article under three URLs: %+v %v", st, sink.urls())
	}
	if st.Failed != 5 {
		t.Errorf("failed %d, want 5 (404, 500, redirect loop, timeout, no content): %v", st.Failed, st.Errors)
	}
	for _, want := range []string{"HTTP 404", "HTTP 500", "redirect", "no text content"} {
		if !strings.Contains(strings.Join(st.Errors, "\n"), want) {
			t.Errorf("no error mentions %q: %v", want, st.Errors)
		}
	}
}

func TestRunCancelled(t *testing.T) {
	srv := httptest.NewServer(demosite.Handler())
	defer srv.Close()
	c, _ := newTestCrawler(t, true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Run(ctx, source("feed", TypeFeed, srv.URL+"/feed.xml")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run returned %v", err)
	}
}

func TestRunBadSource(t *testing.T) {
	c, _ := newTestCrawler(t, true)
	for _, s := range []Source{{Name: "x", Type: "rss", URL: "https://e.example/"}, {Name: "x", Type: TypeFeed, URL: "ftp://e.example/"}, {Type: TypeFeed, URL: "https://e.example/"}} {
		if _, err := c.Run(context.Background(), s); err == nil {
			t.Errorf("source %+v accepted", s)
		}
	}
}

func TestStoreSurvivesReopenAndRejectsGarbage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	s, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2024, 2, 21, 0, 0, 0, 0, time.UTC)
	doc := timeline.Document{ID: "d1", URL: "https://e.example/1", Text: "x", PublishedAt: &pub}
	if err := s.PutDocument(doc, []timeline.Milestone{{ID: "m1", Date: "2024"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddRun(RunRecord{Source: "a"}); err != nil {
		t.Fatal(err)
	}
	// A second process cannot open it while the first holds it.
	if _, err := OpenStore(path); !errors.Is(err, ErrStoreLocked) {
		t.Errorf("second open: %v, want ErrStoreLocked", err)
	}
	s.Close()
	s, err = OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, ms, err := s.Document("d1")
	if err != nil || got.URL != doc.URL || len(ms) != 1 {
		t.Errorf("after reopen: %+v %v %v", got, ms, err)
	}
	if runs, _ := s.Runs(10); len(runs) != 1 || runs[0].ID != 1 {
		t.Errorf("runs after reopen: %+v", runs)
	}
	if _, _, err := s.Document("nope"); !errors.Is(err, timeline.ErrNotFound) {
		t.Errorf("missing document: %v", err)
	}

	garbage := filepath.Join(dir, "garbage.db")
	if err := writeFile(garbage, strings.Repeat("not a database ", 1000)); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenStore(garbage); err == nil || !strings.Contains(err.Error(), "not a readable wallbreak state file") {
		t.Errorf("garbage state file: %v", err)
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }

func TestArchiveRoundTrip(t *testing.T) {
	srv := httptest.NewServer(demosite.Handler())
	defer srv.Close()
	c, _ := newTestCrawler(t, true)
	dir := t.TempDir()
	arc, err := OpenArchive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Archive = arc
	var mu sync.Mutex
	locs := map[string]Location{}
	arc.Located = func(l Location) { mu.Lock(); locs[l.URL] = l; mu.Unlock() }
	if _, err := c.Run(context.Background(), source("feed", TypeFeed, srv.URL+"/feed.xml")); err != nil {
		t.Fatal(err)
	}
	// Each response can be read back at its recorded place, while the
	// file is still being written and after it is closed.
	readBack := func(when string) {
		mu.Lock()
		defer mu.Unlock()
		for u, l := range locs {
			r, err := ReadAt(dir, l)
			if err != nil || r.URL != u || r.Status == 0 {
				t.Errorf("%s: ReadAt %s: %+v %v", when, u, l, err)
			}
		}
	}
	readBack("open")
	if err := arc.Close(); err != nil {
		t.Fatal(err)
	}
	readBack("closed")
	if len(locs) < 5 {
		t.Errorf("%d locations recorded", len(locs))
	}
	got := map[string]ArchivedResponse{}
	if err := ReadArchive(dir, func(r ArchivedResponse) error { got[r.URL] = r; return nil }); err != nil {
		t.Fatal(err)
	}
	thread := got[srv.URL+"/forum/thread-1024-1-1.html"]
	if thread.Status != 200 || thread.Source != "feed" || !bytes.Contains(thread.Body, []byte("postmessage_3311")) || thread.FetchedAt.IsZero() {
		t.Errorf("archived thread: status %d source %q %d bytes", thread.Status, thread.Source, len(thread.Body))
	}
	for _, p := range []string{"/robots.txt", "/feed.xml", "/news/taobao-tests-wechat-pay.html", "/zh/taobao-wechat-scan-pay.html"} {
		if _, ok := got[srv.URL+p]; !ok {
			t.Errorf("%s not archived (have %d responses)", p, len(got))
		}
	}
	// A damaged file is reported by name; the good ones are still read.
	if err := os.WriteFile(filepath.Join(dir, "zz-damaged.warc.gz"), []byte("\x1f\x8b\x08garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	n := 0
	err = ReadArchive(dir, func(ArchivedResponse) error { n++; return nil })
	if err == nil || !strings.Contains(err.Error(), "zz-damaged.warc.gz") || n != len(got) {
		t.Errorf("damaged archive: %v after %d records (want %d)", err, n, len(got))
	}
}

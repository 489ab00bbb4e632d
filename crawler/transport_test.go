package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const okPage = `<html><body><article><p>In March 2022, Taobao began an internal test of WeChat Pay for some of its users, the first time.</p></article></body></html>`

// feedOf serves an RSS feed listing paths on the server itself.
func feedOf(base *string, paths ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		items := ""
		for _, p := range paths {
			items += fmt.Sprintf("<item><title>x</title><link>%s%s</link></item>", *base, p)
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>%s</channel></rss>`, items)
	}
}

func TestRetryAfterAndBackoff(t *testing.T) {
	var base string
	var n429, n503, n500 atomic.Int32
	var retryAt atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", feedOf(&base, "/busy", "/flaky", "/broken"))
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		if n429.Add(1) == 1 {
			retryAt.Store(time.Now().Add(time.Second).UnixNano())
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		if time.Now().UnixNano() < retryAt.Load() {
			t.Errorf("retried before Retry-After elapsed")
		}
		fmt.Fprint(w, okPage)
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if n503.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, strings.Replace(okPage, "March 2022", "April 2022", 1))
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		n500.Add(1)
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL
	c, _ := newTestCrawler(t, true)
	st, err := c.Run(context.Background(), source("retry", TypeFeed, srv.URL+"/feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 2 || st.Failed != 1 {
		t.Errorf("stats %+v, want the 429 and 503 pages fetched on retry and the 500 one failed", st)
	}
	if n429.Load() != 2 || n503.Load() != 2 {
		t.Errorf("429 page asked %d times, 503 page %d times; want 2 each", n429.Load(), n503.Load())
	}
	if got := n500.Load(); got != 3 {
		t.Errorf("the failing page was asked %d times, want 1 + 2 retries", got)
	}
}

func TestHugeRetryAfterGivesUp(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		w.Header().Set("Retry-After", "86400")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c, _ := newTestCrawler(t, true)
	st, _ := c.Run(context.Background(), source("p", TypePage, srv.URL+"/page"))
	if st.Failed != 1 || calls.Load() != 1 || !strings.Contains(strings.Join(st.Errors, ""), "429") {
		t.Errorf("a day-long Retry-After: %+v after %d calls, want one call and a 429 failure", st, calls.Load())
	}
}

func TestBodyCapsAndGzipBomb(t *testing.T) {
	var base string
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", feedOf(&base, "/endless", "/bomb", "/ok"))
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>more and more text about nothing at all</p>\n"), 100)
		for i := 0; i < 100000 && r.Context().Err() == nil; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zero := make([]byte, 1<<20)
	for i := 0; i < 256; i++ { // 256 MiB of zeros, ~250 KiB compressed
		zw.Write(zero)
	}
	zw.Close()
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb.Bytes())
	})
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, okPage) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL
	c, sink := newTestCrawler(t, true)
	src := source("caps", TypeFeed, srv.URL+"/feed.xml")
	src.MaxBody = 1 << 20
	st, err := c.Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 1 || st.Failed != 2 || len(sink.urls()) != 1 {
		t.Errorf("stats %+v, want the endless and the bomb pages refused, the normal one kept", st)
	}
	if n := strings.Count(strings.Join(st.Errors, "\n"), "exceeds max_body"); n != 2 {
		t.Errorf("errors do not name the cap: %v", st.Errors)
	}
}

func TestPerHostParallelismAndCrawlDelay(t *testing.T) {
	var mu sync.Mutex
	inFlight, peak := 0, 0
	var starts []time.Time
	var base string
	paths := []string{}
	for i := 0; i < 6; i++ {
		paths = append(paths, fmt.Sprintf("/a%d", i))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0.2\n")
	})
	mux.HandleFunc("/feed.xml", feedOf(&base, paths...))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		peak = max(peak, inFlight)
		starts = append(starts, time.Now())
		mu.Unlock()
		time.Sleep(30 * time.Millisecond)
		fmt.Fprint(w, strings.Replace(okPage, "March", r.URL.Path, 1))
		mu.Lock()
		inFlight--
		mu.Unlock()
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL
	c, _ := newTestCrawler(t, true)
	src := source("polite", TypeFeed, srv.URL+"/feed.xml")
	src.Parallelism = 2
	if _, err := c.Run(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if peak > 2 {
		t.Errorf("%d requests at once to one host, parallelism is 2", peak)
	}
	// Starts are spaced by robots.txt's Crawl-delay. One gap may shrink
	// when a loaded machine delays one request's arrival more than the
	// next one's, but not the span of all of them: five delays of 200 ms
	// make at least 1 s (without the delay the six come within ~100 ms).
	if len(starts) > 1 {
		if span := starts[len(starts)-1].Sub(starts[0]); span < time.Duration(len(starts)-1)*160*time.Millisecond {
			t.Errorf("%d requests started within %v, Crawl-delay is 200ms", len(starts), span)
		}
	}
	if len(starts) != 6 {
		t.Errorf("%d pages fetched, want 6", len(starts))
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 2, 21, 10, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"120":                           2 * time.Minute,
		"0":                             0,
		"Wed, 21 Feb 2024 10:00:30 GMT": 30 * time.Second,
		"Wed, 21 Feb 2024 09:00:00 GMT": 0,
	} {
		if got, ok := parseRetryAfter(in, now); !ok || got != want {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "soon", "-5"} {
		if _, ok := parseRetryAfter(bad, now); ok {
			t.Errorf("parseRetryAfter(%q) accepted", bad)
		}
	}
}

// A gzipped sitemap is read; a gzipped sitemap bomb stops at the cap
// (colly would gunzip .xml.gz after the transport's cap otherwise).
func TestGzippedSitemapAndSitemapBomb(t *testing.T) {
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	var base string
	mux := http.NewServeMux()
	mux.HandleFunc("/sitemap.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(gz([]byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>` + base + `/ok</loc></url></urlset>`)))
	})
	bomb := gz(append([]byte(`<?xml version="1.0"?><urlset>`), bytes.Repeat([]byte("<!-- padding -->"), 1<<20)...))
	mux.HandleFunc("/bomb.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(bomb)
	})
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, okPage) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL
	c, sink := newTestCrawler(t, true)
	st, err := c.Run(context.Background(), source("gz", TypeSitemap, srv.URL+"/sitemap.xml.gz"))
	if err != nil || st.New != 1 || len(sink.urls()) != 1 {
		t.Errorf("gzipped sitemap: %+v %v %v", st, err, sink.urls())
	}
	src := source("bomb", TypeSitemap, srv.URL+"/bomb.xml.gz")
	src.MaxBody = 1 << 20
	st, err = c.Run(context.Background(), src)
	if err != nil || st.Failed != 1 || !strings.Contains(strings.Join(st.Errors, "\n"), "exceeds max_body") {
		t.Errorf("sitemap bomb (16 MiB unzipped, cap 1 MiB): %+v %v", st, err)
	}
}

package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Site serves Articles 0..N-1 of Seed as a news site:
//
//	/robots.txt            allows everything
//	/feed.xml              RSS 2.0 with every article, newest first
//	/sitemap.xml           a sitemap of every article
//	/news/YYYY/NNNNNN.html the article pages
//
// Every response carries an ETag and Last-Modified and answers a matching
// If-None-Match or If-Modified-Since with 304. Delay slows article pages
// down (a slow site for crash tests). Site counts what it served.
type Site struct {
	N     int
	Seed  uint64
	Delay time.Duration

	once     sync.Once
	byPath   map[string]int
	feeds    sync.Map // base URL → rendered feed
	mu       sync.Mutex
	served   map[string]int // path → 200 answers
	Requests atomic.Int64   // every request
	NotMod   atomic.Int64   // 304 answers
}

// siteModified is the fixed time the whole site was last changed.
var siteModified = time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC)

func (s *Site) init() {
	s.once.Do(func() {
		s.byPath = make(map[string]int, s.N)
		s.served = map[string]int{}
		for i := 0; i < s.N; i++ {
			s.byPath[Generate(s.Seed, i).Path()] = i
		}
	})
}

// Served is how many times path was answered in full (200).
func (s *Site) Served(path string) int {
	s.init()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.served[path]
}

// ServedPaths lists every path answered in full at least once.
func (s *Site) ServedPaths() []string {
	s.init()
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.served))
	for p := range s.served {
		out = append(out, p)
	}
	return out
}

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.init()
	s.Requests.Add(1)
	base := "http://" + r.Host
	var body, ctype string
	switch r.URL.Path {
	case "/robots.txt":
		body, ctype = "User-agent: *\nAllow: /\n", "text/plain; charset=utf-8"
	case "/feed.xml":
		body, ctype = s.feed(base), "application/rss+xml; charset=utf-8"
	case "/sitemap.xml":
		body, ctype = s.sitemap(base), "application/xml; charset=utf-8"
	default:
		n, ok := s.byPath[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if s.Delay > 0 {
			select {
			case <-time.After(s.Delay):
			case <-r.Context().Done():
				return
			}
		}
		body, ctype = Page(Generate(s.Seed, n)), "text/html; charset=utf-8"
	}
	sum := sha256.Sum256([]byte(body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", siteModified.Format(http.TimeFormat))
	w.Header().Set("Content-Type", ctype)
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag) {
		s.NotMod.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && r.Header.Get("If-None-Match") == "" && !siteModified.After(ims) {
		s.NotMod.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.mu.Lock()
	s.served[r.URL.Path]++
	s.mu.Unlock()
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write([]byte(body))
}

func (s *Site) feed(base string) string {
	if f, ok := s.feeds.Load(base); ok {
		return f.(string)
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<rss version=\"2.0\"><channel><title>Synthetic interconnection news</title><link>" + base + "/</link>\n")
	for i := s.N - 1; i >= 0; i-- {
		a := Generate(s.Seed, i)
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s?utm_source=rss</link><pubDate>%s</pubDate></item>\n",
			html.EscapeString(a.Title), base, a.Path(), a.Published.Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>\n")
	s.feeds.Store(base, b.String())
	return b.String()
}

func (s *Site) sitemap(base string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := 0; i < s.N; i++ {
		a := Generate(s.Seed, i)
		fmt.Fprintf(&b, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", base, a.Path(), a.Published.Format("2006-01-02"))
	}
	b.WriteString("</urlset>\n")
	return b.String()
}

// Page renders an article as a news page with site chrome: navigation,
// a byline with the date, related links and a footer around the text.
func Page(a Article) string {
	var b strings.Builder
	lang := "en"
	if a.Lang == "zh" {
		lang = "zh-CN"
	}
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s | Synthetic News</title>
<meta property="og:title" content="%s"><meta property="article:published_time" content="%s"><meta property="og:site_name" content="Synthetic News">
</head><body><header><nav><a href="/">Home</a> <a href="/tech/">Tech</a> <a href="/business/">Business</a> <a href="/about/">About us</a></nav></header>
<main><article><h1>%s</h1><p class="byline">By Staff Reporter · <time datetime="%s">%s</time></p>
`, lang, html.EscapeString(a.Title), html.EscapeString(a.Title), a.Published.Format(time.RFC3339), html.EscapeString(a.Title),
		a.Published.Format(time.RFC3339), a.Published.Format("2 January 2006"))
	for _, p := range a.Paragraph {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString(`</article><aside><h2>Related</h2><ul><li><a href="/">More on payments</a></li><li><a href="/">Platform news</a></li></ul></aside></main>
<footer><p>© Synthetic News. All rights reserved. Contact · Privacy · Terms</p></footer></body></html>
`)
	return b.String()
}

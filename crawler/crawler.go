// Package crawler fetches the configured sources politely and turns their
// pages into timeline.Documents: feeds, sitemaps, listing pages and forum
// threads through colly, main text through goquery and go-readability, and
// a persistent crawl state (bbolt) so a run only fetches what is new.
package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/wallbreak/wallbreak/timeline"
)

// Sink receives the documents a crawl extracts. Put is called from several
// goroutines at once.
type Sink interface {
	Put(ctx context.Context, docs []timeline.Document) error
}

// Crawler crawls sources into a Sink, remembering pages in a Store.
type Crawler struct {
	UserAgent            string
	AllowPrivateNetworks bool
	Store                *Store
	Sink                 Sink
	Archive              *Archive                     // nil: responses are not archived
	Politeness           Politeness                   // retries and backoff; zero: defaults
	Logger               *slog.Logger                 // nil: slog.Default()
	Progress             func(source string, s Stats) // optional, after each page
	Now                  func() time.Time             // nil: time.Now
}

// Stats counts what one run of one source did.
type Stats struct {
	Fetched   int      `json:"fetched"`   // responses received
	New       int      `json:"new"`       // pages extracted for the first time or changed
	Unchanged int      `json:"unchanged"` // 304s, known pages and identical content
	Failed    int      `json:"failed"`    // errors and 4xx/5xx answers
	Errors    []string `json:"errors"`    // the first errors, for the run record
	// NotModified counts 304 answers to conditional requests (also
	// counted in Unchanged).
	NotModified int `json:"not_modified"`
	// Queued counts the requests made so far and Done those answered or
	// failed: the progress of a run whose size is only known at its end.
	Queued int `json:"-"`
	Done   int `json:"-"`
}

const maxRecordedErrors = 20

// DefaultUserAgent names the crawler honestly.
const DefaultUserAgent = "wallbreak/0.1 (+https://github.com/wallbreak/wallbreak)"

// page kinds carried in the request context.
const (
	kindFeed    = "feed"
	kindSitemap = "sitemap"
	kindListing = "listing"
	kindArticle = "article"
)

// run is the state of one crawl of one source.
type run struct {
	c      *Crawler
	src    Source
	ctx    context.Context
	col    *colly.Collector
	log    *slog.Logger
	loc    *time.Location
	follow string
	allow  []*regexp.Regexp
	deny   []*regexp.Regexp

	mu    sync.Mutex
	stats Stats
	seen  map[string]bool
	// listings are the validators of the feeds, sitemaps and listing
	// pages fetched, written only when the run ends complete: a run cut
	// short (killed, cancelled, capped, or with failed pages) must not
	// leave a feed looking unchanged while some of its items were never
	// fetched; the next run then reads it in full and fetches only the
	// items not yet stored.
	listings   []PageState
	incomplete bool
}

// Run crawls one source once and returns what it did. Errors of single
// pages are counted in Stats, not returned; an error means the run could
// not start (bad source) or was cancelled.
func (c *Crawler) Run(ctx context.Context, src Source) (Stats, error) {
	if err := src.Validate(); err != nil {
		return Stats{}, err
	}
	if src.Parallelism == 0 {
		src = src.WithDefaults(DefaultSettings)
	}
	r := &run{c: c, src: src, ctx: ctx, seen: map[string]bool{}, follow: src.Follow}
	r.log = c.logger().With("source", src.Name)
	if src.Timezone != "" {
		r.loc, _ = time.LoadLocation(src.Timezone)
	}
	col, err := r.newCollector()
	if err != nil {
		return Stats{}, err
	}
	r.col = col

	start := map[string]string{TypeFeed: kindFeed, TypeSitemap: kindSitemap, TypeHTML: kindListing, TypeForum: kindForum, TypePage: kindArticle}[src.Type]
	r.visit(src.URL, start, 0, Hints{}, true)
	col.Wait()
	if err := ctx.Err(); err != nil {
		return r.snapshot(), fmt.Errorf("crawl %s: %w", src.Name, err)
	}
	r.mu.Lock()
	listings, complete := r.listings, !r.incomplete
	r.mu.Unlock()
	if complete {
		for _, p := range listings {
			if err := c.Store.PutPage(p); err != nil {
				return r.snapshot(), fmt.Errorf("crawl %s: save state: %w", src.Name, err)
			}
		}
	} else if len(listings) > 0 {
		r.log.Info("run incomplete: feeds and listings will be read in full next time")
	}
	return r.snapshot(), nil
}

func (c *Crawler) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.Default()
}

func (c *Crawler) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (r *run) newCollector() (*colly.Collector, error) {
	ua := r.c.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	opts := []colly.CollectorOption{
		colly.UserAgent(ua),
		colly.StdlibContext(r.ctx),
		colly.MaxBodySize(0), // the transport caps bodies after decompression
		colly.Async(true),
		colly.ParseHTTPErrorResponse(),
	}
	if r.src.MaxPages > 0 {
		opts = append(opts, colly.MaxRequests(uint32(r.src.MaxPages)))
	}
	var allow, deny []*regexp.Regexp
	for _, p := range r.src.Allow {
		allow = append(allow, regexp.MustCompile(p)) // validated in Source.Validate
	}
	for _, p := range r.src.Deny {
		deny = append(deny, regexp.MustCompile(p))
	}
	col := colly.NewCollector(opts...)
	col.IgnoreRobotsTxt = false
	// Per-host politeness, retries, per-attempt timeouts, the body cap and
	// the archive live in the transport; colly's own limit only bounds the
	// run's goroutines (its "*" rule would throttle all hosts together).
	col.WithTransport(&politeTransport{
		base:        newTransport(r.c.AllowPrivateNetworks, time.Duration(r.src.Timeout), r.src.Parallelism),
		userAgent:   ua,
		delay:       time.Duration(r.src.Delay),
		parallelism: r.src.Parallelism,
		timeout:     time.Duration(r.src.Timeout),
		maxBody:     int64(r.src.MaxBody),
		pol:         r.c.Politeness,
		archive:     r.c.Archive,
		source:      r.src.Name,
	})
	col.SetRequestTimeout(0)
	col.SetRedirectHandler(redirectPolicy)
	if err := col.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: 4 * r.src.Parallelism}); err != nil {
		return nil, fmt.Errorf("source %q: %w", r.src.Name, err)
	}
	col.OnRequest(func(req *colly.Request) {
		if req.Ctx.Get("kind") == kindArticle {
			return
		}
		// Feeds and listings are fetched every run, conditionally.
		if p, ok, _ := r.c.Store.Page(req.Ctx.Get("canonical")); ok {
			if p.ETag != "" {
				req.Headers.Set("If-None-Match", p.ETag)
			}
			if p.LastModified != "" {
				req.Headers.Set("If-Modified-Since", p.LastModified)
			}
		}
	})
	col.OnResponse(r.onResponse)
	col.OnError(func(resp *colly.Response, err error) {
		r.fail(resp.Request.URL.String(), err)
		r.count(func(s *Stats) { s.Done++ })
		r.progress()
	})
	r.allow, r.deny = allow, deny
	return col, nil
}

// redirectPolicy follows at most 10 redirects and refuses loops.
func redirectPolicy(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return fmt.Errorf("stopped after 10 redirects at %s", req.URL)
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return fmt.Errorf("redirect loop at %s", req.URL)
		}
	}
	return nil
}

// visit queues a URL of a kind, skipping article pages already stored.
func (r *run) visit(raw, kind string, depth int, h Hints, first bool) {
	canon, err := Canonicalize(raw)
	if err != nil {
		r.log.Debug("skip link", "url", raw, "err", err)
		return
	}
	if !first && !r.allowed(canon) {
		return
	}
	r.mu.Lock()
	dup := r.seen[canon]
	r.seen[canon] = true
	r.mu.Unlock()
	if dup {
		return
	}
	if (kind == kindArticle || kind == kindForum) && !first {
		if p, known, err := r.c.Store.Page(canon); err == nil && known {
			switch {
			case p.Open || p.Listing:
				// A thread's last page or a board: asked again, conditionally.
			case p.Next != "":
				// A full page of a thread: walk on to the next without fetching.
				r.count(func(s *Stats) { s.Unchanged++ })
				r.visit(p.Next, kind, depth, Hints{}, false)
				return
			default:
				r.count(func(s *Stats) { s.Unchanged++ })
				return
			}
		}
	}
	ctx := colly.NewContext()
	ctx.Put("kind", kind)
	ctx.Put("canonical", canon)
	ctx.Put("depth", depth)
	ctx.Put("hints", h)
	r.count(func(s *Stats) { s.Queued++ })
	if err := r.col.Request(http.MethodGet, canon, nil, ctx, nil); err != nil {
		r.count(func(s *Stats) { s.Queued-- })
		var visited *colly.AlreadyVisitedError
		switch {
		case errors.As(err, &visited):
		case errors.Is(err, colly.ErrRobotsTxtBlocked):
			r.log.Info("robots.txt disallows", "url", canon)
		case errors.Is(err, colly.ErrMaxRequests):
			r.log.Debug("not fetched", "url", canon, "err", err)
			r.count(func(*Stats) { r.incomplete = true })
		default:
			r.fail(canon, err)
		}
	}
}

func (r *run) allowed(u string) bool {
	for _, d := range r.deny {
		if d.MatchString(u) {
			return false
		}
	}
	if len(r.allow) == 0 {
		return true
	}
	for _, a := range r.allow {
		if a.MatchString(u) {
			return true
		}
	}
	return false
}

func (r *run) onResponse(resp *colly.Response) {
	kind := resp.Ctx.Get("kind")
	canon := resp.Ctx.Get("canonical")
	r.count(func(s *Stats) { s.Fetched++ })
	defer func() {
		r.count(func(s *Stats) { s.Done++ })
		r.progress()
	}()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		r.count(func(s *Stats) { s.Unchanged++; s.NotModified++ })
		if kind == kindForum {
			// An unchanged thread page that has a next page: go on.
			if p, ok, _ := r.c.Store.Page(canon); ok && p.Next != "" {
				depth, _ := resp.Ctx.GetAny("depth").(int)
				r.visit(p.Next, kindForum, depth, Hints{}, false)
			}
		}
		return
	case resp.StatusCode >= 400:
		r.fail(canon, fmt.Errorf("HTTP %d", resp.StatusCode))
		return
	}
	var err error
	switch kind {
	case kindFeed:
		err = r.onFeed(resp, canon)
	case kindSitemap:
		err = r.onSitemap(resp, canon)
	case kindListing:
		err = r.onListing(resp, canon)
	case kindForum:
		err = r.onForum(resp, canon)
	default:
		err = r.onArticle(resp, canon)
	}
	if err != nil {
		r.fail(canon, err)
	}
}

func (r *run) progress() {
	if r.c.Progress != nil {
		r.c.Progress(r.src.Name, r.snapshot())
	}
}

// remember records a page's validators and content hash for the next run
// (a feed's or listing's at the end of a complete run).
func (r *run) remember(resp *colly.Response, canon, hash string, docIDs []string) error {
	p := PageState{
		URL:          canon,
		ETag:         resp.Headers.Get("ETag"),
		LastModified: resp.Headers.Get("Last-Modified"),
		Hash:         hash,
		FetchedAt:    r.c.now(),
		Status:       resp.StatusCode,
		DocumentIDs:  docIDs,
		Next:         resp.Ctx.Get("next"),
		Listing:      resp.Ctx.Get("board") == "1",
	}
	p.Open = resp.Ctx.Get("thread") == "1" && p.Next == ""
	if resp.Ctx.Get("kind") != kindArticle && resp.Ctx.Get("thread") != "1" {
		r.count(func(*Stats) { r.listings = append(r.listings, p) })
		return nil
	}
	return r.c.Store.PutPage(p)
}

// hints are what the source and the linking page tell about a page.
func (r *run) hints(resp *colly.Response) Hints {
	h, _ := resp.Ctx.GetAny("hints").(Hints)
	h.Source, h.FetchedAt = r.src.Name, r.c.now()
	h.Lang = firstNonEmpty(r.src.Lang, h.Lang)
	h.Publisher = firstNonEmpty(r.src.Publisher, h.Publisher)
	if r.loc != nil {
		h.Location = r.loc
	}
	return h
}

func (r *run) onArticle(resp *colly.Response, canon string) error {
	body := decodeBody(resp.Body, resp.Headers.Get("Content-Type"))
	docs, err := ExtractHTML(resp.Request.URL.String(), body, r.hints(resp))
	if err != nil {
		return err
	}
	return r.storeDocs(resp, canon, docs)
}

// storeDocs hands a page's documents to the sink unless the page's text is
// what it was at the last fetch, and records the page.
func (r *run) storeDocs(resp *colly.Response, canon string, docs []timeline.Document) error {
	hash := docsHash(docs)
	if old, ok, _ := r.c.Store.Page(canon); ok && old.Hash == hash {
		r.count(func(s *Stats) { s.Unchanged++ })
		return r.remember(resp, canon, hash, old.DocumentIDs)
	}
	if err := r.c.Sink.Put(r.ctx, docs); err != nil {
		return fmt.Errorf("store documents: %w", err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	r.count(func(s *Stats) { s.New++ })
	r.log.Debug("extracted", "url", canon, "documents", len(docs))
	return r.remember(resp, canon, hash, ids)
}

func docsHash(docs []timeline.Document) string {
	h := sha256.New()
	for _, d := range docs {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%v\x00", d.URL, d.Title, d.Text, d.PublishedAt)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

func (r *run) count(f func(*Stats)) {
	r.mu.Lock()
	f(&r.stats)
	r.mu.Unlock()
}

func (r *run) fail(u string, err error) {
	r.log.Warn("fetch failed", "url", u, "err", err)
	r.count(func(s *Stats) {
		r.incomplete = true
		s.Failed++
		if len(s.Errors) < maxRecordedErrors {
			s.Errors = append(s.Errors, fmt.Sprintf("%s: %v", u, err))
		}
	})
}

func (r *run) snapshot() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats
	s.Errors = append([]string(nil), s.Errors...)
	return s
}

// hintsFromFeed is what a feed item tells about the article it links.
func hintsFromFeed(title string, published *time.Time) Hints {
	h := Hints{Title: strings.TrimSpace(title), PublishedAt: published}
	if published != nil {
		h.PublishedFrom = timeline.PublishedFromFeed
	}
	return h
}

// Package api serves wallbreak's timeline over HTTP: the JSON API under
// /api/v1 and the web page at /.
package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/timeline"
)

// Index is what the API needs from the search index.
type Index interface {
	Timeline(ctx context.Context, q index.TimelineQuery) (index.TimelinePage, error)
	Milestones(ctx context.Context, q index.TimelineQuery) ([]timeline.Milestone, *string, error)
	Search(ctx context.Context, q index.SearchQuery) (index.SearchResult, error)
	Event(ctx context.Context, id string) (timeline.Event, error)
	ArticleByID(ctx context.Context, id string) (index.ArticleDetail, error)
	Trends(ctx context.Context, q index.TrendsQuery) (index.Trends, error)
	Count() (uint64, error)
}

// SourceInfo is a configured source as GET /api/v1/sources lists it.
type SourceInfo struct {
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	URL      string    `json:"url"`
	Schedule string    `json:"schedule"`
	Lang     string    `json:"lang,omitempty"`
	LastRun  *CrawlRun `json:"last_run"`
}

// Crawls lists recorded crawl runs (optional).
type Crawls interface {
	Runs(limit int) ([]CrawlRun, error)
}

// CrawlRun is one recorded crawl of one source.
type CrawlRun struct {
	ID        uint64    `json:"id"`
	Source    string    `json:"source"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Fetched   int       `json:"fetched"`
	New       int       `json:"new"`
	Unchanged int       `json:"unchanged"`
	Failed    int       `json:"failed"`
	Errors    []string  `json:"errors"`
	// NotModified counts the conditional requests answered 304 (part of
	// Unchanged, which also counts known pages not asked for at all).
	NotModified int `json:"not_modified"`
}

// Server is the HTTP API and web page.
type Server struct {
	Index   Index
	Crawls  Crawls            // nil: /api/v1/crawls answers an empty list
	Profile *timeline.Profile // resolves actor aliases in filters; nil: default
	Logger  *slog.Logger

	// Sources lists the configured sources (nil: none).
	Sources func() []SourceInfo
	// TriggerCrawl starts a crawl of the named source in the background
	// (POST /api/v1/crawls); an unknown source is timeline.ErrNotFound.
	TriggerCrawl func(source string) error
	// Token is the bearer token every write needs; empty disables writes.
	Token string
	// CORSOrigins may read the API from a browser ("*" for any).
	CORSOrigins []string
	// RateLimit is requests per second allowed per client (0: 20), with
	// bursts of twice that.
	RateLimit float64
	// Metrics, if set, is where the HTTP metrics are registered and what
	// /metrics serves.
	Metrics *Metrics
	// Archived finds the archived copy of an article's page (nil: none).
	Archived func(ctx context.Context, articleID string) (ArchivedPage, error)
	answers  answerCache

	// Ready tells /readyz whether the service can answer (nil: ready
	// when the index answers).
	Ready func() error
}

// Handler returns the routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	route := func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, s.Metrics.instrument(pattern, h))
	}
	route("GET /api/v1/timeline", s.cached(s.timeline))
	route("GET /api/v1/events/{id}", s.cached(s.event))
	route("GET /api/v1/milestones", s.cached(s.milestones))
	route("GET /api/v1/search", s.cached(s.search))
	route("GET /api/v1/articles/{id}", s.article)
	route("GET /api/v1/articles/{id}/archived", s.archived)
	route("GET /api/v1/sources", s.sources)
	route("GET /api/v1/crawls", s.crawls)
	route("POST /api/v1/crawls", s.requireToken(s.triggerCrawl))
	route("GET /api/v1/trends", s.cached(s.trends))
	route("GET /api/v1/actors", s.actors)
	route("GET /api/v1/feed.json", s.cached(s.jsonFeed))
	route("GET /api/v1/feed.atom", s.cached(s.atomFeed))
	route("GET /api/v1/openapi.json", s.openapi)
	route("GET /openapi.json", s.openapi)
	route("GET /feed.json", s.cached(s.jsonFeed))
	route("GET /feed.atom", s.cached(s.atomFeed))
	route("GET /healthz", s.healthz)
	route("GET /readyz", s.readyz)
	if s.Metrics != nil {
		mux.Handle("GET /metrics", s.Metrics.Handler())
	}
	web := webHandler()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/"):
			s.problem(w, r, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path)
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			w.Header().Set("Allow", "GET, HEAD")
			s.problem(w, r, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed here")
		default:
			web.ServeHTTP(w, r)
		}
	})
	return s.recoverer(s.cors(s.rateLimit(gzipped(mux))))
}

func (s *Server) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

func (s *Server) profile() *timeline.Profile {
	if s.Profile != nil {
		return s.Profile
	}
	return timeline.DefaultProfile()
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	q, err := s.timelineQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.Index.Timeline(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch f := r.URL.Query().Get("format"); f {
	case "", "json":
		s.writeJSON(w, r, page)
	case "timelinejs":
		s.writeJSON(w, r, timelineJS(page.Events))
	case "csv":
		s.writeCSV(w, r, page.Events)
	default:
		s.fail(w, r, invalidf("parameter format: %q is not json, timelinejs or csv", f))
	}
}

func (s *Server) milestones(w http.ResponseWriter, r *http.Request) {
	q, err := s.timelineQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ms, next, err := s.Index.Milestones(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, map[string]any{"milestones": ms, "next_cursor": next})
}

// search answers GET /api/v1/search: articles matching q (the query
// language of the index package) with facets, highlighted snippets and a
// cursor, and the matching milestones. Filters: actor (repeatable), category,
// lang, source, from, to; sort=relevance|date|-date; facets=false to skip
// facet counts.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	tq, err := s.timelineQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := r.URL.Query()
	q := index.SearchQuery{Q: tq.Q, Actors: tq.Actors, Category: tq.Category, Lang: tq.Lang, Source: v.Get("source"),
		From: tq.From, To: tq.To, Sort: v.Get("sort"), Limit: tq.Limit, Cursor: tq.Cursor}
	switch v.Get("facets") {
	case "", "true", "1":
	case "false", "0":
		q.NoFacets = true
	default:
		s.fail(w, r, invalidf("parameter facets: %q is not true or false", v.Get("facets")))
		return
	}
	if strings.TrimSpace(q.Q) == "" && len(q.Actors) == 0 && q.Category == "" && q.Lang == "" && q.Source == "" && q.From == nil && q.To == nil {
		s.problem(w, r, http.StatusBadRequest, "parameter q (or a filter: actor, category, lang, source, from, to) is required")
		return
	}
	res, err := s.Index.Search(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, res)
}

func (s *Server) crawls(w http.ResponseWriter, r *http.Request) {
	limit, err := intParam(r.URL.Query().Get("limit"), "limit")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	runs := []CrawlRun{}
	if s.Crawls != nil {
		if runs, err = s.Crawls.Runs(limit); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.writeJSON(w, r, map[string]any{"crawls": runs})
}

// actors lists the profile's actors and categories, for filter menus.
func (s *Server) actors(w http.ResponseWriter, r *http.Request) {
	p := s.profile()
	type actor struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Group string `json:"group,omitempty"`
	}
	out := struct {
		Actors     []actor  `json:"actors"`
		Categories []string `json:"categories"`
	}{Actors: []actor{}, Categories: []string{}}
	for _, a := range p.Actors {
		out.Actors = append(out.Actors, actor{ID: a.ID, Name: a.Name, Group: a.Group})
	}
	for _, c := range p.Categories {
		out.Categories = append(out.Categories, c.ID)
	}
	s.writeJSON(w, r, out)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	n, err := s.Index.Count()
	if err != nil {
		s.problem(w, r, http.StatusServiceUnavailable, "index unavailable")
		return
	}
	s.writeJSON(w, r, map[string]any{"status": "ok", "indexed": n})
}

// timelineQuery reads the timeline filters. Every bad value is an
// ErrInvalid naming the parameter.
func (s *Server) timelineQuery(r *http.Request) (index.TimelineQuery, error) {
	v := r.URL.Query()
	var q index.TimelineQuery
	var err error
	for _, p := range []struct {
		name string
		dst  **timeline.Date
	}{{"from", &q.From}, {"to", &q.To}} {
		if raw := v.Get(p.name); raw != "" {
			d, err := timeline.ParseDate(raw)
			if err != nil || d.Year < 1800 || d.Year > 2200 {
				return q, invalidf("parameter %s: %q is not a date (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn, YYYY-Wnn)", p.name, raw)
			}
			*p.dst = &d
		}
	}
	for _, a := range v["actor"] {
		for _, part := range strings.Split(a, ",") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			id, ok := s.profile().ResolveActor(part)
			if !ok {
				return q, invalidf("parameter actor: %q is not an actor of the profile", part)
			}
			q.Actors = append(q.Actors, id)
		}
	}
	q.Q = v.Get("q")
	q.Category = v.Get("category")
	if q.Lang, err = langParam(v.Get("lang")); err != nil {
		return q, err
	}
	switch st := v.Get("status"); st {
	case "", "happened":
	case "planned", "opinion", "any":
		q.Status = st
	default:
		return q, invalidf("parameter status: %q is not happened, planned, opinion or any", st)
	}
	switch v.Get("order") {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		return q, invalidf("parameter order: %q is not asc or desc", v.Get("order"))
	}
	if q.Limit, err = intParam(v.Get("limit"), "limit"); err != nil {
		return q, err
	}
	q.Cursor = v.Get("cursor")
	switch p := v.Get("precision"); p {
	case "", "day", "week", "month", "quarter", "half", "year":
		q.Precision = p
	default:
		return q, invalidf("parameter precision: %q is not day, week, month, quarter, half or year", p)
	}
	if ms := v.Get("min_sources"); ms != "" {
		n, err := strconv.Atoi(ms)
		if err != nil || n < 1 || n > 1000 {
			return q, invalidf("parameter min_sources: %q is not a number from 1 to 1000", ms)
		}
		q.MinSources = n
	}
	return q, nil
}

func langParam(s string) (string, error) {
	switch s {
	case "", "en", "zh":
		return s, nil
	}
	return "", invalidf("parameter lang: %q is not en or zh", s)
}

func intParam(s, name string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > index.MaxLimit {
		return 0, invalidf("parameter %s: %q is not a number from 1 to %d", name, s, index.MaxLimit)
	}
	return n, nil
}

type invalidError struct{ msg string }

func (e invalidError) Error() string { return e.msg }
func (e invalidError) Unwrap() error { return timeline.ErrInvalid }

func invalidf(format string, args ...any) error {
	return invalidError{msg: fmt.Sprintf(format, args...)}
}

// fail maps an error to its HTTP status: invalid input is 400, a missing
// thing 404, a cancelled request 503, anything else 500 (and is logged).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, timeline.ErrInvalid):
		s.problem(w, r, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "invalid: "))
	case errors.Is(err, timeline.ErrNotFound):
		s.problem(w, r, http.StatusNotFound, err.Error())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		s.problem(w, r, http.StatusServiceUnavailable, "request cancelled or timed out")
	default:
		s.logger().Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		s.problem(w, r, http.StatusInternalServerError, "internal error")
	}
}

// problem writes an RFC 9457 problem+json answer.
func (s *Server) problem(w http.ResponseWriter, r *http.Request, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{ //nolint:errcheck // the client went away
		"type":     "about:blank",
		"title":    http.StatusText(status),
		"status":   status,
		"detail":   detail,
		"instance": r.URL.RequestURI(),
	})
}

// writeJSON answers with v, an ETag of its bytes, and 304 when the client
// already has them.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, v any) {
	s.writeJSONAs(w, r, v, "application/json; charset=utf-8")
}

func (s *Server) writeJSONAs(w http.ResponseWriter, r *http.Request, v any, ctype string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeBody(w, r, buf.Bytes(), ctype)
}

// writeBody answers with body, its ETag and a short public cache life, or
// 304 when the client's If-None-Match names it.
func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, body []byte, ctype string) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	w.Header().Set("ETag", etag)
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "public, max-age=60")
	}
	w.Header().Add("Vary", "Accept-Encoding")
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(body) //nolint:errcheck // the client went away
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

func (s *Server) recoverer(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger().Error("panic serving request", "path", r.URL.Path, "panic", v)
				s.problem(w, r, http.StatusInternalServerError, "internal error")
			}
		}()
		h.ServeHTTP(w, r)
	})
}

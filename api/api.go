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
	Count() (uint64, error)
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
}

// Handler returns the routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/timeline", s.timeline)
	mux.HandleFunc("GET /api/v1/milestones", s.milestones)
	mux.HandleFunc("GET /api/v1/search", s.search)
	mux.HandleFunc("GET /api/v1/crawls", s.crawls)
	mux.HandleFunc("GET /api/v1/actors", s.actors)
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /api/v1/", func(w http.ResponseWriter, r *http.Request) {
		s.problem(w, r, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	})
	mux.Handle("GET /", webHandler())
	return s.recoverer(mux)
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
	s.writeJSON(w, r, page)
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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.fail(w, r, err)
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "public, max-age=60")
	w.Header().Set("Vary", "Accept-Encoding")
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(buf.Bytes()) //nolint:errcheck // the client went away
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

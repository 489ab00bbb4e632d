package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/timeline"
)

func (s *Server) event(w http.ResponseWriter, r *http.Request) {
	ev, err := s.Index.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, ev)
}

// articleAnswer is GET /api/v1/articles/{id}.
type articleAnswer struct {
	index.ArticleDetail
	// ArchivedURL is where the page's archived copy (as fetched) is read.
	ArchivedURL string `json:"archived_url"`
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	d, err := s.Index.ArticleByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, articleAnswer{ArticleDetail: d, ArchivedURL: "/api/v1/articles/" + d.ID + "/archived"})
}

// ArchivedPage is a page as the crawler fetched it, from the archive.
type ArchivedPage struct {
	URL         string
	ContentType string
	FetchedAt   time.Time
	Body        []byte
}

// archived serves the archived copy of an article's page, as fetched. The
// page is someone else's HTML: it is served sandboxed (no scripts, no
// same-origin access).
func (s *Server) archived(w http.ResponseWriter, r *http.Request) {
	if s.Archived == nil {
		s.problem(w, r, http.StatusNotFound, "this server keeps no archive")
		return
	}
	page, err := s.Archived(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Archived-URL", page.URL)
	w.Header().Set("Last-Modified", page.FetchedAt.UTC().Format(http.TimeFormat))
	ctype := page.ContentType
	if ctype == "" {
		ctype = "text/html"
	}
	s.writeBody(w, r, page.Body, ctype)
}

func (s *Server) sources(w http.ResponseWriter, r *http.Request) {
	out := []SourceInfo{}
	if s.Sources != nil {
		out = append(out, s.Sources()...)
	}
	s.writeJSON(w, r, map[string]any{"sources": out})
}

// triggerCrawl answers POST /api/v1/crawls {"source": NAME}: the crawl
// runs in the background; GET /api/v1/crawls lists it when done.
func (s *Server) triggerCrawl(w http.ResponseWriter, r *http.Request) {
	if s.TriggerCrawl == nil {
		s.problem(w, r, http.StatusNotImplemented, "this server runs no crawls")
		return
	}
	var body struct {
		Source string `json:"source"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil && !errors.Is(err, io.EOF) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.problem(w, r, http.StatusRequestEntityTooLarge, "request body over 4 KiB")
			return
		}
		s.fail(w, r, invalidf("body: want {\"source\": NAME}: %v", err))
		return
	}
	if strings.TrimSpace(body.Source) == "" {
		s.fail(w, r, invalidf("body: want {\"source\": NAME}"))
		return
	}
	if err := s.TriggerCrawl(body.Source); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Location", "/api/v1/crawls")
	w.WriteHeader(http.StatusAccepted)
	json.NewEncoder(w).Encode(map[string]string{"status": "started", "source": body.Source}) //nolint:errcheck
}

func (s *Server) trends(w http.ResponseWriter, r *http.Request) {
	tq, err := s.timelineQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.Index.Trends(r.Context(), index.TrendsQuery{Q: tq.Q, Interval: r.URL.Query().Get("interval"), From: tq.From, To: tq.To})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, res)
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	check := s.Ready
	if check == nil {
		check = func() error { _, err := s.Index.Count(); return err }
	}
	if err := check(); err != nil {
		s.problem(w, r, http.StatusServiceUnavailable, "not ready: "+err.Error())
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, r, map[string]string{"status": "ready"})
}

// newestEvents are the events a feed lists: the newest 50 by date.
func (s *Server) newestEvents(r *http.Request) ([]timeline.Event, error) {
	q, err := s.timelineQuery(r)
	if err != nil {
		return nil, err
	}
	q.Desc = true
	if q.Limit == 0 {
		q.Limit = 50
	}
	page, err := s.Index.Timeline(r.Context(), q)
	return page.Events, err
}

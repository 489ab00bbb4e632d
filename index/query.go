package index

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/wallbreak/wallbreak/timeline"
)

// Limits on page sizes.
const (
	DefaultLimit = 100
	MaxLimit     = 500
)

// TimelineQuery selects milestones for the timeline.
type TimelineQuery struct {
	Q        string         // words in the quote or the document title
	Actors   []string       // any of these actor ids
	Category string         // a category id
	Lang     string         // "en" or "zh"
	From, To *timeline.Date // the milestone's dates overlap [From.Start, To.End]
	Status   string         // "" means happened; "any" for all statuses
	// Precision keeps events (or milestones) dated at this precision.
	Precision string
	// MinSources keeps events reported by at least this many documents.
	MinSources int
	Desc       bool   // newest first
	Limit      int    // 1..MaxLimit; 0 means DefaultLimit
	Cursor     string // NextCursor of the previous page
}

// TimelinePage is one page of events, oldest first unless Desc.
type TimelinePage struct {
	Events     []timeline.Event `json:"events"`
	NextCursor *string          `json:"next_cursor"`
	Total      uint64           `json:"total"`
}

// Timeline returns the events matching q: milestones clustered across
// documents and languages (events.Cluster), rebuilt first if articles
// changed since. Bad cursors and limits are timeline.ErrInvalid.
func (ix *Index) Timeline(ctx context.Context, q TimelineQuery) (TimelinePage, error) {
	if err := ix.ensureEvents(ctx); err != nil {
		return TimelinePage{}, fmt.Errorf("timeline: %w", err)
	}
	req, window, err := ix.eventsRequest(q)
	if err != nil {
		return TimelinePage{}, err
	}
	res, err := ix.b.SearchInContext(searchCtx(ctx), req)
	if err != nil {
		return TimelinePage{}, fmt.Errorf("timeline search: %w", err)
	}
	page := TimelinePage{Events: make([]timeline.Event, len(res.Hits)), Total: window.totalOf(res), NextCursor: sortKeyCursor(req, res)}
	for i, h := range res.Hits {
		var p eventPayload
		if err := json.Unmarshal([]byte(fieldString(h, eventSchema.f("payload"))), &p); err != nil {
			return TimelinePage{}, fmt.Errorf("timeline: stored event %s: %w", h.ID, err)
		}
		page.Events[i] = p.Event
	}
	return page, nil
}

// Milestones returns the raw milestones matching q (same filters as Timeline).
func (ix *Index) Milestones(ctx context.Context, q TimelineQuery) ([]timeline.Milestone, *string, error) {
	found, next, _, err := ix.findMilestones(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	out := make([]timeline.Milestone, len(found))
	for i, sm := range found {
		out[i] = sm.Milestone
	}
	return out, next, nil
}

// findMilestones runs a timeline query and decodes its page of hits, with
// the cursor of the next page when this one is full.
func (ix *Index) findMilestones(ctx context.Context, q TimelineQuery) ([]storedMilestone, *string, uint64, error) {
	req, window, err := ix.timelineRequest(q)
	if err != nil {
		return nil, nil, 0, err
	}
	res, err := ix.b.SearchInContext(searchCtx(ctx), req)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("timeline search: %w", err)
	}
	out := make([]storedMilestone, len(res.Hits))
	for i, h := range res.Hits {
		if err := json.Unmarshal([]byte(fieldString(h, milestoneSchema.f("payload"))), &out[i]); err != nil {
			return nil, nil, 0, fmt.Errorf("timeline: stored milestone %s: %w", h.ID, err)
		}
	}
	return out, sortKeyCursor(req, res), window.totalOf(res), nil
}

// timelineRequest asks for milestones matching q, by date.
func (ix *Index) timelineRequest(q TimelineQuery) (*bleve.SearchRequest, *monthWindow, error) {
	m := milestoneSchema
	var conds []cond
	switch q.Status {
	case "":
		conds = append(conds, termsCond(m.f("status"), string(timeline.StatusHappened)))
	case "any":
		conds = append(conds, termsCond("type", typeMilestone))
	default:
		conds = append(conds, termsCond(m.f("status"), q.Status))
	}
	return ix.sortKeyRequest(m, q, nil, conds)
}

// sortKeyRequest adds the timeline's filters to must and orders the hits
// by sort_key ("start|end|id"), paging with search-after on it. Milestones
// and events have the properties it filters on, each in its own fields.
func (ix *Index) sortKeyRequest(s schema, q TimelineQuery, must []query.Query, conds []cond) (*bleve.SearchRequest, *monthWindow, error) {
	limit, err := checkLimit(q.Limit)
	if err != nil {
		return nil, nil, err
	}
	if len(q.Actors) > 0 {
		conds = append(conds, termsCond(s.f("actors"), q.Actors...))
	}
	if q.Category != "" {
		conds = append(conds, termsCond(s.f("category"), q.Category))
	}
	if q.Lang != "" {
		conds = append(conds, termsCond(s.f("lang"), q.Lang))
	}
	if q.Precision != "" {
		conds = append(conds, termsCond(s.f("precision"), q.Precision))
	}
	if lo, hi, whole := monthBounds(q.From, q.To); whole {
		conds = append(conds, overlapMonths(s, q.From, q.To, lo, hi)...)
	} else {
		must = append(must, overlap(s, q.From, q.To)...)
	}
	if strings.TrimSpace(q.Q) != "" {
		pq, err := parseQuery(q.Q, ix.profile())
		if err != nil {
			return nil, nil, err
		}
		must = append(must, pq.bleveQuery(s))
	}
	rq := ix.restrict(must, conds)
	var window *monthWindow
	if fq, ok := rq.(*filterQuery); ok && !fq.off {
		// Filters only: their bitmap is the set of matches, and the page
		// lies in the first months of it.
		window = &monthWindow{field: s.f("month"), desc: q.Desc, need: limit}
		fq.window = window
	}
	req := bleve.NewSearchRequestOptions(rq, limit, 0, false)
	req.Fields = []string{s.f("payload")}
	if q.Desc {
		req.SortBy([]string{"-" + s.f("sort_key")})
	} else {
		req.SortBy([]string{s.f("sort_key")})
	}
	if q.Cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(q.Cursor)
		if err != nil || strings.Count(string(raw), "|") != 2 {
			return nil, nil, fmt.Errorf("%w: cursor %q is not one this server gave out", timeline.ErrInvalid, q.Cursor)
		}
		req.SetSearchAfter([]string{string(raw)})
		if window != nil {
			window.from = string(raw[:min(7, len(raw))])
		}
	}
	return req, window, nil
}

// total is the number of matches of a timeline search: the whole filter's
// when a month window narrowed it.
func (w *monthWindow) totalOf(res *bleve.SearchResult) uint64 {
	if w != nil && w.used {
		return w.total
	}
	return res.Total
}

// sortKeyCursor is the cursor after a full page ordered by sort_key.
func sortKeyCursor(req *bleve.SearchRequest, res *bleve.SearchResult) *string {
	if len(res.Hits) != req.Size || len(res.Hits) == 0 {
		return nil
	}
	c := base64.RawURLEncoding.EncodeToString([]byte(res.Hits[len(res.Hits)-1].Sort[0]))
	return &c
}

// anyTerm matches documents whose field holds any of the terms.
func anyTerm(field string, terms []string) query.Query {
	var any []query.Query
	for _, t := range terms {
		any = append(any, termQ(field, t))
	}
	return bleve.NewDisjunctionQuery(any...)
}

func checkLimit(limit int) (int, error) {
	switch {
	case limit == 0:
		return DefaultLimit, nil
	case limit < 0 || limit > MaxLimit:
		return 0, fmt.Errorf("%w: limit %d is not between 1 and %d", timeline.ErrInvalid, limit, MaxLimit)
	}
	return limit, nil
}

func fieldString(h *search.DocumentMatch, name string) string {
	s, _ := h.Fields[name].(string)
	return s
}

package index

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/events"
)

// Events are milestones clustered across documents (events.Cluster),
// kept in the index as documents of their own type. Any write of articles
// marks them stale (persistently, so a crash cannot leave them so
// unnoticed); the next timeline query, or RebuildEvents, clusters every
// milestone again and replaces all events in one batch, so readers see the
// old events or the new ones.

const (
	typeEvent      = "event"
	eventsDirtyKey = "events_dirty"
)

type eventDoc struct {
	Type string `json:"type"`
	// TypeStatus is type and status in one term ("event/happened"): the
	// timeline's base filter is then one posting list, not an
	// intersection of two that each hold nearly every event.
	TypeStatus      string     `json:"type_status"`
	Actors          []string   `json:"actors"`
	Category        string     `json:"category"`
	Status          string     `json:"status"`
	Precision       string     `json:"precision"`
	Mod             string     `json:"mod,omitempty"`
	Date            string     `json:"date"`
	Lang            []string   `json:"lang"`
	Source          []string   `json:"source"`
	Start           time.Time  `json:"start"`
	End             time.Time  `json:"end"`
	SortKey         string     `json:"sort_key"`
	SourceCount     float64    `json:"source_count"`
	FirstReportedAt *time.Time `json:"first_reported_at,omitempty"`
	Year            string     `json:"year"`
	Month           string     `json:"month"`           // of the start
	EndMonth        string     `json:"end_month"`       // of the end
	Title           string     `json:"title,omitempty"` // of its sources
	Text            string     `json:"text,omitempty"`  // quotes and titles
	Payload         string     `json:"payload"`
}

// BleveType tells Bleve which document mapping applies.
func (eventDoc) BleveType() string { return typeEvent }

func (ix *Index) markEventsDirty(batch *bleve.Batch) {
	batch.SetInternal([]byte(eventsDirtyKey), []byte("1"))
}

func (ix *Index) eventsDirty() bool {
	v, err := ix.b.GetInternal([]byte(eventsDirtyKey))
	return err == nil && string(v) == "1"
}

// RebuildEvents clusters every milestone in the index into events and
// replaces the indexed events with them. It returns how many events there
// are.
func (ix *Index) RebuildEvents(ctx context.Context) (int, error) {
	ix.eventsMu.Lock()
	defer ix.eventsMu.Unlock()
	return ix.rebuildEventsLocked(ctx)
}

// ensureEvents rebuilds the events if articles changed since the last
// rebuild.
func (ix *Index) ensureEvents(ctx context.Context) error {
	if !ix.eventsDirty() {
		return nil
	}
	ix.eventsMu.Lock()
	defer ix.eventsMu.Unlock()
	if !ix.eventsDirty() {
		return nil
	}
	_, err := ix.rebuildEventsLocked(ctx)
	return err
}

func (ix *Index) rebuildEventsLocked(ctx context.Context) (int, error) {
	// Cleared first: a write that lands during the rebuild marks it again.
	if err := ix.b.SetInternal([]byte(eventsDirtyKey), []byte("0")); err != nil {
		return 0, err
	}
	var reported []events.Reported
	sources := map[string]string{} // document id → configured source
	err := ix.scan(ctx, milestoneSchema, []string{"payload", "source"}, func(h map[string]any) error {
		var sm storedMilestone
		if err := json.Unmarshal([]byte(asString(h["payload"])), &sm); err != nil {
			return err
		}
		r := events.Reported{Milestone: sm.Milestone}
		if len(sm.Event.Sources) > 0 {
			s := sm.Event.Sources[0]
			r.Doc = timeline.Document{ID: sm.Milestone.DocumentID, URL: s.URL, Title: s.Title, Publisher: s.Publisher,
				PublishedAt: s.PublishedAt, Lang: s.Lang, Mirrors: s.Mirrors}
		}
		sources[sm.Milestone.DocumentID] = asString(h["source"])
		reported = append(reported, r)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("rebuild events: %w", err)
	}
	evs := events.Cluster(reported)
	var old []string
	if err := ix.scan(ctx, eventSchema, nil, func(h map[string]any) error {
		old = append(old, asString(h["_id"]))
		return nil
	}); err != nil {
		return 0, fmt.Errorf("rebuild events: %w", err)
	}
	byID := map[string]events.Reported{}
	for _, r := range reported {
		byID[r.Milestone.ID] = r
	}
	batch := ix.b.NewBatch()
	keep := map[string]bool{}
	for _, ev := range evs {
		status := ""
		var srcs []string
		for _, id := range ev.MilestoneIDs {
			r := byID[id]
			status = string(r.Milestone.Status)
			if s := sources[r.Milestone.DocumentID]; s != "" && !slices.Contains(srcs, s) {
				srcs = append(srcs, s)
			}
		}
		ed, err := newEventDoc(ev, status, srcs)
		if err != nil {
			return 0, err
		}
		keep["e:"+ev.ID] = true
		if err := batch.Index("e:"+ev.ID, ed); err != nil {
			return 0, err
		}
	}
	for _, id := range old {
		if !keep[id] {
			batch.Delete(id)
		}
	}
	defer ix.gen.Add(1)
	if err := ix.b.Batch(batch); err != nil {
		return 0, fmt.Errorf("rebuild events: %w", err)
	}
	return len(evs), nil
}

func newEventDoc(ev timeline.Event, status string, sources []string) (eventDoc, error) {
	d, err := timeline.ParseDate(ev.Date)
	if err != nil {
		return eventDoc{}, fmt.Errorf("event %s: %w", ev.ID, err)
	}
	payload, err := json.Marshal(eventPayload{Event: ev, Status: status})
	if err != nil {
		return eventDoc{}, err
	}
	ed := eventDoc{Type: typeEvent, TypeStatus: typeEvent + "/" + status, Actors: ev.Actors, Category: ev.Category, Status: status, Precision: string(ev.Precision),
		Mod: string(ev.Mod), Date: ev.Date, Start: d.Start(), End: d.End(), SortKey: ev.Start + "|" + ev.End + "|" + ev.ID,
		SourceCount: float64(ev.SourceCount), FirstReportedAt: ev.FirstReportedAt, Source: sources,
		Year: d.Start().Format("2006"), Month: d.Start().Format("2006-01"), EndMonth: d.End().Format("2006-01"), Payload: string(payload)}
	var quotes, titles []string
	for _, s := range ev.Sources {
		if !slices.Contains(ed.Lang, s.Lang) {
			ed.Lang = append(ed.Lang, s.Lang)
		}
		quotes = append(quotes, s.Quote)
		titles = append(titles, s.Title)
	}
	ed.Title = strings.Join(titles, "\n")
	ed.Text = strings.Join(quotes, "\n") + "\n" + ed.Title
	return ed, nil
}

// eventPayload is what an event document stores.
type eventPayload struct {
	Event  timeline.Event `json:"event"`
	Status string         `json:"status"`
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}

// scan visits every document of a type, in pages, with the given stored
// fields (by property name) and "_id".
func (ix *Index) scan(ctx context.Context, s schema, fields []string, fn func(map[string]any) error) error {
	const page = 5000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(termQ("type", s.typ), page, 0, false)
		req.Fields = s.fields(fields...)
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := ix.b.SearchInContext(searchCtx(ctx), req)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			m := map[string]any{"_id": h.ID}
			for _, name := range fields {
				m[name] = h.Fields[s.f(name)]
			}
			if err := fn(m); err != nil {
				return err
			}
		}
		if len(res.Hits) < page {
			return nil
		}
		after = res.Hits[len(res.Hits)-1].Sort
	}
}

// Event returns one event by id.
func (ix *Index) Event(ctx context.Context, id string) (timeline.Event, error) {
	if err := ix.ensureEvents(ctx); err != nil {
		return timeline.Event{}, err
	}
	req := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{"e:" + id}))
	req.Fields = []string{eventSchema.f("payload")}
	res, err := ix.b.SearchInContext(searchCtx(ctx), req)
	if err != nil {
		return timeline.Event{}, err
	}
	if len(res.Hits) == 0 {
		return timeline.Event{}, fmt.Errorf("%w: no event %q", timeline.ErrNotFound, id)
	}
	var p eventPayload
	if err := json.Unmarshal([]byte(fieldString(res.Hits[0], eventSchema.f("payload"))), &p); err != nil {
		return timeline.Event{}, err
	}
	return p.Event, nil
}

// eventsRequest is the timeline query over events: milestones' filters,
// plus the number of sources.
func (ix *Index) eventsRequest(q TimelineQuery) (*bleve.SearchRequest, *monthWindow, error) {
	e := eventSchema
	var must []query.Query
	var conds []cond
	switch q.Status {
	case "":
		conds = append(conds, termsCond(e.f("type_status"), typeEvent+"/"+string(timeline.StatusHappened)))
	case "any":
		conds = append(conds, termsCond("type", typeEvent))
	default:
		conds = append(conds, termsCond(e.f("type_status"), typeEvent+"/"+q.Status))
	}
	if q.MinSources > 1 {
		lo := float64(q.MinSources)
		t := true
		r := bleve.NewNumericRangeInclusiveQuery(&lo, nil, &t, nil)
		r.SetField(e.f("source_count"))
		must = append(must, r)
	}
	return ix.sortKeyRequest(e, q, must, conds)
}

// ArticleDetail is an indexed article with its milestones.
type ArticleDetail struct {
	Article
	Source     string               `json:"source,omitempty"`
	Milestones []timeline.Milestone `json:"milestones"`
}

// ArticleByID returns an indexed article and its milestones.
func (ix *Index) ArticleByID(ctx context.Context, id string) (ArticleDetail, error) {
	req := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{"a:" + id}))
	req.Fields = []string{"payload", "source"}
	res, err := ix.b.SearchInContext(searchCtx(ctx), req)
	if err != nil {
		return ArticleDetail{}, err
	}
	if len(res.Hits) == 0 {
		return ArticleDetail{}, fmt.Errorf("%w: no article %q", timeline.ErrNotFound, id)
	}
	var d ArticleDetail
	if err := json.Unmarshal([]byte(fieldString(res.Hits[0], "payload")), &d.Article); err != nil {
		return ArticleDetail{}, err
	}
	d.Source = fieldString(res.Hits[0], "source")
	m := milestoneSchema
	mreq := bleve.NewSearchRequestOptions(termQ(m.f("doc_id"), id), 1000, 0, false)
	mreq.Fields = []string{m.f("payload")}
	mreq.SortBy([]string{m.f("sort_key")})
	mres, err := ix.b.SearchInContext(searchCtx(ctx), mreq)
	if err != nil {
		return ArticleDetail{}, err
	}
	d.Milestones = []timeline.Milestone{}
	for _, h := range mres.Hits {
		var sm storedMilestone
		if err := json.Unmarshal([]byte(fieldString(h, m.f("payload"))), &sm); err != nil {
			return ArticleDetail{}, err
		}
		d.Milestones = append(d.Milestones, sm.Milestone)
	}
	return d, nil
}

// PutEvents indexes events as they are, for importing events clustered
// elsewhere (and for load tests). They last until the next rebuild, which
// replaces every event with the clustering of the indexed milestones.
func (ix *Index) PutEvents(events []timeline.Event) error {
	ix.eventsMu.Lock()
	defer ix.eventsMu.Unlock()
	batch := ix.b.NewBatch()
	for _, ev := range events {
		ed, err := newEventDoc(ev, string(timeline.StatusHappened), nil)
		if err != nil {
			return err
		}
		if err := batch.Index("e:"+ev.ID, ed); err != nil {
			return err
		}
	}
	defer ix.gen.Add(1)
	return ix.b.Batch(batch)
}

// Package index is wallbreak's search engine over articles and milestones,
// built on Bleve with an explicit mapping: English and Chinese text each
// with its own analyzer, actors and categories as keywords, milestone dates
// as ranges that filters overlap.
package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/wallbreak/wallbreak/timeline"
)

// Index is a Bleve index of articles and milestones. It is safe for
// concurrent use: one process writes, any number of goroutines read.
type Index struct {
	b bleve.Index
	// eventsMu serialises rebuilds of the clustered events.
	eventsMu sync.Mutex
	// gen counts the changes made through this Index (see Generation).
	gen atomic.Uint64
	// Profile resolves entity names in queries; nil: the embedded one.
	Profile *timeline.Profile
	// postings caches facet fields' postings per segment (facets.go).
	postings postingsCache
	// impacts caches terms' bounds per segment (impact.go).
	impacts impactCache
	// noBitmaps makes Search count facets and filter Bleve's way, without
	// the postings bitmaps (tests compare the two).
	noBitmaps bool
	// noParts makes searches run whole, not in parts (tests compare).
	noParts bool
	closed  atomic.Bool
}

// Generation counts the changes this Index has written: answers computed
// at one generation hold until it changes. (Only this process writes: the
// state store's lock keeps others out.)
func (ix *Index) Generation() uint64 { return ix.gen.Load() }

func (ix *Index) profile() *timeline.Profile {
	if ix.Profile != nil {
		return ix.Profile
	}
	return timeline.DefaultProfile()
}

// ErrVersion means the index on disk was built with another mapping.
var ErrVersion = errors.New("index was built by another version of wallbreak: run `wallbreak reindex`")

// ErrLocked means another process has the index open.
var ErrLocked = errors.New("index is in use by another wallbreak process")

const versionKey = "mapping_version"

// Open opens the index at dir, creating it if it does not exist.
func Open(dir string) (*Index, error) {
	b, err := bleve.Open(dir)
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, fmt.Errorf("create index: %w", err)
		}
		b, err = bleve.New(dir, newMapping())
		if err != nil {
			return nil, fmt.Errorf("create index %s: %w", dir, err)
		}
		if err := b.SetInternal([]byte(versionKey), []byte(MappingVersion)); err != nil {
			b.Close()
			return nil, fmt.Errorf("create index %s: %w", dir, err)
		}
		return &Index{b: b}, nil
	case err != nil && strings.Contains(err.Error(), "timeout"):
		return nil, fmt.Errorf("open index %s: %w", dir, ErrLocked)
	case err != nil:
		return nil, fmt.Errorf("open index %s: %w (run `wallbreak reindex` to rebuild it from the state store)", dir, err)
	}
	v, err := b.GetInternal([]byte(versionKey))
	if err != nil || string(v) != MappingVersion {
		b.Close()
		return nil, fmt.Errorf("open index %s: version %q, want %q: %w", dir, v, MappingVersion, ErrVersion)
	}
	return &Index{b: b}, nil
}

// OpenMem returns an empty in-memory index, for tests and one-off use.
func OpenMem() (*Index, error) {
	b, err := bleve.NewMemOnly(newMapping())
	if err != nil {
		return nil, err
	}
	return &Index{b: b}, nil
}

// Close closes the index; closing it again does nothing.
func (ix *Index) Close() error {
	if !ix.closed.CompareAndSwap(false, true) {
		return nil
	}
	ix.impacts.close()
	return ix.b.Close()
}

// Count is the number of indexed articles and milestones.
func (ix *Index) Count() (uint64, error) { return ix.b.DocCount() }

// HasArticle tells whether the document with this id is indexed.
func (ix *Index) HasArticle(docID string) (bool, error) {
	d, err := ix.b.Document("a:" + docID)
	return d != nil, err
}

// articleDoc and milestoneDoc are what Bleve indexes.
type articleDoc struct {
	Type        string     `json:"type"`
	DocID       string     `json:"doc_id"`
	URL         string     `json:"url"`
	Lang        string     `json:"lang"`
	Source      string     `json:"source,omitempty"`
	Publisher   string     `json:"publisher,omitempty"`
	Kind        string     `json:"kind,omitempty"`
	Author      string     `json:"author,omitempty"`
	Title       string     `json:"title,omitempty"`
	Body        string     `json:"body,omitempty"` // title and text
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Actors      []string   `json:"actors,omitempty"`
	Categories  []string   `json:"categories,omitempty"`
	Year        string     `json:"year,omitempty"`
	Month       string     `json:"month,omitempty"`
	PubMonth    string     `json:"pub_month,omitempty"` // UTC, for date filters
	Payload     string     `json:"payload"`
}

type milestoneDoc struct {
	Type        string     `json:"type"`
	DocID       string     `json:"doc_id"`
	URL         string     `json:"url"`
	Lang        string     `json:"lang"`
	Source      string     `json:"source,omitempty"`
	Publisher   string     `json:"publisher,omitempty"`
	Kind        string     `json:"kind,omitempty"`
	Title       string     `json:"title,omitempty"` // of its article
	Text        string     `json:"text,omitempty"`  // quote and title
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Actors      []string   `json:"actors"`
	Category    string     `json:"category"`
	Status      string     `json:"status"`
	Precision   string     `json:"precision"`
	Mod         string     `json:"mod,omitempty"`
	Date        string     `json:"date"`
	Start       time.Time  `json:"start"`
	End         time.Time  `json:"end"`
	SortKey     string     `json:"sort_key"`
	Year        string     `json:"year"`
	Month       string     `json:"month"`     // of the start
	EndMonth    string     `json:"end_month"` // of the end
	Confidence  float64    `json:"confidence"`
	Payload     string     `json:"payload"`
}

// Article is an indexed document as search returns it.
type Article struct {
	ID          string     `json:"id"`
	URL         string     `json:"url"`
	Title       string     `json:"title"`
	Publisher   string     `json:"publisher"`
	Author      string     `json:"author,omitempty"`
	Kind        string     `json:"kind,omitempty"`
	Lang        string     `json:"lang"`
	PublishedAt *time.Time `json:"published_at"`
	// PublishedFrom says where PublishedAt was read (timeline.PublishedFrom*).
	PublishedFrom string `json:"published_from,omitempty"`
	// OnTopic is false for a page off the profile's topic (no milestones).
	OnTopic    *bool `json:"on_topic,omitempty"`
	Milestones int   `json:"milestones"`
}

// storedMilestone is the payload kept with a milestone: enough to answer
// timeline queries without another lookup.
type storedMilestone struct {
	Milestone timeline.Milestone `json:"milestone"`
	Event     timeline.Event     `json:"event"`
}

// Item is a document with its milestones, as IndexDocuments takes them.
// Actors are the actor ids the document names (its milestones' actors are
// added); they let a search for an entity find it in any language.
type Item struct {
	Doc        timeline.Document
	Milestones []timeline.Milestone
	Actors     []string
}

// IndexDocument indexes a document with its milestones, replacing whatever
// was indexed for it before, in one batch.
func (ix *Index) IndexDocument(doc timeline.Document, ms []timeline.Milestone) error {
	return ix.IndexDocuments([]Item{{Doc: doc, Milestones: ms}})
}

// IndexDocuments indexes many documents in one Bleve batch: one segment
// to write and merge instead of one per document, the difference between
// a crawl bound by index merges and one that is not.
func (ix *Index) IndexDocuments(items []Item) error {
	if len(items) == 0 {
		return nil
	}
	batch := ix.b.NewBatch()
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.Doc.ID
	}
	old, err := ix.milestoneIDsOf(ids...)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, it := range items {
		for _, m := range it.Milestones {
			keep["m:"+m.ID] = true
		}
	}
	for _, id := range old {
		if !keep[id] {
			batch.Delete(id)
		}
	}
	for _, it := range items {
		if err := addDocument(batch, it); err != nil {
			return err
		}
	}
	ix.markEventsDirty(batch)
	defer ix.gen.Add(1)
	if err := ix.b.Batch(batch); err != nil {
		return fmt.Errorf("index %d documents (first %s): %w", len(items), items[0].Doc.URL, err)
	}
	return nil
}

func addDocument(batch *bleve.Batch, it Item) error {
	doc, ms := it.Doc, it.Milestones
	art := Article{ID: doc.ID, URL: doc.URL, Title: doc.Title, Publisher: doc.Publisher, Author: doc.Author,
		Kind: doc.Kind, Lang: doc.Lang, PublishedAt: doc.PublishedAt, PublishedFrom: doc.PublishedFrom, OnTopic: doc.OnTopic, Milestones: len(ms)}
	payload, err := json.Marshal(art)
	if err != nil {
		return err
	}
	ad := articleDoc{Type: typeArticle, DocID: doc.ID, URL: doc.URL, Lang: doc.Lang, Source: doc.Source,
		Publisher: doc.Publisher, Kind: doc.Kind, Author: doc.Author, PublishedAt: doc.PublishedAt, Payload: string(payload)}
	ad.Actors = slices.Clone(it.Actors)
	for _, m := range ms {
		for _, a := range m.Actors {
			if !slices.Contains(ad.Actors, a) {
				ad.Actors = append(ad.Actors, a)
			}
		}
		if m.Category != "" && !slices.Contains(ad.Categories, m.Category) {
			ad.Categories = append(ad.Categories, m.Category)
		}
	}
	if doc.PublishedAt != nil {
		ad.Year, ad.Month = doc.PublishedAt.Format("2006"), doc.PublishedAt.Format("2006-01")
		ad.PubMonth = doc.PublishedAt.UTC().Format("2006-01")
	}
	ad.Title, ad.Body = doc.Title, doc.Title+"\n\n"+doc.Text
	if err := batch.Index("a:"+doc.ID, ad); err != nil {
		return fmt.Errorf("index article %s: %w", doc.URL, err)
	}
	for _, m := range ms {
		md, err := newMilestoneDoc(doc, m)
		if err != nil {
			return err
		}
		if err := batch.Index("m:"+m.ID, md); err != nil {
			return fmt.Errorf("index milestone %s: %w", m.ID, err)
		}
	}
	return nil
}

func newMilestoneDoc(doc timeline.Document, m timeline.Milestone) (milestoneDoc, error) {
	d, err := m.DateValue()
	if err != nil {
		return milestoneDoc{}, fmt.Errorf("milestone %s: %w", m.ID, err)
	}
	payload, err := json.Marshal(storedMilestone{Milestone: m, Event: timeline.EventFromMilestone(m, doc)})
	if err != nil {
		return milestoneDoc{}, err
	}
	md := milestoneDoc{
		Type: typeMilestone, DocID: doc.ID, URL: doc.URL, Lang: doc.Lang, Source: doc.Source,
		Publisher: doc.Publisher, Kind: doc.Kind, PublishedAt: doc.PublishedAt,
		Actors: m.Actors, Category: m.Category, Status: string(m.Status), Precision: string(m.Precision),
		Mod: string(m.Mod), Date: m.Date, Start: d.Start(), End: d.End(), Confidence: m.Confidence,
		SortKey: m.Start + "|" + m.End + "|" + m.ID, Payload: string(payload),
		Year: d.Start().Format("2006"), Month: d.Start().Format("2006-01"), EndMonth: d.End().Format("2006-01"),
	}
	md.Title, md.Text = doc.Title, m.Quote+"\n\n"+doc.Title
	return md, nil
}

// milestoneIDsOf lists the indexed milestones of these documents.
func (ix *Index) milestoneIDsOf(docIDs ...string) ([]string, error) {
	var ids []string
	for len(docIDs) > 0 {
		chunk := docIDs[:min(len(docIDs), 512)]
		docIDs = docIDs[len(chunk):]
		terms := make([]query.Query, len(chunk))
		for i, id := range chunk {
			terms[i] = termQ(milestoneSchema.f("doc_id"), id)
		}
		q := bleve.NewDisjunctionQuery(terms...)
		for from := 0; ; from += 10000 {
			res, err := ix.b.Search(bleve.NewSearchRequestOptions(q, 10000, from, false))
			if err != nil {
				return nil, fmt.Errorf("find indexed milestones: %w", err)
			}
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			if len(res.Hits) < 10000 {
				break
			}
		}
	}
	return ids, nil
}

func termQ(field, term string) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}

func searchCtx(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

// Bounds for open-ended date ranges.
var (
	farPast   = time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC) // Bleve keeps times as int64 nanoseconds
	farFuture = time.Date(2200, 12, 31, 0, 0, 0, 0, time.UTC)
)

// BleveType tells Bleve which document mapping applies.
func (articleDoc) BleveType() string { return typeArticle }

// BleveType tells Bleve which document mapping applies.
func (milestoneDoc) BleveType() string { return typeMilestone }

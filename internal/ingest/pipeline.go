package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"

	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

// Store is where documents and their milestones are kept (*crawler.Store).
// Document fails with timeline.ErrNotFound for an unknown id.
type Store interface {
	PutDocument(d timeline.Document, ms []timeline.Milestone) error
	Document(id string) (timeline.Document, []timeline.Milestone, error)
	EachDocument(fn func(timeline.Document, []timeline.Milestone) error) error
	// NearDuplicate finds a document other than docID whose fingerprint
	// differs from fp in at most maxBits bits.
	NearDuplicate(docID string, fp uint64, maxBits int) (string, bool, error)
	PutFingerprint(docID string, fp uint64) error
	Meta(key string) (string, error)
	SetMeta(key, value string) error
}

// Index is the search index documents go to (*index.Index).
type Index interface {
	IndexDocuments(items []index.Item) error
	HasArticle(docID string) (bool, error)
	RebuildEvents(ctx context.Context) (int, error)
	Close() error
}

// DefaultBatchSize is how many documents are indexed at once.
const DefaultBatchSize = 256

// Pipeline carries documents into the store and the index. Its methods
// are safe for concurrent use: the crawler calls Put from several
// goroutines.
type Pipeline struct {
	store     Store
	index     Index
	extract   *milestones.Extractor
	profile   *timeline.Profile
	log       *slog.Logger
	batchSize int

	// pending are documents stored but not yet indexed: they go to the
	// index in batches (Flush), since one Bleve segment per document
	// makes a crawl spend most of its time merging segments. A crash in
	// between loses nothing: Recover indexes them from the store.
	pendingMu sync.Mutex
	pending   []index.Item
}

// Option changes how New builds a Pipeline.
type Option func(*Pipeline)

// WithBatchSize sets how many documents are indexed at once (default
// DefaultBatchSize); n < 1 is taken as 1.
func WithBatchSize(n int) Option {
	return func(p *Pipeline) { p.batchSize = max(n, 1) }
}

// New returns a pipeline into store and ix. The profile decides which
// documents are on topic and which actors they name; nil: the embedded
// one. A nil extractor extracts with that profile; a nil logger is
// slog.Default().
func New(store Store, ix Index, ex *milestones.Extractor, profile *timeline.Profile, log *slog.Logger, opts ...Option) *Pipeline {
	if profile == nil {
		profile = timeline.DefaultProfile()
	}
	if ex == nil {
		ex = &milestones.Extractor{Profile: profile}
	}
	if log == nil {
		log = slog.Default()
	}
	p := &Pipeline{store: store, index: ix, extract: ex, profile: profile, log: log, batchSize: DefaultBatchSize}
	for _, o := range opts {
		o(p)
	}
	return p
}

// Put is the crawl Sink: extract milestones, keep the document and its
// milestones in the state store, then index them. Documents that name no
// actor of the profile are kept in the store but not indexed.
func (p *Pipeline) Put(_ context.Context, docs []timeline.Document) error {
	for _, d := range docs {
		if dup, err := p.mirror(d); err != nil || dup {
			if err != nil {
				return err
			}
			continue
		}
		p.extract.ScoreTopic(&d)
		ms := p.extract.Extract(d)
		if err := p.store.PutDocument(d, ms); err != nil {
			return err
		}
		if !p.indexable(d, ms) {
			p.log.Debug("off topic, not indexed", "url", d.URL)
			continue
		}
		if err := p.queue(p.item(d, ms)); err != nil {
			return err
		}
	}
	return nil
}

// indexable: reposts are indexed through their original, and documents
// that name no actor of the profile are kept in the store only.
func (p *Pipeline) indexable(d timeline.Document, ms []timeline.Milestone) bool {
	return d.DuplicateOf == "" && (len(ms) > 0 || len(p.profile.FindActors(d.Text+" "+d.Title)) > 0)
}

// item is what the index takes for a document: with the actors its text
// names, so an entity search finds it in any language.
func (p *Pipeline) item(d timeline.Document, ms []timeline.Milestone) index.Item {
	var ids []string
	for _, m := range p.profile.FindActors(d.Title + "\n" + d.Text) {
		if !slices.Contains(ids, m.ID) {
			ids = append(ids, m.ID)
		}
	}
	return index.Item{Doc: d, Milestones: ms, Actors: ids}
}

// CrawlDone ends a crawl in which fresh pages were new: the documents
// waiting for a batch are indexed, then, if fresh > 0, the events are
// clustered now rather than on the next reader's request. A failed
// clustering is only logged: the next timeline request tries again.
func (p *Pipeline) CrawlDone(ctx context.Context, fresh int) error {
	if err := p.Flush(); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if fresh <= 0 {
		return nil
	}
	if n, err := p.index.RebuildEvents(context.WithoutCancel(ctx)); err != nil {
		p.log.Warn("rebuilding events failed; the next timeline request tries again", "err", err)
	} else {
		p.log.Debug("events rebuilt", "events", n)
	}
	return nil
}

package index

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Searching parts of the index at once.
//
// Bleve runs a search on one goroutine, walking every match: a query that
// matches a third of a million articles keeps one core busy while the
// others idle. Here a search is run as n searches, one per core, each
// restricted to an nth of the index's document numbers (partQuery, a
// bitmap of a contiguous range, which lets the other searchers skip to
// their part), and their answers are merged as one search would have
// given them: hits in the request's order (ties in document order),
// totals and facet counts summed. All parts must have searched the same
// snapshot; if a write came between them, the search is run again whole.

// minPartDocs is the index size (documents of all types) below which a
// search is not split: the parts' set-up would cost more than they save.
var minPartDocs uint64 = 20000

// splitAnswers counts the searches answered in parts (tests check that
// they were).
var splitAnswers atomic.Int64

// parts is how many parts a search is split into: one per core (tests set
// others).
var parts = func() int { return runtime.GOMAXPROCS(0) }

// searchParts runs req, split when the index is large enough. fspecs asks
// for facets counted with bitmaps; the returned facets are nil when they
// could not be (an index not of Scorch's kind): the caller counts them
// Bleve's way.
func (ix *Index) searchParts(ctx context.Context, req *bleve.SearchRequest, fspecs []facetSpec) (*bleve.SearchResult, map[string][]FacetCount, error) {
	n := parts()
	if n > 1 {
		if docs, err := ix.b.DocCount(); err != nil || docs < minPartDocs {
			n = 1
		}
	}
	if n > 1 && !ix.noParts && len(req.Facets) == 0 {
		res, facets, ok, err := ix.searchSplit(ctx, req, fspecs, n)
		if err != nil || ok {
			return res, facets, err
		}
	}
	var fc *facetCounter
	actx := searchCtx(ctx)
	if fspecs != nil {
		fc = &facetCounter{cache: &ix.postings, specs: fspecs}
		actx = withFacetCounter(actx, fc)
	}
	whole := *req
	ob := observed{impacts: &ix.impacts}
	whole.Query = ob.wrap(req, nil, fc)
	res, err := ix.b.SearchInContext(actx, &whole)
	if err == nil {
		ob.fix(res)
	}
	if err != nil || fc == nil || !fc.used || fc.err != nil {
		return res, nil, err
	}
	return res, facetResults(fspecs, fc), nil
}

// observed notes the terms searcher of a search that is one (see
// restrictQuery.found): its candidates are then the matches, so the
// search's total and facets come from them, and the searcher hands on
// only the documents that may rank on the page.
type observed struct {
	total  uint64
	pruned bool
	// impacts, when set, let a pruned search skip by bounds.
	impacts *impactCache
}

// wrap returns req's query restricted to part (nil: all), observed.
func (ob *observed) wrap(req *bleve.SearchRequest, part *partQuery, fc *facetCounter) query.Query {
	rq := &restrictQuery{inner: req.Query, part: part}
	if r, ok := req.Query.(*restrictQuery); ok {
		rq.inner, rq.filter = r.inner, r.filter
	}
	if _, ok := rq.inner.(*termsQuery); !ok {
		if part == nil {
			return req.Query
		}
		return rq
	}
	byScore := len(req.Sort) == 0 || len(req.Sort) == 1 && req.Sort[0].RequiresScoring() && req.Sort[0].Descending()
	rq.found = func(ts *termsSearcher) {
		ob.total = ts.matches()
		if fc != nil {
			fc.terms = ts
		}
		if byScore && req.SearchAfter == nil && req.SearchBefore == nil {
			ts.topK = req.From + req.Size
			ob.pruned = ts.topK > 0
			if ob.pruned && ob.impacts != nil {
				ob.impacts.prune(ts.snap.Segments())
				ts.impacts = ob.impacts
			}
		}
	}
	return rq
}

// fix puts the count of every match in res, when the searcher handed on
// fewer.
func (ob *observed) fix(res *bleve.SearchResult) {
	if ob.pruned {
		res.Total = ob.total
	}
}

// searchSplit runs req in n parts; ok is false when the parts did not
// search the same snapshot.
func (ix *Index) searchSplit(ctx context.Context, req *bleve.SearchRequest, fspecs []facetSpec, n int) (*bleve.SearchResult, map[string][]FacetCount, bool, error) {
	type answer struct {
		res *bleve.SearchResult
		err error
	}
	answers := make([]answer, n)
	snaps := make([]*scorch.IndexSnapshot, n)
	fcs := make([]*facetCounter, n)
	obs := make([]observed, n)
	done := make(chan struct{}, n)
	for i := range n {
		part := *req
		// Bleve's sort fields hold each hit's values while collecting:
		// every part needs its own.
		part.Sort = req.Sort.Copy()
		// Every part may hold the whole page.
		part.From, part.Size = 0, req.From+req.Size
		actx := searchCtx(ctx)
		if fspecs != nil {
			fcs[i] = &facetCounter{cache: &ix.postings, specs: fspecs}
			actx = withFacetCounter(actx, fcs[i])
		}
		obs[i].impacts = &ix.impacts
		part.Query = obs[i].wrap(&part, &partQuery{i: i, n: n, snap: &snaps[i]}, fcs[i])
		go func() {
			res, err := ix.b.SearchInContext(actx, &part)
			if err == nil {
				obs[i].fix(res)
			}
			answers[i] = answer{res, err}
			done <- struct{}{}
		}()
	}
	for range n {
		<-done
	}
	for i := range n {
		if answers[i].err != nil {
			return nil, nil, false, answers[i].err
		}
		if snaps[i] == nil || snaps[i] != snaps[0] {
			return nil, nil, false, nil
		}
	}
	// Merge: the parts' hits are each in order; parts are in document
	// order, so ties go to the earlier part, as in one search.
	sortOrder := req.Sort
	if len(sortOrder) == 0 {
		sortOrder = search.SortOrder{&search.SortScore{Desc: true}}
	}
	isScore, desc := sortOrder.CacheIsScore(), sortOrder.CacheDescending()
	out := *answers[0].res
	out.Hits = nil
	out.Total, out.MaxScore = 0, 0
	pos := make([]int, n)
	for i := range n {
		r := answers[i].res
		out.Total += r.Total
		out.MaxScore = max(out.MaxScore, r.MaxScore)
		// Hit numbers break ties in document order within a part; a part
		// after another comes after it.
		for _, h := range r.Hits {
			h.HitNumber += uint64(i) << 40
		}
	}
	for len(out.Hits) < req.From+req.Size {
		best := -1
		for i := range n {
			hits := answers[i].res.Hits
			if pos[i] >= len(hits) {
				continue
			}
			if best < 0 || sortOrder.Compare(isScore, desc, hits[pos[i]], answers[best].res.Hits[pos[best]]) < 0 {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out.Hits = append(out.Hits, answers[best].res.Hits[pos[best]])
		pos[best]++
	}
	out.Hits = out.Hits[min(req.From, len(out.Hits)):]
	splitAnswers.Add(1)
	out.Request = req
	var facets map[string][]FacetCount
	if fspecs != nil {
		for _, fc := range fcs {
			if !fc.used || fc.err != nil {
				return &out, nil, true, fc.err
			}
		}
		facets = facetResults(fspecs, fcs...)
	}
	return &out, facets, true, nil
}

// partQuery matches the live documents numbered in part i of n equal
// ranges of a snapshot's document numbers, and records the snapshot.
type partQuery struct {
	i, n int
	snap **scorch.IndexSnapshot
}

// bounds is the part's range of document numbers in snap, [lo, hi).
func (pq *partQuery) bounds(snap *scorch.IndexSnapshot) (lo, hi uint64) {
	*pq.snap = snap
	var total uint64
	for _, ss := range snap.Segments() {
		total += ss.Segment().Count()
	}
	return total * uint64(pq.i) / uint64(pq.n), total * uint64(pq.i+1) / uint64(pq.n)
}

func (pq *partQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	if _, ok := snapshotOf(r); !ok {
		// Not Scorch's: the first part is the whole index.
		if pq.i == 0 {
			return searcher.NewMatchAllSearcher(ctx, r, 1.0, opts)
		}
		return searcher.NewMatchNoneSearcher(r)
	}
	return (&restrictQuery{inner: query.NewMatchAllQuery(), part: pq}).Searcher(ctx, r, m, opts)
}

// ServingGCPercent is the garbage collector's target (GOGC) for a process
// that serves searches. A search allocates a match for every document it
// walks; at Go's default of 100 the collector ran so often that its write
// barriers and marking took a seventh of a query's time. At 400 the
// queries of BENCHMARKS.md ran 10–40 % faster at the median for ~15 % more
// resident memory.
const ServingGCPercent = 400

// TuneGC sets the collector's target to ServingGCPercent unless the
// operator chose one (GOGC in the environment). GOMEMLIMIT, when set,
// still caps the heap.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(ServingGCPercent)
	}
}

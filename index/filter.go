package index

import (
	"context"
	"math"
	"slices"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Keyword filters as bitmaps.
//
// A filter (lang=en, an actor, a source, published in 2023-01…2023-06,
// status happened) ranks nothing; as Bleve term and range queries in a
// conjunction each one is a posting list walked — freq and norm decoded —
// at every candidate, and a date range is a disjunction of dozens of
// numeric terms. Here a filter is an AND of ORs of keyword values, whose
// postings the index keeps as bitmaps per segment (the facets' cache):
// the documents passing all filters are one bitmap per segment, computed
// in microseconds, and the searcher walks it.

// cond is one condition of a filter: the field holds one of the terms, or
// (with lo/hi) a term within [lo, hi] in byte order.
type cond struct {
	field  string
	terms  []string
	ranged bool
	lo, hi string
}

// filterQuery matches the documents meeting every condition.
type filterQuery struct {
	cache  *postingsCache
	conds  []cond
	off    bool         // as Bleve queries (tests compare)
	window *monthWindow // nil: all months
}

// A monthWindow narrows a filter that is a whole query, sorted by a key
// that begins with the start date, to the months that hold the page: from
// the month of the cursor, in the sort's direction, until the months after
// it hold need documents. Bleve then sorts a month or two of matches, not
// all of them; the total of the whole filter is kept for the answer.
type monthWindow struct {
	field string // start month, "2006-01"
	from  string // the cursor's month; "" for the first page
	desc  bool
	need  int
	// Set by the search:
	used  bool
	total uint64
}

func termsCond(field string, terms ...string) cond { return cond{field: field, terms: terms} }

// monthsCond: field (a "2006-01" keyword) between the months lo and hi,
// inclusive; "" leaves a side open.
func monthsCond(field, lo, hi string) cond { return cond{field: field, ranged: true, lo: lo, hi: hi} }

func (c cond) match(term string) bool {
	if !c.ranged {
		for _, t := range c.terms {
			if t == term {
				return true
			}
		}
		return false
	}
	return (c.lo == "" || term >= c.lo) && (c.hi == "" || term <= c.hi)
}

// bleveQuery is the same filter as Bleve queries, for indexes that are
// not Scorch's.
func (c cond) bleveQuery() query.Query {
	if c.ranged {
		t := true
		q := bleve.NewTermRangeInclusiveQuery(c.lo, c.hi, &t, &t)
		q.SetField(c.field)
		return q
	}
	return anyTerm(c.field, c.terms)
}

func (fq *filterQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	snap, ok := snapshotOf(r)
	if !ok || fq.off {
		qs := make([]query.Query, len(fq.conds))
		for i, c := range fq.conds {
			qs[i] = c.bleveQuery()
		}
		return bleve.NewConjunctionQuery(qs...).Searcher(ctx, r, m, opts)
	}
	ds, err := fq.bitmaps(snap)
	if err != nil {
		return nil, err
	}
	filterAsBitmaps.Add(1)
	return &bitmapSearcher{segWalk: segWalk{bms: ds.segs, bases: ds.bases}, count: ds.count, scorer: scorer.NewConstantScorer(1.0, 1.0, opts)}, nil
}

// segWalk visits per-segment bitmaps of local document numbers as global
// document numbers, in order.
type segWalk struct {
	bms   []*roaring.Bitmap
	bases []uint64
	cur   int
	it    roaring.IntPeekable
}

// next is the next document: the index of its segment and its number.
func (w *segWalk) next() (int, uint64, bool) {
	for w.cur < len(w.bms) {
		if w.it == nil {
			w.it = w.bms[w.cur].Iterator()
		}
		if w.it.HasNext() {
			return w.cur, w.bases[w.cur] + uint64(w.it.Next()), true
		}
		w.it = nil
		w.cur++
	}
	return 0, 0, false
}

// advance makes next skip the documents numbered before target.
func (w *segWalk) advance(target uint64) {
	// The segment holding target: the last whose base is <= target.
	k := sort.Search(len(w.bases), func(i int) bool { return w.bases[i] > target }) - 1
	if k > w.cur {
		w.cur, w.it = k, nil
	}
	if w.cur < len(w.bms) && target >= w.bases[w.cur] {
		if w.it == nil {
			w.it = w.bms[w.cur].Iterator()
		}
		if local := target - w.bases[w.cur]; local <= math.MaxUint32 {
			w.it.AdvanceIfNeeded(uint32(local))
		} else {
			w.it, w.cur = nil, w.cur+1
		}
	}
}

// bitmapSearcher matches the documents of a set, each with the same score.
type bitmapSearcher struct {
	segWalk
	scorer *scorer.ConstantScorer
	count  uint64
	id     bleveindex.IndexInternalID
}

func (s *bitmapSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	_, n, ok := s.next()
	if !ok {
		return nil, nil
	}
	s.id = bleveindex.NewIndexInternalID(s.id, n)
	return s.scorer.Score(ctx, s.id), nil
}

func (s *bitmapSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	s.advance(id.Value())
	return s.Next(ctx)
}

func (s *bitmapSearcher) Close() error               { return nil }
func (s *bitmapSearcher) Weight() float64            { return s.scorer.Weight() }
func (s *bitmapSearcher) SetQueryNorm(n float64)     { s.scorer.SetQueryNorm(n) }
func (s *bitmapSearcher) Count() uint64              { return s.count }
func (s *bitmapSearcher) Min() int                   { return 0 }
func (s *bitmapSearcher) DocumentMatchPoolSize() int { return 1 }
func (s *bitmapSearcher) Size() int {
	n := 64
	for _, b := range s.bms {
		n += int(b.GetSizeInBytes())
	}
	return n
}

// docSet is a set of documents of a snapshot: bitmaps of local numbers
// per segment (non-empty segments only), with the segments' first global
// numbers and ends.
type docSet struct {
	segs        []*roaring.Bitmap
	bases, ends []uint64
	cur         int // segment of the last lookup (lookups go forward)
	count       uint64
}

// bitmaps computes the documents of snap meeting every condition.
func (fq *filterQuery) bitmaps(snap *scorch.IndexSnapshot) (*docSet, error) {
	fields := make([]string, len(fq.conds))
	for i, c := range fq.conds {
		fields[i] = c.field
	}
	if fq.window != nil {
		fields = append(fields, fq.window.field)
	}
	segs := snap.Segments()
	fq.cache.prune(segs)
	ds := &docSet{}
	var posts []map[string][]termDocs // of the segments in ds
	var base uint64
	for _, ss := range segs {
		n := ss.Segment().Count()
		post, err := fq.cache.segment(ss, fields)
		if err != nil {
			return nil, err
		}
		var docs *roaring.Bitmap
		for _, c := range fq.conds {
			any := roaring.New()
			for _, td := range post[c.field] {
				if c.match(td.term) {
					any.Or(td.docs)
				}
			}
			if docs == nil {
				docs = any
			} else {
				docs.And(any)
			}
			if docs.IsEmpty() {
				break
			}
		}
		if docs != nil && !docs.IsEmpty() {
			if del := ss.Deleted(); del != nil {
				docs.AndNot(del)
			}
		}
		if docs != nil && !docs.IsEmpty() {
			ds.segs = append(ds.segs, docs)
			ds.bases = append(ds.bases, base)
			ds.ends = append(ds.ends, base+n)
			ds.count += docs.GetCardinality()
			posts = append(posts, post)
		}
		base += n
	}
	if w := fq.window; w != nil {
		w.used, w.total = true, ds.count
		w.narrow(ds, posts)
	}
	return ds, nil
}

// narrow keeps, of ds, the documents of the window's months.
func (w *monthWindow) narrow(ds *docSet, posts []map[string][]termDocs) {
	counts := map[string]uint64{}
	for i, docs := range ds.segs {
		for _, td := range posts[i][w.field] {
			if c := docs.AndCardinality(td.docs); c > 0 {
				counts[td.term] += c
			}
		}
	}
	months := make([]string, 0, len(counts))
	for m := range counts {
		if w.from == "" || (!w.desc && m >= w.from) || (w.desc && m <= w.from) {
			months = append(months, m)
		}
	}
	slices.Sort(months)
	if w.desc {
		slices.Reverse(months)
	}
	keep := map[string]bool{}
	var held uint64
	for _, m := range months {
		keep[m] = true
		if m != w.from { // the cursor's month holds documents before it too
			held += counts[m]
		}
		if held >= uint64(w.need) {
			break
		}
	}
	ds.count = 0
	for i, docs := range ds.segs {
		in := roaring.New()
		for _, td := range posts[i][w.field] {
			if keep[td.term] {
				in.Or(td.docs)
			}
		}
		docs.And(in)
		ds.count += docs.GetCardinality()
	}
}

// seek moves the cursor to the first segment not ending at or before n.
func (ds *docSet) seek(n uint64) {
	for ds.cur < len(ds.segs) && n >= ds.ends[ds.cur] {
		ds.cur++
	}
}

// contains tells whether n is in the set; n must not decrease between calls.
func (ds *docSet) contains(n uint64) bool {
	ds.seek(n)
	return ds.cur < len(ds.segs) && n >= ds.bases[ds.cur] && ds.segs[ds.cur].Contains(uint32(n-ds.bases[ds.cur]))
}

// next is the first member at or after n (ok false: none).
func (ds *docSet) next(n uint64) (uint64, bool) {
	for ds.seek(n); ds.cur < len(ds.segs); ds.cur++ {
		local := uint32(0)
		if n > ds.bases[ds.cur] {
			local = uint32(n - ds.bases[ds.cur])
		}
		if v := ds.segs[ds.cur].NextValue(local); v >= 0 {
			return ds.bases[ds.cur] + uint64(v), true
		}
	}
	return 0, false
}

// restrictQuery matches what inner matches among the documents passing a
// filter and within a part of the index. Neither adds to the score, nor
// costs a searcher of its own at every match: as conjuncts, a filter's
// and a part's searchers made a match and a score for every candidate.
type restrictQuery struct {
	inner  query.Query
	filter *filterQuery // nil: none
	part   *partQuery   // nil: the whole index
	// found, if set, is told of the terms searcher when the query is
	// searched as one (searchParts: its candidates are then the matches).
	found func(*termsSearcher)
}

func (rq *restrictQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	snap, ok := snapshotOf(r)
	if !ok {
		qs := []query.Query{rq.inner}
		if rq.filter != nil {
			qs = append(qs, rq.filter)
		}
		if rq.part != nil {
			qs = append(qs, rq.part)
		}
		return bleve.NewConjunctionQuery(qs...).Searcher(ctx, r, m, opts)
	}
	restrictAsBitmaps.Add(1)
	innerQ, filter := rq.inner, rq.filter
	if filter != nil && filter.off {
		// The filter as Bleve's queries (tests compare), the part still
		// restricting.
		innerQ, filter = bleve.NewConjunctionQuery(innerQ, filter), nil
	}
	s := &restrictSearcher{hi: ^uint64(0)}
	if rq.part != nil {
		s.lo, s.hi = rq.part.bounds(snap)
	}
	if filter != nil {
		ds, err := filter.bitmaps(snap)
		if err != nil {
			return nil, err
		}
		s.filter = ds
	}
	inner, err := innerQ.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	if ts, ok := inner.(*termsSearcher); ok {
		// Its candidates are bitmaps: the filter and the part go into
		// them, and nothing is left to check per match.
		ts.restrict(s.filter, s.lo, s.hi)
		if rq.found != nil && !ts.phrase {
			// (A phrase's candidates still need their positions
			// checked: they are not its matches.)
			rq.found(ts)
		}
		return ts, nil
	}
	s.inner = inner
	// A filter holding few of the inner query's matches leads: the
	// inner searcher skips to its members.
	s.leap = s.filter != nil && s.filter.count*4 < inner.Count()
	return s, nil
}

type restrictSearcher struct {
	inner   search.Searcher
	filter  *docSet
	leap    bool
	lo, hi  uint64
	started bool
	id      bleveindex.IndexInternalID
}

func (s *restrictSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		return s.Advance(ctx, bleveindex.NewIndexInternalID(nil, s.lo))
	}
	d, err := s.inner.Next(ctx)
	return s.settle(ctx, d, err)
}

func (s *restrictSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	s.started = true
	target := max(id.Value(), s.lo)
	if s.leap {
		n, ok := s.filter.next(target)
		if !ok {
			return nil, nil
		}
		target = n
	}
	s.id = bleveindex.NewIndexInternalID(s.id, target)
	d, err := s.inner.Advance(ctx, s.id)
	return s.settle(ctx, d, err)
}

// settle returns d if it passes, else the next match that does.
func (s *restrictSearcher) settle(ctx *search.SearchContext, d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for err == nil && d != nil {
		n := d.IndexInternalID.Value()
		if n >= s.hi {
			ctx.DocumentMatchPool.Put(d)
			return nil, nil
		}
		if s.filter == nil || s.filter.contains(n) {
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
		if s.leap {
			next, ok := s.filter.next(n + 1)
			if !ok {
				return nil, nil
			}
			s.id = bleveindex.NewIndexInternalID(s.id, next)
			d, err = s.inner.Advance(ctx, s.id)
		} else {
			d, err = s.inner.Next(ctx)
		}
	}
	return d, err
}

func (s *restrictSearcher) Close() error               { return s.inner.Close() }
func (s *restrictSearcher) Weight() float64            { return s.inner.Weight() }
func (s *restrictSearcher) SetQueryNorm(n float64)     { s.inner.SetQueryNorm(n) }
func (s *restrictSearcher) Count() uint64              { return s.inner.Count() }
func (s *restrictSearcher) Min() int                   { return s.inner.Min() }
func (s *restrictSearcher) DocumentMatchPoolSize() int { return s.inner.DocumentMatchPoolSize() }
func (s *restrictSearcher) Size() int                  { return s.inner.Size() }

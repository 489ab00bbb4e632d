package index

import (
	"container/heap"
	"context"
	"math"
	"slices"
	"sort"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Conjunctions of terms straight from Scorch's postings.
//
// Most queries are a few terms that must all match: words, an actor. For
// them Bleve runs a term searcher per term (a term field reader turning
// each posting into a document match, a scorer, a pool) under a
// conjunction searcher, per match. termsQuery walks the intersection of
// the terms' postings bitmaps segment by segment, reads each term's
// frequency and norm from its postings iterator, and scores with Bleve's
// own term scorers, summed as Bleve's conjunction sums them, with the same
// query norm: the same matches in the same order with the same scores,
// for less work per match. Anything else (term vectors for highlighting,
// explanations, other scoring models, an index not of Scorch's kind) goes
// to Bleve's own searchers.

type fieldTerm struct{ field, term string }

// termsQuery matches the documents holding every term.
type termsQuery struct {
	terms []fieldTerm
	off   bool // Bleve's searchers (tests compare)
}

// asTerms returns q as a termsQuery when it is a term query or a
// conjunction of term queries.
func asTerms(q query.Query, off bool) (query.Query, bool) {
	var ts []fieldTerm
	add := func(q query.Query) bool {
		t, ok := q.(*query.TermQuery)
		if !ok || t.BoostVal != nil && t.BoostVal.Value() != 1 {
			return false
		}
		ts = append(ts, fieldTerm{t.FieldVal, t.Term})
		return true
	}
	switch q := q.(type) {
	case *query.TermQuery:
		if !add(q) {
			return q, false
		}
	case *query.ConjunctionQuery:
		if q.BoostVal != nil && q.BoostVal.Value() != 1 {
			return q, false
		}
		for _, c := range q.Conjuncts {
			if !add(c) {
				return q, false
			}
		}
	default:
		return q, false
	}
	if len(ts) == 0 {
		return q, false
	}
	return &termsQuery{terms: ts, off: off}, true
}

// bleveQuery is the same query for Bleve's searchers.
func (q *termsQuery) bleveQuery() query.Query {
	if len(q.terms) == 1 {
		return termQ(q.terms[0].field, q.terms[0].term)
	}
	qs := make([]query.Query, len(q.terms))
	for i, t := range q.terms {
		qs[i] = termQ(t.field, t.term)
	}
	return bleve.NewConjunctionQuery(qs...)
}

func (q *termsQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	snap, ok := postingsPath(ctx, r, opts)
	if !ok || q.off {
		return q.bleveQuery().Searcher(ctx, r, m, opts)
	}
	s, err := newTermsSearcher(ctx, snap, q.terms, nil, opts)
	if err != nil || s == nil {
		if err == nil {
			// A posting list that cannot give its bitmap: Bleve's way.
			return q.bleveQuery().Searcher(ctx, r, m, opts)
		}
		return nil, err
	}
	termsFromPostings.Add(1)
	return s, nil
}

// newTermsSearcher scores the conjunction of terms over snap; slots, when
// not nil, makes it a phrase (term i at position slots[i] of the phrase),
// scored as Bleve scores the conjunction under its phrase searcher. It is
// nil when a posting list cannot give its bitmap.
func newTermsSearcher(ctx context.Context, snap *scorch.IndexSnapshot, terms []fieldTerm, slots []uint64, opts search.SearcherOptions) (*termsSearcher, error) {
	docTotal, err := snap.DocCount()
	if err != nil {
		return nil, err
	}
	s := &termsSearcher{phrase: slots != nil, snap: snap}
	for i, t := range terms {
		tfr, err := snap.TermFieldReader(ctx, []byte(t.term), t.field, false, false, false)
		if err != nil {
			return nil, err
		}
		n := tfr.Count()
		_ = tfr.Close()
		ts := termScorer{fieldTerm: t, count: n,
			scorer: scorer.NewTermQueryScorer([]byte(t.term), t.field, 1.0, docTotal, n, 0, opts)}
		if slots != nil {
			ts.slot = slots[i]
		}
		s.terms = append(s.terms, ts)
	}
	// As Bleve's conjunction: rarest first, and a query norm over them
	// (a lone term is a term searcher's, without one; a phrase is always
	// a conjunction).
	sort.SliceStable(s.terms, func(i, j int) bool { return s.terms[i].count < s.terms[j].count })
	s.count = s.terms[0].count
	if len(s.terms) > 1 || s.phrase {
		var sum float64
		for _, t := range s.terms {
			sum += t.scorer.Weight()
		}
		for _, t := range s.terms {
			t.scorer.SetQueryNorm(1.0 / math.Sqrt(sum))
		}
	}
	var base uint64
	for _, ss := range snap.Segments() {
		n := ss.Segment().Count()
		seg, ok, err := s.open(ss, base)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, nil
		}
		if seg != nil {
			s.segs = append(s.segs, seg)
		}
		base += n
	}
	return s, nil
}

// postingsPath returns r's snapshot when a search can be read straight
// from its postings: a Scorch index, scored by tf-idf, asking neither term
// vectors (highlighting) nor explanations.
func postingsPath(ctx context.Context, r bleveindex.IndexReader, opts search.SearcherOptions) (*scorch.IndexSnapshot, bool) {
	snap, ok := snapshotOf(r)
	if !ok || opts.IncludeTermVectors || opts.Explain || opts.Score == "none" {
		return nil, false
	}
	if ctx != nil {
		if cb, ok := ctx.Value(search.GetScoringModelCallbackKey).(search.GetScoringModelCallbackFn); ok {
			if model := cb(); model != "" && model != bleveindex.TFIDFScoring && model != bleveindex.DefaultScoringModel {
				return nil, false
			}
		}
	}
	return snap, true
}

type termScorer struct {
	fieldTerm
	count  uint64
	scorer *scorer.TermQueryScorer
	slot   uint64 // position in a phrase
}

// termsSegment is one segment's candidates (the AND of the terms'
// postings, deletions excepted) and each term's postings iterator.
type termsSegment struct {
	base  uint64
	ss    *scorch.SegmentSnapshot
	cands *roaring.Bitmap
	posts []segment.PostingsIterator
	// Block-max skipping (impact.go): the terms' bounds (nil: none), the
	// block each term is in, and the bound of the candidates numbered
	// below end.
	asked bool
	imps  []*impacts
	blk   []int
	end   uint64
	bound float64
}

// open reads the terms' postings in one segment; nil when the segment has
// no document with all of them; ok false when a posting list cannot give
// its bitmap.
func (s *termsSearcher) open(ss *scorch.SegmentSnapshot, base uint64) (*termsSegment, bool, error) {
	seg := &termsSegment{base: base, ss: ss}
	for _, t := range s.terms {
		dict, err := ss.Segment().Dictionary(t.field)
		if err != nil {
			return nil, false, err
		}
		pl, err := dict.PostingsList([]byte(t.term), ss.Deleted(), nil)
		if err != nil {
			return nil, false, err
		}
		if pl == nil || pl.Count() == 0 {
			return nil, true, nil
		}
		it := pl.Iterator(true, true, s.phrase, nil)
		op, ok := it.(segment.OptimizablePostingsIterator)
		if !ok {
			return nil, false, nil
		}
		var docs *roaring.Bitmap
		if n, one := op.DocNum1Hit(); one {
			docs = roaring.BitmapOf(uint32(n))
		} else if docs = op.ActualBitmap(); docs == nil {
			return nil, true, nil
		}
		if seg.cands == nil {
			seg.cands = docs.Clone()
		} else {
			seg.cands.And(docs)
		}
		if seg.cands.IsEmpty() {
			return nil, true, nil
		}
		seg.posts = append(seg.posts, it)
	}
	return seg, true, nil
}

type termsSearcher struct {
	terms []termScorer
	segs  []*termsSegment
	walk  *segWalk // over the candidates, once restricted
	count uint64
	tfd   bleveindex.TermFieldDoc
	// phrase: the terms must occur at their slots' distances in their
	// (one) field.
	phrase bool
	pos    [][]uint64 // per term: positions in the current document
	freq   []uint64   // per term: frequency in the current document
	norm   []float64
	sctx   *search.SearchContext // for the term scorers' matches
	topK   int                   // > 0: hand on only what may be in the top topK
	best   scores
	// impacts, when set (with topK), are the bounds that let the searcher
	// skip candidates that cannot make the top topK.
	impacts *impactCache
	snap    *scorch.IndexSnapshot
	tfb     bleveindex.TermFieldDoc // scratch, for bounds
}

func (s *termsSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	w := s.walker()
	for {
		k, n, ok := w.next()
		if !ok {
			return nil, nil
		}
		seg := s.segs[k]
		local := n - seg.base
		if s.impacts != nil && len(s.best) == s.topK && s.topK > 0 {
			if end, ok := s.skip(seg, local); ok {
				skippedBlocks.Add(1)
				w.advance(seg.base + end)
				continue
			}
		}
		if d, err := s.match(ctx, seg, local); err != nil || d != nil {
			return d, err
		}
	}
}

// skippedBlocks counts the stretches of candidates skipped by their
// bounds (tests check that some were).
var skippedBlocks atomic.Int64

// skip tells whether the candidates of seg from local up to end (local)
// cannot make the top topK: their bound is no better than the worst of
// the topK best so far.
func (s *termsSearcher) skip(seg *termsSegment, local uint64) (uint64, bool) {
	if !seg.asked {
		seg.asked = true
		if seg.cands.GetCardinality() < minImpactCands {
			return 0, false
		}
		seg.imps = make([]*impacts, len(s.terms))
		seg.blk = make([]int, len(s.terms))
		for k, t := range s.terms {
			// Ask for every term's bounds, even when one is missing.
			seg.imps[k] = s.impacts.get(s.snap, seg.ss, t.fieldTerm)
		}
		for _, im := range seg.imps {
			if im == nil || len(im.ends) == 0 {
				seg.imps = nil
				break
			}
		}
	}
	if seg.imps == nil {
		return 0, false
	}
	if local >= seg.end {
		// The bound of the blocks local is in: the sum, in the scorers'
		// order, of each term's score for its block's best document
		// (each no less than any other's in the block: sums and
		// products of greater floats are no less).
		seg.end, seg.bound = math.MaxUint64, 0
		for k, t := range s.terms {
			im := seg.imps[k]
			b := seg.blk[k]
			for b < len(im.ends) && uint64(im.ends[b]) <= local {
				b++
			}
			seg.blk[k] = b
			if b == len(im.ends) {
				// Past the bounds (cannot be: local is in the
				// postings); no more skipping here.
				seg.imps = nil
				return 0, false
			}
			seg.end = min(seg.end, uint64(im.ends[b]))
			s.tfb.Freq, s.tfb.Norm = uint64(im.freq[b]), float64(im.norm[b])
			seg.bound += t.scorer.Score(s.sctx, &s.tfb).Score
		}
	}
	return seg.end, seg.bound <= s.best[0]
}

func (s *termsSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	s.walker().advance(id.Value())
	return s.Next(ctx)
}

// walker walks the candidates (after restrict, which comes first).
func (s *termsSearcher) walker() *segWalk {
	if s.walk == nil {
		s.walk = &segWalk{bms: make([]*roaring.Bitmap, len(s.segs)), bases: make([]uint64, len(s.segs))}
		for i, seg := range s.segs {
			s.walk.bms[i], s.walk.bases[i] = seg.cands, seg.base
		}
	}
	return s.walk
}

// match scores local document n of seg as Bleve's conjunction of term
// searchers would: each term's scorer on its frequency and norm, summed
// in order. With topK set, a document that cannot be among the topK best
// scored so far is not handed on (the caller counts matches and facets
// from the candidates instead).
func (s *termsSearcher) match(ctx *search.SearchContext, seg *termsSegment, n uint64) (*search.DocumentMatch, error) {
	if s.sctx == nil {
		// The scorers' matches are read and dropped: one scratch match,
		// never reset (the scorers set its id and score, nothing else).
		scratch := &search.DocumentMatch{}
		s.sctx = &search.SearchContext{DocumentMatchPool: &search.DocumentMatchPool{
			TooSmall: func(*search.DocumentMatchPool) *search.DocumentMatch { return scratch },
		}}
		s.freq, s.norm = make([]uint64, len(s.terms)), make([]float64, len(s.terms))
		if s.phrase {
			s.pos = make([][]uint64, len(s.terms))
		}
	}
	for k := range s.terms {
		p, err := seg.posts[k].Advance(n)
		if err != nil {
			return nil, err
		}
		if p == nil || p.Number() != n {
			// Cannot happen (n is in every term's bitmap); skip rather
			// than score a document wrongly.
			return nil, nil
		}
		if s.phrase {
			s.pos[k] = s.pos[k][:0]
			for _, l := range p.Locations() {
				s.pos[k] = append(s.pos[k], l.Pos())
			}
		}
		s.freq[k], s.norm[k] = p.Frequency(), p.Norm()
	}
	if s.phrase && !s.occurs() {
		return nil, nil
	}
	s.tfd.ID = bleveindex.NewIndexInternalID(s.tfd.ID, seg.base+n)
	var sum float64
	for k, t := range s.terms {
		s.tfd.Freq, s.tfd.Norm = s.freq[k], s.norm[k]
		sum += t.scorer.Score(s.sctx, &s.tfd).Score
	}
	if s.topK > 0 {
		if len(s.best) == s.topK {
			if sum < s.best[0] {
				return nil, nil
			}
			s.best[0] = sum
			heap.Fix(&s.best, 0)
		} else {
			heap.Push(&s.best, sum)
		}
	}
	rv := ctx.DocumentMatchPool.Get()
	rv.IndexInternalID = bleveindex.NewIndexInternalIDFrom(rv.IndexInternalID, s.tfd.ID)
	rv.Score = sum
	return rv, nil
}

// scores is a min-heap of the best scores handed on.
type scores []float64

func (h scores) Len() int           { return len(h) }
func (h scores) Less(i, j int) bool { return h[i] < h[j] }
func (h scores) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scores) Push(x any)        { *h = append(*h, x.(float64)) }
func (h *scores) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// matches is the number of candidates: every document the searcher
// matches.
func (s *termsSearcher) matches() uint64 {
	var n uint64
	for _, seg := range s.segs {
		n += seg.cands.GetCardinality()
	}
	return n
}

// occurs tells whether the terms stand at their slots' distances.
func (s *termsSearcher) occurs() bool {
	first := s.terms[0]
	for _, p := range s.pos[0] {
		if p < first.slot {
			continue
		}
		start := p - first.slot
		ok := true
		for k, t := range s.terms[1:] {
			if !slices.Contains(s.pos[k+1], start+t.slot) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (s *termsSearcher) Close() error { return nil }

func (s *termsSearcher) Weight() float64 {
	var w float64
	for _, t := range s.terms {
		w += t.scorer.Weight()
	}
	return w
}

func (s *termsSearcher) SetQueryNorm(n float64) {
	for _, t := range s.terms {
		t.scorer.SetQueryNorm(n)
	}
}

func (s *termsSearcher) Count() uint64              { return s.count }
func (s *termsSearcher) Min() int                   { return 0 }
func (s *termsSearcher) DocumentMatchPoolSize() int { return 1 }
func (s *termsSearcher) Size() int                  { return 64 * (len(s.terms) + len(s.segs)) }

// restrict keeps, of the candidates, those in filter (nil: all) and
// numbered within [lo, hi).
func (s *termsSearcher) restrict(filter *docSet, lo, hi uint64) {
	kept := s.segs[:0]
	for _, seg := range s.segs {
		if filter != nil {
			k := slices.Index(filter.bases, seg.base)
			if k < 0 {
				continue
			}
			seg.cands.And(filter.segs[k])
		}
		if lo > seg.base {
			seg.cands.RemoveRange(0, lo-seg.base)
		}
		if hi < seg.base+(1<<32) {
			end := uint64(0)
			if hi > seg.base {
				end = hi - seg.base
			}
			seg.cands.RemoveRange(end, 1<<32)
		}
		if !seg.cands.IsEmpty() {
			kept = append(kept, seg)
		}
	}
	s.segs = kept
}

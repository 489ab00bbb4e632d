package index

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Facets over keyword fields, counted with bitmaps.
//
// Bleve counts a facet by visiting every matching document's doc values:
// at a million articles a query matching half of them spent four fifths
// of its time there. The facet fields here are keywords with few values
// (actors, categories, sources, languages, years, months), so a count is
// the size of an intersection: the set of matching documents (collected
// while Bleve ranks them) AND the postings of one value. Postings are
// read once per segment — Scorch's segments never change, only their
// deletions, and deleted documents never match — and kept as roaring
// bitmaps until the segment is merged away.

// facetSpec is one facet of a query: the index field and how many values.
type facetSpec struct {
	name, field string
	size        int
}

// facetCounter collects the matches of one search and counts facets at
// its end, while the searched snapshot is still open.
type facetCounter struct {
	cache  *postingsCache
	specs  []facetSpec
	ids    []uint64 // global document numbers of the matches
	sorted bool
	totals []map[string]int // per spec: value → matches
	// terms, when set, is the search's terms searcher: its candidates are
	// the matches, and no match need be recorded.
	terms *termsSearcher
	err   error
	used  bool // the snapshot was Scorch's: counts are valid
}

// withFacetCounter makes Bleve hand every match of the search run with
// the returned context to fc as well as to its own top-N collector.
func withFacetCounter(ctx context.Context, fc *facetCounter) context.Context {
	maker := search.MakeDocumentMatchHandler(func(sc *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sc)
		if err != nil {
			return nil, false, err
		}
		snap, ok := snapshotOf(sc.IndexReader)
		if !ok {
			return next, loadID, nil
		}
		fc.sorted = true
		return func(d *search.DocumentMatch) error {
			if d == nil {
				fc.count(snap)
				if err := next(nil); err != nil {
					return err
				}
				return fc.err
			}
			if fc.terms != nil {
				return next(d)
			}
			n := d.IndexInternalID.Value()
			if k := len(fc.ids); k > 0 && fc.ids[k-1] >= n {
				fc.sorted = false
			}
			fc.ids = append(fc.ids, n)
			return next(d)
		}, loadID, nil
	})
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, maker)
}

// count intersects the matches with every value of every facet field,
// segment by segment.
func (fc *facetCounter) count(snap *scorch.IndexSnapshot) {
	fc.used = true
	facetsAsBitmaps.Add(1)
	if !fc.sorted {
		slices.Sort(fc.ids)
	}
	totals := make([]map[string]int, len(fc.specs))
	for i := range totals {
		totals[i] = map[string]int{}
	}
	segs := snap.Segments()
	fc.cache.prune(segs)
	local := make([]uint32, 0, 1024)
	var base uint64
	rest := fc.ids
	var cands []*termsSegment
	if fc.terms != nil {
		cands = fc.terms.segs
	}
	for _, ss := range segs {
		n := ss.Segment().Count()
		var matches *roaring.Bitmap
		end := 0
		if fc.terms != nil {
			for len(cands) > 0 && cands[0].base < base {
				cands = cands[1:]
			}
			if len(cands) > 0 && cands[0].base == base {
				matches = cands[0].cands
			}
		} else if end = sort.Search(len(rest), func(i int) bool { return rest[i] >= base+n }); end > 0 {
			local = local[:0]
			for _, id := range rest[:end] {
				local = append(local, uint32(id-base))
			}
			matches = roaring.New()
			matches.AddMany(local)
		}
		if matches != nil {
			post, err := fc.cache.segment(ss, fc.fields())
			if err != nil {
				fc.err = err
				return
			}
			for i, s := range fc.specs {
				for _, tb := range post[s.field] {
					if c := int(matches.AndCardinality(tb.docs)); c > 0 {
						totals[i][tb.term] += c
					}
				}
			}
		}
		rest = rest[end:]
		base += n
	}
	fc.totals = totals
}

// facetResults merges the counts of facet counters over parts of the
// index, and keeps each facet's most frequent values.
func facetResults(specs []facetSpec, fcs ...*facetCounter) map[string][]FacetCount {
	out := map[string][]FacetCount{}
	for i, s := range specs {
		sum := map[string]int{}
		for _, fc := range fcs {
			for t, c := range fc.totals[i] {
				sum[t] += c
			}
		}
		counts := make([]FacetCount, 0, len(sum))
		for t, c := range sum {
			if t != "" {
				counts = append(counts, FacetCount{Value: t, Count: c})
			}
		}
		// Most frequent first, as Bleve orders them; ties by value so
		// that the answer is the same every time.
		slices.SortFunc(counts, func(a, b FacetCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		if len(counts) > s.size {
			counts = counts[:s.size]
		}
		out[s.name] = counts
	}
	return out
}

// termDocs is one value of a field and the documents of a segment that
// have it (local document numbers).
type termDocs struct {
	term string
	docs *roaring.Bitmap
}

// postingsCache keeps, per segment, the postings of the facet fields'
// values as bitmaps owned by the cache (a segment's own bitmaps may point
// into its memory-mapped file, which goes away when it is merged).
type postingsCache struct {
	mu   sync.Mutex
	segs map[uint64]*segmentPostings // by Scorch segment id
}

type segmentPostings struct {
	once   sync.Mutex
	fields map[string][]termDocs
}

// prune forgets segments that are no longer in the index.
func (pc *postingsCache) prune(live []*scorch.SegmentSnapshot) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if len(pc.segs) <= len(live) {
		return
	}
	keep := segmentIDs(live)
	for id := range pc.segs {
		if !keep[id] {
			delete(pc.segs, id)
		}
	}
}

// segmentIDs are the Scorch ids of live: what per-segment caches keep.
func segmentIDs(live []*scorch.SegmentSnapshot) map[uint64]bool {
	ids := make(map[uint64]bool, len(live))
	for _, ss := range live {
		ids[ss.Id()] = true
	}
	return ids
}

// fields are the index fields of the facets.
func (fc *facetCounter) fields() []string {
	out := make([]string, len(fc.specs))
	for i, s := range fc.specs {
		out[i] = s.field
	}
	return out
}

// segment returns the postings of the keyword fields in ss, reading the
// fields not read before.
func (pc *postingsCache) segment(ss *scorch.SegmentSnapshot, fields []string) (map[string][]termDocs, error) {
	pc.mu.Lock()
	if pc.segs == nil {
		pc.segs = map[uint64]*segmentPostings{}
	}
	sp := pc.segs[ss.Id()]
	if sp == nil {
		sp = &segmentPostings{fields: map[string][]termDocs{}}
		pc.segs[ss.Id()] = sp
	}
	pc.mu.Unlock()

	sp.once.Lock()
	defer sp.once.Unlock()
	for _, f := range fields {
		if _, ok := sp.fields[f]; ok {
			continue
		}
		tds, err := readPostings(ss.Segment(), f)
		if err != nil {
			return nil, err
		}
		sp.fields[f] = tds
	}
	// The map is only ever added to under sp.once; readers get a copy of
	// the slice headers they need.
	out := make(map[string][]termDocs, len(fields))
	for _, f := range fields {
		out[f] = sp.fields[f]
	}
	return out, nil
}

// readPostings reads every value of field in seg with its documents.
func readPostings(seg segment.Segment, field string) ([]termDocs, error) {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("facets: field %s: %w", field, err)
	}
	var out []termDocs
	it := dict.AutomatonIterator(nil, nil, nil)
	var pl segment.PostingsList
	var pi segment.PostingsIterator
	for {
		e, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("facets: field %s: %w", field, err)
		}
		if e == nil {
			break
		}
		pl, err = dict.PostingsList([]byte(e.Term), nil, pl)
		if err != nil {
			return nil, fmt.Errorf("facets: field %s term %q: %w", field, e.Term, err)
		}
		pi = pl.Iterator(false, false, false, pi)
		docs := roaring.New()
		if op, ok := pi.(segment.OptimizablePostingsIterator); ok {
			postingsAsBitmaps.Add(1)
			if n, ok := op.DocNum1Hit(); ok {
				docs.Add(uint32(n))
			} else if bm := op.ActualBitmap(); bm != nil {
				docs = bm.Clone()
			}
		} else {
			for {
				p, err := pi.Next()
				if err != nil {
					return nil, fmt.Errorf("facets: field %s term %q: %w", field, e.Term, err)
				}
				if p == nil {
					break
				}
				docs.Add(uint32(p.Number()))
			}
		}
		if !docs.IsEmpty() {
			docs.RunOptimize()
			out = append(out, termDocs{term: e.Term, docs: docs})
		}
	}
	return out, nil
}

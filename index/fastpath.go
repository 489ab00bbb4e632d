package index

import (
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Fast paths, and how a test sees that they are taken.
//
// Where this package reads Scorch's snapshots, segments and postings
// instead of running Bleve's own searchers, it checks their types and falls
// back to Bleve's way when they are not what it expects (an index of
// another kind, or a Bleve upgrade that changed them): the same answers,
// only slower, which the *EqualsBleve tests cannot tell. So every path
// counts the times it is taken, and TestFastPathsTaken fails when one is not.

// The counts of the paths not counted by their own code (as skippedBlocks
// and splitAnswers are).
var (
	termsFromPostings  atomic.Int64
	phraseFromPostings atomic.Int64
	filterAsBitmaps    atomic.Int64
	restrictAsBitmaps  atomic.Int64
	facetsAsBitmaps    atomic.Int64
	postingsAsBitmaps  atomic.Int64
)

// fastPaths lists every fast path: where it is, what it needs of Bleve,
// and the count of the times it was taken.
var fastPaths = []struct {
	where, needs string
	taken        *atomic.Int64
}{
	{"terms.go termsQuery.Searcher", "a Scorch reader (snapshotOf, postingsPath), segment.OptimizablePostingsIterator postings (termsSearcher.open)", &termsFromPostings},
	{"phrase.go phraseQuery.Searcher", "what termsQuery needs, and the postings' locations", &phraseFromPostings},
	{"filter.go filterQuery.Searcher", "a Scorch reader (snapshotOf)", &filterAsBitmaps},
	{"filter.go restrictQuery.Searcher", "a Scorch reader (snapshotOf)", &restrictAsBitmaps},
	{"facets.go facetCounter.count", "Bleve calling the context's MakeDocumentMatchHandler with a Scorch reader (snapshotOf)", &facetsAsBitmaps},
	{"facets.go readPostings", "segment.OptimizablePostingsIterator postings", &postingsAsBitmaps},
	{"terms.go termsSearcher.Next, block-max skipping", "a pruned terms searcher (restrictQuery.found) and bounds read (impact.go)", &skippedBlocks},
	{"parallel.go searchSplit", "every part's restrictQuery reading the same Scorch snapshot", &splitAnswers},
}

// snapshotOf is r as the Scorch snapshot the fast paths read; ok is false
// for an index of another kind. Every path asks here, so that they agree:
// restrictQuery's fallback searches its partQuery, whose Scorch way is a
// restrictQuery; had the two checks differed, each would call the other
// forever.
func snapshotOf(r bleveindex.IndexReader) (*scorch.IndexSnapshot, bool) {
	snap, ok := r.(*scorch.IndexSnapshot)
	return snap, ok
}

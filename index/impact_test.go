package index

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/wallbreak/wallbreak/internal/synth"
	"github.com/wallbreak/wallbreak/timeline"
)

// smallImpactBlocks makes bounds cover a few postings and be asked for in
// any segment, so that a small index has many stretches to skip.
func smallImpactBlocks(t *testing.T, block int) {
	t.Helper()
	oldBlock, oldMin := impactBlock, minImpactCands
	impactBlock, minImpactCands = block, 0
	t.Cleanup(func() { impactBlock, minImpactCands = oldBlock, oldMin })
}

// rankedMilestoneIDs are the milestones' ids in the order given.
func rankedMilestoneIDs(ms []timeline.Milestone) []string {
	ids := []string{}
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	return ids
}

// searchOK runs q, failing t on an error.
func searchOK(t *testing.T, ix *Index, q SearchQuery) SearchResult {
	t.Helper()
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// bleveSearch runs q Bleve's way: its searchers and facets, whole.
func bleveSearch(t *testing.T, ix *Index, q SearchQuery) SearchResult {
	t.Helper()
	ix.noBitmaps, ix.noParts = true, true
	defer func() { ix.noBitmaps, ix.noParts = false, false }()
	return searchOK(t, ix, q)
}

// sameSearch fails t unless got answers q exactly as want does: totals,
// the articles and milestones in the same order with the same scores,
// facets and cursors.
func sameSearch(t *testing.T, label string, q SearchQuery, got, want SearchResult) {
	t.Helper()
	if got.Total != want.Total || got.MilestonesTotal != want.MilestonesTotal {
		t.Errorf("%s %+v: totals %d/%d, want %d/%d", label, q, got.Total, got.MilestonesTotal, want.Total, want.MilestonesTotal)
	}
	if g, w := articleIDs(got), articleIDs(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s %+v: articles %v, want %v", label, q, g, w)
	} else {
		for i := range got.Articles {
			if g, w := got.Articles[i].Score, want.Articles[i].Score; math.Abs(g-w) > 1e-9*math.Abs(w) {
				t.Errorf("%s %+v: article %d scored %v, want %v", label, q, i, g, w)
			}
		}
	}
	if g, w := rankedMilestoneIDs(got.Milestones), rankedMilestoneIDs(want.Milestones); !reflect.DeepEqual(g, w) {
		t.Errorf("%s %+v: milestones %v, want %v", label, q, g, w)
	}
	if !reflect.DeepEqual(got.Facets, want.Facets) {
		t.Errorf("%s %+v: facets differ", label, q)
	}
	if (got.NextCursor == nil) != (want.NextCursor == nil) {
		t.Errorf("%s %+v: cursor %v, want %v", label, q, got.NextCursor, want.NextCursor)
	}
}

// Skipping by bounds gives exactly the page scoring every match gives:
// single terms and conjunctions, with filters, in parts, over segments
// with deleted documents, on every page.
func TestBlockMaxSkipEqualsFull(t *testing.T) {
	smallImpactBlocks(t, 4)
	ix := newDiskIndex(t)
	indexSynth(t, ix, 23, 0, 900, 150)
	indexSynth(t, ix, 24, 100, 400, 100) // the same ids again: deletions
	ix = settled(t, ix)
	ix.impacts.inline = true
	before := skippedBlocks.Load()
	for _, split := range []bool{false, true} {
		if split {
			oldMin, oldParts := minPartDocs, parts
			minPartDocs, parts = 0, func() int { return 3 }
			defer func() { minPartDocs, parts = oldMin, oldParts }()
		}
		for _, base := range []SearchQuery{
			{Q: "payment"},
			{Q: "payment", Lang: "en"},
			{Q: "merchants checkout"},
			{Q: "Taobao", NoFacets: true},
			{Q: "Taobao", From: mustDate("2022"), To: mustDate("2023-06")},
		} {
			for _, limit := range []int{1, 7, 40} {
				q := base
				q.Limit = limit
				for page := 0; page < 3; page++ {
					got := searchOK(t, ix, q)
					// Against scoring every match; and, without filters
					// (Bleve's add to scores), against Bleve's searchers.
					ix.impacts.off = true
					want := searchOK(t, ix, q)
					ix.impacts.off = false
					if got.Total == 0 {
						t.Fatalf("%+v: nothing found: the test searches nothing", q)
					}
					sameSearch(t, fmt.Sprintf("split %v page %d", split, page), q, got, want)
					if q.Lang == "" && q.From == nil {
						sameSearch(t, fmt.Sprintf("Bleve's, split %v page %d", split, page), q, got, bleveSearch(t, ix, q))
					}
					if got.NextCursor == nil || want.NextCursor == nil {
						break
					}
					q.Cursor = *got.NextCursor
				}
			}
		}
	}
	if skippedBlocks.Load() == before {
		t.Error("no stretch of candidates was skipped: the test checks nothing")
	}
}

// Documents that all score the same: once the page is full nothing after
// it can enter (a tie loses to the documents before it), and the page is
// the first documents in the index's order, as Bleve gives it.
func TestBlockMaxSkipTies(t *testing.T) {
	smallImpactBlocks(t, 8)
	ix := newDiskIndex(t)
	var items []Item
	for i := range 300 {
		items = append(items, Item{Doc: timeline.Document{
			ID: fmt.Sprintf("d%03d", i), URL: fmt.Sprintf("https://e.example/%d", i),
			Title: "same", Lang: "en", Text: "Alipay payment payment rollout"}})
	}
	for i := 0; i < len(items); i += 100 {
		if err := ix.IndexDocuments(items[i : i+100]); err != nil {
			t.Fatal(err)
		}
	}
	ix = settled(t, ix)
	ix.impacts.inline = true
	before := skippedBlocks.Load()
	q := SearchQuery{Q: "payment", Limit: 10}
	for page := 0; page < 3; page++ {
		got := searchOK(t, ix, q)
		sameSearch(t, fmt.Sprintf("page %d", page), q, got, bleveSearch(t, ix, q))
		if got.Total != 300 || len(got.Articles) != 10 {
			t.Errorf("page %d: total %d, page %v", page, got.Total, articleIDs(got))
		}
		q.Cursor = *got.NextCursor
	}
	if skippedBlocks.Load() == before {
		t.Error("nothing was skipped")
	}
}

// Bounds are read in the background: the first search asks for them and
// scores everything; once read, a search skips, and answers the same.
func TestBlockMaxBoundsReadInBackground(t *testing.T) {
	smallImpactBlocks(t, 4)
	ix := newDiskIndex(t)
	indexSynth(t, ix, 29, 0, 400, 400)
	ix = settled(t, ix)
	q := SearchQuery{Q: "payment", Limit: 5}
	before := skippedBlocks.Load()
	first := searchOK(t, ix, q)
	if n := skippedBlocks.Load(); n != before {
		t.Errorf("the first search skipped %d stretches before any bound was read", n-before)
	}
	ix.impacts.wait()
	if ix.impacts.bytes == 0 {
		t.Fatal("no bounds were read")
	}
	second := searchOK(t, ix, q)
	if skippedBlocks.Load() == before {
		t.Error("the second search skipped nothing")
	}
	sameSearch(t, "second", q, second, first)

	// Bounds of segments no longer in the index are forgotten.
	ix.impacts.prune(nil)
	if ix.impacts.bytes != 0 || len(ix.impacts.segs) != 0 {
		t.Errorf("after pruning every segment: %d bytes in %d segments", ix.impacts.bytes, len(ix.impacts.segs))
	}
}

// The bounds kept stay within their budget, the least recently used
// forgotten first; a term too big for the budget is searched without.
func TestImpactBudget(t *testing.T) {
	smallImpactBlocks(t, 4)
	ix := newDiskIndex(t)
	indexSynth(t, ix, 31, 0, 300, 300)
	ix = settled(t, ix)
	ix.impacts.inline = true
	old := impactBudget
	defer func() { impactBudget = old }()
	impactBudget = 1 << 10
	for _, w := range []string{"payment", "Taobao", "merchants", "WeChat", "Alipay", "checkout"} {
		searchOK(t, ix, SearchQuery{Q: w, Limit: 3, NoFacets: true})
		if ix.impacts.bytes > impactBudget {
			t.Errorf("after %q: %d bytes kept, budget %d", w, ix.impacts.bytes, impactBudget)
		}
	}
	if ix.impacts.bytes == 0 {
		t.Error("nothing kept: the budget is not tested")
	}
}

// Closing the index while bounds are being read neither blocks nor
// touches a closed segment.
func TestCloseWhileReadingBounds(t *testing.T) {
	smallImpactBlocks(t, 4)
	ix := newDiskIndex(t)
	indexSynth(t, ix, 37, 0, 300, 100)
	ix = settled(t, ix)
	for _, w := range []string{"payment", "Taobao", "merchants", "WeChat", "Alipay"} {
		searchOK(t, ix, SearchQuery{Q: w, Limit: 2, NoFacets: true})
	}
	ix.impacts.mu.Lock()
	asked := len(ix.impacts.segs)
	ix.impacts.mu.Unlock()
	if asked == 0 {
		t.Fatal("no bounds were asked for: the test closes nothing being read")
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix.impacts.mu.Lock()
	defer ix.impacts.mu.Unlock()
	if len(ix.impacts.queue) != 0 || ix.impacts.running {
		t.Errorf("after close: %d asked, running %v", len(ix.impacts.queue), ix.impacts.running)
	}
}

// BenchmarkSearchSkipping searches 30,000 synthetic articles (written 256
// at a time, as the crawler writes them, and merged) with the bounds read
// and with skipping off, for the ratio in one run:
//
//	go test -run '^$' -bench SearchSkipping -benchtime 200x ./index
func BenchmarkSearchSkipping(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "index")
	ix, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	var batch []Item
	for i := range 30000 {
		batch = append(batch, synthItem(synth.Generate(1, i)))
		if len(batch) == 256 || i == 29999 {
			if err := ix.IndexDocuments(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	ix.Close()
	if ix, err = Open(dir); err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	// Let Scorch's merges of the small segments finish: they would
	// renumber what the bounds were read for, and take a core.
	segments := func() int {
		adv, err := ix.b.Advanced()
		if err != nil {
			b.Fatal(err)
		}
		r, err := adv.Reader()
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		return len(r.(*scorch.IndexSnapshot).Segments())
	}
	for n, same := segments(), 0; same < 3; {
		time.Sleep(time.Second)
		if m := segments(); m == n {
			same++
		} else {
			n, same = m, 0
		}
	}
	queries := []struct {
		name string
		q    SearchQuery
	}{
		{"keyword", SearchQuery{Q: "merchants checkout", NoFacets: true}},
		{"entity", SearchQuery{Q: "WeChat Pay", NoFacets: true}},
		{"faceted", SearchQuery{Q: "payment", Lang: "en"}},
	}
	for _, q := range queries {
		// Ask for the bounds, and wait for them.
		if _, err := ix.Search(context.Background(), q.q); err != nil {
			b.Fatal(err)
		}
	}
	ix.impacts.wait()
	for _, q := range queries {
		for _, off := range []bool{false, true} {
			name := q.name + "/skipping"
			if off {
				name = q.name + "/scoring-all"
			}
			b.Run(name, func(b *testing.B) {
				ix.impacts.off = off
				defer func() { ix.impacts.off = false }()
				skipped := skippedBlocks.Load()
				for b.Loop() {
					if _, err := ix.Search(context.Background(), q.q); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(skippedBlocks.Load()-skipped)/float64(b.N), "skips/op")
			})
		}
	}
}

package index

import "testing"

// Every fast path is taken on a Scorch index, and none on an index of
// another kind (Bleve's in-memory one): a Bleve upgrade that changes a
// type a path checks for makes it fall back to Bleve's searchers, which
// answer the same, and this test fails instead.
func TestFastPathsTaken(t *testing.T) {
	smallImpactBlocks(t, 4)
	splitSearches(t, 3)
	for _, c := range []struct {
		name  string
		open  func(*testing.T) *Index
		taken bool
	}{
		{"scorch", newDiskIndex, true},
		{"in memory", newMemIndex, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ix := c.open(t)
			indexSynth(t, ix, 31, 0, 120, 60)
			before := make([]int64, len(fastPaths))
			for i, p := range fastPaths {
				before[i] = p.taken.Load()
			}
			searchEveryPath(t, ix)
			for i, p := range fastPaths {
				n := p.taken.Load() - before[i]
				if c.taken && n == 0 {
					t.Errorf("%s: fast path not taken; it needs %s", p.where, p.needs)
				}
				if !c.taken && n != 0 {
					t.Errorf("%s: taken %d times, not on a Scorch index: it counts its fallback", p.where, n)
				}
			}
		})
	}
}

// searchEveryPath runs searches that take every fast path on a Scorch
// index.
func searchEveryPath(t *testing.T, ix *Index) {
	t.Helper()
	for _, q := range []SearchQuery{
		{Q: "payment", Limit: 5}, // terms, restricted, pruned, in parts, facets
		{Q: "正式接入", Limit: 5},    // a phrase
		{Lang: "zh", Limit: 5},   // filters alone
		{Q: "payment", Limit: 5}, // again, with the bounds read: skipping
	} {
		if res := searchOK(t, ix, q); res.Total == 0 {
			t.Fatalf("%+v: nothing found: the test searches nothing", q)
		}
		// The bounds asked for by a search are read in the background.
		ix.impacts.wait()
	}
}

// newMemIndex is an empty in-memory index (not Scorch's), closed after the
// test.
func newMemIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// splitSearches makes every search of the test run in n parts, whatever
// the index's size and the machine's cores.
func splitSearches(t *testing.T, n int) {
	t.Helper()
	oldMin, oldParts := minPartDocs, parts
	minPartDocs, parts = 0, func() int { return n }
	t.Cleanup(func() { minPartDocs, parts = oldMin, oldParts })
}

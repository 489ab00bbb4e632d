package index

import (
	"math"
	"reflect"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/wallbreak/wallbreak/timeline"
)

// listSearcher matches the document numbers of a sorted list.
type listSearcher struct {
	docs []uint64
	at   int
}

func (l *listSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if l.at >= len(l.docs) {
		return nil, nil
	}
	d := ctx.DocumentMatchPool.Get()
	d.IndexInternalID = bleveindex.NewIndexInternalID(d.IndexInternalID, l.docs[l.at])
	l.at++
	return d, nil
}

func (l *listSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	for l.at < len(l.docs) && l.docs[l.at] < id.Value() {
		l.at++
	}
	return l.Next(ctx)
}

func (l *listSearcher) Close() error               { return nil }
func (l *listSearcher) Weight() float64            { return 1 }
func (l *listSearcher) SetQueryNorm(float64)       {}
func (l *listSearcher) Count() uint64              { return uint64(len(l.docs)) }
func (l *listSearcher) Min() int                   { return 0 }
func (l *listSearcher) Size() int                  { return 0 }
func (l *listSearcher) DocumentMatchPoolSize() int { return 1 }

// docs {1, 5} in a segment of 10, {0, 9} in the next: global 1, 5, 10, 19.
func testDocSet() *docSet {
	return &docSet{segs: []*roaring.Bitmap{roaring.BitmapOf(1, 5), roaring.BitmapOf(0, 9)}, bases: []uint64{0, 10}, ends: []uint64{10, 20}, count: 4}
}

func TestDocSet(t *testing.T) {
	for _, c := range []struct{ from, want uint64 }{{0, 1}, {1, 1}, {2, 5}, {6, 10}, {11, 19}} {
		if got, ok := testDocSet().next(c.from); !ok || got != c.want {
			t.Errorf("next(%d) = %d, %v; want %d", c.from, got, ok, c.want)
		}
	}
	if _, ok := testDocSet().next(20); ok {
		t.Error("next(20) found something")
	}
	ds := testDocSet()
	var in []uint64
	for n := uint64(0); n < 25; n++ {
		if ds.contains(n) {
			in = append(in, n)
		}
	}
	if want := []uint64{1, 5, 10, 19}; !reflect.DeepEqual(in, want) {
		t.Errorf("contains: %v, want %v", in, want)
	}
}

// The restricting searcher passes exactly the inner matches in the
// filter and the part, leading with the filter or not, consecutive
// members included.
func TestRestrictSearcher(t *testing.T) {
	all := make([]uint64, 25)
	for i := range all {
		all[i] = uint64(i)
	}
	for _, c := range []struct {
		inner  []uint64
		lo, hi uint64
		want   []uint64
	}{
		{all, 0, 100, []uint64{1, 5, 10, 19}},
		{all, 2, 19, []uint64{5, 10}},
		{[]uint64{1, 2, 5, 6, 11, 19, 20}, 0, 100, []uint64{1, 5, 19}},
		{[]uint64{0, 2, 3}, 0, 100, nil},
		{[]uint64{9, 10, 19}, 0, 100, []uint64{10, 19}},
	} {
		for _, leap := range []bool{false, true} {
			s := &restrictSearcher{inner: &listSearcher{docs: c.inner}, filter: testDocSet(), leap: leap, lo: c.lo, hi: c.hi}
			ctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(4, 0)}
			var got []uint64
			for {
				d, err := s.Next(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if d == nil {
					break
				}
				got = append(got, d.IndexInternalID.Value())
				ctx.DocumentMatchPool.Put(d)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("inner %v, [%d, %d), leap %v: %v, want %v", c.inner, c.lo, c.hi, leap, got, c.want)
			}
		}
	}
}

// phraseQuery finds what Bleve's match-phrase query finds, in the same
// order with the same scores, and highlights the same words.
func TestPhraseQueryEqualsBleve(t *testing.T) {
	ix := newDiskIndex(t)
	indexSynth(t, ix, 13, 0, 500, 500)
	var batch []Item
	extra := []struct{ id, lang, text string }{
		{"p1", "en", "Taobao opens the links to WeChat. Links opened, the wall fell; opens links again."},
		{"p2", "zh", "淘宝正式接入微信支付，正式接入后用户可以直接付款。接入正式版本。支付支付宝。"},
		{"p3", "zh", "正式 接入 不算连续；正式接入才算。"},
	}
	for _, e := range extra {
		batch = append(batch, Item{Doc: timeline.Document{ID: e.id, URL: "https://e.example/" + e.id, Title: e.id, Lang: e.lang, Text: e.text}})
	}
	if err := ix.IndexDocuments(batch); err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, text := range []string{"正式接入", "微信支付", "支付", "接入正式", "支付支付", "opens the links", "opens links", "wall fell", "merchants checkout", "淘宝 微信", "付"} {
		for _, field := range []string{"body", milestoneSchema.f("text")} {
			bq := bleve.NewMatchPhraseQuery(text)
			bq.SetField(field)
			// With highlights (term vectors: Bleve's term searchers) and
			// without (positions read from the postings).
			for _, highlight := range []bool{true, false} {
				run := func(q query.Query) *bleve.SearchResult {
					req := bleve.NewSearchRequestOptions(q, 1000, 0, false)
					if highlight {
						req.Highlight = bleve.NewHighlightWithStyle("html")
						req.Highlight.AddField(field)
					}
					res, err := ix.b.Search(req)
					if err != nil {
						t.Fatal(err)
					}
					return res
				}
				want, got := run(bq), run(&phraseQuery{field: field, text: text})
				if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
					t.Errorf("%q in %s (highlight %v): %d hits, want %d", text, field, highlight, got.Total, want.Total)
					continue
				}
				for i := range want.Hits {
					g, w := got.Hits[i], want.Hits[i]
					if g.ID != w.ID || math.Abs(g.Score-w.Score) > 1e-9*math.Abs(w.Score) || !reflect.DeepEqual(g.Fragments, w.Fragments) {
						t.Errorf("%q in %s (highlight %v), hit %d: %s %v %v, want %s %v %v", text, field, highlight, i, g.ID, g.Score, g.Fragments, w.ID, w.Score, w.Fragments)
						break
					}
				}
				compared += len(want.Hits)
			}
		}
	}
	if compared < 100 {
		t.Errorf("only %d hits compared", compared)
	}
}

// termsQuery finds what Bleve's term and conjunction searchers find, in
// the same order with the same scores, alone, under a filter that leads or
// not, and in parts — on a multi-segment index with deletions.
func TestTermsQueryEqualsBleve(t *testing.T) {
	ix := newDiskIndex(t)
	indexSynth(t, ix, 17, 0, 700, 100)
	indexSynth(t, ix, 18, 100, 300, 100) // updates: deletions in older segments
	ix = settled(t, ix)
	term := func(field, text string) fieldTerm {
		tok, ok := singleTerm(text)
		if !ok {
			tok = text
		}
		return fieldTerm{field, tok}
	}
	sets := [][]fieldTerm{
		{term("body", "payment")},
		{term("body", "merchants"), term("body", "checkout")},
		{term("body", "merchants"), term("body", "checkout"), term("body", "payment")},
		{{"actors", "wechat-pay"}},
		{{"actors", "taobao"}, term("body", "payment")},
		{{milestoneSchema.f("actors"), "alipay"}, term(milestoneSchema.f("text"), "transfers")},
		{term("body", "nosuchwordanywhere")},
	}
	compared := 0
	for _, ts := range sets {
		tq := &termsQuery{terms: ts}
		bq := tq.bleveQuery()
		for _, wrap := range []string{"", "filter", "sparse filter"} {
			q, w := query.Query(tq), query.Query(bq)
			if wrap != "" {
				conds := []cond{termsCond("lang", "en")}
				if wrap == "sparse filter" {
					conds = []cond{monthsCond("pub_month", "2023-03", "2023-04")}
				}
				q = &restrictQuery{inner: tq, filter: &filterQuery{cache: &ix.postings, conds: conds}}
				w = &restrictQuery{inner: bq, filter: &filterQuery{cache: &ix.postings, conds: conds}}
			}
			got, want := searchAll(t, ix, q), searchAll(t, ix, w)
			if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
				t.Errorf("%v %s: %d hits, want %d", ts, wrap, got.Total, want.Total)
				continue
			}
			for i := range want.Hits {
				g, w := got.Hits[i], want.Hits[i]
				if g.ID != w.ID || math.Abs(g.Score-w.Score) > 1e-12*math.Abs(w.Score) {
					t.Errorf("%v %s, hit %d: %s %v, want %s %v", ts, wrap, i, g.ID, g.Score, w.ID, w.Score)
					break
				}
			}
			compared += len(want.Hits)
		}
	}
	if compared < 1000 {
		t.Errorf("only %d hits compared", compared)
	}
	// In parts, through Search: the same as whole.
	oldMin, oldParts := minPartDocs, parts
	defer func() { minPartDocs, parts = oldMin, oldParts }()
	minPartDocs, parts = 0, func() int { return 3 }
	for _, q := range []SearchQuery{{Q: "merchants checkout", Limit: 50}, {Q: "WeChat Pay", Lang: "zh", Limit: 50}} {
		got, want := searchOK(t, ix, q), bleveSearch(t, ix, q)
		if got.Total != want.Total || !reflect.DeepEqual(articleIDs(got), articleIDs(want)) {
			t.Errorf("%+v: %d %v\nwant %d %v", q, got.Total, articleIDs(got), want.Total, articleIDs(want))
		}
	}
}

func searchAll(t *testing.T, ix *Index, q query.Query) *bleve.SearchResult {
	t.Helper()
	res, err := ix.b.Search(bleve.NewSearchRequestOptions(q, 2000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Searches whose terms searcher hands on only what may rank (totals and
// facets taken from its candidates) answer as Bleve's own searchers do:
// the same pages in the same order, totals, facets and cursors.
func TestPrunedSearchEqualsFull(t *testing.T) {
	ix := newDiskIndex(t)
	indexSynth(t, ix, 19, 0, 900, 150)
	ix = settled(t, ix)
	for _, split := range []bool{false, true} {
		if split {
			oldMin, oldParts := minPartDocs, parts
			minPartDocs, parts = 0, func() int { return 3 }
			defer func() { minPartDocs, parts = oldMin, oldParts }()
		}
		for _, base := range []SearchQuery{{Q: "payment"}, {Q: "merchants checkout"}, {Q: "WeChat Pay"}, {Q: "正式接入"}, {Q: "payment", Actors: []string{"alipay"}}} {
			for _, limit := range []int{1, 7, 40} {
				q := base
				q.Limit = limit
				for page := 0; page < 3; page++ {
					got, want := searchOK(t, ix, q), bleveSearch(t, ix, q)
					if got.Total == 0 || got.Total != want.Total || got.MilestonesTotal != want.MilestonesTotal {
						t.Errorf("split %v %+v: totals %d/%d, want %d/%d", split, q, got.Total, got.MilestonesTotal, want.Total, want.MilestonesTotal)
					}
					// (Bleve's term filters add to scores, so with a filter
					// only the counts can be compared.)
					if g, w := articleIDs(got), articleIDs(want); len(q.Actors) == 0 && !reflect.DeepEqual(g, w) {
						t.Errorf("split %v %+v: articles %v, want %v", split, q, g, w)
					}
					if len(q.Actors) == 0 && !reflect.DeepEqual(milestoneIDs(got.Milestones), milestoneIDs(want.Milestones)) {
						t.Errorf("split %v %+v: milestones %v, want %v", split, q, milestoneIDs(got.Milestones), milestoneIDs(want.Milestones))
					}
					if !reflect.DeepEqual(got.Facets, want.Facets) {
						t.Errorf("split %v %+v: facets differ", split, q)
					}
					if (got.NextCursor == nil) != (want.NextCursor == nil) {
						t.Errorf("split %v %+v: cursor %v, want %v", split, q, got.NextCursor, want.NextCursor)
					}
					if got.NextCursor == nil {
						break
					}
					q.Cursor = *got.NextCursor
				}
			}
		}
	}
}

// settled reopens ix's index so that no merge of segments renumbers
// documents (and reorders ties) between searches that are compared.
func settled(t *testing.T, ix *Index) *Index {
	t.Helper()
	dir := ix.b.Name() // the path it was opened at
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	re, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { re.Close() })
	return re
}

// A search is told its terms searcher's candidates are its matches only
// when they are: a phrase's candidates still need their positions checked.
func TestFoundOnlyForExactCandidates(t *testing.T) {
	ix := newDiskIndex(t)
	docs := []Item{
		{Doc: timeline.Document{ID: "a", URL: "https://e.example/a", Title: "a", Lang: "zh", Text: "正式接入微信支付"}},
		{Doc: timeline.Document{ID: "b", URL: "https://e.example/b", Title: "b", Lang: "zh", Text: "接入正式版本"}},
	}
	if err := ix.IndexDocuments(docs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		inner query.Query
		found bool
		hits  uint64
	}{
		{&phraseQuery{field: "body", text: "正式接入"}, false, 1},
		{&termsQuery{terms: []fieldTerm{{"body", "正式"}, {"body", "接入"}}}, true, 2},
	} {
		found := false
		rq := &restrictQuery{inner: c.inner, found: func(*termsSearcher) { found = true }}
		res, err := ix.b.Search(bleve.NewSearchRequest(rq))
		if err != nil {
			t.Fatal(err)
		}
		if found != c.found || res.Total != c.hits {
			t.Errorf("%T: found %v, %d hits; want %v, %d", c.inner, found, res.Total, c.found, c.hits)
		}
	}
}

// The parts of an index, searched as queries, hold every document once.
func TestPartsCoverTheIndex(t *testing.T) {
	ix := newDiskIndex(t)
	indexSynth(t, ix, 23, 0, 120, 120)
	all, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i := range 3 {
		var snap *scorch.IndexSnapshot
		res, err := ix.b.Search(bleve.NewSearchRequestOptions(&partQuery{i: i, n: 3, snap: &snap}, int(all), 0, false))
		if err != nil {
			t.Fatal(err)
		}
		if snap == nil || res.Total == 0 {
			t.Fatalf("part %d: %d documents, snapshot %v", i, res.Total, snap)
		}
		for _, h := range res.Hits {
			if seen[h.ID] {
				t.Errorf("%s in two parts", h.ID)
			}
			seen[h.ID] = true
		}
	}
	if uint64(len(seen)) != all {
		t.Errorf("parts hold %d documents, the index %d", len(seen), all)
	}
}

package index

import (
	"slices"
	"time"

	"context"
	"github.com/wallbreak/wallbreak/timeline"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wallbreak/wallbreak/internal/synth"
)

func synthItem(a synth.Article) Item {
	doc, ms, actors := a.Indexed()
	return Item{Doc: doc, Milestones: ms, Actors: actors}
}

// The bitmap facets and filters must find exactly what Bleve's term
// queries and facets find, on an index of many segments with updated
// (deleted and re-added) documents.
func TestBitmapsMatchBleve(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	index := func(from, to, seed int) {
		var batch []Item
		for i := from; i < to; i++ {
			batch = append(batch, synthItem(synth.Generate(uint64(seed), i)))
			if len(batch) == 50 || i == to-1 {
				if err := ix.IndexDocuments(batch); err != nil {
					t.Fatal(err)
				}
				batch = batch[:0]
			}
		}
	}
	index(0, 600, 7)
	index(100, 250, 8) // the same ids again, other content: deletions in older segments
	ctx := context.Background()
	queries := []SearchQuery{
		{Q: "payment"},
		{Q: "payment", Lang: "en"},
		{Q: "WeChat Pay"},
		{Q: "正式接入"},
		{Q: "Taobao", From: mustDate("2023-01"), To: mustDate("2023-06")},
		{Q: "Taobao", From: mustDate("2022")},
		{Q: "Taobao", To: mustDate("2022-Q3")},
		{Q: "payment", From: mustDate("2023-03"), To: mustDate("2023-03")}, // a filter that leads
		{Q: "payment", Actors: []string{"meituan"}, Lang: "zh"},
		{Lang: "zh"},
		{Actors: []string{"alipay", "wechat-pay"}, Source: "synth-en", Sort: SortDateDesc},
		{Q: "nosuchwordanywhere"},
	}
	for _, q := range queries {
		q.Limit = MaxLimit
		got, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		ix.noBitmaps = true
		want, err := ix.Search(ctx, q)
		ix.noBitmaps = false
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || got.MilestonesTotal != want.MilestonesTotal {
			t.Errorf("%+v: totals %d/%d, want %d/%d", q, got.Total, got.MilestonesTotal, want.Total, want.MilestonesTotal)
		}
		if !reflect.DeepEqual(got.Facets, want.Facets) {
			t.Errorf("%+v: facets\n got %v\nwant %v", q, got.Facets, want.Facets)
		}
		// Filters add the same to every match's score as bitmaps; as
		// Bleve terms they add a little noise (norms of multi-valued
		// fields, idf of numeric range terms). Relevance order may then
		// differ; the set of matches may not.
		g, w := articleIDs(got), articleIDs(want)
		if q.Sort == "" {
			slices.Sort(g)
			slices.Sort(w)
		}
		if got.Total <= MaxLimit && !reflect.DeepEqual(g, w) {
			t.Errorf("%+v: articles\n got %v\nwant %v", q, g, w)
		}
		g, w = milestoneIDs(got.Milestones), milestoneIDs(want.Milestones)
		slices.Sort(g)
		slices.Sort(w)
		if got.MilestonesTotal <= MaxLimit && !reflect.DeepEqual(g, w) {
			t.Errorf("%+v: milestones\n got %v\nwant %v", q, g, w)
		}
		if q.Q == "payment" && q.Lang == "" && q.From == nil && len(q.Actors) == 0 && (got.Total < 50 || len(got.Facets["actors"]) == 0) {
			t.Errorf("%+v: too few matches to test anything: %d, %v", q, got.Total, got.Facets)
		}
		if q.From != nil && (got.Total == 0 || got.MilestonesTotal == 0) {
			t.Errorf("%+v: nothing in the date range to test", q)
		}
	}
	ix.postings.mu.Lock()
	n := len(ix.postings.segs)
	ix.postings.mu.Unlock()
	if n < 2 {
		t.Errorf("postings cached for %d segments: the bitmap path was not taken on a multi-segment index", n)
	}
}

func articleIDs(r SearchResult) []string {
	var ids []string
	for _, a := range r.Articles {
		ids = append(ids, a.ID)
	}
	return ids
}

// A range of whole months (a filter on keyword months) and the same range
// in days (a numeric range) find the same articles and milestones; an
// article published late on the last day is in.
func TestMonthRangeEqualsDayRange(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var batch []Item
	for i := 0; i < 400; i++ {
		batch = append(batch, synthItem(synth.Generate(3, i)))
	}
	late := time.Date(2023, 6, 30, 23, 30, 0, 0, time.UTC)
	batch = append(batch, Item{Doc: timeline.Document{ID: "late", URL: "https://e.example/late", Title: "Taobao late", Lang: "en",
		Text: "Taobao at the end of June.", PublishedAt: &late}, Actors: []string{"taobao"}})
	if err := ix.IndexDocuments(batch); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, r := range [][4]string{{"2023-01", "2023-06", "2023-01-01", "2023-06-30"}, {"2022", "2022", "2022-01-01", "2022-12-31"}} {
		months, err := ix.Search(ctx, SearchQuery{Q: "Taobao", From: mustDate(r[0]), To: mustDate(r[1]), Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		days, err := ix.Search(ctx, SearchQuery{Q: "Taobao", From: mustDate(r[2]), To: mustDate(r[3]), Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		if months.Total == 0 || months.Total != days.Total || months.MilestonesTotal != days.MilestonesTotal {
			t.Errorf("%v: months %d/%d, days %d/%d", r, months.Total, months.MilestonesTotal, days.Total, days.MilestonesTotal)
		}
		if r[1] == "2023-06" && !slices.Contains(articleIDs(months), "late") {
			t.Errorf("the article of 2023-06-30 23:30 UTC is not in %s…%s", r[0], r[1])
		}
	}
}

// The mixed analyzer stems English and makes bigrams of Chinese, each
// leaving the other alone, in one pass.
func TestMixedAnalyzer(t *testing.T) {
	a := newMapping().AnalyzerNamed(mixedAnalyzer)
	if a == nil {
		t.Fatal("no mixed analyzer")
	}
	var got []string
	for _, tok := range a.Analyze([]byte("Taobao's merchants are opening 淘宝开放微信支付 ＷｅＣｈａｔ")) {
		got = append(got, string(tok.Term))
	}
	want := []string{"taobao", "merchant", "open", "淘宝", "宝开", "开放", "放微", "微信", "信支", "支付", "wechat"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens %q, want %q", got, want)
	}
}

// A search split into parts answers exactly as one whole search: the same
// hits in the same order (ties included), totals, facets and cursors.
func TestSplitSearchEqualsWhole(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	var batch []Item
	for i := 0; i < 800; i++ {
		batch = append(batch, synthItem(synth.Generate(5, i)))
		if len(batch) == 100 {
			if err := ix.IndexDocuments(batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	// Reopened, so that no merge of segments changes the numbering (and
	// with it the order of ties) between the searches compared.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	oldMin, oldParts := minPartDocs, parts
	defer func() { minPartDocs, parts = oldMin, oldParts }()
	minPartDocs = 0
	ctx := context.Background()
	queries := []SearchQuery{
		{Q: "payment", Limit: 20},
		{Q: "payment", Lang: "en", Limit: 500},
		{Q: "WeChat Pay", Limit: 7},
		{Q: "正式接入"},
		{Q: "Taobao", From: mustDate("2023-01"), To: mustDate("2023-06")},
		{Actors: []string{"alipay"}, Sort: SortDateDesc, Limit: 15},
		{Q: "merchants", Sort: SortDate, Limit: 10},
		{Q: "payment", From: mustDate("2023-03"), To: mustDate("2023-05"), Limit: 4},
		{Lang: "zh", Limit: 5}, // every score equal: order is document order
	}
	before := splitAnswers.Load()
	defer func() {
		if splitAnswers.Load() == before {
			t.Error("no search was answered in parts")
		}
	}()
	for _, n := range []int{2, 3, 5} {
		parts = func() int { return n }
		for _, q := range queries {
			for page := 0; page < 3; page++ {
				ix.noParts = true
				want, err := ix.Search(ctx, q)
				ix.noParts = false
				if err != nil {
					t.Fatal(err)
				}
				got, err := ix.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if got.Total != want.Total || got.MilestonesTotal != want.MilestonesTotal {
					t.Errorf("%d parts, %+v: totals %d/%d, want %d/%d", n, q, got.Total, got.MilestonesTotal, want.Total, want.MilestonesTotal)
				}
				if g, w := articleIDs(got), articleIDs(want); !reflect.DeepEqual(g, w) {
					t.Errorf("%d parts, %+v: articles\n got %v\nwant %v", n, q, g, w)
				}
				if g, w := milestoneIDs(got.Milestones), milestoneIDs(want.Milestones); !reflect.DeepEqual(g, w) {
					t.Errorf("%d parts, %+v: milestones\n got %v\nwant %v", n, q, g, w)
				}
				if !reflect.DeepEqual(got.Facets, want.Facets) {
					t.Errorf("%d parts, %+v: facets\n got %v\nwant %v", n, q, got.Facets, want.Facets)
				}
				if (got.NextCursor == nil) != (want.NextCursor == nil) || got.NextCursor != nil && *got.NextCursor != *want.NextCursor {
					t.Errorf("%d parts, %+v: cursor %v, want %v", n, q, got.NextCursor, want.NextCursor)
				}
				if got.NextCursor == nil {
					break
				}
				q.Cursor = *got.NextCursor
			}
		}
	}
}

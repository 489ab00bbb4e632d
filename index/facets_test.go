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
		if q.Q == "payment" && q.Lang == "" && (got.Total < 50 || len(got.Facets["actors"]) == 0) {
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

package index

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wallbreak/wallbreak/internal/synth"
)

func synthItem(a synth.Article) Item {
	doc, ms, actors := a.Indexed()
	return Item{Doc: doc, Milestones: ms, Actors: actors}
}

// The bitmap facets must count exactly what Bleve's facets count, on an
// index of many segments with updated (deleted and re-added) documents.
func TestBitmapFacetsMatchBleve(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	index := func(from, to, seed int) {
		var batch []Item
		for i := from; i < to; i++ {
			a := synth.Generate(uint64(seed), i)
			batch = append(batch, synthItem(a))
			if len(batch) == 50 {
				if err := ix.IndexDocuments(batch); err != nil {
					t.Fatal(err)
				}
				batch = batch[:0]
			}
		}
		if len(batch) > 0 {
			if err := ix.IndexDocuments(batch); err != nil {
				t.Fatal(err)
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
		{Lang: "zh"},
		{Q: "nosuchwordanywhere"},
	}
	for _, q := range queries {
		got, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		ix.bleveFacets = true
		want, err := ix.Search(ctx, q)
		ix.bleveFacets = false
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total {
			t.Errorf("%+v: total %d, want %d", q, got.Total, want.Total)
		}
		if !reflect.DeepEqual(got.Facets, want.Facets) {
			t.Errorf("%+v: facets\n got %v\nwant %v", q, got.Facets, want.Facets)
		}
		if q.Q == "payment" && q.Lang == "" && (got.Total < 50 || len(got.Facets["actors"]) == 0) {
			t.Errorf("%+v: too few matches to test anything: %d, %v", q, got.Total, got.Facets)
		}
	}
	ix.postings.mu.Lock()
	n := len(ix.postings.segs)
	ix.postings.mu.Unlock()
	if n < 2 {
		t.Errorf("postings cached for %d segments: the bitmap path was not taken on a multi-segment index", n)
	}
}

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
	ix := newDiskIndex(t)
	indexSynth(t, ix, 7, 0, 600, 50)
	indexSynth(t, ix, 8, 100, 250, 50) // the same ids again, other content: deletions in older segments
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

// Date ranges select articles by publication instant and milestones by
// overlap exactly as their dates say: whole months (keyword months) and
// days (numeric dates) alike, checked against every match's own dates; an
// article published late on the last day is in.
func TestDateRangesSelectByDate(t *testing.T) {
	ix := newDiskIndex(t)
	indexSynth(t, ix, 3, 0, 400, 400)
	late := time.Date(2023, 6, 30, 23, 30, 0, 0, time.UTC)
	if err := ix.IndexDocuments([]Item{{Doc: timeline.Document{ID: "late", URL: "https://e.example/late", Title: "Taobao late", Lang: "en",
		Text: "Taobao at the end of June.", PublishedAt: &late}, Actors: []string{"taobao"}}}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	all, err := ix.Search(ctx, SearchQuery{Q: "Taobao", Limit: MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total > MaxLimit || all.MilestonesTotal > MaxLimit {
		t.Fatalf("%d articles, %d milestones: more than a page", all.Total, all.MilestonesTotal)
	}
	for _, r := range [][2]string{{"2023-01", "2023-06"}, {"2022", "2022"}, {"2023-01-15", "2023-06-10"}, {"2022-Q3", "2022-Q3"}} {
		from, to := mustDate(r[0]), mustDate(r[1])
		got, err := ix.Search(ctx, SearchQuery{Q: "Taobao", From: from, To: to, Limit: MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		var wantA, wantM []string
		for _, a := range all.Articles {
			if p := a.PublishedAt; p != nil && !p.Before(from.Start()) && p.Before(to.End().AddDate(0, 0, 1)) {
				wantA = append(wantA, a.ID)
			}
		}
		for _, m := range all.Milestones {
			if m.Start <= to.End().Format(time.DateOnly) && m.End >= from.Start().Format(time.DateOnly) {
				wantM = append(wantM, m.ID)
			}
		}
		gotA, gotM := articleIDs(got), milestoneIDs(got.Milestones)
		slices.Sort(gotA)
		slices.Sort(wantA)
		slices.Sort(gotM)
		slices.Sort(wantM)
		if len(wantA) == 0 || len(wantM) == 0 || !reflect.DeepEqual(gotA, wantA) || !reflect.DeepEqual(gotM, wantM) {
			t.Errorf("%v: articles %v\nwant %v\nmilestones %v\nwant %v", r, gotA, wantA, gotM, wantM)
		}
		if r[1] == "2023-06" && !slices.Contains(gotA, "late") {
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
	indexSynth(t, ix, 5, 0, 800, 100)
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
				want, got := wholeAndSplit(t, ix, q)
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

// wholeAndSplit answers q whole and in parts. Scorch may still merge the
// reopened index's segments in the background, renumbering documents and
// so reordering ties between two searches: the pair is taken again until
// the whole answer is the same before and after the split one.
func wholeAndSplit(t *testing.T, ix *Index, q SearchQuery) (want, got SearchResult) {
	t.Helper()
	whole := func() SearchResult {
		ix.noParts = true
		defer func() { ix.noParts = false }()
		r, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for try := 0; ; try++ {
		want = whole()
		var err error
		if got, err = ix.Search(context.Background(), q); err != nil {
			t.Fatal(err)
		}
		if again := whole(); reflect.DeepEqual(articleIDs(again), articleIDs(want)) && reflect.DeepEqual(milestoneIDs(again.Milestones), milestoneIDs(want.Milestones)) || try == 10 {
			return want, got
		}
	}
}

// Timeline pages (events and milestones) filtered with bitmaps equal those
// filtered by Bleve's term and range queries, page after page.
func TestTimelineBitmapsMatchBleve(t *testing.T) {
	ix := newDiskIndex(t)
	indexSynth(t, ix, 11, 0, 300, 300)
	if _, err := ix.RebuildEvents(context.Background()); err != nil {
		t.Fatal(err)
	}
	var events []timeline.Event
	for i := 0; i < 400; i++ {
		events = append(events, synth.Event(3, i))
	}
	if err := ix.PutEvents(events); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	queries := []TimelineQuery{
		{Limit: 50},
		{Actors: []string{"alipay", "taobao"}, Limit: 20, Desc: true},
		{From: mustDate("2022-Q2"), To: mustDate("2023"), Limit: 30},
		{From: mustDate("2022-03-15"), Limit: 30},
		{From: mustDate("2022-02"), To: mustDate("2022-05"), Limit: 30}, // quarters that began before
		{Category: "payment", Lang: "zh", Status: "any", Limit: 25},
		{Precision: "month", MinSources: 2, Limit: 10},
		{Q: "payment", To: mustDate("2023-06"), Limit: 15},
	}
	pages := 0
	for _, q := range queries {
		for page := 0; page < 4; page++ {
			got, err := ix.Timeline(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			gm, gnext, err := ix.Milestones(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			ix.noBitmaps = true
			want, err := ix.Timeline(ctx, q)
			wm, wnext, err2 := ix.Milestones(ctx, q)
			ix.noBitmaps = false
			if err != nil || err2 != nil {
				t.Fatal(err, err2)
			}
			if got.Total != want.Total || !reflect.DeepEqual(eventIDs(got.Events), eventIDs(want.Events)) {
				t.Errorf("%+v: events %d %v, want %d %v", q, got.Total, eventIDs(got.Events), want.Total, eventIDs(want.Events))
			}
			if !reflect.DeepEqual(milestoneIDs(gm), milestoneIDs(wm)) || (gnext == nil) != (wnext == nil) {
				t.Errorf("%+v: milestones %v, want %v", q, milestoneIDs(gm), milestoneIDs(wm))
			}
			if page == 0 && (got.Total == 0 || len(gm) == 0) {
				t.Errorf("%+v: nothing to compare (%d events, %d milestones)", q, got.Total, len(gm))
			}
			pages++
			if got.NextCursor == nil {
				break
			}
			q.Cursor = *got.NextCursor
		}
	}
	if pages < len(queries)+3 {
		t.Errorf("only %d pages compared", pages)
	}
	// Date ranges select by overlap with each event's own dates, whole
	// months (keyword months) and days (numeric dates) alike, quarters
	// that began before the range included.
	every := allEvents(t, ix, TimelineQuery{Status: "any"})
	for _, r := range [][2]string{{"2022-02", "2022-05"}, {"2023", "2023"}, {"2022-02-11", "2022-05-03"}} {
		from, to := mustDate(r[0]), mustDate(r[1])
		got := eventIDs(allEvents(t, ix, TimelineQuery{Status: "any", From: from, To: to}))
		var want []string
		for _, e := range every {
			if e.Start <= to.End().Format(time.DateOnly) && e.End >= from.Start().Format(time.DateOnly) {
				want = append(want, e.ID)
			}
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%v: events %v\nwant %v", r, got, want)
		}
	}
}

// allEvents pages through every event of q.
func allEvents(t *testing.T, ix *Index, q TimelineQuery) []timeline.Event {
	var out []timeline.Event
	q.Limit = MaxLimit
	for {
		p, err := ix.Timeline(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Events...)
		if p.NextCursor == nil {
			return out
		}
		q.Cursor = *p.NextCursor
	}
}

func eventIDs(evs []timeline.Event) []string {
	var ids []string
	for _, e := range evs {
		ids = append(ids, e.ID)
	}
	return ids
}

// newDiskIndex is an empty Scorch index on disk, closed after the test.
func newDiskIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// indexSynth indexes synthetic articles from to to-1 of seed, in batches
// of size (a segment each).
func indexSynth(t *testing.T, ix *Index, seed uint64, from, to, size int) {
	t.Helper()
	var batch []Item
	for i := from; i < to; i++ {
		batch = append(batch, synthItem(synth.Generate(seed, i)))
		if len(batch) == size || i == to-1 {
			if err := ix.IndexDocuments(batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

func testDocs() []timeline.Document {
	en := time.Date(2024, 2, 21, 10, 32, 0, 0, time.UTC)
	zh := time.Date(2023, 10, 26, 9, 15, 0, 0, time.FixedZone("CST", 8*3600))
	return []timeline.Document{
		{ID: "en1", URL: "https://e.example/en1", Title: "Taobao starts testing WeChat Pay", Publisher: "Example Daily", Lang: "en", PublishedAt: &en,
			Text: "In September 2021, the Ministry of Industry and Information Technology held a meeting on link blocking.\n" +
				"In March 2022, Taobao began an internal test of WeChat Pay.\n" +
				"In October of the same year, Alipay supported transfers to WeChat friends.\n" +
				"Analysts say Taobao will open WeChat Pay to everyone in 2025."},
		{ID: "zh1", URL: "https://e.example/zh1", Title: "淘宝上线微信扫码支付", Publisher: "示例科技网", Lang: "zh", PublishedAt: &zh,
			Text: "2022年3月，淘宝开始内测微信支付；同年10月，支付宝支持向微信、QQ好友转账。今年5月，朋友圈广告也能跳转淘宝、天猫。"},
	}
}

func newTestIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	ex := &milestones.Extractor{}
	for _, d := range testDocs() {
		if err := ix.IndexDocument(d, ex.Extract(d)); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

func dates(evs []timeline.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Date)
	}
	return out
}

func mustDate(s string) *timeline.Date {
	d, err := timeline.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return &d
}

func TestTimelineFilters(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	tests := []struct {
		name string
		q    TimelineQuery
		want []string
	}{
		{"all, oldest first", TimelineQuery{}, []string{"2021-09", "2022-03", "2022-10", "2022-10", "2023-05"}},
		{"newest first", TimelineQuery{Desc: true}, []string{"2023-05", "2022-10", "2022-10", "2022-03", "2021-09"}},
		{"a year overlaps its months", TimelineQuery{From: mustDate("2022"), To: mustDate("2022")}, []string{"2022-03", "2022-10", "2022-10"}},
		{"a quarter", TimelineQuery{From: mustDate("2022-Q4"), To: mustDate("2022-Q4")}, []string{"2022-10", "2022-10"}},
		{"from only", TimelineQuery{From: mustDate("2022-10-15")}, []string{"2022-10", "2022-10", "2023-05"}},
		{"actor", TimelineQuery{Actors: []string{"alipay"}}, []string{"2022-10", "2022-10"}},
		{"any of two actors", TimelineQuery{Actors: []string{"miit", "moments"}}, []string{"2021-09", "2023-05"}},
		{"category", TimelineQuery{Category: "regulation"}, []string{"2021-09"}},
		{"lang", TimelineQuery{Lang: "zh"}, []string{"2022-03", "2022-10", "2023-05"}},
		{"english words", TimelineQuery{Q: "internal test"}, []string{"2022-03"}},
		{"chinese words", TimelineQuery{Q: "内测"}, []string{"2022-03"}},
		{"plans are kept apart", TimelineQuery{Status: "planned"}, []string{"2025"}},
		{"every status", TimelineQuery{Status: "any", From: mustDate("2025")}, []string{"2025"}},
		{"reported in two languages", TimelineQuery{MinSources: 2}, []string{"2022-03"}},
		{"precision", TimelineQuery{Precision: "month", Lang: "zh"}, []string{"2022-03", "2022-10", "2023-05"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := ix.Timeline(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := dates(page.Events); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if page.Total != uint64(len(tt.want)) {
				t.Errorf("total %d, want %d", page.Total, len(tt.want))
			}
		})
	}
}

func TestTimelineEventShape(t *testing.T) {
	ix := newTestIndex(t)
	page, err := ix.Timeline(context.Background(), TimelineQuery{Actors: []string{"miit"}})
	if err != nil || len(page.Events) != 1 {
		t.Fatalf("%v %v", page, err)
	}
	ev := page.Events[0]
	if ev.ID == "" || ev.Precision != timeline.PrecisionMonth || ev.Start != "2021-09-01" || ev.End != "2021-09-30" || ev.SourceCount != 1 || ev.Category != "regulation" {
		t.Errorf("event %+v", ev)
	}
	s := ev.Sources[0]
	if s.URL != "https://e.example/en1" || s.Publisher != "Example Daily" || s.Lang != "en" || s.PublishedAt == nil || s.Quote == "" || s.Title == "" {
		t.Errorf("source %+v", s)
	}
}

// The same step reported in English and in Chinese is one event with
// both sources.
func TestTimelineClustersAcrossLanguages(t *testing.T) {
	ix := newTestIndex(t)
	page, err := ix.Timeline(context.Background(), TimelineQuery{From: mustDate("2022-03"), To: mustDate("2022-03")})
	if err != nil || len(page.Events) != 1 {
		t.Fatalf("%+v %v", page, err)
	}
	ev := page.Events[0]
	if ev.SourceCount != 2 || len(ev.Sources) != 2 || ev.Sources[0].Lang == ev.Sources[1].Lang || ev.FirstReportedAt == nil {
		t.Errorf("event %+v", ev)
	}
	got, err := ix.Event(context.Background(), ev.ID)
	if err != nil || got.ID != ev.ID || got.SourceCount != 2 {
		t.Errorf("Event(%s): %+v %v", ev.ID, got, err)
	}
	if _, err := ix.Event(context.Background(), "ev-nope"); !errors.Is(err, timeline.ErrNotFound) {
		t.Errorf("unknown event: %v", err)
	}
	// Same data, same events, same ids.
	n, err := ix.RebuildEvents(context.Background())
	if err != nil || n == 0 {
		t.Fatal(n, err)
	}
	again, _ := ix.Timeline(context.Background(), TimelineQuery{From: mustDate("2022-03"), To: mustDate("2022-03")})
	if len(again.Events) != 1 || again.Events[0].ID != ev.ID {
		t.Errorf("rebuilt events changed: %+v", again.Events)
	}
}

func TestTimelineCursor(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	var all []string
	seen := map[string]bool{}
	cursor := ""
	for i := 0; i < 10; i++ {
		page, err := ix.Timeline(ctx, TimelineQuery{Limit: 4, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Events {
			if seen[e.ID] {
				t.Fatalf("event %s on two pages", e.ID)
			}
			seen[e.ID] = true
			all = append(all, e.Date)
		}
		if page.NextCursor == nil {
			break
		}
		cursor = *page.NextCursor
	}
	if want := []string{"2021-09", "2022-03", "2022-10", "2022-10", "2023-05"}; !slices.Equal(all, want) {
		t.Errorf("paged through %v, want %v", all, want)
	}
}

func TestTimelineBadInput(t *testing.T) {
	ix := newTestIndex(t)
	for _, q := range []TimelineQuery{{Cursor: "!!!"}, {Cursor: "YWJj"}, {Limit: -1}, {Limit: MaxLimit + 1}} {
		if _, err := ix.Timeline(context.Background(), q); !errors.Is(err, timeline.ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", q, err)
		}
	}
	if _, err := ix.Search(context.Background(), SearchQuery{Q: "  "}); !errors.Is(err, timeline.ErrInvalid) {
		t.Errorf("empty search: %v", err)
	}
}

func TestReindexDocumentReplacesMilestones(t *testing.T) {
	ix := newTestIndex(t)
	doc := testDocs()[0]
	doc.Text = "In March 2022, Taobao began an internal test of WeChat Pay."
	if err := ix.IndexDocument(doc, (&milestones.Extractor{}).Extract(doc)); err != nil {
		t.Fatal(err)
	}
	page, err := ix.Timeline(context.Background(), TimelineQuery{Lang: "en", Status: "any"})
	if err != nil {
		t.Fatal(err)
	}
	if got := dates(page.Events); !slices.Equal(got, []string{"2022-03"}) {
		t.Errorf("stale milestones left: %v", got)
	}
}

func TestSearchBothLanguages(t *testing.T) {
	ix := newTestIndex(t)
	for q, want := range map[string]string{"testing": "en1", "扫码支付": "zh1", "link blocking": "en1", `"internal test"`: "en1", "内测": "zh1"} {
		res, err := ix.Search(context.Background(), SearchQuery{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Articles) != 1 || res.Articles[0].ID != want {
			t.Errorf("search %q: %+v, want %s only", q, res.Articles, want)
			continue
		}
		if len(res.Articles[0].Snippets) == 0 || !strings.Contains(strings.Join(res.Articles[0].Snippets, " "), "<mark>") {
			t.Errorf("search %q: no highlighted snippet: %q", q, res.Articles[0].Snippets)
		}
	}
}

func milestoneIDs(ms []timeline.Milestone) []string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	slices.Sort(ids)
	return ids
}

// An entity named by any alias, in any language, finds the same
// milestones and articles.
func TestSearchEntityAcrossLanguages(t *testing.T) {
	ix := newTestIndex(t)
	var first []string
	for _, q := range []string{"WeChat Pay", "微信支付", `"微信支付"`, "wechatpay", "actor:wechat-pay", "wechat pay"} {
		res, err := ix.Search(context.Background(), SearchQuery{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		ids := milestoneIDs(res.Milestones)
		if len(ids) < 2 || res.Total != 2 {
			t.Errorf("%q: %d articles, milestones %v", q, res.Total, ids)
		}
		if first == nil {
			first = ids
		} else if !slices.Equal(ids, first) {
			t.Errorf("%q found milestones %v, \"WeChat Pay\" found %v", q, ids, first)
		}
	}
	// An entity and a word: the word still has to match.
	res, err := ix.Search(context.Background(), SearchQuery{Q: "微信支付 内测"})
	if err != nil || res.Total != 1 || res.Articles[0].ID != "zh1" {
		t.Errorf("entity + word: %+v %v", res.Articles, err)
	}
	// Excluding an entity.
	res, err = ix.Search(context.Background(), SearchQuery{Q: "Taobao -QQ"})
	if err != nil || res.Total != 1 || res.Articles[0].ID != "en1" {
		t.Errorf("Taobao -QQ: %+v %v", res.Articles, err)
	}
	// OR.
	res, err = ix.Search(context.Background(), SearchQuery{Q: "扫码支付 OR blocking"})
	if err != nil || res.Total != 2 {
		t.Errorf("OR: %d %v", res.Total, err)
	}
}

func TestSearchErrorsAreForTheUser(t *testing.T) {
	ix := newTestIndex(t)
	for q, want := range map[string]string{
		`"unbalanced`:   "unbalanced quote",
		"+":             "nothing after",
		"title:":        "needs a value",
		"OR Taobao":     "OR at position 1",
		"Taobao OR":     "OR at the end",
		"-Taobao":       "only excluded",
		"actor:nobody":  "unknown actor",
		"lang:fr":       "lang:en or lang:zh",
		`""`:            "empty phrase",
		"category:nope": "unknown category",
	} {
		_, err := ix.Search(context.Background(), SearchQuery{Q: q})
		if !errors.Is(err, timeline.ErrInvalid) || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: %v, want a one-line ErrInvalid saying %q", q, err, want)
		}
	}
	for _, q := range []SearchQuery{{Q: "  "}, {Q: "x", Sort: "size"}, {Q: "x", Lang: "fr"}, {Q: "x", Cursor: "bogus"}, {Q: "x", Limit: 501}, {Actors: []string{"nobody"}}} {
		if _, err := ix.Search(context.Background(), q); !errors.Is(err, timeline.ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", q, err)
		}
	}
}

func TestSearchFiltersFacetsSortAndCursor(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	res, err := ix.Search(ctx, SearchQuery{Q: "Taobao", Lang: "zh"})
	if err != nil || res.Total != 1 || res.Articles[0].ID != "zh1" {
		t.Errorf("lang filter: %+v %v", res.Articles, err)
	}
	res, err = ix.Search(ctx, SearchQuery{Actors: []string{"支付宝"}, From: mustDate("2024"), To: mustDate("2024")})
	if err != nil || res.Total != 1 || res.Articles[0].ID != "en1" {
		t.Errorf("actor alias + published in 2024: %+v %v", res.Articles, err)
	}
	// Milestones overlap the range; articles were published in it.
	res, err = ix.Search(ctx, SearchQuery{Q: "Alipay", From: mustDate("2022-10"), To: mustDate("2022-10")})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Milestones {
		if m.Start > "2022-10-31" || m.End < "2022-10-01" {
			t.Errorf("milestone %s %s outside the range", m.ID, m.Date)
		}
	}
	if len(res.Milestones) != 2 || res.Total != 0 {
		t.Errorf("Alipay in 2022-10: %d milestones, %d articles (none published then)", len(res.Milestones), res.Total)
	}

	res, err = ix.Search(ctx, SearchQuery{Q: "Taobao"})
	if err != nil {
		t.Fatal(err)
	}
	facet := func(name, value string) int {
		for _, f := range res.Facets[name] {
			if f.Value == value {
				return f.Count
			}
		}
		return 0
	}
	if facet("actors", "taobao") != 2 || facet("languages", "zh") != 1 || facet("years", "2023") != 1 ||
		facet("months", "2024-02") != 1 || facet("categories", "payment") != 2 {
		t.Errorf("facets: %+v", res.Facets)
	}

	// Date order and paging one article at a time.
	var got []string
	var cursor string
	for page := 0; page < 5; page++ {
		res, err := ix.Search(ctx, SearchQuery{Q: "Taobao", Sort: SortDateDesc, Limit: 1, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 2 {
			t.Errorf("page %d: total %d", page, res.Total)
		}
		for _, a := range res.Articles {
			got = append(got, a.ID)
		}
		if res.NextCursor == nil {
			break
		}
		cursor = *res.NextCursor
	}
	if !slices.Equal(got, []string{"en1", "zh1"}) {
		t.Errorf("newest first, one per page: %v", got)
	}
	res, err = ix.Search(ctx, SearchQuery{Q: "Taobao", Sort: SortDateDesc, Limit: 1})
	if err != nil || res.NextCursor == nil {
		t.Fatal(err)
	}
	if _, err := ix.Search(ctx, SearchQuery{Q: "Alipay", Sort: SortDateDesc, Limit: 1, Cursor: *res.NextCursor}); !errors.Is(err, timeline.ErrInvalid) {
		t.Errorf("a cursor of another query: %v", err)
	}
}

func TestOpenOnDiskAndVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := testDocs()[1]
	if err := ix.IndexDocument(d, (&milestones.Extractor{}).Extract(d)); err != nil {
		t.Fatal(err)
	}
	if err := ix.b.SetInternal([]byte(versionKey), []byte("0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := Open(dir); !errors.Is(err, ErrVersion) {
		t.Errorf("old mapping version: %v, want ErrVersion", err)
	}
}

func Example() {
	ix, _ := OpenMem()
	defer ix.Close()
	pub := time.Date(2024, 2, 21, 0, 0, 0, 0, time.UTC)
	doc := timeline.Document{ID: "d", URL: "https://e.example/d", Lang: "en", PublishedAt: &pub,
		Text: "In October last year, Taobao launched a WeChat QR code payment option."}
	ix.IndexDocument(doc, (&milestones.Extractor{}).Extract(doc))
	page, _ := ix.Timeline(context.Background(), TimelineQuery{Actors: []string{"taobao"}})
	for _, e := range page.Events {
		fmt.Println(e.Date, e.Actors, e.Category)
	}
	// Output: 2023-10 [taobao wechat] payment
}

// Date-ordered pages continue after the last hit (search-after on the
// publication time and id): a document indexed between two pages neither
// repeats nor hides the ones that were there. (Relevance pages cannot
// promise that: a new document changes every score through idf.)
func TestSearchDateCursorIsStable(t *testing.T) {
	ix := newTestIndex(t)
	ctx := context.Background()
	first, err := ix.Search(ctx, SearchQuery{Q: "Taobao", Limit: 1, Sort: SortDate})
	if err != nil || first.NextCursor == nil || len(first.Articles) != 1 {
		t.Fatalf("%+v %v", first, err)
	}
	pub := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	d := timeline.Document{ID: "en2", URL: "https://e.example/en2", Title: "Taobao, Taobao, Taobao", Lang: "en", PublishedAt: &pub,
		Text: "Taobao Taobao Taobao: in January 2024, Taobao began accepting WeChat Pay."}
	if err := ix.IndexDocument(d, (&milestones.Extractor{}).Extract(d)); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{first.Articles[0].ID: true}
	cursor := *first.NextCursor
	for page := 0; page < 5; page++ {
		res, err := ix.Search(ctx, SearchQuery{Q: "Taobao", Limit: 1, Sort: SortDate, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range res.Articles {
			if seen[a.ID] {
				t.Errorf("%s on two pages", a.ID)
			}
			seen[a.ID] = true
		}
		if res.NextCursor == nil {
			break
		}
		cursor = *res.NextCursor
	}
	if !seen["en1"] || !seen["zh1"] {
		t.Errorf("pages skipped an article that was there: %v", seen)
	}
}

package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
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
	ex := &timeline.Extractor{}
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
		{"all, oldest first", TimelineQuery{}, []string{"2021-09", "2022-03", "2022-03", "2022-10", "2022-10", "2023-05"}},
		{"newest first", TimelineQuery{Desc: true}, []string{"2023-05", "2022-10", "2022-10", "2022-03", "2022-03", "2021-09"}},
		{"a year overlaps its months", TimelineQuery{From: mustDate("2022"), To: mustDate("2022")}, []string{"2022-03", "2022-03", "2022-10", "2022-10"}},
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
	if want := []string{"2021-09", "2022-03", "2022-03", "2022-10", "2022-10", "2023-05"}; !slices.Equal(all, want) {
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
	if err := ix.IndexDocument(doc, (&timeline.Extractor{}).Extract(doc)); err != nil {
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
	for q, want := range map[string]string{"testing WeChat": "en1", "微信支付": "zh1", "扫码支付": "zh1", "link blocking": "en1"} {
		res, err := ix.Search(context.Background(), SearchQuery{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Articles) == 0 || res.Articles[0].ID != want {
			t.Errorf("search %q: %+v, want %s first", q, res.Articles, want)
			continue
		}
		if len(res.Articles[0].Snippets) == 0 {
			t.Errorf("search %q: no snippets", q)
		}
	}
}

func TestOpenOnDiskAndVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := testDocs()[1]
	if err := ix.IndexDocument(d, (&timeline.Extractor{}).Extract(d)); err != nil {
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
	ix.IndexDocument(doc, (&timeline.Extractor{}).Extract(doc))
	page, _ := ix.Timeline(context.Background(), TimelineQuery{Actors: []string{"taobao"}})
	for _, e := range page.Events {
		fmt.Println(e.Date, e.Actors, e.Category)
	}
	// Output: 2023-10 [taobao wechat] payment
}

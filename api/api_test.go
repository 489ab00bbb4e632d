package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

func newTestServer(t *testing.T) http.Handler {
	t.Helper()
	ix, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	pub := time.Date(2024, 2, 21, 10, 32, 0, 0, time.UTC)
	for _, d := range []timeline.Document{
		{ID: "a", URL: "https://e.example/a", Title: "Taobao tests WeChat Pay", Publisher: "Example Daily", Lang: "en", PublishedAt: &pub,
			Text: "In March 2022, Taobao began an internal test of WeChat Pay. In October of the same year, Alipay supported transfers to WeChat friends."},
		{ID: "b", URL: "https://e.example/b", Title: "淘宝", Lang: "zh", PublishedAt: &pub, Text: "去年10月，淘宝上线微信扫码支付。"},
	} {
		if err := ix.IndexDocument(d, (&milestones.Extractor{}).Extract(d)); err != nil {
			t.Fatal(err)
		}
	}
	return (&Server{Index: ix}).Handler()
}

func get(t *testing.T, h http.Handler, url string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	return do(h, http.MethodGet, url, "", hdr...)
}

func TestTimelineContract(t *testing.T) {
	h := newTestServer(t)
	rec := get(t, h, "/api/v1/timeline")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("status %d %s", rec.Code, rec.Body)
	}
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if _, ok := body["next_cursor"]; !ok || body["next_cursor"] != nil {
		t.Errorf("next_cursor missing or not null: %v", body["next_cursor"])
	}
	events := body["events"].([]any)
	if len(events) != 3 {
		t.Fatalf("%d events, want 3", len(events))
	}
	ev := events[0].(map[string]any)
	for _, k := range []string{"id", "date", "precision", "start", "end", "title", "actors", "category", "source_count", "sources"} {
		if _, ok := ev[k]; !ok {
			t.Errorf("event lacks %q", k)
		}
	}
	src := ev["sources"].([]any)[0].(map[string]any)
	for _, k := range []string{"url", "title", "publisher", "published_at", "quote", "lang"} {
		if _, ok := src[k]; !ok {
			t.Errorf("source lacks %q", k)
		}
	}
	var dates []string
	for _, e := range events {
		dates = append(dates, e.(map[string]any)["date"].(string))
	}
	if strings.Join(dates, ",") != "2022-03,2022-10,2023-10" {
		t.Errorf("dates %v, want oldest first", dates)
	}
}

func TestTimelineFiltersAndAliases(t *testing.T) {
	h := newTestServer(t)
	for url, want := range map[string]int{
		"/api/v1/timeline?actor=alipay":                      1,
		"/api/v1/timeline?actor=Alipay":                      1,
		"/api/v1/timeline?actor=%E6%94%AF%E4%BB%98%E5%AE%9D": 1, // 支付宝
		"/api/v1/timeline?actor=alipay&actor=taobao":         3,
		"/api/v1/timeline?actor=alipay,taobao":               3,
		"/api/v1/timeline?from=2022-Q4":                      2,
		"/api/v1/timeline?from=2022&to=2022":                 2,
		"/api/v1/timeline?to=2022-06":                        1,
		"/api/v1/timeline?q=internal+test":                   1,
		"/api/v1/timeline?lang=zh":                           1,
		"/api/v1/timeline?order=desc&limit=1":                1,
	} {
		rec := get(t, h, url)
		var page index.TimelinePage
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || rec.Code != 200 {
			t.Errorf("%s: %d %s", url, rec.Code, rec.Body)
			continue
		}
		if len(page.Events) != want {
			t.Errorf("%s: %d events, want %d", url, len(page.Events), want)
		}
	}
}

func TestBadParametersAre400ProblemJSON(t *testing.T) {
	h := newTestServer(t)
	for _, url := range []string{
		"/api/v1/timeline?from=banana", "/api/v1/timeline?to=2024-13", "/api/v1/timeline?from=0001",
		"/api/v1/timeline?actor=nobody", "/api/v1/timeline?limit=0", "/api/v1/timeline?limit=501",
		"/api/v1/timeline?limit=x", "/api/v1/timeline?order=up", "/api/v1/timeline?lang=fr",
		"/api/v1/timeline?cursor=zzz", "/api/v1/timeline?status=maybe",
		"/api/v1/search", "/api/v1/search?q=", "/api/v1/search?q=x&limit=-3",
	} {
		rec := get(t, h, url)
		if rec.Code != http.StatusBadRequest || rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s %s", url, rec.Code, rec.Header().Get("Content-Type"), rec.Body)
			continue
		}
		var p struct {
			Status int    `json:"status"`
			Title  string `json:"title"`
			Detail string `json:"detail"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != 400 || p.Detail == "" {
			t.Errorf("%s: problem %+v %v", url, p, err)
		}
	}
	if rec := get(t, h, "/api/v1/nothing"); rec.Code != 404 || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("unknown endpoint: %d", rec.Code)
	}
}

func TestETagNotModified(t *testing.T) {
	h := newTestServer(t)
	first := get(t, h, "/api/v1/timeline")
	etag := first.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	again := get(t, h, "/api/v1/timeline", "If-None-Match", etag)
	if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Errorf("If-None-Match: %d (%d bytes)", again.Code, again.Body.Len())
	}
	other := get(t, h, "/api/v1/timeline?actor=alipay", "If-None-Match", etag)
	if other.Code != http.StatusOK {
		t.Errorf("another query answered %d to the first one's ETag", other.Code)
	}
}

func TestSearchAndHealth(t *testing.T) {
	h := newTestServer(t)
	rec := get(t, h, "/api/v1/search?q=%E6%89%AB%E7%A0%81") // 扫码
	var res index.SearchResult
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || rec.Code != 200 || len(res.Articles) != 1 || res.Articles[0].ID != "b" {
		t.Errorf("search: %d %s", rec.Code, rec.Body)
	}
	// 微信 names an actor: the English article tagged with it comes too.
	rec = get(t, h, "/api/v1/search?q=%E5%BE%AE%E4%BF%A1&sort=-date&limit=1")
	res = index.SearchResult{}
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || rec.Code != 200 || res.Total != 2 || res.NextCursor == nil || len(res.Facets["languages"]) != 2 {
		t.Errorf("entity search: %d %s", rec.Code, rec.Body)
	}
	for _, bad := range []string{"q=%22unbalanced", "q=%2B", "q=title%3A", "q=x&sort=size", "q=x&cursor=nope", "q=x&facets=maybe", "", "q=x&actor=nobody"} {
		rec := get(t, h, "/api/v1/search?"+bad)
		var p map[string]any
		if rec.Code != http.StatusBadRequest || rec.Header().Get("Content-Type") != "application/problem+json" ||
			json.Unmarshal(rec.Body.Bytes(), &p) != nil || p["detail"] == "" || p["status"] != float64(400) {
			t.Errorf("search?%s: %d %s %s", bad, rec.Code, rec.Header().Get("Content-Type"), rec.Body)
		}
	}
	if rec := get(t, h, "/healthz"); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"ok"`) {
		t.Errorf("healthz: %d %s", rec.Code, rec.Body)
	}
	if rec := get(t, h, "/api/v1/crawls"); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"crawls":[]`) {
		t.Errorf("crawls: %d %s", rec.Code, rec.Body)
	}
	if rec := get(t, h, "/api/v1/actors"); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"wechat-pay"`) {
		t.Errorf("actors: %d", rec.Code)
	}
}

func TestWebPage(t *testing.T) {
	h := newTestServer(t)
	rec := get(t, h, "/")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("page: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{"#timeline", "form#filters input#q", "select#actor", "select#category", `script[src="app.js"]`, `link[href="style.css"]`} {
		if doc.Find(sel).Length() != 1 {
			t.Errorf("page lacks %s", sel)
		}
	}
	for _, asset := range []string{"/app.js", "/style.css"} {
		if rec := get(t, h, asset); rec.Code != 200 || rec.Body.Len() == 0 {
			t.Errorf("%s: %d", asset, rec.Code)
		}
	}
	if strings.Contains(get(t, h, "/").Body.String(), "http://") && strings.Contains(get(t, h, "/").Body.String(), "cdn") {
		t.Error("the page loads something from a CDN")
	}
}

package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

// fullServer is the API with everything configured: sources, a crawl
// trigger, a token, CORS, metrics.
func fullServer(t *testing.T, rate float64) (*Server, *[]string) {
	t.Helper()
	ix, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	pubA := time.Date(2024, 2, 21, 10, 32, 0, 0, time.UTC)
	pubB := time.Date(2024, 2, 22, 8, 0, 0, 0, time.UTC)
	for _, d := range []timeline.Document{
		{ID: "a", URL: "https://e.example/a", Title: "Taobao tests WeChat Pay", Publisher: "Example Daily", Lang: "en", PublishedAt: &pubA, Source: "wire",
			Text: "In March 2022, Taobao began an internal test of WeChat Pay. In October of the same year, Alipay supported transfers to WeChat friends."},
		{ID: "b", URL: "https://e.example/b", Title: "淘宝内测微信支付", Publisher: "示例网", Lang: "zh", PublishedAt: &pubB, Source: "zh-news",
			Text: "2022年3月，淘宝开始内测微信支付。去年10月，淘宝上线微信扫码支付。"},
	} {
		if err := ix.IndexDocument(d, (&milestones.Extractor{}).Extract(d)); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var triggered []string
	s := &Server{Index: ix, Token: "s3cret", CORSOrigins: []string{"https://research.example"}, RateLimit: rate, Metrics: NewMetrics(),
		Sources: func() []SourceInfo {
			return []SourceInfo{{Name: "wire", Type: "feed", URL: "https://e.example/feed.xml", Schedule: "@every 30m"}}
		},
		TriggerCrawl: func(name string) error {
			if name != "wire" {
				return fmt.Errorf("%w: no source named %q", timeline.ErrNotFound, name)
			}
			mu.Lock()
			triggered = append(triggered, name)
			mu.Unlock()
			return nil
		}}
	return s, &triggered
}

func do(h http.Handler, method, url, body string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, url, strings.NewReader(body))
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestOneEventPerStepAndEventEndpoint(t *testing.T) {
	s, _ := fullServer(t, 1000)
	h := s.Handler()
	var page index.TimelinePage
	rec := get(t, h, "/api/v1/timeline?min_sources=2")
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || len(page.Events) != 1 {
		t.Fatalf("min_sources=2: %d %s", rec.Code, rec.Body)
	}
	ev := page.Events[0]
	if ev.Date != "2022-03" || ev.SourceCount != 2 || ev.FirstReportedAt == nil {
		t.Errorf("the March 2022 test in two languages: %+v", ev)
	}
	rec = get(t, h, "/api/v1/events/"+ev.ID)
	var got timeline.Event
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &got) != nil || got.ID != ev.ID {
		t.Errorf("event: %d %s", rec.Code, rec.Body)
	}
	if rec := get(t, h, "/api/v1/events/ev-none"); rec.Code != 404 || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("unknown event: %d %s", rec.Code, rec.Header())
	}
	for _, bad := range []string{"min_sources=0", "precision=decade", "format=xml", "from=banana"} {
		if rec := get(t, h, "/api/v1/timeline?"+bad); rec.Code != 400 || rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d", bad, rec.Code)
		}
	}
}

// TimelineJS3's documented JSON: events, each with a start_date that has
// a year, and text with a headline; months 1–12, days 1–31.
func TestTimelineJSFormat(t *testing.T) {
	s, _ := fullServer(t, 1000)
	rec := get(t, s.Handler(), "/api/v1/timeline?format=timelinejs")
	var tl struct {
		Title  map[string]any `json:"title"`
		Events []struct {
			StartDate *struct{ Year, Month, Day int } `json:"start_date"`
			EndDate   *struct{ Year, Month, Day int } `json:"end_date"`
			Text      struct{ Headline, Text string } `json:"text"`
			UniqueID  string                          `json:"unique_id"`
		} `json:"events"`
	}
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &tl) != nil || len(tl.Events) == 0 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	ids := map[string]bool{}
	for _, e := range tl.Events {
		if e.StartDate == nil || e.StartDate.Year < 1800 || e.StartDate.Month < 0 || e.StartDate.Month > 12 || e.StartDate.Day < 0 || e.StartDate.Day > 31 {
			t.Errorf("start_date %+v", e.StartDate)
		}
		if e.Text.Headline == "" || !strings.Contains(e.Text.Text, "<a href=") || e.UniqueID == "" || ids[e.UniqueID] {
			t.Errorf("slide %+v", e)
		}
		ids[e.UniqueID] = true
	}
}

func TestCSVFormatAndFeeds(t *testing.T) {
	s, _ := fullServer(t, 1000)
	h := s.Handler()
	rec := get(t, h, "/api/v1/timeline?format=csv")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", rec.Code, rec.Header())
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\ufeff"))).ReadAll()
	if err != nil || len(rows) < 2 || !slices.Equal(rows[0], csvHeader) {
		t.Fatalf("csv rows: %v %v", rows, err)
	}
	for _, path := range []string{"/feed.json", "/api/v1/feed.json", "/feed.atom", "/api/v1/feed.atom"} {
		rec := get(t, h, path)
		feed, err := gofeed.NewParser().Parse(bytes.NewReader(rec.Body.Bytes()))
		if rec.Code != 200 || err != nil || len(feed.Items) == 0 || feed.Items[0].Link == "" {
			t.Errorf("%s: %d %v", path, rec.Code, err)
			continue
		}
		if strings.HasSuffix(path, ".json") && !strings.HasSuffix(feed.FeedVersion, "1.1") {
			t.Errorf("%s: JSON Feed version %q", path, feed.FeedVersion)
		}
	}
}

func TestArticlesSourcesTrendsReadyz(t *testing.T) {
	s, _ := fullServer(t, 1000)
	h := s.Handler()
	var art articleAnswer
	if rec := get(t, h, "/api/v1/articles/a"); rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &art) != nil || len(art.Milestones) != 2 || art.ArchivedURL == "" {
		t.Errorf("article: %s", rec.Body)
	}
	if rec := get(t, h, "/api/v1/articles/zzz"); rec.Code != 404 {
		t.Errorf("unknown article: %d", rec.Code)
	}
	// The archived copy: none kept, then one kept for article a only.
	if rec := get(t, h, "/api/v1/articles/a/archived"); rec.Code != 404 || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("no archive: %d %s", rec.Code, rec.Header())
	}
	s.Archived = func(_ context.Context, id string) (ArchivedPage, error) {
		if id != "a" {
			return ArchivedPage{}, fmt.Errorf("%w: no page recorded for article %q", timeline.ErrNotFound, id)
		}
		return ArchivedPage{URL: "https://e.example/a", ContentType: "text/html; charset=utf-8", FetchedAt: time.Now(), Body: []byte("<html>a</html>")}, nil
	}
	h = s.Handler()
	if rec := get(t, h, "/api/v1/articles/zzz/archived"); rec.Code != 404 {
		t.Errorf("unknown article's archive: %d", rec.Code)
	}
	if rec := get(t, h, "/api/v1/articles/a/archived"); rec.Code != 200 || rec.Header().Get("Content-Security-Policy") != "sandbox" || rec.Body.String() != "<html>a</html>" {
		t.Errorf("archived copy: %d %v", rec.Code, rec.Header())
	}
	if rec := get(t, h, "/api/v1/sources"); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"name":"wire"`) {
		t.Errorf("sources: %s", rec.Body)
	}
	var tr index.Trends
	if rec := get(t, h, "/api/v1/trends?q=Taobao&interval=day"); rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &tr) != nil || len(tr.Buckets) != 2 || tr.Buckets[0].Total != 1 {
		t.Errorf("trends: %s", rec.Body)
	}
	if rec := get(t, h, "/api/v1/trends?interval=hour"); rec.Code != 400 {
		t.Errorf("bad interval: %d", rec.Code)
	}
	if rec := get(t, h, "/readyz"); rec.Code != 200 {
		t.Errorf("readyz: %d", rec.Code)
	}
}

func TestWritesNeedTheToken(t *testing.T) {
	s, triggered := fullServer(t, 1000)
	h := s.Handler()
	for _, tc := range []struct {
		auth, body string
		want       int
	}{
		{"", `{"source":"wire"}`, 401},
		{"Bearer wrong", `{"source":"wire"}`, 401},
		{"Basic czNjcmV0", `{"source":"wire"}`, 401},
		{"Bearer s3cret", `{"source":"nope"}`, 404},
		{"Bearer s3cret", `{"source":`, 400},
		{"Bearer s3cret", `{"source":"wire","x":1}`, 400},
		{"Bearer s3cret", `{"source":"` + strings.Repeat("x", 5000) + `"}`, 413},
		{"Bearer s3cret", `{"source":"wire"}`, 202},
	} {
		rec := do(h, http.MethodPost, "/api/v1/crawls", tc.body, "Authorization", tc.auth, "Content-Type", "application/json")
		if rec.Code != tc.want || (tc.want != 202 && rec.Header().Get("Content-Type") != "application/problem+json") {
			t.Errorf("POST %q with %q: %d %s, want %d", tc.body[:min(len(tc.body), 30)], tc.auth, rec.Code, rec.Body, tc.want)
		}
	}
	if len(*triggered) != 1 {
		t.Errorf("crawls started: %v", *triggered)
	}
	s.Token = ""
	if rec := do(s.Handler(), http.MethodPost, "/api/v1/crawls", `{"source":"wire"}`, "Authorization", "Bearer "); rec.Code != 403 {
		t.Errorf("no token configured: %d, want writes disabled", rec.Code)
	}
}

func TestRateLimitCORSGzipMetrics(t *testing.T) {
	s, _ := fullServer(t, 1) // one request a second, bursts of 2
	h := s.Handler()
	var codes []int
	for i := 0; i < 3; i++ {
		codes = append(codes, get(t, h, "/api/v1/actors").Code)
	}
	rec := get(t, h, "/api/v1/actors")
	if !slices.Equal(codes, []int{200, 200, 429}) || rec.Header().Get("Retry-After") == "" || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("rate limit: %v, Retry-After %q", codes, rec.Header().Get("Retry-After"))
	}
	// Another client is not held back; health checks never are.
	req := httptest.NewRequest(http.MethodGet, "/api/v1/actors", nil)
	req.RemoteAddr = "192.0.2.9:1234"
	other := httptest.NewRecorder()
	h.ServeHTTP(other, req)
	if other.Code != 200 || get(t, h, "/healthz").Code != 200 {
		t.Errorf("other client %d", other.Code)
	}

	s, _ = fullServer(t, 1000)
	h = s.Handler()
	rec = get(t, h, "/api/v1/timeline", "Origin", "https://research.example")
	if rec.Header().Get("Access-Control-Allow-Origin") != "https://research.example" {
		t.Errorf("CORS: %v", rec.Header())
	}
	if rec := get(t, h, "/api/v1/timeline", "Origin", "https://evil.example"); rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS allowed an origin not configured")
	}
	rec = get(t, h, "/openapi.json", "Accept-Encoding", "gzip")
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", rec.Header())
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Equal(plain, OpenAPIDocument) {
		t.Error("gzipped body differs")
	}
	rec = get(t, h, "/metrics")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `wallbreak_http_request_duration_seconds_bucket{code="200",route="GET /api/v1/timeline"`) {
		t.Errorf("metrics:\n%.2000s", rec.Body)
	}
}

// Every route is documented, and the answers of each documented JSON
// endpoint validate against the OpenAPI document's schemas.
func TestOpenAPIMatchesTheAnswers(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(OpenAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi %v", doc["openapi"])
	}
	paths := doc["paths"].(map[string]any)
	opIDs := map[string]bool{}
	for p, item := range paths {
		for method, op := range item.(map[string]any) {
			id, _ := op.(map[string]any)["operationId"].(string)
			if id == "" || opIDs[id] {
				t.Errorf("%s %s: operationId %q missing or used twice", method, p, id)
			}
			opIDs[id] = true
		}
	}
	// Routes registered in Handler (read from the source: the mux has no
	// listing) must all be documented.
	src, err := readSource("api.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`route\("(GET|POST) ([^"]+)"`).FindAllStringSubmatch(src, -1) {
		p, ok := paths[m[2]].(map[string]any)
		if !ok || p[strings.ToLower(m[1])] == nil {
			t.Errorf("%s %s is not in openapi.json", m[1], m[2])
		}
	}

	c := jsonschema.NewCompiler()
	if err := c.AddResource("https://wallbreak.invalid/openapi.json", doc); err != nil {
		t.Fatal(err)
	}
	schema := func(name string) *jsonschema.Schema {
		sch, err := c.Compile("https://wallbreak.invalid/openapi.json#/components/schemas/" + name)
		if err != nil {
			t.Fatalf("schema %s: %v", name, err)
		}
		return sch
	}
	s, _ := fullServer(t, 1000)
	h := s.Handler()
	var page index.TimelinePage
	json.Unmarshal(get(t, h, "/api/v1/timeline").Body.Bytes(), &page) //nolint:errcheck
	for url, name := range map[string]string{
		"/api/v1/timeline":                          "TimelinePage",
		"/api/v1/timeline?format=timelinejs":        "TimelineJS",
		"/api/v1/events/" + page.Events[0].ID:       "Event",
		"/api/v1/milestones":                        "MilestonesPage",
		"/api/v1/search?q=WeChat+Pay":               "SearchResult",
		"/api/v1/articles/a":                        "ArticleDetail",
		"/api/v1/trends?q=Taobao":                   "Trends",
		"/api/v1/actors":                            "Actors",
		"/api/v1/feed.json":                         "JSONFeed",
		"/healthz":                                  "Health",
		"/readyz":                                   "Health",
		"/api/v1/timeline?from=banana":              "Problem",
		"/api/v1/search?q=%22unbalanced":            "Problem",
		"/api/v1/events/none":                       "Problem",
		"/api/v1/timeline?limit=2&actor=wechat-pay": "TimelinePage",
	} {
		rec := get(t, h, url)
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Errorf("%s: %d, not JSON: %v", url, rec.Code, err)
			continue
		}
		if err := schema(name).Validate(v); err != nil {
			t.Errorf("%s does not match %s: %v", url, name, err)
		}
	}
}

func readSource(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}

// Answers are cached per index generation: a change of the index shows at
// once, and a cached answer still honours If-None-Match.
func TestAnswerCacheFollowsTheIndex(t *testing.T) {
	s, _ := fullServer(t, 1000)
	h := s.Handler()
	var before, after index.TimelinePage
	rec := get(t, h, "/api/v1/timeline")
	json.Unmarshal(rec.Body.Bytes(), &before) //nolint:errcheck
	if again := get(t, h, "/api/v1/timeline", "If-None-Match", rec.Header().Get("ETag")); again.Code != 304 {
		t.Errorf("cached answer, If-None-Match: %d", again.Code)
	}
	pub := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	d := timeline.Document{ID: "c", URL: "https://e.example/c", Title: "JD", Lang: "en", PublishedAt: &pub,
		Text: "In January 2024, JD.com began accepting WeChat Pay and Alipay for all orders."}
	if err := s.Index.(*index.Index).IndexDocument(d, (&milestones.Extractor{}).Extract(d)); err != nil {
		t.Fatal(err)
	}
	rec2 := get(t, h, "/api/v1/timeline", "If-None-Match", rec.Header().Get("ETag"))
	json.Unmarshal(rec2.Body.Bytes(), &after) //nolint:errcheck
	if rec2.Code != 200 || after.Total <= before.Total {
		t.Errorf("after indexing: %d, total %d → %d", rec2.Code, before.Total, after.Total)
	}
}

// slowIndex answers the timeline only when the request's deadline passes.
type slowIndex struct{ *index.Index }

func (s slowIndex) Timeline(ctx context.Context, q index.TimelineQuery) (index.TimelinePage, error) {
	<-ctx.Done()
	return index.TimelinePage{}, ctx.Err()
}

// A request past its deadline is a 503 problem, not a hang or a 500.
func TestDeadlineIsAProblem(t *testing.T) {
	s, _ := fullServer(t, 1000)
	s.Index = slowIndex{s.Index.(*index.Index)}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/timeline", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("%d %s %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/crawler/demosite"
	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/timeline"
)

// syncBuffer is a bytes.Buffer safe to write from one goroutine while the
// test reads it from another.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newMain(stdin string) (*Main, *syncBuffer, *syncBuffer) {
	out, errOut := &syncBuffer{}, &syncBuffer{}
	return &Main{Stdin: strings.NewReader(stdin), Stdout: out, Stderr: errOut}, out, errOut
}

// run runs the CLI to completion.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	m, out, errOut := newMain("")
	err := m.Run(context.Background(), append([]string{"--log-level", "warn"}, args...))
	if err != nil {
		t.Logf("wallbreak %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut)
	}
	return out.String(), err
}

func exitCode(err error) int {
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if err != nil {
		return 1
	}
	return 0
}

var servingRe = regexp.MustCompile(`serving (http://[0-9.:]+)`)

// startCommand runs a serving command until the test ends and returns the
// address it serves on.
func startCommand(t *testing.T, args ...string) string {
	t.Helper()
	m, out, errOut := newMain("")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, append([]string{"--log-level", "warn"}, args...)) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s returned %v after Ctrl-C", args[0], err)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("%s did not stop after Ctrl-C", args[0])
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingRe.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("%s exited early: %v\n%s\n%s", args[0], err, out, errOut)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("%s never said where it serves:\n%s\n%s", args[0], out, errOut)
	return ""
}

func getJSON(t *testing.T, url string, v any) *http.Response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v\n%s", url, err, body)
		}
	}
	return resp
}

// The walking skeleton's end-to-end check: the bundled sample site on
// loopback → the real crawler (feed and sitemap) → extraction → index →
// GET /api/v1/timeline lists the seed page's milestones, none from chrome.
func TestDemoEndToEnd(t *testing.T) {
	addr := startCommand(t, "demo", "--addr", "127.0.0.1:0", "--data", t.TempDir())

	var page index.TimelinePage
	if resp := getJSON(t, addr+"/api/v1/timeline?limit=500", &page); resp.StatusCode != 200 {
		t.Fatalf("timeline: %d", resp.StatusCode)
	}
	seedText := seedPostText(t)
	seedDates := map[string][]timeline.Event{}
	corroborated := map[string]int{} // seed events reported by other pages too
	for _, ev := range page.Events {
		i := slices.IndexFunc(ev.Sources, func(s timeline.Source) bool { return strings.HasSuffix(s.URL, "/forum/thread-1024-1-1.html") })
		if i < 0 {
			continue
		}
		src := ev.Sources[i]
		if ev.SourceCount > 1 {
			corroborated[ev.Date] = ev.SourceCount
		}
		seedDates[ev.Date] = append(seedDates[ev.Date], ev)
		if !strings.Contains(seedText, src.Quote) {
			t.Errorf("milestone quote is not from the article's text (chrome?): %q", src.Quote)
		}
		if src.Publisher != "Wallbreak Community" || src.PublishedAt == nil || src.Lang != "en" {
			t.Errorf("source %+v", src)
		}
	}
	// within lists the seed's events dated d or more precisely within d
	// (an event takes the finest date its sources give: the seed's
	// "May" may be another page's week of May).
	within := func(d string) []timeline.Event {
		want, _ := timeline.ParseDate(d)
		var out []timeline.Event
		for _, evs := range seedDates {
			for _, ev := range evs {
				if ev.Start >= want.Start().Format(time.DateOnly) && ev.End <= want.End().Format(time.DateOnly) {
					out = append(out, ev)
				}
			}
		}
		return out
	}
	for _, d := range []string{"2021-09", "2021-11", "2022-03", "2022-10", "2023-02", "2023-05", "2023-10", "2024-02-20"} {
		if len(within(d)) == 0 {
			t.Errorf("no seed milestone dated %s; have %v", d, keys(seedDates))
		}
	}
	// September 2021: the MIIT meeting and Alibaba's apps joining WeChat Pay.
	var sept []string
	for _, ev := range within("2021-09") {
		sept = append(sept, ev.Actors...)
	}
	if !slices.Contains(sept, "miit") || !slices.Contains(sept, "ele-me") || !slices.Contains(sept, "wechat-pay") {
		t.Errorf("2021-09 actors %v, want the MIIT meeting and the Alibaba apps joining WeChat Pay", sept)
	}
	// "October last year" resolves from the page's date, 2024-02-21.
	if evs := seedDates["2023-10"]; len(evs) == 0 || !slices.ContainsFunc(evs[0].Sources, func(s timeline.Source) bool { return strings.Contains(s.Quote, "October last year") }) {
		t.Errorf("2023-10: %+v", evs)
	}
	// The seed and the wire story on the sample site report Taobao's March
	// 2022 test of WeChat Pay: one event, several sources.
	if corroborated["2022-03"] < 2 {
		t.Errorf("seed events with other sources: %v, want 2022-03 among them", corroborated)
	}
	t.Logf("seed events corroborated by other sample pages: %v", corroborated)
	for d := range seedDates {
		if d == "2020" || d == "2025" {
			t.Errorf("an opinion or a plan made the timeline: %s", d)
		}
	}

	// The Chinese pages are on the same timeline.
	var zh index.TimelinePage
	getJSON(t, addr+"/api/v1/timeline?lang=zh&actor=miit", &zh)
	if len(zh.Events) == 0 {
		t.Error("no Chinese MIIT milestone")
	}
	resp, err := http.Get(addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`id="timeline"`)) {
		t.Errorf("web page: %d", resp.StatusCode)
	}
	var bad map[string]any
	if resp := getJSON(t, addr+"/api/v1/timeline?from=banana", &bad); resp.StatusCode != 400 || bad["status"] != float64(400) {
		t.Errorf("from=banana: %d %v", resp.StatusCode, bad)
	}

	// Each configured source with its last run.
	var srcs struct {
		Sources []struct {
			Name    string         `json:"name"`
			LastRun map[string]any `json:"last_run"`
		} `json:"sources"`
	}
	getJSON(t, addr+"/api/v1/sources", &srcs)
	if len(srcs.Sources) != 2 || srcs.Sources[0].LastRun == nil || srcs.Sources[1].LastRun == nil ||
		srcs.Sources[0].LastRun["source"] != srcs.Sources[0].Name {
		t.Errorf("sources: %+v", srcs.Sources)
	}

	// An article, its milestones and its archived copy.
	var ms struct {
		Milestones []timeline.Milestone `json:"milestones"`
	}
	getJSON(t, addr+"/api/v1/milestones?limit=1", &ms)
	if len(ms.Milestones) != 1 {
		t.Fatal("no milestone")
	}
	var art struct {
		ID          string               `json:"id"`
		Milestones  []timeline.Milestone `json:"milestones"`
		ArchivedURL string               `json:"archived_url"`
	}
	if resp := getJSON(t, addr+"/api/v1/articles/"+ms.Milestones[0].DocumentID, &art); resp.StatusCode != 200 || len(art.Milestones) == 0 {
		t.Fatalf("article: %d %+v", resp.StatusCode, art)
	}
	resp, err = http.Get(addr + art.ArchivedURL)
	if err != nil {
		t.Fatal(err)
	}
	archived, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != "sandbox" || !bytes.Contains(archived, []byte("<html")) {
		t.Errorf("archived copy: %d %v (%d bytes)", resp.StatusCode, resp.Header, len(archived))
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// seedPostText is the seed article as it stands in the sample thread.
func seedPostText(t *testing.T) string {
	b, err := os.ReadFile("../../timeline/testdata/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	return timeline.CleanText(string(b))
}

func sampleThread(t *testing.T) string {
	t.Helper()
	b, err := fs.ReadFile(demosite.Site(), "forum/thread-1024-1-1.html")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "thread.html")
	if err := os.WriteFile(path, bytes.ReplaceAll(b, []byte("{{BASE}}"), []byte("https://bbs.example.com")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDatesCommand(t *testing.T) {
	for text, want := range map[string][]string{
		"In March 2022, Taobao began testing. In October of the same year, Alipay followed.": {"2022-03", "2022-10"},
		"去年10月，淘宝上线微信扫码支付；同年11月又开放了链接。":                                                      {"2023-10", "2023-11"},
		"unpaid orders will be closed within 2 hours; revenue was 129.07 billion yuan":       {},
	} {
		out, err := run(t, "dates", "--ref", "2024-02-21", text)
		if err != nil {
			t.Fatal(err)
		}
		var res struct {
			Ref         string `json:"ref"`
			Expressions []struct {
				Text   string `json:"text"`
				Offset int    `json:"offset"`
				Value  string `json:"value"`
			} `json:"expressions"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		got := []string{}
		for _, e := range res.Expressions {
			got = append(got, e.Value)
			if text[e.Offset:e.Offset+len(e.Text)] != e.Text {
				t.Errorf("offset %d is not a byte offset of %q", e.Offset, e.Text)
			}
		}
		if !slices.Equal(got, want) || res.Ref != "2024-02-21" {
			t.Errorf("dates %q = %v (ref %s), want %v", text, got, res.Ref, want)
		}
	}
	if _, err := run(t, "dates", "--ref", "someday", "x"); exitCode(err) != 2 {
		t.Errorf("bad --ref: exit %d", exitCode(err))
	}
	if _, err := run(t, "dates", "--lang", "fr", "x"); exitCode(err) != 2 {
		t.Errorf("bad --lang: exit %d", exitCode(err))
	}
}

// writeConfig writes a configuration crawling the sample site at url.
func writeConfig(t *testing.T, dir, body string) string {
	t.Helper()
	path := filepath.Join(dir, "wallbreak.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCrawlOnceThenSearchAndTimeline(t *testing.T) {
	site := httptest.NewServer(demosite.Handler())
	defer site.Close()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf(`data_dir: %s
allow_private_networks: true
defaults: {delay: 0s, parallelism: 2, timeout: 5s}
sources:
  - {name: sample-feed, type: feed, url: "%s/feed.xml"}
  - {name: sample-sitemap, type: sitemap, url: "%s/sitemap.xml"}
`, filepath.Join(dir, "data"), site.URL, site.URL))
	out, err := run(t, "crawl", "--once", "--config", cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "total") || !strings.Contains(out, "new    5") {
		t.Errorf("crawl summary:\n%s", out)
	}
	// A second crawl of the unchanged site fetches feeds and listings only.
	out, err = run(t, "crawl", "--once", "--config", cfg)
	if err != nil || !strings.Contains(out, "new    0") {
		t.Errorf("recrawl: %v\n%s", err, out)
	}

	ids := func(query string) []string {
		out, err := run(t, "search", "--json", "--config", cfg, query)
		if err != nil {
			t.Fatal(err)
		}
		var res index.SearchResult
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Articles) == 0 {
			t.Errorf("search %q found no article", query)
		}
		var out2 []string
		for _, m := range res.Milestones {
			out2 = append(out2, m.ID)
		}
		return out2
	}
	// The same milestones whichever alias or language names the entity.
	en := ids("WeChat Pay")
	slices.Sort(en)
	if len(en) == 0 {
		t.Error("no milestone for WeChat Pay")
	}
	for _, q := range []string{"微信支付", "wechatpay", `"微信支付"`} {
		got := ids(q)
		slices.Sort(got)
		if !slices.Equal(got, en) {
			t.Errorf("search %q: milestones %v; \"WeChat Pay\" found %v", q, got, en)
		}
	}
	if _, err := run(t, "search", "--config", cfg); exitCode(err) != 2 {
		t.Errorf("empty query: exit %d", exitCode(err))
	}
	for _, bad := range []string{`"unbalanced`, "+", "title:"} {
		m, out, errOut := newMain("")
		err := m.Run(context.Background(), []string{"search", "--config", cfg, bad})
		if exitCode(err) != 2 || out.String() != "" || err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "bad query") {
			t.Errorf("search %q: exit %d, error %v, stdout %q stderr %q", bad, exitCode(err), err, out, errOut)
		}
	}

	out, err = run(t, "timeline", "--json", "--config", cfg, "--actor", "Alipay", "--from", "2022", "--to", "2022")
	if err != nil {
		t.Fatal(err)
	}
	var page index.TimelinePage
	if err := json.Unmarshal([]byte(out), &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Events) == 0 {
		t.Fatal("no Alipay milestone in 2022")
	}
	for _, ev := range page.Events {
		if ev.Date != "2022-10" || !slices.Contains(ev.Actors, "alipay") {
			t.Errorf("event %s %v outside the filter", ev.Date, ev.Actors)
		}
	}
	out, err = run(t, "timeline", "--config", cfg, "--from", "2022-03", "--to", "2022-03")
	if err != nil || !strings.Contains(out, "sources: ") || !strings.Contains(out, "2022-03") || !strings.Contains(out, " events") {
		t.Errorf("timeline (text): %v\n%s", err, out)
	}
	if _, err := run(t, "timeline", "--config", cfg, "--from", "banana"); exitCode(err) != 2 {
		t.Errorf("bad --from: exit %d", exitCode(err))
	}
	out, err = run(t, "crawls", "--config", cfg)
	if err != nil || strings.Count(out, "sample-feed") != 2 {
		t.Errorf("crawls:\n%s", out)
	}
	out, err = run(t, "reindex", "--config", cfg)
	if err != nil || !strings.Contains(out, "reindexed 7 documents") {
		t.Errorf("reindex: %v %s", err, out)
	}
	if after := ids("WeChat Pay"); len(after) == 0 {
		t.Error("nothing found after reindex")
	}
	// Each reindex swaps a symlink to a complete index and removes the
	// one it replaced.
	out, err = run(t, "reindex", "--config", cfg)
	if err != nil {
		t.Fatalf("second reindex: %v %s", err, out)
	}
	fi, err := os.Lstat(filepath.Join(dir, "data", "index"))
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("data/index is not a symlink: %v %v", fi, err)
	}
	built, _ := filepath.Glob(filepath.Join(dir, "data", "index*"))
	if len(built) != 2 { // the symlink and its target
		t.Errorf("left over after two reindexes: %v", built)
	}
	if after := ids("微信支付"); len(after) == 0 {
		t.Error("nothing found after the second reindex")
	}
}

func TestConfigCheck(t *testing.T) {
	dir := t.TempDir()
	good := writeConfig(t, dir, "sources:\n  - {name: a, type: feed, url: https://e.example/feed, schedule: \"0 */2 * * *\"}\n")
	if out, err := run(t, "config", "check", good); err != nil || !strings.Contains(out, "ok (1 sources)") {
		t.Errorf("good config: %v %s", err, out)
	}
	for body, want := range map[string]string{
		"data_dir: x\nsourcez: []\n":                                                           "sourcez",
		"sources:\n  - {name: a, type: rss, url: https://e.example/}\n":                        "type \"rss\"",
		"sources:\n  - {name: a, type: feed, url: https://e.example/, schedule: \"99 * *\"}\n": "schedule",
		"defaults: {delay: soon}\n":                                                            "delay",
	} {
		path := writeConfig(t, t.TempDir(), body)
		m, _, _ := newMain("")
		err := m.Run(context.Background(), []string{"config", "check", path})
		if exitCode(err) != 2 || !strings.Contains(err.Error(), want) {
			t.Errorf("config %q: %v, want exit 2 naming %q", body, err, want)
		}
	}
	// The embedded default configuration is valid and lists real sources.
	cfg, err := loadConfig("")
	if err != nil || len(cfg.Sources) < 4 {
		t.Errorf("default configuration: %v", err)
	}
}

// An unreachable source is logged and retried, never fatal to the daemon.
func TestServeSurvivesUnreachableSource(t *testing.T) {
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf(`data_dir: %s
allow_private_networks: true
defaults: {delay: 0s, timeout: 1s}
sources:
  - {name: gone, type: feed, url: "http://127.0.0.1:1/feed.xml", schedule: "@every 1s"}
`, filepath.Join(dir, "data")))
	addr := startCommand(t, "serve", "--config", cfg, "--addr", "127.0.0.1:0")
	deadline := time.Now().Add(15 * time.Second)
	for {
		var crawls struct {
			Crawls []struct {
				Source string `json:"source"`
				Failed int    `json:"failed"`
			} `json:"crawls"`
		}
		getJSON(t, addr+"/api/v1/crawls", &crawls)
		if len(crawls.Crawls) >= 2 {
			if crawls.Crawls[0].Source != "gone" || crawls.Crawls[0].Failed == 0 {
				t.Errorf("crawl record %+v", crawls.Crawls[0])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the source was not retried: %+v", crawls)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if resp := getJSON(t, addr+"/healthz", nil); resp.StatusCode != 200 {
		t.Errorf("healthz %d", resp.StatusCode)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"--log-format", "xml", "version"}, {"crawl", "--bogus"}} {
		m, _, _ := newMain("")
		if err := m.Run(context.Background(), args); exitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v), want 2", args, exitCode(err), err)
		}
	}
}

// reextract rebuilds everything from the WARC archive alone: the site is
// gone and the new data directory holds nothing but the archive.
func TestReextractFromArchiveWithoutNetwork(t *testing.T) {
	site := httptest.NewServer(demosite.Handler())
	dir := t.TempDir()
	cfg := func(data string) string {
		return writeConfig(t, t.TempDir(), fmt.Sprintf(`data_dir: %s
allow_private_networks: true
defaults: {delay: 0s, timeout: 5s}
sources:
  - {name: sample-feed, type: feed, url: "%s/feed.xml"}
  - {name: sample-sitemap, type: sitemap, url: "%s/sitemap.xml"}
`, data, site.URL, site.URL))
	}
	first := cfg(filepath.Join(dir, "first"))
	if _, err := run(t, "crawl", "--once", "--config", first); err != nil {
		t.Fatal(err)
	}
	site.Close()

	second := filepath.Join(dir, "second")
	if err := os.MkdirAll(filepath.Join(second, "archive"), 0o755); err != nil {
		t.Fatal(err)
	}
	warcs, _ := filepath.Glob(filepath.Join(dir, "first", "archive", "*.warc.gz"))
	if len(warcs) == 0 {
		t.Fatal("the crawl wrote no WARC file")
	}
	for _, w := range warcs {
		b, _ := os.ReadFile(w)
		os.WriteFile(filepath.Join(second, "archive", filepath.Base(w)), b, 0o644)
	}
	out, err := run(t, "reextract", "--config", cfg(second))
	if err != nil || !strings.Contains(out, "reextracted 5 archived pages into 7 documents") {
		t.Fatalf("reextract: %v\n%s", err, out)
	}
	timelineOf := func(c string) []string {
		out, err := run(t, "timeline", "--json", "--config", c)
		if err != nil {
			t.Fatal(err)
		}
		var page index.TimelinePage
		json.Unmarshal([]byte(out), &page)
		var ids []string
		for _, e := range page.Events {
			ids = append(ids, e.ID)
		}
		return ids
	}
	a, b := timelineOf(first), timelineOf(cfg(second))
	if len(a) == 0 || !slices.Equal(a, b) {
		t.Errorf("timeline after reextract differs: %d vs %d events", len(a), len(b))
	}
}

// The same story reposted on another host is one story with a mirror, not
// a second set of milestones.
func TestRepostOnAnotherHostIsAMirror(t *testing.T) {
	story, err := os.ReadFile("../../timeline/testdata/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Split(string(story), "您需要登录后")[0]
	page := func(site, extra string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/story.html" {
				http.NotFound(w, r)
				return
			}
			fmt.Fprintf(w, `<html><head><meta property="og:site_name" content="%s"><meta property="article:published_time" content="2024-02-21T10:32:00+08:00"></head><body><nav>Home | News</nav><article><h1>Taobao and WeChat Pay</h1>`, site)
			for _, p := range strings.Split(body, "\n") {
				fmt.Fprintf(w, "<p>%s</p>\n", p)
			}
			fmt.Fprintf(w, "</article><footer>%s</footer></body></html>", extra)
		})
	}
	original := httptest.NewServer(page("Nandu", "© Southern Metropolis Daily"))
	defer original.Close()
	repost := httptest.NewServer(page("Reposts Daily", "Reposted without changes. Comments closed."))
	defer repost.Close()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf(`data_dir: %s
allow_private_networks: true
defaults: {delay: 0s, timeout: 5s}
sources:
  - {name: original, type: page, url: "%s/story.html"}
  - {name: repost, type: page, url: "%s/story.html"}
`, filepath.Join(dir, "data"), original.URL, repost.URL))
	if _, err := run(t, "crawl", "--once", "--config", cfg); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "timeline", "--json", "--config", cfg)
	if err != nil {
		t.Fatal(err)
	}
	var page2 index.TimelinePage
	if err := json.Unmarshal([]byte(out), &page2); err != nil {
		t.Fatal(err)
	}
	if len(page2.Events) == 0 {
		t.Fatal("no events")
	}
	for _, ev := range page2.Events {
		src := ev.Sources[0]
		if strings.HasPrefix(src.URL, repost.URL) {
			t.Fatalf("the repost produced its own milestones: %s %q", ev.Date, ev.Title)
		}
		if len(src.Mirrors) != 1 || !strings.HasPrefix(src.Mirrors[0].URL, repost.URL) || src.Mirrors[0].Publisher != "Reposts Daily" {
			t.Errorf("event %s lists mirrors %+v", ev.Date, src.Mirrors)
		}
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/crawler/demosite"
	"github.com/wallbreak/wallbreak/index"
)

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

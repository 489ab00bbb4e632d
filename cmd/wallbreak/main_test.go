package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
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

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"--log-format", "xml", "version"}, {"crawl", "--bogus"}} {
		m, _, _ := newMain("")
		if err := m.Run(context.Background(), args); exitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v), want 2", args, exitCode(err), err)
		}
	}
}

package main

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestExtractCommand(t *testing.T) {
	out, err := run(t, "extract", sampleThread(t))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Document struct {
			URL, Title, Lang, Text string
			PublishedAt            *string `json:"published_at"`
		} `json:"document"`
		Milestones []map[string]any `json:"milestones"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	for _, chrome := range []string{"您需要登录后才可以回帖", "本版积分规则", "新手上路", "Follow", "Articles\n"} {
		if strings.Contains(res.Document.Text, chrome) {
			t.Errorf("text has chrome %q", chrome)
		}
	}
	if res.Document.Lang != "en" || res.Document.PublishedAt == nil || *res.Document.PublishedAt != "2024-02-21T10:32:00+08:00" {
		t.Errorf("document %+v", res.Document)
	}
	for _, m := range res.Milestones {
		for _, k := range []string{"date", "precision", "start", "end", "actors", "category", "quote", "confidence"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("milestone lacks %q: %v", k, m)
			}
		}
	}
	if len(res.Milestones) < 10 {
		t.Errorf("%d milestones", len(res.Milestones))
	}

	// Plain text from standard input, with the publication date given.
	seed, _ := os.ReadFile("../../timeline/testdata/seed-article.txt")
	m, stdout, _ := newMain(string(seed))
	if err := m.Run(context.Background(), []string{"extract", "--text", "--published", "2024-02-21", "-"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), `"date": "2023-10"`) || strings.Contains(stdout.String(), "本版积分规则") {
		t.Errorf("--text extraction: %.300s", stdout)
	}
	if _, err := run(t, "extract", "/no/such/file"); exitCode(err) != 2 {
		t.Errorf("missing file: exit %d", exitCode(err))
	}
	if _, err := run(t, "extract", "--published", "yesterday-ish", sampleThread(t)); exitCode(err) != 2 {
		t.Errorf("bad --published: exit %d", exitCode(err))
	}
}

// --explain says what became of every dated statement: in a table, or
// under "explain" with --json, next to the usual output.
func TestExtractExplain(t *testing.T) {
	page := writeTemp(t, "note.txt", "On 5 September 2024, Taobao began accepting WeChat Pay. "+
		"In January 2024, Meituan did not accept WeChat Pay. In March 2025, Taobao will start accepting UnionPay.")
	out, err := run(t, "extract", "--text", "--published", "2024-09-06", "--explain", page)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 3 && strings.HasPrefix(f[0], "20") {
			rows = append(rows, strings.Join(f[:4], " "))
		}
	}
	want := []string{"2024-09-05 milestone - On", "2024-01 dropped negated In", "2025-03 set aside: planned"}
	if !slices.Equal(rows, want) {
		t.Errorf("--explain rows %q, want %q:\n%s", rows, want, out)
	}
	for _, want := range []string{"3 dated statements, 1 on the timeline", "after-page-date", "says that something did not happen"} {
		if !strings.Contains(out, want) {
			t.Errorf("--explain lacks %q:\n%s", want, out)
		}
	}
	out, err = run(t, "extract", "--text", "--published", "2024-09-06", "--explain", "--json", page)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Milestones []struct{ ID string } `json:"milestones"`
		Explain    []struct {
			Milestone   bool   `json:"milestone"`
			MilestoneID string `json:"milestone_id"`
			Rule        string `json:"rule"`
			Status      string `json:"status"`
		} `json:"explain"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Explain) != 3 || len(res.Milestones) != 1 || res.Explain[0].MilestoneID != res.Milestones[0].ID ||
		res.Explain[1].Milestone || res.Explain[1].Rule != "negated" || res.Explain[2].Status != "planned" {
		t.Errorf("--explain --json: %+v", res)
	}
	if out, err := run(t, "extract", "--text", "--published", "2024-09-06", page); err != nil || strings.Contains(out, `"explain"`) {
		t.Errorf("explain without --explain: %v %.200s", err, out)
	}
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := t.TempDir() + "/" + name
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A page dated only by its URL (/2021/1014/) takes that day, says so, and
// its yearless "9月30日" resolves against it.
func TestExtractDatedByURL(t *testing.T) {
	page := t.TempDir() + "/page.html"
	html := `<html><body><article><h1>收款码互认进展</h1>
<p>据了解，9月30日，支付宝宣布已与银联云闪付实现收款码互认，用户可以使用云闪付扫描支付宝收款码完成付款。</p>
<p>此前，微信支付也表示将逐步开放与银联的互联互通，双方正在进行技术测试，具体开放时间尚未公布。</p></article></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "extract", "--url", "https://news.example.cn/tech/2021/1014/77.html", page)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Document struct {
			PublishedAt   *string `json:"published_at"`
			PublishedFrom string  `json:"published_from"`
		} `json:"document"`
		Milestones []struct{ Date string } `json:"milestones"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if p := res.Document.PublishedAt; p == nil || !strings.HasPrefix(*p, "2021-10-14") || res.Document.PublishedFrom != "url" {
		t.Errorf("published %v from %q, want 2021-10-14 from url", p, res.Document.PublishedFrom)
	}
	if len(res.Milestones) == 0 || res.Milestones[0].Date != "2021-09-30" {
		t.Errorf("milestones %+v, want the first on 2021-09-30", res.Milestones)
	}
}

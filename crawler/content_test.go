package crawler

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/crawler/demosite"
)

func samplePage(t testing.TB, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(demosite.Site(), name)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.ReplaceAll(b, []byte("{{BASE}}"), []byte("https://sample.example"))
}

func TestExtractDiscuzThread(t *testing.T) {
	docs, err := ExtractHTML("https://sample.example/forum/thread-1024-1-1.html?utm_source=rss", samplePage(t, "forum/thread-1024-1-1.html"), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want one per floor (3)", len(docs))
	}
	first := docs[0]
	if first.URL != "https://sample.example/forum/thread-1024-1-1.html" {
		t.Errorf("canonical URL not used: %s", first.URL)
	}
	if first.Author != "吖咩嘚咩s" || first.Kind != "post" || first.Lang != "en" {
		t.Errorf("author/kind/lang = %q %q %q", first.Author, first.Kind, first.Lang)
	}
	if first.PublishedAt == nil || first.PublishedAt.Format(time.RFC3339) != "2024-02-21T10:32:00+08:00" {
		t.Errorf("published %v, want 2024-02-21 10:32 Beijing time (the footer says GMT+8)", first.PublishedAt)
	}
	for _, chrome := range []string{"您需要登录后才可以回帖", "本版积分规则", "新手上路", "Follow", "첫 페이지", "只看该作者", "本帖来自", "wallbreak-copy-guard", "发表于", "Powered by"} {
		for _, d := range docs {
			if strings.Contains(d.Text, chrome) {
				t.Errorf("chrome %q in the text of %s", chrome, d.URL)
			}
		}
	}
	if !strings.HasPrefix(first.Text, "Some netizens recently posted") || !strings.HasSuffix(first.Text, "respective strategic interests.") {
		t.Errorf("first post text cut: %q…", first.Text[:60])
	}
	if docs[1].Author != "破壁观察员" || docs[1].Lang != "zh" || !strings.HasSuffix(docs[1].URL, "#pid3312") ||
		docs[1].PublishedAt.Format(time.RFC3339) != "2024-02-21T23:40:12+08:00" {
		t.Errorf("second floor: %+v", docs[1])
	}
}

func TestExtractNewsArticle(t *testing.T) {
	docs, err := ExtractHTML("https://sample.example/news/taobao-tests-wechat-pay.html", samplePage(t, "news/taobao-tests-wechat-pay.html"), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Publisher != "Example Tech Daily" || d.Lang != "en" || d.Kind != "article" {
		t.Errorf("publisher/lang/kind = %q %q %q", d.Publisher, d.Lang, d.Kind)
	}
	if d.PublishedAt == nil || !d.PublishedAt.Equal(time.Date(2024, 2, 21, 8, 20, 0, 0, time.UTC)) {
		t.Errorf("published %v", d.PublishedAt)
	}
	for _, chrome := range []string{"Subscribe", "Related stories", "In 2019, Tencent and Alibaba traded", "All rights reserved", "Daily Brief"} {
		if strings.Contains(d.Text, chrome) {
			t.Errorf("chrome %q in the text", chrome)
		}
	}
	if !strings.Contains(d.Text, "In March 2022, Taobao began an internal test of WeChat Pay") {
		t.Errorf("content missing: %q", d.Text)
	}
}

func TestExtractChineseNews(t *testing.T) {
	docs, err := ExtractHTML("https://sample.example/zh/taobao-wechat-scan-pay.html", samplePage(t, "zh/taobao-wechat-scan-pay.html"), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Lang != "zh" || d.Publisher != "示例科技网" {
		t.Errorf("lang/publisher = %q %q", d.Lang, d.Publisher)
	}
	// "发布时间：2023-10-26 09:15" is Beijing time.
	if d.PublishedAt == nil || d.PublishedAt.UTC().Format(time.RFC3339) != "2023-10-26T01:15:00Z" {
		t.Errorf("published %v", d.PublishedAt)
	}
	for _, chrome := range []string{"相关阅读", "2020年双11成交额创新高", "责任编辑", "版权所有", "下载客户端"} {
		if strings.Contains(d.Text, chrome) {
			t.Errorf("chrome %q in the text", chrome)
		}
	}
}

func TestExtractJSONLDDate(t *testing.T) {
	docs, err := ExtractHTML("https://sample.example/news/moments-ads-taobao.html", samplePage(t, "news/moments-ads-taobao.html"), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if p := docs[0].PublishedAt; p == nil || p.UTC().Format(time.RFC3339) != "2023-05-18T01:00:00Z" {
		t.Errorf("published %v", p)
	}
	if strings.Contains(docs[0].Text, "reader42") {
		t.Error("comments in the text")
	}
}

func TestExtractBadInput(t *testing.T) {
	if _, err := ExtractHTML("https://x.example/", []byte("<html><body><nav>Home</nav></body></html>"), Hints{}); err == nil {
		t.Error("a page with no text gave no error")
	}
	if _, err := ExtractHTML("https://x.example/", []byte("<<<>>>\x00\xff<p>broken <b>html"), Hints{}); err == nil {
		// malformed HTML parses leniently; "broken html" is text
		return
	}
}

func FuzzExtractHTML(f *testing.F) {
	f.Add(string(samplePage(f, "forum/thread-1024-1-1.html")))
	f.Add(string(samplePage(f, "zh/miit-link-blocking.html")))
	f.Add("<p>In March 2022, Taobao</p><td class=t_f id=postmessage_1>x</td>")
	f.Fuzz(func(t *testing.T, page string) {
		docs, err := ExtractHTML("https://fuzz.example/p", []byte(page), Hints{})
		if err != nil {
			return
		}
		for _, d := range docs {
			if d.URL == "" || d.ID == "" || (d.Lang != "en" && d.Lang != "zh") {
				t.Fatalf("incomplete document %+v", d)
			}
		}
	})
}

func BenchmarkExtractHTML(b *testing.B) {
	page := samplePage(b, "news/taobao-tests-wechat-pay.html")
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := ExtractHTML("https://sample.example/news/taobao-tests-wechat-pay.html", page, Hints{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestExtractDiscourseThread(t *testing.T) {
	page, err := os.ReadFile("../testdata/gold/05-en-discourse-thread.html")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ExtractHTML("https://forum.example.org/t/x/4821", page, Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 4 {
		t.Fatalf("got %d documents, want one per post (4)", len(docs))
	}
	want := []struct{ author, published, starts string }{
		{"kaiwen", "2024-09-07T02:14:09Z", "I just paid for a Tmall order"},
		{"lin_w", "2024-09-07T05:40:51Z", "Short version: the regulator"},
		{"mgr", "2024-09-08T11:02:00Z", "Also worth remembering"},
		{"kaiwen", "2024-09-08T12:30:00Z", "Thanks, that's exactly"},
	}
	for i, w := range want {
		d := docs[i]
		if d.Author != w.author || d.PublishedAt == nil || d.PublishedAt.UTC().Format(time.RFC3339) != w.published || !strings.HasPrefix(d.Text, w.starts) {
			t.Errorf("post %d: %q %v %.40q", i+1, d.Author, d.PublishedAt, d.Text)
		}
		for _, chrome := range []string{"Likes", "Related topics", "Powered by", "Terms of Service"} {
			if strings.Contains(d.Text, chrome) {
				t.Errorf("post %d has chrome %q", i+1, chrome)
			}
		}
	}
	if docs[1].URL != "https://forum.example.org/t/taobao-finally-takes-wechat-pay-what-changed/4821#post_2" {
		t.Errorf("second post URL %s", docs[1].URL)
	}
}

// Publication dates written out in English: a byline, Dublin Core
// metadata, a wire dateline.
func TestPublishedDateWrittenOut(t *testing.T) {
	for name, page := range map[string]string{
		"byline":   `<html><body><h1>T</h1><p class="byline">Analysis · 20 May 2025</p><article><p>Taobao began accepting WeChat Pay in 2024 and many other things happened.</p></article></body></html>`,
		"dcterms":  `<html><head><meta name="dcterms.date" content="2025-05-20"></head><body><article><p>Taobao began accepting WeChat Pay in 2024.</p></article></body></html>`,
		"dateline": `<html><body><div class="nav">News releases | Contacts</div><div class="release"><p>HANGZHOU, China, May 20, 2025 /PRNewswire/ -- Xianyu today announced that buyers can now pay with WeChat Pay.</p></div></body></html>`,
	} {
		docs, err := ExtractHTML("https://e.example/"+name, []byte(page), Hints{})
		if err != nil || len(docs) == 0 {
			t.Fatalf("%s: %v", name, err)
		}
		if p := docs[0].PublishedAt; p == nil || p.Format("2006-01-02") != "2025-05-20" {
			t.Errorf("%s: published %v, want 2025-05-20", name, p)
		}
	}
}

package crawler

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

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

// A sidebar longer than a short article is never taken for it, and a
// "related" list of other stories' dated headlines inside the article
// body is dropped.
func TestExtractSkipsSidebarsAndRelatedLinks(t *testing.T) {
	side := strings.Repeat("Our community has rules about civility, sourcing, and posting in the right place, and a wiki. ", 8)
	page := `<html><body><aside class="widget"><p>` + side + `</p></aside>
<div class="sidebar"><p>` + side + `</p></div>
<div id="js_content"><p>7月1日起，支付宝与微信支付线下收款码互认互通范围扩大至全国所有城市，个人商户无需再同时张贴两张收款码。</p>
<p>据了解，双方此前已于2023年12月在12个城市开展试点。</p>
<section><p><span>往期推荐</span></p></section>
<section><p><a href="/s/abc">2024年9月｜淘宝全面接入微信支付，覆盖全部商家</a></p></section>
<p><a href="/s/def">2022年10月｜支付宝支持向微信好友转账</a></p>
<h3>Related stories</h3><ul><li><a href="/a">Alipay opens to WeChat Pay in 2023</a></li></ul></div></body></html>`
	docs, err := ExtractHTML("https://mp.example.cn/s/x", []byte(page), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	text := docs[0].Text
	if !strings.Contains(text, "收款码互认互通") || !strings.Contains(text, "开展试点") {
		t.Errorf("article lost: %q", text)
	}
	for _, chrome := range []string{"community has rules", "往期推荐", "淘宝全面接入微信支付", "好友转账", "Related", "Alipay opens"} {
		if strings.Contains(text, chrome) {
			t.Errorf("text has %q: %q", chrome, text)
		}
	}
}

// A page dated nowhere but in its URL's path takes that day; a path whose
// numbers are no date, or a page that dates itself, does not.
func TestPublishedFromURL(t *testing.T) {
	page := []byte(`<html><body><div class="entry-content">Tmall opened its checkout to WeChat Pay on Oct. 14, Alibaba said on Tuesday.<br><br>JD.com started accepting Alipay last month.</div></body></html>`)
	for u, want := range map[string]string{
		"https://news.example.com/2024/11/12/tmall-wechat-pay/": "2024-11-12",
		"https://news.example.com/2024-11-12/tmall.html":        "2024-11-12",
		"https://news.example.com/tech/20241112/tmall.html":     "2024-11-12",
		"https://news.example.com/2024/13/45/tmall/":            "",
		"https://news.example.com/article/12345678/":            "",
	} {
		docs, err := ExtractHTML(u, page, Hints{})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if p := docs[0].PublishedAt; p != nil {
			got = p.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("%s: published %q, want %q", u, got, want)
		}
	}
	dated := []byte(`<html><head><meta property="article:published_time" content="2024-11-13T08:00:00Z"></head><body><article><p>Tmall opened its checkout to WeChat Pay.</p></article></body></html>`)
	docs, err := ExtractHTML("https://news.example.com/2024/11/10/x/", dated, Hints{})
	if err != nil || docs[0].PublishedAt == nil || docs[0].PublishedAt.Format("2006-01-02") != "2024-11-13" {
		t.Errorf("the page's own date must win over its URL's: %v %v", docs[0].PublishedAt, err)
	}
}

// A press release's closing "About <company>" section is the company's
// standing description, not news; an "About" heading over anything else
// stays.
func TestExtractDropsAboutBoilerplate(t *testing.T) {
	release := `<html><body><div class="release-body"><h1>Alipay merchants can accept WeChat Pay</h1>
<p>HANGZHOU, China, Nov. 3, 2025 /PRWireAsia/ -- Ant Group today announced that merchants on the Alipay mini program platform can now accept WeChat Pay at checkout, starting with 500 merchants.</p>
<p>The integration builds on a pilot with 50 merchants that began on Aug. 18.</p>
<p><b>About Ant Group</b></p>
<p>Ant Group was founded in 2014 and is a leading open Internet platform serving consumers and small businesses.</p>
<p>Media contact: press@antgroup.example</p></div></body></html>`
	docs, err := ExtractHTML("https://pr.example.com/r/1", []byte(release), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if text := docs[0].Text; strings.Contains(text, "founded in 2014") || strings.Contains(text, "Media contact") || !strings.Contains(text, "began on Aug. 18") {
		t.Errorf("release text: %q", text)
	}
	article := strings.Replace(strings.Replace(release, "About Ant Group", "About the deal", 1), "Ant Group was founded in 2014", "The deal was signed in 2024", 1)
	docs, err = ExtractHTML("https://pr.example.com/r/2", []byte(article), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(docs[0].Text, "signed in 2024") {
		t.Errorf("an ordinary 'About' section was dropped: %q", docs[0].Text)
	}
}

// A mail-archive message: hard-wrapped prose in <pre> becomes one line per
// paragraph (quoted lines kept apart), and its ctime-style date dates it.
func TestExtractMailArchive(t *testing.T) {
	page := `<html><head><title>[china-tech] Taobao links</title></head><body>
<h1>[china-tech] Taobao links</h1><b>Dan Porter</b> <a href="mailto:x">dan at example.org</a><br>
<i>Tue Mar  4 09:12:31 PST 2025</i><hr>
<pre>Hi all,

Quick note for the timeline project: Taobao product links started
opening directly inside WeChat group chats on Feb. 27, according to
the notice Taobao posted that day.

Dan

&gt; On Mar 3, 2025, Li Na wrote:
&gt; Did anyone see whether Alipay can pay inside WeChat mini programs yet?
&gt; I tried on Feb. 20 and it still did not work.
</pre><hr></body></html>`
	docs, err := ExtractHTML("https://lists.example.org/pipermail/china-tech/2025-March/004103.html", []byte(page), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if !strings.Contains(d.Text, "Taobao product links started opening directly inside WeChat group chats on Feb. 27, according to the notice Taobao posted that day.") {
		t.Errorf("not reflowed: %q", d.Text)
	}
	if !strings.Contains(d.Text, "\n> On Mar 3, 2025, Li Na wrote:") || strings.Contains(d.Text, "that day. Dan") {
		t.Errorf("paragraphs or quotes run together: %q", d.Text)
	}
	if d.PublishedAt == nil || d.PublishedAt.UTC().Format(time.RFC3339) != "2025-03-04T17:12:31Z" {
		t.Errorf("published %v", d.PublishedAt)
	}
	// Code and short lines keep their lines.
	for _, text := range []string{"func main() {\n    pay()\n}\n", "Name: Alipay\nDate: 2023\nStatus: live\n"} {
		if got := reflow(text); got != text {
			t.Errorf("reflow(%q) = %q", text, got)
		}
	}
}

// "Read more:" links and correction notes inside an article are about
// other stories and the story's own earlier text, not news.
func TestExtractDropsInlineRelatedAndCorrections(t *testing.T) {
	page := `<html><body><article><div class="article-body">
<p>Taobao said on Wednesday that all of its shoppers can now pay with WeChat Pay, completing a rollout that began in mid-September.</p>
<p>Read more: <a href="/2022/alipay-wechat">Alipay opened transfers to WeChat users in 2022</a></p>
<p>The change makes Tencent's wallet an option on China's largest shopping site for the first time.</p>
<p>Read more about how the rollout worked in our explainer, which <a href="/x">covers it</a> in depth and more.</p>
<p><em>Correction, Oct. 3, 2024: An earlier version of this article said Taobao's rollout began in August. It began in September.</em></p>
</div></article></body></html>`
	docs, err := ExtractHTML("https://e.example/2024/10/03/taobao", []byte(page), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	text := docs[0].Text
	for _, gone := range []string{"Alipay opened transfers", "Correction", "earlier version"} {
		if strings.Contains(text, gone) {
			t.Errorf("text has %q: %q", gone, text)
		}
	}
	for _, kept := range []string{"completing a rollout", "Tencent's wallet", "Read more about how the rollout worked"} {
		if !strings.Contains(text, kept) {
			t.Errorf("text lost %q: %q", kept, text)
		}
	}
}

// A PDF converted to HTML breaks sentences at every printed line: they are
// joined where a line plainly goes on; headings and items stay lines.
func TestExtractJoinsWrappedLines(t *testing.T) {
	page, err := os.ReadFile("../testdata/gold/84-en-pdf2html-lines.html")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ExtractHTML("https://e.example/report.html", page, Hints{})
	if err != nil {
		t.Fatal(err)
	}
	text := docs[0].Text
	for _, want := range []string{
		"Taobao began accepting WeChat Pay for all orders in September 2024, after a month-long test with a subset of merchants. Alipay had opened transfers to WeChat friends in October 2022.",
		"\n2. Links\n",
		"WeChat has allowed links to Taobao in one-on-one chats since September 2021.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q: %q", want, text)
		}
	}
}

// A page dated by nothing but its modification time takes that.
func TestPublishedFromModified(t *testing.T) {
	page := `<html><head><meta itemprop="dateModified" content="2025-02-03T09:30:00+08:00"></head><body><div class="post-body"><p>Alipay began letting users in Guangdong sign in with their WeChat accounts on Friday, the company said.</p></div></body></html>`
	docs, err := ExtractHTML("https://e.example/post", []byte(page), Hints{})
	if err != nil || docs[0].PublishedAt == nil || docs[0].PublishedAt.Format("2006-01-02") != "2025-02-03" {
		t.Errorf("published %v, %v", docs[0].PublishedAt, err)
	}
}

// A definition list's term and definition are one line of text.
func TestBlockTextDefinitionList(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<dl><dt>Sept. 2021</dt><dd>WeChat opens one-on-one chats to links.</dd><dt>Oct. 2022</dt><dd>Alipay lets users transfer money to WeChat friends.</dd></dl>`))
	if err != nil {
		t.Fatal(err)
	}
	want := "Sept. 2021 – WeChat opens one-on-one chats to links.\nOct. 2022 – Alipay lets users transfer money to WeChat friends."
	if got := blockText(doc); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

package crawler

import (
	"bytes"
	"golang.org/x/net/html"
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

// An old-Reddit thread: one document per submission and comment, each
// with its author and time (a malformed time passed over for the next);
// deleted comments, the sidebar, buttons and footer are no text.
func TestExtractRedditThread(t *testing.T) {
	page := `<html lang="en"><head><title>Taobao takes WeChat Pay : r/chinalife</title><meta property="og:site_name" content="reddit"></head><body>
<div id="header"><a href="/">reddit</a> <a href="/r/chinalife/hot">hot</a></div>
<div class="side"><div class="titlebox"><h1>chinalife</h1><p>A community for expats living in mainland China, with a long description of the rules and the wiki and much more text than any post below it.</p></div></div>
<div class="content" role="main">
<div class=" thing id-t3_1abcd odd link self" id="thing_t3_1abcd" data-fullname="t3_1abcd" data-type="link" data-author="harbin_nights" data-permalink="/r/chinalife/comments/1abcd/taobao_takes_wechat_pay/">
<div class="entry unvoted"><p class="title"><a class="title may-blank" href="/r/chinalife/comments/1abcd/taobao_takes_wechat_pay/">Taobao takes WeChat Pay in the international app</a></p>
<p class="tagline">submitted <time title="Sun Oct 5 14:22:11 2025 UTC" datetime="2025-10-05T14:22:11+00:00" class="live-timestamp">3 days ago</time> by <a href="/user/harbin_nights" class="author">harbin_nights</a></p>
<div class="expando"><form class="usertext"><div class="usertext-body may-blank-within md-container"><div class="md"><p>As of this morning I can pick WeChat Pay at checkout.</p></div></div></form></div>
<ul class="flat-list buttons"><li class="first">87 comments</li><li>share</li></ul></div></div>
<div class="commentarea"><div class="sitetable nestedlisting">
<div class=" thing id-t1_c1 noncollapsed comment " id="thing_t1_c1" data-fullname="t1_c1" data-type="comment" data-author="kw_sh" data-permalink="/r/chinalife/comments/1abcd/taobao_takes_wechat_pay/c1/">
<div class="entry unvoted"><p class="tagline"><a href="/user/kw_sh" class="author">kw_sh</a> <span class="score unvoted">41 points</span> <time datetime="2025-1005T15:02:40+00:00">3 days ago</time><time datetime="2025-10-05T15:02:40+00:00">3 days ago</time></p>
<form class="usertext"><div class="usertext-body may-blank-within md-container"><div class="md"><p>Alipay could send money to WeChat friends back in Oct 2022.</p></div></div></form>
<ul class="flat-list buttons"><li class="first">permalink</li><li>reply</li></ul></div>
<div class="child"><div class="sitetable listing">
<div class=" thing id-t1_c2 noncollapsed comment " id="thing_t1_c2" data-type="comment" data-permalink="/r/chinalife/comments/1abcd/taobao_takes_wechat_pay/c2/">
<div class="entry unvoted"><p class="tagline"><a class="author">lostinshenzhen</a> <time datetime="2025-10-06T01:40:13+00:00">2 days ago</time></p>
<form class="usertext"><div class="usertext-body"><div class="md"><p>Not for me yet.</p></div></div></form></div></div>
<div class=" thing id-t1_c3 deleted comment " id="thing_t1_c3" data-type="comment"><div class="entry"><p class="tagline"><em>[deleted]</em></p><form class="usertext"><div class="usertext-body"><div class="md"><p>[deleted]</p></div></div></form></div></div>
</div></div></div>
</div></div></div>
<div class="footer">reddit inc © 2025. all rights reserved.</div></body></html>`
	docs, err := ExtractHTML("https://old.reddit.com/r/chinalife/comments/1abcd/taobao_takes_wechat_pay/", []byte(page), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want the submission and two comments", len(docs))
	}
	want := []struct{ author, published, text, url string }{
		{"harbin_nights", "2025-10-05T14:22:11Z", "As of this morning I can pick WeChat Pay at checkout.", "https://old.reddit.com/r/chinalife/comments/1abcd/taobao_takes_wechat_pay/"},
		{"kw_sh", "2025-10-05T15:02:40Z", "Alipay could send money to WeChat friends back in Oct 2022.", "https://old.reddit.com/r/chinalife/comments/1abcd/taobao_takes_wechat_pay/c1/"},
		{"lostinshenzhen", "2025-10-06T01:40:13Z", "Not for me yet.", "https://old.reddit.com/r/chinalife/comments/1abcd/taobao_takes_wechat_pay/c2/"},
	}
	for i, w := range want {
		d := docs[i]
		if d.Author != w.author || d.PublishedAt == nil || d.PublishedAt.UTC().Format(time.RFC3339) != w.published || d.Text != w.text || d.URL != w.url {
			t.Errorf("document %d: %q %v %q %s", i, d.Author, d.PublishedAt, d.Text, d.URL)
		}
	}
	if docs[0].Title != "Taobao takes WeChat Pay in the international app" || !strings.HasPrefix(docs[1].Title, "Re: ") {
		t.Errorf("titles %q, %q", docs[0].Title, docs[1].Title)
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
	docs, err := ExtractHTML("https://news.example.com/2024/11/12/x/", dated, Hints{})
	if err != nil || docs[0].PublishedAt == nil || docs[0].PublishedAt.Format("2006-01-02") != "2024-11-13" {
		t.Errorf("the page's own date must win over its URL's: %v %v", docs[0].PublishedAt, err)
	}
}

// A V2EX thread: the topic and each reply are documents of their own,
// dated by their own times (with their zone), the sidebar no text.
func TestExtractV2EXThread(t *testing.T) {
	page := `<html><head><title>淘宝链接现在能在微信群里直接打开了？ - V2EX</title></head><body>
<div id="Rightbar"><div class="box"><div class="cell">V2EX 是创意工作者们的社区，是一个分享自己正在做的有趣事物、交流想法，可以遇见新朋友甚至新机会的地方，这段介绍比任何回复都长得多。</div></div></div>
<div id="Main"><div class="box"><div class="header"><h1>淘宝链接现在能在微信群里直接打开了？</h1>
<small class="gray"><a href="/member/zhouxx">zhouxx</a> · <span title="2025-06-20 10:15:02 +08:00">2 天前</span> · 1024 次点击</small></div>
<div class="cell"><div class="topic_content"><div class="markdown_body"><p>今天在群里点了个淘宝链接，居然直接打开了。</p></div></div></div></div>
<div class="box">
<div id="r_1002" class="cell"><table><tr><td><div class="fr"><span class="no">2</span></div><strong><a href="/member/mingming" class="dark">mingming</a></strong> <span class="ago" title="2025-06-21 09:12:55 +08:00">1 天前</span><div class="reply_content">淘宝昨天发了公告。</div></td></tr></table></div>
<div id="r_1003" class="cell"><table><tr><td><strong><a href="/member/k1" class="dark">k1</a></strong> <span class="ago" title="2025-06-21 09:20:02 +08:00">1 天前</span><div class="reply_content">微信那边去年9月就放开单聊了</div></td></tr></table></div>
</div></div></body></html>`
	docs, err := ExtractHTML("https://www.v2ex.com/t/1130000", []byte(page), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ author, published, text, url, title string }{
		{"zhouxx", "2025-06-20T02:15:02Z", "今天在群里点了个淘宝链接，居然直接打开了。", "https://www.v2ex.com/t/1130000", "淘宝链接现在能在微信群里直接打开了？"},
		{"mingming", "2025-06-21T01:12:55Z", "淘宝昨天发了公告。", "https://www.v2ex.com/t/1130000#r_1002", "Re: 淘宝链接现在能在微信群里直接打开了？ (#2)"},
		{"k1", "2025-06-21T01:20:02Z", "微信那边去年9月就放开单聊了", "https://www.v2ex.com/t/1130000#r_1003", "Re: 淘宝链接现在能在微信群里直接打开了？ (#3)"}, // no floor printed: the next
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d documents, want %d", len(docs), len(want))
	}
	for i, w := range want {
		d := docs[i]
		if d.Author != w.author || d.PublishedAt == nil || d.PublishedAt.UTC().Format(time.RFC3339) != w.published || d.Text != w.text || d.URL != w.url || d.Title != w.title {
			t.Errorf("document %d: %q %v %q %s %q", i, d.Author, d.PublishedAt, d.Text, d.URL, d.Title)
		}
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

// An archived tweet thread (Nitter's markup, or X's own): a document per
// tweet, each of its own day.
func TestExtractTweetThread(t *testing.T) {
	nitter := `<html><head><title>Thread by @ctw</title></head><body><div class="timeline">
<div class="timeline-item"><div class="tweet-header"><a class="username">@ctw</a> <span class="tweet-date"><a href="/ctw/status/1" title="Sep 17, 2021 · 9:05 AM UTC">Sep 17, 2021</a></span></div>
<div class="tweet-content">Starting today, WeChat users can open Taobao links in one-on-one chats. 1/2</div></div>
<div class="timeline-item"><div class="tweet-header"><a class="username">@ctw</a> <span class="tweet-date"><a href="/ctw/status/2" title="Oct 20, 2022 · 3:12 AM UTC">Oct 20, 2022</a></span></div>
<div class="tweet-content">Alipay today added a way to send money to WeChat friends. 2/2</div></div>
</div></body></html>`
	x := `<html><head><title>X</title></head><body>
<article data-testid="tweet"><div data-testid="User-Name"><a href="/ctw">@ctw</a></div><a href="/ctw/status/1"><time datetime="2021-09-17T09:05:00.000Z">Sep 17, 2021</time></a><div data-testid="tweetText">Starting today, WeChat users can open Taobao links in one-on-one chats.</div></article>
<article data-testid="tweet"><div data-testid="User-Name"><a href="/ctw">@ctw</a></div><a href="/ctw/status/2"><time datetime="2022-10-20T03:12:00.000Z">Oct 20, 2022</time></a><div data-testid="tweetText">Alipay today added a way to send money to WeChat friends.</div></article>
</body></html>`
	for name, page := range map[string]string{"nitter": nitter, "x": x} {
		docs, err := ExtractHTML("https://twitter.example.com/ctw/status/1", []byte(page), Hints{})
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 2 {
			t.Fatalf("%s: %d documents", name, len(docs))
		}
		if docs[0].PublishedAt == nil || docs[0].PublishedAt.Format("2006-01-02") != "2021-09-17" ||
			docs[1].PublishedAt == nil || docs[1].PublishedAt.Format("2006-01-02") != "2022-10-20" {
			t.Errorf("%s: days %v, %v", name, docs[0].PublishedAt, docs[1].PublishedAt)
		}
		if !strings.HasPrefix(docs[1].Text, "Alipay today added") || docs[1].URL != "https://twitter.example.com/ctw/status/2" {
			t.Errorf("%s: second tweet %q at %s", name, docs[1].Text, docs[1].URL)
		}
	}
}

// A feed of items under date headings is a document per day.
func TestExtractDatedSections(t *testing.T) {
	page := `<html><head><title>快讯</title></head><body><div class="list">
<div class="date-title">2025年6月3日 星期二</div>
<div class="item"><span>10:32</span><div>淘宝闪购今日宣布正式接入微信支付。</div></div>
<div class="item"><span>09:15</span><div>京东外卖上线满一个月，日订单量突破500万单，覆盖全国三百多个城市。</div></div>
<div class="date-title">2025年6月2日 星期一</div>
<div class="item"><span>18:40</span><div>支付宝碰一下昨日起支持使用微信零钱付款。</div></div>
</div></body></html>`
	docs, err := ExtractHTML("https://news.example.cn/flash", []byte(page), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want one per day", len(docs))
	}
	if docs[0].PublishedAt.Format("2006-01-02") != "2025-06-03" || !strings.Contains(docs[0].Text, "京东外卖") ||
		docs[1].PublishedAt.Format("2006-01-02") != "2025-06-02" || !strings.Contains(docs[1].Text, "昨日起") || strings.Contains(docs[1].Text, "今日宣布") {
		t.Errorf("sections: %+v", docs)
	}
	// English headings, with weekdays.
	en := `<html><body><div class="live"><h3>Tuesday, June 3, 2025</h3><p>Taobao Instant Commerce said today it now takes WeChat Pay in every city it serves.</p>
<h3>Sept. 2, 2024</h3><p>Alipay said yesterday that its tap-to-pay terminals take WeChat balances in Shanghai and Hangzhou.</p></div></body></html>`
	if docs, err := ExtractHTML("https://news.example.com/live", []byte(en), Hints{}); err != nil || len(docs) != 2 ||
		docs[0].PublishedAt.Format("2006-01-02") != "2025-06-03" || docs[1].PublishedAt.Format("2006-01-02") != "2024-09-02" {
		t.Errorf("English headings: %+v %v", docs, err)
	}
	// One date heading is a byline, not a feed.
	one := strings.Replace(page, `<div class="date-title">2025年6月2日 星期一</div>`, "", 1)
	if docs, err := ExtractHTML("https://news.example.cn/flash", []byte(one), Hints{}); err != nil || len(docs) != 1 {
		t.Errorf("one heading: %d documents, %v", len(docs), err)
	}
}

// A Tieba thread: a document per floor, with its author and time.
func TestExtractTiebaThread(t *testing.T) {
	page := `<html><head><title>淘宝现在能用微信支付了？_淘宝吧_百度贴吧</title></head><body>
<div class="core_title_wrap"><h3 class="core_title_txt">淘宝现在能用微信支付了？</h3></div>
<div class="l_post j_l_post"><div class="d_author"><a class="p_author_name">小鱼儿</a></div>
<div class="d_post_content j_d_post_content">刚刚下单的时候发现收银台多了微信支付选项，淘宝终于接入微信支付了！</div>
<div class="post-tail-wrap"><span class="tail-info">1楼</span><span class="tail-info">2024-09-05 14:22</span></div></div>
<div class="l_post j_l_post"><div class="d_author"><a class="p_author_name">阿飞</a></div>
<div class="d_post_content j_d_post_content">淘宝官方上个月13号就发公告说要全面接入微信支付了</div>
<div class="post-tail-wrap"><span class="tail-info">3楼</span><span class="tail-info">2024-09-06 11:45</span></div></div>
<div class="right_section"><div class="forum_info">淘宝吧 关注：1,234,567 贴子：9,876,543</div></div></body></html>`
	docs, err := ExtractHTML("https://tieba.example.com/p/9100000001", []byte(page), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want one per floor", len(docs))
	}
	if docs[0].Author != "小鱼儿" || docs[0].PublishedAt == nil || docs[0].PublishedAt.UTC().Format(time.RFC3339) != "2024-09-05T06:22:00Z" ||
		docs[1].URL != "https://tieba.example.com/p/9100000001#floor-3" || docs[1].Title != "Re: 淘宝现在能用微信支付了？ (#3)" || docs[1].PublishedAt.Format("2006-01-02") != "2024-09-06" {
		t.Errorf("floors: %+v", docs)
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

// A Hacker News thread: the submission and a document per comment, each
// at its anchor with its author and time (UTC).
func TestExtractHackerNewsThread(t *testing.T) {
	page := `<html><head><title>Taobao now accepts WeChat Pay | Hacker News</title></head><body><table id="hnmain">
<tr><td><table class="fatitem"><tr class="athing submission" id="1"><td><span class="titleline"><a href="https://e.example/x">Taobao now accepts WeChat Pay</a></span></td></tr>
<tr><td class="subtext">by <a class="hnuser">obs</a> <span class="age" title="2024-09-06T02:11:09 1725588669"><a>2 days ago</a></span></td></tr></table>
<table class="comment-tree"><tr class="athing comtr" id="41500200"><td><div class="comhead"><a class="hnuser">tkb</a> <span class="age" title="2024-09-07T11:02:55 1725706975"><a>1 day ago</a></span></div>
<div class="comment"><div class="commtext c00">It rolled out to my account yesterday.</div></div></td></tr></table></td></tr></table></body></html>`
	docs, err := ExtractHTML("https://news.ycombinator.com/item?id=1", []byte(page), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Text != "Taobao now accepts WeChat Pay" || docs[0].PublishedAt == nil || docs[0].PublishedAt.Format(time.RFC3339) != "2024-09-06T02:11:09Z" ||
		docs[1].Author != "tkb" || docs[1].URL != "https://news.ycombinator.com/item?id=1#41500200" || docs[1].PublishedAt.Format("2006-01-02") != "2024-09-07" {
		t.Errorf("thread: %+v", docs)
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

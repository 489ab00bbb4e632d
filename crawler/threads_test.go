package crawler

import (
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// Each dialect's page goes to its splitter; where two dialects' marks meet
// on one page, the earlier splitter in the table takes it; a Discuz page
// is Discuz's even with no post; an article is no splitter's.
func TestSplitThread(t *testing.T) {
	const (
		discuz    = `<div id="post_1"><div id="postmessage_1">Taobao began accepting WeChat Pay.</div></div>`
		microdata = `<div itemscope itemtype="http://schema.org/Comment"><div itemprop="text">Taobao began accepting WeChat Pay.</div></div><div itemscope itemtype="http://schema.org/Comment"><div itemprop="text">So did JD.</div></div>`
		tieba     = `<div class="l_post"><div class="d_post_content">淘宝现在能用微信支付了。</div></div>`
	)
	for _, c := range []struct{ name, body, want string }{
		{"discuz", discuz, "discuz"},
		{"reddit", `<div class="thing link" data-type="link"><a class="title">Taobao takes WeChat Pay</a><p class="tagline"></p></div><div class="commentarea"><div class="thing comment"><div class="usertext-body"><div class="md">Finally.</div></div></div></div>`, "reddit"},
		{"v2ex", `<div class="box"><div class="header"><h1>淘宝链接</h1></div><div class="topic_content">淘宝链接能在微信里打开了。</div></div><div id="r_1" class="cell"><div class="reply_content">是的。</div></div>`, "v2ex"},
		{"hackernews", `<table class="fatitem"><tr class="athing submission" id="1"><td><span class="titleline"><a href="https://e.example/x">Taobao now accepts WeChat Pay</a></span></td></tr><tr><td></td></tr></table><table><tr class="athing comtr" id="2"><td><div class="commtext">Finally.</div></td></tr></table>`, "hackernews"},
		{"tieba", tieba, "tieba"},
		{"tweets", `<div class="timeline-item"><div class="tweet-content">Taobao accepts WeChat Pay.</div></div><div class="timeline-item"><div class="tweet-content">So does JD.</div></div>`, "tweets"},
		{"datedfeed", `<div class="list"><h3>2025-06-02</h3><p>淘宝接入微信支付。</p><h3>2025-06-01</h3><p>京东接入支付宝。</p></div>`, "datedfeed"},
		{"microdata", microdata, "microdata"},
		{"discuz before microdata", discuz + microdata, "discuz"},
		{"tieba before microdata", tieba + microdata, "tieba"},
		{"discuz without a post", `<div id="postmessage_1"> </div><article><p>Taobao began accepting WeChat Pay.</p></article>`, "discuz"},
		{"comments under a blog post", `<meta property="og:type" content="article"><article><p>Our shop now takes WeChat Pay at the till, and the queue moves faster.</p></article>` + microdata, ""},
		{"an archive list beside an article", `<article><p>` + strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants, a change long in coming. ", 4) + `</p></article><ul><li>2025-06-02</li><li>Older news</li><li>2025-06-01</li><li>Oldest news</li></ul>`, ""},
		{"one tweet", `<div class="timeline-item"><div class="tweet-content">Taobao accepts WeChat Pay.</div></div>`, ""},
		{"article", `<article><p>Taobao began accepting WeChat Pay in 2024.</p></article>`, ""},
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><body>" + c.body + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		base, _ := url.Parse("https://e.example/t/1")
		meta := readMeta(doc, base, Hints{})
		meta.fetched = base.String()
		posts, by := splitThread(doc, meta, Hints{})
		if by != c.want {
			t.Errorf("%s: split by %q, want %q", c.name, by, c.want)
		}
		if by != "" && by != "discuz" && len(posts) == 0 || c.name == "discuz without a post" && len(posts) != 0 {
			t.Errorf("%s: %d posts", c.name, len(posts))
		}
	}
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

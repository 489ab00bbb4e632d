package crawler

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
)

// Every way a page dates itself, the day read and where it was read.
func TestPublishedFrom(t *testing.T) {
	const story = `<p>Tmall said its checkout would accept WeChat Pay for every merchant, after a month of tests with a few hundred shops in two provinces.</p>`
	page := func(head, body string) string {
		return `<html><head>` + head + `</head><body><article><h1>Checkout opens to WeChat Pay</h1>` + body + story + `</article></body></html>`
	}
	// headless: a page whose headline is no <h1>, read by its text alone.
	headless := func(body string) string {
		return `<html><body><div class="title">Checkout opens to WeChat Pay</div>` + body + story + `</body></html>`
	}
	fetched := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name, url, html string
		h               Hints
		want, from      string
	}{
		{"meta", "https://e.example/a", page(`<meta property="article:published_time" content="2024-02-21T08:20:00+08:00">`, ""), Hints{}, "2024-02-21", timeline.PublishedFromMeta},
		{"meta in capitals", "https://e.example/a", page(`<meta name="DC.Date" content="2006-12-16T08:00+01:00">`, ""), Hints{}, "2006-12-16", timeline.PublishedFromMeta},
		{"json-ld", "https://e.example/a", page(`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-10-26T18:10:00+01:00"}</script>`, ""), Hints{}, "2020-10-26", timeline.PublishedFromJSONLD},
		{"broken json-ld", "https://e.example/a", page(`<script type="application/ld+json">{"@type":"NewsArticle", "headline": "a "quoted" word", "datePublished": "2020-10-26T18:10:00+01:00"}</script>`, ""), Hints{}, "2020-10-26", timeline.PublishedFromJSONLD},
		{"hAtom abbr", "https://e.example/a", page("", `<abbr class="published" title="2017-07-23T17:06:45+0000">23. Juli 2017</abbr>`), Hints{}, "2017-07-23", timeline.PublishedFromMeta},
		{"labelled, day first", "https://e.example/a", page("", `<p class="byline">Updated: 28-09-2021</p>`), Hints{}, "2021-09-28", timeline.PublishedFromByline},
		{"labelled, Chinese", "https://e.example/a", page("", `<p>发布时间：2021-10-06 10:32</p>`), Hints{}, "2021-10-06", timeline.PublishedFromByline},
		{"date before the source", "https://e.example/a", page("", `<p>2021年10月06日 来源：示例网</p>`), Hints{}, "2021-10-06", timeline.PublishedFromByline},
		{"byline under the headline", "https://e.example/a", page("", `<p>By A. Writer Jun. 24, 2022 updated 05:02</p>`), Hints{}, "2022-06-24", timeline.PublishedFromByline},
		{"dateline", "https://e.example/a", page("", `<p>BEIJING – September 5, 2024 – Taobao began accepting WeChat Pay for all orders, after a month-long test with a subset of merchants.</p>`), Hints{}, "2024-09-05", timeline.PublishedFromByline},
		{"yearless lead, year from the URL", "https://e.example/2021/tech/77.html", page("", `<p>10月6日消息，淘宝宣布全面接入微信支付，此前已有部分商家进行了为期一个月的测试，覆盖两个省份的数百家店铺。</p>`), Hints{}, "2021-10-06", timeline.PublishedFromByline},
		{"url", "https://e.example/a/2021/1014/77.html", page("", ""), Hints{}, "2021-10-14", timeline.PublishedFromURL},
		{"text", "https://e.example/a", page("", `<p>The pilot ran from 3 January 2020 to 9 January 2020 in two provinces, the company said in a statement to reporters that week.</p>`), Hints{}, "2020-01-03", timeline.PublishedFromText},
		{"none", "https://e.example/a", page("", ""), Hints{}, "", timeline.PublishedFromNone},
		{"the page's own links", "https://e.example/a", page(`<meta property="og:image" content="https://cdn.e.example/files/2016/05/04/cover.png">`, `<img src="/files/2016/05/04/a.png"><a href="https://other.example/2019/01/01/x/">elsewhere</a>`), Hints{}, "2016-05-04", timeline.PublishedFromURL},
		{"the feed wins", "https://e.example/a", page(`<meta property="article:published_time" content="2024-02-21T08:20:00Z">`, ""), Hints{PublishedAt: ptr(time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)), PublishedFrom: timeline.PublishedFromFeed}, "2024-02-20", timeline.PublishedFromFeed},
		{"the sitemap wins", "https://e.example/a", page("", ""), Hints{PublishedAt: ptr(time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)), PublishedFrom: timeline.PublishedFromSitemap}, "2024-02-20", timeline.PublishedFromSitemap},
		{"after the fetch", "https://e.example/2024/03/05/x", page(`<meta property="article:published_time" content="2030-01-01T08:00:00Z">`, ""), Hints{FetchedAt: fetched}, "2024-03-05", timeline.PublishedFromURL},
		{"the writer's day, not UTC's", "https://e.example/2023/11/08/x", page(`<meta property="article:published_time" content="2023-11-09T01:09:55+00:00">`, ""), Hints{}, "2023-11-08", timeline.PublishedFromURL},
		{"a site's own meta name", "https://e.example/a", page(`<meta property="photo_site:uploaded_at" content="2013-02-16T04:36:36-05:00"><meta name="twitter:site" content="@x">`, ""), Hints{}, "2013-02-16", timeline.PublishedFromMeta},
		{"the app's JSON state", "https://e.example/a", page(`<script>window.state = {"product":{"title":"x","published_at":"2019-03-02T06:22:28+01:00"}};</script>`, ""), Hints{}, "2019-03-02", timeline.PublishedFromMeta},
		{"a titled abbr", "https://e.example/a", page("", `<abbr title="Freitag, 6. Oktober 2017 um 04:00">vor 3 Jahren</abbr>`), Hints{}, "2017-10-06", timeline.PublishedFromMeta},
		{"a byline class in camel case", "https://e.example/a", page("", `<span class="itemPostDate">am 25.08.2015 22:30</span>`), Hints{}, "2015-08-25", timeline.PublishedFromByline},
		{"a byline's titled time", "https://e.example/a", page("", `<div class="news-time-ago" title="2020-09-20T14:20:02Z">15 minutes ago</div>`), Hints{}, "2020-09-20", timeline.PublishedFromByline},
		{"a byline with a two-digit year", "https://e.example/a", page("", `<div class="article-meta">Von: A. Autor | <span>31.10.23</span></div>`), Hints{}, "2023-10-31", timeline.PublishedFromByline},
		{"the byline's day, not the metadata's neighbour", "https://e.example/a", page(`<meta property="article:published_time" content="2022-01-29T00:30:00+01:00">`, `<p>By A. Writer, 28 January 2022</p>`), Hints{}, "2022-01-28", timeline.PublishedFromByline},
		{"a different day is another story", "https://e.example/a", page(`<meta property="article:published_time" content="2022-01-20T10:30:00+01:00">`, `<p>By A. Writer, 28 January 2022</p>`), Hints{}, "2022-01-20", timeline.PublishedFromMeta},
		{"the URL's day over metadata of another month", "https://e.example/blog/2017/7/12/notes", page(`<meta property="article:published_time" content="2019-06-17T08:00:00Z">`, ""), Hints{}, "2017-07-12", timeline.PublishedFromURL},
		{"a slug's number is no day", "https://e.example/2023/10/3-questions-for-alipay", page(`<meta property="article:published_time" content="2023-10-31T08:00:00Z">`, ""), Hints{}, "2023-10-31", timeline.PublishedFromMeta},
		{"day first in the URL", "https://e.example/news/29-10-2021", page("", ""), Hints{}, "2021-10-29", timeline.PublishedFromURL},
		{"the URL's month over a day outside it", "https://e.example/articles/2015/01/payments", page(`<meta name="date" content="2014-10-15">`, `<p>Posted 21 January 2015 by the editors</p>`), Hints{}, "2015-01-21", timeline.PublishedFromByline},
		{"metadata the page shows beats a neighbour", "https://e.example/a", page(`<meta property="article:published_time" content="2021-10-28T13:00:00+01:00">`, `<time datetime="2021-10-27T20:35:00+01:00">27.10.2021</time><span class="date">28.10.2021</span>`), Hints{}, "2021-10-28", timeline.PublishedFromMeta},
		{"a member's registration is no publication", "https://e.example/t/5", page("", `<p>Joined: 18 September 2008</p><p>Posted by lin » 21 January 2009 at 05:42</p>`), Hints{}, "2009-01-21", timeline.PublishedFromByline},
		{"a member's registration is no publication, in the text", "https://e.example/t/5", headless(`<p>Joined: 18 September 2008</p><p>lin » 21 January 2009 at 05:42 Is the checkout open yet?</p>`), Hints{}, "2009-01-21", timeline.PublishedFromText},
		{"teasers' days are other pages'", "https://e.example/blog/post", headless(`<p>Spring sale opens 14/06/2019 Read more</p><p>Notes from the fair 26/03/2019 Read more</p><p>Written 08/08/2017 by the shop team</p>`), Hints{}, "2017-08-08", timeline.PublishedFromText},
		{"a cut title's day is a teaser's", "https://e.example/a", page("", `<p>Payments and the walls betw... 1 July 2020</p><p>The essay, 18 March 2020, on open links.</p>`), Hints{}, "2020-03-18", timeline.PublishedFromText},
		{"a script's days come after the text's", "https://e.example/a", headless(`<script>var slots = ["3/4/21 THU, MAR 4, 2021"];</script><p>Written on 26 January 2022 for the magazine</p>`), Hints{}, "2022-01-26", timeline.PublishedFromText},
		{"a wiki's last edit", "https://e.example/wiki/Meetup", page("", `<p>The next meetup is on Wed. 5 February 2020 at seven.</p><p>This page was last edited on 29 January 2020, at 13:22.</p>`), Hints{}, "2020-01-29", timeline.PublishedFromByline},
		{"a dateline with the date first", "https://e.example/a", headless(`<p>A shopper pays by phone in Hangzhou, January 16, 2020. Photo via REUTERS</p><p>January 18, 2020 SHANGHAI (Reuters) - Taobao said on Saturday it would test WeChat Pay with a few merchants.</p>`), Hints{}, "2020-01-18", timeline.PublishedFromByline},
		{"a lead after a summary line", "https://e.example/2018/post/37.html", page("", `<p>24日晚间，有网友发现朋友圈里分享的短视频链接被屏蔽了，只有自己可见。</p><p>某网3月25日消息，微信朋友圈分享的短视频链接被屏蔽了，只能自己可见。</p>`), Hints{}, "2018-03-25", timeline.PublishedFromByline},
		{"a byline past the first paragraph is another story's", "https://e.example/a", page(`<meta property="article:published_time" content="2020-01-08T03:51:00Z">`, `<p>Alipay said its mini programs would open inside WeChat for every merchant who asked, after a long test.</p><p>By A. Writer, 6 January 2020</p>`), Hints{}, "2020-01-08", timeline.PublishedFromMeta},
		{"a yearless day under the headline, the year from the URL", "https://e.example/news/6/201311/96046/1.htm", page("", `<p>11月 23</p><p>编辑：某站 来源：某报</p>`), Hints{}, "2013-11-23", timeline.PublishedFromByline},
		{"an agency's lead, the year the story names", "https://e.example/news/show-179818.html", page("", `<p>《某报》（上海，记者 某某）讯，9月17日下午，某平台开放了外部链接。这一改变源于2021年7月启动的专项整治行动。</p><footer>© 2026 某站</footer>`), Hints{}, "2021-09-17", timeline.PublishedFromByline},
		{"original before modified", "https://e.example/a", page(`<meta property="article:modified_time" content="2024-03-01T08:00:00Z"><meta name="pubdate" content="2024-02-02">`, ""), Hints{}, "2024-02-02", timeline.PublishedFromMeta},
	} {
		docs, err := ExtractHTML(c.url, []byte(c.html), c.h)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		d := docs[0]
		got := ""
		if d.PublishedAt != nil {
			got = d.PublishedAt.Format(time.DateOnly)
		}
		if got != c.want || d.PublishedFrom != c.from {
			t.Errorf("%s: published %q from %q, want %q from %q", c.name, got, d.PublishedFrom, c.want, c.from)
		}
	}
}

// A date in a related list, a comment or a sidebar is another page's.
func TestPublishedSkipsOtherPagesDates(t *testing.T) {
	html := `<html><body><aside class="related"><span class="date">2019-01-05</span></aside>
<article><h1>Checkout opens to WeChat Pay</h1><p class="post-date">2024-02-21</p><p>Tmall said its checkout would accept WeChat Pay for every merchant, after a month of tests with a few hundred shops.</p></article>
<div class="comments"><time datetime="2024-03-01T10:00:00Z">1 March</time></div></body></html>`
	docs, err := ExtractHTML("https://e.example/a", []byte(html), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if p := docs[0].PublishedAt; p == nil || p.Format(time.DateOnly) != "2024-02-21" || docs[0].PublishedFrom != timeline.PublishedFromByline {
		t.Errorf("published %v from %q, want the article's own 2024-02-21 byline", p, docs[0].PublishedFrom)
	}
}

// A layout named for its sidebar still holds the story's byline.
func TestPublishedInSidebarLayout(t *testing.T) {
	html := `<html><body><div class="layout-two-columns-right-sidebar"><div class="sidebar"><span class="date">2019-01-05</span></div>
<article><h1>Checkout opens to WeChat Pay</h1><p>Tmall said its checkout would accept WeChat Pay for every merchant, after a month of tests with a few hundred shops.</p>
<p class="post-date">2024-02-21</p></article></div></body></html>`
	docs, err := ExtractHTML("https://e.example/a", []byte(html), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if p := docs[0].PublishedAt; p == nil || p.Format(time.DateOnly) != "2024-02-21" {
		t.Errorf("published %v, want the story's 2024-02-21", p)
	}
}

func ptr[T any](v T) *T { return &v }

// A thread's posts: a post's own time is its byline's, the thread JSON's
// its feed's, and a post without one says none.
func TestPublishedFromPosts(t *testing.T) {
	docs, err := ExtractHTML("https://sample.example/forum/thread-1024-1-1.html", samplePage(t, "forum/thread-1024-1-1.html"), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.PublishedAt != nil && d.PublishedFrom != timeline.PublishedFromByline || d.PublishedAt == nil && d.PublishedFrom != timeline.PublishedFromNone {
			t.Errorf("%s: published %v from %q", d.URL, d.PublishedAt, d.PublishedFrom)
		}
	}
	topic, _ := url.Parse("https://forum.example/t/links/7")
	var d discourseJSON
	if err := json.Unmarshal([]byte(`{"id":7,"title":"Links","slug":"links","posts_count":2,"post_stream":{"posts":[
		{"id":1,"post_number":1,"username":"a","created_at":"2021-09-17T09:05:00.000Z","cooked":"<p>WeChat now opens Taobao links in chats.</p>"},
		{"id":2,"post_number":2,"username":"b","cooked":"<p>Only in one-on-one chats so far.</p>"}]}}`), &d); err != nil {
		t.Fatal(err)
	}
	posts, _ := discourseTopic(topic, d, Hints{})
	if len(posts) != 2 || posts[0].PublishedFrom != timeline.PublishedFromFeed || posts[1].PublishedFrom != timeline.PublishedFromNone {
		t.Errorf("discourse posts: %+v", posts)
	}
}

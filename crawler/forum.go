package crawler

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

// isDiscuzThread tells a Discuz! thread page (forum.php?mod=viewthread or
// thread-*.html) by its post bodies, td.t_f#postmessage_<pid>.
func isDiscuzThread(doc *goquery.Document) bool {
	return doc.Find(`[id^="postmessage_"]`).Length() > 0
}

// discuzPosts makes one document per floor of a Discuz thread: its message
// only (td.t_f), with the floor's author and time. The breadcrumb, the
// poster card (td.pls), signatures, the reply box and the rules panel are
// outside the message and never become text.
//
// On a thread's later pages (page > 1) every floor is a reply, at its own
// #pid URL: Discuz often gives all pages the first page's canonical URL.
func discuzPosts(doc *goquery.Document, meta pageMeta, h Hints, page int) []timeline.Document {
	subject := firstNonEmpty(doc.Find("#thread_subject").First().Text(), meta.title)
	loc := discuzZone(doc, h)
	var out []timeline.Document
	doc.Find(`[id^="postmessage_"]`).Each(func(i int, msg *goquery.Selection) {
		pid := strings.TrimPrefix(msg.AttrOr("id", ""), "postmessage_")
		post := msg.Closest(`[id^="pid"], [id^="post_"]`)
		text := timeline.CleanText(blockText(msg.Nodes...))
		if strings.TrimSpace(text) == "" {
			return
		}
		author := strings.TrimSpace(post.Find(".authi a.xw1, .pls .authi a").First().Text())
		lang := langOr(meta.lang, text)
		published := discuzTime(post, pid, loc)
		d := timeline.Document{
			URL:         meta.url,
			Title:       subject,
			Publisher:   meta.publisher,
			Author:      author,
			Source:      h.Source,
			Kind:        "post",
			Lang:        lang,
			Text:        text,
			PublishedAt: published,
			FetchedAt:   h.FetchedAt,
		}
		if i > 0 || page > 1 {
			d.URL = meta.url + "#pid" + pid
			d.Title = "Re: " + subject
			if n := discuzFloor(post); n > 0 {
				d.Title = fmt.Sprintf("Re: %s (#%d)", subject, n)
			} else if page == 1 {
				d.Title = fmt.Sprintf("Re: %s (#%d)", subject, i+1)
			}
		}
		if d.PublishedAt == nil && i == 0 && page == 1 {
			d.PublishedAt = h.PublishedAt
		}
		d.ID = timeline.DocumentID(d.URL)
		out = append(out, d)
	})
	return out
}

// discuzFloor is the floor number Discuz prints on a post ("2#", or
// <em>2</em><sup>#</sup>), 0 if none.
func discuzFloor(post *goquery.Selection) int {
	t := strings.TrimSpace(post.Find(`[id^="postnum"]`).First().Text())
	t = strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(t, "#")), "#")
	n, err := strconv.Atoi(strings.TrimSpace(strings.Trim(t, "楼")))
	if err != nil {
		return 0
	}
	return n
}

// discuzTime reads a floor's "发表于 2024-2-21 10:32" (or the exact time
// Discuz keeps in a title attribute when it shows "3 天前").
func discuzTime(post *goquery.Selection, pid string, loc *time.Location) *time.Time {
	em := post.Find("#authorposton" + pid)
	if em.Length() == 0 {
		em = post.Find(`[id^="authorposton"]`).First()
	}
	for _, s := range []string{em.Find("span[title]").AttrOr("title", ""), em.Text()} {
		if t, ok := pagetime.Posted(s, loc); ok {
			return &t
		}
	}
	return nil
}

// discuzZone is the zone a Discuz board writes its times in: the source's
// configured zone, else the "GMT+8" its footer states, else Beijing time
// (Discuz is Chinese forum software; most boards run on Beijing time).
func discuzZone(doc *goquery.Document, h Hints) *time.Location {
	if h.Location != nil {
		return h.Location
	}
	if loc, ok := pagetime.GMTZone(doc.Find("#ft, .ft, #footer").Text()); ok {
		return loc
	}
	return shanghai
}

// Posts marked up with schema.org microdata: Discourse's crawler view and
// many other forums label each post DiscussionForumPosting or Comment, with
// its text, author and datePublished.
const schemaPostSel = `[itemtype$="schema.org/DiscussionForumPosting"] [itemprop="articleBody"], [itemtype$="schema.org/Comment"] [itemprop="text"], [itemtype$="schema.org/DiscussionForumPosting"] > [itemprop="text"]`

func isSchemaThread(doc *goquery.Document) bool {
	return doc.Find(schemaPostSel).Length() >= 2
}

// schemaPosts makes one document per microdata post, in page order.
func schemaPosts(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	title := firstNonEmpty(attr(doc, `[itemtype$="schema.org/DiscussionForumPosting"] meta[itemprop="headline"]`, "content"), meta.title)
	var out []timeline.Document
	seen := map[*html.Node]bool{}
	doc.Find(schemaPostSel).Each(func(i int, body *goquery.Selection) {
		if seen[body.Nodes[0]] {
			return
		}
		seen[body.Nodes[0]] = true
		post := body.Closest(`[itemtype$="schema.org/Comment"], [itemtype$="schema.org/DiscussionForumPosting"], [id^="post_"]`)
		// The post's own metadata: skip what belongs to nested posts.
		meta1 := post.Find(`[itemprop="author"] [itemprop="name"]`).First()
		when := post.Find(`[itemprop="datePublished"]`).First()
		d, ok := postDocument(meta, h, title, blockText(body.Nodes...), firstNonEmpty(meta1.AttrOr("content", ""), meta1.Text()))
		if !ok {
			return
		}
		if t, ok := pagetime.Parse(firstNonEmpty(when.AttrOr("datetime", ""), when.AttrOr("content", ""), when.Text()), h.location(d.Lang)); ok {
			d.PublishedAt = &t
		}
		pos, _ := strconv.Atoi(strings.TrimSpace(post.Find(`[itemprop="position"]`).First().Text()))
		n := len(out) + 1
		if pos > 0 {
			n = pos
		}
		at := fmt.Sprintf("%s#post-%d", meta.url, n)
		if id := post.AttrOr("id", ""); id != "" {
			at = meta.url + "#" + id
		}
		finishPost(&d, h, title, at, n, len(out) > 0 || pos > 1)
		out = append(out, d)
	})
	return out
}

// Old Reddit (old.reddit.com, the markup Reddit serves to crawlers and
// scripts): the submission is a div.thing.link, each comment a
// div.thing.comment nested under its parent's div.child; a thing's own
// text is the first .usertext-body .md inside it, its author and time in
// its first .tagline.
func isRedditThread(doc *goquery.Document) bool {
	return doc.Find(redditPostSel).Length() == 1 && doc.Find("div.commentarea").Length() > 0
}

const (
	redditPostSel    = `div.thing.link, div.thing[data-type="link"]`
	redditCommentSel = `div.commentarea div.comment, div.commentarea div[data-type="comment"]`
)

// redditPosts makes one document for the submission (its text, or its
// title for a link post) and one per comment, in page order.
func redditPosts(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	post := doc.Find(redditPostSel).First()
	title := firstNonEmpty(strings.TrimSpace(post.Find("a.title").First().Text()), meta.title)
	base, _ := url.Parse(meta.url)
	var out []timeline.Document
	doc.Find(redditPostSel + ", " + redditCommentSel).Each(func(i int, thing *goquery.Selection) {
		var text string
		if md := thing.Find(".usertext-body .md").First(); md.Length() > 0 && md.Closest("div.thing, div.comment").Nodes[0] == thing.Nodes[0] {
			text = blockText(md.Nodes...)
		}
		isPost := thing.Is(redditPostSel)
		if isPost && strings.TrimSpace(text) == "" {
			text = title // a link post says what it says in its title
		}
		if t := strings.TrimSpace(text); t == "[deleted]" || t == "[removed]" {
			return
		}
		tagline := thing.Find(".tagline").First()
		d, ok := postDocument(meta, h, title, text, tagline.Find("a.author").First().Text())
		if !ok {
			return
		}
		tagline.Find("time[datetime]").EachWithBreak(func(_ int, tm *goquery.Selection) bool {
			if t, ok := pagetime.Parse(tm.AttrOr("datetime", ""), h.location(d.Lang)); ok {
				d.PublishedAt = &t
				return false
			}
			return true // a malformed one: the next may do
		})
		n := len(out) + 1
		at := fmt.Sprintf("%s#comment-%d", meta.url, n)
		if id := thing.AttrOr("id", ""); id != "" {
			at = meta.url + "#" + id
		}
		if link, ok := thing.Attr("data-permalink"); ok && base != nil {
			if u, err := base.Parse(link); err == nil {
				at = u.String()
			}
		}
		finishPost(&d, h, title, at, n, !isPost)
		out = append(out, d)
	})
	return out
}

// V2EX (and the boards that copy its markup): the topic's text in
// .topic_content under its header (author, and the time in a title
// attribute), each reply a div.cell#r_<id> with .reply_content, its
// author in strong > a and its time in span.ago's title.
func isV2EXThread(doc *goquery.Document) bool {
	return doc.Find(".topic_content").Length() > 0 && doc.Find(`div[id^="r_"] .reply_content`).Length() > 0
}

// v2exPosts makes one document for the topic and one per reply, in page
// order, each dated by its own time.
func v2exPosts(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	header := doc.Find(".topic_content").First().Closest(".box").Find(".header").First()
	title := firstNonEmpty(strings.TrimSpace(header.Find("h1").First().Text()), meta.title)
	var out []timeline.Document
	lastFloor := 0
	add := func(text, author, when, anchor string, floor int) {
		d, ok := postDocument(meta, h, title, text, author)
		if !ok {
			return
		}
		if t, ok := pagetime.Parse(when, h.location(d.Lang)); ok {
			d.PublishedAt = &t
		}
		if anchor != "" {
			if floor <= lastFloor {
				floor = lastFloor + 1 // none printed: the next
			}
			lastFloor = floor
		}
		finishPost(&d, h, title, meta.url+"#"+anchor, floor, anchor != "")
		out = append(out, d)
	}
	var topic []*html.Node
	doc.Find(".topic_content").Each(func(_ int, s *goquery.Selection) { topic = append(topic, s.Nodes...) })
	add(blockText(topic...), header.Find("small a").First().Text(), header.Find("small [title]").First().AttrOr("title", ""), "", 0)
	doc.Find(`div[id^="r_"]`).Each(func(_ int, cell *goquery.Selection) {
		body := cell.Find(".reply_content").First()
		if body.Length() == 0 {
			return
		}
		floor, _ := strconv.Atoi(strings.TrimSpace(cell.Find(".no").First().Text()))
		add(blockText(body.Nodes...), cell.Find("strong a").First().Text(), cell.Find(".ago[title]").First().AttrOr("title", ""), cell.AttrOr("id", ""), floor)
	})
	return out
}

// Baidu Tieba: each floor a div.l_post (its number and author also in
// its data-field JSON), its text in .d_post_content, its floor and time
// in .tail-info spans ("3楼", "2024-09-06 11:45").
func tiebaPosts(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	floors := doc.Find("div.l_post").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find(".d_post_content").Length() > 0 })
	if floors.Length() == 0 {
		return nil
	}
	title := firstNonEmpty(strings.TrimSpace(doc.Find(".core_title_txt").First().Text()), meta.title)
	var out []timeline.Document
	floors.Each(func(i int, post *goquery.Selection) {
		d, ok := postDocument(meta, h, title, blockText(post.Find(".d_post_content").First().Nodes...), post.Find(".p_author_name").First().Text())
		if !ok {
			return
		}
		floor := 0
		post.Find(".tail-info").Each(func(_ int, s *goquery.Selection) {
			t := strings.TrimSpace(s.Text())
			if n, ok := strings.CutSuffix(t, "楼"); ok {
				floor, _ = strconv.Atoi(n)
			} else if tm, ok := pagetime.Parse(t, h.location(d.Lang)); ok && d.PublishedAt == nil {
				d.PublishedAt = &tm
			}
		})
		if floor == 0 {
			floor = i + 1
		}
		finishPost(&d, h, title, fmt.Sprintf("%s#floor-%d", meta.url, floor), floor, floor > 1)
		out = append(out, d)
	})
	return out
}

// Hacker News: the submission (its title, and its text when it has one)
// in tr.athing.submission with its time in the next row's span.age, each
// comment a tr.athing.comtr with .commtext, .hnuser and span.age (the
// time in its title: "2024-09-06T02:11:09 1725588669", UTC).
func hackerNewsPosts(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	comments := doc.Find("tr.athing.comtr").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find(".commtext").Length() > 0 })
	sub := doc.Find("tr.athing.submission, table.fatitem tr.athing").First()
	if comments.Length() == 0 || sub.Length() == 0 {
		return nil
	}
	title := firstNonEmpty(strings.TrimSpace(sub.Find(".titleline a").First().Text()), meta.title)
	age := func(s *goquery.Selection) *time.Time {
		stamp, _, _ := strings.Cut(s.AttrOr("title", ""), " ")
		if t, ok := pagetime.Parse(stamp, time.UTC); ok {
			return &t
		}
		return nil
	}
	var out []timeline.Document
	text := title
	if top := strings.TrimSpace(doc.Find("table.fatitem .toptext").First().Text()); top != "" {
		text += "\n" + top
	}
	if d, ok := postDocument(meta, h, title, text, sub.Next().Find(".hnuser").First().Text()); ok {
		d.PublishedAt = age(sub.Next().Find("span.age").First())
		finishPost(&d, h, title, meta.url, 1, false)
		out = append(out, d)
	}
	comments.Each(func(i int, c *goquery.Selection) {
		d, ok := postDocument(meta, h, title, blockText(c.Find(".commtext").First().Nodes...), c.Find(".hnuser").First().Text())
		if !ok {
			return
		}
		d.PublishedAt = age(c.Find("span.age").First())
		at := fmt.Sprintf("%s#comment-%d", meta.url, i+1)
		if id := c.AttrOr("id", ""); id != "" {
			at = meta.url + "#" + id
		}
		finishPost(&d, h, title, at, i+2, true)
		out = append(out, d)
	})
	return out
}

// Tweets, as archived pages show them: Nitter's timeline items
// (.tweet-content, the date in .tweet-date's title) and X's own articles
// (data-testid="tweet", tweetText, time[datetime]). Each tweet is a post
// of its own day: "today" in a thread's third tweet is not the first's.
type tweetMarkup struct {
	post, text, author, when, whenAttr, link string
}

var tweetMarkups = []tweetMarkup{
	{post: ".timeline-item", text: ".tweet-content", author: ".username", when: ".tweet-date a", whenAttr: "title", link: ".tweet-date a"},
	{post: `article[data-testid="tweet"]`, text: `[data-testid="tweetText"]`, author: `[data-testid="User-Name"] a`, when: "time", whenAttr: "datetime", link: "time"},
}

// tweetPosts makes one document per tweet of a page showing at least two,
// nil when it shows fewer.
func tweetPosts(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	base, _ := url.Parse(meta.url)
	if doc.Find(`.tweet-content, [data-testid="tweetText"]`).Length() < 2 {
		return nil
	}
	for _, tm := range tweetMarkups {
		items := doc.Find(tm.post).FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find(tm.text).Length() > 0 })
		if items.Length() < 2 {
			continue
		}
		var out []timeline.Document
		items.Each(func(i int, item *goquery.Selection) {
			d, ok := postDocument(meta, h, meta.title, blockText(item.Find(tm.text).First().Nodes...), item.Find(tm.author).First().Text())
			if !ok {
				return
			}
			when := item.Find(tm.when).First()
			// "Sep 17, 2021 · 9:05 AM UTC": the day is what matters.
			stamp, _, _ := strings.Cut(when.AttrOr(tm.whenAttr, ""), "·")
			if t, ok := pagetime.Parse(strings.TrimSpace(stamp), h.location(d.Lang)); ok {
				d.PublishedAt = &t
			}
			at := fmt.Sprintf("%s#tweet-%d", meta.url, i+1)
			if href := item.Find(tm.link).Closest("a").AttrOr("href", ""); href != "" && base != nil {
				if u, err := base.Parse(href); err == nil {
					at = u.String()
				}
			}
			finishPost(&d, h, meta.title, at, i+1, len(out) > 0)
			out = append(out, d)
		})
		if len(out) >= 2 {
			return out
		}
	}
	return nil
}

// Feeds of short items under date headings (快讯 newsflash pages, live
// pages by day): a heading is an element whose text is only a full date
// (a weekday beside it at most), and the items after it, up to the next
// heading, are that day's. Each day is a document of its own, so that
// "今日" and "昨日" in its items count from it.

// headingDate is the day an element's text names when that is all it says.
func headingDate(n *html.Node, loc *time.Location) (*time.Time, bool) {
	if d := digitsIn(n, 60); d < 5 || d > 12 {
		return nil, false // a full date has a year and a day: 5 digits at least
	}
	t, ok := shortText(n, 60) // (stops reading at 60 bytes)
	if !ok {
		return nil, false
	}
	d, ok := pagetime.DayOnly(t, loc)
	return &d, ok
}

// digitsIn counts the ASCII digits in n's first limit bytes of text,
// without building the text.
func digitsIn(n *html.Node, limit int) int {
	digits, seen := 0, 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && seen <= limit; c = c.NextSibling {
			if c.Type == html.TextNode {
				for i := 0; i < len(c.Data) && seen <= limit; i++ {
					if b := c.Data[i]; b >= '0' && b <= '9' {
						digits++
					}
					seen++
				}
			} else if c.Type == html.ElementNode && !skipTags[c.Data] {
				walk(c)
			}
		}
	}
	walk(n)
	if seen > limit {
		return 0 // too long to be a heading
	}
	return digits
}

// datedSections makes one document per day of a page whose items sit
// under two or more date headings in one list; nil for any other page.
func datedSections(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	loc := h.location(meta.lang)
	type section struct {
		day   *time.Time
		nodes []*html.Node
	}
	var found []section
	var walk func(*html.Node) bool
	walk = func(parent *html.Node) bool {
		var secs []section
		kids := 0
		for k := parent.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			kids++
			if d, ok := headingDate(k, loc); ok {
				secs = append(secs, section{day: d})
			} else if len(secs) > 0 {
				secs[len(secs)-1].nodes = append(secs[len(secs)-1].nodes, k)
			}
		}
		if len(secs) >= 2 && kids >= 3 {
			found = secs
			return true
		}
		for k := parent.FirstChild; k != nil; k = k.NextSibling {
			if k.Type == html.ElementNode && !skipTags[k.Data] && walk(k) {
				return true
			}
		}
		return false
	}
	for _, body := range doc.Find("body").Nodes {
		if walk(body) {
			break
		}
	}
	var out []timeline.Document
	for _, sec := range found {
		d, ok := postDocument(meta, h, meta.title, blockText(sec.nodes...), "")
		if !ok {
			continue
		}
		d.Kind = "article"
		d.PublishedAt = sec.day
		day := sec.day.Format("2006-01-02")
		d.URL = meta.url + "#" + day
		d.Title = meta.title + " (" + day + ")"
		d.ID = timeline.DocumentID(d.URL)
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// finishPost places a thread's post: a reply at its own URL under "Re:
// <title> (#n)", the first post dated by the source when the page does not
// date it; and gives it its id.
func finishPost(d *timeline.Document, h Hints, title, url string, n int, reply bool) {
	if reply {
		d.URL, d.Title = url, fmt.Sprintf("Re: %s (#%d)", title, n)
	} else if d.PublishedAt == nil {
		d.PublishedAt = h.PublishedAt
	}
	d.ID = timeline.DocumentID(d.URL)
}

// postDocument is a thread's post with text (cleaned) and author, at the
// page's URL under the thread's title (callers set a reply's own); false
// when the post has no text.
func postDocument(meta pageMeta, h Hints, title, text, author string) (timeline.Document, bool) {
	text = timeline.CleanText(text)
	if strings.TrimSpace(text) == "" {
		return timeline.Document{}, false
	}
	return timeline.Document{
		URL:       meta.url,
		Title:     title,
		Publisher: meta.publisher,
		Author:    strings.TrimSpace(author),
		Source:    h.Source,
		Kind:      "post",
		Lang:      langOr(meta.lang, text),
		Text:      text,
		FetchedAt: h.FetchedAt,
	}, true
}

// langOr is lang if the page or source says it, else the text's own.
func langOr(lang, text string) string {
	if lang == "" {
		return timeline.DetectLang(text)
	}
	return lang
}

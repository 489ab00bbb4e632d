package crawler

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

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

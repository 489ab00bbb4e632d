package crawler

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

// Posts marked up with schema.org microdata: Discourse's crawler view and
// many other forums label each post DiscussionForumPosting or Comment, with
// its text, author and datePublished.
const schemaPostSel = `[itemtype$="schema.org/DiscussionForumPosting"] [itemprop="articleBody"], [itemtype$="schema.org/Comment"] [itemprop="text"], [itemtype$="schema.org/DiscussionForumPosting"] > [itemprop="text"]`

// isSchemaThread tells a page of two or more microdata posts, unless they
// are only Comments on a page that calls itself an article or blog post:
// a story's comment section, the story being the page's text.
func isSchemaThread(doc *goquery.Document) bool {
	if doc.Find(schemaPostSel).Length() < 2 {
		return false
	}
	return doc.Find(`[itemtype$="schema.org/DiscussionForumPosting"]`).Length() > 0 || !isArticlePage(doc)
}

// articleTypeSel marks a page whose subject is one article or blog post.
const articleTypeSel = `meta[property="og:type"][content="article"], [itemtype$="schema.org/Article"], [itemtype$="schema.org/NewsArticle"], [itemtype$="schema.org/BlogPosting"], [itemtype$="schema.org/Blog"]`

func isArticlePage(doc *goquery.Document) bool {
	return doc.Find(articleTypeSel).Length() > 0
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

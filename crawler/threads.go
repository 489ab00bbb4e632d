package crawler

import (
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/wallbreak/wallbreak/timeline"
)

// A splitter reads one forum dialect's thread page as one document per
// post: match tells the dialect's page (nil: posts tells, by finding
// some), posts splits it. A page that claims matches is the dialect's
// even when no post comes of it; another falls through to the next
// splitter, and past the last to the article reader. (Discourse's JSON is
// no HTML page: onForum reads it with discourseTopic.)
type splitter struct {
	name   string
	match  func(*goquery.Document) bool
	posts  func(*goquery.Document, pageMeta, Hints) []timeline.Document
	claims bool
}

// splitters, tried in this order: the first whose posts come wins.
var splitters = []splitter{
	{name: "discuz", match: isDiscuzThread, posts: discuzPosts, claims: true},
	{name: "reddit", match: isRedditThread, posts: redditPosts},
	{name: "v2ex", match: isV2EXThread, posts: v2exPosts},
	{name: "hackernews", match: isHackerNewsThread, posts: hackerNewsPosts},
	{name: "tieba", match: isTiebaThread, posts: tiebaPosts},
	{name: "tweets", match: isTweetThread, posts: tweetPosts},
	{name: "datedfeed", posts: datedSections},
	{name: "microdata", match: isSchemaThread, posts: schemaPosts},
}

// splitThread is the posts of a thread page and the name of the splitter
// that read it, "" when no splitter did (an article, or a page of
// anything else).
func splitThread(doc *goquery.Document, meta pageMeta, h Hints) ([]timeline.Document, string) {
	for _, s := range splitters {
		if s.match != nil && !s.match(doc) {
			continue
		}
		if posts := s.posts(doc, meta, h); len(posts) > 0 || s.claims {
			finishPublished(posts)
			return posts, s.name
		}
	}
	return nil, ""
}

// finishPost places a thread's post: a reply at its own URL under "Re:
// <title> (#n)", the first post dated by the source when the page does not
// date it; and gives it its id.
func finishPost(d *timeline.Document, h Hints, title, url string, n int, reply bool) {
	if reply {
		d.URL, d.Title = url, fmt.Sprintf("Re: %s (#%d)", title, n)
	} else {
		hintPublished(d, h)
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

package crawler

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

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

// isTweetThread tells a page showing the text of two tweets or more.
func isTweetThread(doc *goquery.Document) bool {
	return doc.Find(`.tweet-content, [data-testid="tweetText"]`).Length() >= 2
}

// tweetPosts makes one document per tweet of a page that shows at least
// two in one markup, nil when it shows fewer.
func tweetPosts(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	base, _ := url.Parse(meta.url)
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

package crawler

import (
	"fmt"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

// Hacker News: the submission (its title, and its text when it has one)
// in tr.athing.submission with its time in the next row's span.age, each
// comment a tr.athing.comtr with .commtext, .hnuser and span.age (the
// time in its title: "2024-09-06T02:11:09 1725588669", UTC).
func isHackerNewsThread(doc *goquery.Document) bool {
	return hnComments(doc).Length() > 0 && doc.Find(hnSubmissionSel).Length() > 0
}

const hnSubmissionSel = "tr.athing.submission, table.fatitem tr.athing"

// hnComments are the comment rows that hold a comment's text.
func hnComments(doc *goquery.Document) *goquery.Selection {
	return doc.Find("tr.athing.comtr").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find(".commtext").Length() > 0 })
}

// hackerNewsPosts makes one document for the submission and one per
// comment, in page order.
func hackerNewsPosts(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	comments := hnComments(doc)
	sub := doc.Find(hnSubmissionSel).First()
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

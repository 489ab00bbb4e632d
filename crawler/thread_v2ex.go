package crawler

import (
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

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

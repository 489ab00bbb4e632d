package crawler

import (
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

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

// coversPage tells sections that hold at least a third of the page's
// text: a newsflash page is its items; an article with an archive or
// fixture list by date beside it is not.
func coversPage(doc *goquery.Document, secs []section) bool {
	in := 0
	for _, sec := range secs {
		in += textLen(sec.nodes...)
	}
	return in*3 >= textLen(doc.Find("body").Nodes...)
}

// textLen counts the bytes of non-space text under nodes, skipping what
// blockText skips.
func textLen(nodes ...*html.Node) int {
	n := 0
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		switch {
		case c.Type == html.TextNode:
			for i := 0; i < len(c.Data); i++ {
				if b := c.Data[i]; b != ' ' && b != '\n' && b != '\t' && b != '\r' {
					n++
				}
			}
			return
		case c.Type == html.ElementNode && (skipTags[c.Data] || hidden(c)):
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	for _, c := range nodes {
		walk(c)
	}
	return n
}

// section is one date heading's items.
type section struct {
	day   *time.Time
	nodes []*html.Node
}

// datedSections makes one document per day of a page whose items sit
// under two or more date headings in one list; nil for any other page.
func datedSections(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	loc := h.location(meta.lang)
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
	if !coversPage(doc, found) {
		return nil
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

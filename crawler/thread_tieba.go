package crawler

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

// Baidu Tieba: each floor a div.l_post (its number and author also in
// its data-field JSON), its text in .d_post_content, its floor and time
// in .tail-info spans ("3楼", "2024-09-06 11:45").
func isTiebaThread(doc *goquery.Document) bool {
	return tiebaFloors(doc).Length() > 0
}

// tiebaFloors are the floors that hold a post's text.
func tiebaFloors(doc *goquery.Document) *goquery.Selection {
	return doc.Find("div.l_post").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find(".d_post_content").Length() > 0 })
}

// tiebaPosts makes one document per floor, at its #floor-N anchor.
func tiebaPosts(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	floors := tiebaFloors(doc)
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

package crawler

import (
	"encoding/json"
	"regexp"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

var sourceRe = regexp.MustCompile(`(?:来源|來源|稿源|Source)\s*[:：]\s*([^\s|｜/<>]{2,30})`)

// bylineSource reads "来源：示例科技网" from a Chinese byline.
func bylineSource(doc *goquery.Document) string {
	for _, sel := range []string{".source", ".info", ".byline", ".meta", "body"} {
		if m := sourceRe.FindStringSubmatch(doc.Find(sel).First().Text()); m != nil {
			return m[1]
		}
	}
	return ""
}

// publishedFromPage reads the publication time from the page's metadata,
// JSON-LD, <time> elements and "发布时间：…" style bylines, in that order.
func publishedFromPage(doc *goquery.Document, loc *time.Location) *time.Time {
	for _, sel := range []string{
		`meta[property="article:published_time"]`, `meta[name="article:published_time"]`,
		`meta[itemprop="datePublished"]`, `meta[name="pubdate"]`, `meta[name="publishdate"]`,
		`meta[name="PubDate"]`, `meta[name="publish-date"]`, `meta[name="date"]`,
		`meta[name="dc.date"]`, `meta[name="DC.date.issued"]`, `meta[property="og:published_time"]`,
		`meta[name="sailthru.date"]`, `meta[name="dcterms.date"]`, `meta[name="DCTERMS.date"]`, `meta[name="dcterms.created"]`,
		`meta[name="DC.date"]`, `meta[name="citation_publication_date"]`, `meta[name="parsely-pub-date"]`,
		`meta[property="og:article:published_time"]`, `meta[itemprop="dateCreated"]`,
	} {
		if t, ok := pagetime.Parse(attr(doc, sel, "content"), loc); ok {
			return &t
		}
	}
	var found *time.Time
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		found = jsonLDPublished(s.Text(), loc)
		return found == nil
	})
	if found != nil {
		return found
	}
	for _, sel := range []string{`[itemprop="datePublished"]`, "article time[datetime]", "time[pubdate]", "time[datetime]"} {
		s := doc.Find(sel).First()
		v := firstNonEmpty(s.AttrOr("datetime", ""), s.AttrOr("content", ""), s.Text())
		if t, ok := pagetime.Parse(v, loc); ok {
			return &t
		}
	}
	body := doc.Find("body").Text()
	if t, ok := pagetime.Labelled(body, loc); ok {
		return &t
	}
	// An unlabeled byline: a full date in an element named like one, else
	// the first full date with a time of day near the top of the page.
	doc.Find(`[class*="date"], [class*="time"], [class*="info"], [class*="meta"], [class*="byline"], [class*="source"], [class*="dateline"], [id*="date"], [id*="time"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		text := s.Text()
		if len(text) > 300 {
			return true // a container, not a byline
		}
		if t, ok := pagetime.FirstDate(text, loc); ok {
			found = &t
			return false
		}
		return true
	})
	if found != nil {
		return found
	}
	// Near the top of the page: a full date with a time of day, a
	// ctime-style date (as mail archives print a message's), a wire
	// dateline ("HANGZHOU, China, Oct. 8, 2025 /PRNewswire/ --").
	top := body[:min(len(body), 3000)]
	for _, find := range []func(string, *time.Location) (time.Time, bool){pagetime.FirstDateTime, pagetime.FirstCtime, pagetime.Dateline} {
		if t, ok := find(top, loc); ok {
			return &t
		}
	}
	return nil
}

func jsonLDPublished(raw string, loc *time.Location) *time.Time {
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return nil
	}
	var walk func(any) *time.Time
	walk = func(v any) *time.Time {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok {
				if t, ok := pagetime.Parse(s, loc); ok {
					return &t
				}
			}
			for _, k := range []string{"@graph", "mainEntity"} {
				if t := walk(x[k]); t != nil {
					return t
				}
			}
		case []any:
			for _, e := range x {
				if t := walk(e); t != nil {
					return t
				}
			}
		}
		return nil
	}
	return walk(v)
}

// undatedPublished dates a page that names no publication time: by the
// day in its URL, else by when it says it was modified (its relative
// dates were written no later).
func undatedPublished(doc *goquery.Document, pageURL string, loc *time.Location) *time.Time {
	if t, ok := pagetime.FromURL(pageURL, loc); ok {
		return &t
	}
	for _, sel := range []string{`meta[itemprop="dateModified"]`, `meta[property="article:modified_time"]`, `meta[property="og:updated_time"]`} {
		if t, ok := pagetime.Parse(attr(doc, sel, "content"), loc); ok {
			return &t
		}
	}
	return nil
}

package crawler

import (
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

var sourceRe = regexp.MustCompile(`(?:来源|來源|稿源|Source)\s*[:：]\s*([^\s|｜/<>]{2,30})`)

// bylineSource reads "来源：示例科技网" from a Chinese byline.
func bylineSource(doc *goquery.Document) string {
	for _, sel := range []string{".source", ".info", ".byline", ".meta", "body"} {
		text := doc.Find(sel).First().Text()
		// The regexp from the first label on only: over a whole page
		// without one it costs more than the rest of the page's metadata.
		from := -1
		for _, label := range sourceLabels {
			if i := strings.Index(text, label); i >= 0 && (from < 0 || i < from) {
				from = i
			}
		}
		if from < 0 {
			continue
		}
		if m := sourceRe.FindStringSubmatch(text[from:]); m != nil {
			return m[1]
		}
	}
	return ""
}

// sourceLabels are sourceRe's labels.
var sourceLabels = []string{"来源", "來源", "稿源", "Source"}

// pubPage is what the publication-date rules read: the parsed page, its
// URL, the zone of its bare dates, and the latest time a publication
// date may be (a day after the fetch: a later one is a typo or an event).
type pubPage struct {
	doc    *goquery.Document
	url    string
	loc    *time.Location
	latest time.Time
	body   string // the body's text, read once on first use
	read   bool
	found  map[string]*time.Time // what each rule found, by name
	h1     *html.Node            // the headline, found on first use
	h1Read bool
}

// run is what rule r finds on the page, found once.
func (p *pubPage) run(r pubRule) *time.Time {
	if t, ok := p.found[r.name]; ok {
		return t
	}
	if p.found == nil {
		p.found = map[string]*time.Time{}
	}
	t := r.find(p)
	p.found[r.name] = t
	return t
}

func newPubPage(doc *goquery.Document, pageURL string, loc *time.Location, fetched time.Time) *pubPage {
	if fetched.IsZero() {
		fetched = time.Now()
	}
	return &pubPage{doc: doc, url: pageURL, loc: loc, latest: fetched.Add(36 * time.Hour)}
}

// shownText is the text of nodes as a reader sees it: nothing inside
// skipTags (scripts, whose JSON holds other pages' and events' days,
// styles, forms, navigation).
func shownText(nodes []*html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type == html.ElementNode && skipTags[n.Data]:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String()
}

func (p *pubPage) text() string {
	if !p.read {
		p.body, p.read = shownText(p.doc.Find("body").Nodes), true
	}
	return p.body
}

// ok keeps a time no later than the page can have been published.
func (p *pubPage) ok(t time.Time) *time.Time {
	if t.IsZero() || t.After(p.latest) || t.Year() < 1995 {
		return nil
	}
	return &t
}

func (p *pubPage) parse(s string) *time.Time {
	if t, ok := pagetime.Parse(s, p.loc); ok {
		return p.ok(t)
	}
	if f, ok := pagetime.FirstDay(s, p.loc); ok && len(s) < 80 {
		return p.ok(f.Time)
	}
	return nil
}

// pubRule is one way a page tells its publication time, and the
// Document.PublishedFrom of what it finds.
type pubRule struct {
	name string
	from string
	find func(*pubPage) *time.Time
}

// pubRules, tried in this order: the page's metadata first, its byline
// next, its URL, then what it says it modified, then its text.
var pubRules = []pubRule{
	{"meta", timeline.PublishedFromMeta, metaPublished},
	{"json-ld", timeline.PublishedFromJSONLD, jsonLDPublishedOf},
	{"marked-up", timeline.PublishedFromMeta, markedUpPublished},
	{"near-title", timeline.PublishedFromByline, nearTitlePublished},
	{"time-element", timeline.PublishedFromMeta, timeElementPublished},
	{"byline-element", timeline.PublishedFromByline, bylineElementPublished},
	{"labelled-byline", timeline.PublishedFromByline, labelledPublished},
	{"top-of-page", timeline.PublishedFromByline, topOfPagePublished},
	{"url", timeline.PublishedFromURL, urlPublished},
	{"script", timeline.PublishedFromMeta, scriptPublished},
	{"modified", timeline.PublishedFromMeta, modifiedPublished},
	{"text", timeline.PublishedFromText, textPublished},
	{"linked", timeline.PublishedFromURL, linkedPublished},
}

// pagePublished is the page's publication time and where it was read
// (PublishedFromNone and nil when nowhere).
func pagePublished(p *pubPage) (*time.Time, string) {
	t, from := firstPublished(p)
	if t == nil {
		return nil, from
	}
	return urlAgrees(p, t, from)
}

func firstPublished(p *pubPage) (*time.Time, string) {
	for _, r := range pubRules {
		if t := p.run(r); t != nil {
			if r.from == timeline.PublishedFromMeta || r.from == timeline.PublishedFromJSONLD {
				return shownDay(p, t, r.from)
			}
			return t, r.from
		}
	}
	return nil, timeline.PublishedFromNone
}

// urlAgrees holds the page's time t to its URL's day or month: a URL's
// day is written once, when the story is filed, where a page's metadata
// and bylines are often a later edit's or a template's (htmldate, too,
// trusts a URL's full day first). A time in another month than the
// URL's day gives way to it (inside the month a slug's number can look
// like a day: /2023/10/3-questions); a time outside the URL's month to the first
// day another rule or the text finds inside it.
func urlAgrees(p *pubPage, t *time.Time, from string) (*time.Time, string) {
	if u := p.run(pubRule{"url", timeline.PublishedFromURL, urlPublished}); u != nil {
		if u.Year() != t.Year() || u.Month() != t.Month() {
			return u, timeline.PublishedFromURL
		}
		return t, from
	}
	y, m, ok := pagetime.MonthFromURL(p.url)
	if !ok || (t.Year() == y && t.Month() == m) {
		return t, from
	}
	in := func(c time.Time) bool { return c.Year() == y && c.Month() == m }
	for _, r := range pubRules {
		if c := p.run(r); c != nil && in(*c) {
			return c, r.from
		}
	}
	for _, f := range pagetime.FindDays(p.text(), p.loc) {
		if in(f.Time) && p.ok(f.Time) != nil {
			c := f.Time
			return &c, timeline.PublishedFromText
		}
	}
	return t, from
}

// shownRules read the day a page shows its readers.
var shownRules = []pubRule{
	{"url", timeline.PublishedFromURL, urlPublished},
	{"near-title", timeline.PublishedFromByline, nearTitlePublished},
	{"time-element", timeline.PublishedFromMeta, timeElementPublished},
	{"byline-element", timeline.PublishedFromByline, bylineElementPublished},
}

// shownDay is the day the page shows (its URL's, its byline's) when its
// metadata's is that day's neighbour: "2023-11-09T01:09:55Z" on a page
// whose URL says /2023/11/08/ was written on the 8th, the writer's day
// (the metadata's zone is a server's; a day's shift is an edit's or a
// zone's, never a different story). On htmldate's set, where the two
// days are neighbours, the day under the headline is right on 7 pages of
// 7, the URL's on 7 of 8, a <time> element's on 6 of 7.
func shownDay(p *pubPage, t *time.Time, from string) (*time.Time, string) {
	if u := p.run(shownRules[0]); u == nil {
		for _, r := range shownRules[1:] {
			if d := p.run(r); d != nil && dayOf(*d).Equal(dayOf(*t)) {
				return t, from // the page shows the same day somewhere
			}
		}
	}
	for _, r := range shownRules {
		d := p.run(r)
		if d == nil {
			continue
		}
		switch days := dayOf(*d).Sub(dayOf(*t)).Hours() / 24; {
		case days == 0:
			return t, from // the same day
		case days == 1 || days == -1:
			return d, r.from
		}
	}
	return t, from
}

// dayOf is t's calendar day, as a UTC midnight.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// publishedMeta are the <meta> names (name, property, itemprop or
// http-equiv, lower-cased) of a publication time, best first.
var publishedMeta = rankOf(
	"article:published_time", "og:article:published_time", "og:published_time", "article.published",
	"datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "published_time",
	"published-date", "publication_date", "date_published", "article_date_original", "sw-pubdate",
	"parsely-pub-date", "sailthru.date", "cxenseparse:recs:publishtime", "bt:pubdate", "dc.date.issued",
	"dc.date.created", "dcterms.issued", "dcterms.created", "dcterms.date", "dc.date", "citation_publication_date",
	"citation_date", "bepress_citation_date", "datecreated", "uploaddate", "date", "created",
	"", // any other name of a publication time (isPublishedName)
)

// isPublishedName tells a meta name of a publication time the list does
// not know: one that says publish, pubdate or uploaded, and not modified.
func isPublishedName(key string) bool {
	return (strings.Contains(key, "publish") || strings.Contains(key, "pubdate") || strings.Contains(key, "uploaded")) &&
		!strings.Contains(key, "modif") && !strings.Contains(key, "updat") && !strings.Contains(key, "publisher")
}

// modifiedMeta: when the page says it was modified.
var modifiedMeta = rankOf("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified", "lastmod")

// lazyRe compiles expr on first use.
func lazyRe(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

func rankOf(names ...string) map[string]int {
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[n] = i + 1
	}
	return m
}

// bestMeta is the best-ranked <meta> time the page gives among names.
func bestMeta(p *pubPage, names map[string]int) *time.Time {
	var best *time.Time
	rank := 0
	p.doc.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		for _, a := range []string{"property", "name", "itemprop", "http-equiv"} {
			key := strings.ToLower(strings.TrimSpace(s.AttrOr(a, "")))
			if key == "" {
				continue
			}
			r := names[key]
			if r == 0 && names[""] > 0 && isPublishedName(key) {
				r = names[""] // a name of the site's own: "…:uploaded_at", "x-publish-date"
			}
			if r == 0 || rank != 0 && r >= rank {
				continue
			}
			if t := p.parse(s.AttrOr("content", "")); t != nil {
				best, rank = t, r
			}
		}
	})
	return best
}

func metaPublished(p *pubPage) *time.Time { return bestMeta(p, publishedMeta) }

func modifiedPublished(p *pubPage) *time.Time {
	if t := bestMeta(p, modifiedMeta); t != nil {
		return t
	}
	return jsonLDTime(p, "dateModified")
}

func jsonLDPublishedOf(p *pubPage) *time.Time {
	if t := jsonLDTime(p, "datePublished"); t != nil {
		return t
	}
	return jsonLDTime(p, "dateCreated")
}

// jsonLDKeyRe finds a key's string value in JSON-LD too broken to parse.
// (Compiled on first use, as the other rules' expressions: start-up
// paths link this package.)
var jsonLDKeyRe = sync.OnceValue(func() map[string]*regexp.Regexp {
	return map[string]*regexp.Regexp{
		"datePublished": regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{8,40})"`),
		"dateCreated":   regexp.MustCompile(`"dateCreated"\s*:\s*"([^"]{8,40})"`),
		"dateModified":  regexp.MustCompile(`"dateModified"\s*:\s*"([^"]{8,40})"`),
	}
})

func jsonLDTime(p *pubPage, key string) *time.Time {
	var found *time.Time
	p.doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		raw := s.Text()
		if found = jsonLDValue(raw, key, p); found == nil {
			if m := jsonLDKeyRe()[key].FindStringSubmatch(raw); m != nil {
				found = p.parse(m[1])
			}
		}
		return found == nil
	})
	return found
}

// jsonLDValue is the first key's time in a JSON-LD object, its @graph or
// its mainEntity.
func jsonLDValue(raw, key string, p *pubPage) *time.Time {
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return nil
	}
	var walk func(any) *time.Time
	walk = func(v any) *time.Time {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x[key].(string); ok {
				if t := p.parse(s); t != nil {
					return t
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

// markedUpPublished reads a publication time marked up as one:
// schema.org's itemprop or RDFa property, a hAtom "published" abbr.
func markedUpPublished(p *pubPage) *time.Time { return firstMarkedUp(p, markedUp) }

// timeElementPublished reads a <time> element or a titled abbr: a time,
// but not said to be the publication's.
func timeElementPublished(p *pubPage) *time.Time { return firstMarkedUp(p, timeElements) }

func firstMarkedUp(p *pubPage, markedUp []markup) *time.Time {
	for _, m := range markedUp {
		var found *time.Time
		p.doc.Find(m.sel).EachWithBreak(func(i int, s *goquery.Selection) bool {
			if m.inArticle && p.outsideArticle(s) {
				return i < 8
			}
			for _, v := range []string{s.AttrOr("datetime", ""), s.AttrOr("content", ""), s.AttrOr("title", ""), s.Text()} {
				if found = p.parse(v); found != nil {
					return false
				}
			}
			return i < 8 // the first few only: a list's items are other pages'
		})
		if found != nil {
			return found
		}
	}
	return nil
}

// markup is an element that holds a time: its selector, and whether it
// counts only outside related lists, comments and sidebars (schema.org's
// say whose time they are; a generic <time> does not).
type markup struct {
	sel       string
	inArticle bool
}

// markedUp mark a publication time up, best first.
var markedUp = []markup{
	{sel: `[itemprop="datePublished"]`}, {sel: `[property="schema:datePublished"]`}, {sel: `[property="schema:dateCreated"]`},
	{sel: `abbr.published[title]`}, {sel: `.published[title]`},
}

// timeElements hold a time the page does not say is its publication's.
var timeElements = []markup{
	{sel: "article time[datetime]", inArticle: true}, {sel: "time[pubdate]", inArticle: true}, {sel: "time[datetime]", inArticle: true},
	{sel: "abbr[title]", inArticle: true}, {sel: "[data-utime]", inArticle: true},
}

// scriptDateRe: a publication time in a page's own JSON state
// ("published_at":"2019-03-02T06:22:28+01:00"), as apps embed it.
var scriptDateRe = lazyRe(`"(?:published_?[aA]t|publish_?[dD]ate|date_?[pP]ublished|first_?[pP]ublished_?[aA]t|created_?[aA]t|dateCreated)"\s*:\s*"((?:19|20)\d{2}-\d{2}-\d{2}[^"]{0,24})"`)

// scriptPublished reads a publication time from the page's scripts.
func scriptPublished(p *pubPage) *time.Time {
	var found *time.Time
	p.doc.Find("script").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		text := s.Text()
		if !strings.Contains(text, "ublish") && !strings.Contains(text, "reated") {
			return true
		}
		if m := scriptDateRe().FindStringSubmatch(text); m != nil {
			found = p.parse(m[1])
		}
		return found == nil
	})
	return found
}

func labelledPublished(p *pubPage) *time.Time {
	if f, ok := pagetime.Bylined(p.text(), p.loc); ok {
		return p.ok(f.Time)
	}
	return nil
}

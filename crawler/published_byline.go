package crawler

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

// bylineSel are the elements a byline is written in, named for it.
const bylineSel = `[class*="date" i], [class*="time" i], [class*="info"], [class*="meta"], [class*="byline"], [class*="source"], [class*="posted" i], [class*="publish" i], [class*="datum" i], [id*="date" i], [id*="time" i]`

// notTheArticle names the containers whose dates are other pages' or
// readers': related lists, comments, sidebars, footers.
var notTheArticle = lazyRe(`(?i)comment|related|sidebar|widget|footer|recommend|teaser|popular|reply|respond|archive|calendar|breadcrumb`)

// outsideArticle tells an element inside a related list, a comment, a
// sidebar or the page's footer or navigation: a container so named that
// does not hold the headline ("layout-with-sidebar" around the whole
// story is a layout's name, not a sidebar).
func (p *pubPage) outsideArticle(s *goquery.Selection) bool {
	for n := s.Parent(); n.Length() > 0 && goquery.NodeName(n) != "body"; n = n.Parent() {
		named := notTheArticle().MatchString(n.AttrOr("class", "") + " " + n.AttrOr("id", ""))
		switch goquery.NodeName(n) {
		case "aside", "nav", "footer":
			named = true
		}
		if named && !p.holdsHeadline(n) {
			return true
		}
	}
	return false
}

// holdsHeadline tells a container of the page's headline (its first h1).
func (p *pubPage) holdsHeadline(n *goquery.Selection) bool {
	if !p.h1Read {
		p.h1, p.h1Read = p.headline(), true
	}
	return p.h1 != nil && n.Contains(p.h1)
}

// headline is the page's headline: the article's h1, else the first.
func (p *pubPage) headline() *html.Node {
	h1 := p.doc.Find("article h1").First()
	if h1.Length() == 0 {
		h1 = p.doc.Find("h1").First()
	}
	if h1.Length() == 0 {
		return nil
	}
	return h1.Nodes[0]
}

// bylineElementPublished is the first full date in an element named like
// a byline ("post-date", "info", "meta") that is no container and not in
// a related list, a comment or a sidebar.
func bylineElementPublished(p *pubPage) *time.Time {
	var found *time.Time
	p.doc.Find(bylineSel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		text := s.Text()
		if len(text) > 300 || p.outsideArticle(s) {
			return true // a container, or another page's date
		}
		if t, ok := pagetime.FirstDate(text, p.loc); ok {
			found = p.ok(t)
		} else if f, ok := pagetime.FirstDay(text, p.loc); ok {
			found = p.ok(f.Time)
		} else if t, ok := pagetime.ShortYearDay(text, p.loc); ok {
			found = p.ok(t)
		}
		for _, a := range []string{"datetime", "content", "title"} {
			if v, ok := s.Attr(a); found == nil && ok {
				found = p.parse(v) // "Acum 15 minute" titled with its time
			}
		}
		return found == nil
	})
	return found
}

// topOfPagePublished reads, near the top of the page: a full date with a
// time of day, a ctime-style date (as mail archives print a message's), a
// wire dateline ("HANGZHOU, China, Oct. 8, 2025 /PRNewswire/ --").
func topOfPagePublished(p *pubPage) *time.Time {
	body := p.text()
	top := body[:min(len(body), 3000)]
	for _, find := range []func(string, *time.Location) (time.Time, bool){pagetime.FirstDateTime, pagetime.FirstCtime, pagetime.Dateline} {
		if t, ok := find(top, p.loc); ok {
			if at := p.ok(t); at != nil {
				return at
			}
		}
	}
	return nil
}

func urlPublished(p *pubPage) *time.Time {
	if t, ok := pagetime.FromURL(p.url, p.loc); ok {
		return p.ok(t)
	}
	return nil
}

// textPublished is, for a page that dates itself nowhere else, the first
// full day its text names (not after the fetch): an unmarked byline comes
// before the story. (On htmldate's set the first day is right on 42 of
// the 58 pages this rule dates, the latest on 36, the most frequent 40.)
//
// The text a reader sees comes first; a page that shows no day may still
// write its own in a script's data (a last resort: scripts hold other
// pages' and events' days too).
func textPublished(p *pubPage) *time.Time {
	if t := firstTextDay(p, p.text()); t != nil {
		return t
	}
	return firstTextDay(p, p.doc.Find("body").Text())
}

func firstTextDay(p *pubPage, text string) *time.Time {
	after := 0
	for _, f := range pagetime.FindDays(text, p.loc) {
		skip := otherDay(text, f, after)
		after = f.End
		if skip {
			continue
		}
		if t := p.ok(f.Time); t != nil {
			return t
		}
	}
	return nil
}

// publishedOf is the document's publication time and where it was read:
// the feed's or sitemap's when it gave one, else the page's own.
func publishedOf(doc *goquery.Document, pageURL string, h Hints, loc *time.Location) (*time.Time, string) {
	if h.PublishedAt != nil {
		return h.PublishedAt, firstNonEmpty(h.PublishedFrom, timeline.PublishedFromFeed)
	}
	return pagePublished(newPubPage(doc, pageURL, loc, h.FetchedAt))
}

// finishPublished gives every post of a thread where its time was read:
// a post's own time is its byline's; none when it has no time.
func finishPublished(docs []timeline.Document) {
	for i := range docs {
		switch d := &docs[i]; {
		case d.PublishedAt == nil:
			d.PublishedFrom = timeline.PublishedFromNone
		case d.PublishedFrom == "":
			d.PublishedFrom = timeline.PublishedFromByline
		}
	}
}

// hintPublished dates a thread's first post by its feed or sitemap when
// the page does not date it.
func hintPublished(d *timeline.Document, h Hints) {
	if d.PublishedAt == nil && h.PublishedAt != nil {
		d.PublishedAt, d.PublishedFrom = h.PublishedAt, firstNonEmpty(h.PublishedFrom, timeline.PublishedFromFeed)
	}
}

// nearTitlePublished reads the blocks after the headline: the first
// short one, no sentence, that writes a full day (a byline, "By A. Writer Jun. 24,
// 2022", "Agency 02 Feb 2021"), else a dateline opening the story
// ("BEIJING – September 5, 2024 –", "10月6日消息" in the URL's year).
func nearTitlePublished(p *pubPage) *time.Time {
	h1 := p.headline()
	if h1 == nil {
		return nil
	}
	long := 0
	for _, n := range following(h1, 12) {
		text := strings.TrimSpace(shownText([]*html.Node{n}))
		if text == "" {
			continue
		}
		// A byline is short and no sentence.
		short := len(text) <= 160 && !strings.ContainsAny(text[len(text)-1:], ".!?") && !strings.HasSuffix(text, "。")
		if long > 0 {
			// Past the first paragraph only a Chinese lead dates the page
			// (one may follow a summary line: "24日晚间，…" then "Bianews
			// 3月25日消息 …"); a byline or dateline there is another story's.
			if strings.Contains(text[:min(len(text), 120)], "月") {
				if t, ok := pagetime.LeadDay(text, p.yearOf(), p.loc); ok {
					return p.ok(t)
				}
			}
			if !short {
				return nil // the story has begun
			}
			continue
		}
		if f, ok := pagetime.FirstDay(text, p.loc); ok && (short || isDateline(text, f)) && !otherDay(text, f, 0) {
			if t := p.ok(f.Time); t != nil {
				return t
			}
		}
		if t, ok := pagetime.ShortYearDay(text, p.loc); ok && short {
			if t := p.ok(t); t != nil {
				return t
			}
		}
		if y, _, ok := pagetime.MonthFromURL(p.url); ok && short {
			// "11月 23" under the headline of /201311/…: the URL gives the year
			if t, ok := pagetime.BareMonthDay(text, y, p.loc); ok {
				return p.ok(t)
			}
		}
		if strings.Contains(text[:min(len(text), 120)], "月") {
			if t, ok := pagetime.LeadDay(text, p.yearOf(), p.loc); ok {
				return p.ok(t)
			}
		}
		if !short {
			long++
		}
	}
	return nil
}

// datelineEndRe: what follows a dateline's day ("… 2024 –", "… (Agency) –").
var datelineEndRe = lazyRe(`^[^\S\n]*(?:[-–—(/|:]|[,，][^\S\n]*[-–—])`)

// isDateline tells a day opening a story's first paragraph, a dash or an
// agency's name after it: "BEIJING – September 5, 2024 – …".
func isDateline(text string, f pagetime.Found) bool {
	return f.Start <= 40 && datelineEndRe().MatchString(text[f.End:])
}

// following is up to limit elements after n in document order, n's own
// children left out.
func following(n *html.Node, limit int) []*html.Node {
	var out []*html.Node
	for cur := n; len(out) < limit; {
		for cur.NextSibling == nil {
			if cur = cur.Parent; cur == nil || cur.Data == "body" {
				return out
			}
		}
		if cur = cur.NextSibling; cur.Type == html.ElementNode {
			out = append(out, cur)
		}
	}
	return out
}

var urlYearRe = lazyRe(`/((?:19|20)\d{2})(?:/|[-_]|\d{4})`)

// yearOf is the year a page is of when its lead names a day without one:
// its URL's, else that of the first day its text writes.
func (p *pubPage) yearOf() int {
	if y, _, ok := pagetime.MonthFromURL(p.url); ok {
		return y // /202109/54-1119646.html
	}
	if u, err := url.Parse(p.url); err == nil {
		if m := urlYearRe().FindStringSubmatch(u.Path); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	if t := p.run(pubRule{name: "text", find: textPublished}); t != nil {
		return t.Year()
	}
	return p.latestNamedYear()
}

// zhYearRe: a year the text names in Chinese ("2021年7月", "2021年").
var zhYearRe = lazyRe(`((?:19|20)\d{2})\s*年`)

// latestNamedYear is the latest year the text names as "YYYY年" (not
// after the fetch): a story told without its year ("讯，9月17日…") is of
// the latest year it speaks of. (Copyright lines write "© 2026", no 年.)
func (p *pubPage) latestNamedYear() int {
	latest := 0
	for _, m := range zhYearRe().FindAllStringSubmatch(p.text(), 200) {
		if y, _ := strconv.Atoi(m[1]); y > latest && y <= p.latest.Year() {
			latest = y
		}
	}
	return latest
}

// linkedPublished is, for a page with no other date, the day most of its
// own links and images carry in their paths (/wp-content/uploads/2016/
// 05/04/…, /2016/05/22/slug/), the latest of the most frequent; links to
// other sites do not count.
func linkedPublished(p *pubPage) *time.Time {
	base, err := url.Parse(p.url)
	if err != nil {
		return nil
	}
	count := map[time.Time]int{}
	p.doc.Find("a[href], img[src], link[href], meta[content]").EachWithBreak(func(i int, s *goquery.Selection) bool {
		v := firstNonEmpty(s.AttrOr("href", ""), s.AttrOr("src", ""), s.AttrOr("content", ""))
		if !strings.Contains(v, "/20") && !strings.Contains(v, "/19") {
			return i < 2000
		}
		u, err := base.Parse(v)
		if err != nil || !sameSite(u.Hostname(), base.Hostname()) {
			return i < 2000
		}
		if t, ok := pagetime.FromURL(u.String(), p.loc); ok && p.ok(t) != nil {
			count[t]++
		}
		return i < 2000
	})
	var best *time.Time
	for t, n := range count {
		if best == nil || n > count[*best] || n == count[*best] && t.After(*best) {
			best = &t
		}
	}
	return best
}

// sameSite tells hosts of one site: www.e.example and cdn.e.example.
func sameSite(a, b string) bool {
	site := func(h string) string {
		parts := strings.Split(h, ".")
		return strings.Join(parts[max(0, len(parts)-2):], ".")
	}
	return site(a) == site(b)
}

// otherDay: the words around day f in text (from offset after on: not
// into the day before it) make it no day of this page's publication: a
// registration's, a teaser's.
func otherDay(text string, f pagetime.Found, after int) bool {
	before := text[max(after, f.Start-32):f.Start]
	return notPublication(before) || truncated(before) || teaser(text[f.End:min(len(text), f.End+40)])
}

// notPublicationLabels, just before a day, name days that are never a
// page's: a forum member's registration, the clock a page prints;
// teaserLabels, just after one, follow another page's date in a list of
// teasers.
var (
	notPublicationLabels = []string{"registriert", "joined", "member since", "mitglied seit", "dabei seit", "inscrit le", "registered", "aktuelle zeit", "current time", "it is currently", "注册时间", "註冊時間", "加入时间", "现在时间"}
	teaserLabels         = []string{"weiterlesen", "read more", "mehr lesen", "lire la suite", "leer más", "continue reading", "阅读全文", "閱讀全文", "查看全文"}
)

func notPublication(before string) bool { return containsFold(before, notPublicationLabels) }
func teaser(after string) bool          { return containsFold(after, teaserLabels) }

// containsFold: s holds one of the lower-case labels, whatever its case.
func containsFold(s string, labels []string) bool {
	lower := strings.ToLower(s)
	for _, l := range labels {
		if strings.Contains(lower, l) {
			return true
		}
	}
	return false
}

// truncated: the text before a day ends in an ellipsis, a teaser's cut
// title ("Corona und die M... 1. Juli 2020").
func truncated(before string) bool {
	before = strings.TrimSpace(before)
	return strings.HasSuffix(before, "...") || strings.HasSuffix(before, "…")
}

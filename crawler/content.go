package crawler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

// Hints are what the crawler knows of a page before reading it: from the
// feed or sitemap that linked it, and from the source's configuration.
type Hints struct {
	Title       string
	PublishedAt *time.Time
	Publisher   string
	Source      string
	Lang        string         // "en", "zh" or "" to detect
	Location    *time.Location // zone of dates the page writes without one
	FetchedAt   time.Time
}

// location is the zone to read the page's bare dates in: the configured
// one, else Asia/Shanghai for Chinese pages and UTC for others.
func (h Hints) location(lang string) *time.Location {
	if h.Location != nil {
		return h.Location
	}
	if lang == "zh" {
		return shanghai
	}
	return time.UTC
}

var shanghai = mustLoadLocation("Asia/Shanghai")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}

// ExtractHTML turns one fetched HTML page (already decoded to UTF-8) into
// documents holding its main text only: one for an article, one per post
// (floor) for a forum thread. Navigation, comment boxes, poster cards and
// "related" lists are left out.
func ExtractHTML(pageURL string, body []byte, h Hints) ([]timeline.Document, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse html %s: %w", pageURL, err)
	}
	return extractDocument(doc, pageURL, h)
}

func extractDocument(doc *goquery.Document, pageURL string, h Hints) ([]timeline.Document, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("%w: page url %q: %v", timeline.ErrInvalid, pageURL, err)
	}
	meta := readMeta(doc, base, h)
	meta.fetched = pageURL
	if posts, by := splitThread(doc, meta, h); by != "" {
		return posts, nil
	}
	return articleDocument(doc, meta, h)
}

// pageMeta is what the page says about itself.
type pageMeta struct {
	url, title, publisher, lang string
	fetched                     string // the URL it was fetched at (url may be its canonical one)
	published                   *time.Time
}

func readMeta(doc *goquery.Document, base *url.URL, h Hints) pageMeta {
	m := pageMeta{url: base.String(), lang: h.Lang}
	if href, ok := doc.Find(`link[rel="canonical"]`).First().Attr("href"); ok {
		if u, err := base.Parse(strings.TrimSpace(href)); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			m.url = u.String()
		}
	}
	m.title = firstNonEmpty(
		attr(doc, `meta[property="og:title"]`, "content"),
		attr(doc, `meta[name="twitter:title"]`, "content"),
		strings.TrimSpace(doc.Find("h1").First().Text()),
		strings.TrimSpace(doc.Find("title").First().Text()),
		h.Title,
	)
	m.publisher = firstNonEmpty(
		h.Publisher,
		attr(doc, `meta[property="og:site_name"]`, "content"),
		attr(doc, `meta[name="application-name"]`, "content"),
		attr(doc, `meta[name="publisher"]`, "content"),
		bylineSource(doc),
		base.Hostname(),
	)
	if m.lang == "" {
		if l := strings.ToLower(attr(doc, "html", "lang")); strings.HasPrefix(l, "zh") {
			m.lang = "zh"
		} else if strings.HasPrefix(l, "en") {
			m.lang = "en"
		}
	}
	return m
}

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

func attr(doc *goquery.Document, sel, name string) string {
	v, _ := doc.Find(sel).First().Attr(name)
	return strings.TrimSpace(v)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v = strings.Join(strings.Fields(v), " "); v != "" {
			return v
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

// articleDocument extracts a news article's main text with readability.
func articleDocument(doc *goquery.Document, meta pageMeta, h Hints) ([]timeline.Document, error) {
	root := doc.Selection.Nodes[0]
	pageURL, _ := url.Parse(meta.url)
	lang := meta.lang
	published := publishedFromPage(doc, h.location(lang))
	page := cloneNode(root)
	// Sidebars are never the article; readability, scoring blocks by their
	// text, took a forum's "about this community" box for a short post.
	removeNodes(page, isComplementary)
	art, err := readability.FromDocument(page, pageURL)
	var text string
	if err == nil && art.Node != nil {
		removeRelatedLinks(art.Node)
		removeAboutBoilerplate(art.Node)
		text = blockText(art.Node)
		if meta.title == "" {
			meta.title = art.Title()
		}
		if published == nil {
			if t, err := art.PublishedTime(); err == nil {
				published = &t
			}
		}
	}
	if strings.TrimSpace(text) == "" {
		text = blockText(doc.Find("body").Nodes...) // no article found: the whole body, cleaned below
	}
	text = timeline.CleanText(joinWrapped(text))
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("%w: %s: no text content", timeline.ErrInvalid, meta.url)
	}
	if lang == "" {
		lang = timeline.DetectLang(text)
	}
	if published == nil {
		published = h.PublishedAt
	}
	if published == nil {
		published = undatedPublished(doc, meta.url, h.location(lang))
	}
	return []timeline.Document{{
		ID:          timeline.DocumentID(meta.url),
		URL:         meta.url,
		Title:       meta.title,
		Publisher:   meta.publisher,
		Source:      h.Source,
		Kind:        "article",
		Lang:        lang,
		Text:        text,
		PublishedAt: published,
		FetchedAt:   h.FetchedAt,
	}}, nil
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

// isComplementary tells an element beside the content: <aside>, an ARIA
// complementary or navigation landmark, a block classed "side" or
// "sidebar".
func isComplementary(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.Data == "aside" {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			if a.Val == "complementary" || a.Val == "navigation" {
				return true
			}
		case "class":
			for _, c := range strings.Fields(a.Val) {
				if c == "side" || c == "sidebar" {
					return true
				}
			}
		}
	}
	return false
}

// removeNodes removes, under n, every element that drop tells.
func removeNodes(n *html.Node, drop func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if drop(c) {
			n.RemoveChild(c)
		} else {
			removeNodes(c, drop)
		}
		c = next
	}
}

// relatedRe is a heading over links to other articles ("往期推荐",
// "Related stories"): what follows it is not the article.
var relatedRe = regexp.MustCompile(`(?i)^\W*(?:往期(?:推荐|推薦|回顾|回顧|精选|精選)|推荐阅读|推薦閱讀|相关阅读|相關閱讀|相关文章|相關文章|延伸阅读|延伸閱讀|猜你喜欢|猜你喜歡|热门文章|熱門文章|related(?:\s+(?:articles?|stories|posts|reading|coverage))?|read\s+more|more\s+from\s+.{1,40}|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|further\s+reading)\W*$`)

// removeRelatedLinks drops, inside an article, a "related" heading and the
// blocks after it that are only links (dated headlines of other stories
// would read as this story's steps).
func removeRelatedLinks(root *html.Node) {
	var heads []*html.Node
	var find func(*html.Node)
	var inline []*html.Node
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && blockTags[n.Data] {
			lead, short := shortText(n, 120)
			if short && lead != "" && relatedRe.MatchString(lead) {
				heads = append(heads, n)
				return
			}
			// (A "Read more:" or "Correction" label opens the block: its
			// first bytes tell, before the whole text is read.)
			if inlineRelatedRe.MatchString(lead) || correctionRe.MatchString(lead) {
				t, ok := lead, short
				if !short {
					t, ok = shortText(n, 400)
				}
				if ok && (inlineRelatedRe.MatchString(t) && linksOnly(n, len([]rune(inlineRelatedRe.FindString(t)))) || correctionRe.MatchString(t)) {
					inline = append(inline, n) // "Read more: <a>…</a>", "Correction, Oct. 3: …"
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	for _, n := range inline {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	for _, h := range heads {
		if h.Parent == nil {
			continue // removed with an earlier heading's links
		}
		// <div><p>往期推荐</p></div><div><a>…</a></div>: the heading's
		// wrapper is what the links follow.
		heading := strings.Join(strings.Fields(blockText(h)), " ")
		for nextElement(h) == nil && h.Parent != nil && h.Parent != root &&
			strings.Join(strings.Fields(blockText(h.Parent)), " ") == heading {
			h = h.Parent
		}
		for sib := h.NextSibling; sib != nil; {
			next := sib.NextSibling
			if sib.Type == html.ElementNode {
				if !linksOnly(sib, 0) {
					break
				}
				sib.Parent.RemoveChild(sib)
			}
			sib = next
		}
		h.Parent.RemoveChild(h)
	}
}

// aboutRe is a press release's "About <company>" heading.
var aboutRe = regexp.MustCompile(`^(?:About|ABOUT)\s+(\S.{0,60}?)\s*:?$|^关于(\S{1,20}?)[：:]?$|^關於(\S{1,20}?)[：:]?$`)

// removeAboutBoilerplate drops a press release's closing "About Ant
// Group" section — the heading, and from there to the end of its block,
// when the next paragraph opens with the company's name ("Ant Group was
// founded in 2014…"): the company's standing description, not news.
func removeAboutBoilerplate(root *html.Node) {
	var found *html.Node
	var name string
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if blockTags[c.Data] && aboutLead(firstText(c)) {
				if t, ok := shortText(c, 80); ok {
					if m := aboutRe.FindStringSubmatch(t); m != nil {
						name = firstNonEmpty(m[1], m[2], m[3])
						if next := nextElement(c); next != nil && strings.HasPrefix(strings.TrimSpace(blockText(next)), name) {
							found = c
							return
						}
					}
				}
			}
			find(c)
		}
	}
	find(root)
	if found == nil {
		return
	}
	for n := found; n != nil; {
		next := n.NextSibling
		n.Parent.RemoveChild(n)
		n = next
	}
}

// firstText is the first non-blank text under n, trimmed.
func firstText(n *html.Node) string {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			if t := strings.TrimSpace(c.Data); t != "" {
				return t
			}
		case c.Type == html.ElementNode && !skipTags[c.Data]:
			if t := firstText(c); t != "" {
				return t
			}
		}
	}
	return ""
}

// aboutLead tells text that may open an "About <company>" heading.
func aboutLead(t string) bool {
	return strings.HasPrefix(t, "About") || strings.HasPrefix(t, "ABOUT") || strings.HasPrefix(t, "关于") || strings.HasPrefix(t, "關於")
}

// prevElement is the element before n among its siblings, if any.
func prevElement(n *html.Node) *html.Node {
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}

// nextElement is the element after n among its siblings, if any.
func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}

// shortText is n's text, spaces folded, when it is at most limit bytes
// and holds no block element (a heading's line); it stops reading as soon
// as it is not.
func shortText(n *html.Node, limit int) (string, bool) {
	var b strings.Builder
	ok := true
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		for c := c.FirstChild; c != nil && ok; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if b.WriteString(c.Data); b.Len() > limit {
					ok = false
				}
			case c.Type == html.ElementNode && (skipTags[c.Data] || hidden(c)):
			case c.Type == html.ElementNode && blockTags[c.Data] && c.Data != "br":
				ok = false
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " "), ok
}

// inlineRelatedRe opens a paragraph that is a link to another story
// ("Read more: …", "相关阅读：…").
var inlineRelatedRe = regexp.MustCompile(`(?i)^(?:read\s+more|related|see\s+also|also\s+read|more\s+on\s+this|recommended|相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关新闻|相關新聞|相关链接|相關連結)\s*[:：]`)

// correctionRe opens a correction or clarification note appended to a
// story: about the story's earlier text, not news.
var correctionRe = regexp.MustCompile(`(?i)^(?:correction|clarification|editor'?s\s+note|更正|勘误|勘誤|更正声明|更正聲明)\b[^:：]{0,40}[:：]`)

// linksOnly tells a block whose text, past its first skip runes (a
// "Read more:" label), is (almost) all link text.
func linksOnly(n *html.Node, skip int) bool {
	all := len([]rune(strings.TrimSpace(blockText(n)))) - skip
	if all == 0 {
		return true
	}
	linked := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			linked += len([]rune(strings.TrimSpace(blockText(n))))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return linked*10 >= all*8
}

func cloneNode(n *html.Node) *html.Node {
	var buf bytes.Buffer
	if html.Render(&buf, n) != nil {
		return n
	}
	c, err := html.Parse(&buf)
	if err != nil {
		return n
	}
	return c
}

// Elements whose text never belongs to the content.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "iframe": true, "svg": true, "button": true, "select": true, "textarea": true, "form": true, "nav": true}

// Elements that end a line of text.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "tr": true, "table": true, "blockquote": true, "section": true,
	"article": true, "pre": true, "figure": true, "figcaption": true, "header": true, "footer": true,
	"dd": true, "dt": true, "dl": true, "hr": true, "main": true, "aside": true, "td": false,
}

// blockText renders nodes as text: one line per block element, spaces
// folded inside lines, hidden anti-copy text (Discuz "jammer") dropped.
func blockText(nodes ...*html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.Data] || hidden(n) {
				return
			}
			if n.Data == "pre" {
				// Mail archives and plain-text posts: lines wrapped at a
				// width are not sentences.
				b.WriteByte('\n')
				b.WriteString(reflow(preText(n)))
				b.WriteByte('\n')
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		// A definition list's term and its definition are one line: "Sept.
		// 2021 – WeChat opens one-on-one chats…".
		termDef := n.Type == html.ElementNode && n.Data == "dd" && prevElement(n) != nil && prevElement(n).Data == "dt"
		switch {
		case termDef:
			b.WriteString(" – ")
		case block:
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block && !(n.Data == "dt" && nextElement(n) != nil && nextElement(n).Data == "dd") {
			b.WriteByte('\n')
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\u00a0", " ")), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// preText is the text inside a <pre>, as written.
func preText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode && (skipTags[n.Data] || hidden(n)) {
			return
		}
		if n.Type == html.ElementNode && n.Data == "br" {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// reflow joins hard-wrapped prose into one line per paragraph: a line
// continues the one before unless a blank line, a quote marker (">") or a
// list item starts it, or the text is not prose (code, tables: most
// lines short or indented), which keeps its lines.
func reflow(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	long, nonEmpty := 0, 0
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			nonEmpty++
			if len(t) >= 40 && !strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "\t") {
				long++
			}
		}
	}
	if nonEmpty < 2 || long*2 < nonEmpty {
		return text
	}
	var out []string
	cur := ""
	quoted := func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), ">") }
	flush := func() {
		if cur != "" {
			out = append(out, cur)
			cur = ""
		}
	}
	prevQuoted := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			flush()
		case cur == "" || quoted(l) != prevQuoted || listItemRe.MatchString(t):
			flush()
			cur = t
		default:
			cur += " " + strings.TrimSpace(strings.TrimLeft(t, ">"))
		}
		if t != "" {
			prevQuoted = quoted(l)
		}
	}
	flush()
	return strings.Join(out, "\n")
}

// joinWrapped joins lines that one sentence was broken across — a PDF
// converted to HTML puts every printed line in a block of its own: an
// English line that ends without a stop and is followed by a lower-case
// word or a digit, or that ends on a word that cannot end a sentence ("in",
// "since"), continues on the next.
func joinWrapped(text string) string {
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		if n := len(out); n > 0 && continues(out[n-1], l) {
			out[n-1] += " " + l
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func continues(prev, next string) bool {
	p, n := strings.TrimSpace(prev), strings.TrimSpace(next)
	if len(p) < 30 || n == "" || timeline.DetectLang(p) != "en" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	if strings.ContainsRune(".!?:;\"”’)。！？：；", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(n)
	if listItemRe.MatchString(n) || numberedHeadingRe.MatchString(n) {
		return false // "1. Payments": a heading or an item of its own
	}
	if unicode.IsLower(first) || unicode.IsDigit(first) {
		return true
	}
	w := strings.ToLower(p[strings.LastIndexByte(p, ' ')+1:])
	return danglingWords[w]
}

// numberedHeadingRe: "1. Payments", "2) Links".
var numberedHeadingRe = regexp.MustCompile(`^\d{1,2}[.)]\s+\p{Lu}`)

// danglingWords cannot end an English sentence.
var danglingWords = map[string]bool{"since": true, "in": true, "on": true, "at": true, "of": true, "to": true, "the": true, "a": true, "an": true,
	"and": true, "or": true, "for": true, "with": true, "from": true, "by": true, "as": true, "that": true, "which": true, "until": true, "after": true, "before": true}

// listItemRe starts a list item or a signature line.
var listItemRe = regexp.MustCompile(`^(?:[-*•]\s|\d{1,2}[.)]\s|--\s*$)`)

func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		case "class":
			for _, c := range strings.Fields(a.Val) {
				if c == "jammer" || c == "pstatus" || c == "sr-only" || c == "hidden" {
					return true
				}
			}
		case "hidden", "aria-hidden":
			return a.Key == "hidden" || a.Val == "true"
		}
	}
	return false
}

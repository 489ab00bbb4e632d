package crawler

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"

	"github.com/wallbreak/wallbreak/timeline"
)

// Hints are what the crawler knows of a page before reading it: from the
// feed or sitemap that linked it, and from the source's configuration.
type Hints struct {
	Title       string
	PublishedAt *time.Time
	// PublishedFrom says where PublishedAt came from (PublishedFromFeed
	// when empty).
	PublishedFrom string
	Publisher     string
	Source        string
	Lang          string         // "en", "zh" or "" to detect
	Location      *time.Location // zone of dates the page writes without one
	FetchedAt     time.Time
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

// articleDocument extracts a news article's main text with readability.
func articleDocument(doc *goquery.Document, meta pageMeta, h Hints) ([]timeline.Document, error) {
	root := doc.Selection.Nodes[0]
	pageURL, _ := url.Parse(meta.url)
	lang := meta.lang
	page := cloneNode(root)
	// Sidebars are never the article; readability, scoring blocks by their
	// text, took a forum's "about this community" box for a short post.
	removeNodes(page, isComplementary)
	removeDiscarded(page)
	art, err := readability.FromDocument(page, pageURL)
	var got string
	if err == nil && art.Node != nil {
		removeRelatedLinks(art.Node)
		removeAboutBoilerplate(art.Node)
		got = blockText(art.Node)
		if meta.title == "" {
			meta.title = art.Title()
		}
	}
	// The fallback chain also reads a page readability found nothing in.
	text := fallbackText(page, got)
	if text != "" {
		text = cutRelatedTail(withLead(page, withSiblingSections(page, text)))
	}
	if strings.TrimSpace(text) == "" {
		// No article found: the whole body, its chrome cut below.
		text = timeline.CleanText(joinWrapped(blockText(doc.Find("body").Nodes...)))
	} else {
		text = cleanArticle(joinWrapped(text))
	}
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("%w: %s: no text content", timeline.ErrInvalid, meta.url)
	}
	if lang == "" {
		lang = timeline.DetectLang(text)
	}
	published, from := publishedOf(doc, meta.url, h, h.location(lang))
	return []timeline.Document{{
		ID:            timeline.DocumentID(meta.url),
		URL:           meta.url,
		Title:         meta.title,
		Publisher:     meta.publisher,
		Source:        h.Source,
		Kind:          "article",
		Lang:          lang,
		Text:          text,
		PublishedAt:   published,
		PublishedFrom: from,
		FetchedAt:     h.FetchedAt,
	}}, nil
}

// cleanArticle drops chrome lines from the text of the article readability
// found, and the few short lines before its first paragraph and after its
// last (a kicker, a byline, a source line), as timeline.CleanText does for
// whole pages; but a run of minTailItems lines or more there is the
// article's own list or table (an agenda, tour dates, standings), kept.
func cleanArticle(text string) string {
	cleaned := timeline.CleanText(text)
	if cleaned == "" {
		return ""
	}
	lines := strings.Split(text, "\n")
	n := strings.Count(cleaned, "\n") + 1
	if len(lines)-n < minTailItems {
		return cleaned // too few lines cut for a list among them
	}
	var kept []string
	for _, l := range lines {
		if l = timeline.CleanText(l); l != "" {
			kept = append(kept, l)
		}
	}
	head := cleaned
	if i := strings.IndexByte(cleaned, '\n'); i >= 0 {
		head = cleaned[:i]
	}
	for i, l := range kept {
		if l == head {
			from, to := i, i+n
			if i >= minTailItems {
				from = 0
			}
			if len(kept)-to >= minTailItems {
				to = len(kept)
			}
			return strings.Join(kept[from:to], "\n")
		}
	}
	return cleaned
}

// minTailItems is the fewest lines before the first paragraph or after the
// last that read as the article's own list rather than a byline, a source
// line or a comment count.
const minTailItems = 6

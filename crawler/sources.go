package crawler

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	"github.com/mmcdole/gofeed"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

// onFeed reads an RSS, Atom or JSON feed and queues its items' links.
func (r *run) onFeed(resp *colly.Response, canon string) error {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		return fmt.Errorf("parse feed: %w", err)
	}
	for _, it := range feed.Items {
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		if link == "" {
			continue
		}
		abs := resp.Request.AbsoluteURL(link)
		published := it.PublishedParsed
		if published == nil {
			published = it.UpdatedParsed
		}
		r.visit(abs, kindArticle, 1, hintsFromFeed(it.Title, published), false)
	}
	return r.remember(resp, canon, "", nil)
}

// sitemapDoc covers a urlset (with news extensions) and a sitemap index.
type sitemapDoc struct {
	XMLName  xml.Name
	URLs     []sitemapURL `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		Publication struct {
			Name     string `xml:"name"`
			Language string `xml:"language"`
		} `xml:"publication"`
		PublicationDate string `xml:"publication_date"`
		Title           string `xml:"title"`
	} `xml:"news"`
}

// onSitemap reads a sitemap (following a sitemap index to its sitemaps) and
// queues its pages, with the news sitemap's title, publisher and date.
func (r *run) onSitemap(resp *colly.Response, canon string) error {
	var sm sitemapDoc
	dec := xml.NewDecoder(bytes.NewReader(resp.Body))
	dec.Strict = false
	if err := dec.Decode(&sm); err != nil {
		return fmt.Errorf("parse sitemap: %w", err)
	}
	switch sm.XMLName.Local {
	case "urlset", "sitemapindex":
	default:
		return fmt.Errorf("parse sitemap: root element <%s> is not urlset or sitemapindex", sm.XMLName.Local)
	}
	depth, _ := resp.Ctx.GetAny("depth").(int)
	for _, s := range sm.Sitemaps {
		if depth < 3 {
			r.visit(resp.Request.AbsoluteURL(strings.TrimSpace(s.Loc)), kindSitemap, depth+1, Hints{}, false)
		}
	}
	for _, u := range sm.URLs {
		h := Hints{Title: u.News.Title, Publisher: u.News.Publication.Name}
		switch l := strings.ToLower(u.News.Publication.Language); {
		case strings.HasPrefix(l, "zh"):
			h.Lang = "zh"
		case strings.HasPrefix(l, "en"):
			h.Lang = "en"
		}
		if t, ok := pagetime.Parse(u.News.PublicationDate, r.loc); ok {
			h.PublishedAt, h.PublishedFrom = &t, timeline.PublishedFromSitemap
		}
		r.visit(resp.Request.AbsoluteURL(strings.TrimSpace(u.Loc)), kindArticle, depth+1, h, false)
	}
	return r.remember(resp, canon, "", nil)
}

// onListing reads a start page and queues the links its Follow selector
// picks (every link on the page's host when it has none).
func (r *run) onListing(resp *colly.Response, canon string) error {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(decodeBody(resp.Body, resp.Headers.Get("Content-Type"))))
	if err != nil {
		return fmt.Errorf("parse listing: %w", err)
	}
	depth, _ := resp.Ctx.GetAny("depth").(int)
	sel := r.follow
	if sel == "" {
		sel = "a[href]"
	}
	host := resp.Request.URL.Host
	doc.Find(sel).Each(func(_ int, a *goquery.Selection) {
		href, ok := a.Attr("href")
		if !ok {
			href, ok = a.Find("a[href]").First().Attr("href")
		}
		if !ok {
			return
		}
		abs := resp.Request.AbsoluteURL(strings.TrimSpace(href))
		if abs == "" || r.follow == "" && !strings.Contains(abs, "://"+host+"/") {
			return
		}
		if depth+1 <= r.src.MaxDepth {
			r.visit(abs, kindArticle, depth+1, Hints{Title: strings.TrimSpace(a.Text())}, false)
		}
	})
	return r.remember(resp, canon, "", nil)
}

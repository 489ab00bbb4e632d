package crawler

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/wallbreak/wallbreak/timeline"
)

// discourseJSON covers the two Discourse API answers a forum source reads:
// a topic (/t/{id}.json, 20 posts a page) and a topic list (/latest.json,
// /c/{slug}/{id}.json).
type discourseJSON struct {
	ID         int    `json:"id"`
	Title      string `json:"title"`
	FancyTitle string `json:"fancy_title"`
	Slug       string `json:"slug"`
	PostsCount int    `json:"posts_count"`
	PostStream *struct {
		Posts []discoursePost `json:"posts"`
	} `json:"post_stream"`
	TopicList *struct {
		Topics []struct {
			ID    int    `json:"id"`
			Slug  string `json:"slug"`
			Title string `json:"title"`
		} `json:"topics"`
		MoreTopicsURL string `json:"more_topics_url"`
	} `json:"topic_list"`
}

type discoursePost struct {
	ID         int    `json:"id"`
	PostNumber int    `json:"post_number"`
	Username   string `json:"username"`
	Name       string `json:"name"`
	CreatedAt  string `json:"created_at"`
	Cooked     string `json:"cooked"`
	Hidden     bool   `json:"hidden"`
	DeletedAt  string `json:"deleted_at"`
}

// discourseTopic makes one document per post of a page of a Discourse
// topic's JSON, each at its permalink (/t/slug/id/N), and returns the URL
// of the topic's next page of JSON ("" on the last).
func discourseTopic(page *url.URL, d discourseJSON, h Hints) ([]timeline.Document, string) {
	title := firstNonEmpty(d.Title, d.FancyTitle, h.Title)
	base := &url.URL{Scheme: page.Scheme, Host: page.Host}
	topic := base.JoinPath("t", firstNonEmpty(d.Slug, "topic"), strconv.Itoa(d.ID)).String()
	publisher := firstNonEmpty(h.Publisher, page.Hostname())
	var out []timeline.Document
	last := 0
	for _, p := range d.PostStream.Posts {
		last = max(last, p.PostNumber)
		if p.Hidden || p.DeletedAt != "" {
			continue
		}
		cooked, err := goquery.NewDocumentFromReader(strings.NewReader(p.Cooked))
		if err != nil {
			continue
		}
		// Quotes of earlier posts are theirs, not this one's.
		cooked.Find("aside.quote, aside.onebox").Remove()
		text := timeline.CleanText(blockText(cooked.Find("body").Nodes...))
		if strings.TrimSpace(text) == "" {
			continue
		}
		lang := langOr(h.Lang, text)
		post := timeline.Document{
			URL: topic, Title: title, Publisher: publisher, Author: firstNonEmpty(p.Username, p.Name),
			Source: h.Source, Kind: "post", Lang: lang, Text: text, FetchedAt: h.FetchedAt,
		}
		if p.PostNumber > 1 {
			post.URL = topic + "/" + strconv.Itoa(p.PostNumber)
			post.Title = fmt.Sprintf("Re: %s (#%d)", title, p.PostNumber)
		}
		if t, err := time.Parse(time.RFC3339, p.CreatedAt); err == nil {
			t = t.UTC()
			post.PublishedAt, post.PublishedFrom = &t, timeline.PublishedFromFeed
		}
		post.ID = timeline.DocumentID(post.URL)
		out = append(out, post)
	}
	finishPublished(out)
	next := ""
	if len(d.PostStream.Posts) > 0 && last < d.PostsCount {
		n, _ := strconv.Atoi(page.Query().Get("page"))
		q := page.Query()
		q.Set("page", strconv.Itoa(max(n, 1)+1))
		u := *page
		u.RawQuery = q.Encode()
		next = u.String()
	}
	return out, next
}

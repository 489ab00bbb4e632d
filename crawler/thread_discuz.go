package crawler

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

// isDiscuzThread tells a Discuz! thread page (forum.php?mod=viewthread or
// thread-*.html) by its post bodies, td.t_f#postmessage_<pid>.
func isDiscuzThread(doc *goquery.Document) bool {
	return doc.Find(`[id^="postmessage_"]`).Length() > 0
}

// discuzPosts makes one document per floor of a Discuz thread: its message
// only (td.t_f), with the floor's author and time. The breadcrumb, the
// poster card (td.pls), signatures, the reply box and the rules panel are
// outside the message and never become text.
//
// On a thread's later pages (page > 1) every floor is a reply, at its own
// #pid URL: Discuz often gives all pages the first page's canonical URL.
func discuzPosts(doc *goquery.Document, meta pageMeta, h Hints) []timeline.Document {
	page := discuzPage(doc, meta.fetched)
	subject := firstNonEmpty(doc.Find("#thread_subject").First().Text(), meta.title)
	loc := discuzZone(doc, h)
	var out []timeline.Document
	doc.Find(`[id^="postmessage_"]`).Each(func(i int, msg *goquery.Selection) {
		pid := strings.TrimPrefix(msg.AttrOr("id", ""), "postmessage_")
		post := msg.Closest(`[id^="pid"], [id^="post_"]`)
		text := timeline.CleanText(blockText(msg.Nodes...))
		if strings.TrimSpace(text) == "" {
			return
		}
		author := strings.TrimSpace(post.Find(".authi a.xw1, .pls .authi a").First().Text())
		lang := langOr(meta.lang, text)
		published := discuzTime(post, pid, loc)
		d := timeline.Document{
			URL:         meta.url,
			Title:       subject,
			Publisher:   meta.publisher,
			Author:      author,
			Source:      h.Source,
			Kind:        "post",
			Lang:        lang,
			Text:        text,
			PublishedAt: published,
			FetchedAt:   h.FetchedAt,
		}
		if i > 0 || page > 1 {
			d.URL = meta.url + "#pid" + pid
			d.Title = "Re: " + subject
			if n := discuzFloor(post); n > 0 {
				d.Title = fmt.Sprintf("Re: %s (#%d)", subject, n)
			} else if page == 1 {
				d.Title = fmt.Sprintf("Re: %s (#%d)", subject, i+1)
			}
		}
		if i == 0 && page == 1 {
			hintPublished(&d, h)
		}
		d.ID = timeline.DocumentID(d.URL)
		out = append(out, d)
	})
	return out
}

// discuzFloor is the floor number Discuz prints on a post ("2#", or
// <em>2</em><sup>#</sup>), 0 if none.
func discuzFloor(post *goquery.Selection) int {
	t := strings.TrimSpace(post.Find(`[id^="postnum"]`).First().Text())
	t = strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(t, "#")), "#")
	n, err := strconv.Atoi(strings.TrimSpace(strings.Trim(t, "楼")))
	if err != nil {
		return 0
	}
	return n
}

// discuzTime reads a floor's "发表于 2024-2-21 10:32" (or the exact time
// Discuz keeps in a title attribute when it shows "3 天前").
func discuzTime(post *goquery.Selection, pid string, loc *time.Location) *time.Time {
	em := post.Find("#authorposton" + pid)
	if em.Length() == 0 {
		em = post.Find(`[id^="authorposton"]`).First()
	}
	for _, s := range []string{em.Find("span[title]").AttrOr("title", ""), em.Text()} {
		if t, ok := pagetime.Posted(s, loc); ok {
			return &t
		}
	}
	return nil
}

// discuzZone is the zone a Discuz board writes its times in: the source's
// configured zone, else the "GMT+8" its footer states, else Beijing time
// (Discuz is Chinese forum software; most boards run on Beijing time).
func discuzZone(doc *goquery.Document, h Hints) *time.Location {
	if h.Location != nil {
		return h.Location
	}
	if loc, ok := pagetime.GMTZone(doc.Find("#ft, .ft, #footer").Text()); ok {
		return loc
	}
	return shanghai
}

var discuzThreadPageRe = regexp.MustCompile(`thread-\d+-(\d+)-\d+\.html`)

// discuzPage is the page of a Discuz thread being read: the pager's
// current page, else the one in thread-TID-PAGE-X.html or ?page=.
func discuzPage(doc *goquery.Document, pageURL string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(doc.Find(".pg strong").First().Text())); err == nil && n > 0 {
		return n
	}
	if m := discuzThreadPageRe.FindStringSubmatch(pageURL); m != nil {
		n, _ := strconv.Atoi(m[1])
		return max(n, 1)
	}
	if u, err := url.Parse(pageURL); err == nil {
		if n, err := strconv.Atoi(u.Query().Get("page")); err == nil && n > 0 {
			return n
		}
	}
	return 1
}

package crawler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"

	"github.com/wallbreak/wallbreak/timeline"
)

// kindForum is a page of a forum source, board or thread: which one is
// decided on reading it.
const kindForum = "forum"

// onForum reads a forum page. A thread page (Discuz floors, schema.org
// posts, or a Discourse topic's JSON) gives one document per post and
// links to its next page; a board page (Discuz forumdisplay, a Discourse
// category or latest list, as HTML or JSON) gives links to its threads and
// to the board's next page.
func (r *run) onForum(resp *colly.Response, canon string) error {
	depth, _ := resp.Ctx.GetAny("depth").(int)
	if looksJSON(resp) {
		return r.onDiscourseJSON(resp, canon, depth)
	}
	body := decodeBody(resp.Body, resp.Headers.Get("Content-Type"))
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("parse forum page: %w", err)
	}
	if isDiscuzThread(doc) || isSchemaThread(doc) {
		next := nextPageLink(doc, resp.Request)
		docs, err := extractDocument(doc, resp.Request.URL.String(), r.hints(resp))
		if err != nil {
			return err
		}
		return r.storeThreadPage(resp, canon, docs, next, depth)
	}
	// A board: its threads, then its next page.
	resp.Ctx.Put("board", "1")
	for _, l := range threadLinks(doc, r.follow) {
		if abs := resp.Request.AbsoluteURL(l.href); abs != "" {
			r.visit(abs, kindForum, depth+1, Hints{Title: l.title}, false)
		}
	}
	if next := nextPageLink(doc, resp.Request); next != "" {
		r.visit(next, kindForum, depth, Hints{}, false)
	}
	return r.remember(resp, canon, "", nil)
}

// storeThreadPage keeps a thread page's posts and follows the thread to
// its next page. The page's state remembers the next page, so later runs
// walk known pages through the store and fetch only the last one, where
// new replies appear.
func (r *run) storeThreadPage(resp *colly.Response, canon string, docs []timeline.Document, next string, depth int) error {
	resp.Ctx.Put("thread", "1")
	resp.Ctx.Put("next", next)
	if err := r.storeDocs(resp, canon, docs); err != nil {
		return err
	}
	if next != "" {
		r.visit(next, kindForum, depth, Hints{}, false)
	}
	return nil
}

func looksJSON(resp *colly.Response) bool {
	if strings.Contains(strings.ToLower(resp.Headers.Get("Content-Type")), "json") {
		return true
	}
	b := bytes.TrimSpace(resp.Body)
	return len(b) > 0 && b[0] == '{'
}

// nextPageLink is the page after this one: rel="next" (Discourse, most
// forum software and paginated articles) or Discuz's a.nxt.
func nextPageLink(doc *goquery.Document, req *colly.Request) string {
	for _, sel := range []string{`link[rel="next"]`, `a[rel="next"]`, `.pg a.nxt`, `a.nxt`} {
		if href, ok := doc.Find(sel).First().Attr("href"); ok && strings.TrimSpace(href) != "" && !strings.HasPrefix(href, "javascript:") {
			return req.AbsoluteURL(strings.TrimSpace(href))
		}
	}
	return ""
}

type link struct{ href, title string }

// threadLinks are a board page's links to threads: the Follow selector if
// the source has one, else Discuz's subject links (a.xst, or links to
// viewthread / thread-*.html in the list) and Discourse's topic links.
func threadLinks(doc *goquery.Document, follow string) []link {
	sels := []string{
		`a.xst`,
		`#threadlisttableid a[href*="mod=viewthread"], #threadlisttableid a[href*="thread-"]`,
		`a.raw-topic-link`,
		`.topic-list a.title[href*="/t/"]`,
		`[itemtype$="schema.org/ItemList"] a[itemprop="url"][href*="/t/"]`,
	}
	if follow != "" {
		sels = []string{follow}
	}
	var out []link
	seen := map[string]bool{}
	for _, sel := range sels {
		doc.Find(sel).Each(func(_ int, a *goquery.Selection) {
			href, ok := a.Attr("href")
			if !ok {
				href, ok = a.Find("a[href]").First().Attr("href")
			}
			href = strings.TrimSpace(href)
			if !ok || href == "" || seen[href] || strings.HasPrefix(href, "javascript:") {
				return
			}
			seen[href] = true
			out = append(out, link{href: href, title: strings.TrimSpace(a.Text())})
		})
		if len(out) > 0 && follow == "" {
			break
		}
	}
	return out
}

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

func (r *run) onDiscourseJSON(resp *colly.Response, canon string, depth int) error {
	var d discourseJSON
	if err := json.Unmarshal(resp.Body, &d); err != nil {
		return fmt.Errorf("parse forum JSON: %w", err)
	}
	switch {
	case d.PostStream != nil:
		docs, next := discourseTopic(resp.Request.URL, d, r.hints(resp))
		return r.storeThreadPage(resp, canon, docs, next, depth)
	case d.TopicList != nil:
		resp.Ctx.Put("board", "1")
		for _, t := range d.TopicList.Topics {
			r.visit(resp.Request.AbsoluteURL(fmt.Sprintf("/t/%s/%d.json", t.Slug, t.ID)), kindForum, depth+1, Hints{Title: t.Title}, false)
		}
		if more := d.TopicList.MoreTopicsURL; more != "" {
			r.visit(resp.Request.AbsoluteURL(jsonPath(more)), kindForum, depth, Hints{}, false)
		}
		return r.remember(resp, canon, "", nil)
	}
	return fmt.Errorf("forum JSON is neither a Discourse topic nor a topic list")
}

// jsonPath turns a Discourse page path into its JSON twin:
// /c/news/4/l/latest?page=1 → /c/news/4/l/latest.json?page=1.
func jsonPath(p string) string {
	path, query, _ := strings.Cut(p, "?")
	if !strings.HasSuffix(path, ".json") {
		path += ".json"
	}
	if query != "" {
		return path + "?" + query
	}
	return path
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
			post.PublishedAt = &t
		}
		post.ID = timeline.DocumentID(post.URL)
		out = append(out, post)
	}
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

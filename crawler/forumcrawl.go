package crawler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

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

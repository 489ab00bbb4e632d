package crawler

import (
	"strings"

	"golang.org/x/net/html"
)

// A discardRule names a kind of block that sits inside or beside a story
// without being its text, told by the words of its class and id: share
// bars, bylines, captions, author cards, newsletter boxes, lists of other
// stories. They are cut before readability scores the page, as
// go-trafilatura's discard rules do before its own extraction.
type discardRule struct {
	name   string
	tokens []string // whole words of the class or id ("ad", "bio")
	parts  []string // substrings of the lower-cased class or id ("newsletter")
	tags   []string // elements always cut
	// maxText, when set, is the most text (bytes, spaces aside) a block
	// may hold to be cut: a byline is a line, a wire story's lead
	// paragraph classed "dateline" is not one.
	maxText int
	// spareLead keeps a block also named as the story's lead
	// (isLeadBlock): a teaser set in a "caption" type style.
	spareLead bool
}

var discardRules = []discardRule{
	{name: "caption", tags: []string{"figcaption"}, tokens: []string{"caption", "credit", "credits", "legend", "copyright", "imagedescription", "bildunterschrift", "bilduntertitel"}, parts: []string{"caption", "image-description", "img-description", "image-meta", "img-meta", "photo-credit", "image-credit", "bildunter", "media__description"}, maxText: 600, spareLead: true},
	{name: "share", tokens: []string{"share", "sharing", "shares", "social", "sharebar"}, parts: []string{"share-", "sharing", "social", "sociable", "addthis", "sharedaddy"}, maxText: 400},
	{name: "byline", tokens: []string{"byline", "dateline", "timestamp", "author", "authors", "meta"}, parts: []string{"byline", "timestamp", "entry-meta", "post-meta", "article-meta"}, maxText: 100},
	{name: "author-bio", tokens: []string{"bio", "biography"}, parts: []string{"authorbio", "author-", "about-author", "about-the-author"}, maxText: 800},
	{name: "newsletter", tokens: []string{"subscribe", "subscription", "signup"}, parts: []string{"newsletter", "subscribe", "sign-up", "signup"}},
	{name: "related", tokens: []string{"related", "recommended", "popular", "trending"}, parts: []string{"related", "recommend", "most-popular", "mostpopular", "more-stories", "outbrain", "taboola", "read-next", "readnext"}},
	{name: "comments", tokens: []string{"comments", "respond", "disqus"}, parts: []string{"comments", "disqus", "comment-", "comment_", "commentlist", "commentbox", "commentform"}},
	{name: "tags", tokens: []string{"tags", "tag", "keywords"}, parts: []string{"tag-list", "taglist", "post-tags", "article-tags"}, maxText: 400},
	{name: "ads", tokens: []string{"ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "promo", "adsbygoogle"}, parts: []string{"advert", "sponsor"}, maxText: 300},
	{name: "breadcrumb", parts: []string{"breadcrumb", "bread-crumb"}},
	{name: "consent", tokens: []string{"cookie", "cookies", "consent", "gdpr", "modal", "popup"}, parts: []string{"cookie", "consent"}},
}

// discardTags are the elements a rule may cut; a rule never cuts the body,
// the article or main element, or an element holding a third of the
// page's text (a wrapper whose class happens to say "author").
var discardTags = map[string]bool{
	"div": true, "section": true, "aside": true, "ul": true, "ol": true, "li": true, "dl": true, "p": true,
	"span": true, "figure": true, "figcaption": true, "header": true, "footer": true, "nav": true, "form": true,
	"table": true, "small": true, "time": true, "address": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "strong": true,
}

// blockNames are an element's class and id, lower-cased, and their
// words: what the discard rules read, split once for all of them.
type blockNames struct {
	names, words []string
}

func namesOf(n *html.Node) blockNames {
	var b blockNames
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			v := strings.ToLower(a.Val)
			b.names = append(b.names, v)
			b.words = append(b.words, strings.FieldsFunc(v, func(c rune) bool { return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') })...)
		}
	}
	return b
}

// names tells whether r names n, whose class and id are b.
func (r *discardRule) names(n *html.Node, b blockNames) bool {
	for _, t := range r.tags {
		if n.Data == t {
			return true
		}
	}
	for _, v := range b.names {
		for _, p := range r.parts {
			if strings.Contains(v, p) {
				return true
			}
		}
	}
	for _, w := range b.words {
		for _, t := range r.tokens {
			if w == t {
				return true
			}
		}
	}
	return false
}

func (r *discardRule) cuts(text, limit int) bool {
	return text < limit && (r.maxText == 0 || text <= r.maxText)
}

// discarded tells a block one of the rules naming it cuts: it holds no
// more text than the rule allows (a block classed "author-box" is a bio
// even when its words also name a byline, whose limit is one line), less
// than limit, and is not the block the page marks as its story's body.
func discarded(n *html.Node, limit int) bool {
	if n.Type != html.ElementNode || !discardTags[n.Data] {
		return false
	}
	b := namesOf(n)
	size := -1
	for i := range discardRules {
		r := &discardRules[i]
		if !r.names(n, b) {
			continue
		}
		if size < 0 {
			size = textLen(n)
		}
		if r.cuts(size, limit) && !(r.spareLead && isLeadBlock(n)) {
			return contentBlock(n) == nil
		}
	}
	return false
}

// removeDiscarded cuts from root every block a discard rule names, unless
// it holds a third of the page's text or the block the page marks as its
// story's body ("TestReport__Section--Ads" is a section that has ads).
func removeDiscarded(root *html.Node) {
	limit := textLen(root) / 3
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if discarded(c, limit) {
				n.RemoveChild(c)
			} else {
				walk(c)
			}
			c = next
		}
	}
	walk(root)
}

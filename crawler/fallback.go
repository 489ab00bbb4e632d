package crawler

import (
	"strings"

	"golang.org/x/net/html"
)

// The fallback chain, go-trafilatura's idea turned round: readability
// reads the page first; when the page also marks a block as its story's
// body (class "entry-content", itemprop="articleBody", …) and that block
// holds more than twice readability's text, mostly not as links,
// readability took a fragment (a teaser, a caption, a lead) and the block
// is read instead; and when the page's largest run of paragraphs holds
// more than twice readability's prose, readability scored a list or a
// table above the story, and the paragraphs are read.

// fallbackText is the text of the page (cut as readability's was) to read
// instead of readability's got, if the chain finds better: first the
// block the page marks as its story's body, then its largest run of
// paragraphs.
func fallbackText(page *html.Node, got string) string {
	if block := contentBlock(page); block != nil {
		removeRelatedLinks(block)
		removeAboutBoilerplate(block)
		if own := blockText(block); betterThanReadability(block, own, got) {
			got = own
		}
	}
	if block, most := paragraphBlock(page); block != nil && most > 2*proseLen(got) && most >= 400 {
		removeRelatedLinks(block)
		removeAboutBoilerplate(block)
		if own := blockText(block); proseLen(own) > 2*proseLen(got) {
			got = own
		}
	}
	return got
}

// contentParts are substrings of a class or id that name a story's body.
var contentParts = []string{
	"entry-content", "post-content", "post_content", "postcontent", "post-body", "post-text", "post_text", "post-entry",
	"article-content", "article_content", "article__content", "article-body", "article_body", "article__body",
	"articlebody", "article-text", "articletext", "story-body", "storybody", "story-content", "body-text",
	"text-content", "page-content", "art-content", "single-content", "td-post-content", "content-body",
}

// contentTags are the elements that may be a story's body.
var contentTags = map[string]bool{"article": true, "div": true, "main": true, "section": true}

// isContentBlock tells an element the page marks as its story's body.
func isContentBlock(n *html.Node) bool {
	if n.Type != html.ElementNode || !contentTags[n.Data] {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "itemprop":
			if a.Val == "articleBody" {
				return true
			}
		case "class", "id":
			v := strings.ToLower(a.Val)
			for _, p := range contentParts {
				if strings.Contains(v, p) {
					return true
				}
			}
		}
	}
	return false
}

// contentBlock is the first block under root the page marks as its
// story's body, or nil.
func contentBlock(root *html.Node) *html.Node {
	if isContentBlock(root) {
		return root
	}
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !skipTags[c.Data] {
			if b := contentBlock(c); b != nil {
				return b
			}
		}
	}
	return nil
}

// betterThanReadability tells a marked body block whose text (candidate)
// should replace readability's (got): more than twice as long, and less
// than a third of it link text.
func betterThanReadability(block *html.Node, candidate, got string) bool {
	c, g := len(candidate), len(got)
	if c == 0 || c <= 2*g {
		return false
	}
	return linkedLen(block)*3 < textLen(block)
}

// linkedLen counts the non-space text bytes inside links under n.
func linkedLen(n *html.Node) int {
	if n.Type == html.ElementNode && n.Data == "a" {
		return textLen(n)
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += linkedLen(c)
	}
	return total
}

// paragraphBlock is the element whose own paragraphs (<p> children) hold
// the most text: where a page's prose is when readability scored
// something else higher (a list of signatories, a fixture table).
func paragraphBlock(root *html.Node) (*html.Node, int) {
	var best *html.Node
	most := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		own := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipTags[c.Data] {
				continue
			}
			if c.Data == "p" {
				own += textLen(c)
			} else {
				walk(c)
			}
		}
		if own > most {
			best, most = n, own
		}
	}
	walk(root)
	return best, most
}

// proseLen counts the bytes of text in lines that read as sentences: long
// ones, or ones ending in a full stop.
func proseLen(text string) int {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if len(l) >= 160 || len(l) >= 60 && strings.ContainsAny(l[len(l)-1:], ".!?\"”") || strings.HasSuffix(l, "。") || strings.HasSuffix(l, "！") || strings.HasSuffix(l, "？") || strings.HasSuffix(l, "”") {
			n += len(l)
		}
	}
	return n
}

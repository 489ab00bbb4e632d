package crawler

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// isComplementary tells an element beside the content: <aside> (unless
// it fills the <main> it is in), an ARIA complementary or navigation
// landmark, a block classed "side" or "sidebar" — but not the page's
// body, main or article element, which a theme classes "sidebar" for a
// layout that has one.
func isComplementary(n *html.Node) bool {
	if n.Type != html.ElementNode || pageFrames[n.Data] {
		return false
	}
	if n.Data == "aside" {
		// An <aside> that fills most of the page's main element is
		// where the page put its story.
		return n.Parent == nil || n.Parent.Data != "main" || textLen(n)*2 <= textLen(n.Parent)
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

// pageFrames are the elements that frame a page's content rather than
// sit beside it.
var pageFrames = map[string]bool{"html": true, "body": true, "main": true, "article": true}

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
			if short && lead != "" && isRelatedHeading(lead) {
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
	// A closing section: an "About Python" heading that opens a tutorial
	// (what follows is most of the text) is the article's own.
	cut := 0
	for n := found; n != nil; n = n.NextSibling {
		cut += textLen(n)
	}
	if cut*2 > textLen(root) {
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

// cloneNode is a deep copy of n and everything under it.
func cloneNode(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	if len(n.Attr) > 0 {
		c.Attr = make([]html.Attribute, len(n.Attr))
		copy(c.Attr, n.Attr)
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(cloneNode(k))
	}
	return c
}

package crawler

import (
	"strings"

	"golang.org/x/net/html"
)

// withSiblingSections adds to got, the text readability found, the prose
// of the blocks beside it that share its class: a page built of sections
// ("container topic", "text-block") sets its story in several, and
// readability, scoring one block, takes one.
func withSiblingSections(page *html.Node, got string) string {
	lines := strings.Split(got, "\n")
	ends := startingWith(page, foldedPrefix(lines[0], 60), foldedPrefix(lines[len(lines)-1], 60))
	if ends[0] == nil || ends[1] == nil {
		return got
	}
	in := commonAncestor(ends[0], ends[1])
	for x, up := in, 0; x != nil && x.Parent != nil && up < 4; x, up = x.Parent, up+1 {
		class := className(x)
		if x.Type != html.ElementNode || class == "" || pageFrames[x.Data] {
			continue
		}
		var parts []string
		extra := false
		for s := x.Parent.FirstChild; s != nil; s = s.NextSibling {
			switch {
			case s == x:
				parts = append(parts, got)
			case s.Type == html.ElementNode && s.Data == x.Data && className(s) == class && proseSection(s):
				parts = append(parts, blockText(s))
				extra = true
			}
		}
		if extra {
			return strings.Join(parts, "\n")
		}
	}
	return got
}

// proseSection tells a block holding a paragraph of prose and few links.
func proseSection(n *html.Node) bool {
	size := textLen(n)
	return size > 0 && linkedLen(n)*4 < size && proseLen(blockText(n)) >= 150
}

// startingWith is, for each prefix, the nearest block element under root
// whose text (spaces folded) starts with it, or nil: found from the text
// node that opens the prefix, in one walk.
func startingWith(root *html.Node, prefixes ...string) []*html.Node {
	found := make([]*html.Node, len(prefixes))
	left := 0
	for _, p := range prefixes {
		if len(p) >= 20 {
			left++
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && left > 0; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				opening := strings.TrimSpace(c.Data)
				if opening == "" {
					continue
				}
				for i, p := range prefixes {
					if found[i] == nil && len(p) >= 20 && opens(opening, p) {
						if b := blockStarting(c, p); b != nil {
							found[i] = b
							left--
						}
					}
				}
			case c.Type == html.ElementNode && !skipTags[c.Data] && !hidden(c):
				walk(c)
			}
		}
	}
	walk(root)
	return found
}

// opens tells whether a text node's trimmed text may open prefix.
func opens(text, prefix string) bool {
	k := min(len(text), len(prefix), 12)
	return text[:k] == prefix[:k]
}

// blockStarting is the nearest block element holding text node t whose
// text starts with prefix.
func blockStarting(t *html.Node, prefix string) *html.Node {
	for b := t.Parent; b != nil; b = b.Parent {
		if b.Type != html.ElementNode || !blockTags[b.Data] {
			continue
		}
		g := textAfter{limit: len(prefix) + 8}
		g.walk(b, false)
		if strings.HasPrefix(g.b.String(), prefix) {
			return b
		}
		return nil
	}
	return nil
}

// commonAncestor is the nearest element holding both a and b.
func commonAncestor(a, b *html.Node) *html.Node {
	seen := map[*html.Node]bool{}
	for n := a; n != nil; n = n.Parent {
		seen[n] = true
	}
	for n := b; n != nil; n = n.Parent {
		if seen[n] {
			return n
		}
	}
	return nil
}

package crawler

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// leadWords are the words of a class or id that name a story's lead (its
// standfirst, dek or chapo): the paragraph under the headline that a page
// often sets apart from the body, in the header or a block of its own,
// where readability, scoring the body's paragraphs, leaves it out.
var leadWords = map[string]bool{
	"lead": true, "leader": true, "intro": true, "introduction": true, "teaser": true, "standfirst": true,
	"dek": true, "deck": true, "summary": true, "excerpt": true, "abstract": true, "subtitle": true,
	"subheadline": true, "subline": true, "description": true,
	"chapo": true, "chapeau": true, // French
	"bajada": true, "entradilla": true, "copete": true, "sumario": true, // Spanish
	"sapo": true, "linha": true, // Portuguese ("linha fina")
	"vorspann": true, "anreisser": true, // German
}

// notLeadWords name what a lead-like block holds when it is not the
// story's: the site's own description, a byline or a meta line, a call to
// action.
var notLeadWords = map[string]bool{"site": true, "meta": true, "cta": true, "author": true, "byline": true, "blog": true}

// leadTags are the elements a lead is set in.
var leadTags = map[string]bool{"p": true, "div": true, "section": true, "span": true, "h2": true, "h3": true, "h4": true, "strong": true}

// Bounds of a lead: a sentence or two, not a headline, not the story.
const (
	minLeadText = 40
	maxLeadText = 1000
	// maxLeadGap is the most text (bytes, spaces aside) between a lead and
	// the first line of the text readability found: a byline, a date, a
	// caption.
	maxLeadGap = 400
)

// isLeadBlock tells an element the page marks as its story's lead.
func isLeadBlock(n *html.Node) bool {
	if n.Type != html.ElementNode || !leadTags[n.Data] {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "itemprop":
			if a.Val == "description" || a.Val == "abstract" {
				return true
			}
		case "class", "id":
			words := nameWords(a.Val)
			for _, w := range words {
				if notLeadWords[w] {
					return false
				}
			}
			for _, w := range words {
				if leadWords[w] {
					return true
				}
			}
		}
	}
	return false
}

// nameWords splits a class or id into lower-case words: at anything not
// a letter or digit, and where a lower-case letter meets an upper-case
// one ("articleTeaser" → article, teaser).
func nameWords(v string) []string {
	var words []string
	start := -1
	prev := rune(0)
	for i, r := range v {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case !letter:
			if start >= 0 {
				words = append(words, strings.ToLower(v[start:i]))
				start = -1
			}
		case start < 0:
			start = i
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			words = append(words, strings.ToLower(v[start:i]))
			start = i
		}
		prev = r
	}
	if start >= 0 {
		words = append(words, strings.ToLower(v[start:]))
	}
	return words
}

// withLead puts before got, the text readability found, the lead the page
// sets right before it, when got lacks it: the element named as a lead
// (isLeadBlock) nearest before got's first line — past at most
// maxLeadGap bytes of text — that reads as prose and is not mostly links.
func withLead(page *html.Node, got string) string {
	first, _, _ := strings.Cut(got, "\n")
	anchor := foldedPrefix(first, 60)
	if len(anchor) < 20 {
		return got
	}
	folded := strings.Join(strings.Fields(got), " ")
	lead, nearest := "", maxLeadGap+1
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipTags[c.Data] || hidden(c) {
				continue
			}
			if isLeadBlock(c) {
				if t, ok := leadCandidate(c, folded); ok {
					if gap, ok := gapBefore(c, anchor); ok && gap < nearest {
						lead, nearest = t, gap
					}
				}
				continue
			}
			find(c)
		}
	}
	find(page)
	if lead == "" {
		return got
	}
	return lead + "\n" + got
}

// leadCandidate is a lead block's text, if it may be the story's lead
// and got (spaces folded) does not already hold it.
func leadCandidate(n *html.Node, got string) (string, bool) {
	size := textLen(n)
	if size > maxLeadText || linkedLen(n)*3 > size || hasHeadline(n) {
		return "", false
	}
	t := blockText(n)
	if utf8.RuneCountInString(t) < minLeadText || strings.Contains(got, foldedPrefix(t, 60)) {
		return "", false
	}
	return t, true
}

// hasHeadline tells a block holding an <h1>: the page's header, not its
// lead.
func hasHeadline(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "h1" || hasHeadline(c)) {
			return true
		}
	}
	return false
}

// gapBefore is how much text (bytes, spaces aside) lies between n and
// anchor (spaces folded), when anchor starts within the first maxLeadGap
// bytes of text after n, in document order.
func gapBefore(n *html.Node, anchor string) (int, bool) {
	var b strings.Builder
	limit := maxLeadGap + 2*len(anchor)
	for m := n; m != nil && b.Len() < limit; m = m.Parent {
		for s := m.NextSibling; s != nil && b.Len() < limit; s = s.NextSibling {
			appendText(&b, s, limit)
		}
	}
	after := strings.Join(strings.Fields(b.String()), " ")
	i := strings.Index(after, anchor)
	if i < 0 {
		return 0, false
	}
	gap := len(strings.ReplaceAll(after[:i], " ", ""))
	return gap, gap <= maxLeadGap
}

// appendText writes n's text to b, words apart, until b holds limit
// bytes.
func appendText(b *strings.Builder, n *html.Node, limit int) {
	switch {
	case b.Len() >= limit:
	case n.Type == html.TextNode:
		b.WriteString(n.Data)
	case n.Type == html.ElementNode && (skipTags[n.Data] || hidden(n)):
	default:
		if n.Type == html.ElementNode && blockTags[n.Data] {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil && b.Len() < limit; c = c.NextSibling {
			appendText(b, c, limit)
		}
	}
}

// foldedPrefix is s with spaces folded, cut to at most n bytes on a rune
// boundary.
func foldedPrefix(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

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
var notLeadWords = map[string]bool{
	"site": true, "meta": true, "cta": true, "author": true, "byline": true, "blog": true,
	"image": true, "img": true, "photo": true, "foto": true, "bild": true, "media": true, "credit": true, "figure": true, "video": true, "audio": true,
}

// leadTags are the elements a lead is set in.
var leadTags = map[string]bool{"p": true, "div": true, "section": true, "span": true, "h2": true, "h3": true, "h4": true, "strong": true}

// Bounds of a lead: a sentence or two, not a headline, not the story.
const (
	minLeadText = 40
	maxLeadText = 1000
	// maxLeadGap is the most text (bytes, spaces and links aside) between
	// a lead and the first line of the text readability found: a byline, a
	// date, a caption; maxLeadWindow the most text of any kind.
	maxLeadGap    = 400
	maxLeadWindow = 3000
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
			lead, not := false, false
			eachNameWord(a.Val, func(w []byte) {
				lead = lead || leadWords[string(w)]
				not = not || notLeadWords[string(w)]
			})
			if not {
				return false
			}
			if lead {
				return true
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
	eachNameWord(v, func(w []byte) { words = append(words, string(w)) })
	return words
}

// eachNameWord calls f with each word of nameWords, lower-cased in a
// buffer f must not keep.
func eachNameWord(v string, f func(w []byte)) {
	var buf [32]byte
	w := buf[:0]
	prev := rune(0)
	flush := func() {
		if len(w) > 0 {
			f(w)
			w = buf[:0]
		}
	}
	for _, r := range v {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			w = utf8.AppendRune(w, unicode.ToLower(r))
		default:
			w = utf8.AppendRune(w, unicode.ToLower(r))
		}
		prev = r
	}
	flush()
}

// withLead puts before got, the text readability found, the lead the page
// sets right before it, when got lacks it: the element named as a lead
// (isLeadBlock) nearest before got's first line — past at most
// maxLeadGap bytes of text outside links — that reads as prose and is not
// mostly links. A story has one lead: blocks sharing a class there with
// different texts are a list of teasers for other stories (the same text
// twice is one lead laid out for two screens).
func withLead(page *html.Node, got string) string {
	first, _, _ := strings.Cut(got, "\n")
	anchor := foldedPrefix(first, 60)
	if len(anchor) < 20 {
		return got
	}
	folded := strings.Join(strings.Fields(got), " ")
	type candidate struct {
		text, class string
		gap         int
	}
	var cands []candidate
	classes := map[string]map[string]bool{} // a class's distinct texts
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipTags[c.Data] || hidden(c) {
				continue
			}
			if isLeadBlock(c) {
				if t, ok := leadCandidate(c, folded); ok {
					if gap, ok := gapBefore(c, anchor); ok {
						cl := className(c)
						cands = append(cands, candidate{t, cl, gap})
						if classes[cl] == nil {
							classes[cl] = map[string]bool{}
						}
						classes[cl][t] = true
						continue
					}
				}
			}
			find(c)
		}
	}
	find(page)
	lead, nearest := "", maxLeadGap+1
	for _, c := range cands {
		if c.gap < nearest && (c.class == "" || len(classes[c.class]) == 1) {
			lead, nearest = c.text, c.gap
		}
	}
	if lead == "" {
		return got
	}
	return lead + "\n" + got
}

// className is n's class attribute.
func className(n *html.Node) string {
	for _, a := range n.Attr {
		if a.Key == "class" {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
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

// gapBefore is how much text (bytes, spaces and link text aside) lies
// between n and anchor (spaces folded), when anchor starts within the
// first maxLeadWindow bytes of text after n, in document order, and at
// most maxLeadGap of them lie before it: a byline, a caption, an audio
// player's label, while a list of links (most read, more on the topic)
// does not count.
func gapBefore(n *html.Node, anchor string) (int, bool) {
	var after textAfter
	for m := n; m != nil && after.b.Len() < maxLeadWindow; m = m.Parent {
		for s := m.NextSibling; s != nil && after.b.Len() < maxLeadWindow; s = s.NextSibling {
			after.walk(s, false)
		}
	}
	text := after.b.String()
	i := strings.Index(text, anchor)
	for i > 0 && text[i-1] != ' ' { // a word's tail is no anchor
		j := strings.Index(text[i+1:], anchor)
		if j < 0 {
			return 0, false
		}
		i += 1 + j
	}
	if i < 0 {
		return 0, false
	}
	gap := 0
	for _, r := range after.runs {
		if r.end > i {
			break
		}
		gap = r.own
	}
	return gap, gap <= maxLeadGap
}

// textAfter gathers text in document order, spaces folded, and how much
// of it, up to each text node's end, is outside links.
type textAfter struct {
	b     strings.Builder
	runs  []textRun
	own   int
	space bool // a space is due before the next word
	limit int  // bytes to gather (maxLeadWindow when 0)
}

type textRun struct{ end, own int }

func (t *textAfter) walk(n *html.Node, inLink bool) {
	limit := t.limit
	if limit == 0 {
		limit = maxLeadWindow
	}
	switch {
	case t.b.Len() >= limit:
	case n.Type == html.TextNode:
		words := strings.Fields(n.Data)
		if len(words) == 0 {
			t.space = t.space || n.Data != ""
			return
		}
		if t.b.Len() > 0 && (t.space || unicode.IsSpace(rune(n.Data[0]))) {
			t.b.WriteByte(' ')
		}
		for k, w := range words {
			if k > 0 {
				t.b.WriteByte(' ')
			}
			t.b.WriteString(w)
			if !inLink {
				t.own += len(w)
			}
		}
		t.runs = append(t.runs, textRun{t.b.Len(), t.own})
		t.space = unicode.IsSpace(rune(n.Data[len(n.Data)-1]))
	case n.Type == html.ElementNode && (skipTags[n.Data] || hidden(n)):
	default:
		block := n.Type == html.ElementNode && blockTags[n.Data]
		t.space = t.space || block
		for c := n.FirstChild; c != nil && t.b.Len() < limit; c = c.NextSibling {
			t.walk(c, inLink || n.Data == "a")
		}
		t.space = t.space || block
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

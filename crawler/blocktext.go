package crawler

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/wallbreak/wallbreak/timeline"
)

// shortText is n's text, spaces folded, when it is at most limit bytes
// and holds no block element (a heading's line); it stops reading as soon
// as it is not.
func shortText(n *html.Node, limit int) (string, bool) {
	var b strings.Builder
	ok := true
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		for c := c.FirstChild; c != nil && ok; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if b.WriteString(c.Data); b.Len() > limit {
					ok = false
				}
			case c.Type == html.ElementNode && (skipTags[c.Data] || hidden(c)):
			case c.Type == html.ElementNode && blockTags[c.Data] && c.Data != "br":
				ok = false
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " "), ok
}

// Elements whose text never belongs to the content.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "iframe": true, "svg": true, "button": true, "select": true, "textarea": true, "form": true, "nav": true}

// Elements that end a line of text.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "tr": true, "table": true, "blockquote": true, "section": true,
	"article": true, "pre": true, "figure": true, "figcaption": true, "header": true, "footer": true,
	"dd": true, "dt": true, "dl": true, "hr": true, "main": true, "aside": true, "td": false,
}

// blockText renders nodes as text: one line per block element, spaces
// folded inside lines, hidden anti-copy text (Discuz "jammer") dropped.
func blockText(nodes ...*html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			// A line break in the source is a space, as a browser shows it;
			// lines end at block elements only.
			b.WriteString(sourceBreaks.Replace(n.Data))
			return
		case html.ElementNode:
			if skipTags[n.Data] || hidden(n) {
				return
			}
			if n.Data == "pre" {
				// Mail archives and plain-text posts: lines wrapped at a
				// width are not sentences.
				b.WriteByte('\n')
				b.WriteString(reflow(preText(n)))
				b.WriteByte('\n')
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		// A definition list's term and its definition are one line: "Sept.
		// 2021 – WeChat opens one-on-one chats…".
		termDef := n.Type == html.ElementNode && n.Data == "dd" && prevElement(n) != nil && prevElement(n).Data == "dt"
		switch {
		case termDef:
			b.WriteString(" – ")
		case block:
			b.WriteByte('\n')
		case n.Type == html.ElementNode && (n.Data == "td" || n.Data == "th"):
			b.WriteByte(' ') // a table's cells are words apart: "1 Kyle Busch 5040"
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block && !(n.Data == "dt" && nextElement(n) != nil && nextElement(n).Data == "dd") {
			b.WriteByte('\n')
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\u00a0", " ")), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

var sourceBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// preText is the text inside a <pre>, as written.
func preText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode && (skipTags[n.Data] || hidden(n)) {
			return
		}
		if n.Type == html.ElementNode && n.Data == "br" {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// reflow joins hard-wrapped prose into one line per paragraph: a line
// continues the one before unless a blank line, a quote marker (">") or a
// list item starts it, or the text is not prose (code, tables: most
// lines short or indented), which keeps its lines.
func reflow(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	long, nonEmpty := 0, 0
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			nonEmpty++
			if len(t) >= 40 && !strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "\t") {
				long++
			}
		}
	}
	if nonEmpty < 2 || long*2 < nonEmpty {
		return text
	}
	var out []string
	cur := ""
	quoted := func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), ">") }
	flush := func() {
		if cur != "" {
			out = append(out, cur)
			cur = ""
		}
	}
	prevQuoted := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			flush()
		case cur == "" || quoted(l) != prevQuoted || listItemRe.MatchString(t):
			flush()
			cur = t
		default:
			cur += " " + strings.TrimSpace(strings.TrimLeft(t, ">"))
		}
		if t != "" {
			prevQuoted = quoted(l)
		}
	}
	flush()
	return strings.Join(out, "\n")
}

// joinWrapped joins lines that one sentence was broken across — a PDF
// converted to HTML puts every printed line in a block of its own: an
// English line that ends without a stop and is followed by a lower-case
// word or a digit, or that ends on a word that cannot end a sentence ("in",
// "since"), continues on the next.
func joinWrapped(text string) string {
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		if n := len(out); n > 0 && continues(out[n-1], l) {
			out[n-1] += " " + l
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func continues(prev, next string) bool {
	p, n := strings.TrimSpace(prev), strings.TrimSpace(next)
	if len(p) < 30 || n == "" || timeline.DetectLang(p) != "en" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	if strings.ContainsRune(".!?:;\"”’)。！？：；", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(n)
	if listItemRe.MatchString(n) || numberedHeadingRe.MatchString(n) {
		return false // "1. Payments": a heading or an item of its own
	}
	if unicode.IsLower(first) || unicode.IsDigit(first) {
		return true
	}
	w := strings.ToLower(p[strings.LastIndexByte(p, ' ')+1:])
	return danglingWords[w]
}

// numberedHeadingRe: "1. Payments", "2) Links".
var numberedHeadingRe = regexp.MustCompile(`^\d{1,2}[.)]\s+\p{Lu}`)

// danglingWords cannot end an English sentence.
var danglingWords = map[string]bool{"since": true, "in": true, "on": true, "at": true, "of": true, "to": true, "the": true, "a": true, "an": true,

	"and": true, "or": true, "for": true, "with": true, "from": true, "by": true, "as": true, "that": true, "which": true, "until": true, "after": true, "before": true}

// listItemRe starts a list item or a signature line.
var listItemRe = regexp.MustCompile(`^(?:[-*•]\s|\d{1,2}[.)]\s|--\s*$)`)

func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		case "class":
			for _, c := range strings.Fields(a.Val) {
				if c == "jammer" || c == "pstatus" || c == "sr-only" || c == "hidden" {
					return true
				}
			}
		case "hidden", "aria-hidden":
			return a.Key == "hidden" || a.Val == "true"
		}
	}
	return false
}

package timeline

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DetectLang tells Chinese from English text: "zh" when Han characters
// carry the text, else "en".
func DetectLang(text string) string {
	han, latin := 0, 0
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case r < 128 && unicode.IsLetter(r):
			latin++
		}
	}
	// A Chinese word is ~2 characters, an English one ~5 letters.
	if han > 0 && han*5 >= latin*2 {
		return "zh"
	}
	return "en"
}

// Headline shortens s to at most n runes on a word or clause boundary.
func Headline(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if utf8.RuneCountInString(s[:i]) >= n-1 {
			break
		}
		cut = i
	}
	head := s[:cut]
	if sp := strings.LastIndexAny(head, " ，,；;"); sp > len(head)/2 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ,，;；:：") + "…"
}

// Span is a piece of a text with its byte offset.
type Span struct {
	Text   string
	Offset int
}

// End is the byte offset just past the span.
func (s Span) End() int { return s.Offset + len(s.Text) }

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "no": true, "vs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "e.g": true, "i.e": true, "etc": true, "u.s": true, "approx": true,
}

// Sentences splits text into sentences: at line breaks, at 。！？ and at
// . ! ? followed by a space (not after abbreviations like "Sept.").
// Closing quotes stay with their sentence.
func Sentences(text string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		seg := text[start:end]
		trimmed := strings.TrimLeftFunc(seg, unicode.IsSpace)
		off := start + len(seg) - len(trimmed)
		trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
		if trimmed != "" {
			out = append(out, Span{Text: trimmed, Offset: off})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		next := i + size
		switch r {
		case '\n':
			emit(next)
		case '。', '！', '？', '!', '?', '.':
			end := next
			for end < len(text) {
				q, qs := utf8.DecodeRuneInString(text[end:])
				closing := strings.ContainsRune(`”’」』)）`, q) ||
					(q == '"' || q == '\'') && strings.Count(text[start:end], string(q))%2 == 1
				if !closing {
					break
				}
				end += qs
			}
			if r == '.' || r == '!' || r == '?' {
				if end < len(text) && !unicode.IsSpace(rune(text[end])) {
					break // "Ele.me", "129.07", "8.0"
				}
				if r == '.' && isAbbreviation(text[start:i]) {
					break
				}
				if r == '.' && clockTime(text[start:i], text[end:]) {
					break // "from 8 p.m. on Oct. 14", "10 a.m. Beijing time"
				}
			}
			emit(end)
			next = end
		}
		i = next
	}
	emit(len(text))
	return out
}

func isAbbreviation(before string) bool {
	j := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	w := strings.ToLower(before[j+1:])
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper(rune(before[j+1])) {
		return true // an initial: "J. Smith"
	}
	return abbreviations[w]
}

// clockTime tells a time of day ("8 p.m.") that the sentence goes on
// after: a lower-case word, a digit or a zone follows.
func clockTime(before, after string) bool {
	b := strings.ToLower(before)
	if !strings.HasSuffix(b, "a.m") && !strings.HasSuffix(b, "p.m") {
		return false
	}
	rest := strings.TrimLeft(after, " ")
	if rest == "" {
		return false
	}
	c, _ := utf8.DecodeRuneInString(rest)
	if unicode.IsLower(c) || unicode.IsDigit(c) {
		return true
	}
	for _, z := range []string{"Beijing", "HKT", "SGT", "ET", "EST", "EDT", "PT", "GMT", "UTC", "BST", "CST", "local"} {
		if strings.HasPrefix(rest, z+" ") || strings.HasPrefix(rest, z+",") || strings.HasPrefix(rest, z+".") {
			return true
		}
	}
	return false
}

// Clauses splits a sentence at semicolons, which in news narratives often
// join separate dated steps.
func Clauses(s Span) []Span {
	var out []Span
	start := 0
	for i, r := range s.Text {
		if r == ';' || r == '；' {
			out = appendTrimmed(out, s.Text[start:i], s.Offset+start)
			start = i + utf8.RuneLen(r)
		}
	}
	return appendTrimmed(out, s.Text[start:], s.Offset+start)
}

func appendTrimmed(out []Span, seg string, off int) []Span {
	t := strings.TrimLeftFunc(seg, unicode.IsSpace)
	off += len(seg) - len(t)
	t = strings.TrimRightFunc(t, unicode.IsSpace)
	if t == "" {
		return out
	}
	return append(out, Span{Text: t, Offset: off})
}

// Lines of forum and site chrome that are never content, whatever the page.
var chromeLine = regexp.MustCompile(`(?i)^(?:` + strings.Join([]string{
	`您需要登录后才可以回帖.*`, `本版积分规则.*`, `发表于\s*\S.*`, `發表於\s*\S.*`, `只看该作者`, `只看該作者`,
	`使用道具`, `举报`, `舉報`, `回复`, `回覆`, `返回列表`, `快速回复`, `高级模式`, `登录\s*\|\s*注册`,
	`(?:follow|following|followers|articles|posts|threads|replies|credits?|points)\s*\d*`,
	`\d+`, `sign\s*up`, `log\s*in`, `(?:reply|quote|report|share|like)\s*\d*`,
	`新手上路`, `注册会员`, `中级会员`, `高级会员`, `金牌会员`, `论坛元老`, `积分\s*\d*`, `主题\s*\d*`, `帖子\s*\d*`,
	`相关阅读.*`, `相关文章.*`, `相關文章.*`, `related (?:articles|posts|stories).*`, `责任编辑.*`, `責任編輯.*`,
}, "|") + `)$`)

// CleanText removes the chrome from a page given as plain text: blank-line
// noise, known forum and site boilerplate lines, and runs of short
// navigation-like lines before the first and after the last paragraph of
// running text. Paragraphs in between are kept as they are.
func CleanText(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var kept []string
	for _, l := range lines {
		t := strings.TrimSpace(strings.Map(func(r rune) rune {
			if r == '\u00a0' || r == '\u3000' {
				return ' '
			}
			return r
		}, l))
		t = strings.TrimLeft(t, "•·●▪◦*- ")
		if t == "" || chromeLine.MatchString(strings.TrimSpace(t)) {
			continue
		}
		kept = append(kept, t)
	}
	first, last := -1, -1
	for i, l := range kept {
		if isRunningText(l) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return strings.Join(kept, "\n")
	}
	// Keep a title-like line right before the first paragraph.
	if first > 0 && looksLikeTitle(kept[first-1]) {
		first--
	}
	return strings.Join(kept[first:last+1], "\n")
}

// isRunningText reports whether a line reads as prose: long enough and
// ending like a sentence, or simply long.
func isRunningText(l string) bool {
	n := utf8.RuneCountInString(l)
	han := 0
	for _, r := range l {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	if han*2 > n { // Chinese
		return n >= 40 || n >= 15 && strings.ContainsAny(l, "。！？，")
	}
	words := len(strings.Fields(l))
	return words >= 25 || words >= 8 && strings.ContainsAny(l[len(l)-1:], `.!?"”'`)
}

func looksLikeTitle(l string) bool {
	n := utf8.RuneCountInString(l)
	words := len(strings.Fields(l))
	return n >= 8 && n <= 160 && (words >= 5 || DetectLang(l) == "zh") && !strings.ContainsAny(l, "|›»")
}

// InAside reports whether the text at start lies inside a dash-delimited
// or bracketed aside of its sentence that closes after it ("WeChat Pay
// — which Taobao had refused since 2013 — became available").
func InAside(text string, start int) bool {
	lo := max(0, start-160)
	before := text[lo:start]
	if i := strings.LastIndexAny(before, ".!?。！？\n"); i >= 0 {
		before = before[i+1:]
	}
	hi := min(len(text), start+160)
	after := text[start:hi]
	if i := strings.IndexAny(after, "!?。！？\n"); i >= 0 {
		after = after[:i]
	}
	for _, p := range [][2]string{{" — ", " — "}, {" – ", " – "}, {"(", ")"}, {"（", "）"}} {
		open := strings.LastIndex(before, p[0])
		if open < 0 || strings.Contains(before[open+len(p[0]):], p[1]) {
			continue
		}
		if strings.Contains(after, p[1]) {
			return true
		}
	}
	return false
}

package dates

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/wallbreak/wallbreak/timeline"
)

// How an expression got its date (Expression.ResolvedBy).
const (
	ByAbsolute  = "absolute"  // the text names the year itself
	ByReference = "reference" // relative to the page's date ("last year", "昨天")
	ByNarrative = "narrative" // relative to the story's last date ("the same year", "同年")
)

// Expression is one date expression found in a text and how it resolved.
type Expression struct {
	Text       string             `json:"text"`
	Offset     int                `json:"offset"` // bytes into the UTF-8 text
	Value      string             `json:"value"`
	Precision  timeline.Precision `json:"precision"`
	Start      string             `json:"start"`
	End        string             `json:"end"`
	Mod        timeline.Mod       `json:"mod,omitempty"`
	ResolvedBy string             `json:"resolved_by"`
	Anchor     string             `json:"anchor,omitempty"` // the date it was resolved against
	Date       timeline.Date      `json:"-"`
}

// ExpressionOf is the expression of date d, written text, resolved by by
// against anchor (its Offset and Mod left for the caller).
func ExpressionOf(d timeline.Date, text, by, anchor string) Expression {
	return Expression{Text: text, Value: d.Value(), Precision: d.Precision, Start: d.Start().Format(time.DateOnly),
		End: d.End().Format(time.DateOnly), ResolvedBy: by, Anchor: anchor, Date: d}
}

// End offset in bytes of the expression.
func (e Expression) EndOffset() int { return e.Offset + len(e.Text) }

// TagDates finds every date expression in text and resolves it against ref
// (the page's date, in the source's time zone) and against the narrative:
// "the same year", "同年11月" and a bare "in November" take their year from
// the last date the text named before them. lang is "en", "zh" or "auto".
// Dates named without a year or week resolve by the news rule (see
// PreferNews); TagDatesWith takes another preference.
func TagDates(text string, ref time.Time, lang string) []Expression {
	return TagDatesWith(text, ref, lang, Options{})
}

// TagDatesWith is TagDates with options: opt.Prefer sets the direction a
// date without its year takes from ref ("in May" said in February is this
// May for PreferFuture, last May for PreferPast).
func TagDatesWith(text string, ref time.Time, lang string, opt Options) []Expression {
	rules := dateRules()
	var cands []candidate
	// Expressions never span sentences, and matching sentence by sentence
	// keeps each input small enough for the regexp package's backtracking
	// matcher, many times faster than its NFA on whole pages. Rules whose
	// literal cue (a month name, a digit, 年, 周…) is absent are skipped.
	for _, sent := range timeline.Sentences(text) {
		base, line := sent.Offset, sent.Text
		lower := strings.ToLower(line)
		for ri := range rules {
			r := &rules[ri]
			if !r.lang.accepts(lang) || !r.cued(lower) {
				continue
			}
			for _, idx := range r.re.FindAllStringSubmatchIndex(line, -1) {
				for i := range idx {
					if idx[i] >= 0 {
						idx[i] += base
					}
				}
				c := candidate{start: idx[0], end: idx[1], rule: r, groups: idx}
				if r.check != nil && !r.check(text, c) {
					continue
				}
				cands = append(cands, c)
			}
		}
	}
	for _, u := range urlRe.FindAllStringIndex(text, -1) {
		cands = append(cands, candidate{start: u[0], end: u[1]}) // ids in URLs are not dates
	}
	chosen := selectCandidates(cands)

	res := resolver{ref: ref, refDay: timeline.DayOf(ref), prefer: opt.Prefer}
	var out []Expression
	prevEnd := 0
	for _, c := range chosen {
		if c.start < prevEnd {
			continue // inside the modifier words the previous expression took
		}
		if c.rule == nil || c.rule.resolve == nil {
			prevEnd = c.end
			continue
		}
		if strings.Contains(text[prevEnd:c.start], "\n") {
			res.para = timeline.Date{} // a new paragraph starts its own narrative
		}
		floor := prevEnd
		prevEnd = c.end
		c.start, c.end = trimMatch(text, c.start, c.end)
		if c.rule.article {
			c.start = withArticle(text, c.start, floor)
		}
		m := match{text: text, idx: c.groups}
		res.future = futureBefore(text, c.start)
		d, by, anchor, ok := c.rule.resolve(m, &res)
		if !ok || d.Year < 1000 || d.Year > 2999 {
			continue
		}
		start, end, mod := applyModifiers(text, c.start, c.end, c.rule.lang)
		prevEnd = end
		if mod == timeline.ModNone && c.rule.mod != nil {
			mod = c.rule.mod(m)
		}
		d = edgeQuarter(text[start:end], d, mod)
		x := ExpressionOf(d, text[start:end], by, anchor)
		x.Offset, x.Mod = start, mod
		out = append(out, x)
		if !timeline.InAside(text, start) {
			// (A date inside an aside — "WeChat Pay — which Taobao had
			// refused since 2013 — became available on Sept. 5" — is
			// background: the story's time goes on from the one before.)
			res.anchor, res.para = d, d
		}
		res.note(d, by)
		if d.Precision == timeline.PrecisionYear && by == ByAbsolute && dateHeading(text, start, end) {
			// "2021年" heading a section: its bare months are that year's.
			res.section = d
		}
		if d.Precision == timeline.PrecisionDay && by == ByAbsolute && dateHeading(text, start, end) {
			// "2025年6月2日 星期一" on a line of its own heads the items under
			// it (a newsflash feed, a diary): their "昨日", "today" are
			// relative to it, not to the page's day.
			if day := time.Date(d.Year, time.Month(d.Month), d.Day, 12, 0, 0, 0, ref.Location()); !day.After(ref.AddDate(0, 0, 1)) {
				res.ref, res.refDay = day, d
			}
		}
	}
	return warmUps(text, glossed(text, out))
}

// warmUpRe: what follows a shopping festival's day to name the weeks of
// pre-sales before it ("双11预热期", "618预售", "the Singles' Day presale").
var warmUpRe = regexp.MustCompile(`(?i)^\s*(?:的)?(?:预热|預熱|预售|預售|warm-?up|pre-?sales?|presales?)`)

// shoppingFestivalRe: the shopping festivals that have a warm-up.
var shoppingFestivalRe = regexp.MustCompile(`(?i)双\s*11|双十一|雙\s*11|雙十一|双\s*12|双十二|雙十二|618|singles|double`)

// warmUps widens a festival's day followed by its warm-up to the quarter
// holding it, before the day: the warm-up of Double 11 runs from late
// October; the day itself is not when the step happened.
func warmUps(text string, xs []Expression) []Expression {
	for i, x := range xs {
		if x.Precision != timeline.PrecisionDay || !shoppingFestivalRe.MatchString(x.Text) || !warmUpRe.MatchString(text[x.EndOffset():]) {
			continue
		}
		q := timeline.QuarterDate(x.Date.Year, (x.Date.Month-1)/3+1)
		w := ExpressionOf(q, x.Text, x.ResolvedBy, x.Anchor)
		w.Offset, w.Mod = x.Offset, x.Mod
		xs[i] = w
	}
	return xs
}

// glossRe: a relative day word the writer glosses with the day itself.
var glossRe = regexp.MustCompile(`(?i)^(?:昨日|昨天|昨晚|今日|今天|今晨|前天|前日|明天|明日|yesterday|today|tomorrow|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))$`)

// glossed merges a relative day and the day written in brackets after it
// ("昨日（24日）晚间", "yesterday (September 4)"): the day written is the
// date, whatever the page's day says.
func glossed(text string, xs []Expression) []Expression {
	for i := 0; i+1 < len(xs); i++ {
		a, b := xs[i], xs[i+1]
		if a.Precision != timeline.PrecisionDay || b.Precision != timeline.PrecisionDay || !glossRe.MatchString(a.Text) {
			continue
		}
		between := strings.TrimSpace(text[a.EndOffset():b.Offset])
		if between != "(" && between != "（" {
			continue
		}
		end := b.EndOffset()
		rest := strings.TrimLeft(text[end:], " ")
		for _, closing := range []string{")", "）"} {
			if strings.HasPrefix(rest, closing) {
				end = len(text) - len(rest) + len(closing) // the gloss's bracket with it
			}
		}
		m := b
		m.Offset, m.Text, m.Mod = a.Offset, text[a.Offset:end], a.Mod
		xs[i] = m
		xs = append(xs[:i+1], xs[i+2:]...)
	}
	return xs
}

// headingRest is what may stand beside a date on a heading line: weekdays,
// a time, punctuation.
var headingRest = regexp.MustCompile(`(?i)^(?:\s|[,，、·|/()（）\-–—:：]|星期[一二三四五六日天]|[周週][一二三四五六日]|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun|\d{1,2}:\d{2})*$`)

// dateHeading reports whether the date at [start, end) stands alone on its
// line.
func dateHeading(text string, start, end int) bool {
	lo := strings.LastIndexByte(text[:start], '\n') + 1
	hi := strings.IndexByte(text[end:], '\n')
	if hi < 0 {
		hi = len(text)
	} else {
		hi += end
	}
	return headingRest.MatchString(text[lo:start]) && headingRest.MatchString(text[end:hi])
}

// withArticle moves start back over a "the " just before it (not past
// floor, the end of the expression before).
func withArticle(text string, start, floor int) int {
	i := start
	for i > floor && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	if i == start || i-3 < floor || !strings.EqualFold(text[i-3:i], "the") || i-3 > 0 && isLetter(text[i-4]) {
		return start
	}
	return i - 3
}

// trimMatch drops spaces around a match and a sentence's full stop after a
// month name ("in May.").
func trimMatch(text string, start, end int) (int, int) {
	for start < end && (text[start] == ' ' || text[start] == '\t') {
		start++
	}
	for end > start && (text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	if end > start+1 && text[end-1] == '.' && isLetter(text[end-2]) {
		w := start
		for i := end - 2; i >= start && isLetter(text[i]); i-- {
			w = i
		}
		if word := strings.ToLower(text[w : end-1]); len(word) > 4 || word == "may" || word == "june" || word == "july" {
			end-- // a full month name: the stop ends the sentence
		}
	}
	return start, end
}

type langSet string

const (
	langEN   langSet = "en"
	langZH   langSet = "zh"
	langBoth langSet = ""
)

func (l langSet) accepts(lang string) bool {
	return l == langBoth || lang == "" || lang == "auto" || string(l) == lang
}

type dateRule struct {
	cues    []string // lower-case literals one of which a line must hold (nil: always run)
	also    []string // and one of these too (nil: no second condition)
	article bool     // a "the" just before belongs to the expression ("the 1st of March")
	re      *regexp.Regexp
	lang    langSet
	mod     func(m match) timeline.Mod // a modifier the rule itself implies (e.g. "年底")
	check   func(text string, c candidate) bool
	resolve func(m match, r *resolver) (d timeline.Date, by, anchor string, ok bool)
}

type candidate struct {
	start, end int
	rule       *dateRule // nil: a span that is not a date and blocks others
	groups     []int
}

// selectCandidates keeps the leftmost-longest non-overlapping candidates.
func selectCandidates(cands []candidate) []candidate {
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].start != cands[j].start {
			return cands[i].start < cands[j].start
		}
		return cands[i].end > cands[j].end
	})
	var out []candidate
	last := -1
	for _, c := range cands {
		if c.start < last {
			continue
		}
		out = append(out, c)
		last = c.end
	}
	return out
}

type match struct {
	text string
	idx  []int
}

// g returns submatch i, or "" when it did not take part.
func (m match) g(i int) string {
	if 2*i+1 >= len(m.idx) || m.idx[2*i] < 0 {
		return ""
	}
	return m.text[m.idx[2*i]:m.idx[2*i+1]]
}

var urlRe = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s"'<>()（）\p{Han}]+`)

var (
	rulesOnce sync.Once
	rulesAll  []dateRule
)

func dateRules() []dateRule {
	rulesOnce.Do(func() {
		rulesAll = append(rulesAll, numericRules()...)
		rulesAll = append(rulesAll, englishRules()...)
		rulesAll = append(rulesAll, chineseRules()...)
		rulesAll = append(rulesAll, englishCountRules()...)
		rulesAll = append(rulesAll, englishOrdinalRules()...)
		rulesAll = append(rulesAll, enHolidayRule())
		for i := range rulesAll {
			if rulesAll[i].cues == nil {
				rulesAll[i].cues = cuesOf(&rulesAll[i])
			}
		}
	})
	return rulesAll
}

// Literal cues: a line that holds none of a rule's cues cannot match it.
var (
	monthCues   = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	weekdayCues = []string{"day"}
	zhCues      = []string{"年", "月", "日", "号", "號", "周", "週", "星期", "礼拜", "禮拜", "前", "后", "後", "天", "时", "時", "双", "雙", "618", "春节", "春節", "中秋", "财", "財", "季", "元旦", "国庆", "國慶", "劳动", "勞動"}
)

// sortLongestFirst orders the words of an alternation so that the longest
// of two that share a start wins.
func sortLongestFirst(ws []string) {
	sort.Slice(ws, func(i, j int) bool {
		if len(ws[i]) != len(ws[j]) {
			return len(ws[i]) > len(ws[j])
		}
		return ws[i] < ws[j]
	})
}

func cuesOf(r *dateRule) []string {
	src := r.re.String()
	switch {
	case r.lang == langZH:
		return zhCues
	case strings.Contains(src, "january|february"):
		return monthCues
	case strings.Contains(src, "monday|tuesday"):
		return weekdayCues
	case r.lang == langBoth: // the numeric rules: every match has digits
		return []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	}
	return nil // word rules: their cues vary ("three months later", "Q3")
}

func (r *dateRule) cued(lower string) bool {
	return holdsAny(lower, r.cues) && holdsAny(lower, r.also)
}

// holdsAny reports whether s holds one of words (nil: true).
func holdsAny(s string, words []string) bool {
	if words == nil {
		return true
	}
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Modifiers before and after a date expression ("early 2022", "since",
// "before last year's Double 11", "2022年初", "双11前夕").
var (
	enPrefixMods = []struct {
		re  *regexp.Regexp
		mod timeline.Mod
	}{
		{regexp.MustCompile(`(?i)\b(?:early|the[^\S\n]+(?:beginning|start)[^\S\n]+of(?:[^\S\n]+the)?)[\s-]+$`), timeline.ModStart},
		{regexp.MustCompile(`(?i)\b(?:mid|the[^\S\n]+middle[^\S\n]+of(?:[^\S\n]+the)?)[\s-]+$`), timeline.ModMid},
		{regexp.MustCompile(`(?i)\b(?:late|the[^\S\n]+end[^\S\n]+of(?:[^\S\n]+the)?)[\s-]+$`), timeline.ModEnd},
		{regexp.MustCompile(`(?i)\b(?:since|ever[^\S\n]+since)[^\S\n]+(?:the[^\S\n]+)?$`), timeline.ModSince},
		{regexp.MustCompile(`(?i)\b(?:before|prior[^\S\n]+to|ahead[^\S\n]+of|until|till|by)[^\S\n]+(?:the[^\S\n]+)?$`), timeline.ModBefore},
		{regexp.MustCompile(`(?i)\b(?:after)[^\S\n]+(?:the[^\S\n]+)?$`), timeline.ModAfter},
		{regexp.MustCompile(`(?i)\b(?:around|about|circa|approximately|roughly)[^\S\n]+$`), timeline.ModApprox},
	}
	agoPrefixRe = regexp.MustCompile(`(?i)\b(more[^\S\n]+than|over|upwards[^\S\n]+of|less[^\S\n]+than|under)[^\S\n]+$`)
	zhPrefixRe  = regexp.MustCompile(`(?:自从|自從|自|从|從|大约|大約|约|約)[^\S\n]*$`)
	zhSuffixRe  = regexp.MustCompile(`^[^\S\n]*(?:的)?(前夕|之前|以前|之后|之後|以后|以後|以来|以來|前后|前後|左右|上旬|中旬|下旬|起|前|后|後|年?初|年?底|年?末)`)
	enSuffixRe  = regexp.MustCompile(`(?i)^[^\S\n]+(onwards?|and[^\S\n]+beyond|or[^\S\n]+earlier|or[^\S\n]+so)\b`)
	zhSuffixMod = map[string]timeline.Mod{
		"前夕": timeline.ModBefore, "之前": timeline.ModBefore, "以前": timeline.ModBefore, "前": timeline.ModBefore,
		"之后": timeline.ModAfter, "之後": timeline.ModAfter, "以后": timeline.ModAfter, "以後": timeline.ModAfter, "后": timeline.ModAfter, "後": timeline.ModAfter,
		"以来": timeline.ModSince, "以來": timeline.ModSince, "起": timeline.ModSince,
		"前后": timeline.ModApprox, "前後": timeline.ModApprox, "左右": timeline.ModApprox,
		"上旬": timeline.ModStart, "初": timeline.ModStart, "中旬": timeline.ModMid, "下旬": timeline.ModEnd, "底": timeline.ModEnd, "末": timeline.ModEnd,
	}
)

// edgeQuarter narrows a year's end or start to its quarter: "2020年底",
// "年末", "the end of 2020" are 2020-Q4, "年初", "the start of 2021"
// 2021-Q1 (the modifier stays).
func edgeQuarter(text string, d timeline.Date, mod timeline.Mod) timeline.Date {
	if d.Precision != timeline.PrecisionYear {
		return d
	}
	lower := strings.ToLower(text)
	switch {
	case mod == timeline.ModEnd && (strings.HasSuffix(text, "年底") || strings.HasSuffix(text, "年末") || strings.Contains(lower, "end of")):
		return timeline.QuarterDate(d.Year, 4)
	case mod == timeline.ModStart && (strings.HasSuffix(text, "年初") || strings.Contains(lower, "start of") || strings.Contains(lower, "beginning of")):
		return timeline.QuarterDate(d.Year, 1)
	}
	return d
}

// applyModifiers widens [start,end) over modifier words around it and
// returns the modifier they imply (the outermost one wins).
func applyModifiers(text string, start, end int, lang langSet) (int, int, timeline.Mod) {
	mod := timeline.ModNone
	if lang != langZH {
		for again := true; again; {
			again = false
			for _, p := range enPrefixMods {
				lo := max(0, start-40)
				if loc := p.re.FindStringIndex(text[lo:start]); loc != nil {
					start = lo + loc[0]
					mod = p.mod
					again = true
					break
				}
			}
		}
		// "more than two years ago": earlier than that, an open interval;
		// "less than a year ago": since then.
		if strings.HasSuffix(strings.ToLower(text[start:end]), " ago") && mod == timeline.ModNone {
			lo := max(0, start-20)
			if loc := agoPrefixRe.FindStringSubmatchIndex(text[lo:start]); loc != nil {
				if strings.EqualFold(text[lo+loc[2]:lo+loc[2]+1], "l") || strings.EqualFold(text[lo+loc[2]:lo+loc[2]+1], "u") {
					mod = timeline.ModAfter
				} else {
					mod = timeline.ModBefore
				}
				start = lo + loc[0]
			}
		}
		if loc := enSuffixRe.FindStringSubmatchIndex(text[end:]); loc != nil {
			w := strings.ToLower(text[end+loc[2] : end+loc[3]])
			switch {
			case strings.HasPrefix(w, "onward"), strings.HasPrefix(w, "and"):
				mod = timeline.ModSince
			case strings.HasPrefix(w, "or earlier"):
				mod = timeline.ModBefore
			default:
				mod = timeline.ModApprox
			}
			end += loc[1]
		}
	}
	if lang != langEN {
		if loc := zhSuffixRe.FindStringSubmatchIndex(text[end:]); loc != nil {
			w := strings.TrimPrefix(text[end+loc[2]:end+loc[3]], "年")
			if !strings.HasSuffix(text[start:end], "前") && !strings.HasSuffix(text[start:end], "后") {
				mod = zhSuffixMod[w]
				end += loc[1]
			}
		}
		lo := start
		for i := 0; i < 4 && lo > 0; i++ {
			_, size := utf8.DecodeLastRuneInString(text[:lo])
			lo -= size
		}
		if loc := zhPrefixRe.FindStringIndex(text[lo:start]); loc != nil {
			p := text[lo+loc[0] : start]
			start = lo + loc[0]
			if strings.ContainsAny(p, "约約") {
				mod = timeline.ModApprox
			} else if mod == timeline.ModNone || mod == timeline.ModStart {
				mod = timeline.ModSince
			}
		}
	}
	return start, end, mod
}

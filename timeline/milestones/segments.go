package milestones

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/dates"
)

// segment is the part of a clause that one date expression governs.
type segment struct {
	timeline.Span
	expr               dates.Expression
	coordinate         []string // actors of the segment before it in the same clause
	before             []string // the clause's actors before the segment, when its subject is named
	prevActors         []string // the actors of the milestone of the segment before, if any
	coordinateCategory string
	conj               bool // it follows that segment after "and"
	span               bool // "from X to Y": a period, not a step
	conjNext           bool
	followOn           bool // dated by the sentence before, not by its own words
	continuation       bool // continues the story's last dated event (its subject may be the topic's)
	announced          bool // a plan and the actor's attribution after it, dated by that
}

// segments splits a clause naming several dates at the last comma (or
// "and") before each next date: "X in February, and Y in May" is two
// statements. Dates with no boundary between them stay in one segment,
// dated by the finer when one lies within the other ("in 2023 … in
// February"), else by the first.
func segments(cl timeline.Span, exprs []dates.Expression) []segment {
	if len(exprs) == 0 {
		return nil
	}
	var out []segment
	start := cl.Offset
	cur := exprs[0]
	spans := false
	for _, nx := range exprs[1:] {
		gapLo, gapHi := cur.EndOffset()-cl.Offset, nx.Offset-cl.Offset
		b := -1
		if gapLo <= gapHi {
			b = lastBoundary(cl.Text[gapLo:gapHi])
		}
		if nx.Value == cur.Value && strings.HasPrefix(nx.Text, "即日") {
			continue // "昨日（11日）宣布…，即日起可直接開啟": effective that day, one statement
		}
		if b < 0 {
			if isRange(cl.Text, cur, nx, cl.Offset) {
				spans = true
			} else if nx.Precision.Finer(cur.Precision) && nx.Date.Overlaps(cur.Date) && !referencePoint(nx) {
				cur = nx
			} else if referencePoint(cur) && !referencePoint(nx) {
				cur = nx // "ahead of Double 12 … earlier this week": the step's own date
			} else if timeline.InAside(cl.Text, cur.Offset-cl.Offset) && !timeline.InAside(cl.Text, nx.Offset-cl.Offset) {
				cur = nx // "WeChat Pay — which Taobao had refused since 2013 — became available on Sept. 5"
			}
			continue
		}
		cut := cl.Offset + gapLo + b
		head := trimSpan(cl.Text[start-cl.Offset:cut-cl.Offset], start)
		if onlyDate(head, cur) && !reportingLead(head) {
			if sourceLeadRe.MatchString(head.Text) {
				start, cur = cut, nx // "9月28日，据36氪报道，淘宝自8月…": the report's day; the step has its own date
			}
			continue // "早在8月13日，淘宝宣布…": the date leads the statement after it
		}
		out = append(out, segment{Span: head, expr: cur, span: spans})
		start, cur, spans = cut, nx, false
		conj := conjunctionRe.MatchString(cl.Text[cut-cl.Offset:])
		out[len(out)-1].conjNext = conj
	}
	out = append(out, segment{Span: trimSpan(cl.Text[start-cl.Offset:], start), expr: cur, span: spans})
	for i := 1; i < len(out); i++ {
		out[i].conj = out[i-1].conjNext
	}
	return out
}

// referencePoint: a date named only as a point before or after which the
// step happened ("ahead of Double 12", "双11前夕"), when the clause may also
// give the step's own date.
func referencePoint(x dates.Expression) bool {
	return x.Mod == timeline.ModBefore || x.Mod == timeline.ModAfter
}

// sourceLeadRe: a date and the source that reported on it, leading the
// sentence ("9月28日，据36氪报道", "On Tuesday, according to Reuters").
var sourceLeadRe = lazyRegexp(`(?i)[,，]\s*(?:据|據)[^，,。]{1,20}(?:报道|報道|消息)\s*$|[,，]\s*according to [^,，.]{1,40}$`)

// conjunctionRe: a cut at "and" joins two statements sharing a subject.
var conjunctionRe = regexp.MustCompile(`(?i)^[,，]?\s*(?:and|then|and then)\s|^[,，]?\s*(?:并且?|並且?|而且)`)

// reportingLead: the date's own phrase is such a lead ("记者今日获悉"), not
// "记者注意到，早在8月13日" where the lead ends before the date's phrase.
func reportingLead(sp timeline.Span) bool {
	t := sp.Text
	if locs := boundaryRe.FindAllStringIndex(t, -1); len(locs) > 0 {
		t = t[locs[len(locs)-1][1]:]
	}
	return learnedRe.MatchString(t)
}

// onlyDate reports whether a segment holds little but its date expression
// ("In September 2021", "早在8月13日").
func onlyDate(sp timeline.Span, x dates.Expression) bool {
	at := x.Offset - sp.Offset
	if at < 0 || at > len(sp.Text) {
		return false
	}
	head := sp.Text[:at]
	if locs := boundaryRe.FindAllStringIndex(head, -1); len(locs) > 0 {
		head = head[locs[len(locs)-1][1]:] // "记者注意到，早在": only what leads the date
	}
	rest := head + sp.Text[min(len(sp.Text), at+len(x.Text)):]
	n := 0
	for _, r := range rest {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n <= 4 // "早在", "In", "As early as"… not "另外…看到公告"
}

var boundaryRe = regexp.MustCompile(`[,，、:：]|\s(?:and|while|whereas|but|then)\s|[并並而但]且?`)

// stepBoundaryRe also cuts before "before/after" and a verb of its own
// ("tested it in July 2023 before making it available … a year later"),
// and at a parenthesis closing ("The switch (first trialled in February)
// was confirmed by Taobao on Thursday").
var stepBoundaryRe = regexp.MustCompile(boundaryRe.String() + `|\s(?:before|after)\s+\w+ing\b|[)）]`)

// lastBoundary is where the last statement boundary in s starts, -1 if none.
func lastBoundary(s string) int {
	locs := stepBoundaryRe.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return -1
	}
	return locs[len(locs)-1][0]
}

// trimSpan drops leading punctuation and joining words left by a cut, and
// trailing clause punctuation.
func trimSpan(s string, off int) timeline.Span {
	t := strings.TrimLeftFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && !strings.ContainsRune(`"“'‘「『(（`, r)
	})
	off += len(s) - len(t)
	for _, w := range []string{"and ", "while ", "whereas ", "but ", "then ", "并且", "並且", "而且", "并", "並", "而", "但"} {
		if strings.HasPrefix(strings.ToLower(t), w) {
			t, off = t[len(w):], off+len(w)
			break
		}
	}
	return timeline.Span{Text: strings.TrimRight(t, " \t\n,，、:：;；"), Offset: off}
}

// isRange tells "from X to Y" / "从X到Y", a span of time rather than a step.
func isRange(text string, a, b dates.Expression, base int) bool {
	before := strings.ToLower(text[max(0, a.Offset-base-6) : a.Offset-base])
	between := strings.ToLower(text[a.EndOffset()-base : b.Offset-base])
	if (strings.HasSuffix(strings.TrimSpace(before), "from") || strings.HasSuffix(before, "从") || strings.HasSuffix(before, "從")) &&
		(strings.Contains(between, " to ") || strings.Contains(between, "到") || strings.Contains(between, "至")) {
		return true
	}
	// "January 2024 to April 2025", "2023年1月至2024年6月": two dates joined
	// by nothing but "to" are a span, with or without "from" (a dash only
	// between plain dates of one precision: "Late October 2023 – Ahead of
	// Singles' Day, …" is a list item's date and its statement).
	switch strings.TrimSpace(between) {
	case "to", "through", "至", "到":
		return true
	case "-", "–", "—", "~", "－":
		return a.Mod == timeline.ModNone && b.Mod == timeline.ModNone && a.Precision == b.Precision
	}
	return false
}

// splitFollowOns splits from a segment the statements after it that name
// another actor stepping in after ("21年9月工信部要求…，微信随后在单聊里放开了
// 外链" is two steps): each is dated by the segment's date, as the story
// tells it.
func splitFollowOns(p *timeline.Profile, segs []segment) []segment {
	var out []segment
	for _, seg := range segs {
		dateEnd := seg.expr.EndOffset() - seg.Offset
		cut := -1
		if dateEnd > 0 && dateEnd < len(seg.Text) {
			for _, b := range boundaryRe.FindAllStringIndex(seg.Text[dateEnd:], -1) {
				at := dateEnd + b[1]
				tail := strings.TrimLeft(seg.Text[at:], " ")
				m := followerRe.FindStringSubmatchIndex(tail)
				if m == nil {
					continue
				}
				if ms := p.FindActors(tail[m[2]:m[3]]); len(ms) > 0 && ms[0].Offset == 0 {
					cut = at
					break
				}
			}
		}
		if cut < 0 {
			out = append(out, seg)
			continue
		}
		head := seg
		head.Span = trimSpan(seg.Text[:cut], seg.Offset)
		tail := segment{Span: trimSpan(seg.Text[cut:], seg.Offset+cut), expr: seg.expr, followOn: true}
		out = append(out, head, tail)
	}
	return out
}

// announcedPlans joins a plan to the attribution after it ("Shoppers …
// will from next week be able to pay with WeChat Pay, the company said on
// Thursday"): what happened is the announcement, on the attribution's
// date, by an actor (named, or "the company").
func (x *extraction) announcedPlans(segs []segment) []segment {
	for i := 0; i+1 < len(segs); i++ {
		plan, attr := segs[i], segs[i+1]
		if !bareAttribution(attr.Text, attr.expr) || !planRe.MatchString(plan.Text) || attr.expr.ResolvedBy == dates.ByNarrative ||
			planRe.MatchString(attr.Text) || attr.expr.Date.Start().After(timeline.DayOf(x.ref).Start()) {
			continue // (a vague "said at the time", or "says Tmall will follow next week": the plan's date, not the saying's)
		}
		if len(x.p.FindActors(attr.Text)) == 0 && !anaphoraRe.MatchString(attr.Text) {
			continue // somebody outside the story said it
		}
		joined := plan
		joined.expr, joined.announced = attr.expr, true
		if end := attr.Offset + len(attr.Text); end <= len(x.doc.Text) && plan.Offset <= end {
			joined.Text = x.doc.Text[plan.Offset:end]
		}
		segs = append(segs[:i], append([]segment{joined}, segs[i+2:]...)...)
	}
	return segs
}

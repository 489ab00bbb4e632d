package milestones

import (
	"regexp"
	"slices"
	"strings"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/dates"
)

func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// actorsOutsideQuotes returns the actors of a statement. Actors named only
// inside quotation marks are somebody's words, not the statement's subject,
// unless an actor also stands outside them.
func actorsOutsideQuotes(text string, ms []timeline.Mention) []string {
	quoted := quotedRanges(text)
	for _, m := range ms {
		if !inRanges(m.Offset, quoted) {
			return timeline.ActorIDs(ms)
		}
	}
	return nil
}

func quotedRanges(text string) [][2]int {
	var out [][2]int
	pairs := map[rune]rune{'"': '"', '“': '”', '「': '」', '『': '』'}
	open := -1
	var want rune
	for i, r := range text {
		if open < 0 {
			if c, ok := pairs[r]; ok {
				open, want = i, c
			}
		} else if r == want {
			out = append(out, [2]int{open, i})
			open = -1
		}
	}
	return out
}

func inRanges(off int, rs [][2]int) bool {
	for _, r := range rs {
		if off > r[0] && off < r[1] {
			return true
		}
	}
	return false
}

// relClauseRe opens a non-restrictive relative clause.
var relClauseRe = regexp.MustCompile(`(?i),\s*(?:which|who)\s`)

// relativeClause returns where the relative clause that holds the date
// ends (at its closing comma) when the date is in one that the sentence
// goes on after.
func relativeClause(text string, x dates.Expression) (start, end int, ok bool) {
	at := strings.Index(text, x.Text)
	if at < 0 {
		return 0, 0, false
	}
	locs := relClauseRe.FindAllStringIndex(text[:at], -1)
	if len(locs) == 0 {
		return 0, 0, false
	}
	after := at + len(x.Text)
	if strings.ContainsAny(text[locs[len(locs)-1][1]:at], ",，") {
		return 0, 0, false // the clause closed before the date
	}
	start, end = locs[len(locs)-1][0], len(text)
	if i := strings.IndexAny(text[after:], ",，"); i >= 0 {
		end = after + i
	}
	return start, end, true
}

// relativeMentions keeps the mentions that name the step's actors. When
// the date is in a relative clause ("…on Taobao, which began testing WeChat
// Pay in July 2023"), they are its antecedent's and the clause's own (and
// inClause is true); otherwise a relative clause only describes ("JD.com,
// which is part-owned by Tencent, started accepting Alipay"), and its
// mentions are dropped.
func relativeMentions(text string, x dates.Expression, ms []timeline.Mention) (kept []timeline.Mention, inClause bool) {
	if start, end, ok := relativeClause(text, x); ok {
		for i, m := range ms {
			if m.Offset >= start && m.Offset < end || m.Offset < start && (i+1 == len(ms) || ms[i+1].Offset >= start) {
				kept = append(kept, m)
			}
		}
		return kept, true
	}
	at := strings.Index(text, x.Text)
	var spans [][2]int
	for _, loc := range relClauseRe.FindAllStringIndex(text, -1) {
		end := strings.IndexAny(text[loc[1]:], ",，")
		if end < 0 {
			continue // runs to the end: it may be the statement's own
		}
		if end += loc[1]; at >= loc[0] && at < end {
			continue
		}
		spans = append(spans, [2]int{loc[0], end})
	}
	for _, m := range ms {
		if !slices.ContainsFunc(spans, func(sp [2]int) bool { return m.Offset >= sp[0] && m.Offset < sp[1] }) {
			kept = append(kept, m)
		}
	}
	return kept, false
}

// quoteSpeaker returns the actors of the speaker when sent is all a quote
// and next names who said it ("“…。”淘宝相关负责人在接受采访时说。", `"…," a
// Taobao spokesperson said.`).
func (x *extraction) quoteSpeaker(sent, next timeline.Span) []string {
	t := strings.TrimSpace(sent.Text)
	if !strings.HasPrefix(t, "“") && !strings.HasPrefix(t, "\"") || !strings.HasSuffix(t, "”") && !strings.HasSuffix(t, "\"") {
		return nil
	}
	n := strings.TrimSpace(next.Text)
	ms := x.p.FindActors(n)
	if len(ms) == 0 || ms[0].Offset > 6 {
		return nil
	}
	if loc := speechRe.FindStringIndex(n); loc == nil || loc[0] > 60 {
		return nil
	}
	return timeline.ActorIDs(ms[:1])
}

// gerundOffsetRe: a segment with no subject of its own — an appositive
// summing up the clause before ("…, a stand-off that ended only after
// regulators intervened in 2021"), a participle clause ("…on Wednesday, completing a rollout that began in
// mid-September"), an offset and a verb ("two months after announcing the
// plan"), or the step before the clause's ("…on yesterday, after a
// two-week trial that started on January 26").
var gerundOffsetRe = regexp.MustCompile(`(?i)^(?:(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:that|which)\s|(?:completing|marking|following|ending|extending|bringing|making|adding|giving|letting|allowing|opening|expanding)\b|(?:\S+\s+){0,3}(?:after|before)\s+\w+ing\b|(?:after|following)\s+(?:a|an|the|its|their)\s)`)

// subject is whom a segment's statement is about.
type subject struct {
	actors    []string
	mentions  []timeline.Mention // the actors its own words name
	inherited bool               // the actors come from the topic, the clause or a question
	judged    string             // what category and verb are read from
}

// subjectOf finds a segment's actors: those it names outside quotes and
// descriptive relative clauses, else those "it", "the company", a zero
// subject, a quote's "we" or a question refers to.
func (x *extraction) subjectOf(seg segment) subject {
	p, text := x.p, seg.Text
	mentions, inClause := relativeMentions(text, seg.expr, p.FindActors(text))
	actors := actorsOutsideQuotes(text, mentions)
	inherited := false
	// "…, before making it available": the subject is the step before's,
	// whatever "it" stands for.
	gerund := gerundOffsetRe.MatchString(text)
	if loc := anaphoraRe.FindStringIndex(text); loc != nil && !inClause && !gerund && (len(x.topic) > 0 || len(seg.before) > 0) && (len(mentions) == 0 || loc[0] < mentions[0].Offset) {
		// "it", "the company", "双方" before any actor is named: the
		// clause's actors named before it, else the text's topic, are the
		// subject.
		topic := x.topic
		if len(seg.before) > 0 {
			topic = seg.before
		}
		actors, inherited = union(topic, actors), len(actors) == 0
	}
	if len(mentions) == 0 && len(actors) == 0 && len(seg.coordinate) > 0 {
		actors, inherited = seg.coordinate, true // "… tested it in 2022 and made it … that same year"
	}
	if strings.HasPrefix(text, seg.expr.Text) && len(seg.prevActors) > 0 &&
		(zeroSubjectRe.MatchString(text[len(seg.expr.Text):]) || len(mentions) == 0 && timeline.DetectLang(text) == "zh") {
		// "淘寶早於去年十月已推出同類功能，同月亦開始接受微信支付": no subject
		// of its own, the step before's.
		actors = union(seg.prevActors, actors)
	}
	if len(actors) == 0 && seg.continuation && timeline.DetectLang(text) == "zh" {
		actors, inherited = x.topic, true // "同时也要求企业…": the zero subject is the story's
	}
	if len(actors) == 0 && len(x.speaker) > 0 && firstPersonRe.MatchString(text) {
		actors, inherited = x.speaker, true // the quote's "we" is its speaker
	}
	judged := text // what the category and the verb are read from
	if x.question != nil {
		// An answer: "In group chats, only since last month.", "A (Ant
		// spokesperson): We started testing in March" — the question
		// names who and what, beside whoever answers.
		inherited = inherited || len(actors) == 0
		actors = union(actors, timeline.ActorIDs(p.FindActors(x.question.Text)))
		judged = text + " " + x.question.Text
	}
	if len(actors) == 0 && gerund {
		// "It started accepting Alipay in October 2024, two months after
		// announcing the plan": the subject is the clause's.
		if actors = seg.prevActors; len(actors) == 0 {
			actors = seg.before
		}
		inherited = len(actors) > 0
	}
	return subject{actors: actors, mentions: mentions, inherited: inherited, judged: judged}
}

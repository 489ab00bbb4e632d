package milestones

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/dates"
)

func (x *extraction) milestone(seg segment) (timeline.Milestone, bool) {
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
	if len(actors) == 0 || seg.span || financialRe.MatchString(text) && strings.ContainsAny(text, "%％") || turnoverRe.MatchString(text) || bareAttribution(text, seg.expr) ||
		negated(text, seg, mentions) || trendRe.MatchString(text) || personsDate(p, text, seg.expr) {
		return timeline.Milestone{}, false
	}
	category := p.Categorize(judged)
	if category == timeline.CategoryOther && seg.coordinateCategory != "" {
		category = seg.coordinateCategory // "… in February and from Moments in May"
	}
	if category == timeline.CategoryOther && !eventRe.MatchString(judged) && !announcedBefore(p, text, len(text)) && !(seg.expr.Mod == timeline.ModSince && sinceStateRe.MatchString(text)) {
		return timeline.Milestone{}, false // no category and no event: a description, not a step
	}
	ex := seg.expr
	if dayNameRe.MatchString(text) {
		return timeline.Milestone{}, false // "…on 10/14/2024, the first day of presales for …": that day's name
	}
	if ex.Mod == timeline.ModBefore && strings.HasSuffix(strings.ToLower(ex.Text), " ago") {
		return timeline.Milestone{}, false // "more than two years ago": no place on a timeline
	}
	if isDeadline(text, ex, seg.Offset) || snapshot(text, ex, seg.Offset) {
		return timeline.Milestone{}, false
	}
	stated := text
	if _, end, ok := relativeClause(text, ex); ok {
		// "Meituan, which has accepted Alipay since July 2024, is expected
		// to …": the clause states a fact whatever the sentence goes on to
		// say; it alone is the statement.
		stated = strings.TrimRight(text[:end], " ,，")
	}
	m := timeline.Milestone{
		DocumentID:  x.docID,
		Date:        ex.Value,
		Precision:   ex.Precision,
		Start:       ex.Start,
		End:         ex.End,
		Mod:         ex.Mod,
		Actors:      actors,
		Category:    category,
		Status:      status(p, stated, ex, x.ref),
		Quote:       stated,
		QuoteOffset: seg.Offset,
		DateText:    ex.Text,
		ResolvedBy:  ex.ResolvedBy,
	}
	if seg.followOn {
		m.ResolvedBy = dates.ByNarrative
	}
	if seg.announced {
		m.Status = timeline.StatusHappened // the announcement, whatever it announced
	}
	m.ID = timeline.HashID(x.docID, m.Date, strconv.Itoa(seg.Offset))
	m.Confidence = confidence(m)
	if inherited || seg.followOn {
		m.Confidence = math.Round(math.Max(0.05, m.Confidence-0.1)*100) / 100
	}
	return m, true
}

// bareAttribution reports whether a segment only says who said something
// ("the company said in August"), the statement being elsewhere.
func bareAttribution(text string, x dates.Expression) bool {
	rest := strings.Replace(text, x.Text, "", 1)
	words := 0
	for _, f := range strings.Fields(rest) {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			words++ // (quote marks and stops are no words)
		}
	}
	return speechRe.MatchString(rest) && words <= 6 && timeline.DetectLang(rest) == "en"
}

func isDeadline(text string, x dates.Expression, off int) bool {
	at := x.Offset - off
	if at < 0 || at > len(text) {
		return false
	}
	before := strings.ToLower(text[:at])
	if namedDeadlineRe.MatchString(text[min(len(text), at+len(x.Text)):]) || deadlineOfRe.MatchString(before) {
		return true // "2021年9月17日，是工信部要求…的最后期限", "set a deadline of September 17"
	}
	return demandRe.MatchString(before) && (x.Mod == timeline.ModBefore || strings.HasSuffix(strings.TrimSpace(before), "by"))
}

func snapshot(text string, x dates.Expression, off int) bool {
	at := x.Offset - off
	if at < 0 || at > len(text) {
		return false
	}
	return snapshotRe.MatchString(text[:at])
}

// deadlineOfRe ends the words before a date that make it a deadline.
var deadlineOfRe = regexp.MustCompile(`(?i)\bdeadline\s+(?:of|on|for)?\s*(?:the\s+)?$|截止日期为?\s*$|期限为?\s*$`)

// namedDeadlineRe: the date is said to be a deadline.
var namedDeadlineRe = regexp.MustCompile(`(?i)^(?:[^。.;；]{0,6}(?:是|為|为|\bwas\b|\bis\b|\bmarked\b)[^。.;；]{0,40}(?:最后期限|最後期限|截止日期|截止期限|\bdeadline\b)|\s*(?:\bdeadline\b|(?:的)?(?:最后期限|最後期限|截止日期|期限)))`)

// negated reports whether the statement is denied: a negation in the
// clause that holds the date or the clause that names the first actor
// ("In January 2024, Meituan did not accept WeChat Pay"), not in a clause
// about someone else ("…, and JD.com did not follow").
func negated(text string, seg segment, mentions []timeline.Mention) bool {
	if !negationRe.MatchString(text) {
		return false
	}
	clauseAt := func(at int) string {
		start, end := 0, len(text)
		for _, b := range boundaryRe.FindAllStringIndex(text, -1) {
			if b[1] <= at {
				start = b[1]
			} else if b[0] >= at {
				end = b[0]
				break
			}
		}
		return text[start:end]
	}
	at := strings.Index(text, seg.expr.Text)
	if at >= 0 && negationRe.MatchString(clauseAt(at)) {
		return true
	}
	if len(mentions) > 0 && negationRe.MatchString(clauseAt(mentions[0].Offset)) {
		return true
	}
	// A negated clause about an actor stands unless another clause about
	// an actor says, un-negated, that something happened ("Taobao began
	// accepting WeChat Pay, and JD.com did not follow" keeps Taobao's
	// step; "闲鱼我上个月试过，还不能用微信支付" has none).
	deniedSome, statedSome := false, false
	for _, m := range mentions {
		c := clauseAt(m.Offset)
		switch {
		case negationRe.MatchString(c):
			deniedSome = true
		case eventRe.MatchString(c):
			statedSome = true
		}
	}
	return deniedSome && !statedSome
}

// sinceStateRe: a state that holds since a date ("has had it since last
// September", "have been available since 2023") began then: a step.
var sinceStateRe = regexp.MustCompile(`(?i)\b(?:has|have)\s+(?:had|been|\w+ed)\b`)

// dayNameRe opens an appositive that names the day before it.
var dayNameRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:(?:first|last|final|opening|second|third)\s+day|eve|start|beginning|end|morning)\s+of\b`)

// turnoverRe: an amount of money flowing through something ("handled 1.5
// billion yuan of orders", "成交额达12亿元") is a figure, not a step.
var turnoverRe = regexp.MustCompile(`(?i)\b(?:handled|processed|generated|recorded|worth|totall?ing|gmv|turnover)\b[^.;。；]{0,40}?(?:\d[\d.,]*\s*(?:billion|million|bn|m)?\s*(?:yuan|dollars|rmb)|[$¥￥]\s?\d)|(?:\d[\d.,]*\s*(?:billion|million|bn|m)?\s*(?:yuan|rmb)|[$¥￥]\s?\d[\d.,]*\s*(?:billion|million|bn|m)?)[^.;。；]{0,30}?\bof\s+(?:orders|sales|transactions|payments)\b|(?:成交额|交易额|交易规模|GMV|订单额|訂單額|成交額|交易額)[^。；]{0,12}?\d[\d.,]*\s*(?:亿|億|万|萬)?元`)

// personClauseRe: a coordinate clause with a person for its subject ("…,
// and she told me …", "…, but I …").
var personClauseRe = regexp.MustCompile(`(?i)[,;]\s*(?:and|but|so|while)\s+(?:he|she|I|we|you)\b|[，；]\s*(?:而且?|但是?|于是|於是)\s*(?:我们|我們|我|他|她)`)

// personsDate: the date stands in such a clause that names no actor ("It
// took both Alipay and WeChat Pay, and she told me she had thrown away the
// second sticker in August"): it dates what that person did, not a step of
// the actors named before.
func personsDate(p *timeline.Profile, text string, x dates.Expression) bool {
	at := strings.Index(text, x.Text)
	if at < 0 {
		return false
	}
	locs := personClauseRe.FindAllStringIndex(text[:at], -1)
	if len(locs) == 0 {
		return false
	}
	tail := text[locs[len(locs)-1][0]:]
	if end := boundaryRe.FindStringIndex(tail[1:]); end != nil && end[0]+1 > at-locs[len(locs)-1][0]+len(x.Text) {
		tail = tail[:end[0]+1] // to the end of the date's clause
	}
	return len(p.FindActors(tail)) == 0 && !anaphoraRe.MatchString(tail)
}

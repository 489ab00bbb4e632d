package milestones

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/dates"
)

func (x *extraction) milestone(seg segment) (timeline.Milestone, bool) {
	st := &statement{p: x.p, seg: seg, text: seg.Text, subject: x.subjectOf(seg), refFrom: x.refFrom, docOnTopic: x.onTopic,
		repeated: x.said(seg.Text)}
	if r := st.dropped(); r != nil {
		x.decide(seg, nil, r.name, r.why)
		return timeline.Milestone{}, false
	}
	ex := monthOfRelativeWeek(seg.expr)
	stated := st.text
	if _, end, ok := relativeClause(st.text, ex); ok {
		// "Meituan, which has accepted Alipay since July 2024, is expected
		// to …": the clause states a fact whatever the sentence goes on to
		// say; it alone is the statement.
		stated = strings.TrimRight(st.text[:end], " ,，")
	}
	status, by := st.status(stated, x.ref)
	m := timeline.Milestone{
		DocumentID:  x.docID,
		Date:        ex.Value,
		Precision:   ex.Precision,
		Start:       ex.Start,
		End:         ex.End,
		Mod:         ex.Mod,
		Actors:      st.actors,
		Category:    st.category(),
		Status:      status,
		Quote:       stated,
		QuoteOffset: seg.Offset,
		DateText:    ex.Text,
		ResolvedBy:  ex.ResolvedBy,
	}
	if seg.followOn {
		m.ResolvedBy = dates.ByNarrative
	}
	m.ID = timeline.HashID(x.docID, m.Date, strconv.Itoa(seg.Offset))
	m.Confidence = confidence(m)
	if st.inherited || seg.followOn {
		m.Confidence = lowered(m.Confidence, 0.1)
	}
	if x.refFrom == refText && ex.ResolvedBy == dates.ByReference {
		m.Confidence = lowered(m.Confidence, 0.2) // relative to the text's date, the page giving none
	}
	if i := x.sameStep(m); i >= 0 {
		if !betterTelling(m, x.out[i]) {
			x.decide(seg, nil, sameStepRule.name, sameStepRule.why)
			return timeline.Milestone{}, false
		}
		x.retract(i) // "Recently, …" then "In June 2024, …": the step as dated in full
	}
	var name, why string
	if by != nil {
		name, why = by.name, by.why
	}
	x.decide(seg, &m, name, why)
	return m, true
}

// statement is a dated segment with its subject, as the rules read it.
type statement struct {
	p    *timeline.Profile
	seg  segment
	text string
	subject
	refFrom    string // where the extraction's reference date came from
	docOnTopic bool   // the document is about the topic
	repeated   bool   // the document said the very same words before
	cat        string // the category, once read
	stand      *timeline.TopicStand
}

// topic is how the statement, with its actors, stands to the topic (read
// once: several rules ask).
func (s *statement) topic() timeline.TopicStand {
	if s.stand == nil {
		t := s.p.StatementTopic(s.judged, s.actors)
		s.stand = &t
	}
	return *s.stand
}

// category places the statement in a profile category ("other" when no
// keyword does): read from its words and the question it answers, else
// the category of the statement it is coordinated with.
func (s *statement) category() string {
	if s.cat == "" {
		s.cat = s.p.Categorize(s.judged)
		if s.cat == timeline.CategoryOther && s.seg.coordinateCategory != "" {
			s.cat = s.seg.coordinateCategory // "… in February and from Moments in May"
		}
	}
	return s.cat
}

// A rule drops a dated statement that is no step of the story.
type rule struct {
	name  string
	why   string
	drops func(s *statement) bool
}

// dropped returns the first rule that drops the statement, nil if none.
func (s *statement) dropped() *rule {
	for i := range dropRules {
		if dropRules[i].drops(s) {
			return &dropRules[i]
		}
	}
	return nil
}

// dropRules are tried in this order; the first that matches drops the
// statement and is named in `wallbreak extract --explain`.
var dropRules = []rule{
	{"off-topic-document", "the document is not about the profile's topic (too few of its sentences are)",
		func(s *statement) bool { return !s.docOnTopic }},
	{"repeated", "the same words as a statement before it (a headline repeated as a caption)",
		func(s *statement) bool { return s.repeated }},
	{"no-actor", "names no actor of the profile and refers back to none",
		func(s *statement) bool { return len(s.actors) == 0 }},
	{"off-topic", "one side's own act (results, a listing, layoffs, an AI model, a reorganisation), no interop",
		func(s *statement) bool {
			if s.topic() == timeline.OffTopic {
				return true
			}
			own := timeline.ActorIDs(s.mentions)
			return len(own) > 0 && !slices.Equal(own, s.actors) && s.p.StatementTopic(s.judged, own) == timeline.OffTopic
		}},
	{"no-page-date", "dated relative to the page's date, which neither the page nor its text gives",
		func(s *statement) bool { return s.refFrom == refNone && s.seg.expr.ResolvedBy == dates.ByReference }},
	{"period", "\"from X to Y\": a span of time, not a step",
		func(s *statement) bool { return s.seg.span }},
	{"financial-figure", "share prices or results with a percentage",
		func(s *statement) bool { return financialRe.MatchString(s.text) && strings.ContainsAny(s.text, "%％") }},
	{"turnover", "an amount of money flowing through something (\"成交额达12亿元\")",
		func(s *statement) bool { return turnoverRe.MatchString(s.text) }},
	{"bare-attribution", "only says who said something; the statement is elsewhere",
		func(s *statement) bool { return bareAttribution(s.text, s.seg.expr) }},
	{"negated", "says that something did not happen, or will not",
		func(s *statement) bool { return negated(s.text, s.seg, s.mentions) }},
	{"trend", "a figure moving over time: a statistic",
		func(s *statement) bool { return trendRe.MatchString(s.text) }},
	{"persons-date", "the date is a person's, in a clause that names no actor",
		func(s *statement) bool { return personsDate(s.p, s.text, s.seg.expr) }},
	{"no-event", "no category and no verb of an event: a description, not a step",
		func(s *statement) bool {
			return s.category() == timeline.CategoryOther && !eventRe.MatchString(s.judged) && !announcedBefore(s.p, s.text, len(s.text)) &&
				!(s.seg.expr.Mod == timeline.ModSince && sinceStateRe.MatchString(s.text))
		}},
	{"day-name", "the words after the date name that day (\"the first day of presales\")",
		func(s *statement) bool { return dayNameRe.MatchString(s.text) }},
	{"ago", "\"more than two years ago\": no place on a timeline",
		func(s *statement) bool {
			return s.seg.expr.Mod == timeline.ModBefore && strings.HasSuffix(strings.ToLower(s.seg.expr.Text), " ago")
		}},
	{"deadline", "the date is a deadline, not the day something happened",
		func(s *statement) bool { return isDeadline(s.text, s.seg.expr, s.seg.Offset) }},
	{"first-since", "the date is the point something is the first since (\"the first such case since the guidelines of late 2020\"), not a step",
		func(s *statement) bool { return firstSince(s.text, s.seg.expr, s.seg.Offset) }},
	{"snapshot", "how things stood at the date (\"截至11月底\"), not a step",
		func(s *statement) bool { return snapshot(s.text, s.seg.expr, s.seg.Offset) }},
	{"one-side", "one platform's own business (no category of the story's walls, or delivery), no second side, regulator or interop word",
		func(s *statement) bool { return oneSide(s) }},
}

// oneSide reports a statement whose actors stand on one side only,
// naming no regulator and no interop word, about nothing the story's
// walls are made of (no category, or only delivery: a platform's own
// couriers), with its own date: "In July, Douyin tested food delivery in
// Shanghai", "JD ranks No. 1 in the new list". (On the real pages such
// statements were a step of the story 2 times in 19; one side's payments,
// links or ads often are: "Taobao switched it on for everyone".)
func oneSide(s *statement) bool {
	if s.seg.followOn || s.seg.continuation || s.topic() != timeline.Neutral {
		return false
	}
	sides, regulator := map[string]bool{}, false
	// The clause's other actors count: "Alipay opened its API, and
	// WeChat then added a button" is one step between two sides.
	for _, id := range slices.Concat(s.actors, s.seg.coordinate, s.seg.before) {
		if side := s.p.Side(id); side != "" {
			sides[side] = true
		} else {
			regulator = true
		}
	}
	// One side alone; or a regulator alone, saying nothing of walls ("the
	// State Council Information Office held a press conference"), unless
	// what it said follows ("…在发布会上表示，" then the words).
	alone := len(sides) == 0 && regulator
	if !(len(sides) == 1 && !regulator || alone && !speechEndRe.MatchString(s.text)) {
		return false
	}
	c := s.category()
	if c != timeline.CategoryOther && c != "logistics" || backRefRe.MatchString(s.text) {
		return false // a wall's category, or a step of the story told before ("confirmed the test", "switched it on")
	}
	return !(c == timeline.CategoryOther && testRe.MatchString(s.text)) // testing something with users: the story's feature, unnamed
}

// speechEndRe: a segment ending on its speech verb, the words after it.
var speechEndRe = lazyRegexp(`(?i)(?:表示|称|稱|说|說|指出|透露|强调|強調|\bsaid|\bsays|\btold)[\s:：,，]*$`)

// backRefRe: words pointing back at a step the story told already — the
// feature, the test, "it", the same — or confirming one.
//
// Nor is one side's statement its own business when its verb needs a
// second party or speaks for the platform: teaming up, signing, a deal,
// an announcement or notice (the other side is its object, often unnamed).
var backRefRe = lazyRegexp(`(?i)\b(?:it|the (?:same|feature|function|test|trial|pilot|change|move|option|button|restrictions?|capability|notice)|confirm(?:s|ed)?|spokes(?:person|man|woman)|respon(?:ded|se)|team(?:s|ed)? up|partner(?:s|ed|ship)?|cooperat\w*|signed|deal|announc\w*|notice|statement)\b|这一|這一|该功能|該功能|同类|同類|此功能|这项|這項|测试|測試|确认|確認|证实|證實|合作|携手|攜手|联手|聯手|签署|簽署|公告|宣布|声明|聲明`)

// testRe: a test, trial or rollout of something (a platform testing its
// own delivery is its own business: delivery statements are not spared).
var testRe = lazyRegexp(`(?i)\b(?:test(?:s|ed|ing)?|trials?|pilot(?:s|ed)?)\b|内测|內測|全量|覆盖全部|覆蓋全部`)

// monthOfRelativeWeek is a week counted from the page ("last week",
// "this week", "上周") as the month holding most of it: that the step
// fell in some week of the page's is what the writer knew, and readers
// (and every annotation of real coverage here) place it by the month. A
// week the text names itself ("the week of 15 May 2023") stays a week.
func monthOfRelativeWeek(ex dates.Expression) dates.Expression {
	if ex.Precision != timeline.PrecisionWeek || ex.ResolvedBy != dates.ByReference || !relativeWeekRe.MatchString(ex.Text) {
		return ex
	}
	mid := ex.Date.Start().AddDate(0, 0, 3) // the week's Thursday
	m := dates.ExpressionOf(timeline.MonthDate(mid.Year(), int(mid.Month())), ex.Text, ex.ResolvedBy, ex.Anchor)
	m.Offset, m.Mod = ex.Offset, ex.Mod
	return m
}

// relativeWeekRe: a week counted from the page, not named by a day.
var relativeWeekRe = lazyRegexp(`(?i)\b(?:this|last|next|past|previous) week\b|\bweeks? ago\b|\bfortnight\b|本周|上周|上上周|这周|下周|本週|上週|這週|下週`)

// sameStepRule is the last drop rule, read once the statement is a
// milestone: the page told the same step already.
var sameStepRule = rule{name: "same-step", why: "the page told this step already: same date, status and category, its actors among the earlier one's (a capability described line by line)"}

// sameStep reports whether the document has a milestone already that is
// the same step as m: the same date, status and category, m's actors all
// among its. A page tells a step once and then describes it ("WeChat
// can now open Taobao links … the links show the goods … buying happens
// inside WeChat"): the timeline takes it once, from its first telling.
func (x *extraction) sameStep(m timeline.Milestone) int {
	if additiveRe.MatchString(m.Quote) {
		return -1 // "group chats too", "will also integrate", "to all users": a further step
	}
	for i, o := range x.out {
		if o.Date == m.Date && o.Status == m.Status && o.Category == m.Category && subset(m.Actors, o.Actors) {
			return i
		}
	}
	return -1
}

// betterTelling: m tells the step o told better — with its own full date
// where o's was relative, or with a verb of an event where o had none
// ("the latest news about Taobao and WeChat Pay is causing waves", then
// "Taobao released a call for comments").
func betterTelling(m, o timeline.Milestone) bool {
	if m.ResolvedBy == dates.ByAbsolute && o.ResolvedBy != dates.ByAbsolute {
		return true
	}
	return eventRe.MatchString(m.Quote) && !eventRe.MatchString(o.Quote) && !(o.ResolvedBy == dates.ByAbsolute && m.ResolvedBy != dates.ByAbsolute)
}

// retract takes milestone i off the page's list, its decision now
// same-step: a later telling dates the step better.
func (x *extraction) retract(i int) {
	id := x.out[i].ID
	x.out = slices.Delete(x.out, i, i+1)
	for j := range x.decisions {
		if d := &x.decisions[j]; d.MilestoneID == id {
			d.Milestone, d.MilestoneID, d.Status, d.Rule, d.Why = false, "", "", sameStepRule.name, sameStepRule.why
		}
	}
}

// additiveRe: a word adding to what was told, a step of its own.
var additiveRe = lazyRegexp(`(?i)\b(?:also|too|as well|in addition|additionally|besides|further|(?:to|for) (?:all|every) (?:users|merchants|shoppers)|everyone)\b|也|另外|此外|还可|還可|亦|全量|全部用户|所有用户|全部商家|所有商家`)

func subset(a, b []string) bool {
	for _, id := range a {
		if !slices.Contains(b, id) {
			return false
		}
	}
	return true
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
	if timeline.DetectLang(rest) == "zh" {
		return zhBareAttributionRe.MatchString(strings.TrimSpace(rest))
	}
	return speechRe.MatchString(rest) && words <= 6
}

// zhBareAttributionRe: a Chinese clause that ends on its speech verb, what
// was said standing in the next one ("12月2日傍晚，支付宝发布的声明称",
// "据第一财经报道，有多名用户对其表示：").
var zhBareAttributionRe = regexp.MustCompile(`^[^。；;]{0,30}?(?:表示|称|稱|说|說|声明称|聲明稱|回应称|回應稱|透露|指出)[\s:：,，]*$`)

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

// firstSinceAfterRe follows a date counted from ("…公布以来，国内首例…");
// firstSinceBeforeRe leads one ("the first … since").
var (
	firstSinceAfterRe  = lazyRegexp(`^[^。；;]{0,30}?以来[^。；;]{0,40}?(?:首例|首次|第一次|第一起|首个|首家|首起)`)
	firstSinceBeforeRe = lazyRegexp(`(?i)\bfirst\b[^.;]{0,60}\bsince\b[^.;]{0,30}$`)
)

func firstSince(text string, x dates.Expression, off int) bool {
	at := x.Offset - off
	if at < 0 || at > len(text) {
		return false
	}
	end := min(len(text), at+len(x.Text))
	return firstSinceAfterRe.MatchString(text[end:]) || firstSinceBeforeRe.MatchString(text[:end])
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
	if !negationRe.MatchString(text) || blockedRe.MatchString(text) {
		return false // (a block told as an inability is a step)
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
var turnoverRe = regexp.MustCompile(`(?i)\b(?:handled|processed|generated|recorded|worth|totall?ing|gmv|turnover|(?:payment|transaction|trade|sales)\s+(?:value|volume)s?)\b[^.;。；]{0,40}?(?:\d[\d.,]*\s*(?:billion|million|bn|m)?\s*(?:yuan|dollars|rmb)|[$¥￥]\s?\d)|(?:\d[\d.,]*\s*(?:billion|million|bn|m)?\s*(?:yuan|rmb)|[$¥￥]\s?\d[\d.,]*\s*(?:billion|million|bn|m)?)[^.;。；]{0,30}?\bof\s+(?:orders|sales|transactions|payments)\b|(?:成交额|交易额|交易规模|GMV|订单额|訂單額|成交額|交易額)[^。；]{0,12}?\d[\d.,]*\s*(?:亿|億|万|萬)?元`)

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

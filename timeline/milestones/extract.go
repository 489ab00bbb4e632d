package milestones

import (
	"math"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/dates"
)

// Extractor finds the dated milestones in documents.
type Extractor struct {
	Profile *timeline.Profile // nil: DefaultProfile()
	Now     func() time.Time  // the reference for documents with no date; nil: time.Now
}

func (e *Extractor) profile() *timeline.Profile {
	if e.Profile != nil {
		return e.Profile
	}
	return timeline.DefaultProfile()
}

// Extract returns the milestones of doc in text order: every statement that
// names a resolvable date and involves at least one actor of the profile,
// with its quote, category, status and confidence. Dates resolve against
// the document's publication date (else its text's, see reference) and its
// narrative. A document off the profile's topic has none.
func (e *Extractor) Extract(doc timeline.Document) []timeline.Milestone {
	return e.run(doc, false).out
}

// Topic scores how far doc is about the profile's topic (see
// timeline.Profile.TopicScore): a document off the topic adds no
// milestones.
func (e *Extractor) Topic(doc timeline.Document) (score float64, on bool) {
	return e.profile().TopicScore(doc.Title + "\n" + doc.Text)
}

// ScoreTopic sets doc's OnTopic and TopicScore (to two places), so that
// what stores it and Extract read one scoring.
func (e *Extractor) ScoreTopic(doc *timeline.Document) {
	score, on := e.Topic(*doc)
	doc.OnTopic, doc.TopicScore = &on, math.Round(score*100)/100
}

// Explain is Extract that also says, for every dated statement of doc,
// whether it became a milestone and which rule decided (see Decision).
func (e *Extractor) Explain(doc timeline.Document) ([]timeline.Milestone, []Decision) {
	x := e.run(doc, true)
	return x.out, x.decisions
}

func (e *Extractor) run(doc timeline.Document, explain bool) *extraction {
	compile()
	now := e.Now
	if now == nil {
		now = time.Now
	}
	x := &extraction{p: e.profile(), doc: doc, docID: doc.ID, explain: explain}
	if doc.OnTopic != nil {
		x.onTopic = *doc.OnTopic // scored already (ScoreTopic)
	} else {
		_, x.onTopic = e.Topic(doc)
	}
	if !x.onTopic && !explain {
		return x // every statement would be dropped as off-topic-document
	}
	var exprs []dates.Expression
	x.ref, x.refFrom, exprs = reference(doc, now)
	if exprs == nil {
		exprs = dates.TagDates(doc.Text, x.ref, "auto")
	}
	if len(exprs) == 0 && doc.PublishedAt == nil {
		return x // (with a page date, an undated lead may still be news)
	}
	// The title names what the text is about: an "it" before the text
	// names anyone ("It rolled out to my account yesterday", a reply under
	// "Taobao now accepts WeChat Pay") refers to it.
	x.noteTopic(strings.TrimPrefix(doc.Title, "Re: "))
	if x.docID == "" {
		x.docID = timeline.DocumentID(doc.URL)
	}
	x.exprs, x.questionPara = exprs, -2
	sentences := timeline.Sentences(doc.Text)
	prevEnd := 0
	for si, sent := range sentences {
		x.speaker = nil
		if si+1 < len(sentences) {
			x.speaker = x.quoteSpeaker(sent, sentences[si+1])
		}
		newPara := strings.Contains(doc.Text[prevEnd:sent.Offset], "\n")
		prevEnd = sent.End()
		x.sentence(sent, newPara)
	}
	return x
}

// sentence reads one sentence, clause by clause.
func (x *extraction) sentence(sent timeline.Span, newPara bool) {
	x.noteQuestion(sent, newPara)
	dated := false
	for _, cl := range timeline.Clauses(sent) {
		in := x.exprsIn(cl)
		if len(in) == 0 {
			// "Alibaba also said …", "随后，腾讯表示…": a statement that
			// follows a dated one in the same paragraph shares its date.
			if x.last != nil && !newPara && followOnRe.MatchString(cl.Text) && len(x.p.FindActors(cl.Text)) > 0 {
				x.add(segment{Span: cl, expr: x.stateOr(*x.last, cl), followOn: true})
			} else if x.story != nil && (continuationRe.MatchString(cl.Text) || x.responds(cl)) {
				x.add(segment{Span: cl, expr: x.stateOr(*x.story, cl), followOn: true, continuation: true})
			} else if x.story != nil && x.capability(cl) {
				x.add(segment{Span: cl, expr: x.reportDay(), followOn: true, continuation: true})
			} else if x.story == nil && x.leadStatement(cl) {
				for _, part := range contrasted(cl) {
					if x.leadStatement(part) {
						x.add(segment{Span: part, expr: x.leadDate(cl), followOn: true})
					}
				}
			}
			x.noteTopic(cl.Text)
			continue
		}
		dated = true
		before := len(x.out)
		x.clause(cl, in)
		x.noteTopic(cl.Text)
		l := finestLast(in)
		if n := len(x.out); n > before && x.out[n-1].Status == timeline.StatusPlanned && x.out[n-1].DateText == l.Text {
			// "…, and plans to take WeChat Pay by the end of this month":
			// what follows goes on from the step, not from the plan's date.
			step, ok := x.lastStepDate(x.out[before:], in)
			if !ok && x.last != nil {
				continue
			}
			if ok {
				l = step
			}
		}
		x.last, x.story, x.storyPara = &l, &l, x.para
	}
	if !dated && newPara {
		x.last = nil
	}
}

// lastStepDate is the date expression of the last milestone among ms
// that is not a plan, found among the clause's expressions in.
func (x *extraction) lastStepDate(ms []timeline.Milestone, in []dates.Expression) (dates.Expression, bool) {
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].Status == timeline.StatusPlanned {
			continue
		}
		for _, e := range in {
			if e.Text == ms[i].DateText && e.Value == ms[i].Date {
				return e, true
			}
		}
	}
	return dates.Expression{}, false
}

// stateOr dates a statement that follows or continues a dated one: by
// that date, base, except a state after a "since" ("淘宝自8月接入云闪付
// 以来…。同时，饿了么等应用均已接入微信支付"): that is how things stand on the
// report's day.
func (x *extraction) stateOr(base dates.Expression, cl timeline.Span) dates.Expression {
	if base.Mod == timeline.ModSince && x.refFrom == refPublished && alreadyRe.MatchString(cl.Text) {
		return x.reportDay()
	}
	return base
}

// alreadyRe: a state reached by now.
var alreadyRe = lazyRegexp(`(?i)均已|都已|已经|已經|\balready\b|\bnow\b`)

// finestLast is the clause's last date, or a finer one before it that
// lies within it ("in November in 2021": November 2021, not 2021).
func finestLast(in []dates.Expression) dates.Expression {
	l := in[len(in)-1]
	for _, e := range in[:len(in)-1] {
		if e.Date.Precision.Finer(l.Date.Precision) && !e.Date.Start().Before(l.Date.Start()) && !e.Date.End().After(l.Date.End()) {
			l = e
		}
	}
	return l
}

// noteQuestion follows the question the current paragraph answers: "Do
// Taobao links open in WeChat?" — the next paragraph answers it, often
// without naming anyone.
func (x *extraction) noteQuestion(sent timeline.Span, newPara bool) {
	if newPara {
		x.para++
	}
	if t := strings.TrimSpace(sent.Text); strings.HasSuffix(t, "?") || strings.HasSuffix(t, "？") {
		if len(x.p.FindActors(t)) > 0 {
			q := sent
			x.asked, x.questionPara = &q, x.para
		}
	} else if x.para > x.questionPara+1 {
		x.asked = nil
	}
	x.question = nil
	if x.asked != nil && x.para == x.questionPara+1 {
		x.question = x.asked
	}
}

// said reports whether the document said these words, as a whole
// statement, before; it remembers them for the next time.
func (x *extraction) said(text string) bool {
	key := strings.Join(strings.Fields(text), " ")
	if x.seen[key] {
		return true
	}
	if x.seen == nil {
		x.seen = map[string]bool{}
	}
	x.seen[key] = true
	return false
}

// responds reports whether an undated clause, in the paragraph of the
// story's last date or the next, is an actor's response to it ("Alibaba
// confirmed the contents of the notice", "腾讯回应称…").
func (x *extraction) responds(cl timeline.Span) bool {
	return x.para <= x.storyPara+1 && responseRe.MatchString(cl.Text) && len(x.p.FindActors(cl.Text)) > 0
}

// capability reports whether an undated clause finds on the report's day
// a capability about the topic ("links can be opened directly on QQ",
// "也可以在微信对话框直接打开"): a step dated by the report.
func (x *extraction) capability(cl timeline.Span) bool {
	return capabilityRe.MatchString(cl.Text) && x.aboutTopic(cl.Text)
}

// aboutTopic reports whether text names an actor and is about the topic.
func (x *extraction) aboutTopic(text string) bool {
	ids := timeline.ActorIDs(x.p.FindActors(text))
	return len(ids) > 0 && x.p.StatementTopic(text, ids) == timeline.OnTopic
}

// leadStatement reports whether an undated clause before any date of the
// story, in its first paragraphs, is a lead in the present perfect about
// the topic ("MIIT has asked major internet firms to stop blocking
// links", "Alibaba has announced that Taobao will accept WeChat Pay"):
// news of the page's days.
func (x *extraction) leadStatement(cl timeline.Span) bool {
	return x.refFrom == refPublished && x.para <= 2 && leadPerfectRe.MatchString(cl.Text) && x.aboutTopic(cl.Text)
}

// contrastRe joins two statements of a lead: "Taobao will introduce WeChat
// Pay, while … Meituan have officially joined Alipay".
var contrastRe = lazyRegexp(`,\s+(?:while|whereas)\s+|，而`)

// contrasted splits a lead clause at its contrast, each part a statement.
func contrasted(cl timeline.Span) []timeline.Span {
	loc := contrastRe.FindStringIndex(cl.Text)
	if loc == nil {
		return []timeline.Span{cl}
	}
	return []timeline.Span{{Text: cl.Text[:loc[0]], Offset: cl.Offset}, {Text: cl.Text[loc[1]:], Offset: cl.Offset + loc[1]}}
}

// leadPerfectRe: a verb in the present perfect ("have officially joined").
var leadPerfectRe = regexp.MustCompile(`(?i)\b(?:has|have)\s+(?:\w+ly\s+)?(?:\w+ed|told|begun|made|taken|given|shown|won|set|cut|struck|sent|built|brought|held|put|broken|written|become)\b`)

// leadDate dates an undated lead: by the next sentence when that one says
// when the words were spoken ("… has asked internet companies to …" then
// "Zhao Zhiguo made the comments at a briefing on Monday"), else by the
// report's month.
func (x *extraction) leadDate(cl timeline.Span) dates.Expression {
	if x.next < len(x.exprs) {
		nx := x.exprs[x.next]
		text := x.doc.Text
		if nx.Offset > cl.End() && nx.Offset-cl.End() < 400 && nx.Precision == timeline.PrecisionDay {
			end := nx.EndOffset()
			if i := strings.IndexAny(text[end:], ".。!?！？\n"); i >= 0 {
				end += i
			}
			between := text[cl.End():end]
			if strings.Count(strings.TrimSpace(between), ". ") == 0 && spokenAtRe.MatchString(between) {
				return nx
			}
		}
	}
	return x.reportMonth()
}

// spokenAtRe: a sentence saying when and where words were spoken.
var spokenAtRe = lazyRegexp(`(?i)\b(?:made|gave) (?:the|these|his|her) (?:comments|remarks)\b|\btold (?:a|the) (?:press |news )?(?:briefing|conference)\b|在[^。]{0,20}(?:发布会|新闻发布会|發佈會)上(?:表示|称|說|说)`)

// reportMonth is the month of the page's day, the date of its undated
// lead (a month: the lead says "has", not when).
func (x *extraction) reportMonth() dates.Expression {
	return implied(timeline.MonthDate(x.ref.Year(), int(x.ref.Month())), "(the report's month)", timeline.DayOf(x.ref))
}

// reportDay is the day the report speaks of "now": the page's day when it
// has one, else the story's last date.
func (x *extraction) reportDay() dates.Expression {
	if x.refFrom != refPublished {
		return *x.story
	}
	return implied(timeline.DayOf(x.ref), "(the report's day)", timeline.DayOf(x.ref))
}

// implied is a date the text implies without writing it (no offset).
func implied(d timeline.Date, label string, anchor timeline.Date) dates.Expression {
	x := dates.ExpressionOf(d, label, dates.ByReference, anchor.Value())
	x.Offset = -1
	return x
}

// exprsIn returns the date expressions inside cl, consuming those before
// its end.
func (x *extraction) exprsIn(cl timeline.Span) []dates.Expression {
	var in []dates.Expression
	for x.next < len(x.exprs) && x.exprs[x.next].Offset < cl.End() {
		if x.exprs[x.next].Offset >= cl.Offset {
			in = append(in, x.exprs[x.next])
		}
		x.next++
	}
	return in
}

// clause decides each segment of a dated clause in turn, each knowing the
// actors and category of the one before.
func (x *extraction) clause(cl timeline.Span, in []dates.Expression) {
	if x.last != nil {
		if cut := x.announcedHead(cl, in[0]); cut > 0 {
			// "Taobao released a call for comments, and plans to take WeChat
			// Pay by the end of the month": the releasing is a step of the
			// story just told; the plan has its own date.
			x.add(segment{Span: trimSpan(cl.Text[:cut], cl.Offset), expr: *x.last, followOn: true})
			cl = trimSpan(cl.Text[cut:], cl.Offset+cut)
		}
	}
	var prev timeline.Milestone
	for _, seg := range x.announcedPlans(splitFollowOns(x.p, segments(cl, in))) {
		// "Taobao has accepted WeChat Pay since September 2024, a
		// year after it started testing": a pronoun refers first to
		// the subject named before it in its own clause (not when
		// that clause's own subject was a pronoun: "In March it
		// began testing WeChat Pay, and in September the company…").
		head := cl.Text[:seg.Offset-cl.Offset]
		if ms := x.p.FindActors(head); len(ms) > 0 {
			if loc := anaphoraRe.FindStringIndex(head); loc == nil || loc[0] > ms[0].Offset {
				seg.before = timeline.ActorIDs(ms)
				if len(prev.Actors) > 0 {
					seg.before = prev.Actors
				}
			}
		}
		seg.prevActors = prev.Actors
		if seg.conj {
			seg.coordinate, seg.coordinateCategory = prev.Actors, prev.Category
		}
		if m, ok := x.add(seg); ok {
			prev = m
		} else {
			prev = timeline.Milestone{}
		}
	}
}

// planJoinRe joins an announcement to the plan it announced.
var planJoinRe = lazyRegexp(`(?i),\s*and\s+(?:(?:plans?|intends?|aims?)\s+to|will)\b|[，,]\s*(?:并|並)?(?:计划|計劃|拟于|擬於|将于|將於)`)

// releasedRe: publishing a text, an announcement of its own.
var releasedRe = lazyRegexp(`(?i)\b(?:released|published|posted)\b|发布|發布|發佈`)

// announcedHead is where an undated announcement by an actor ends and the
// dated plan it announces begins in cl (0: no such join before the first
// date x).
func (x *extraction) announcedHead(cl timeline.Span, first dates.Expression) int {
	at := first.Offset - cl.Offset
	if at <= 0 || at > len(cl.Text) {
		return 0
	}
	loc := planJoinRe.FindStringIndex(cl.Text[:at])
	if loc == nil {
		return 0
	}
	head := cl.Text[:loc[0]]
	if !announceRe.MatchString(head) && !releasedRe.MatchString(head) || len(x.p.FindActors(head)) == 0 || planRe.MatchString(head) {
		return 0
	}
	_, size := utf8.DecodeRuneInString(cl.Text[loc[0]:])
	return loc[0] + size // after the comma ("," or "，")
}

// extraction is the state of one Extract call.
type extraction struct {
	p   *timeline.Profile
	doc timeline.Document
	ref time.Time
	// refFrom says where ref came from (refPublished, refText, refNone).
	refFrom string
	onTopic bool // the document is about the profile's topic
	docID   string
	topic   []string // the actors the text last named, for "it", "the company", "双方"
	// question is the question heading the paragraph being read answers.
	question *timeline.Span
	// speaker: the actors of the speaker named right after the quoted
	// sentence being read ("“我们从2月起就在测试。”淘宝负责人说").
	speaker []string
	// The walk: the expressions tagged, the first not yet placed in a
	// clause, the last date named before the current sentence, the
	// paragraph count, and the question asked (in paragraph questionPara).
	exprs        []dates.Expression
	next         int
	last         *dates.Expression
	story        *dates.Expression // the last date named, whatever the paragraph
	storyPara    int               // the paragraph that named it
	seen         map[string]bool   // the statements decided so far (said)
	para         int
	questionPara int
	asked        *timeline.Span
	out          []timeline.Milestone
	// explain: record a Decision for every dated statement.
	explain   bool
	decisions []Decision
}

func (x *extraction) noteTopic(text string) {
	if ids := timeline.ActorIDs(x.p.FindActors(text)); len(ids) > 0 {
		x.topic = ids
	}
}

func (x *extraction) add(seg segment) (timeline.Milestone, bool) {
	m, ok := x.milestone(seg)
	if ok {
		x.out = append(x.out, m)
	}
	return m, ok
}

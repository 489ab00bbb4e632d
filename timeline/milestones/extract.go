package milestones

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

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
// the document's publication date (see Document.Ref) and its narrative.
func (e *Extractor) Extract(doc timeline.Document) []timeline.Milestone {
	now := e.Now
	if now == nil {
		now = time.Now
	}
	ref := doc.Ref(now)
	exprs := dates.TagDates(doc.Text, ref, "auto")
	if len(exprs) == 0 {
		return nil
	}
	x := &extraction{p: e.profile(), doc: doc, ref: ref, docID: doc.ID}
	// The title names what the text is about: an "it" before the text
	// names anyone ("It rolled out to my account yesterday", a reply under
	// "Taobao now accepts WeChat Pay") refers to it.
	x.noteTopic(strings.TrimPrefix(doc.Title, "Re: "))
	if x.docID == "" {
		x.docID = timeline.DocumentID(doc.URL)
	}
	next := 0                  // first expression not yet placed in a clause
	var last *dates.Expression // the last date named before the current sentence
	prevEnd := 0
	para, questionPara := 0, -2
	var question *timeline.Span // the question the current paragraph answers
	sentences := timeline.Sentences(doc.Text)
	for si, sent := range sentences {
		x.speaker = nil
		if si+1 < len(sentences) {
			x.speaker = x.quoteSpeaker(sent, sentences[si+1])
		}
		newPara := strings.Contains(doc.Text[prevEnd:sent.Offset], "\n")
		prevEnd = sent.End()
		if newPara {
			para++
		}
		if t := strings.TrimSpace(sent.Text); strings.HasSuffix(t, "?") || strings.HasSuffix(t, "？") {
			// "Do Taobao links open in WeChat?" — the next paragraph
			// answers it, often without naming anyone.
			if len(x.p.FindActors(t)) > 0 {
				q := sent
				question, questionPara = &q, para
			}
		} else if para > questionPara+1 {
			question = nil
		}
		x.question = nil
		if question != nil && para == questionPara+1 {
			x.question = question
		}
		dated := false
		for _, cl := range timeline.Clauses(sent) {
			var in []dates.Expression
			for next < len(exprs) && exprs[next].Offset < cl.End() {
				if exprs[next].Offset >= cl.Offset {
					in = append(in, exprs[next])
				}
				next++
			}
			if len(in) == 0 {
				// "Alibaba also said …", "随后，腾讯表示…": a statement that
				// follows a dated one in the same paragraph shares its date.
				if last != nil && !newPara && followOnRe.MatchString(cl.Text) && len(x.p.FindActors(cl.Text)) > 0 {
					x.add(segment{Span: cl, expr: *last, followOn: true})
				}
				x.noteTopic(cl.Text)
				continue
			}
			dated = true
			var prev timeline.Milestone
			for _, seg := range x.announcedPlans(splitFollowOns(x.p, segments(cl, in))) {
				// "Taobao has accepted WeChat Pay since September 2024, a
				// year after it started testing": a pronoun refers first to
				// the subject named before it in its own clause (not when
				// that clause's own subject was a pronoun: "In March it
				// began testing WeChat Pay, and in September the company…").
				head := cl.Text[:seg.Offset-cl.Offset]
				if ms := x.p.FindActors(head); len(ms) > 0 {
					if loc := pronounRe.FindStringIndex(head); loc == nil || loc[0] > ms[0].Offset {
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
			x.noteTopic(cl.Text)
			l := in[len(in)-1]
			last = &l
		}
		if !dated && newPara {
			last = nil
		}
	}
	return x.out
}

// extraction is the state of one Extract call.
type extraction struct {
	p     *timeline.Profile
	doc   timeline.Document
	ref   time.Time
	docID string
	topic []string // the actors the text last named, for "it", "the company", "双方"
	// question is the question heading the paragraph being read answers.
	question *timeline.Span
	// speaker: the actors of the speaker named right after the quoted
	// sentence being read ("“我们从2月起就在测试。”淘宝负责人说").
	speaker []string
	out     []timeline.Milestone
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

// followerRe: after a clause boundary, an actor and a word placing its
// step after the one before ("，微信随后在单聊里放开了外链", ", and WeChat
// then opened links").
var followerRe = regexp.MustCompile(`(?i)^(?:and\s+)?(.{1,40}?)\s*(?:随后|随即|隨後|隨即|接着|接著|紧接着|緊接著|之后|之後|也|亦|\bthen\b|\bsoon after\b|\bsubsequently\b|\blater\b|\balso\b)`)

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
	announced          bool // a plan and the actor's attribution after it, dated by that
}

// announcedPlans joins a plan to the attribution after it ("Shoppers …
// will from next week be able to pay with WeChat Pay, the company said on
// Thursday"): what happened is the announcement, on the attribution's
// date, by an actor (named, or "the company").
func (x *extraction) announcedPlans(segs []segment) []segment {
	for i := 0; i+1 < len(segs); i++ {
		plan, attr := segs[i], segs[i+1]
		if !bareAttribution(attr.Text, attr.expr) || !plannedRe.MatchString(plan.Text) || attr.expr.ResolvedBy == dates.ByNarrative ||
			plannedRe.MatchString(attr.Text) || attr.expr.Date.Start().After(timeline.DayOf(x.ref).Start()) {
			continue // (a vague "said at the time", or "says Tmall will follow next week": the plan's date, not the saying's)
		}
		if len(x.p.FindActors(attr.Text)) == 0 && !pronounRe.MatchString(attr.Text) {
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

// conjunctionRe: a cut at "and" joins two statements sharing a subject.
var conjunctionRe = regexp.MustCompile(`(?i)^[,，]?\s*(?:and|then|and then)\s|^[,，]?\s*(?:并且?|並且?|而且)`)

// reportingLeadRe: a lead saying when the writer learned of something
// ("记者今日获悉", "we learned on Monday") dates the learning, not the step.
var reportingLeadRe = regexp.MustCompile(`(?i)获悉|獲悉|了解到|注意到|得知|听说|聽說|看到|\blearned\b|\bwas told\b|\bwere told\b`)

// reportingLead: the date's own phrase is such a lead ("记者今日获悉"), not
// "记者注意到，早在8月13日" where the lead ends before the date's phrase.
func reportingLead(sp timeline.Span) bool {
	t := sp.Text
	if locs := boundaryRe.FindAllStringIndex(t, -1); len(locs) > 0 {
		t = t[locs[len(locs)-1][1]:]
	}
	return reportingLeadRe.MatchString(t)
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

// Words that make a statement about a thing, not an event.
var (
	// pronounRe finds a subject that refers back to actors named before,
	// or to the step they took ("the change", "the pilot", "该功能").
	pronounRe = regexp.MustCompile(`(?i)\b(?:it|its|they|their|them|the (?:company|firm|platform|app|group|giant|service|change|move|switch|launch|feature|update|option|function|deal|rollout|pilot|trial|program|programme|scheme|partnership|agreement)|the two (?:companies|giants|sides|firms|platforms)|both (?:sides|companies|parties|giants))\b|其|该公司|該公司|该平台|該平台|双方|雙方|两家|兩家|二者|两者|兩者|后者|後者|前者|该功能|該功能|此举|此舉|试点|試點|该服务|該服務|这一功能|這一功能`)
	// followOnRe marks a sentence continuing the dated one before it.
	followOnRe = regexp.MustCompile(`(?i)^(?:afterwards|subsequently|then|soon after|shortly after(?:wards)?|following (?:this|that))\b|\b(?:also|too|as well|likewise)\b|^(?:随后|隨後|此后|此後|之后|之後|紧接着|緊接著|接着|接著)|也|亦|同样|同樣|随后|隨後`)
	// negatedRe: a statement that something did not happen, or will not,
	// is not a step ("JD.com said it had no plans to join", "淘宝暂未接入").
	negatedRe = regexp.MustCompile(`(?i)\b(?:no|not\s+any)\s+plans?\s+to\b|\bhas\s+no\s+plans?\b|\b(?:did|does|do|has|have|had|was|were|is|are)\s*n[o']t\b|\b(?:did|does|do|has|have|had|was|were|is|are)\s+not\b|\bnot\s+yet\b|\b(?:denied|denies|deny)\b|\brefused\s+to\b|\bdeclined\s+to\b|\b(?:was|were)\s+still\b|仍然只|还是只|還是只|暂无|暫無|暂未|暫未|尚未|并未|並未|仍未|还不能|還不能|仍不能|还没有|還沒有|无法|無法|不通|不互通|没有计划|沒有計劃|否认|否認|拒绝|拒絕`)
	// trendRe: a figure moving over time is a statistic, not a step.
	trendRe = regexp.MustCompile(`(?i)\bthan\s+in\s+any\b|\byear[- ]on[- ]year\b|\bpercentage\s+points?\b|同比|环比|環比|百分点|百分點|\bthan\s+ever\b|创(?:历史)?新高|創(?:歷史)?新高|创纪录|創紀錄|\b(?:accounted|accounts|accounting)\s+for\b|\b(?:continued|continues|continuing)\s+to\s+(?:rise|grow|increase|climb|fall|decline|drop|shrink)\b|持续(?:上升|增长|增長|提升|下降|走高|攀升|下滑)|占比(?:持续|不断|逐步)?(?:上升|提升|增长|增長|下降)`)
	// financialRe: share prices and results are not steps of the story.
	financialRe = regexp.MustCompile(`(?i)\b(?:shares?|stock|revenue|profit|earnings|net income|sales grew|market value)\b|股价|股價|收报|收報|营收|營收|净利|淨利|财报|財報|市值`)
	// eventRe: a statement placed in no category must still say something happened.
	eventRe   = regexp.MustCompile(`(?i)\b(?:launch|launched|launches|began|begin|begins|started|starts|start|opened|opens|open|connected|connects|joined|joins|allowed|allows|allowing|accepted|accepts|accepting|added|adds|supported|supports|introduced|introduces|announced|announces|announcing|offered|offers|shown to|discussed|negotiated|held talks|confirmed|released|releases|published|unveiled|rolled out|rolls out|rolling out|switched|turned on|enabled|integrated|partnered|signed|agreed|blocked|banned|barred|lifted|removed|ended|tested|tests|testing|trialled|trialed|piloted|fined|summoned|ordered|acquired|invested|broke|fought|extended|expanded|loosened|relaxed|tightened|restricted|raised|lowered|doubled|cut|covered|debuted|went live|made \w+ available|made available|making \w+ available|making available|became available|can now|could now|are now able to|is now able to|now lets|now allows|(?:turned|switched)\s+(?:\S+\s+){1,3}on|rolled\s+(?:\S+\s+){1,3}out)\b|可以在|可以直接|可直接|可通过|可以通过|可透過|可以透過|起可以|现在可以|現在可以|如今可以|上线|上線|开放|開放|放开|放開|开通|開通|接入|打通|开始|開始|宣布|宣佈|证实|證實|确认|確認|推出|签署|簽署|屏蔽|解除|支持|支援|测试|測試|内测|內測|试点|試點|发布|發布|召开|召開|约谈|約談|罚款|罰款|达成|達成|启动|啟動|扩大|擴大|扩展|擴展|拓展|推广至|推廣至|推广到|推廣到|覆盖|覆蓋|放宽|放寬|限制|取消|恢复|恢復|升级|升級|更新`)
	plannedRe = regexp.MustCompile(`(?i)\b(?:(?:is|are)\s+(?:coming|launching|arriving|expanding|rolling\s+out)\s+(?:in|on|next|later|from)|will|shall|plans?\s+to|planning\s+to|(?:is|are)\s+(?:set|expected|scheduled|going|about)\s+to|aims?\s+to|intends?\s+to)\b|将于|将会|将要|将在|即将|计划|拟于|预计|有望|打算|準備|准备|將於|將會|將要|將在|即將|計劃|擬於|預計|[会會将將](?:继续|繼續|进一步|進一步)`)
	opinionRe = regexp.MustCompile(`(?i)\b(?:believes?|believed|thinks?|in\s+(?:his|her|their|my|our)\s+(?:view|opinion)|predicts?|predicted|prophecy|argues?|argued|is\s+seen\s+as|hopes?|expects?|guess)\b|认为|認為|看来|看來|预言|預言|预测|預測|觉得|覺得|预期|預期`)
	speechRe  = regexp.MustCompile(`(?i)\b(?:said|says|saying|posted|stated|mentioned|wrote|noted|claimed|claiming|quoted|commented)\b|表示|称|稱|说|說|指出|发文|發文|坦言|发微博|發微博`)
	// announceRe: "X announced it will …" is an announcement that happened.
	announceRe = regexp.MustCompile(`(?i)\b(?:announced|announces|announce|said|says|confirmed|confirms|unveiled|revealed|declared|pledged|posted\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:notice|announcement|statement|update))\b|宣布|宣佈|表示|确认|確認|证实|證實|公布|公佈`)
)

func (x *extraction) milestone(seg segment) (timeline.Milestone, bool) {
	p, text := x.p, seg.Text
	mentions, inClause := relativeMentions(text, seg.expr, p.FindActors(text))
	actors := actorsOutsideQuotes(text, mentions)
	inherited := false
	// "…, before making it available": the subject is the step before's,
	// whatever "it" stands for.
	gerund := gerundOffsetRe.MatchString(text)
	if loc := pronounRe.FindStringIndex(text); loc != nil && !inClause && !gerund && (len(x.topic) > 0 || len(seg.before) > 0) && (len(mentions) == 0 || loc[0] < mentions[0].Offset) {
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

// deadlineRe finds a demand whose date is its deadline ("demand that link
// blocking end by 17 September", "要求各平台在9月17日前解除屏蔽").
var deadlineRe = regexp.MustCompile(`(?i)\b(?:demand|demands|demanded|require|requires|required|order|orders|ordered|urge|urges|urged|ask|asks|asked|told)\b|要求|责令|責令|限期|勒令`)

func isDeadline(text string, x dates.Expression, off int) bool {
	at := x.Offset - off
	if at < 0 || at > len(text) {
		return false
	}
	before := strings.ToLower(text[:at])
	if namedDeadlineRe.MatchString(text[min(len(text), at+len(x.Text)):]) || deadlineOfRe.MatchString(before) {
		return true // "2021年9月17日，是工信部要求…的最后期限", "set a deadline of September 17"
	}
	return deadlineRe.MatchString(before) && (x.Mod == timeline.ModBefore || strings.HasSuffix(strings.TrimSpace(before), "by"))
}

// snapshotRe ends the words before a date that make it a snapshot of how
// things stand ("截至今年11月底，…已实现互通"), not a step's. (English "as
// of" is as often a start: "As of this morning I can pay…".)
var snapshotRe = regexp.MustCompile(`(?:截至|截止到|截止|截至到)\s*$`)

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

// status tells a statement that happened (or was announced by an actor)
// from a plan and from an outside opinion.
func status(p *timeline.Profile, text string, x dates.Expression, ref time.Time) timeline.Status {
	if x.Date.Start().After(timeline.DayOf(ref).Start()) {
		return timeline.StatusPlanned // later than the page's own day
	}
	if loc := plannedRe.FindStringIndex(text); loc != nil && (!announcedBefore(p, text, loc[0]) || continueRe.MatchString(text[loc[0]:])) {
		// (Announcing it will go on as before is no step.)
		return timeline.StatusPlanned
	}
	if opinionRe.MatchString(text) {
		return timeline.StatusOpinion
	}
	if loc := speechRe.FindStringIndex(text); loc != nil && !speakerIsActor(p, text[:loc[0]]) && !attribution(text, loc) && !newsReport(text[:loc[0]]) &&
		!appositiveSpeech(text, loc, x) && !participleSpeech(text, loc) {
		return timeline.StatusOpinion // reported speech of somebody outside the story
	}
	return timeline.StatusHappened
}

// negated reports whether the statement is denied: a negation in the
// clause that holds the date or the clause that names the first actor
// ("In January 2024, Meituan did not accept WeChat Pay"), not in a clause
// about someone else ("…, and JD.com did not follow").
func negated(text string, seg segment, mentions []timeline.Mention) bool {
	if !negatedRe.MatchString(text) {
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
	if at >= 0 && negatedRe.MatchString(clauseAt(at)) {
		return true
	}
	if len(mentions) > 0 && negatedRe.MatchString(clauseAt(mentions[0].Offset)) {
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
		case negatedRe.MatchString(c):
			deniedSome = true
		case eventRe.MatchString(c):
			statedSome = true
		}
	}
	return deniedSome && !statedSome
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

// zeroSubjectRe: after a leading date, an adverb or verb with no subject
// before it ("同月亦開始接受…", "次年又推出…").
var zeroSubjectRe = regexp.MustCompile(`^\s*[，,]?\s*(?:亦|也|又|还|還|再|即|便|随即|隨即|随后|隨後|已|开始|開始|起)`)

// firstPersonRe: a speaker speaking for their organisation.
var firstPersonRe = regexp.MustCompile(`(?i)我们|我們|\bwe\b|\bour\b|\bus\b`)

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

// continueRe: an intention to go on ("will continue to work with",
// "会继续与各平台合作").
var continueRe = regexp.MustCompile(`(?i)^(?:will|shall)\s+continue\b|^[会會将將](?:继续|繼續)`)

// sinceStateRe: a state that holds since a date ("has had it since last
// September", "have been available since 2023") began then: a step.
var sinceStateRe = regexp.MustCompile(`(?i)\b(?:has|have)\s+(?:had|been|\w+ed)\b`)

// dayNameRe opens an appositive that names the day before it.
var dayNameRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:(?:first|last|final|opening|second|third)\s+day|eve|start|beginning|end|morning)\s+of\b`)

// turnoverRe: an amount of money flowing through something ("handled 1.5
// billion yuan of orders", "成交额达12亿元") is a figure, not a step.
var turnoverRe = regexp.MustCompile(`(?i)\b(?:handled|processed|generated|recorded|worth|totall?ing|gmv|turnover)\b[^.;。；]{0,40}?(?:\d[\d.,]*\s*(?:billion|million|bn|m)?\s*(?:yuan|dollars|rmb)|[$¥￥]\s?\d)|(?:\d[\d.,]*\s*(?:billion|million|bn|m)?\s*(?:yuan|rmb)|[$¥￥]\s?\d[\d.,]*\s*(?:billion|million|bn|m)?)[^.;。；]{0,30}?\bof\s+(?:orders|sales|transactions|payments)\b|(?:成交额|交易额|交易规模|GMV|订单额|訂單額|成交額|交易額)[^。；]{0,12}?\d[\d.,]*\s*(?:亿|億|万|萬)?元`)

// gerundOffsetRe: a segment with no subject of its own — an appositive
// summing up the clause before ("…, a stand-off that ended only after
// regulators intervened in 2021"), a participle clause ("…on Wednesday, completing a rollout that began in
// mid-September"), an offset and a verb ("two months after announcing the
// plan"), or the step before the clause's ("…on yesterday, after a
// two-week trial that started on January 26").
var gerundOffsetRe = regexp.MustCompile(`(?i)^(?:(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:that|which)\s|(?:completing|marking|following|ending|extending|bringing|making|adding|giving|letting|allowing|opening|expanding)\b|(?:\S+\s+){0,3}(?:after|before)\s+\w+ing\b|(?:after|following)\s+(?:a|an|the|its|their)\s)`)

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
	return len(p.FindActors(tail)) == 0 && !pronounRe.MatchString(tail)
}

// participleSpeech: a segment that opens with "saying …" / "adding …"
// continues the statement of the subject before it ("Ant Group confirmed
// the change, saying it had been testing … since October"): the speaker is
// that subject, not somebody outside the story.
func participleSpeech(text string, loc []int) bool {
	head := strings.TrimLeft(text[:loc[0]], " ,，")
	return head == "" && participleRe.MatchString(text[loc[0]:])
}

var participleRe = regexp.MustCompile(`(?i)^(?:saying|adding|noting|stating|explaining)\b`)

// appositiveRe opens a clause that comments on the statement before it
// ("…, a step that analysts said would…", "…, which critics say…").
var appositiveRe = regexp.MustCompile(`(?i)^\s*(?:(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:that|which)|which|something\s+that)\b`)

// appositiveSpeech reports whether the speech verb at loc is inside such
// a comment, in a clause after the one holding the date: what somebody
// said about the step's effect does not make the step an opinion.
func appositiveSpeech(text string, loc []int, x dates.Expression) bool {
	at := strings.Index(text, x.Text)
	if at < 0 || at > loc[0] {
		return false
	}
	bs := boundaryRe.FindAllStringIndex(text[at:loc[0]], -1)
	if len(bs) == 0 {
		return false
	}
	return appositiveRe.MatchString(text[at+bs[len(bs)-1][1] : loc[0]])
}

// newsReportRe: the speaker is the news ("看新闻说", "据报道称", "media
// reports said"): the statement is reported fact, not somebody's view.
var newsReportRe = regexp.MustCompile(`(?i)(?:新闻|新聞|报道|報道|媒体|媒體|消息|官方)[^\S\n]*$|\b(?:reports?|media|news(?:paper)?s?|state\s+media|official\s+(?:notice|statement))\s*$`)

func newsReport(before string) bool { return newsReportRe.MatchString(before) }

// announcedBefore reports whether an actor announced, before position at,
// what the future tense there describes: "Taobao announces it will …".
func announcedBefore(p *timeline.Profile, text string, at int) bool {
	loc := announceRe.FindStringIndex(text[:at])
	return loc != nil && speakerIsActor(p, text[:loc[0]])
}

// attribution reports whether the speech verb at loc only attributes the
// statement before it to a source ("…, people familiar with the matter
// said.", "…, according to screenshots"): the statement itself stands.
func attribution(text string, loc []int) bool {
	return len(strings.Fields(text[loc[1]:])) <= 2 && strings.ContainsAny(text[:loc[0]], ",，")
}

// speakerIsActor reports whether the subject before a speech verb (the
// text after the last clause boundary) names an actor, a person speaking
// for one, or refers back to one.
func speakerIsActor(p *timeline.Profile, before string) bool {
	full := before
	names := append(p.FindActors(before), p.FindPersons(before)...)
	locs := boundaryRe.FindAllStringIndex(before, -1)
	for i := len(locs) - 1; i >= 0; i-- {
		cut := locs[i]
		inName := slices.ContainsFunc(names, func(m timeline.Mention) bool { return cut[0] >= m.Offset && cut[0] < m.Offset+len(m.Text) })
		if !inName && strings.TrimSpace(before[cut[1]:]) != "" {
			before = before[cut[1]:]
			break
		}
	}
	return len(p.FindActors(before)) > 0 || len(p.FindPersons(before)) > 0 || pronounRe.MatchString(before) ||
		spokesRe.MatchString(before) && len(p.FindActors(full)) > 0
}

// spokesRe: somebody speaking for an organisation ("a spokesperson",
// "发言人", "相关负责人"); with an actor named before in the sentence
// ("Tencent's response was muted: a spokesperson said…") it is the actor
// speaking.
var spokesRe = regexp.MustCompile(`(?i)\b(?:spokes(?:person|woman|man)|representative|executive|official)s?\b|发言人|發言人|负责人|負責人|工作人员|工作人員|客服`)

// confidence scores how far a researcher can rely on a milestone: a
// category, several actors, an explicit and precise date raise it; fuzzy
// edges and statuses other than happened lower it.
func confidence(m timeline.Milestone) float64 {
	c := 0.45
	if m.Category != timeline.CategoryOther {
		c += 0.2
	}
	if len(m.Actors) >= 2 {
		c += 0.1
	}
	switch m.ResolvedBy {
	case dates.ByAbsolute:
		c += 0.1
	case dates.ByNarrative, dates.ByReference:
		c += 0.05
	}
	switch m.Precision {
	case timeline.PrecisionDay, timeline.PrecisionMonth:
		c += 0.1
	case timeline.PrecisionWeek, timeline.PrecisionQuarter, timeline.PrecisionHalf:
		c += 0.05
	}
	if m.Mod != timeline.ModNone {
		c -= 0.1
	}
	if m.Status != timeline.StatusHappened {
		c -= 0.3
	}
	return math.Round(math.Min(0.99, math.Max(0.05, c))*100) / 100
}

package milestones

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/dates"
)

// A statusRule sets a dated statement aside as planned or opinion, or
// (announcement) keeps it as what happened whatever its words say.
type statusRule struct {
	name    string
	why     string
	status  timeline.Status
	applies func(s *statement, stated string, ref time.Time) bool
}

// status tells a statement that happened (or was announced by an actor)
// from a plan and from an outside opinion: the first of statusRules that
// applies to the words stated decides, else it happened (nil rule).
func (s *statement) status(stated string, ref time.Time) (timeline.Status, *statusRule) {
	for i := range statusRules {
		if statusRules[i].applies(s, stated, ref) {
			return statusRules[i].status, &statusRules[i]
		}
	}
	return timeline.StatusHappened, nil
}

// statusRules are tried in this order.
var statusRules = []statusRule{
	{"announcement", "a plan with an actor's attribution after it: the announcing happened", timeline.StatusHappened,
		func(s *statement, _ string, _ time.Time) bool { return s.seg.announced }},
	{"after-page-date", "dated after the page's own day", timeline.StatusPlanned,
		func(s *statement, _ string, ref time.Time) bool {
			return s.seg.expr.Date.Start().After(timeline.DayOf(ref).Start())
		}},
	{"plan", "a plan or intention not announced by an actor, announced with the plan's own date, or announcing to go on as before", timeline.StatusPlanned,
		func(s *statement, text string, _ time.Time) bool {
			loc := planRe.FindStringIndex(text)
			if loc == nil {
				return false
			}
			// "…回应称，将在春节前覆盖全部用户": the date is the plan's, after
			// its "will"; "今日发布公告称，计划新增…" is the announcing's.
			planDated := s.seg.expr.Offset >= 0 && strings.Index(text, s.seg.expr.Text) > loc[0]
			return !announcedBefore(s.p, text, loc[0]) && !demandedBefore(s.p, text, loc[0]) || planDated || continueRe.MatchString(text[loc[0]:])
		}},
	{"considered", "a step only considered (\"were considering opening\", \"正在考虑\")", timeline.StatusPlanned,
		func(_ *statement, text string, _ time.Time) bool { return considerationRe.MatchString(text) }},
	{"rumour", "hearsay (\"rumoured\", \"据传\"), not a step", timeline.StatusOpinion,
		func(_ *statement, text string, _ time.Time) bool { return rumourRe.MatchString(text) }},
	{"question", "a question asked (\"Why doesn't Taobao accept WeChat Pay?\"), not a step", timeline.StatusOpinion,
		func(_ *statement, text string, _ time.Time) bool { return quotedQuestion(text) }},
	{"opinion", "somebody's view (believes, predicts, 认为…)", timeline.StatusOpinion,
		func(_ *statement, text string, _ time.Time) bool { return opinionRe.MatchString(text) }},
	{"outside-speech", "reported speech of somebody outside the story", timeline.StatusOpinion,
		func(s *statement, text string, _ time.Time) bool { return outsideSpeech(s.p, text, s.seg.expr) }},
}

// quotedQuestion reports whether the statement quotes a question: what a
// speaker asked, however dated, is no step.
func quotedQuestion(text string) bool {
	for _, r := range quotedRanges(text) {
		if q := strings.TrimRight(text[r[0]:r[1]], " "); strings.HasSuffix(q, "?") || strings.HasSuffix(q, "？") {
			return true
		}
	}
	return false
}

// outsideSpeech: a speech verb whose speaker is no actor, not a source the
// statement is attributed to, not the news, and not a comment after the
// dated clause or a participle continuing the subject's words.
func outsideSpeech(p *timeline.Profile, text string, x dates.Expression) bool {
	loc := speechRe.FindStringIndex(text)
	return loc != nil && !speakerIsActor(p, text[:loc[0]]) && !attribution(text, loc) && !newsReport(text[:loc[0]]) &&
		!appositiveSpeech(text, loc, x) && !participleSpeech(text, loc)
}

// participleSpeech: a segment that opens with "saying …" / "adding …"
// continues the statement of the subject before it ("Ant Group confirmed
// the change, saying it had been testing … since October"): the speaker is
// that subject, not somebody outside the story.
func participleSpeech(text string, loc []int) bool {
	head := strings.TrimLeft(text[:loc[0]], " ,，")
	return head == "" && participleSpeechRe.MatchString(text[loc[0]:])
}

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

func newsReport(before string) bool { return newsSpeakerRe.MatchString(before) }

// announcedBefore reports whether an actor announced, before position at,
// what the future tense there describes: "Taobao announces it will …".
func announcedBefore(p *timeline.Profile, text string, at int) bool {
	loc := announceRe.FindStringIndex(text[:at])
	return loc != nil && speakerIsActor(p, text[:loc[0]])
}

// demandedBefore reports whether an actor (a regulator, a platform)
// demanded something before the plan word at: "the ministry has asked
// internet companies to conduct self-examinations and will take measures
// against…" — the asking happened; what it will do is the demand's.
func demandedBefore(p *timeline.Profile, text string, at int) bool {
	loc := demandRe.FindStringIndex(text[:at])
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
	return len(p.FindActors(before)) > 0 || len(p.FindPersons(before)) > 0 || anaphoraRe.MatchString(before) ||
		spokespersonRe.MatchString(before) && len(p.FindActors(full)) > 0
}

// lowered is confidence c less by, never below 0.05, to two places.
func lowered(c, by float64) float64 { return math.Round(math.Max(0.05, c-by)*100) / 100 }

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

package timeline

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Extractor finds the dated milestones in documents.
type Extractor struct {
	Profile *Profile         // nil: DefaultProfile()
	Now     func() time.Time // the reference for documents with no date; nil: time.Now
}

func (e *Extractor) profile() *Profile {
	if e.Profile != nil {
		return e.Profile
	}
	return DefaultProfile()
}

// Extract returns the milestones of doc in text order: every clause that
// names a resolvable date and at least one actor of the profile, with its
// quote, category, status and confidence. Dates resolve against the
// document's publication date (see Document.Ref) and its narrative.
func (e *Extractor) Extract(doc Document) []Milestone {
	now := e.Now
	if now == nil {
		now = time.Now
	}
	ref := doc.Ref(now)
	lang := doc.Lang
	if lang == "" {
		lang = DetectLang(doc.Text)
	}
	exprs := TagDates(doc.Text, ref, "auto")
	if len(exprs) == 0 {
		return nil
	}
	p := e.profile()
	docID := doc.ID
	if docID == "" {
		docID = DocumentID(doc.URL)
	}
	var out []Milestone
	next := 0          // first expression not yet placed in a clause
	var topic []string // the actors the paragraph last named
	prevEnd := 0
	for _, sent := range Sentences(doc.Text) {
		if strings.Contains(doc.Text[prevEnd:sent.Offset], "\n") {
			topic = nil // pronouns do not reach across paragraphs
		}
		prevEnd = sent.End()
		for _, cl := range Clauses(sent) {
			var in []Expression
			for next < len(exprs) && exprs[next].Offset < cl.End() {
				if exprs[next].Offset >= cl.Offset {
					in = append(in, exprs[next])
				}
				next++
			}
			for _, seg := range segments(cl, in) {
				if m, ok := e.milestone(p, doc, docID, ref, seg, topic); ok {
					out = append(out, m)
				}
			}
			if ids := ActorIDs(p.FindActors(cl.Text)); len(ids) > 0 {
				topic = ids
			}
		}
	}
	return out
}

// pronounRe finds a subject that refers back to actors named before.
var pronounRe = regexp.MustCompile(`(?i)\b(?:it|its|they|their|the (?:company|firm|platform|app|group|giant|service)|the two (?:companies|giants|sides|firms|platforms)|both (?:sides|companies|parties|giants))\b|其|该公司|該公司|该平台|該平台|双方|雙方|两家|兩家|二者|两者|兩者|后者|後者|前者`)

// segment is the part of a clause that one date expression governs.
type segment struct {
	Span
	expr Expression
}

// segments splits a clause naming several dates at the last comma (or
// "and") before each next date: "X in February, and Y in May" is two
// statements. Dates with no such boundary between them stay in one
// segment, dated by the first.
func segments(cl Span, exprs []Expression) []segment {
	if len(exprs) == 0 {
		return nil
	}
	var out []segment
	start := cl.Offset
	cur := exprs[0]
	for _, nx := range exprs[1:] {
		gapLo, gapHi := cur.EndOffset()-cl.Offset, nx.Offset-cl.Offset
		if gapLo > gapHi {
			continue
		}
		b := lastBoundary(cl.Text[gapLo:gapHi])
		if b < 0 {
			continue
		}
		cut := cl.Offset + gapLo + b
		out = append(out, segment{Span: trimSpan(cl.Text[start-cl.Offset:cut-cl.Offset], start), expr: cur})
		start, cur = cut, nx
	}
	out = append(out, segment{Span: trimSpan(cl.Text[start-cl.Offset:], start), expr: cur})
	return out
}

var boundaryRe = regexp.MustCompile(`[,，、:：]|\s(?:and|while|whereas|but|then)\s|[并並而但]且?`)

func lastBoundary(s string) int {
	locs := boundaryRe.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return -1
	}
	return locs[len(locs)-1][0]
}

// trimSpan drops leading punctuation and joining words left by a cut.
func trimSpan(s string, off int) Span {
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
	return Span{Text: strings.TrimRight(t, " \t\n,，、:：;；"), Offset: off}
}

// milestone makes the milestone a segment states, if it names an actor
// (or refers to the paragraph's topic actors with a pronoun).
func (e *Extractor) milestone(p *Profile, doc Document, docID string, ref time.Time, seg segment, topic []string) (Milestone, bool) {
	mentions := p.FindActors(seg.Text)
	actors := actorsOutsideQuotes(seg.Text, mentions)
	inherited := false
	if loc := pronounRe.FindStringIndex(seg.Text); loc != nil && len(topic) > 0 && (len(mentions) == 0 || loc[0] < mentions[0].Offset) {
		// "it", "the company", "双方" before any actor is named: the
		// paragraph's topic is the subject.
		merged := append([]string(nil), topic...)
		for _, a := range actors {
			if !slices.Contains(merged, a) {
				merged = append(merged, a)
			}
		}
		actors, inherited = merged, len(actors) == 0
	}
	if len(actors) == 0 {
		return Milestone{}, false
	}
	x := seg.expr
	m := Milestone{
		DocumentID:  docID,
		Date:        x.Value,
		Precision:   x.Precision,
		Start:       x.Start,
		End:         x.End,
		Mod:         x.Mod,
		Actors:      actors,
		Category:    p.Categorize(seg.Text),
		Status:      status(p, seg.Text, x, ref),
		Quote:       seg.Text,
		QuoteOffset: seg.Offset,
		DateText:    x.Text,
		ResolvedBy:  x.ResolvedBy,
	}
	m.ID = shortHash(docID, m.Date, strconv.Itoa(seg.Offset))
	m.Confidence = confidence(m)
	if inherited {
		m.Confidence = math.Round(math.Max(0.05, m.Confidence-0.1)*100) / 100
	}
	return m, true
}

// actorsOutsideQuotes returns the actors of a statement. Actors named only
// inside quotation marks are somebody's words, not the statement's subject,
// unless an actor also stands outside them.
func actorsOutsideQuotes(text string, ms []Mention) []string {
	quoted := quotedRanges(text)
	outside := false
	for _, m := range ms {
		if !inRanges(m.Offset, quoted) {
			outside = true
			break
		}
	}
	if !outside {
		return nil
	}
	return ActorIDs(ms)
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

var (
	plannedRe = regexp.MustCompile(`(?i)\b(?:will|shall|plans?\s+to|planning\s+to|(?:is|are)\s+(?:set|expected|scheduled|going|about)\s+to|aims?\s+to|intends?\s+to)\b|将于|将会|将要|将在|即将|计划|拟于|预计|有望|打算|準備|准备|將於|將會|將要|將在|即將|計劃|擬於|預計`)
	opinionRe = regexp.MustCompile(`(?i)\b(?:believes?|believed|thinks?|in\s+(?:his|her|their|my|our)\s+(?:view|opinion)|predicts?|predicted|prophecy|argues?|argued|is\s+seen\s+as|hopes?)\b|认为|認為|看来|看來|预言|預言|预测|預測|觉得|覺得`)
	speechRe  = regexp.MustCompile(`(?i)\b(?:said|says|saying|posted|stated|mentioned|told|responded|replied|wrote|noted|claimed|claiming|quoted|commented)\b|表示|称|稱|说|說|指出|回应|回應|发文|發文|坦言|发微博|發微博`)
)

// status tells a statement that happened (or was announced by an actor)
// from a plan and from an outside opinion.
func status(p *Profile, text string, x Expression, ref time.Time) Status {
	if x.Date.Start().After(ref) || plannedRe.MatchString(text) {
		return StatusPlanned
	}
	if opinionRe.MatchString(text) {
		return StatusOpinion
	}
	if loc := speechRe.FindStringIndex(text); loc != nil {
		subject := text[:loc[0]]
		if len(p.FindActors(subject)) == 0 && len(p.FindPersons(subject)) == 0 && !pronounRe.MatchString(subject) {
			return StatusOpinion // reported speech of somebody outside the story
		}
	}
	return StatusHappened
}

// confidence scores how far a researcher can rely on a milestone: a
// category, several actors, an explicit and precise date raise it; fuzzy
// edges and statuses other than happened lower it.
func confidence(m Milestone) float64 {
	c := 0.45
	if m.Category != CategoryOther {
		c += 0.2
	}
	if len(m.Actors) >= 2 {
		c += 0.1
	}
	switch m.ResolvedBy {
	case ByAbsolute:
		c += 0.1
	case ByNarrative, ByReference:
		c += 0.05
	}
	switch m.Precision {
	case PrecisionDay, PrecisionMonth:
		c += 0.1
	case PrecisionWeek, PrecisionQuarter, PrecisionHalf:
		c += 0.05
	}
	if m.Mod != ModNone {
		c -= 0.1
	}
	if m.Status != StatusHappened {
		c -= 0.3
	}
	return math.Round(math.Min(0.99, math.Max(0.05, c))*100) / 100
}

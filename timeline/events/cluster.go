package events

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/wallbreak/wallbreak/timeline"
)

// Reported is a milestone with the document that reports it.
type Reported struct {
	Milestone timeline.Milestone
	Doc       timeline.Document
}

// precisionRank orders precisions from finest (0) to coarsest.
var precisionRank = map[timeline.Precision]int{timeline.PrecisionDay: 0, timeline.PrecisionWeek: 1, timeline.PrecisionMonth: 2, timeline.PrecisionQuarter: 3, timeline.PrecisionHalf: 4, timeline.PrecisionYear: 5}

// Cluster groups milestones from different documents (and languages) that
// report the same real-world step into events:
//
//   - their dates overlap, and the coarser is no coarser than a quarter
//     when the other is a day (a "2022" and a "2022-03-05" are not
//     evidence of one step);
//   - they share an actor, and at least half of the smaller actor set;
//   - their categories agree ("other" agrees with anything);
//   - in one language their wording is similar (word or bigram overlap);
//     across languages the actor sets must be equal and the dates at most
//     a month apart in precision.
//
// A milestone joins an event only if it is compatible with every
// milestone already in it (no chaining of loosely related steps). The
// result is deterministic: the same milestones give the same events, with
// the same ids, whatever their order. Milestones of one status are only
// clustered with that status.
func Cluster(in []Reported) []timeline.Event {
	rs := slices.Clone(in)
	// Finest dates first, then earliest reported: an event's first member
	// is its most precise, earliest report.
	slices.SortFunc(rs, func(a, b Reported) int {
		return cmp.Or(
			cmp.Compare(precisionRank[a.Milestone.Precision], precisionRank[b.Milestone.Precision]),
			cmp.Compare(a.Milestone.Start, b.Milestone.Start),
			compareTimes(a.Doc.PublishedAt, b.Doc.PublishedAt),
			cmp.Compare(a.Milestone.ID, b.Milestone.ID),
		)
	})
	type group struct {
		members []int
	}
	var groups []*group
	// Candidate events by actor and month: a milestone is compared only
	// with events that share an actor and a month with it (dates must
	// overlap), not with every event of the actor.
	type key struct {
		actor string
		month string
	}
	byKey := map[key][]*group{}
	words := make([]map[string]bool, len(rs))
	for i := range rs {
		words[i] = quoteWords(rs[i].Milestone.Quote)
	}
	for i, r := range rs {
		months := monthsOf(r.Milestone)
		var joined *group
		seen := map[*group]bool{}
	search:
		for _, a := range r.Milestone.Actors {
			for _, mo := range months {
				for _, g := range byKey[key{a, mo}] {
					if seen[g] {
						continue
					}
					seen[g] = true
					ok := true
					// Complete linkage, bounded: the first members are the
					// finest, earliest reports and stand for the event.
					for _, j := range g.members[:min(len(g.members), maxLinkage)] {
						if !sameStep(rs[j], r, words[j], words[i]) {
							ok = false
							break
						}
					}
					if ok {
						joined = g
						break search
					}
				}
			}
		}
		if joined == nil {
			joined = &group{}
			groups = append(groups, joined)
			for _, a := range r.Milestone.Actors {
				for _, mo := range months {
					byKey[key{a, mo}] = append(byKey[key{a, mo}], joined)
				}
			}
		}
		joined.members = append(joined.members, i)
	}
	events := make([]timeline.Event, 0, len(groups))
	for _, g := range groups {
		members := make([]Reported, len(g.members))
		for k, j := range g.members {
			members[k] = rs[j]
		}
		events = append(events, mergeEvent(members))
	}
	slices.SortFunc(events, func(a, b timeline.Event) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.ID, b.ID))
	})
	return events
}

// maxLinkage is how many of an event's members a milestone must agree
// with to join it.
const maxLinkage = 16

// monthsOf lists the months (YYYY-MM) a milestone's dates cover, at most
// 24 (a longer span is registered by its first and last months only).
func monthsOf(m timeline.Milestone) []string {
	start, err1 := time.Parse(time.DateOnly, m.Start)
	end, err2 := time.Parse(time.DateOnly, m.End)
	if err1 != nil || err2 != nil || end.Before(start) {
		return []string{m.Start[:min(7, len(m.Start))]}
	}
	var out []string
	for t := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(end) && len(out) < 24; t = t.AddDate(0, 1, 0) {
		out = append(out, t.Format("2006-01"))
	}
	if last := end.Format("2006-01"); out[len(out)-1] != last {
		out = append(out, last)
	}
	return out
}

func compareTimes(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(*b)
}

// sameStep tells whether two milestones can report the same step.
func sameStep(a, b Reported, wa, wb map[string]bool) bool {
	ma, mb := a.Milestone, b.Milestone
	if ma.Status != mb.Status || ma.ID == mb.ID {
		return false
	}
	if a.Doc.ID != "" && a.Doc.ID == b.Doc.ID && ma.Quote == mb.Quote {
		return false
	}
	if ma.Category != mb.Category && ma.Category != "other" && mb.Category != "other" {
		return false
	}
	// Dates overlap, and are not too far apart in precision. Two days a
	// week apart at most may be one step that sources date differently,
	// when they tell it in much the same words: merged, with the
	// disagreement kept as a date conflict.
	ra, rb := precisionRank[ma.Precision], precisionRank[mb.Precision]
	nearDays := false
	if ma.Start > mb.End || mb.Start > ma.End {
		if ra > precisionRank[timeline.PrecisionWeek] || rb > precisionRank[timeline.PrecisionWeek] || daysApart(ma.Start, mb.Start) > 7 ||
			a.Doc.Lang != b.Doc.Lang || overlapRatio(wa, wb) < 0.5 {
			return false
		}
		nearDays = true
	}
	if max(ra, rb)-min(ra, rb) > 3 {
		return false
	}
	shared := 0
	for _, x := range ma.Actors {
		if slices.Contains(mb.Actors, x) {
			shared++
		}
	}
	small := min(len(ma.Actors), len(mb.Actors))
	if shared == 0 || 2*shared < small {
		return false
	}
	if a.Doc.Lang != b.Doc.Lang {
		// Across languages no wording to compare: the same actors, and
		// dates both at month precision or finer.
		return shared == len(ma.Actors) && shared == len(mb.Actors) && ra <= precisionRank[timeline.PrecisionMonth] && rb <= precisionRank[timeline.PrecisionMonth]
	}
	return nearDays || overlapRatio(wa, wb) >= 0.2
}

func daysApart(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return math.MaxInt
	}
	d := ta.Sub(tb).Hours() / 24
	return int(math.Abs(d))
}

// quoteWords are a quote's content words: lower-cased Latin words of three
// letters or more and Han-character bigrams.
func quoteWords(s string) map[string]bool {
	out := map[string]bool{}
	var han []rune
	var word strings.Builder
	flushWord := func() {
		if w := word.String(); len(w) >= 3 && !stopWords[w] {
			out[w] = true
		}
		word.Reset()
	}
	flushHan := func() {
		for i := 0; i+1 < len(han); i++ {
			out[string(han[i:i+2])] = true
		}
		if len(han) == 1 {
			out[string(han)] = true
		}
		han = han[:0]
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord()
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushHan()
			word.WriteRune(unicode.ToLower(r))
		default:
			flushWord()
			flushHan()
		}
	}
	flushWord()
	flushHan()
	return out
}

var stopWords = map[string]bool{"the": true, "and": true, "for": true, "that": true, "with": true, "this": true, "was": true,
	"were": true, "has": true, "have": true, "had": true, "its": true, "from": true, "are": true, "which": true, "also": true}

// overlapRatio is |a∩b| / min(|a|, |b|).
func overlapRatio(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// mergeEvent makes one event of milestones reporting the same step; the
// first member is the finest and earliest report.
func mergeEvent(ms []Reported) timeline.Event {
	first := ms[0]
	// The date: the finest precision the sources give; among those, the
	// date most documents give (ties: the earliest).
	finest := precisionRank[first.Milestone.Precision]
	votes := map[string]map[string]bool{}
	for _, r := range ms {
		if precisionRank[r.Milestone.Precision] == finest {
			if votes[r.Milestone.Date] == nil {
				votes[r.Milestone.Date] = map[string]bool{}
			}
			votes[r.Milestone.Date][docKey(r)] = true
		}
	}
	best := first
	for _, r := range ms {
		if precisionRank[r.Milestone.Precision] != finest {
			continue
		}
		nb, nr := len(votes[best.Milestone.Date]), len(votes[r.Milestone.Date])
		if nr > nb || nr == nb && r.Milestone.Start < best.Milestone.Start {
			best = r
		}
	}
	bm := best.Milestone
	ev := timeline.Event{
		Date: bm.Date, Precision: bm.Precision, Start: bm.Start, End: bm.End, Mod: bm.Mod,
		Category: bm.Category,
	}
	// Conflicts: other dates that do not contain the chosen one.
	conflicts := map[string]map[string]bool{}
	for _, r := range ms {
		m := r.Milestone
		if m.Date == bm.Date || (m.Start <= bm.Start && m.End >= bm.End) {
			continue
		}
		if conflicts[m.Date] == nil {
			conflicts[m.Date] = map[string]bool{}
		}
		conflicts[m.Date][docKey(r)] = true
	}
	for d, docs := range conflicts {
		ev.DateConflicts = append(ev.DateConflicts, timeline.DateConflict{Date: d, Sources: len(docs)})
	}
	slices.SortFunc(ev.DateConflicts, func(a, b timeline.DateConflict) int { return cmp.Compare(a.Date, b.Date) })

	// Actors by how many members name them, then by first appearance.
	count := map[string]int{}
	var order []string
	cats := map[string]int{}
	for _, r := range ms {
		for _, a := range r.Milestone.Actors {
			if count[a] == 0 {
				order = append(order, a)
			}
			count[a]++
		}
		if r.Milestone.Category != "other" {
			cats[r.Milestone.Category]++
		}
	}
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(count[b], count[a]) })
	ev.Actors = order
	for c, n := range cats {
		if n > cats[ev.Category] || n == cats[ev.Category] && c < ev.Category || ev.Category == "other" {
			ev.Category = c
		}
	}

	// One source per document (its best quote); reposts are the mirrors
	// of their original, not sources of their own.
	bySource := map[string]int{}
	noProb := 1.0
	var ids []string
	for _, r := range ms {
		ids = append(ids, r.Milestone.ID)
		k := docKey(r)
		if i, ok := bySource[k]; ok {
			if r.Milestone.Confidence > 0 && len(r.Milestone.Quote) < len(ev.Sources[i].Quote) && r.Milestone.Quote != "" {
				ev.Sources[i].Quote = r.Milestone.Quote
			}
			continue
		}
		bySource[k] = len(ev.Sources)
		ev.Sources = append(ev.Sources, timeline.Source{URL: r.Doc.URL, Title: r.Doc.Title, Publisher: r.Doc.Publisher,
			PublishedAt: r.Doc.PublishedAt, Quote: r.Milestone.Quote, Lang: r.Doc.Lang, Mirrors: r.Doc.Mirrors})
		noProb *= 1 - math.Min(r.Milestone.Confidence, 0.99)
		if p := r.Doc.PublishedAt; p != nil && (ev.FirstReportedAt == nil || p.Before(*ev.FirstReportedAt)) {
			t := *p
			ev.FirstReportedAt = &t
		}
	}
	slices.SortStableFunc(ev.Sources, func(a, b timeline.Source) int { return compareTimes(a.PublishedAt, b.PublishedAt) })
	ev.SourceCount = len(ev.Sources)
	ev.Confidence = math.Round((1-noProb)*1000) / 1000
	// The title: the best-dated report's quote, English preferred when an
	// English source gives the same date (most consumers read it).
	title := bm.Quote
	for _, r := range ms {
		if r.Milestone.Date == bm.Date && r.Doc.Lang == "en" && best.Doc.Lang != "en" {
			title = r.Milestone.Quote
			break
		}
	}
	ev.Title = timeline.Headline(title, 140)
	// The id: from the first report's milestone (earliest published, then
	// smallest id), so that later reports of the same step keep the id.
	firstReport := slices.MinFunc(ms, func(a, b Reported) int {
		return cmp.Or(compareTimes(a.Doc.PublishedAt, b.Doc.PublishedAt), cmp.Compare(a.Milestone.ID, b.Milestone.ID))
	})
	ev.ID = "ev-" + timeline.HashID("event", firstReport.Milestone.ID)
	slices.Sort(ids)
	ev.MilestoneIDs = ids
	return ev
}

// docKey identifies the document behind a report (its URL when it has no id).
func docKey(r Reported) string { return cmp.Or(r.Doc.ID, r.Doc.URL) }

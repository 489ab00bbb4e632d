package dates

import (
	"regexp"
	"strings"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
)

// resolver carries what relative expressions resolve against.
type resolver struct {
	prefer Prefer
	ref    time.Time
	refDay timeline.Date
	anchor timeline.Date // the last date the document named
	para   timeline.Date // the last date named in the current paragraph
	// future: the expression being resolved follows future-tense words
	// in its sentence ("will open in April", "将于4月开放").
	future bool
	// section: the year a heading line named ("2021年" over "9月：…").
	section timeline.Date
	// recent: the last few dates named; recentNews: one of them was near
	// the page's own day.
	recent     []timeline.Date
	recentNews bool
}

// note records a date the text named and how it resolved: only dates
// told relative to the page ("on Thursday", "next week") make it news of
// the moment; a byline's own date, written out, does not.
func (r *resolver) note(d timeline.Date, by string) {
	if by != ByReference {
		d = timeline.Date{}
	}
	if r.recent = append(r.recent, d); len(r.recent) > 3 {
		r.recent = r.recent[1:]
	}
	r.recentNews = false
	for _, x := range r.recent {
		if x.IsZero() {
			continue
		}
		if gap := r.ref.Sub(x.Start()); gap >= -7*24*time.Hour && gap <= 31*24*time.Hour {
			r.recentNews = true
		}
	}
}

// futureRe: words before a date that put it ahead of the page ("will …
// in April"). Bare 将 is left out: it is also a preposition (将商品…).
var futureRe = regexp.MustCompile(`(?i)\b(?:will|shall|(?:is|are)\s+(?:set|scheduled|expected|due)\s+to|plans?\s+to|(?:is|are)\s+(?:coming|launching|arriving|expanding|rolling\s+out))\b|将于|將於|将在|將在|将会|將會|将要|將要|即将|即將|计划于|計劃於|拟于|擬於|预计于|預計於|预计将|預計將`)

// futureBefore reports whether future-tense words come before start in
// its sentence.
func futureBefore(text string, start int) bool {
	from := max(0, start-120)
	seg := text[from:start]
	if i := strings.LastIndexAny(seg, ".!?;。！？；\n"); i >= 0 {
		seg = seg[i+1:]
	}
	return futureRe.MatchString(seg)
}

// narrativeYear is the year of the story's last date, or the reference's
// when the story has named none yet.
func (r *resolver) narrativeYear() (int, string, string) {
	if !r.anchor.IsZero() {
		return r.anchor.Year, ByNarrative, r.anchor.Value()
	}
	return r.ref.Year(), ByReference, r.refDay.Value()
}

// narrativeMonth is the story's last month, if it named one.
func (r *resolver) narrativeMonth() (timeline.Date, bool) {
	a := r.anchor
	if a.Precision == timeline.PrecisionDay || a.Precision == timeline.PrecisionMonth {
		return timeline.MonthDate(a.Year, a.Month), true
	}
	return timeline.Date{}, false
}

// bareMonth resolves a month (and maybe day) named without a year: inside a
// paragraph that already named a date it continues that story forward;
// otherwise it is the nearest such date not after the reference date
// (under the news rule; r.prefer may ask for another direction).
func (r *resolver) bareMonth(month, day int) (timeline.Date, string, string) {
	mk := func(y int) timeline.Date {
		if day > 0 {
			return timeline.DayDate(y, month, day)
		}
		return timeline.MonthDate(y, month)
	}
	news := r.prefer == PreferNews
	if !r.para.IsZero() {
		y := r.para.Year
		if (r.para.Precision == timeline.PrecisionDay || r.para.Precision == timeline.PrecisionMonth) && month < r.para.Month {
			y++ // stories run forward: "October 2022 … in February" is 2023
		}
		for d := mk(y); y >= r.para.Year-1; y, d = y-1, mk(y-1) {
			if r.future || r.notAhead(d) { // a plan may lie ahead of the page
				return d, ByNarrative, r.para.Value()
			}
		}
	}
	// Under a year heading, a month is that year's.
	if !r.section.IsZero() {
		return mk(r.section.Year), ByNarrative, r.section.Value()
	}
	// A bare day in the month before the page, in a story that has just
	// been telling that month's news, is more of it ("…the company said on
	// Thursday. ¶ …the 2021 deadline… ¶ On 3rd October, WeChat began…"),
	// not a sequel to an old date named in passing.
	if day > 0 && r.recentNews && (news || r.prefer == PreferPast) {
		if d := mk(r.ref.Year()); !d.Start().After(r.ref) && r.ref.Sub(d.Start()) <= 31*24*time.Hour {
			return d, ByReference, r.refDay.Value()
		}
	}
	// A new paragraph that opens with a bare date continues the story
	// when that date falls within a season after the story's last one
	// ("…on September 13. ¶ September 17, WeChat…").
	if a := r.anchor; a.Precision == timeline.PrecisionDay || a.Precision == timeline.PrecisionMonth {
		y := a.Year
		if month < a.Month {
			y++
		}
		if d := mk(y); !d.Start().Before(a.Start()) && !d.Start().After(a.Start().AddDate(0, 3, 0)) && (r.notAhead(d) || !news && r.ahead()) {
			return d, ByNarrative, a.Value()
		}
	}
	if !news {
		d, _ := r.pickYear(func(y int) (timeline.Date, bool) {
			d := mk(y)
			return d, day == 0 || d.Day == day
		})
		return d, ByReference, r.refDay.Value()
	}
	y := r.ref.Year()
	d := mk(y)
	switch {
	case r.future && d.End().Before(r.refDay.Start()):
		d = mk(y + 1) // "will open in April", said in June: next April
	case !r.future && d.Start().After(r.ref.AddDate(0, 0, 7)):
		d = mk(y - 1) // news reports the past: the nearest one before
	}
	return d, ByReference, r.refDay.Value()
}

// notAhead reports whether d lies no later than the preference lets a
// story's date run past the reference: a week under the news rule, not at
// all for PreferPast, without bound for the future and the nearest.
func (r *resolver) notAhead(d timeline.Date) bool {
	switch r.prefer {
	case PreferNews:
		return !d.Start().After(r.ref.AddDate(0, 0, 7))
	case PreferPast:
		return !d.Start().After(r.refDay.Start())
	}
	return true
}

// refRelative names the reference date as the anchor.
func (r *resolver) refRelative(d timeline.Date) (timeline.Date, string, string, bool) {
	return d, ByReference, r.refDay.Value(), true
}

// bareDay resolves a day of the month named alone ("13日", "on the 13th"):
// in the month the paragraph has named, else the nearest such day not
// after the page's (this month's, or last month's when it is still ahead;
// r.prefer may ask for another direction).
func (r *resolver) bareDay(d int) (timeline.Date, string, string, bool) {
	if d < 1 || d > 31 {
		return timeline.Date{}, "", "", false
	}
	if md, ok := r.paraMonth(); ok {
		dd := timeline.DayDate(md.Year, md.Month, d)
		return dd, ByNarrative, r.para.Value(), dd.Day == d
	}
	if r.prefer != PreferNews {
		var ds []timeline.Date
		for m := int(r.ref.Month()) - 2; m <= int(r.ref.Month())+2; m++ {
			if dd := timeline.DayDate(r.ref.Year(), m, d); dd.Day == d {
				ds = append(ds, dd)
			}
		}
		return r.pick(ds), ByReference, r.refDay.Value(), len(ds) > 0
	}
	m := int(r.ref.Month())
	if d > r.ref.Day() {
		m--
	}
	dd := timeline.DayDate(r.ref.Year(), m, d)
	return dd, ByReference, r.refDay.Value(), dd.Day == d
}

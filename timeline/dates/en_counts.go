package dates

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
)

// Dates counted from the page's day or from a month: "3 Fridays from
// now", "in 2 weeks", "a year from today", "the first Monday of last
// month", "the last Friday of March".
const (
	enCount     = `(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`
	enWeekdayRe = `(monday|tuesday|wednesday|thursday|friday|saturday|sunday)`
)

var enNth = map[string]int{
	"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
	"fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}

// enFutureNearRe: words before "in two weeks" that put it ahead (beside
// the future-tense words of futureRe): contractions, "going to".
var enFutureNearRe = regexp.MustCompile(`(?i)['’]ll\b|\b(?:going[^\S\n]+to|gonna|let['’]?s|see[^\S\n]+you|due|expected|scheduled|planned)\b`)

func countOf(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return enNumbers[strings.ToLower(s)]
}

func englishCountRules() []dateRule {
	return []dateRule{
		{ // 3 Fridays from now · two Mondays ago · 2 Sundays hence
			re:   re(`(?i)\b` + enCount + `[^\S\n]+` + enWeekdayRe + `s[^\S\n]+(from[^\S\n]+(?:now|today)|hence|ago)\b`),
			lang: langEN, cues: []string{"from now", "from today", "hence", "ago"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				n := countOf(m.g(1))
				if n < 1 || n > 520 {
					return timeline.Date{}, "", "", false
				}
				wd := enWeekdays[strings.ToLower(m.g(2))[:3]]
				if strings.EqualFold(m.g(3), "ago") {
					d := weekday(r.ref, wd, "last")
					return r.refRelative(timeline.DayOf(d.Start().AddDate(0, 0, -7*(n-1))))
				}
				d := weekday(r.ref, wd, "next")
				return r.refRelative(timeline.DayOf(d.Start().AddDate(0, 0, 7*(n-1))))
			},
		},
		{ // Wednesday of next week · Monday this week · last week's Sunday:
			// that day of the Monday-first week named
			re:   re(`(?i)\b(?:` + enWeekdayRe + `(?:,?[^\S\n]+(?:of|from|in)[^\S\n]+|[^\S\n]+)(?:the[^\S\n]+)?(last|this|next|previous|coming)[^\S\n]+week|(last|this|next)[^\S\n]+week['’]s[^\S\n]+` + enWeekdayRe + `)\b`),
			lang: langEN, cues: []string{"week"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				day, q := m.g(1)+m.g(4), m.g(2)+m.g(3)
				step := relOffset(q)
				if strings.EqualFold(q, "coming") {
					step = 1
				}
				return r.refRelative(weekday(r.ref.AddDate(0, 0, 7*step), enWeekdays[strings.ToLower(day)[:3]], "this"))
			},
		},
		{ // "fri", "Sat." alone (a reply, a form's field): that day
			re: re(`(?i)^[^\S\n]*(mon|tues?|wed|thu|thur|thurs|fri|sat|sun)\.?[^\S\n]*$`), lang: langEN,
			cues:  []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"},
			check: func(text string, c candidate) bool { return alone(text, c.start, c.end) },
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				return r.refRelative(r.bareWeekday(enWeekdays[strings.ToLower(m.g(1))[:3]]))
			},
		},
		{ // 2 weeks from now · three days hence · a year from today
			re:   re(`(?i)\b` + enCount + `[^\S\n]+(minutes?|hours?|days?|weeks?|fortnights?|months?|years?)[^\S\n]+(?:from[^\S\n]+(now|today|tomorrow)|(hence))\b`),
			lang: langEN, cues: []string{"from now", "from today", "from tomorrow", "hence"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				from := r.ref
				if strings.EqualFold(m.g(3), "tomorrow") {
					from = from.AddDate(0, 0, 1)
				}
				return r.refRelative(ahead(from, countOf(m.g(1)), m.g(2)))
			},
		},
		{ // in 2 weeks · in a month · in three days (ahead of the page)
			re:   re(`(?i)\bin[^\S\n]+(?:(?:just|about|another|only|around)[^\S\n]+)?` + enCount + `[^\S\n]+(minutes?|hours?|days?|weeks?|fortnights?|months?|years?)\b`),
			lang: langEN, cues: []string{"minute", "hour", "day", "week", "fortnight", "month", "year"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				// News tells of the past, where "in two weeks" is how long
				// something took ("In two years, sales doubled"): a date
				// only after future-tense words, or alone.
				if r.prefer == PreferNews && !r.future && !alone(m.text, m.idx[0], m.idx[1]) && !enFutureNearRe.MatchString(sentenceBefore(m.text, m.idx[0])) {
					return timeline.Date{}, "", "", false
				}
				return r.refRelative(ahead(r.ref, countOf(m.g(1)), m.g(2)))
			},
		},
		{ // the first Monday of last month · the last Friday of March · the
			// third Tuesday of September 2014 · the second Sunday in May ·
			// the last day of October 2015
			article: true,
			re: re(`(?i)\b(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)[^\S\n]+(monday|tuesday|wednesday|thursday|friday|saturday|sunday|day)[^\S\n]+(?:of|in)[^\S\n]+(?:(last|this|next)[^\S\n]+month|(?:the[^\S\n]+)?(same|that|following|previous)[^\S\n]+month|` +
				enMonth + `(?:,?[^\S\n]+(?:of[^\S\n]+)?` + enYearSpec + `)?)`),
			lang: langEN, cues: []string{"day of", "day in"},
			resolve: enNthWeekday,
		},
	}
}

// enNthWeekday resolves the groups of the nth-weekday rule: 1 the
// ordinal, 2 the weekday (or "day"), 3 last/this/next month, 4 the story's month,
// 5 a month name, 6–8 its year.
func enNthWeekday(m match, r *resolver) (timeline.Date, string, string, bool) {
	n := enNth[strings.ToLower(m.g(1))]
	in := func(md timeline.Date) (timeline.Date, bool) {
		if strings.EqualFold(m.g(2), "day") { // the first day of October
			if n < 0 {
				return timeline.DayOf(md.End()), true
			}
			return timeline.DayDate(md.Year, md.Month, n), true
		}
		d := nthWeekday(md.Year, md.Month, n, enWeekdays[strings.ToLower(m.g(2))[:3]])
		return d, !d.IsZero()
	}
	var md timeline.Date
	by, anchor := ByReference, r.refDay.Value()
	switch {
	case m.g(3) != "":
		md = timeline.MonthDate(r.ref.Year(), int(r.ref.Month())+relOffset(m.g(3)))
	case m.g(4) != "":
		nm, ok := r.narrativeMonth()
		if !ok {
			return timeline.Date{}, "", "", false
		}
		md, by, anchor = timeline.MonthDate(nm.Year, nm.Month+relOffset(m.g(4))), ByNarrative, r.anchor.Value()
	case m.g(6) != "" || m.g(7) != "" || m.g(8) != "":
		y, b, a, ok := yearSpec(m, 6, r)
		if !ok {
			return timeline.Date{}, "", "", false
		}
		md, by, anchor = timeline.MonthDate(y, enMonthNum(m.g(5))), b, a
	case r.prefer == PreferNews:
		md, by, anchor = r.bareMonth(enMonthNum(m.g(5)), 0)
	default:
		d, ok := r.pickYear(func(y int) (timeline.Date, bool) { return in(timeline.MonthDate(y, enMonthNum(m.g(5)))) })
		return d, ByReference, r.refDay.Value(), ok
	}
	d, ok := in(md)
	return d, by, anchor, ok
}

// ahead goes n units forward from t: to the day for days, weeks and
// months ("in 2 weeks" is a day to meet on), to the month for years.
func ahead(t time.Time, n int, unit string) timeline.Date {
	switch strings.TrimSuffix(strings.ToLower(unit), "s") {
	case "minute":
		return timeline.DayOf(t.Add(time.Duration(n) * time.Minute))
	case "hour":
		return timeline.DayOf(t.Add(time.Duration(n) * time.Hour))
	case "day":
		return timeline.DayOf(t.AddDate(0, 0, n))
	case "week":
		return timeline.DayOf(t.AddDate(0, 0, 7*n))
	case "fortnight":
		return timeline.DayOf(t.AddDate(0, 0, 14*n))
	case "month":
		return timeline.DayOf(t.AddDate(0, n, 0))
	}
	return timeline.MonthDate(t.Year()+n, int(t.Month()))
}

// sentenceBefore is the part of start's sentence before it.
func sentenceBefore(text string, start int) string {
	seg := text[max(0, start-120):start]
	if i := strings.LastIndexAny(seg, ".!?;。！？；\n"); i >= 0 {
		seg = seg[i+1:]
	}
	return seg
}

// opensSentence reports whether only spaces and quotes stand between
// start and the beginning of its sentence.
func opensSentence(text string, start int) bool {
	return strings.Trim(sentenceBefore(text, start), " \t\"'“‘(") == ""
}

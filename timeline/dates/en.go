package dates

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/wallbreak/wallbreak/timeline"
)

// Building blocks of the English rules. Month names are matched without
// case but checked to be capitalised (so "may" the verb is no date).
const (
	enMonth = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?`
	enDay   = `(\d{1,2})(?:st|nd|rd|th)?\b`
	// enYearSpec is a year named outright, relative to the page's date, or
	// relative to the story: three groups, exactly one of which is set.
	enYearSpec = `(?:((?:19|20)\d{2})\b|(last|this|next)[^\S\n]+year\b|(?:the[^\S\n]+)?(same|that|following|previous|preceding|next)[^\S\n]+year\b)`
)

func re(expr string) *regexp.Regexp { return regexp.MustCompile(expr) }

func englishRules() []dateRule {
	day := func(m match, r *resolver, mi, di, yi int) (timeline.Date, string, string, bool) {
		y, by, anchor, ok := yearSpec(m, yi, r)
		d, _ := strconv.Atoi(m.g(di))
		mo := enMonthNum(m.g(mi))
		if !ok || d < 1 || d > 31 || timeline.DayDate(y, mo, d).Day != d {
			return timeline.Date{}, "", "", false
		}
		return timeline.DayDate(y, mo, d), by, anchor, true
	}
	monthCap := func(gi int) func(string, candidate) bool {
		return func(text string, c candidate) bool {
			return capitalised(text[c.groups[2*gi]:c.groups[2*gi+1]])
		}
	}
	// With a day or a year beside it, a lower-case month is a date too
	// ("starting from september 12"), but for "may", which is a verb.
	datedMonth := func(gi int) func(string, candidate) bool {
		return func(text string, c candidate) bool {
			w := text[c.groups[2*gi]:c.groups[2*gi+1]]
			return capitalised(w) || !strings.EqualFold(w, "may")
		}
	}
	return []dateRule{
		{ // October 5, 2021 · October 5 last year · October 5 of the same year
			re: re(`(?i)\b` + enMonth + `[^\S\n]+` + enDay + `(?:,[^\S\n]*|[^\S\n]+)(?:of[^\S\n]+)?` + enYearSpec), lang: langEN, check: datedMonth(1),
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) { return day(m, r, 1, 2, 3) },
		},
		{ // 5 October 2021 · the 5th of October last year
			re: re(`(?i)\b` + enDay + `[^\S\n]+(?:of[^\S\n]+)?` + enMonth + `,?[^\S\n]+(?:of[^\S\n]+)?` + enYearSpec), lang: langEN, check: datedMonth(2), article: true,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) { return day(m, r, 2, 1, 3) },
		},
		{ // October 2021 · October last year · October of the same year
			re: re(`(?i)\b` + enMonth + `,?[^\S\n]+(?:of[^\S\n]+)?` + enYearSpec), lang: langEN, check: datedMonth(1),
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, anchor, ok := yearSpec(m, 2, r)
				return timeline.MonthDate(y, enMonthNum(m.g(1))), by, anchor, ok
			},
		},
		{ // last October · this March · next May
			re: re(`(?i)\b(last|this|next)[^\S\n]+` + enMonth), lang: langEN, check: monthCap(2),
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				mo := enMonthNum(m.g(2))
				y := r.ref.Year()
				switch strings.ToLower(m.g(1)) {
				case "last":
					// The month just past is "last month" or "in September";
					// "last September" said in October is a year back.
					if mo >= int(r.ref.Month())-1 {
						y--
					}
				case "next":
					if mo <= int(r.ref.Month()) {
						y++
					}
				}
				return r.refRelative(timeline.MonthDate(y, mo))
			},
		},
		{ // the week of Nov. 4 · the week ending Oct. 20 (no year): that week
			re: re(`(?i)\bthe[^\S\n]+week[^\S\n]+(?:of|starting|beginning|ending|to)[^\S\n]+` + enMonth + `[^\S\n]+` + enDay), lang: langEN,
			cues: []string{"week"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				d, _ := strconv.Atoi(m.g(2))
				if d < 1 || d > 31 {
					return timeline.Date{}, "", "", false
				}
				day, by, a := r.bareMonth(enMonthNum(m.g(1)), d)
				y, w := day.Start().ISOWeek()
				return timeline.WeekDate(y, w), by, a, true
			},
		},
		{ // February 20th (no year)
			re: re(`(?i)\b` + enMonth + `[^\S\n]+(?:the[^\S\n]+)?` + enDay), lang: langEN, check: datedMonth(1),
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				d, _ := strconv.Atoi(m.g(2))
				if d < 1 || d > 31 {
					return timeline.Date{}, "", "", false
				}
				dd, by, a := r.bareMonth(enMonthNum(m.g(1)), d)
				return dd, by, a, true
			},
		},
		{ // on the 13th · since the 29th (a day of the month alone)
			re: re(`(?i)\bthe[^\S\n]+(\d{1,2})(?:st|nd|rd|th)\b`), lang: langEN, check: enBareDayOK, cues: []string{"the"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				d, _ := strconv.Atoi(m.g(1))
				return r.bareDay(d)
			},
		},
		{ // 20th February · the 20th of February (no year)
			re: re(`(?i)\b` + enDay + `[^\S\n]+(?:of[^\S\n]+)?` + enMonth), lang: langEN, check: datedMonth(2), article: true,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				d, _ := strconv.Atoi(m.g(1))
				if d < 1 || d > 31 {
					return timeline.Date{}, "", "", false
				}
				dd, by, a := r.bareMonth(enMonthNum(m.g(2)), d)
				return dd, by, a, true
			},
		},
		{ // November (no year): the story's month, or the nearest past one
			re: re(`(?i)\b` + enMonth), lang: langEN, check: enBareMonthOK,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				d, by, a := r.bareMonth(enMonthNum(m.g(1)), 0)
				return d, by, a, true
			},
		},
		{ // the third quarter of 2023 · Q3 2023 · the first quarter of last year
			re: re(`(?i)\b(?:the[^\S\n]+)?(first|second|third|fourth|1st|2nd|3rd|4th)[^\S\n]+quarter[^\S\n]+(?:of[^\S\n]+)?` + enYearSpec), lang: langEN, cues: []string{"quarter"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a, ok := yearSpec(m, 2, r)
				return timeline.QuarterDate(y, enOrdinals[strings.ToLower(m.g(1))]), by, a, ok
			},
		},
		{ // the first quarter (no year): of the story's year, or the page's
			re: re(`(?i)\bthe[^\S\n]+(first|second|third|fourth|1st|2nd|3rd|4th)[^\S\n]+quarter\b`), lang: langEN, cues: []string{"quarter"},
			check: notReportingPeriod,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a := r.paraOrRefYear()
				return timeline.QuarterDate(y, enOrdinals[strings.ToLower(m.g(1))]), by, a, true
			},
		},
		{
			re: re(`(?i)\bQ([1-4])[^\S\n]*,?[^\S\n]*(?:of[^\S\n]+)?` + enYearSpec), lang: langEN, cues: []string{"q"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a, ok := yearSpec(m, 2, r)
				q, _ := strconv.Atoi(m.g(1))
				return timeline.QuarterDate(y, q), by, a, ok
			},
		},
		{ // the second half of 2021 · H2 2021 · the first half of the year
			re: re(`(?i)\b(?:the[^\S\n]+)?(first|second)[^\S\n]+half[^\S\n]+(?:of[^\S\n]+)?(?:` + enYearSpec + `|(the[^\S\n]+year))`), lang: langEN, cues: []string{"half"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				h := enOrdinals[strings.ToLower(m.g(1))]
				if m.g(5) != "" {
					y, by, a := r.narrativeYear()
					return timeline.HalfDate(y, h), by, a, true
				}
				y, by, a, ok := yearSpec(m, 2, r)
				return timeline.HalfDate(y, h), by, a, ok
			},
		},
		{
			re: re(`(?i)\bH([12])[^\S\n]+((?:19|20)\d{2})\b`), lang: langEN, cues: []string{"h1", "h2"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				h, _ := strconv.Atoi(m.g(1))
				y, _ := strconv.Atoi(m.g(2))
				return timeline.HalfDate(y, h), ByAbsolute, "", true
			},
		},
		{ // last year · this month · next week · last quarter
			re: re(`(?i)\b(last|this|next)[^\S\n]+(year|month|week|quarter)\b`), lang: langEN, cues: []string{"last", "this", "next"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				return r.refRelative(stepFrom(r.ref, strings.ToLower(m.g(2)), relOffset(m.g(1))))
			},
		},
		{ // the year before last
			re: re(`(?i)\bthe[^\S\n]+year[^\S\n]+before[^\S\n]+last\b`), lang: langEN, cues: []string{"before last"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				return r.refRelative(timeline.YearDate(r.ref.Year() - 2))
			},
		},
		{ // the same year · that same month · the following year · later that year
			re: re(`(?i)\b(?:(?:later|earlier)[^\S\n]+)?(?:(?:that|the)[^\S\n]+)?(same|that|following|next|previous|preceding)[^\S\n]+(year|month|week|day)\b`), lang: langEN, cues: []string{"same", "that", "following", "next", "previous", "preceding"},
			resolve: enNarrativeStep,
		},
		{ // a year later · two months later · three weeks afterwards · a year earlier
			re: re(`(?i)\b(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[^\S\n]+(years?|months?|weeks?|days?)[^\S\n]+(later|afterwards|earlier)\b`), lang: langEN, cues: []string{"later", "afterwards", "earlier"},
			resolve: enOffset("earlier"),
		},
		{ // "… since September 2024, a year after it started testing": the
			// clause after the phrase happened that long before (or after) the
			// date just named in the same sentence.
			re:      re(`(?i)\b(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[^\S\n]+(years?|months?|weeks?|days?)[^\S\n]+(after|before)\b`),
			lang:    langEN,
			cues:    []string{" after", " before"},
			check:   enOffsetClauseOK,
			resolve: enOffset("after"),
		},
		{ // "Mon: Alipay added…" — a list item labelled by its weekday: the
			// nearest such day before the page's date.
			re:    re(`^[^\S\n]*(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?:`),
			lang:  langEN,
			cues:  []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"},
			check: func(text string, c candidate) bool { return c.start == 0 || text[c.start-1] == '\n' },
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				return r.refRelative(weekday(r.ref, enWeekdays[strings.ToLower(m.g(1))[:3]], ""))
			},
		},
		{ // on Monday · last Friday (the nearest such day before the page's
			// date) · this coming Friday · Friday after next
			re: re(`(?i)\b(?:(last|this[^\S\n]+coming|this[^\S\n]+past|this|next|past|coming)[^\S\n]+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?:[^\S\n]+(after[^\S\n]+next)\b)?`), lang: langEN, check: enWeekdayOK,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				wd := enWeekdays[strings.ToLower(m.g(2))[:3]]
				q := strings.ToLower(m.g(1))
				switch {
				case m.g(3) != "": // the second one after today
					return r.refRelative(timeline.DayOf(weekday(r.ref, wd, "next").Start().AddDate(0, 0, 7)))
				case strings.HasSuffix(q, "coming"):
					q = "next"
				case strings.HasSuffix(q, "past"):
					q = "past" // the latest such day, today's included
				case q == "":
					return r.refRelative(r.bareWeekday(wd))
				case q == "this" && r.prefer != PreferNews:
					// "this Monday" in talk: today's, else the one the
					// preference picks (the news rule keeps to the week).
					if r.ref.Weekday() == wd {
						return r.refRelative(r.refDay)
					}
					return r.refRelative(r.bareWeekday(wd))
				}
				return r.refRelative(weekday(r.ref, wd, q))
			},
		},
		{ // recently · lately (a step of the page's days): the page's month
			re: re(`(?i)\b(recently|lately|in recent days)\b`), lang: langEN, cues: []string{"recent", "lately"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				return r.refRelative(timeline.MonthDate(r.ref.Year(), int(r.ref.Month())))
			},
		},
		{ // yesterday · today · tomorrow · the day before yesterday · the day after tomorrow
			re: re(`(?i)\b((?:the[^\S\n]+)?day[^\S\n]+(?:before[^\S\n]+yesterday|after[^\S\n]+tomorrow)|yesterday|today|tomorrow|this[^\S\n]+(?:morning|afternoon|evening)|tonight)\b`), lang: langEN,
			cues: []string{"yesterday", "today", "tomorrow", "this morning", "this afternoon", "this evening", "tonight"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				w := strings.ToLower(m.g(1))
				back := map[string]int{"yesterday": 1, "tomorrow": -1}[w]
				switch {
				case strings.HasSuffix(w, "before yesterday"):
					back = 2
				case strings.HasSuffix(w, "after tomorrow"):
					back = -2
				}
				return r.refRelative(timeline.DayOf(r.ref.AddDate(0, 0, -back)))
			},
		},
		{ // the day after · the day before, standing alone: the story's last date's neighbour
			re: re(`(?i)\b(the[^\S\n]+day[^\S\n]+(?:after|before))\b`), lang: langEN,
			cues: []string{"day after", "day before"}, check: enDayAfterOK,
			resolve: enDayAfter,
		},
		{ // 3 days ago · two months ago
			re: re(`(?i)\b(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[^\S\n]+(minutes?|hours?|days?|weeks?|fortnights?|months?|years?)[^\S\n]+ago\b`), lang: langEN, cues: []string{"ago"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				n, err := strconv.Atoi(m.g(1))
				if err != nil {
					n = enNumbers[strings.ToLower(m.g(1))]
				}
				unit := strings.TrimSuffix(strings.ToLower(m.g(2)), "s")
				if unit == "fortnight" {
					n, unit = 2*n, "week" // "a fortnight ago": two weeks
				}
				return r.refRelative(ago(r.ref, n, unit))
			},
		},
		{ // Double 11 · Singles' Day · Spring Festival, with an optional year
			re: re(`(?i)\b(?:((?:19|20)\d{2})(?:'s)?[^\S\n]+|(last|this|next)[^\S\n]+year'?s[^\S\n]+|(?:the[^\S\n]+)?(same|that|following)[^\S\n]+year'?s[^\S\n]+)?(?:the[^\S\n]+)?(double[^\S\n]*(?:11|eleven|12|twelve)|singles'?[^\S\n]*day|spring[^\S\n]+festival|(?:chinese|lunar)[^\S\n]+new[^\S\n]+year|mid-autumn(?:[^\S\n]+festival)?|618[^\S\n]+(?:shopping[^\S\n]+)?(?:festival|sales?|promotion|event|shopping[^\S\n]+festival))(?:[^\S\n]+(?:of[^\S\n]+|in[^\S\n]+)?((?:19|20)\d{2})\b)?`), lang: langEN, cues: []string{"double", "single", "festival", "new year", "618"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				name := enFestival(m.g(4))
				if m.g(5) != "" {
					y, _ := strconv.Atoi(m.g(5))
					return festival(name, y)
				}
				if m.g(1) == "" && m.g(2) == "" && m.g(3) == "" {
					return bareFestivalAt(name, r, m)
				}
				y, by, a, ok := yearSpec(m, 1, r)
				d, _, _, ok2 := festival(name, y)
				return d, by, a, ok && ok2
			},
		},
		{ // the day after Singles' Day (that year) · the day before Double 12 in 2024
			re: re(`(?i)\bthe[^\S\n]+day[^\S\n]+(after|before)[^\S\n]+(?:the[^\S\n]+)?(double[^\S\n]*(?:11|eleven|12|twelve)|singles'?[^\S\n]*day|spring[^\S\n]+festival|(?:chinese|lunar)[^\S\n]+new[^\S\n]+year|mid-autumn(?:[^\S\n]+festival)?)(?:[^\S\n]+(that|this|last)[^\S\n]+year|[^\S\n]+(?:of|in)[^\S\n]+((?:19|20)\d{2}))?\b`), lang: langEN, cues: []string{"day after", "day before"},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				name := enFestival(m.g(2))
				var d timeline.Date
				var by, a string
				ok := true
				switch strings.ToLower(m.g(3)) {
				case "that":
					y, b, an := r.narrativeYear()
					d, _, _, ok = festival(name, y)
					by, a = b, an
				case "this", "last":
					y := r.ref.Year()
					if strings.EqualFold(m.g(3), "last") {
						y--
					}
					d, _, _, ok = festival(name, y)
					by, a = ByReference, r.refDay.Value()
				default:
					if m.g(4) != "" {
						y, _ := strconv.Atoi(m.g(4))
						d, by, a, ok = festival(name, y)
					} else {
						d, by, a, ok = bareFestivalAt(name, r, m)
					}
				}
				if !ok || d.Precision != timeline.PrecisionDay {
					return timeline.Date{}, "", "", false
				}
				step := 1
				if strings.EqualFold(m.g(1), "before") {
					step = -1
				}
				return timeline.DayOf(d.Start().AddDate(0, 0, step)), by, a, true
			},
		},
		{ // a dateline ("HANGZHOU, Sept 6 (Example Wire) -") dates the dispatch, not an event
			re: re(`(?m)^[A-Z][A-Z .'/-]{1,40},[^\S\n]+(?i:` + enMonth + `)[^\S\n]+\d{1,2}(?:,[^\S\n]+\d{4})?[^\S\n]*(?:\([^)\n]{1,40}\))?[^\S\n]*[-–—]`), lang: langEN,
		},
		{ // "the June quarter" is a reporting period
			re: re(`(?i)\b(?:the[^\S\n]+)?` + enMonth + `[^\S\n]+quarter\b`), lang: langEN, cues: []string{"quarter"},
		},
		{ // at the time · at that time · since then: the story's last date
			re: re(`(?i)\b(?:at[^\S\n]+(?:the|that)[^\S\n]+time|(since)[^\S\n]+then|(?:ever[^\S\n]+)?(since)[^\S\n]+that[^\S\n]+(?:time|day|month|year))\b`), lang: langEN, cues: []string{"time", "since"},
			check: func(text string, c candidate) bool { // not "at the time of payment"
				return !timeOfRe.MatchString(text[c.end:])
			},
			mod: func(m match) timeline.Mod {
				if m.g(1) != "" || m.g(2) != "" {
					return timeline.ModSince
				}
				return timeline.ModNone
			},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				if r.anchor.IsZero() {
					return timeline.Date{}, "", "", false
				}
				return r.anchor, ByNarrative, r.anchor.Value(), true
			},
		},
		{ // fiscal years are not calendar years
			re: re(`(?i)\b(?:(?:19|20)\d{2}[^\S\n]+fiscal[^\S\n]+year|fiscal(?:[^\S\n]+year)?[^\S\n]+(?:19|20)\d{2}|FY[^\S\n]?(?:19|20)?\d{2})\b`), lang: langEN, cues: []string{"fiscal", "fy"},
		},
		{ // 2021 (a bare year)
			re: re(`\b((?:19|20)\d{2})\b`), lang: langEN, cues: []string{"19", "20"}, check: enBareYearOK,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, _ := strconv.Atoi(m.g(1))
				return timeline.YearDate(y), ByAbsolute, "", true
			},
		},
	}
}

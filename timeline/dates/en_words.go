package dates

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/wallbreak/wallbreak/timeline"
)

var enMonths = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

func enMonthNum(s string) int { return enMonths[strings.ToLower(s)[:3]] }

// capitalised reports whether the word at the start of s begins upper-case.
func capitalised(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// yearSpec resolves the three groups of enYearSpec starting at group i.
func yearSpec(m match, i int, r *resolver) (y int, by, anchor string, ok bool) {
	switch {
	case m.g(i) != "":
		y, _ = strconv.Atoi(m.g(i))
		return y, ByAbsolute, "", true
	case m.g(i+1) != "":
		return r.ref.Year() + relOffset(m.g(i+1)), ByReference, r.refDay.Value(), true
	case m.g(i+2) != "":
		y, by, anchor = r.narrativeYear()
		return y + relOffset(m.g(i+2)), by, anchor, true
	}
	return 0, "", "", false
}

// relOffset turns last/this/next and their narrative kin into a step.
func relOffset(w string) int {
	switch strings.ToLower(w) {
	case "last", "previous", "preceding", "去", "上", "前一":
		return -1
	case "next", "following", "明", "次", "翌":
		return 1
	}
	return 0
}

var enNumbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

var enOrdinals = map[string]int{
	"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}

// Words after a number that make it a quantity, not a year.
var enUnitAfter = re(`(?i)^[^\S\n]*(?:%|percent|per[^\S\n]+cent|yuan|rmb|dollars?|usd|euros?|people|persons|users|merchants|stores|shops|orders|items|units|times|million|billion|thousand|km|kg|mb|gb|pages?|words?|employees|staff|votes|points|members|accounts|mini[\s-]programs|apps)\b`)

// Words before a bare number that make it a quantity or a label.
var enLabelBefore = re(`(?i)(?:\bno\.?|#|\bnumber|\bversion|\bv|\bmodel|\bsection|\bpage|\broom|\bcode)[^\S\n]*$`)

// enNarrativeStep resolves "the same year", "the following month" and
// their kin from the story's last date.
func enNarrativeStep(m match, r *resolver) (timeline.Date, string, string, bool) {
	step := relOffset(m.g(1))
	unit := strings.ToLower(m.g(2))
	if a := r.anchor; step == 0 && !a.IsZero() && timeline.Precision(unit).Finer(a.Precision) {
		// "…at end-June, while WeChat Pay did so in the same week": the
		// story knows no finer date than its last one.
		return a, ByNarrative, a.Value(), true
	}
	switch unit {
	case "year":
		y, by, a := r.narrativeYear()
		return timeline.YearDate(y + step), by, a, true
	case "month":
		if md, ok := r.narrativeMonth(); ok {
			return timeline.MonthDate(md.Year, md.Month+step), ByNarrative, r.anchor.Value(), true
		}
		if !r.anchor.IsZero() {
			return timeline.Date{}, "", "", false // the story named no month to count from
		}
		return r.refRelative(timeline.MonthDate(r.ref.Year(), int(r.ref.Month())+step))
	case "week":
		if r.anchor.Precision == timeline.PrecisionDay || r.anchor.Precision == timeline.PrecisionWeek {
			y, w := r.anchor.Start().AddDate(0, 0, 7*step).ISOWeek()
			return timeline.WeekDate(y, w), ByNarrative, r.anchor.Value(), true
		}
		if !r.anchor.IsZero() {
			return timeline.Date{}, "", "", false
		}
		return r.refRelative(stepFrom(r.ref, "week", step))
	default:
		return narrativeDay(r, step)
	}
}

// narrativeDay is the day step days after the story's last date ("the
// following day"): counted from a day; that date itself when it was a
// month or a week ("In February WeChat fired the first shot … The
// following day, WeChat blocked Xiami": February, as finely as the story
// knows); none from a year; from the page's day when the story has named
// no date.
func narrativeDay(r *resolver, step int) (timeline.Date, string, string, bool) {
	switch a := r.anchor; {
	case a.Precision == timeline.PrecisionDay:
		return timeline.DayDate(a.Year, a.Month, a.Day+step), ByNarrative, a.Value(), true
	case a.Precision == timeline.PrecisionMonth || a.Precision == timeline.PrecisionWeek:
		return a, ByNarrative, a.Value(), true
	case !a.IsZero():
		return timeline.Date{}, "", "", false
	}
	return r.refRelative(timeline.DayOf(r.ref.AddDate(0, 0, step)))
}

// enBareMonthOK accepts a month name standing alone only when it is
// capitalised and, for the ones that are also common words ("May",
// "March"), when a preposition introduces it.
// reportingPeriodRe: "the third quarter results", "… of the 2024 fiscal
// year": a company's reporting period, not a date of the story.
var reportingPeriodRe = regexp.MustCompile(`(?i)^[^.;]{0,40}?\b(?:fiscal|financial|results|earnings|revenue|report)\b`)

func notReportingPeriod(text string, c candidate) bool {
	return !reportingPeriodRe.MatchString(text[c.end:])
}

func enBareMonthOK(text string, c candidate) bool {
	w := text[c.start:c.end]
	lw := strings.ToLower(strings.TrimSuffix(w, "."))
	verb := lw == "may" || lw == "march" || lw == "mar"
	before := strings.ToLower(text[max(0, c.start-12):c.start])
	if !capitalised(w) {
		// "in september", "until may": a full name after a preposition
		// the verbs cannot follow; alone, never "may" or "march".
		full := len(lw) > 4 || lw == "june" || lw == "july" || lw == "may"
		return full && (enLowerMonthIntro.MatchString(before) || !verb && alone(text, c.start, c.end))
	}
	if !verb {
		return true
	}
	// "May, the company said…", "May" alone: a sentence's date, not "May I".
	return enMonthIntro.MatchString(before) || alone(text, c.start, c.end) ||
		opensSentence(text, c.start) && strings.HasPrefix(text[c.end:], ",")
}

// enLowerMonthIntro: the fewer words that make a lower-case month a date.
var enLowerMonthIntro = re(`\b(?:in|since|until|till|during)[^\S\n]+$`)

var enMonthIntro = re(`(?:\bin|\bon|\bby|\bsince|\bfrom|\buntil|\btill|\bto|\bduring|\bbefore|\bafter|\bearly|\bmid|\blate|\bof|\bthrough|\band|\bbetween)[\s-]+$`)

// enBareYearOK accepts a four-digit number as a year unless it reads as a
// quantity, a label or part of a longer number.
func enBareYearOK(text string, c candidate) bool {
	if c.start > 0 {
		switch prev := text[c.start-1]; {
		case prev >= '0' && prev <= '9', strings.IndexByte(".,$¥€£#-/:+_", prev) >= 0:
			if !(prev == '-' && c.start > 1 && isLetter(text[c.start-2])) { // "mid-2021"
				return false
			}
		}
	}
	if c.end < len(text) {
		rest := text[c.end:]
		if strings.IndexByte("%-/_", rest[0]) >= 0 || strings.HasPrefix(rest, "年") {
			return false
		}
		if len(rest) > 1 && (rest[0] == '.' || rest[0] == ',' || rest[0] == ':') && rest[1] >= '0' && rest[1] <= '9' {
			return false
		}
		if enUnitAfter.MatchString(rest) {
			return false
		}
	}
	return !enLabelBefore.MatchString(text[max(0, c.start-12):c.start])
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// stepFrom moves from t by n units (year, quarter, month, week).
func stepFrom(t time.Time, unit string, n int) timeline.Date {
	switch unit {
	case "year":
		return timeline.YearDate(t.Year() + n)
	case "quarter":
		q := (int(t.Month())-1)/3 + n
		y := t.Year() + floorDiv(q, 4)
		return timeline.QuarterDate(y, q-4*floorDiv(q, 4)+1)
	case "month":
		return timeline.MonthDate(t.Year(), int(t.Month())+n)
	case "week":
		y, w := t.AddDate(0, 0, 7*n).ISOWeek()
		return timeline.WeekDate(y, w)
	}
	return timeline.DayOf(t.AddDate(0, 0, n))
}

// ago goes back n units from t, at the precision the unit supports.
func ago(t time.Time, n int, unit string) timeline.Date {
	switch unit {
	case "minute":
		return timeline.DayOf(t.Add(-time.Duration(n) * time.Minute))
	case "hour":
		return timeline.DayOf(t.Add(-time.Duration(n) * time.Hour))
	case "day":
		return timeline.DayOf(t.AddDate(0, 0, -n))
	case "week":
		return stepFrom(t, "week", -n)
	case "month":
		return timeline.MonthDate(t.Year(), int(t.Month())-n)
	}
	return timeline.YearDate(t.Year() - n)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func enFestival(s string) string {
	s = strings.ToLower(s)
	switch {
	case strings.HasPrefix(s, "double"):
		if strings.Contains(s, "12") || strings.Contains(s, "twelve") {
			return "double12"
		}
		return "double11"
	case strings.HasPrefix(s, "singles"):
		return "double11"
	case strings.HasPrefix(s, "618"):
		return "618"
	case strings.HasPrefix(s, "mid"):
		return "midautumn"
	}
	return "springfestival"
}

var timeOfRe = re(`^[^\S\n]+(?:of|when|that)\b`)

var enWeekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,

	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// weekday resolves a day of the week against t: bare or "past", the latest
// such day not after t (news reports the past); "last", the latest before
// t; "next", the first after t; "this", the one in t's Monday-first week.
func weekday(t time.Time, wd time.Weekday, qualifier string) timeline.Date {
	back := (int(t.Weekday()) - int(wd) + 7) % 7
	switch qualifier {
	case "last":
		if back == 0 {
			back = 7
		}
	case "next":
		back -= 7
		if back == 0 {
			back = -7
		}
	case "this":
		mon := (int(t.Weekday()) + 6) % 7 // days since Monday
		back = mon - (int(wd)+6)%7
	}
	return timeline.DayOf(t.AddDate(0, 0, -back))
}

// enWeekdayOK accepts a weekday that is not the label of a full date that
// follows it ("Monday, Sept. 13, 2021"): capitalised, or in lower case
// when a word that introduces a day comes before it ("on friday", "next
// monday") or it stands alone ("monday").
func enWeekdayOK(text string, c candidate) bool {
	m := match{text: text, idx: c.groups}
	if !capitalised(m.g(2)) && m.g(1) == "" && !enDayIntro.MatchString(text[max(0, c.start-12):c.start]) && !alone(text, c.start, c.end) {
		return false
	}
	return !dateFollowsRe.MatchString(text[c.end:])
}

// enDayIntro: words before a lower-case weekday or day that make it a date.
var enDayIntro = re(`(?i)\b(?:on|by|until|till|since|from|before|after|for|through|thru|due|starting|see[^\S\n]+you)[^\S\n]+$`)

// alone reports whether [start, end) is all the text holds but spaces and
// punctuation: a query, not a word in running text.
func alone(text string, start, end int) bool {
	const around = " \t\r\n.,;:!?\"'“”‘’()"
	if start > 40 || len(text)-end > 40 { // a query is short: keep this O(1)
		return false
	}
	return strings.Trim(text[:start], around) == "" && strings.Trim(text[end:], around) == ""
}

// enOffset resolves "<n> <units> <direction>" (groups 1–3) as n units
// from the story's last date, backwards when the direction is back.
func enOffset(back string) func(m match, r *resolver) (timeline.Date, string, string, bool) {
	return func(m match, r *resolver) (timeline.Date, string, string, bool) {
		n, err := strconv.Atoi(m.g(1))
		if err != nil {
			n = enNumbers[strings.ToLower(m.g(1))]
		}
		if strings.EqualFold(m.g(3), back) {
			n = -n
		}
		return r.narrativeOffset(n, strings.TrimSuffix(strings.ToLower(m.g(2)), "s"))
	}
}

// enOffsetClauseOK: the offset phrase follows a comma after a date named
// earlier in its sentence ("…in March 2023, two months after Alipay began
// a trial"), and a clause, not a date, follows it ("a year after 2021" is
// a date of its own; "Six months after launching, …" dates what follows,
// from an anchor the sentence does not name).
func enOffsetClauseOK(text string, c candidate) bool {
	before := text[:c.start]
	lead := strings.TrimRight(before, " \t")
	for _, w := range []string{"just", "about", "nearly", "almost", "some", "roughly", "only"} {
		if l := len(lead) - len(w); l > 0 && strings.EqualFold(lead[l:], w) && (lead[l-1] == ' ' || lead[l-1] == ',') {
			lead = strings.TrimRight(lead[:l], " \t")
			break
		}
	}
	if !strings.HasSuffix(lead, ",") {
		return false
	}
	sentence := lead
	if i := strings.LastIndexAny(sentence, ".!?\n"); i >= 0 {
		sentence = sentence[i+1:]
	}
	return sentenceDateRe.MatchString(sentence) && !dateFollowsRe.MatchString(text[c.end:])
}

var sentenceDateRe = re(`(?i)\b(?:(?:19|20)\d{2}|` + enMonth + `|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)`)

var dateFollowsRe = re(`(?i)^,?[^\S\n]+(?:the[^\S\n]+)?(?:\d|` + enMonth + `)`)

// narrativeOffset moves n units from the story's last date, at the finest
// precision both the anchor and the unit support.
func (r *resolver) narrativeOffset(n int, unit string) (timeline.Date, string, string, bool) {
	a, by := r.anchor, ByNarrative
	if a.IsZero() {
		if r.prefer == PreferNews {
			return timeline.Date{}, "", "", false
		}
		// Told without a story ("3天后", "two weeks later"): from today.
		a, by = r.refDay, ByReference
	}
	var d timeline.Date
	switch {
	case unit == "year":
		if a.Precision == timeline.PrecisionDay || a.Precision == timeline.PrecisionMonth {
			d = timeline.MonthDate(a.Year+n, a.Month)
		} else {
			d = timeline.YearDate(a.Year + n)
		}
	case unit == "month" && (a.Precision == timeline.PrecisionDay || a.Precision == timeline.PrecisionMonth):
		d = timeline.MonthDate(a.Year, a.Month+n)
	case unit == "week" && a.Precision == timeline.PrecisionDay:
		y, w := a.Start().AddDate(0, 0, 7*n).ISOWeek()
		d = timeline.WeekDate(y, w)
	case unit == "day" && a.Precision == timeline.PrecisionDay:
		d = timeline.DayOf(a.Start().AddDate(0, 0, n))
	default:
		return timeline.Date{}, "", "", false
	}
	return d, by, a.Value(), true
}

// enBareDayAfter: a day of the month alone is a date after these words
// ("on the 13th", "since the 29th"), not "the 13th edition".
var (
	enBareDayBefore = re(`(?i)\b(?:on|since|from|until|till|by|before|after|of|as\s+of|monday|tuesday|wednesday|thursday|friday|saturday|sunday)[^\S\n]+$`)
	enBareDayAfter  = re(`(?i)^(?:$|[^\S\n]*[,.;:!?)）—–-]|[^\S\n]+(?:at|when|and|to|through|until|till|in|this|that|last|the|as|with|,)\b)`)
)

func enBareDayOK(text string, c candidate) bool {
	return alone(text, c.start, c.end) || enBareDayBefore.MatchString(text[max(0, c.start-12):c.start]) && enBareDayAfter.MatchString(text[c.end:])
}

// enDayAfterOK: "the day after" or "the day before" stands alone, not
// before a day it counts from ("the day before yesterday", "the day after
// Singles' Day": rules of their own).
func enDayAfterOK(text string, c candidate) bool {
	rest := strings.TrimLeft(text[c.end:], " \t")
	if rest == "" {
		return true
	}
	next, _ := utf8.DecodeRuneInString(rest)
	lower := strings.ToLower(rest)
	return !unicode.IsLetter(next) && !unicode.IsDigit(next) || strings.HasPrefix(lower, "and ") || strings.HasPrefix(lower, "when ") || strings.HasPrefix(lower, "that ")
}

// enDayAfter dates a standing "the day after" (before) as the story's
// day after (before) its last date.
func enDayAfter(m match, r *resolver) (timeline.Date, string, string, bool) {
	if strings.HasSuffix(strings.ToLower(m.g(1)), "after") {
		return narrativeDay(r, 1)
	}
	return narrativeDay(r, -1)
}

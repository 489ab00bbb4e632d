// Package pagetime reads the times pages write for themselves — a post's
// or an article's publication time in its metadata, byline, URL or
// dateline — as one place for every layout: "2024-02-21 10:32" → 10:32 on
// that day in the page's zone. Dates inside running text are the date
// tagger's, not this package's.
package pagetime

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Parse reads a publication date or time as pages and feeds write it
// (RFC 3339, "2024-02-21 10:32", "2024-2-21", "2024年2月21日 10:32",
// RFC 1123, ctime, "Oct. 8, 2025") in loc when it names no zone.
func Parse(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	if t, ok := parseCtime(s, loc); ok {
		return t, true
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	m := numericRe.FindStringSubmatch(s)
	if m == nil {
		// An English date written out ("Oct. 8, 2025", "20 May 2025"):
		// midnight in loc.
		if len(s) <= 60 {
			return writtenDay(s, loc)
		}
		return time.Time{}, false
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	y, mo, d := n(1), n(2), n(3)
	if !validDay(y, mo, d) || y < 1900 {
		return time.Time{}, false
	}
	h, mi, sec := n(4), n(5), n(6)
	if h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	if m[4] != "" {
		loc = zoneAfter(s[len(m[0]):], loc)
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc), true
}

// layouts are the fixed layouts Parse tries, in order.
var layouts = []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05-0700", time.RFC1123Z, time.RFC1123, time.RFC850, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700"}

// numericRe: a date written in digits, year first, maybe with a time of
// day ("2024-2-21 10:32", "2024年2月21日 10时32分"); not anchored.
var numericRe = regexp.MustCompile(`((?:19|20)\d{2})[^\S\n]*[-/.年][^\S\n]*(\d{1,2})[^\S\n]*[-/.月][^\S\n]*(\d{1,2})[^\S\n]*[日号]?(?:[^\S\n]*T?[^\S\n]*(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?`)

// zoneRe: a zone after a time ("+08:00", "+0800", "GMT+8", "UTC").
var zoneRe = regexp.MustCompile(`^\s*(?:(?:GMT|UTC)\s*)?(?:(Z|UTC|GMT)\b|([+-])(\d{1,2}):?(\d{2})?\b)`)

// zoneAfter is the zone written after a time ("2025-06-20 10:15:02
// +08:00", "… GMT+8", "… UTC"), else loc; an offset no zone has is loc.
func zoneAfter(rest string, loc *time.Location) *time.Location {
	z := zoneRe.FindStringSubmatch(rest)
	if z == nil {
		return loc
	}
	off := 0
	if z[2] != "" {
		hh, _ := strconv.Atoi(z[3])
		mm, _ := strconv.Atoi(z[4])
		if off = hh*3600 + mm*60; z[2] == "-" {
			off = -off
		}
	}
	if off > -14*3600 && off < 15*3600 {
		return time.FixedZone("", off)
	}
	return loc
}

// ctimeRe: a ctime-style date, "Tue Mar  4 09:12:31 CST 2025".
var ctimeRe = regexp.MustCompile(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2}\s+\d{2}:\d{2}:\d{2})(?:\s+([A-Z]{2,5}))?\s+((?:19|20)\d{2})$`)

// zoneAbbrevs are the zone abbreviations with one meaning (hours east).
var zoneAbbrevs = map[string]int{"UTC": 0, "GMT": 0, "HKT": 8, "SGT": 8, "JST": 9, "KST": 9, "EST": -5, "EDT": -4, "PST": -8, "PDT": -7, "CET": 1, "CEST": 2}

// parseCtime reads s when it is all one ctime date. A zone abbreviation
// with one meaning keeps it; others (CST is China's and America's) take loc.
func parseCtime(s string, loc *time.Location) (time.Time, bool) {
	c := ctimeRe.FindStringSubmatch(s)
	if c == nil {
		return time.Time{}, false
	}
	if off, ok := zoneAbbrevs[c[2]]; ok {
		loc = time.FixedZone(c[2], off*3600)
	}
	t, err := time.ParseInLocation("Jan _2 15:04:05 2006", c[1]+" "+c[3], loc)
	return t, err == nil
}

// validDay tells a real calendar day: not 2024-02-30.
func validDay(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= 31 && time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

// Written-out days, as the date tagger reads them in English text: a month
// name (any case, but capitalised: "may" is a verb), with or without its
// abbreviation's stop, a day (maybe "20th") and a year; or 9/17/2021.
const (
	wMonth = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?`
	wDay   = `(\d{1,2})(?:st|nd|rd|th)?\b`
	// wYear: a year, or one told relative to the page or the story ("May
	// 20 last year"): no day here, but its span is taken.
	wYear = `(?:((?:19|20)\d{2})\b|(?:last|this|next)[^\S\n]+year\b|(?:the[^\S\n]+)?(?:same|that|following|previous|preceding|next)[^\S\n]+year\b)`
)

// writtenRule is one way of writing a day — the groups of its year, month
// and day, and of its month's name — or a span of the tagger's that no
// day of it may overlap (year 0: "Sept. 9" in "Sept. 9/17/2021" is the
// tagger's day without a year, and blocks the numeric day).
type writtenRule struct {
	re                     *regexp.Regexp
	year, month, day, name int
	capital                bool // the month's name must be capitalised
}

// writtenRules are in the tagger's order, which breaks ties.
var writtenRules = []writtenRule{
	{re: re(`\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b`), month: 1, day: 2, year: 3},                                                                         // 9/17/2021 (17/9/2021)
	{re: re(`(?i)\b` + wMonth + `[^\S\n]+` + wDay + `(?:,[^\S\n]*|[^\S\n]+)(?:of[^\S\n]+)?` + wYear), name: 1, day: 2, year: 3, capital: true},              // October 5, 2021
	{re: re(`(?i)\b` + wDay + `[^\S\n]+(?:of[^\S\n]+)?` + wMonth + `,?[^\S\n]+(?:of[^\S\n]+)?` + wYear), day: 1, name: 2, year: 3, capital: true},           // 5th of October 2021
	{re: re(`(?i)\b(last|this|next)[^\S\n]+` + wMonth), name: 2, capital: true},                                                                             // next May
	{re: re(`(?i)\bthe[^\S\n]+week[^\S\n]+(?:of|starting|beginning|ending|to)[^\S\n]+` + wMonth + `[^\S\n]+` + wDay), name: 1},                              // the week of Nov. 4
	{re: re(`(?i)\b` + wMonth + `[^\S\n]+` + wDay), name: 1, capital: true},                                                                                 // February 20th
	{re: re(`(?i)\b` + wDay + `[^\S\n]+(?:of[^\S\n]+)?` + wMonth), name: 2, capital: true},                                                                  // the 20th of February
	{re: re(`(?m)^[A-Z][A-Z .'/-]{1,40},[^\S\n]+(?i:` + wMonth + `)[^\S\n]+\d{1,2}(?:,[^\S\n]+\d{4})?[^\S\n]*(?:\([^)\n]{1,40}\))?[^\S\n]*[-–—]`), name: 1}, // HANGZHOU, Sept 6 (Wire) -
	{re: re(`(?i)\b(?:https?://|www\.)[^\s"'<>()（）\p{Han}]+`)},                                                                                              // a URL's numbers are no date
}

func re(expr string) *regexp.Regexp { return regexp.MustCompile(expr) }

var monthNums = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// writtenSpan is a match of a writtenRule in s.
type writtenSpan struct {
	rule *writtenRule
	idx  []int
}

func (w writtenSpan) group(s string, i int) string {
	if w.idx[2*i] < 0 {
		return ""
	}
	return s[w.idx[2*i]:w.idx[2*i+1]]
}

// writtenDay is the first day written out in s, midnight in loc, taking
// the leftmost-longest of overlapping spans as the tagger does.
func writtenDay(s string, loc *time.Location) (time.Time, bool) {
	var spans []writtenSpan
	for i := range writtenRules {
		r := &writtenRules[i]
		for _, idx := range r.re.FindAllStringSubmatchIndex(s, -1) {
			if w := (writtenSpan{rule: r, idx: idx}); w.plausible(s) {
				spans = append(spans, w)
			}
		}
	}
	// Leftmost first, the longest of those starting together.
	sort.SliceStable(spans, func(i, j int) bool {
		if a, b := spans[i].idx, spans[j].idx; a[0] != b[0] {
			return a[0] < b[0]
		}
		return spans[i].idx[1] > spans[j].idx[1]
	})
	taken := -1
	for _, w := range spans {
		if w.idx[0] < taken {
			continue
		}
		taken = w.idx[1]
		if y, m, d, ok := w.day(s); ok {
			return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc), true
		}
	}
	return time.Time{}, false
}

// plausible: a numeric day not after a digit or a point ("1.9/17/2021");
// a month's name capitalised if it must be, and no sentence ending after
// it ("20 May. 2025" is two).
func (w writtenSpan) plausible(s string) bool {
	if w.rule.month > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:w.idx[0]])
		return !(r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == '.')
	}
	if w.rule.name == 0 {
		return true
	}
	from, to := w.idx[2*w.rule.name], w.idx[2*w.rule.name+1]
	if r, _ := utf8.DecodeRuneInString(s[from:]); w.rule.capital && !unicode.IsUpper(r) {
		return false
	}
	stop := to < len(s) && s[to] == '.' // (the stop is not the group's)
	return !(stop && to+1 < w.idx[1] && unicode.IsSpace(rune(s[to+1])) && !abbreviated(s[:to]))
}

// abbreviated tells a word before a stop that does not end a sentence:
// "Sept" in "Sept. 5", not "May" in "May. 5".
func abbreviated(before string) bool {
	j := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	switch strings.ToLower(before[j+1:]) {
	case "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// day is the span's day, false when it names none ("May 20 last year",
// "Feb. 30, 2025").
func (w writtenSpan) day(s string) (y, m, d int, ok bool) {
	if w.rule.year == 0 {
		return 0, 0, 0, false
	}
	y, _ = strconv.Atoi(w.group(s, w.rule.year))
	d, _ = strconv.Atoi(w.group(s, w.rule.day))
	if w.rule.name > 0 {
		m = monthNums[strings.ToLower(w.group(s, w.rule.name))[:3]]
	} else if m, _ = strconv.Atoi(w.group(s, w.rule.month)); m > 12 {
		m, d = d, m // a first number over 12: day first
	}
	return y, m, d, y != 0 && validDay(y, m, d)
}

// postedRe: a post's "posted" label and the time after it.
var postedRe = regexp.MustCompile(`(?:发表于|發表於|Posted\s+on|Posted)\s*[:：]?\s*(.+)`)

// Posted reads a forum post's time after its label, "发表于 2024-2-21
// 10:32" or "Posted on …", or s itself when it has no label.
func Posted(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if m := postedRe.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	return Parse(s, loc)
}

// enMonthName is a month's name or its abbreviation, capitalised.
const enMonthName = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`

var (
	// fullDateRe: a full date in digits, maybe with a time of day.
	fullDateRe     = regexp.MustCompile(`(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?`)
	fullDateTimeRe = regexp.MustCompile(`(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}`)
	// enLongDateRe: a full date written in English.
	enLongDateRe = regexp.MustCompile(`\b(?:` + enMonthName + `\.?\s+\d{1,2},?\s+(?:19|20)\d{2}|\d{1,2}\s+` + enMonthName + `\.?,?\s+(?:19|20)\d{2})\b`)
	// ctimeInTextRe: "Tue Mar  4 09:12:31 CST 2025" (the zone is optional).
	ctimeInTextRe = regexp.MustCompile(`\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+` + enMonthName + `\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}(?:\s+[A-Z]{2,5})?\s+(?:19|20)\d{2}\b`)
	// datelineRe: "CITY, Country, <date> /Wire/ --" or "CITY, <date> (Agency) -".
	datelineRe = regexp.MustCompile(`(?:^|[^A-Z])[A-Z][A-Z .'-]{2,30},(?:\s*[A-Z][A-Za-z .'-]+,)?\s*(` + enMonthName + `\.?\s+\d{1,2},?\s+(?:19|20)\d{2})\s*(?:/[A-Za-z ]+/|\([A-Za-z ]+\))?\s*(?:--|—|–|-)`)
	// datelineAfterRe: "<date> CITY (Agency) –", the date before the place.
	datelineAfterRe = regexp.MustCompile(`(` + enMonthName + `\.?\s+\d{1,2},?\s+(?:19|20)\d{2})\s+[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][A-Za-z .'-]+)?\s*\([A-Za-z ]+\)\s*(?:--|—|–|-)`)
)

// FirstDate is the first full date in an unlabelled byline's text: in
// digits ("2024-02-21 10:32"), else written out ("20 May 2025", "Oct. 8,
// 2025").
func FirstDate(text string, loc *time.Location) (time.Time, bool) {
	m := fullDateRe.FindString(text)
	if m == "" {
		m = enLongDateRe.FindString(text)
	}
	if m == "" {
		return time.Time{}, false
	}
	return Parse(m, loc)
}

// FirstDateTime is the first full date in digits with a time of day in
// text: "… 2024-02-21 10:32 …".
func FirstDateTime(text string, loc *time.Location) (time.Time, bool) {
	return parseFound(fullDateTimeRe.FindString(text), loc)
}

// FirstCtime is the first ctime-style date in text, as mail archives print
// a message's: "Tue Mar  4 09:12:31 CST 2025".
func FirstCtime(text string, loc *time.Location) (time.Time, bool) {
	return parseFound(ctimeInTextRe.FindString(text), loc)
}

// Dateline is the date of a wire dateline in text: "HANGZHOU, China, Oct.
// 8, 2025 /PRNewswire/ --" → 2025-10-08; "Jan. 18, 2020 PARIS (Reuters) –".
func Dateline(text string, loc *time.Location) (time.Time, bool) {
	if m := datelineRe.FindStringSubmatch(text); m != nil {
		return Parse(m[1], loc)
	}
	if m := datelineAfterRe.FindStringSubmatch(text); m != nil {
		return Parse(m[1], loc)
	}
	return time.Time{}, false
}

func parseFound(m string, loc *time.Location) (time.Time, bool) {
	if m == "" {
		return time.Time{}, false
	}
	return Parse(m, loc)
}

var (
	weekdayRe        = regexp.MustCompile(`(?i)星期[一二三四五六日天]|[周週][一二三四五六日]|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b`)
	fullDateOnlyRe   = regexp.MustCompile(`^((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)
	enLongDateOnlyRe = regexp.MustCompile(`^` + enLongDateRe.String() + `$`)
)

// DayOnly is the day text names when that is all it says, a weekday
// beside it at most, as a date heading writes it: "2025年6月2日 星期一",
// "Monday, June 2, 2025" → 2025-06-02, midnight in loc.
func DayOnly(text string, loc *time.Location) (time.Time, bool) {
	bare := strings.TrimSpace(strings.Trim(weekdayRe.ReplaceAllString(text, ""), " ,，·|"))
	if m := fullDateOnlyRe.FindStringSubmatch(bare); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		day, _ := strconv.Atoi(m[3])
		d := time.Date(y, time.Month(mo), day, 0, 0, 0, 0, loc)
		return d, mo >= 1 && mo <= 12 && d.Day() == day
	}
	if !enLongDateOnlyRe.MatchString(bare) {
		return time.Time{}, false
	}
	clean := strings.Replace(strings.NewReplacer(".", "", ",", "").Replace(bare), "Sept ", "Sep ", 1)
	for _, layout := range []string{"Jan 2 2006", "January 2 2006", "2 Jan 2006", "2 January 2006"} {
		if d, err := time.ParseInLocation(layout, clean, loc); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

var gmtRe = regexp.MustCompile(`GMT\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?`)

// GMTZone is the zone the first "GMT+8" in text states (as forum footers
// do: "GMT+8, 2024-9-6 11:45"), false when it states none or an offset
// past 14 hours.
func GMTZone(text string) (*time.Location, bool) {
	m := gmtRe.FindStringSubmatch(text)
	if m == nil {
		return nil, false
	}
	hours, _ := strconv.Atoi(m[2])
	mins, _ := strconv.Atoi(m[3])
	off := hours*3600 + mins*60
	if m[1] == "-" {
		off = -off
	}
	if hours > 14 {
		return nil, false
	}
	return time.FixedZone(fmt.Sprintf("GMT%s%s", m[1], m[2]), off), true
}

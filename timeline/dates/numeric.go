package dates

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wallbreak/wallbreak/timeline"
)

// Numeric dates shared by both languages: 2021-09-17, 2021/9/17,
// 2021.09.17 10:20, 2022-10, 2013-W07, 9/17/2021.
func numericRules() []dateRule {
	return []dateRule{
		{
			re: re(`\b((?:19|20)\d{2})([-/.])(\d{1,2})([-/.])(\d{1,2})\b(?:(?:T|[^\S\n]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`),
			check: func(text string, c candidate) bool {
				m := match{text: text, idx: c.groups}
				return m.g(2) == m.g(4) && notAfterDigit(text, c)
			},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, _ := strconv.Atoi(m.g(1))
				mo, _ := strconv.Atoi(m.g(3))
				d, _ := strconv.Atoi(m.g(5))
				dd, ok := zhDayDate(y, mo, d)
				return dd, ByAbsolute, "", ok
			},
		},
		{
			// 2021-09 · 2021.09 · 2021/09 (tables and lists of key dates);
			// not a version (v2024.09) or an amount (¥2024.09).
			re: re(`\b((?:19|20)\d{2})[-./](\d{2})\b`), check: func(text string, c candidate) bool {
				rest := text[c.end:]
				if len(rest) > 1 && strings.ContainsRune("-./", rune(rest[0])) && rest[1] >= '0' && rest[1] <= '9' {
					return false // a day follows: the day rule's
				}
				before := strings.ToLower(strings.TrimRight(text[max(0, c.start-12):c.start], " "))
				for _, w := range []string{"v", "version", "版本", "¥", "$", "€", "£", "￥", "rmb", "usd", "hk$"} {
					if strings.HasSuffix(before, w) {
						return false
					}
				}
				return notAfterDigit(text, c) && !strings.HasPrefix(rest, "-")
			},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, _ := strconv.Atoi(m.g(1))
				mo, _ := strconv.Atoi(m.g(2))
				return timeline.MonthDate(y, mo), ByAbsolute, "", mo >= 1 && mo <= 12
			},
		},
		{
			re: re(`\b((?:19|20)\d{2})-W(\d{2})\b`),
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, _ := strconv.Atoi(m.g(1))
				w, _ := strconv.Atoi(m.g(2))
				return timeline.WeekDate(y, w), ByAbsolute, "", w >= 1 && w <= 53
			},
		},
		{ // 2/15 · on 2/15 · by 15/2 (US order; a first number over 12 means
			// day first), only as a date: after a word that introduces one,
			// after a weekday, or alone (a pager's "1/3" is none).
			re: re(`\b(\d{1,2})/(\d{1,2})\b`), cues: []string{"/"}, check: slashDayOK,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				mo, d := slashOrder(m.g(1), m.g(2))
				if _, ok := zhDayDate(2000, mo, d); !ok {
					return timeline.Date{}, "", "", false
				}
				dd, by, a := r.bareMonth(mo, d)
				return dd, by, a, true
			},
		},
		{ // 2/15/24 · 10-31-74 (a two-digit year: this century's up to ten
			// years ahead, else the last)
			re: re(`\b(\d{1,2})([/-])(\d{1,2})([/-])(\d{2})\b`), cues: []string{"/", "-"},
			check: func(text string, c candidate) bool {
				m := match{text: text, idx: c.groups}
				if m.g(2) != m.g(4) || !notAfterDigit(text, c) || strings.ContainsRune("/-", prevRune(text, c.start)) || slashFollows(text[c.end:]) {
					return false
				}
				// Dashes also join ranges and codes ("8-10-12 people",
				// "version 1-2-10"): only two figures a part.
				return m.g(2) == "/" || len(m.g(1)) == 2 && len(m.g(3)) == 2 && !enUnitAfter.MatchString(text[c.end:]) && !enLabelBefore.MatchString(text[max(0, c.start-12):c.start])
			},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				mo, d := slashOrder(m.g(1), m.g(3))
				y, _ := strconv.Atoi(m.g(5))
				if y += 2000; y > r.ref.Year()+10 {
					y -= 100
				}
				dd, ok := zhDayDate(y, mo, d)
				return dd, ByAbsolute, "", ok
			},
		},
		{ // 10-31-1974 (US order with dashes; day first when the first part
			// cannot be a month)
			re: re(`\b(\d{1,2})-(\d{1,2})-((?:19|20)\d{2})\b`), cues: []string{"-"},
			check: func(text string, c candidate) bool {
				return notAfterDigit(text, c) && prevRune(text, c.start) != '-' && !slashFollows(text[c.end:])
			},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				mo, d := slashOrder(m.g(1), m.g(2))
				y, _ := strconv.Atoi(m.g(3))
				dd, ok := zhDayDate(y, mo, d)
				return dd, ByAbsolute, "", ok
			},
		},
		{ // 2/2013 (a month)
			re: re(`\b(\d{1,2})/((?:19|20)\d{2})\b`), cues: []string{"/"},
			check: func(text string, c candidate) bool {
				return notAfterDigit(text, c) && !strings.ContainsRune("/-", prevRune(text, c.start)) && !slashFollows(text[c.end:])
			},
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				mo, _ := strconv.Atoi(m.g(1))
				y, _ := strconv.Atoi(m.g(2))
				return timeline.MonthDate(y, mo), ByAbsolute, "", mo >= 1 && mo <= 12
			},
		},
		{ // 9/17/2021 (US order; a first number over 12 means day first)
			re: re(`\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b`), check: notAfterDigit,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				a, _ := strconv.Atoi(m.g(1))
				b, _ := strconv.Atoi(m.g(2))
				y, _ := strconv.Atoi(m.g(3))
				if a > 12 {
					a, b = b, a
				}
				d, ok := zhDayDate(y, a, b)
				return d, ByAbsolute, "", ok
			},
		},
	}
}

// prevRune is the rune before i, or 0 at the start.
func prevRune(text string, i int) rune {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	if i == 0 {
		return 0
	}
	return r
}

// slashOrder reads a/b as month/day, or day/month when a cannot be a month.
func slashOrder(a, b string) (month, day int) {
	month, _ = strconv.Atoi(a)
	day, _ = strconv.Atoi(b)
	if month > 12 {
		month, day = day, month
	}
	return month, day
}

// slashFollows: another "/n", ".n" or a digit goes on from a match, so it
// is part of a longer number, a path or a ratio.
func slashFollows(rest string) bool {
	if rest == "" {
		return false
	}
	if rest[0] == '%' || rest[0] >= '0' && rest[0] <= '9' {
		return true
	}
	return len(rest) > 1 && (rest[0] == '/' || rest[0] == '.' || rest[0] == '-') && rest[1] >= '0' && rest[1] <= '9'
}

// slashDayOK: "2/15" is a date after a word that introduces one ("on",
// "by", "until"), after a weekday ("Fri 2/15"), or alone.
func slashDayOK(text string, c candidate) bool {
	if !notAfterDigit(text, c) || slashFollows(text[c.end:]) {
		return false
	}
	if c.start > 0 && strings.IndexByte("/-$¥€£#", text[c.start-1]) >= 0 {
		return false
	}
	if strings.HasPrefix(text[c.end:], " of ") {
		return false // "2/3 of users"
	}
	before := text[max(0, c.start-16):c.start]
	return alone(text, c.start, c.end) || slashIntro.MatchString(before) || slashWeekdayBefore.MatchString(before) || slashTimeAfter.MatchString(text[c.end:])
}

// slashIntro: the words before "2/15" that make it a date; not "by" or
// "for", which take fractions ("cut by 1/3", "for 2/3 of them").
var slashIntro = re(`(?i)\b(?:on|until|till|since|from|before|after|due|starting|effective|dated|posted|updated|published|as[^\S\n]+of)[^\S\n]+$`)

// slashTimeAfter: "4/25 at 4:00pm", "4/25 at 4pm".
var slashTimeAfter = re(`(?i)^[^\S\n]+at[^\S\n]+\d{1,2}(?::\d{2})?[^\S\n]*(?:am|pm|a\.m\.|p\.m\.)?\b`)

var slashWeekdayBefore = re(`(?i)\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?,?[^\S\n]+$`)

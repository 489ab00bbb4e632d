package dates

import (
	"regexp"
	"strconv"
	"strings"
	"time"

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

// ParseTime reads a publication date or time as pages and feeds write it
// (RFC 3339, "2024-02-21 10:32", "2024-2-21", "2024年2月21日 10:32",
// RFC 1123) in loc when it names no zone.
func ParseTime(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	if c := ctimeRe.FindStringSubmatch(s); c != nil {
		// "Tue Mar  4 09:12:31 CST 2025": a zone abbreviation with one
		// meaning keeps it; others (CST is China's and America's) take loc.
		if off, ok := zoneAbbrevs[c[2]]; ok {
			loc = time.FixedZone(c[2], off*3600)
		}
		if t, err := time.ParseInLocation("Jan _2 15:04:05 2006", c[1]+" "+c[3], loc); err == nil {
			return t, true
		}
	}
	for _, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05-0700", time.RFC1123Z, time.RFC1123, time.RFC850, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	m := timeRe.FindStringSubmatch(s)
	if m == nil {
		// An English date written out ("Oct. 8, 2025", "20 May 2025"): the
		// tagger's absolute day expressions, midnight in loc.
		if len(s) <= 60 {
			for _, x := range TagDates(s, time.Now(), "en") {
				if x.ResolvedBy == ByAbsolute && x.Precision == timeline.PrecisionDay {
					return time.Date(x.Date.Year, time.Month(x.Date.Month), x.Date.Day, 0, 0, 0, 0, loc), true
				}
			}
		}
		return time.Time{}, false
	}
	n := func(i int) int {
		v := cnNum(m[i])
		if v < 0 {
			return 0
		}
		return v
	}
	y, mo, d := n(1), n(2), n(3)
	if _, ok := zhDayDate(y, mo, d); !ok || y < 1900 {
		return time.Time{}, false
	}
	h, mi, sec := n(4), n(5), n(6)
	if h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	if z := zoneRe.FindStringSubmatch(s[len(m[0]):]); z != nil && m[4] != "" {
		// "2025-06-20 10:15:02 +08:00", "… GMT+8", "… UTC": the time's own zone.
		off := 0
		if z[2] != "" {
			hh, _ := strconv.Atoi(z[3])
			mm, _ := strconv.Atoi(z[4])
			if off = hh*3600 + mm*60; z[2] == "-" {
				off = -off
			}
		}
		if off > -14*3600 && off < 15*3600 {
			loc = time.FixedZone("", off)
		}
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc), true
}

// ctimeRe: a ctime-style date, "Tue Mar  4 09:12:31 CST 2025".
var ctimeRe = regexp.MustCompile(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2}\s+\d{2}:\d{2}:\d{2})(?:\s+([A-Z]{2,5}))?\s+((?:19|20)\d{2})$`)

// zoneAbbrevs are the zone abbreviations with one meaning (hours east).
var zoneAbbrevs = map[string]int{"UTC": 0, "GMT": 0, "HKT": 8, "SGT": 8, "JST": 9, "KST": 9, "EST": -5, "EDT": -4, "PST": -8, "PDT": -7, "CET": 1, "CEST": 2}

// zoneRe: a zone after a time ("+08:00", "+0800", "GMT+8", "UTC").
var zoneRe = regexp.MustCompile(`^\s*(?:(?:GMT|UTC)\s*)?(?:(Z|UTC|GMT)\b|([+-])(\d{1,2}):?(\d{2})?\b)`)

var timeRe = re(`((?:19|20)\d{2})[^\S\n]*[-/.年][^\S\n]*(\d{1,2})[^\S\n]*[-/.月][^\S\n]*(\d{1,2})[^\S\n]*[日号]?(?:[^\S\n]*T?[^\S\n]*(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?)?`)

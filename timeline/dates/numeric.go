package dates

import (
	"strconv"
	"strings"

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

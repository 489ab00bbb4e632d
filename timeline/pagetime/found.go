package pagetime

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Found is a full day a page writes somewhere in its text, with where:
// "am 19. Juli 2014", "13-09-2021", "Jun. 24, 2022", "2024年2月21日 10:32".
type Found struct {
	Time       time.Time
	Start, End int  // byte offsets in the text searched
	Clock      bool // a time of day came with it
}

// monthNames are the month names (and their abbreviations) pages write,
// one line per language; a name's month is its place in its line.
var monthNames = [][12]string{
	{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
	{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
	{"", "", "", "", "", "", "", "", "sept", "", "", ""},
	{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"}, // de
	{"jänner", "feber", "mrz", "", "", "", "", "", "", "okt", "", "dez"},
	{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}, // fr
	{"janv", "févr", "", "avr", "", "", "juil", "", "", "", "", "déc"},
	{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}, // es
	{"", "", "", "", "", "", "", "", "setiembre", "", "", ""},
	{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"}, // it
	{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},      // pt
	{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},       // nl
	{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},             // ru
}

// monthOf maps a lower-case month name to its number.
var monthOf = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for _, line := range monthNames {
		for i, name := range line {
			if name != "" {
				m[name] = i + 1
			}
		}
	}
	return m
})

// foundRule is one way of writing a full day: its groups of year, month
// (number or name) and day, and of the time of day after it (0: none).
type foundRule struct {
	re                      *regexp.Regexp
	year, month, day, clock int
}

const clockExpr = `(?:[^\S\n]*(?:,|T|um|à|at|-|–|\|)?[^\S\n]*(\d{1,2})[:：h](\d{2})(?::(\d{2}))?)?`

// foundRules compile on first use: start-up paths import this package.
var foundRules = sync.OnceValue(func() []foundRule {
	var names []string
	for name := range monthOf() {
		names = append(names, regexp.QuoteMeta(name))
	}
	// Longest first, so "juni" is not read as "jun" + "i".
	sortByLenDesc(names)
	month := `(` + strings.Join(names, "|") + `)\.?`
	year := `((?:19|20)\d{2})`
	return []foundRule{
		// 2021-09-13, 2021/09/13, 2021.09.13, 2024年2月21日 (year first).
		{re: regexp.MustCompile(`(?:^|[^\d.])` + year + `[^\S\n]*([-/.年])[^\S\n]*(\d{1,2})[^\S\n]*[-/.月][^\S\n]*(\d{1,2})(?:[^\S\n]*[日号])?(?:[^\d]|$)` + clockExpr), year: 1, month: 3, day: 4, clock: 5},
		// 13.09.2021, 13-09-2021, 13/09/2021 (day first; month first when
		// the first number is no month and the second no day).
		{re: regexp.MustCompile(`(?:^|[^\d.])(\d{1,2})([-/.])(\d{1,2})[-/.]` + year + `(?:[^\d.]|\.\D|\.?$)` + clockExpr), day: 1, month: 3, year: 4, clock: 5},
		// 19. Juli 2014, 27 juin 2019, 5 de mayo de 2020, 3rd January 2020.
		{re: regexp.MustCompile(`(?i)\b(\d{1,2})(?:\.|st|nd|rd|th|er|º)?[^\S\n]*(?:de[^\S\n]+)?` + month + `,?[^\S\n]+(?:de[^\S\n]+)?` + year + `(?:\D|$)` + clockExpr), day: 1, month: 2, year: 3, clock: 4},
		// September 5, 2024; Jun. 24, 2022; Oct 8 2025.
		{re: regexp.MustCompile(`(?i)\b` + month + `[^\S\n]+(\d{1,2})(?:st|nd|rd|th)?,?[^\S\n]+` + year + `(?:\D|$)` + clockExpr), month: 1, day: 2, year: 3, clock: 4},
	}
})

func sortByLenDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (len(s[j]) > len(s[j-1]) || len(s[j]) == len(s[j-1]) && s[j] < s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// FindDays is every full day written in text, in the order they appear
// (a span covered by an earlier-listed form is not read again), the time
// of day kept when one follows, in loc.
func FindDays(text string, loc *time.Location) []Found {
	if loc == nil {
		loc = time.UTC
	}
	var out []Found
	for _, w := range yearWindows(text) {
		part := text[w[0]:w[1]]
		var found []Found
		for _, r := range foundRules() {
			for _, m := range r.re.FindAllStringSubmatchIndex(part, -1) {
				f, ok := r.read(part, m, loc)
				if ok && !overlaps(found, f) {
					found = append(found, f)
				}
			}
		}
		for _, f := range found {
			f.Start, f.End = f.Start+w[0], f.End+w[0]
			out = append(out, f)
		}
	}
	sortFound(out)
	return out
}

// yearWindows are the stretches of text around each year (19xx, 20xx)
// that a full day may span, merged where they touch: every form has a
// year, and running the forms over these alone is what keeps a long
// page cheap. A window starts and ends between words.
func yearWindows(text string) [][2]int {
	var out [][2]int
	for i := 0; i+4 <= len(text); i++ {
		c := text[i]
		if c != '1' && c != '2' || !(c == '1' && text[i+1] == '9' || c == '2' && text[i+1] == '0') || !isDigit(text[i+2]) || !isDigit(text[i+3]) {
			continue
		}
		from, to := wordEdge(text, i-48, -1), wordEdge(text, i+4+40, 1)
		if n := len(out); n > 0 && from <= out[n-1][1] {
			out[n-1][1] = to
		} else {
			out = append(out, [2]int{from, to})
		}
		i += 3
	}
	return out
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// wordEdge moves i (clamped to text) in direction dir to a space or the
// text's end, at most 16 bytes, and never into a UTF-8 sequence.
func wordEdge(text string, i, dir int) int {
	i = max(0, min(len(text), i))
	for n := 0; n < 16 && i > 0 && i < len(text) && text[i] != ' ' && text[i] != '\n'; n++ {
		i += dir
	}
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i += dir
	}
	return max(0, min(len(text), i))
}

// FirstDay is the first full day written in text.
func FirstDay(text string, loc *time.Location) (Found, bool) {
	days := FindDays(text, loc)
	if len(days) == 0 {
		return Found{}, false
	}
	return days[0], true
}

func overlaps(fs []Found, f Found) bool {
	for _, g := range fs {
		if f.Start < g.End && g.Start < f.End {
			return true
		}
	}
	return false
}

func sortFound(fs []Found) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Start < fs[j-1].Start; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

func (r foundRule) read(text string, m []int, loc *time.Location) (Found, bool) {
	g := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return text[m[2*i]:m[2*i+1]]
	}
	y, _ := strconv.Atoi(g(r.year))
	d, _ := strconv.Atoi(g(r.day))
	mo, err := strconv.Atoi(g(r.month))
	if err != nil {
		mo = monthOf()[strings.ToLower(g(r.month))]
	} else if r.year > r.day && mo > 12 && d <= 12 {
		mo, d = d, mo // 09/13/2021: month first
	}
	if !validDay(y, mo, d) {
		return Found{}, false
	}
	f := Found{Start: m[2*min(r.year, r.month, r.day)], End: m[2*max(r.year, r.month, r.day)+1]}
	h, mi, s := 0, 0, 0
	if r.clock > 0 && g(r.clock) != "" {
		h, _ = strconv.Atoi(g(r.clock))
		mi, _ = strconv.Atoi(g(r.clock + 1))
		s, _ = strconv.Atoi(g(r.clock + 2))
		if h < 24 && mi < 60 && s < 60 {
			f.Clock, f.End = true, m[2*(r.clock+1)+1]
		} else {
			h, mi, s = 0, 0, 0
		}
	}
	f.Time = time.Date(y, time.Month(mo), d, h, mi, s, 0, loc)
	return f, true
}

// shortYearRe: a day with a two-digit year, "28.01.22", as German
// bylines write it; read only where a byline is (in text, "1.10.12" is
// as likely a version).
var shortYearRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?:[^\d.]|\.?$)`)
})

// ShortYearDay is the first day in a byline written with a two-digit
// year, day first: "Party, 30.10.23" → 2023-10-30 (years 00–69 are
// 20xx, 70–99 19xx).
func ShortYearDay(text string, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = time.UTC
	}
	for _, m := range shortYearRe().FindAllStringSubmatch(text, 4) {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		if y += 2000; y >= 2070 {
			y -= 100
		}
		if validDay(y, mo, d) {
			return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc), true
		}
	}
	return time.Time{}, false
}

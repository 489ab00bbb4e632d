package pagetime

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// urlRule is one way news sites write a day in a URL's path: the groups
// of its year, month (digits or an English abbreviation), day and, for a
// timestamp, hour, minute and second.
type urlRule struct {
	re                     *regexp.Regexp
	year, month, day, hour int
	// either: a day first or a month first, as the numbers allow (the
	// day must be over 12, or both the same).
	either bool
}

const urlEnd = `(?:/|[-_.][^/]*/?|$)`

// urlRules compile on first use.
var urlRules = sync.OnceValue(func() []urlRule {
	y := `((?:19|20)\d{2})`
	return []urlRule{
		{re: regexp.MustCompile(`/` + y + `/(\d{1,2})/(\d{1,2})` + urlEnd), year: 1, month: 2, day: 3},                                             // /2024/11/12/slug
		{re: regexp.MustCompile(`/` + y + `-(\d{1,2})-(\d{1,2})` + urlEnd), year: 1, month: 2, day: 3},                                             // /2024-11-12-slug
		{re: regexp.MustCompile(`/` + y + `(\d{2})(\d{2})` + urlEnd), year: 1, month: 2, day: 3},                                                   // /20241112/
		{re: regexp.MustCompile(`/` + y + `(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})` + urlEnd), year: 1, month: 2, day: 3, hour: 4},                     // /20241112093015-77
		{re: regexp.MustCompile(`/` + y + `/(\d{2})(\d{2})` + urlEnd), year: 1, month: 2, day: 3},                                                  // /2021/1014/
		{re: regexp.MustCompile(`(?i)/` + y + `/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/(\d{1,2})` + urlEnd), year: 1, month: 2, day: 3}, // /2017/Jul/07/
		{re: regexp.MustCompile(`/(\d{1,2})[-.](\d{1,2})[-.]` + y + urlEnd), day: 1, month: 2, year: 3, either: true},                              // /meldungen/29-10-2021
		{re: regexp.MustCompile(`[/-](\d{2})(\d{2})` + y + `(\d{2})(\d{2})(\d{2})` + urlEnd), day: 1, month: 2, year: 3, hour: 4, either: true},    // -02022021111501.html
	}
})

// archivedRe: a web archive's copy, /web/20130307194448/<original URL>.
var archivedRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^/web/\d{1,14}(?:[a-z]{2}_)?/(.+)$`)
})

// FromURL is the day in a page URL's path, midnight in loc (UTC if nil):
// https://e.example/2024/11/12/slug → 2024-11-12; also /2021/1014/,
// /2017/Jul/07/, /20210928/ and a 14-digit timestamp
// (/20210817002318-1, /6-02022021111501.html); of a web archive's copy,
// the original URL's. A day after tomorrow is no publication day.
func FromURL(pageURL string, loc *time.Location) (time.Time, bool) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	if m := archivedRe().FindStringSubmatch(u.Path); m != nil {
		return FromURL(m[1], loc) // an archive's copy: the original's URL
	}
	for _, r := range urlRules() {
		if m := r.re.FindStringSubmatch(u.Path); m != nil {
			if t, ok := r.day0(m, loc); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func (r urlRule) day0(m []string, loc *time.Location) (time.Time, bool) {
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	y, d := n(r.year), n(r.day)
	mo, err := strconv.Atoi(m[r.month])
	if err != nil {
		mo = monthNums[strings.ToLower(m[r.month])]
	}
	if r.either && d <= 12 && mo > 12 {
		mo, d = d, mo
	} else if r.either && d <= 12 && d != mo {
		return time.Time{}, false // 03/04: either day first or month first
	}
	if r.hour > 0 && (n(r.hour) > 23 || n(r.hour+1) > 59 || n(r.hour+2) > 59) {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc)
	if !validDay(y, mo, d) || t.After(time.Now().AddDate(0, 0, 2)) {
		return time.Time{}, false
	}
	return t, true
}

// monthRe: a year and month in a URL's path, /2015/01/slug, /2020-01/
// or /202109/.
var monthRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])(?:/|$)`)
})

// MonthFromURL is the year and month a page URL's path names without a
// day (https://e.example/2015/01/slug → 2015, January); of a web
// archive's copy, the original URL's.
func MonthFromURL(pageURL string) (int, time.Month, bool) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return 0, 0, false
	}
	if m := archivedRe().FindStringSubmatch(u.Path); m != nil {
		return MonthFromURL(m[1])
	}
	m := monthRe().FindStringSubmatch(u.Path)
	if m == nil {
		return 0, 0, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC).After(time.Now()) {
		return 0, 0, false
	}
	return y, time.Month(mo), true
}

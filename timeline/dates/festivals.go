package dates

import (
	"regexp"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
)

// Named days. The shopping festivals are fixed; the lunar festivals move,
// so their Gregorian dates come from a table (Hong Kong Observatory
// calendar), and a year outside it resolves to the year only.
var (
	fixedFestivals = map[string][2]int{
		"double11": {11, 11},
		"double12": {12, 12},
		"618":      {6, 18},
		// Public holidays: 元旦, 劳动节, 国庆.
		"newyear":     {1, 1},
		"labourday":   {5, 1},
		"nationalday": {10, 1},
		// Western and US holidays on a fixed day.
		"newyearseve":  {12, 31},
		"christmas":    {12, 25},
		"christmaseve": {12, 24},
		"boxingday":    {12, 26},
		"valentines":   {2, 14},
		"stpatricks":   {3, 17},
		"aprilfools":   {4, 1},
		"independence": {7, 4},
		"halloween":    {10, 31},
		"veterans":     {11, 11},
		"womensday":    {3, 8},
		"childrensday": {6, 1},
		"teachersday":  {9, 10},
		"armyday":      {8, 1},
		"treeplanting": {3, 12},
	}
	// US holidays on the nth weekday of a month (n = -1: the last one).
	weekdayFestivals = map[string]struct {
		month, n int
		wd       time.Weekday
	}{
		"mlk":          {1, 3, time.Monday},
		"presidents":   {2, 3, time.Monday},
		"mothersday":   {5, 2, time.Sunday},
		"memorial":     {5, -1, time.Monday},
		"fathersday":   {6, 3, time.Sunday},
		"laborday":     {9, 1, time.Monday},
		"columbus":     {10, 2, time.Monday},
		"thanksgiving": {11, 4, time.Thursday},
	}
	// Days counted from another festival: Black Friday is the day after
	// Thanksgiving, 元宵 the fifteenth day of the lunar year, 除夕 its eve.
	derivedFestivals = map[string]struct {
		from string
		days int
	}{
		"blackfriday":     {"thanksgiving", 1},
		"cybermonday":     {"thanksgiving", 4},
		"goodfriday":      {"easter", -2},
		"lantern":         {"springfestival", 14},
		"springfestiveve": {"springfestival", -1},
	}
	lunarFestivals = map[string]map[int][2]int{
		"springfestival": {
			2010: {2, 14}, 2011: {2, 3}, 2012: {1, 23}, 2013: {2, 10}, 2014: {1, 31},
			2015: {2, 19}, 2016: {2, 8}, 2017: {1, 28}, 2018: {2, 16}, 2019: {2, 5},
			2020: {1, 25}, 2021: {2, 12}, 2022: {2, 1}, 2023: {1, 22}, 2024: {2, 10},
			2025: {1, 29}, 2026: {2, 17}, 2027: {2, 6}, 2028: {1, 26}, 2029: {2, 13},
			2030: {2, 3},
		},
		"midautumn": {
			2010: {9, 22}, 2011: {9, 12}, 2012: {9, 30}, 2013: {9, 19}, 2014: {9, 8},
			2015: {9, 27}, 2016: {9, 15}, 2017: {10, 4}, 2018: {9, 24}, 2019: {9, 13},
			2020: {10, 1}, 2021: {9, 21}, 2022: {9, 10}, 2023: {9, 29}, 2024: {9, 17},
			2025: {10, 6}, 2026: {9, 25}, 2027: {9, 15}, 2028: {10, 3}, 2029: {9, 22},
			2030: {9, 12},
		},
		"dragonboat": { // 端午: the fifth day of the fifth month
			2010: {6, 16}, 2011: {6, 6}, 2012: {6, 23}, 2013: {6, 12}, 2014: {6, 2},
			2015: {6, 20}, 2016: {6, 9}, 2017: {5, 30}, 2018: {6, 18}, 2019: {6, 7},
			2020: {6, 25}, 2021: {6, 14}, 2022: {6, 3}, 2023: {6, 22}, 2024: {6, 10},
			2025: {5, 31}, 2026: {6, 19}, 2027: {6, 9}, 2028: {5, 28}, 2029: {6, 16},
			2030: {6, 5},
		},
		"qingming": qingming(), // a solar term, not a lunar day, but as irregular
	}
)

// qingming is 清明 (Tomb-Sweeping Day), 4 or 5 April: from 2010 to 2030
// the 4th in leap years and the years after them, else the 5th.
func qingming() map[int][2]int {
	m := map[int][2]int{}
	for y := 2010; y <= 2030; y++ {
		m[y] = [2]int{4, 5 - map[bool]int{true: 1}[y%4 <= 1]}
	}
	return m
}

// festival is the named day in year y.
func festival(name string, y int) (timeline.Date, string, string, bool) {
	if w, ok := weekdayFestivals[name]; ok {
		return nthWeekday(y, w.month, w.n, w.wd), ByAbsolute, "", true
	}
	if name == "easter" {
		return easter(y), ByAbsolute, "", true
	}
	if f, ok := derivedFestivals[name]; ok {
		d, by, a, ok := festival(f.from, y)
		if ok && d.Precision == timeline.PrecisionDay {
			d = timeline.DayOf(d.Start().AddDate(0, 0, f.days))
		}
		return d, by, a, ok
	}
	if md, ok := fixedFestivals[name]; ok {
		return timeline.DayDate(y, md[0], md[1]), ByAbsolute, "", true
	}
	if md, ok := lunarFestivals[name][y]; ok {
		return timeline.DayDate(y, md[0], md[1]), ByAbsolute, "", true
	}
	if _, known := lunarFestivals[name]; known {
		return timeline.YearDate(y), ByAbsolute, "", true
	}
	return timeline.Date{}, "", "", false
}

// bareFestival resolves a named day without a year: the story's year inside
// a paragraph that named one, otherwise the latest one not after the page.
// bareFestivalAt is bareFestival for the festival m names, read as the
// coming one when the words before it say it is ahead ("临近春节",
// "ahead of Singles' Day") and it falls within two months of the page.
func bareFestivalAt(name string, r *resolver, m match) (timeline.Date, string, string, bool) {
	if r.para.IsZero() && r.prefer == PreferNews && upcoming(m) {
		for _, y := range []int{r.ref.Year(), r.ref.Year() + 1} {
			d, _, _, ok := festival(name, y)
			if ok && !d.End().Before(r.ref.AddDate(0, 0, -1)) && d.Start().Before(r.ref.AddDate(0, 2, 0)) {
				return d, ByReference, r.refDay.Value(), true
			}
		}
	}
	return bareFestival(name, r)
}

// upcomingRe ends the words before a festival that put it ahead.
var upcomingRe = regexp.MustCompile(`(?i)(?:临近|臨近|即将到来的|即將到來的|即将迎来|即將迎來|快到|迎接|ahead of|approaching|upcoming|the coming|run-up to|the eve of)\s*(?:the\s+)?$`)

func upcoming(m match) bool {
	if len(m.idx) == 0 || m.idx[0] <= 0 {
		return false
	}
	return upcomingRe.MatchString(m.text[max(0, m.idx[0]-24):m.idx[0]])
}

func bareFestival(name string, r *resolver) (timeline.Date, string, string, bool) {
	if !r.para.IsZero() {
		d, _, _, ok := festival(name, r.para.Year)
		if ok && r.para.Precision == timeline.PrecisionDay && d.Start().Before(r.para.Start()) {
			// Stories run forward: "国庆期间…；元旦起…" is the next New Year's Day.
			if next, _, _, ok2 := festival(name, r.para.Year+1); ok2 && !next.Start().After(r.ref.AddDate(0, 0, 7)) {
				d = next
			}
		}
		return d, ByNarrative, r.para.Value(), ok
	}
	if r.prefer != PreferNews {
		d, ok := r.pickYear(func(y int) (timeline.Date, bool) {
			d, _, _, ok := festival(name, y)
			return d, ok && d.Precision == timeline.PrecisionDay
		})
		return d, ByReference, r.refDay.Value(), ok
	}
	y := r.ref.Year()
	d, _, _, ok := festival(name, y)
	if ok && d.Start().After(r.ref.AddDate(0, 0, 7)) {
		d, _, _, ok = festival(name, y-1)
	}
	return d, ByReference, r.refDay.Value(), ok
}

// nthWeekday is the nth weekday wd of a month (n = -1: the last one), or
// the zero Date when the month has no such day.
func nthWeekday(y, month, n int, wd time.Weekday) timeline.Date {
	if n < 0 {
		last := time.Date(y, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
		back := (int(last.Weekday()) - int(wd) + 7) % 7
		return timeline.DayOf(last.AddDate(0, 0, -back))
	}
	first := time.Date(y, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	t := first.AddDate(0, 0, (int(wd)-int(first.Weekday())+7)%7+7*(n-1))
	if int(t.Month()) != month {
		return timeline.Date{}
	}
	return timeline.DayOf(t)
}

// easter is Easter Sunday of year y (the Gregorian computus of the
// anonymous algorithm in Meeus's Astronomical Algorithms).
func easter(y int) timeline.Date {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return timeline.DayDate(y, month, day)
}

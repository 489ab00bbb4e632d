package dates

import (
	"strconv"
	"strings"

	"github.com/wallbreak/wallbreak/timeline"
)

// enHolidays names the Western and US holidays festivals.go can date, one
// line per holiday: its key there and the words for it (a regexp, matched
// without case). The Chinese festivals said in English are in en.go.
var enHolidays = []struct{ key, words string }{
	{"thanksgiving", `thanksgiving(?:[^\S\n]+day)?`},
	{"christmaseve", `christmas[^\S\n]+eve`},
	{"christmas", `christmas(?:[^\S\n]+day)?|x-?mas`},
	{"newyearseve", `new[^\S\n]+years?['’]?s?[^\S\n]+eve`},
	{"newyear", `new[^\S\n]+years?['’]?s?[^\S\n]+day`},
	{"valentines", `(?:st\.?[^\S\n]+)?valentine['’]?s?(?:[^\S\n]+day)`},
	{"mothersday", `mother['’]?s['’]?[^\S\n]+day`},
	{"fathersday", `father['’]?s['’]?[^\S\n]+day`},
	{"memorial", `memorial[^\S\n]+day`},
	{"laborday", `labor[^\S\n]+day`},
	{"labourday", `labour[^\S\n]+day|may[^\S\n]+day|international[^\S\n]+workers['’]?[^\S\n]+day`},
	{"independence", `independence[^\S\n]+day|(?:the[^\S\n]+)?(?:fourth|4th)[^\S\n]+of[^\S\n]+july`},
	{"halloween", `hallowe[e']?n`},
	{"blackfriday", `black[^\S\n]+friday`},
	{"cybermonday", `cyber[^\S\n]+monday`},
	{"goodfriday", `good[^\S\n]+friday`},
	{"easter", `easter(?:[^\S\n]+sunday)?`},
	{"boxingday", `boxing[^\S\n]+day`},
	{"stpatricks", `(?:st\.?|saint)[^\S\n]+patrick['’]?s[^\S\n]+day`},
	{"aprilfools", `april[^\S\n]+fools['’]?[^\S\n]+day`},
	{"veterans", `veterans['’]?[^\S\n]+day`},
	{"columbus", `columbus[^\S\n]+day`},
	{"presidents", `presidents['’]?[^\S\n]+day`},
	{"dragonboat", `dragon[^\S\n]+boat[^\S\n]+festival|duanwu(?:[^\S\n]+festival)?`},
	{"qingming", `qingming(?:[^\S\n]+festival)?|tomb[\s-]+sweeping[^\S\n]+(?:day|festival)`},
	{"mlk", `(?:martin[^\S\n]+luther[^\S\n]+king|mlk)(?:[^\S\n]+jr\.?)?[^\S\n]+day`},
}

// enHolidayCues: a line holding none of these names no holiday.
var enHolidayCues = []string{"thanksgiving", "christmas", "xmas", "x-mas", "new year's", "new years", "new year’s", "new year day", "new year eve",
	"valentine", "mother's", "mothers", "mother’s", "father's", "fathers", "father’s", "memorial day", "labor day",
	"labour day", "may day", "workers' day", "workers day", "workers’ day", "independence day", "of july", "hallowe",
	"black friday", "cyber monday", "good friday", "easter", "boxing day", "patrick", "fools", "veterans",
	"columbus day", "presidents", "luther", "mlk", "dragon boat", "duanwu", "qingming", "sweeping"}

var holidayNotDayRe = re(`(?i)^[^\S\n]*(?:eggs?|island|bunny)\b`)

// enHolidayRule: Thanksgiving 2013 · Christmas · last Christmas · next
// Mother's Day · Labor Day of last year · New Year's Day 2024.
func enHolidayRule() dateRule {
	var alts []string
	for _, h := range enHolidays {
		alts = append(alts, "("+h.words+")")
	}
	// Groups: 1 a year before, 2 last/this/next, 3 last/this/next year's,
	// then one group per holiday, then a year after or last/this/next
	// year after it.
	first := 4
	after := first + len(enHolidays)
	return dateRule{
		re: re(`(?i)\b(?:((?:19|20)\d{2})(?:['’]s)?[^\S\n]+|(last|this|next|coming|past)[^\S\n]+|(last|this|next)[^\S\n]+year['’]?s[^\S\n]+)?(?:the[^\S\n]+)?(?:` +
			strings.Join(alts, "|") + `)\b(?:,?[^\S\n]+(?:of[^\S\n]+|in[^\S\n]+)?(?:((?:19|20)\d{2})\b|(last|this|next)[^\S\n]+year\b))?`),
		lang: langEN, cues: enHolidayCues,
		check: func(text string, c candidate) bool {
			// An Easter egg is a hidden feature; Christmas Island a place.
			return !holidayNotDayRe.MatchString(text[c.end:])
		},
		resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
			var name string
			for i, h := range enHolidays {
				if m.g(first+i) != "" {
					name = h.key
					break
				}
			}
			day := func(y int) (timeline.Date, bool) {
				d, _, _, ok := festival(name, y)
				return d, ok && d.Precision == timeline.PrecisionDay
			}
			switch {
			case m.g(1) != "" || m.g(after) != "":
				y, _ := strconv.Atoi(m.g(1) + m.g(after))
				return festival(name, y)
			case m.g(3) != "" || m.g(after+1) != "":
				d, ok := day(r.ref.Year() + relOffset(m.g(3)+m.g(after+1)))
				return d, ByReference, r.refDay.Value(), ok
			case m.g(2) != "":
				d, ok := r.holidayStep(day, strings.ToLower(m.g(2)))
				return d, ByReference, r.refDay.Value(), ok
			}
			return bareFestivalAt(name, r, m)
		},
	}
}

// holidayStep resolves "last Christmas" (the latest before today), "next"
// or "coming Christmas" (the first after today) and "this Christmas"
// (this year's).
func (r *resolver) holidayStep(day func(y int) (timeline.Date, bool), q string) (timeline.Date, bool) {
	today := r.refDay.Start()
	if q == "this" {
		return day(r.ref.Year())
	}
	for i := -1; i <= 1; i++ {
		y := r.ref.Year() + i
		if q == "last" || q == "past" {
			y = r.ref.Year() - i
		}
		d, ok := day(y)
		if !ok {
			continue
		}
		if (q == "last" || q == "past") && d.Start().Before(today) || (q == "next" || q == "coming") && d.Start().After(today) {
			return d, true
		}
	}
	return timeline.Date{}, false
}

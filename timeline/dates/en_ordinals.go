package dates

import (
	"strings"

	"github.com/wallbreak/wallbreak/timeline"
)

// Days of the month spelt out: "the first of March", "March first",
// "the twenty-first of June 2023".
var enOrdinalDays = func() map[string]int {
	units := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}
	teens := []string{"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"}
	m := map[string]int{"twentieth": 20, "thirtieth": 30, "thirty-first": 31, "thirty first": 31}
	for i, u := range units {
		m[u] = i + 1
		m["twenty-"+u] = 21 + i
		m["twenty "+u] = 21 + i
	}
	for i, t := range teens {
		m[t] = 10 + i
	}
	return m
}()

// enOrdinalDay is the alternation of enOrdinalDays, longest first, as one
// group.
var enOrdinalDay = func() string {
	var ws []string
	for w := range enOrdinalDays {
		ws = append(ws, strings.ReplaceAll(w, " ", `[^\S\n]+`))
	}
	sortLongestFirst(ws)
	return `(` + strings.Join(ws, "|") + `)\b`
}()

func englishOrdinalRules() []dateRule {
	day := func(m match, r *resolver, mi, di, yi int) (timeline.Date, string, string, bool) {
		mo := enMonthNum(m.g(mi))
		d := enOrdinalDays[strings.Join(strings.Fields(strings.ToLower(m.g(di))), " ")]
		if _, ok := zhDayDate(2000, mo, d); !ok {
			return timeline.Date{}, "", "", false
		}
		if m.g(yi) == "" && m.g(yi+1) == "" && m.g(yi+2) == "" {
			dd, by, a := r.bareMonth(mo, d)
			return dd, by, a, true
		}
		y, by, a, ok := yearSpec(m, yi, r)
		dd, ok2 := zhDayDate(y, mo, d)
		return dd, by, a, ok && ok2
	}
	datedMonth := func(gi int) func(string, candidate) bool {
		return func(text string, c candidate) bool {
			w := text[c.groups[2*gi]:c.groups[2*gi+1]]
			return capitalised(w) || !strings.EqualFold(w, "may") // "you may first"
		}
	}
	// Every match spells an ordinal, which these cover.
	cues := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "teenth", "twentieth", "thirtieth"}
	year := `(?:,?[^\S\n]+(?:of[^\S\n]+)?` + enYearSpec + `)?`
	return []dateRule{
		{ // the first of March · the twenty-first of June 2023
			re: re(`(?i)\b` + enOrdinalDay + `[^\S\n]+of[^\S\n]+` + enMonth + year), lang: langEN, cues: cues, also: monthCues, article: true,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) { return day(m, r, 2, 1, 3) },
		},
		{ // March first · June the twenty-first, 2023
			re: re(`(?i)\b` + enMonth + `[^\S\n]+(?:the[^\S\n]+)?` + enOrdinalDay + year), lang: langEN, cues: cues, also: monthCues, check: datedMonth(1),
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) { return day(m, r, 1, 2, 3) },
		},
	}
}

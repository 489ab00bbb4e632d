// Package dates finds the date expressions of running text and resolves
// them: absolute ("2024年9月5日", "5 September 2024"), relative to the page's
// date ("去年10月", "last Tuesday") and narrative, against the dates the story
// itself has named ("In October of the same year" → 2022-10).
//
// TagDates runs every rule of the text's language (en.go, zh.go, the
// numeric forms in numeric.go, the counted and spelt-out days in
// en_counts.go and en_ordinals.go, the holidays in en_holidays.go and
// festivals.go) over the text, keeps the longest non-overlapping
// candidates, and resolves them in text order. A date named without its
// year ("on Friday", "in May", "Christmas") takes the news rule, the latest
// one not after the page; TagDatesWith takes another Prefer (prefer.go).
package dates

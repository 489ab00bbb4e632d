// Package dates finds the date expressions of running text and resolves
// them: absolute ("2024年9月5日", "5 September 2024"), relative to the page's
// date ("去年10月", "last Tuesday") and narrative, against the dates the story
// itself has named ("In October of the same year" → 2022-10).
//
// TagDates runs every rule of the text's language (en.go, zh.go, the
// numeric forms in zh.go, festivals.go) over the text, keeps the longest
// non-overlapping candidates, and resolves them in text order.
package dates

package milestones

import (
	"time"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/dates"
)

// Where the reference date of an extraction comes from.
const (
	refPublished = "published" // the page's publication date
	refText      = "text"      // the latest date the text itself names in full
	refNone      = "none"      // nothing: relative dates cannot be resolved
)

// reference returns the date the relative expressions of doc ("on
// Tuesday", "9月30日", "last month") resolve against, and where it came
// from. A page's publication date comes first. A page without one is never
// dated by the clock: its reference is the latest date its text names with
// a year ("on 13 September 2021", "2021年9月"), not after the page was
// fetched — the finest such date, else a year; with none, nothing (refNone),
// and the statements dated only relative to the page are dropped.
func reference(doc timeline.Document, now func() time.Time) (time.Time, string) {
	if doc.PublishedAt != nil && !doc.PublishedAt.IsZero() {
		return *doc.PublishedAt, refPublished
	}
	fetched := doc.FetchedAt
	if fetched.IsZero() {
		fetched = now()
	}
	var best, bestYear time.Time
	for _, x := range dates.TagDates(doc.Text, fetched, "auto") {
		if x.ResolvedBy != dates.ByAbsolute || x.Mod != timeline.ModNone || x.Date.Start().After(fetched) {
			continue
		}
		end := x.Date.End()
		if end.After(fetched) {
			end = fetched
		}
		if x.Precision == timeline.PrecisionYear {
			if end.After(bestYear) {
				bestYear = end
			}
		} else if end.After(best) {
			best = end
		}
	}
	switch {
	case !best.IsZero():
		return best, refText
	case !bestYear.IsZero():
		return bestYear, refText
	}
	return fetched, refNone
}

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
// and the statements dated only relative to the page are dropped. exprs
// are the text's expressions when they were tagged against that very
// reference (refNone), nil when the text is still to be tagged.
func reference(doc timeline.Document, now func() time.Time) (ref time.Time, from string, exprs []dates.Expression) {
	if doc.PublishedAt != nil && !doc.PublishedAt.IsZero() {
		return *doc.PublishedAt, refPublished, nil
	}
	fetched := doc.FetchedAt
	if fetched.IsZero() {
		fetched = now()
	}
	var best, bestYear time.Time
	tagged := dates.TagDates(doc.Text, fetched, "auto")
	for _, x := range tagged {
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
		return best, refText, nil
	case !bestYear.IsZero():
		return bestYear, refText, nil
	}
	return fetched, refNone, tagged
}

package index

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/wallbreak/wallbreak/timeline"
)

// TrendsQuery asks how many articles and forum posts matching Q were
// published per Interval ("day", "week" or "month").
type TrendsQuery struct {
	Q        string
	Interval string
	From, To *timeline.Date
}

// TrendBucket is one period of a trend. Spike flags a period whose count
// stands out from the periods before it (more than twice their spread
// above their mean, and at least 3): the "hot topic" signal.
type TrendBucket struct {
	Start    string  `json:"start"`
	End      string  `json:"end"`
	Articles int     `json:"articles"`
	Posts    int     `json:"posts"`
	Total    int     `json:"total"`
	Baseline float64 `json:"baseline"`
	Spike    bool    `json:"spike"`
}

// Trends is the answer to a TrendsQuery, oldest period first.
type Trends struct {
	Query    string        `json:"query"`
	Interval string        `json:"interval"`
	Buckets  []TrendBucket `json:"buckets"`
}

// maxBuckets bounds the periods of one answer.
const maxBuckets = 1000

// Trends counts matching articles and posts per period.
func (ix *Index) Trends(ctx context.Context, q TrendsQuery) (Trends, error) {
	out := Trends{Query: q.Q, Interval: q.Interval, Buckets: []TrendBucket{}}
	switch q.Interval {
	case "":
		out.Interval = "month"
	case "day", "week", "month":
	default:
		return out, fmt.Errorf("%w: interval %q: want day, week or month", timeline.ErrInvalid, q.Interval)
	}
	// Articles' own published_at selects articles: no type filter.
	var must []query.Query
	if strings.TrimSpace(q.Q) != "" {
		pq, err := parseQuery(q.Q, ix.profile())
		if err != nil {
			return out, err
		}
		must = append(must, pq.bleveQuery(articleSchema))
	}
	must = append(must, dateRange("published_at", q.From, q.To))
	base := bleve.NewConjunctionQuery(must...)
	// The span: the first and last publication among the matches.
	var span [2]time.Time
	for i, sort := range []string{"published_at", "-published_at"} {
		req := bleve.NewSearchRequestOptions(base, 1, 0, false)
		req.Fields = []string{"published_at"}
		req.SortBy([]string{sort})
		res, err := ix.b.SearchInContext(searchCtx(ctx), req)
		if err != nil {
			return out, fmt.Errorf("trends: %w", err)
		}
		if len(res.Hits) == 0 {
			return out, nil
		}
		t, err := time.Parse(time.RFC3339, fieldString(res.Hits[0], "published_at"))
		if err != nil {
			return out, fmt.Errorf("trends: published_at %q: %w", fieldString(res.Hits[0], "published_at"), err)
		}
		span[i] = t.UTC()
	}
	starts := periodStarts(span[0], span[1], out.Interval)
	if len(starts) > maxBuckets {
		return out, fmt.Errorf("%w: %d %ss between %s and %s; use a coarser interval or from/to", timeline.ErrInvalid, len(starts)-1,
			out.Interval, span[0].Format(time.DateOnly), span[1].Format(time.DateOnly))
	}
	count := func(q query.Query) ([]int, error) {
		req := bleve.NewSearchRequestOptions(q, 0, 0, false)
		f := bleve.NewFacetRequest("published_at", len(starts))
		for i := 0; i+1 < len(starts); i++ {
			lo, hi := starts[i], starts[i+1]
			f.AddDateTimeRange(fmt.Sprint(i), lo, hi)
		}
		req.AddFacet("p", f)
		res, err := ix.b.SearchInContext(searchCtx(ctx), req)
		if err != nil {
			return nil, err
		}
		n := make([]int, len(starts)-1)
		for _, r := range res.Facets["p"].DateRanges {
			var i int
			fmt.Sscan(r.Name, &i)
			if i >= 0 && i < len(n) {
				n[i] = r.Count
			}
		}
		return n, nil
	}
	total, err := count(base)
	if err != nil {
		return out, fmt.Errorf("trends: %w", err)
	}
	posts, err := count(bleve.NewConjunctionQuery(base, termQ("kind", "post")))
	if err != nil {
		return out, fmt.Errorf("trends: %w", err)
	}
	for i := range total {
		b := TrendBucket{Start: starts[i].Format(time.DateOnly), End: starts[i+1].AddDate(0, 0, -1).Format(time.DateOnly),
			Total: total[i], Posts: posts[i], Articles: total[i] - posts[i]}
		// Baseline: the mean of up to 6 periods before; a spike stands
		// out by more than twice their standard deviation (at least 1).
		if i >= 3 {
			prev := total[max(0, i-6):i]
			mean, sd := meanSD(prev)
			b.Baseline = math.Round(mean*100) / 100
			b.Spike = b.Total >= 3 && float64(b.Total) > mean+2*math.Max(sd, 1)
		}
		out.Buckets = append(out.Buckets, b)
	}
	return out, nil
}

// periodStarts are the starts of the periods covering [first, last], and
// the start of the period after (UTC; weeks start on Monday).
func periodStarts(first, last time.Time, interval string) []time.Time {
	start := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, time.UTC)
	next := func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	switch interval {
	case "week":
		start = start.AddDate(0, 0, -((int(start.Weekday()) + 6) % 7))
		next = func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }
	case "month":
		start = time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
		next = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	}
	var out []time.Time
	for t := start; !t.After(last); t = next(t) {
		out = append(out, t)
		if len(out) > maxBuckets+1 {
			break
		}
	}
	return append(out, next(out[len(out)-1]))
}

func meanSD(xs []int) (float64, float64) {
	var sum float64
	for _, x := range xs {
		sum += float64(x)
	}
	mean := sum / float64(len(xs))
	var v float64
	for _, x := range xs {
		v += (float64(x) - mean) * (float64(x) - mean)
	}
	return mean, math.Sqrt(v / float64(len(xs)))
}

package dates

import (
	"fmt"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
)

// Prefer is the direction an ambiguous date takes from the reference
// date: a weekday, a month, a month and day or a holiday named without a
// year ("on Friday", "in May", "March 5", "Thanksgiving").
type Prefer string

const (
	// PreferNews is the news rule: the nearest such date not after the
	// page's day (a week's grace for months and days), unless future-tense
	// words come before it; a story's own dates come first.
	PreferNews Prefer = ""
	// PreferPast: the most recent one not after the reference day.
	PreferPast Prefer = "past"
	// PreferFuture: the next one; today counts, but a bare weekday that is
	// today's is next week's ("tuesday" said on a Tuesday), as
	// conversational taggers read it.
	PreferFuture Prefer = "future"
	// PreferNearest: whichever is closer (today when it is today's; a tie
	// goes to the future).
	PreferNearest Prefer = "nearest"
)

// ParsePrefer reads a preference by name: past, future, nearest, or news
// (or "") for the default.
func ParsePrefer(s string) (Prefer, error) {
	switch p := Prefer(s); p {
	case PreferPast, PreferFuture, PreferNearest:
		return p, nil
	case "news", PreferNews:
		return PreferNews, nil
	}
	return "", fmt.Errorf("prefer %q: not past, future, nearest or news", s)
}

// Options tune TagDatesWith. The zero value is TagDates's behaviour.
type Options struct {
	Prefer Prefer
}

// ahead reports whether an ambiguous date resolves forward: the caller
// prefers the future, or, outside the news rule, future-tense words come
// before it ("will open in April").
func (r *resolver) ahead() bool {
	return r.prefer == PreferFuture || r.prefer != PreferNews && r.future
}

// pick chooses, among dates in increasing order, the one the preference
// asks for (PreferNews callers resolve on their own and never get here).
func (r *resolver) pick(ds []timeline.Date) timeline.Date {
	today := r.refDay.Start()
	switch {
	case r.ahead():
		for _, d := range ds {
			if !d.End().Before(today) {
				return d
			}
		}
	case r.prefer == PreferPast:
		for i := len(ds) - 1; i >= 0; i-- {
			if !ds[i].Start().After(today) {
				return ds[i]
			}
		}
	default: // nearest
		best, bestGap := timeline.Date{}, time.Duration(-1)
		for _, d := range ds {
			var gap time.Duration
			switch {
			case d.End().Before(today):
				gap = today.Sub(d.End())
			case d.Start().After(today):
				gap = d.Start().Sub(today)
			}
			if bestGap < 0 || gap <= bestGap { // in increasing order: a tie goes ahead
				best, bestGap = d, gap
			}
		}
		if bestGap >= 0 {
			return best
		}
	}
	if len(ds) == 0 {
		return timeline.Date{}
	}
	return ds[len(ds)/2]
}

// pickYear resolves a date named without its year by the preference:
// mk builds it in a given year and reports whether it exists then (a 29
// February, a festival outside the table).
func (r *resolver) pickYear(mk func(y int) (timeline.Date, bool)) (timeline.Date, bool) {
	var ds []timeline.Date
	for y := r.ref.Year() - 1; y <= r.ref.Year()+1; y++ {
		if d, ok := mk(y); ok {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return timeline.Date{}, false
	}
	return r.pick(ds), true
}

// bareWeekday resolves a weekday named alone ("on Friday", "周五").
func (r *resolver) bareWeekday(wd time.Weekday) timeline.Date {
	back := weekday(r.ref, wd, "")
	if r.prefer == PreferNews {
		return back
	}
	next := weekday(r.ref, wd, "next") // the first after today
	if r.ahead() {
		return next
	}
	if r.prefer == PreferPast || back == r.refDay {
		return back
	}
	if next.Start().Sub(r.refDay.Start()) <= r.refDay.Start().Sub(back.Start()) {
		return next
	}
	return back
}

package timeline

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision is how much of a Date is known.
type Precision string

// The precisions a Date can have, from finest to coarsest.
const (
	PrecisionDay     Precision = "day"
	PrecisionWeek    Precision = "week"
	PrecisionMonth   Precision = "month"
	PrecisionQuarter Precision = "quarter"
	PrecisionHalf    Precision = "half"
	PrecisionYear    Precision = "year"
)

// rank orders precisions: a smaller rank is finer.
func (p Precision) rank() int {
	switch p {
	case PrecisionDay:
		return 0
	case PrecisionWeek:
		return 1
	case PrecisionMonth:
		return 2
	case PrecisionQuarter:
		return 3
	case PrecisionHalf:
		return 4
	case PrecisionYear:
		return 5
	}
	return 6
}

// Finer reports whether p is strictly finer than q.
func (p Precision) Finer(q Precision) bool { return p.rank() < q.rank() }

// Mod is a TIMEX3 modifier on a date: the expression talks about an edge of
// the date or a span relative to it, not the date itself.
type Mod string

// TIMEX3 modifiers used by the tagger.
const (
	ModNone   Mod = ""
	ModStart  Mod = "START"
	ModMid    Mod = "MID"
	ModEnd    Mod = "END"
	ModBefore Mod = "BEFORE"
	ModAfter  Mod = "AFTER"
	ModApprox Mod = "APPROX"
	ModSince  Mod = "SINCE"
)

// Date is a calendar date known to some precision, written as a TIMEX3 value:
// 2024-02-20 (day), 2013-W07 (week), 2022-10 (month), 2023-Q3 (quarter),
// 2021-H2 (half) or 2023 (year). Only the fields its precision needs are set.
type Date struct {
	Year      int
	Month     int // 1..12 for day and month precision
	Day       int // 1..31 for day precision
	Week      int // ISO week 1..53 for week precision (Year is the ISO year)
	Quarter   int // 1..4 for quarter precision
	Half      int // 1..2 for half precision
	Precision Precision
}

// YearDate returns the whole year y.
func YearDate(y int) Date { return Date{Year: y, Precision: PrecisionYear} }

// MonthDate returns month m of year y, normalising months outside 1..12.
func MonthDate(y, m int) Date {
	t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	return Date{Year: t.Year(), Month: int(t.Month()), Precision: PrecisionMonth}
}

// DayDate returns the day y-m-d, normalising overflowing fields.
func DayDate(y, m, d int) Date {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return DayOf(t)
}

// DayOf returns the calendar day of t in t's location.
func DayOf(t time.Time) Date {
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: PrecisionDay}
}

// QuarterDate returns quarter q (1..4) of year y.
func QuarterDate(y, q int) Date { return Date{Year: y, Quarter: q, Precision: PrecisionQuarter} }

// HalfDate returns half h (1..2) of year y.
func HalfDate(y, h int) Date { return Date{Year: y, Half: h, Precision: PrecisionHalf} }

// WeekDate returns ISO week w of ISO year y.
func WeekDate(y, w int) Date { return Date{Year: y, Week: w, Precision: PrecisionWeek} }

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Precision == "" }

// Value is the TIMEX3 value of d.
func (d Date) Value() string {
	switch d.Precision {
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case PrecisionWeek:
		return fmt.Sprintf("%04d-W%02d", d.Year, d.Week)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionQuarter:
		return fmt.Sprintf("%04d-Q%d", d.Year, d.Quarter)
	case PrecisionHalf:
		return fmt.Sprintf("%04d-H%d", d.Year, d.Half)
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	}
	return ""
}

func (d Date) String() string { return d.Value() }

// Start is the first day d covers, at midnight UTC.
func (d Date) Start() time.Time {
	switch d.Precision {
	case PrecisionDay:
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	case PrecisionWeek:
		return isoWeekStart(d.Year, d.Week)
	case PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC)
	case PrecisionQuarter:
		return time.Date(d.Year, time.Month(3*(d.Quarter-1)+1), 1, 0, 0, 0, 0, time.UTC)
	case PrecisionHalf:
		return time.Date(d.Year, time.Month(6*(d.Half-1)+1), 1, 0, 0, 0, 0, time.UTC)
	case PrecisionYear:
		return time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// End is the last day d covers, at midnight UTC.
func (d Date) End() time.Time {
	s := d.Start()
	switch d.Precision {
	case PrecisionDay:
		return s
	case PrecisionWeek:
		return s.AddDate(0, 0, 6)
	case PrecisionMonth:
		return s.AddDate(0, 1, -1)
	case PrecisionQuarter:
		return s.AddDate(0, 3, -1)
	case PrecisionHalf:
		return s.AddDate(0, 6, -1)
	case PrecisionYear:
		return s.AddDate(1, 0, -1)
	}
	return time.Time{}
}

// Overlaps reports whether d and e share at least one day.
func (d Date) Overlaps(e Date) bool {
	return !d.End().Before(e.Start()) && !e.End().Before(d.Start())
}

func isoWeekStart(year, week int) time.Time {
	// January 4th is always in ISO week 1.
	jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)
	wd := int(jan4.Weekday())
	if wd == 0 {
		wd = 7
	}
	monday := jan4.AddDate(0, 0, 1-wd)
	return monday.AddDate(0, 0, 7*(week-1))
}

// ParseDate parses a TIMEX3 value (2024-02-20, 2013-W07, 2022-10, 2023-Q3,
// 2021-H2, 2023). It is used for user-facing filters, so its errors say
// what was expected.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	bad := func() (Date, error) {
		return Date{}, fmt.Errorf("%w: %q is not a date (want YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or YYYY-Wnn)", ErrInvalid, s)
	}
	if len(s) < 4 {
		return bad()
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1 {
		return bad()
	}
	rest := s[4:]
	if rest == "" {
		return YearDate(y), nil
	}
	if rest[0] != '-' || len(rest) < 2 {
		return bad()
	}
	rest = rest[1:]
	num := func(t string, lo, hi int) (int, bool) {
		n, err := strconv.Atoi(t)
		return n, err == nil && n >= lo && n <= hi && len(t) <= 2
	}
	switch rest[0] {
	case 'Q', 'q':
		if q, ok := num(rest[1:], 1, 4); ok {
			return QuarterDate(y, q), nil
		}
	case 'H', 'h':
		if h, ok := num(rest[1:], 1, 2); ok {
			return HalfDate(y, h), nil
		}
	case 'W', 'w':
		if w, ok := num(rest[1:], 1, 53); ok {
			return WeekDate(y, w), nil
		}
	default:
		parts := strings.Split(rest, "-")
		m, ok := num(parts[0], 1, 12)
		if !ok {
			return bad()
		}
		switch len(parts) {
		case 1:
			return MonthDate(y, m), nil
		case 2:
			d, ok := num(parts[1], 1, 31)
			if !ok || DayDate(y, m, d).Month != m {
				return bad()
			}
			return DayDate(y, m, d), nil
		}
	}
	return bad()
}

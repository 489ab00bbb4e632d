package dates

import (
	"testing"
	"time"
)

// One ambiguous date under each preference, said on Wednesday 2024-02-21.
func TestPrefer(t *testing.T) {
	tests := []struct {
		in                          string
		news, past, future, nearest string
	}{
		{"on Friday", "2024-02-16", "2024-02-16", "2024-02-23", "2024-02-23"},
		{"on Monday", "2024-02-19", "2024-02-19", "2024-02-26", "2024-02-19"},
		// Today's weekday: today, but the next one when looking ahead.
		{"on Wednesday", "2024-02-21", "2024-02-21", "2024-02-28", "2024-02-21"},
		{"this Monday", "2024-02-19", "2024-02-19", "2024-02-26", "2024-02-19"},
		{"周五", "2024-02-16", "2024-02-16", "2024-02-23", "2024-02-23"},
		// This month counts both ways.
		{"in February", "2024-02", "2024-02", "2024-02", "2024-02"},
		{"in May", "2023-05", "2023-05", "2024-05", "2024-05"},
		{"in December", "2023-12", "2023-12", "2024-12", "2023-12"},
		{"5月", "2023-05", "2023-05", "2024-05", "2024-05"},
		// The news rule gives a week's grace ahead; past gives none.
		{"on February 25", "2024-02-25", "2023-02-25", "2024-02-25", "2024-02-25"},
		{"on 2/25", "2024-02-25", "2023-02-25", "2024-02-25", "2024-02-25"},
		{"March 5", "2023-03-05", "2023-03-05", "2024-03-05", "2024-03-05"},
		{"on the 25th", "2024-01-25", "2024-01-25", "2024-02-25", "2024-02-25"},
		{"the last Friday of March", "2023-03-31", "2023-03-31", "2024-03-29", "2024-03-29"},
		{"Christmas", "2023-12-25", "2023-12-25", "2024-12-25", "2023-12-25"},
		{"Thanksgiving", "2023-11-23", "2023-11-23", "2024-11-28", "2023-11-23"},
		{"国庆", "2023-10-01", "2023-10-01", "2024-10-01", "2023-10-01"},
		// Unambiguous forms do not move.
		{"tomorrow", "2024-02-22", "2024-02-22", "2024-02-22", "2024-02-22"},
		{"next Friday", "2024-02-23", "2024-02-23", "2024-02-23", "2024-02-23"},
		{"last May", "2023-05", "2023-05", "2023-05", "2023-05"},
		{"Christmas 2022", "2022-12-25", "2022-12-25", "2022-12-25", "2022-12-25"},
		// Future-tense words still put a month ahead.
		{"It will open in January.", "2025-01", "2025-01", "2025-01", "2025-01"},
		// Outside the news rule, "3天后" without a story counts from today.
		{"3天后", "", "2024-02-24", "2024-02-24", "2024-02-24"},
	}
	for _, tt := range tests {
		for _, p := range []struct {
			prefer Prefer
			want   string
		}{{PreferNews, tt.news}, {PreferPast, tt.past}, {PreferFuture, tt.future}, {PreferNearest, tt.nearest}} {
			got := TagDatesWith(tt.in, ref, "auto", Options{Prefer: p.prefer})
			var value string
			if len(got) > 0 {
				value = got[len(got)-1].Value
			}
			if len(got) > 1 || value != p.want {
				t.Errorf("%q prefer %q = %v, want %s", tt.in, p.prefer, exprSummary(got), p.want)
			}
		}
	}
}

// The story's own dates come first whatever the preference.
func TestPreferKeepsNarrative(t *testing.T) {
	text := "In March 2022, Taobao began testing. In October, Alipay followed."
	for _, p := range []Prefer{PreferPast, PreferFuture, PreferNearest} {
		if got := TagDatesWith(text, ref, "en", Options{Prefer: p}); len(got) != 2 || got[1].Value != "2022-10" || got[1].ResolvedBy != ByNarrative {
			t.Errorf("prefer %s: %v", p, exprSummary(got))
		}
	}
}

// TagDates is the news rule.
func TestTagDatesIsNews(t *testing.T) {
	text := "Tencent said on Friday it would open links in May; Christmas sales rose."
	a, b := TagDates(text, ref, "auto"), TagDatesWith(text, ref, "auto", Options{Prefer: PreferNews})
	if len(a) != 3 || len(a) != len(b) {
		t.Fatalf("%v vs %v", exprSummary(a), exprSummary(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("%v vs %v", a[i], b[i])
		}
	}
}

func TestParsePrefer(t *testing.T) {
	for s, want := range map[string]Prefer{"": PreferNews, "news": PreferNews, "past": PreferPast, "future": PreferFuture, "nearest": PreferNearest} {
		if got, err := ParsePrefer(s); err != nil || got != want {
			t.Errorf("ParsePrefer(%q) = %q, %v", s, got, err)
		}
	}
	if _, err := ParsePrefer("soon"); err == nil {
		t.Error("ParsePrefer(soon): no error")
	}
}

// On a Friday, "Friday" is today unless looking ahead.
func TestPreferWeekdayToday(t *testing.T) {
	fri := time.Date(2024, 2, 23, 9, 0, 0, 0, time.UTC)
	for p, want := range map[Prefer]string{PreferNews: "2024-02-23", PreferPast: "2024-02-23", PreferNearest: "2024-02-23", PreferFuture: "2024-03-01"} {
		if got := TagDatesWith("see you friday", fri, "en", Options{Prefer: p}); len(got) != 1 || got[0].Value != want {
			t.Errorf("prefer %q: %v, want %s", p, exprSummary(got), want)
		}
	}
}

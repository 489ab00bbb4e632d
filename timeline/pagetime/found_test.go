package pagetime_test

import (
	"strings"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

// FindDays reads every full day a page writes, in any of the forms its
// bylines use, and passes over numbers that are no day.
func TestFindDays(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Updated: 28-09-2021", "2021-09-28"},
		{"am 19. Juli 2014 um 10:15", "2014-07-19T10:15"},
		{"publié le 27 juin 2019", "2019-06-27"},
		{"5 de mayo de 2020", "2020-05-05"},
		{"By a reporter Jun. 24, 2022 updated 05:02", "2022-06-24"},
		{"BEIJING – September 5, 2024 – a company said", "2024-09-05"},
		{"(Wire, 9 January 2020) On the 3rd January 2020", "2020-01-09 2020-01-03"},
		{"发布时间：2021-10-06 10:32", "2021-10-06T10:32"},
		{"2021年10月06日 来源：示例网", "2021-10-06"},
		{"13.09.2021 | 08:40", "2021-09-13T08:40"},
		{"09/13/2021", "2021-09-13"}, // month first: 13 is no month
		{"2021.09.13", "2021-09-13"},
		{"Stand: 1.2.2021", "2021-02-01"},
		{"30.02.2021 and 2021-13-01", ""},         // no such days
		{"call 010-12-2021 or v1.10.12.2021", ""}, // a number's tail is no day
		{"Sept. 9, 2021", "2021-09-09"},
		{"15 августа 2016, 13:43", "2016-08-15T13:43"},
		{"Datum:26. Januar 2022Ausgabejahr:2022", "2022-01-26"}, // cells run together
		{"Juni 2021 bis 19. Juli 20145", ""},
		{"no day here, only May 2021", ""},
	} {
		var got []string
		for _, f := range pagetime.FindDays(c.in, time.UTC) {
			s := f.Time.Format(time.DateOnly)
			if f.Clock {
				s = f.Time.Format("2006-01-02T15:04")
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("FindDays(%q) = %q, want %q", c.in, g, c.want)
		}
	}
}

// The offsets are of the day written, for the caller to tell where it is.
func TestFindDaysSpan(t *testing.T) {
	in := "Posted on 2024-02-21 10:32 by x"
	f, ok := pagetime.FirstDay(in, time.UTC)
	if !ok || in[f.Start:f.End] != "2024-02-21 10:32" {
		t.Errorf("FirstDay(%q) = %+v %v", in, f, ok)
	}
}

// ShortYearDay reads a byline's day with a two-digit year.
func TestShortYearDay(t *testing.T) {
	for in, want := range map[string]string{
		"Party, 30.10.23": "2023-10-30",
		"26.10.98":        "1998-10-26",
		"v1.10.12.3":      "",
		"31.02.21":        "",
		"15 августа 2016": "",
	} {
		got := ""
		if d, ok := pagetime.ShortYearDay(in, time.UTC); ok {
			got = d.Format(time.DateOnly)
		}
		if got != want {
			t.Errorf("ShortYearDay(%q) = %q, want %q", in, got, want)
		}
	}
}

// Bylined reads a labelled day, a publication label before an update
// label, and a Chinese byline's day before its source.
func TestBylined(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"By a staff reporter | Updated: 13-09-2021", "2021-09-13"},
		{"Zuletzt aktualisiert: 02.03.2020 · Veröffentlicht am 19. Juli 2014", "2014-07-19"},
		{"date 2023-06-22 (AGENCY) – A company said", "2023-06-22"},
		{"示例网 2021年10月06日 来源：示例日报", "2021-10-06"},
		{"发布时间：2021-10-06 10:32 作者：某某", "2021-10-06"},
		{"Publié le 27 juin 2019", "2019-06-27"},
		{"updated 2 hours ago; candidate 2019-01-01", ""},
		{"outdated 2019-01-01", ""}, // a label inside a word
	} {
		got := ""
		if f, ok := pagetime.Bylined(c.in, time.UTC); ok {
			got = f.Time.Format(time.DateOnly)
		}
		if got != c.want {
			t.Errorf("Bylined(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// LeadDay dates a Chinese lead's yearless day in the year given.
func TestLeadDay(t *testing.T) {
	for _, c := range []struct {
		in   string
		year int
		want string
	}{
		{"10月6日消息，某平台宣布开放外链。", 2021, "2021-10-06"},
		{"（记者 某某）9月30日电 某平台称", 2021, "2021-09-30"},
		{"北京时间10月6日晚间消息，", 2021, "2021-10-06"},
		{"9月17日，本报记者发现，某应用可以直接打开链接。", 2021, "2021-09-17"},         // the day a reporter found it
		{"9月17日，某平台宣布开放外链。", 2021, ""},                            // a step's day, not the report's
		{"《某报》（上海，记者 某某）讯，9月17日下午，某平台开放了外链。", 2021, "2021-09-17"}, // the agency's mark first
		{"10月6日消息", 0, ""},          // no year to give it
		{"去年10月6日，某平台宣布", 2021, ""}, // no lead
	} {
		got := ""
		if d, ok := pagetime.LeadDay(c.in, c.year, time.UTC); ok {
			got = d.Format(time.DateOnly)
		}
		if got != c.want {
			t.Errorf("LeadDay(%q, %d) = %q, want %q", c.in, c.year, got, c.want)
		}
	}
}

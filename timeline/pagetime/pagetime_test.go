package pagetime_test

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}

// utc is how the tests write an instant: RFC 3339 in UTC, "" for none.
func utc(t time.Time, ok bool) string {
	if !ok {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// parseCases are every layout, read in Beijing time when it names no zone.
var parseCases = []struct{ in, want string }{
	// RFC 3339 and its kin.
	{"2024-02-21T10:32:00+08:00", "2024-02-21T02:32:00Z"},
	{"2024-02-21T10:32:00Z", "2024-02-21T10:32:00Z"},
	{"2021-09-17T09:05:00.000Z", "2021-09-17T09:05:00Z"},
	{"2024-02-21T10:32:00+0800", "2024-02-21T02:32:00Z"},
	{"2024-09-06T02:11:09", "2024-09-05T18:11:09Z"}, // no zone: loc's
	// RFC 1123, RFC 850.
	{"Wed, 21 Feb 2024 10:32:00 +0800", "2024-02-21T02:32:00Z"},
	{"Wed, 21 Feb 2024 10:32:00 GMT", "2024-02-21T10:32:00Z"},
	{"Wed, 21 Feb 2024 10:32:00 -0500", "2024-02-21T15:32:00Z"},
	{"Wednesday, 21-Feb-24 10:32:00 UTC", "2024-02-21T10:32:00Z"},
	{"Wed, 1 Feb 2024 10:32:00 +0800", "2024-02-01T02:32:00Z"},
	{"1 Feb 2024 10:32:00 +0800", "2024-02-01T02:32:00Z"},
	// ctime, with a zone of one meaning, an ambiguous one, none.
	{"Tue Mar  4 09:12:31 PST 2025", "2025-03-04T17:12:31Z"},
	{"Tue Mar  4 09:12:31 JST 2025", "2025-03-04T00:12:31Z"},
	{"Tue Mar  4 09:12:31 CST 2025", "2025-03-04T01:12:31Z"},
	{"Tue Mar 4 09:12:31 2025", "2025-03-04T01:12:31Z"},
	// Digits, year first, with a time of day and maybe its zone.
	{"2024-02-21 10:32", "2024-02-21T02:32:00Z"},
	{"2024-2-21 23:40:12", "2024-02-21T15:40:12Z"},
	{"2024-2-21", "2024-02-20T16:00:00Z"},
	{"2024/02/21 10:32", "2024-02-21T02:32:00Z"},
	{"2023.09.28 05:24", "2023-09-27T21:24:00Z"},
	{"2024年2月21日 10:32", "2024-02-21T02:32:00Z"},
	{"2024年2月21日", "2024-02-20T16:00:00Z"},
	{"2024年2月21号 10时32分", "2024-02-21T02:32:00Z"},
	{"发表于 2024-2-21 10:32", "2024-02-21T02:32:00Z"},
	{"2025-06-20 10:15:02 +08:00", "2025-06-20T02:15:02Z"},
	{"2025-06-20 10:15 -0530", "2025-06-20T15:45:00Z"},
	{"2025-06-20 10:15 GMT+8", "2025-06-20T02:15:00Z"},
	{"2025-06-20 10:15 UTC+8", "2025-06-20T02:15:00Z"},
	{"2025-06-20 10:15 UTC", "2025-06-20T10:15:00Z"},
	{"2025-06-20 10:15 GMT", "2025-06-20T10:15:00Z"},
	{"2025-06-20 10:15 +99:00", "2025-06-20T02:15:00Z"}, // no such zone: loc's
	{"2025-06-20 +08:00", "2025-06-19T16:00:00Z"},       // a zone without a time: loc's
	// English days written out: midnight in loc.
	{"Oct. 8, 2025", "2025-10-07T16:00:00Z"},
	{"Sept. 17, 2021", "2021-09-16T16:00:00Z"},
	{"Sep 17, 2021", "2021-09-16T16:00:00Z"},
	{"May 20, 2025", "2025-05-19T16:00:00Z"},
	{"May 20 2025", "2025-05-19T16:00:00Z"},
	{"20 May 2025", "2025-05-19T16:00:00Z"},
	{"20 May, 2025", "2025-05-19T16:00:00Z"},
	{"20th May 2025", "2025-05-19T16:00:00Z"},
	{"the 20th of May 2025", "2025-05-19T16:00:00Z"},
	{"May 20th, 2025", "2025-05-19T16:00:00Z"},
	{"May 20 of 2025", "2025-05-19T16:00:00Z"},
	{"OCT 8, 2025", "2025-10-07T16:00:00Z"},
	{"Monday, Sept. 13, 2021", "2021-09-12T16:00:00Z"},
	{"Friday 10 October 2025 14.05 BST", "2025-10-09T16:00:00Z"},
	{"Published 15 October 2024 · Features", "2024-10-14T16:00:00Z"},
	{"September 7, 2024, 2:14am", "2024-09-06T16:00:00Z"},
	{"Feb. 30, 2025 or Mar. 1, 2025", "2025-02-28T16:00:00Z"},
	{"9/17/2021", "2021-09-16T16:00:00Z"},
	{"17/9/2021", "2021-09-16T16:00:00Z"},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		if got := utc(pagetime.Parse(c.in, shanghai)); got != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// notStamps are no page timestamps.
var notStamps = []string{
	"", "  ", "banana", "3 天前", "2 hours ago", "10:32",
	"2024-13-01", "2024-02-30", "1899-01-01", "2024-02-21 24:00", "2024-02-21 10:60",
	"may 20, 2025",     // "may" the verb
	"20 May. 2025",     // two sentences
	"May 20 last year", // not a day of its own
	"Sept. 9/17/2021",  // "Sept. 9" takes the 9
	"May 2025", "Feb. 30, 2025", "13/13/2025", "1.9/17/2021",
	"the week of Oct. 8, 2025",
	"HANGZHOU, Oct. 8, 2025 (Example Wire) -",
	"https://e.example/Oct 8, 2025",
	"Published by the newsroom of an example site, updated on Oct. 8, 2025", // past 60 bytes
}

func TestParseRejects(t *testing.T) {
	for _, s := range notStamps {
		if got := utc(pagetime.Parse(s, shanghai)); got != "" {
			t.Errorf("Parse(%q) = %s, want none", s, got)
		}
	}
}

// A zone is loc's only when the time names none; nil is UTC.
func TestParseZones(t *testing.T) {
	ny := mustZone("America/New_York")
	for _, c := range []struct {
		in   string
		loc  *time.Location
		want string
	}{
		{"2024-02-21 10:32", nil, "2024-02-21T10:32:00Z"},
		{"2024-02-21 10:32", ny, "2024-02-21T15:32:00Z"},
		{"2024-02-21T10:32:00+08:00", ny, "2024-02-21T02:32:00Z"},
		{"Oct. 8, 2025", nil, "2025-10-08T00:00:00Z"},
		{"Tue Mar  4 09:12:31 CST 2025", ny, "2025-03-04T14:12:31Z"},
	} {
		if got := utc(pagetime.Parse(c.in, c.loc)); got != c.want {
			t.Errorf("Parse(%q, %v) = %s, want %s", c.in, c.loc, got, c.want)
		}
	}
}

func TestFromURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://news.example.com/2021/09/13/taobao-wechat/", "2021-09-13"},
		{"https://news.example.com/2021/9/3/x", "2021-09-03"},
		{"https://news.example.com/2021-09-13-taobao.html", "2021-09-13"},
		{"https://news.example.com/2021-09-13/taobao.html", "2021-09-13"},
		{"https://news.example.com/tech/20210913/taobao.html", "2021-09-13"},
		{"https://news.example.com/20210913", "2021-09-13"},
		{"https://news.example.com/a/2021/1014/77.html", "2021-10-14"},                        // year, then month and day
		{"https://news.example.com/2017/Jul/07/slug/", "2017-07-07"},                          // a month's abbreviation
		{"https://news.example.com/news/20210817002318-260409", "2021-08-17"},                 // a timestamp, year first
		{"https://news.example.com/zh/6-02022021111501.html", "2021-02-02"},                   // a timestamp, day and month alike
		{"https://news.example.com/zh/6-25022021111501.html", "2021-02-25"},                   // day first: 25 is no month
		{"https://news.example.com/zh/6-02252021111501.html", "2021-02-25"},                   // month first
		{"https://news.example.com/zh/6-03042021111501.html", ""},                             // 3 April or 4 March
		{"https://news.example.com/news/20210817992318-260409", ""},                           // 99 is no hour
		{"https://archive.example/web/20130307194448/http://blog.example/2008/05/x.html", ""}, // the capture's day is not the page's
		{"https://archive.example/web/20160218174457/http://blog.example/2010/05/19/x/", "2010-05-19"},
		{"https://news.example.com/meldungen/29-10-2021", "2021-10-29"}, // day first
		{"https://news.example.com/meldungen/05.11.2021/", ""},          // 5 November or 11 May
		{"https://news.example.com/2021/13/45/x/", ""},
		{"https://news.example.com/2021/02/30/x/", ""},
		{"https://news.example.com/article/12345678/", ""},
		{"https://news.example.com/p/2021091312/", ""},
		{"https://news.example.com/?d=2021/09/13/", ""}, // the path only
		{"https://news.example.com/2999/01/01/x/", ""},  // after tomorrow
		{"::", ""},
	} {
		got := ""
		if d, ok := pagetime.FromURL(c.in, shanghai); ok {
			if d.Location() != shanghai || d.Hour() != 0 {
				t.Errorf("FromURL(%q) = %v, want midnight in loc", c.in, d)
			}
			got = d.Format(time.DateOnly)
		}
		if got != c.want {
			t.Errorf("FromURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if d, ok := pagetime.FromURL("https://e.example/2021/09/13/x", nil); !ok || d.Location() != time.UTC {
		t.Errorf("nil loc: %v, %v", d, ok)
	}
}

func TestMonthFromURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://e.example/artikel/2015/01/a-slug/", "2015-01"},
		{"https://e.example/2020-01/slug", "2020-01"},
		{"https://e.example/2021/10", "2021-10"},
		{"https://e.example/internet/202109/54-1119646.html", "2021-09"},
		{"https://e.example/202113/x.html", ""},
		{"https://archive.example/web/20130307194448/http://blog.example/2008/05/x.html", "2008-05"}, // the original's month
		{"https://e.example/2021/22/week-report.html", ""},                                           // a week, not a month
		{"https://e.example/2021/13/x", ""},
		{"https://e.example/2999/01/x", ""}, // to come
		{"https://e.example/x?m=2021/10/", ""},
	} {
		got := ""
		if y, m, ok := pagetime.MonthFromURL(c.in); ok {
			got = fmt.Sprintf("%04d-%02d", y, int(m))
		}
		if got != c.want {
			t.Errorf("MonthFromURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// The finders the crawler runs over a page's text, each on what it finds
// and on what it must pass over.
func TestFinders(t *testing.T) {
	type finder func(string, *time.Location) (time.Time, bool)
	bylined := func(s string, loc *time.Location) (time.Time, bool) {
		f, ok := pagetime.Bylined(s, loc)
		return f.Time, ok
	}
	for _, c := range []struct {
		name     string
		find     finder
		in, want string
	}{
		{"Posted", pagetime.Posted, "发表于 2024-2-21 10:32", "2024-02-21T02:32:00Z"},
		{"Posted", pagetime.Posted, "發表於：2024-2-21 10:32", "2024-02-21T02:32:00Z"},
		{"Posted", pagetime.Posted, "Posted on Oct. 8, 2025", "2025-10-07T16:00:00Z"},
		{"Posted", pagetime.Posted, " 2024-2-21 10:32 ", "2024-02-21T02:32:00Z"},
		{"Posted", pagetime.Posted, "发表于 3 天前", ""},
		{"Bylined", bylined, "示例网 发布时间：2025-12-22 08:30 来源：示例日报", "2025-12-22T00:30:00Z"},
		{"Bylined", bylined, "By a staff reporter | Updated: 2024-03-08 09:00", "2024-03-08T01:00:00Z"},
		{"Bylined", bylined, "发布日期：2022年08月18日", "2022-08-17T16:00:00Z"},
		{"Bylined", bylined, "2024-03-08 09:00", ""},
		{"Bylined", bylined, "Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.", "2020-01-29T05:22:00Z"},
		{"FirstDate", pagetime.FirstDate, "示例商业周刊 记者 赵六 | 2024-10-10 18:20", "2024-10-10T10:20:00Z"},
		{"FirstDate", pagetime.FirstDate, "Analysis · 20 May 2025", "2025-05-19T16:00:00Z"},
		{"FirstDate", pagetime.FirstDate, "Dana Whitfield · Nov 14, 2025 · 6 min read", "2025-11-13T16:00:00Z"},
		{"FirstDate", pagetime.FirstDate, "2024-13-45 · Oct. 8, 2025", ""}, // the first date decides
		{"FirstDate", pagetime.FirstDate, "Updated 2 hours ago", ""},
		{"FirstDateTime", pagetime.FirstDateTime, "正文 2024年9月5日 10:21 来源", "2024-09-05T02:21:00Z"},
		{"FirstDateTime", pagetime.FirstDateTime, "2024-09-05 only a day", ""},
		{"FirstCtime", pagetime.FirstCtime, "Date: Tue Mar  4 09:12:31 PST 2025\nFrom: a", "2025-03-04T17:12:31Z"},
		{"FirstCtime", pagetime.FirstCtime, "Date: Sun Jun 1 09:12:31 2025", "2025-06-01T01:12:31Z"},
		{"FirstCtime", pagetime.FirstCtime, "Tue Mar 4 2025", ""},
		{"Dateline", pagetime.Dateline, "News | HANGZHOU, China, Oct. 8, 2025 /PRNewswire/ -- Xianyu", "2025-10-07T16:00:00Z"},
		{"Dateline", pagetime.Dateline, "BEIJING, May 20, 2025 (Example Wire) - Alipay", "2025-05-19T16:00:00Z"},
		{"Dateline", pagetime.Dateline, "Beijing, May 20, 2025 - Alipay", ""},
		{"Dateline", pagetime.Dateline, "A caption, May 18, 2025. May 20, 2025 SHANGHAI (Example Wire) – Alipay", "2025-05-19T16:00:00Z"},
		{"Dateline", pagetime.Dateline, "May 20, 2025 Shanghai was warm", ""},
		{"DayOnly", pagetime.DayOnly, "2025年6月2日 星期一", "2025-06-01T16:00:00Z"},
		{"DayOnly", pagetime.DayOnly, "2025-06-02 | 周一", "2025-06-01T16:00:00Z"},
		{"DayOnly", pagetime.DayOnly, "Monday, June 2, 2025", "2025-06-01T16:00:00Z"},
		{"DayOnly", pagetime.DayOnly, "Sept. 2, 2025", "2025-09-01T16:00:00Z"},
		{"DayOnly", pagetime.DayOnly, "2 June 2025", "2025-06-01T16:00:00Z"},
		{"DayOnly", pagetime.DayOnly, "2025-02-30", ""},
		{"DayOnly", pagetime.DayOnly, "2025年6月2日 淘宝", ""},
		{"DayOnly", pagetime.DayOnly, "2025-06-02 10:32", ""},
	} {
		if got := utc(c.find(c.in, shanghai)); got != c.want {
			t.Errorf("%s(%q) = %s, want %s", c.name, c.in, got, c.want)
		}
	}
}

func TestGMTZone(t *testing.T) {
	for in, want := range map[string]int{
		"GMT+8, 2024-2-22 09:03": 8 * 3600,
		"GMT-5":                  -5 * 3600,
		"GMT +5:30":              5*3600 + 30*60,
		"GMT+0530":               5*3600 + 30*60,
		"GMT+15":                 -1, // none has it
		"Powered by Discuz!":     -1,
	} {
		loc, ok := pagetime.GMTZone(in)
		got := -1
		if ok {
			_, got = time.Date(2024, 1, 1, 0, 0, 0, 0, loc).Zone()
		}
		if got != want {
			t.Errorf("GMTZone(%q) = %d, want %d", in, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range stamps(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := pagetime.Parse(s, shanghai)
		if !ok {
			return
		}
		if again, ok := pagetime.Parse(got.Format(time.RFC3339Nano), shanghai); !ok || !again.Equal(got) {
			t.Fatalf("Parse(%q) = %v, which reads back as %v, %v", s, got, again, ok)
		}
	})
}

// stamps are the page timestamps the crawler met in its tests, in
// testdata/gold and in the real-news set, one quoted string a line.
func stamps(tb testing.TB) []string {
	f, err := os.Open("testdata/stamps.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		s, err := strconv.Unquote(sc.Text())
		if err != nil {
			tb.Fatalf("stamps.txt: %q: %v", sc.Text(), err)
		}
		out = append(out, s)
	}
	return out
}

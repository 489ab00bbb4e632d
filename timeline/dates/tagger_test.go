package dates

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wallbreak/wallbreak/timeline"
)

var ref = time.Date(2024, 2, 21, 10, 0, 0, 0, time.UTC)

type wantExpr struct {
	text, value string
	mod         timeline.Mod
	by          string
}

func TestTagDates(t *testing.T) {
	tests := []struct {
		in   string
		want []wantExpr
	}{
		// The must-show examples.
		{"In March 2022, Taobao began testing. In October of the same year, Alipay followed.",
			[]wantExpr{{"March 2022", "2022-03", "", ByAbsolute}, {"October of the same year", "2022-10", "", ByNarrative}}},
		{"去年10月，淘宝上线微信扫码支付；同年11月又开放了链接。",
			[]wantExpr{{"去年10月", "2023-10", "", ByReference}, {"同年11月", "2023-11", "", ByNarrative}}},
		{"unpaid orders will be closed within 2 hours; revenue was 129.07 billion yuan", nil},

		// Absolute forms.
		{"on 2021-09-17 the rules", []wantExpr{{"2021-09-17", "2021-09-17", "", ByAbsolute}}},
		{"on 17 September 2021.", []wantExpr{{"17 September 2021", "2021-09-17", "", ByAbsolute}}},
		{"on Sept. 17, 2021, MIIT", []wantExpr{{"Sept. 17, 2021", "2021-09-17", "", ByAbsolute}}},
		{"in September 2021", []wantExpr{{"September 2021", "2021-09", "", ByAbsolute}}},
		{"in 2021 they", []wantExpr{{"2021", "2021", "", ByAbsolute}}},
		{"2021年9月17日，工信部", []wantExpr{{"2021年9月17日", "2021-09-17", "", ByAbsolute}}},
		{"2021年9月", []wantExpr{{"2021年9月", "2021-09", "", ByAbsolute}}},
		{"2021/9/17 发布", []wantExpr{{"2021/9/17", "2021-09-17", "", ByAbsolute}}},
		{"二〇二一年九月", []wantExpr{{"二〇二一年九月", "2021-09", "", ByAbsolute}}},
		{"Q3 2023 results", []wantExpr{{"Q3 2023", "2023-Q3", "", ByAbsolute}}},
		{"the third quarter of 2023", []wantExpr{{"the third quarter of 2023", "2023-Q3", "", ByAbsolute}}},
		{"2023年第三季度", []wantExpr{{"2023年第三季度", "2023-Q3", "", ByAbsolute}}},
		// A day counted from a named day.
		{"In 2023 they met; the day after Singles' Day that year they signed.",
			[]wantExpr{{"2023", "2023", "", ByAbsolute}, {"the day after Singles' Day that year", "2023-11-12", "", ByNarrative}}},
		// A bare month after future-tense words is the coming one.
		{"Taobao will open it to every user in January.", []wantExpr{{"January", "2025-01", "", ByReference}}},
		{"该功能将于1月向所有商家开放", []wantExpr{{"1月", "2025-01", "", ByReference}}},
		{"Taobao opened it to every user in January.", []wantExpr{{"January", "2024-01", "", ByReference}}},
		// A quarter without its year is the story's year, else the page's.
		{"In the first quarter, ads began linking; by the second quarter, Moments ads did too.",
			[]wantExpr{{"the first quarter", "2024-Q1", "", ByReference}, {"by the second quarter", "2024-Q2", "BEFORE", ByNarrative}}},
		{"In March 2022 Taobao tested it; in the third quarter it opened up.",
			[]wantExpr{{"March 2022", "2022-03", "", ByAbsolute}, {"the third quarter", "2022-Q3", "", ByNarrative}}},
		{"今年一季度，淘宝接入微信支付；第二季度又开放了链接。",
			[]wantExpr{{"今年一季度", "2024-Q1", "", ByReference}, {"第二季度", "2024-Q2", "", ByNarrative}}},
		{"the second half of 2021", []wantExpr{{"the second half of 2021", "2021-H2", "", ByAbsolute}}},
		{"2013-W07", []wantExpr{{"2013-W07", "2013-W07", "", ByAbsolute}}},

		// Relative to the page's date.
		{"last year", []wantExpr{{"last year", "2023", "", ByReference}}},
		{"this year", []wantExpr{{"this year", "2024", "", ByReference}}},
		{"last October", []wantExpr{{"last October", "2023-10", "", ByReference}}},
		{"since last January", []wantExpr{{"since last January", "2023-01", "SINCE", ByReference}}}, // said in February: a year back
		{"last December", []wantExpr{{"last December", "2023-12", "", ByReference}}},
		{"In October last year, Taobao", []wantExpr{{"October last year", "2023-10", "", ByReference}}},
		{"On February 20th, Taobao", []wantExpr{{"February 20th", "2024-02-20", "", ByReference}}},
		{"On March 5, Taobao", []wantExpr{{"March 5", "2023-03-05", "", ByReference}}}, // not the future
		{"yesterday", []wantExpr{{"yesterday", "2024-02-20", "", ByReference}}},
		{"今年2月", []wantExpr{{"今年2月", "2024-02", "", ByReference}}},
		{"前年", []wantExpr{{"前年", "2022", "", ByReference}}},
		{"上个月", []wantExpr{{"上个月", "2024-01", "", ByReference}}},
		{"昨天 14:05", []wantExpr{{"昨天 14:05", "2024-02-20", "", ByReference}}},
		{"2小时前", []wantExpr{{"2小时前", "2024-02-21", "", ByReference}}},
		{"3天前", []wantExpr{{"3天前", "2024-02-18", "", ByReference}}},
		{"9月17日", []wantExpr{{"9月17日", "2023-09-17", "", ByReference}}},

		// Narrative: from the last date the story named, not the page's.
		{"In September 2021, A happened. In November, B.", []wantExpr{{"September 2021", "2021-09", "", ByAbsolute}, {"November", "2021-11", "", ByNarrative}}},
		{"In September of that year, MIIT met. The breakthrough began in 2021.",
			[]wantExpr{{"September of that year", "2024-09", "", ByReference}, {"2021", "2021", "", ByAbsolute}}},
		// "The following month" of a story that named no month cannot be resolved.
		{"It began in 2021. Later that year, links opened. The following month, ads.",
			[]wantExpr{{"2021", "2021", "", ByAbsolute}, {"Later that year", "2021", "", ByNarrative}}},
		{"In May 2023, A. The following month, B.", []wantExpr{{"May 2023", "2023-05", "", ByAbsolute}, {"The following month", "2023-06", "", ByNarrative}}},
		{"2022年10月，支付宝上线转账；次月，淘宝跟进。", []wantExpr{{"2022年10月", "2022-10", "", ByAbsolute}, {"次月", "2022-11", "", ByNarrative}}},
		{"2021年9月，工信部开会；当月，腾讯回应。", []wantExpr{{"2021年9月", "2021-09", "", ByAbsolute}, {"当月", "2021-09", "", ByNarrative}}},
		{"2021年，双方开始互通；此后一年，广告打通。", []wantExpr{{"2021年", "2021", "", ByAbsolute}, {"此后一年", "2022", "", ByNarrative}}},
		{"By 2023, both sides. Ads could jump in February, and Moments ads in May.",
			[]wantExpr{{"By 2023", "2023", timeline.ModBefore, ByAbsolute}, {"February", "2023-02", "", ByNarrative}, {"May", "2023-05", "", ByNarrative}}},
		// A new paragraph does not continue the last one's month-less story.
		{"In March 2022, A.\nOn February 21st, B.", []wantExpr{{"March 2022", "2022-03", "", ByAbsolute}, {"February 21st", "2024-02-21", "", ByReference}}},

		// Weekdays: the latest such day not after the page's date (a Wednesday).
		{"Tencent said on Monday", []wantExpr{{"Monday", "2024-02-19", "", ByReference}}},
		{"on Wednesday", []wantExpr{{"Wednesday", "2024-02-21", "", ByReference}}},
		{"last Friday", []wantExpr{{"last Friday", "2024-02-16", "", ByReference}}},
		{"On Monday, Sept. 13, 2021, it agreed", []wantExpr{{"Sept. 13, 2021", "2021-09-13", "", ByAbsolute}}},
		{"上周三", []wantExpr{{"上周三", "2024-02-14", "", ByReference}}},
		{"周五", []wantExpr{{"周五", "2024-02-16", "", ByReference}}},
		{"三周年", nil},

		// Offsets from the story's date.
		{"In May 2023, A. A year later, B.", []wantExpr{{"May 2023", "2023-05", "", ByAbsolute}, {"A year later", "2024-05", "", ByNarrative}}},
		{"In 2021, A. Two years later, B.", []wantExpr{{"2021", "2021", "", ByAbsolute}, {"Two years later", "2023", "", ByNarrative}}},
		{"In May 2023, A. That same month, B.", []wantExpr{{"May 2023", "2023-05", "", ByAbsolute}, {"That same month", "2023-05", "", ByNarrative}}},
		{"2022年3月，A；两个月后，B；半年后，C。", []wantExpr{{"2022年3月", "2022-03", "", ByAbsolute}, {"两个月后", "2022-05", "", ByNarrative}, {"半年后", "2022-11", "", ByNarrative}}},
		{"Two months later, nothing.", nil}, // no story date to count from
		// Two-digit years with a month, as forums write them.
		{"21年9月工信部要求解除屏蔽；22年10月20日支付宝支持转账", []wantExpr{{"21年9月", "2021-09", "", ByAbsolute}, {"22年10月20日", "2022-10-20", "", ByAbsolute}}},
		{"过去12年间", nil},
		// Dotted and slashed year-months, as tables of key dates write them;
		// not versions or amounts.
		{"2022.10 支付宝；2021/09 微信", []wantExpr{{"2022.10", "2022-10", "", ByAbsolute}, {"2021/09", "2021-09", "", ByAbsolute}}},
		{"v2024.09 and ¥2024.09", nil},
		// Month.day as social posts write it; never an amount, a version or a ratio.
		{"9.5起，淘宝全面接入微信支付；营收9.5亿元；版本8.13更新", []wantExpr{{"9.5起", "2023-09-05", "SINCE", ByReference}}},
		{"up 2% and 3.5 times", nil},
		// A fortnight is two weeks.
		{"a fortnight ago", []wantExpr{{"a fortnight ago", "2024-W06", "", ByReference}}},
		// The week before last.
		{"上上周已在杭州开始内测", []wantExpr{{"上上周", "2024-W06", "", ByReference}}},
		// A week named by one of its days.
		{"in the week of Feb. 5, and the week ending Jan. 21", []wantExpr{{"the week of Feb. 5", "2024-W06", "", ByReference}, {"the week ending Jan. 21", "2024-W03", "", ByNarrative}}},
		// Public holidays, fixed days.
		{"国庆期间，高德上线打车；元旦起，支付宝支持转账", []wantExpr{{"国庆", "2023-10-01", "", ByReference}, {"元旦起", "2024-01-01", "SINCE", ByNarrative}}},
		// "the same week" after a month: the story knows only the month.
		{"Alipay+ joined in June 2023, while WeChat Pay did so in the same week.", []wantExpr{{"June 2023", "2023-06", "", ByAbsolute}, {"the same week", "2023-06", "", ByNarrative}}},
		// "the following day" after a month: that month; after a day: the next.
		{"In February 2015 WeChat blocked the links. The following day, it blocked Xiami too.", []wantExpr{{"February 2015", "2015-02", "", ByAbsolute}, {"The following day", "2015-02", "", ByNarrative}}},
		{"On 2 February 2015 Alipay updated its app. The day after, WeChat blocked it.", []wantExpr{{"2 February 2015", "2015-02-02", "", ByAbsolute}, {"The day after", "2015-02-03", "", ByNarrative}}},
		{"2015年2月，微信屏蔽了支付宝红包链接，次日又屏蔽了虾米音乐。", []wantExpr{{"2015年2月", "2015-02", "", ByAbsolute}, {"次日", "2015-02", "", ByNarrative}}},
		// Bare quarters and mid-year open a clause; 年中 inside 今年中国 is none.
		{"一季度，微信支付开始支持", []wantExpr{{"一季度", "2024-Q1", "", ByReference}}},
		{"年中，淘宝开始测试", []wantExpr{{"年中", "2024", "MID", ByReference}}},
		{"今年中国市场", []wantExpr{{"今年", "2024", "", ByReference}}},
		// A list item labelled by its weekday, at a line's start only.
		{"Mon: Alipay added WeChat friends.\nThe Sun: a newspaper.", []wantExpr{{"Mon:", "2024-02-19", "", ByReference}}},
		// "more than … ago" is before then; "less than … ago", after.
		{"more than two years ago", []wantExpr{{"more than two years ago", "2022", "BEFORE", ByReference}}},
		{"less than a year ago", []wantExpr{{"less than a year ago", "2023", "AFTER", ByReference}}},
		// An offset back to the clause after it, from the date just named.
		{"Taobao has taken WeChat Pay since September 2023, a year after it started testing it.",
			[]wantExpr{{"since September 2023", "2023-09", "SINCE", ByAbsolute}, {"a year after", "2022-09", "", ByNarrative}}},
		{"Tencent opened the API on 12 March 2023, just two weeks before Alipay did.",
			[]wantExpr{{"12 March 2023", "2023-03-12", "", ByAbsolute}, {"two weeks before", "2023-W12", "", ByNarrative}}},
		{"In March 2023 it opened. Six months after launching, it had users.", []wantExpr{{"March 2023", "2023-03", "", ByAbsolute}}}, // leads what follows: no anchor named
		{"In March 2023, two months after 2022 ended, it opened.", []wantExpr{{"March 2023", "2023-03", "", ByAbsolute}, {"after 2022", "2022", "AFTER", ByAbsolute}}},
		{"In February, A began. Three months later, B.", []wantExpr{{"February", "2024-02", "", ByReference}, {"Three months later", "2024-05", "", ByNarrative}}},
		// A year's start and end are its first and last quarter (年初 2024-Q1, 年底 2023-Q4).
		{"今年年初", []wantExpr{{"今年年初", "2024-Q1", timeline.ModStart, ByReference}}},
		{"去年年底", []wantExpr{{"去年年底", "2023-Q4", timeline.ModEnd, ByReference}}},

		// Named days.
		{"Before last year's Double 11, Channels", []wantExpr{{"Before last year's Double 11", "2023-11-11", timeline.ModBefore, ByReference}}},
		{"双11前夕，视频号", []wantExpr{{"双11前夕", "2023-11-11", timeline.ModBefore, ByReference}}},
		{"during Singles' Day 2022", []wantExpr{{"Singles' Day 2022", "2022-11-11", "", ByAbsolute}}},
		{"2024年618大促", []wantExpr{{"2024年618", "2024-06-18", "", ByAbsolute}}},
		{"2023年春节", []wantExpr{{"2023年春节", "2023-01-22", "", ByAbsolute}}},
		{"Mid-Autumn Festival 2021", []wantExpr{{"Mid-Autumn Festival 2021", "2021-09-21", "", ByAbsolute}}},

		// Fuzzy edges.
		{"early 2022", []wantExpr{{"early 2022", "2022", timeline.ModStart, ByAbsolute}}},
		{"late 2023", []wantExpr{{"late 2023", "2023", timeline.ModEnd, ByAbsolute}}},
		{"since mid-2021", []wantExpr{{"since mid-2021", "2021", timeline.ModSince, ByAbsolute}}},
		{"2022年初", []wantExpr{{"2022年初", "2022-Q1", timeline.ModStart, ByAbsolute}}},
		// "Lately" is the page's month, as news dates it; "3日前" stays a count.
		{"近日，支付宝上线新功能", []wantExpr{{"近日", "2024-02", timeline.ModNone, ByReference}}},
		{"日前，淘宝宣布", []wantExpr{{"日前", "2024-02", timeline.ModNone, ByReference}}},
		{"Alipay recently began a trial", []wantExpr{{"recently", "2024-02", timeline.ModNone, ByReference}}},
		{"去年底", []wantExpr{{"去年底", "2023-Q4", timeline.ModEnd, ByReference}}},
		{"年底", []wantExpr{{"年底", "2024-Q4", timeline.ModEnd, ByReference}}},
		{"自2021年以来", []wantExpr{{"自2021年以来", "2021", timeline.ModSince, ByAbsolute}}},
		{"around March 2022", []wantExpr{{"around March 2022", "2022-03", timeline.ModApprox, ByAbsolute}}},

		{"at the time of payment", nil},
		{"In 2021, A. Tencent said at the time it agreed.", []wantExpr{{"2021", "2021", "", ByAbsolute}, {"at the time", "2021", "", ByNarrative}}},
		{"In May 2023, A. Since then, B.", []wantExpr{{"May 2023", "2023-05", "", ByAbsolute}, {"Since then", "2023-05", timeline.ModSince, ByNarrative}}},
		{"HANGZHOU, Sept 6 (Example Wire) - Taobao began on Thursday", []wantExpr{{"Thursday", "2024-02-15", "", ByReference}}},
		{"revenue for the June quarter", nil},
		{"2021年9月，工信部开会。当时，腾讯表示支持。", []wantExpr{{"2021年9月", "2021-09", "", ByAbsolute}, {"当时", "2021-09", "", ByNarrative}}},
		{"2024年7月，美团试点；此后一个月，试点扩大。", []wantExpr{{"2024年7月", "2024-07", "", ByAbsolute}, {"此后一个月", "2024-08", "", ByNarrative}}},
		{"It began on Sept. 17, two days after the update.", []wantExpr{{"Sept. 17", "2023-09-17", "", ByReference}}},
		// Continuing the story across a paragraph break.
		{"On September 13, 2021, Tencent replied.\nSeptember 17, WeChat opened links.", []wantExpr{{"September 13, 2021", "2021-09-13", "", ByAbsolute}, {"September 17", "2021-09-17", "", ByNarrative}}},

		// Not dates.
		{"2小时内完成支付", nil},
		{"618 million users", nil},
		{"up 2% and 3.5 times", nil},
		{"WeChat 8.0 and No. 1 and No. 2021", nil},
		{"call 010-2021-5678", nil},
		{"see https://example.com/2021/09/17/story.html", nil},
		{"2000 yuan", nil},
		{"The third quarter financial report of the 2024 fiscal year", nil},
		{"You may pay, march on", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := TagDates(tt.in, ref, "auto")
			if len(got) != len(tt.want) {
				t.Fatalf("got %d expressions %v, want %d", len(got), exprSummary(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Text != w.text || g.Value != w.value || g.Mod != w.mod || g.ResolvedBy != w.by {
					t.Errorf("expression %d = {%q %s %q %s}, want {%q %s %q %s}", i, g.Text, g.Value, g.Mod, g.ResolvedBy, w.text, w.value, w.mod, w.by)
				}
				if tt.in[g.Offset:g.EndOffset()] != g.Text {
					t.Errorf("offset %d does not point at %q", g.Offset, g.Text)
				}
			}
		})
	}
}

func TestTagDatesStartEnd(t *testing.T) {
	got := TagDates("the second half of 2021, 2023-Q3 and 2024-02", ref, "en")
	want := [][2]string{{"2021-07-01", "2021-12-31"}, {"2024-02-01", "2024-02-29"}}
	if len(got) != 2 {
		t.Fatalf("got %v", exprSummary(got))
	}
	for i, w := range want {
		if got[i].Start != w[0] || got[i].End != w[1] {
			t.Errorf("%s: start/end %s %s, want %s %s", got[i].Text, got[i].Start, got[i].End, w[0], w[1])
		}
	}
}

func TestTagDatesLanguageFilter(t *testing.T) {
	text := "In March 2022 and 2021年9月"
	if got := TagDates(text, ref, "en"); len(got) != 1 || got[0].Value != "2022-03" {
		t.Errorf("en: %v", exprSummary(got))
	}
	if got := TagDates(text, ref, "zh"); len(got) != 1 || got[0].Value != "2021-09" {
		t.Errorf("zh: %v", exprSummary(got))
	}
}

// A page's date in its own zone gives the right "yesterday".
func TestRelativeToPageZone(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	page := time.Date(2024, 2, 21, 23, 30, 0, 0, sh) // 15:30 UTC
	if e := TagDates("昨天", page, "zh"); len(e) != 1 || e[0].Value != "2024-02-20" {
		t.Errorf("昨天 from 23:30 Beijing: %v", exprSummary(e))
	}
}

func exprSummary(es []Expression) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Text+"="+e.Value+string(e.Mod))
	}
	return out
}

func FuzzTagDates(f *testing.F) {
	for _, s := range []string{
		"In October of the same year, Alipay supported transfer.",
		"去年10月，淘宝上线微信扫码支付；同年11月又开放了链接。",
		"before last year's Double 11, 双十一前夕, 2023年第三季度, 二〇二一年九月十七日",
		"since mid-2021 3天前 昨天 14:05 Q3 2023 the first half of the year",
		"年底 此后一年 当月 次月 17日 https://x.com/2021/09/17",
		"see you on friday, 2/15 at 4pm, 3 Fridays from now, the last Friday of March, in 2 weeks",
		"Thanksgiving 2013, next Christmas, Black Friday of last year, 后天, 2024年元宵节, 除夕",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []Prefer{PreferNews, PreferPast, PreferFuture, PreferNearest} {
			checkSpans(t, s, TagDatesWith(s, ref, "auto", Options{Prefer: p}))
		}
	})
}

// checkSpans fails on expressions out of order, off their text, or with
// a value that does not parse back.
func checkSpans(t *testing.T, s string, exprs []Expression) {
	t.Helper()
	prev := 0
	for _, e := range exprs {
		if e.Offset < prev || e.EndOffset() > len(s) || s[e.Offset:e.EndOffset()] != e.Text {
			t.Fatalf("bad span %d+%d for %q in %q", e.Offset, len(e.Text), e.Text, s)
		}
		prev = e.EndOffset()
		d, err := timeline.ParseDate(e.Value)
		if err != nil || d.Value() != e.Value || e.Start > e.End {
			t.Fatalf("bad value %q (%s..%s): %v", e.Value, e.Start, e.End, err)
		}
		if utf8.ValidString(s) && !utf8.ValidString(e.Text) {
			t.Fatalf("expression %q splits a character", e.Text)
		}
	}
}

func BenchmarkTagDates(b *testing.B) {
	text := strings.Repeat("In September 2021, Alibaba's applications were connected to WeChat Pay. 去年10月，淘宝上线微信扫码支付；同年11月又开放了链接。 Revenue was 129.07 billion yuan, up 2%. ", 50)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		TagDates(text, ref, "auto")
	}
}

// A bare day in the month before the page, in a story just telling that
// month's news, is more of it; in a story told in its own past, it goes
// on from there.
func TestBareDayAfterRecentNews(t *testing.T) {
	ref := time.Date(2025, 10, 10, 12, 0, 0, 0, time.UTC)
	news := "Taobao will take WeChat Pay, the company said on Thursday.\nThe move follows the 17th of September 2021 deadline.\nOn 3rd October, WeChat began showing Taobao cards."
	if e := TagDates(news, ref, "en"); len(e) != 3 || e[2].Value != "2025-10-03" {
		t.Errorf("news: %v", exprSummary(e))
	}
	story := "On 13 September 2021, WeChat said it would comply.\nOn 3rd October, WeChat began opening links."
	if e := TagDates(story, ref, "en"); len(e) != 2 || e[1].Value != "2021-10-03" {
		t.Errorf("story: %v", exprSummary(e))
	}
	// The byline's own date, written out, is no news of the moment.
	byline := "By Sam Okafor · October 10, 2025\nOn Sept. 13, 2021, Reuters reported the order.\n\"Links will open from Sept. 17,\" Tencent said."
	if e := TagDates(byline, ref, "en"); len(e) != 3 || e[2].Value != "2021-09-17" {
		t.Errorf("byline: %v", exprSummary(e))
	}
}

// A date alone on its line heads what follows: "昨日" under it counts from
// it. A date with other words on its line does not.
func TestDateHeadingsRebase(t *testing.T) {
	ref := time.Date(2025, 6, 3, 12, 0, 0, 0, time.UTC)
	feed := "2025年6月3日 星期二\n淘宝闪购今日宣布接入微信支付。\n2025年6月2日 星期一\n支付宝昨日起支持微信零钱。"
	value := func(es []Expression, text string) string {
		for _, x := range es {
			if x.Text == text {
				return x.Value
			}
		}
		return ""
	}
	if e := TagDates(feed, ref, "zh"); value(e, "今日") != "2025-06-03" || value(e, "昨日起") != "2025-06-01" {
		t.Errorf("feed: %v", exprSummary(e))
	}
	byline := "2025年6月2日 09:00 经济观察网 记者 刘畅\n支付宝昨日起支持微信零钱。"
	if e := TagDates(byline, ref, "zh"); value(e, "昨日起") != "2025-06-02" {
		t.Errorf("byline: %v", exprSummary(e))
	}
}

// A year alone on its line heads the months under it; 刚刚 is the page's
// moment.
func TestYearHeadingsAndJustNow(t *testing.T) {
	ref := time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC)
	text := "以下按时间梳理：\n2021年\n● 9月：工信部召开行政指导会。\n● 11月：淘宝特价版上线微信小程序。\n2024年\n● 9月：淘宝宣布全面接入微信支付。"
	var got []string
	for _, x := range TagDates(text, ref, "zh") {
		got = append(got, x.Value)
	}
	if want := []string{"2021", "2021-09", "2021-11", "2024", "2024-09"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if e := TagDates("刚刚下单的时候发现淘宝接入了微信支付", ref, "zh"); len(e) != 1 || e[0].Value != "2025-10-08" {
		t.Errorf("刚刚: %v", exprSummary(e))
	}
}

// A festival the words put ahead ("临近春节", "ahead of") is the coming
// one, when it comes within two months; otherwise the one before.
func TestUpcomingFestival(t *testing.T) {
	ref := time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)
	for text, want := range map[string]string{
		"微信方面表示，临近春节，平台收到大量举报。":                                   "2025-01-29",
		"春节期间，支付宝红包链接在微信里打不开。":                                    "2024-02-10",
		"Ahead of the Spring Festival, WeChat blocked the links.": "2025-01-29",
	} {
		xs := TagDates(text, ref, "")
		if len(xs) == 0 || xs[0].Value != want {
			t.Errorf("%q: %+v, want %s", text, xs, want)
		}
	}
}

// A relative day glossed with the day itself is that day.
func TestGlossedDay(t *testing.T) {
	ref := time.Date(2018, 3, 26, 9, 0, 0, 0, time.UTC)
	for text, want := range map[string]string{
		"然而昨日(24日)晚间，有网友发现链接被屏蔽。":                             "昨日(24日) 2018-03-24",
		"Yesterday (March 23), Taobao said links would open.": "Yesterday (March 23) 2018-03-23",
		"昨天，淘宝宣布开放链接。":                                        "昨天 2018-03-25",
	} {
		xs := TagDates(text, ref, "")
		if len(xs) == 0 || xs[0].Text+" "+xs[0].Value != want {
			t.Errorf("%q: %+v, want %s", text, xs, want)
		}
	}
}

// A shopping festival's warm-up is the weeks before it: the quarter, not
// the day; a plain day followed by a presale stays that day.
func TestFestivalWarmUp(t *testing.T) {
	ref := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	for text, want := range map[string]string{
		"去年双11预热期，淘宝测试了微信扫码支付。":                                      "2023-Q4",
		"During last year's Singles' Day presale, Taobao tested it.": "2023-Q4",
		"去年10月20日预售开启，淘宝测试了微信扫码支付。":                                  "2023-10-20",
	} {
		xs := TagDates(text, ref, "")
		if len(xs) == 0 || xs[0].Value != want {
			t.Errorf("%q: %+v, want %s", text, xs, want)
		}
	}
}

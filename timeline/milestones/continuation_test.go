package milestones

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wallbreak/wallbreak/timeline"
)

// Statements that continue a dated event without a date of their own take
// the story's date, in the same paragraph or a later one; a capability the
// report finds takes the report's day.
func TestContinuationsTakeTheStorysDate(t *testing.T) {
	pub := time.Date(2021, 9, 18, 9, 0, 0, 0, time.UTC)
	ex := &Extractor{}
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"after a briefing, a new paragraph",
			"9月13日，工信部召开发布会，要求平台限期解除屏蔽网址链接。\n会后，腾讯回应称将分阶段实施互联互通。",
			[]string{"2021-09-13 [miit]", "2021-09-13 [tencent]"}},
		{"in retaliation",
			"In 2013, Tencent blocked Taobao links in WeChat.\nIn retaliation, Alibaba dropped WeChat Pay from Taobao.",
			[]string{"2013 [tencent taobao wechat]", "2013 [alibaba wechat-pay taobao]"}},
		{"that was the first time, after a clause's finer date",
			"WeChat announced in November in 2020 that all external links open in chats.\nThat was the first time for WeChat and Taobao to allow links to each other.",
			[]string{"2020-11 [wechat]", "2020-11 [wechat taobao]"}},
		{"after this update",
			"2020年11月29日，微信发布外链管理规范的更新声明。\n记者随后测试，此次更新后，从微信访问淘宝链接将不会再出现提示页面。",
			[]string{"2020-11-29 [wechat]", "2020-11-29 [wechat taobao]"}},
		{"a report's day leading a step with its own date, then a state",
			"2021年9月16日，据某科技媒体报道，天猫App自8月接入云闪付以来，现已向全部用户开放。同时，饿了么、优酷等应用都已接入微信支付。",
			[]string{"2021-08 [tmall unionpay]", "2021-09-18 [ele-me youku wechat-pay]"}}, // the state on the report's day
		{"an announcement joined to the plan it announced",
			"Taobao's news made waves on 16 September 2021.\nFirst, Taobao published a call for comments on WeChat Pay, and plans to take it everywhere by 30 September 2021.",
			[]string{"2021-09-16 [taobao wechat-pay]"}}, // the call, the story's step, told better than the news hook; the plan set aside
		{"a sequence opener starting a paragraph",
			"2021年9月，工信部召开行政指导会，要求各平台解除对外链的屏蔽。\n随后，包括腾讯在内的多家企业开始分阶段落实互联互通方案。",
			[]string{"2021-09 [miit]", "2021-09 [tencent]"}},
		{"a subject, then its step",
			"On 16 September 2021, Taobao released a call for comments on WeChat Pay. Tmall then released one of its own on WeChat Pay.",
			[]string{"2021-09-16 [taobao wechat-pay]", "2021-09-16 [tmall wechat-pay]"}},
		{"a capability the report finds",
			"On 17 September 2021, QQ began opening Taobao links.\nLinks to Tmall can be opened directly on QQ as well.",
			[]string{"2021-09-17 [qq taobao]", "2021-09-18 [tmall qq]"}}, // the report's day
		{"no date in the story: nothing to continue",
			"In retaliation, Alibaba dropped WeChat Pay from Taobao.",
			nil},
		{"a capability off the topic is no step",
			"On 17 September 2021, QQ began opening Taobao links.\nTaobao can now be used directly to sell second-hand goods.",
			[]string{"2021-09-17 [qq taobao]"}},
	} {
		var got []string
		for _, m := range ex.Extract(timeline.Document{Text: tt.text, PublishedAt: &pub}) {
			got = append(got, m.Date+" "+fmtActors(m.Actors))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A headline repeated as a caption is one statement, not two; a step
// told again in other words is one step.
func TestRepeatedStatementIsOne(t *testing.T) {
	pub := time.Date(2022, 1, 28, 9, 0, 0, 0, time.UTC)
	text := "1月27日，微信可以直接打开淘宝商品链接。\n1月27日，微信可以直接打开淘宝商品链接。\n淘宝方面表示，1月27日起链接直接可见。"
	ms, ds := (&Extractor{}).Explain(timeline.Document{Text: text, PublishedAt: &pub})
	// The third line tells the same step again (Taobao confirming it): the
	// timeline takes it once.
	if len(ms) != 1 {
		t.Errorf("%d milestones %v, want 1", len(ms), summary(ms))
	}
	if len(ds) < 3 || ds[1].Rule != "repeated" || ds[2].Rule != "same-step" {
		t.Errorf("decisions %+v, want the second dropped as repeated, the third as same-step", ds)
	}
}

func fmtActors(ids []string) string { return "[" + strings.Join(ids, " ") + "]" }

// An actor's response to the event just told is dated by it; a response
// denying any plan is no step.
func TestResponsesTakeTheStorysDate(t *testing.T) {
	pub := time.Date(2021, 9, 14, 9, 0, 0, 0, time.UTC)
	text := "On 13 September 2021, the industry ministry ordered platforms to stop blocking each other's links.\n" +
		"Alibaba confirmed the contents of the notice.\n美团方面回应称没有这个计划。"
	var got []string
	for _, m := range (&Extractor{}).Extract(timeline.Document{Text: text, PublishedAt: &pub}) {
		got = append(got, m.Date+" "+fmtActors(m.Actors))
	}
	if want := []string{"2021-09-13 []", "2021-09-13 [alibaba]"}; len(got) != 2 || got[1] != want[1] {
		t.Errorf("%q, want the ministry's order and Alibaba's confirmation, %q", got, want)
	}
}

// A page tells a step once and then describes it: one milestone, unless
// a line adds to it; a later telling with its own full date replaces an
// earlier relative one.
func TestSameStepOnce(t *testing.T) {
	pub := time.Date(2024, 6, 21, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"described line by line",
			"On 20 June 2024, WeChat began opening Taobao links in chats.\nOn 20 June 2024, a WeChat chat showed the Taobao goods and their prices instead of a code.",
			[]string{"2024-06-20 [wechat taobao]"}},
		{"a line adding to it",
			"On 20 June 2024, WeChat began opening Taobao links in chats.\nOn 20 June 2024, WeChat also opened Taobao links in group chats.",
			[]string{"2024-06-20 [wechat taobao]", "2024-06-20 [wechat taobao]"}},
		{"the fuller date wins",
			"Recently, UnionPay terminals began accepting WeChat Pay codes.\nIn June 2024, UnionPay terminals began accepting WeChat Pay codes in every shop.",
			[]string{"2024-06 [unionpay wechat-pay]"}},
	} {
		var got []string
		ms, ds := (&Extractor{}).Explain(timeline.Document{Text: tt.text, PublishedAt: &pub})
		for _, m := range ms {
			got = append(got, m.Date+" "+fmtActors(m.Actors))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		kept := 0
		for _, d := range ds {
			if d.Milestone {
				kept++
			}
		}
		if kept != len(ms) {
			t.Errorf("%s: %d decisions say milestone, %d milestones", tt.name, kept, len(ms))
		}
	}
}

// What follows a step and its plan goes on from the step, not from the
// plan's date.
func TestFollowOnAfterAPlan(t *testing.T) {
	pub := time.Date(2024, 9, 6, 9, 0, 0, 0, time.UTC)
	text := "On 4 September 2024, Taobao released a call for comments on WeChat Pay, and plans to take it everywhere by 30 September 2024. Tmall then released one of its own on WeChat Pay."
	var got []string
	for _, m := range (&Extractor{}).Extract(timeline.Document{Text: text, Lang: "en", PublishedAt: &pub}) {
		got = append(got, m.Date+" "+string(m.Status))
	}
	if want := []string{"2024-09-04 happened", "2024-09-30 planned", "2024-09-04 happened"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// An announcement joined to its plan by "，并计划" is cut after the
// full-width comma: both parts stay valid text.
func TestAnnouncedHeadCutsWholeRunes(t *testing.T) {
	pub := time.Date(2024, 9, 5, 9, 0, 0, 0, time.UTC)
	text := "2024年9月4日，淘宝与微信支付举行了对接会。\n淘宝发布了接入微信支付的征求意见稿，并计划于2024年9月30日全面接入微信支付。"
	_, ds := (&Extractor{}).Explain(timeline.Document{Text: text, PublishedAt: &pub})
	var quotes []string
	for _, d := range ds {
		if !utf8.ValidString(d.Quote) {
			t.Errorf("quote %q is not valid UTF-8", d.Quote)
		}
		quotes = append(quotes, d.Quote)
	}
	if len(ds) != 3 || !strings.Contains(ds[2].Quote, "计划于2024年9月30日") {
		t.Errorf("quotes %q, want the announcement and the plan apart", quotes)
	}
}

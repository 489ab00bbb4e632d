package milestones

import (
	"slices"
	"strings"
	"testing"
	"time"

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

// A headline repeated as a caption is one statement, not two.
func TestRepeatedStatementIsOne(t *testing.T) {
	pub := time.Date(2022, 1, 28, 9, 0, 0, 0, time.UTC)
	text := "1月27日，微信可以直接打开淘宝商品链接。\n1月27日，微信可以直接打开淘宝商品链接。\n淘宝方面表示，1月27日起链接直接可见。"
	ms, ds := (&Extractor{}).Explain(timeline.Document{Text: text, PublishedAt: &pub})
	if len(ms) != 2 {
		t.Errorf("%d milestones %v, want 2", len(ms), summary(ms))
	}
	if len(ds) < 2 || ds[1].Rule != "repeated" {
		t.Errorf("decisions %+v, want the second dropped as repeated", ds)
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

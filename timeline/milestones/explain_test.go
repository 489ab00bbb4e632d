package milestones

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
)

// Every dated statement gets one decision, named by the rule that made it.
func TestExplainNamesTheRule(t *testing.T) {
	ex := &Extractor{Now: func() time.Time { return ref }}
	for _, tt := range []struct {
		text      string
		milestone bool
		status    timeline.Status
		rule      string
	}{
		{"In January 2024, Taobao began accepting WeChat Pay.", true, timeline.StatusHappened, ""},
		{"In January 2024, Meituan did not accept WeChat Pay.", false, "", "negated"},
		{"In 2023, WeChat Pay's share of Taobao orders continued to rise.", false, "", "trend"},
		{"In March 2022 the weather in Hangzhou was fine.", false, "", "no-actor"},
		{"Alibaba's shares rose 5% on Tuesday.", false, "", "off-topic-document"}, // a page of one sentence, about shares
		{"On Tuesday Taobao opened to WeChat Pay and Alibaba's shares rose 5%.", false, "", "financial-figure"},
		{"2023年，淘宝平台成交额达12亿元。", false, "", "turnover"},
		{"截至今年1月，淘宝已接入微信支付。", false, "", "snapshot"},
		{"这起诉讼是2023年底新规公布以来，淘宝与微信之间的首例屏蔽纠纷。", false, "", "first-since"},
		{"It was the first link-blocking case between Taobao and WeChat since December 2023.", false, "", "first-since"},
		{"In January 2024, Taobao said it plans to accept WeChat Pay.", true, timeline.StatusHappened, ""},
		{"Analysts believe that in January 2024 Taobao opened to WeChat Pay.", true, timeline.StatusOpinion, "opinion"},
		{"这跟2022年淘宝与微信的互相屏蔽如出一辙。", true, timeline.StatusOpinion, "opinion"}, // a comparison, a writer's view
		{"In March 2024, Taobao will accept WeChat Pay.", true, timeline.StatusPlanned, "after-page-date"},
		{"From January 2021 to March 2022 Taobao and WeChat were apart.", false, "", "period"},
		{"12月2日晚间，支付宝发布的声明称", false, "", "bare-attribution"},                                            // what was said is in the next sentence
		{"In July 2023, Douyin tested food delivery in Shanghai.", false, "", "one-side"},               // one platform's own business
		{"In July 2023, JD launched a new logo for its shopping app.", false, "", "one-side"},           // no category, no second side
		{"2023年7月3日上午，工业和信息化部在发布会上介绍制造业发展情况。", false, "", "one-side"},                                   // a regulator alone, no wall
		{"In July 2023, Ant Group confirmed the test.", true, timeline.StatusHappened, ""},              // a step told before
		{"In July 2023, Xianyu signed a deal to open its checkout.", true, timeline.StatusHappened, ""}, // the other party unnamed
	} {
		_, ds := ex.Explain(timeline.Document{Text: tt.text, PublishedAt: &ref})
		if len(ds) != 1 {
			t.Errorf("%q: %d decisions %+v, want 1", tt.text, len(ds), ds)
			continue
		}
		d := ds[0]
		if d.Milestone != tt.milestone || d.Status != tt.status || d.Rule != tt.rule {
			t.Errorf("%q: milestone %v status %q rule %q, want %v %q %q", tt.text, d.Milestone, d.Status, d.Rule, tt.milestone, tt.status, tt.rule)
		}
		if d.Rule != "" && d.Why == "" {
			t.Errorf("%q: rule %q says no why", tt.text, d.Rule)
		}
		if d.DateText == "" || !strings.Contains(tt.text, d.DateText) {
			t.Errorf("%q: date text %q", tt.text, d.DateText)
		}
	}
}

// Explaining changes nothing: the same milestones, each with the decision
// that kept it, in text order, and no decision twice.
func TestExplainAgreesWithExtract(t *testing.T) {
	doc := seedDocument(t)
	ex := &Extractor{}
	want := ex.Extract(doc)
	got, ds := ex.Explain(doc)
	if !slices.EqualFunc(got, want, func(a, b timeline.Milestone) bool { return a.ID == b.ID && a.Quote == b.Quote }) {
		t.Fatalf("Explain's milestones differ from Extract's")
	}
	var kept []string
	dropped := 0
	for i, d := range ds {
		if i > 0 && d.Offset < ds[i-1].Offset {
			t.Errorf("decision %d at %d before %d", i, d.Offset, ds[i-1].Offset)
		}
		if d.Milestone {
			kept = append(kept, d.MilestoneID)
		} else {
			dropped++
			if d.Rule == "" {
				t.Errorf("dropped without a rule: %+v", d)
			}
		}
	}
	var ids []string
	for _, m := range want {
		ids = append(ids, m.ID)
	}
	if !slices.Equal(kept, ids) {
		t.Errorf("kept %v, extracted %v", kept, ids)
	}
	if dropped == 0 {
		t.Errorf("the seed thread has dated statements that are no steps; none was dropped")
	}
}

func TestRulesAreNamedOnce(t *testing.T) {
	drop, status := Rules()
	seen := map[string]bool{}
	for _, r := range append(drop, status...) {
		if r.Name == "" || r.Why == "" || seen[r.Name] {
			t.Errorf("rule %+v: empty or named twice", r)
		}
		seen[r.Name] = true
	}
	for _, r := range status {
		if r.Status == "" {
			t.Errorf("status rule %q sets no status", r.Name)
		}
	}
	if len(drop) < 10 || len(status) < 4 {
		t.Errorf("%d drop rules, %d status rules", len(drop), len(status))
	}
}

// An earnings report names actors and dates but is not the story: every
// dated statement is dropped as off topic, and the page is scored so.
func TestOffTopicPageAddsNothing(t *testing.T) {
	pub := time.Date(2025, 8, 14, 9, 0, 0, 0, time.UTC)
	doc := timeline.Document{Title: "Tencent's second quarter", PublishedAt: &pub, Text: "On Wednesday, Tencent reported second-quarter revenue of 180 billion yuan, up 15 percent.\n" +
		"Its net profit rose to 55 billion yuan in the three months to June.\n" +
		"In May, Tencent launched a new version of its AI model for business customers.\n" +
		"Tencent shares closed 2 percent higher on Thursday."}
	ex := &Extractor{}
	if score, on := ex.Topic(doc); on || score > 0 {
		t.Errorf("earnings page: topic %.2f %v", score, on)
	}
	ms, ds := ex.Explain(doc)
	if len(ms) != 0 || len(ds) < 3 {
		t.Fatalf("%d milestones, %d decisions", len(ms), len(ds))
	}
	for _, d := range ds {
		if d.Rule != "off-topic-document" {
			t.Errorf("%q: %s, want off-topic-document", d.Quote, d.Rule)
		}
	}
}

// In a page about the story, one side's own act with an off-topic word
// is dropped; the steps around it stay.
func TestOffTopicStatementInAStory(t *testing.T) {
	pub := time.Date(2024, 9, 6, 9, 0, 0, 0, time.UTC)
	doc := timeline.Document{PublishedAt: &pub, Text: "On 5 September 2024, Taobao began accepting WeChat Pay for all orders.\n" +
		"WeChat had opened external links to Taobao in September 2021.\n" +
		"In 2023, Alibaba announced a reorganisation into six business groups."}
	_, ds := (&Extractor{}).Explain(doc)
	var got []string
	for _, d := range ds {
		got = append(got, d.Date+" "+d.Rule)
	}
	want := []string{"2024-09-05 ", "2021-09 ", "2023 off-topic"}
	if !slices.Equal(got, want) {
		t.Errorf("decisions %q, want %q", got, want)
	}
}

// Announcements with a plan inside, considerations, rumours and undated
// leads in the present perfect, as real coverage writes them.
func TestAnnouncementsConsiderationsLeads(t *testing.T) {
	pub := time.Date(2024, 9, 6, 9, 0, 0, 0, time.UTC)
	ex := &Extractor{}
	for _, tt := range []struct {
		text   string
		want   string // date status rule of the first decision
		single bool
	}{
		{"淘宝今日发布公告称，平台计划新增微信支付能力。", "2024-09-06 happened ", true},
		{"On Monday, WeChat announced it will stop blocking Taobao links.", "2024-09-02 happened ", true},
		{"淘宝方面回应称，该功能将于今日起覆盖全部用户。", "2024-09-06 planned plan", true},
		{"In July, a newspaper reported that Tencent was considering letting Taobao links open in WeChat.", "2024-07 planned considered", true},
		{"据传，京东上月已接入支付宝。", "2024-08 opinion rumour", true},
		{"今年1月，市场曾流出京东与支付宝达成扫码互认合作的消息。", "2024-01 opinion rumour", true},
		{"抖音相关负责人8月5日晚间回应称，并没有这样的计划接入支付宝。", "2024-08-05 dropped negated", true},
		{"MIIT has asked internet platforms including Alibaba and Tencent to stop blocking links.\nThe order follows months of complaints.", "2024-09 happened ", false},
	} {
		_, ds := ex.Explain(timeline.Document{Text: tt.text, PublishedAt: &pub})
		if len(ds) == 0 {
			t.Errorf("%q: no decision", tt.text)
			continue
		}
		d := ds[0]
		status := string(d.Status)
		if !d.Milestone {
			status = "dropped"
		}
		if got := d.Date + " " + status + " " + d.Rule; got != tt.want || tt.single && len(ds) != 1 {
			t.Errorf("%q: %q (%d decisions), want %q", tt.text, got, len(ds), tt.want)
		}
	}
}

// What a speaker asked is no step, however dated.
func TestQuotedQuestionIsAnOpinion(t *testing.T) {
	pub := time.Date(2020, 7, 31, 9, 0, 0, 0, time.UTC)
	_, ds := (&Extractor{}).Explain(timeline.Document{PublishedAt: &pub,
		Text: "On Thursday, Meituan's founder asked in a post, “Why does Taobao still not accept WeChat Pay?”"})
	if len(ds) != 1 || !ds[0].Milestone || ds[0].Status != timeline.StatusOpinion || ds[0].Rule != "question" {
		t.Errorf("decisions %+v, want an opinion by rule question", ds)
	}
}

// A payment or transaction value is a figure, not a step.
func TestTransactionValueIsAFigure(t *testing.T) {
	pub := time.Date(2024, 9, 6, 9, 0, 0, 0, time.UTC)
	text := "In 2018, the annual payment value of the UnionPay app was only about 10 billion yuan, far behind Alipay and WeChat Pay."
	_, ds := (&Extractor{}).Explain(timeline.Document{Text: text, PublishedAt: &pub})
	if len(ds) != 1 || ds[0].Milestone || ds[0].Rule != "turnover" {
		t.Errorf("decisions %+v, want dropped by turnover", ds)
	}
}

// docs/milestone-rules.md names every rule, so the page researchers read
// cannot drift from the code.
func TestRulesAreDocumented(t *testing.T) {
	b, err := os.ReadFile("../../docs/milestone-rules.md")
	if err != nil {
		t.Fatal(err)
	}
	drop, status := Rules()
	for _, r := range append(drop, status...) {
		if !strings.Contains(string(b), "| `"+r.Name+"` |") {
			t.Errorf("docs/milestone-rules.md does not list rule %q", r.Name)
		}
	}
}

// A wall going up, told as an inability, is a step; a step not yet taken
// is not.
func TestBlockToldAsAnInability(t *testing.T) {
	pub := time.Date(2018, 3, 9, 20, 0, 0, 0, time.UTC)
	ex := &Extractor{}
	for text, want := range map[string]bool{
		"3月9日，拼多多分享到微信的链接不能打开。":                                        true,
		"On Friday, links to Pinduoduo could not be opened in WeChat.": true,
		"3月9日，淘宝仍未接入微信支付。":                                             false,
	} {
		ms := ex.Extract(timeline.Document{Text: text, PublishedAt: &pub})
		if got := len(ms) == 1; got != want {
			t.Errorf("%q: %d milestones, want a step: %v", text, len(ms), want)
		}
	}
}

// ScoreTopic scores a document once; Extract reads the stored flag
// rather than scoring again, and skips an off-topic page.
func TestScoreTopicIsRead(t *testing.T) {
	pub := time.Date(2024, 9, 6, 9, 0, 0, 0, time.UTC)
	doc := timeline.Document{PublishedAt: &pub, Text: "On 5 September 2024, Taobao began accepting WeChat Pay."}
	ex := &Extractor{}
	ex.ScoreTopic(&doc)
	if doc.OnTopic == nil || !*doc.OnTopic || doc.TopicScore != 1 {
		t.Fatalf("scored on_topic %v, %.2f", doc.OnTopic, doc.TopicScore)
	}
	if ms := ex.Extract(doc); len(ms) != 1 {
		t.Errorf("on topic: %d milestones", len(ms))
	}
	off := false
	doc.OnTopic = &off
	if ms := ex.Extract(doc); len(ms) != 0 {
		t.Errorf("stored off topic: %d milestones, want none", len(ms))
	}
	if _, ds := ex.Explain(doc); len(ds) != 1 || ds[0].Rule != "off-topic-document" {
		t.Errorf("stored off topic, explained: %+v", ds)
	}
}

// A regulator's demand with what it will do inside happened; an undated
// lead is dated by the next sentence when that says when it was spoken.
func TestDemandsAndSpokenLeads(t *testing.T) {
	pub := time.Date(2021, 9, 14, 9, 0, 0, 0, time.UTC)
	text := "BEIJING – The industry ministry has asked internet platforms to stop blocking each other's links and will punish those that fail to comply.\n" +
		"A ministry spokesman made the comments at a briefing on Monday."
	ms := (&Extractor{}).Extract(timeline.Document{Text: text, Lang: "en", PublishedAt: &pub})
	if len(ms) == 0 || ms[0].Date != "2021-09-13" || ms[0].Status != timeline.StatusHappened {
		t.Errorf("got %v, want the demand on 2021-09-13, happened", summary(ms))
	}
	lead := "BEIJING – The industry ministry has asked internet platforms to stop blocking each other's links.\nThe platforms have until the end of the month."
	ms = (&Extractor{}).Extract(timeline.Document{Text: lead, Lang: "en", PublishedAt: &pub})
	if len(ms) == 0 || ms[0].Date != "2021-09" {
		t.Errorf("got %v, want the lead in the report's month", summary(ms))
	}
}

// A lead joining a plan and a step by "while" gives the step, in the
// report's month; an adverb may stand inside the present perfect.
func TestLeadWithContrast(t *testing.T) {
	pub := time.Date(2024, 9, 5, 9, 0, 0, 0, time.UTC)
	text := "Taobao will introduce WeChat Pay, while several of Meituan's businesses have officially joined Alipay. The two moves surprised analysts."
	ms := (&Extractor{}).Extract(timeline.Document{Text: text, Lang: "en", PublishedAt: &pub})
	if len(ms) != 1 || ms[0].Date != "2024-09" || !strings.HasPrefix(ms[0].Quote, "several of Meituan") {
		t.Errorf("got %v", summary(ms))
	}
}

// A statement whose own words are off the topic is dropped even when the
// story lends it a second side ("… the regulator announced an antitrust
// investigation into Alibaba" in a story about Douyin suing Tencent).
func TestOffTopicByItsOwnWords(t *testing.T) {
	pub := time.Date(2021, 2, 3, 9, 0, 0, 0, time.UTC)
	text := "On 2 February 2021, Douyin sued Tencent for blocking its links in WeChat.\n" +
		"It comes as regulators step up their scrutiny. In December 2020 the market regulator announced an antitrust investigation into e-commerce giant Alibaba."
	_, ds := (&Extractor{}).Explain(timeline.Document{Text: text, Lang: "en", PublishedAt: &pub})
	var rules []string
	for _, d := range ds {
		rules = append(rules, d.Date+" "+d.Rule)
	}
	if want := []string{"2021-02-02 ", "2020-12 off-topic"}; !slices.Equal(rules, want) {
		t.Errorf("decisions %q, want %q", rules, want)
	}
}

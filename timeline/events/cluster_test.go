package events

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
)

func rep(id, docID, lang, date, quote, category string, pub time.Time, actors ...string) Reported {
	d, err := timeline.ParseDate(date)
	if err != nil {
		panic(err)
	}
	return Reported{
		Milestone: timeline.Milestone{ID: id, DocumentID: docID, Date: date, Precision: d.Precision, Start: d.Start().Format(time.DateOnly),
			End: d.End().Format(time.DateOnly), Actors: actors, Category: category, Status: timeline.StatusHappened, Quote: quote, Confidence: 0.8},
		Doc: timeline.Document{ID: docID, URL: "https://" + docID + ".example/", Title: docID, Publisher: docID, Lang: lang, PublishedAt: &pub},
	}
}

var (
	pubA = time.Date(2024, 2, 21, 10, 0, 0, 0, time.UTC)
	pubB = time.Date(2024, 2, 22, 9, 0, 0, 0, time.UTC)
	pubC = time.Date(2023, 10, 26, 9, 0, 0, 0, time.UTC)
)

func TestClusterSameStepAcrossDocumentsAndLanguages(t *testing.T) {
	in := []Reported{
		rep("m1", "seed", "en", "2022-03", "In March 2022, Taobao launched an internal test of WeChat Pay.", "payment", pubA, "taobao", "wechat-pay"),
		rep("m2", "wire", "en", "2022-03", "In March 2022, Taobao began an internal test of WeChat Pay for some users.", "payment", pubB, "taobao", "wechat-pay"),
		rep("m3", "zh", "zh", "2022-03", "2022年3月，淘宝开始内测微信支付", "payment", pubC, "taobao", "wechat-pay"),
		// Other steps: another month, another category, other actors.
		rep("m4", "wire", "en", "2022-10", "In October of the same year, Alipay supported transfers to WeChat friends.", "payment", pubB, "alipay", "wechat"),
		rep("m5", "seed", "en", "2022-03", "In March 2022, Taobao ads began to appear in WeChat Moments.", "ads", pubA, "taobao", "moments"),
		rep("m6", "zh", "zh", "2024-02-20", "2月20日，淘宝客服回应称微信支付正在逐步开放。", "payment", pubC, "taobao", "wechat-pay"),
	}
	evs := Cluster(in)
	if len(evs) != 4 {
		for _, e := range evs {
			t.Logf("%s %s %v %d", e.Date, e.Title, e.MilestoneIDs, e.SourceCount)
		}
		t.Fatalf("%d events, want 4", len(evs))
	}
	var test *timeline.Event
	for i := range evs {
		if slices.Contains(evs[i].MilestoneIDs, "m1") {
			test = &evs[i]
		}
	}
	if test == nil || test.SourceCount != 3 || !slices.Equal(test.MilestoneIDs, []string{"m1", "m2", "m3"}) || test.Date != "2022-03" {
		t.Fatalf("the March 2022 test: %+v", test)
	}
	if !slices.Equal(test.Actors, []string{"taobao", "wechat-pay"}) || test.Category != "payment" {
		t.Errorf("actors %v category %s", test.Actors, test.Category)
	}
	if test.FirstReportedAt == nil || !test.FirstReportedAt.Equal(pubC) || test.Sources[0].Lang != "zh" {
		t.Errorf("first reported %v; sources oldest first: %+v", test.FirstReportedAt, test.Sources)
	}
	if test.Title != "In March 2022, Taobao launched an internal test of WeChat Pay." {
		t.Errorf("title %q: want an English report's words", test.Title)
	}
	if test.Confidence <= 0.8 || test.Confidence > 1 {
		t.Errorf("confidence %v: corroboration should raise it", test.Confidence)
	}
	// Oldest first.
	for i := 1; i < len(evs); i++ {
		if evs[i].Start < evs[i-1].Start {
			t.Errorf("events out of order: %s before %s", evs[i-1].Date, evs[i].Date)
		}
	}
}

func TestClusterIsDeterministic(t *testing.T) {
	in := []Reported{
		rep("a", "d1", "en", "2022-03-05", "On March 5, 2022, Taobao opened WeChat Pay to testers.", "payment", pubA, "taobao", "wechat-pay"),
		rep("b", "d2", "en", "2022-03", "Taobao opened WeChat Pay to testers in March 2022.", "payment", pubB, "taobao", "wechat-pay"),
		rep("c", "d3", "en", "2022-03-07", "Taobao opened WeChat Pay to testers on March 7, 2022.", "payment", pubC, "taobao", "wechat-pay"),
		rep("d", "d4", "en", "2022-03-05", "Taobao opened WeChat Pay to testers on 5 March 2022.", "payment", pubC, "taobao", "wechat-pay"),
		rep("e", "d1", "en", "2021-09-17", "On September 17, 2021, the MIIT told platforms to stop blocking links.", "regulation", pubA, "miit"),
	}
	want := Cluster(in)
	for k := 0; k < 20; k++ {
		shuffled := slices.Clone(in)
		rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got := Cluster(shuffled)
		if len(got) != len(want) {
			t.Fatalf("%d events, then %d", len(want), len(got))
		}
		for i := range got {
			if got[i].ID != want[i].ID || !slices.Equal(got[i].MilestoneIDs, want[i].MilestoneIDs) || got[i].Date != want[i].Date {
				t.Fatalf("order changed the events: %+v vs %+v", got[i], want[i])
			}
		}
	}
	// The day most sources give wins; the other day is a conflict; the
	// month report agrees with both.
	ev := want[1]
	if ev.Date != "2022-03-05" || ev.SourceCount != 4 || len(ev.DateConflicts) != 1 || ev.DateConflicts[0] != (timeline.DateConflict{Date: "2022-03-07", Sources: 1}) {
		t.Errorf("merged date: %s, %d sources, conflicts %+v", ev.Date, ev.SourceCount, ev.DateConflicts)
	}
	// A later report keeps the event's id.
	more := append(slices.Clone(in), rep("f", "d5", "en", "2022-03", "Taobao opened WeChat Pay to testers in March 2022, reports say.", "payment", pubB.AddDate(0, 1, 0), "taobao", "wechat-pay"))
	for _, e := range Cluster(more) {
		if slices.Contains(e.MilestoneIDs, "f") && e.ID != ev.ID {
			t.Errorf("a later report changed the id: %s → %s", ev.ID, e.ID)
		}
	}
}

func TestClusterDoesNotChainOrMixStatuses(t *testing.T) {
	in := []Reported{
		rep("y", "d1", "en", "2022", "In 2022, Taobao tested WeChat Pay.", "payment", pubA, "taobao", "wechat-pay"),
		rep("d", "d2", "en", "2022-03-05", "On March 5, 2022, Taobao tested WeChat Pay.", "payment", pubB, "taobao", "wechat-pay"),
		rep("q", "d3", "en", "2022-Q3", "In the third quarter of 2022, Taobao tested WeChat Pay.", "payment", pubC, "taobao", "wechat-pay"),
	}
	planned := rep("p", "d4", "en", "2022-03", "Taobao will test WeChat Pay in March 2022.", "payment", pubC, "taobao", "wechat-pay")
	planned.Milestone.Status = timeline.StatusPlanned
	in = append(in, planned)
	for _, e := range Cluster(in) {
		if slices.Contains(e.MilestoneIDs, "d") && slices.Contains(e.MilestoneIDs, "y") {
			t.Errorf("a year and a day merged: %v", e.MilestoneIDs)
		}
		if slices.Contains(e.MilestoneIDs, "p") && len(e.MilestoneIDs) > 1 {
			t.Errorf("a plan merged with what happened: %v", e.MilestoneIDs)
		}
		if slices.Contains(e.MilestoneIDs, "d") && slices.Contains(e.MilestoneIDs, "q") {
			t.Errorf("March and Q3 merged: %v", e.MilestoneIDs)
		}
	}
}

func TestClusterOneDocumentIsOneSource(t *testing.T) {
	in := []Reported{
		rep("h", "d1", "en", "2022-03", "Taobao began testing WeChat Pay in March 2022.", "payment", pubA, "taobao", "wechat-pay"),
		rep("b", "d1", "en", "2022-03", "In March 2022, Taobao began testing WeChat Pay with some users.", "payment", pubA, "taobao", "wechat-pay"),
	}
	evs := Cluster(in)
	if len(evs) != 1 || evs[0].SourceCount != 1 || len(evs[0].Sources) != 1 {
		t.Errorf("one document reporting a step twice: %+v", evs)
	}
}

package milestones

import (
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
)

// A page without a publication date is never dated by the clock: relative
// dates resolve against the latest date its text names, else not at all.
func TestUndatedPageResolvesAgainstItsText(t *testing.T) {
	crawl := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	ex := &Extractor{Now: func() time.Time { return crawl }}
	for _, tt := range []struct {
		name, text string
		want       []string // dates of the milestones, happened or not
		dropped    string   // the rule that dropped a statement, if one is expected
	}{
		{"weekday after a full date",
			"On 13 September 2021 the industry ministry summoned Alibaba and Tencent. On Friday, Tencent said it had started opening links to Taobao.",
			[]string{"2021-09-13", "2021-09-10"}, ""},
		{"yearless day after a year",
			"2021年，阿里巴巴与腾讯开始互通。9月30日，淘宝宣布接入微信支付。",
			[]string{"2021", "2021-09-30"}, ""},
		{"nothing to resolve against",
			"Yesterday, Taobao began accepting WeChat Pay for some orders.",
			nil, "no-page-date"},
	} {
		doc := timeline.Document{Text: tt.text, FetchedAt: crawl}
		ms, ds := ex.Explain(doc)
		var got []string
		for _, m := range ms {
			got = append(got, m.Date)
			if d, _ := m.DateValue(); d.Start().After(crawl) {
				t.Errorf("%s: %s dated after the crawl", tt.name, m.Date)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: milestones %v, want %v", tt.name, got, tt.want)
		} else {
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("%s: milestones %v, want %v", tt.name, got, tt.want)
					break
				}
			}
		}
		if tt.dropped != "" {
			if len(ds) == 0 || ds[0].Rule != tt.dropped || ds[0].Date != "" {
				t.Errorf("%s: decisions %+v, want dropped by %s, unresolved", tt.name, ds, tt.dropped)
			}
		}
	}
}

// Resolved against the text, a relative date is trusted less than one
// resolved against the page's own date.
func TestTextReferenceLowersConfidence(t *testing.T) {
	text := "On 13 September 2021 the industry ministry summoned Alibaba and Tencent. On Friday, Tencent began opening links to Taobao."
	pub := time.Date(2021, 9, 13, 18, 0, 0, 0, time.UTC)
	ex := &Extractor{}
	dated := ex.Extract(timeline.Document{Text: text, PublishedAt: &pub})
	undated := ex.Extract(timeline.Document{Text: text, FetchedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if len(dated) != 2 || len(undated) != 2 || dated[1].Date != undated[1].Date {
		t.Fatalf("dated %v, undated %v", summary(dated), summary(undated))
	}
	if undated[1].Confidence >= dated[1].Confidence || undated[0].Confidence != dated[0].Confidence {
		t.Errorf("confidence: dated page %.2f/%.2f, undated %.2f/%.2f", dated[0].Confidence, dated[1].Confidence, undated[0].Confidence, undated[1].Confidence)
	}
}

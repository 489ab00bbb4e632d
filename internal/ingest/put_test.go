package ingest_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/timeline"
)

func TestPutStoresAndIndexes(t *testing.T) {
	e := openEnv(t, t.TempDir())
	d := onTopic(1)
	e.put(t, d)
	e.flush(t)
	got, ms := e.stored(t, d.ID)
	if got.URL != d.URL || len(ms) != 1 {
		t.Fatalf("stored %q with %d milestones, want %q with 1", got.URL, len(ms), d.URL)
	}
	art, err := e.ix.ArticleByID(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if art.URL != d.URL || len(art.Milestones) != 1 || art.Milestones[0].ID != ms[0].ID {
		t.Errorf("indexed %q with milestones %+v, want %q with %s", art.URL, art.Milestones, d.URL, ms[0].ID)
	}
}

// A document that names an actor but dates nothing is on topic: it is
// indexed with the actors its text names, so a search by actor finds it.
func TestActorWithoutMilestoneIsIndexedWithItsActors(t *testing.T) {
	e := openEnv(t, t.TempDir())
	d := doc("http://news.test/shares", "Markets", "Alibaba shares rose in Hong Kong trading after the results.")
	e.put(t, d)
	e.flush(t)
	if _, ms := e.stored(t, d.ID); len(ms) != 0 {
		t.Fatalf("%d milestones, want none", len(ms))
	}
	res, err := e.ix.Search(context.Background(), index.SearchQuery{Actors: []string{"alibaba"}, NoFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Articles) != 1 || res.Articles[0].ID != d.ID {
		t.Errorf("search by actor found %+v, want %s", res.Articles, d.ID)
	}
}

func TestOffTopicIsStoredNotIndexed(t *testing.T) {
	e := openEnv(t, t.TempDir())
	d := offTopic()
	e.put(t, d)
	e.flush(t)
	if got, ms := e.stored(t, d.ID); got.URL != d.URL || len(ms) != 0 {
		t.Errorf("stored %q with %d milestones, want %q with none", got.URL, len(ms), d.URL)
	}
	if e.indexed(t, d.ID) {
		t.Error("an off-topic document was indexed")
	}
	if w := e.ix.writes(); len(w) != 0 {
		t.Errorf("index batches %v, want none", w)
	}
	if !strings.Contains(e.logs.String(), "off topic, not indexed") {
		t.Errorf("no off-topic log line in:\n%s", e.logs)
	}
}

func TestRepostBecomesAMirrorOfTheFirstCopy(t *testing.T) {
	e := openEnv(t, t.TempDir())
	orig := doc("http://nandu.test/story", "Taobao and WeChat Pay", story)
	repost := doc("http://reposts.test/story", "Taobao and WeChat Pay (repost)", story+" Reposted without changes.")
	repost.Publisher = "Reposts Daily"
	// The original still waits in the batch when its repost comes.
	e.put(t, orig)
	e.put(t, repost)
	e.put(t, repost) // seen again: listed once
	e.flush(t)

	gotRepost, ms := e.stored(t, repost.ID)
	if gotRepost.DuplicateOf != orig.ID || len(ms) != 0 {
		t.Errorf("repost stored as duplicate of %q with %d milestones, want of %q with none", gotRepost.DuplicateOf, len(ms), orig.ID)
	}
	gotOrig, origMs := e.stored(t, orig.ID)
	if len(gotOrig.Mirrors) != 1 || gotOrig.Mirrors[0].URL != repost.URL || gotOrig.Mirrors[0].Publisher != "Reposts Daily" {
		t.Errorf("original lists mirrors %+v, want the repost once", gotOrig.Mirrors)
	}
	if len(origMs) == 0 {
		t.Fatal("the original has no milestones")
	}
	if e.indexed(t, repost.ID) || !e.indexed(t, orig.ID) {
		t.Errorf("indexed: repost %v, original %v; want only the original", e.indexed(t, repost.ID), e.indexed(t, orig.ID))
	}
	page, err := e.ix.Timeline(context.Background(), index.TimelineQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) == 0 {
		t.Fatal("no events")
	}
	for _, ev := range page.Events {
		src := ev.Sources[0]
		if len(ev.Sources) != 1 || src.URL != orig.URL || len(src.Mirrors) != 1 || src.Mirrors[0].URL != repost.URL {
			t.Errorf("event %s: sources %+v, want the original listing the repost", ev.Date, ev.Sources)
		}
		for _, id := range ev.MilestoneIDs {
			if !slices.ContainsFunc(origMs, func(m timeline.Milestone) bool { return m.ID == id }) {
				t.Errorf("event %s holds milestone %s, not one of the original's", ev.Date, id)
			}
		}
	}
	if n := strings.Count(e.logs.String(), "repost of a known story recorded as a mirror"); n != 2 {
		t.Errorf("%d mirror log lines, want 2", n)
	}
}

func TestSamePageChangedIsExtractedAgain(t *testing.T) {
	e := openEnv(t, t.TempDir())
	d := doc("http://nandu.test/story", "Taobao and WeChat Pay", story)
	e.put(t, d)
	_, before := e.stored(t, d.ID)
	d.Text = story + " On 1 March 2024, Tmall also began accepting WeChat Pay."
	e.put(t, d)
	e.flush(t)
	got, after := e.stored(t, d.ID)
	if got.DuplicateOf != "" || len(after) != len(before)+1 {
		t.Errorf("changed page: duplicate of %q, %d milestones; want none and %d", got.DuplicateOf, len(after), len(before)+1)
	}
	art, err := e.ix.ArticleByID(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(art.Milestones) != len(after) {
		t.Errorf("index has %d milestones, store %d", len(art.Milestones), len(after))
	}
}

// A near-identical text stored under another id at the same URL (as an
// older id scheme might have left) is the same page changed, not a repost.
func TestSameURLUnderAnotherIDIsNotAMirror(t *testing.T) {
	e := openEnv(t, t.TempDir())
	old := doc("http://nandu.test/story", "Taobao and WeChat Pay", story)
	old.ID = "old-id"
	e.put(t, old)
	d := doc(old.URL, old.Title, story+" On 1 March 2024, Tmall also began accepting WeChat Pay.")
	e.put(t, d)
	e.flush(t)
	got, ms := e.stored(t, d.ID)
	if got.DuplicateOf != "" || len(ms) == 0 {
		t.Errorf("stored as duplicate of %q with %d milestones; want extracted", got.DuplicateOf, len(ms))
	}
	if prev, _ := e.stored(t, old.ID); len(prev.Mirrors) != 0 {
		t.Errorf("the old copy lists mirrors %+v", prev.Mirrors)
	}
	if !e.indexed(t, d.ID) {
		t.Error("the changed page is not indexed")
	}
}

// A short text is not compared for near-duplicates: two short reports
// of the same step are two sources.
func TestShortTextIsNeverAMirror(t *testing.T) {
	e := openEnv(t, t.TempDir())
	a, b := onTopic(1), onTopic(1)
	b.URL, b.ID = "http://other.test/a/1", timeline.DocumentID("http://other.test/a/1")
	e.put(t, a, b)
	e.flush(t)
	if !e.indexed(t, a.ID) || !e.indexed(t, b.ID) {
		t.Errorf("indexed %v and %v, want both", e.indexed(t, a.ID), e.indexed(t, b.ID))
	}
}

// A page naming the story's actors but not about it (results, a
// reorganisation) is stored flagged and stays searchable, with no
// milestones.
func TestPageOffTheTopicIsFlaggedAndSearchable(t *testing.T) {
	e := openEnv(t, t.TempDir())
	d := doc("https://news.example/tencent-results", "Tencent's quarter",
		"On 14 August 2024, Tencent reported second-quarter revenue of 161 billion yuan. Its net profit rose 82 percent in the quarter.")
	e.put(t, d)
	e.flush(t)
	got, ms := e.stored(t, d.ID)
	if got.OnTopic == nil || *got.OnTopic || len(ms) != 0 {
		t.Errorf("stored on_topic %v score %.2f with %d milestones, want false and none", got.OnTopic, got.TopicScore, len(ms))
	}
	if !e.indexed(t, d.ID) {
		t.Error("the page is not searchable")
	}
	story := onTopic(1)
	e.put(t, story)
	e.flush(t)
	if got, ms := e.stored(t, story.ID); got.OnTopic == nil || !*got.OnTopic || got.TopicScore == 0 || len(ms) == 0 {
		t.Errorf("story stored on_topic %v score %.2f with %d milestones", got.OnTopic, got.TopicScore, len(ms))
	}
}

package synth

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/events"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

func TestGenerateIsDeterministicAndDistinct(t *testing.T) {
	if Generate(1, 7).Text() != Generate(1, 7).Text() {
		t.Fatal("same seed and number, different text")
	}
	ex := &milestones.Extractor{Profile: timeline.DefaultProfile()}
	prints := map[uint64]int{}
	langs := map[string]int{}
	steps, found := 0, 0
	for i := 0; i < 200; i++ {
		a := Generate(1, i)
		langs[a.Lang]++
		fp := events.Fingerprint(a.Text())
		for other, j := range prints {
			if d := events.HammingDistance(fp, other); d <= events.NearDuplicateBits {
				t.Fatalf("articles %d and %d are near-duplicates (%d bits)", i, j, d)
			}
		}
		prints[fp] = i
		pub := a.Published
		ms := ex.Extract(timeline.Document{ID: "x", URL: "http://x/", Title: a.Title, Text: a.Text(), Lang: a.Lang, PublishedAt: &pub})
		if len(ms) == 0 {
			t.Errorf("article %d (%s) yields no milestone: %q", i, a.Lang, a.Paragraph[0])
		}
		for _, st := range a.Steps {
			steps++
			for _, m := range ms {
				if m.Date == st.Date && slices.Contains(m.Actors, st.Actors[0]) {
					found++
					break
				}
			}
		}
	}
	// The generated steps are what the extractor finds (date and actor).
	if float64(found) < 0.9*float64(steps) {
		t.Errorf("extractor found %d of %d generated steps", found, steps)
	}
	if langs["zh"] == 0 || langs["en"] == 0 {
		t.Errorf("languages %v", langs)
	}
}

func TestSiteConditionalRequests(t *testing.T) {
	site := &Site{N: 20, Seed: 3}
	srv := httptest.NewServer(site)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Count(string(body), "<item>") != 20 {
		t.Fatalf("feed has %d items", strings.Count(string(body), "<item>"))
	}
	path := Generate(3, 5).Path()
	resp, err = http.Get(srv.URL + path)
	if err != nil || resp.StatusCode != 200 {
		t.Fatal(resp, err)
	}
	resp.Body.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified || site.Served(path) != 1 || site.NotMod.Load() != 1 {
		t.Errorf("conditional GET: %d, served %d, 304s %d", resp.StatusCode, site.Served(path), site.NotMod.Load())
	}
}

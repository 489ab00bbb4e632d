package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/wallbreak/wallbreak/timeline"
)

// Event is event n of a synthetic timeline: a step dated at day, month or
// quarter precision between 2021 and 2025, with two actors, a category and
// one to four sources in English or Chinese. For load tests of the API.
func Event(seed uint64, n int) timeline.Event {
	rng := rand.New(rand.NewPCG(seed^0x5eed, uint64(n)+7))
	day := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(5*365))
	var d timeline.Date
	switch rng.IntN(3) {
	case 0:
		d, _ = timeline.ParseDate(day.Format(time.DateOnly))
	case 1:
		d, _ = timeline.ParseDate(day.Format("2006-01"))
	default:
		d, _ = timeline.ParseDate(fmt.Sprintf("%d-Q%d", day.Year(), (int(day.Month())-1)/3+1))
	}
	p, q := payers[rng.IntN(len(payers))], payees[rng.IntN(len(payees))]
	k := rng.IntN(len(actionsEN))
	title := fmt.Sprintf(actionsEN[k], p.en, q.en)
	ev := timeline.Event{
		ID: fmt.Sprintf("ev-synth-%07d", n), Date: d.Value(), Precision: d.Precision,
		Start: d.Start().Format(time.DateOnly), End: d.End().Format(time.DateOnly),
		Title: title, Actors: []string{p.id, q.id}, Category: categoriesEN[k], Confidence: 0.9,
	}
	for i := rng.IntN(4); i >= 0; i-- {
		pub := d.End().AddDate(0, 0, 1+rng.IntN(60))
		src := timeline.Source{URL: fmt.Sprintf("https://news%d.example/%d/%d", i, n, i), Title: title,
			Publisher: fmt.Sprintf("Synthetic News %d", i), PublishedAt: &pub, Quote: title + ".", Lang: "en"}
		if rng.IntN(3) == 0 {
			src.Lang, src.Quote = "zh", fmt.Sprintf(actionsZH[rng.IntN(len(actionsZH))], p.zh, q.zh)+"。"
		}
		ev.Sources = append(ev.Sources, src)
		if ev.FirstReportedAt == nil || pub.Before(*ev.FirstReportedAt) {
			ev.FirstReportedAt = &pub
		}
	}
	ev.SourceCount = len(ev.Sources)
	ev.MilestoneIDs = []string{ev.ID + "-m"}
	return ev
}

// Indexed is a as the index takes it without extraction: the document,
// the milestones it was written with (happened, month precision) and
// every actor they name.
func (a Article) Indexed() (timeline.Document, []timeline.Milestone, []string) {
	pub := a.Published
	doc := timeline.Document{ID: fmt.Sprintf("synth-%07d", a.N), URL: "https://news.example" + a.Path(), Title: a.Title,
		Publisher: "Synthetic News", Source: "synth-" + a.Lang, Kind: "article", Lang: a.Lang, Text: a.Text(), PublishedAt: &pub}
	var ms []timeline.Milestone
	var actors []string
	for k, st := range a.Steps {
		d, err := timeline.ParseDate(st.Date)
		if err != nil {
			panic(fmt.Sprintf("synth: step date %q: %v", st.Date, err))
		}
		ms = append(ms, timeline.Milestone{ID: fmt.Sprintf("%s-%d", doc.ID, k), DocumentID: doc.ID, Date: st.Date,
			Precision: timeline.PrecisionMonth, Start: d.Start().Format(time.DateOnly), End: d.End().Format(time.DateOnly),
			Actors: st.Actors, Category: st.Category, Status: timeline.StatusHappened, Quote: st.Quote, Confidence: 0.9})
		for _, x := range st.Actors {
			if !slices.Contains(actors, x) {
				actors = append(actors, x)
			}
		}
	}
	return doc, ms, actors
}

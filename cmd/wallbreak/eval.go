package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/wallbreak/wallbreak/crawler"
	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
)

// goldSet is a hand-annotated evaluation set (testdata/gold/gold.yaml).
type goldSet struct {
	Documents []goldDoc `yaml:"documents"`
}

type goldDoc struct {
	File       string          `yaml:"file"`
	URL        string          `yaml:"url"`
	Kind       string          `yaml:"kind"`
	Published  string          `yaml:"published"` // the page's publication day, YYYY-MM-DD
	Milestones []goldMilestone `yaml:"milestones"`
}

type goldMilestone struct {
	Date   string   `yaml:"date"`
	Actors []string `yaml:"actors"`
	How    string   `yaml:"how"`   // absolute | reference | narrative
	Quote  string   `yaml:"quote"` // a distinctive piece of the statement in the page text
}

// evalScores are the figures `wallbreak eval` reports.
type evalScores struct {
	Documents       int       `json:"documents"`
	Gold            int       `json:"gold_milestones"`
	Predicted       int       `json:"predicted_milestones"`
	Matched         int       `json:"matched"`
	Precision       float64   `json:"precision"`
	Recall          float64   `json:"recall"`
	F1              float64   `json:"f1"`
	DateAccuracy    float64   `json:"date_accuracy"`     // of matched milestones
	RelativeDateAcc float64   `json:"relative_date_acc"` // of matched milestones needing reference or narrative resolution
	ActorF1         float64   `json:"actor_f1"`          // micro F1 of actor sets over matched milestones
	PublishedAcc    float64   `json:"published_date_accuracy"`
	PerDocument     []evalDoc `json:"per_document"`
	// The same figures by the page's language and by how the gold date
	// resolves, and the milestones on distractor pages (--breakdown).
	ByLang      map[string]*evalPart `json:"by_lang,omitempty"`
	ByHow       map[string]*evalPart `json:"by_how,omitempty"`
	Distractors []evalDistractor     `json:"distractors,omitempty"`
}

type evalDoc struct {
	File          string   `json:"file"`
	Lang          string   `json:"lang"`
	Gold          int      `json:"gold"`
	Predicted     int      `json:"predicted"`
	Matched       int      `json:"matched"`
	DatesRight    int      `json:"dates_right"`
	Published     string   `json:"published"`
	PublishedOK   bool     `json:"published_ok"`
	PublishedFrom string   `json:"published_from,omitempty"`
	Missed        []string `json:"missed,omitempty"`
	Wrong         []string `json:"wrong_dates,omitempty"`
	FalsePositive []string `json:"false_positives,omitempty"`
	outcomes      []goldOutcome
}

func (m *Main) runEval(_ context.Context, args []string) error {
	fs := newFlagSet(m, "eval", "eval [--gold FILE] [--json] [--verbose] [--breakdown] [--distractors FILE]")
	goldPath := fs.String("gold", "testdata/gold/gold.yaml", "gold set (YAML; pages beside it)")
	asJSON := fs.Bool("json", false, "print JSON")
	verbose := fs.Bool("verbose", false, "list misses, wrong dates and false positives")
	breakdown := fs.Bool("breakdown", false, "figures by language and by how dates resolve, and milestones on distractor pages")
	distractors := fs.String("distractors", "", "pages that are not the story, one a line (default: distractors.txt beside the gold file, if any)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	scores, err := evaluate(*goldPath)
	if err != nil {
		return exitError{code: 2, err: err}
	}
	if *breakdown || *distractors != "" {
		if err := scores.breakDown(*goldPath, *distractors); err != nil {
			return exitError{code: 2, err: err}
		}
	}
	if *asJSON {
		return writeJSON(m, scores)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DOCUMENT\tGOLD\tPRED\tMATCH\tDATE OK\tPUBLISHED")
	for _, d := range scores.PerDocument {
		pub := d.Published
		if !d.PublishedOK {
			pub += " ✗"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", d.File, d.Gold, d.Predicted, d.Matched, d.DatesRight, pub)
	}
	tw.Flush()
	fmt.Fprintf(m.Stdout, "\n%d documents, %d gold milestones, %d predicted, %d matched\n", scores.Documents, scores.Gold, scores.Predicted, scores.Matched)
	fmt.Fprintf(m.Stdout, "milestone precision %.3f  recall %.3f  F1 %.3f\n", scores.Precision, scores.Recall, scores.F1)
	fmt.Fprintf(m.Stdout, "date accuracy %.3f (relative dates %.3f)  actor F1 %.3f  published-date accuracy %.3f\n",
		scores.DateAccuracy, scores.RelativeDateAcc, scores.ActorF1, scores.PublishedAcc)
	scores.printBreakdown(m.Stdout)
	if *verbose {
		for _, d := range scores.PerDocument {
			for _, s := range d.Missed {
				fmt.Fprintf(m.Stdout, "MISSED  %s: %s\n", d.File, s)
			}
			for _, s := range d.Wrong {
				fmt.Fprintf(m.Stdout, "DATE    %s: %s\n", d.File, s)
			}
			for _, s := range d.FalsePositive {
				fmt.Fprintf(m.Stdout, "EXTRA   %s: %s\n", d.File, s)
			}
		}
	}
	return nil
}

// evaluate extracts every gold page the way the crawler does (charset
// decoding, main text, forum posts; no publication date given) and scores
// the milestones that happened against the annotations.
func evaluate(goldPath string) (evalScores, error) {
	data, err := os.ReadFile(goldPath)
	if err != nil {
		return evalScores{}, err
	}
	var gold goldSet
	if err := yaml.UnmarshalWithOptions(data, &gold, yaml.Strict()); err != nil {
		return evalScores{}, fmt.Errorf("%s: %s", goldPath, yaml.FormatError(err, false, true))
	}
	var s evalScores
	var datesRight, relTotal, relRight, pubRight, actorTP, actorFP, actorFN int
	ex := &milestones.Extractor{}
	for _, gd := range gold.Documents {
		body, err := os.ReadFile(filepath.Join(filepath.Dir(goldPath), gd.File))
		if err != nil {
			return evalScores{}, err
		}
		docs, err := crawler.ExtractHTML(gd.URL, crawler.DecodeBody(body, ""), crawler.Hints{})
		if err != nil {
			return evalScores{}, fmt.Errorf("%s: %w", gd.File, err)
		}
		ed := evalDoc{File: gd.File, Gold: len(gd.Milestones), Lang: docs[0].Lang, PublishedFrom: docs[0].PublishedFrom}
		if p := docs[0].PublishedAt; p != nil {
			ed.Published = p.Format(time.DateOnly)
		}
		ed.PublishedOK = ed.Published == gd.Published
		if ed.PublishedOK {
			pubRight++
		}
		type pred struct {
			doc  int
			m    timeline.Milestone
			used bool
		}
		var preds []*pred
		for i, d := range docs {
			for _, m := range ex.Extract(d) {
				if m.Status == timeline.StatusHappened {
					preds = append(preds, &pred{doc: i, m: m})
				}
			}
		}
		ed.Predicted = len(preds)
		for _, g := range gd.Milestones {
			di, off := findQuote(docs, g.Quote)
			if di < 0 {
				ed.Missed = append(ed.Missed, fmt.Sprintf("%s %q (not in the extracted text)", g.Date, g.Quote))
				ed.outcomes = append(ed.outcomes, goldOutcome{how: g.How})
				continue
			}
			var best *pred
			for _, p := range preds {
				if p.used || p.doc != di || p.m.QuoteOffset >= off+len(normalizeSpace(g.Quote)) || p.m.QuoteOffset+len(p.m.Quote) <= off {
					continue
				}
				if best == nil || p.m.Date == g.Date && best.m.Date != g.Date {
					best = p
				}
			}
			if best == nil {
				ed.Missed = append(ed.Missed, fmt.Sprintf("%s %v %q", g.Date, g.Actors, g.Quote))
				ed.outcomes = append(ed.outcomes, goldOutcome{how: g.How})
				continue
			}
			best.used = true
			ed.Matched++
			ed.outcomes = append(ed.outcomes, goldOutcome{how: g.How, matched: true, dateOK: best.m.Date == g.Date})
			if g.How != "absolute" {
				relTotal++
			}
			if best.m.Date == g.Date {
				ed.DatesRight++
				if g.How != "absolute" {
					relRight++
				}
			} else {
				ed.Wrong = append(ed.Wrong, fmt.Sprintf("got %s (%q), want %s: %q", best.m.Date, best.m.DateText, g.Date, g.Quote))
			}
			for _, a := range best.m.Actors {
				if slices.Contains(g.Actors, a) {
					actorTP++
				} else {
					actorFP++
				}
			}
			for _, a := range g.Actors {
				if !slices.Contains(best.m.Actors, a) {
					actorFN++
				}
			}
		}
		for _, p := range preds {
			if !p.used {
				ed.FalsePositive = append(ed.FalsePositive, fmt.Sprintf("%s %v %q", p.m.Date, p.m.Actors, timeline.Headline(p.m.Quote, 100)))
			}
		}
		s.Documents++
		s.Gold += ed.Gold
		s.Predicted += ed.Predicted
		s.Matched += ed.Matched
		datesRight += ed.DatesRight
		s.PerDocument = append(s.PerDocument, ed)
	}
	s.Precision = ratio(s.Matched, s.Predicted)
	s.Recall = ratio(s.Matched, s.Gold)
	s.F1 = harmonic(s.Precision, s.Recall)
	s.DateAccuracy = ratio(datesRight, s.Matched)
	s.RelativeDateAcc = ratio(relRight, relTotal)
	s.ActorF1 = harmonic(ratio(actorTP, actorTP+actorFP), ratio(actorTP, actorTP+actorFN))
	s.PublishedAcc = ratio(pubRight, s.Documents)
	return s, nil
}

// findQuote locates a gold quote in the extracted documents' text.
func findQuote(docs []timeline.Document, quote string) (doc, offset int) {
	q := normalizeSpace(quote)
	for i, d := range docs {
		if off := strings.Index(d.Text, q); off >= 0 {
			return i, off
		}
	}
	return -1, -1
}

func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

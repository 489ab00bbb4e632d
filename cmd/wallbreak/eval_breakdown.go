package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// goldOutcome is what became of one gold milestone.
type goldOutcome struct {
	how             string
	matched, dateOK bool
}

// evalPart is the score of one slice of the gold set (a language, a way
// dates resolve).
type evalPart struct {
	Gold         int     `json:"gold"`
	Predicted    int     `json:"predicted,omitempty"` // by language only
	Matched      int     `json:"matched"`
	DatesRight   int     `json:"dates_right"`
	Precision    float64 `json:"precision,omitempty"`
	Recall       float64 `json:"recall"`
	DateAccuracy float64 `json:"date_accuracy"`
	// DatedRecall: gold milestones found with the right date, of all.
	DatedRecall float64 `json:"dated_recall"`
}

// evalDistractor is a page that is not the story and what was extracted
// from it anyway.
type evalDistractor struct {
	File       string   `json:"file"`
	Milestones int      `json:"milestones"`
	Quotes     []string `json:"quotes,omitempty"`
}

// breakDown adds the figures by language, by how dates resolve and on the
// distractor pages listed in distractorsPath (default: distractors.txt
// beside the gold file, when there is one).
func (s *evalScores) breakDown(goldPath, distractorsPath string) error {
	s.ByLang, s.ByHow = map[string]*evalPart{}, map[string]*evalPart{}
	part := func(m map[string]*evalPart, k string) *evalPart {
		if m[k] == nil {
			m[k] = &evalPart{}
		}
		return m[k]
	}
	for _, d := range s.PerDocument {
		lp := part(s.ByLang, d.Lang)
		lp.Predicted += d.Predicted
		for _, o := range d.outcomes {
			for _, p := range []*evalPart{lp, part(s.ByHow, o.how)} {
				p.Gold++
				if o.matched {
					p.Matched++
				}
				if o.dateOK {
					p.DatesRight++
				}
			}
		}
	}
	for _, p := range s.ByLang {
		p.Precision = ratio(p.Matched, p.Predicted)
		p.finish()
	}
	for _, p := range s.ByHow {
		p.finish()
	}
	files, err := readDistractors(goldPath, distractorsPath)
	if err != nil {
		return err
	}
	for _, d := range s.PerDocument {
		if files[d.File] {
			s.Distractors = append(s.Distractors, evalDistractor{File: d.File, Milestones: d.Predicted, Quotes: d.FalsePositive})
		}
	}
	return nil
}

func (p *evalPart) finish() {
	p.Recall = ratio(p.Matched, p.Gold)
	p.DateAccuracy = ratio(p.DatesRight, p.Matched)
	p.DatedRecall = ratio(p.DatesRight, p.Gold)
}

// readDistractors reads a list of page files, one a line ("#" comments).
func readDistractors(goldPath, path string) (map[string]bool, error) {
	explicit := path != ""
	if !explicit {
		path = filepath.Join(filepath.Dir(goldPath), "distractors.txt")
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out[l] = true
		}
	}
	return out, sc.Err()
}

// printBreakdown prints the figures breakDown added, if any.
func (s *evalScores) printBreakdown(w io.Writer) {
	if s.ByLang == nil {
		return
	}
	fmt.Fprintln(w)
	for _, k := range sortedKeys(s.ByLang) {
		p := s.ByLang[k]
		fmt.Fprintf(w, "lang %-9s gold %3d  precision %.3f  recall %.3f  date accuracy %.3f\n", k, p.Gold, p.Precision, p.Recall, p.DateAccuracy)
	}
	for _, k := range sortedKeys(s.ByHow) {
		p := s.ByHow[k]
		fmt.Fprintf(w, "how  %-9s gold %3d  recall %.3f  date accuracy %.3f  found with the right date %.3f\n", k, p.Gold, p.Recall, p.DateAccuracy, p.DatedRecall)
	}
	if s.Distractors == nil {
		return
	}
	total := 0
	for _, d := range s.Distractors {
		total += d.Milestones
	}
	fmt.Fprintf(w, "distractor pages %d, milestones on them %d\n", len(s.Distractors), total)
	for _, d := range s.Distractors {
		fmt.Fprintf(w, "  %-56s %d\n", d.File, d.Milestones)
	}
}

func sortedKeys(m map[string]*evalPart) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

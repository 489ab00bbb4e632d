package main

import (
	"strings"
	"unicode"
)

// score is one page's outcome. For a full-text corpus it holds the page's
// shingle TP/FP/FN normalised to sum to 1 (the article-extraction-benchmark
// metric); for a snippet corpus the counts of expected snippets found (TP)
// and missed (FN) and of unwanted snippets found (FP) or absent (TN).
type score struct {
	tp, fp, fn, tn float64
}

func (s score) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (s score) precision() float64 {
	if s.fp == 0 && s.fn == 0 {
		return 1
	}
	if s.tp+s.fp == 0 {
		return 0
	}
	return s.tp / (s.tp + s.fp)
}

func (s score) recall() float64 {
	if s.fp == 0 && s.fn == 0 {
		return 1
	}
	if s.tp+s.fn == 0 {
		return 0
	}
	return s.tp / (s.tp + s.fn)
}

// words splits text into runs of letters, digits and underscores, as
// Python's re \w+ does.
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// shingles counts the text's runs of n consecutive words (one shorter run
// when the text has fewer than n words, none when it has no words).
func shingles(text string, n int) map[string]int {
	w := words(text)
	out := map[string]int{}
	for i := 0; i < max(1, len(w)-n+1); i++ {
		if i >= len(w) {
			break
		}
		out[strings.Join(w[i:min(i+n, len(w))], "\x00")]++
	}
	return out
}

// shingleScore compares a prediction with the expected text over 4-word
// shingles, normalised so that every page weighs the same.
func shingleScore(want, got string) score {
	ws, gs := shingles(want, 4), shingles(got, 4)
	var s score
	for k, wc := range ws {
		gc := gs[k]
		s.tp += float64(min(wc, gc))
		s.fn += float64(max(0, wc-gc))
	}
	for k, gc := range gs {
		s.fp += float64(max(0, gc-ws[k]))
	}
	if sum := s.tp + s.fp + s.fn; sum > 0 {
		s.tp, s.fp, s.fn = s.tp/sum, s.fp/sum, s.fn/sum
	}
	return s
}

// snippetScore counts the expected and unwanted snippets in a prediction
// (an empty prediction finds none of either).
func snippetScore(with, without []string, got string) score {
	var s score
	for _, w := range with {
		if got != "" && strings.Contains(got, w) {
			s.tp++
		} else {
			s.fn++
		}
	}
	for _, w := range without {
		if got != "" && strings.Contains(got, w) {
			s.fp++
		} else {
			s.tn++
		}
	}
	return s
}

// summary aggregates pages the way each corpus's own evaluation does:
// shingle scores as the mean of per-page precision (pages with a
// prediction) and recall (pages with expected text), F1 from those two;
// snippet scores by summing the counts over all pages.
type summary struct {
	f1, precision, recall float64
}

func summarize(scores []score, snippets bool) summary {
	if snippets {
		var t score
		for _, s := range scores {
			t.tp, t.fp, t.fn, t.tn = t.tp+s.tp, t.fp+s.fp, t.fn+s.fn, t.tn+s.tn
		}
		p, r := t.tp/(t.tp+t.fp), t.tp/(t.tp+t.fn)
		return summary{f1: 2 * t.tp / (2*t.tp + t.fp + t.fn), precision: p, recall: r}
	}
	var ps, rs []float64
	for _, s := range scores {
		if s.tp+s.fp > 0 {
			ps = append(ps, s.precision())
		}
		if s.tp+s.fn > 0 {
			rs = append(rs, s.recall())
		}
	}
	p, r := mean(ps), mean(rs)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return summary{f1: f, precision: p, recall: r}
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t / float64(len(xs))
}

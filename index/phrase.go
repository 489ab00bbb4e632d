package index

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Phrases without Bleve's phrase searcher.
//
// Every Chinese word is searched as a phrase of CJK bigrams. Bleve's
// phrase searcher checks a candidate by building a map of maps of its
// term locations, and at a million articles that — not reading postings —
// was most of a Chinese query's time. phraseQuery finds the same
// documents with the same scores (the conjunction of the phrase's terms,
// which is what Bleve scores too) and checks positions straight from the
// candidate's list of term locations. Only the locations of the phrase's
// occurrences are kept, as Bleve does, for highlighting.

// phraseQuery matches text as a phrase in field, analysed as the field is.
type phraseQuery struct {
	field, text string
}

func (q *phraseQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	analyzer := m.AnalyzerNamed(m.AnalyzerNameForPath(q.field))
	if analyzer == nil {
		return nil, fmt.Errorf("phrase: no analyzer for field %s", q.field)
	}
	tokens := analyzer.Analyze([]byte(q.text))
	if len(tokens) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	// Slots by relative position; a slot left empty (a stop word) takes
	// any term.
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	slots := make([][]string, last-first+1)
	for _, t := range tokens {
		i := t.Position - first
		if !slices.Contains(slots[i], string(t.Term)) {
			slots[i] = append(slots[i], string(t.Term))
		}
	}
	if snap, ok := postingsPath(ctx, r, opts); ok {
		// Nothing asks for the locations: read positions straight from
		// the postings (terms.go).
		var terms []fieldTerm
		var at []uint64
		single := true
		for i, ts := range slots {
			single = single && len(ts) <= 1
			for _, t := range ts {
				terms, at = append(terms, fieldTerm{q.field, t}), append(at, uint64(i))
			}
		}
		if single {
			s, err := newTermsSearcher(ctx, snap, terms, at, opts)
			if s != nil {
				phraseFromPostings.Add(1)
			}
			if err != nil || s != nil {
				return s, err
			}
		}
	}
	opts.IncludeTermVectors = true
	var parts []search.Searcher
	closeAll := func() {
		for _, p := range parts {
			_ = p.Close()
		}
	}
	for _, terms := range slots {
		if len(terms) == 0 {
			continue
		}
		var alts []search.Searcher
		for _, t := range terms {
			ts, err := searcher.NewTermSearcher(ctx, r, t, q.field, 1.0, opts)
			if err != nil {
				closeAll()
				return nil, err
			}
			alts = append(alts, ts)
		}
		if len(alts) == 1 {
			parts = append(parts, alts[0])
			continue
		}
		d, err := searcher.NewDisjunctionSearcher(ctx, r, alts, 1, opts)
		if err != nil {
			closeAll()
			return nil, err
		}
		parts = append(parts, d)
	}
	inner, err := searcher.NewConjunctionSearcher(ctx, r, parts, opts)
	if err != nil {
		closeAll()
		return nil, err
	}
	return &phraseSearcher{inner: inner, field: q.field, slots: slots}, nil
}

type phraseSearcher struct {
	inner search.Searcher
	field string
	slots [][]string
	pos   [][]uint64 // per slot: positions of its terms (reused)
	start []uint64   // starts of the occurrences found (reused)
}

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.inner.Next(ctx)
	return s.settle(ctx, d, err)
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.inner.Advance(ctx, id)
	return s.settle(ctx, d, err)
}

func (s *phraseSearcher) settle(ctx *search.SearchContext, d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for err == nil && d != nil {
		if s.occurs(d) {
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
		d, err = s.inner.Next(ctx)
	}
	return d, err
}

// occurs tells whether the phrase occurs in d and keeps, of d's term
// locations, those of its occurrences.
func (s *phraseSearcher) occurs(d *search.DocumentMatch) bool {
	if s.pos == nil {
		s.pos = make([][]uint64, len(s.slots))
	}
	for i := range s.pos {
		s.pos[i] = s.pos[i][:0]
	}
	for _, ftl := range d.FieldTermLocations {
		if ftl.Field != s.field {
			continue
		}
		for i, terms := range s.slots {
			if slices.Contains(terms, ftl.Term) {
				s.pos[i] = append(s.pos[i], ftl.Location.Pos)
			}
		}
	}
	// The first slot with terms anchors each candidate occurrence.
	anchor := slices.IndexFunc(s.slots, func(t []string) bool { return len(t) > 0 })
	s.start = s.start[:0]
	for _, p := range s.pos[anchor] {
		if p < uint64(anchor) {
			continue
		}
		start := p - uint64(anchor)
		ok := true
		for i, terms := range s.slots {
			if len(terms) > 0 && !slices.Contains(s.pos[i], start+uint64(i)) {
				ok = false
				break
			}
		}
		if ok {
			s.start = append(s.start, start)
		}
	}
	if len(s.start) == 0 {
		return false
	}
	kept := d.FieldTermLocations[:0]
	for _, ftl := range d.FieldTermLocations {
		if ftl.Field != s.field {
			continue
		}
		for _, start := range s.start {
			if i := ftl.Location.Pos - start; ftl.Location.Pos >= start && i < uint64(len(s.slots)) && slices.Contains(s.slots[i], ftl.Term) {
				kept = append(kept, ftl)
				break
			}
		}
	}
	d.FieldTermLocations = kept
	return true
}

func (s *phraseSearcher) Close() error               { return s.inner.Close() }
func (s *phraseSearcher) Weight() float64            { return s.inner.Weight() }
func (s *phraseSearcher) SetQueryNorm(n float64)     { s.inner.SetQueryNorm(n) }
func (s *phraseSearcher) Count() uint64              { return s.inner.Count() }
func (s *phraseSearcher) Min() int                   { return s.inner.Min() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.inner.DocumentMatchPoolSize() }
func (s *phraseSearcher) Size() int                  { return s.inner.Size() }

package index

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/wallbreak/wallbreak/timeline"
)

// SearchQuery is a search over articles (and their milestones): the query
// language of querylang.go plus filters, sort and a page.
type SearchQuery struct {
	Q        string         // the query; may be empty when a filter is set
	Actors   []string       // any of these actor ids (or aliases)
	Category string         // a category id
	Lang     string         // "en" or "zh"
	Source   string         // a configured source's name
	From, To *timeline.Date // articles published, milestones happening, within
	Sort     string         // "relevance" (default), "date" (oldest first) or "-date"
	Limit    int            // 1..MaxLimit; 0 means DefaultLimit
	Cursor   string         // NextCursor of the previous page (same query)
	// NoFacets skips counting facets (cheaper, for scripts that page).
	NoFacets bool
}

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
	SortDateDesc  = "-date"
)

// SearchHit is an article that matched, with highlighted snippets.
type SearchHit struct {
	Article
	Score    float64  `json:"score"`
	Snippets []string `json:"snippets"`
}

// FacetCount is one value of a facet and how many articles have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// SearchResult answers a SearchQuery. Total counts every matching
// article; Articles is one page of them. Milestones are the matching
// milestones (same query and filters, best first, at most Limit), with
// their own total.
type SearchResult struct {
	Query           string                  `json:"query"`
	Total           uint64                  `json:"total"`
	Articles        []SearchHit             `json:"articles"`
	NextCursor      *string                 `json:"next_cursor"`
	Facets          map[string][]FacetCount `json:"facets,omitempty"`
	Milestones      []timeline.Milestone    `json:"milestones"`
	MilestonesTotal uint64                  `json:"milestones_total"`
}

// facetFields are the article facets: name in the answer → field.
var facetFields = []struct{ name, field string }{
	{"actors", "actors"}, {"categories", "categories"}, {"sources", "source"},
	{"languages", "lang"}, {"years", "year"}, {"months", "month"},
}

// articleFacets are the facets of a search: the 20 most frequent values,
// 36 months.
func articleFacets() []facetSpec {
	out := make([]facetSpec, len(facetFields))
	for i, f := range facetFields {
		out[i] = facetSpec{f.name, f.field, 20}
		if f.name == "months" {
			out[i].size = 36
		}
	}
	return out
}

// Search finds the articles and the happened milestones matching q.
// Errors in the query or its parameters are timeline.ErrInvalid, with a
// message for the user.
func (ix *Index) Search(ctx context.Context, q SearchQuery) (SearchResult, error) {
	limit, err := checkLimit(q.Limit)
	if err != nil {
		return SearchResult{}, err
	}
	filters, err := ix.searchConds(articleSchema, q)
	if err != nil {
		return SearchResult{}, err
	}
	var pq *parsedQuery
	if strings.TrimSpace(q.Q) != "" {
		p, err := parseQuery(q.Q, ix.profile())
		if err != nil {
			return SearchResult{}, err
		}
		pq = &p
	} else if len(filters) == 0 && q.From == nil && q.To == nil {
		return SearchResult{}, fmt.Errorf("%w: empty query: give words to search for or a filter", timeline.ErrInvalid)
	}

	// Articles. Their fields are theirs alone: any condition on them
	// selects articles; only a query of exclusions needs the type.
	a := articleSchema
	var must []query.Query
	if pq != nil {
		must = append(must, pq.bleveQuery(a))
	}
	lo, hi, whole := monthBounds(q.From, q.To)
	if q.From != nil || q.To != nil {
		if whole {
			filters = append(filters, monthsCond(a.f("pub_month"), lo, hi))
		} else {
			must = append(must, dateRange(a.f("published_at"), q.From, q.To))
		}
	}
	if len(filters) == 0 && (len(must) == 0 || (len(must) == 1 && pq != nil && !pq.positive())) {
		must = append(must, termQ("type", typeArticle))
	}
	articleQuery := ix.restrict(must, filters)
	req := bleve.NewSearchRequestOptions(articleQuery, limit, 0, false)
	req.Fields = []string{"payload"}
	sortBy, err := searchSort(q.Sort)
	if err != nil {
		return SearchResult{}, err
	}
	fp := queryFingerprint(q)
	var after []string
	if q.Cursor != "" {
		if after, err = decodeCursor(q.Cursor, fp); err != nil {
			return SearchResult{}, err
		}
	}
	if sortBy == nil {
		// Relevance: Bleve's own order (score, then index order), paged by
		// offset. A tie-breaking sort field would make Bleve load a sort
		// value for every match, a third of the cost of a query at 100k
		// articles; offsets stay exact while the index is unchanged.
		if len(after) == 1 {
			off, err := strconv.Atoi(after[0])
			if err != nil || off < 0 || off > 100000 {
				return SearchResult{}, fmt.Errorf("%w: cursor %q is not one this server gave out", timeline.ErrInvalid, q.Cursor)
			}
			req.From = off
		} else if after != nil {
			return SearchResult{}, fmt.Errorf("%w: cursor %q is not one this server gave out", timeline.ErrInvalid, q.Cursor)
		}
	} else {
		req.SortBy(sortBy)
		if after != nil {
			if len(after) != len(sortBy) {
				return SearchResult{}, fmt.Errorf("%w: cursor %q is not one this server gave out", timeline.ErrInvalid, q.Cursor)
			}
			req.SetSearchAfter(after)
		}
	}
	var fspecs []facetSpec
	if !q.NoFacets && !ix.noBitmaps {
		fspecs = articleFacets()
	}
	// Milestones: the same query over quotes and titles, the same filters,
	// dates overlapping the range; only with the first page. Searched at
	// the same time as the articles, on another core.
	type milestoneAnswer struct {
		res *bleve.SearchResult
		err error
	}
	var mdone chan milestoneAnswer
	if q.Cursor == "" {
		m := milestoneSchema
		var mmust []query.Query
		if pq != nil {
			mmust = append(mmust, pq.bleveQuery(m))
		}
		mfilters, _ := ix.searchConds(m, q)
		mfilters = append(mfilters, termsCond(m.f("status"), string(timeline.StatusHappened)))
		if whole {
			mfilters = append(mfilters, overlapMonths(m, q.From, q.To, lo, hi)...)
		} else {
			mmust = append(mmust, overlap(m, q.From, q.To)...)
		}
		mreq := bleve.NewSearchRequestOptions(ix.restrict(mmust, mfilters), limit, 0, false)
		mreq.Fields = []string{m.f("payload")}
		mdone = make(chan milestoneAnswer, 1)
		go func() {
			res, _, err := ix.searchParts(ctx, mreq, nil)
			mdone <- milestoneAnswer{res, err}
		}()
	}
	res, facets, err := ix.searchParts(ctx, req, fspecs)
	if err == nil && !q.NoFacets && facets == nil {
		// Not a Scorch index (an in-memory one): let Bleve count.
		for _, f := range articleFacets() {
			req.AddFacet(f.name, bleve.NewFacetRequest(f.field, f.size))
		}
		res, err = ix.b.SearchInContext(searchCtx(ctx), req)
	}
	var frags map[string]search.FieldFragmentMap
	if err == nil {
		frags, err = ix.highlight(ctx, articleQuery, res.Hits)
	}
	var mans milestoneAnswer
	if mdone != nil {
		mans = <-mdone
	}
	if err != nil {
		return SearchResult{}, fmt.Errorf("search: %w", err)
	}
	out := SearchResult{Query: q.Q, Total: res.Total, Articles: []SearchHit{}, Milestones: []timeline.Milestone{}}
	for _, h := range res.Hits {
		var a Article
		if err := json.Unmarshal([]byte(fieldString(h, "payload")), &a); err != nil {
			return SearchResult{}, fmt.Errorf("search: stored article %s: %w", h.ID, err)
		}
		hit := SearchHit{Article: a, Score: h.Score, Snippets: []string{}}
		for _, f := range articleSchema.text {
			for _, frag := range frags[h.ID][f] {
				if strings.TrimSpace(frag) != "" {
					hit.Snippets = append(hit.Snippets, frag)
				}
			}
		}
		out.Articles = append(out.Articles, hit)
	}
	if len(res.Hits) == limit && uint64(req.From+limit) < res.Total {
		var c string
		if sortBy == nil {
			c = encodeCursor(fp, []string{strconv.Itoa(req.From + limit)})
		} else {
			c = encodeCursor(fp, res.Hits[len(res.Hits)-1].Sort)
		}
		out.NextCursor = &c
	}
	if facets != nil {
		out.Facets = facets
	} else if !q.NoFacets {
		out.Facets = map[string][]FacetCount{}
		for _, f := range facetFields {
			counts := []FacetCount{}
			if fr := res.Facets[f.name]; fr != nil && fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					if t.Term == "" {
						continue
					}
					counts = append(counts, FacetCount{Value: t.Term, Count: t.Count})
				}
			}
			out.Facets[f.name] = counts
		}
	}

	if mans.err != nil {
		return SearchResult{}, fmt.Errorf("search milestones: %w", mans.err)
	}
	if mans.res != nil {
		out.MilestonesTotal = mans.res.Total
		for _, h := range mans.res.Hits {
			var sm storedMilestone
			if err := json.Unmarshal([]byte(fieldString(h, milestoneSchema.f("payload"))), &sm); err != nil {
				return SearchResult{}, fmt.Errorf("search: stored milestone %s: %w", h.ID, err)
			}
			out.Milestones = append(out.Milestones, sm.Milestone)
		}
	}
	return out, nil
}

// highlight returns the snippets of the given hits of q, by document id.
// It is a second, small search: asking Bleve to highlight in the ranking
// search makes it read term positions for every match, not only the ones
// shown (a third of a query's time at 100k articles).
func (ix *Index) highlight(ctx context.Context, q query.Query, hits search.DocumentMatchCollection) (map[string]search.FieldFragmentMap, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	// Highlighting loads each hit's stored text: a page of 100 is split
	// across the cores like a search.
	n := min(parts(), max(1, len(hits)/20))
	type answer struct {
		res *bleve.SearchResult
		err error
	}
	answers := make(chan answer, n)
	for k := range n {
		chunk := hits[k*len(hits)/n : (k+1)*len(hits)/n]
		ids := make([]string, len(chunk))
		for i, h := range chunk {
			ids[i] = h.ID
		}
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), q), len(ids), 0, false)
		req.Highlight = bleve.NewHighlightWithStyle("html")
		for _, f := range articleSchema.text {
			req.Highlight.AddField(f)
		}
		go func() {
			res, err := ix.b.SearchInContext(searchCtx(ctx), req)
			answers <- answer{res, err}
		}()
	}
	out := make(map[string]search.FieldFragmentMap, len(hits))
	var err error
	for range n {
		a := <-answers
		if a.err != nil {
			err = a.err
			continue
		}
		for _, h := range a.res.Hits {
			out[h.ID] = h.Fragments
		}
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// restrict is the conjunction of must among the documents passing the
// filters: the filters' bitmap alone when must is empty.
func (ix *Index) restrict(must []query.Query, filters []cond) query.Query {
	inner := and(must...)
	if tq, ok := asTerms(inner, ix.noBitmaps); ok {
		inner = tq
	}
	if len(filters) == 0 {
		return inner
	}
	fq := &filterQuery{cache: &ix.postings, conds: filters, off: ix.noBitmaps}
	if len(must) == 0 {
		return fq
	}
	return &restrictQuery{inner: inner, filter: fq}
}

// searchConds are the keyword filters of q over the fields of s
// (articles' categories are those of their milestones).
func (ix *Index) searchConds(s schema, q SearchQuery) ([]cond, error) {
	var cs []cond
	if len(q.Actors) > 0 {
		ids := make([]string, len(q.Actors))
		for i, a := range q.Actors {
			id, ok := ix.profile().ResolveActor(a)
			if !ok {
				return nil, fmt.Errorf("%w: unknown actor %q", timeline.ErrInvalid, a)
			}
			ids[i] = id
		}
		cs = append(cs, termsCond(s.f("actors"), ids...))
	}
	if q.Category != "" {
		if _, err := checkField("category", q.Category, ix.profile()); err != nil {
			return nil, err
		}
		cs = append(cs, termsCond(s.f(s.category), q.Category))
	}
	if q.Lang != "" {
		if q.Lang != "en" && q.Lang != "zh" {
			return nil, fmt.Errorf("%w: lang %q: want en or zh", timeline.ErrInvalid, q.Lang)
		}
		cs = append(cs, termsCond(s.f("lang"), q.Lang))
	}
	if q.Source != "" {
		cs = append(cs, termsCond(s.f("source"), q.Source))
	}
	return cs, nil
}

// monthBounds are the first and last month of [from, to] ("2006-01", ""
// for an open side) when both sides fall on whole months, as months,
// quarters, halves and years do; then the range is a filter on keyword
// months rather than a numeric range.
func monthBounds(from, to *timeline.Date) (lo, hi string, whole bool) {
	if from != nil {
		if from.Start().Day() != 1 {
			return "", "", false
		}
		lo = from.Start().Format("2006-01")
	}
	if to != nil {
		if to.End().AddDate(0, 0, 1).Day() != 1 {
			return "", "", false
		}
		hi = to.End().Format("2006-01")
	}
	return lo, hi, true
}

// dateRange matches a datetime field from the start of from to the end
// of to's last day.
func dateRange(field string, from, to *timeline.Date) query.Query {
	lo, hi := farPast, farFuture
	if from != nil {
		lo = from.Start()
	}
	if to != nil {
		hi = to.End().AddDate(0, 0, 1)
	}
	t, f := true, false
	r := bleve.NewDateRangeInclusiveQuery(lo, hi, &t, &f)
	r.SetField(field)
	return r
}

// overlapMonths is overlap for whole months lo…hi (monthBounds): starts
// by the last month, ends by the first.
func overlapMonths(s schema, from, to *timeline.Date, lo, hi string) []cond {
	var cs []cond
	if from != nil {
		cs = append(cs, monthsCond(s.f("end_month"), lo, ""))
	}
	if to != nil {
		cs = append(cs, monthsCond(s.f("month"), "", hi))
	}
	return cs
}

// overlap matches milestones (or events) whose [start, end] overlaps
// [from, to].
func overlap(s schema, from, to *timeline.Date) []query.Query {
	var qs []query.Query
	if from != nil {
		qs = append(qs, dateRange(s.f("end"), from, nil))
	}
	if to != nil {
		qs = append(qs, dateRange(s.f("start"), nil, to))
	}
	return qs
}

func searchSort(s string) ([]string, error) {
	switch s {
	case "", SortRelevance:
		return nil, nil
	case SortDate:
		return []string{"published_at", "doc_id"}, nil
	case SortDateDesc:
		return []string{"-published_at", "doc_id"}, nil
	}
	return nil, fmt.Errorf("%w: sort %q: want relevance, date or -date", timeline.ErrInvalid, s)
}

// A search cursor is the last hit's sort values, tied to the query that
// produced it (a cursor of another query is refused, not misapplied).
func queryFingerprint(q SearchQuery) string {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s\x00%v\x00%s\x00%s\x00%s\x00%v\x00%v\x00%s", q.Q, q.Actors, q.Category, q.Lang, q.Source, q.From, q.To, q.Sort)
	return strconv.FormatUint(uint64(h.Sum32()), 36)
}

func encodeCursor(fp string, sort []string) string {
	vals := [][]byte{[]byte(fp)} // []byte: JSON carries binary sort values as base64
	for _, v := range sort {
		vals = append(vals, []byte(v))
	}
	b, _ := json.Marshal(vals)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(c, fp string) ([]string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	var parts [][]byte
	if err == nil {
		err = json.Unmarshal(raw, &parts)
	}
	if err != nil || len(parts) < 2 || string(parts[0]) != fp {
		return nil, fmt.Errorf("%w: cursor %q does not belong to this query (repeat the query with the same parameters)", timeline.ErrInvalid, c)
	}
	out := make([]string, len(parts)-1)
	for i, p := range parts[1:] {
		out[i] = string(p)
	}
	return out, nil
}

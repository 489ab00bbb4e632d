package index

import (
	"sync"

	"fmt"
	"github.com/blevesearch/bleve/v2/analysis"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/wallbreak/wallbreak/timeline"
)

// The query language of `wallbreak search` and GET /api/v1/search:
//
//	WeChat Pay Taobao        every word (or named entity) must match
//	"opens links"            a phrase
//	-Meituan  -"mini program" must not match
//	Alipay OR 支付宝          either side
//	actor:alipay  category:payment  lang:zh  source:36kr  publisher:…  title:…
//
// A word or phrase that names an actor of the topic profile by any of its
// aliases, in any language ("WeChat Pay", "微信支付", "微信支付",
// "wechatpay"), stands for that actor: it matches the documents tagged
// with it, so the same milestones come back whichever alias or language
// the user types. Bad syntax is a timeline.ErrInvalid saying what and where.

// clause is one unit of a parsed query.
type clause struct {
	field  string // "" for free text; "actor" once an entity is resolved
	value  string
	phrase bool // quoted
	not    bool
}

// parsedQuery: groups are ANDed; the clauses of a group are ORed.
type parsedQuery struct {
	groups [][]clause
	nots   []clause
}

var queryFields = []string{"actor", "category", "lang", "source", "publisher", "title"}

func parseQuery(s string, p *timeline.Profile) (parsedQuery, error) {
	var pq parsedQuery
	var pending []clause // the current OR group
	orNext := false
	flush := func() {
		if len(pending) > 0 {
			pq.groups = append(pq.groups, pending)
			pending = nil
		}
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		var c clause
		if r == '-' || r == '+' {
			c.not = r == '-'
			i += size
			if i >= len(s) || unicode.IsSpace(rune(s[i])) {
				return pq, invalidf("%q at position %d has nothing after it", string(r), start+1)
			}
		}
		// field:value, where field is one of queryFields.
		if j := strings.IndexByte(s[i:], ':'); j > 0 && !strings.ContainsAny(s[i:i+j], " \t\n\"") {
			if f := strings.ToLower(s[i : i+j]); slices.Contains(queryFields, f) {
				c.field = f
				i += j + 1
				if i >= len(s) || unicode.IsSpace(rune(s[i])) {
					return pq, invalidf("%s: at position %d needs a value (e.g. %s)", f, start+1, fieldExample(f))
				}
			}
		}
		if s[i] == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				return pq, invalidf("unbalanced quote at position %d: a phrase needs a closing \"", i+1)
			}
			c.value, c.phrase = strings.TrimSpace(s[i+1:i+1+end]), true
			i += end + 2
			if c.value == "" {
				return pq, invalidf("empty phrase \"\" at position %d", start+1)
			}
		} else {
			end := strings.IndexFunc(s[i:], unicode.IsSpace)
			if end < 0 {
				end = len(s) - i
			}
			c.value = s[i : i+end]
			i += end
			if strings.Contains(c.value, `"`) {
				return pq, invalidf("unbalanced quote in %q at position %d", c.value, start+1)
			}
		}
		if c.field == "" && !c.phrase && !c.not && c.value == "OR" {
			if len(pending) == 0 || orNext {
				return pq, invalidf("OR at position %d needs a word on each side", start+1)
			}
			orNext = true
			continue
		}
		if c.field != "" {
			v, err := checkField(c.field, c.value, p)
			if err != nil {
				return pq, err
			}
			c.value = v
		}
		switch {
		case c.not:
			if orNext {
				return pq, invalidf("OR before a negated term at position %d", start+1)
			}
			pq.nots = append(pq.nots, c)
		case orNext:
			pending = append(pending, c)
			orNext = false
		default:
			flush()
			pending = []clause{c}
		}
	}
	if orNext {
		return pq, invalidf("OR at the end of the query needs a word after it")
	}
	flush()
	pq.groups = expandEntities(pq.groups, p)
	for i, c := range pq.nots {
		if c.field == "" {
			if id, ok := p.ResolveActor(c.value); ok {
				pq.nots[i] = clause{field: "actor", value: id, not: true}
			}
		}
	}
	if len(pq.groups) == 0 && len(pq.nots) > 0 {
		return pq, invalidf("a query of only excluded terms matches nothing useful: add a word to search for")
	}
	return pq, nil
}

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: bad query: %s", timeline.ErrInvalid, fmt.Sprintf(format, args...))
}

func fieldExample(f string) string {
	return map[string]string{"actor": "actor:wechat-pay", "category": "category:payment", "lang": "lang:zh",
		"source": "source:36kr", "publisher": `publisher:"Southern Metropolis Daily"`, "title": "title:Taobao"}[f]
}

// checkField validates a field's value, resolving actor aliases to ids.
func checkField(field, v string, p *timeline.Profile) (string, error) {
	switch field {
	case "actor":
		id, ok := p.ResolveActor(v)
		if !ok {
			return "", invalidf("unknown actor %q (GET /api/v1/actors lists them)", v)
		}
		return id, nil
	case "lang":
		if v != "en" && v != "zh" {
			return "", invalidf("lang:%s: want lang:en or lang:zh", v)
		}
	case "category":
		for _, c := range p.Categories {
			if c.ID == v {
				return v, nil
			}
		}
		return "", invalidf("unknown category %q", v)
	}
	return v, nil
}

// expandEntities turns free-text words and phrases that name an actor
// into actor clauses. Within a group of one plain clause, consecutive
// groups of plain words are joined so that "WeChat Pay" (two words) is
// found; Chinese words are split around the alias they contain.
func expandEntities(groups [][]clause, p *timeline.Profile) [][]clause {
	var out [][]clause
	for i := 0; i < len(groups); {
		g := groups[i]
		if len(g) != 1 || g[0].field != "" {
			out = append(out, resolveGroup(g, p))
			i++
			continue
		}
		if g[0].phrase {
			out = append(out, resolveGroup(g, p))
			i++
			continue
		}
		// A run of single plain words.
		j := i
		var words []string
		for j < len(groups) && len(groups[j]) == 1 && groups[j][0].field == "" && !groups[j][0].phrase {
			words = append(words, groups[j][0].value)
			j++
		}
		for _, c := range entityRun(words, p) {
			out = append(out, []clause{c})
		}
		i = j
	}
	return out
}

// resolveGroup resolves clauses that are exactly an alias ("微信支付",
// "wechatpay", "WeChat Pay" quoted).
func resolveGroup(g []clause, p *timeline.Profile) []clause {
	out := make([]clause, len(g))
	for i, c := range g {
		out[i] = c
		if c.field == "" {
			if id, ok := p.ResolveActor(c.value); ok {
				out[i] = clause{field: "actor", value: id}
			}
		}
	}
	return out
}

// entityRun finds aliases in a run of words, leftmost-longest, and returns
// actor clauses for them and text clauses for what is left.
func entityRun(words []string, p *timeline.Profile) []clause {
	joined := strings.Join(words, " ")
	var out []clause
	text := func(s string) {
		for _, w := range strings.Fields(s) {
			if strings.Trim(w, ".,;:!?，。；：！？、") == "" {
				continue
			}
			if id, ok := p.ResolveActor(w); ok {
				out = append(out, clause{field: "actor", value: id})
				continue
			}
			out = append(out, clause{value: w})
		}
	}
	at := 0
	for _, m := range p.FindActors(joined) {
		if m.Offset < at {
			continue
		}
		text(joined[at:m.Offset])
		out = append(out, clause{field: "actor", value: m.ID})
		at = m.Offset + len(m.Text)
	}
	text(joined[at:])
	// The same actor named twice is one condition.
	var dedup []clause
	for _, c := range out {
		if !slices.Contains(dedup, c) {
			dedup = append(dedup, c)
		}
	}
	return dedup
}

// bleveQuery turns the parsed query into Bleve's, over the fields of one
// document type (an article's title and text, a milestone's quote and
// title, …).
func (pq parsedQuery) bleveQuery(s schema) query.Query {
	var must []query.Query
	for _, g := range pq.groups {
		var any []query.Query
		for _, c := range g {
			any = append(any, c.bleve(s))
		}
		must = append(must, or(any...))
	}
	if len(pq.nots) == 0 {
		return and(must...)
	}
	b := bleve.NewBooleanQuery()
	if len(must) > 0 {
		b.AddMust(must...)
	}
	for _, c := range pq.nots {
		b.AddMustNot(c.bleve(s))
	}
	return b
}

// and is the conjunction of qs, flattened: Bleve adds a searcher, and
// work at every match, for each level of nesting, even around a single
// query.
func and(qs ...query.Query) query.Query {
	var flat []query.Query
	for _, q := range qs {
		if c, ok := q.(*query.ConjunctionQuery); ok {
			flat = append(flat, c.Conjuncts...)
			continue
		}
		flat = append(flat, q)
	}
	if len(flat) == 1 {
		return flat[0]
	}
	return bleve.NewConjunctionQuery(flat...)
}

// or is the disjunction of qs; one query is itself.
func or(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// positive tells whether the query requires something of a document (it
// is not only exclusions), which selects one type by its fields alone.
func (pq parsedQuery) positive() bool { return len(pq.groups) > 0 }

func (c clause) bleve(s schema) query.Query {
	fields := s.text
	switch c.field {
	case "actor":
		return termQ(s.f("actors"), c.value)
	case "category":
		return termQ(s.f(s.category), c.value)
	case "lang", "source", "publisher":
		return termQ(s.f(c.field), c.value)
	case "title":
		fields = s.title
	}
	var qs []query.Query
	for _, f := range s.fields(fields...) {
		if c.phrase || hasHan(c.value) {
			// Chinese words are matched as a sequence of bigrams, not as
			// bigrams anywhere in the text.
			qs = append(qs, &phraseQuery{field: f, text: c.value})
			continue
		}
		if term, ok := singleTerm(c.value); ok {
			// What Bleve's match query makes of one token, built here
			// so that conjunctions of terms can be searched as such.
			qs = append(qs, termQ(f, term))
			continue
		}
		m := bleve.NewMatchQuery(c.value)
		m.SetField(f)
		m.SetOperator(query.MatchQueryOperatorAnd)
		qs = append(qs, m)
	}
	return or(qs...)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

var textAnalyzer = sync.OnceValue(func() analysis.Analyzer { return newMapping().AnalyzerNamed(mixedAnalyzer) })

// singleTerm is the one token the text fields' analyzer makes of word, if
// it makes exactly one.
func singleTerm(word string) (string, bool) {
	toks := textAnalyzer().Analyze([]byte(word))
	if len(toks) != 1 {
		return "", false
	}
	return string(toks[0].Term), true
}

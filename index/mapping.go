package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion changes whenever the mapping below changes; an index built
// with another version must be rebuilt (wallbreak reindex).
const MappingVersion = "7"

// mixedAnalyzer analyses English and Chinese alike: Bleve's English chain
// (possessives, lower case, stop words, Porter stems) with the CJK one
// (width folding, bigrams of Han characters). Each filter leaves the other
// script's tokens alone, so a document needs no field per language and a
// query word no disjunction over them.
const mixedAnalyzer = "wallbreak_mixed"

// Document types in the index.
const (
	typeArticle   = "article"
	typeMilestone = "milestone"
)

// A schema names the index fields of one document type. Each type has
// fields of its own (milestones' are prefixed m_, events' e_; only "type"
// is shared): a query over one type's fields finds only documents of that
// type, so it needs no type filter, and a term's postings hold only the
// documents a query can want. (With shared fields, a search of articles
// intersected every match with the postings of type:article, a third of
// the index, and walked milestones' postings too.)
type schema struct {
	typ    string
	prefix string
	// text are the fields a free-text word is looked for in: an
	// article's title and text, a milestone's quote and its article's
	// title — in one field, analysed for both languages (mixedAnalyzer),
	// so a word is one posting list to walk, not one per field and
	// language.
	text     []string
	title    []string // title: clauses
	category string   // category: clauses
}

var (
	articleSchema   = schema{typ: typeArticle, text: []string{"body"}, title: []string{"title"}, category: "categories"}
	milestoneSchema = schema{typ: typeMilestone, prefix: "m_", text: []string{"text"}, title: []string{"title"}, category: "category"}
	eventSchema     = schema{typ: typeEvent, prefix: "e_", text: []string{"text"}, title: []string{"title"}, category: "category"}
)

// f is the index field of one of the type's properties.
func (s schema) f(name string) string {
	if name == "type" || name == "_id" {
		return name
	}
	return s.prefix + name
}

// fields maps property names to index fields.
func (s schema) fields(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = s.f(n)
	}
	return out
}

func newMapping() mapping.IndexMapping {
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.IncludeInAll = false
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	// shown: searched and highlighted (stored, with term vectors).
	shown := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = true
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		return f
	}
	// searched only: positions for phrases, nothing stored.
	searched := func(analyzer string) *mapping.FieldMapping {
		f := shown(analyzer)
		f.Store = false
		f.DocValues = false
		return f
	}
	date := func() *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.IncludeInAll = false
		return f
	}
	num := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.IncludeInAll = false
		return f
	}
	// doc maps a type's keyword properties and its other fields.
	type field struct {
		name string
		fm   *mapping.FieldMapping
	}
	doc := func(s schema, keywords []string, fields ...field) *mapping.DocumentMapping {
		dm := bleve.NewDocumentMapping()
		dm.Dynamic = false
		for _, k := range keywords {
			fields = append(fields, field{k, kw()})
		}
		for _, f := range fields {
			if name := s.f(f.name); name != f.name {
				f.fm.Name = name
			}
			dm.AddFieldMappingsAt(f.name, f.fm)
		}
		return dm
	}
	// Articles: title and text in one field, for search and
	// snippets; the title alone for title: clauses; who and what an
	// article is about, for entity search and facets (every actor it
	// names, the categories of its milestones, the year and month it was
	// published; pub_month in UTC for date filters).
	article := doc(articleSchema,
		[]string{"type", "doc_id", "lang", "source", "publisher", "kind", "author", "actors", "categories", "year", "month", "pub_month"},
		field{"url", stored()}, field{"payload", stored()}, field{"published_at", date()},
		field{"body", shown(mixedAnalyzer)}, field{"title", searched(mixedAnalyzer)})
	// Milestones: the quote with its article's title.
	milestone := doc(milestoneSchema,
		[]string{"type", "doc_id", "lang", "source", "publisher", "kind", "actors", "category", "status", "precision", "mod", "date", "sort_key", "year", "month", "end_month"},
		field{"url", stored()}, field{"payload", stored()}, field{"published_at", date()}, field{"start", date()}, field{"end", date()},
		field{"confidence", num()}, field{"text", searched(mixedAnalyzer)}, field{"title", searched(mixedAnalyzer)})
	// Events: their sources' quotes and titles.
	event := doc(eventSchema,
		[]string{"type", "type_status", "actors", "category", "status", "precision", "mod", "date", "lang", "source", "sort_key", "year", "month", "end_month"},
		field{"payload", stored()}, field{"start", date()}, field{"end", date()}, field{"first_reported_at", date()},
		field{"source_count", num()}, field{"text", searched(mixedAnalyzer)}, field{"title", searched(mixedAnalyzer)})

	im := bleve.NewIndexMapping()
	err := im.AddCustomAnalyzer(mixedAnalyzer, map[string]any{
		"type":      custom.Name,
		"tokenizer": unicode.Name,
		"token_filters": []string{
			cjk.WidthName, en.PossessiveName, lowercase.Name, en.StopName, cjk.BigramName, porter.Name,
		},
	})
	if err != nil {
		panic(err) // a programming error: the chain above is fixed
	}
	im.TypeField = "type"
	im.DefaultType = "unknown"
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.AddDocumentMapping(typeArticle, article)
	im.AddDocumentMapping(typeMilestone, milestone)
	im.AddDocumentMapping(typeEvent, event)
	im.DefaultAnalyzer = "standard"
	return im
}

package index

import (
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion changes whenever the mapping below changes; an index built
// with another version must be rebuilt (wallbreak reindex).
const MappingVersion = "5"

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
	// text are the fields a free-text word is looked for in, one per
	// analysis: an article's title and text, a milestone's quote and its
	// article's title, in one field per language (a field fewer to walk
	// per word than title and text apart).
	text     []string
	title    []string // title: clauses
	category string   // category: clauses
}

var (
	articleSchema   = schema{typ: typeArticle, text: []string{"body_en", "body_zh"}, title: []string{"title_en", "title_zh"}, category: "categories"}
	milestoneSchema = schema{typ: typeMilestone, prefix: "m_", text: []string{"text_en", "text_zh"}, title: []string{"title_en", "title_zh"}, category: "category"}
	eventSchema     = schema{typ: typeEvent, prefix: "e_", text: []string{"text_en", "text_zh"}, title: []string{"title_en", "title_zh"}, category: "category"}
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
	// bilingual: name_en with the English analyzer, name_zh with CJK.
	bilingual := func(name string, mk func(analyzer string) *mapping.FieldMapping) []field {
		return []field{{name + "_en", mk(en.AnalyzerName)}, {name + "_zh", mk(cjk.AnalyzerName)}}
	}
	join := func(groups ...[]field) []field { return slices.Concat(groups...) }

	// Articles: title and text in one field per language, for search and
	// snippets; the title alone for title: clauses; who and what an
	// article is about, for entity search and facets (every actor it
	// names, the categories of its milestones, the year and month it was
	// published; pub_month in UTC for date filters).
	article := doc(articleSchema,
		[]string{"type", "doc_id", "lang", "source", "publisher", "kind", "author", "actors", "categories", "year", "month", "pub_month"},
		join([]field{{"url", stored()}, {"payload", stored()}, {"published_at", date()}},
			bilingual("body", shown), bilingual("title", searched))...)
	// Milestones: the quote with its article's title, per language.
	milestone := doc(milestoneSchema,
		[]string{"type", "doc_id", "lang", "source", "publisher", "kind", "actors", "category", "status", "precision", "mod", "date", "sort_key", "year", "month", "end_month"},
		join([]field{{"url", stored()}, {"payload", stored()}, {"published_at", date()}, {"start", date()}, {"end", date()}, {"confidence", num()}},
			bilingual("text", searched), bilingual("title", searched))...)
	// Events: their sources' quotes and titles.
	event := doc(eventSchema,
		[]string{"type", "type_status", "actors", "category", "status", "precision", "mod", "date", "lang", "source", "sort_key", "year", "month"},
		join([]field{{"payload", stored()}, {"start", date()}, {"end", date()}, {"first_reported_at", date()}, {"source_count", num()}},
			bilingual("text", searched), bilingual("title", searched))...)

	im := bleve.NewIndexMapping()
	im.TypeField = "type"
	im.DefaultType = "unknown"
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.AddDocumentMapping(typeArticle, article)
	im.AddDocumentMapping(typeMilestone, milestone)
	im.AddDocumentMapping(typeEvent, event)
	im.DefaultAnalyzer = "standard"
	return im
}

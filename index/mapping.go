package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion changes whenever the mapping below changes; an index built
// with another version must be rebuilt (wallbreak reindex).
const MappingVersion = "4"

// Document types in the index.
const (
	typeArticle   = "article"
	typeMilestone = "milestone"
)

// Text fields come in two analyses: English (stemmed, stop words) for
// English documents and CJK bigrams for Chinese ones. A document fills the
// field of its language; queries ask both.
var (
	textFields  = []string{"title_en", "text_en", "title_zh", "text_zh"}
	quoteFields = []string{"quote_en", "quote_zh", "title_en", "title_zh"}
)

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
	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = true
		f.IncludeTermVectors = true
		f.IncludeInAll = false
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

	common := func(dm *mapping.DocumentMapping) {
		dm.Dynamic = false
		for _, k := range []string{"type", "doc_id", "lang", "source", "publisher", "kind"} {
			dm.AddFieldMappingsAt(k, kw())
		}
		dm.AddFieldMappingsAt("url", stored())
		dm.AddFieldMappingsAt("payload", stored())
		dm.AddFieldMappingsAt("published_at", date())
		dm.AddFieldMappingsAt("title_en", text(en.AnalyzerName))
		dm.AddFieldMappingsAt("title_zh", text(cjk.AnalyzerName))
	}

	article := bleve.NewDocumentMapping()
	common(article)
	article.AddFieldMappingsAt("text_en", text(en.AnalyzerName))
	article.AddFieldMappingsAt("text_zh", text(cjk.AnalyzerName))
	article.AddFieldMappingsAt("author", kw())
	// Who and what an article is about, for entity search and facets:
	// every actor it names, the categories of its milestones, and the
	// year and month it was published.
	for _, k := range []string{"actors", "categories", "year", "month"} {
		article.AddFieldMappingsAt(k, kw())
	}

	milestone := bleve.NewDocumentMapping()
	common(milestone)
	for _, k := range []string{"actors", "category", "status", "precision", "mod", "date", "sort_key", "year", "month"} {
		milestone.AddFieldMappingsAt(k, kw())
	}
	milestone.AddFieldMappingsAt("quote_en", text(en.AnalyzerName))
	milestone.AddFieldMappingsAt("quote_zh", text(cjk.AnalyzerName))
	milestone.AddFieldMappingsAt("start", date())
	milestone.AddFieldMappingsAt("end", date())
	milestone.AddFieldMappingsAt("confidence", num())

	event := bleve.NewDocumentMapping()
	event.Dynamic = false
	for _, k := range []string{"type", "type_status", "actors", "category", "status", "precision", "mod", "date", "lang", "source", "sort_key", "year", "month"} {
		event.AddFieldMappingsAt(k, kw())
	}
	event.AddFieldMappingsAt("start", date())
	event.AddFieldMappingsAt("end", date())
	event.AddFieldMappingsAt("first_reported_at", date())
	event.AddFieldMappingsAt("source_count", num())
	event.AddFieldMappingsAt("title_en", text(en.AnalyzerName))
	event.AddFieldMappingsAt("title_zh", text(cjk.AnalyzerName))
	event.AddFieldMappingsAt("quote_en", text(en.AnalyzerName))
	event.AddFieldMappingsAt("quote_zh", text(cjk.AnalyzerName))
	event.AddFieldMappingsAt("payload", stored())

	m := bleve.NewIndexMapping()
	m.TypeField = "type"
	m.DefaultType = "unknown"
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.AddDocumentMapping(typeArticle, article)
	m.AddDocumentMapping(typeMilestone, milestone)
	m.AddDocumentMapping(typeEvent, event)
	m.DefaultAnalyzer = "standard"
	return m
}

// Package timeline is wallbreak's domain: the documents the crawler hands
// over, the dated milestones extracted from them, the events a timeline
// shows, the TIMEX-style Date, the topic Profile, and the text utilities
// the jobs beneath it share (sentences, clauses, language).
//
// The jobs live in packages beneath it, each importing timeline only:
//
//	Document ──dates.TagDates──▶ date Expressions (resolved against the
//	   │                          page's date and the story's narrative)
//	   └──milestones.Extractor──▶ Milestones (a dated statement about
//	                             profile actors, with its quote, category,
//	                             status and confidence)
//	                             ──events.Cluster──▶ Events
//
// timeline/pagetime reads page timestamps (bylines, meta tags, URLs).
// Every other package of wallbreak imports timeline; timeline imports none
// of them.
package timeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"
)

// Errors callers can test with errors.Is.
var (
	ErrInvalid  = errors.New("invalid")
	ErrNotFound = errors.New("not found")
)

// Document is one page or one forum post (floor) as the crawler hands it
// over: its main text only, never navigation or forum chrome.
type Document struct {
	ID          string     `json:"id"`
	URL         string     `json:"url"`
	Title       string     `json:"title"`
	Publisher   string     `json:"publisher,omitempty"`
	Author      string     `json:"author,omitempty"`
	Source      string     `json:"source,omitempty"` // configured source name
	Kind        string     `json:"kind,omitempty"`   // "article" or "post"
	Lang        string     `json:"lang"`             // "en" or "zh"
	Text        string     `json:"text"`
	PublishedAt *time.Time `json:"published_at"`
	// PublishedFrom says where PublishedAt was read (a Published* value).
	PublishedFrom string    `json:"published_from,omitempty"`
	FetchedAt     time.Time `json:"fetched_at,omitzero"`
	// OnTopic is false for a document that is not about the profile's
	// topic (an earnings report, a layoff, an AI launch): it is kept and
	// searchable but adds no milestones. TopicScore is the share of its
	// sentences naming an actor that are about the topic. Both are set
	// when milestones are extracted; nil/0 before.
	OnTopic    *bool   `json:"on_topic,omitempty"`
	TopicScore float64 `json:"topic_score,omitempty"`
	// DuplicateOf is the id of the document this one reposts (a
	// near-duplicate text found earlier): a mirror, not another source.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Mirrors are the reposts of this document found since.
	Mirrors []Mirror `json:"mirrors,omitempty"`
}

// Where a document's publication date was read (Document.PublishedFrom).
const (
	PublishedFromFeed    = "feed"    // the feed item or the thread's JSON
	PublishedFromSitemap = "sitemap" // the sitemap's news:publication_date
	PublishedFromMeta    = "meta"    // a <meta> tag or a <time> element
	PublishedFromJSONLD  = "json-ld" // schema.org datePublished in JSON-LD
	PublishedFromURL     = "url"     // the date in the URL's path
	PublishedFromByline  = "byline"  // a byline or dateline in the page's text
	PublishedFromText    = "text"    // the first full date the text itself names
	PublishedFromNone    = "none"    // not found
)

// Mirror is a repost of a document on another page.
type Mirror struct {
	URL         string     `json:"url"`
	Title       string     `json:"title,omitempty"`
	Publisher   string     `json:"publisher,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
}

// DocumentID derives a stable document id from its URL.
func DocumentID(url string) string { return HashID(url) }

// Status tells what a milestone's statement is.
type Status string

// Statuses of a milestone: only StatusHappened belongs on a timeline of
// what happened; the others are kept apart, never mixed with it.
const (
	StatusHappened Status = "happened" // happened or was announced
	StatusPlanned  Status = "planned"  // future, plans, predictions
	StatusOpinion  Status = "opinion"  // somebody's view or reported speech
)

// Milestone is a statement in a document that something involving at least
// one profile actor happened at a resolvable date.
type Milestone struct {
	ID          string    `json:"id"`
	DocumentID  string    `json:"document_id,omitempty"`
	Date        string    `json:"date"`
	Precision   Precision `json:"precision"`
	Start       string    `json:"start"`
	End         string    `json:"end"`
	Mod         Mod       `json:"mod,omitempty"`
	Actors      []string  `json:"actors"`
	Category    string    `json:"category"`
	Status      Status    `json:"status"`
	Quote       string    `json:"quote"`
	QuoteOffset int       `json:"quote_offset"` // bytes into Document.Text
	DateText    string    `json:"date_text"`    // the expression the date came from
	ResolvedBy  string    `json:"resolved_by"`  // see Expression.ResolvedBy
	Confidence  float64   `json:"confidence"`
}

// DateValue parses the milestone's TIMEX value.
func (m Milestone) DateValue() (Date, error) { return ParseDate(m.Date) }

// Source is one document reporting an event.
type Source struct {
	URL         string     `json:"url"`
	Title       string     `json:"title"`
	Publisher   string     `json:"publisher"`
	PublishedAt *time.Time `json:"published_at"`
	Quote       string     `json:"quote"`
	Lang        string     `json:"lang"`
	Mirrors     []Mirror   `json:"mirrors,omitempty"` // reposts of the same story elsewhere
}

// DateConflict is a date some sources give for an event that disagrees
// with the event's date at the same or a finer precision.
type DateConflict struct {
	Date    string `json:"date"`
	Sources int    `json:"sources"`
}

// Event is one real-world step on the timeline with every source reporting it.
type Event struct {
	ID          string    `json:"id"`
	Date        string    `json:"date"`
	Precision   Precision `json:"precision"`
	Start       string    `json:"start"`
	End         string    `json:"end"`
	Mod         Mod       `json:"mod,omitempty"`
	Title       string    `json:"title"`
	Actors      []string  `json:"actors"`
	Category    string    `json:"category"`
	Confidence  float64   `json:"confidence"`
	SourceCount int       `json:"source_count"`
	Sources     []Source  `json:"sources"`
	// FirstReportedAt is the earliest publication time among the sources.
	FirstReportedAt *time.Time `json:"first_reported_at"`
	// DateConflicts are the other dates sources give for this step.
	DateConflicts []DateConflict `json:"date_conflicts,omitempty"`
	// MilestoneIDs are the milestones merged into this event.
	MilestoneIDs []string `json:"milestone_ids,omitempty"`
}

// EventFromMilestone makes the event a single milestone stands for, until
// milestones from several documents are clustered into one event.
func EventFromMilestone(m Milestone, doc Document) Event {
	return Event{
		ID:          "ev-" + m.ID,
		Date:        m.Date,
		Precision:   m.Precision,
		Start:       m.Start,
		End:         m.End,
		Mod:         m.Mod,
		Title:       Headline(m.Quote, 140),
		Actors:      m.Actors,
		Category:    m.Category,
		Confidence:  m.Confidence,
		SourceCount: 1,
		Sources: []Source{{
			URL:         doc.URL,
			Title:       doc.Title,
			Publisher:   doc.Publisher,
			PublishedAt: doc.PublishedAt,
			Quote:       m.Quote,
			Lang:        doc.Lang,
			Mirrors:     doc.Mirrors,
		}},
		FirstReportedAt: doc.PublishedAt,
		MilestoneIDs:    []string{m.ID},
	}
}

// HashID is a stable 16-hex-digit id of the parts: a milestone's from its
// document, date and offset.
func HashID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

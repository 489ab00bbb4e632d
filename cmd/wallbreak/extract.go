package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"github.com/wallbreak/wallbreak/crawler"
	"github.com/wallbreak/wallbreak/timeline"
	"github.com/wallbreak/wallbreak/timeline/milestones"
	"github.com/wallbreak/wallbreak/timeline/pagetime"
)

// extractOutput is the JSON `wallbreak extract` prints. "document" and
// "milestones" are the contract; the rest are additions.
type extractOutput struct {
	Document   extractDoc           `json:"document"`
	Milestones []timeline.Milestone `json:"milestones"` // what happened, in text order
	SetAside   []timeline.Milestone `json:"set_aside"`  // plans and opinions: dated, but not events
	Posts      []extractDoc         `json:"posts,omitempty"`
	// Explain (with --explain --json): what became of every dated
	// statement, and the rule that decided.
	Explain []milestones.Decision `json:"explain,omitempty"`
}

type extractDoc struct {
	ID          string  `json:"id"`
	URL         string  `json:"url"`
	Title       string  `json:"title"`
	Publisher   string  `json:"publisher,omitempty"`
	Author      string  `json:"author,omitempty"`
	PublishedAt *string `json:"published_at"`
	// PublishedFrom: where published_at was read (feed, sitemap, meta,
	// json-ld, url, byline, text, none; empty when --published gave it).
	PublishedFrom string `json:"published_from,omitempty"`
	Lang          string `json:"lang"`
	// OnTopic: whether the page is about the profile's topic, and the
	// share of its sentences naming an actor that are.
	OnTopic    bool    `json:"on_topic"`
	TopicScore float64 `json:"topic_score"`
	Text       string  `json:"text"`
}

func (m *Main) runExtract(_ context.Context, args []string) error {
	fs := newFlagSet(m, "extract", "extract [--url URL] [--published DATE] [--text] [--tz ZONE] [--explain [--json]] FILE|-")
	pageURL := fs.String("url", "", "the page's URL (default: file://PATH)")
	published := fs.String("published", "", "publication date or time, overriding the page's (2024-02-21, RFC 3339)")
	asText := fs.Bool("text", false, "the input is plain text, not HTML")
	tz := fs.String("tz", "", "time zone of dates written without one (default: Asia/Shanghai for Chinese, else UTC)")
	lang := fs.String("lang", "", "en or zh (default: detect)")
	explain := fs.Bool("explain", false, "say for every dated statement whether it became a milestone, and which rule decided")
	asJSON := fs.Bool("json", false, "print JSON (the default; with --explain, the reasons go under \"explain\")")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return usageErr("extract takes one FILE (or - for standard input)")
	}
	if *lang != "" && *lang != "en" && *lang != "zh" {
		return usageErr("--lang: %q is not en or zh", *lang)
	}
	loc, err := loadZone(*tz)
	if err != nil {
		return err
	}
	input, err := m.readInput(pos[0])
	if err != nil {
		return err
	}
	url := *pageURL
	if url == "" {
		if pos[0] == "-" {
			url = "file:///dev/stdin"
		} else if abs, err := filepath.Abs(pos[0]); err == nil {
			url = "file://" + filepath.ToSlash(abs)
		}
	}
	var pub *time.Time
	if *published != "" {
		z := loc
		if z == nil {
			z = time.UTC
		}
		t, ok := pagetime.Parse(*published, z)
		if !ok {
			return usageErr("--published: %q is not a date (2024-02-21 or RFC 3339)", *published)
		}
		pub = &t
	}
	docs, err := extractDocs(input, url, *asText, *lang, loc, pub)
	if err != nil {
		return exitError{code: 1, err: err}
	}
	ex := &milestones.Extractor{}
	for i := range docs {
		ex.ScoreTopic(&docs[i])
	}
	out := extractOutput{Document: toExtractDoc(docs[0]), Milestones: []timeline.Milestone{}, SetAside: []timeline.Milestone{}}
	for _, d := range docs {
		var found []timeline.Milestone
		if *explain {
			var decisions []milestones.Decision
			found, decisions = ex.Explain(d)
			out.Explain = append(out.Explain, decisions...)
		} else {
			found = ex.Extract(d)
		}
		for _, ms := range found {
			if ms.Status == timeline.StatusHappened {
				out.Milestones = append(out.Milestones, ms)
			} else {
				out.SetAside = append(out.SetAside, ms)
			}
		}
		if len(docs) > 1 {
			out.Posts = append(out.Posts, toExtractDoc(d))
		}
	}
	if *explain && !*asJSON {
		return printExplain(m.Stdout, out.Explain)
	}
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// extractDocs turns the input into documents: plain text cleaned of chrome
// lines, or HTML through the crawler's extraction (one per forum post).
func extractDocs(input []byte, url string, asText bool, lang string, loc *time.Location, pub *time.Time) ([]timeline.Document, error) {
	if asText {
		text := timeline.CleanText(string(crawler.DecodeBody(input, "text/plain")))
		if lang == "" {
			lang = timeline.DetectLang(text)
		}
		return []timeline.Document{{ID: timeline.DocumentID(url), URL: url, Lang: lang, Text: text, PublishedAt: pub, Kind: "article"}}, nil
	}
	docs, err := crawler.ExtractHTML(url, crawler.DecodeBody(input, ""), crawler.Hints{Lang: lang, Location: loc})
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no content found in %s", url)
	}
	if pub != nil {
		docs[0].PublishedAt, docs[0].PublishedFrom = pub, ""
	}
	return docs, nil
}

func toExtractDoc(d timeline.Document) extractDoc {
	out := extractDoc{ID: d.ID, URL: d.URL, Title: d.Title, Publisher: d.Publisher, Author: d.Author, Lang: d.Lang, Text: d.Text,
		PublishedFrom: d.PublishedFrom, TopicScore: d.TopicScore}
	if d.OnTopic != nil {
		out.OnTopic = *d.OnTopic
	}
	if d.PublishedAt != nil {
		s := d.PublishedAt.Format(time.RFC3339)
		out.PublishedAt = &s
	}
	return out
}

func loadZone(name string) (*time.Location, error) {
	if name == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, usageErr("--tz: %v", err)
	}
	return loc, nil
}

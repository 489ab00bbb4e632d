package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/wallbreak/wallbreak/timeline"
)

// TimelineJS3's JSON format (https://timeline.knightlab.com/docs/json-format.html):
// {"title": slide, "events": [slide]}, a slide with start_date (year
// required), optional end_date, text {headline, text}, group, unique_id.
type tjsDate struct {
	Year    int    `json:"year"`
	Month   int    `json:"month,omitempty"`
	Day     int    `json:"day,omitempty"`
	Display string `json:"display_date,omitempty"`
}

type tjsText struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

type tjsSlide struct {
	StartDate *tjsDate `json:"start_date,omitempty"`
	EndDate   *tjsDate `json:"end_date,omitempty"`
	Text      tjsText  `json:"text"`
	Group     string   `json:"group,omitempty"`
	UniqueID  string   `json:"unique_id,omitempty"`
}

type tjsTimeline struct {
	Title  tjsSlide   `json:"title"`
	Events []tjsSlide `json:"events"`
}

func timelineJS(events []timeline.Event) tjsTimeline {
	out := tjsTimeline{
		Title:  tjsSlide{Text: tjsText{Headline: "Alibaba × Tencent: the walls coming down", Text: "Dated milestones with their sources, from wallbreak."}},
		Events: []tjsSlide{},
	}
	for _, ev := range events {
		start, _ := time.Parse(time.DateOnly, ev.Start)
		end, _ := time.Parse(time.DateOnly, ev.End)
		sd := &tjsDate{Year: start.Year(), Display: ev.Date}
		var ed *tjsDate
		switch ev.Precision {
		case timeline.PrecisionDay:
			sd.Month, sd.Day = int(start.Month()), start.Day()
		case timeline.PrecisionMonth:
			sd.Month = int(start.Month())
		case timeline.PrecisionYear:
		default: // week, quarter, half: a span
			sd.Month, sd.Day = int(start.Month()), start.Day()
			ed = &tjsDate{Year: end.Year(), Month: int(end.Month()), Day: end.Day()}
		}
		var b strings.Builder
		b.WriteString("<ul>")
		for _, src := range ev.Sources {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a> — %s (%s): “%s”</li>`, html.EscapeString(src.URL), html.EscapeString(src.Title),
				html.EscapeString(src.Publisher), html.EscapeString(src.Lang), html.EscapeString(src.Quote))
		}
		b.WriteString("</ul>")
		out.Events = append(out.Events, tjsSlide{StartDate: sd, EndDate: ed, Group: ev.Category, UniqueID: ev.ID,
			Text: tjsText{Headline: html.EscapeString(ev.Title), Text: b.String()}})
	}
	return out
}

// csvHeader is the column order of format=csv.
var csvHeader = []string{"id", "date", "precision", "start", "end", "mod", "title", "actors", "category", "confidence",
	"source_count", "first_reported_at", "source_urls", "publishers"}

func (s *Server) writeCSV(w http.ResponseWriter, r *http.Request, events []timeline.Event) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // spreadsheet programs read UTF-8 (Chinese) right with a BOM
	cw := csv.NewWriter(&buf)
	cw.Write(csvHeader) //nolint:errcheck // bytes.Buffer
	for _, ev := range events {
		var urls, pubs []string
		for _, src := range ev.Sources {
			urls = append(urls, src.URL)
			pubs = append(pubs, src.Publisher)
		}
		first := ""
		if ev.FirstReportedAt != nil {
			first = ev.FirstReportedAt.Format(time.RFC3339)
		}
		cw.Write([]string{ev.ID, ev.Date, string(ev.Precision), ev.Start, ev.End, string(ev.Mod), ev.Title, //nolint:errcheck
			strings.Join(ev.Actors, ";"), ev.Category, strconv.FormatFloat(ev.Confidence, 'f', -1, 64),
			strconv.Itoa(ev.SourceCount), first, strings.Join(urls, " "), strings.Join(pubs, ";")})
	}
	cw.Flush()
	s.writeBody(w, r, buf.Bytes(), "text/csv; charset=utf-8")
}

// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description"`
	Language    string         `json:"language"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string     `json:"id"`
	URL           string     `json:"url,omitempty"`
	ExternalURL   string     `json:"external_url,omitempty"`
	Title         string     `json:"title"`
	ContentText   string     `json:"content_text"`
	ContentHTML   string     `json:"content_html"`
	DatePublished *time.Time `json:"date_published,omitempty"`
	Tags          []string   `json:"tags"`
}

func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) jsonFeed(w http.ResponseWriter, r *http.Request) {
	events, err := s.newestEvents(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := baseURL(r)
	f := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: "wallbreak: Alibaba × Tencent milestones",
		HomePageURL: base + "/", FeedURL: base + r.URL.RequestURI(), Language: "en",
		Description: "The newest dated steps in the opening between Alibaba's and Tencent's platforms, with their sources.",
		Items:       []jsonFeedItem{}}
	for _, ev := range events {
		it := jsonFeedItem{ID: ev.ID, URL: base + "/api/v1/events/" + ev.ID, Title: ev.Date + ": " + ev.Title,
			ContentText: eventText(ev), ContentHTML: eventHTML(ev), DatePublished: ev.FirstReportedAt,
			Tags: append(append([]string{ev.Category}, ev.Actors...), ev.Date)}
		if len(ev.Sources) > 0 {
			it.ExternalURL = ev.Sources[0].URL
		}
		f.Items = append(f.Items, it)
	}
	s.writeJSONAs(w, r, f, "application/feed+json")
}

func (s *Server) atomFeed(w http.ResponseWriter, r *http.Request) {
	events, err := s.newestEvents(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := baseURL(r)
	updated := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	f := &feeds.Feed{Title: "wallbreak: Alibaba × Tencent milestones", Link: &feeds.Link{Href: base + "/"},
		Description: "The newest dated steps in the opening between Alibaba's and Tencent's platforms, with their sources.",
		Id:          base + "/api/v1/feed.atom"}
	for _, ev := range events {
		when := updated
		if ev.FirstReportedAt != nil {
			when = *ev.FirstReportedAt
		}
		if when.After(f.Updated) {
			f.Updated = when
		}
		f.Items = append(f.Items, &feeds.Item{Id: "tag:wallbreak," + ev.ID, Title: ev.Date + ": " + ev.Title,
			Link: &feeds.Link{Href: base + "/api/v1/events/" + ev.ID}, Description: eventText(ev), Content: eventHTML(ev),
			Created: when, Updated: when})
	}
	if f.Updated.IsZero() {
		f.Updated = updated
	}
	atom, err := f.ToAtom()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeBody(w, r, []byte(atom), "application/atom+xml; charset=utf-8")
}

func eventText(ev timeline.Event) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s). Actors: %s. Sources:", ev.Title, ev.Date, strings.Join(ev.Actors, ", "))
	for _, s := range ev.Sources {
		fmt.Fprintf(&b, " %s — %s;", s.Publisher, s.URL)
	}
	return b.String()
}

func eventHTML(ev timeline.Event) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<p>%s</p><ul>", html.EscapeString(ev.Title))
	for _, s := range ev.Sources {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a> — %s: “%s”</li>`, html.EscapeString(s.URL), html.EscapeString(s.Title),
			html.EscapeString(s.Publisher), html.EscapeString(s.Quote))
	}
	b.WriteString("</ul>")
	return b.String()
}

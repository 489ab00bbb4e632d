package crawler

import (
	"fmt"
	"strings"

	"github.com/wallbreak/wallbreak/timeline"
)

// finishPost places a thread's post: a reply at its own URL under "Re:
// <title> (#n)", the first post dated by the source when the page does not
// date it; and gives it its id.
func finishPost(d *timeline.Document, h Hints, title, url string, n int, reply bool) {
	if reply {
		d.URL, d.Title = url, fmt.Sprintf("Re: %s (#%d)", title, n)
	} else if d.PublishedAt == nil {
		d.PublishedAt = h.PublishedAt
	}
	d.ID = timeline.DocumentID(d.URL)
}

// postDocument is a thread's post with text (cleaned) and author, at the
// page's URL under the thread's title (callers set a reply's own); false
// when the post has no text.
func postDocument(meta pageMeta, h Hints, title, text, author string) (timeline.Document, bool) {
	text = timeline.CleanText(text)
	if strings.TrimSpace(text) == "" {
		return timeline.Document{}, false
	}
	return timeline.Document{
		URL:       meta.url,
		Title:     title,
		Publisher: meta.publisher,
		Author:    strings.TrimSpace(author),
		Source:    h.Source,
		Kind:      "post",
		Lang:      langOr(meta.lang, text),
		Text:      text,
		FetchedAt: h.FetchedAt,
	}, true
}

// langOr is lang if the page or source says it, else the text's own.
func langOr(lang, text string) string {
	if lang == "" {
		return timeline.DetectLang(text)
	}
	return lang
}

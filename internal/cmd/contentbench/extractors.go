package main

import (
	"bytes"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/wallbreak/wallbreak/crawler"
)

// extractor turns one page's HTML (UTF-8) into its main text.
type extractor struct {
	name string
	run  func(pageURL string, body []byte) string
}

var extractors = []extractor{
	{"wallbreak", runWallbreak},
	{"go-trafilatura", trafilaturaRunner(true)},
	{"go-trafilatura (no fallback)", trafilaturaRunner(false)},
	{"go-readability", runReadability},
}

// runWallbreak is the crawler's own reading: every document the page
// yields (one for an article, one per post for a thread), in order.
func runWallbreak(pageURL string, body []byte) string {
	docs, err := crawler.ExtractHTML(pageURL, body, crawler.Hints{})
	if err != nil {
		return ""
	}
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
	}
	return strings.Join(texts, "\n\n")
}

// trafilaturaRunner runs go-trafilatura with the article benchmark's
// settings (fallback on, comments kept) or without the fallback.
func trafilaturaRunner(fallback bool) func(string, []byte) string {
	return func(pageURL string, body []byte) string {
		opts := trafilatura.Options{EnableFallback: fallback}
		if u, err := url.Parse(pageURL); err == nil {
			opts.OriginalURL = u
		}
		res, err := trafilatura.Extract(bytes.NewReader(body), opts)
		if err != nil || res == nil {
			return ""
		}
		return res.ContentText
	}
}

func runReadability(pageURL string, body []byte) string {
	u, err := url.Parse(pageURL)
	if err != nil {
		return ""
	}
	p := readability.NewParser()
	art, err := p.Parse(bytes.NewReader(body), u)
	if err != nil || art.Node == nil {
		return ""
	}
	var b strings.Builder
	if art.RenderText(&b) != nil {
		return ""
	}
	return b.String()
}

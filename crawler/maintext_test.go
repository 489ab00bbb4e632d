package crawler

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// articlePage is a news page of a few paragraphs, then tail (inside the
// article), then a footer.
func articlePage(tail string) []byte {
	para := "Taobao began accepting WeChat Pay for goods sold by its merchants, a change that both companies had resisted for years and that shoppers had asked for. "
	return []byte(`<html><head><title>Taobao takes WeChat Pay</title></head><body><nav><a href="/">Home</a></nav><article><h1>Taobao takes WeChat Pay</h1><p>` +
		strings.Repeat(para, 2) + `</p><p>` + strings.Repeat(para, 2) + `</p><p>The two groups will open more services to each other next year, the companies said.</p>` + tail +
		`</article><footer>All rights reserved</footer></body></html>`)
}

// A list that ends the article (tour dates, standings) is its text; one
// trailing line after the last paragraph (a source, a view count) is not.
func TestExtractKeepsClosingList(t *testing.T) {
	var items strings.Builder
	for d := 1; d <= 8; d++ {
		fmt.Fprintf(&items, "<li>June %d – Hangzhou, Alibaba Xixi campus</li>", d)
	}
	docs, err := ExtractHTML("https://e.example/list", articlePage("<h2>Launch events</h2><ul>"+items.String()+"</ul>"), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(docs[0].Text, "June 8 – Hangzhou") || !strings.Contains(docs[0].Text, "Launch events") {
		t.Errorf("closing list cut: %q", docs[0].Text)
	}
	docs, err = ExtractHTML("https://e.example/source", articlePage("<p>Source: wires</p>"), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(docs[0].Text, "Source: wires") {
		t.Errorf("trailing source line kept: %q", docs[0].Text)
	}
}

// A table row is one line, its cells words apart.
func TestBlockTextTableCells(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<table><tr><th>Year</th><th>Step</th></tr><tr><td>2021</td><td>WeChat opens links</td></tr></table>`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := blockText(doc), "Year Step\n2021 WeChat opens links"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Around the article's paragraphs, a byline or a source line is cut, a
// list of six lines or more (an agenda) kept.
func TestCleanArticleKeepsLists(t *testing.T) {
	para := "Taobao began accepting WeChat Pay for goods sold by its merchants, a change both companies had long resisted."
	var agenda []string
	for h := 9; h <= 15; h++ {
		agenda = append(agenda, fmt.Sprintf("%d:00 Panel on payments", h))
	}
	for _, c := range []struct {
		name, text, want string
	}{
		{"byline", "By a staff reporter\n" + para + "\nSource: wires", para},
		{"agenda", strings.Join(agenda, "\n") + "\n" + para, strings.Join(agenda, "\n") + "\n" + para},
		{"closing list", para + "\n" + strings.Join(agenda, "\n"), para + "\n" + strings.Join(agenda, "\n")},
	} {
		if got := cleanArticle(c.text); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// Share bars, bylines, captions, author cards and newsletter boxes inside
// the story are cut; a wire story's lead paragraph classed "dateline" is
// the story.
func TestExtractDiscardsStoryChrome(t *testing.T) {
	page := articlePage(`<div class="share-tools">Share on WeChat Weibo Email</div>` +
		`<figure><img src="a.jpg"><figcaption>A shopper pays at a Taobao stall in Hangzhou.</figcaption></figure>` +
		`<p class="byline">By a staff reporter</p>` +
		`<div class="newsletter-signup">Get the Daily Brief in your inbox every morning.</div>` +
		`<div class="author-card">The reporter covers China's internet platforms and has written about them for ten years.</div>` +
		`<p class="dateline">HANGZHOU, Oct. 8, 2025 -- Xianyu, Alibaba's second-hand marketplace, today announced that buyers can now pay with WeChat Pay after a pilot that began in August.</p>`)
	docs, err := ExtractHTML("https://e.example/chrome", page, Hints{})
	if err != nil {
		t.Fatal(err)
	}
	text := docs[0].Text
	for _, chrome := range []string{"Share on WeChat", "A shopper pays", "By a staff reporter", "Daily Brief", "covers China's internet"} {
		if strings.Contains(text, chrome) {
			t.Errorf("%q in the text", chrome)
		}
	}
	if !strings.Contains(text, "today announced that buyers can now pay") {
		t.Errorf("dateline lead cut: %q", text)
	}
}

// The marked body block replaces readability's text only when it holds
// more than twice as much, mostly not as links.
func TestBetterThanReadability(t *testing.T) {
	story := strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants. ", 6)
	for _, c := range []struct {
		name, block, got string
		want             bool
	}{
		{"fragment", `<div class="entry-content"><p>` + story + `</p></div>`, "Taobao began accepting WeChat Pay.", true},
		{"as long", `<div class="entry-content"><p>` + story + `</p></div>`, story, false},
		{"links", `<div class="entry-content"><a href="/a">` + story + `</a></div>`, "Taobao began accepting WeChat Pay.", false},
	} {
		doc, err := html.Parse(strings.NewReader(c.block))
		if err != nil {
			t.Fatal(err)
		}
		block := contentBlock(doc)
		if block == nil {
			t.Fatalf("%s: no body block found", c.name)
		}
		if got := betterThanReadability(block, blockText(block), c.got); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// A discard rule does not cut the story's marked body, nor a long block
// whose class merely mentions ads.
func TestDiscardSparesStoryBody(t *testing.T) {
	story := strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants. ", 6)
	doc, err := html.Parse(strings.NewReader(`<div class="post-meta"><div itemprop="articleBody"><p>` + story + `</p></div></div>` +
		`<section class="report__section--ads"><p>` + story + `</p></section><div class="ad">Buy now</div>` + strings.Repeat(`<p>`+story+`</p>`, 4)))
	if err != nil {
		t.Fatal(err)
	}
	removeDiscarded(doc)
	text := blockText(doc)
	if got := strings.Count(text, strings.TrimSpace(story)); got != 6 {
		t.Errorf("%d copies of the story left, want 6", got)
	}
	if strings.Contains(text, "Buy now") {
		t.Errorf("ad kept")
	}
}

// The block of the most paragraph text is found past lists and nesting;
// prose is counted by sentence-like lines only.
func TestParagraphBlock(t *testing.T) {
	story := strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants. ", 3)
	doc, err := html.Parse(strings.NewReader(`<div id="names"><ul><li>A. Writer</li><li>B. Writer</li></ul></div><div><div id="letter"><p>` + story + `</p><p>` + story + `</p></div><p>Short.</p></div>`))
	if err != nil {
		t.Fatal(err)
	}
	block, most := paragraphBlock(doc)
	if block == nil || len(block.Attr) == 0 || block.Attr[0].Val != "letter" {
		t.Fatalf("block %v, want the letter", block)
	}
	if want := 2 * len(strings.ReplaceAll(story, " ", "")); most != want {
		t.Errorf("paragraph text %d, want %d", most, want)
	}
	if got := proseLen("A. Writer\nB. Writer\n" + strings.TrimSpace(story)); got != len(strings.TrimSpace(story)) {
		t.Errorf("prose %d, want %d", got, len(strings.TrimSpace(story)))
	}
}

// A line break in the HTML source is a space; only blocks end lines.
func TestBlockTextSourceBreaks(t *testing.T) {
	doc, err := html.Parse(strings.NewReader("<p>Taobao began\naccepting WeChat Pay.</p><table><tr>\n<td>2021</td>\n<td>links</td>\n</tr></table><pre>a\nb</pre>"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := blockText(doc), "Taobao began accepting WeChat Pay.\n2021 links\na\nb"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// "About <name>" opening a tutorial is the article's own heading, not a
// press release's closing company description.
func TestAboutBoilerplateOnlyCloses(t *testing.T) {
	para := "<p>WeChat Pay is a payment service, and this guide walks through how Taobao shoppers can use it step by step.</p>"
	for _, c := range []struct {
		name, body string
		kept       bool
	}{
		{"opening", `<h2>About WeChat Pay</h2><p>WeChat Pay is a payment service built into the messaging app.</p>` + strings.Repeat(para, 5), true},
		{"closing", strings.Repeat(para, 5) + `<h2>About WeChat Pay</h2><p>WeChat Pay is a payment service built into the messaging app.</p>`, false},
	} {
		doc, err := html.Parse(strings.NewReader("<div>" + c.body + "</div>"))
		if err != nil {
			t.Fatal(err)
		}
		removeAboutBoilerplate(doc)
		if got := strings.Contains(blockText(doc), "built into the messaging app"); got != c.kept {
			t.Errorf("%s: about section kept %v, want %v", c.name, got, c.kept)
		}
	}
}

// Text in a block classed for a paywall is the story (served in full,
// hidden by script): no discard rule names it.
func TestDiscardKeepsPaywalledText(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<section class="row non-paywall"><p>Taobao began accepting WeChat Pay.</p></section><p>` + strings.Repeat("Filler text. ", 20) + `</p>`))
	if err != nil {
		t.Fatal(err)
	}
	removeDiscarded(doc)
	if !strings.Contains(blockText(doc), "Taobao began accepting") {
		t.Errorf("paywalled story cut")
	}
}

// A comment section is cut; a live ticker's entries classed "…-comment"
// are the page's text.
func TestDiscardCommentsNotTicker(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<div class="live-match-comment">90' Lorient hold on for a draw.</div><ol class="comment-list"><li>Great match!</li></ol><p>` + strings.Repeat("Filler text. ", 20) + `</p>`))
	if err != nil {
		t.Fatal(err)
	}
	removeDiscarded(doc)
	text := blockText(doc)
	if !strings.Contains(text, "Lorient hold on") || strings.Contains(text, "Great match") {
		t.Errorf("got %q", text)
	}
}

// A body or article classed "sidebar" (a theme's layout that has one) is
// not a sidebar; a div so classed is.
func TestComplementaryNotPageFrame(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><body class="single-post sidebar"><article class="side"><p>Story</p></article><div class="sidebar">Most read</div></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	removeNodes(doc, isComplementary)
	if text := blockText(doc); text != "Story" {
		t.Errorf("got %q, want the story alone", text)
	}
}

// When readability finds nothing, the fallback chain still reads the
// block the page marks as its story's body.
func TestFallbackWithoutReadability(t *testing.T) {
	story := strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants. ", 6)
	doc, err := html.Parse(strings.NewReader(`<div class="menu"><a href="/">Home</a></div><div class="entry-content"><p>` + story + `</p></div>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := fallbackText(doc, ""); got != strings.TrimSpace(story) {
		t.Errorf("got %q", got)
	}
}

// An <aside> that fills the page's <main> holds the story; one beside it
// in <main>, or outside it, is a sidebar.
func TestComplementaryAsideFillingMain(t *testing.T) {
	story := strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants. ", 3)
	doc, err := html.Parse(strings.NewReader(`<html><body><main><aside><article><p>` + story + `</p></article></aside><aside>Most read</aside></main><aside>Weather</aside></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	removeNodes(doc, isComplementary)
	if text := blockText(doc); text != strings.TrimSpace(story) {
		t.Errorf("got %q, want the story alone", text)
	}
}

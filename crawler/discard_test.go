package crawler

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A block two rules name is cut when either allows it: an author's card
// whose class also says "author" (a byline's word, one line at most) is
// cut as a bio.
func TestDiscardEitherRuleCuts(t *testing.T) {
	story := strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants. ", 6)
	bio := "The reporter has covered the country's payment platforms for a decade, wrote a book about them and teaches a course on financial journalism."
	doc, err := html.Parse(strings.NewReader(`<div class="field-author"><div class="author-box"><p>` + bio + `</p></div></div>` +
		strings.Repeat(`<p>`+story+`</p>`, 4)))
	if err != nil {
		t.Fatal(err)
	}
	removeDiscarded(doc)
	if text := blockText(doc); strings.Contains(text, "covered the country's payment") {
		t.Errorf("author card kept: %q", text)
	}
}

// Captions go by more names than "caption" (a legend, an image
// description, a German Bildunterschrift) and sit in headings too; a lead
// set in a "caption" type style is not one.
func TestDiscardCaptionNames(t *testing.T) {
	story := strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants. ", 6)
	captions := []string{
		`<div class="legend"><div class="content">A shopper at a stall in Hangzhou.</div></div>`,
		`<p class="imageDescription">A shopper at a stall in Hangzhou.</p>`,
		`<figure><h2 class="figure__caption">A shopper at a stall in Hangzhou.</h2></figure>`,
		`<h5 class="bilduntertitel">A shopper at a stall in Hangzhou.</h5>`,
		`<strong class="caption">A shopper at a stall in Hangzhou.</strong>`,
	}
	for _, c := range captions {
		doc, err := html.Parse(strings.NewReader(c + strings.Repeat(`<p>`+story+`</p>`, 4)))
		if err != nil {
			t.Fatal(err)
		}
		removeDiscarded(doc)
		if text := blockText(doc); strings.Contains(text, "A shopper") {
			t.Errorf("%s kept", c)
		}
	}
	doc, err := html.Parse(strings.NewReader(`<h2 class="hero__teaser caption-s5">Shoppers can now pay with the rival's wallet, the two groups said.</h2>` + strings.Repeat(`<p>`+story+`</p>`, 4)))
	if err != nil {
		t.Fatal(err)
	}
	removeDiscarded(doc)
	if text := blockText(doc); !strings.Contains(text, "Shoppers can now pay") {
		t.Errorf("lead cut as a caption")
	}
}

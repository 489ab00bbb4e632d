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

package crawler

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A page built of sections sharing a class sets its story in several:
// the others' prose joins the one readability took, in page order; a
// section of another class, or of links, does not.
func TestWithSiblingSections(t *testing.T) {
	first := strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants. ", 3)
	second := strings.Repeat("Alipay answered by opening its wallet to the rival's mini-programs within weeks. ", 3)
	page := `<html><body><div class="topic"><p>` + first + `</p></div>` +
		`<div class="banner"><p>` + strings.Repeat("Subscribe to our weekly letter on payments and platforms. ", 3) + `</p></div>` +
		`<div class="topic"><p>` + second + `</p></div>` +
		`<div class="topic"><ul>` + strings.Repeat(`<li><a href="/x">Another story on the payment wars, its headline long enough</a></li>`, 4) + `</ul></div></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	got := withSiblingSections(doc, strings.TrimSpace(first))
	if want := strings.TrimSpace(first) + "\n" + strings.TrimSpace(second); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A block with no sibling of its class stays as readability read it.
func TestWithSiblingSectionsAlone(t *testing.T) {
	story := strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants. ", 3)
	doc, err := html.Parse(strings.NewReader(`<div class="story"><p>` + story + `</p></div><div class="more"><p>` + story + `</p></div>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := withSiblingSections(doc, strings.TrimSpace(story)); got != strings.TrimSpace(story) {
		t.Errorf("got %q", got)
	}
}

package crawler

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestIsRelatedHeading(t *testing.T) {
	for line, want := range map[string]bool{
		"Related stories":                    true,
		"Weitere Artikel":                    true,
		"Das könnte Sie auch interessieren!": true,
		"À lire aussi :":                     true,
		"LESEN SIE AUCH":                     true,
		"Noticias relacionadas »":            true,
		"相关阅读":                               true,
		"Weitere Artikel erscheinen morgen":  false,
		"Taobao takes WeChat Pay":            false,
	} {
		if got := isRelatedHeading(line); got != want {
			t.Errorf("isRelatedHeading(%q) = %v, want %v", line, got, want)
		}
	}
}

// The text is cut at a related heading in its second half that only
// headlines and teasers follow; one in the first half, or one the story's
// paragraphs follow, stays.
func TestCutRelatedTail(t *testing.T) {
	para := strings.Repeat("Taobao began accepting WeChat Pay for goods sold by its merchants. ", 5)
	story := para + "\n" + para + "\n" + para
	teasers := "Alipay opens to foreign cards\nA short summary of that other story, in a line or two."
	for _, c := range []struct{ name, text, want string }{
		{"tail", story + "\nWeitere Artikel\n" + teasers, story},
		{"first half", "Weitere Artikel\n" + story, "Weitere Artikel\n" + story},
		{"story goes on", story + "\nLesen Sie auch\n" + teasers + "\n" + para, story + "\nLesen Sie auch\n" + teasers + "\n" + para},
	} {
		if got := cutRelatedTail(c.text); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// A "Lesen Sie auch: <link>" paragraph inside the story is dropped, as
// "Read more: <link>" is, and so is one whose label a guillemet closes.
func TestRemoveInlineRelatedOtherLanguages(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<div><p>Taobao began accepting WeChat Pay.</p>` +
		`<p>Lesen Sie auch: <a href="/x">Alipay öffnet sich für ausländische Karten</a></p>` +
		`<p>À lire aussi : <a href="/y">Alipay s'ouvre aux cartes étrangères</a></p>` +
		`<p>À lire aussi » <a href="/z">Alipay et les cartes étrangères, suite</a></p>` +
		`<p>Dowiedz się więcej: <a href="/w">Alipay otwiera się na zagraniczne karty</a></p><p>The change took effect on Monday.</p></div>`))
	if err != nil {
		t.Fatal(err)
	}
	removeRelatedLinks(doc)
	if text := blockText(doc); strings.Contains(text, "Alipay") || !strings.Contains(text, "took effect") {
		t.Errorf("got %q", text)
	}
}

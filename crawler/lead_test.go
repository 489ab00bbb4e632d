package crawler

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

const (
	leadPara = "Taobao began accepting WeChat Pay for goods sold by its merchants, a change both companies had long resisted."
	leadText = "Shoppers on Alibaba's marketplace can now pay with Tencent's wallet, ending a decade-long standoff."
)

// leadPage is a story whose lead sits in its header (with a byline after
// it) or a block of its own, apart from the body readability reads.
func leadPage(header, between string) *html.Node {
	body := strings.Repeat("<p>"+leadPara+"</p>", 3)
	doc, err := html.Parse(strings.NewReader(`<html><body><article><header><h1>Taobao takes WeChat Pay</h1>` + header +
		`</header>` + between + `<div class="story"><p>` + leadPara + `</p>` + body + `</div></article></body></html>`))
	if err != nil {
		panic(err)
	}
	return doc
}

// A lead the page marks (standfirst, chapo, itemprop=description) right
// before the text readability found is put first; one readability already
// has, one far from the text, a site's description or a list of links is
// not.
func TestWithLead(t *testing.T) {
	got := strings.Repeat(leadPara+"\n", 4)
	for _, c := range []struct {
		name, header, between string
		want                  bool
	}{
		{"standfirst in the header", `<p class="standfirst">` + leadText + `</p>`, "", true},
		{"chapo then a byline", "", `<div class="article-chapo"><p>` + leadText + `</p></div><p>By a staff reporter, 3 May 2024</p>`, true},
		{"described lead", `<h2 itemprop="description">` + leadText + `</h2>`, "", true},
		{"camel-case class", `<div class="articleTeaser">` + leadText + `</div>`, "", true},
		{"far from the text", `<p class="lead">` + leadText + `</p>`, "<div>" + strings.Repeat("A caption of a photo that runs on and on. ", 16) + "</div>", false},
		{"site description", `<p id="site-description">` + leadText + `</p>`, "", false},
		{"links", `<p class="intro"><a href="/a">` + leadText + `</a></p>`, "", false},
		{"too short", `<p class="lead">Payments</p>`, "", false},
		{"past a list of links", `<p class="dek">` + leadText + `</p>`, "<ul>" + strings.Repeat(`<li><a href="/b">A most-read headline about another matter entirely</a></li>`, 10) + "</ul>", true},
		{"in an intro with the headline", "", `<div class="intro"><h1>Taobao takes WeChat Pay</h1><p class="teaser-text">` + leadText + `</p></div>`, true},
		{"image description", "", `<figure><p class="image-description">` + leadText + `</p></figure>`, false},
	} {
		text := withLead(leadPage(c.header, c.between), got)
		if has := strings.HasPrefix(text, leadText+"\n"); has != c.want {
			t.Errorf("%s: lead put first %v, want %v: %q", c.name, has, c.want, text)
		}
	}
	// Readability's text holds the lead already.
	page := leadPage(`<p class="standfirst">`+leadText+`</p>`, "")
	if text := withLead(page, leadText+"\n"+got); strings.Count(text, leadText) != 1 {
		t.Errorf("lead doubled: %q", text)
	}
}

// Of two leads before the text, the nearer is taken.
func TestWithLeadNearest(t *testing.T) {
	page := leadPage(`<p class="summary">An earlier summary of the day's other payment news, set apart above.</p>`,
		`<p class="intro">`+leadText+`</p>`)
	if text := withLead(page, strings.Repeat(leadPara+"\n", 4)); !strings.HasPrefix(text, leadText+"\n") {
		t.Errorf("nearer lead not taken: %q", text)
	}
}

// Decks of a list of other stories, sharing a class, are no lead; one
// lead laid out twice (for two screens) is.
func TestWithLeadNotTeaserList(t *testing.T) {
	got := strings.Repeat(leadPara+"\n", 4)
	var list strings.Builder
	for _, d := range []string{"Alipay opens to foreign cards after a year of talks with regulators.", "Meituan raises delivery fees in three cities, citing the cost of riders."} {
		list.WriteString(`<div class="card"><a href="/c">A headline</a><p class="card-dek">` + d + `</p></div>`)
	}
	if text := withLead(leadPage("", list.String()), got); text != got {
		t.Errorf("teaser taken as the lead: %q", text)
	}
	twice := `<p class="lead">` + leadText + `</p>`
	if text := withLead(leadPage(twice, twice), got); !strings.HasPrefix(text, leadText+"\n") {
		t.Errorf("lead laid out twice not taken: %q", text)
	}
}

func TestNameWords(t *testing.T) {
	for v, want := range map[string][]string{
		"articleTeaser":          {"article", "teaser"},
		"Post__lead":             {"post", "lead"},
		"c-entry-summary p-dek":  {"c", "entry", "summary", "p", "dek"},
		"ArticleHero__teaser--x": {"article", "hero", "teaser", "x"},
	} {
		if got := nameWords(v); !slices.Equal(got, want) {
			t.Errorf("nameWords(%q) = %q, want %q", v, got, want)
		}
	}
}

// ExtractHTML keeps a lead set in the story's header, which readability
// leaves out.
func TestExtractKeepsHeaderLead(t *testing.T) {
	body := strings.Repeat("<p>"+leadPara+" The two groups will open more services to each other next year.</p>", 4)
	page := `<html><body><article><header><h1>Taobao takes WeChat Pay</h1><div class="post-lead"><h2>` + leadText +
		`</h2></div><p>By a staff reporter</p></header><div class="post-body">` + body + `</div></article></body></html>`
	docs, err := ExtractHTML("https://e.example/lead", []byte(page), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(docs[0].Text, leadText) {
		t.Errorf("lead missing: %q", docs[0].Text)
	}
}

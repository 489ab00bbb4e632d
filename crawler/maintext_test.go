package crawler

import (
	"fmt"
	"strings"
	"testing"
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

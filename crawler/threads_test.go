package crawler

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Each dialect's page goes to its splitter; where two dialects' marks meet
// on one page, the earlier splitter in the table takes it; a Discuz page
// is Discuz's even with no post; an article is no splitter's.
func TestSplitThread(t *testing.T) {
	const (
		discuz    = `<div id="post_1"><div id="postmessage_1">Taobao began accepting WeChat Pay.</div></div>`
		microdata = `<div itemscope itemtype="http://schema.org/Comment"><div itemprop="text">Taobao began accepting WeChat Pay.</div></div><div itemscope itemtype="http://schema.org/Comment"><div itemprop="text">So did JD.</div></div>`
		tieba     = `<div class="l_post"><div class="d_post_content">淘宝现在能用微信支付了。</div></div>`
	)
	for _, c := range []struct{ name, body, want string }{
		{"discuz", discuz, "discuz"},
		{"reddit", `<div class="thing link" data-type="link"><a class="title">Taobao takes WeChat Pay</a><p class="tagline"></p></div><div class="commentarea"><div class="thing comment"><div class="usertext-body"><div class="md">Finally.</div></div></div></div>`, "reddit"},
		{"v2ex", `<div class="box"><div class="header"><h1>淘宝链接</h1></div><div class="topic_content">淘宝链接能在微信里打开了。</div></div><div id="r_1" class="cell"><div class="reply_content">是的。</div></div>`, "v2ex"},
		{"hackernews", `<table class="fatitem"><tr class="athing submission" id="1"><td><span class="titleline"><a href="https://e.example/x">Taobao now accepts WeChat Pay</a></span></td></tr><tr><td></td></tr></table><table><tr class="athing comtr" id="2"><td><div class="commtext">Finally.</div></td></tr></table>`, "hackernews"},
		{"tieba", tieba, "tieba"},
		{"tweets", `<div class="timeline-item"><div class="tweet-content">Taobao accepts WeChat Pay.</div></div><div class="timeline-item"><div class="tweet-content">So does JD.</div></div>`, "tweets"},
		{"datedfeed", `<div class="list"><h3>2025-06-02</h3><p>淘宝接入微信支付。</p><h3>2025-06-01</h3><p>京东接入支付宝。</p></div>`, "datedfeed"},
		{"microdata", microdata, "microdata"},
		{"discuz before microdata", discuz + microdata, "discuz"},
		{"tieba before microdata", tieba + microdata, "tieba"},
		{"discuz without a post", `<div id="postmessage_1"> </div><article><p>Taobao began accepting WeChat Pay.</p></article>`, "discuz"},
		{"one tweet", `<div class="timeline-item"><div class="tweet-content">Taobao accepts WeChat Pay.</div></div>`, ""},
		{"article", `<article><p>Taobao began accepting WeChat Pay in 2024.</p></article>`, ""},
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><body>" + c.body + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		base, _ := url.Parse("https://e.example/t/1")
		meta := readMeta(doc, base, Hints{})
		meta.fetched = base.String()
		posts, by := splitThread(doc, meta, Hints{})
		if by != c.want {
			t.Errorf("%s: split by %q, want %q", c.name, by, c.want)
		}
		if by != "" && by != "discuz" && len(posts) == 0 || c.name == "discuz without a post" && len(posts) != 0 {
			t.Errorf("%s: %d posts", c.name, len(posts))
		}
	}
}

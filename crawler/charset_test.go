package crawler

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const zhPage = `<html><head>%s<title>淘宝接入微信支付</title></head><body><div class="content"><p>2022年3月，淘宝开始内测微信支付；同年10月，支付宝支持向微信、QQ好友转账。这一步意义重大，双方的互联互通再进一步，用户可以更方便地完成支付。</p></div></body></html>`

func TestDecodeBody(t *testing.T) {
	want := "淘宝开始内测微信支付"
	tests := []struct {
		name, ctype string
		body        []byte
	}{
		{"GBK declared in meta", "text/html", encode(t, simplifiedchinese.GBK, strings.Replace(zhPage, "%s", `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`, 1))},
		{"GB2312 declared in meta charset", "text/html", encode(t, simplifiedchinese.GBK, strings.Replace(zhPage, "%s", `<meta charset="gb2312">`, 1))},
		{"GB18030 declared in header", "text/html; charset=GB18030", encode(t, simplifiedchinese.GB18030, strings.Replace(zhPage, "%s", "", 1))},
		{"GBK declared nowhere", "text/html", encode(t, simplifiedchinese.GBK, strings.Replace(zhPage, "%s", "", 1))},
		{"Big5 declared in meta", "text/html", encode(t, traditionalchinese.Big5, `<html><head><meta charset="big5"></head><body><p>2022年3月，淘寶開始內測微信支付；同年10月，支付寶支持向微信轉帳。</p></body></html>`)},
		{"UTF-8", "text/html", []byte(strings.Replace(zhPage, "%s", "", 1))},
		// The first KiB all ASCII (scripts, styles), the text later: not
		// GB18030 for having multi-byte sequences.
		{"UTF-8 after an ASCII head", "", []byte(strings.Replace(zhPage, "%s", "<style>"+strings.Repeat("p { margin: 0 }\n", 80)+"</style>", 1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(DecodeBody(tt.body, tt.ctype))
			w := want
			if strings.Contains(tt.name, "Big5") {
				w = "淘寶開始內測微信支付"
			}
			if !strings.Contains(got, w) {
				t.Errorf("decoded text lacks %q: %.120q", w, got)
			}
		})
	}
}

func TestExtractGBKPage(t *testing.T) {
	body := encode(t, simplifiedchinese.GBK, strings.Replace(zhPage, "%s", `<meta charset="gbk">`, 1))
	docs, err := ExtractHTML("https://gbk.example/a.html", DecodeBody(body, "text/html"), Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if docs[0].Lang != "zh" || !strings.Contains(docs[0].Text, "同年10月，支付宝支持向微信") {
		t.Errorf("GBK page extracted as %q (%s)", docs[0].Text, docs[0].Lang)
	}
}

// Western pages that are not UTF-8 read in the charset they declare
// (even past the first KiB) or, declaring none, as windows-1252 — not as
// GBK, which turns "gegenüber" into "gegen黚er"; a page declaring UTF-8
// with a stray byte stays UTF-8; a Chinese page labelled iso-8859-1 is
// still read as Chinese.
func TestDecodeBodyWestern(t *testing.T) {
	de := "<p>Der Händler gegenüber öffnet früher; für Bücher gilt das schon länger, heißt es.</p>"
	pl := "<p>Sejm zagłosował za zwiększeniem środków własnych Unii.</p>"
	longHead := "<script>" + strings.Repeat("var x = 1;\n", 120) + "</script>"
	tests := []struct {
		name, want string
		body       []byte
	}{
		{"windows-1252 declared", "gegenüber öffnet früher", encode(t, charmap.Windows1252, `<html><head><meta charset="windows-1252"></head><body>`+de+`</body></html>`)},
		{"latin-1 declared nowhere", "gegenüber öffnet früher", encode(t, charmap.ISO8859_1, `<html><body>`+de+`</body></html>`)},
		{"windows-1250 declared late", "Sejm zagłosował", encode(t, charmap.Windows1250, `<html><head>`+longHead+`<meta http-equiv="Content-Type" content="text/html; charset=windows-1250"></head><body>`+pl+`</body></html>`)},
		{"UTF-8 with a stray byte", "Sejm zagłosował", append([]byte(`<html><head><meta charset="utf-8"></head><body>`+pl+strings.Repeat(pl, 3)), 0xff)},
		{"GBK labelled iso-8859-1", "淘宝开始内测微信支付", encode(t, simplifiedchinese.GBK, strings.Replace(zhPage, "%s", `<meta charset="iso-8859-1">`, 1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(DecodeBody(tt.body, "text/html")); !strings.Contains(got, tt.want) {
				t.Errorf("decoded text lacks %q: %.200q", tt.want, got)
			}
		})
	}
}

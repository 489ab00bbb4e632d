package crawler

import (
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/transform"
)

// DecodeBody returns body as UTF-8, decoding it from the charset its
// Content-Type header (may be empty), <meta> or XML declaration names, or
// that it is sniffed to be (GB18030/GBK or Big5 for Chinese pages).
func DecodeBody(body []byte, contentType string) []byte {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		if e := lookupEncoding(params["charset"]); e != nil {
			if out, err := decodeWith(e, body); err == nil {
				return out
			}
		}
		return body
	}
	return decodeBody(body, contentType)
}

// decodeBody returns an HTML or XML body as UTF-8. colly has already
// transcoded bodies whose Content-Type header names a charset; the others
// are decoded from their <meta> or XML declaration, else sniffed: bytes
// that are not UTF-8 are tried as GB18030 (a superset of GBK and GB2312)
// and Big5, and kept in the one that reads as the most Chinese text.
func decodeBody(body []byte, contentType string) []byte {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		return body // transcoded by colly
	}
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if declared := declaredCharset(body); declared != "" {
		if e := lookupEncoding(declared); e != nil {
			enc, name = e, declared
		}
	}
	if (name == "utf-8" || name == "windows-1252") && utf8.Valid(body) {
		// Nothing declared: x/net guesses windows-1252 when the first KiB
		// is ASCII, but a page valid as UTF-8 throughout is UTF-8.
		return body
	}
	if name == "windows-1252" || name == "utf-8" { // nothing declared, and not UTF-8
		return sniffChinese(body)
	}
	if out, err := decodeWith(enc, body); err == nil {
		return out
	}
	return body
}

// declaredCharset reads encoding="…" from an XML declaration or charset=…
// from an HTML meta tag in the first 1 KiB.
func declaredCharset(body []byte) string {
	head := strings.ToLower(string(body[:min(len(body), 1024)]))
	for _, key := range []string{`encoding="`, `encoding='`, `charset="`, `charset='`, `charset=`} {
		if i := strings.Index(head, key); i >= 0 {
			rest := head[i+len(key):]
			end := strings.IndexAny(rest, `"' ;/>`)
			if end > 0 {
				return strings.TrimSpace(rest[:end])
			}
		}
	}
	return ""
}

func lookupEncoding(name string) encoding.Encoding {
	switch strings.ToLower(name) {
	case "gbk", "gb2312", "gb-2312", "gb18030", "gb-18030", "x-gbk", "cp936":
		return simplifiedchinese.GB18030
	case "big5", "big-5", "cp950", "big5-hkscs":
		return traditionalchinese.Big5
	case "utf-8", "utf8":
		return encoding.Nop
	}
	e, _ := charset.Lookup(name)
	return e
}

func decodeWith(enc encoding.Encoding, body []byte) ([]byte, error) {
	if enc == nil || enc == encoding.Nop {
		return body, nil
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), body)
	return out, err
}

func sniffChinese(body []byte) []byte {
	best, bestScore := body, -1.0
	for _, enc := range []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5} {
		out, err := decodeWith(enc, body)
		if err != nil {
			continue
		}
		if s := hanScore(out); s > bestScore {
			best, bestScore = out, s
		}
	}
	return best
}

// hanScore is the share of non-ASCII runes that are common Han characters
// or CJK punctuation, minus the share of replacement characters.
func hanScore(b []byte) float64 {
	var han, other, bad int
	for _, r := range string(b) {
		switch {
		case r == utf8.RuneError:
			bad++
		case r < 128:
		case unicode.Is(unicode.Han, r) && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
			han++
		default:
			other++
		}
	}
	total := han + other + bad
	if total == 0 {
		return 0
	}
	return float64(han-5*bad) / float64(total)
}

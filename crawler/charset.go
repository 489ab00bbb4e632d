package crawler

import (
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
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
// are decoded from the charsets their <meta> tags or XML declaration name
// (the first that fits the bytes), else sniffed: bytes that are not UTF-8
// are tried as GB18030 (a superset of GBK and GB2312) and Big5, kept in
// the one that reads as Chinese text, else read as windows-1252.
func decodeBody(body []byte, contentType string) []byte {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		return body // transcoded by colly
	}
	if utf8.Valid(body) {
		// x/net guesses windows-1252 when the first KiB is ASCII and
		// nothing is declared, but a page valid as UTF-8 throughout is
		// UTF-8, whatever it declares.
		return body
	}
	for _, name := range declaredCharsets(body) {
		if out, ok := decodeDeclared(body, name); ok {
			return out
		}
	}
	return sniffCharset(body)
}

// decodeDeclared decodes body from a charset it declares, if the bytes
// fit it: UTF-8 that is mostly valid (a stray byte aside), GBK or Big5
// that is not; a Western single-byte charset fits any bytes, unless they
// read as Chinese (a Chinese page mislabelled iso-8859-1).
func decodeDeclared(body []byte, name string) ([]byte, bool) {
	enc := lookupEncoding(name)
	switch {
	case enc == nil:
		return nil, false
	case enc == encoding.Nop:
		return body, mostlyUTF8(body)
	case enc == simplifiedchinese.GB18030 || enc == traditionalchinese.Big5:
		out, err := decodeWith(enc, body)
		return out, err == nil && !mostlyUTF8(body)
	}
	if out := sniffChinese(body); out != nil {
		return out, true
	}
	out, err := decodeWith(enc, body)
	return out, err == nil
}

// mostlyUTF8 tells bytes whose multi-byte UTF-8 sequences outnumber the
// invalid ones twenty to one.
func mostlyUTF8(b []byte) bool {
	valid, bad := 0, 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case size > 1:
			valid++
		}
		b = b[size:]
	}
	return valid >= 20*bad
}

// declaredCharsets are the charsets an XML declaration's encoding="…" or
// an HTML meta tag's charset=… name in the first 4 KiB (a head with long
// scripts names its charset late), in order.
func declaredCharsets(body []byte) []string {
	head := strings.ToLower(string(body[:min(len(body), 4096)]))
	var names []string
	for i := 0; i < len(head); {
		j, key := -1, ""
		for _, k := range []string{`encoding="`, `encoding='`, `charset=`} {
			if at := strings.Index(head[i:], k); at >= 0 && (j < 0 || at < j) {
				j, key = at, k
			}
		}
		if j < 0 {
			break
		}
		rest := strings.TrimLeft(head[i+j+len(key):], `"'\`)
		if end := strings.IndexAny(rest, `"' ;/>\`); end > 0 {
			names = append(names, strings.TrimSpace(rest[:end]))
		}
		i += j + len(key)
	}
	return names
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

// sniffCharset decodes an undeclared body that is not UTF-8: as UTF-8
// when that is what it mostly is, as Chinese when it reads as Chinese,
// else as windows-1252.
func sniffCharset(body []byte) []byte {
	if mostlyUTF8(body) {
		return body
	}
	if out := sniffChinese(body); out != nil {
		return out
	}
	out, err := decodeWith(charmap.Windows1252, body)
	if err != nil {
		return body
	}
	return out
}

// sniffChinese is body decoded as GB18030 or Big5, whichever reads as the
// most Chinese text, or nil when neither reads as Chinese.
func sniffChinese(body []byte) []byte {
	var best []byte
	bestScore := -1.0
	for _, enc := range []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5} {
		out, err := decodeWith(enc, body)
		if err != nil || !readsChinese(out) {
			continue
		}
		if s := hanScore(out); s > bestScore {
			best, bestScore = out, s
		}
	}
	return best
}

// readsChinese tells decoded text whose Han characters mostly stand next
// to other Han characters or CJK punctuation, as Chinese words do: Latin
// text decoded as GBK shows Han characters one at a time between letters
// ("gegen黚er" for "gegenüber").
func readsChinese(b []byte) bool {
	han, paired := 0, 0
	prevCJK := false
	prevHan := false
	for _, r := range string(b) {
		isHan := unicode.Is(unicode.Han, r)
		cjk := isHan || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
		if isHan {
			han++
			if prevCJK {
				paired++
			}
		}
		if cjk && prevHan && !isHan {
			paired++ // a Han character before CJK punctuation
		}
		prevCJK, prevHan = cjk, isHan
	}
	return han > 0 && hanScore(b) > 0.5 && paired*10 >= han*7
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

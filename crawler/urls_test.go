package crawler

import "testing"

func TestCanonicalize(t *testing.T) {
	for in, want := range map[string]string{
		"HTTP://Example.COM:80/a?utm_source=rss&b=2&a=1#frag":    "http://example.com/a?a=1&b=2",
		"https://example.com:443":                                "https://example.com/",
		"https://example.com/a?spm=a2.b.c&fbclid=x&id=7":         "https://example.com/a?id=7",
		"https://example.com/news/1.html?utm_medium=feed&utm_x=": "https://example.com/news/1.html",
		"http://127.0.0.1:8080/x":                                "http://127.0.0.1:8080/x",
	} {
		got, err := Canonicalize(in)
		if err != nil || got != want {
			t.Errorf("Canonicalize(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "ftp://example.com/x", "javascript:alert(1)", "http://", "::"} {
		if _, err := Canonicalize(bad); err == nil {
			t.Errorf("Canonicalize(%q) accepted", bad)
		}
	}
}

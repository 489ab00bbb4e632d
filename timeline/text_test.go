package timeline

import (
	"os"
	"strings"
	"testing"
)

func TestCleanTextSeed(t *testing.T) {
	b, err := os.ReadFile("testdata/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := CleanText(string(b))
	for _, chrome := range []string{"您需要登录后才可以回帖", "本版积分规则", "新手上路", "Following", "첫 페이지", "Sign Up"} {
		if strings.Contains(text, chrome) {
			t.Errorf("chrome %q left in the text", chrome)
		}
	}
	if !strings.HasPrefix(text, "Some netizens recently posted") || !strings.HasSuffix(text, "respective strategic interests.") {
		t.Errorf("content cut: %q … %q", text[:40], text[len(text)-40:])
	}
	if !strings.Contains(text, "\nPreviously launched WeChat QR code payment for direct payment, currently still under testing\n") {
		t.Error("a heading inside the article was dropped")
	}
}

func TestSentences(t *testing.T) {
	text := "On Sept. 17, 2021, Ele.me joined. Revenue rose 129.07 billion! 淘宝上线了。微信跟进？\"Done.\" Next"
	var got []string
	for _, s := range Sentences(text) {
		got = append(got, s.Text)
		if text[s.Offset:s.End()] != s.Text {
			t.Errorf("offset of %q wrong", s.Text)
		}
	}
	want := []string{"On Sept. 17, 2021, Ele.me joined.", "Revenue rose 129.07 billion!", "淘宝上线了。", "微信跟进？", "\"Done.\"", "Next"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestDetectLang(t *testing.T) {
	for text, want := range map[string]string{
		"Taobao accepts WeChat Pay": "en",
		"淘宝支持微信支付了":                 "zh",
		"淘宝（Taobao）上线了WeChat Pay微信支付功能，用户可以直接付款":                       "zh",
		"Alibaba's Taobao (淘宝) now supports WeChat Pay for some users": "en",
	} {
		if got := DetectLang(text); got != want {
			t.Errorf("DetectLang(%q) = %s, want %s", text, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string][3]string{
		"2024-02-20": {"2024-02-20", "2024-02-20", "2024-02-20"},
		"2013-W07":   {"2013-W07", "2013-02-11", "2013-02-17"},
		"2022-10":    {"2022-10", "2022-10-01", "2022-10-31"},
		"2023-Q3":    {"2023-Q3", "2023-07-01", "2023-09-30"},
		"2021-H2":    {"2021-H2", "2021-07-01", "2021-12-31"},
		"2024":       {"2024", "2024-01-01", "2024-12-31"},
	} {
		d, err := ParseDate(in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", in, err)
			continue
		}
		got := [3]string{d.Value(), d.Start().Format("2006-01-02"), d.End().Format("2006-01-02")}
		if got != want {
			t.Errorf("ParseDate(%q) = %v, want %v", in, got, want)
		}
	}
	for _, bad := range []string{"", "banana", "2024-13", "2024-02-30", "2024-Q5", "2024-H3", "2024-W54", "24-01", "2024-1-1-1"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

// A time of day's "p.m." does not end the sentence it is in, and does end
// one when a new sentence follows.
func TestSentencesClockTimes(t *testing.T) {
	for text, want := range map[string]int{
		"Taobao opened WeChat Pay from 8 p.m. Beijing time on Oct. 14. Then it paused.": 2,
		"The switch came at 10 a.m. on Monday.":                                         1,
		"It went live at 8 p.m. The next day, Alipay followed.":                         2,
	} {
		if got := Sentences(text); len(got) != want {
			t.Errorf("%q: %d sentences %v, want %d", text, len(got), got, want)
		}
	}
}

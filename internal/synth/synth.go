// Package synth generates a realistic synthetic corpus for wallbreak's
// benchmarks and crash tests: English and Chinese news articles about the
// Alibaba–Tencent interconnection, each with a few dated milestones named
// by profile aliases, filler prose that makes every article's text (and
// near-duplicate fingerprint) distinct, and publication dates spread over
// 2021–2025. Article i is the same for a given seed on every machine.
//
// Site serves the corpus as a news site on loopback: an RSS feed (and a
// sitemap) of every article, article pages with ETag and Last-Modified
// that answer conditional requests with 304, and a robots.txt.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Article is one generated article.
type Article struct {
	N         int
	Lang      string // "en" or "zh"
	Title     string
	Paragraph []string
	Published time.Time
	// Milestones is how many dated statements the text was built with.
	Milestones int
}

// Text is the article's paragraphs joined by blank lines.
func (a Article) Text() string { return strings.Join(a.Paragraph, "\n\n") }

// Path is the article's path on Site.
func (a Article) Path() string { return fmt.Sprintf("/news/%d/%06d.html", a.Published.Year(), a.N) }

type actor struct{ en, zh string }

var (
	payers = []actor{{"Taobao", "淘宝"}, {"Tmall", "天猫"}, {"Ele.me", "饿了么"}, {"Xianyu", "闲鱼"}, {"Youku", "优酷"},
		{"Damai", "大麦"}, {"Alibaba", "阿里巴巴"}, {"JD.com", "京东"}, {"Meituan", "美团"}, {"Pinduoduo", "拼多多"}, {"Douyin", "抖音"}}
	payees = []actor{{"WeChat Pay", "微信支付"}, {"Alipay", "支付宝"}, {"WeChat", "微信"}, {"QQ", "QQ"},
		{"UnionPay", "银联"}, {"Tencent", "腾讯"}, {"Weixin Channels", "视频号"}, {"Moments", "朋友圈"}}
	actionsEN = []string{
		"%s began accepting %s for payments",
		"%s started testing %s as a payment option",
		"%s opened its links to users of %s",
		"%s allowed product links to be shared on %s",
		"%s launched a mini program on %s",
		"%s connected its logistics service to %s",
		"%s began placing advertisements on %s",
		"%s signed a cooperation agreement with %s",
	}
	actionsZH = []string{
		"%s正式接入%s",
		"%s开始测试%s付款",
		"%s向%s用户开放外链",
		"%s商品链接可以分享到%s",
		"%s在%s上线小程序",
		"%s宣布与%s达成合作",
		"%s开始在%s投放广告",
		"%s打通了%s的物流服务",
	}
	monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	fillerEN = strings.Fields(`analysts users merchants platform ecosystem traffic regulators interoperability
		checkout option settings mini program payment share links walled gardens competition cooperation
		gradually rollout pilot cities sellers buyers transaction fees commission subsidies market share
		observers said the change could lower costs for small shops while larger brands already sell everywhere
		industry insiders expect more steps as the companies weigh data security and user experience
		shoppers complained about copying passwords and screenshots before links opened directly
		the move was widely discussed on social media where many users welcomed the convenience`)
	fillerZH = []rune("用户商家平台生态流量监管互联互通支付选项设置小程序分享链接围墙竞争合作逐步灰度测试城市卖家买家交易手续费佣金补贴市场份额业内人士认为此举将降低中小商家成本品牌方早已全渠道经营数据安全体验口令截图复制跳转便利社交媒体讨论热烈")
)

// Generate returns article n of the corpus for seed. Every fifth article
// is in Chinese.
func Generate(seed uint64, n int) Article {
	rng := rand.New(rand.NewPCG(seed, uint64(n)*0x9e3779b97f4a7c15+1))
	base := time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC)
	pub := base.Add(time.Duration(rng.IntN(4*365*24)) * time.Hour).Add(time.Duration(rng.IntN(3600)) * time.Second)
	a := Article{N: n, Lang: "en", Published: pub}
	if n%5 == 4 {
		a.Lang = "zh"
	}
	a.Milestones = 1 + rng.IntN(3)
	var title string
	for i := 0; i < a.Milestones; i++ {
		p, q := payers[rng.IntN(len(payers))], payees[rng.IntN(len(payees))]
		// A step in the months before publication.
		when := pub.AddDate(0, -rng.IntN(18), 0)
		var s string
		if a.Lang == "zh" {
			act := fmt.Sprintf(actionsZH[rng.IntN(len(actionsZH))], p.zh, q.zh)
			s = fmt.Sprintf("%d年%d月，%s。", when.Year(), int(when.Month()), act)
			if i == 0 {
				title = act
			}
		} else {
			act := fmt.Sprintf(actionsEN[rng.IntN(len(actionsEN))], p.en, q.en)
			s = fmt.Sprintf("In %s %d, %s.", monthsEN[when.Month()-1], when.Year(), act)
			if i == 0 {
				title = strings.ToUpper(act[:1]) + act[1:]
			}
		}
		a.Paragraph = append(a.Paragraph, s+" "+filler(rng, a.Lang, 40+rng.IntN(60)))
	}
	for i := rng.IntN(3); i >= 0; i-- {
		a.Paragraph = append(a.Paragraph, filler(rng, a.Lang, 60+rng.IntN(80)))
	}
	a.Title = title
	return a
}

// filler is n words (or n Chinese characters' worth of phrases) of prose
// drawn at random, in sentences.
func filler(rng *rand.Rand, lang string, n int) string {
	var b strings.Builder
	if lang == "zh" {
		for i := 0; i < n; i++ {
			b.WriteRune(fillerZH[rng.IntN(len(fillerZH))])
			if i%17 == 16 {
				b.WriteString("，")
			}
		}
		b.WriteString("。")
		return b.String()
	}
	start := true
	for i := 0; i < n; i++ {
		w := fillerEN[rng.IntN(len(fillerEN))]
		if start {
			w = strings.ToUpper(w[:1]) + w[1:]
			start = false
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i%14 == 13 || i == n-1 {
			b.WriteByte('.')
			start = true
		}
	}
	return b.String()
}

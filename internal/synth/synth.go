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
	"math"
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
	Steps      []Step
}

// Text is the article's paragraphs joined by blank lines.
func (a Article) Text() string { return strings.Join(a.Paragraph, "\n\n") }

// Path is the article's path on Site.
func (a Article) Path() string { return fmt.Sprintf("/news/%d/%06d.html", a.Published.Year(), a.N) }

type actor struct{ en, zh, id string }

// Step is a milestone an article was written with: what the extractor
// should find, and what the index benchmark indexes without extracting.
type Step struct {
	Date     string // YYYY-MM
	Actors   []string
	Category string
	Quote    string
}

var (
	payers = []actor{{"Taobao", "淘宝", "taobao"}, {"Tmall", "天猫", "tmall"}, {"Ele.me", "饿了么", "ele-me"}, {"Xianyu", "闲鱼", "xianyu"},
		{"Youku", "优酷", "youku"}, {"Damai", "大麦", "damai"}, {"Alibaba", "阿里巴巴", "alibaba"}, {"JD.com", "京东", "jd"},
		{"Meituan", "美团", "meituan"}, {"Pinduoduo", "拼多多", "pinduoduo"}, {"Douyin", "抖音", "douyin"}}
	payees = []actor{{"WeChat Pay", "微信支付", "wechat-pay"}, {"Alipay", "支付宝", "alipay"}, {"WeChat", "微信", "wechat"}, {"QQ", "QQ", "qq"},
		{"UnionPay", "银联", "unionpay"}, {"Tencent", "腾讯", "tencent"}, {"Weixin Channels", "视频号", "weixin-channels"}, {"Moments", "朋友圈", "moments"}}
	// The category of each action, in the order of actionsEN / actionsZH.
	categoriesEN = []string{"payment", "payment", "links", "links", "mini-programs", "logistics", "ads", "other"}
	categoriesZH = []string{"other", "payment", "links", "links", "mini-programs", "other", "ads", "logistics"}
	actionsEN    = []string{
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
		var s, cat string
		if a.Lang == "zh" {
			k := rng.IntN(len(actionsZH))
			act := fmt.Sprintf(actionsZH[k], p.zh, q.zh)
			s, cat = fmt.Sprintf("%d年%d月，%s。", when.Year(), int(when.Month()), act), categoriesZH[k]
			if i == 0 {
				title = act
			}
		} else {
			k := rng.IntN(len(actionsEN))
			act := fmt.Sprintf(actionsEN[k], p.en, q.en)
			s, cat = fmt.Sprintf("In %s %d, %s.", monthsEN[when.Month()-1], when.Year(), act), categoriesEN[k]
			if i == 0 {
				title = strings.ToUpper(act[:1]) + act[1:]
			}
		}
		a.Steps = append(a.Steps, Step{Date: when.Format("2006-01"), Actors: []string{p.id, q.id}, Category: cat, Quote: s})
		a.Paragraph = append(a.Paragraph, s+" "+filler(rng, a.Lang, 40+rng.IntN(60)))
	}
	for i := rng.IntN(3); i >= 0; i-- {
		a.Paragraph = append(a.Paragraph, filler(rng, a.Lang, 60+rng.IntN(80)))
	}
	a.Title = title
	return a
}

// The rest of the prose comes from large vocabularies with Zipf-like
// frequencies, as in real text: a few words are everywhere, most are rare,
// so a query's cost at scale depends on how common its words are, not on
// every article containing every word.
var (
	vocabEN = func() []string {
		onsets := strings.Fields("b c d f g h j k l m n p r s t v w z br cl dr fl gr pl pr st tr")
		vowels := strings.Fields("a e i o u ai ea ou")
		codas := []string{"", "n", "r", "s", "t", "l", "m", "nd", "st"}
		rng := rand.New(rand.NewPCG(11, 13))
		seen := map[string]bool{}
		var out []string
		for len(out) < 30000 {
			var b strings.Builder
			for k := 2 + rng.IntN(2); k > 0; k-- {
				b.WriteString(onsets[rng.IntN(len(onsets))])
				b.WriteString(vowels[rng.IntN(len(vowels))])
			}
			b.WriteString(codas[rng.IntN(len(codas))])
			if w := b.String(); !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
		return out
	}()
	vocabZH = func() []rune {
		// Han characters that the date tagger reads (numerals, 年月日,
		// 今去前后…) are left out, so filler never forms a date.
		skip := "年月日号周星期前后今去昨明上下本同次当初底末季度半一二三四五六七八九十〇零百千万两元"
		var out []rune
		for r := rune(0x4E00); r <= 0x9FA5; r++ {
			if !strings.ContainsRune(skip, r) {
				out = append(out, r)
			}
		}
		rng := rand.New(rand.NewPCG(17, 19))
		rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out
	}()
)

// zipf draws an index in [0, n) with frequency falling as 1/rank.
func zipf(rng *rand.Rand, n int) int {
	// Inverse transform of a continuous 1/x distribution over [1, n+1).
	x := math.Exp(rng.Float64() * math.Log(float64(n)+1))
	return min(int(x)-1, n-1)
}

// filler is n words (or n Chinese characters' worth of phrases) of prose
// drawn at random, in sentences.
func filler(rng *rand.Rand, lang string, n int) string {
	var b strings.Builder
	if lang == "zh" {
		for i := 0; i < n; i++ {
			if rng.IntN(10) < 4 {
				b.WriteRune(fillerZH[rng.IntN(len(fillerZH))])
			} else {
				b.WriteRune(vocabZH[zipf(rng, len(vocabZH))])
			}
			if i%17 == 16 {
				b.WriteString("，")
			}
		}
		b.WriteString("。")
		return b.String()
	}
	start := true
	for i := 0; i < n; i++ {
		w := vocabEN[zipf(rng, len(vocabEN))]
		if rng.IntN(10) < 3 {
			w = fillerEN[rng.IntN(len(fillerEN))]
		}
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

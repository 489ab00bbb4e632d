//go:build analyzereval

// Which Chinese analysis finds more of the right documents: Bleve's cjk
// (bigrams, matched as phrases) or a dictionary segmenter (gse, with its
// search-mode sub-words)? Run with
//
//	go test -tags analyzereval -run TestChineseAnalyzers -v ./index
//
// It is build-tagged because gse's embedded dictionary costs ~35 MB and
// seconds to load; the verdict is recorded in README.md and
// BENCHMARKS.md. The documents are the sentences of the Chinese gold pages
// plus sentences written to hold the classic traps of each approach; a
// sentence is relevant to a query when it mentions the query's word
// (as a substring, except where it only straddles a word boundary, listed
// in traps).
package index

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/go-ego/gse"

	"github.com/wallbreak/wallbreak/crawler"
	"github.com/wallbreak/wallbreak/timeline"
)

var (
	gseOnce sync.Once
	gseSeg  gse.Segmenter
)

type gseTokenizer struct{}

func (gseTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	pos := 1
	var add func(s *gse.Segment, base int)
	add = func(s *gse.Segment, base int) {
		text := s.Token().Text()
		if strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			return
		}
		out = append(out, &analysis.Token{Term: []byte(text), Start: base + s.Start(), End: base + s.End(), Position: pos, Type: analysis.Ideographic})
		for _, sub := range s.Token().Segments() { // search mode: the words inside a word
			add(sub, base+s.Start())
		}
	}
	for _, s := range gseSeg.Segment(input) {
		seg := s
		before := len(out)
		add(&seg, 0)
		if len(out) > before {
			pos++
		}
	}
	return out
}

func init() {
	registry.RegisterTokenizer("gse", func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		gseOnce.Do(func() {
			var err error
			if gseSeg, err = gse.NewEmbed(); err != nil {
				panic(err)
			}
		})
		return gseTokenizer{}, nil
	})
}

// traps: for a query, contexts where the substring is not the word.
var traps = map[string][]string{
	"京东": {"北京东"},
	"阿里": {"阿里山"},
	"外链": {"海外链"},
	"支付": {},
}

var trapSentences = []string{
	"北京东路的商户开始支持支付宝付款。",
	"台湾阿里山景区门票可以用微信购买。",
	"海外链接服务商表示暂无计划。",
	"京东宣布接入微信支付，用户可以在京东商城使用微信付款。",
	"阿里巴巴与腾讯的互联互通进入新阶段。",
	"淘宝外链可以直接在微信中打开。",
	"支付宝支持向微信好友转账。",
	"拼多多早已支持微信支付和支付宝。",
	"美团外卖小程序上线支付宝支付选项。",
	"工信部要求平台按标准解除屏蔽网址链接。",
	"朋友圈广告可以跳转到淘宝、天猫的商品页面。",
	"视频号直播间可以挂淘宝商品链接。",
}

func chineseCorpus(t *testing.T) []string {
	files, _ := filepath.Glob("../testdata/gold/*-zh-*.html")
	sents := append([]string(nil), trapSentences...)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := crawler.ExtractHTML("https://example.test/"+filepath.Base(f), crawler.DecodeBody(b, ""), crawler.Hints{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			for _, sp := range timeline.Sentences(d.Text) {
				if s := strings.TrimSpace(sp.Text); len([]rune(s)) >= 6 {
					sents = append(sents, s)
				}
			}
		}
	}
	return sents
}

func relevant(sentence, q string) bool {
	rest := sentence
	for _, trap := range traps[q] {
		rest = strings.ReplaceAll(rest, trap, "")
	}
	return strings.Contains(rest, q)
}

func TestChineseAnalyzers(t *testing.T) {
	corpus := chineseCorpus(t)
	queries := []string{"微信支付", "支付", "京东", "阿里", "外链", "互联互通", "小程序", "淘宝", "腾讯", "朋友圈广告",
		"视频号", "工信部", "屏蔽", "扫码", "链接", "转账", "广告", "天猫", "外卖", "直播"}
	type scores struct{ tp, fp, fn int }
	results := map[string]*scores{}
	configs := []string{"cjk", "gse"}
	for _, name := range configs {
		m := bleve.NewIndexMapping()
		if strings.HasPrefix(name, "gse") {
			if err := m.AddCustomAnalyzer("gse", map[string]any{"type": custom.Name, "tokenizer": "gse", "token_filters": []string{lowercase.Name}}); err != nil {
				t.Fatal(err)
			}
		}
		f := bleve.NewTextFieldMapping()
		f.Analyzer = map[string]string{"cjk": cjk.AnalyzerName, "gse": "gse", "gse-phrase": "gse"}[name]
		m.DefaultMapping.AddFieldMappingsAt("text", f)
		ix, err := bleve.NewMemOnly(m)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range corpus {
			if err := ix.Index(fmt.Sprint(i), map[string]string{"text": s}); err != nil {
				t.Fatal(err)
			}
		}
		sc := &scores{}
		results[name] = sc
		for _, q := range queries {
			var bq query.Query
			if name != "gse" {
				p := bleve.NewMatchPhraseQuery(q) // as index.textQuery asks Chinese words
				p.SetField("text")
				bq = p
			} else {
				mq := bleve.NewMatchQuery(q)
				mq.SetField("text")
				mq.SetOperator(query.MatchQueryOperatorAnd)
				bq = mq
			}
			res, err := ix.Search(bleve.NewSearchRequestOptions(bq, len(corpus), 0, false))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, h := range res.Hits {
				got[h.ID] = true
			}
			var misses, extras []string
			for i, s := range corpus {
				rel, hit := relevant(s, q), got[fmt.Sprint(i)]
				switch {
				case rel && hit:
					sc.tp++
				case hit:
					sc.fp++
					extras = append(extras, s)
				case rel:
					sc.fn++
					misses = append(misses, s)
				}
			}
			if len(misses)+len(extras) > 0 {
				sort.Strings(misses)
				t.Logf("%s %q: %d missed %q; %d wrong %q", name, q, len(misses), first(misses, 2), len(extras), first(extras, 2))
			}
		}
		ix.Close()
	}
	t.Logf("%d sentences, %d queries", len(corpus), len(queries))
	for _, name := range configs {
		sc := results[name]
		p := float64(sc.tp) / float64(sc.tp+sc.fp)
		r := float64(sc.tp) / float64(sc.tp+sc.fn)
		t.Logf("%s: precision %.3f recall %.3f (tp %d, fp %d, fn %d)", name, p, r, sc.tp, sc.fp, sc.fn)
	}
}

func first(xs []string, n int) []string { return xs[:min(n, len(xs))] }

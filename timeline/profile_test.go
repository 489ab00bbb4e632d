package timeline

import (
	"errors"
	"slices"
	"testing"
)

func TestFindActors(t *testing.T) {
	p := DefaultProfile()
	tests := []struct {
		text string
		want []string
	}{
		{"Taobao now accepts WeChat Pay", []string{"taobao", "wechat-pay"}},
		{"Alibaba Mama partnered with Tencent Advertising", []string{"alimama", "tencent-ads"}},
		{"淘宝接入微信支付，支付寶也跟進", []string{"taobao", "wechat-pay", "alipay"}},
		{"天貓與騰訊", []string{"tmall", "tencent"}},
		{"Kaolahaigou and Ele.me", []string{"kaola", "ele-me"}},
		{"QQQ and qqmail and QQ", []string{"qq"}},
		{"Alibaba's Taotian and Alibabas", []string{"alibaba", "taobao"}},
		{"moments later, WeChat Moments ads", []string{"moments"}},
		{"The MIIT met; 工信部", []string{"miit"}},
		{"nothing here at all", nil},
	}
	for _, tt := range tests {
		if got := ActorIDs(p.FindActors(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("FindActors(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestResolveActor(t *testing.T) {
	p := DefaultProfile()
	for _, s := range []string{"WeChat Pay", "微信支付", "wechatpay", "wechat-pay", "Weixin Pay"} {
		if id, ok := p.ResolveActor(s); !ok || id != "wechat-pay" {
			t.Errorf("ResolveActor(%q) = %q, %v", s, id, ok)
		}
	}
	if _, ok := p.ResolveActor("banana"); ok {
		t.Error("banana resolved")
	}
}

func TestDefaultProfileHasRequiredActors(t *testing.T) {
	p := DefaultProfile()
	for _, id := range []string{"alibaba", "tencent", "taobao", "tmall", "alipay", "wechat", "wechat-pay", "qq", "ele-me", "youku",
		"damai", "kaola", "shuqi", "xianyu", "alimama", "tencent-ads", "weixin-channels", "moments", "miit", "jd", "meituan",
		"pinduoduo", "unionpay", "douyin"} {
		if _, ok := p.Actor(id); !ok {
			t.Errorf("actor %s missing", id)
		}
	}
	for _, c := range []string{"payment", "links", "ads", "logistics", "mini-programs", "regulation", "other"} {
		if !slices.ContainsFunc(p.Categories, func(x Category) bool { return x.ID == c }) {
			t.Errorf("category %s missing", c)
		}
	}
}

func TestParseProfileErrors(t *testing.T) {
	for _, bad := range []string{
		"actors: [{id: x}]",
		"actors: [{aliases: [X]}]",
		"actors: [{id: x, aliases: [X]}, {id: x, aliases: [Y]}]",
		"actors: [{id: x, aliases: [X], colour: red}]",
		"actors: [",
		"",
	} {
		if _, err := ParseProfile([]byte(bad)); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseProfile(%q) = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestCategorize(t *testing.T) {
	p := DefaultProfile()
	for text, want := range map[string]string{
		"MIIT held a meeting to rectify link blocking": "regulation",
		"Alipay supported transfers to WeChat friends": "payment",
		"Moments ads can jump to Taobao":               "ads",
		"淘宝商品链接可以在微信中直接打开":                             "links",
		"Taobao and Tmall focused on user experience":  "other",
	} {
		if got := p.Categorize(text); got != want {
			t.Errorf("Categorize(%q) = %s, want %s", text, got, want)
		}
	}
}

package events

import (
	"os"
	"strings"
	"testing"

	"github.com/wallbreak/wallbreak/timeline"
)

func TestFingerprintNearDuplicates(t *testing.T) {
	b, err := os.ReadFile("../testdata/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed := timeline.CleanText(string(b))
	repost := "Reposted from Southern Metropolis Daily.\n" + strings.ReplaceAll(strings.ReplaceAll(seed, "Nandu", "Southern Metropolis Daily"), "  ", " ") + "\nShare this article. Comments (12)."
	other := timeline.CleanText(`In March 2022, Meituan began accepting Alipay for food delivery in some cities, and in July it extended the option to hotel bookings. Analysts said the move followed a regulator's order in September 2021 that told platforms to stop blocking each other's links. JD.com started accepting Alipay in October 2024, two months after announcing the plan, while Pinduoduo tested Alipay payments in 2022.`)
	zhA := "去年10月，淘宝上线微信扫码支付选项，用户需要先保存付款二维码，再到微信中扫码完成支付，操作较为繁琐。今年2月20日，淘宝客服回应称，微信支付正在逐步开放中，目前仅面向部分用户和部分商品。业内人士认为，支付环节的互通意义更大，阿里与腾讯之间的合作正在从流量走向交易核心环节。"
	zhRepost := "转载：" + zhA + "（来源：南方都市报）"
	if d := HammingDistance(Fingerprint(seed), Fingerprint(repost)); d > NearDuplicateBits {
		t.Errorf("a repost with other chrome is %d bits away", d)
	}
	if d := HammingDistance(Fingerprint(seed), Fingerprint(seed[:len(seed)*4/5])); d > NearDuplicateBits {
		t.Errorf("a repost missing its last fifth is %d bits away", d)
	}
	if d := HammingDistance(Fingerprint(zhA), Fingerprint(zhRepost)); d > NearDuplicateBits {
		t.Errorf("a Chinese repost is %d bits away", d)
	}
	if d := HammingDistance(Fingerprint(seed), Fingerprint(other)); d <= 10 {
		t.Errorf("different stories only %d bits apart", d)
	}
	if d := HammingDistance(Fingerprint(seed), Fingerprint(zhA)); d <= 10 {
		t.Errorf("different languages only %d bits apart", d)
	}
	if Fingerprint("") != 0 || Fingerprint("a b") == 0 {
		t.Error("degenerate inputs")
	}
}

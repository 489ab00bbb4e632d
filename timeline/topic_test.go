package timeline

import "testing"

func TestSides(t *testing.T) {
	p := DefaultProfile()
	for id, want := range map[string]string{"taobao": "alibaba", "alibaba": "alibaba", "wechat-pay": "tencent", "jd": "jd", "miit": ""} {
		if got := p.Side(id); got != want {
			t.Errorf("Side(%s) = %q, want %q", id, got, want)
		}
	}
}

func TestStatementTopic(t *testing.T) {
	p := DefaultProfile()
	for _, tt := range []struct {
		text string
		want TopicStand
	}{
		{"Taobao began accepting WeChat Pay.", OnTopic},                             // two sides
		{"WeChat let users open external links in private chats.", OnTopic},         // one side, interop
		{"工信部要求各平台限期解除屏蔽网址链接。", OnTopic},                                            // a regulator's act on the topic
		{"Tencent reported quarterly revenue of 140 billion yuan.", OffTopic},       // one side's results
		{"阿里巴巴宣布启动组织架构调整。", OffTopic},                                               // a reorganisation
		{"Ant Group confirmed the test on Monday.", Neutral},                        // a step of a story told elsewhere
		{"Alibaba and Tencent both reported revenue growth this quarter.", Neutral}, // two sides side by side, each its own results
		{"A German store added Alipay and WeChat Pay at its tills.", Neutral},       // listed, no step between them
		{"Alibaba and Tencent signed a deal on ads.", OnTopic},                      // listed, and a deal between them
		{"Alipay began accepting WeChat Pay codes, Tencent said.", OnTopic},
		{"The move follows Alibaba's three-year regulatory rectification.", OffTopic}, // an interop word inside an off-topic phrase         // not a list
	} {
		if got := p.StatementTopic(tt.text, ActorIDs(p.FindActors(tt.text))); got != tt.want {
			t.Errorf("%q: %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestTopicScore(t *testing.T) {
	p := DefaultProfile()
	interop := "Taobao began accepting WeChat Pay on Thursday. Alipay mini programs now open inside WeChat. The change was confirmed by Alibaba."
	if s, on := p.TopicScore(interop); !on || s < 0.6 {
		t.Errorf("interop story: %.2f %v", s, on)
	}
	earnings := "Tencent reported second-quarter revenue of 134 billion yuan. Its net profit fell 17 percent. Tencent's games revenue slipped. Tencent shares rose 2 percent."
	if s, on := p.TopicScore(earnings); on || s != 0 {
		t.Errorf("earnings report: %.2f %v", s, on)
	}
	// Two sides named only as rivals are no step between them; with an
	// interop word they are.
	if got := p.StatementTopic("Douyin Pay is a threat to the Alipay and WeChat Pay duopoly.", []string{"douyin", "alipay", "wechat-pay"}); got != Neutral {
		t.Errorf("rivals: %v, want neutral", got)
	}
	if got := p.StatementTopic("Taobao now accepts WeChat Pay, its rival's wallet.", []string{"taobao", "wechat-pay"}); got != OnTopic {
		t.Errorf("rivals opening to each other: %v, want on the topic", got)
	}
	if got := p.StatementTopic("Alibaba and Tencent signed a deal on Monday.", []string{"alibaba", "tencent"}); got != OnTopic {
		t.Errorf("two sides: %v, want on the topic", got)
	}
	// A regulator's antitrust probe of one company names no wall.
	if got := p.StatementTopic("In December the market regulator opened an antitrust investigation into Alibaba.", []string{"samr", "alibaba"}); got != OffTopic {
		t.Errorf("an antitrust probe of one company: %v, want off the topic", got)
	}
	reply := "Tmall too? I paid on JD yesterday."
	if s, on := p.TopicScore(reply); !on || s != 0 {
		t.Errorf("a short reply naming the actors: %.2f %v", s, on)
	}
	// One company's own business, told without an off-topic word: not a
	// short reply, so not kept for want of a sentence against it.
	own := "JD's delivery arm held a summit with restaurant chains in Chengdu. JD told merchants a new commission plan would start in May. Merchants joining JD before then pay nothing for a year. JD will not require its own couriers."
	if s, on := p.TopicScore(own); on || s != 0 {
		t.Errorf("one company's own business: %.2f %v", s, on)
	}
	if s, on := p.TopicScore("The weather was fine."); !on || s != 0 {
		t.Errorf("no actor, nothing against it: %.2f %v", s, on)
	}
	bare, err := ParseProfile([]byte("actors:\n  - id: a\n    aliases: [Acme]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s, on := bare.TopicScore("Acme reported revenue."); !on || s != 1 {
		t.Errorf("a profile without a topic keeps everything: %.2f %v", s, on)
	}
}

func TestTopicRegulatorsAreActors(t *testing.T) {
	if _, err := ParseProfile([]byte("actors:\n  - id: a\n    aliases: [Acme]\ntopic:\n  regulators: [nobody]\n")); err == nil {
		t.Error("a regulator that is no actor was accepted")
	}
}

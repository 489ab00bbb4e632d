package timeline

import (
	"regexp"
	"slices"
)

// Topic says what the story is about, so that documents and statements
// outside it are told apart: platforms of different sides opening to,
// blocking, linking or cooperating with each other, and the regulation of
// that. Its words are per language (en, zh: simplified and traditional).
type Topic struct {
	// Regulators are actors that take no side: a regulator and one
	// platform make no pair of sides, but a regulator's act on platforms
	// (its words naming the topic) is on the topic.
	Regulators []string `yaml:"regulators" json:"regulators"`
	// Interop words make a statement naming one side about the topic
	// ("external links", "屏蔽", "互联互通", "accept … QR codes").
	Interop Words `yaml:"interop" json:"interop"`
	// OffTopic words name a single company's own acts (results, listings,
	// layoffs, AI models, reorganisations, founding): without a second
	// side or an interop word, such a statement is not a step of the story.
	OffTopic Words `yaml:"off_topic" json:"off_topic"`
	// Rivalry words name platforms as competitors ("a threat to the Alipay
	// and WeChat duopoly", "两强争霸"): two sides named only so, with no
	// interop word, make no statement about the walls between them.
	Rivalry Words `yaml:"rivalry,omitempty" json:"rivalry,omitempty"`
	// MinScore is the share of a document's sentences naming an actor
	// that must be about the topic for the document to be (default 0.2).
	MinScore float64 `yaml:"min_score,omitempty" json:"min_score,omitempty"`
}

// Configured reports whether the profile says what its topic is; a
// profile without a topic keeps every document and statement.
func (t Topic) Configured() bool {
	return len(t.Interop.EN)+len(t.Interop.ZH)+len(t.OffTopic.EN)+len(t.OffTopic.ZH) > 0
}

// Words are a word list per language.
type Words struct {
	EN []string `yaml:"en" json:"en"`
	ZH []string `yaml:"zh" json:"zh"`
}

func (w Words) patterns(id string) []pattern {
	var out []pattern
	for _, s := range append(slices.Clone(w.EN), w.ZH...) {
		out = append(out, pattern{text: s, id: id})
	}
	return out
}

// Side is the side an actor stands on: its group, else itself; "" for a
// regulator, which takes none.
func (p *Profile) Side(id string) string {
	if slices.Contains(p.Topic.Regulators, id) {
		return ""
	}
	if a, ok := p.Actor(id); ok && a.Group != "" {
		return a.Group
	}
	return id
}

// StatementTopic tells how a statement naming the actors ids stands to
// the topic: two sides (unless named only as rivals), or an interop word
// with a side or a regulator, is on it; otherwise an off-topic word puts it off; else it is neutral (a
// step of a story the document is about, such as "Ant Group confirmed the
// test on Monday").
func (p *Profile) StatementTopic(text string, ids []string) TopicStand {
	p.build()
	if !p.Topic.Configured() {
		return OnTopic
	}
	sides := map[string]bool{}
	regulator := false
	for _, id := range ids {
		if s := p.Side(id); s != "" {
			sides[s] = true
		} else {
			regulator = true
		}
	}
	var off []Mention
	offRead := false
	offTopic := func() []Mention {
		if !offRead {
			off, offRead = p.offTopic.find(text), true
		}
		return off
	}
	interop := p.interopWords(text, offTopic)
	switch {
	case len(sides) >= 2 && (interop || len(p.rivalry.find(text)) == 0 && !p.enumerated(text)):
		return OnTopic
	case len(sides) >= 2:
		// Rivals named as such ("a threat to the Alipay and WeChat
		// duopoly"), or sides only listed side by side, no interop word:
		// "the regulator fined 22 companies including Alibaba and
		// Tencent", "a German store added Alipay and WeChat Pay".
		return Neutral
	case (len(sides) == 1 || regulator) && interop:
		return OnTopic
	case len(offTopic()) > 0:
		return OffTopic
	}
	return Neutral
}

// interopWords reports an interop word in text that is no part of an
// off-topic phrase ("rectification" in "a regulatory rectification").
func (p *Profile) interopWords(text string, offTopic func() []Mention) bool {
	found := p.interop.find(text)
	if len(found) == 0 {
		return false
	}
	off := offTopic()
	for _, m := range found {
		inside := false
		for _, o := range off {
			if o.Offset <= m.Offset && m.Offset+len(m.Text) <= o.Offset+len(o.Text) {
				inside = true
			}
		}
		if !inside {
			return true
		}
	}
	return false
}

// TopicStand is how a statement stands to the topic.
type TopicStand int

// How a statement stands to the topic.
const (
	Neutral TopicStand = iota
	OnTopic
	OffTopic
)

// TopicScore is the share of the text's sentences naming an actor that
// are on the topic, and whether that makes the document about it: at least
// one such sentence and a share of at least Topic.MinScore, or — a short
// text such as a forum reply (at most shortNamed sentences naming an
// actor), naming the story's actors without saying what about them — no
// sentence on the topic and none off it either.
func (p *Profile) TopicScore(text string) (score float64, on bool) {
	if !p.Topic.Configured() {
		return 1, true
	}
	named, about, off := 0, 0, 0
	for _, s := range Sentences(text) {
		ids := ActorIDs(p.FindActors(s.Text))
		if len(ids) == 0 {
			continue
		}
		named++
		switch p.StatementTopic(s.Text, ids) {
		case OnTopic:
			about++
		case OffTopic:
			off++
		}
	}
	if named == 0 {
		return 0, true
	}
	score = float64(about) / float64(named)
	min := p.Topic.MinScore
	if min == 0 {
		min = 0.2
	}
	return score, about > 0 && score >= min || about == 0 && off == 0 && named <= shortNamed
}

// shortNamed is how many sentences naming an actor a text may have and
// still be kept when none says anything about the topic or off it: a
// forum reply ("Tmall too?"), not an article about one company's own
// business that happens to use no off-topic word.
const shortNamed = 2

// listGapRe is what may stand between two actors of one list: a
// separator, or a possessive ("Alibaba's Alipay and Tencent's WeChat Pay").
var listGapRe = regexp.MustCompile(`(?i)^\s*(?:['’]s|的|旗下(?:的)?)?\s*(?:,|，|、|\band\b|&|和|与|與|及|以及|\bor\b|或)?\s*(?:(?:the|its)\s+)?$`)

// enumerated reports whether every actor text names stands in one list,
// nothing between them but separators and possessives.
func (p *Profile) enumerated(text string) bool {
	ms := p.FindActors(text)
	if len(ms) < 2 {
		return false
	}
	for i := 1; i < len(ms); i++ {
		end := ms[i-1].Offset + len(ms[i-1].Text)
		if end > ms[i].Offset || !listGapRe.MatchString(text[end:ms[i].Offset]) {
			return false
		}
	}
	return true
}

package timeline

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
)

//go:embed profile.yaml
var defaultProfileYAML []byte

// Actor is one entity of the topic profile.
type Actor struct {
	ID            string   `yaml:"id" json:"id"`
	Name          string   `yaml:"name" json:"name"`
	Group         string   `yaml:"group,omitempty" json:"group,omitempty"`
	Aliases       []string `yaml:"aliases" json:"aliases"`
	CaseSensitive []string `yaml:"case_sensitive,omitempty" json:"case_sensitive,omitempty"`
	Persons       []string `yaml:"persons,omitempty" json:"persons,omitempty"`
}

// Category is a kind of milestone with the words that signal it.
type Category struct {
	ID       string   `yaml:"id" json:"id"`
	Keywords []string `yaml:"keywords" json:"keywords"`
}

// Profile names the actors and categories of the story being followed.
type Profile struct {
	Name       string     `yaml:"name" json:"name"`
	Actors     []Actor    `yaml:"actors" json:"actors"`
	Categories []Category `yaml:"categories" json:"categories"`
	// Topic tells the story's documents and statements from others.
	Topic Topic `yaml:"topic" json:"topic"`

	once     sync.Once
	actors   *matcher // aliases → actor id
	persons  *matcher // people speaking for an actor → actor id
	keywords *matcher // category keywords → category id
	interop  *matcher // Topic.Interop
	offTopic *matcher // Topic.OffTopic
	rivalry  *matcher // Topic.Rivalry
	byID     map[string]*Actor
}

// CategoryOther is the category of a milestone no keyword places.
const CategoryOther = "other"

var (
	defaultOnce    sync.Once
	defaultProfile *Profile
)

// DefaultProfile is the embedded Alibaba–Tencent profile.
func DefaultProfile() *Profile {
	defaultOnce.Do(func() {
		p, err := ParseProfile(defaultProfileYAML)
		if err != nil {
			panic("timeline: embedded profile: " + err.Error())
		}
		defaultProfile = p
	})
	return defaultProfile
}

// ParseProfile reads a profile from YAML, rejecting unknown keys, actors
// without id or aliases, and duplicate ids.
func ParseProfile(data []byte) (*Profile, error) {
	var p Profile
	if err := yaml.UnmarshalWithOptions(data, &p, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("%w: profile: %s", ErrInvalid, yaml.FormatError(err, false, true))
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return &p, nil
}

func (p *Profile) validate() error {
	seen := map[string]bool{}
	for i, a := range p.Actors {
		switch {
		case a.ID == "":
			return fmt.Errorf("%w: profile: actor %d has no id", ErrInvalid, i+1)
		case seen[a.ID]:
			return fmt.Errorf("%w: profile: actor id %q appears twice", ErrInvalid, a.ID)
		case len(a.Aliases)+len(a.CaseSensitive) == 0:
			return fmt.Errorf("%w: profile: actor %q has no aliases", ErrInvalid, a.ID)
		}
		seen[a.ID] = true
	}
	if len(p.Actors) == 0 {
		return fmt.Errorf("%w: profile: no actors", ErrInvalid)
	}
	for _, r := range p.Topic.Regulators {
		if !seen[r] {
			return fmt.Errorf("%w: profile: topic regulator %q is not an actor", ErrInvalid, r)
		}
	}
	return nil
}

func (p *Profile) build() {
	p.once.Do(func() {
		p.byID = map[string]*Actor{}
		var actors, persons, keywords []pattern
		for i := range p.Actors {
			a := &p.Actors[i]
			p.byID[a.ID] = a
			for _, s := range append([]string{a.Name}, a.Aliases...) {
				actors = append(actors, pattern{text: s, id: a.ID})
			}
			for _, s := range a.CaseSensitive {
				actors = append(actors, pattern{text: s, id: a.ID, caseSensitive: true})
			}
			for _, s := range a.Persons {
				persons = append(persons, pattern{text: s, id: a.ID})
			}
		}
		for _, c := range p.Categories {
			for _, k := range c.Keywords {
				keywords = append(keywords, pattern{text: k, id: c.ID})
			}
		}
		p.actors, p.persons, p.keywords = newMatcher(actors), newMatcher(persons), newMatcher(keywords)
		p.interop, p.offTopic = newMatcher(p.Topic.Interop.patterns("interop")), newMatcher(p.Topic.OffTopic.patterns("off-topic"))
		p.rivalry = newMatcher(p.Topic.Rivalry.patterns("rivalry"))
	})
}

// Actor returns the actor with this id.
func (p *Profile) Actor(id string) (*Actor, bool) {
	p.build()
	a, ok := p.byID[id]
	return a, ok
}

// ResolveActor maps an id or any alias ("WeChat Pay", "微信支付", "wechatpay")
// to the actor's id.
func (p *Profile) ResolveActor(s string) (string, bool) {
	p.build()
	if _, ok := p.byID[s]; ok {
		return s, true
	}
	norm := func(x string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == '-' || r == '_' || r == '.' {
				return -1
			}
			return unicode.ToLower(r)
		}, x)
	}
	want := norm(s)
	for _, a := range p.Actors {
		for _, alias := range append(append([]string{a.ID, a.Name}, a.Aliases...), a.CaseSensitive...) {
			if norm(alias) == want {
				return a.ID, true
			}
		}
	}
	return "", false
}

// Mention is an actor named in a text.
type Mention struct {
	ID     string
	Offset int // bytes
	Text   string
}

// FindActors returns the actors named in text, leftmost-longest, so that
// "WeChat Pay" is wechat-pay and not also wechat.
func (p *Profile) FindActors(text string) []Mention {
	p.build()
	return p.actors.find(text)
}

// FindPersons returns the people speaking for an actor named in text.
func (p *Profile) FindPersons(text string) []Mention {
	p.build()
	return p.persons.find(text)
}

// Categorize picks the category whose keywords text names most often;
// ties go to the category listed first.
func (p *Profile) Categorize(text string) string {
	p.build()
	counts := map[string]int{}
	for _, m := range p.keywords.find(text) {
		counts[m.ID]++
	}
	best, bestN := CategoryOther, 0
	for _, c := range p.Categories {
		if counts[c.ID] > bestN {
			best, bestN = c.ID, counts[c.ID]
		}
	}
	return best
}

// pattern is one string to find and what it stands for.
type pattern struct {
	text          string
	id            string
	caseSensitive bool
}

// matcher finds patterns in a text. Patterns are indexed by their first
// byte (ASCII-folded), so a scan costs one map lookup per position plus the
// comparisons of the few patterns starting with that byte.
type matcher struct {
	byFirst map[byte][]pattern
}

func newMatcher(ps []pattern) *matcher {
	m := &matcher{byFirst: map[byte][]pattern{}}
	seen := map[pattern]bool{}
	for _, p := range ps {
		p.text = strings.TrimSpace(p.text)
		if p.text == "" || seen[p] {
			continue
		}
		seen[p] = true
		k := p.text[0]
		if !p.caseSensitive {
			k = lowerASCII(k)
		}
		m.byFirst[k] = append(m.byFirst[k], p)
	}
	for k := range m.byFirst {
		l := m.byFirst[k]
		sort.SliceStable(l, func(i, j int) bool { return len(l[i].text) > len(l[j].text) })
	}
	return m
}

func lowerASCII(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

// find returns leftmost-longest, non-overlapping matches. A pattern that
// starts or ends with a Latin letter or digit must sit on a word boundary:
// "QQ" is not in "QQQ", "Ali" not in "Alibaba".
func (m *matcher) find(text string) []Mention {
	var out []Mention
	for i := 0; i < len(text); {
		next := i + 1
		cands := m.byFirst[lowerASCII(text[i])]
		if text[i] >= 'A' && text[i] <= 'Z' {
			cands = append(cands[:len(cands):len(cands)], m.byFirst[text[i]]...)
			sort.SliceStable(cands, func(a, b int) bool { return len(cands[a].text) > len(cands[b].text) })
		}
		for _, p := range cands {
			end := i + len(p.text)
			if end > len(text) {
				continue
			}
			s := text[i:end]
			if p.caseSensitive && s != p.text || !p.caseSensitive && !equalFoldASCII(s, p.text) {
				continue
			}
			if !boundaryOK(text, i, end, p.text) {
				continue
			}
			out = append(out, Mention{ID: p.id, Offset: i, Text: s})
			next = end
			break
		}
		if next == i+1 {
			_, size := utf8.DecodeRuneInString(text[i:])
			next = i + max(size, 1)
		}
		i = next
	}
	return out
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

func boundaryOK(text string, start, end int, pat string) bool {
	if isWordByte(pat[0]) && start > 0 && isWordByte(text[start-1]) {
		return false
	}
	if isWordByte(pat[len(pat)-1]) && end < len(text) && isWordByte(text[end]) {
		return false
	}
	return true
}

// ActorIDs returns the distinct ids of mentions, in order of first mention.
func ActorIDs(ms []Mention) []string {
	var ids []string
	seen := map[string]bool{}
	for _, m := range ms {
		if !seen[m.ID] {
			seen[m.ID] = true
			ids = append(ids, m.ID)
		}
	}
	return ids
}

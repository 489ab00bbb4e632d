package milestones

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
)

//go:embed lexicon.yaml
var lexiconYAML []byte

// words is one concept of the lexicon: its entries per language or script
// (see lexicon.yaml for the entry syntax).
type words struct {
	EN   []string `yaml:"en"`
	ZH   []string `yaml:"zh"` // the same in both scripts
	Hans []string `yaml:"hans"`
	Hant []string `yaml:"hant"`
}

// lexiconFile is lexicon.yaml: every concept the rules read.
type lexiconFile struct {
	Anaphora         words `yaml:"anaphora"`
	FollowOn         words `yaml:"follow_on"`
	Sequel           words `yaml:"sequel"`
	Learned          words `yaml:"learned"`
	Negation         words `yaml:"negation"`
	Trend            words `yaml:"trend"`
	Financial        words `yaml:"financial"`
	Event            words `yaml:"event"`
	Plan             words `yaml:"plan"`
	Continue         words `yaml:"continue"`
	Opinion          words `yaml:"opinion"`
	Speech           words `yaml:"speech"`
	Announce         words `yaml:"announce"`
	Demand           words `yaml:"demand"`
	Snapshot         words `yaml:"snapshot"`
	ZeroSubject      words `yaml:"zero_subject"`
	FirstPerson      words `yaml:"first_person"`
	ParticipleSpeech words `yaml:"participle_speech"`
	NewsSpeaker      words `yaml:"news_speaker"`
	Spokesperson     words `yaml:"spokesperson"`
	Continuation     words `yaml:"continuation"`
	Capability       words `yaml:"capability"`
	Consideration    words `yaml:"consideration"`
	Rumour           words `yaml:"rumour"`
	Response         words `yaml:"response"`
	Blocked          words `yaml:"blocked"`
}

// The lexicon and what the rules match, compiled on first use (compile):
// a command that extracts nothing pays nothing at start-up. The concepts
// matched whole are named after them; sequel and zero_subject are parts of
// followerRe and zeroSubjectRe.
var (
	lex *lexiconFile

	anaphoraRe         *regexp.Regexp
	followOnRe         *regexp.Regexp
	learnedRe          *regexp.Regexp
	negationRe         *regexp.Regexp
	trendRe            *regexp.Regexp
	financialRe        *regexp.Regexp
	eventRe            *regexp.Regexp
	planRe             *regexp.Regexp
	continueRe         *regexp.Regexp
	opinionRe          *regexp.Regexp
	speechRe           *regexp.Regexp
	announceRe         *regexp.Regexp
	demandRe           *regexp.Regexp
	snapshotRe         *regexp.Regexp
	firstPersonRe      *regexp.Regexp
	participleSpeechRe *regexp.Regexp
	newsSpeakerRe      *regexp.Regexp
	spokespersonRe     *regexp.Regexp
	continuationRe     *regexp.Regexp
	capabilityRe       *regexp.Regexp
	considerationRe    *regexp.Regexp
	rumourRe           *regexp.Regexp
	responseRe         *regexp.Regexp
	blockedRe          *regexp.Regexp
	followerRe         *regexp.Regexp
	zeroSubjectRe      *regexp.Regexp

	compileOnce sync.Once
)

// compile reads the embedded lexicon and compiles the expressions built
// from it; every entry point of the package calls it first.
func compile() {
	compileOnce.Do(func() {
		lex = mustParseLexicon(lexiconYAML)
		anaphoraRe = lex.Anaphora.re()
		followOnRe = lex.FollowOn.re()
		learnedRe = lex.Learned.re()
		negationRe = lex.Negation.re()
		trendRe = lex.Trend.re()
		financialRe = lex.Financial.re()
		eventRe = lex.Event.re()
		planRe = lex.Plan.re()
		continueRe = lex.Continue.re()
		opinionRe = lex.Opinion.re()
		speechRe = lex.Speech.re()
		announceRe = lex.Announce.re()
		demandRe = lex.Demand.re()
		snapshotRe = lex.Snapshot.re()
		firstPersonRe = lex.FirstPerson.re()
		participleSpeechRe = lex.ParticipleSpeech.re()
		newsSpeakerRe = lex.NewsSpeaker.re()
		spokespersonRe = lex.Spokesperson.re()
		continuationRe = lex.Continuation.re()
		capabilityRe = lex.Capability.re()
		considerationRe = lex.Consideration.re()
		rumourRe = lex.Rumour.re()
		responseRe = lex.Response.re()
		blockedRe = lex.Blocked.re()
		// After a clause boundary, an actor and a word placing its step
		// after the one before ("，微信随后在单聊里放开了外链", ", and WeChat
		// then opened links").
		followerRe = regexp.MustCompile(`(?i)^(?:and\s+)?(.{1,40}?)\s*(?:` + lex.Sequel.pattern() + `)`)
		// After a leading date, an adverb or verb with no subject before
		// it ("同月亦開始接受…", "次年又推出…").
		zeroSubjectRe = regexp.MustCompile(`^\s*[，,]?\s*(?:` + lex.ZeroSubject.pattern() + `)`)
	})
}

func mustParseLexicon(data []byte) *lexiconFile {
	l, err := parseLexicon(data)
	if err != nil {
		panic("milestones: embedded lexicon: " + err.Error())
	}
	return l
}

// parseLexicon reads a lexicon, rejecting unknown concepts and scripts and
// entries that do not compile.
func parseLexicon(data []byte) (*lexiconFile, error) {
	var l lexiconFile
	if err := yaml.UnmarshalWithOptions(data, &l, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("lexicon: %s", yaml.FormatError(err, false, true))
	}
	return &l, nil
}

// pattern is the concept as one alternation, to embed in a larger
// expression: English entries first, then Chinese. Entries of one kind
// share their word boundaries and anchors, as a hand-written expression
// would (`\b(?:a|b)\b`), which keeps the matcher small.
func (w words) pattern() string {
	chinese := append(append(append([]string(nil), w.ZH...), w.Hans...), w.Hant...)
	return strings.Join(append(groupPattern(w.EN, true), groupPattern(chinese, false)...), "|")
}

// groupPattern compiles the entries of one language: raw expressions as
// they are, the others in one group per anchor.
func groupPattern(entries []string, english bool) []string {
	var out []string
	byAnchor := map[string][]string{}
	var anchors []string
	for _, e := range entries {
		if len(e) > 2 && strings.HasPrefix(e, "/") && strings.HasSuffix(e, "/") {
			out = append(out, e[1:len(e)-1])
			continue
		}
		anchor := ""
		if rest, ok := strings.CutPrefix(e, "^"); ok {
			e, anchor = rest, "^"
		} else if rest, ok := strings.CutSuffix(e, "$"); ok {
			e, anchor = rest, "$"
		}
		if _, ok := byAnchor[anchor]; !ok {
			anchors = append(anchors, anchor)
		}
		byAnchor[anchor] = append(byAnchor[anchor], entryCore(e))
	}
	for _, a := range anchors {
		p := "(?:" + strings.Join(byAnchor[a], "|") + ")"
		switch {
		case a == "^" && english:
			p = "^" + p + `\b`
		case a == "^":
			p = "^" + p
		case a == "$" && english:
			p = `\b` + p + `\s*$`
		case a == "$":
			p += `\s*$`
		case english:
			p = `\b` + p + `\b`
		}
		out = append(out, p)
	}
	return out
}

// re compiles the concept: a match is any of its entries, in any case.
func (w words) re() *regexp.Regexp { return regexp.MustCompile(`(?i)` + w.pattern()) }

// entryCore is an entry's words as an expression: "{a,b} c" → `(?:a|b)\s+c`.
func entryCore(e string) string {
	var b strings.Builder
	for e != "" {
		open := strings.IndexByte(e, '{')
		closing := strings.IndexByte(e[max(open, 0):], '}')
		if open < 0 || closing < 0 {
			b.WriteString(literal(e))
			break
		}
		b.WriteString(literal(e[:open]))
		var alts []string
		for _, a := range strings.Split(e[open+1:open+closing], ",") {
			alts = append(alts, literal(a))
		}
		b.WriteString("(?:" + strings.Join(alts, "|") + ")")
		e = e[open+closing+1:]
	}
	return b.String()
}

// literal quotes s, letting each space match any run of white space.
func literal(s string) string {
	parts := strings.Split(s, " ")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(parts, `\s+`)
}

// lazyRe is an expression a rule matches with, compiled on first use like
// the lexicon's: package init compiles nothing, whatever the command.
type lazyRe struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

func lazyRegexp(expr string) *lazyRe { return &lazyRe{expr: expr} }

func (l *lazyRe) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

func (l *lazyRe) MatchString(s string) bool      { return l.get().MatchString(s) }
func (l *lazyRe) FindStringIndex(s string) []int { return l.get().FindStringIndex(s) }

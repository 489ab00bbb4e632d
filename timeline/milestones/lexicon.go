package milestones

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

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
}

// lex is the embedded lexicon.
var lex = mustParseLexicon(lexiconYAML)

// The concepts the rules match whole, compiled (the others are parts of
// larger expressions: sequel in followerRe, zero_subject in zeroSubjectRe).
var (
	anaphoraRe         = lex.Anaphora.re()
	followOnRe         = lex.FollowOn.re()
	learnedRe          = lex.Learned.re()
	negationRe         = lex.Negation.re()
	trendRe            = lex.Trend.re()
	financialRe        = lex.Financial.re()
	eventRe            = lex.Event.re()
	planRe             = lex.Plan.re()
	continueRe         = lex.Continue.re()
	opinionRe          = lex.Opinion.re()
	speechRe           = lex.Speech.re()
	announceRe         = lex.Announce.re()
	demandRe           = lex.Demand.re()
	snapshotRe         = lex.Snapshot.re()
	firstPersonRe      = lex.FirstPerson.re()
	participleSpeechRe = lex.ParticipleSpeech.re()
	newsSpeakerRe      = lex.NewsSpeaker.re()
	spokespersonRe     = lex.Spokesperson.re()
)

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
// expression: English entries first, then Chinese.
func (w words) pattern() string {
	var alts []string
	for _, e := range w.EN {
		alts = append(alts, entryPattern(e, true))
	}
	for _, list := range [][]string{w.ZH, w.Hans, w.Hant} {
		for _, e := range list {
			alts = append(alts, entryPattern(e, false))
		}
	}
	return strings.Join(alts, "|")
}

// re compiles the concept: a match is any of its entries, in any case.
func (w words) re() *regexp.Regexp { return regexp.MustCompile(`(?i)` + w.pattern()) }

// entryPattern turns one entry into a regular expression: "{a,b} c" →
// `\b(?:(?:a|b)\s+c)\b` in English.
func entryPattern(e string, english bool) string {
	if len(e) > 2 && strings.HasPrefix(e, "/") && strings.HasSuffix(e, "/") {
		return e[1 : len(e)-1]
	}
	start, end := english, english
	var head, tail string
	if rest, ok := strings.CutPrefix(e, "^"); ok {
		e, head, start = rest, "^", false
	}
	if rest, ok := strings.CutSuffix(e, "$"); ok {
		e, tail, end = rest, `\s*$`, false
	}
	var b strings.Builder
	for e != "" {
		open := strings.IndexByte(e, '{')
		if open < 0 {
			b.WriteString(literal(e))
			break
		}
		closing := strings.IndexByte(e[open:], '}')
		if closing < 0 {
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
	p := "(?:" + b.String() + ")"
	if start {
		p = `\b` + p
	}
	if end {
		p += `\b`
	}
	return head + p + tail
}

// literal quotes s, letting each space match any run of white space.
func literal(s string) string {
	parts := strings.Split(s, " ")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(parts, `\s+`)
}

package milestones

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestEntryPattern(t *testing.T) {
	for _, tt := range []struct {
		entry   string
		english bool
		match   []string
		miss    []string
	}{
		{"not yet", true, []string{"not yet", "Not  yet", "it is not\tyet here"}, []string{"notyet", "knot yet"}},
		{"{did,was}{ not,n't}", true, []string{"did not", "wasn't", "It DID NOT"}, []string{"didnt", "dido not"}},
		{"the {company,firm}", true, []string{"the company", "The firm said"}, []string{"the companies", "thecompany"}},
		{"year{-, }on{-, }year", true, []string{"year-on-year", "year on year"}, []string{"yearonyear"}},
		{"^saying", true, []string{"saying it would"}, []string{"he was saying"}},
		{"{report,reports}$", true, []string{"media reports", "the report "}, []string{"reports said"}},
		{"创{,历史}新高", false, []string{"创新高", "再创历史新高"}, []string{"创下新高"}},
		{"截至$", false, []string{"截至", "数据截至 "}, []string{"截至今年"}},
		{"^{会,将}继续", false, []string{"会继续合作"}, []string{"我们会继续"}},
		{`/\bmade \w+ available\b/`, true, []string{"made it available"}, []string{"made available"}},
	} {
		re := regexp.MustCompile(`(?i)` + entryPattern(tt.entry, tt.english))
		for _, s := range tt.match {
			if !re.MatchString(s) {
				t.Errorf("%q should match %q (%s)", tt.entry, s, re)
			}
		}
		for _, s := range tt.miss {
			if re.MatchString(s) {
				t.Errorf("%q should not match %q (%s)", tt.entry, s, re)
			}
		}
	}
}

// Every concept of the embedded lexicon has words, and a lexicon with an
// unknown concept or script is refused.
func TestLexicon(t *testing.T) {
	v := reflect.ValueOf(*lex)
	for i := range v.NumField() {
		w := v.Field(i).Interface().(words)
		if len(w.EN)+len(w.ZH)+len(w.Hans)+len(w.Hant) == 0 {
			t.Errorf("concept %s has no words", v.Type().Field(i).Name)
		}
	}
	for _, bad := range []string{"negation:\n  en: [no]\n  fr: [non]\n", "negations:\n  en: [no]\n"} {
		if _, err := parseLexicon([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestMain(m *testing.M) {
	compile() // the tests call the rules' helpers directly
	os.Exit(m.Run())
}

// entryPattern compiles one entry as its concept would: "{a,b} c" →
// `\b(?:(?:a|b)\s+c)\b` in English.
func entryPattern(e string, english bool) string {
	return strings.Join(groupPattern([]string{e}, english), "|")
}

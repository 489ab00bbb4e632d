package crawler

import (
	"regexp"
	"strings"
	"unicode"
)

// relatedHeadings are headings over links to other stories, one line per
// language, lower-case, without closing punctuation: where a story ends
// and a list of others begins ("Weitere Artikel", "À lire aussi").
var relatedHeadings = phraseSet(
	"more stories|more news|latest news|latest stories|latest articles|most read|most popular|top stories|read next|up next|you might also like|you may also like|you may be interested in|you might be interested in|also read|see also|related topics|more on this story|more on this topic|editors' picks|editor's picks|editors' recommendations|editors’ recommendations",
	"weitere artikel|neueste artikel|neueste beiträge|aktuelle beiträge|weitere beiträge|weitere beiträge zum thema|beiträge zum thema|mehr zum thema|das könnte sie auch interessieren|das könnte dich auch interessieren|das interessiert sie vielleicht auch|auch interessant|lesen sie auch|lies auch|auch lesen|schon gelesen|zum weiterlesen|weiterführende links|empfohlene beiträge|empfohlene artikel|ähnliche beiträge|ähnliche artikel|verwandte artikel|verwandte beiträge|meistgelesen|meistgelesene artikel|beliebte beiträge|passend zum thema",
	"à lire aussi|a lire aussi|lire aussi|à lire également|sur le même sujet|dans la même rubrique|articles similaires|articles liés|à voir aussi|les plus lus|vous aimerez aussi|nos derniers articles",
	"le puede interesar|te puede interesar|también te puede interesar|lee también|lea también|noticias relacionadas|artículos relacionados|más noticias|lo más leído|te recomendamos",
	"leia também|veja também|notícias relacionadas|artigos relacionados|mais lidas",
	"leggi anche|articoli correlati|potrebbe interessarti|i più letti",
	"czytaj też|czytaj także|zobacz też|zobacz także|przeczytaj również|podobne artykuły|najnowsze artykuły|polecamy",
	"lees ook|gerelateerde artikelen|meer nieuws",
)

// relatedRe is a heading over links to other articles ("往期推荐",
// "Related stories"): what follows it is not the article.
var relatedRe = regexp.MustCompile(`(?i)^\W*(?:往期(?:推荐|推薦|回顾|回顧|精选|精選)|推荐阅读|推薦閱讀|相关阅读|相關閱讀|相关文章|相關文章|延伸阅读|延伸閱讀|猜你喜欢|猜你喜歡|热门文章|熱門文章|related(?:\s+(?:articles?|stories|posts|reading|coverage))?|read\s+more|more\s+from\s+.{1,40}|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|further\s+reading)\W*$`)

// relatedLabels open a paragraph that is a link to another story
// ("Lesen Sie auch: …"), one line per language.
var relatedLabels = []string{
	`read\s+more|related|see\s+also|also\s+read|more\s+on\s+this|recommended`,
	`相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关新闻|相關新聞|相关链接|相關連結`,
	`lesen\s+sie\s+(?:auch|hier)|lies\s+auch|auch\s+lesen|mehr\s+zum\s+thema|auch\s+interessant|mehr\s+dazu`,
	`à\s+lire\s+aussi|a\s+lire\s+aussi|lire\s+aussi`,
	`le\s+puede\s+interesar|te\s+puede\s+interesar|lee\s+también|lea\s+también|puedes\s+ver`,
	`leia\s+também|veja\s+também`,
	`leggi\s+anche`,
	`czytaj\s+też|czytaj\s+także|zobacz\s+też|zobacz\s+także|dowiedz\s+się\s+więcej|przeczytaj\s+(?:też|także|również)`,
	`lees\s+ook`,
}

// inlineRelatedRe opens a paragraph that is a link to another story
// ("Read more: …", "相关阅读：…", "À lire aussi » …").
var inlineRelatedRe = regexp.MustCompile(`(?i)^(?:` + strings.Join(relatedLabels, "|") + `)\s*[:：»›]`)

// phraseSet is the set of the phrases on the lines given, split at "|".
func phraseSet(lines ...string) map[string]bool {
	set := map[string]bool{}
	for _, l := range lines {
		for _, p := range strings.Split(l, "|") {
			set[p] = true
		}
	}
	return set
}

// isRelatedHeading tells a line that heads a list of other stories.
func isRelatedHeading(line string) bool {
	if len(line) > 120 {
		return false
	}
	if relatedRe.MatchString(line) {
		return true
	}
	key := strings.ToLower(strings.Join(strings.FieldsFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(":：!?.…»›>|", r)
	}), " "))
	return relatedHeadings[key]
}

// cutRelatedTail cuts text (one block a line) at a related heading in its
// second half from which on no line is a paragraph of maxTeaserLine bytes
// or more: the lines after it are other stories' headlines and teasers.
// A heading in the first half, or one the story's paragraphs follow, heads
// a box inside the story.
func cutRelatedTail(text string) string {
	lines := strings.Split(text, "\n")
	at, cut := 0, -1
	for i, l := range lines {
		switch {
		case len(l) >= maxTeaserLine:
			cut = -1
		case cut < 0 && at*2 > len(text) && isRelatedHeading(l):
			cut = i
		}
		at += len(l) + 1
	}
	if cut < 0 {
		return text
	}
	return strings.Join(lines[:cut], "\n")
}

// maxTeaserLine is the length (bytes) from which a line is a story's
// paragraph rather than a teaser's summary.
const maxTeaserLine = 300

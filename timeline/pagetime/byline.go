package pagetime

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// publishedLabels label a byline's publication time, one line per
// language; updatedLabels its last change, read only when no
// publication label is found.
var (
	publishedLabels = []string{
		"发布时间|發佈時間|發布時間|发布日期|發布日期|发表时间|發表時間|发表于|發表於|发布于|發佈於|时间|時間|日期",
		"published on|published|first published|posted on|posted|date|dated|created",
		"veröffentlicht am|veröffentlicht|erstellt am|publiziert am|datum|vom",
		"publié le|publié|date de publication",
		"publicado el|publicado|fecha de publicación|fecha",
		"pubblicato il|pubblicato",
		"gepubliceerd op",
	}
	updatedLabels = []string{
		"更新时间|更新時間",
		"last updated|updated on|updated|modified",
		"aktualisiert am|aktualisiert|stand",
		"mis à jour le",
	}
)

// labelRe compiles label lines ("|" between labels) into one case-blind alternation, longest
// first, a label not inside a word.
func labelRe(lines []string) *regexp.Regexp {
	var labels []string
	for _, line := range lines {
		labels = append(labels, strings.Split(line, "|")...)
	}
	for i := range labels {
		labels[i] = strings.ReplaceAll(regexp.QuoteMeta(labels[i]), " ", `[^\S\n]+`)
	}
	sortByLenDesc(labels)
	return regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:` + strings.Join(labels, "|") + `)[^\S\n]*[:：]?[^\S\n]*`)
}

var (
	publishedLabelRe = sync.OnceValue(func() *regexp.Regexp { return labelRe(publishedLabels) })
	updatedLabelRe   = sync.OnceValue(func() *regexp.Regexp { return labelRe(updatedLabels) })
	// sourceAfterRe: a Chinese byline's next field after its date
	// ("2021年10月06日 来源：…", "… 10:32 作者：…").
	sourceAfterRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[^\S\n]*(?:[|｜丨/·][^\S\n]*)?(?:来源|來源|稿源|作者|编辑|編輯|责任编辑|記者|记者|出处|出處)`)
	})
)

// Bylined is the day a byline labels ("Updated: 28-09-2021", "Veröffentlicht
// am 19. Juli 2014", "date 2023-06-22") or writes before its source
// ("2021年10月06日 来源：示例网"): a publication label first, else the
// first date written just before a source, else an update label.
func Bylined(text string, loc *time.Location) (Found, bool) {
	if f, ok := afterLabel(text, publishedLabelRe(), loc); ok {
		return f, true
	}
	if f, ok := beforeSource(text, loc); ok {
		return f, true
	}
	return afterLabel(text, updatedLabelRe(), loc)
}

// afterLabel is the first day written right after one of re's labels.
func afterLabel(text string, re *regexp.Regexp, loc *time.Location) (Found, bool) {
	for _, m := range re.FindAllStringIndex(text, 64) {
		rest := text[m[1]:min(len(text), m[1]+60)]
		if f, ok := FirstDay(rest, loc); ok && f.Start <= 1 {
			f.Start, f.End = f.Start+m[1], f.End+m[1]
			return f, true
		}
	}
	return Found{}, false
}

func beforeSource(text string, loc *time.Location) (Found, bool) {
	if !strings.Contains(text, "来源") && !strings.Contains(text, "來源") && !strings.Contains(text, "作者") && !strings.Contains(text, "编辑") {
		return Found{}, false
	}
	for _, f := range FindDays(text, loc) {
		if sourceAfterRe().MatchString(text[f.End:]) {
			return f, true
		}
	}
	return Found{}, false
}

// leadRe: a Chinese story's opening "10月6日消息" or "（记者 某某）10月6日电".
var leadRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[^\S\n]*(?:[\p{Han}\p{L}（）()【】\[\]·•\s]{0,24}?[，,]?[^\S\n]*)?(\d{1,2})月(\d{1,2})日(?:[^\S\n]*(?:晚间|早间|上午|下午|晚|早)?)?[^\S\n]*(?:消息|电|讯|訊|電|报道|報道)`)
})

// LeadDay is the day a Chinese story's lead names without a year ("10月6日
// 消息，…"), in the year given: false when the lead names none.
func LeadDay(lead string, year int, loc *time.Location) (time.Time, bool) {
	m := leadRe().FindStringSubmatch(lead)
	if m == nil || year == 0 {
		return time.Time{}, false
	}
	mo, _ := strconv.Atoi(m[1])
	d, _ := strconv.Atoi(m[2])
	if !validDay(year, mo, d) {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(mo), d, 0, 0, 0, 0, loc), true
}

package pagetime

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// publishedLabels label a byline's publication time, one line per
// language; updatedLabels its last change, read only when no
// publication label is found.
var (
	publishedLabels = []string{
		"发布时间|發佈時間|發布時間|发布日期|發布日期|发表时间|發表時間|发表于|發表於|发布于|發佈於|时间|時間|日期",
		"published on|published|first published|posted on|posted|date|dated|created",
		"veröffentlicht am|veröffentlicht|erstellt am|publiziert am|erschienen am|datum|vom",
		"publié le|publié|date de publication",
		"publicado el|publicado|fecha de publicación|fecha",
		"pubblicato il|pubblicato",
		"gepubliceerd op",
	}
	updatedLabels = []string{
		"更新时间|更新時間|最后修改|最後修改|最后编辑于|最後編輯於",
		"last updated|updated on|updated|last edited on|last modified on|modified",
		"aktualisiert am|aktualisiert|stand|zuletzt am|zuletzt geändert am|zuletzt bearbeitet am",
		"mis à jour le|dernière modification le|modifiée pour la dernière fois le",
	}
)

// labelsOf splits label lines ("|" between labels).
func labelsOf(lines []string) []string {
	var labels []string
	for _, line := range lines {
		labels = append(labels, strings.Split(line, "|")...)
	}
	return labels
}

var (
	publishedLabelList = sync.OnceValue(func() []string { return labelsOf(publishedLabels) })
	updatedLabelList   = sync.OnceValue(func() []string { return labelsOf(updatedLabels) })
	// sourceAfterRe: a Chinese byline's next field after its date
	// ("2021年10月06日 来源：…", "… 10:32 作者：…").
	sourceAfterRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[日号]?[^\S\n]*(?:[|｜丨/·][^\S\n]*)?(?:来源|來源|稿源|作者|编辑|編輯|责任编辑|記者|记者|出处|出處)`)
	})
)

// Bylined is the day a byline labels ("Updated: 28-09-2021", "Veröffentlicht
// am 19. Juli 2014", "date 2023-06-22") or writes before its source
// ("2021年10月06日 来源：示例网"): a publication label first, else the
// first date written just before a source, else an update label.
func Bylined(text string, loc *time.Location) (Found, bool) {
	lower := asciiLower(text)
	if f, ok := afterLabel(text, lower, publishedLabelList(), loc); ok {
		return f, true
	}
	if f, ok := beforeSource(text, loc); ok {
		return f, true
	}
	return afterLabel(text, lower, updatedLabelList(), loc)
}

// asciiLower lower-cases ASCII letters only, so offsets stay the text's.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// afterLabel is the first day in text written right after one of the
// labels (a label not inside a word, maybe a colon after it); lower is
// text with its ASCII lower-cased. Each label is looked for with
// strings.Index: a regular expression of them all is ten times slower.
func afterLabel(text, lower string, labels []string, loc *time.Location) (Found, bool) {
	best, found := Found{}, false
	for _, label := range labels {
		for from, n := 0, 0; n < 32; n++ {
			i := strings.Index(lower[from:], label)
			if i < 0 || found && from+i >= best.Start {
				break
			}
			at := from + i
			from = at + len(label)
			if r, _ := utf8.DecodeLastRuneInString(lower[:at]); at > 0 && unicode.IsLetter(r) {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(lower[from:]); unicode.IsLetter(r) && r < utf8.RuneSelf {
				continue
			}
			rest := strings.TrimLeft(text[from:min(len(text), from+64)], " \t:：")
			if f, ok := FirstDay(rest, loc); ok && f.Start == 0 {
				off := len(text[from:min(len(text), from+64)]) - len(rest) + from
				f.Start, f.End = f.Start+off, f.End+off
				best, found = f, true
				break
			}
		}
	}
	return best, found
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
	return regexp.MustCompile(`^[^\S\n]*(?:[\p{Han}\p{L}（）()【】\[\]·•\s]{0,24}?[，,]?[^\S\n]*)?(\d{1,2})月(\d{1,2})日(?:[^\S\n]*(?:晚间|早间|上午|下午|晚|早)?)?[^\S\n]*(?:消息|电|讯|訊|電|报道|報道|[，,][^\S\n]*[\p{Han}A-Za-z]{0,12}?(?:记者|記者))`)
})

// leadAfterRe: the agency's mark before the day ("《某报》（上海，记者 某某）讯，
// 9月17日下午…").
var leadAfterRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[^\n]{0,40}?(?:讯|訊|电|電)[，,][^\S\n]*(\d{1,2})月(\d{1,2})日`)
})

// BareMonthDay is a short line's yearless Chinese day ("11月 23",
// "11月23日"), in the year given.
func BareMonthDay(line string, year int, loc *time.Location) (time.Time, bool) {
	return monthDayIn(bareMonthDayRe().FindStringSubmatch(line), year, loc)
}

// monthDayIn is the day of a match's month and day groups in year.
func monthDayIn(m []string, year int, loc *time.Location) (time.Time, bool) {
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

var bareMonthDayRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$`)
})

// LeadDay is the day a Chinese story's lead names without a year ("10月6日
// 消息，…"), in the year given: false when the lead names none.
func LeadDay(lead string, year int, loc *time.Location) (time.Time, bool) {
	m := leadRe().FindStringSubmatch(lead)
	if m == nil {
		m = leadAfterRe().FindStringSubmatch(lead)
	}
	return monthDayIn(m, year, loc)
}

package dates

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wallbreak/wallbreak/timeline"
)

// zhYearWord resolves a relative year word.
func zhYearWord(w string, r *resolver) (int, string, string) {
	ref := map[string]int{"去年": -1, "上年": -1, "上一年": -1, "今年": 0, "本年": 0, "明年": 1, "前年": -2, "后年": 2, "後年": 2}
	if off, ok := ref[w]; ok {
		return r.ref.Year() + off, ByReference, r.refDay.Value()
	}
	y, by, a := r.narrativeYear()
	switch w {
	case "次年", "翌年", "第二年", "隔年":
		y++
	}
	return y, by, a
}

// cnNum reads a number written in ASCII, full-width or Chinese digits.
func cnNum(s string) int {
	digits := map[rune]int{'〇': 0, '零': 0, '○': 0, '一': 1, '二': 2, '两': 2, '兩': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	if !strings.ContainsRune(s, '十') {
		n := 0
		for _, c := range s {
			switch {
			case c >= '0' && c <= '9':
				n = 10*n + int(c-'0')
			case c >= '０' && c <= '９':
				n = 10*n + int(c-'０')
			default:
				d, ok := digits[c]
				if !ok {
					return -1
				}
				n = 10*n + d
			}
		}
		return n
	}
	tens, ones := 1, 0
	before, after, _ := strings.Cut(s, "十")
	if before != "" {
		tens = cnNum(before)
	}
	if after != "" {
		ones = cnNum(after)
	}
	if tens < 0 || ones < 0 {
		return -1
	}
	return 10*tens + ones
}

func zhYearNum(s string) (int, bool) {
	y := cnNum(s)
	return y, y >= 1900 && y <= 2099
}

func zhDayDate(y, m, d int) (timeline.Date, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || timeline.DayDate(y, m, d).Day != d {
		return timeline.Date{}, false
	}
	return timeline.DayDate(y, m, d), true
}

// paraOrRefYear is the year of the current paragraph's story, else the page's.
func (r *resolver) paraOrRefYear() (int, string, string) {
	if !r.para.IsZero() {
		return r.para.Year, ByNarrative, r.para.Value()
	}
	return r.ref.Year(), ByReference, r.refDay.Value()
}

// paraMonth is the current paragraph's month, if it named one.
func (r *resolver) paraMonth() (timeline.Date, bool) {
	if r.para.Precision == timeline.PrecisionDay || r.para.Precision == timeline.PrecisionMonth {
		return timeline.MonthDate(r.para.Year, r.para.Month), true
	}
	return timeline.Date{}, false
}

func zhMonthWord(m match, r *resolver) (timeline.Date, string, string, bool) {
	w := m.g(1)
	var md timeline.Date
	by, anchor := ByReference, r.refDay.Value()
	switch {
	case strings.HasPrefix(w, "上"):
		md = timeline.MonthDate(r.ref.Year(), int(r.ref.Month())-1)
	case strings.HasPrefix(w, "下"):
		md = timeline.MonthDate(r.ref.Year(), int(r.ref.Month())+1)
	case strings.HasPrefix(w, "本"), strings.HasPrefix(w, "这"), strings.HasPrefix(w, "這"):
		md = timeline.MonthDate(r.ref.Year(), int(r.ref.Month()))
	default: // 当月 同月 该月 次月 翌月: the story's month
		nm, ok := r.narrativeMonth()
		if ok {
			by, anchor = ByNarrative, r.anchor.Value()
		} else {
			nm = timeline.MonthDate(r.ref.Year(), int(r.ref.Month()))
		}
		if strings.HasPrefix(w, "次") || strings.HasPrefix(w, "翌") {
			nm = timeline.MonthDate(nm.Year, nm.Month+1)
		}
		md = nm
	}
	if m.g(2) != "" {
		d, ok := zhDayDate(md.Year, md.Month, cnNum(m.g(2)))
		return d, by, anchor, ok
	}
	return md, by, anchor, true
}

func zhDayWord(m match, r *resolver) (timeline.Date, string, string, bool) {
	back := map[string]int{"大前天": 3, "前天": 2, "昨天": 1, "昨日": 1, "今天": 0, "今日": 0, "刚刚": 0, "剛剛": 0, "刚才": 0, "剛才": 0, "明天": -1,
		"后天": -2, "後天": -2, "大后天": -3, "大後天": -3,
		"昨晚": 1, "昨夜": 1, "今晚": 0, "今早": 0, "今夜": 0, "明晚": -1, "明早": -1}
	if n, ok := back[m.g(1)]; ok {
		return r.refRelative(timeline.DayOf(r.ref.AddDate(0, 0, -n)))
	}
	step := 0
	if w := m.g(1); w == "次日" || w == "翌日" || w == "第二天" {
		step = 1
	}
	// "即日起" counts from a day the story just named, else from the page's.
	if p := r.anchor.Precision; p == timeline.PrecisionDay || m.g(1) != "即日" && (p == timeline.PrecisionMonth || p == timeline.PrecisionWeek) {
		return narrativeDay(r, step) // "9月…次日": that month, as finely as the story knows
	}
	return r.refRelative(timeline.DayOf(r.ref.AddDate(0, 0, step)))
}

// zhHolidays: the festivals and holidays besides the shopping and
// lunar-new-year ones, with their keys in festivals.go.
var zhHolidays = map[string]string{
	"圣诞节": "christmas", "聖誕節": "christmas", "圣诞": "christmas", "聖誕": "christmas",
	"平安夜": "christmaseve", "情人节": "valentines", "情人節": "valentines",
	"万圣节": "halloween", "萬聖節": "halloween", "感恩节": "thanksgiving", "感恩節": "thanksgiving",
	"黑色星期五": "blackfriday", "母亲节": "mothersday", "母親節": "mothersday", "父亲节": "fathersday", "父親節": "fathersday",
	"元宵节": "lantern", "元宵節": "lantern", "除夕": "springfestiveve",
	"妇女节": "womensday", "婦女節": "womensday", "儿童节": "childrensday", "兒童節": "childrensday",
	"教师节": "teachersday", "教師節": "teachersday", "建军节": "armyday", "建軍節": "armyday",
	"植树节": "treeplanting", "植樹節": "treeplanting", "愚人节": "aprilfools", "愚人節": "aprilfools",
	"端午节": "dragonboat", "端午節": "dragonboat", "端午": "dragonboat", "清明节": "qingming", "清明節": "qingming",
}

// zhHolidayWords is the alternation of zhHolidays, longest first.
var zhHolidayWords = func() string {
	var ws []string
	for w := range zhHolidays {
		ws = append(ws, w)
	}
	sortLongestFirst(ws)
	return strings.Join(ws, "|")
}()

// zhFestivalCues: a line holding none of these names no festival.
var zhFestivalCues = []string{"双1", "双十", "双 ", "雙1", "雙十", "雙 ", "618", "春节", "春節", "中秋", "元旦", "国庆", "國慶", "劳动", "勞動",
	"圣诞", "聖誕", "平安夜", "情人", "万圣", "萬聖", "感恩", "黑色星期五", "母亲", "母親", "父亲", "父親", "元宵", "除夕",
	"妇女", "婦女", "儿童", "兒童", "教师", "教師", "建军", "建軍", "植树", "植樹", "愚人", "端午", "清明"}

func zhFestival(s string) string {
	s = strings.ReplaceAll(s, " ", "")
	if key, ok := zhHolidays[s]; ok {
		return key
	}
	switch {
	case strings.Contains(s, "11"), strings.Contains(s, "十一"):
		return "double11"
	case strings.Contains(s, "12"), strings.Contains(s, "十二"):
		return "double12"
	case s == "618":
		return "618"
	case strings.HasPrefix(s, "中秋"):
		return "midautumn"
	case s == "元旦":
		return "newyear"
	case strings.HasPrefix(s, "国庆"), strings.HasPrefix(s, "國慶"):
		return "nationalday"
	case strings.HasPrefix(s, "劳动"), strings.HasPrefix(s, "勞動"):
		return "labourday"
	}
	return "springfestival"
}

// zhBareDay resolves a month (group 1) and day (group 2) named without a
// year.
func zhBareDay(m match, r *resolver) (timeline.Date, string, string, bool) {
	mo, d := cnNum(m.g(1)), cnNum(m.g(2))
	if _, ok := zhDayDate(2000, mo, d); !ok {
		return timeline.Date{}, "", "", false
	}
	dd, by, a := r.bareMonth(mo, d)
	return dd, by, a, true
}

// notAfterDigit rejects a match glued to a preceding digit ("12021年").
func notAfterDigit(text string, c candidate) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:c.start])
	return !(r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == '.')
}

// notToutiao keeps 今日 that is a day, not the start of 今日头条 (Toutiao).
func notToutiao(text string, c candidate) bool {
	rest := text[c.end:]
	return !strings.HasPrefix(rest, "头条") && !strings.HasPrefix(rest, "頭條")
}

// zhDayWordOK: not 今日头条, and 后天 the day after tomorrow, not the 后
// of 之后 or 此后 before 天猫, nor 后天 "acquired" (后天性, 后天形成).
func zhDayWordOK(text string, c candidate) bool {
	if !notToutiao(text, c) {
		return false
	}
	w := match{text: text, idx: c.groups}.g(1)
	if w != "后天" && w != "後天" {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(text[:c.start])
	after, _ := utf8.DecodeRuneInString(text[c.end:])
	return !strings.ContainsRune("之此以然最随隨其而背今往日先稍落延滞滯", before) && !strings.ContainsRune("猫貓性形培养養", after)
}

// zh618OK accepts "618" as the shopping festival only when a year is named
// or a festival word follows: "618 million" is a number.
func zh618OK(text string, c candidate) bool {
	m := match{text: text, idx: c.groups}
	if m.g(3) != "618" {
		return true
	}
	if c.start > 0 && (text[c.start-1] >= '0' && text[c.start-1] <= '9' || text[c.start-1] == '.') {
		return false
	}
	rest := text[c.end:]
	if rest != "" && (rest[0] >= '0' && rest[0] <= '9' || rest[0] == '.') {
		return false
	}
	if m.g(1) != "" || m.g(2) != "" {
		return true
	}
	for _, w := range []string{"大促", "购物节", "購物節", "期间", "期間", "前夕", "当天", "當天", "活动", "活動", "年中", "狂欢", "狂歡", "促销", "促銷"} {
		if strings.HasPrefix(strings.TrimLeft(rest, " "), w) {
			return true
		}
	}
	return false
}

// zhBareHaoOK: "15号" as a day is glued to no digit before, and after it
// ends the phrase or goes on with what a day goes on with (15号前, 15号晚上,
// 15号见); 3号线, 1号店, 5号文件 are numbers.
func zhBareHaoOK(text string, c candidate) bool {
	// Nor a street number (西长安街13号) or a model (第5号).
	if !notAfterDigit(text, c) || strings.ContainsRune("第编編型款代街路道巷弄里村区區楼樓院室层層座栋棟门門大", prevRune(text, c.start)) {
		return false
	}
	after, _ := utf8.DecodeRuneInString(text[c.end:])
	return c.end == len(text) || !unicode.Is(unicode.Han, after) && !unicode.IsLetter(after) && !unicode.IsDigit(after) ||
		strings.ContainsRune("前后後起晚早上下中凌见見到至以之左那这這当當开開发發正再是的还還出去来來回走结結截举舉召生会會在", after)
}

// zhBareDayOK: "17日" glued to no digit before and no "内" (within) after
// ("3日内完成" is a duration).
func zhBareDayOK(text string, c candidate) bool {
	if !notAfterDigit(text, c) {
		return false
	}
	rest := text[c.end:]
	return !strings.HasPrefix(rest, "内") && !strings.HasPrefix(rest, "內") && !strings.HasPrefix(rest, "之内") && !strings.HasPrefix(rest, "以内")
}

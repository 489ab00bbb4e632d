package dates

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/wallbreak/wallbreak/timeline"
)

// Building blocks of the Chinese rules (simplified and traditional).
const (
	zhYear  = `([0-9０-９]{4}|[一二][〇零○一二三四五六七八九]{3})[^\S\n]*年`
	zhMonth = `([0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])[^\S\n]*月份?`
	zhDay   = `([0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[^\S\n]*[日号號]`
	zhTime  = `(?:[^\S\n]*(?:上午|下午|晚上|凌晨|中午|早上)?[^\S\n]*[0-9０-９]{1,2}[^\S\n]*[:：时時点點][^\S\n]*[0-9０-９]{2}(?:[:：分][0-9０-９]{2})?分?)?`
	// zhRelYear: a year relative to the page (去年) or to the story (同年).
	zhRelYear = `(去年|今年|明年|前年|后年|後年|上一年|上年|本年|同年|当年|當年|该年|該年|那年|这一年|這一年|次年|翌年|第二年|隔年)`
)

func chineseRules() []dateRule {
	quarter := `(?:第[^\S\n]*([一二三四1-4])[^\S\n]*季度?|([一二三四])季度|[QqＱ]([1-4]))`
	half := `([上下])半年`
	q := func(m match, i int) int {
		for j := i; j < i+3; j++ {
			if s := m.g(j); s != "" {
				return cnNum(s)
			}
		}
		return 0
	}
	return []dateRule{
		{ // 2021年9月17日 10:20 · 二〇二一年九月十七日
			re: re(zhYear + `[^\S\n]*` + zhMonth + `[^\S\n]*` + zhDay + zhTime), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, ok := zhYearNum(m.g(1))
				d, ok2 := zhDayDate(y, cnNum(m.g(2)), cnNum(m.g(3)))
				return d, ByAbsolute, "", ok && ok2
			},
		},
		{ // 2021年9月
			re: re(zhYear + `[^\S\n]*` + zhMonth), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, ok := zhYearNum(m.g(1))
				mo := cnNum(m.g(2))
				return timeline.MonthDate(y, mo), ByAbsolute, "", ok && mo >= 1 && mo <= 12
			},
		},
		{ // 21年9月 · 22年10月20日: a two-digit year of this century, as
			// forums and social posts write it (with a month: "12年" alone
			// may be twelve years).
			re: re(`([1-3][0-9])[^\S\n]*年[^\S\n]*` + zhMonth + `(?:[^\S\n]*` + zhDay + `)?`), lang: langZH, check: notAfterDigit,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y := 2000 + cnNum(m.g(1))
				mo := cnNum(m.g(2))
				if y > r.ref.Year()+1 || mo < 1 || mo > 12 {
					return timeline.Date{}, "", "", false
				}
				if day := m.g(3); day != "" {
					d, ok := zhDayDate(y, mo, cnNum(day))
					return d, ByAbsolute, "", ok
				}
				return timeline.MonthDate(y, mo), ByAbsolute, "", true
			},
		},
		{ // 2023年第三季度 · 2023年Q3
			re: re(zhYear + `[^\S\n]*(?:的)?` + quarter), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, ok := zhYearNum(m.g(1))
				return timeline.QuarterDate(y, q(m, 2)), ByAbsolute, "", ok
			},
		},
		{ // 2021年下半年
			re: re(zhYear + `[^\S\n]*(?:的)?` + half), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, ok := zhYearNum(m.g(1))
				return timeline.HalfDate(y, 1+strings.Count(m.g(2), "下")), ByAbsolute, "", ok
			},
		},
		{ // 2021年
			re: re(zhYear), lang: langZH, check: notAfterDigit,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, ok := zhYearNum(m.g(1))
				return timeline.YearDate(y), ByAbsolute, "", ok
			},
		},
		{ // 去年10月 · 同年11月 · 今年2月20日
			re: re(zhRelYear + `[^\S\n]*(?:的)?` + zhMonth + `(?:[^\S\n]*` + zhDay + zhTime + `)?`), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a := zhYearWord(m.g(1), r)
				mo := cnNum(m.g(2))
				if m.g(3) != "" {
					d, ok := zhDayDate(y, mo, cnNum(m.g(3)))
					return d, by, a, ok
				}
				return timeline.MonthDate(y, mo), by, a, mo >= 1 && mo <= 12
			},
		},
		{ // 去年第三季度
			re: re(zhRelYear + `[^\S\n]*(?:的)?` + quarter), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a := zhYearWord(m.g(1), r)
				return timeline.QuarterDate(y, q(m, 2)), by, a, true
			},
		},
		{ // 今年上半年
			re: re(zhRelYear + `[^\S\n]*(?:的)?` + half), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a := zhYearWord(m.g(1), r)
				return timeline.HalfDate(y, 1+strings.Count(m.g(2), "下")), by, a, true
			},
		},
		{ // 去年 · 前年 · 同年
			re: re(zhRelYear), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a := zhYearWord(m.g(1), r)
				return timeline.YearDate(y), by, a, true
			},
		},
		{ // 第一季度 · 一季度 (no year: the story's year, or the page's)
			re: re(`(?:第[^\S\n]*([一二三四1-4])[^\S\n]*季度|([一二三四])季度)`), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a := r.paraOrRefYear()
				return timeline.QuarterDate(y, q(m, 1)), by, a, true
			},
		},
		{ // 上半年 (the story's year, or the page's)
			re: re(half), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a := r.paraOrRefYear()
				return timeline.HalfDate(y, 1+strings.Count(m.g(1), "下")), by, a, true
			},
		},
		{ // 年初 · 年底 (of the story's year, or the page's)
			re: re(`年(初|底|末)`), lang: langZH, check: notAfterDigit,
			mod: func(m match) timeline.Mod { return zhSuffixMod[m.g(1)] },
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a := r.paraOrRefYear()
				return timeline.YearDate(y), by, a, true
			},
		},
		{ // 年中 (mid-year, of the story's year or the page's) opening a
			// clause: not the 年中 of 今年中国…
			re: re(`年中`), lang: langZH,
			check: func(text string, c candidate) bool {
				before, _ := utf8.DecodeLastRuneInString(text[:c.start])
				after, _ := utf8.DecodeRuneInString(text[c.end:])
				opens := c.start == 0 || strings.ContainsRune(" \n，,。；;：:、（(“\"", before)
				return opens && (c.end == len(text) || strings.ContainsRune(" \n，,、时時期前后後", after))
			},
			mod: func(match) timeline.Mod { return timeline.ModMid },
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				y, by, a := r.paraOrRefYear()
				return timeline.YearDate(y), by, a, true
			},
		},
		{ // 9.5起 · 8.13 (month.day, as social posts write them), never a
			// number: not before a unit (9.5亿, 3.5%) or after a digit.
			re: re(`(1[0-2]|[1-9])\.(3[01]|[12][0-9]|[1-9])`), lang: langZH,
			cues: []string{"."},
			check: func(text string, c candidate) bool {
				if !notAfterDigit(text, c) {
					return false
				}
				if before, _ := utf8.DecodeLastRuneInString(text[:c.start]); before == '.' || before == '$' || before == '¥' || before == '￥' || unicode.IsLetter(before) && before < 0x2E80 {
					return false
				}
				lead := strings.ToLower(strings.TrimRight(text[max(0, c.start-15):c.start], " "))
				for _, w := range []string{"版本", "版", "v", "ios", "android", "安卓", "鸿蒙", "harmonyos", "系统", "评分", "得分", "指数", "版号"} {
					if strings.HasSuffix(lead, w) {
						return false // a version or a score
					}
				}
				after, _ := utf8.DecodeRuneInString(text[c.end:])
				if c.end == len(text) || after >= '0' && after <= '9' || after == '.' || after == '%' || strings.ContainsRune("亿億万萬元%％倍分折寸米斤克吨噸块塊毛角秒版级級系", after) {
					return false
				}
				return strings.ContainsRune("起前后後日号號晚当當开開，、（", after) || unicode.Is(unicode.Han, after)
			},
			resolve: zhBareDay,
		},
		{ // 9月17日 14:05 (no year)
			re: re(zhMonth + `[^\S\n]*` + zhDay + zhTime), lang: langZH, check: notAfterDigit,
			resolve: zhBareDay,
		},
		{ // 11月 (no year)
			re: re(zhMonth), lang: langZH, check: notAfterDigit,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				mo := cnNum(m.g(1))
				if mo < 1 || mo > 12 {
					return timeline.Date{}, "", "", false
				}
				d, by, a := r.bareMonth(mo, 0)
				return d, by, a, true
			},
		},
		{ // 17日 (a day of the story's month, else the page's)
			re: re(`([0-9０-９]{1,2})[^\S\n]*日`), lang: langZH, check: zhBareDayOK,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) { return r.bareDay(cnNum(m.g(1))) },
		},
		{ // 15号 · 十五号 (said: a day of the story's month, else by the
			// preference), never line 3 or store No. 1 (3号线, 1号店)
			re: re(`([0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[^\S\n]*[号號]`), lang: langZH,
			cues: []string{"号", "號"}, check: zhBareHaoOK,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) { return r.bareDay(cnNum(m.g(1))) },
		},
		{ // 近日 · 日前 (lately): the page's month, as news dates them
			re: re(`(近日|日前)`), lang: langZH, check: notAfterDigit,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				return r.refRelative(timeline.MonthDate(r.ref.Year(), int(r.ref.Month())))
			},
		},
		{ // 上个月 · 当月 · 次月
			re: re(`(上个月|上個月|上月|下个月|下個月|下月|本月|这个月|這個月|当月|當月|同月|次月|翌月|该月|該月)(?:[^\S\n]*` + zhDay + zhTime + `)?`), lang: langZH,
			resolve: zhMonthWord,
		},
		{ // 昨天 14:05 · 当天 · 次日
			re: re(`(大前天|前天|昨天|昨日|昨晚|昨夜|今天|今日|今晚|今早|今夜|刚刚|剛剛|刚才|剛才|即日|明天|明晚|明早|大后天|大後天|后天|後天|当天|當天|当日|當日|次日|翌日|同日|同一天|第二天)` + zhTime), lang: langZH, check: zhDayWordOK,
			cues:    []string{"天", "日", "刚", "剛", "晚", "早", "夜"},
			resolve: zhDayWord,
		},
		{ // 2小时前 · 3天前 · 两个月前
			re: re(`([0-9０-９]+|[一二两兩三四五六七八九十]+)[^\S\n]*(分钟|分鐘|个小时|個小時|小时|小時|天|日|个星期|個星期|周|週|个月|個月|年)(?:之)?前`), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				n := cnNum(m.g(1))
				unit := map[string]string{"分钟": "minute", "分鐘": "minute", "小时": "hour", "小時": "hour", "个小时": "hour", "個小時": "hour",
					"天": "day", "日": "day", "周": "week", "週": "week", "个星期": "week", "個星期": "week", "个月": "month", "個月": "month", "年": "year"}[m.g(2)]
				return r.refRelative(ago(r.ref, n, unit))
			},
		},
		{ // 上周 · 本周 · 下周 · 上上周 (the week before last)
			re: re(`(上上周|上上週|上上星期|上周|上週|上星期|本周|本週|这周|這週|这星期|這星期|下下周|下下週|下周|下週|下星期)`), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				step := 0
				if strings.HasPrefix(m.g(1), "上") {
					step = -1
				} else if strings.HasPrefix(m.g(1), "下") {
					step = 1
				}
				if strings.HasPrefix(m.g(1), "上上") || strings.HasPrefix(m.g(1), "下下") {
					step *= 2
				}
				return r.refRelative(stepFrom(r.ref, "week", step))
			},
		},
		{ // 双11 · 去年双十一 · 2023年春节 · 618大促
			re: re(`(?:` + zhYear + `|` + zhRelYear + `)?[^\S\n]*(?:的)?(双[^\S\n]*11|双十一|雙[^\S\n]*11|雙十一|双[^\S\n]*12|双十二|雙[^\S\n]*12|雙十二|618|春节|春節|中秋节|中秋節|中秋|元旦|国庆节|國慶節|国庆|國慶|劳动节|勞動節|` + zhHolidayWords + `)`), lang: langZH, check: zh618OK,
			cues: zhFestivalCues,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				name := zhFestival(m.g(3))
				switch {
				case m.g(1) != "":
					y, ok := zhYearNum(m.g(1))
					d, by, a, ok2 := festival(name, y)
					return d, by, a, ok && ok2
				case m.g(2) != "":
					y, by, a := zhYearWord(m.g(2), r)
					d, _, _, ok := festival(name, y)
					return d, by, a, ok
				}
				return bareFestivalAt(name, r, m)
			},
		},
		{ // 两个月后 · 半年后 · 10天后 (after the story's date)
			re: re(`([一二两兩三四五六七八九十0-9]+|半)[^\S\n]*(个月|個月|天|日|周|週|个星期|個星期)(?:之|以)?[后後]|(半)年(?:之|以)?[后後]`), lang: langZH, check: notAfterDigit,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				if m.g(3) != "" || m.g(1) == "半" && strings.Contains(m.g(2), "月") {
					return r.narrativeOffset(6, "month")
				}
				n := cnNum(m.g(1))
				if n < 1 {
					return timeline.Date{}, "", "", false
				}
				unit := map[string]string{"个月": "month", "個月": "month", "天": "day", "日": "day", "周": "week", "週": "week", "个星期": "week", "個星期": "week"}[m.g(2)]
				return r.narrativeOffset(n, unit)
			},
		},
		{ // 周一 · 上周三 · 星期五 (the nearest such day before the page's date)
			re: re(`(上|下|本|这|這)?(?:个|個)?(?:周|星期|礼拜|禮拜|週)([一二三四五六日天])`), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				wd := map[string]time.Weekday{"一": time.Monday, "二": time.Tuesday, "三": time.Wednesday, "四": time.Thursday,
					"五": time.Friday, "六": time.Saturday, "日": time.Sunday, "天": time.Sunday}[m.g(2)]
				switch m.g(1) {
				case "上": // the named day of the previous Monday-first week
					return r.refRelative(weekday(r.ref.AddDate(0, 0, -7), wd, "this"))
				case "下":
					return r.refRelative(weekday(r.ref.AddDate(0, 0, 7), wd, "this"))
				case "本", "这", "這":
					return r.refRelative(weekday(r.ref, wd, "this"))
				}
				return r.refRelative(r.bareWeekday(wd))
			},
		},
		{ // 当时 · 彼时 · 此后一个月 · 此后三天 (the story's date, or after it)
			re: re(`(当时|當時|彼时|彼時|那时|那時)|(?:此后|此後|之后|之後)[^\S\n]*([一二两兩三四五六七八九十0-9]+)[^\S\n]*(个月|個月|天|周|週)`), lang: langZH,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				if m.g(1) != "" {
					if r.anchor.IsZero() {
						return timeline.Date{}, "", "", false
					}
					return r.anchor, ByNarrative, r.anchor.Value(), true
				}
				unit := map[string]string{"个月": "month", "個月": "month", "天": "day", "周": "week", "週": "week"}[m.g(3)]
				return r.narrativeOffset(cnNum(m.g(2)), unit)
			},
		},
		{ // 此后一年 · 两年后 (years after the story's date)
			re: re(`(?:此后|此後|之后|之後)[^\S\n]*([一二两兩三四五六七八九十0-9]+)[^\S\n]*年|([一二两兩三四五六七八九十0-9]+)[^\S\n]*年(?:之)?[后後]`), lang: langZH, check: notAfterDigit,
			resolve: func(m match, r *resolver) (timeline.Date, string, string, bool) {
				n := cnNum(m.g(1) + m.g(2))
				if n < 1 || n > 50 {
					return timeline.Date{}, "", "", false
				}
				y, by, a := r.narrativeYear()
				return timeline.YearDate(y + n), by, a, true
			},
		},
		{ // fiscal years are not calendar years: 2024财年第三季度
			re: re(`(?:[0-9０-９]{4}[^\S\n]*|本|上一?|下一?)(?:财年|財年|财政年度|財政年度)(?:[^\S\n]*(?:第[一二三四1-4]季度?|[一二三四]季度|[QqＱ][1-4]|[上下]半年))?`), lang: langZH,
		},
	}
}

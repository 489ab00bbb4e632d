package dates

import (
	"testing"

	"github.com/wallbreak/wallbreak/timeline"
)

// The forms general-purpose taggers handle, under the news rule (the page
// is dated Wednesday 2024-02-21).
func TestConversationalForms(t *testing.T) {
	tests := []struct {
		in   string
		want []wantExpr
	}{
		// Weekdays in lower case: after a word that introduces a day, or
		// alone; never a weekday-named thing in running text.
		{"monday", []wantExpr{{"monday", "2024-02-19", "", ByReference}}},
		{"The deal closed on friday.", []wantExpr{{"friday", "2024-02-16", "", ByReference}}},
		{"next tuesday", []wantExpr{{"next tuesday", "2024-02-27", "", ByReference}}},
		{"the bar's sunday roast", nil},
		{"fri", []wantExpr{{"fri", "2024-02-16", "", ByReference}}},
		{"The sun rose on a sat nav.", nil},
		// Months alone: after a preposition, or opening a sentence before a
		// comma; "may" and "march" the verbs stay out.
		{"May", []wantExpr{{"May", "2023-05", "", ByReference}}},
		{"May, the company said, was its best month.", []wantExpr{{"May", "2023-05", "", ByReference}}},
		{"May I pay with WeChat? We may march on.", nil},
		{"It shipped in september.", []wantExpr{{"september", "2023-09", "", ByReference}}},
		{"open until may", []wantExpr{{"until may", "2023-05", timeline.ModBefore, ByReference}}},
		{"we march in march", []wantExpr{{"march", "2023-03", "", ByReference}}},
		{"may", nil},
		// Days counted from today.
		{"tomorrow", []wantExpr{{"tomorrow", "2024-02-22", "", ByReference}}},
		{"the day after tomorrow", []wantExpr{{"the day after tomorrow", "2024-02-23", "", ByReference}}},
		{"明天上线，后天开放，大后天结束", []wantExpr{{"明天", "2024-02-22", "", ByReference}, {"后天", "2024-02-23", "", ByReference}, {"大后天", "2024-02-24", "", ByReference}}},
		{"此后天猫宣布接入；后天性的习惯", nil}, // the 后 of 此后, and "acquired"
		// Days of the month, in figures and in words.
		{"the 1st of March", []wantExpr{{"the 1st of March", "2023-03-01", "", ByReference}}},
		{"the first of March", []wantExpr{{"the first of March", "2023-03-01", "", ByReference}}},
		{"March the fifteenth, 2023", []wantExpr{{"March the fifteenth, 2023", "2023-03-15", "", ByAbsolute}}},
		{"Tuesday the 13th", []wantExpr{{"the 13th", "2024-02-13", "", ByReference}}},
		// Month/day in figures (US order; day first when the first part
		// cannot be a month), only where it reads as a date.
		{"2/15", []wantExpr{{"2/15", "2024-02-15", "", ByReference}}},
		{"due 15/2", []wantExpr{{"15/2", "2024-02-15", "", ByReference}}},
		{"Fees were cut by 1/3 for 2/3 of merchants.", nil},
		{"Fri 2/16 at 4pm", []wantExpr{{"2/16", "2024-02-16", "", ByReference}}},
		{"2/15/2024 and 2/15/24", []wantExpr{{"2/15/2024", "2024-02-15", "", ByAbsolute}, {"2/15/24", "2024-02-15", "", ByAbsolute}}},
		{"Page 1/3. Three in 3/4 of stores, 24/7.", nil},
		{"10-31-74, 17-09-2021 and 2/2013", []wantExpr{{"10-31-74", "1974-10-31", "", ByAbsolute}, {"17-09-2021", "2021-09-17", "", ByAbsolute}, {"2/2013", "2013-02", "", ByAbsolute}}},
		{"version 1-2-10 for 8-10-12 people", nil},
		// Counted weekdays and spans.
		{"3 Fridays from now", []wantExpr{{"3 Fridays from now", "2024-03-08", "", ByReference}}},
		{"two Mondays ago", []wantExpr{{"two Mondays ago", "2024-02-12", "", ByReference}}},
		{"in 2 weeks", []wantExpr{{"in 2 weeks", "2024-03-06", "", ByReference}}},
		{"Taobao will open it to everyone in a month.", []wantExpr{{"in a month", "2024-03-21", "", ByReference}}},
		{"a year from now", []wantExpr{{"a year from now", "2025-02", "", ByReference}}},
		{"Sales doubled in 2 weeks. In two years, it grew tenfold.", nil}, // how long it took: news tells the past
		// Weekdays named from this week.
		{"next Friday", []wantExpr{{"next Friday", "2024-02-23", "", ByReference}}},
		{"Friday after next", []wantExpr{{"Friday after next", "2024-03-01", "", ByReference}}},
		{"this coming Monday", []wantExpr{{"this coming Monday", "2024-02-26", "", ByReference}}},
		{"Wednesday of next week", []wantExpr{{"Wednesday of next week", "2024-02-28", "", ByReference}}},
		{"last week's Sunday and monday this week", []wantExpr{{"last week's Sunday", "2024-02-18", "", ByReference}, {"monday this week", "2024-02-19", "", ByReference}}},
		// The nth weekday of a month.
		{"the first Monday of last month", []wantExpr{{"the first Monday of last month", "2024-01-01", "", ByReference}}},
		{"the last Friday of March", []wantExpr{{"the last Friday of March", "2023-03-31", "", ByReference}}},
		{"the last day of October 2015", []wantExpr{{"the last day of October 2015", "2015-10-31", "", ByAbsolute}}},
		{"the third Tuesday of September 2014", []wantExpr{{"the third Tuesday of September 2014", "2014-09-16", "", ByAbsolute}}},
		{"In May 2023, A. On the second Sunday of the following month, B.", []wantExpr{{"May 2023", "2023-05", "", ByAbsolute}, {"the second Sunday of the following month", "2023-06-11", "", ByNarrative}}},
		// Holidays with a year, and without (the latest one not after the page).
		{"Thanksgiving 2013", []wantExpr{{"Thanksgiving 2013", "2013-11-28", "", ByAbsolute}}},
		{"Christmas 2022", []wantExpr{{"Christmas 2022", "2022-12-25", "", ByAbsolute}}},
		{"New Year's Day 2024", []wantExpr{{"New Year's Day 2024", "2024-01-01", "", ByAbsolute}}},
		{"Labor Day 2023", []wantExpr{{"Labor Day 2023", "2023-09-04", "", ByAbsolute}}},
		{"Easter 2024", []wantExpr{{"Easter 2024", "2024-03-31", "", ByAbsolute}}},
		{"Black Friday of last year", []wantExpr{{"Black Friday of last year", "2023-11-24", "", ByReference}}},
		{"Christmas", []wantExpr{{"Christmas", "2023-12-25", "", ByReference}}},
		{"next Thanksgiving", []wantExpr{{"next Thanksgiving", "2024-11-28", "", ByReference}}},
		{"WeChat hid an Easter egg in the update.", nil},
		{"before Mother's Day", []wantExpr{{"before Mother's Day", "2023-05-14", timeline.ModBefore, ByReference}}},
		{"2018年春节", []wantExpr{{"2018年春节", "2018-02-16", "", ByAbsolute}}},
		{"2024年国庆", []wantExpr{{"2024年国庆", "2024-10-01", "", ByAbsolute}}},
		{"元旦", []wantExpr{{"元旦", "2024-01-01", "", ByReference}}},
		{"2023年圣诞节", []wantExpr{{"2023年圣诞节", "2023-12-25", "", ByAbsolute}}},
		{"除夕", []wantExpr{{"除夕", "2024-02-09", "", ByReference}}},
		{"2024年元宵节", []wantExpr{{"2024年元宵节", "2024-02-24", "", ByAbsolute}}},
		{"2024年端午节和2023年清明节", []wantExpr{{"2024年端午节", "2024-06-10", "", ByAbsolute}, {"2023年清明节", "2023-04-05", "", ByAbsolute}}},
		{"Dragon Boat Festival 2023", []wantExpr{{"Dragon Boat Festival 2023", "2023-06-22", "", ByAbsolute}}},
		{"政治清明", nil},
		// Chinese relative forms.
		{"我们15号出发", []wantExpr{{"15号", "2024-02-15", "", ByReference}}},
		{"乘3号线到1号店，地址：西长安街13号", nil},
		{"昨晚，腾讯宣布；今晚上线", []wantExpr{{"昨晚", "2024-02-20", "", ByReference}, {"今晚", "2024-02-21", "", ByReference}}},
		{"2022年3月1日，A；3天以后，B", []wantExpr{{"2022年3月1日", "2022-03-01", "", ByAbsolute}, {"3天以后", "2022-03-04", "", ByNarrative}}},
		{"下周五", []wantExpr{{"下周五", "2024-03-01", "", ByReference}}},
		{"下个月", []wantExpr{{"下个月", "2024-03", "", ByReference}}},
		{"明年3月", []wantExpr{{"明年3月", "2025-03", "", ByReference}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			checkExprs(t, tt.in, TagDates(tt.in, ref, "auto"), tt.want)
		})
	}
}

func checkExprs(t *testing.T, in string, got []Expression, want []wantExpr) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d expressions %v, want %d", len(got), exprSummary(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Text != w.text || g.Value != w.value || g.Mod != w.mod || g.ResolvedBy != w.by {
			t.Errorf("expression %d = {%q %s %q %s}, want {%q %s %q %s}", i, g.Text, g.Value, g.Mod, g.ResolvedBy, w.text, w.value, w.mod, w.by)
		}
		if in[g.Offset:g.EndOffset()] != g.Text {
			t.Errorf("offset %d does not point at %q", g.Offset, g.Text)
		}
	}
}

// Easter and the nth-weekday holidays against dates in the calendar.
func TestHolidayDates(t *testing.T) {
	for _, tt := range []struct {
		name string
		year int
		want string
	}{
		{"easter", 2019, "2019-04-21"}, {"easter", 2025, "2025-04-20"}, {"goodfriday", 2024, "2024-03-29"},
		{"thanksgiving", 2024, "2024-11-28"}, {"blackfriday", 2024, "2024-11-29"}, {"memorial", 2024, "2024-05-27"},
		{"mlk", 2013, "2013-01-21"}, {"fathersday", 2012, "2012-06-17"}, {"laborday", 2013, "2013-09-02"},
	} {
		if d, _, _, ok := festival(tt.name, tt.year); !ok || d.Value() != tt.want {
			t.Errorf("%s %d = %s, want %s", tt.name, tt.year, d.Value(), tt.want)
		}
	}
}

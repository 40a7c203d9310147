package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// An auditor sees their own calls of the open round, in words; a lead sees
// every call, with the auditor's name.
func TestListShowsTheRoundsCalls(t *testing.T) {
	tests := []struct {
		name  string
		lang  lang.Lang
		as    string
		count string
		rows  int
		want  []string
	}{
		{"auditor zh", "zh", "杜瑞", "已完成 4/10", 10, []string{"科室", "咨询事项", "计划时间", "已完成", "待拨", "11-27 10:32", "企业"}},
		{"auditor en", "en", "杜瑞", "done 4/10", 10, []string{"Office", "Question", "Planned", "done", "to call", "business"}},
		{"lead zh", "zh", "姜中原", "已完成 34/100", 100, []string{"测评员", "已完成", "进行中", "张伟(人社)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := start(t, opts(demoStore(t), tt.lang, tt.as, nil), 120, 40)
			p := m.callsPage()
			own := 0
			for _, c := range p.calls {
				_, live := p.live[c.ID]
				switch {
				case tt.as != "杜瑞" || c.Auditor == "杜瑞":
					own++
				case !live || c.Status != scoring.InProgress:
					t.Fatalf("杜瑞 sees %s's call, which is %s and not one to join", c.Auditor, c.Status.Label(lang.EN))
				}
			}
			if own != tt.rows {
				t.Fatalf("%d calls of the round listed, want %d", own, tt.rows)
			}
			mustShow(t, m, append(tt.want, tt.count)...)
		})
	}
}

// The filter takes every key while it has focus: tab, digits and q type.
func TestFilter(t *testing.T) {
	m := start(t, opts(demoStore(t), lang.ZH, "杜瑞", nil), 100, 30)
	m = press(t, m, "/")
	m = press(t, m, typeText("公安")...)
	p := m.callsPage()
	if len(p.shown) != 1 || p.calls[p.shown[0]].Department != "市公安局" {
		t.Fatalf("filter 公安 shows %d calls", len(p.shown))
	}
	mustShow(t, m, "显示 1 个", "户政管理")
	m = press(t, m, "2", "q", "tab")
	if m.active != tabCalls || m.callsPage().filter.Value() != "公安2q" {
		t.Fatalf("keys acted while typing: tab %d, filter %q", m.active, m.callsPage().filter.Value())
	}
	mustShow(t, m, "没有符合筛选的电话")
	if strings.Contains(lastLines(m, 1), "1-5") {
		t.Errorf("the help offers the tabs while the filter types: %s", lastLines(m, 1))
	}
	m = press(t, m, "backspace", "backspace", "enter") // keep "公安"
	if m.callsPage().typing() || len(m.callsPage().shown) != 1 {
		t.Fatalf("enter did not keep the filter: typing %v, %d shown", m.callsPage().typing(), len(m.callsPage().shown))
	}
	m = press(t, m, "esc")
	if p := m.callsPage(); len(p.shown) != len(p.calls) || p.filter.Value() != "" {
		t.Fatalf("esc did not clear the filter: %d shown", len(p.shown))
	}
	m = press(t, m, "/", "待", "拨", "esc") // esc while typing clears too
	if len(m.callsPage().shown) != len(m.callsPage().calls) || m.callsPage().typing() {
		t.Fatal("esc while typing did not clear and leave the filter")
	}
	m = press(t, m, "/")
	m = press(t, m, typeText("已完成")...)
	if len(m.callsPage().shown) != 4 {
		t.Fatalf("filtering by status shows %d", len(m.callsPage().shown))
	}
}

func TestListKeysAndMouse(t *testing.T) {
	m := start(t, opts(demoStore(t), lang.ZH, "姜中原", nil), 80, 24)
	p := m.callsPage()
	first := p.sel
	if p.calls[p.shown[first]].Status != scoring.ToCall && p.calls[p.shown[first]].Status != scoring.InProgress {
		t.Fatal("the first selection is not a call still to make")
	}
	m = press(t, m, "g")
	if m.callsPage().sel != 0 {
		t.Fatal("g does not go to the top")
	}
	m = press(t, m, "pgdown")
	if got := m.callsPage().sel; got != m.callsPage().rows() {
		t.Fatalf("pgdown moved to %d, want %d", got, m.callsPage().rows())
	}
	m = press(t, m, "G")
	if got := m.callsPage(); got.sel != 99 || got.top != 100-got.rows() {
		t.Fatalf("G: sel %d top %d", got.sel, got.top)
	}
	m = update(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelUp, Y: 10})
	if m.callsPage().sel != 98 {
		t.Fatalf("the wheel did not move up: %d", m.callsPage().sel)
	}
	// Row 3 of the table: the header, the count line and the rule come first.
	p = m.callsPage()
	m = update(t, m, tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: headerLines + callsTop + 1 + 3})
	if got := m.callsPage().sel; got != p.top+3 {
		t.Fatalf("a click on row 3 selected %d, want %d", got, p.top+3)
	}
	row := m.callsPage().calls[m.callsPage().shown[p.top+3]]
	lines := strings.Split(screen(m), "\n")
	if clicked := lines[headerLines+callsTop+1+3]; !strings.Contains(clicked, []string{"待拨", "已完成", "进行中", "无法接通"}[statusIndex(row.Status)]) {
		t.Errorf("the clicked line %q is not the selected call's row", clicked)
	}
	if m.View().MouseMode != tea.MouseModeCellMotion {
		t.Error("the mouse is not switched on")
	}
}

func statusIndex(s scoring.CallStatus) int {
	switch s {
	case scoring.Done:
		return 1
	case scoring.InProgress:
		return 2
	case scoring.Unreachable:
		return 3
	}
	return 0
}

// Without an open round the tab says how a lead opens one.
func TestNoOpenRound(t *testing.T) {
	for _, tt := range []struct {
		lang lang.Lang
		want string
	}{
		{"zh", "phoneaudit round open 轮次"},
		{"en", "phoneaudit round open R"},
	} {
		st := demoStore(t)
		if _, err := st.CloseRound(context.Background(), "6", true); err != nil {
			t.Fatal(err)
		}
		m := start(t, opts(st, tt.lang, "杜瑞", nil), 80, 24)
		mustShow(t, m, tt.want)
		if _, cmd := m.Update(keyPress("enter")); cmd != nil {
			t.Error("enter does something without a round")
		}
	}
}

// When the last running call of another auditor finishes, the list loses
// its auditor column: it draws again with fewer columns and never with the
// old rows' extra cell (which panicked in the bubbles table).
func TestListLosesTheAuditorColumn(t *testing.T) {
	m := start(t, opts(demoStore(t), lang.ZH, "杜瑞", nil), 100, 30)
	p := m.callsPage()
	if len(p.live) == 0 || len(p.table.Columns()) != 7 {
		t.Fatalf("the demo gives 杜瑞 %d calls to join and %d columns; want some and 7", len(p.live), len(p.table.Columns()))
	}
	var own []store.Call
	for _, c := range p.calls {
		if c.Auditor == "杜瑞" {
			own = append(own, c)
		}
	}
	m = update(t, m, callsLoadedMsg{calls: own})
	if p := m.callsPage(); len(p.table.Columns()) != 6 || len(p.calls) != len(own) {
		t.Fatalf("after the running calls ended: %d columns, %d calls", len(p.table.Columns()), len(p.calls))
	}
	mustShow(t, m, "已完成 4/10")
}

package ui

import (
	"os"
	"path/filepath"

	tea "charm.land/bubbletea/v2"
	"context"
	"fmt"
	"strings"
	"testing"

	"phoneaudit/imports"
	"phoneaudit/lang"
	"phoneaudit/publish"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

func (m Model) flagsPage() flagsPage {
	p, _ := m.pages[tabFlagged].(flagsPage)
	return p
}

func (m Model) officesPage() officesPage {
	p, _ := m.pages[tabOffices].(officesPage)
	return p
}

// Tab 2 lists the same offices with the same levels, in the same order, as
// store.Flags, for the latest audited round and, after [, the one before;
// the header counts the red and yellow ones.
func TestFlaggedTabAgreesWithFlags(t *testing.T) {
	tests := []struct {
		lang  lang.Lang
		keys  []string
		asOf  int
		shown []string
	}{
		{"zh", []string{"2"}, 6, []string{"第6轮「2026年第6轮」（暂定", "已测评 34/100", "逾期整改"}},
		{"en", []string{"2"}, 6, []string{"round 6 (2026年第6轮) (provisional", "audited 34/100", "overdue"}},
		{"zh", []string{"2", "["}, 5, []string{"第5轮「2026年第5轮」"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+strings.Join(tt.keys, ""), func(t *testing.T) {
			st := demoStore(t)
			want, err := st.Flags(context.Background(), tt.asOf)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				t.Fatalf("the demo has no flags as of round %d", tt.asOf)
			}
			m := press(t, start(t, opts(st, tt.lang, leadName, &clock{t: testNow}), 120, 40), tt.keys...)
			p := m.flagsPage()
			if p.data.asOf != tt.asOf || len(p.data.rows) != len(want) {
				t.Fatalf("tab 2 shows %d flags as of round %d, store.Flags has %d as of %d", len(p.data.rows), p.data.asOf, len(want), tt.asOf)
			}
			red := 0
			for i, f := range want {
				got := p.data.rows[i]
				if got.OfficeID != f.OfficeID || got.Level != f.Level {
					t.Errorf("row %d: %s %s, want %s %s", i, got.Office, got.Level.Label(lang.EN), f.Office, f.Level.Label(lang.EN))
				}
				if f.Level == scoring.Red {
					red++
				}
				label := f.Level.Label(tt.lang)
				if got.Provisional != (got.Round == 6) {
					t.Errorf("%s: provisional %v, its flag's round %d (round 6 is open)", f.Office, got.Provisional, got.Round)
				}
				if got.Provisional {
					label += "*"
				}
				mustShow(t, m, label)
			}
			counts := map[string]string{"zh": "红牌 %d · 黄牌 %d", "en": "red %d · yellow %d"}
			mustShow(t, m, tt.shown...)
			if !hasText(m, fmt.Sprintf(counts[string(tt.lang)], red, len(want)-red)) {
				t.Errorf("the header does not count %d red and %d yellow:\n%s", red, len(want)-red, screen(m))
			}
		})
	}
}

// firstRed selects in tab 2 the first red office whose latest notice is
// still issued (overdue counts: it is issued past its deadline).
func firstRed(t *testing.T, m Model) (Model, store.FlagRow) {
	t.Helper()
	for i, f := range m.flagsPage().data.rows {
		if f.Level == scoring.Red && (f.Notice == store.NoticeIssued || f.Notice == store.NoticeOverdue) {
			for range i {
				m = press(t, m, "down")
			}
			return m, f
		}
	}
	t.Fatal("the demo has no red office with an issued notice")
	return m, store.FlagRow{}
}

// enter opens a red office's history: every round of its audits is there,
// with its notices; R, a response and enter record the office's report
// (the notice is reported in the database) after a confirm, V then verifies it
// (enter chooses the newest reported notice when the office has several, enter
// takes the acting user as the checker, y confirms; with one notice the second
// enter does nothing), and X extends an issued deadline with a reason.
func TestHistoryNoticeSteps(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string // after enter
		status string   // the notice's status afterwards
		shown  string
	}{
		{"report", append(append([]string{"R"}, typeText("已安排专人值守")...), "enter", "y"), store.NoticeReported, "已登记整改报告"},
		{"report then verify", append(append([]string{"R"}, typeText("已安排专人值守")...), "enter", "y", "V", "enter", "enter", "y"), store.NoticeVerified, "已核实"},
		{"empty report", []string{"R", "enter"}, store.NoticeIssued, "请填写科室的整改报告"},
		{"extend", append(append([]string{"X", "ctrl+u"}, typeText("2027-01-15")...), append([]string{"tab"}, append(typeText("春节前人手不足"), "enter")...)...), store.NoticeIssued, "已延期"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st := demoStore(t)
			m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 120, 40), "2")
			m, f := firstRed(t, m)
			m = press(t, m, "enter")
			if !m.flagsPage().inHistory {
				t.Fatal("enter opened no history")
			}
			entries, err := st.OfficeHistory(ctx, f.OfficeID, 0, historyPage)
			if err != nil {
				t.Fatal(err)
			}
			text := m.flagsPage().hist.vp.GetContent()
			for _, e := range entries {
				if label := roundLabel(lang.ZH, store.Round{Number: e.RoundNumber, Name: e.RoundName}); !strings.Contains(text, label) {
					t.Errorf("the history lacks %s", label)
				}
			}
			mustShow(t, m, f.Department+" · "+f.Office, "整改通知")
			m = press(t, m, tt.keys...)
			ns, err := st.Notices(ctx, store.NoticeFilter{OfficeID: f.OfficeID})
			if err != nil {
				t.Fatal(err)
			}
			var n store.Notice
			for _, x := range ns {
				if x.ID == f.NoticeID {
					n = x
				}
			}
			if n.Status != tt.status {
				t.Errorf("the notice is %s, want %s", n.Status, tt.status)
			}
			if tt.name == "extend" && n.Deadline != "2027-01-15" {
				t.Errorf("the deadline is %s, want 2027-01-15", n.Deadline)
			}
			mustShow(t, m, tt.shown)
			if m = press(t, m, "esc", "esc"); m.flagsPage().inHistory {
				t.Error("esc did not go back to the list")
			}
		})
	}
}

// Tab 4 lists the 100 offices of the demo; / filters them, c cycles the
// category, and t shows the department ranking of the latest round with
// the top 10 and bottom 3 marked, as publish.Summary ranks them.
func TestOfficesTab(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 120, 40), "4")
	p := m.officesPage()
	if len(p.offices) != 100 || len(p.list.shown) != 100 {
		t.Fatalf("tab 4 lists %d offices (%d shown), want 100", len(p.offices), len(p.list.shown))
	}
	mustShow(t, m, "共 100 个科室")
	m = press(t, m, append(append([]string{"/"}, typeText("市公安局")...), "enter")...)
	p = m.officesPage()
	police := 0
	for _, o := range p.offices {
		if o.Department == "市公安局" {
			police++
		}
	}
	if police == 0 || len(p.list.shown) != police {
		t.Fatalf("the filter shows %d offices, 市公安局 has %d", len(p.list.shown), police)
	}
	m = press(t, m, "esc", "c")
	p = m.officesPage()
	cat := p.categories[p.cat]
	for _, i := range p.list.shown {
		if p.offices[i].Category != cat {
			t.Fatalf("category %s shows %s of %s", cat, p.offices[i].Name, p.offices[i].Category)
		}
	}
	if len(p.list.shown) == 0 || len(p.list.shown) == 100 {
		t.Fatalf("category %s shows %d offices", cat, len(p.list.shown))
	}
	m = press(t, m, "t")
	r6 := roundStatus(t, st, "6")
	sum, err := publish.Summary(ctx, st, r6.ID)
	if err != nil {
		t.Fatal(err)
	}
	first := sum.DepartmentRanking[0]
	mustShow(t, m, "第6轮「2026年第6轮」 单位排名", first.Department, "前10", "后3")
	if got := m.officesPage().rank.ranks; len(got) != len(sum.DepartmentRanking) {
		t.Errorf("the ranking has %d departments, the summary %d", len(got), len(sum.DepartmentRanking))
	}
	m = press(t, m, "t", "enter")
	if !m.officesPage().inHistory {
		t.Error("enter on tab 4 opened no history")
	}
}

// An auditor sees one line on tabs 2 and 4, and nothing is read for them.
func TestAuditorSeesNoResults(t *testing.T) {
	st := demoStore(t)
	m := start(t, opts(st, lang.ZH, "杜瑞", &clock{t: testNow}), 120, 40)
	for _, k := range []string{"2", "4"} {
		m = press(t, m, k, "enter", "t", "v")
		mustShow(t, m, "组长可见")
		for _, secret := range []string{"红牌", "市公安局", "单位排名"} {
			if hasText(m, secret) {
				t.Errorf("tab %s shows the auditor %q", k, secret)
			}
		}
	}
	if len(m.flagsPage().data.rows) != 0 || len(m.officesPage().offices) != 0 {
		t.Error("the results were read for an auditor")
	}
}

// pgdown at the end of the history reads the next page (before the last
// round shown) until every audit of the office is on screen, newest first.
func TestHistoryPages(t *testing.T) {
	was := historyPage
	historyPage = 2
	t.Cleanup(func() { historyPage = was })
	ctx := context.Background()
	st := demoStore(t)
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 80, 24), "2", "enter")
	f := m.flagsPage().data.rows[0]
	all, err := st.OfficeHistory(ctx, f.OfficeID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(roundsOf(all)) <= 2 {
		t.Fatalf("%s has %d audited rounds: too few to page", f.Office, len(roundsOf(all)))
	}
	if got := roundsOf(m.flagsPage().hist.entries); len(got) != 2 {
		t.Fatalf("the first page has rounds %v, want 2", got)
	}
	for range 60 {
		m = press(t, m, "pgdown")
	}
	h := m.flagsPage().hist
	if len(h.entries) != len(all) || h.more {
		t.Fatalf("after paging %d of %d audits are read (more: %v)", len(h.entries), len(all), h.more)
	}
	for i, e := range all {
		if h.entries[i].ID != e.ID {
			t.Fatalf("audit %d is call %d, want %d (newest first)", i, h.entries[i].ID, e.ID)
		}
	}
}

// A click selects a row of tab 2 and of tab 4, the wheel moves the
// selection, and enter opens the clicked office.
func TestLeadListsMouse(t *testing.T) {
	st := demoStore(t)
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 100, 30), "2")
	m = update(t, m, tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: headerLines + flagsTop + 2})
	if sel := m.flagsPage().list.sel; sel != 2 {
		t.Fatalf("the click on the third row selected row %d", sel)
	}
	m = update(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelDown, X: 5, Y: headerLines + flagsTop})
	if sel := m.flagsPage().list.sel; sel != 3 {
		t.Fatalf("the wheel moved the selection to %d, want 3", sel)
	}
	want := m.flagsPage().data.rows[m.flagsPage().list.shown[3]]
	m = press(t, m, "enter")
	if h := m.flagsPage().hist; !m.flagsPage().inHistory || h.office.id != want.OfficeID {
		t.Fatalf("enter opened office %d, want %s (%d)", h.office.id, want.Office, want.OfficeID)
	}

	m = press(t, m, "esc", "4")
	m = update(t, m, tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: headerLines + officesTop + 5})
	if sel := m.officesPage().list.sel; sel != 5 {
		t.Fatalf("the click on the sixth office selected row %d", sel)
	}
}

// With nothing audited yet, tab 2 says so instead of naming a round 0.
func TestFlaggedTabBeforeAnyAudit(t *testing.T) {
	st := emptyStore(t)
	path := filepath.Join(t.TempDir(), "offices.csv")
	if err := os.WriteFile(path, []byte("单位,科室,电话\n市人社局,社保中心,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := imports.Offices(context.Background(), st, path); err != nil {
		t.Fatal(err)
	}
	lead := filepath.Join(t.TempDir(), "auditors.csv")
	if err := os.WriteFile(lead, []byte("姓名,角色\n"+leadName+",组长\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := imports.Auditors(context.Background(), st, lead); err != nil {
		t.Fatal(err)
	}
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 100, 30), "2")
	mustShow(t, m, "还没有测评过的轮次")
	if hasText(m, "第0轮") {
		t.Errorf("tab 2 names round 0:\n%s", screen(m))
	}
}

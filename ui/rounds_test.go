package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// The lead of the demo city, who may do everything on tab 3.
const leadName = "姜中原"

func (m Model) roundsPage() roundsPage {
	p, _ := m.pages[tabRounds].(roundsPage)
	return p
}

// detailText is the whole detail of the selected round as the user reads
// it, scrolled or not.
func detailText(m Model) string {
	return ansi.Strip(m.roundsPage().detailView.GetContent())
}

func roundStatus(t *testing.T, st *store.Store, ref string) store.Round {
	t.Helper()
	r, err := st.FindRound(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A lead sees every round with its status and counts, round 6 (open)
// selected, and its detail: progress by auditor, calls not yet made, calls
// waiting for a retry with the time the next dial counts from, the rubric.
func TestRoundsTabShowsRoundsAndDetail(t *testing.T) {
	tests := []struct {
		lang lang.Lang
		list []string // on screen
		want []string // in the detail
	}{
		{"zh", []string{"共 6 轮", "2026年第1轮", "已发布", "已结束", "进行中", "34/100", "11-23–12-04"},
			[]string{"2026年第6轮 · 进行中 · 测评标准第1版", "已完成 34/100 个电话 · 问题科室 3 个", "按测评员（已完成/计划）",
				"杜瑞", "4/10", "还没打完的电话（63）", "等待重拨（3）", "起可再拨", "测评标准（第1版）", "接听及时",
				"0–1：话难听", "及格线 60 分", "优秀 ≥ 90、良好 ≥ 75、合格 ≥ 60、不合格 < 60"}},
		{"en", []string{"6 rounds", "published", "closed", "open", "34/100"},
			[]string{"By auditor (done/planned)", "Calls not made yet (63)", "Waiting for a retry (3)", "dial again from",
				"Rubric (version 1)", "pass mark 60"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			st := demoStore(t)
			m := press(t, start(t, opts(st, tt.lang, leadName, &clock{t: testNow}), 120, 40), "3")
			p := m.roundsPage()
			if len(p.rounds) != 6 {
				t.Fatalf("%d rounds listed, want 6", len(p.rounds))
			}
			if r, _ := p.selected(); r.Number != 6 {
				t.Fatalf("round %d is selected, want the open round 6", r.Number)
			}
			mustShow(t, m, tt.list...)
			detail := detailText(m)
			for _, w := range tt.want {
				if !strings.Contains(detail, w) {
					t.Errorf("the detail lacks %q:\n%s", w, detail)
				}
			}
			checkWaiting(t, st, p.detail)
		})
	}
}

// checkWaiting holds the detail's waiting calls against the database: each
// is under way, has a failed dial and no connection, and may be dialled
// again 10 minutes after its last counted dial (or later, in working hours).
func checkWaiting(t *testing.T, st *store.Store, d roundDetail) {
	t.Helper()
	if len(d.waiting) == 0 {
		t.Fatal("no call waits for a retry in round 6 of the demo")
	}
	for _, w := range d.waiting {
		atts, err := st.Attempts(context.Background(), w.call.ID)
		if err != nil {
			t.Fatal(err)
		}
		var last scoring.Attempt
		for _, a := range atts {
			if a.Outcome.Reached() || a.Outcome.ImmediateProblem() {
				t.Errorf("%s was connected, yet waits for a retry", w.call.Office)
			}
			if a.Outcome.FailedDial() {
				last = a
			}
		}
		if w.call.Status != scoring.InProgress || last.At.IsZero() || w.reach.NextDial.Before(last.At.Add(d.rubric.Retry.MinGap)) {
			t.Errorf("%s: status %s, last failed dial %v, next dial %v", w.call.Office, w.call.Status, last.At, w.reach.NextDial)
		}
	}
}

// An auditor sees the rounds and their counts, their own calls only, and
// none of the lead's keys: the plan stays secret and the tab read-only.
func TestAuditorSeesRoundsReadOnly(t *testing.T) {
	st := demoStore(t)
	m := press(t, start(t, opts(st, lang.ZH, "杜瑞", &clock{t: testNow}), 120, 40), "3")
	if n := len(m.roundsPage().rounds); n != 6 {
		t.Fatalf("%d rounds listed, want 6", n)
	}
	detail := detailText(m)
	if !strings.Contains(detail, "我的电话：已完成 4/10") {
		t.Errorf("the auditor's progress is missing:\n%s", detail)
	}
	for _, other := range []string{"张伟(人社)", "魏磊", "按测评员"} {
		if strings.Contains(detail, other) {
			t.Errorf("the auditor sees %q:\n%s", other, detail)
		}
	}
	for _, k := range []string{"n", "p", "o", "c"} {
		m = press(t, m, k)
		if p := m.roundsPage(); p.form != rfNone || len(p.out) > 0 {
			t.Fatalf("%s opened form %d for an auditor", k, p.form)
		}
	}
	help := lastLines(m, 1)
	for _, word := range []string{"新建轮次", "排电话", "开始本轮", "结束本轮", "重新开始"} {
		if strings.Contains(help, word) {
			t.Errorf("the auditor's help offers %q: %s", word, help)
		}
	}
	if got := roundStatus(t, st, "6"); got.Status != store.RoundOpen {
		t.Fatalf("round 6 is %s after an auditor's keys", got.Status)
	}
}

// c lists the unfinished calls and asks; n keeps the round open, y closes
// it: the calls become not audited, and tab 1 and the header learn that no
// round is open.
func TestCloseRoundAsksThenCloses(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	unfinished, err := st.UnfinishedCalls(ctx, roundStatus(t, st, "6").ID)
	if err != nil {
		t.Fatal(err)
	}
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 80, 24), "3", "c")
	mustShow(t, m, "结束第6轮「2026年第6轮」？", "还有 66 个电话没有完成", unfinished[0].Department+" · "+unfinished[0].Office, "y 确定")
	if len(unfinished) != 66 || len(m.roundsPage().unfinished) != 66 {
		t.Fatalf("the question lists %d calls, the database has %d", len(m.roundsPage().unfinished), len(unfinished))
	}
	m = press(t, m, "n")
	if got := roundStatus(t, st, "6"); got.Status != store.RoundOpen || m.roundsPage().form != rfNone {
		t.Fatalf("n closed round 6 (%s) or left the question open", got.Status)
	}
	m = press(t, m, "c", "y")
	if got := roundStatus(t, st, "6"); got.Status != store.RoundClosed {
		t.Fatalf("round 6 is %s after c, y", got.Status)
	}
	calls, err := st.Calls(ctx, store.CallFilter{RoundID: roundStatus(t, st, "6").ID})
	if err != nil {
		t.Fatal(err)
	}
	notAudited := 0
	for _, c := range calls {
		if c.Status == scoring.NotAudited {
			notAudited++
		}
	}
	if notAudited != 66 {
		t.Errorf("%d calls are not audited, want 66", notAudited)
	}
	mustShow(t, m, "已结束第6轮「2026年第6轮」：66 个未完成的电话记为未测评", "没有进行中的轮次")
	if r, _ := m.roundsPage().selected(); r.Status != store.RoundClosed {
		t.Errorf("the list still shows round 6 as %s", r.Status)
	}
	m = press(t, m, "1")
	mustShow(t, m, "现在没有进行中的测评轮次")
}

// With round 6 closed a lead creates 2026年第7轮 (n), plans it (p: 100
// calls) and opens it (o), which makes it tab 1's round.
func TestNewPlanOpenRound(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	if _, err := st.CloseRound(ctx, "6", true); err != nil {
		t.Fatal(err)
	}
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 120, 40), "3", "n")
	m = press(t, m, typeText("2026年第7轮")...)
	m = press(t, m, "enter")
	r7 := roundStatus(t, st, "2026年第7轮")
	if r7.Number != 7 || r7.Status != store.RoundPlanning {
		t.Fatalf("round 7 is number %d, %s", r7.Number, r7.Status)
	}
	if r, _ := m.roundsPage().selected(); r.ID != r7.ID {
		t.Fatalf("round %d is selected, not the new round", r.Number)
	}
	mustShow(t, m, "已新建第7轮「2026年第7轮」", "还没有排电话：按 p 排电话")

	m = press(t, m, "p")
	seed := m.roundsPage().seed
	mustShow(t, m, "为第7轮「2026年第7轮」排电话？", "种子")
	m = press(t, m, "y")
	calls, err := st.Calls(ctx, store.CallFilter{RoundID: r7.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 100 {
		t.Fatalf("round 7 has %d calls, want 100", len(calls))
	}
	mustShow(t, m, "排好 100 个电话", "种子 "+strconv.FormatInt(seed, 10), "计划检查", "全部符合")

	m = press(t, m, "o")
	mustShow(t, m, "开始第7轮「2026年第7轮」？", "100 个电话")
	m = press(t, m, "y")
	if got := roundStatus(t, st, "7"); got.Status != store.RoundOpen {
		t.Fatalf("round 7 is %s after o, y", got.Status)
	}
	mustShow(t, m, "2026年第7轮 进行中")
	m = press(t, m, "1")
	if n := len(m.callsPage().calls); n != 100 {
		t.Fatalf("tab 1 lists %d calls of the new round, want 100", n)
	}
}

// The new round's form checks what it holds as the command line does; a
// mistake keeps the form open, says what to change, and creates nothing.
func TestNewRoundFormValidates(t *testing.T) {
	tests := []struct {
		name, from, to string
		want           string
		wantFrom       string // when the round is created
	}{
		{"", "", "", "轮次名称不能为空", ""},
		{"2027", "", "", "全是数字", ""},
		{"2026年第6轮", "", "", "已经有名为 2026年第6轮 的轮次", ""},
		{"第8轮", "2026-13-01", "", `"2026-13-01" 不是日期`, ""},
		{"第8轮", "2026-12-10", "2026-12-01", "结束日期 2026-12-01 早于开始日期 2026-12-10", ""},
		{"第8轮", "2026/12/1", "2026年12月14日", "", "2026-12-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name+tt.from, func(t *testing.T) {
			st := demoStore(t)
			m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 100, 30), "3", "n")
			for i, v := range []string{tt.name, tt.from, tt.to} {
				if i > 0 {
					m = press(t, m, "tab")
				}
				m = press(t, m, typeText(v)...)
			}
			m = press(t, m, "enter")
			rounds, err := st.Rounds(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != "" {
				mustShow(t, m, tt.want)
				if len(rounds) != 6 || m.roundsPage().form != rfNew {
					t.Fatalf("%d rounds, form %d after a mistake", len(rounds), m.roundsPage().form)
				}
				return
			}
			if len(rounds) != 7 || rounds[6].From != tt.wantFrom || rounds[6].To != "2026-12-14" {
				t.Fatalf("rounds %d, the new one from %q to %q", len(rounds), rounds[6].From, rounds[6].To)
			}
		})
	}
}

// A closed round is opened again only with a reason, which is recorded;
// while another round is open, o says which one to close first.
func TestReopenNeedsReason(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	if _, err := st.CloseRound(ctx, "6", true); err != nil {
		t.Fatal(err)
	}
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 100, 30), "3", "o")
	mustShow(t, m, "重新开始第6轮「2026年第6轮」：请说明原因")
	m = press(t, m, "enter")
	mustShow(t, m, "需要说明原因")
	m = press(t, m, typeText("补打3个因停电未拨的电话")...)
	m = press(t, m, "enter")
	if got := roundStatus(t, st, "6"); got.Status != store.RoundOpen {
		t.Fatalf("round 6 is %s after the reason", got.Status)
	}
	changes, err := st.Changes(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if changes[0].Action != "reopen" || !strings.Contains(changes[0].Detail, "补打3个因停电未拨的电话") || changes[0].By != leadName {
		t.Fatalf("the re-opening is recorded as %+v", changes[0])
	}
	mustShow(t, m, "已重新开始第6轮「2026年第6轮」")

	// Round 5 is closed too, but 6 is open now.
	m = press(t, m, "up", "o")
	if m.roundsPage().form != rfNone {
		t.Fatal("o asked for a reason while another round is open")
	}
	mustShow(t, m, "第6轮「2026年第6轮」还在进行中：先结束它")
}

// / filters the rounds by name and status; esc clears the filter.
func TestRoundsFilter(t *testing.T) {
	m := press(t, start(t, opts(demoStore(t), lang.ZH, leadName, &clock{t: testNow}), 100, 30), "3", "/")
	m = press(t, m, typeText("已发布")...)
	if n := len(m.roundsPage().shown); n != 4 {
		t.Fatalf("filter 已发布 shows %d rounds, want 4", n)
	}
	m = press(t, m, "q", "3") // typed, not acted on
	if m.active != tabRounds || len(m.roundsPage().shown) != 0 {
		t.Fatalf("q and 3 acted while the filter typed: tab %d", m.active)
	}
	mustShow(t, m, "没有符合筛选的轮次")
	m = press(t, m, "backspace", "backspace", "enter")
	m = press(t, m, "esc")
	if n := len(m.roundsPage().shown); n != 6 {
		t.Fatalf("esc left %d rounds shown", n)
	}
}

// enter moves the keys into the detail, which then scrolls; esc goes back
// to the list, whose selection the arrows move again.
func TestRoundsDetailFocus(t *testing.T) {
	m := press(t, start(t, opts(demoStore(t), lang.ZH, leadName, &clock{t: testNow}), 80, 24), "3", "enter")
	if !m.roundsPage().inDetail {
		t.Fatal("enter did not move into the detail")
	}
	m = press(t, m, "pgdown")
	if v := m.roundsPage().detailView; v.YOffset() == 0 {
		t.Fatal("pgdown did not scroll the detail")
	}
	if r, _ := m.roundsPage().selected(); r.Number != 6 {
		t.Fatal("scrolling the detail moved the selection")
	}
	m = press(t, m, "esc", "up")
	if r, _ := m.roundsPage().selected(); m.roundsPage().inDetail || r.Number != 5 {
		t.Fatalf("esc, up: in detail %v, round %d selected", m.roundsPage().inDetail, r.Number)
	}
	if !strings.Contains(detailText(m), "2026年第5轮 · 已结束") {
		t.Errorf("the detail does not follow the selection:\n%s", detailText(m))
	}
}

package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"phoneaudit/lang"
	"phoneaudit/publish"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

func (m Model) bulletinPage() bulletinPage {
	p, _ := m.pages[tabBulletin].(bulletinPage)
	return p
}

const title5 = "关于2026年第5轮市直单位重点科室电话暗访测评情况的通报"

// Tab 5 opens on the latest closed round as a preview; the arrows pick
// another round (4 is published: its stored text, marked so); m switches to
// Markdown and w writes what is on screen to 通报-<round>.md here.
func TestBulletinPreviewFormatsAndFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	st := demoStore(t)
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 100, 30), "5")
	p := m.bulletinPage()
	if r, _ := p.selected(); r.Number != 5 || len(p.rounds) != 6 {
		t.Fatalf("round %d of %d selected, want round 5 of 6", r.Number, len(p.rounds))
	}
	mustShow(t, m, title5, "预览", "已结束")
	if hasText(m, "已发布（存档稿）") {
		t.Fatal("a closed round's preview is marked as published")
	}

	m = press(t, m, "left")
	if p := m.bulletinPage(); !p.doc.published {
		t.Fatal("round 4's bulletin is not its stored text")
	}
	mustShow(t, m, "关于2026年第4轮", "已发布（存档稿）")

	m = press(t, m, "right", "m")
	if got := m.bulletinPage().view.GetContent(); !strings.HasPrefix(got, "# "+title5) {
		t.Fatalf("m did not show the Markdown:\n%.200s", got)
	}
	mustShow(t, m, "Markdown")

	m = press(t, m, "w")
	path := filepath.Join(dir, "通报-2026年第5轮.md")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("w wrote no file: %v", err)
	}
	want, _, err := publish.Bulletin(context.Background(), st, roundStatus(t, st, "5"), publish.Options{Lang: "zh", Format: "md"})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("the file is not the bulletin (%d bytes, want %d)", len(got), len(want))
	}
	mustShow(t, m, "已写入", "通报-2026年第5轮.md")
}

// P asks first; n leaves the round as it was, y publishes it: the database
// holds it as published with its notices, and the tab shows the stored text.
func TestPublishFromTab5(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 100, 30), "5", "P")
	mustShow(t, m, "发布第5轮「2026年第5轮」？", "y 发布")
	m = press(t, m, "n")
	if got := roundStatus(t, st, "5"); got.Status != store.RoundClosed || m.bulletinPage().confirming {
		t.Fatalf("n published round 5 (%s) or left the question open", got.Status)
	}
	m = press(t, m, "P", "y")
	r5 := roundStatus(t, st, "5")
	if r5.Status != store.RoundPublished {
		t.Fatalf("round 5 is %s after P, y", r5.Status)
	}
	notices, err := st.Notices(ctx, store.NoticeFilter{RoundID: r5.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(notices) != r5.Problems || len(notices) == 0 {
		t.Fatalf("%d notices for %d offices with a problem", len(notices), r5.Problems)
	}
	if !m.bulletinPage().doc.published {
		t.Fatal("after publication the tab does not show the stored text")
	}
	mustShow(t, m, "已发布（存档稿）", "下发整改通知 15 份", title5)
	if m.bulletinPage().keys.Publish.Enabled() {
		t.Error("P is still offered for a published round")
	}
	m = press(t, m, "3")
	if r, _ := m.roundsPage().selected(); r.Number != 6 || m.roundsPage().rounds[4].Status != store.RoundPublished {
		t.Errorf("tab 3 does not show round 5 published: %s", m.roundsPage().rounds[4].Status)
	}
}

// A refusal because calls need review says how many, in words.
func TestPublishRefusedWhileCallsNeedReview(t *testing.T) {
	m := press(t, start(t, opts(demoStore(t), lang.ZH, leadName, &clock{t: testNow}), 100, 30), "5")
	r, _ := m.bulletinPage().selected()
	m = update(t, m, bulletinPublishedMsg{round: r, needsReview: 2, err: store.ErrRoundState})
	mustShow(t, m, "不能发布第5轮「2026年第5轮」：还有 2 个电话待复核，组长复核后才能发布")
}

// The text scrolls with the keys and the mouse wheel.
func TestBulletinScrolls(t *testing.T) {
	m := press(t, start(t, opts(demoStore(t), lang.EN, leadName, &clock{t: testNow}), 80, 24), "5", "pgdown")
	v := m.bulletinPage().view
	if v.YOffset() == 0 {
		t.Fatal("pgdown did not scroll")
	}
	down := v.YOffset()
	m = update(t, m, tWheel(true))
	if v := m.bulletinPage().view; v.YOffset() >= down {
		t.Fatalf("the wheel did not scroll up: %d", v.YOffset())
	}
	m = press(t, m, "G")
	if v := m.bulletinPage().view; !v.AtBottom() {
		t.Fatal("G did not go to the end")
	}
	mustShow(t, m, "100%")
}

// An auditor reads only published bulletins, and cannot publish.
func TestAuditorReadsPublishedBulletinsOnly(t *testing.T) {
	m := press(t, start(t, opts(demoStore(t), lang.ZH, "杜瑞", &clock{t: testNow}), 100, 30), "5")
	p := m.bulletinPage()
	for _, r := range p.rounds {
		if r.Status != store.RoundPublished {
			t.Fatalf("the auditor may read round %d, which is %s", r.Number, r.Status)
		}
	}
	if r, _ := p.selected(); len(p.rounds) != 4 || r.Number != 4 {
		t.Fatalf("%d rounds, round %d selected; want rounds 1–4, 4 selected", len(p.rounds), r.Number)
	}
	mustShow(t, m, "已发布（存档稿）")
	m = press(t, m, "P")
	if m.bulletinPage().confirming || strings.Contains(lastLines(m, 1), "P 发布") {
		t.Fatal("an auditor is offered P")
	}
}

// A change this program makes is in the bulletin when the tab comes back:
// the lead makes a call of round 6 on tab 1 (a wrong number, done at once),
// and round 6's preview counts one call more.
func TestBulletinFollowsChanges(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	calls, err := st.Calls(ctx, store.CallFilter{RoundID: roundStatus(t, st, "6").ID})
	if err != nil {
		t.Fatal(err)
	}
	var toCall store.Call
	for _, c := range calls {
		if c.Status == scoring.ToCall {
			toCall = c
			break
		}
	}
	if err := st.MoveCall(ctx, toCall.ID, leadName, time.Time{}); err != nil {
		t.Fatal(err)
	}
	m := press(t, start(t, opts(st, lang.ZH, leadName, &clock{t: testNow}), 100, 30), "5", "right")
	if r, _ := m.bulletinPage().selected(); r.Number != 6 {
		t.Fatalf("round %d selected, want 6", r.Number)
	}
	mustShow(t, m, "共测评电话34次")
	m = press(t, m, "1", "/")
	m = press(t, m, typeText(leadName)...)
	m = press(t, m, "enter", "enter", "space", "3", "esc", "5")
	if got, _ := st.GetCall(ctx, toCall.ID); got.Status != scoring.Done {
		t.Fatalf("the call is %s, not done", got.Status)
	}
	mustShow(t, m, "共测评电话35次")
	if text := string(m.bulletinPage().doc.text); !strings.Contains(text, toCall.Department+toCall.Office) {
		t.Errorf("the bulletin does not name %s%s", toCall.Department, toCall.Office)
	}
}

// Text flows as a Chinese page is set: breaks between any two Chinese
// characters, Latin words and numbers whole, no line begins with closing
// punctuation, indentation kept, and no line wider than the width.
func TestFlowText(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"结束第6轮？还有 66 个电话没有完成", 24, "结束第6轮？还有 66 个电\n话没有完成"},
		{"接通率96.9%。问题", 10, "接通率\n96.9%。问\n题"},
		{"测评员均衡，身份轮换", 10, "测评员均\n衡，身份轮\n换"},
		{"第（一）项", 6, "第\n（一）\n项"},
		{"　　第一段很长的文字", 10, "　　第一段\n很长的文字"},
		{"  · indented words here", 12, "  · indented\nwords here"},
		{"a supercalifragilistic word", 8, "a\nsupercal\nifragili\nstic\nword"},
		{"第一行\n\n第二行", 20, "第一行\n\n第二行"},
		{"宽", 1, "宽"},
	}
	for _, tt := range tests {
		got := flowText(tt.in, tt.width)
		if got != tt.want {
			t.Errorf("flowText(%q, %d) =\n%q\nwant\n%q", tt.in, tt.width, got, tt.want)
		}
		for _, line := range strings.Split(got, "\n") {
			if w := ansi.StringWidth(line); w > tt.width && !(tt.width < 2 && w == 2) {
				t.Errorf("flowText(%q, %d): line %q is %d cells", tt.in, tt.width, line, w)
			}
			if r := []rune(line); len(r) > 0 && strings.ContainsRune(closingPunct, r[0]) {
				t.Errorf("flowText(%q, %d): line %q begins with closing punctuation", tt.in, tt.width, line)
			}
		}
	}
}

// Unicode line breaking (UAX #14) keeps closing punctuation on the line of
// what it closes and opening punctuation on the line of what it opens;
// flowText adds the middle dot, which UAX #14 lets begin a line, and keeps
// Latin words whole where UAX #14 would break them after a hyphen or slash.
func TestFlowTextPunctuationAndWords(t *testing.T) {
	for _, r := range closingPunct {
		in := "一二" + string(r) + "三"
		for _, line := range strings.Split(flowText(in, 4), "\n") {
			if strings.HasPrefix(line, string(r)) {
				t.Errorf("flowText(%q, 4): line %q begins with %q", in, line, r)
			}
		}
	}
	for _, r := range "（《「『【〔“‘" {
		in, width := "一二"+string(r)+"三四", 4+ansi.StringWidth(string(r))
		for _, line := range strings.Split(flowText(in, width), "\n") {
			if strings.HasSuffix(line, string(r)) {
				t.Errorf("flowText(%q, %d): line %q ends with %q", in, width, line, r)
			}
		}
	}
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"北京·上海", 4, "北\n京·\n上海"},
		{"round plan --seed 7", 12, "round plan\n--seed 7"},
		{"re-open read-only zh/en", 9, "re-open\nread-only\nzh/en"},
		{"登记科,发证窗口: 推诿", 6, "登记\n科,发\n证窗\n口: 推\n诿"},
	}
	for _, tt := range tests {
		if got := flowText(tt.in, tt.width); got != tt.want {
			t.Errorf("flowText(%q, %d) =\n%q\nwant\n%q", tt.in, tt.width, got, tt.want)
		}
	}
}

// The bulletin's file name keeps what a file name may hold.
func TestBulletinFileName(t *testing.T) {
	tests := []struct{ round, format, want string }{
		{"2026年第5轮", "text", "通报-2026年第5轮.txt"},
		{"2026年第5轮", "md", "通报-2026年第5轮.md"},
		{`上/下半年:第1轮?`, "text", "通报-上_下半年_第1轮_.txt"},
	}
	for _, tt := range tests {
		if got := bulletinFileName(tt.round, tt.format); got != tt.want {
			t.Errorf("bulletinFileName(%q, %q) = %q, want %q", tt.round, tt.format, got, tt.want)
		}
	}
}

// The whole program, its commands running as they do for a user: the lead
// closes round 6 on tab 3, then publishes it on tab 5.
func TestProgramCloseThenPublish(t *testing.T) {
	st := demoStore(t)
	tm := teatest.NewTestModel(t, New(opts(st, lang.ZH, leadName, &clock{t: testNow})),
		teatest.WithInitialTermSize(100, 30), teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor(t, tm, "已完成 34/100")
	steps := []struct{ key, wait string }{
		{"3", "按测评员"},
		{"c", "结束第6轮「2026年第6轮」？"},
		{"y", "已结束第6轮「2026年第6轮」"},
		{"5", "关于2026年第6轮"},
		{"P", "发布第6轮「2026年第6轮」？"},
		{"y", "已发布（存档稿）"},
	}
	for _, s := range steps {
		tm.Send(keyPress(s.key))
		waitFor(t, tm, s.wait)
	}
	tm.Send(keyPress("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if r := roundStatus(t, st, "6"); r.Status != store.RoundPublished {
		t.Fatalf("round 6 is %s", r.Status)
	}
}

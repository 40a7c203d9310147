package cli

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"phoneaudit/internal/wait"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// tmuxTerm runs the real binary in a tmux server of its own and types into it as a person does.
type tmuxTerm struct {
	t      *testing.T
	socket string
	keys   int // keystrokes sent
}

func newTmux(t *testing.T, e *env, args ...string) *tmuxTerm {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	tm := &tmuxTerm{t: t}
	tm.restart(e, args...)
	return tm
}

// restart runs phoneaudit again in a tmux server of its own: the last one may still be going
// away with its pane (a killed program takes its server with it), and a new server on the same
// socket then fails to start.
func (tm *tmuxTerm) restart(e *env, args ...string) {
	tm.t.Helper()
	if tm.socket != "" {
		exec.Command("tmux", "-L", tm.socket, "kill-server").Run()
	}
	tm.socket = "pa-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	socket := tm.socket
	tm.t.Cleanup(func() { exec.Command("tmux", "-L", socket, "kill-server").Run() })
	tm.start(e, args...)
}

// start runs phoneaudit in a 100×30 window; exec makes the pane's process the binary itself.
func (tm *tmuxTerm) start(e *env, args ...string) {
	tm.t.Helper()
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	cmd := "cd '" + e.dir + "' && exec env XDG_DATA_HOME='" + e.path("xdg") + "' '" + binary + "' " + strings.Join(quoted, " ")
	tm.tmux("new-session", "-d", "-x", "100", "-y", "30", cmd)
}

func (tm *tmuxTerm) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

// press sends keys one at a time, as typed, and counts them.
func (tm *tmuxTerm) press(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		tm.tmux("send-keys", k)
		tm.keys++
		time.Sleep(120 * time.Millisecond)
	}
}

func (tm *tmuxTerm) screen() string { return tm.tmux("capture-pane", "-p") }

// waitFor waits until the screen shows every text, and returns it.
func (tm *tmuxTerm) waitFor(texts ...string) string {
	tm.t.Helper()
	s, err := wait.Shows(15*time.Second, 100*time.Millisecond, func() (string, error) { return tm.screen(), nil }, texts...)
	if err != nil {
		tm.t.Fatal(err)
	}
	return s
}

func (tm *tmuxTerm) pid() int {
	tm.t.Helper()
	pid, err := strconv.Atoi(strings.TrimSpace(tm.tmux("display-message", "-p", "#{pane_pid}")))
	if err != nil {
		tm.t.Fatal(err)
	}
	return pid
}

// demoRound6Call opens db read-only and finds the call to office in the demo's open round 6; the
// caller closes the store.
func demoRound6Call(t *testing.T, db, dept, office string) (*store.Store, store.Call) {
	t.Helper()
	ctx := context.Background()
	s, err := store.OpenWith(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.FindRound(ctx, "6")
	if err == nil {
		var c store.Call
		if c, err = s.FindCall(ctx, r.ID, dept, office); err == nil {
			return s, c
		}
	}
	s.Close()
	t.Fatal(err)
	return nil, store.Call{}
}

// officeOnScreen reads "单位 · 科室" off the call screen's first line under the header.
func officeOnScreen(t *testing.T, screen string) (dept, office string) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) < 3 {
		t.Fatalf("no call on screen:\n%s", screen)
	}
	fields := strings.Fields(lines[2])
	if len(fields) < 3 || fields[1] != "·" {
		t.Fatalf("cannot read the office off %q", lines[2])
	}
	return fields[0], fields[2]
}

// TestScoreACallInTmux scores one call start to finish with real keystrokes, kills the program
// with SIGKILL halfway through a second call, starts it again, and finds the second call as it
// was; the first call is in the export.
func TestScoreACallInTmux(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	tm := newTmux(t, e, "--db", db, "--as", "杜瑞")
	tm.waitFor("待拨", "已完成 4/10")

	tm.keys = 0
	tm.press("Enter")
	first := tm.waitFor("拨号时按 space")
	dept, office := officeOnScreen(t, first)
	tm.press("Space")
	tm.waitFor("正在拨号")
	time.Sleep(1100 * time.Millisecond) // the phone rings
	tm.press("Space")
	tm.waitFor("接通(11)", "规范用语")
	tm.press("y", "4", "5", "y", "y")
	tm.waitFor("95 分 优秀")
	tm.press("C-s")
	tm.waitFor("提交评分")
	tm.press("y")
	tm.waitFor("已完成 5/10")
	t.Logf("one call, dial to submit: %d keystrokes", tm.keys)
	if tm.keys > 12 {
		t.Errorf("a whole call took %d keystrokes; the design's goal is about ten", tm.keys)
	}

	// The second call: a failed dial, a new dial that connects, two answers — then SIGKILL.
	tm.press("Enter")
	second := tm.waitFor("拨号时按 space")
	dept2, office2 := officeOnScreen(t, second)
	tm.press("Space")
	tm.waitFor("正在拨号")
	tm.press("5")
	tm.waitFor("无人接听(21)")
	tm.press("Space")
	tm.waitFor("正在拨号")
	tm.press("Space")
	tm.waitFor("接通(11)", "规范用语")
	tm.press("p", "3")
	tm.waitFor("● 已保存")
	time.Sleep(300 * time.Millisecond)
	tm.waitFor("● 已保存")
	if err := syscall.Kill(tm.pid(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}

	// Nothing typed is lost: the database has the attempts and both answers.
	checkSecondCall(t, db, dept2, office2)

	// Started again, the call screen shows the call as it was.
	tm.restart(e, "--db", db, "--as", "杜瑞")
	tm.waitFor("已完成 5/10", "进行中")
	tm.press("Enter")
	again := tm.waitFor("规范用语", "无人接听(21)", "接通(11)")
	if d, o := officeOnScreen(t, again); d != dept2 || o != office2 {
		t.Fatalf("after the restart the selected call is %s · %s, want %s · %s", d, o, dept2, office2)
	}
	for _, want := range []string{"部分", "15/25"} {
		if !strings.Contains(again, want) {
			t.Errorf("after the restart the call screen lacks %q:\n%s", want, again)
		}
	}

	// The first call is in the export, with its score.
	e.ok("--db", db, "export", "--round", "6", "-o", e.path("r6.csv"))
	body, err := os.ReadFile(e.path("r6.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := parseCSV(t, strings.TrimPrefix(string(body), string(utf8BOM)))
	found := false
	for _, r := range rows[1:] {
		if r[1] == dept && r[2] == office {
			found = true
			if r[3] != "否" || r[4] != "95" {
				t.Errorf("the first call in the export: 是否存在问题 %q, 得分 %q", r[3], r[4])
			}
		}
	}
	if !found {
		t.Errorf("the export has no row for %s · %s", dept, office)
	}
}

func checkSecondCall(t *testing.T, db, dept, office string) {
	t.Helper()
	ctx := context.Background()
	s, c := demoRound6Call(t, db, dept, office)
	defer s.Close()
	attempts, _ := s.Attempts(ctx, c.ID)
	if len(attempts) != 2 || attempts[0].Outcome != scoring.NoAnswer || attempts[1].Outcome != scoring.Connected {
		t.Errorf("attempts after the kill: %+v", attempts)
	}
	sheets, _ := s.Sheets(ctx, c.ID)
	if len(sheets) != 1 || sheets[0].Answers["greeting"] != scoring.Partly || sheets[0].Answers["attitude"] != 3 {
		t.Errorf("answers after the kill: %+v", sheets)
	}
	if c.Status != scoring.InProgress {
		t.Errorf("the second call is %s after the kill, want in progress", c.Status)
	}
}

package cli

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"phoneaudit/scoring"
)

// tuiKills is how many times TestCrashTUIInTmux kills the program: 20, or 200 with
// PHONEAUDIT_SOAK=1.
func tuiKills() int {
	if os.Getenv("PHONEAUDIT_SOAK") == "1" {
		return 200
	}
	return 20
}

// TestCrashTUIInTmux is the crash test on the real binary: 杜瑞 scores a call in tmux and the
// program is killed with SIGKILL at a random moment of a burst of keystrokes, again and again.
// Before each burst the screen is read once it says ● 已保存 and stands still: what it shows is
// what the program reported saved. The burst changes only the selected criterion. After each kill
// the file passes SQLite's integrity check and `phoneaudit verify`, every other criterion is in the
// database exactly as the screen showed it, and the changed one holds the shown value or one the
// burst typed. Then the program starts again on the same call.
func TestCrashTUIInTmux(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	tm := newTmux(t, e, "--db", db, "--as", "杜瑞")
	tm.waitFor("待拨")
	tm.press("Enter")
	dept, office := officeOnScreen(t, tm.waitFor("拨号时按 space"))
	tm.press("Space")
	tm.waitFor("正在拨号")
	tm.press("Space")
	tm.waitFor("接通(11)", "规范用语")
	tm.press("y", "4", "5", "y", "y") // every criterion set: from now on a value never moves the selection
	rub := scoring.DefaultRubric()
	rng := rand.New(rand.NewPCG(7, 11))
	for kill := range tuiKills() {
		shown := stableScreen(t, tm)
		sel, before := criteriaOnScreen(t, shown, rub)
		crit := rub.Criteria[sel]
		typed := map[float64]bool{before[crit.Key]: true}
		for range 1 + rng.IntN(6) {
			k := valueKey(crit, rng)
			typed[pointsOf(rub, crit, k)] = true
			tm.tmux("send-keys", k)
			time.Sleep(time.Duration(rng.IntN(25)) * time.Millisecond)
		}
		time.Sleep(time.Duration(rng.IntN(30)) * time.Millisecond)
		if err := syscall.Kill(tm.pid(), syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		after := pointsInDB(t, db, dept, office, rub)
		for _, c := range rub.Criteria {
			switch {
			case c.Key == crit.Key && !typed[after[c.Key]]:
				t.Fatalf("kill %d: %s is %v in the database: neither the %v shown nor a value typed", kill, c.Key, after[c.Key], before[c.Key])
			case c.Key != crit.Key && after[c.Key] != before[c.Key]:
				t.Fatalf("kill %d: %s is %v in the database, the screen showed %v saved", kill, c.Key, after[c.Key], before[c.Key])
			}
		}
		e.ok("--db", db, "verify")

		// Start again on the same call; now and then another criterion is selected.
		tm.restart(e, "--db", db, "--as", "杜瑞")
		tm.waitFor("待拨")
		tm.tmux("send-keys", "/")
		tm.tmux("send-keys", "-l", office)
		tm.tmux("send-keys", "Enter")
		tm.waitFor("显示 1 个")
		tm.tmux("send-keys", "Enter")
		tm.waitFor("接通(11)", "规范用语")
		for range rng.IntN(5) {
			tm.tmux("send-keys", "Down")
		}
	}
}

// stableScreen waits until the screen says ● 已保存 and two reads 150 ms apart agree.
func stableScreen(t *testing.T, tm *tmuxTerm) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		s := tm.screen()
		if s == last && strings.Contains(s, "● 已保存") {
			return s
		}
		last = s
		time.Sleep(150 * time.Millisecond)
	}
	t.Fatalf("the screen never settled on ● 已保存:\n%s", last)
	return ""
}

// pointsRE is the points column of a criterion row: "15/25", "–/25".
var pointsRE = regexp.MustCompile(`(–|[0-9]+(?:\.[0-9]+)?)/[0-9]+(?:\.[0-9]+)?`)

// criteriaOnScreen reads the selected criterion (▸) and each criterion's points off the call
// screen; -1 points for one not set.
func criteriaOnScreen(t *testing.T, screen string, rub scoring.Rubric) (sel int, points map[string]float64) {
	t.Helper()
	sel, points = -1, map[string]float64{}
	for _, line := range strings.Split(screen, "\n") {
		trimmed := strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(line), "▸"), " ")
		for i, c := range rub.Criteria {
			if !strings.HasPrefix(trimmed, c.LabelZH+" ") {
				continue
			}
			ms := pointsRE.FindAllStringSubmatch(line, -1)
			if len(ms) == 0 {
				t.Fatalf("no points on the row of %s: %q", c.LabelZH, line)
			}
			points[c.Key] = -1
			if v, err := strconv.ParseFloat(ms[len(ms)-1][1], 64); err == nil {
				points[c.Key] = v
			}
			if strings.HasPrefix(strings.TrimSpace(line), "▸") {
				sel = i
			}
		}
	}
	if sel < 0 || len(points) != len(rub.Criteria) {
		t.Fatalf("cannot read the criteria off the screen (selected %d, %d rows):\n%s", sel, len(points), screen)
	}
	return sel, points
}

// valueKey is a key that sets criterion c: a digit on a scale, else y, p (yes/partly/no) or n.
// The timer's criterion takes none of them: its keys do nothing, which a crash may meet too.
func valueKey(c scoring.Criterion, rng *rand.Rand) string {
	switch c.Kind {
	case scoring.Scale:
		return strconv.Itoa(rng.IntN(c.Max + 1))
	case scoring.YesPartlyNo:
		return []string{"y", "p", "n"}[rng.IntN(3)]
	}
	return []string{"y", "n"}[rng.IntN(2)]
}

// pointsOf is the points key k gives criterion c (for the timer's criterion, nothing changes).
func pointsOf(rub scoring.Rubric, c scoring.Criterion, k string) float64 {
	v := 0
	switch {
	case c.Kind == scoring.Scale:
		v, _ = strconv.Atoi(k)
	case k == "y":
		v = c.YesValue()
	case k == "p":
		v = scoring.Partly
	}
	secs := 5
	return rub.ScoreSheet(scoring.Answers{c.Key: v}, &secs).Points[c.Key]
}

// pointsInDB is each criterion's points as the database has 杜瑞's sheet of the call, after an
// integrity check of the file; -1 for one not set.
func pointsInDB(t *testing.T, db, dept, office string, rub scoring.Rubric) map[string]float64 {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var ok string
	err = raw.QueryRow("PRAGMA integrity_check").Scan(&ok)
	raw.Close()
	if err != nil || ok != "ok" {
		t.Fatalf("integrity_check after the kill: %q, %v", ok, err)
	}
	s, c := demoRound6Call(t, db, dept, office)
	defer s.Close()
	sheets, err := s.Sheets(context.Background(), c.ID)
	if err != nil || len(sheets) != 1 {
		t.Fatalf("the call's sheets after the kill: %+v, %v", sheets, err)
	}
	sr := rub.ScoreSheet(sheets[0].Answers, c.AnswerSeconds)
	out := map[string]float64{}
	for _, cr := range rub.Criteria {
		out[cr.Key] = -1
		if p, ok := sr.Points[cr.Key]; ok {
			out[cr.Key] = p
		}
	}
	return out
}

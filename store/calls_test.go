package store_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"phoneaudit/scoring"
	"phoneaudit/store"

	_ "modernc.org/sqlite"
)

func openRaw(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

// fixture is a database with two offices, a caller and a lead, and an open round with one call
// per office assigned to the caller.
type fixture struct {
	s       *store.Store
	path    string
	round   store.Round
	calls   []store.Call
	rubric  scoring.Rubric
	caller  store.Auditor
	offices []store.Office
}

func newFixture(t testing.TB) fixture {
	t.Helper()
	s, path := mustOpen(t)
	ctx := context.Background()
	if _, err := s.UpsertOffices(ctx, []store.OfficeInput{
		{Department: "市人社局", Name: "社保中心", Phone: "0391-5550001", Category: "民生"},
		{Department: "市农业农村局", Name: "农技站", Phone: "0391-5550002", Category: "农业"},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertAuditors(ctx, []store.Auditor{{Name: "王芳", Role: "auditor"}, {Name: "李强", Role: "lead"}}, nil); err != nil {
		t.Fatal(err)
	}
	f := fixture{s: s, path: path}
	f.caller, _ = s.FindAuditor(ctx, "王芳")
	f.offices, _ = s.Offices(ctx)
	f.round = openRoundWithCalls(t, s, "2026年第1轮", f.offices, f.caller.ID)
	var err error
	f.calls, err = s.Calls(ctx, store.CallFilter{RoundID: f.round.ID})
	if err != nil || len(f.calls) != 2 {
		t.Fatalf("calls: %v, %v", f.calls, err)
	}
	f.rubric, _ = s.Rubric(ctx, 0)
	return f
}

func openRoundWithCalls(t testing.TB, s *store.Store, name string, offices []store.Office, caller int64) store.Round {
	t.Helper()
	ctx := context.Background()
	r, err := s.NewRound(ctx, name, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var plans []store.CallPlan
	for _, o := range offices {
		plans = append(plans, store.CallPlan{OfficeID: o.ID, AuditorID: caller, Persona: scoring.Resident, Planned: s.Now()})
	}
	if err := s.AddCalls(ctx, r.ID, plans); err != nil {
		t.Fatal(err)
	}
	if err := s.StartRound(ctx, name); err != nil {
		t.Fatal(err)
	}
	return r
}

// score dials, answers (11) after secs and sets every criterion of the default rubric.
func (f fixture) score(t *testing.T, callID int64, secs int, answers scoring.Answers) int64 {
	t.Helper()
	ctx := context.Background()
	if _, err := f.s.AddAttempt(ctx, callID, f.s.Now(), scoring.Connected); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetAnswerSeconds(ctx, callID, secs); err != nil {
		t.Fatal(err)
	}
	sheet, err := f.s.Draft(ctx, callID, f.caller.Name)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range answers {
		c, _ := f.rubric.Criterion(k)
		if err := f.s.SaveAnswer(ctx, sheet, c, v); err != nil {
			t.Fatal(err)
		}
	}
	return sheet
}

var good = scoring.Answers{"greeting": 2, "attitude": 5, "accuracy": 5, "ownership": 1, "closing": 1}

func TestScoreAndSubmitACall(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	call := f.calls[0]
	partial := scoring.Answers{"greeting": 1, "attitude": 4}
	sheet := f.score(t, call.ID, 12, partial)
	if _, err := f.s.SubmitSheet(ctx, sheet); !errors.Is(err, store.ErrInvalid) || !strings.Contains(err.Error(), "not complete") {
		t.Fatalf("submitting an incomplete sheet: %v", err)
	}
	for k, v := range map[string]int{"accuracy": 3, "ownership": 0, "closing": 1} {
		c, _ := f.rubric.Criterion(k)
		if err := f.s.SaveAnswer(ctx, sheet, c, v); err != nil {
			t.Fatal(err)
		}
	}
	res, err := f.s.SubmitSheet(ctx, sheet)
	if err != nil {
		t.Fatal(err)
	}
	// 15 + 7.5 + 20 + 15 + 0 + 5 = 62.5; ownership "no" is critical: a problem (事难办).
	if res.Total != 62.5 || !res.Problem || res.Status != scoring.Done {
		t.Fatalf("result = %+v", res)
	}
	if !hasType(res.Reasons, scoring.Handling) {
		t.Errorf("reasons %+v lack 事难办", res.Reasons)
	}
	got, _ := f.s.GetCall(ctx, call.ID)
	if got.Status != scoring.Done || got.Office != "社保中心" || got.Result.Total != 62.5 {
		t.Errorf("stored call: %+v", got)
	}
	// The submitted sheet is immutable, through the store and through SQL.
	c, _ := f.rubric.Criterion("ownership")
	if err := f.s.SaveAnswer(ctx, sheet, c, 1); !errors.Is(err, store.ErrImmutable) {
		t.Errorf("changing a submitted answer: %v, want ErrImmutable", err)
	}
	raw := openRaw(t, f.path)
	defer raw.Close()
	for _, q := range []string{
		"UPDATE answers SET value = 1 WHERE criterion = 'ownership'",
		"DELETE FROM answers",
		"UPDATE sheets SET total = 100",
		"UPDATE calls SET total = 100 WHERE status = 'done'",
		"UPDATE calls SET problem = 0 WHERE status = 'done'",
		"DELETE FROM calls WHERE status = 'done'",
		"UPDATE attempts SET outcome = 12",
		"DELETE FROM attempts",
	} {
		if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: %v, want refused by a trigger", q, err)
		}
	}
	// After the submit the call is finished: no more dials.
	if _, err := f.s.AddAttempt(ctx, call.ID, f.s.Now(), scoring.NoAnswer); !errors.Is(err, store.ErrImmutable) {
		t.Errorf("dialling a finished call: %v", err)
	}
}

func hasType(rs []scoring.Reason, t scoring.ProblemType) bool {
	for _, r := range rs {
		if r.Type == t {
			return true
		}
	}
	return false
}

func TestImmediateProblemAndUnreachable(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	st, err := f.s.AddAttempt(ctx, f.calls[0].ID, f.s.Now(), scoring.HungUp)
	if err != nil || st != scoring.Done {
		t.Fatalf("14: %v, %v", st, err)
	}
	c, _ := f.s.GetCall(ctx, f.calls[0].ID)
	if !c.Result.Problem || c.Result.Scored || !hasType(c.Result.Reasons, scoring.Manner) {
		t.Errorf("after 14: %+v", c.Result)
	}
	// Two failed dials 10 minutes apart in working hours make the call unreachable.
	second := f.calls[1].ID
	t0 := f.s.Now()
	if st, err := f.s.AddAttempt(ctx, second, t0, scoring.NoAnswer); err != nil || st != scoring.InProgress {
		t.Fatalf("first 21: %v, %v", st, err)
	}
	if err := f.s.UndoAttempt(ctx, second); err != nil {
		t.Fatal(err)
	}
	if as, _ := f.s.Attempts(ctx, second); len(as) != 0 {
		t.Fatalf("undo left %d attempts", len(as))
	}
	f.s.AddAttempt(ctx, second, t0, scoring.NoAnswer)
	st, err = f.s.AddAttempt(ctx, second, t0.Add(10*time.Minute), scoring.Busy)
	if err != nil || st != scoring.Unreachable {
		t.Fatalf("second failed dial: %v, %v", st, err)
	}
	flags, err := f.s.Flags(ctx, 0)
	if err != nil || len(flags) != 0 {
		t.Errorf("flags after one round: %+v, %v", flags, err)
	}
	rounds, _ := f.s.Rounds(ctx)
	if rounds[0].Finished != 2 || rounds[0].Problems != 2 {
		t.Errorf("round counts: %+v", rounds[0])
	}
}

// TestStreaksOverRounds plays problems in rounds 1, 2, 3 for one office and 1, 3 for the other.
func TestStreaksOverRounds(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	bad := scoring.Answers{"greeting": 0, "attitude": 1, "accuracy": 0, "ownership": 0, "closing": 0}
	play := func(calls []store.Call, answers []scoring.Answers) {
		for i, c := range calls {
			sheet := f.score(t, c.ID, 5, answers[i])
			if _, err := f.s.SubmitSheet(ctx, sheet); err != nil {
				t.Fatal(err)
			}
		}
	}
	byOffice := func(r store.Round) []store.Call {
		cs, _ := f.s.Calls(ctx, store.CallFilter{RoundID: r.ID})
		if cs[0].OfficeID != f.offices[0].ID {
			cs[0], cs[1] = cs[1], cs[0]
		}
		return cs
	}
	play(byOffice(f.round), []scoring.Answers{bad, bad})
	for i, name := range []string{"2026年第2轮", "2026年第3轮"} {
		if _, err := f.s.CloseRound(ctx, f.round.Name, false); err != nil {
			t.Fatal(err)
		}
		f.round = openRoundWithCalls(t, f.s, name, f.offices, f.caller.ID)
		second := good
		if i == 1 {
			second = bad
		}
		play(byOffice(f.round), []scoring.Answers{bad, second})
	}
	flags, err := f.s.Flags(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(flags) != 1 || flags[0].Level != scoring.Red || flags[0].Streak != 3 || flags[0].Office != f.offices[0].Name || flags[0].Round != 3 {
		t.Fatalf("flags as of 3: %+v", flags)
	}
	asOf2, _ := f.s.Flags(ctx, 2)
	if len(asOf2) != 1 || asOf2[0].Level != scoring.Yellow {
		t.Fatalf("flags as of 2: %+v", asOf2)
	}
	// Merging the second office into the first keeps the first's history and streak.
	if err := f.s.MergeOffice(ctx, f.offices[1].Department, f.offices[1].Name, f.offices[0].Department, f.offices[0].Name); err != nil {
		t.Fatal(err)
	}
	flags, _ = f.s.Flags(ctx, 0)
	if len(flags) != 1 || flags[0].Streak != 3 {
		t.Fatalf("flags after merge: %+v", flags)
	}
}

func TestCloseRound(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sheet := f.score(t, f.calls[0].ID, 5, scoring.Answers{"greeting": 2})
	if _, err := f.s.CloseRound(ctx, "1", false); !errors.Is(err, store.ErrRoundState) {
		t.Fatalf("close with unfinished calls, no force: %v", err)
	}
	rep, err := f.s.CloseRound(ctx, "1", true)
	if err != nil || len(rep.NotAudited) != 2 || rep.Round.Status != store.RoundClosed {
		t.Fatalf("forced close: %+v, %v", rep, err)
	}
	sheets, _ := f.s.Sheets(ctx, f.calls[0].ID)
	if len(sheets) != 1 || sheets[0].ID != sheet || sheets[0].Status != "abandoned" || sheets[0].Answers["greeting"] != 2 {
		t.Errorf("the draft was not kept as abandoned: %+v", sheets)
	}
	c, _ := f.s.GetCall(ctx, f.calls[0].ID)
	if c.Status != scoring.NotAudited {
		t.Errorf("call status after close: %s", c.Status)
	}
	if _, err := f.s.AddAttempt(ctx, f.calls[1].ID, f.s.Now(), scoring.Connected); !errors.Is(err, store.ErrRoundState) {
		t.Errorf("dialling in a closed round: %v", err)
	}
}

// TestRecordingWithoutFiles: a store opened without Options.Files reaches no file; it refuses
// a recording with ErrNoFiles, even one that is there.
func TestRecordingWithoutFiles(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	rec := filepath.Join(t.TempDir(), "2026-11-27-am.wav")
	if err := os.WriteFile(rec, []byte("RIFF fake audio"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetRecordingFile(ctx, f.calls[0].ID, rec); !errors.Is(err, store.ErrNoFiles) {
		t.Errorf("linking a recording without Files: %v, want ErrNoFiles", err)
	}
}

func TestRecordingHashedOnSubmit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	call := f.calls[0]
	sheet := f.score(t, call.ID, 8, good)
	if err := f.s.SetRecordingFile(ctx, call.ID, filepath.Join(t.TempDir(), "missing.wav")); err == nil {
		t.Fatal("a missing recording file was accepted")
	}
	rec := filepath.Join(t.TempDir(), "2026-11-27-am.wav")
	if err := os.WriteFile(rec, []byte("RIFF fake audio"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetRecordingFile(ctx, call.ID, rec); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SubmitSheet(ctx, sheet); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.GetCall(ctx, call.ID)
	sum := sha256.Sum256([]byte("RIFF fake audio"))
	want := hex.EncodeToString(sum[:])
	if got.RecordingFile != rec || got.RecordingSHA256 != want || len(want) != 64 {
		t.Errorf("recording %q %q, want %q", got.RecordingFile, got.RecordingSHA256, want)
	}
	if got.Result.Total != 100 || got.Result.Problem {
		t.Errorf("a perfect call: %+v", got.Result)
	}
}

// TestPanelDraftAbandoned: the caller submits while a panel member's draft is open; when the
// panel member abandons the draft, the call is done at once (it waited only for that sheet).
func TestPanelDraftAbandoned(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	call := f.calls[0].ID
	mine := f.score(t, call, 8, good)
	panel, err := f.s.Draft(ctx, call, "李强")
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.s.SubmitSheet(ctx, mine)
	if err != nil {
		t.Fatal(err)
	}
	// The live view: the mean of the caller's 100 and the panel's draft so far (15: the seconds).
	if res.Status != scoring.InProgress || res.Total != 57.5 {
		t.Errorf("after the caller's submit, waiting for the panel: %+v", res)
	}
	if err := f.s.UndoAttempt(ctx, call); !errors.Is(err, store.ErrImmutable) {
		t.Errorf("undoing the dial after a submit: %v", err)
	}
	if err := f.s.AbandonDraft(ctx, panel); err != nil {
		t.Fatal(err)
	}
	c, _ := f.s.GetCall(ctx, call)
	if c.Status != scoring.Done || c.Result.Total != 100 {
		t.Errorf("after the panel draft was abandoned: %s %+v", c.Status, c.Result)
	}
}

func TestUndoDialBeforeAnswers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	call := f.calls[0].ID
	sheet := f.score(t, call, 8, scoring.Answers{"greeting": 2})
	if err := f.s.UndoAttempt(ctx, call); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("undoing the dial with answers on the sheet: %v", err)
	}
	if err := f.s.ClearAnswer(ctx, sheet, "greeting"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.UndoAttempt(ctx, call); err != nil {
		t.Fatal(err)
	}
	// Now the call is unreachable after two failed dials: the empty draft is abandoned and can
	// take no answer.
	t0 := f.s.Now()
	f.s.AddAttempt(ctx, call, t0, scoring.NoAnswer)
	if st, _ := f.s.AddAttempt(ctx, call, t0.Add(15*time.Minute), scoring.NoAnswer); st != scoring.Unreachable {
		t.Fatalf("status: %s", st)
	}
	c, _ := f.rubric.Criterion("greeting")
	if err := f.s.SaveAnswer(ctx, sheet, c, 2); !errors.Is(err, store.ErrImmutable) {
		t.Errorf("an answer on an unreachable call: %v", err)
	}
}

func TestSignedNumberRoundName(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r, err := f.s.NewRound(ctx, "+1", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Number != 2 || r.Name != "+1" {
		t.Errorf("round +1 = %+v", r)
	}
	if got, _ := f.s.FindRound(ctx, "+1"); got.Number != 2 {
		t.Errorf("find +1 gave round %d", got.Number)
	}
}

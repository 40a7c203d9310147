package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"phoneaudit/imports"
	"phoneaudit/recording"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// tampered is a database holding one record of every kind, to be changed behind phoneaudit's back.
type tampered struct {
	panelFixture
	reviewed, scored int64 // the call settled by a consensus, and the call scored with notes and attempts
	sheet            int64 // the scored call's sheet
	recording        string
}

// newTampered writes: a call that needed review and was settled by a consensus; a call dialled
// twice (21, then 11), with who answered, notes and a recording, scored and submitted, then
// amended; an imported result; a rename; the round closed and published. It verifies.
func newTampered(t *testing.T) tampered {
	t.Helper()
	p := newPanelFixture(t)
	ctx := context.Background()
	tp := tampered{panelFixture: p, reviewed: p.calls[0].ID, scored: p.calls[1].ID}
	p.needingReview(t, tp.reviewed)
	if _, err := p.lead.RecordConsensus(ctx, tp.reviewed, consensus, "合议：首问推诿"); err != nil {
		t.Fatal(err)
	}
	tp.recording = filepath.Join(t.TempDir(), "上午场.wav")
	if err := os.WriteFile(tp.recording, []byte("RIFF session audio"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := tp.scored
	start := p.s.Now()
	must(t, p.caller.StartTimer(ctx, c, start))
	if _, err := p.caller.AddAttempt(ctx, c, start, scoring.NoAnswer); err != nil {
		t.Fatal(err)
	}
	if _, err := p.caller.AddAttempt(ctx, c, start.Add(15*time.Minute), scoring.Connected); err != nil {
		t.Fatal(err)
	}
	must(t, p.caller.SetAnswerSeconds(ctx, c, 9))
	must(t, p.caller.SetAnsweredBy(ctx, c, "0231", "张三"))
	must(t, p.caller.SetNotes(ctx, c, "态度较好，但让自己上网查材料清单"))
	must(t, p.caller.SetRecordingFile(ctx, c, tp.recording))
	sheet, err := p.caller.Draft(ctx, c, "王芳")
	if err != nil {
		t.Fatal(err)
	}
	p.answer(t, p.caller, sheet, good)
	if _, err := p.caller.SubmitSheet(ctx, sheet); err != nil {
		t.Fatal(err)
	}
	tp.sheet = sheet
	if _, err := p.lead.AmendSheet(ctx, sheet, scoring.Answers{"greeting": 2, "attitude": 4, "accuracy": 5, "ownership": 1, "closing": 1}, "录音复听，态度扣一分"); err != nil {
		t.Fatal(err)
	}
	past := writeText(t, "past.csv", "轮次,单位,科室,是否存在问题,得分,问题描述", "2025年第1轮,市人社局,社保中心,是,50,推诿")
	if _, err := imports.Results(ctx, p.lead, past); err != nil {
		t.Fatal(err)
	}
	must(t, p.lead.RenameOffice(ctx, "市人社局", "社保中心", "市人社局", "社会保险中心"))
	if _, err := p.lead.CloseRound(ctx, p.round.Name, false); err != nil {
		t.Fatal(err)
	}
	head, _ := p.s.LedgerHead(ctx)
	texts := []store.Rendering{{Lang: "zh", Format: "text", Body: []byte("关于2026年第1轮的通报\n数据校验码：" + head)}}
	if _, err := p.lead.PublishRoundAt(ctx, p.round.ID, head, texts, p.s.Now()); err != nil {
		t.Fatal(err)
	}
	mustVerify(t, p.s)
	return tp
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// dropTriggers removes every trigger on the tables, as someone editing the file by hand would.
func dropTriggers(t *testing.T, raw *sql.DB, tables ...string) {
	t.Helper()
	for _, table := range tables {
		rows, err := raw.Query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", table)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for rows.Next() {
			var n string
			rows.Scan(&n)
			names = append(names, n)
		}
		rows.Close()
		for _, n := range names {
			if _, err := raw.Exec("DROP TRIGGER " + n); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// alsoUnchained: after these edits a later problem finds a record of this kind with no entry.
var alsoUnchained = map[string]string{"a deleted ledger entry": "import", "the newest ledger entries deleted": "publication"}

// TestTamperedRecordsAreNamed changes one value of each kind of record through SQL, bypassing
// phoneaudit with its triggers dropped, and checks that verify names the record and the field,
// with the value recorded and the value now.
func TestTamperedRecordsAreNamed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tables []string
		sql    func(tp tampered) (string, []any)
		// What, Kind and, for a change, the field's path, Was and Now; the record's facts and the
		// criterion where given. The verify command's TestProblemText words these problems.
		want store.VerifyProblem
	}{
		{"a score", []string{"answers", "sheets"},
			func(tp tampered) (string, []any) {
				return "UPDATE answers SET value = 2 WHERE sheet_id = ? AND criterion = 'attitude'", []any{tp.sheet}
			},
			store.VerifyProblem{What: store.ProblemChanged, Kind: "sheet", Field: []string{"answers", "attitude"}, Was: "5", Now: "2",
				Record: store.RecordFacts{RoundName: "2026年第1轮", Department: "市农业农村局", Office: "农技站", Rater: "王芳"}, Criterion: scoring.Criterion{Key: "attitude"}}},
		{"a note", []string{"calls"},
			func(tp tampered) (string, []any) {
				return "UPDATE calls SET notes = '态度很好' WHERE id = ?", []any{tp.scored}
			},
			store.VerifyProblem{What: store.ProblemChanged, Kind: "call", Field: []string{"notes"}, Was: "态度较好，但让自己上网查材料清单", Now: "态度很好"}},
		{"an attempt time", []string{"attempts"},
			func(tp tampered) (string, []any) {
				return "UPDATE attempts SET at = '2026-11-27T01:55:00Z' WHERE call_id = ? AND outcome = 21", []any{tp.scored}
			},
			store.VerifyProblem{What: store.ProblemChanged, Kind: "call", Field: []string{"attempts", "0", "at"}, Was: "2026-11-27T02:00:00Z", Now: "2026-11-27T01:55:00Z"}},
		{"an attempt code", []string{"attempts"},
			func(tp tampered) (string, []any) {
				return "UPDATE attempts SET outcome = 22 WHERE call_id = ? AND outcome = 21", []any{tp.scored}
			},
			store.VerifyProblem{What: store.ProblemChanged, Kind: "call", Field: []string{"attempts", "0", "code"}, Was: "21", Now: "22"}},
		{"an office name stored on a call", []string{"calls"},
			func(tp tampered) (string, []any) {
				return "UPDATE calls SET office_name = '植保站' WHERE id = ?", []any{tp.scored}
			},
			// The call's sheet is chained before the call itself, and carries its names.
			store.VerifyProblem{What: store.ProblemChanged, Kind: "sheet", Field: []string{"office"}, Was: "农技站", Now: "植保站"}},
		{"an amendment reason", []string{"amendments"},
			func(tp tampered) (string, []any) { return "UPDATE amendments SET reason = '无'", nil },
			store.VerifyProblem{What: store.ProblemChanged, Kind: "amendment", Field: []string{"reason"}, Was: "录音复听，态度扣一分", Now: "无"}},
		{"a registry change detail", []string{"changes"},
			func(tp tampered) (string, []any) {
				return `UPDATE changes SET detail = '{"name":"就业科"}' WHERE action = 'rename'`, nil
			},
			store.VerifyProblem{What: store.ProblemChanged, Kind: "registry", Field: []string{"detail"}, Now: `{"name":"就业科"}`}},
		{"a consensus reason", []string{"reviews"},
			func(tp tampered) (string, []any) { return "UPDATE reviews SET reason = '组长说了算'", nil },
			store.VerifyProblem{What: store.ProblemChanged, Kind: "consensus", Field: []string{"reason"}, Was: "合议：首问推诿", Now: "组长说了算"}},
		{"an imported result", []string{"calls"},
			func(tp tampered) (string, []any) { return "UPDATE calls SET problem = 0 WHERE imported = 1", nil },
			store.VerifyProblem{What: store.ProblemChanged, Kind: "import", Field: []string{"result", "problem"}, Was: "true", Now: "false"}},
		{"a publication text", []string{"publication_texts"},
			func(tp tampered) (string, []any) {
				return "UPDATE publication_texts SET body = '关于2026年第1轮的通报（改）'", nil
			},
			store.VerifyProblem{What: store.ProblemChanged, Kind: "publication", Field: []string{"texts", "zh/text"}}},
		{"a recording's checksum on its call", []string{"calls"},
			func(tp tampered) (string, []any) {
				return "UPDATE calls SET recording_sha256 = ? WHERE id = ?", []any{strings.Repeat("ab", 32), tp.scored}
			},
			store.VerifyProblem{What: store.ProblemChanged, Kind: "call", Field: []string{"recording", "sha256"}, Now: strings.Repeat("ab", 32)}},
		{"a ledger hash", []string{"ledger"},
			func(tp tampered) (string, []any) {
				return "UPDATE ledger SET hash = ? WHERE kind = 'amendment'", []any{strings.Repeat("0", 64)}
			},
			store.VerifyProblem{What: store.ProblemEdited, Kind: "amendment"}},
		{"a ledger entry's author", []string{"ledger"},
			func(tp tampered) (string, []any) {
				return "UPDATE ledger SET by = '某人' WHERE kind = 'amendment'", nil
			},
			store.VerifyProblem{What: store.ProblemEdited, Kind: "amendment"}},
		{"a deleted ledger entry", []string{"ledger"},
			func(tp tampered) (string, []any) { return "DELETE FROM ledger WHERE kind = 'import'", nil },
			store.VerifyProblem{What: store.ProblemBroken}},
		{"the newest ledger entries deleted", []string{"ledger"},
			func(tp tampered) (string, []any) {
				return "DELETE FROM ledger WHERE seq >= (SELECT seq FROM ledger WHERE kind = 'publication')", nil
			},
			store.VerifyProblem{What: store.ProblemUnchained}},
		{"a sheet added by hand", []string{"sheets", "answers"},
			func(tp tampered) (string, []any) {
				return `INSERT INTO sheets(call_id, rater_id, kind, status, created_at, submitted_at, total)
					SELECT ?, id, 'rater', 'submitted', 'x', 'x', 100 FROM auditors WHERE name = '陈刚'`, []any{tp.scored}
			},
			store.VerifyProblem{What: store.ProblemUnchained, Kind: "sheet", Record: store.RecordFacts{RoundName: "2026年第1轮", Department: "市农业农村局", Office: "农技站", Rater: "陈刚"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tp := newTampered(t)
			raw := openRaw(t, tp.path)
			defer raw.Close()
			dropTriggers(t, raw, tc.tables...)
			q, args := tc.sql(tp)
			if res, err := raw.Exec(q, args...); err != nil {
				t.Fatal(err)
			} else if n, _ := res.RowsAffected(); n == 0 {
				t.Fatalf("%s changed nothing", q)
			}
			rep, err := tp.s.Verify(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK() || len(rep.Problems) == 0 {
				t.Fatalf("verify passed after %s", tc.name)
			}
			got := rep.Problems[0]
			if got.What != tc.want.What || (tc.want.Kind != "" && got.Kind != tc.want.Kind) ||
				(tc.want.Field != nil && !slices.Equal(got.Field, tc.want.Field)) ||
				(tc.want.Was != "" && got.Was != tc.want.Was) || (tc.want.Now != "" && got.Now != tc.want.Now) ||
				(tc.want.Record != store.RecordFacts{} && got.Record != tc.want.Record) ||
				(tc.want.Criterion.Key != "" && got.Criterion.Key != tc.want.Criterion.Key) {
				t.Errorf("first problem %+v\nwant %+v", got, tc.want)
			}
			if tc.want.Criterion.Key != "" && got.Ref != tp.sheet {
				t.Errorf("the problem names sheet %d, want %d", got.Ref, tp.sheet)
			}
			if also := alsoUnchained[tc.name]; also != "" && !slices.ContainsFunc(rep.Problems, func(p store.VerifyProblem) bool {
				return p.What == store.ProblemUnchained && p.Kind == also
			}) {
				t.Errorf("no problem finds the %s unchained: %+v", also, rep.Problems)
			}
		})
	}
}

// TestRecordingFilesAreRehashed: a recording file that changes or disappears after it was
// hashed fails verify, naming the file and the call.
func TestRecordingFilesAreRehashed(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tamper  func(path string) error
		missing bool
	}{
		{"changed", func(p string) error { return os.WriteFile(p, []byte("RIFF other audio"), 0o600) }, false},
		{"deleted", os.Remove, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tp := newTampered(t)
			if err := tc.tamper(tp.recording); err != nil {
				t.Fatal(err)
			}
			rep, err := tp.s.Verify(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK() || rep.Recordings != 1 {
				t.Fatalf("verify after the recording was %s: %+v", tc.name, rep)
			}
			p := rep.Problems[0]
			if p.What != store.ProblemRecording || p.File != tp.recording || p.Ref != tp.scored || (p.Now == "") != tc.missing {
				t.Errorf("problem %+v", p)
			}
			want := store.RecordFacts{RoundName: "2026年第1轮", Department: "市农业农村局", Office: "农技站"}
			if p.Record != want || filepath.Base(p.File) != "上午场.wav" {
				t.Errorf("the problem does not name the call and the file: %+v", p)
			}
		})
	}
}

// TestRecordingAttachedLaterVerifies: attaching a session recording to a finished call is
// legitimate (a recorded change), so the call's entry still verifies.
func TestRecordingAttachedLaterVerifies(t *testing.T) {
	tp := newTampered(t)
	ctx := context.Background()
	later := filepath.Join(t.TempDir(), "下午场.wav")
	if err := os.WriteFile(later, []byte("RIFF afternoon"), 0o600); err != nil {
		t.Fatal(err)
	}
	sum, err := recording.Hash(later)
	if err != nil {
		t.Fatal(err)
	}
	if err := tp.lead.AttachRecording(ctx, tp.round.ID, later, sum, []store.RecordingLink{{CallID: tp.scored, Offset: 125.5}}); err != nil {
		t.Fatal(err)
	}
	rep := mustVerify(t, tp.s)
	if rep.Recordings != 1 {
		t.Errorf("%d recordings re-hashed, want the one the call now names", rep.Recordings)
	}
	// The attach stands for the call's recording from then on: changing it by hand still fails.
	raw := openRaw(t, tp.path)
	defer raw.Close()
	dropTriggers(t, raw, "calls")
	if _, err := raw.Exec("UPDATE calls SET recording_offset = 10 WHERE id = ?", tp.scored); err != nil {
		t.Fatal(err)
	}
	rep, err = tp.s.Verify(ctx)
	if err != nil || rep.OK() || !slices.Equal(rep.Problems[0].Field, []string{"recording", "offset"}) || rep.Problems[0].Was != "125.5" {
		t.Fatalf("after moving the offset by hand: %+v, %v", rep.Problems, err)
	}
}

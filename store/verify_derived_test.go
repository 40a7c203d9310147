package store_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// rewriteChain edits, behind phoneaudit's back, the body of the ledger entry of one record with
// edit and recomputes every hash from that entry on, as someone who knows how the chain is made
// would: the chain itself then verifies.
func rewriteChain(t *testing.T, raw *sql.DB, kind string, ref int64, edit func(body string) string) {
	t.Helper()
	dropTriggers(t, raw, "ledger")
	var seq int64
	var body string
	if err := raw.QueryRow("SELECT seq, body FROM ledger WHERE kind = ? AND ref = ? ORDER BY seq DESC LIMIT 1", kind, ref).Scan(&seq, &body); err != nil {
		t.Fatal(err)
	}
	edited := edit(body)
	if edited == body {
		t.Fatalf("the edit changed nothing in the %s entry %d: %s", kind, seq, body)
	}
	if _, err := raw.Exec("UPDATE ledger SET body = ? WHERE seq = ?", edited, seq); err != nil {
		t.Fatal(err)
	}
	rehash(t, raw, seq)
}

// rehash recomputes prev and hash of every entry from seq on.
func rehash(t *testing.T, raw *sql.DB, from int64) {
	t.Helper()
	prev := strings.Repeat("0", 64)
	if from > 1 {
		if err := raw.QueryRow("SELECT hash FROM ledger WHERE seq = ?", from-1).Scan(&prev); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := raw.Query("SELECT seq, body FROM ledger WHERE seq >= ? ORDER BY seq", from)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		seq  int64
		body string
	}
	var es []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.seq, &e.body); err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	rows.Close()
	for _, e := range es {
		p, _ := hex.DecodeString(prev)
		h := sha256.Sum256(append(p, e.body...))
		hash := hex.EncodeToString(h[:])
		if _, err := raw.Exec("UPDATE ledger SET prev = ?, hash = ? WHERE seq = ?", prev, hash, e.seq); err != nil {
			t.Fatal(err)
		}
		prev = hash
	}
}

func rawExec(t *testing.T, raw *sql.DB, q string, args ...any) {
	t.Helper()
	res, err := raw.Exec(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatalf("%s changed nothing", q)
	}
}

// TestVerifyWorksOutWhatFlagsAreReadFrom changes, with SQL that bypasses phoneaudit (triggers
// dropped), the tables the flags and the bulletins are read from — the maintained audits and
// streaks, the stored results — and the ledger itself consistently (bodies edited to match, every
// hash after recomputed), and checks that verify names the first difference.
func TestVerifyWorksOutWhatFlagsAreReadFrom(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, raw *sql.DB, tp tampered)
		want store.VerifyProblem
		also string // another problem that must be among them, by What
	}{
		{"a forged flag in latest_audits", func(t *testing.T, raw *sql.DB, tp tampered) {
			rawExec(t, raw, "UPDATE latest_audits SET streak = 3 WHERE office_id = (SELECT office_id FROM calls WHERE id = ?)", tp.scored)
		}, store.VerifyProblem{What: store.ProblemAudit, Kind: "latest_audits", Field: []string{"streak"}, Was: "0", Now: "3",
			Record: store.RecordFacts{RoundName: "2026年第1轮", Department: "市农业农村局", Office: "农技站"}}, ""},
		{"a streak in audits", func(t *testing.T, raw *sql.DB, tp tampered) {
			dropTriggers(t, raw, "audits")
			rawExec(t, raw, "UPDATE audits SET streak = 2 WHERE office_id = (SELECT office_id FROM calls WHERE id = ?)", tp.scored)
		}, store.VerifyProblem{What: store.ProblemAudit, Kind: "audits", Field: []string{"streak"}, Was: "0", Now: "2"}, ""},
		{"a problem in audits, with its latest", func(t *testing.T, raw *sql.DB, tp tampered) {
			rawExec(t, raw, "UPDATE audits SET problem = 1 - problem WHERE office_id = (SELECT office_id FROM calls WHERE id = ?)", tp.scored)
		}, store.VerifyProblem{What: store.ProblemAudit, Kind: "audits", Field: []string{"problem"}, Was: "false", Now: "true"}, ""},
		{"an audit deleted", func(t *testing.T, raw *sql.DB, tp tampered) {
			rawExec(t, raw, "DELETE FROM audits WHERE office_id = (SELECT office_id FROM calls WHERE id = ?)", tp.scored)
		}, store.VerifyProblem{What: store.ProblemAuditMissing, Kind: "audits"}, ""},
		{"an audit added", func(t *testing.T, raw *sql.DB, tp tampered) {
			rawExec(t, raw, `INSERT INTO audits(office_id, round_number, round_id, problem, streak)
				SELECT office_id, 99, round_id, 1, 1 FROM calls WHERE id = ?`, tp.scored)
		}, store.VerifyProblem{What: store.ProblemAuditExtra, Kind: "audits", Round: 99}, ""},
		{"a person's streak", func(t *testing.T, raw *sql.DB, tp tampered) {
			dropTriggers(t, raw, "person_audits")
			rawExec(t, raw, "UPDATE person_audits SET streak = 3, problem = 1 WHERE person = 'no:0231'")
		}, store.VerifyProblem{What: store.ProblemAudit, Kind: "person_audits", Field: []string{"problem"}, Person: "no:0231",
			Record: store.RecordFacts{RoundName: "2026年第1轮", Department: "市农业农村局", Office: "0231"}}, ""},
		{"a person's latest streak", func(t *testing.T, raw *sql.DB, tp tampered) {
			rawExec(t, raw, "UPDATE latest_person_audits SET streak = 2 WHERE person = 'no:0231'")
		}, store.VerifyProblem{What: store.ProblemAudit, Kind: "latest_person_audits", Field: []string{"streak"}, Was: "0", Now: "2"}, ""},
		{"a person's audits deleted", func(t *testing.T, raw *sql.DB, tp tampered) {
			rawExec(t, raw, "DELETE FROM person_audits WHERE person = 'no:0231'")
		}, store.VerifyProblem{What: store.ProblemAuditMissing, Kind: "person_audits", Person: "no:0231"}, ""},
		{"a consistently rewritten chain: an answer", func(t *testing.T, raw *sql.DB, tp tampered) {
			dropTriggers(t, raw, "answers", "sheets")
			rawExec(t, raw, "UPDATE answers SET value = 2 WHERE sheet_id = ? AND criterion = 'attitude'", tp.sheet)
			rewriteChain(t, raw, "sheet", tp.sheet, func(body string) string {
				return strings.Replace(body, `"attitude":5`, `"attitude":2`, 1)
			})
		}, store.VerifyProblem{What: store.ProblemResult, Kind: "sheet", Field: []string{"total"}, Now: "100",
			Record: store.RecordFacts{RoundName: "2026年第1轮", Department: "市农业农村局", Office: "农技站", Rater: "王芳"}}, store.ProblemHead},
		{"a consistently rewritten chain: a call's result", func(t *testing.T, raw *sql.DB, tp tampered) {
			dropTriggers(t, raw, "calls")
			rawExec(t, raw, "UPDATE calls SET total = 60 WHERE id = ?", tp.scored)
			rewriteChain(t, raw, "call", tp.scored, func(body string) string {
				return strings.Replace(body, `"total":"100"`, `"total":"60"`, 1)
			})
		}, store.VerifyProblem{What: store.ProblemResult, Kind: "call", Field: []string{"total"}, Was: "100", Now: "60"}, store.ProblemHead},
		{"a consistently rewritten chain: an amendment's result", func(t *testing.T, raw *sql.DB, tp tampered) {
			dropTriggers(t, raw, "amendments")
			rawExec(t, raw, "UPDATE amendments SET problem = 1")
			rewriteChain(t, raw, "amendment", 1, func(body string) string {
				return strings.Replace(body, `"problem":false`, `"problem":true`, 1)
			})
		}, store.VerifyProblem{What: store.ProblemResult, Kind: "amendment", Field: []string{"problem"}, Was: "false", Now: "true"}, ""},
		{"an effective result", func(t *testing.T, raw *sql.DB, tp tampered) {
			dropTriggers(t, raw, "calls")
			rawExec(t, raw, "UPDATE calls SET amended_problem = 1 WHERE id = ?", tp.scored)
		}, store.VerifyProblem{What: store.ProblemResult, Kind: "call", Field: []string{"amended_problem"}, Was: "false", Now: "true"}, ""},
		{"a publication's head rewritten", func(t *testing.T, raw *sql.DB, tp tampered) {
			dropTriggers(t, raw, "publications")
			forged := strings.Repeat("ab", 32)
			var was string
			if err := raw.QueryRow("SELECT ledger_head FROM publications").Scan(&was); err != nil {
				t.Fatal(err)
			}
			rawExec(t, raw, "UPDATE publications SET ledger_head = ?", forged)
			rewriteChain(t, raw, "publication", 1, func(body string) string { return strings.Replace(body, was, forged, 1) })
		}, store.VerifyProblem{What: store.ProblemHead, Kind: "publication", Now: strings.Repeat("ab", 32)}, ""},
		{"a publication's head rewritten to an earlier entry", func(t *testing.T, raw *sql.DB, tp tampered) {
			dropTriggers(t, raw, "publications")
			var was, first string
			if err := raw.QueryRow("SELECT ledger_head FROM publications").Scan(&was); err != nil {
				t.Fatal(err)
			}
			if err := raw.QueryRow("SELECT hash FROM ledger WHERE seq = 1").Scan(&first); err != nil {
				t.Fatal(err)
			}
			rawExec(t, raw, "UPDATE publications SET ledger_head = ?", first)
			rewriteChain(t, raw, "publication", 1, func(body string) string { return strings.Replace(body, was, first, 1) })
		}, store.VerifyProblem{What: store.ProblemHeadOrder, Kind: "publication", Was: "1"}, ""},
		{"a published text with its entry rewritten", func(t *testing.T, raw *sql.DB, tp tampered) {
			dropTriggers(t, raw, "publication_texts")
			var body, sum string
			if err := raw.QueryRow("SELECT body, sha256 FROM publication_texts").Scan(&body, &sum); err != nil {
				t.Fatal(err)
			}
			forged := body + "（改）"
			h := sha256.Sum256([]byte(forged))
			rawExec(t, raw, "UPDATE publication_texts SET body = ?", forged)
			rewriteChain(t, raw, "publication", 1, func(b string) string {
				return strings.Replace(b, `"texts":{"zh/text":"`+sum, `"texts":{"zh/text":"`+hex.EncodeToString(h[:]), 1)
			})
		}, store.VerifyProblem{What: store.ProblemText, Kind: "publication", Field: []string{"zh/text"}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tp := newTampered(t)
			raw := openRaw(t, tp.path)
			defer raw.Close()
			// The tables kept for the flags are changed on purpose: the end-of-test check of them
			// (checkLatestAudits) has nothing to say about this file.
			t.Cleanup(func() {
				for _, p := range []string{tp.path, tp.path + "-wal", tp.path + "-shm"} {
					os.Remove(p)
				}
			})
			tc.edit(t, raw, tp)
			rep, err := tp.s.Verify(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK() || len(rep.Problems) == 0 {
				t.Fatalf("verify passed after %s", tc.name)
			}
			got := rep.Problems[0]
			if got.What != tc.want.What || got.Kind != tc.want.Kind ||
				(tc.want.Field != nil && !slices.Equal(got.Field, tc.want.Field)) ||
				(tc.want.Was != "" && got.Was != tc.want.Was) || (tc.want.Now != "" && got.Now != tc.want.Now) ||
				(tc.want.Round != 0 && got.Round != tc.want.Round) || (tc.want.Person != "" && got.Person != tc.want.Person) ||
				(tc.want.Record != store.RecordFacts{} && got.Record != tc.want.Record) {
				t.Errorf("first problem %+v\nwant %+v\nall: %+v", got, tc.want, rep.Problems)
			}
			if tc.also != "" && !slices.ContainsFunc(rep.Problems, func(p store.VerifyProblem) bool { return p.What == tc.also }) {
				t.Errorf("no %s problem among %+v", tc.also, rep.Problems)
			}
		})
	}
}

// TestVerifyKeepsTheReachDecisionAsChained: a call found unreachable under the city's time zone
// stays unreachable for verify after the zone changes (at the new one, its dials fall outside
// working hours and today's rule would call it still in progress): verify passes, and works out
// the office's audit from the chained decision — a problem — so an audit edited to none fails.
func TestVerifyKeepsTheReachDecisionAsChained(t *testing.T) {
	p := newPanelFixture(t)
	ctx := context.Background()
	call := p.calls[0].ID
	start := p.s.Now() // Friday 10:00 in Shanghai
	for _, at := range []time.Time{start, start.Add(15 * time.Minute)} {
		if _, err := p.caller.AddAttempt(ctx, call, at, scoring.NoAnswer); err != nil {
			t.Fatal(err)
		}
	}
	c, err := p.s.GetCall(ctx, call)
	if err != nil || c.Status != scoring.Unreachable {
		t.Fatalf("the call is %s (%v), want unreachable", c.Status, err)
	}
	must(t, p.s.SetTimeZone(ctx, "America/New_York")) // Thursday 21:00 there
	mustVerify(t, p.s)

	raw := openRaw(t, p.path)
	defer raw.Close()
	t.Cleanup(func() {
		for _, f := range []string{p.path, p.path + "-wal", p.path + "-shm"} {
			os.Remove(f)
		}
	})
	rawExec(t, raw, "UPDATE latest_audits SET problem = 0, streak = 0 WHERE office_id = ?", c.OfficeID)
	rep, err := p.s.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || rep.Problems[0].What != store.ProblemAudit || rep.Problems[0].Kind != "latest_audits" ||
		!slices.Equal(rep.Problems[0].Field, []string{"problem"}) || rep.Problems[0].Was != "true" {
		t.Errorf("after the audit was edited: %+v", rep.Problems)
	}
}

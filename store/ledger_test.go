package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"phoneaudit/recording"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// mustVerify runs Verify and fails the test unless the database verifies.
func mustVerify(t *testing.T, s *store.Store) store.VerifyReport {
	t.Helper()
	rep, err := s.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		for _, p := range rep.Problems {
			t.Errorf("verify: %+v", p)
		}
		t.FailNow()
	}
	return rep
}

// ledgerKinds counts the entries of each kind, read straight from the file.
func ledgerKinds(t *testing.T, path string) map[string]int {
	t.Helper()
	raw := openRaw(t, path)
	defer raw.Close()
	rows, err := raw.Query("SELECT kind, count(*) FROM ledger GROUP BY kind")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			t.Fatal(err)
		}
		out[k] = n
	}
	return out
}

// TestDemoVerifies loads the demo city through the normal write paths (bulk rounds, registry
// imports, publications) and verifies it quickly; every published round stored the head the
// ledger had just before it, and that head is an entry of the chain.
func TestDemoVerifies(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	start := time.Now()
	rep := mustVerify(t, s)
	if took := time.Since(start); took > time.Second {
		t.Errorf("verifying the demo city took %v, want well under a second", took)
	}
	head, err := s.LedgerHead(ctx)
	if err != nil || head == "" || head != rep.Head || rep.Entries < 1000 {
		t.Fatalf("head %q (report %q), %d entries, %v", head, rep.Head, rep.Entries, err)
	}
	kinds := ledgerKinds(t, s.Path())
	for _, k := range []string{"sheet", "call", "registry", "close", "publication"} {
		if kinds[k] == 0 {
			t.Errorf("no %s entries in the demo's ledger: %v", k, kinds)
		}
	}
	r, _ := s.FindRound(ctx, "1")
	_, _, _, err = s.PublishedText(ctx, r.ID, "zh", "text")
	if err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, s.Path())
	defer raw.Close()
	var printed string
	if err := raw.QueryRow("SELECT ledger_head FROM publications WHERE round_id = ?", r.ID).Scan(&printed); err != nil || printed == "" {
		t.Fatalf("publication of round 1 stored no ledger head: %q, %v", printed, err)
	}
	body, _, _, _ := s.PublishedText(ctx, r.ID, "zh", "text")
	if !strings.Contains(string(body), "数据校验码："+printed) {
		t.Errorf("the published bulletin does not print its 数据校验码 %s", printed)
	}
	m, err := s.FindHead(ctx, printed[:8])
	if err != nil || m.Hash != printed || len(m.Rounds) != 1 || m.Rounds[0] != r.Name {
		t.Errorf("FindHead(%s) = %+v, %v", printed[:8], m, err)
	}
}

// TestEveryWriteIsChained drives each kind of record through the store and checks the entry it
// appends, and that the whole database still verifies.
func TestEveryWriteIsChained(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before := ledgerKinds(t, f.path)
	if before["registry"] == 0 {
		t.Fatalf("the registry imports appended nothing: %v", before)
	}
	// A scored call: one sheet entry and one call entry, when the call finishes.
	sheet := f.score(t, f.calls[0].ID, 9, good)
	if got := ledgerKinds(t, f.path); got["sheet"] != 0 || got["call"] != 0 {
		t.Errorf("entries before the submit: %v", got)
	}
	if _, err := f.s.SubmitSheet(ctx, sheet); err != nil {
		t.Fatal(err)
	}
	// An unreachable call: a call entry and no sheet.
	for _, at := range []time.Time{f.s.Now(), f.s.Now().Add(15 * time.Minute)} {
		if _, err := f.s.AddAttempt(ctx, f.calls[1].ID, at, scoring.NoAnswer); err != nil {
			t.Fatal(err)
		}
	}
	got := ledgerKinds(t, f.path)
	if got["sheet"] != 1 || got["call"] != 2 {
		t.Errorf("after a submit and an unreachable call: %v", got)
	}
	// An amendment, a close and a publication.
	if _, err := f.s.AmendSheet(ctx, sheet, scoring.Answers{"greeting": 2, "attitude": 3, "accuracy": 5, "ownership": 1, "closing": 1}, "录音复听"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CloseRound(ctx, f.round.Name, false); err != nil {
		t.Fatal(err)
	}
	rep, err := f.s.PublishRound(ctx, f.round.ID, []store.Rendering{{Lang: "zh", Format: "text", Body: []byte("通报")}}, f.s.Now())
	if err != nil {
		t.Fatal(err)
	}
	got = ledgerKinds(t, f.path)
	for k, want := range map[string]int{"amendment": 1, "close": 1, "publication": 1} {
		if got[k] != want {
			t.Errorf("%d %s entries, want %d (%v)", got[k], k, want, got)
		}
	}
	if rep.LedgerHead == "" {
		t.Error("the publication stored no ledger head")
	}
	if _, err := f.s.PublishRoundAt(ctx, f.round.ID, "0123", nil, f.s.Now()); err != nil {
		t.Errorf("publishing a published round again: %v", err)
	}
	mustVerify(t, f.s)
}

// TestPublishRoundAtRefusesAMovedHead: texts rendered at one head are not published once other
// writes moved the chain on, so a bulletin never prints a code other than the one stored.
func TestPublishRoundAtRefusesAMovedHead(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.s.CloseRound(ctx, f.round.Name, true); err != nil {
		t.Fatal(err)
	}
	head, _ := f.s.LedgerHead(ctx)
	if err := f.s.RenameOffice(ctx, "市人社局", "社保中心", "市人社局", "社会保险中心"); err != nil {
		t.Fatal(err)
	}
	texts := []store.Rendering{{Lang: "zh", Format: "text", Body: []byte("数据校验码：" + head)}}
	if _, err := f.s.PublishRoundAt(ctx, f.round.ID, head, texts, f.s.Now()); err != store.ErrLedgerMoved {
		t.Fatalf("publishing at a stale head: %v, want ErrLedgerMoved", err)
	}
	r, _ := f.s.FindRound(ctx, f.round.Name)
	if r.Status != store.RoundClosed {
		t.Errorf("the round is %s after a refused publication", r.Status)
	}
	now, _ := f.s.LedgerHead(ctx)
	rep, err := f.s.PublishRoundAt(ctx, f.round.ID, now, texts, f.s.Now())
	if err != nil || rep.LedgerHead != now {
		t.Fatalf("publishing at the current head: %+v, %v", rep, err)
	}
}

// TestRenameKeepsVerifying: renaming an office after its calls were recorded changes nothing
// recorded, so verify still passes; the rename itself is a chained registry change.
func TestRenameKeepsVerifying(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sheet := f.score(t, f.calls[0].ID, 9, good)
	if _, err := f.s.SubmitSheet(ctx, sheet); err != nil {
		t.Fatal(err)
	}
	before := ledgerKinds(t, f.path)["registry"]
	if err := f.s.RenameOffice(ctx, "市人社局", "社保中心", "市人力资源和社会保障局", "社会保险中心"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.MergeOffice(ctx, "市农业农村局", "农技站", "市人力资源和社会保障局", "社会保险中心"); err != nil {
		t.Fatal(err)
	}
	if got := ledgerKinds(t, f.path)["registry"]; got < before+3 { // a new department, the rename, the merge
		t.Errorf("%d registry entries after a rename and a merge, had %d", got, before)
	}
	mustVerify(t, f.s)
}

// TestMigrationChainsExistingRecords takes a database back to schema 4 (no ledger), as an
// earlier phoneaudit left it with every kind of record, and opens it: migration 005 starts the
// chain over every record, oldest first, and the database verifies.
func TestMigrationChainsExistingRecords(t *testing.T) {
	tp := newTampered(t)
	want := ledgerKinds(t, tp.path)
	tp.s.Close()
	backToSchema4(t, tp.path)
	s, err := store.OpenWith(context.Background(), tp.path, store.Options{Files: recording.Files{}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep := mustVerify(t, s)
	checkLatestAudits(t, tp.path) // migration 006 filled it from the audits
	got := ledgerKinds(t, tp.path)
	if len(got) != len(want) || rep.Entries == 0 {
		t.Fatalf("after the migration the ledger holds %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%d %s entries after the migration, want %d", got[k], k, n)
		}
	}
	// The ledger is ordered by time: no entry is older than the one before it.
	raw := openRaw(t, tp.path)
	defer raw.Close()
	var disorder int
	if err := raw.QueryRow("SELECT count(*) FROM ledger a JOIN ledger b ON b.seq = a.seq + 1 WHERE b.at < a.at").Scan(&disorder); err != nil || disorder > 0 {
		t.Errorf("%d entries older than the one before them (%v)", disorder, err)
	}
}

// undoCorrections takes migration 009 (corrections) out of a database, for the tests that apply
// earlier migrations again.
const undoCorrections = `DROP TABLE correction_texts; DROP TABLE corrections; DROP TABLE publication_snapshots`

// backToSchema4 takes a closed database back to schema 4 (no ledger), as an earlier phoneaudit
// left it: opening it again applies migrations 005 on.
func backToSchema4(t *testing.T, path string) {
	t.Helper()
	raw := openRaw(t, path)
	for _, q := range []string{
		// Migrations 010 (the leases) and 009 (the corrections), applied again.
		"DROP TABLE sheet_leases",
		undoCorrections,
		// Migration 008, applied again.
		"DROP TRIGGER answers_insert_activity", "DROP TRIGGER answers_update_activity",
		"ALTER TABLE calls DROP COLUMN last_activity_at",
		// Migration 006, applied again after 005.
		"DROP TRIGGER latest_audits_insert", "DROP TRIGGER latest_audits_update", "DROP TRIGGER latest_audits_delete",
		"DROP TABLE latest_audits", "DROP TABLE latest_person_audits", "DROP TABLE person_audits",
		"DROP TABLE ledger",
		"DROP TRIGGER changes_immutable", "DROP TRIGGER changes_no_delete",
		"DROP TRIGGER publications_no_delete", "DROP TRIGGER sheets_dropped_immutable",
		"ALTER TABLE publications DROP COLUMN ledger_head",
		"PRAGMA user_version = 4",
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
}

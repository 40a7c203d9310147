package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"phoneaudit/scoring"
)

// VerifyReport is what Verify found: the chain walked, and every problem, the first failing
// entry first. The database verifies when Problems is empty.
type VerifyReport struct {
	Entries    int    // ledger entries checked
	Head       string // the newest entry's hash; "" while the ledger is empty
	Recordings int    // recording files re-hashed
	Failures   int    // problems found; Problems keeps the first maxProblems of them
	Problems   []VerifyProblem
}

// OK says whether everything verified.
func (r VerifyReport) OK() bool { return r.Failures == 0 }

// maxProblems bounds the problems kept: a wholesale edit must not fill memory with them.
const maxProblems = 100

// What a VerifyProblem is about.
const (
	ProblemChanged   = "changed"   // the record differs from its entry (Field, Was, Now)
	ProblemGone      = "gone"      // the entry's record is no longer in the database
	ProblemUnchained = "unchained" // a record that should have an entry has none
	ProblemEdited    = "edited"    // the entry itself was edited: its hash or its columns
	ProblemBroken    = "broken"    // the chain is broken here: an entry before it was deleted or edited
	ProblemRecording = "recording" // a recording file is missing or differs from its SHA-256
)

// VerifyProblem is one thing Verify found wrong.
type VerifyProblem struct {
	What string // one of the Problem… constants
	Seq  int64  // the ledger entry; 0 for a record with no entry or a recording file
	Kind string // the record's kind: sheet, call, import, consensus, accept, amendment, registry, close, publication, notice, snapshot, correction
	Ref  int64  // the record's id in its table
	// What the record says of itself (its round, office, rater …), to name it by.
	Record RecordFacts
	// For ProblemChanged: the path of the field that differs in the record ("answers",
	// "attitude"; "attempts", "0", "at"; none: the whole record; "at" or "by" alone: the entry's
	// time or author), and its value in the entry and now.
	Field    []string
	Was, Now string
	// For a field that is an answer: its criterion in the rubric of the record's round (zero
	// when not found).
	Criterion scoring.Criterion
	File      string // for ProblemRecording: the recording file
	// For the audit problems: the round's number, and the person (a department's "no:工号" or
	// "name:姓名") of a person's audit; Ref is the office of an office's.
	Round  int
	Person string
}

// Verify walks the ledger in order and checks each entry: it follows the one before, its hash is
// SHA-256 of the previous hash and its body, and its body is what the records themselves say
// now (rebuilt from the tables, never taken from the entry). Then it lists every record that
// should have an entry and has none, and re-hashes every recording file a call names. Office and
// department names are compared with those stored on each call, and registry entries with their
// own changes, so a legitimate rename never fails. A recording attached to a finished call later
// is checked against the recorded change that attached it. Beside the chain it works out again,
// from the primary records alone, every result, audit and streak the flags and bulletins are
// read from, and checks every publication's and correction's head and texts (ledger_derived.go).
func (s *Store) Verify(ctx context.Context) (VerifyReport, error) {
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return VerifyReport{}, mapErr(err)
	}
	defer tx.Rollback()
	v := &verifier{s: s, q: newStmtCache(tx), prev: zeroHash}
	defer v.q.close()
	if err := v.loadHeads(ctx); err != nil {
		return v.rep, mapErr(fault(err, "reading the publications' heads"))
	}
	if err := v.walk(ctx); err != nil {
		return v.rep, mapErr(fault(err, "verifying the ledger"))
	}
	if err := v.unchained(ctx); err != nil {
		return v.rep, mapErr(fault(err, "looking for records missing from the ledger"))
	}
	w, err := v.results(ctx)
	if err != nil {
		return v.rep, mapErr(fault(err, "working out the calls' results again"))
	}
	if err := v.audits(ctx, w); err != nil {
		return v.rep, mapErr(fault(err, "working out the audits and streaks again"))
	}
	if err := v.published(ctx); err != nil {
		return v.rep, mapErr(fault(err, "checking the publications and corrections"))
	}
	if err := v.recordings(ctx); err != nil {
		return v.rep, mapErr(fault(err, "checking the recordings"))
	}
	if v.prev != zeroHash {
		v.rep.Head = v.prev
	}
	return v.rep, nil
}

type verifier struct {
	s       *Store
	q       *stmtCache
	rep     VerifyReport
	seq     int64            // the last entry walked
	prev    string           // its hash
	headSeq map[string]int64 // the heads publications and corrections stored → their entry's seq (0: not walked)
}

func (v *verifier) add(p VerifyProblem) {
	v.rep.Failures++
	if len(v.rep.Problems) < maxProblems {
		v.rep.Problems = append(v.rep.Problems, p)
	}
}

// ledgerRow is one entry as stored.
type ledgerRow struct {
	seq                  int64
	at, by, kind         string
	ref                  sql.NullInt64
	body, prevHash, hash string
}

// walk reads the ledger a page at a time (a province has millions of entries) and checks each.
func (v *verifier) walk(ctx context.Context) error {
	const page = 1000
	for {
		batch, err := queryAll(ctx, v.q, func(sc scanner) (ledgerRow, error) {
			var e ledgerRow
			err := sc.Scan(&e.seq, &e.at, &e.by, &e.kind, &e.ref, &e.body, &e.prevHash, &e.hash)
			return e, err
		}, `SELECT seq, at, by, kind, ref, body, prev, hash FROM ledger
			WHERE seq > ? ORDER BY seq LIMIT ?`, v.seq, page)
		if err != nil {
			return err
		}
		for _, e := range batch {
			if err := v.check(ctx, e); err != nil {
				return err
			}
		}
		if len(batch) < page {
			return nil
		}
	}
}

// check verifies one entry: its place in the chain, its hash, and its body against the records.
func (v *verifier) check(ctx context.Context, e ledgerRow) error {
	v.rep.Entries++
	base := VerifyProblem{Seq: e.seq, Kind: e.kind, Ref: e.ref.Int64}
	var env envelope
	envErr := json.Unmarshal([]byte(e.body), &env)
	base.Record = recordFacts(env.Record)
	switch {
	case e.seq != v.seq+1:
		p := base
		p.What, p.Was, p.Now = ProblemBroken, strconv.FormatInt(v.seq+1, 10), strconv.FormatInt(e.seq, 10)
		v.add(p)
	case e.prevHash != v.prev:
		p := base
		p.What, p.Was, p.Now = ProblemBroken, v.prev, e.prevHash
		v.add(p)
	}
	v.seq, v.prev = e.seq, e.hash
	v.noteHead(e)
	if h, err := chainHash(e.prevHash, e.body); err != nil || h != e.hash {
		p := base
		p.What, p.Was, p.Now = ProblemEdited, h, e.hash
		v.add(p)
		return nil
	}
	if envErr != nil || env.Kind != e.kind || env.Ref != e.ref.Int64 || env.At != e.at || env.By != e.by {
		p := base
		p.What = ProblemEdited
		v.add(p)
		return nil
	}
	return v.compare(ctx, e, env, base)
}

// compare rebuilds the entry's record from the tables and reports the first field that differs.
func (v *verifier) compare(ctx context.Context, e ledgerRow, env envelope, base VerifyProblem) error {
	rec, err := buildRecord(ctx, v.q, e.kind, e.ref.Int64)
	if errors.Is(err, ErrNotFound) {
		p := base
		p.What = ProblemGone
		v.add(p)
		return nil
	}
	if err != nil {
		return err
	}
	if rec.by == "" { // the record does not say who (an import): the entry does
		rec.by = env.By
	}
	stored := []byte(env.Record)
	if e.kind == kindCall {
		if stored, err = v.laterRecording(ctx, e.seq, e.ref.Int64, stored); err != nil {
			return err
		}
	}
	now, err := json.Marshal(rec.body)
	if err != nil {
		return err
	}
	path, was, is, same := firstDifference(stored, now)
	if same && rec.at == env.At && rec.by == env.By {
		return nil
	}
	p := base
	p.What = ProblemChanged
	switch {
	case !same:
		p.Field, p.Was, p.Now = path, was, is
		if len(path) >= 2 && path[len(path)-2] == "answers" {
			p.Criterion = v.criterionOf(ctx, env.Record, path[len(path)-1])
		}
	case rec.at != env.At:
		p.Field, p.Was, p.Now = []string{"at"}, env.At, rec.at
	default:
		p.Field, p.Was, p.Now = []string{"by"}, env.By, rec.by
	}
	v.add(p)
	return nil
}

// laterRecording applies to a call's stored record the recording attached after the call
// finished, if any: attaching a session recording later is legitimate and recorded as a change,
// whose own entry verify checks against its changes row.
func (v *verifier) laterRecording(ctx context.Context, seq, callID int64, stored []byte) ([]byte, error) {
	var detail string
	err := v.q.QueryRowContext(ctx, `SELECT c.detail FROM changes c JOIN ledger l ON l.kind = 'registry' AND l.ref = c.id
		WHERE c.entity = 'call' AND c.entity_id = ? AND c.action = 'recording' AND l.seq > ? ORDER BY l.seq DESC LIMIT 1`,
		callID, seq).Scan(&detail)
	if errors.Is(err, sql.ErrNoRows) {
		return stored, nil
	}
	if err != nil {
		return nil, err
	}
	var att struct {
		File   string  `json:"file"`
		Offset float64 `json:"offset"`
		SHA256 string  `json:"sha256"`
	}
	var rec callRecord
	if json.Unmarshal([]byte(detail), &att) != nil || json.Unmarshal(stored, &rec) != nil {
		return stored, nil // a damaged detail or record shows up as a difference
	}
	rec.Recording = recordingRecord{File: att.File, Offset: strconv.FormatFloat(att.Offset, 'f', -1, 64), SHA256: att.SHA256}
	return json.Marshal(rec)
}

// unchained reports every record that should have an entry and has none.
func (v *verifier) unchained(ctx context.Context) error {
	queries := []struct{ kind, sql string }{
		{kindSheet, `SELECT s.id FROM sheets s JOIN calls c ON c.id = s.call_id WHERE s.kind = 'rater' AND s.status = 'submitted'
			AND c.status IN ('done', 'unreachable')`},
		{kindCall, "SELECT id FROM calls WHERE status IN ('done', 'unreachable') AND imported = 0"},
		{kindImport, "SELECT id FROM calls WHERE imported = 1"},
		{kindConsensus, "SELECT id FROM reviews WHERE kind = 'consensus'"},
		{kindAccept, "SELECT id FROM reviews WHERE kind = 'accept'"},
		{kindAmendment, "SELECT id FROM amendments"},
		{kindRegistry, "SELECT id FROM changes WHERE NOT (entity = 'round' AND action = 'close')"},
		{kindClose, "SELECT id FROM changes WHERE entity = 'round' AND action = 'close'"},
		{kindPublication, "SELECT id FROM publications"},
		{kindNotice, "SELECT id FROM notice_events"},
		{kindSnapshot, "SELECT publication_id AS id FROM publication_snapshots"},
		{kindCorrection, "SELECT id FROM corrections"},
	}
	for _, qr := range queries {
		ids, err := v.missing(ctx, qr.kind, qr.sql)
		if err != nil {
			return err
		}
		for _, id := range ids {
			p := VerifyProblem{What: ProblemUnchained, Kind: qr.kind, Ref: id}
			if rec, err := buildRecord(ctx, v.q, qr.kind, id); err == nil {
				body, _ := json.Marshal(rec.body)
				p.Record = recordFacts(body)
			}
			v.add(p)
		}
	}
	return nil
}

// missing runs one query of records (ids in its first column) and keeps those with no entry.
func (v *verifier) missing(ctx context.Context, kind, records string) ([]int64, error) {
	return queryAll(ctx, v.q, scanOne[int64], `SELECT id FROM (`+records+`) AS r
		WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.kind = ? AND l.ref = r.id) ORDER BY id`, kind)
}

// recordings re-hashes every recording file a call names with its SHA-256, each file once.
func (v *verifier) recordings(ctx context.Context) error {
	type linked struct {
		call                       int64
		file, sum, round, dept, of string
	}
	all, err := queryAll(ctx, v.q, func(sc scanner) (linked, error) {
		var l linked
		err := sc.Scan(&l.call, &l.file, &l.sum, &l.round, &l.dept, &l.of)
		return l, err
	}, `SELECT c.id, c.recording_file, c.recording_sha256, r.name,
		coalesce(c.department_name, d.name), coalesce(c.office_name, o.name)
		FROM calls c JOIN rounds r ON r.id = c.round_id JOIN offices o ON o.id = c.office_id
		JOIN departments d ON d.id = o.department_id
		WHERE c.recording_file <> '' AND c.recording_sha256 <> '' ORDER BY c.id`)
	if err != nil {
		return err
	}
	hashes := map[string]string{} // file → SHA-256, "" when it cannot be read
	for _, l := range all {
		sum, seen := hashes[l.file]
		if !seen {
			var err error
			if sum, err = v.s.files.Hash(l.file); errors.Is(err, ErrNoFiles) {
				return err
			}
			hashes[l.file] = sum
			v.rep.Recordings++
		}
		if sum == l.sum {
			continue
		}
		p := VerifyProblem{What: ProblemRecording, Kind: kindCall, Ref: l.call, File: l.file, Was: l.sum, Now: sum}
		p.Record = RecordFacts{RoundName: l.round, Department: l.dept, Office: l.of}
		v.add(p)
	}
	return nil
}

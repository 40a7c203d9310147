package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"slices"
	"time"

	"phoneaudit/scoring"
)

// The result of a call as it was at a ledger entry (the first argument of the query): the
// latest amendment chained before that entry, else the call's own result.
const (
	asOfJoin = `
		LEFT JOIN amendments am ON am.id = (SELECT max(x.id) FROM amendments x
			JOIN ledger l ON l.kind = 'amendment' AND l.ref = x.id WHERE x.call_id = c.id AND l.seq < ?)`
	asOfTotal   = "CASE WHEN am.id IS NULL THEN c.total ELSE am.total END"
	asOfGrade   = "CASE WHEN am.id IS NULL THEN c.grade ELSE am.grade END"
	asOfProblem = "CASE WHEN am.id IS NULL THEN c.problem ELSE am.problem END"
	asOfReasons = "CASE WHEN am.id IS NULL THEN c.reasons ELSE am.reasons END"
)

// streaksAsOf works out the streak as of round number of every office (as merged) audited in
// it, from the results of every round up to it as they were at ledger entry asOf.
func streaksAsOf(ctx context.Context, q querier, number int, canon map[int64]int64, asOf int64) (map[int64]int, error) {
	type audit struct {
		office  int64
		round   int
		problem bool
	}
	rows, err := queryAll(ctx, q, func(sc scanner) (audit, error) {
		var a audit
		err := sc.Scan(&a.office, &a.round, &a.problem)
		return a, err
	}, `SELECT c.office_id, r.number, max(coalesce(`+asOfProblem+`, 0)) FROM calls c JOIN rounds r ON r.id = c.round_id`+asOfJoin+`
		WHERE c.status IN ('done', 'unreachable') AND r.number <= ? GROUP BY c.office_id, r.number`, asOf, number)
	if err != nil {
		return nil, err
	}
	problems := map[int64]map[int]bool{} // office as merged → round → problem
	for _, a := range rows {
		if id, ok := canon[a.office]; ok {
			a.office = id
		}
		if problems[a.office] == nil {
			problems[a.office] = map[int]bool{}
		}
		problems[a.office][a.round] = problems[a.office][a.round] || a.problem
	}
	out := map[int64]int{}
	for office, byRound := range problems {
		if _, audited := byRound[number]; !audited {
			continue
		}
		rounds := make([]int, 0, len(byRound))
		for n := range byRound {
			rounds = append(rounds, n)
		}
		slices.Sort(rounds)
		streak := 0
		for _, n := range rounds {
			streak = scoring.NextStreak(streak, byRound[n])
		}
		out[office] = streak
	}
	return out, nil
}

// snapshotAt is the snapshot of round r from q, as the data is (asOf 0) or as it was at ledger
// entry asOf.
func snapshotAt(ctx context.Context, q querier, r Round, asOf int64) (scoring.Snapshot, error) {
	loc, err := locationOf(ctx, q)
	if err != nil {
		return scoring.Snapshot{}, err
	}
	rub := scoring.DefaultRubric()
	if r.RubricVersion != 0 {
		if rub, err = readRubric(ctx, q, r.RubricVersion); err != nil {
			return scoring.Snapshot{}, err
		}
	}
	info, err := roundInfo(ctx, q, r, loc, asOf)
	if err != nil {
		return scoring.Snapshot{}, err
	}
	return scoring.SnapshotOf(info, scoring.Summarize(info, nil, rub)), nil
}

// encodeSnapshot is a snapshot as stored, and its SHA-256.
func encodeSnapshot(s scoring.Snapshot) (body, sum string, err error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", "", fault(err, "encoding the snapshot of round %d", s.Round)
	}
	h := sha256.Sum256(b)
	return string(b), hex.EncodeToString(h[:]), nil
}

func decodeSnapshot(body string) (scoring.Snapshot, error) {
	var s scoring.Snapshot
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		return s, fault(err, "a stored snapshot is damaged")
	}
	return s, nil
}

// storeSnapshot keeps the snapshot of what publication pub printed and chains it in the ledger.
func storeSnapshot(ctx context.Context, q querier, pub int64, snap scoring.Snapshot, rebuilt bool, actor string) error {
	body, sum, err := encodeSnapshot(snap)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, "INSERT INTO publication_snapshots(publication_id, snapshot, sha256, rebuilt) VALUES(?, ?, ?, ?)",
		pub, body, sum, rebuilt); err != nil {
		return err
	}
	return appendRecord(ctx, q, kindSnapshot, pub, actor)
}

// snapshotPublications gives every publication made before snapshots were kept the snapshot of
// what it printed: the round's data leaving out every amendment chained after the publication.
func snapshotPublications(ctx context.Context, tx *sql.Tx, actor string) error {
	type pub struct{ id, round, seq int64 }
	pubs, err := queryAll(ctx, tx, func(sc scanner) (pub, error) {
		var p pub
		err := sc.Scan(&p.id, &p.round, &p.seq)
		return p, err
	}, `SELECT p.id, p.round_id, coalesce((SELECT l.seq FROM ledger l WHERE l.kind = 'publication' AND l.ref = p.id), 0)
		FROM publications p WHERE NOT EXISTS (SELECT 1 FROM publication_snapshots s WHERE s.publication_id = p.id) ORDER BY p.id`)
	if err != nil {
		return err
	}
	for _, p := range pubs {
		r, err := scanRound(tx.QueryRowContext(ctx, "SELECT "+roundColumns+" FROM rounds r WHERE r.id = ?", p.round))
		if err != nil {
			return err
		}
		asOf := p.seq
		if asOf == 0 { // not chained (cannot happen after the ledger's backfill): as the data is
			asOf = 1 << 62
		}
		snap, err := snapshotAt(ctx, tx, r, asOf)
		if err != nil {
			return err
		}
		if err := storeSnapshot(ctx, tx, p.id, snap, true, actor); err != nil {
			return err
		}
	}
	return nil
}

// locationOf is the city's time zone as stored in q.
func locationOf(ctx context.Context, q querier) (*time.Location, error) {
	var name string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'tz'").Scan(&name)
	if err == sql.ErrNoRows {
		name = DefaultZone
	} else if err != nil {
		return nil, mapErr(err)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fault(err, "the stored time zone %q is unknown", name)
	}
	return loc, nil
}

// snapshotRecord is a publication's snapshot as the ledger holds it.
type snapshotRecord struct {
	Publication int64  `json:"publication"`
	Round       int    `json:"round"`
	RoundName   string `json:"round_name"`
	Snapshot    string `json:"snapshot"` // SHA-256 of the stored snapshot
	Checksum    string `json:"checksum"` // the SHA-256 stored beside it
	Rebuilt     bool   `json:"rebuilt,omitempty"`
	At          string `json:"at"`
	By          string `json:"by"`
}

func readSnapshotRecord(ctx context.Context, q querier, id int64) (snapshotRecord, error) {
	var r snapshotRecord
	var body string
	err := q.QueryRowContext(ctx, `SELECT p.id, r.number, r.name, s.snapshot, s.sha256, s.rebuilt, p.published_at, p.published_by
		FROM publication_snapshots s JOIN publications p ON p.id = s.publication_id JOIN rounds r ON r.id = p.round_id
		WHERE s.publication_id = ?`, id).Scan(&r.Publication, &r.Round, &r.RoundName, &body, &r.Checksum, &r.Rebuilt, &r.At, &r.By)
	h := sha256.Sum256([]byte(body))
	r.Snapshot = hex.EncodeToString(h[:])
	return r, err
}

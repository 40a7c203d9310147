package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"

	"phoneaudit/scoring"
)

// rubricCache keeps parsed rubric versions; a version never changes once stored.
var rubricCache = &rubrics{m: map[string]scoring.Rubric{}}

type rubrics struct {
	mu sync.Mutex
	m  map[string]scoring.Rubric
}

func (c *rubrics) get(path string, v int) (scoring.Rubric, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[fmt.Sprint(path, "#", v)]
	return r, ok
}

func (c *rubrics) put(path string, v int, r scoring.Rubric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[fmt.Sprint(path, "#", v)] = r
}

// canonicalOffice follows merges to the office whose history an office's calls count for.
func canonicalOffice(ctx context.Context, q querier, id int64) (int64, error) {
	for range 64 {
		var next sql.NullInt64
		if err := q.QueryRowContext(ctx, "SELECT merged_into FROM offices WHERE id = ?", id).Scan(&next); err != nil {
			return 0, err
		}
		if !next.Valid {
			return id, nil
		}
		id = next.Int64
	}
	return 0, errors.New("offices are merged in a loop")
}

// refreshAudit recomputes the audit of an office (as merged) in one round from its finished
// calls, then the office's maintained streaks from that round on, and the same for the persons
// who answered those calls.
func refreshAudit(ctx context.Context, tx *txn, officeID, roundID int64) error {
	target, err := canonicalOffice(ctx, tx, officeID)
	if err != nil {
		return err
	}
	var number int
	if err := tx.QueryRowContext(ctx, "SELECT number FROM rounds WHERE id = ?", roundID).Scan(&number); err != nil {
		return err
	}
	var n, problem int
	err = tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(`+effProblem+`), 0) FROM calls c
		WHERE c.round_id = ? AND c.status IN ('done', 'unreachable')
		AND (c.office_id = ? OR c.office_id IN (SELECT id FROM offices WHERE merged_into = ?))`,
		roundID, target, target).Scan(&n, &problem)
	if err != nil {
		return err
	}
	if n == 0 {
		_, err = tx.ExecContext(ctx, "DELETE FROM audits WHERE office_id = ? AND round_number = ?", target, number)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO audits(office_id, round_number, round_id, problem, streak) VALUES(?, ?, ?, ?, 0)
			ON CONFLICT(office_id, round_number) DO UPDATE SET problem = excluded.problem`, target, number, roundID, problem)
	}
	if err != nil {
		return err
	}
	if err := restreak(ctx, tx, officeSeries(target), number); err != nil {
		return err
	}
	return refreshPersonAudits(ctx, tx, target, roundID, number)
}

// series is one line of maintained audits: an office's in audits, or a person's in
// person_audits. where picks its rows (with args), so one restreak serves both.
type series struct {
	table, where string
	args         []any
}

func officeSeries(office int64) series {
	return series{"audits", "office_id = ?", []any{office}}
}

func personSeries(department, person string) series {
	return series{"person_audits", "department = ? AND person = ?", []any{department, person}}
}

// restreak recomputes the maintained streaks of a series from round `from` on.
func restreak(ctx context.Context, tx *txn, sr series, from int) error {
	prev := 0
	args := append(slices.Clip(sr.args), from)
	err := tx.QueryRowContext(ctx, `SELECT streak FROM `+sr.table+` WHERE `+sr.where+` AND round_number < ?
		ORDER BY round_number DESC LIMIT 1`, args...).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT round_number, problem, streak FROM `+sr.table+` WHERE `+sr.where+`
		AND round_number >= ? ORDER BY round_number`, args...)
	if err != nil {
		return err
	}
	type fix struct{ round, streak int }
	var fixes []fix
	for rows.Next() {
		var round, streak int
		var problem bool
		if err := rows.Scan(&round, &problem, &streak); err != nil {
			rows.Close()
			return err
		}
		prev = scoring.NextStreak(prev, problem)
		if prev != streak {
			fixes = append(fixes, fix{round, prev})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, f := range fixes {
		args := append([]any{f.streak}, sr.args...)
		if _, err := tx.ExecContext(ctx, `UPDATE `+sr.table+` SET streak = ? WHERE `+sr.where+` AND round_number = ?`,
			append(args, f.round)...); err != nil {
			return err
		}
	}
	return nil
}

// rebuildAudits recomputes every audit of an office (as merged) from its calls.
func rebuildAudits(ctx context.Context, tx *txn, office int64) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM audits WHERE office_id = ?", office); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audits(office_id, round_number, round_id, problem, streak)
		SELECT ?, r.number, r.id, max(`+effProblem+`), 0 FROM calls c JOIN rounds r ON r.id = c.round_id
		WHERE c.status IN ('done', 'unreachable')
		AND (c.office_id = ? OR c.office_id IN (SELECT id FROM offices WHERE merged_into = ?))
		GROUP BY r.id`, office, office, office)
	if err != nil {
		return err
	}
	return restreak(ctx, tx, officeSeries(office), 0)
}

// Flag is a red or yellow office as of a round.
type Flag struct {
	Level      scoring.Level
	OfficeID   int64
	Department string
	Office     string // for persons: the person (工号, or 姓名 when no number was given)
	Streak     int
	Round      int // the office's latest audited round up to the round asked for
	RoundName  string
}

// The SQL of the flags, exported for the benchmark that runs it in the sqlite3 command too:
// LatestRoundSQL gives the round the flags are of when none is asked for, FlagsSQL the flags as
// of round ?1.
const (
	LatestRoundSQL = "SELECT coalesce(max(round_number), 0) FROM audits"
	FlagsSQL       = `SELECT o.id, d.name, o.name, l.streak, l.round_number, r.name
		FROM latest_audits l
		JOIN offices o ON o.id = l.office_id
		JOIN departments d ON d.id = o.department_id
		JOIN rounds r ON r.id = l.round_id
		WHERE l.round_number <= ?1 AND l.streak >= 2 AND o.merged_into IS NULL
		UNION ALL
		SELECT o.id, d.name, o.name, a.streak, a.round_number, r.name
		FROM latest_audits l
		JOIN offices o ON o.id = l.office_id
		CROSS JOIN audits a ON a.office_id = o.id AND a.round_number =
			(SELECT max(x.round_number) FROM audits x WHERE x.office_id = o.id AND x.round_number <= ?1)
		JOIN departments d ON d.id = o.department_id
		JOIN rounds r ON r.id = a.round_id
		WHERE l.round_number > ?1 AND a.streak >= 2 AND o.merged_into IS NULL`
)

// Flags lists red and yellow offices as of round asOf (0: the latest round with any audit):
// red first, then by streak, department and office. An office whose latest audit (kept in
// latest_audits) is at or before asOf costs one row of that small table, whose maintained streak
// is the answer, so the flags of the latest round cost the same at 500 rounds as at 10; an office
// audited after asOf costs an index lookup of its latest audit up to asOf (the CROSS JOIN keeps
// SQLite from driving that join with a scan of every audit).
func (s *Store) Flags(ctx context.Context, asOf int) ([]Flag, error) {
	if err := s.leadOnly(ctx, ActionReadFlags); err != nil {
		return nil, err
	}
	return flags(ctx, s.r, asOf)
}

func flags(ctx context.Context, q querier, asOf int) ([]Flag, error) {
	if asOf == 0 {
		if err := q.QueryRowContext(ctx, LatestRoundSQL).Scan(&asOf); err != nil {
			return nil, mapErr(err)
		}
	}
	return queryFlags(ctx, q, FlagsSQL, asOf, nil)
}

// queryFlags runs a flags query (FlagsSQL, personFlagsSQL: office id, department, name, streak,
// round number, round name) as of round asOf and sorts its flags; name, when not nil, rewrites
// each name as read.
func queryFlags(ctx context.Context, q querier, query string, asOf int, name func(string) string) ([]Flag, error) {
	out, err := queryAll(ctx, q, func(sc scanner) (Flag, error) {
		var f Flag
		err := sc.Scan(&f.OfficeID, &f.Department, &f.Office, &f.Streak, &f.Round, &f.RoundName)
		if name != nil {
			f.Office = name(f.Office)
		}
		f.Level = scoring.LevelOf(f.Streak)
		return f, err
	}, query, asOf)
	sortFlags(out)
	return out, err
}

func sortFlags(fs []Flag) {
	slices.SortStableFunc(fs, func(a, b Flag) int {
		return cmp.Or(cmp.Compare(b.Streak, a.Streak), cmp.Compare(a.Department, b.Department), cmp.Compare(a.Office, b.Office))
	})
}

// OfficeAudits lists an office's audits (as merged), oldest first.
func (s *Store) OfficeAudits(ctx context.Context, officeID int64) ([]scoring.Audit, error) {
	if err := s.leadOnly(ctx, ActionReadPastAudits); err != nil {
		return nil, err
	}
	target, err := canonicalOffice(ctx, s.r, officeID)
	if err != nil {
		return nil, mapErr(err)
	}
	return queryAll(ctx, s.r, func(sc scanner) (scoring.Audit, error) {
		var a scoring.Audit
		err := sc.Scan(&a.Round, &a.Problem)
		return a, err
	}, "SELECT round_number, problem FROM audits WHERE office_id = ? ORDER BY round_number", target)
}

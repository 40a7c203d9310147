package store

import (
	"context"
	"strings"
)

// A person who answered, in SQL: a call's department (as stored on it) and its 工号, or its 姓名
// when no number was given. A staff number and a name never stand for one person, though they
// may read alike, hence the prefixes.
const (
	personKey = "CASE WHEN c.answered_staff_no <> '' THEN 'no:' || c.answered_staff_no ELSE 'name:' || c.answered_name END"
	answered  = "c.status IN ('done', 'unreachable') AND (c.answered_staff_no <> '' OR c.answered_name <> '')"
)

// personOf is personKey in Go, for calls written in bulk: "" when nobody was named.
func personOf(staffNo, name string) string {
	switch {
	case staffNo != "":
		return "no:" + staffNo
	case name != "":
		return "name:" + name
	}
	return ""
}

type person struct{ department, key string }

// refreshPersonAudits recomputes, for each person who answered a finished call of the office (as
// merged) in a round, their audit in that round from all their calls in it, then their streaks
// from that round on.
func refreshPersonAudits(ctx context.Context, tx *txn, office, roundID int64, number int) error {
	persons, err := queryAll(ctx, tx, func(sc scanner) (person, error) {
		var p person
		err := sc.Scan(&p.department, &p.key)
		return p, err
	}, `SELECT DISTINCT c.department_name, `+personKey+` FROM calls c
		WHERE c.round_id = ? AND `+officeCalls+` AND `+answered, roundID, office, office)
	if err != nil {
		return err
	}
	for _, p := range persons {
		var problem bool
		err := tx.QueryRowContext(ctx, `SELECT max(`+effProblem+`) FROM calls c
			WHERE c.round_id = ? AND c.department_name = ? AND `+personKey+` = ? AND `+answered,
			roundID, p.department, p.key).Scan(&problem)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO person_audits(department, person, round_number, round_id, problem, streak)
			VALUES(?, ?, ?, ?, ?, 0) ON CONFLICT(department, person, round_number) DO UPDATE SET problem = excluded.problem`,
			p.department, p.key, number, roundID, problem)
		if err != nil {
			return err
		}
		if err := restreak(ctx, tx, personSeries(p.department, p.key), number); err != nil {
			return err
		}
	}
	return nil
}

// personFlagsSQL is the persons' flags as of round ?1, as FlagsSQL is the offices' (with no
// office: 0), read by queryFlags: a person whose latest audit is at or before ?1 costs one row of
// the flagged persons' index; one audited after it, a lookup of their latest audit up to ?1.
const personFlagsSQL = `SELECT 0, l.department, l.person, l.streak, l.round_number, r.name
	FROM latest_person_audits l INDEXED BY latest_person_audits_flagged
	JOIN rounds r ON r.id = l.round_id
	WHERE l.streak >= 2 AND l.round_number <= ?1
	UNION ALL
	SELECT 0, a.department, a.person, a.streak, a.round_number, r.name
	FROM latest_person_audits l
	CROSS JOIN person_audits a ON a.department = l.department AND a.person = l.person AND a.round_number =
		(SELECT max(x.round_number) FROM person_audits x
			WHERE x.department = l.department AND x.person = l.person AND x.round_number <= ?1)
	JOIN rounds r ON r.id = a.round_id
	WHERE l.round_number > ?1 AND a.streak >= 2`

// PersonFlags lists red and yellow persons who answered, identified by department + 工号 (or
// 姓名 when no number was given), as of round asOf (0: the latest round with any audit).
func (s *Store) PersonFlags(ctx context.Context, asOf int) ([]Flag, error) {
	if err := s.leadOnly(ctx, ActionReadPersonFlags); err != nil {
		return nil, err
	}
	if asOf == 0 {
		var err error
		if asOf, err = s.LatestAuditedRound(ctx); err != nil {
			return nil, err
		}
	}
	return queryFlags(ctx, s.r, personFlagsSQL, asOf, func(person string) string {
		return strings.TrimPrefix(strings.TrimPrefix(person, "no:"), "name:")
	})
}

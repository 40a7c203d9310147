package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"phoneaudit/scoring"
)

// The calls of an office as merged, in SQL: the office (bound twice) and the offices merged into it.
const officeCalls = "c.office_id IN (SELECT ? UNION ALL SELECT id FROM offices WHERE merged_into = ?)"

// FlagRow is a line of the lead's flagged offices: the flag, why, and what the office was told.
type FlagRow struct {
	Flag
	StreakRounds []int            // the round numbers of the streak, oldest first
	Reasons      []scoring.Reason // the problems of the office's calls in its latest audit (amended)
	Provisional  bool             // the flag's round is still open: its calls may change
	Amended      bool             // a lead amended a call of the streak: the flag stands on the amended values
	// The office's latest notice up to the round asked for: its status (issued, reported, verified
	// or overdue; "" when it has none), id and deadline.
	Notice         string
	NoticeID       int64
	NoticeDeadline string
}

// FlagRows lists the flags as of round asOf (0: the latest round with any audit) as Flags does,
// each with the rounds of its streak, the latest problems in words and the latest notice. Beyond
// the one query of Flags, each flagged office costs a few index lookups: it reads only what the
// rows show.
func (s *Store) FlagRows(ctx context.Context, asOf int) ([]FlagRow, error) {
	if err := s.leadOnly(ctx, ActionReadFlaggedOffices); err != nil {
		return nil, err
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return nil, err
	}
	today := s.Now().In(loc).Format(time.DateOnly)
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, mapErr(err)
	}
	defer tx.Rollback()
	if asOf == 0 {
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(round_number), 0) FROM audits").Scan(&asOf); err != nil {
			return nil, mapErr(err)
		}
	}
	fs, err := flags(ctx, tx, asOf)
	if err != nil {
		return nil, err
	}
	q, err := prepareFlagQueries(ctx, tx)
	if err != nil {
		return nil, mapErr(err)
	}
	defer q.close()
	out := make([]FlagRow, len(fs))
	for i, f := range fs {
		out[i] = FlagRow{Flag: f}
		if err := q.fill(ctx, &out[i], asOf, today); err != nil {
			return nil, mapErr(fault(err, "reading the flag of %s · %s", f.Department, f.Office))
		}
	}
	return out, nil
}

// flagQueries are the per-office lookups of FlagRows, prepared once.
type flagQueries struct {
	streak, reasons, amended, notice, round *sql.Stmt
	rounds                                  map[int]string // round number → status
}

func prepareFlagQueries(ctx context.Context, tx *sql.Tx) (*flagQueries, error) {
	q := &flagQueries{rounds: map[int]string{}}
	var err error
	prep := func(query string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, query)
		return st
	}
	q.streak = prep(`SELECT round_number FROM audits WHERE office_id = ? AND round_number <= ?
		ORDER BY round_number DESC LIMIT ?`)
	q.reasons = prep(`SELECT ` + effReasons + ` FROM calls c
		WHERE c.round_id = (SELECT id FROM rounds WHERE number = ?) AND ` + officeCalls + `
		AND c.status IN ('done', 'unreachable') AND ` + effProblem + ` = 1 ORDER BY c.id`)
	q.amended = prep(`SELECT EXISTS (SELECT 1 FROM calls c
		WHERE c.round_id IN (SELECT id FROM rounds WHERE number BETWEEN ? AND ?) AND ` + officeCalls + `
		AND c.amendment_id IS NOT NULL)`)
	q.notice = prep(`SELECT n.id, n.status, n.deadline FROM notices n JOIN rounds r ON r.id = n.round_id
		WHERE n.office_id IN (SELECT ? UNION ALL SELECT id FROM offices WHERE merged_into = ?) AND r.number <= ?
		ORDER BY r.number DESC, n.id DESC LIMIT 1`)
	q.round = prep("SELECT status FROM rounds WHERE number = ?")
	if err != nil {
		q.close()
	}
	return q, err
}

func (q *flagQueries) close() {
	for _, st := range []*sql.Stmt{q.streak, q.reasons, q.amended, q.notice, q.round} {
		if st != nil {
			st.Close()
		}
	}
}

func (q *flagQueries) fill(ctx context.Context, row *FlagRow, asOf int, today string) error {
	var err error
	if row.StreakRounds, err = q.streakRounds(ctx, row.OfficeID, row.Round, row.Streak); err != nil {
		return err
	}
	if row.Reasons, err = q.latestReasons(ctx, row.OfficeID, row.Round); err != nil {
		return err
	}
	if len(row.StreakRounds) > 0 {
		first := row.StreakRounds[0]
		if err := q.amended.QueryRowContext(ctx, first, row.Round, row.OfficeID, row.OfficeID).Scan(&row.Amended); err != nil {
			return err
		}
	}
	status, ok := q.rounds[row.Round]
	if !ok {
		if err := q.round.QueryRowContext(ctx, row.Round).Scan(&status); err != nil {
			return err
		}
		q.rounds[row.Round] = status
	}
	row.Provisional = status == RoundOpen
	err = q.notice.QueryRowContext(ctx, row.OfficeID, row.OfficeID, asOf).Scan(&row.NoticeID, &row.Notice, &row.NoticeDeadline)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	case row.Notice == NoticeIssued && row.NoticeDeadline < today:
		row.Notice = NoticeOverdue
	}
	return nil
}

// streakRounds is the rounds of the office's last n audits up to round: a streak of n problems.
func (q *flagQueries) streakRounds(ctx context.Context, office int64, round, n int) ([]int, error) {
	rows, err := q.streak.QueryContext(ctx, office, round, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var r int
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	slices.Reverse(out)
	return out, rows.Err()
}

// latestReasons gathers the reasons of the office's calls with a problem in a round, each once.
func (q *flagQueries) latestReasons(ctx context.Context, office int64, round int) ([]scoring.Reason, error) {
	rows, err := q.reasons.QueryContext(ctx, round, office, office)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []scoring.Reason
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		rs, err := decodeReasons(body)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if !slices.ContainsFunc(out, func(o scoring.Reason) bool { return o.Code == r.Code && o.ZH == r.ZH }) {
				out = append(out, r)
			}
		}
	}
	return out, rows.Err()
}

// OfficeSummary is one office of tab 4: its latest audit up to a round.
type OfficeSummary struct {
	Office
	Round         int // the office's latest audited round up to the one asked for; 0: never audited
	RoundName     string
	Imported      bool // that round was made by a results import
	RubricVersion int  // that round's rubric; 0 for an imported round
	// The mean total of the office's calls in that round that have one (amended), and its grade
	// on the round's rubric (the default one for imported rounds). HasTotal is false when none
	// has a total (unreachable, 13/14, or imported without a score).
	Total    float64
	HasTotal bool
	Grade    string
	Problem  bool
	Streak   int
	Level    scoring.Level
}

// OfficeSummaries lists every office (merged ones fold into the office they joined) with its
// latest audit up to round asOf (0: the latest round with any audit), by department and office.
func (s *Store) OfficeSummaries(ctx context.Context, asOf int) ([]OfficeSummary, error) {
	if err := s.leadOnly(ctx, ActionReadOfficeResults); err != nil {
		return nil, err
	}
	if asOf == 0 {
		var err error
		if asOf, err = s.LatestAuditedRound(ctx); err != nil {
			return nil, err
		}
	}
	out, err := queryAll(ctx, s.r, func(sc scanner) (OfficeSummary, error) {
		var o OfficeSummary
		var total sql.NullFloat64
		err := sc.Scan(&o.ID, &o.Department, &o.Name, &o.Phone, &o.Category, &o.Active,
			&o.Round, &o.RoundName, &o.Imported, &o.RubricVersion, &o.Problem, &o.Streak, &total)
		o.Total, o.HasTotal, o.Level = total.Float64, total.Valid, scoring.LevelOf(o.Streak)
		return o, err
	}, `SELECT o.id, d.name, o.name, o.phone, o.category, o.active,
			coalesce(a.round_number, 0), coalesce(r.name, ''), coalesce(r.imported, 0), coalesce(r.rubric_version, 0),
			coalesce(a.problem, 0), coalesce(a.streak, 0),
			(SELECT avg(`+effTotal+`) FROM calls c WHERE c.round_id = a.round_id
				AND c.office_id IN (SELECT o.id UNION ALL SELECT m.id FROM offices m WHERE m.merged_into = o.id)
				AND c.status = 'done' AND (c.scored = 1 OR c.imported = 1))
		FROM offices o JOIN departments d ON d.id = o.department_id
		LEFT JOIN audits a ON a.office_id = o.id AND a.round_number =
			(SELECT max(x.round_number) FROM audits x WHERE x.office_id = o.id AND x.round_number <= ?)
		LEFT JOIN rounds r ON r.id = a.round_id
		WHERE o.merged_into IS NULL ORDER BY d.name, o.name`, asOf)
	if err != nil {
		return nil, err
	}
	return out, s.gradeSummaries(ctx, out)
}

// gradeSummaries grades each total on its round's rubric.
func (s *Store) gradeSummaries(ctx context.Context, out []OfficeSummary) error {
	def := scoring.DefaultRubric()
	for i := range out {
		if !out[i].HasTotal {
			continue
		}
		rub := def
		if v := out[i].RubricVersion; v != 0 {
			var err error
			if rub, err = s.rubricVersion(ctx, s.r, v); err != nil {
				return mapErr(err)
			}
		}
		out[i].Grade = rub.GradeOf(out[i].Total).Key
	}
	return nil
}

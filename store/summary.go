package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"phoneaudit/scoring"
)

// RoundSummaryInput loads what package scoring summarises for a round's bulletin: the round's
// finished calls and their results (amended, where a lead amended them), the streaks as of the
// round, the previous round with audits (nil for a first round), and the rubric the round was
// scored on (the default one for imported rounds, for its grades). It computes nothing itself.
func (s *Store) RoundSummaryInput(ctx context.Context, roundID int64) (cur scoring.RoundInfo, prev *scoring.RoundInfo, rub scoring.Rubric, err error) {
	if err := s.publishedOrLead(ctx, roundID, ActionReadUnpublishedResults); err != nil {
		return cur, nil, rub, err
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return cur, nil, rub, err
	}
	r, err := s.roundByID(ctx, roundID)
	if err != nil {
		return cur, nil, rub, err
	}
	if cur, err = roundInfo(ctx, s.r, r, loc, 0); err != nil {
		return cur, nil, rub, err
	}
	rub = scoring.DefaultRubric()
	if r.RubricVersion != 0 {
		if rub, err = s.Rubric(ctx, r.RubricVersion); err != nil {
			return cur, nil, rub, err
		}
	}
	var pn int
	err = s.r.QueryRowContext(ctx, "SELECT coalesce(max(round_number), 0) FROM audits WHERE round_number < ?", r.Number).Scan(&pn)
	if err != nil || pn == 0 {
		return cur, nil, rub, mapErr(err)
	}
	pr, err := s.FindRound(ctx, fmt.Sprint(pn))
	if err != nil {
		return cur, nil, rub, err
	}
	p, err := roundInfo(ctx, s.r, pr, loc, 0)
	return cur, &p, rub, err
}

func (s *Store) roundByID(ctx context.Context, id int64) (Round, error) {
	r, err := scanRound(s.r.QueryRowContext(ctx, "SELECT "+roundColumns+" FROM rounds r WHERE r.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fault(ErrNotFound, "no round %d", id)
	}
	return r, mapErr(err)
}

// roundInfo loads a round's finished calls and streaks from q. asOf 0 takes the data as it is;
// asOf > 0 takes it as it was at that ledger entry: every amendment chained at or after it is
// left out of the results and of the streaks (which are then worked out here from the rounds up
// to this one rather than read from the maintained audits).
func roundInfo(ctx context.Context, q querier, r Round, loc *time.Location, asOf int64) (scoring.RoundInfo, error) {
	info := scoring.RoundInfo{Number: r.Number, Name: r.Name, Imported: r.Imported, Streaks: map[int64]int{}}
	if !r.Imported {
		info.Planned = r.Planned
	}
	info.From, _ = time.ParseInLocation(time.DateOnly, r.From, loc)
	info.To, _ = time.ParseInLocation(time.DateOnly, r.To, loc)
	canon, err := canonicalMap(ctx, q)
	if err != nil {
		return info, err
	}
	total, grade, problem, reasons, join := effTotal, effGrade, effProblem, effReasons, ""
	args := []any{r.ID}
	if asOf > 0 {
		total, grade, problem, reasons, join = asOfTotal, asOfGrade, asOfProblem, asOfReasons, asOfJoin
		args = []any{asOf, r.ID}
	}
	info.Calls, err = queryAll(ctx, q, func(sc scanner) (scoring.SummaryCall, error) {
		var c scoring.SummaryCall
		var at, status, reasons string
		var offset, total sql.NullFloat64
		if err := sc.Scan(&c.OfficeID, &c.Department, &c.Office, &c.Category, &c.Imported, &at, &c.Auditor, &c.Persona,
			&c.Note, &c.Recording, &offset, &c.StaffNo, &c.StaffName, &c.Reached,
			&status, &c.Result.Scored, &total, &c.Result.Grade, &c.Result.Problem, &reasons, &c.Result.NeedsReview); err != nil {
			return c, err
		}
		if t, err := parseTime(at); err == nil {
			c.At = t.In(loc)
		}
		if offset.Valid {
			d := time.Duration(offset.Float64 * float64(time.Second))
			c.RecordingOffset = &d
		}
		if id, ok := canon[c.OfficeID]; ok {
			c.OfficeID = id
		}
		c.Result.Status = scoring.CallStatus(status)
		c.Result.Finished = true
		c.Result.Total = total.Float64
		var err error
		c.Result.Reasons, err = decodeReasons(reasons)
		return c, err
	}, `SELECT c.office_id, coalesce(c.department_name, d.name), coalesce(c.office_name, o.name),
			o.category, c.imported, coalesce((SELECT min(at) FROM attempts t WHERE t.call_id = c.id), ''),
			coalesce(a.name, ''), coalesce(c.persona, ''), c.notes, c.recording_file, c.recording_offset,
			c.answered_staff_no, c.answered_name,
			EXISTS (SELECT 1 FROM attempts t WHERE t.call_id = c.id AND t.outcome IN (11, 12)),
			c.status, c.scored, `+total+`, coalesce(`+grade+`, ''), coalesce(`+problem+`, 0), `+reasons+`,
			c.needs_review
		FROM calls c JOIN offices o ON o.id = c.office_id JOIN departments d ON d.id = o.department_id
		LEFT JOIN auditors a ON a.id = c.auditor_id`+join+`
		WHERE c.round_id = ? AND c.status IN ('done', 'unreachable') ORDER BY c.id`, args...)
	if err != nil {
		return info, err
	}
	if asOf > 0 {
		info.Streaks, err = streaksAsOf(ctx, q, r.Number, canon, asOf)
		return info, err
	}
	srows, err := q.QueryContext(ctx, "SELECT office_id, streak FROM audits WHERE round_number = ?", r.Number)
	if err != nil {
		return info, mapErr(err)
	}
	defer srows.Close()
	for srows.Next() {
		var id int64
		var streak int
		if err := srows.Scan(&id, &streak); err != nil {
			return info, mapErr(err)
		}
		info.Streaks[id] = streak
	}
	return info, mapErr(srows.Err())
}

// canonicalMap maps every merged office to the office its history now counts for.
func canonicalMap(ctx context.Context, q querier) (map[int64]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, merged_into FROM offices WHERE merged_into IS NOT NULL")
	if err != nil {
		return nil, mapErr(err)
	}
	next := map[int64]int64{}
	for rows.Next() {
		var id, into int64
		if err := rows.Scan(&id, &into); err != nil {
			rows.Close()
			return nil, mapErr(err)
		}
		next[id] = into
	}
	rows.Close()
	out := map[int64]int64{}
	for id := range next {
		target := id
		for range 64 {
			n, ok := next[target]
			if !ok {
				break
			}
			target = n
		}
		out[id] = target
	}
	return out, mapErr(rows.Err())
}

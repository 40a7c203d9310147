package store

import (
	"context"
	"database/sql"
	"math"
	"slices"
	"strings"
	"time"

	"phoneaudit/scoring"
)

// HistoryEntry is one call of an office's history: the call as recorded (its Result amended
// where a lead amended it, with Original and Amended), its round, its dials and its score.
type HistoryEntry struct {
	Call
	RoundImported bool // the round was made by a results import: no dials, no criteria
	RubricVersion int  // the round's rubric; 0 for an imported round
	FirstDial     time.Time
	Attempts      []scoring.Attempt
	// The criteria of the sheet the result stands on: the consensus sheet, else the caller's,
	// else the first submitted one; as amended when it was. Rater names that sheet.
	Rater      string
	SheetID    int64 // that sheet: the one an amendment of this call's score changes; 0 for none
	Consensus  bool
	Criteria   []CriterionScore
	Amendments []Amendment // oldest first
}

// CriterionScore is one criterion of a sheet: the value set and the points it earns.
type CriterionScore struct {
	Key              string
	LabelZH, LabelEN string
	Value            int
	Set              bool
	Points, Max      float64
}

// OfficeHistory reads a page of an office's audits (as merged), newest first: the finished calls
// of its `limit` latest audited rounds before round number `before` (0: from the newest). The
// next page starts before the last entry's round. It reads the office's audits and calls through
// their indexes, never the whole history.
func (s *Store) OfficeHistory(ctx context.Context, officeID int64, before int, limit int) ([]HistoryEntry, error) {
	if err := s.leadOnly(ctx, ActionReadHistory); err != nil {
		return nil, err
	}
	if before <= 0 {
		before = math.MaxInt32
	}
	if limit <= 0 {
		limit = 20
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, mapErr(err)
	}
	defer tx.Rollback()
	target, err := canonicalOffice(ctx, tx, officeID)
	if err != nil {
		return nil, mapErr(err)
	}
	roundIDs, err := queryAll(ctx, tx, scanOne[int64], `SELECT round_id FROM audits WHERE office_id = ? AND round_number < ?
		ORDER BY round_number DESC LIMIT ?`, target, before, limit)
	if err != nil || len(roundIDs) == 0 {
		return nil, mapErr(err)
	}
	out, err := historyCalls(ctx, tx, target, roundIDs)
	if err != nil {
		return nil, mapErr(err)
	}
	for i := range out {
		if err := s.fillHistory(ctx, tx, &out[i]); err != nil {
			return nil, mapErr(err)
		}
	}
	return out, nil
}

// historyCalls reads the office's finished calls in the given rounds, newest round first.
func historyCalls(ctx context.Context, tx *sql.Tx, target int64, roundIDs []int64) ([]HistoryEntry, error) {
	args := []any{target, target}
	for _, id := range roundIDs {
		args = append(args, id)
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(roundIDs)), ", ")
	return queryAll(ctx, tx, func(sc scanner) (HistoryEntry, error) {
		var e HistoryEntry
		var err error
		e.Call, err = scanCall(extraColumns{sc, []any{&e.RoundImported, &e.RubricVersion}})
		return e, err
	}, "SELECT "+callColumns+", r.imported, coalesce(r.rubric_version, 0)"+callJoins+
		" WHERE "+officeCalls+" AND c.round_id IN ("+marks+") AND c.status IN ('done', 'unreachable')"+
		" ORDER BY r.number DESC, c.id", args...)
}

// fillHistory reads a call's dials, the sheet its result stands on and its amendments.
func (s *Store) fillHistory(ctx context.Context, tx *sql.Tx, e *HistoryEntry) error {
	var err error
	if e.Attempts, err = attempts(ctx, tx, e.ID); err != nil {
		return err
	}
	if len(e.Attempts) > 0 {
		e.FirstDial = slices.MinFunc(e.Attempts, func(a, b scoring.Attempt) int { return a.At.Compare(b.At) }).At
	}
	if e.Amended {
		if e.Amendments, err = amendmentsOf(ctx, tx, e.Call); err != nil {
			return err
		}
	}
	if e.RubricVersion == 0 || !e.Result.Scored {
		return nil
	}
	rub, err := s.rubricVersion(ctx, tx, e.RubricVersion)
	if err != nil {
		return err
	}
	sheets, err := sheetsOf(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	sh, ok := resultSheet(sheets, e.AuditorID)
	if !ok {
		return nil
	}
	e.Rater, e.SheetID, e.Consensus = sh.Rater, sh.ID, sh.Kind == "consensus"
	answers := sh.Answers
	for _, a := range e.Amendments {
		if a.SheetID == sh.ID {
			answers = a.Answers
		}
	}
	e.Criteria = criterionScores(rub, answers, e.AnswerSeconds)
	return nil
}

// resultSheet picks the sheet a call's result stands on: the consensus, else the caller's
// submitted sheet, else the first submitted one.
func resultSheet(sheets []SheetInfo, caller int64) (SheetInfo, bool) {
	var first, own *SheetInfo
	for i := range sheets {
		sh := &sheets[i]
		if sh.Status != "submitted" {
			continue
		}
		if sh.Kind == "consensus" {
			return *sh, true
		}
		if first == nil {
			first = sh
		}
		if own == nil && sh.RaterID == caller {
			own = sh
		}
	}
	switch {
	case own != nil:
		return *own, true
	case first != nil:
		return *first, true
	default:
		return SheetInfo{}, false
	}
}

func criterionScores(r scoring.Rubric, a scoring.Answers, answerSeconds *int) []CriterionScore {
	sr := r.ScoreSheet(a, answerSeconds)
	out := make([]CriterionScore, len(r.Criteria))
	for i, c := range r.Criteria {
		cs := CriterionScore{Key: c.Key, LabelZH: c.Label("zh"), LabelEN: c.Label("en"), Max: c.Points}
		cs.Points, cs.Set = sr.Points[c.Key]
		if c.Kind == scoring.Seconds && answerSeconds != nil {
			cs.Value = *answerSeconds
		} else {
			cs.Value = a[c.Key]
		}
		out[i] = cs
	}
	return out
}

// TrendPoint is one audit of an office's trend line.
type TrendPoint struct {
	Round     int
	RoundName string
	// The mean total of the office's calls in the round that have one (amended); HasTotal is
	// false when none has (unreachable, 13/14, imported without a score).
	Total         float64
	HasTotal      bool
	Problem       bool
	Imported      bool
	RubricVersion int // 0 for an imported round
}

// OfficeTrend is the office's (as merged) last n audits, oldest first, for a sparkline.
func (s *Store) OfficeTrend(ctx context.Context, officeID int64, n int) ([]TrendPoint, error) {
	if err := s.leadOnly(ctx, ActionReadTrend); err != nil {
		return nil, err
	}
	target, err := canonicalOffice(ctx, s.r, officeID)
	if err != nil {
		return nil, mapErr(err)
	}
	return queryAll(ctx, s.r, func(sc scanner) (TrendPoint, error) {
		var p TrendPoint
		var total sql.NullFloat64
		err := sc.Scan(&p.Round, &p.RoundName, &p.Imported, &p.RubricVersion, &p.Problem, &total)
		p.Total, p.HasTotal = total.Float64, total.Valid
		return p, err
	}, `SELECT a.round_number, r.name, r.imported, coalesce(r.rubric_version, 0), a.problem,
			(SELECT avg(`+effTotal+`) FROM calls c WHERE c.round_id = a.round_id AND `+officeCalls+`
				AND c.status = 'done' AND (c.scored = 1 OR c.imported = 1))
		FROM (SELECT * FROM audits WHERE office_id = ? ORDER BY round_number DESC LIMIT ?) a
		JOIN rounds r ON r.id = a.round_id ORDER BY a.round_number`, target, target, target, n)
}

package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strconv"
)

// Reading each kind of ledger record from the tables: the same code when an entry is appended
// and when verify rebuilds it.

// fmtReal formats a REAL column one way; NULL is "".
func fmtReal(v sql.NullFloat64) string {
	if !v.Valid {
		return ""
	}
	return strconv.FormatFloat(v.Float64, 'f', -1, 64)
}

func readSheetRecord(ctx context.Context, q querier, id int64) (sheetRecord, error) {
	var r sheetRecord
	var total sql.NullFloat64
	err := q.QueryRowContext(ctx, `SELECT s.id, s.call_id, r.number, r.name, coalesce(c.department_name, ''),
		coalesce(c.office_name, ''), a.name, s.status, coalesce(s.submitted_at, ''), s.total
		FROM sheets s JOIN calls c ON c.id = s.call_id JOIN rounds r ON r.id = c.round_id
		JOIN auditors a ON a.id = s.rater_id WHERE s.id = ?`, id).
		Scan(&r.Sheet, &r.Call, &r.Round, &r.RoundName, &r.Department, &r.Office, &r.Rater, &r.Status, &r.Submitted, &total)
	if err != nil {
		return r, err
	}
	r.Total = fmtReal(total)
	r.Answers, err = answersOf(ctx, q, id)
	return r, err
}

// callRow is what the records of a call (its own, or an imported result) are read from.
type callRow struct {
	rec                   callRecord
	result                resultRecord
	needsReview, reviewed bool
	imported              bool
	line                  int
}

func readCallRow(ctx context.Context, q querier, id int64) (callRow, error) {
	var c callRow
	var secs sql.NullInt64
	var offset, total sql.NullFloat64
	var reasons string
	r := &c.rec
	err := q.QueryRowContext(ctx, `SELECT c.id, r.number, r.name, coalesce(c.department_name, ''), coalesce(c.office_name, ''),
		coalesce(a.name, ''), coalesce(c.persona, ''), coalesce(c.scenario_id, 0), coalesce(c.timer_started_at, ''),
		c.answer_seconds, c.answered_staff_no, c.answered_name, c.notes, c.recording_file, c.recording_offset,
		c.recording_sha256, c.status, coalesce(c.finished_at, ''), c.scored, c.total, coalesce(c.grade, ''),
		coalesce(c.problem, 0), c.reasons, c.needs_review, EXISTS(SELECT 1 FROM reviews v WHERE v.call_id = c.id),
		c.imported, coalesce(c.imported_line, 0)
		FROM calls c JOIN rounds r ON r.id = c.round_id LEFT JOIN auditors a ON a.id = c.auditor_id WHERE c.id = ?`, id).
		Scan(&r.Call, &r.Round, &r.RoundName, &r.Department, &r.Office, &r.Caller, &r.Persona, &r.Scenario, &r.TimerStarted,
			&secs, &r.StaffNo, &r.AnsweredName, &r.Notes, &r.Recording.File, &offset, &r.Recording.SHA256, &r.Status,
			&r.Finished, &c.result.Scored, &total, &c.result.Grade, &c.result.Problem, &reasons, &c.needsReview, &c.reviewed,
			&c.imported, &c.line)
	if err != nil {
		return c, err
	}
	if secs.Valid {
		v := int(secs.Int64)
		r.AnswerSeconds = &v
	}
	r.Recording.Offset = fmtReal(offset)
	c.result.Total = fmtReal(total)
	c.result.Reasons, err = reasonsRecord(reasons)
	return c, err
}

// reasonsRecord decodes stored reasons into the form the ledger encodes (never null).
func reasonsRecord(s string) ([]storedReason, error) {
	rs, err := decodeReasons(s)
	if err != nil {
		return nil, err
	}
	out := make([]storedReason, len(rs))
	for i, r := range rs {
		out[i] = storedReason{string(r.Type), r.Code, r.ZH, r.EN}
	}
	return out, nil
}

func readCallRecord(ctx context.Context, q querier, id int64) (callRecord, error) {
	c, err := readCallRow(ctx, q, id)
	if err != nil {
		return c.rec, err
	}
	r := c.rec
	if c.needsReview || c.reviewed {
		r.NeedsReview = true
	} else {
		r.Result = &c.result
	}
	if r.Attempts, err = attemptRecords(ctx, q, id); err != nil {
		return r, err
	}
	r.Dropped, err = droppedSheets(ctx, q, id)
	return r, err
}

func attemptRecords(ctx context.Context, q querier, callID int64) ([]attemptRecord, error) {
	return queryAll(ctx, q, func(sc scanner) (attemptRecord, error) {
		var a attemptRecord
		err := sc.Scan(&a.At, &a.Code, &a.By)
		return a, err
	}, "SELECT at, outcome, by FROM attempts WHERE call_id = ? ORDER BY at, id", callID)
}

func droppedSheets(ctx context.Context, q querier, callID int64) ([]droppedSheet, error) {
	return queryAll(ctx, q, func(sc scanner) (droppedSheet, error) {
		var d droppedSheet
		err := sc.Scan(&d.Sheet, &d.Rater, &d.At, &d.By, &d.Reason)
		return d, err
	}, `SELECT s.id, a.name, coalesce(s.dropped_at, ''), coalesce(s.dropped_by, ''), s.reason
		FROM sheets s JOIN auditors a ON a.id = s.rater_id WHERE s.call_id = ? AND s.status = 'dropped' ORDER BY s.id`, callID)
}

func readImportRecord(ctx context.Context, q querier, id int64) (importRecord, error) {
	c, err := readCallRow(ctx, q, id)
	return importRecord{Call: c.rec.Call, Round: c.rec.Round, RoundName: c.rec.RoundName, Department: c.rec.Department,
		Office: c.rec.Office, Line: c.line, At: c.rec.Finished, Status: c.rec.Status, Result: c.result}, err
}

func readReviewRecord(ctx context.Context, q querier, id int64) (reviewRecord, error) {
	var r reviewRecord
	var sheetID int64
	var total sql.NullFloat64
	var reasons string
	err := q.QueryRowContext(ctx, `SELECT v.id, v.call_id, r.number, r.name, coalesce(c.department_name, ''),
		coalesce(c.office_name, ''), v.kind, coalesce(v.sheet_id, 0), v.at, v.by, v.reason,
		c.scored, c.total, coalesce(c.grade, ''), coalesce(c.problem, 0), c.reasons
		FROM reviews v JOIN calls c ON c.id = v.call_id JOIN rounds r ON r.id = c.round_id WHERE v.id = ?`, id).
		Scan(&r.Review, &r.Call, &r.Round, &r.RoundName, &r.Department, &r.Office, &r.Kind, &sheetID, &r.At, &r.By, &r.Reason,
			&r.Result.Scored, &total, &r.Result.Grade, &r.Result.Problem, &reasons)
	if err != nil {
		return r, err
	}
	r.Result.Total = fmtReal(total)
	if r.Result.Reasons, err = reasonsRecord(reasons); err != nil || sheetID == 0 {
		return r, err
	}
	cs := &consensusSheet{Sheet: sheetID}
	err = q.QueryRowContext(ctx, `SELECT a.name, s.status, coalesce(s.submitted_at, ''), s.total
		FROM sheets s JOIN auditors a ON a.id = s.rater_id WHERE s.id = ?`, sheetID).Scan(&cs.Rater, &cs.Status, &cs.Submitted, &total)
	if err != nil {
		return r, err
	}
	cs.Total = fmtReal(total)
	cs.Answers, err = answersOf(ctx, q, sheetID)
	r.Consensus = cs
	return r, err
}

func readAmendmentRecord(ctx context.Context, q querier, id int64) (amendmentRecord, error) {
	var r amendmentRecord
	var answers, newReasons sql.NullString
	var newProblem sql.NullBool
	var newTotal, total sql.NullFloat64
	var reasons string
	err := q.QueryRowContext(ctx, `SELECT m.id, m.call_id, coalesce(m.sheet_id, 0), r.number, r.name,
		coalesce(c.department_name, ''), coalesce(c.office_name, ''), m.at, m.by, m.reason, m.answers, m.new_problem,
		m.new_total, m.new_reasons, m.scored, m.total, coalesce(m.grade, ''), m.problem, m.reasons, m.after_publication
		FROM amendments m JOIN calls c ON c.id = m.call_id JOIN rounds r ON r.id = c.round_id WHERE m.id = ?`, id).
		Scan(&r.Amendment, &r.Call, &r.Sheet, &r.Round, &r.RoundName, &r.Department, &r.Office, &r.At, &r.By, &r.Reason,
			&answers, &newProblem, &newTotal, &newReasons, &r.Result.Scored, &total, &r.Result.Grade, &r.Result.Problem,
			&reasons, &r.AfterPublication)
	if err != nil {
		return r, err
	}
	if answers.Valid {
		if r.Answers, err = decodeAnswers(answers.String); err != nil {
			return r, err
		}
	}
	if newProblem.Valid {
		r.NewProblem = &newProblem.Bool
	}
	if newReasons.Valid {
		r.NewReasons = &newReasons.String
	}
	r.NewTotal, r.Result.Total = fmtReal(newTotal), fmtReal(total)
	r.Result.Reasons, err = reasonsRecord(reasons)
	return r, err
}

func readChangeRecord(ctx context.Context, q querier, id int64, close bool) (changeRecord, error) {
	var r changeRecord
	err := q.QueryRowContext(ctx, "SELECT id, at, by, entity, coalesce(entity_id, 0), action, detail FROM changes WHERE id = ?", id).
		Scan(&r.Change, &r.At, &r.By, &r.Entity, &r.EntityID, &r.Action, &r.Detail)
	if err != nil || !close {
		return r, err
	}
	err = q.QueryRowContext(ctx, "SELECT number, name FROM rounds WHERE id = ?", r.EntityID).Scan(&r.Round, &r.RoundName)
	return r, err
}

func readPublicationRecord(ctx context.Context, q querier, id int64) (publicationRecord, error) {
	var r publicationRecord
	var roundID int64
	err := q.QueryRowContext(ctx, `SELECT p.id, p.round_id, r.number, r.name, p.published_at, p.published_by,
		coalesce(p.deadline, ''), coalesce(p.ledger_head, '')
		FROM publications p JOIN rounds r ON r.id = p.round_id WHERE p.id = ?`, id).
		Scan(&r.Publication, &roundID, &r.Round, &r.RoundName, &r.At, &r.By, &r.Deadline, &r.LedgerHead)
	if err != nil {
		return r, err
	}
	rows, err := q.QueryContext(ctx, "SELECT lang, format, body, sha256 FROM publication_texts WHERE round_id = ?", roundID)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	r.Texts, r.Checksums = map[string]string{}, map[string]string{}
	for rows.Next() {
		var lang, format, body, sum string
		if err := rows.Scan(&lang, &format, &body, &sum); err != nil {
			return r, err
		}
		h := sha256.Sum256([]byte(body))
		r.Texts[lang+"/"+format] = hex.EncodeToString(h[:])
		r.Checksums[lang+"/"+format] = sum
	}
	return r, rows.Err()
}

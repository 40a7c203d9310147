package store

import (
	"context"
	"database/sql"
	"strconv"
)

// Beside the chain, verify works out again everything a flag or a bulletin is read from, from the
// primary records only — calls with their status and attempts as chained, sheets, answers,
// imported results, amendments, reviews and merges — and compares what is stored with it:
//
//   - every submitted sheet's total, from its answers on its round's rubric;
//   - every finished call's result (status, total, grade, problem, reasons, needs review), from
//     its sheets and reviews, with the reach decision its chained status records (never today's
//     calendar and time zone, which may have changed since);
//   - every amendment's result, and the effective result the call holds from the latest one;
//   - the offices' and the persons' audits and streaks (audits, latest_audits, person_audits,
//     latest_person_audits), from those results with scoring;
//   - every publication's and correction's 数据校验码: the entry of the chain just before the
//     record's own, in the order they were made; and every text and snapshot they stored
//     against its SHA-256.
//
// The office and person tables are the ones the flags are read from, so a streak edited by hand
// fails verify as a changed score does.

// What else a VerifyProblem may be about: the records worked out again.
const (
	// A stored result does not fit the records it is worked out from: Kind is "sheet" (its total),
	// "call" (its result, or its effective result: "amended_…" fields) or "amendment"; Field the
	// field, Was the value the records give, Now the value stored.
	ProblemResult = "result"
	// A maintained audit differs from what the calls give: Kind is its table (audits,
	// latest_audits, person_audits, latest_person_audits), Round its round's number, Field the
	// column ("problem", "streak", "round", "round_id"), Was the value the calls give, Now the
	// value stored.
	ProblemAudit = "audit"
	// The calls give an audit (Kind, Round, Was: its problem and streak) that is not stored.
	ProblemAuditMissing = "audit_missing"
	// An audit is stored (Kind, Round, Now: its problem and streak) that no finished call gives.
	ProblemAuditExtra = "audit_extra"
	// A publication's or a correction's stored 数据校验码 (Now) is no entry of the chain.
	ProblemHead = "head"
	// A publication's or a correction's stored 数据校验码 (Now) is an entry of the chain (Was: its
	// seq), but not the one just before the record's own entry (a publication is written at the
	// head it prints, and appended next), or before that of one made earlier.
	ProblemHeadOrder = "head_order"
	// A stored text differs from the SHA-256 stored beside it: Kind publication or correction,
	// Field "zh/text" (a rendering) or "snapshot"; Was the SHA-256 stored, Now the text's.
	ProblemText = "text"
)

// eachRow runs query and hands every row to fn.
func eachRow(ctx context.Context, q querier, fn func(sc scanner) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func sameNumber(a, b float64) bool { d := a - b; return d < 1e-9 && d > -1e-9 }

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func nullNumber(f sql.NullFloat64) string {
	if !f.Valid {
		return ""
	}
	return number(f.Float64)
}

func nullBool(b sql.NullBool) string {
	if !b.Valid {
		return ""
	}
	return strconv.FormatBool(b.Bool)
}

func nullInt(i sql.NullInt64) string {
	if !i.Valid {
		return ""
	}
	return strconv.FormatInt(i.Int64, 10)
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The records the ledger holds, one Go struct per kind: their fields are encoded in this order,
// maps with sorted keys, times as stored (UTC RFC 3339) and numbers that SQLite keeps as REAL as
// text formatted one way (strconv 'f', -1), so a record read twice encodes to the same bytes.

type sheetRecord struct {
	Sheet      int64          `json:"sheet"`
	Call       int64          `json:"call"`
	Round      int            `json:"round"`
	RoundName  string         `json:"round_name"`
	Department string         `json:"department"`
	Office     string         `json:"office"`
	Rater      string         `json:"rater"`
	Status     string         `json:"status"`
	Submitted  string         `json:"submitted_at"`
	Total      string         `json:"total"`
	Answers    map[string]int `json:"answers,omitempty"`
}

type callRecord struct {
	Call          int64           `json:"call"`
	Round         int             `json:"round"`
	RoundName     string          `json:"round_name"`
	Department    string          `json:"department"`
	Office        string          `json:"office"`
	Caller        string          `json:"caller"`
	Persona       string          `json:"persona"`
	Scenario      int64           `json:"scenario"`
	TimerStarted  string          `json:"timer_started_at"`
	Attempts      []attemptRecord `json:"attempts,omitempty"`
	AnswerSeconds *int            `json:"answer_seconds"`
	StaffNo       string          `json:"answered_staff_no"`
	AnsweredName  string          `json:"answered_name"`
	Notes         string          `json:"notes"`
	Recording     recordingRecord `json:"recording"`
	Status        string          `json:"status"`
	Finished      string          `json:"finished_at"`
	// A call that finished needing review has its result settled by a review, whose own entry
	// holds it; here it stays "needs review", as it was when the call finished.
	NeedsReview bool           `json:"needs_review"`
	Result      *resultRecord  `json:"result"`
	Dropped     []droppedSheet `json:"dropped,omitempty"`
}

type attemptRecord struct {
	At   string `json:"at"`
	Code int    `json:"code"`
	By   string `json:"by"`
}

type recordingRecord struct {
	File   string `json:"file"`
	Offset string `json:"offset"`
	SHA256 string `json:"sha256"`
}

type resultRecord struct {
	Scored  bool           `json:"scored"`
	Total   string         `json:"total"`
	Grade   string         `json:"grade"`
	Problem bool           `json:"problem"`
	Reasons []storedReason `json:"reasons"`
}

type droppedSheet struct {
	Sheet  int64  `json:"sheet"`
	Rater  string `json:"rater"`
	At     string `json:"at"`
	By     string `json:"by"`
	Reason string `json:"reason"`
}

type importRecord struct {
	Call       int64        `json:"call"`
	Round      int          `json:"round"`
	RoundName  string       `json:"round_name"`
	Department string       `json:"department"`
	Office     string       `json:"office"`
	Line       int          `json:"line"`
	At         string       `json:"imported_at"`
	Status     string       `json:"status"`
	Result     resultRecord `json:"result"`
}

type reviewRecord struct {
	Review     int64           `json:"review"`
	Call       int64           `json:"call"`
	Round      int             `json:"round"`
	RoundName  string          `json:"round_name"`
	Department string          `json:"department"`
	Office     string          `json:"office"`
	Kind       string          `json:"kind"`
	At         string          `json:"at"`
	By         string          `json:"by"`
	Reason     string          `json:"reason"`
	Consensus  *consensusSheet `json:"consensus,omitempty"`
	Result     resultRecord    `json:"result"`
}

type consensusSheet struct {
	Sheet     int64          `json:"sheet"`
	Rater     string         `json:"rater"`
	Status    string         `json:"status"`
	Submitted string         `json:"submitted_at"`
	Total     string         `json:"total"`
	Answers   map[string]int `json:"answers"`
}

type amendmentRecord struct {
	Amendment        int64          `json:"amendment"`
	Call             int64          `json:"call"`
	Sheet            int64          `json:"sheet"`
	Round            int            `json:"round"`
	RoundName        string         `json:"round_name"`
	Department       string         `json:"department"`
	Office           string         `json:"office"`
	At               string         `json:"at"`
	By               string         `json:"by"`
	Reason           string         `json:"reason"`
	Answers          map[string]int `json:"answers,omitempty"`
	NewProblem       *bool          `json:"new_problem,omitempty"`
	NewTotal         string         `json:"new_total,omitempty"`
	NewReasons       *string        `json:"new_reasons,omitempty"`
	Result           resultRecord   `json:"result"`
	AfterPublication bool           `json:"after_publication"`
}

type changeRecord struct {
	Change    int64  `json:"change"`
	At        string `json:"at"`
	By        string `json:"by"`
	Entity    string `json:"entity"`
	EntityID  int64  `json:"entity_id"`
	Action    string `json:"action"`
	Detail    string `json:"detail"`
	Round     int    `json:"round,omitempty"` // a close: the round's number and name
	RoundName string `json:"round_name,omitempty"`
}

type publicationRecord struct {
	Publication int64             `json:"publication"`
	Round       int               `json:"round"`
	RoundName   string            `json:"round_name"`
	At          string            `json:"at"`
	By          string            `json:"by"`
	Deadline    string            `json:"deadline"`
	LedgerHead  string            `json:"ledger_head"`
	Texts       map[string]string `json:"texts"`     // "zh/text" → SHA-256 of the stored bulletin
	Checksums   map[string]string `json:"checksums"` // the SHA-256 stored beside it
}

// builtRecord is a record read from the tables, with when and by whom it was made ("" when the
// record does not say: an import).
type builtRecord struct {
	at, by string
	body   any
}

// buildRecord reads the record an entry of kind stands for.
func buildRecord(ctx context.Context, q querier, kind string, ref int64) (builtRecord, error) {
	var b builtRecord
	var err error
	switch kind {
	case kindSheet:
		var r sheetRecord
		r, err = readSheetRecord(ctx, q, ref)
		b = builtRecord{at: r.Submitted, by: r.Rater, body: r}
	case kindCall:
		var r callRecord
		r, err = readCallRecord(ctx, q, ref)
		b = builtRecord{at: r.Finished, by: r.Caller, body: r}
	case kindImport:
		var r importRecord
		r, err = readImportRecord(ctx, q, ref)
		b = builtRecord{at: r.At, body: r}
	case kindConsensus, kindAccept:
		var r reviewRecord
		r, err = readReviewRecord(ctx, q, ref)
		b = builtRecord{at: r.At, by: r.By, body: r}
	case kindAmendment:
		var r amendmentRecord
		r, err = readAmendmentRecord(ctx, q, ref)
		b = builtRecord{at: r.At, by: r.By, body: r}
	case kindRegistry, kindClose:
		var r changeRecord
		r, err = readChangeRecord(ctx, q, ref, kind == kindClose)
		b = builtRecord{at: r.At, by: r.By, body: r}
	case kindPublication:
		var r publicationRecord
		r, err = readPublicationRecord(ctx, q, ref)
		b = builtRecord{at: r.At, by: r.By, body: r}
	case kindNotice:
		var r noticeRecord
		r, err = readNoticeRecord(ctx, q, ref)
		b = builtRecord{at: r.At, by: r.By, body: r}
	case kindSnapshot:
		var r snapshotRecord
		r, err = readSnapshotRecord(ctx, q, ref)
		b = builtRecord{at: r.At, by: r.By, body: r}
	case kindCorrection:
		var r correctionRecord
		r, err = readCorrectionRecord(ctx, q, ref)
		b = builtRecord{at: r.At, by: r.By, body: r}
	default:
		return b, fmt.Errorf("unknown ledger entry kind %q", kind)
	}
	if errors.Is(err, sql.ErrNoRows) {
		err = fault(ErrNotFound, "the %s record %d is no longer in the database", kind, ref)
	}
	return b, err
}

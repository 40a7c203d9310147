package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"phoneaudit/scoring"
)

// DefaultNoticeDays is how many working days after publication a rectification is due.
const DefaultNoticeDays = 10

// Rendering is one rendering of a bulletin: zh or en, text or md.
type Rendering struct {
	Lang, Format string
	Body         []byte
}

// PublishReport says what publishing did.
type PublishReport struct {
	Round     Round
	Already   bool // the round was published before: nothing changed
	Notices   int  // notices issued now
	Deadline  time.Time
	Checksums map[string]string // "zh/text" → SHA-256 of the stored rendering
	// LedgerHead is the head of the ledger just before the publication: the bulletin's 数据校验码
	// ("" when the ledger was empty).
	LedgerHead string
}

// NoticeDeadline is the deadline of notices issued at t: days working days later, in the city's zone.
func (s *Store) NoticeDeadline(ctx context.Context, t time.Time, days int) (time.Time, error) {
	loc, err := s.Location(ctx)
	if err != nil {
		return time.Time{}, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return time.Time{}, err
	}
	d := scoring.AddWorkingDays(t.In(loc), days, cal)
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc), nil
}

// PublishRound makes a closed round final: it stores every rendering of its bulletin with its
// SHA-256, issues a rectification notice with the deadline to every office with a problem in
// the round, and marks the round published. It is refused while a call needs review. Publishing
// a published round changes nothing (and never duplicates notices).
func (s *Store) PublishRound(ctx context.Context, roundID int64, texts []Rendering, deadline time.Time) (PublishReport, error) {
	return s.publishRound(ctx, roundID, nil, texts, deadline)
}

// PublishRoundAt is PublishRound for texts that print head as their 数据校验码 (LedgerHead): when
// the ledger has moved on since head was read, nothing is written and the error is
// ErrLedgerMoved, so the bulletin is rendered again and never prints a code that is not the one
// stored with the publication.
func (s *Store) PublishRoundAt(ctx context.Context, roundID int64, head string, texts []Rendering, deadline time.Time) (PublishReport, error) {
	return s.publishRound(ctx, roundID, &head, texts, deadline)
}

func (s *Store) publishRound(ctx context.Context, roundID int64, want *string, texts []Rendering, deadline time.Time) (PublishReport, error) {
	if err := s.leadOnly(ctx, ActionPublishRound); err != nil {
		return PublishReport{}, err
	}
	rep := PublishReport{Deadline: deadline, Checksums: map[string]string{}}
	err := s.inTx(ctx, func(tx *txn) error {
		r, err := scanRound(tx.QueryRowContext(ctx, "SELECT "+roundColumns+" FROM rounds r WHERE r.id = ?", roundID))
		if err != nil {
			return err
		}
		rep.Round = r
		if r.Status == RoundPublished {
			rep.Already = true
			return nil
		}
		if r.Status != RoundClosed {
			return fault(ErrRoundState, "round %s is %s; only a closed round can be published", r.Name, r.Status)
		}
		var review int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM calls WHERE round_id = ? AND needs_review = 1", r.ID).Scan(&review); err != nil {
			return err
		}
		if review > 0 {
			return fault(ErrRoundState, "round %s has %d calls that need review; a lead must settle them before publication", r.Name, review)
		}
		head, err := ledgerHead(ctx, tx)
		if err != nil {
			return err
		}
		if head == zeroHash {
			head = ""
		}
		if want != nil && *want != head {
			return ErrLedgerMoved
		}
		rep.LedgerHead = head
		ins, err := tx.ExecContext(ctx, `INSERT INTO publications(round_id, published_at, published_by, deadline, ledger_head)
			VALUES(?, ?, ?, ?, nullif(?, ''))`, r.ID, tx.now, s.actor, deadline.Format(time.DateOnly), head)
		if err != nil {
			return err
		}
		pubID, err := ins.LastInsertId()
		if err != nil {
			return err
		}
		for _, t := range texts {
			sum := sha256.Sum256(t.Body)
			hexSum := hex.EncodeToString(sum[:])
			if _, err := tx.ExecContext(ctx, "INSERT INTO publication_texts(round_id, lang, format, body, sha256) VALUES(?, ?, ?, ?, ?)",
				r.ID, t.Lang, t.Format, string(t.Body), hexSum); err != nil {
				return err
			}
			rep.Checksums[t.Lang+"/"+t.Format] = hexSum
		}
		if err := appendRecord(ctx, tx, kindPublication, pubID, s.actor); err != nil {
			return err
		}
		// What the bulletin printed, for the corrections to come: the data the texts were rendered
		// from, as the unchanged ledger head proves when the caller gave it.
		snap, err := snapshotAt(ctx, tx, r, 0)
		if err != nil {
			return err
		}
		if err := storeSnapshot(ctx, tx, pubID, snap, false, s.actor); err != nil {
			return err
		}
		if rep.Notices, err = s.issueNotices(ctx, tx, r, deadline); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE rounds SET status = 'published', published_at = ? WHERE id = ?", tx.now, r.ID); err != nil {
			return err
		}
		return s.recordChange(ctx, tx, "round", r.ID, "publish", map[string]any{"name": r.Name, "notices": rep.Notices, "checksums": rep.Checksums})
	})
	if err == nil && !rep.Already {
		rep.Round, err = s.roundByID(ctx, roundID)
	}
	return rep, err
}

// issueNotices gives every office with a problem in the round (as merged) one notice.
func (s *Store) issueNotices(ctx context.Context, tx *txn, r Round, deadline time.Time) (int, error) {
	offices, err := queryAll(ctx, tx, scanOne[int64], "SELECT office_id FROM audits WHERE round_number = ? AND problem = 1 ORDER BY office_id", r.Number)
	if err != nil {
		return 0, err
	}
	for i, office := range offices {
		number := fmt.Sprintf("第%d轮-%03d", r.Number, i+1)
		res, err := tx.ExecContext(ctx, `INSERT INTO notices(round_id, office_id, issued_at, deadline, status, number)
			VALUES(?, ?, ?, ?, 'issued', ?) ON CONFLICT(round_id, office_id) WHERE status <> 'withdrawn' DO NOTHING`,
			r.ID, office, tx.now, deadline.Format(time.DateOnly), number)
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		if n == 0 {
			continue
		}
		id, err := res.LastInsertId()
		if err != nil {
			return 0, err
		}
		if err := insertNoticeEvent(ctx, tx, id, EventIssue, s.actor, noticeEvent{deadline: deadline.Format(time.DateOnly)}); err != nil {
			return 0, err
		}
	}
	return len(offices), nil
}

// Publication is a round's publication, as stored.
type Publication struct {
	At       time.Time
	By       string
	Deadline string
}

// PublishedText is the stored rendering of a published round's bulletin and its SHA-256.
func (s *Store) PublishedText(ctx context.Context, roundID int64, lang, format string) (body []byte, sum string, p Publication, err error) {
	if err := s.publishedOrLead(ctx, roundID, ActionReadUnpublishedBulletin); err != nil {
		return nil, "", p, err
	}
	var text, at string
	err = s.r.QueryRowContext(ctx, `SELECT t.body, t.sha256, p.published_at, p.published_by, coalesce(p.deadline, '')
		FROM publication_texts t JOIN publications p ON p.round_id = t.round_id
		WHERE t.round_id = ? AND t.lang = ? AND t.format = ?`, roundID, lang, format).Scan(&text, &sum, &at, &p.By, &p.Deadline)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", p, fault(ErrNotFound, "no published %s %s bulletin for this round", lang, format)
	}
	p.At, _ = parseTime(at)
	return []byte(text), sum, p, mapErr(err)
}

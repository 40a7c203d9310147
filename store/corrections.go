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

// ErrNothingToCorrect says a published round's data still agrees with what was last published.
var ErrNothingToCorrect = errors.New("the round's data agrees with what was published: there is nothing to correct")

// Correction is a published correction (更正) of a round.
type Correction struct {
	ID         int64
	Seq        int // 1 for the round's first correction
	At         time.Time
	By         string
	LedgerHead string // the 数据校验码 it prints
	Deadline   string // of the notices it issued ("" when it issued none)
}

// CorrectionState is how a published round's data stands against what was published of it:
// the snapshot last published (by the publication or the latest correction) and the snapshot
// now, what differs, and why.
type CorrectionState struct {
	Round       Round
	Corrections []Correction // published, oldest first
	Published   scoring.Snapshot
	BulletinAt  time.Time // when the bulletin was published
	PublishedAt time.Time // of the publication or the latest correction
	Rebuilt     bool      // the published snapshot was worked out after the fact (see 009_corrections.sql)
	Now         scoring.Snapshot
	Diff        scoring.SnapshotDiff
	// Reasons holds, by office (as merged), the amendments made since PublishedAt of its calls
	// in this round or an earlier one: why it changed.
	Reasons map[int64][]CorrectionReason
	// What publishing the correction does to the notices: issued to offices that now have a
	// problem (numbered), withdrawn from those that no longer have one, kept where verified.
	Issue, Withdraw, Keep []Notice
}

// Pending says the round has a correction not yet published.
func (c CorrectionState) Pending() bool { return !c.Diff.Empty() }

// CorrectionReason is one amendment behind a correction.
type CorrectionReason struct {
	Round     int
	RoundName string
	At        time.Time
	By        string
	Reason    string
}

// RoundCorrections is how published round roundID stands against what was published of it.
// A round not published has no corrections (ErrRoundState).
func (s *Store) RoundCorrections(ctx context.Context, roundID int64) (CorrectionState, error) {
	if err := s.publishedOrLead(ctx, roundID, ActionReadUnpublishedResults); err != nil {
		return CorrectionState{}, err
	}
	st, err := correctionState(ctx, s.r, roundID)
	return st, mapErr(err)
}

func correctionState(ctx context.Context, q querier, roundID int64) (CorrectionState, error) {
	var st CorrectionState
	r, err := scanRound(q.QueryRowContext(ctx, "SELECT "+roundColumns+" FROM rounds r WHERE r.id = ?", roundID))
	if errors.Is(err, sql.ErrNoRows) {
		return st, fault(ErrNotFound, "no round %d", roundID)
	}
	if err != nil {
		return st, err
	}
	st.Round = r
	if r.Status != RoundPublished {
		return st, fault(ErrRoundState, "round %s is not published: only a published round has corrections", r.Name)
	}
	var body, at string
	err = q.QueryRowContext(ctx, `SELECT s.snapshot, p.published_at, s.rebuilt FROM publications p
		JOIN publication_snapshots s ON s.publication_id = p.id WHERE p.round_id = ?`, r.ID).Scan(&body, &at, &st.Rebuilt)
	st.BulletinAt, _ = parseTime(at)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fault(ErrNotFound, "round %s was published without a snapshot of what it printed", r.Name)
	}
	if err != nil {
		return st, err
	}
	st.Corrections, err = queryAll(ctx, q, func(sc scanner) (Correction, error) {
		var c Correction
		var cat string
		if err := sc.Scan(&c.ID, &c.Seq, &cat, &c.By, &c.LedgerHead, &c.Deadline, &body); err != nil {
			return c, err
		}
		c.At, _ = parseTime(cat)
		at = cat
		return c, nil
	}, `SELECT id, seq, at, by, coalesce(ledger_head, ''), coalesce(deadline, ''), snapshot FROM corrections
		WHERE round_id = ? ORDER BY seq`, r.ID)
	if err != nil {
		return st, err
	}
	if st.Published, err = decodeSnapshot(body); err != nil {
		return st, err
	}
	st.PublishedAt, _ = parseTime(at)
	if st.Now, err = snapshotAt(ctx, q, r, 0); err != nil {
		return st, err
	}
	st.Diff = scoring.CompareSnapshots(st.Published, st.Now)
	if st.Diff.Empty() {
		return st, nil
	}
	if st.Reasons, err = correctionReasons(ctx, q, r.Number, at); err != nil {
		return st, err
	}
	return st, planNotices(ctx, q, &st)
}

// correctionReasons is the amendments made after since of calls in rounds up to number, by office
// (as merged).
func correctionReasons(ctx context.Context, q querier, number int, since string) (map[int64][]CorrectionReason, error) {
	canon, err := canonicalMap(ctx, q)
	if err != nil {
		return nil, err
	}
	type row struct {
		office int64
		r      CorrectionReason
	}
	rows, err := queryAll(ctx, q, func(sc scanner) (row, error) {
		var x row
		var at string
		err := sc.Scan(&x.office, &x.r.Round, &x.r.RoundName, &at, &x.r.By, &x.r.Reason)
		x.r.At, _ = parseTime(at)
		return x, err
	}, `SELECT c.office_id, r.number, r.name, a.at, a.by, a.reason FROM amendments a
		JOIN calls c ON c.id = a.call_id JOIN rounds r ON r.id = c.round_id
		WHERE a.at >= ? AND r.number <= ? ORDER BY a.id`, since, number)
	if err != nil {
		return nil, err
	}
	out := map[int64][]CorrectionReason{}
	for _, x := range rows {
		if id, ok := canon[x.office]; ok {
			x.office = id
		}
		out[x.office] = append(out[x.office], x.r)
	}
	return out, nil
}

// PendingCorrections lists the published rounds whose data no longer agrees with what was last
// published of them, by round id. Only rounds with a recorded write since (an amendment of a
// round up to them, a merge of offices) are compared, so a database whose published rounds
// stand costs a query.
func (s *Store) PendingCorrections(ctx context.Context) (map[int64]bool, error) {
	if err := s.leadOnly(ctx, ActionReadFlags); err != nil {
		return nil, err
	}
	candidates, err := queryAll(ctx, s.r, scanOne[int64], `WITH last AS (
			SELECT r.id, r.number, max(p.published_at, coalesce((SELECT max(c.at) FROM corrections c WHERE c.round_id = r.id), '')) AS at
			FROM rounds r JOIN publications p ON p.round_id = r.id WHERE r.status = 'published')
		SELECT last.id FROM last WHERE EXISTS (SELECT 1 FROM amendments a JOIN calls c ON c.id = a.call_id
				JOIN rounds x ON x.id = c.round_id WHERE x.number <= last.number AND a.at >= last.at)
			OR EXISTS (SELECT 1 FROM changes g WHERE g.entity = 'office' AND g.action = 'merge' AND g.at >= last.at)
		ORDER BY last.number`)
	if err != nil {
		return nil, mapErr(err)
	}
	out := map[int64]bool{}
	for _, id := range candidates {
		st, err := correctionState(ctx, s.r, id)
		if err != nil {
			return nil, mapErr(err)
		}
		if st.Pending() {
			out[id] = true
		}
	}
	return out, nil
}

// CorrectionPublish is what publishing a correction stores: every rendering of its 更正说明,
// made at ledger head Head, the deadline of the notices it issues, and the reason given to a
// notice it withdraws (in the words of whoever publishes).
type CorrectionPublish struct {
	Head           string
	Texts          []Rendering
	Deadline       time.Time
	WithdrawReason string
}

// CorrectionReport says what publishing a correction did.
type CorrectionReport struct {
	Correction Correction
	Checksums  map[string]string // "zh/text" → SHA-256 of the stored rendering
	Issued     []Notice          // notices issued to offices that now have a problem
	Withdrawn  []Notice          // notices withdrawn from offices that no longer have one
	Kept       []Notice          // verified notices of offices that no longer have a problem: left as they are
}

// PublishCorrection publishes the differences between published round roundID's data and what
// was last published of it: it stores every rendering of the 更正说明 with its SHA-256 and the
// round's snapshot now, chains them in the ledger, and has the notices follow: an office that
// now has a problem and no notice gets one, an office that no longer has a problem has its
// notice withdrawn (a verified notice is kept, and reported). When the ledger has moved on since
// c.Head, nothing is written (ErrLedgerMoved); when nothing differs, ErrNothingToCorrect.
func (s *Store) PublishCorrection(ctx context.Context, roundID int64, c CorrectionPublish) (CorrectionReport, error) {
	if err := s.leadOnly(ctx, ActionPublishRound); err != nil {
		return CorrectionReport{}, err
	}
	rep := CorrectionReport{Checksums: map[string]string{}}
	err := s.inTx(ctx, func(tx *txn) error {
		head, err := ledgerHead(ctx, tx)
		if err != nil {
			return err
		}
		if head == zeroHash {
			head = ""
		}
		if head != c.Head {
			return ErrLedgerMoved
		}
		st, err := correctionState(ctx, tx, roundID)
		if err != nil {
			return err
		}
		if !st.Pending() {
			return fault(ErrNothingToCorrect, "round %s", st.Round.Name)
		}
		body, sum, err := encodeSnapshot(st.Now)
		if err != nil {
			return err
		}
		seq := len(st.Corrections) + 1
		deadline := ""
		if len(st.Issue) > 0 {
			deadline = c.Deadline.Format(time.DateOnly)
		}
		ins, err := tx.ExecContext(ctx, `INSERT INTO corrections(round_id, seq, at, by, ledger_head, snapshot, sha256, deadline)
			VALUES(?, ?, ?, ?, nullif(?, ''), ?, ?, nullif(?, ''))`, roundID, seq, tx.now, s.actor, head, body, sum, deadline)
		if err != nil {
			return err
		}
		id, err := ins.LastInsertId()
		if err != nil {
			return err
		}
		for _, t := range c.Texts {
			h := sha256.Sum256(t.Body)
			hexSum := hex.EncodeToString(h[:])
			if _, err := tx.ExecContext(ctx, "INSERT INTO correction_texts(correction_id, lang, format, body, sha256) VALUES(?, ?, ?, ?, ?)",
				id, t.Lang, t.Format, string(t.Body), hexSum); err != nil {
				return err
			}
			rep.Checksums[t.Lang+"/"+t.Format] = hexSum
		}
		if err := appendRecord(ctx, tx, kindCorrection, id, s.actor); err != nil {
			return err
		}
		if err := s.followCorrection(ctx, tx, st, deadline, c.WithdrawReason, &rep); err != nil {
			return err
		}
		at, _ := parseTime(tx.now)
		rep.Correction = Correction{ID: id, Seq: seq, At: at, By: s.actor, LedgerHead: head, Deadline: deadline}
		return nil
	})
	return rep, err
}

// planNotices works out what publishing the state's correction does to the notices: an office
// that now has a problem and no notice gets one, numbered after the round's others; an office
// that no longer has a problem has its notice withdrawn, unless it is verified (kept).
func planNotices(ctx context.Context, q querier, st *CorrectionState) error {
	var next int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM notices WHERE round_id = ?", st.Round.ID).Scan(&next); err != nil {
		return err
	}
	for _, o := range st.Diff.Offices {
		if !o.ProblemChanged() {
			continue
		}
		live, err := liveNotice(ctx, q, st.Round.ID, o.OfficeID)
		if err != nil {
			return err
		}
		switch {
		case o.Now != nil && o.Now.Problem && live == nil:
			next++
			st.Issue = append(st.Issue, Notice{Number: fmt.Sprintf("第%d轮-%03d", st.Round.Number, next), RoundID: st.Round.ID,
				RoundNumber: st.Round.Number, RoundName: st.Round.Name, OfficeID: o.OfficeID, Department: o.Department,
				Office: o.Office, Status: NoticeIssued})
		case (o.Now == nil || !o.Now.Problem) && live != nil && live.Status == NoticeVerified:
			st.Keep = append(st.Keep, *live)
		case (o.Now == nil || !o.Now.Problem) && live != nil:
			st.Withdraw = append(st.Withdraw, *live)
		}
	}
	return nil
}

// followCorrection has the round's notices follow its correction, as planNotices planned.
func (s *Store) followCorrection(ctx context.Context, tx *txn, st CorrectionState, deadline, reason string, rep *CorrectionReport) error {
	for _, n := range st.Issue {
		res, err := tx.ExecContext(ctx, `INSERT INTO notices(round_id, office_id, issued_at, deadline, status, number)
			VALUES(?, ?, ?, ?, 'issued', ?)`, st.Round.ID, n.OfficeID, tx.now, deadline, n.Number)
		if err != nil {
			return err
		}
		if n.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := insertNoticeEvent(ctx, tx, n.ID, EventIssue, s.actor, noticeEvent{deadline: deadline}); err != nil {
			return err
		}
		n.Deadline = deadline
		rep.Issued = append(rep.Issued, n)
	}
	for _, n := range st.Withdraw {
		if _, err := tx.ExecContext(ctx, "UPDATE notices SET status = 'withdrawn', withdrawn_at = ? WHERE id = ?", tx.now, n.ID); err != nil {
			return err
		}
		if err := insertNoticeEvent(ctx, tx, n.ID, EventWithdraw, s.actor, noticeEvent{detail: reason, deadline: n.Deadline}); err != nil {
			return err
		}
		n.Status = NoticeWithdrawn
		rep.Withdrawn = append(rep.Withdrawn, n)
	}
	rep.Kept = st.Keep
	return nil
}

// liveNotice is the notice of an office in a round that is not withdrawn, nil when there is none.
func liveNotice(ctx context.Context, q querier, roundID, officeID int64) (*Notice, error) {
	n := Notice{RoundID: roundID, OfficeID: officeID}
	err := q.QueryRowContext(ctx, `SELECT n.id, n.number, n.status, n.deadline, d.name, o.name FROM notices n
		JOIN offices o ON o.id = n.office_id JOIN departments d ON d.id = o.department_id
		WHERE n.round_id = ? AND n.office_id = ? AND n.status <> 'withdrawn'`, roundID, officeID).
		Scan(&n.ID, &n.Number, &n.Status, &n.Deadline, &n.Department, &n.Office)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &n, err
}

// CorrectionText is one rendering of a published correction.
type CorrectionText struct {
	Correction
	Body   []byte
	SHA256 string
}

// CorrectionTexts is the rendering (lang, format) of every published correction of a round,
// oldest first.
func (s *Store) CorrectionTexts(ctx context.Context, roundID int64, lang, format string) ([]CorrectionText, error) {
	if err := s.publishedOrLead(ctx, roundID, ActionReadUnpublishedBulletin); err != nil {
		return nil, err
	}
	return queryAll(ctx, s.r, func(sc scanner) (CorrectionText, error) {
		var t CorrectionText
		var at, body string
		err := sc.Scan(&t.ID, &t.Seq, &at, &t.By, &t.LedgerHead, &t.Deadline, &body, &t.SHA256)
		t.At, _ = parseTime(at)
		t.Body = []byte(body)
		return t, err
	}, `SELECT c.id, c.seq, c.at, c.by, coalesce(c.ledger_head, ''), coalesce(c.deadline, ''), t.body, t.sha256
		FROM corrections c JOIN correction_texts t ON t.correction_id = c.id
		WHERE c.round_id = ? AND t.lang = ? AND t.format = ? ORDER BY c.seq`, roundID, lang, format)
}

// correctionRecord is a published correction as the ledger holds it.
type correctionRecord struct {
	Correction int64             `json:"correction"`
	Round      int               `json:"round"`
	RoundName  string            `json:"round_name"`
	Seq        int               `json:"seq"`
	At         string            `json:"at"`
	By         string            `json:"by"`
	LedgerHead string            `json:"ledger_head"`
	Deadline   string            `json:"deadline,omitempty"`
	Snapshot   string            `json:"snapshot"` // SHA-256 of the stored snapshot
	Checksum   string            `json:"checksum"` // the SHA-256 stored beside it
	Texts      map[string]string `json:"texts"`
	Checksums  map[string]string `json:"checksums"`
}

func readCorrectionRecord(ctx context.Context, q querier, id int64) (correctionRecord, error) {
	var r correctionRecord
	var body string
	err := q.QueryRowContext(ctx, `SELECT c.id, r.number, r.name, c.seq, c.at, c.by, coalesce(c.ledger_head, ''),
		coalesce(c.deadline, ''), c.snapshot, c.sha256 FROM corrections c JOIN rounds r ON r.id = c.round_id WHERE c.id = ?`, id).
		Scan(&r.Correction, &r.Round, &r.RoundName, &r.Seq, &r.At, &r.By, &r.LedgerHead, &r.Deadline, &body, &r.Checksum)
	if err != nil {
		return r, err
	}
	h := sha256.Sum256([]byte(body))
	r.Snapshot = hex.EncodeToString(h[:])
	texts, err := queryAll(ctx, q, func(sc scanner) ([3]string, error) {
		var x [3]string
		var lang, format string
		err := sc.Scan(&lang, &format, &x[1], &x[2])
		x[0] = lang + "/" + format
		return x, err
	}, "SELECT lang, format, body, sha256 FROM correction_texts WHERE correction_id = ?", id)
	if err != nil {
		return r, err
	}
	r.Texts, r.Checksums = map[string]string{}, map[string]string{}
	for _, x := range texts {
		h := sha256.Sum256([]byte(x[1]))
		r.Texts[x[0]] = hex.EncodeToString(h[:])
		r.Checksums[x[0]] = x[2]
	}
	return r, nil
}

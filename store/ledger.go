package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// The ledger is a hash chain over every record that counts. Each entry's body is the canonical
// JSON of an envelope — kind, ref, at, by and the record as the tables hold it — and its hash is
// SHA-256(previous hash || body). The record is always read back from the tables inside the
// writing transaction, by the same code `verify` uses to rebuild it, so a body can never say
// something the records do not.

// Kinds of ledger entries; ref names the record of each.
const (
	kindSheet       = "sheet"       // a submitted rater sheet (sheets.id), once its call finished
	kindCall        = "call"        // a finished call's own record (calls.id)
	kindImport      = "import"      // an imported result (calls.id)
	kindConsensus   = "consensus"   // a review settled by a consensus sheet (reviews.id)
	kindAccept      = "accept"      // a review settled by accepting the aggregate (reviews.id)
	kindAmendment   = "amendment"   // an amendment (amendments.id)
	kindRegistry    = "registry"    // any recorded change (changes.id)
	kindClose       = "close"       // a round closed (the changes.id of the close)
	kindPublication = "publication" // a round published (publications.id)
	kindNotice      = "notice"      // an event of a notice's life (notice_events.id)
	kindSnapshot    = "snapshot"    // what a publication printed (publication_snapshots.publication_id)
	kindCorrection  = "correction"  // a published correction (corrections.id)
)

// zeroHash is the "previous hash" of the first entry: 32 zero bytes.
var zeroHash = strings.Repeat("0", 64)

// ErrLedgerMoved says records were written between rendering a bulletin and publishing it, so
// the 数据校验码 it prints is no longer the head of the chain.
var ErrLedgerMoved = errors.New("the records changed while the bulletin was being prepared: publish again")

// envelope is what an entry's body holds, in this field order.
type envelope struct {
	Kind   string          `json:"kind"`
	Ref    int64           `json:"ref"`
	At     string          `json:"at"`
	By     string          `json:"by"`
	Record json.RawMessage `json:"record"`
}

// encodeBody is the canonical body of an entry. encoding/json writes struct fields in their
// order and map keys sorted, so one record always encodes to the same bytes.
func encodeBody(kind string, ref int64, at, by string, rec any) (string, error) {
	r, err := json.Marshal(rec)
	if err != nil {
		return "", fault(err, "encoding the %s record %d for the ledger", kind, ref)
	}
	b, err := json.Marshal(envelope{Kind: kind, Ref: ref, At: at, By: by, Record: r})
	return string(b), err
}

// chainHash is hex(SHA-256(prev bytes || body)).
func chainHash(prev, body string) (string, error) {
	p, err := hex.DecodeString(prev)
	if err != nil || len(p) != sha256.Size {
		return "", fmt.Errorf("the previous hash %q is not 64 hex digits", prev)
	}
	h := sha256.New()
	h.Write(p)
	h.Write([]byte(body))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ledgerHead is the hash of the newest entry, or zeroHash when the ledger is empty.
func ledgerHead(ctx context.Context, q querier) (string, error) {
	var head string
	err := q.QueryRowContext(ctx, "SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1").Scan(&head)
	if errors.Is(err, sql.ErrNoRows) {
		return zeroHash, nil
	}
	return head, err
}

// LedgerHead is the hash of the newest ledger entry: what a bulletin rendered now prints as its
// 数据校验码. It is "" while the ledger is empty.
func (s *Store) LedgerHead(ctx context.Context) (string, error) {
	head, err := ledgerHead(ctx, s.r)
	if head == zeroHash {
		head = ""
	}
	return head, mapErr(err)
}

// appendLedger appends one entry after the head, inside the caller's transaction (q is the
// transaction, or a stmtCache over it when many entries are appended).
func appendLedger(ctx context.Context, q querier, kind string, ref int64, at, by string, body any) error {
	prev, err := ledgerHead(ctx, q)
	if err != nil {
		return err
	}
	b, err := encodeBody(kind, ref, at, by, body)
	if err != nil {
		return err
	}
	hash, err := chainHash(prev, b)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, "INSERT INTO ledger(at, by, kind, ref, body, prev, hash) VALUES(?, ?, ?, ?, ?, ?, ?)",
		at, by, kind, ref, b, prev, hash)
	if err != nil {
		return fault(err, "appending the %s record %d to the ledger", kind, ref)
	}
	return nil
}

// appendRecord reads a record back from the tables inside the transaction q and appends it.
// actor is recorded as who did it when the record itself does not say (an import).
func appendRecord(ctx context.Context, q querier, kind string, ref int64, actor string) error {
	rec, err := buildRecord(ctx, q, kind, ref)
	if err != nil {
		return fault(err, "reading the %s record %d for the ledger", kind, ref)
	}
	by := rec.by
	if by == "" {
		by = actor
	}
	return appendLedger(ctx, q, kind, ref, rec.at, by, rec.body)
}

// appendCallEntries appends a call that has just finished: each of its submitted rater sheets,
// then the call's own record. Sheets wait for the call so that they carry the office's names as
// the call stores them when it finishes.
func appendCallEntries(ctx context.Context, q querier, callID int64, actor string) error {
	ids, err := queryAll(ctx, q, scanOne[int64], `SELECT id FROM sheets WHERE call_id = ? AND kind = 'rater' AND status = 'submitted'
		ORDER BY id`, callID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := appendRecord(ctx, q, kindSheet, id, actor); err != nil {
			return err
		}
	}
	return appendRecord(ctx, q, kindCall, callID, actor)
}

// HeadMatch is the ledger entry a printed 数据校验码 names.
type HeadMatch struct {
	Hash        string
	Seq         int64
	Rounds      []string         // the rounds whose bulletin printed it (published at that head)
	Corrections []HeadCorrection // the corrections that printed it
}

// HeadCorrection is a published correction: the seq-th of its round.
type HeadCorrection struct {
	RoundName string
	Seq       int
}

// FindHead finds the ledger entry whose hash begins with prefix (at least 8 hex digits, as a
// bulletin prints or a reader copies it). ErrNotFound: no entry has it, so the bulletin was not
// printed from this database as it stands.
func (s *Store) FindHead(ctx context.Context, prefix string) (HeadMatch, error) {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	if len(prefix) < 8 || len(prefix) > 64 {
		return HeadMatch{}, fault(ErrInvalid, "ledger head %q: give at least 8 of its hex digits", prefix)
	}
	if _, err := hex.DecodeString(prefix + strings.Repeat("0", len(prefix)%2)); err != nil {
		return HeadMatch{}, fault(ErrInvalid, "ledger head %q is not hex digits (0-9, a-f)", prefix)
	}
	found, err := queryAll(ctx, s.r, func(sc scanner) (HeadMatch, error) {
		var m HeadMatch
		err := sc.Scan(&m.Seq, &m.Hash)
		return m, err
	}, "SELECT seq, hash FROM ledger WHERE substr(hash, 1, ?) = ? LIMIT 2", len(prefix), prefix)
	if err != nil {
		return HeadMatch{}, err
	}
	switch len(found) {
	case 0:
		return HeadMatch{}, fault(ErrNotFound, "ledger head %s is not in this database's ledger", prefix)
	case 2:
		return HeadMatch{}, fault(ErrInvalid, "ledger head %s matches more than one entry: give more of its digits", prefix)
	}
	m := found[0]
	m.Rounds, err = queryAll(ctx, s.r, scanOne[string], `SELECT r.name FROM publications p JOIN rounds r ON r.id = p.round_id
		WHERE p.ledger_head = ? ORDER BY r.number`, m.Hash)
	if err != nil {
		return m, err
	}
	m.Corrections, err = queryAll(ctx, s.r, func(sc scanner) (HeadCorrection, error) {
		var c HeadCorrection
		err := sc.Scan(&c.RoundName, &c.Seq)
		return c, err
	}, `SELECT r.name, c.seq FROM corrections c JOIN rounds r ON r.id = c.round_id
		WHERE c.ledger_head = ? ORDER BY r.number, c.seq`, m.Hash)
	return m, err
}

// changeKind is the ledger kind of a recorded change: a round's close has its own.
func changeKind(entity, action string) string {
	if entity == "round" && action == "close" {
		return kindClose
	}
	return kindRegistry
}

// stmtCache runs the queries of one transaction through statements prepared once each: the bulk
// writer and verify run the same few queries thousands of times.
type stmtCache struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newStmtCache(tx *sql.Tx) *stmtCache { return &stmtCache{tx: tx, stmts: map[string]*sql.Stmt{}} }

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...) // fails the same way, as a Row
	}
	return st.QueryRowContext(ctx, args...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) close() {
	for _, st := range c.stmts {
		st.Close()
	}
}

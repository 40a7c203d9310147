package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"slices"
	"strconv"
)

// The publications' and corrections' heads and texts, as verify checks them (ledger_derived.go).

// heads notes, while the chain is walked, the seq of every entry a publication or a correction
// names as its 数据校验码.
func (v *verifier) loadHeads(ctx context.Context) error {
	heads, err := queryAll(ctx, v.q, scanOne[string], `SELECT ledger_head FROM publications WHERE coalesce(ledger_head, '') <> ''
		UNION SELECT ledger_head FROM corrections WHERE coalesce(ledger_head, '') <> ''`)
	if err != nil {
		return err
	}
	v.headSeq = map[string]int64{}
	for _, h := range heads {
		v.headSeq[h] = 0
	}
	return nil
}

// noteHead records the seq of a walked entry that a publication or a correction names.
func (v *verifier) noteHead(e ledgerRow) {
	if _, ok := v.headSeq[e.hash]; ok && v.headSeq[e.hash] == 0 {
		v.headSeq[e.hash] = e.seq
	}
}

// published checks every publication and correction: the 数据校验码 it stored is the entry of the
// chain just before its own entry, and not before that of one made earlier, and every text and
// snapshot it stored has the SHA-256 stored beside it.
func (v *verifier) published(ctx context.Context) error {
	type made struct {
		kind        string
		id, seq     int64
		head        string
		round, name string
	}
	all, err := queryAll(ctx, v.q, func(sc scanner) (made, error) {
		var m made
		var seq sql.NullInt64
		err := sc.Scan(&m.kind, &m.id, &m.head, &m.name, &seq)
		m.seq = seq.Int64
		return m, err
	}, `SELECT 'publication', p.id, coalesce(p.ledger_head, ''), r.name,
			(SELECT min(l.seq) FROM ledger l WHERE l.kind = 'publication' AND l.ref = p.id)
		FROM publications p JOIN rounds r ON r.id = p.round_id
		UNION ALL
		SELECT 'correction', c.id, coalesce(c.ledger_head, ''), r.name,
			(SELECT min(l.seq) FROM ledger l WHERE l.kind = 'correction' AND l.ref = c.id)
		FROM corrections c JOIN rounds r ON r.id = c.round_id`)
	if err != nil {
		return err
	}
	// In the order they were made: by their own entries (a record with none is reported as
	// unchained already, and is checked last).
	slices.SortStableFunc(all, func(a, b made) int {
		if (a.seq == 0) != (b.seq == 0) {
			return cmp.Compare(b.seq, a.seq)
		}
		return cmp.Or(cmp.Compare(a.seq, b.seq), cmp.Compare(a.kind, b.kind), cmp.Compare(a.id, b.id))
	})
	var last int64 // the latest head seq of the ones made before
	for _, m := range all {
		p := VerifyProblem{Seq: m.seq, Kind: m.kind, Ref: m.id, Record: RecordFacts{RoundName: m.name}, Field: []string{"ledger_head"}}
		if m.head == "" {
			// Made before the ledger (the backfill leaves it empty) or on an empty ledger: never
			// after one that printed a code.
			if last > 0 {
				p.What = ProblemHeadOrder
				v.add(p)
			}
			continue
		}
		seq := v.headSeq[m.head]
		switch {
		case seq == 0:
			p.What, p.Now = ProblemHead, m.head
			v.add(p)
			continue
		case (m.seq != 0 && seq != m.seq-1) || seq < last:
			p.What, p.Was, p.Now = ProblemHeadOrder, strconv.FormatInt(seq, 10), m.head
			v.add(p)
		}
		last = max(last, seq)
	}
	return v.texts(ctx)
}

// texts checks every stored text and snapshot of the publications and corrections against the
// SHA-256 stored beside it.
func (v *verifier) texts(ctx context.Context) error {
	queries := []struct{ kind, sql string }{
		{kindPublication, `SELECT p.id, r.name, t.lang || '/' || t.format, t.body, t.sha256 FROM publication_texts t
			JOIN rounds r ON r.id = t.round_id JOIN publications p ON p.round_id = t.round_id ORDER BY p.id, t.lang, t.format`},
		{kindPublication, `SELECT s.publication_id, r.name, 'snapshot', s.snapshot, s.sha256 FROM publication_snapshots s
			JOIN publications p ON p.id = s.publication_id JOIN rounds r ON r.id = p.round_id ORDER BY s.publication_id`},
		{kindCorrection, `SELECT c.id, r.name, t.lang || '/' || t.format, t.body, t.sha256 FROM correction_texts t
			JOIN corrections c ON c.id = t.correction_id JOIN rounds r ON r.id = c.round_id ORDER BY c.id, t.lang, t.format`},
		{kindCorrection, `SELECT c.id, r.name, 'snapshot', c.snapshot, c.sha256 FROM corrections c
			JOIN rounds r ON r.id = c.round_id ORDER BY c.id`},
	}
	for _, qr := range queries {
		err := eachRow(ctx, v.q, func(sc scanner) error {
			var id int64
			var name, field, body, sum string
			if err := sc.Scan(&id, &name, &field, &body, &sum); err != nil {
				return err
			}
			if now := sha256Hex(body); now != sum {
				v.add(VerifyProblem{What: ProblemText, Kind: qr.kind, Ref: id, Record: RecordFacts{RoundName: name},
					Field: []string{field}, Was: sum, Now: now})
			}
			return nil
		}, qr.sql)
		if err != nil {
			return err
		}
	}
	return nil
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

package store

import (
	"context"
	"strings"
)

// PublishedHead is the 数据校验码 a publication or a correction stored: what its bulletin prints,
// and what the witness file beside the database keeps a copy of.
type PublishedHead struct {
	Kind      string // "publication" or "correction"
	ID        int64  // publications.id or corrections.id
	Round     int    // the round's number
	RoundName string
	Head      string // "" when none was stored (made before the ledger)
}

// PublishedHeads lists every publication and correction with the head it stored, in the order of
// their own ledger entries (those without one last).
func (s *Store) PublishedHeads(ctx context.Context) ([]PublishedHead, error) {
	return queryAll(ctx, s.r, func(sc scanner) (PublishedHead, error) {
		var h PublishedHead
		var seq int64
		err := sc.Scan(&h.Kind, &h.ID, &h.Round, &h.RoundName, &h.Head, &seq)
		return h, err
	}, `SELECT kind, id, number, name, head, seq FROM (
			SELECT 'publication' AS kind, p.id, r.number, r.name, coalesce(p.ledger_head, '') AS head,
				coalesce((SELECT min(l.seq) FROM ledger l WHERE l.kind = 'publication' AND l.ref = p.id), 0) AS seq
			FROM publications p JOIN rounds r ON r.id = p.round_id
			UNION ALL
			SELECT 'correction', c.id, r.number, r.name, coalesce(c.ledger_head, ''),
				coalesce((SELECT min(l.seq) FROM ledger l WHERE l.kind = 'correction' AND l.ref = c.id), 0)
			FROM corrections c JOIN rounds r ON r.id = c.round_id)
		ORDER BY seq = 0, seq, kind, id`)
}

// LedgerSeqs finds which of hashes are entries of the ledger: hash → its seq, absent when none
// is. The ledger is read once for every 500 hashes.
func (s *Store) LedgerSeqs(ctx context.Context, hashes []string) (map[string]int64, error) {
	out := map[string]int64{}
	for len(hashes) > 0 {
		n := min(len(hashes), 500)
		batch := hashes[:n]
		hashes = hashes[n:]
		args := make([]any, len(batch))
		for i, h := range batch {
			args[i] = strings.ToLower(h)
		}
		type found struct {
			seq  int64
			hash string
		}
		rows, err := queryAll(ctx, s.r, func(sc scanner) (found, error) {
			var f found
			err := sc.Scan(&f.seq, &f.hash)
			return f, err
		}, "SELECT seq, hash FROM ledger WHERE hash IN (?"+strings.Repeat(", ?", len(batch)-1)+")", args...)
		if err != nil {
			return nil, err
		}
		for _, f := range rows {
			if old, ok := out[f.hash]; !ok || f.seq < old {
				out[f.hash] = f.seq
			}
		}
	}
	return out, nil
}

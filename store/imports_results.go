package store

import (
	"cmp"
	"context"
	"slices"

	"phoneaudit/scoring"
)

// ResultRow is one past call of a results file, mapped and checked by its reader (package
// imports): the store matches it against the offices and rounds and stores it.
type ResultRow struct {
	Line  int    // in the file, for errors and the call's imported_line
	Round string // the round's name
	// Finished is false for a row whose 是否存在问题 cell is empty: a call not finished, skipped
	// and counted; its round still counts for the order of first appearance.
	Finished           bool
	Department, Office string
	Total              *float64 // the 得分 given, if any
	Result             scoring.Result
}

// resultRow is a ResultRow matched to its office, ready to store.
type resultRow struct {
	line   int
	round  string
	office Office
	total  *float64
	result scoring.Result
}

// resultImport is the state of one results import inside its transaction.
type resultImport struct {
	s       *Store
	tx      *txn
	file    string            // the file's name, for the ledger
	offices map[string]Office // by officeKey
	rounds  map[string]Round  // existing rounds by name
	checked map[[2]int64]bool // existing round × office (as merged) found free of calls
	order   []string          // round names in order of first appearance
	rows    []resultRow
	rep     ImportReport
}

// ImportResults stores the rows of a results file (named file) as finished, imported calls;
// see DESIGN.md. A round that exists receives
// the rows unless it is published; a new name becomes a closed imported round after every
// existing one, in order of first appearance. Rows not finished are skipped and counted. One
// bad row and nothing is written: the error is a *RowError naming its line.
func (s *Store) ImportResults(ctx context.Context, file string, rows []ResultRow) (ImportReport, error) {
	if err := s.leadOnly(ctx, ActionImportResults); err != nil {
		return ImportReport{}, err
	}
	var rep ImportReport
	err := s.inTx(ctx, func(tx *txn) error {
		im := &resultImport{s: s, tx: tx, file: file, checked: map[[2]int64]bool{}}
		if err := im.load(ctx); err != nil {
			return err
		}
		for _, r := range rows {
			if err := im.add(ctx, r); err != nil {
				return err
			}
		}
		if err := im.write(ctx); err != nil {
			return err
		}
		rep = im.rep
		return nil
	})
	return rep, err
}

// load reads the offices and rounds that rows are matched against.
func (im *resultImport) load(ctx context.Context) error {
	im.offices, im.rounds = map[string]Office{}, map[string]Round{}
	rows, err := im.tx.QueryContext(ctx, `SELECT `+officeColumns+` FROM offices o JOIN departments d ON d.id = o.department_id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		o, err := scanOffice(rows)
		if err != nil {
			rows.Close()
			return err
		}
		im.offices[officeKey(o.Department, o.Name)] = o
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = im.tx.QueryContext(ctx, "SELECT id, number, name, status FROM rounds")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r Round
		if err := rows.Scan(&r.ID, &r.Number, &r.Name, &r.Status); err != nil {
			return err
		}
		im.rounds[r.Name] = r
	}
	return rows.Err()
}

// add matches one row and keeps it to store.
func (im *resultImport) add(ctx context.Context, r ResultRow) error {
	if r.Round != "" && !slices.Contains(im.order, r.Round) {
		im.order = append(im.order, r.Round)
	}
	if !r.Finished {
		im.rep.Skipped++ // a call not finished: nothing to import
		return nil
	}
	o, ok := im.offices[officeKey(r.Department, r.Office)]
	if !ok {
		return &RowError{Line: r.Line, Err: &UnknownOfficeError{Department: r.Department, Office: r.Office}}
	}
	if err := im.checkFree(ctx, r.Line, r.Round, o); err != nil {
		return err
	}
	im.rows = append(im.rows, resultRow{line: r.Line, round: r.Round, office: o, total: r.Total, result: r.Result})
	return nil
}

// checkFree refuses a row for an existing round that is published, or that already has results
// or calls for the office (as merged: its history is one).
func (im *resultImport) checkFree(ctx context.Context, line int, round string, o Office) error {
	r, exists := im.rounds[round]
	if !exists {
		return nil
	}
	if r.Status == RoundPublished {
		return &RowError{Line: line, Err: &PublishedRoundError{Round: round}}
	}
	target, err := canonicalOffice(ctx, im.tx, o.ID)
	if err != nil {
		return err
	}
	if im.checked[[2]int64{r.ID, target}] {
		return nil
	}
	var n int
	err = im.tx.QueryRowContext(ctx, `SELECT count(*) FROM calls WHERE round_id = ?
		AND (office_id = ? OR office_id IN (SELECT id FROM offices WHERE merged_into = ?))`, r.ID, target, target).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		return &RowError{Line: line, Err: &ResultsExistError{Round: round, Office: o}}
	}
	im.checked[[2]int64{r.ID, target}] = true
	return nil
}

// write creates the new rounds, stores the rows as calls and brings the audits and streaks up
// to date.
func (im *resultImport) write(ctx context.Context) error {
	ids, err := im.roundIDs(ctx)
	if err != nil {
		return err
	}
	ins, err := im.tx.PrepareContext(ctx, `INSERT INTO calls(round_id, office_id, status, finished_at, office_name,
		department_name, scored, total, grade, problem, reasons, imported, imported_line)
		VALUES(?, ?, 'done', ?, ?, ?, 0, ?, nullif(?, ''), ?, ?, 1, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	type audit struct{ office, round int64 }
	touched := map[audit]bool{}
	perRound := map[int64]int{}
	for _, r := range im.rows {
		id := ids[r.round]
		res, err := ins.ExecContext(ctx, id, r.office.ID, im.tx.now, r.office.Name, r.office.Department, r.total,
			r.result.Grade, r.result.Problem, encodeReasons(r.result.Reasons), r.line)
		if err != nil {
			return fault(err, "line %d", r.line)
		}
		callID, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if err := appendRecord(ctx, im.tx, kindImport, callID, im.s.actor); err != nil {
			return fault(err, "line %d", r.line)
		}
		touched[audit{r.office.ID, id}] = true
		perRound[id]++
		im.rep.Added++
	}
	for _, name := range im.order {
		if id, ok := ids[name]; ok {
			detail := map[string]any{"file": im.file, "calls": perRound[id]}
			if err := im.s.recordChange(ctx, im.tx, "round", id, "import results", detail); err != nil {
				return err
			}
		}
	}
	// Oldest round first, so each refresh starts from streaks already right before it.
	list := make([]audit, 0, len(touched))
	for a := range touched {
		list = append(list, a)
	}
	slices.SortFunc(list, func(a, b audit) int {
		return cmp.Or(cmp.Compare(a.round, b.round), cmp.Compare(a.office, b.office))
	})
	for _, a := range list {
		if err := refreshAudit(ctx, im.tx, a.office, a.round); err != nil {
			return err
		}
	}
	return nil
}

// roundIDs gives each round name of the stored rows its id, creating the new ones in order of
// first appearance as closed imported rounds.
func (im *resultImport) roundIDs(ctx context.Context) (map[string]int64, error) {
	used := map[string]bool{}
	for _, r := range im.rows {
		used[r.round] = true
	}
	ids := map[string]int64{}
	for _, name := range im.order {
		if !used[name] {
			continue
		}
		if r, ok := im.rounds[name]; ok {
			ids[name] = r.ID
			continue
		}
		id, err := insertRound(ctx, im.tx, im.s, name, RoundClosed, true, "", "")
		if err != nil {
			return nil, err
		}
		if _, err := im.tx.ExecContext(ctx, "UPDATE rounds SET closed_at = created_at WHERE id = ?", id); err != nil {
			return nil, err
		}
		ids[name] = id
		im.rep.Rounds = append(im.rep.Rounds, name)
	}
	return ids, nil
}

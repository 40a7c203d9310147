package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"phoneaudit/scoring"
	"phoneaudit/tabular"
)

// The columns of a results file.
var (
	colRound   = tabular.Column{Key: "round", Names: []string{"轮次", "round"}, Required: true}
	colProblem = tabular.Column{Key: "problem", Names: []string{"是否存在问题", "problem", "存在问题"}, Required: true}
	colTotal   = tabular.Column{Key: "total", Names: []string{"得分", "total", "总分", "score"}}
	colReasons = tabular.Column{Key: "reasons", Names: []string{"问题描述", "reasons", "主要问题"}}
)

// resultColumns are the columns of a results file. Export's header begins with their first names,
// so an export of one database imports into another.
var resultColumns = []tabular.Column{colRound, colDepartment, colOffice, colProblem, colTotal, colReasons}

// resultRow is one past call read from a results file, checked and ready to store.
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
	tx      *sql.Tx
	file    string
	offices map[string]Office // by officeKey
	rounds  map[string]Round  // existing rounds by name
	checked map[[2]int64]bool // existing round × office (as merged) found free of calls
	order   []string          // round names in order of first appearance
	rows    []resultRow
	rep     ImportReport
}

// ImportResults reads past results (轮次, 单位, 科室, 是否存在问题, optional 得分 and 问题描述) and
// stores each row as a finished, imported call; see DESIGN.md. A round that exists receives
// the rows unless it is published; a new name becomes a closed imported round after every
// existing one, in order of first appearance. Rows without a 是否存在问题 value are calls not
// finished: they are skipped and counted. One bad row and nothing is written.
func (s *Store) ImportResults(ctx context.Context, path string) (ImportReport, error) {
	if err := s.leadOnly(ctx, "may not import results"); err != nil {
		return ImportReport{}, err
	}
	name, recs, err := readRecords(path, resultColumns, "results")
	if err != nil {
		return ImportReport{}, err
	}
	var rep ImportReport
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		im := &resultImport{s: s, tx: tx, file: name, checked: map[[2]int64]bool{}}
		if err := im.load(ctx); err != nil {
			return err
		}
		for _, r := range recs {
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
	return rep, inFile(name, err)
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

// add checks one record and keeps it as a row to store.
func (im *resultImport) add(ctx context.Context, r tabular.Record) error {
	v := r.Values
	round := v["round"]
	if round != "" && !slices.Contains(im.order, round) {
		im.order = append(im.order, round)
	}
	if v["problem"] == "" {
		im.rep.Skipped++ // a call not finished: nothing to import
		return nil
	}
	if err := filled(im.file, r, colRound, colDepartment, colOffice); err != nil {
		return err
	}
	if err := ValidRoundName(round); err != nil {
		return badLine(im.file, r.Line, "轮次 %q is all digits; write the round's name, e.g. 2024年第3轮", round)
	}
	o, ok := im.offices[officeKey(v["department"], v["office"])]
	if !ok {
		return badLine(im.file, r.Line, "%s · %s is not in the office list (check the names, or import it with the offices first)",
			v["department"], v["office"])
	}
	problem, ok := parseProblem(v["problem"])
	if !ok {
		return badLine(im.file, r.Line, "是否存在问题 %q is neither 是 nor 否 (yes/no, 1/0, Y/N)", v["problem"])
	}
	total, err := parseTotal(v["total"])
	if err != nil {
		return badLine(im.file, r.Line, "得分 %q is not a number from 0 to 100", v["total"])
	}
	if err := im.checkFree(ctx, r.Line, round, o); err != nil {
		return err
	}
	im.rows = append(im.rows, resultRow{line: r.Line, round: round, office: o, total: total,
		result: scoring.ImportedResult(problem, total, v["reasons"])})
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
		return &lineError{file: im.file, line: line, kind: ErrRoundState,
			msg: fmt.Sprintf("round %s is published and takes no more results", round)}
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
		return &lineError{file: im.file, line: line, kind: ErrAlreadyExist,
			msg: fmt.Sprintf("round %s already has results or calls for %s; they are not imported twice", round, o.Label())}
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
	now := im.s.now()
	type audit struct{ office, round int64 }
	touched := map[audit]bool{}
	perRound := map[int64]int{}
	for _, r := range im.rows {
		id := ids[r.round]
		res, err := ins.ExecContext(ctx, id, r.office.ID, now, r.office.Name, r.office.Department, r.total,
			r.result.Grade, r.result.Problem, encodeReasons(r.result.Reasons), r.line)
		if err != nil {
			return fmt.Errorf("line %d: %w", r.line, err)
		}
		callID, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if err := appendRecord(ctx, im.tx, kindImport, callID, im.s.actor); err != nil {
			return fmt.Errorf("line %d: %w", r.line, err)
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

// parseProblem reads a 是否存在问题 cell.
func parseProblem(s string) (problem, ok bool) {
	switch strings.ToLower(width.Fold.String(s)) {
	case "是", "有", "存在问题", "yes", "y", "1", "true":
		return true, true
	case "否", "无", "无问题", "no", "n", "0", "false":
		return false, true
	}
	return false, false
}

// parseTotal reads a 得分 cell: empty, or a number from 0 to 100 (full-width digits and a
// trailing 分 are accepted). Any decimals are kept: a mean of three sheets is 70.8333….
func parseTotal(s string) (*float64, error) {
	if s == "" {
		return nil, nil
	}
	t := strings.TrimSpace(strings.TrimSuffix(width.Fold.String(s), "分"))
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || v < 0 || v > 100 {
		return nil, fmt.Errorf("total %q: %w", s, ErrInvalid)
	}
	return &v, nil
}

package imports

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"phoneaudit/scoring"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

// Results reads past results (轮次, 单位, 科室, 是否存在问题, optional 得分 and 问题描述) and
// stores each row as a finished, imported call; see store.ImportResults. Rows without a
// 是否存在问题 value are calls not finished: they are skipped and counted. One bad row and
// nothing is written.
func Results(ctx context.Context, s *store.Store, path string) (store.ImportReport, error) {
	if err := s.RequireLead(ctx, store.ActionImportResults); err != nil {
		return store.ImportReport{}, err
	}
	name, recs, err := readRecords(path, resultColumns, "results")
	if err != nil {
		return store.ImportReport{}, err
	}
	rows, err := ResultRows(name, recs)
	if err != nil {
		return store.ImportReport{}, err
	}
	rep, err := s.ImportResults(ctx, name, rows)
	rep.Hidden = hiddenLines(recs)
	return rep, inFile(name, err)
}

// ResultRows maps the records of a results file (file is its name, for errors).
func ResultRows(file string, recs []tabular.Record) ([]store.ResultRow, error) {
	rows := make([]store.ResultRow, 0, len(recs))
	for _, r := range recs {
		row, err := resultRow(file, r)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// resultRow checks one record and maps it.
func resultRow(file string, r tabular.Record) (store.ResultRow, error) {
	v := r.Values
	round := v["round"]
	row := store.ResultRow{Line: r.Line, Round: round}
	if v["problem"] == "" {
		return row, nil // a call not finished: nothing to import
	}
	if err := filled(file, r, colRound, colDepartment, colOffice); err != nil {
		return row, err
	}
	if err := store.ValidRoundName(round); err != nil {
		return row, badLine(file, r.Line, "轮次 %q is all digits; write the round's name, e.g. 2024年第3轮", round)
	}
	problem, ok := parseProblem(v["problem"])
	if !ok {
		return row, badLine(file, r.Line, "是否存在问题 %q is neither 是 nor 否 (yes/no, 1/0, Y/N)", v["problem"])
	}
	total, err := parseTotal(v["total"])
	if err != nil {
		return row, badLine(file, r.Line, "得分 %q is not a number from 0 to 100", v["total"])
	}
	row.Finished, row.Department, row.Office, row.Total = true, v["department"], v["office"], total
	row.Result = scoring.ImportedResult(problem, total, v["reasons"])
	return row, nil
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
		return nil, fmt.Errorf("total %q: %w", s, store.ErrInvalid)
	}
	return &v, nil
}

package imports

import (
	"context"
	"maps"
	"strconv"
	"strings"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

// ExportTable is a round's calls as a table: the header and one row of text per call (or score
// sheet). Numeric marks the columns holding numbers, so a workbook can store them as numbers.
// Cells are not guarded against formulas: the writer does that (tabular.GuardCell).
type ExportTable struct {
	Header  []string
	Rows    [][]string
	Numeric []bool
}

// The columns before and after the rubric's criteria. The first six are the results import's
// names (resultColumns), so an export imports into another database as past results.
var (
	exportLead = append(firstNames(resultColumns), colPhone.Names[0], "测评员")
	exportRest = []string{colPersona.Names[0], colQuestion.Names[0], "拨打时间", "结果代码", "拨打记录", "接通秒数"}
	exportTail = []string{"等级", "接听人", "备注", "录音文件", "复核", "修正"}
)

// firstNames are the names messages use of each column, the first of its names.
func firstNames(cols []tabular.Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Names[0]
	}
	return names
}

const exportTimeLayout = "2006-01-02 15:04"

// exportData is what a round's export lays out.
type exportData struct{ store.RoundExport }

// Export lays out the calls of a round, by department and office: one row per call, or with
// sheets one row per score sheet, every one of them (abandoned and dropped ones marked in 评分人),
// and calls without a sheet once. The header is that of DESIGN.md "export", one column per
// criterion of the round's rubric (none for an imported round) holding the points earned.
func Export(ctx context.Context, s *store.Store, roundID int64, sheets bool) (ExportTable, error) {
	re, err := s.ExportRound(ctx, roundID)
	if err != nil {
		return ExportTable{}, err
	}
	d := &exportData{re}
	t := d.header(sheets)
	for _, c := range d.Calls {
		base := d.callCells(c)
		if !sheets {
			t.Rows = append(t.Rows, d.row(c, base, "", d.callPoints(c), "", false))
			continue
		}
		live := d.Sheets[c.ID]
		if len(live) == 0 {
			t.Rows = append(t.Rows, d.row(c, base, "", nil, "", true))
		}
		for _, sh := range live {
			total := ""
			if sh.Amended {
				total = scoring.FormatTotal(d.Rubric.ScoreSheet(sh.Answers, c.AnswerSeconds).Total)
			} else if sh.Submitted && sh.Total != nil {
				total = scoring.FormatTotal(*sh.Total)
			}
			pts := d.Rubric.ScoreSheet(sh.Answers, c.AnswerSeconds).Points
			t.Rows = append(t.Rows, d.row(c, base, total, pts, raterLabel(sh), true))
		}
	}
	return t, nil
}

// header builds the column names and marks the numeric ones.
func (d *exportData) header(sheets bool) ExportTable {
	var t ExportTable
	add := func(name string, numeric bool) {
		t.Header = append(t.Header, name)
		t.Numeric = append(t.Numeric, numeric)
	}
	for _, h := range exportLead {
		add(h, h == "得分")
	}
	if sheets {
		add("评分人", false)
	}
	for _, h := range exportRest {
		add(h, h == "接通秒数")
	}
	taken := map[string]bool{}
	for _, h := range append(append(append([]string{"评分人"}, exportLead...), exportRest...), exportTail...) {
		taken[h] = true
	}
	for _, c := range resultColumns {
		for _, n := range c.Names {
			taken[strings.ToLower(n)] = true
		}
	}
	for _, c := range d.Rubric.Criteria {
		name := c.Label(lang.ZH)
		// A label equal to another column would make the export unreadable as results.
		if taken[strings.ToLower(name)] {
			name += "(" + c.Key + ")"
		}
		taken[strings.ToLower(name)] = true
		add(name, true)
	}
	for _, h := range exportTail {
		add(h, false)
	}
	return t
}

// callCells are the cells of a call that every row of it shares, by header name.
func (d *exportData) callCells(c store.Call) map[string]string {
	m := map[string]string{
		"轮次": d.Round.Name, "单位": c.Department, "科室": c.Office, "电话": c.Phone, "测评员": c.Auditor,
		"身份": c.Persona.Label(lang.ZH), "咨询事项": c.Question, "备注": c.Notes, "录音文件": c.RecordingFile,
		"接听人": answeredBy(c.AnsweredStaffNo, c.AnsweredName), "等级": gradeLabel(d.Rubric, c.Result.Grade),
	}
	if c.Status == scoring.Done || c.Status == scoring.Unreachable {
		m["是否存在问题"] = yesNo(c.Result.Problem)
		m["问题描述"] = scoring.JoinReasons(c.Result.Reasons, lang.ZH)
		if d.HasTotal[c.ID] {
			m["得分"] = scoring.FormatTotal(c.Result.Total)
		}
	}
	if c.Result.NeedsReview {
		m["复核"] = "是"
	}
	if notes := amendNotes(d.Amends[c.ID], d.Loc); len(notes) > 0 {
		m["修正"] = "已修正：" + strings.Join(notes, "；")
	}
	if c.AnswerSeconds != nil {
		m["接通秒数"] = strconv.Itoa(*c.AnswerSeconds)
	}
	if as := d.Attempts[c.ID]; len(as) > 0 {
		last := as[len(as)-1]
		m["拨打时间"] = last.At.In(d.Loc).Format(exportTimeLayout)
		m["结果代码"] = strconv.Itoa(int(last.Outcome))
		log := make([]string, len(as))
		for i, a := range as {
			log[i] = a.At.In(d.Loc).Format("15:04") + " " + strconv.Itoa(int(a.Outcome))
		}
		m["拨打记录"] = strings.Join(log, "; ")
	}
	return m
}

// row lays out one row. In sheet rows, 得分 and the criteria are the sheet's.
func (d *exportData) row(c store.Call, base map[string]string, total string, points map[string]float64, rater string, sheets bool) []string {
	cells := make(map[string]string, len(base)+2)
	maps.Copy(cells, base)
	if sheets {
		cells["得分"] = total
		cells["评分人"] = rater
		if rater == "" { // a call without a sheet: its own total (an imported result, say)
			cells["得分"] = base["得分"]
		}
	}
	row := make([]string, 0, len(exportLead)+len(exportRest)+len(exportTail)+len(d.Rubric.Criteria)+1)
	for _, h := range exportLead {
		row = append(row, cells[h])
	}
	if sheets {
		row = append(row, cells["评分人"])
	}
	for _, h := range exportRest {
		row = append(row, cells[h])
	}
	for _, cr := range d.Rubric.Criteria {
		v := ""
		if p, ok := points[cr.Key]; ok {
			v = scoring.FormatTotal(p)
		}
		row = append(row, v)
	}
	for _, h := range exportTail {
		row = append(row, cells[h])
	}
	return row
}

// callPoints is the points per criterion that the call's result stands on: the consensus
// sheet's, or the mean of the submitted sheets' (whose sum is the call's total). None while no
// sheet is in.
func (d *exportData) callPoints(c store.Call) map[string]float64 {
	var use []store.ExportSheet
	for _, sh := range d.Sheets[c.ID] {
		if sh.Consensus && sh.Submitted {
			use = []store.ExportSheet{sh}
			break
		}
		if sh.Submitted {
			use = append(use, sh)
		}
	}
	if len(use) == 0 {
		return nil
	}
	sum, n := map[string]float64{}, map[string]int{}
	for _, sh := range use {
		for k, p := range d.Rubric.ScoreSheet(sh.Answers, c.AnswerSeconds).Points {
			sum[k] += p
			n[k]++
		}
	}
	for k := range sum {
		sum[k] /= float64(n[k])
	}
	return sum
}

// amendNotes words each amendment for the 修正 column: 理由（谁 日期）, marked （发布后） when it
// came after the bulletin.
func amendNotes(ms []store.ExportAmendment, loc *time.Location) []string {
	var notes []string
	for _, m := range ms {
		note := m.Reason + "（" + m.By
		if !m.At.IsZero() {
			note += " " + m.At.In(loc).Format(time.DateOnly)
		}
		note += "）"
		if m.AfterPublication {
			note += "（发布后）"
		}
		notes = append(notes, note)
	}
	return notes
}

// raterLabel names a sheet's rater and marks what kind of sheet it is: a lead's consensus, a
// draft still open, or a sheet that no longer counts (abandoned by its rater, dropped by a lead).
func raterLabel(sh store.ExportSheet) string {
	switch {
	case sh.Consensus:
		return sh.Rater + "（合议）"
	case sh.Status == "abandoned":
		return sh.Rater + "（已放弃）"
	case sh.Status == "dropped":
		return sh.Rater + "（已撤销）"
	}
	return sh.Rater
}

// answeredBy writes who answered as "工号 0231 张三", either part optional.
func answeredBy(staffNo, name string) string {
	var parts []string
	if staffNo != "" {
		parts = append(parts, "工号 "+staffNo)
	}
	if name != "" {
		parts = append(parts, name)
	}
	return strings.Join(parts, " ")
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// gradeLabel names a grade key in Chinese: from the round's rubric, or from the default rubric,
// whose bands grade imported results.
func gradeLabel(r scoring.Rubric, key string) string {
	if key == "" {
		return ""
	}
	for _, grades := range [][]scoring.Grade{r.Grades, scoring.DefaultRubric().Grades} {
		for _, g := range grades {
			if g.Key == key {
				return scoring.GradeLabel(g, lang.ZH)
			}
		}
	}
	return key
}

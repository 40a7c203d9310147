package cli

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"phoneaudit/imports"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

// importKind is one thing the import command reads.
type importKind struct {
	name    string
	short   string
	columns string // the columns, for --help
	example string
	run     func(ctx context.Context, s *store.Store, path string) (store.ImportReport, error)
	report  func(a *app, rep store.ImportReport)
}

func importKinds() []importKind {
	return []importKind{
		{
			name: "offices", short: "导入科室名单 · import the office list",
			columns: "单位/department, 科室/office, 电话/phone, 类别/category (optional)",
			example: "  phoneaudit import offices 科室名单.xlsx\n  phoneaudit import offices offices.csv",
			run:     imports.Offices,
			report: func(a *app, r store.ImportReport) {
				n := r.Added + r.Updated + r.Unchanged
				a.sayn(n, "已导入 %d 个科室（新增 %d，更新 %d，未变 %d）", "imported %d office (%d new, %d updated, %d unchanged)",
					"imported %d offices (%d new, %d updated, %d unchanged)", n, r.Added, r.Updated, r.Unchanged)
				if len(r.Missing) > 0 {
					a.sayn(len(r.Missing), "数据库里有 %d 个科室不在这个文件中（没有删除，不再测评的可以停用）：%s",
						"%d office of the database is not in this file (nothing was deleted; deactivate it if it is no longer audited): %s",
						"%d offices of the database are not in this file (nothing was deleted; deactivate those no longer audited): %s",
						len(r.Missing), a.firstFew(r.Missing, 5))
				}
			},
		},
		{
			name: "auditors", short: "导入测评员名单 · import the auditor list",
			columns: "姓名/name, 角色/role (测评员/auditor or 组长/lead; default 测评员), 所属/affiliation",
			example: "  phoneaudit import auditors 测评员名单.xlsx",
			run:     imports.Auditors,
			report: func(a *app, r store.ImportReport) {
				n := r.Added + r.Updated + r.Unchanged
				a.sayn(n, "已导入 %d 名测评员（新增 %d，更新 %d，未变 %d）", "imported %d auditor (%d new, %d updated, %d unchanged)",
					"imported %d auditors (%d new, %d updated, %d unchanged)", n, r.Added, r.Updated, r.Unchanged)
			},
		},
		{
			name: "scenarios", short: "导入咨询事项 · import the scenarios",
			columns: "类别/category, 身份/persona (农民/farmer, 市民/resident, 企业/business, 基层单位工作人员/grassroots), 咨询事项/question",
			example: "  phoneaudit import scenarios 咨询事项.csv",
			run:     imports.Scenarios,
			report: func(a *app, r store.ImportReport) {
				a.sayn(r.Added+r.Unchanged, "已导入 %d 个咨询事项（新增 %d，已有 %d）", "imported %d scenario (%d new, %d already there)",
					"imported %d scenarios (%d new, %d already there)", r.Added+r.Unchanged, r.Added, r.Unchanged)
			},
		},
		{
			name: "results", short: "导入往期测评结果 · import past results",
			columns: "轮次/round, 单位/department, 科室/office, 是否存在问题/problem (是/否), 得分/total (optional), 问题描述/reasons (optional)",
			example: "  phoneaudit import results 2025年测评结果.xlsx\n  phoneaudit import results 县里导出的结果.csv",
			run:     imports.Results,
			report: func(a *app, r store.ImportReport) {
				a.sayn(r.Added, "已导入 %d 条测评结果", "imported %d result", "imported %d results", r.Added)
				if r.Skipped > 0 {
					a.sayn(r.Skipped, "跳过 %d 行：“是否存在问题”为空（未完成的电话）", "skipped %d row whose problem cell is empty (a call not finished)",
						"skipped %d rows whose problem cell is empty (calls not finished)", r.Skipped)
				}
				if len(r.Rounds) > 0 {
					a.say("新建轮次（导入）：%s", "rounds created (imported): %s", strings.Join(r.Rounds, a.tr("、", ", ")))
				}
			},
		},
	}
}

func (a *app) importCommand() *cobra.Command {
	var subs []*cobra.Command
	for _, k := range importKinds() {
		subs = append(subs, a.importKindCommand(k))
	}
	return a.group("import", "从 Excel/CSV 导入 · import lists and past results from Excel or CSV",
		`  phoneaudit import offices 科室名单.xlsx
  phoneaudit import results 往期结果.csv`, subs...)
}

func (a *app) importKindCommand(k importKind) *cobra.Command {
	return &cobra.Command{
		Use:   k.name + " FILE",
		Short: k.short,
		Long: k.short + `

FILE is .xlsx (the first sheet) or .csv (UTF-8, UTF-8 with BOM, or GBK/GB18030). The header row is
found by its names, Chinese or English, also below a title row; other columns are ignored.
Columns: ` + k.columns + `.
An import is all or nothing: one bad row and nothing is written; the error names its line.`,
		Example: k.example,
		Args:    a.args("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				rep, err := k.run(ctx, s, args[0])
				if err != nil {
					return a.wordImport(err)
				}
				k.report(a, rep)
				if len(rep.Hidden) > 0 {
					a.sayn(len(rep.Hidden), "注意：第 %s 行在 Excel 中是隐藏的，也已导入（不该导入的行请删除后再导入）",
						"note: line %s is hidden in the workbook and was imported all the same (delete the rows that should not be imported, then import again)",
						"note: lines %s are hidden in the workbook and were imported all the same (delete the rows that should not be imported, then import again)",
						a.lineList(rep.Hidden))
				}
				return nil
			})
		},
	}
}

// lineList is lines as a list: 3、5、8 or 3, 5, 8 (the first ten, then how many more).
func (a *app) lineList(lines []int) string {
	words := make([]string, len(lines))
	for i, l := range lines {
		words[i] = strconv.Itoa(l)
	}
	return a.firstFew(words, 10)
}

// wordImport puts an error the file reader worded in both languages into the chosen one.
func (a *app) wordImport(err error) error {
	var m *tabular.Message
	if errors.As(err, &m) {
		return &worded{text: m.In(a.lang), err: err}
	}
	return err
}

// worded is an error shown in the user's language that still matches its cause.
type worded struct {
	text string
	err  error
}

func (w *worded) Error() string { return w.text }
func (w *worded) Unwrap() error { return w.err }

// firstFew lists up to n names, saying how many more there are.
func (a *app) firstFew(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, a.tr("、", ", "))
	}
	return strings.Join(names[:n], a.tr("、", ", ")) + a.trf(" 等（另有 %d 个）", " and %d more", len(names)-n)
}

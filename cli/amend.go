package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"phoneaudit/bulletin"
	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// amendFlags is what `amend` is given.
type amendFlags struct {
	round, office, rater, reason string
	call                         int64
	sets                         []string
	yes                          bool
}

// setting is one --set KEY=VALUE as typed.
type setting struct{ key, value string }

func (a *app) amendCommand() *cobra.Command {
	var f amendFlags
	cmd := &cobra.Command{
		Use:   "amend --round R --office 单位/科室 [--call ID | --rater NAME] --set KEY=VALUE … --reason TEXT [--yes]",
		Short: "修正一个电话的评分或结果 · amend a call's score sheet or imported result",
		Long: `Amends the office's call in round R, as the amendment form of an office's history does (the
lead's role): the original stays as recorded, the call's result becomes the amended one, and the
office's flags follow. R is a round's number or exact name.

For a score sheet, KEY is a criterion of the round's rubric: its key or either label (答复准确 or
accuracy); VALUE is a number 0..max for a scale, y/p/n, 是/部分/否 or yes/partly/no for the
others. Only the criteria named change; the seconds to answer are the call's timer and stay.
For an imported result, KEY is 是否存在问题 (problem) = 是|否, 得分 (total) = 0..100 or empty,
or 问题描述 (reasons) = text.

Where the office has several calls in the round, --call ID chooses one; where the call has several
score sheets (a panel), --rater NAME chooses. It prints the call's result before and after and the
office's streak as of the round. On a published round it saves only with --yes: without it, it
prints what the amendment would do and writes nothing.`,
		Example: `  phoneaudit amend --round 5 --office 市人力资源和社会保障局/社会保险中心 --set 答复准确=4 --set 首问负责=y --reason "复听录音，答复准确"
  phoneaudit amend --round 3 --office 市市场监督管理局/登记注册科 --set accuracy=2 --reason "re-heard the recording" --yes
  phoneaudit amend --round 2025年第4轮 --office 市民政局/社会救助科 --set 是否存在问题=否 --set 问题描述= --reason 误判`,
		Args: a.args(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			dept, office, sets, err := a.amendArgs(f)
			if err != nil {
				return err
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				return a.amend(ctx, s, f, dept, office, sets)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.round, "round", "", "the round `R`: its number or exact name")
	fl.StringVar(&f.office, "office", "", "the office, written `单位/科室`")
	fl.Int64Var(&f.call, "call", 0, "the call `ID`, where the office has several calls in the round")
	fl.StringVar(&f.rater, "rater", "", "the `NAME` of the rater whose sheet is amended, where the call has several")
	fl.StringArrayVar(&f.sets, "set", nil, "a new value, `KEY=VALUE` (repeat the option for several)")
	fl.StringVar(&f.reason, "reason", "", "why the call is amended (`TEXT`, recorded)")
	fl.BoolVar(&f.yes, "yes", false, "save the amendment of a published round")
	return cmd
}

// amendArgs checks the command line before the database is opened.
func (a *app) amendArgs(f amendFlags) (dept, office string, sets []setting, err error) {
	if f.round == "" {
		return "", "", nil, a.usagef("给出轮次：--round 5 或 --round 2026年第5轮", "say which round: --round 5 or --round NAME")
	}
	dept, office, ok := strings.Cut(f.office, "/")
	dept, office = strings.TrimSpace(dept), strings.TrimSpace(office)
	if !ok || dept == "" || office == "" {
		return "", "", nil, a.usagef("--office %q：写成 单位/科室，例如 --office 市人力资源和社会保障局/社会保险中心",
			"--office %q: write it as DEPARTMENT/OFFICE, e.g. --office 市人力资源和社会保障局/社会保险中心", f.office)
	}
	if len(f.sets) == 0 {
		return "", "", nil, a.usagef("给出要修正的值：--set 答复准确=4（可重复）", "say what to change: --set accuracy=4 (repeat for several)")
	}
	for _, kv := range f.sets {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return "", "", nil, a.usagef("--set %q：写成 项目=值，例如 --set 答复准确=4", "--set %q: write it as KEY=VALUE, e.g. --set accuracy=4", kv)
		}
		sets = append(sets, setting{key: strings.TrimSpace(k), value: strings.TrimSpace(v)})
	}
	if strings.TrimSpace(f.reason) == "" {
		return "", "", nil, a.usagef("修正必须写明原因：--reason \"复听录音，答复准确\"", "an amendment needs a reason: --reason TEXT")
	}
	if f.call != 0 && f.rater != "" {
		return "", "", nil, a.usagef("--call 和 --rater 只用一个", "give --call or --rater, not both")
	}
	return dept, office, sets, nil
}

// amendTarget is what an amendment changes: an imported result, or one submitted sheet.
type amendTarget struct {
	entry store.HistoryEntry
	sheet store.SheetInfo // zero for an imported result
	rub   scoring.Rubric  // the round's rubric (a sheet)
	now   scoring.Answers // the sheet's answers as they stand
}

func (a *app) amend(ctx context.Context, s *store.Store, f amendFlags, dept, office string, sets []setting) error {
	if err := s.MayAmend(ctx); err != nil {
		return err
	}
	r, err := a.findRound(ctx, s, f.round)
	if err != nil {
		return err
	}
	o, err := s.FindOffice(ctx, dept, office)
	if err != nil {
		return a.noOffice(err, dept, office)
	}
	t, err := a.amendTarget(ctx, s, f, r, o)
	if err != nil {
		return err
	}
	var (
		preview func() (store.AmendPreview, error)
		save    func(head string) error
		changes []string
	)
	if t.entry.Imported {
		problem, total, reasons, ch, err := a.importedValues(t.entry, sets)
		if err != nil {
			return err
		}
		changes = ch
		preview = func() (store.AmendPreview, error) {
			return s.PreviewAmendResult(ctx, t.entry.ID, problem, total, reasons, f.reason)
		}
		save = func(head string) error {
			_, err := s.AmendResultAt(ctx, head, t.entry.ID, problem, total, reasons, f.reason)
			return err
		}
	} else {
		answers, ch, err := a.sheetValues(t, sets)
		if err != nil {
			return err
		}
		changes = ch
		preview = func() (store.AmendPreview, error) { return s.PreviewAmendSheet(ctx, t.sheet.ID, answers, f.reason) }
		save = func(head string) error {
			_, err := s.AmendSheetAt(ctx, head, t.sheet.ID, answers, f.reason)
			return err
		}
	}
	p, err := preview()
	if err != nil {
		return err
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return err
	}
	a.showAmendment(r, t, changes, p, loc)
	if p.Published && !f.yes {
		return a.errf("%s已发布：加 --yes 才保存这次修正（什么也没有写入）",
			"%s is published: add --yes to save this amendment (nothing was written)", a.roundLabel(r))
	}
	if err := save(p.Head); errors.Is(err, store.ErrLedgerMoved) {
		return a.errf("记录在预览之后有了变化（别人刚保存或发布了什么）：什么也没有写入，请重新运行这条命令看新的预览",
			"the records changed after the preview (someone saved or published meanwhile): nothing was written; run the command again to see the new preview")
	} else if err != nil {
		return err
	}
	a.say("已保存修正", "amendment saved")
	return nil
}

// amendTarget finds the call (--call, else the office's only call in the round, else the one
// --rater rated) and, for a score sheet, the sheet (--rater, else the only submitted one).
func (a *app) amendTarget(ctx context.Context, s *store.Store, f amendFlags, r store.Round, o store.Office) (amendTarget, error) {
	where := a.trf("%s · %s 在%s", "%s · %s in %s", o.Department, o.Name, a.roundLabel(r))
	history, err := s.OfficeHistory(ctx, o.ID, r.Number+1, 1)
	if err != nil {
		return amendTarget{}, err
	}
	var calls []store.HistoryEntry
	for _, e := range history {
		if e.RoundID == r.ID {
			calls = append(calls, e)
		}
	}
	if len(calls) == 0 {
		return amendTarget{}, a.errf("%s没有已完成的电话：没有可修正的", "%s has no finished call: there is nothing to amend", where)
	}
	sheets := map[int64][]store.SheetInfo{}
	for _, e := range calls {
		if e.Imported {
			continue
		}
		all, err := s.Sheets(ctx, e.ID)
		if err != nil {
			return amendTarget{}, err
		}
		for _, sh := range all {
			if sh.Status == "submitted" {
				sheets[e.ID] = append(sheets[e.ID], sh)
			}
		}
	}
	chosen := calls
	switch {
	case f.call != 0:
		chosen = slices.DeleteFunc(slices.Clone(calls), func(e store.HistoryEntry) bool { return e.ID != f.call })
		if len(chosen) == 0 {
			return amendTarget{}, a.errf("%s没有电话 %d；有：%s", "%s has no call %d; it has: %s", where, f.call, a.callChoices(calls))
		}
	case f.rater != "" && len(calls) > 1:
		chosen = slices.DeleteFunc(slices.Clone(calls), func(e store.HistoryEntry) bool {
			return !slices.ContainsFunc(sheets[e.ID], func(sh store.SheetInfo) bool { return sh.Rater == f.rater })
		})
	}
	if len(chosen) != 1 {
		return amendTarget{}, a.errf("%s有 %d 个电话：%s；用 --call ID 选一个", "%s has %d calls: %s; choose one with --call ID",
			where, len(calls), a.callChoices(calls))
	}
	e := chosen[0]
	t := amendTarget{entry: e}
	if e.Imported {
		if f.rater != "" {
			return t, a.errf("电话 %d 是导入的结果，没有评分表：去掉 --rater", "call %d is an imported result with no score sheet: leave out --rater", e.ID)
		}
		return t, nil
	}
	switch {
	case e.Status != scoring.Done || !e.Result.Scored:
		return t, a.errf("电话 %d %s，没有评分：没有可修正的", "call %d is %s and was not scored: there is nothing to amend",
			e.ID, e.Status.Label(a.lang))
	case e.Result.NeedsReview:
		return t, a.errf("电话 %d 的评分需要复核：先在复核中定分，再修正", "call %d needs review: settle it with a consensus first", e.ID)
	}
	if t.rub, err = s.Rubric(ctx, e.RubricVersion); err != nil {
		return t, err
	}
	all := sheets[e.ID]
	mine := all
	if f.rater != "" {
		mine = slices.DeleteFunc(slices.Clone(all), func(sh store.SheetInfo) bool { return sh.Rater != f.rater })
		if len(mine) == 0 {
			return t, a.errf("电话 %d 没有 %s 提交的评分表；有：%s", "call %d has no score sheet by %s; it has: %s",
				e.ID, f.rater, a.sheetChoices(t, all))
		}
	}
	if len(mine) != 1 {
		return t, a.errf("电话 %d 有 %d 张评分表：%s；用 --rater 姓名 选一张", "call %d has %d score sheets: %s; choose one with --rater NAME",
			e.ID, len(all), a.sheetChoices(t, all))
	}
	t.sheet = mine[0]
	if t.now, err = standingAnswers(ctx, s, t.sheet); err != nil {
		return t, err
	}
	return t, nil
}

// standingAnswers is a sheet's answers as they stand: its latest amendment's, else as submitted.
func standingAnswers(ctx context.Context, s *store.Store, sh store.SheetInfo) (scoring.Answers, error) {
	out := maps.Clone(sh.Answers)
	amendments, err := s.Amendments(ctx, sh.CallID)
	if err != nil {
		return nil, err
	}
	for _, m := range amendments {
		if m.SheetID == sh.ID {
			out = maps.Clone(m.Answers)
		}
	}
	if out == nil {
		out = scoring.Answers{}
	}
	return out, nil
}

// callChoices lists calls for a refusal: id, caller, status and result.
func (a *app) callChoices(calls []store.HistoryEntry) string {
	parts := make([]string, len(calls))
	for i, e := range calls {
		who := e.Auditor
		if e.Imported {
			who = a.tr("导入", "imported")
		}
		parts[i] = fmt.Sprintf("%d %s %s %s", e.ID, who, e.Status.Label(a.lang), a.resultWords(e.Result, nil))
	}
	return strings.Join(parts, a.tr("；", "; "))
}

// sheetChoices lists a call's submitted sheets for a refusal: rater and the sheet's total.
func (a *app) sheetChoices(t amendTarget, sheets []store.SheetInfo) string {
	parts := make([]string, len(sheets))
	for i, sh := range sheets {
		who := sh.Rater
		if sh.Kind == "consensus" {
			who += a.tr("（合议）", " (consensus)")
		}
		total := t.rub.ScoreSheet(sh.Answers, t.entry.AnswerSeconds).Total
		parts[i] = fmt.Sprintf("%s %s", who, a.points(total))
	}
	return strings.Join(parts, a.tr("；", "; "))
}

func (a *app) points(total float64) string {
	return a.trf("%s分", "%s points", scoring.FormatTotal(total))
}

// criterionFor finds a criterion by its key or either label.
func criterionFor(r scoring.Rubric, name string) (scoring.Criterion, bool) {
	for _, c := range r.Criteria {
		if strings.EqualFold(c.Key, name) || c.LabelZH == name || strings.EqualFold(c.LabelEN, name) {
			return c, true
		}
	}
	return scoring.Criterion{}, false
}

// sheetValues is the sheet's answers with the settings applied (without the seconds to answer,
// which the call's timer sets), and a line per change.
func (a *app) sheetValues(t amendTarget, sets []setting) (scoring.Answers, []string, error) {
	answers := scoring.Answers{}
	for _, c := range t.rub.Criteria {
		if v, ok := t.now[c.Key]; ok && c.Kind != scoring.Seconds {
			answers[c.Key] = v
		}
	}
	var changes []string
	for _, st := range sets {
		c, ok := criterionFor(t.rub, st.key)
		if !ok {
			return nil, nil, a.errf("--set %s：评分标准「%s」里没有这一项；有：%s", "--set %s: the rubric %s has no such criterion; it has: %s",
				st.key, t.rub.Name, a.criterionNames(t.rub))
		}
		if c.Kind == scoring.Seconds {
			return nil, nil, a.errf("--set %s：%s 来自电话的计时，修正时保持不变", "--set %s: %s comes from the call's timer and stays as it is",
				st.key, c.Label(a.lang))
		}
		v, err := a.criterionValue(c, st.value)
		if err != nil {
			return nil, nil, err
		}
		old, had := answers[c.Key]
		answers[c.Key] = v
		if !had || old != v {
			was := a.tr("未填", "unset")
			if had {
				was = a.valueWords(c, old)
			}
			changes = append(changes, a.trf("%s：%s → %s", "%s: %s → %s", c.Label(a.lang), was, a.valueWords(c, v)))
		}
	}
	if len(changes) == 0 {
		return nil, nil, a.errf("这些就是评分表现在的值：没有要修正的", "these are the sheet's answers already: nothing to amend")
	}
	return answers, changes, nil
}

func (a *app) criterionNames(r scoring.Rubric) string {
	var names []string
	for _, c := range r.Criteria {
		if c.Kind != scoring.Seconds {
			names = append(names, c.Label(a.lang)+" ("+c.Key+")")
		}
	}
	return strings.Join(names, a.tr("、", ", "))
}

// criterionValue reads a value for a criterion: 0..max for a scale, y/p/n and their words for
// the others.
func (a *app) criterionValue(c scoring.Criterion, text string) (int, error) {
	label := c.Label(a.lang)
	if c.Kind == scoring.Scale {
		v, err := strconv.Atoi(text)
		if err != nil || !c.ValidValue(v) {
			return 0, a.errf("%s=%s：要 0 到 %d 的整数", "%s=%s: give a whole number from 0 to %d", label, text, c.Max)
		}
		return v, nil
	}
	switch strings.ToLower(text) {
	case "y", "yes", "是":
		return c.YesValue(), nil
	case "n", "no", "否":
		return scoring.No, nil
	case "p", "partly", "部分":
		if c.Kind == scoring.YesPartlyNo {
			return scoring.Partly, nil
		}
	}
	if c.Kind == scoring.YesPartlyNo {
		return 0, a.errf("%s=%s：要 y/p/n（是/部分/否）", "%s=%s: give y/p/n (yes/partly/no)", label, text)
	}
	return 0, a.errf("%s=%s：要 y/n（是/否）", "%s=%s: give y/n (yes/no)", label, text)
}

// valueWords shows an answer: a scale's number, else yes/partly/no.
func (a *app) valueWords(c scoring.Criterion, v int) string {
	switch {
	case c.Kind == scoring.Scale:
		return strconv.Itoa(v)
	case v == scoring.No:
		return a.tr("否", "no")
	case v == c.YesValue():
		return a.tr("是", "yes")
	default:
		return a.tr("部分", "partly")
	}
}

// importedValues is an imported result's values with the settings applied, and a line per change.
func (a *app) importedValues(e store.HistoryEntry, sets []setting) (problem bool, total *float64, reasons string, changes []string, err error) {
	problem = e.Result.Problem
	if e.Result.Grade != "" {
		v := e.Result.Total
		total = &v
	}
	reasons = scoring.JoinReasons(e.Result.Reasons, lang.ZH)
	for _, st := range sets {
		switch strings.ToLower(st.key) {
		case "是否存在问题", "problem":
			switch strings.ToLower(st.value) {
			case "是", "y", "yes":
				problem = true
			case "否", "n", "no":
				problem = false
			default:
				return false, nil, "", nil, a.errf("%s=%s：要 是 或 否", "%s=%s: give yes or no (是/否)", st.key, st.value)
			}
		case "得分", "total":
			if st.value == "" {
				total = nil
				continue
			}
			v, perr := strconv.ParseFloat(strings.TrimSuffix(st.value, "分"), 64)
			if perr != nil || v < 0 || v > 100 {
				return false, nil, "", nil, a.errf("%s=%s：要 0 到 100 的数", "%s=%s: give a number from 0 to 100", st.key, st.value)
			}
			total = &v
		case "问题描述", "reasons":
			reasons = st.value
		default:
			return false, nil, "", nil, a.errf("--set %s：导入的结果只有 是否存在问题、得分、问题描述 可以修正",
				"--set %s: an imported result has only problem (是否存在问题), total (得分) and reasons (问题描述)", st.key)
		}
	}
	res := scoring.ImportedResult(problem, total, reasons)
	had := e.Result.Grade != ""
	if res.Problem == e.Result.Problem && had == (total != nil) && (!had || res.Total == e.Result.Total) &&
		scoring.JoinReasons(res.Reasons, lang.ZH) == scoring.JoinReasons(e.Result.Reasons, lang.ZH) {
		return false, nil, "", nil, a.errf("这些就是结果现在的值：没有要修正的", "these are the result's values already: nothing to amend")
	}
	if problem != e.Result.Problem {
		changes = append(changes, a.trf("是否存在问题：%s → %s", "problem: %s → %s", a.yesNo(e.Result.Problem), a.yesNo(problem)))
	}
	if had != (total != nil) || (had && res.Total != e.Result.Total) {
		changes = append(changes, a.trf("得分：%s → %s", "total: %s → %s", a.totalWords(had, e.Result.Total), a.totalWords(total != nil, res.Total)))
	}
	if was, now := scoring.JoinReasons(e.Result.Reasons, a.lang), scoring.JoinReasons(res.Reasons, a.lang); was != now {
		changes = append(changes, a.trf("问题描述：%s → %s", "reasons: %s → %s", cmp.Or(was, "–"), cmp.Or(now, "–")))
	}
	return problem, total, reasons, changes, nil
}

func (a *app) yesNo(b bool) string {
	if b {
		return a.tr("是", "yes")
	}
	return a.tr("否", "no")
}

// totalWords is an imported result's total, or a dash for none.
func (a *app) totalWords(has bool, total float64) string {
	if !has {
		return "–"
	}
	return scoring.FormatTotal(total)
}

// showAmendment prints what the amendment does: the call, the changes, the result before and
// after, the office's streak as of the round and, on a published round, that it is published.
func (a *app) showAmendment(r store.Round, t amendTarget, changes []string, p store.AmendPreview, loc *time.Location) {
	e := t.entry
	what := a.tr("导入的结果", "imported result")
	if !e.Imported {
		what = a.trf("%s的评分表", "%s's score sheet", t.sheet.Rater)
		if t.sheet.Kind == "consensus" {
			what = a.trf("%s的合议评分表", "%s's consensus sheet", t.sheet.Rater)
		}
	}
	a.say("修正%s %s · %s 的电话 %d（%s）", "amending %s, %s · %s, call %d (%s)", a.roundLabel(r), e.Department, e.Office, e.ID, what)
	for _, c := range changes {
		fmt.Fprintln(a.stdout, "  "+c)
	}
	var rub *scoring.Rubric
	if !e.Imported {
		rub = &t.rub
	}
	a.say("  修正前：%s", "  before: %s", a.resultWords(p.Before, rub))
	a.say("  修正后：%s", "  after:  %s", a.resultWords(p.After, rub))
	a.say("  截至%s，该科室连续有问题：%s → %s", "  as of %s the office's streak of problems: %s → %s",
		a.roundLabel(r), a.streakWords(p.StreakBefore), a.streakWords(p.StreakAfter))
	if p.Published {
		a.say("  %s已于 %s 发布：已发布的通报保持原样", "  %s was published on %s: the bulletin as published stays as it is",
			a.roundLabel(r), p.PublishedAt.In(loc).Format(time.DateOnly))
	}
	for _, st := range p.Corrections {
		a.showCorrection(st)
	}
}

// showCorrection says how a published round would then differ from what was published: each
// office, the counts, the notices, and how the correction is published.
func (a *app) showCorrection(st store.CorrectionState) {
	a.say("  保存后%s与已发布的通报不同，更正说明将写明：", "  once saved, %s differs from what was published; the correction will say:", a.roundLabel(st.Round))
	for _, d := range st.Diff.Offices {
		a.say("    %s · %s：原通报：%s现为：%s", "    %s · %s: published: %s now: %s", d.Department, d.Office,
			bulletin.OfficeState(d.Was, a.lang), bulletin.OfficeState(d.Now, a.lang))
	}
	if len(st.Diff.Counts) > 0 {
		var parts []string
		for _, c := range st.Diff.Counts {
			parts = append(parts, bulletin.CountChange(c, a.lang))
		}
		fmt.Fprintln(a.stdout, "    "+strings.Join(parts, a.tr("；", "; ")))
	}
	for _, n := range st.Withdraw {
		a.say("    整改通知 %s（%s · %s）将收回", "    notice %s (%s · %s) will be withdrawn", n.Number, n.Department, n.Office)
	}
	for _, n := range st.Issue {
		a.say("    将向 %s · %s 下发整改通知 %s", "    notice %[3]s will be issued to %[1]s · %[2]s", n.Department, n.Office, n.Number)
	}
	for _, n := range st.Keep {
		a.say("    整改通知 %s（%s · %s）已核实整改，保留", "    notice %s (%s · %s) was verified: kept", n.Number, n.Department, n.Office)
	}
	a.say("  保存后用 phoneaudit round correct %d 发布更正说明", "  after saving, publish the correction with phoneaudit round correct %d", st.Round.Number)
}

// resultWords: "64分 · 合格 · 有问题：推诿扯皮" (scoring's labels; the round's grades, else the default's).
func (a *app) resultWords(res scoring.Result, rub *scoring.Rubric) string {
	var parts []string
	if res.Scored || res.Grade != "" {
		parts = append(parts, a.points(res.Total))
	}
	grades := scoring.DefaultRubric().Grades
	if rub != nil {
		grades = rub.Grades
	}
	if i := slices.IndexFunc(grades, func(g scoring.Grade) bool { return res.Grade != "" && g.Key == res.Grade }); i >= 0 {
		parts = append(parts, scoring.GradeLabel(grades[i], a.lang))
	}
	if res.Status == scoring.Unreachable {
		parts = append(parts, res.Status.Label(a.lang))
	}
	if res.Problem {
		parts = append(parts, a.trf("有问题：%s", "problem: %s", scoring.JoinReasons(res.Reasons, a.lang)))
	} else {
		parts = append(parts, a.tr("无问题", "no problem"))
	}
	return strings.Join(parts, " · ")
}

// streakWords: "2次（黄牌）", "3 audits (red)", "0次".
func (a *app) streakWords(n int) string {
	s := a.trn(n, "%d次", "%d audit", "%d audits", n)
	if l := scoring.LevelOf(n).Label(a.lang); l != "" {
		s += a.trf("（%s）", " (%s)", l)
	}
	return s
}

package cli

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"phoneaudit/lang"
	"phoneaudit/plan"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// planFlags are the options that choose what a plan covers.
type planFlags struct {
	seed       int64
	categories []string
	offices    []string // "单位/科室"
}

func (a *app) addPlanFlags(cmd *cobra.Command, p *planFlags) {
	cmd.Flags().Int64Var(&p.seed, "seed", 0, "the `N` that makes the plan reproducible (default: a new one each time, printed)")
	cmd.Flags().StringSliceVar(&p.categories, "categories", nil, "plan only offices of these `CATEGORIES`, e.g. 涉企,窗口")
	cmd.Flags().StringArrayVar(&p.offices, "office", nil, "plan only this `单位/科室` (repeat the option for several)")
}

// options turns the flags into store options; offices are written 单位/科室.
func (a *app) planOptions(cmd *cobra.Command, p planFlags) (store.PlanOptions, error) {
	opt := store.PlanOptions{Seed: p.seed, Categories: p.categories}
	if !cmd.Flags().Changed("seed") {
		opt.Seed = time.Now().UnixNano() % 1_000_000
	}
	for _, o := range p.offices {
		dept, office, ok := strings.Cut(o, "/")
		if !ok || strings.TrimSpace(dept) == "" || strings.TrimSpace(office) == "" {
			return opt, a.usagef("--office %q：写成 单位/科室，例如 --office 市人力资源和社会保障局/社会保险中心",
				"--office %q: write it as DEPARTMENT/OFFICE, e.g. --office 市人力资源和社会保障局/社会保险中心", o)
		}
		opt.Offices = append(opt.Offices, [2]string{strings.TrimSpace(dept), strings.TrimSpace(office)})
	}
	return opt, nil
}

// planRound plans a round and reports the plan and its checks.
func (a *app) planRound(ctx context.Context, s *store.Store, r store.Round, opt store.PlanOptions) error {
	rep, err := s.PlanRound(ctx, strconv.Itoa(r.Number), opt)
	if err != nil {
		return err
	}
	a.sayn(rep.Calls, "已为%s排好 %d 个电话（%s 至 %s，种子 %d；同一种子排出同一计划）",
		"planned for %s: %d call (%s to %s, seed %d; the same seed gives the same plan)",
		"planned for %s: %d calls (%s to %s, seed %d; the same seed gives the same plan)",
		a.roundLabel(rep.Round), rep.Calls, rep.Round.From, rep.Round.To, opt.Seed)
	a.reportChecks(rep.Problems)
	return nil
}

// reportChecks prints what the plan's checks found.
func (a *app) reportChecks(problems []plan.Problem) {
	for _, line := range a.checkLines(problems) {
		fmt.Fprintln(a.stdout, line)
	}
}

// checkLines words the plan's checks: that all hold, or each problem found.
func (a *app) checkLines(problems []plan.Problem) []string {
	if len(problems) == 0 {
		return []string{a.tr("计划检查：测评员均衡、身份轮换、咨询事项对口、时间分散，全部符合", "plan checks: balanced, rotated, fitting and spread — all hold")}
	}
	lines := []string{a.trn(len(problems), "计划检查发现 %d 处需要注意：", "plan checks found %d thing to look at:", "plan checks found %d things to look at:", len(problems))}
	for _, p := range problems {
		lines = append(lines, a.trf("  · %s", "  · %s", p.In(a.lang)))
	}
	return lines
}

func (a *app) roundPlanCommand() *cobra.Command {
	var p planFlags
	cmd := &cobra.Command{
		Use:   "plan R [--seed N] [--categories C,…] [--office 单位/科室 …]",
		Short: "为筹备中的轮次排电话 · plan the calls of a round in planning",
		Long: `Plans one call per active office (or the chosen ones): auditors evenly (never the office's
previous auditor when avoidable), personas rotated and fitting the office's category, a scenario of
the category and persona (not the last one), slots spread over the round's working days inside
working hours, never two calls of one auditor within 10 minutes. The same --seed gives the same plan.
Without dates the round runs over the next 10 working days.`,
		Example: `  phoneaudit round plan 7 --seed 42
  phoneaudit round plan 2026年第7轮 --categories 涉企,窗口`,
		Args: a.args("R"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opt, err := a.planOptions(cmd, p)
			if err != nil {
				return err
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, args[0])
				if err != nil {
					return err
				}
				return a.planRound(ctx, s, r, opt)
			})
		},
	}
	a.addPlanFlags(cmd, &p)
	return cmd
}

var planColumns = []column{
	{key: "slot", zh: "计划时间", en: "slot"},
	{key: "auditor", zh: "测评员", en: "auditor"},
	{key: "department", zh: "单位", en: "department"},
	{key: "office", zh: "科室", en: "office"},
	{key: "category", zh: "类别", en: "category"},
	{key: "persona", zh: "身份", en: "persona"},
	{key: "question", zh: "咨询事项", en: "question"},
	{key: "status", zh: "状态", en: "status"},
}

func (a *app) roundShowCommand() *cobra.Command {
	return a.listCommand(&cobra.Command{
		Use:   "show R [--format text|csv|json] [-o FILE]",
		Short: "显示一个轮次和它的计划 · show a round and its plan",
		Example: `  phoneaudit round show 7
  phoneaudit round show 2026年第7轮 -o 第7轮计划.xlsx`,
		Args: a.args("R"),
	}, func(ctx context.Context, s *store.Store, args []string, o *listOptions) (listing, error) {
		r, err := a.findRound(ctx, s, args[0])
		if err != nil {
			return listing{}, err
		}
		calls, err := s.Calls(ctx, store.CallFilter{RoundID: r.ID})
		if err != nil {
			return listing{}, err
		}
		loc, err := s.Location(ctx)
		if err != nil {
			return listing{}, err
		}
		l := a.planListing(r, calls, loc)
		if o.text() {
			l.title = a.roundSummary(r, calls, loc)
			if !r.Imported && len(calls) > 0 {
				problems, err := s.CheckPlan(ctx, strconv.Itoa(r.Number))
				if err != nil {
					return listing{}, err
				}
				l.notes = a.checkLines(problems)
			}
			notes, err := a.correctionNotes(ctx, s, r)
			if err != nil {
				return listing{}, err
			}
			l.title += strings.Join(append([]string{""}, notes...), "\n")
		}
		return l, nil
	})
}

func (a *app) planListing(r store.Round, calls []store.Call, loc *time.Location) listing {
	l := listing{cols: planColumns, empty: a.tr("这个轮次还没有电话：phoneaudit round plan "+strconv.Itoa(r.Number)+" 排计划",
		"this round has no calls yet: plan them with phoneaudit round plan "+strconv.Itoa(r.Number))}
	for _, c := range calls {
		slot := ""
		if !c.Planned.IsZero() {
			slot = c.Planned.In(loc).Format("2006-01-02 15:04")
		}
		l.rows = append(l.rows, []cell{plain(slot), plain(c.Auditor), plain(c.Department), plain(c.Office), plain(c.Category),
			{value: string(c.Persona), text: personaText(c.Persona, a.lang)}, plain(c.Question),
			{value: string(c.Status), text: c.Status.Label(a.lang)}})
	}
	return l
}

func personaText(p scoring.Persona, l lang.Lang) string {
	if p == "" {
		return ""
	}
	return p.Label(l)
}

// roundSummary is the text above a plan: status, dates and how the calls spread over auditors,
// days and personas.
func (a *app) roundSummary(r store.Round, calls []store.Call, loc *time.Location) string {
	var b strings.Builder
	rubric := a.trf("测评标准第 %d 版", "rubric version %d", r.RubricVersion)
	if r.Imported {
		rubric = a.tr("导入的结果", "imported results")
	}
	fmt.Fprintf(&b, "%s · %s · %s · %s\n", a.roundLabel(r), a.statusLabel(r.Status), rubric,
		a.trf("%s 至 %s，%d 个电话，已完成 %d，问题科室 %d", "%s to %s, "+lang.English(r.Planned, "%d call", "%d calls")+
			", %d done, "+lang.English(r.Problems, "%d office with a problem", "%d offices with a problem"),
			r.From, r.To, r.Planned, r.Finished, r.Problems))
	byAuditor, byDay, byPersona := map[string]int{}, map[string]int{}, map[string]int{}
	for _, c := range calls {
		if c.Auditor != "" {
			byAuditor[c.Auditor]++
		}
		if !c.Planned.IsZero() {
			byDay[c.Planned.In(loc).Format("01-02")]++
		}
		if c.Persona != "" {
			byPersona[c.Persona.Label(a.lang)]++
		}
	}
	for _, part := range []struct {
		zh, en string
		m      map[string]int
	}{{"按测评员", "by auditor", byAuditor}, {"按日期", "by day", byDay}, {"按身份", "by persona", byPersona}} {
		if len(part.m) > 0 {
			fmt.Fprintf(&b, "%s：%s\n", a.tr(part.zh, part.en), counts(part.m))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// counts writes "a 3 · b 4" in key order.
func counts(m map[string]int) string {
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, " · ")
}

func (a *app) roundMoveCommand() *cobra.Command {
	var auditor, at string
	cmd := &cobra.Command{
		Use:   "move R DEPT OFFICE [--auditor NAME] [--at \"2026-12-03 09:40\"]",
		Short: "改派或改时间（未拨打的电话）· reassign or reschedule a call not yet dialled",
		Long: `Gives a planned call that has not been dialled to another auditor and/or another slot (city
time), then re-checks the plan's properties and reports what no longer holds.`,
		Example: `  phoneaudit round move 7 市人力资源和社会保障局 社会保险中心 --auditor 王芳
  phoneaudit round move 7 市人力资源和社会保障局 社会保险中心 --at "2026-12-03 09:40"`,
		Args: a.args("R", "DEPT", "OFFICE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if auditor == "" && at == "" {
				return a.usagef("给出 --auditor 或 --at（或两者）", "give --auditor or --at (or both)")
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, args[0])
				if err != nil {
					return err
				}
				var slot time.Time
				if at != "" {
					loc, err := s.Location(ctx)
					if err != nil {
						return err
					}
					if slot, err = time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(at), loc); err != nil {
						return a.usagef("--at %q 不是时间，写成 \"2026-12-03 09:40\"", "--at %q is not a time like \"2026-12-03 09:40\"", at)
					}
				}
				c, err := s.FindCall(ctx, r.ID, args[1], args[2])
				if err != nil {
					return err
				}
				if err := s.MoveCall(ctx, c.ID, auditor, slot); err != nil {
					return err
				}
				a.say("已调整 %s · %s 的电话", "moved the call to %s · %s", c.Department, c.Office)
				problems, err := s.CheckPlan(ctx, strconv.Itoa(r.Number))
				if err != nil {
					return err
				}
				a.reportChecks(problems)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&auditor, "auditor", "", "give the call to the auditor `NAME`")
	cmd.Flags().StringVar(&at, "at", "", "move the call to `TIME` (city time, \"2026-12-03 09:40\")")
	return cmd
}

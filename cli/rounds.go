package cli

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"phoneaudit/store"
)

func (a *app) roundCommand() *cobra.Command {
	return a.group("round", "测评轮次 · audit rounds: create, plan, show, open, close, publish",
		`  phoneaudit round new --name 2026年第7轮 --plan
  phoneaudit round show 7
  phoneaudit round open 2026年第7轮
  phoneaudit round close 7`,
		a.roundNewCommand(), a.roundPlanCommand(), a.roundShowCommand(), a.roundMoveCommand(), a.roundHandOnCommand(),
		a.roundListCommand(), a.roundOpenCommand(), a.roundCloseCommand(), a.roundPublishCommand(), a.roundCorrectCommand(),
	)
}

// roundLabel names a round in messages: 第7轮「2026年第7轮」.
func (a *app) roundLabel(r store.Round) string {
	return a.trf("第%d轮「%s」", "round %d (%s)", r.Number, r.Name)
}

func (a *app) statusLabel(status string) string {
	switch status {
	case store.RoundPlanning:
		return a.tr("筹备中", "planning")
	case store.RoundOpen:
		return a.tr("进行中", "open")
	case store.RoundClosed:
		return a.tr("已结束", "closed")
	case store.RoundPublished:
		return a.tr("已发布", "published")
	}
	return status
}

func (a *app) roundNewCommand() *cobra.Command {
	var name, from, to string
	var doPlan bool
	var p planFlags
	cmd := &cobra.Command{
		Use:   "new --name NAME [--plan] [--seed N] [--from DATE --to DATE]",
		Short: "新建一个轮次（筹备中）· create a round, in planning",
		Long: `Creates a round in planning with the current rubric. Its name must not be all digits (a number
always means a round's number). With --plan it also plans the calls (see round plan --help);
without --from/--to the round runs over the next 10 working days.`,
		Example: `  phoneaudit round new --name 2026年第7轮 --plan
  phoneaudit round new --name 2026年第7轮 --plan --seed 42 --from 2026-12-01 --to 2026-12-15
  phoneaudit round new --name 2026年第7轮 --plan --categories 涉企,窗口`,
		Args: a.args(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.checkRoundName(cmd, name); err != nil {
				return err
			}
			dates := [2]*string{&from, &to}
			for i, opt := range []string{"--from", "--to"} {
				if *dates[i] == "" {
					continue
				}
				d, err := parseDate(*dates[i])
				if err != nil {
					return a.usagef("%s %q 不是日期，写成 2026-12-01", "%s %q is not a date like 2026-12-01", opt, *dates[i])
				}
				*dates[i] = d
			}
			if from != "" && to != "" && to < from {
				return a.usagef("--to %s 早于 --from %s", "--to %s is before --from %s", to, from)
			}
			opt, err := a.planOptions(cmd, p)
			if err != nil {
				return err
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				r, err := s.NewRound(ctx, name, from, to)
				if errors.Is(err, store.ErrAlreadyExist) {
					return a.errf("已经有名为 %s 的轮次（phoneaudit round list 列出全部轮次）", "a round named %s already exists (phoneaudit round list shows them)", name)
				}
				if err != nil {
					return err
				}
				a.say("已新建%s：筹备中，使用测评标准第 %d 版", "created %s: in planning, with rubric version %d", a.roundLabel(r), r.RubricVersion)
				if !doPlan {
					return nil
				}
				return a.planRound(ctx, s, r, opt)
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the round's `NAME`, e.g. 2026年第7轮 (never all digits)")
	cmd.Flags().StringVar(&from, "from", "", "first day `DATE`, e.g. 2026-12-01")
	cmd.Flags().StringVar(&to, "to", "", "last day `DATE`, e.g. 2026-12-15")
	cmd.Flags().BoolVar(&doPlan, "plan", false, "also plan the round's calls")
	a.addPlanFlags(cmd, &p)
	return cmd
}

// checkRoundName refuses a missing or all-digit name before the database is touched: both are
// mistakes in the command line.
func (a *app) checkRoundName(cmd *cobra.Command, name string) error {
	if !cmd.Flags().Changed("name") {
		return a.usagef("给出轮次名称：--name 2026年第7轮", "give the round a name: --name 2026年第7轮")
	}
	if strings.TrimSpace(name) == "" {
		return a.usagef("轮次名称不能为空，例如 --name 2026年第7轮", "the round name must not be empty, e.g. --name 2026年第7轮")
	}
	if store.ValidRoundName(name) != nil { // the only other mistake: all digits
		return a.usagef("轮次名称 %q 全是数字：数字用来指轮次的序号，请起一个名字，例如 2026年第7轮",
			"the round name %q is all digits: numbers mean round numbers; give a name such as 2026年第7轮", name)
	}
	return nil
}

var roundColumns = []column{
	{key: "number", zh: "序号", en: "number", numeric: true},
	{key: "name", zh: "名称", en: "name"},
	{key: "status", zh: "状态", en: "status"},
	{key: "rubric", zh: "标准版本", en: "rubric", numeric: true},
	{key: "from", zh: "开始", en: "from"},
	{key: "to", zh: "结束", en: "to"},
	{key: "planned", zh: "电话数", en: "planned", numeric: true},
	{key: "done", zh: "已完成", en: "done", numeric: true},
	{key: "problems", zh: "问题科室", en: "problems", numeric: true},
}

func (a *app) roundListCommand() *cobra.Command {
	return a.listCommand(&cobra.Command{
		Use:   listUse,
		Short: "列出轮次 · list the rounds",
		Example: `  phoneaudit round list
  phoneaudit round list --format csv`,
		Args: a.args(),
	}, func(ctx context.Context, s *store.Store, _ []string, _ *listOptions) (listing, error) {
		rounds, err := s.Rounds(ctx)
		if err != nil {
			return listing{}, err
		}
		pending, err := s.PendingCorrections(ctx)
		var role *store.RoleError
		if errors.As(err, &role) { // only a lead is told of corrections to publish
			err = nil
		}
		if err != nil {
			return listing{}, err
		}
		return a.roundListing(rounds, pending), nil
	})
}

func (a *app) roundListing(rounds []store.Round, pending map[int64]bool) listing {
	l := listing{
		cols:  roundColumns,
		empty: a.tr("还没有轮次：phoneaudit round new --name 名称 新建，或 phoneaudit import results 文件 导入往期结果", "no rounds yet: create one with phoneaudit round new --name NAME, or import past results"),
	}
	for _, r := range rounds {
		rubric := cell{value: strconv.Itoa(r.RubricVersion)}
		if r.Imported || r.RubricVersion == 0 {
			rubric = cell{value: "", text: a.tr("导入", "imported")}
		}
		l.rows = append(l.rows, []cell{
			num(r.Number), plain(r.Name), {value: r.Status, text: a.roundStatusText(r, pending)}, rubric,
			plain(r.From), plain(r.To), num(r.Planned), num(r.Finished), num(r.Problems),
		})
	}
	return l
}

func (a *app) roundOpenCommand() *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "open R [--reason TEXT]",
		Short: "开始一个轮次（测评员可以拨打它的电话）· open a round so auditors can call",
		Long: `Opens a round in planning. R is the round's number or its exact name. One round is open at a
time. A closed round can be re-opened with a --reason, which is recorded; its not-audited calls
can then be made. A published round is final.`,
		Example: `  phoneaudit round open 7
  phoneaudit round open 2026年第7轮
  phoneaudit round open 6 --reason "补打3个因停电未拨的电话"`,
		Args: a.args("R"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, args[0])
				if err != nil {
					return err
				}
				if r.Status == store.RoundClosed {
					if strings.TrimSpace(reason) == "" {
						return a.errf("%s已结束：重新开始需要说明原因（--reason \"…\"），原因会被记录",
							"%s is closed: re-opening it needs a reason (--reason \"…\"), which is recorded", a.roundLabel(r))
					}
					if err := s.ReopenRound(ctx, strconv.Itoa(r.Number), reason); err != nil {
						return err
					}
					a.say("已重新开始%s（原因已记录）", "re-opened %s (the reason is recorded)", a.roundLabel(r))
					return nil
				}
				if err := s.StartRound(ctx, strconv.Itoa(r.Number)); err != nil {
					return err
				}
				a.sayn(r.Planned, "已开始%s：测评员现在可以拨打它的 %d 个电话", "opened %s: auditors can now make its %d call",
					"opened %s: auditors can now make its %d calls", a.roundLabel(r), r.Planned)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why a closed round is re-opened (`TEXT`, recorded)")
	return cmd
}

// findRound finds a round by number or name, with the clerk's words when there is none.
func (a *app) findRound(ctx context.Context, s *store.Store, ref string) (store.Round, error) {
	r, err := s.FindRound(ctx, ref)
	if errors.Is(err, store.ErrNotFound) {
		return r, a.errf("没有轮次 %q：用序号或完整名称（phoneaudit round list 列出全部轮次）",
			"there is no round %q: give its number or exact name (phoneaudit round list shows them)", ref)
	}
	return r, err
}

// shownUnfinished is how many unfinished calls a refused close names.
const shownUnfinished = 3

func (a *app) roundCloseCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "close R [--force]",
		Short: "结束一个轮次 · close a round",
		Long: `Closes an open round. Calls neither done nor unreachable would become "not audited" (their
drafts are kept as abandoned), so a round with such calls is closed only with --force.`,
		Example: `  phoneaudit round close 7
  phoneaudit round close 2026年第7轮 --force`,
		Args: a.args("R"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, args[0])
				if err != nil {
					return err
				}
				if !force && r.Status == store.RoundOpen {
					if err := a.refuseUnfinished(ctx, s, r); err != nil {
						return err
					}
				}
				rep, err := s.CloseRound(ctx, strconv.Itoa(r.Number), force)
				if err != nil {
					return err
				}
				if n := len(rep.NotAudited); n > 0 {
					a.sayn(n, "已结束%s：%d 个未完成的电话记为未测评", "closed %s: %d unfinished call is now not audited",
						"closed %s: %d unfinished calls are now not audited", a.roundLabel(rep.Round), n)
				} else {
					a.say("已结束%s", "closed %s", a.roundLabel(rep.Round))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "close even with unfinished calls (they become not audited)")
	return cmd
}

// refuseUnfinished fails when the round has calls neither done nor unreachable, naming a few.
func (a *app) refuseUnfinished(ctx context.Context, s *store.Store, r store.Round) error {
	calls, err := s.UnfinishedCalls(ctx, r.ID)
	if err != nil || len(calls) == 0 {
		return err
	}
	names := make([]string, len(calls))
	for i, c := range calls {
		names[i] = c.Department + " · " + c.Office
		if c.Auditor != "" {
			names[i] += a.trf("（%s）", " (%s)", c.Auditor)
		}
	}
	return errors.New(a.trn(len(calls), "%s还有 %d 个电话没有完成：%s；结束后它们记为未测评，确要结束请加 --force",
		"%s has %d call not finished: %s; closing makes it not audited: add --force to close anyway",
		"%s has %d calls not finished: %s; closing makes them not audited: add --force to close anyway",
		a.roundLabel(r), len(calls), a.firstFew(names, shownUnfinished)))
}

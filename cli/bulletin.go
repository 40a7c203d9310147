package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"phoneaudit/publish"
	"phoneaudit/store"
	"phoneaudit/tabular"
	"phoneaudit/ui"
)

func (a *app) bulletinCommand() *cobra.Command {
	var round, template, out string
	var fresh bool
	format := a.newChoice("text", "text", "md")
	cmd := &cobra.Command{
		Use:   "bulletin --round R [--format text|md] [--template FILE] [--lang zh|en] [--fresh] [-o FILE]",
		Short: "一个轮次的通报 · the bulletin of a round",
		Long: `Writes the bulletin (通报) of round R from the database, in the form the newspaper prints:
every number is computed, never typed. Once the round is published it prints the stored
rendering, unless --fresh (or --template) asks for one made from the data now. A city can replace
the wording with --template FILE (a text/template; errors name its line).`,
		Example: `  phoneaudit bulletin --round 5
  phoneaudit bulletin --round 2026年第5轮 --format md -o 通报.md
  phoneaudit bulletin --round 5 --lang en`,
		Args: a.args(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if round == "" {
				return a.usagef("给出轮次：--round R", "give the round: --round R")
			}
			o := publish.Options{Lang: a.lang, Format: format.value, Fresh: fresh}
			if template != "" {
				body, err := os.ReadFile(template)
				if err != nil {
					return a.errf("读不了模板 %s：%v", "cannot read the template %s: %v", template, err)
				}
				o.Template, o.TemplateName = body, filepath.Base(template)
			}
			return a.withStore(cmd, readAccess, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, round)
				if err != nil {
					return err
				}
				text, published, err := publish.Bulletin(ctx, s, r, o)
				if err != nil {
					return err
				}
				if out == "" {
					_, err = a.stdout.Write(text)
					return err
				}
				if err := tabular.WriteBytes(out, text); err != nil {
					return err
				}
				a.say("已写入 %s", "wrote %s", out)
				if published { // beside the file, the lead is told the data has moved on since
					return a.sayPending(ctx, s, r)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&round, "round", "", "the round `R` (number or name)")
	cmd.Flags().Var(format, "format", "text or md (Markdown)")
	cmd.Flags().StringVar(&template, "template", "", "a template `FILE` to use instead of the built-in one")
	cmd.Flags().BoolVar(&fresh, "fresh", false, "after publication, render from the data instead of printing the stored bulletin")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	return cmd
}

func (a *app) roundPublishCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "publish R",
		Short: "发布一个已结束的轮次（通报定稿、下发整改通知）· publish a closed round",
		Long: `Publishes a closed round: stores every rendering of its bulletin (zh/en × text/Markdown) with
its SHA-256, issues a rectification notice to every office with a problem (deadline: 10 working
days), and makes the round final. Refused while a call needs review. Publishing twice changes nothing.`,
		Example: `  phoneaudit round publish 5
  phoneaudit round publish 2026年第5轮`,
		Args: a.args("R"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, args[0])
				if err != nil {
					return err
				}
				rep, err := publish.Round(ctx, s, r)
				if we := (*publish.WitnessError)(nil); errors.As(err, &we) {
					return a.errf("%s已发布，但无法写入见证文件 %s：%v（用 phoneaudit verify 核对）",
						"%s was published, but the witness file %s could not be written: %v (check with phoneaudit verify)", a.roundLabel(r), we.Path, we.Err)
				}
				if err != nil {
					return err
				}
				if rep.Already {
					a.say("%s已经发布过，没有改动", "%s was already published: nothing changed", a.roundLabel(r))
					return nil
				}
				a.sayn(rep.Notices, "已发布%s：下发整改通知 %d 份，整改期限 %s；通报校验码（SHA-256，中文文本）%s",
					"published %s: %d rectification notice issued, due %s; bulletin checksum (SHA-256, zh text) %s",
					"published %s: %d rectification notices issued, due %s; bulletin checksum (SHA-256, zh text) %s",
					a.roundLabel(rep.Round), rep.Notices, rep.Deadline.Format("2006-01-02"), rep.Checksums["zh/text"])
				return nil
			})
		},
	}
}

var noticeColumns = []column{
	{key: "number", zh: "编号", en: "number"},
	{key: "round", zh: "轮次", en: "round", numeric: true},
	{key: "department", zh: "单位", en: "department"},
	{key: "office", zh: "科室", en: "office"},
	{key: "issued", zh: "下发日期", en: "issued"},
	{key: "deadline", zh: "整改期限", en: "deadline"},
	{key: "status", zh: "状态", en: "status"},
	{key: "response", zh: "整改反馈", en: "response"},
	{key: "reported_on", zh: "反馈日期", en: "reported on"},
	{key: "late", zh: "按期/逾期", en: "on time/late"},
}

func (a *app) noticesCommand() *cobra.Command {
	return a.group("notices", "整改通知 · rectification notices",
		`  phoneaudit notices list --status overdue
  phoneaudit notices write --round 5 -o 整改通知/`,
		a.noticesListCommand(), a.noticesWriteCommand(),
		a.noticesReportCommand(), a.noticesVerifyCommand(), a.noticesExtendCommand(),
		a.noticesShowCommand(), a.noticesWithdrawCommand(),
	)
}

// noticeStatusText is a notice's status as CSV and JSON write it, and in words as the screens
// say it (one word per status everywhere).
func (a *app) noticeStatusText(n store.Notice) (value, text string) {
	value = n.Status
	if n.Overdue {
		value = store.NoticeOverdue
	}
	return value, ui.NoticeStatusWord(a.lang, n.Status, n.Overdue)
}

func (a *app) noticesListCommand() *cobra.Command {
	var round string
	status := a.newChoice("", "", store.NoticeIssued, store.NoticeReported, store.NoticeVerified, store.NoticeWithdrawn, store.NoticeOverdue)
	cmd := &cobra.Command{
		Use:   "list [--round R] [--status issued|reported|verified|withdrawn|overdue] [--format text|csv|json] [-o FILE]",
		Short: "列出整改通知 · list the rectification notices",
		Long: `Lists notices with their status, the date of the office's report and whether it came by the
deadline in force then. Overdue is computed: an issued notice whose office has not reported by the
deadline. --status issued lists issued notices, overdue ones included.`,
		Example: `  phoneaudit notices list
  phoneaudit notices list --round 5 --status overdue
  phoneaudit notices list --format csv -o 整改通知.csv`,
		Args: a.args(),
	}
	cmd.Flags().StringVar(&round, "round", "", "only notices of round `R`")
	cmd.Flags().Var(status, "status", "only notices that are issued, reported, verified, withdrawn or overdue")
	return a.listCommand(cmd, func(ctx context.Context, s *store.Store, _ []string, _ *listOptions) (listing, error) {
		f := store.NoticeFilter{Status: status.value}
		if round != "" {
			r, err := a.findRound(ctx, s, round)
			if err != nil {
				return listing{}, err
			}
			f.RoundID = r.ID
		}
		notices, err := s.Notices(ctx, f)
		if err != nil {
			return listing{}, err
		}
		loc, err := s.Location(ctx)
		if err != nil {
			return listing{}, err
		}
		l := listing{cols: noticeColumns, empty: a.tr("没有符合条件的整改通知", "no notices match")}
		for _, n := range notices {
			v, t := a.noticeStatusText(n)
			l.rows = append(l.rows, []cell{plain(n.Number), num(n.RoundNumber), plain(n.Department), plain(n.Office),
				plain(n.IssuedAt.In(loc).Format("2006-01-02")), plain(n.Deadline), {value: v, text: t}, plain(n.Response),
				plain(n.ReportedOn), a.lateCell(n)})
		}
		return l, nil
	})
}

func (a *app) noticesWriteCommand() *cobra.Command {
	var round, dir string
	cmd := &cobra.Command{
		Use:   "write --round R -o DIR",
		Short: "写出整改通知书（每个问题科室一份）· write one notice per office with a problem",
		Example: `  phoneaudit notices write --round 5 -o 整改通知/
  phoneaudit notices write --round 2026年第5轮 -o notices --lang en`,
		Args: a.args(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if round == "" || dir == "" {
				return a.usagef("给出轮次和文件夹：--round R -o 文件夹", "give the round and a folder: --round R -o DIR")
			}
			return a.withStore(cmd, readAccess, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, round)
				if err != nil {
					return err
				}
				files, err := publish.WriteNotices(ctx, s, r, dir, a.lang)
				if errors.Is(err, publish.ErrCorrectionPending) {
					return a.errf("%s的数据与已发布的通报不同，整改通知要随更正说明一起调整：先发布更正（phoneaudit round correct %d），再写出通知书；什么也没有写出",
						"%s no longer agrees with what was published, and its notices follow the correction: publish it first (phoneaudit round correct %d); nothing was written",
						a.roundLabel(r), r.Number)
				}
				if err != nil {
					return err
				}
				a.say("已写出 %s 份整改通知书到 %s", "wrote %s notices to %s", strconv.Itoa(len(files)), dir)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&round, "round", "", "the round `R` (number or name)")
	cmd.Flags().StringVarP(&dir, "output", "o", "", "the folder `DIR` to write the notices into")
	return cmd
}

// noticeByNumber finds a notice by its number (第5轮-003) for the commands that move it on.
func (a *app) noticeByNumber(ctx context.Context, s *store.Store, number string) (store.Notice, error) {
	all, err := s.Notices(ctx, store.NoticeFilter{})
	if err != nil {
		return store.Notice{}, err
	}
	// A withdrawn notice may be followed by a new one of the same number: the live one is meant.
	found := -1
	for i, n := range all {
		if n.Number == number && (found < 0 || all[found].Status == store.NoticeWithdrawn) {
			found = i
		}
	}
	if found >= 0 {
		return all[found], nil
	}
	return store.Notice{}, a.errf("没有编号为 %s 的整改通知（phoneaudit notices list 列出全部）", "there is no notice numbered %s (phoneaudit notices list shows them)", number)
}

func (a *app) noticesReportCommand() *cobra.Command {
	var response string
	cmd := &cobra.Command{
		Use:     "report NUMBER --response TEXT",
		Short:   "登记科室的整改反馈 · record an office's report on its rectification",
		Example: `  phoneaudit notices report 第5轮-003 --response "已明确专人值守电话，建立首问负责台账"`,
		Args:    a.args("NUMBER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if response == "" {
				return a.usagef("给出科室的反馈：--response \"…\"", "give the office's response: --response \"…\"")
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				n, err := a.noticeByNumber(ctx, s, args[0])
				if err != nil {
					return err
				}
				if err := s.ReportNotice(ctx, n.ID, response); err != nil {
					return a.noticeErr(err)
				}
				a.say("已登记 %s · %s 的整改反馈", "recorded the report of %s · %s", n.Department, n.Office)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&response, "response", "", "what the office reported (`TEXT`)")
	return cmd
}

func (a *app) noticesVerifyCommand() *cobra.Command {
	var by, how string
	cmd := &cobra.Command{
		Use:   "verify NUMBER [--by NAME] [--how TEXT]",
		Short: "核实整改 · mark a reported rectification verified",
		Long: `Marks a reported rectification verified, with who checked it (--by, the acting user when left
out) and how (--how, optional; recorded and shown by notices show).`,
		Example: `  phoneaudit notices verify 第5轮-003
  phoneaudit notices verify 第5轮-003 --by 李强 --how "电话回访，查看首问负责台账"`,
		Args: a.args("NUMBER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				n, err := a.noticeByNumber(ctx, s, args[0])
				if err != nil {
					return err
				}
				if err := s.VerifyNotice(ctx, n.ID, by, how); err != nil {
					return a.noticeErr(err)
				}
				a.say("已核实 %s · %s 的整改", "verified the rectification of %s · %s", n.Department, n.Office)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&by, "by", "", "who checked it (`NAME`; the acting user when left out)")
	cmd.Flags().StringVar(&how, "how", "", "how it was checked (`TEXT`, recorded)")
	return cmd
}

func (a *app) noticesExtendCommand() *cobra.Command {
	var to, reason string
	cmd := &cobra.Command{
		Use:     "extend NUMBER --to DATE --reason TEXT",
		Short:   "延长整改期限 · extend a notice's deadline",
		Example: `  phoneaudit notices extend 第5轮-003 --to 2026-12-31 --reason "科室负责人调整"`,
		Args:    a.args("NUMBER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := parseDate(to)
			if err != nil || reason == "" {
				return a.usagef("给出新的期限和原因：--to 2026-12-31 --reason \"…\"", "give the new deadline and a reason: --to 2026-12-31 --reason \"…\"")
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				n, err := a.noticeByNumber(ctx, s, args[0])
				if err != nil {
					return err
				}
				day, _ := time.Parse(time.DateOnly, d)
				if err := s.ExtendNotice(ctx, n.ID, day, reason); err != nil {
					return a.noticeErr(err)
				}
				a.say("%s · %s 的整改期限延至 %s（原因已记录）", "the deadline of %s · %s is now %s (the reason is recorded)", n.Department, n.Office, d)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "the new deadline `DATE`")
	cmd.Flags().StringVar(&reason, "reason", "", "why (`TEXT`, recorded)")
	return cmd
}

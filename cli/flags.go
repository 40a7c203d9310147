package cli

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"phoneaudit/imports"
	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

func (a *app) flagsCommand() *cobra.Command {
	var (
		round   string
		persons bool
	)
	cmd := &cobra.Command{
		Use:   "flags [--round R] [--persons]",
		Short: "红牌和黄牌科室 · red and yellow offices (problems in 3 or 2 audits in a row)",
		Long: `Lists the offices whose latest audits up to round R had problems in a row: red for three or
more (通报批评), yellow for two. R is a round's number or exact name; by default the latest round
with any audit. --persons lists the people who answered instead, by department and 工号 (or name).`,
		Example: `  phoneaudit flags
  phoneaudit flags --round 2026年第5轮
  phoneaudit flags --persons --format csv -o 问题人员.csv`,
		Args: a.args(),
	}
	cmd.Flags().StringVar(&round, "round", "", "as of round `R` (number or name; default the latest with any audit)")
	cmd.Flags().BoolVar(&persons, "persons", false, "list the people who answered instead of the offices")
	return a.listCommand(cmd, func(ctx context.Context, s *store.Store, _ []string, o *listOptions) (listing, error) {
		asOf, err := a.flagsRound(ctx, s, round)
		if err != nil {
			return listing{}, err
		}
		list := s.Flags
		if persons {
			list = s.PersonFlags
		}
		flags, err := list(ctx, asOf.Number)
		if err != nil {
			return listing{}, err
		}
		l := a.flagListing(flags, asOf, persons)
		if !persons && asOf.Number != 0 {
			differ, err := a.flagsDiffer(ctx, s, asOf)
			if err != nil {
				return listing{}, err
			}
			if differ != "" && o.text() { // CSV and JSON are data: the text says it
				l.notes = append(l.notes, differ)
			}
		}
		return l, nil
	})
}

// flagsRound is the round the flags are computed as of; its Number is 0 when nothing was
// audited yet.
func (a *app) flagsRound(ctx context.Context, s *store.Store, ref string) (store.Round, error) {
	if ref != "" {
		return a.findRound(ctx, s, ref)
	}
	n, err := s.LatestAuditedRound(ctx)
	if err != nil || n == 0 {
		return store.Round{}, err
	}
	return s.FindRound(ctx, strconv.Itoa(n))
}

func (a *app) flagListing(flags []store.Flag, asOf store.Round, persons bool) listing {
	who := column{key: "office", zh: "科室", en: "office"}
	if persons {
		who = column{key: "person", zh: "接听人", en: "person"}
	}
	l := listing{cols: []column{
		{key: "level", zh: "标记", en: "level"},
		{key: "department", zh: "单位", en: "department"},
		who,
		{key: "streak", zh: "连续次数", en: "streak", numeric: true},
		{key: "round", zh: "轮次", en: "round", numeric: true},
		{key: "round_name", zh: "轮次名称", en: "round_name"},
	}}
	red, yellow := 0, 0
	for _, f := range flags {
		if f.Level == scoring.Red {
			red++
		} else {
			yellow++
		}
		l.rows = append(l.rows, []cell{
			{value: string(f.Level), text: f.Level.Label(a.lang)},
			plain(f.Department), plain(f.Office), num(f.Streak), num(f.Round), plain(f.RoundName),
		})
	}
	unit := func(n int) string {
		if persons {
			return a.tr("人", lang.English(n, "person", "people"))
		}
		return a.tr("个科室", lang.English(n, "office", "offices"))
	}
	switch {
	case asOf.Number == 0:
		l.empty = a.tr("还没有任何测评结果，所以没有红牌或黄牌", "nothing has been audited yet, so nothing is flagged")
	case len(flags) == 0:
		l.empty = a.trf("截至%s，没有红牌或黄牌", "as of %s nothing is flagged", a.roundLabel(asOf))
	default:
		l.title = a.trf("截至%s：红牌 %d %s（连续3次及以上有问题，通报批评），黄牌 %d %s（连续2次）",
			"as of %s: %d red %s (problems in 3 or more audits in a row), %d yellow %s (2 in a row)",
			a.roundLabel(asOf), red, unit(red), yellow, unit(yellow))
	}
	return l
}

func (a *app) exportCommand() *cobra.Command {
	var (
		round, out string
		sheets     bool
	)
	cmd := &cobra.Command{
		Use:   "export --round R [--sheets] -o FILE.csv|FILE.xlsx",
		Short: "导出一个轮次的测评结果 · export a round's results to Excel or CSV",
		Long: `Writes one row per call of round R (--sheets: one row per score sheet). The first columns are
those of a results import (轮次, 单位, 科室, 是否存在问题, 得分, 问题描述), so the file imports as past
results into another database. A .csv file gets a BOM so Excel shows the Chinese.`,
		Example: `  phoneaudit export --round 2026年第5轮 -o 第5轮结果.xlsx
  phoneaudit export --round 5 --sheets -o round5-sheets.csv`,
		Args: a.args(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if round == "" {
				return a.usagef("给出要导出的轮次：--round 5 或 --round 2026年第5轮", "say which round: --round 5 or --round NAME")
			}
			if out == "" {
				return a.usagef("给出要写的文件：-o 结果.xlsx 或 -o 结果.csv", "say where to write: -o FILE.xlsx or -o FILE.csv")
			}
			if ext := strings.ToLower(filepath.Ext(out)); ext != ".csv" && ext != ".xlsx" {
				return a.usagef("-o %s：只能导出为 .csv 或 .xlsx 文件", "-o %s: export writes .csv or .xlsx files", out)
			}
			return a.withStore(cmd, readAccess, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, round)
				if err != nil {
					return err
				}
				table, err := imports.Export(ctx, s, r.ID, sheets)
				if err != nil {
					return err
				}
				if err := tabular.WriteFileTyped(out, table.Header, table.Rows, table.Numeric); err != nil {
					return err
				}
				n := len(table.Rows)
				what := a.tr("个电话", lang.English(n, "call", "calls"))
				if sheets {
					what = a.tr("张评分表", lang.English(n, "score sheet", "score sheets"))
				}
				a.say("已导出%s的 %d %s到 %s", "exported %[1]s: %[2]d %[3]s to %[4]s", a.roundLabel(r), n, what, out)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&round, "round", "", "the round `R`: its number or exact name")
	cmd.Flags().BoolVar(&sheets, "sheets", false, "one row per score sheet instead of per call")
	cmd.Flags().StringVarP(&out, "output", "o", "", "the `FILE` to write: .xlsx or .csv")
	return cmd
}

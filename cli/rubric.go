package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

func (a *app) rubricCommand() *cobra.Command {
	return a.group("rubric", "测评标准 · the rubric: show it, load a new version",
		`  phoneaudit rubric show
  phoneaudit rubric show --toml > 测评标准.toml
  phoneaudit rubric load 测评标准.toml`,
		a.rubricShowCommand(), a.rubricLoadCommand())
}

func (a *app) rubricShowCommand() *cobra.Command {
	var (
		version int
		asTOML  bool
	)
	cmd := &cobra.Command{
		Use:   "show [--version N] [--toml]",
		Short: "显示测评标准 · show the rubric (the current version unless --version)",
		Long: `Shows the criteria with their points and which make a call a problem, the pass mark, the grades,
the retry rule and the working hours. --toml prints the rubric as a file to edit and load.`,
		Example: `  phoneaudit rubric show
  phoneaudit rubric show --version 1
  phoneaudit rubric show --toml > 测评标准.toml`,
		Args: a.args(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if version < 0 {
				return a.usagef("--version 是 1、2、3 这样的版本号", "--version is a version number such as 1, 2, 3")
			}
			return a.withStore(cmd, readAccess, func(ctx context.Context, s *store.Store) error {
				r, err := s.Rubric(ctx, version)
				if errors.Is(err, store.ErrNotFound) {
					return a.errf("没有第 %d 版测评标准", "there is no rubric version %d", version)
				}
				if err != nil {
					return err
				}
				if asTOML {
					_, err := a.stdout.Write(scoring.FormatRubric(r))
					return err
				}
				current, err := s.Rubric(ctx, 0)
				if err != nil {
					return err
				}
				return a.showRubric(r, r.Version == current.Version)
			})
		},
	}
	cmd.Flags().IntVar(&version, "version", 0, "the version `N` to show (default the current one)")
	cmd.Flags().BoolVar(&asTOML, "toml", false, "print it as a rubric file (TOML) to edit and load")
	return cmd
}

func (a *app) showRubric(r scoring.Rubric, current bool) error {
	title := a.trf("测评标准第 %d 版「%s」", "rubric version %d (%s)", r.Version, r.Name)
	if current {
		title += a.tr("（当前版本，新建的轮次使用它）", ", the current one: new rounds use it")
	}
	l := listing{title: title + "\n", cols: []column{
		{key: "key", zh: "代码", en: "key"},
		{key: "criterion", zh: "评分项", en: "criterion"},
		{key: "kind", zh: "计分方式", en: "kind"},
		{key: "points", zh: "分值", en: "points", numeric: true},
		{key: "critical", zh: "一票认定存在问题", en: "critical: a problem when"},
	}}
	for _, c := range r.Criteria {
		l.rows = append(l.rows, []cell{plain(c.Key), plain(a.tr(c.LabelZH, c.LabelEN)), plain(a.kindText(c)),
			plain(formatNumber(c.Points)), plain(a.criticalText(c))})
	}
	if err := a.writeText(a.stdout, l); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout)
	a.say("及格线：%s 分（低于及格线算存在问题，类型“其他”）", "pass mark: %s (a total below it is a problem, type other)", formatNumber(r.PassMark))
	a.say("等级：%s", "grades: %s", a.gradesText(r.Grades))
	a.say("无法接通：工作时间内 %d 次拨打未接通（21/22/23），每两次至少间隔 %d 分钟，算存在问题（门难进）",
		"unreachable: "+lang.English(r.Retry.FailedDials, "%d failed dial", "%d failed dials")+" (21/22/23) inside working hours, at least "+
			lang.English(int(r.Retry.MinGap.Minutes()), "%d minute", "%d minutes")+" apart, "+lang.English(r.Retry.FailedDials, "makes", "make")+
			" a problem (hard to reach)",
		r.Retry.FailedDials, int(r.Retry.MinGap.Minutes()))
	a.say("工作时间：%s（工作日，按已载入的日历）", "working hours: %s (on working days, by the loaded calendar)", hoursText(r.Hours))
	a.say("复核：多人评分时总分相差超过 %s 分，或在关键项上意见不一，需要组长复核",
		"review: with several sheets, totals more than %s apart or a split on a critical criterion need a lead's review", formatNumber(r.ReviewSpread))
	stale := int(r.Stale().Minutes())
	a.say("停滞：进行中的通话 %d 分钟无人操作即为停滞，不再供他人加入评分，组长可转交",
		"stale: a running call with no activity for "+lang.English(stale, "%d minute", "%d minutes")+
			" is stale: not offered for joining; a lead may hand it on", stale)
	return nil
}

func (a *app) kindText(c scoring.Criterion) string {
	switch c.Kind {
	case scoring.Seconds:
		return a.trf("接通秒数：≤%d 秒满分，≤%d 秒一半", "seconds to answer: ≤%d full, ≤%d half", c.FullWithin, c.HalfWithin)
	case scoring.YesPartlyNo:
		return a.tr("是 / 部分 / 否", "yes / partly / no")
	case scoring.YesNo:
		return a.tr("是 / 否", "yes / no")
	case scoring.Scale:
		return a.trf("0–%d 分档", "scale 0–%d", c.Max)
	}
	return string(c.Kind)
}

// criticalText says which answers of a critical criterion make the call a problem, and of which type.
func (a *app) criticalText(c scoring.Criterion) string {
	if !c.Critical {
		return "–"
	}
	var when string
	switch {
	case c.Kind == scoring.YesNo || (c.Kind == scoring.YesPartlyNo && c.FailAt == scoring.No):
		when = a.tr("否", "no")
	case c.Kind == scoring.YesPartlyNo:
		when = a.tr("部分或否", "partly or no")
	case c.FailAt == 0:
		when = "0"
	default:
		when = "≤" + strconv.Itoa(c.FailAt)
	}
	reason := a.tr(c.ReasonZH, c.ReasonEN)
	if reason != "" {
		reason = a.trf("（%s）", " (%s)", reason)
	}
	return a.trf("%s：%s%s", "%s: %s%s", when, c.Problem.Label(a.lang), reason)
}

func (a *app) gradesText(grades []scoring.Grade) string {
	parts := make([]string, len(grades))
	for i, g := range grades {
		bound := "≥ " + formatNumber(g.Min)
		if i > 0 && i == len(grades)-1 && g.Min == 0 {
			bound = "< " + formatNumber(grades[i-1].Min)
		}
		parts[i] = scoring.GradeLabel(g, a.lang) + " " + bound
	}
	return strings.Join(parts, a.tr("，", ", "))
}

func hoursText(spans []scoring.Span) string {
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = fmt.Sprintf("%02d:%02d–%02d:%02d", s.From/60, s.From%60, s.To/60, s.To%60)
	}
	return strings.Join(parts, ", ")
}

// formatNumber writes 15, 7.5 — never 15.000000.
func formatNumber(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func (a *app) rubricLoadCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "load FILE.toml",
		Short: "载入新版测评标准 · load a rubric file as a new version",
		Long: `Checks a rubric file and stores it as a new version, which becomes current: rounds created from
now on use it, older rounds keep theirs. Start from phoneaudit rubric show --toml.`,
		Example: `  phoneaudit rubric show --toml > 测评标准.toml
  phoneaudit rubric load 测评标准.toml`,
		Args: a.args("FILE.toml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			data, err := os.ReadFile(path)
			if err != nil {
				return a.errf("读不了测评标准文件 %s：%v", "cannot read the rubric file %s: %v", path, err)
			}
			r, err := scoring.ParseRubric(data)
			if err != nil {
				return fmt.Errorf("%s: %w", filepath.Base(path), err)
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				v, err := s.LoadRubric(ctx, r)
				if err != nil {
					return err
				}
				a.say("已载入测评标准第 %d 版「%s」：此后新建的轮次使用它，已有的轮次不变",
					"loaded rubric version %d (%s): rounds created from now on use it; existing rounds keep theirs", v, r.Name)
				return nil
			})
		},
	}
}

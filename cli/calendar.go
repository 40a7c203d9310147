package cli

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"phoneaudit/lang"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

func (a *app) calendarCommand() *cobra.Command {
	return a.group("calendar", "节假日和调休 · holidays and make-up working days",
		`  phoneaudit calendar load 2026年节假日.xlsx
  phoneaudit calendar show --year 2026`,
		a.calendarLoadCommand(), a.calendarShowCommand())
}

var (
	colDate = tabular.Column{Key: "date", Names: []string{"日期", "date"}, Required: true}
	colKind = tabular.Column{Key: "kind", Names: []string{"类型", "kind", "type", "安排"}, Required: true}
)

// dayKinds are the words a calendar file may use, folded to lower case: true for a day off.
var dayKinds = map[string]bool{
	"休": true, "休息": true, "放假": true, "假": true, "off": true, "holiday": true,
	"班": false, "上班": false, "补班": false, "调休上班": false, "on": false, "workday": false, "working day": false,
}

func (a *app) calendarLoadCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "load FILE",
		Short: "载入节假日（休）和调休上班日（班）· load holidays and make-up working days",
		Long: `Reads a .csv or .xlsx file with the columns 日期/date and 类型/kind: 休 (off, holiday) for a
day off, 班 (on, workday) for a weekend day that is worked. Weekdays work and weekends rest unless
the calendar says otherwise; the retry rule, planning and deadlines follow it. Loading a day
again replaces what was stored for it.`,
		Example: `  phoneaudit calendar load 2026年节假日.csv

  # 2026年节假日.csv:
  #   日期,类型
  #   2026-10-01,休
  #   2026-10-11,班`,
		Args: a.args("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			days, err := a.readCalendar(args[0])
			if err != nil {
				return err
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				if err := s.LoadCalendar(ctx, days); err != nil {
					return err
				}
				off := 0
				for _, d := range days {
					if d.Off {
						off++
					}
				}
				a.say("已载入日历 %d 天：休 %d 天，班 %d 天（%s 至 %s）", lang.English(len(days), "loaded %d calendar day", "loaded %d calendar days")+": %d off, %d worked (%s to %s)",
					len(days), off, len(days)-off, days[0].Day, days[len(days)-1].Day)
				return nil
			})
		},
	}
}

// readCalendar reads and checks a calendar file, sorted by day. Errors name the file and line.
func (a *app) readCalendar(path string) ([]store.CalendarDay, error) {
	name := filepath.Base(path)
	recs, err := tabular.Read(path, []tabular.Column{colDate, colKind})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, a.errf("%s：表头下面没有日期", "%s: no dates below the header row", name)
	}
	type entry struct {
		off  bool
		line int
	}
	seen := map[string]entry{}
	var days []store.CalendarDay
	for _, r := range recs {
		day, err := parseDate(r.Values["date"])
		if err != nil {
			return nil, a.errf("%s 第 %d 行：日期 %q 看不懂，写成 2026-10-01", "%s line %d: 日期 %q is not a date like 2026-10-01",
				name, r.Line, r.Values["date"])
		}
		off, ok := dayKinds[strings.ToLower(strings.TrimSpace(r.Values["kind"]))]
		if !ok {
			return nil, a.errf("%s 第 %d 行：类型 %q 应为 休 或 班", "%s line %d: 类型 %q must be 休 (off) or 班 (on)",
				name, r.Line, r.Values["kind"])
		}
		if prev, dup := seen[day]; dup {
			if prev.off != off {
				return nil, a.errf("%s 第 %d 行：%s 在第 %d 行已有不同的类型", "%s line %d: %s is already on line %d with the other kind",
					name, r.Line, day, prev.line)
			}
			continue
		}
		seen[day] = entry{off: off, line: r.Line}
		days = append(days, store.CalendarDay{Day: day, Off: off})
	}
	slices.SortFunc(days, func(x, y store.CalendarDay) int { return strings.Compare(x.Day, y.Day) })
	return days, nil
}

// dateLayouts are the ways dates are written in the lists clerks keep, Excel's displayed
// defaults included. Go's 1 and 2 accept one or two digits.
var dateLayouts = []string{
	"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日", "20060102",
	"1/2/2006", "1/2/06", "01-02-06", // Excel's US defaults (m/d/yyyy, mm-dd-yy)
}

// parseDate reads a date and writes it as 2006-01-02. A time after the date (an Excel date
// cell shown with its time) is ignored.
func parseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", errors.New("not a date")
}

func (a *app) calendarShowCommand() *cobra.Command {
	var year int
	cmd := &cobra.Command{
		Use:   "show [--year Y]",
		Short: "显示已载入的日历 · show the loaded calendar",
		Example: `  phoneaudit calendar show
  phoneaudit calendar show --year 2026`,
		Args: a.args(),
		PreRunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("year") && (year < 1900 || year > 9999) {
				return a.usagef("--year %d 不是年份", "--year %d is not a year", year)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "only the year `Y` (default every year loaded)")
	return a.listCommand(cmd, func(ctx context.Context, s *store.Store, _ []string, _ *listOptions) (listing, error) {
		days, err := s.CalendarDays(ctx, year)
		if err != nil {
			return listing{}, err
		}
		return a.calendarListing(days, year), nil
	})
}

func (a *app) calendarListing(days []store.CalendarDay, year int) listing {
	l := listing{cols: []column{
		{key: "date", zh: "日期", en: "date"},
		{key: "weekday", zh: "星期", en: "weekday"},
		{key: "kind", zh: "类型", en: "kind"},
	}}
	off := 0
	weekdaysZH := []string{"日", "一", "二", "三", "四", "五", "六"}
	for _, d := range days {
		t, _ := time.Parse("2006-01-02", d.Day)
		kind := cell{value: "on", text: a.tr("班（上班）", "on (worked)")}
		if d.Off {
			off++
			kind = cell{value: "off", text: a.tr("休", "off")}
		}
		wd := cell{value: t.Weekday().String(), text: a.tr("星期"+weekdaysZH[t.Weekday()], t.Weekday().String())}
		l.rows = append(l.rows, []cell{plain(d.Day), wd, kind})
	}
	l.title = a.trf("休 %d 天，班 %d 天；其余日子周一到周五上班、周末休息", lang.English(off, "%d day off", "%d days off")+", %d worked; other days: Monday to Friday worked, weekends off",
		off, len(days)-off)
	l.empty = a.tr("没有载入日历：周一到周五算工作日。用 phoneaudit calendar load 文件 载入节假日和调休",
		"no calendar loaded: Monday to Friday are working days. Load holidays with phoneaudit calendar load FILE")
	if year != 0 && len(days) == 0 {
		l.empty = a.trf("%d 年没有载入日历：周一到周五算工作日", "nothing loaded for %d: Monday to Friday are working days", year)
	}
	return l
}

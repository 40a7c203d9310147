package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // the city's zone must be known on a Windows PC without zone files

	"github.com/spf13/cobra"

	"phoneaudit/demo"
	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// defaultSeed makes `phoneaudit demo` give the same city every time, so a guide can refer to it.
const defaultSeed = 1

// defaultProvinceRounds is how many weekly rounds the province demo makes unless --rounds.
const defaultProvinceRounds = 12

func (a *app) settingsCommand() *cobra.Command {
	tz := &cobra.Command{
		Use:   "tz ZONE",
		Short: "设置本市的时区（默认 Asia/Shanghai）· set the city's time zone",
		Long: `Times are stored in UTC and shown in the city's zone, whatever the computer's own zone is;
working hours and the retry rule apply in it. The default is Asia/Shanghai.`,
		Example: `  phoneaudit settings tz Asia/Shanghai
  phoneaudit settings tz Asia/Urumqi`,
		Args: a.args("ZONE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			zone := strings.TrimSpace(args[0])
			loc, err := time.LoadLocation(zone)
			if err != nil || zone == "" || zone == "Local" {
				return a.usagef("没有时区 %q：用 Asia/Shanghai 这样的名称", "there is no time zone %q: use a name such as Asia/Shanghai", args[0])
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				if err := s.SetTimeZone(ctx, zone); err != nil {
					return err
				}
				a.say("时区已设为 %s（那里现在是 %s）", "the city's time zone is now %s (it is %s there now)",
					zone, time.Now().In(loc).Format("2006-01-02 15:04"))
				return nil
			})
		},
	}
	return a.group("settings", "设置 · settings of this database", "  phoneaudit settings tz Asia/Shanghai", tz)
}

func (a *app) demoCommand() *cobra.Command {
	var (
		seed   int64
		rounds int
	)
	scale := a.newChoice("city", "city", "province")
	cmd := &cobra.Command{
		Use:   "demo [--seed N] [--scale city|province] [--rounds N]",
		Short: "生成演示数据 · fill an empty database with a demo city (or a province)",
		Long: `Fills an empty database with a made-up city: about 30 departments with 100 offices, 12 auditors,
scenarios for every kind of office and caller, and six rounds of calls whose results give red
and yellow offices. The same --seed always gives the same city. --scale province makes 2,000
offices and --rounds N weekly rounds (default 12), to see phoneaudit at scale.
It refuses a database that already holds data: use --db with a new file.`,
		Example: `  phoneaudit --db demo.db demo
  phoneaudit --db province.db demo --scale province --rounds 52`,
		Args: a.args(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			province := scale.value == "province"
			switch {
			case cmd.Flags().Changed("rounds") && !province:
				return a.usagef("--rounds 只用于 --scale province：演示城市固定 6 轮", "--rounds goes with --scale province: the demo city has six rounds")
			case rounds < 1:
				return a.usagef("--rounds 至少为 1", "--rounds must be at least 1")
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				if err := a.refuseFilled(ctx, s); err != nil {
					return err
				}
				load := func() error { return demo.Load(ctx, s, seed) }
				if province {
					load = func() error { return demo.LoadProvince(ctx, s, seed, rounds, a.progress()) }
				}
				if err := load(); err != nil {
					return err
				}
				return a.demoSummary(ctx, s, seed, province)
			})
		},
	}
	cmd.Flags().Int64Var(&seed, "seed", defaultSeed, "the seed `N`: the same seed gives the same city")
	cmd.Flags().Var(scale, "scale", "city (100 offices) or province (2,000 offices)")
	cmd.Flags().IntVar(&rounds, "rounds", defaultProvinceRounds, "`N` weekly rounds of the province")
	return cmd
}

// refuseFilled fails on a database that already holds offices, auditors or rounds: the demo
// would mix made-up data with real data.
func (a *app) refuseFilled(ctx context.Context, s *store.Store) error {
	offices, err := s.CountOffices(ctx)
	if err != nil {
		return err
	}
	auditors, err := s.Auditors(ctx)
	if err != nil {
		return err
	}
	rounds, err := s.Rounds(ctx)
	if err != nil {
		return err
	}
	if offices+len(auditors)+len(rounds) == 0 {
		return nil
	}
	return a.errf("数据库 %s 里已有数据（%d 个科室、%d 名测评员、%d 个轮次），演示数据只装入空数据库：用 --db 指定一个新文件，例如 phoneaudit --db demo.db demo",
		"the database %s already holds data ("+lang.English(offices, "%d office", "%d offices")+", "+lang.English(len(auditors), "%d auditor", "%d auditors")+", "+
			lang.English(len(rounds), "%d round", "%d rounds")+"); the demo fills only an empty one: give a new file, e.g. phoneaudit --db demo.db demo",
		a.dbPath, offices, len(auditors), len(rounds))
}

// progress reports the province's rounds on a terminal; redirected output stays clean.
func (a *app) progress() func(done, total int) {
	f, ok := a.stderr.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return func(done, total int) {
		fmt.Fprintf(f, "\r%s", a.trf("正在生成第 %d/%d 轮…", "making round %d of %d…", done, total))
		if done == total {
			fmt.Fprintln(f)
		}
	}
}

// demoSummary says what the demo made, counted from the database itself.
func (a *app) demoSummary(ctx context.Context, s *store.Store, seed int64, province bool) error {
	offices, err := s.CountOffices(ctx)
	if err != nil {
		return err
	}
	auditors, err := s.Auditors(ctx)
	if err != nil {
		return err
	}
	scenarios, err := s.Scenarios(ctx)
	if err != nil {
		return err
	}
	rounds, err := s.Rounds(ctx)
	if err != nil {
		return err
	}
	calls := 0
	for _, r := range rounds {
		calls += r.Planned
	}
	flags, err := s.Flags(ctx, 0)
	if err != nil {
		return err
	}
	red := 0
	for _, f := range flags {
		if f.Level == scoring.Red {
			red++
		}
	}
	what := a.tr("演示城市", "a demo city")
	if province {
		what = a.tr("演示省份", "a demo province")
	}
	a.say("已生成%s（种子 %d）：%d 个科室、%d 名测评员、%d 个咨询事项、%d 个轮次共 %d 个电话",
		"made %s (seed %d): "+lang.English(offices, "%d office", "%d offices")+", "+lang.English(len(auditors), "%d auditor", "%d auditors")+", "+
			lang.English(len(scenarios), "%d scenario", "%d scenarios")+", "+lang.English(len(rounds), "%d round", "%d rounds")+" with "+
			lang.English(calls, "%d call", "%d calls"),
		what, seed, offices, len(auditors), len(scenarios), len(rounds), calls)
	a.say("红牌 %d 个、黄牌 %d 个科室。看看：phoneaudit flags、phoneaudit round list，或直接运行 phoneaudit 打开界面",
		lang.English(len(flags), "%d red and %d yellow office", "%d red and %d yellow offices")+". Try phoneaudit flags, phoneaudit round list, or just phoneaudit for the screens",
		red, len(flags)-red)
	return nil
}

func (a *app) backupCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "备份数据库 · write a consistent copy of the database",
		Long: `Writes a consistent copy of the database to FILE while others keep using it. FILE must not
exist yet. The copy is a database: open it with --db FILE.

The copy is written to FILE.phoneaudit-unfinished in the same folder, checked (SQLite's integrity
check; its 数据校验码, the chain head, is the database's at the time of the copy), synced, then
renamed to FILE: a backup that is stopped leaves nothing under FILE, and the next backup into the
folder removes what it left. The witness file beside the database (DB.witness) is copied beside
the backup as FILE.witness.`,
		Example: `  phoneaudit backup /mnt/u盘/phoneaudit-2026-11-27.db`,
		Args:    a.args("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, readAccess, func(ctx context.Context, s *store.Store) error {
				removed, err := backupFile(ctx, s, args[0])
				for _, p := range removed {
					a.say("已删除之前中断的备份留下的临时文件 %s", "removed %s, left by a backup that was stopped", p)
				}
				if errors.Is(err, store.ErrAlreadyExist) {
					return a.errf("%s 已存在：备份不会覆盖文件，换一个新文件名", "%s already exists: a backup never overwrites a file; choose a new name", args[0])
				}
				if err != nil {
					return err
				}
				size := ""
				if st, err := os.Stat(args[0]); err == nil {
					size = fmt.Sprintf(" (%.1f MB)", float64(st.Size())/(1<<20))
				}
				a.say("已备份到 %s%s", "backed up to %s%s", args[0], size)
				return nil
			})
		},
	}
}

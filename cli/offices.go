package cli

import (
	"context"
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"phoneaudit/store"
	"phoneaudit/tabular"
)

func (a *app) officesCommand() *cobra.Command {
	return a.group("offices", "科室名单 · the office list (list and edit one office at a time)",
		`  phoneaudit offices list
  phoneaudit offices set 市人力资源和社会保障局 社会保险中心 --phone 0391-3500814
  phoneaudit offices deactivate 市人力资源和社会保障局 社会保险中心`,
		a.officesListCommand(), a.officesSetCommand(),
		a.officesActiveCommand("deactivate", false), a.officesActiveCommand("activate", true),
		a.officesRenameCommand(), a.officesMergeCommand(),
	)
}

var officeColumns = []column{
	{key: "department", zh: "单位", en: "department"},
	{key: "office", zh: "科室", en: "office"},
	{key: "phone", zh: "电话", en: "phone"},
	{key: "category", zh: "类别", en: "category"},
	{key: "active", zh: "启用", en: "active"},
}

func (a *app) officesListCommand() *cobra.Command {
	return a.listCommand(&cobra.Command{
		Use:   listUse,
		Short: "列出科室 · list the offices",
		Example: `  phoneaudit offices list
  phoneaudit offices list --format csv > offices.csv
  phoneaudit offices list -o 科室名单.xlsx`,
		Args: a.args(),
	}, func(ctx context.Context, s *store.Store, _ []string, _ *listOptions) (listing, error) {
		offices, err := s.Offices(ctx)
		if err != nil {
			return listing{}, err
		}
		return a.officeListing(offices), nil
	})
}

func (a *app) officeListing(offices []store.Office) listing {
	labels := make(map[int64]string, len(offices))
	active := 0
	for _, o := range offices {
		labels[o.ID] = o.Label()
		if o.Active {
			active++
		}
	}
	l := listing{
		cols:  officeColumns,
		title: a.trn(len(offices), "共 %d 个科室，启用 %d 个", "%d office, %d active", "%d offices, %d active", len(offices), active),
		empty: a.tr("还没有科室：用 phoneaudit import offices 文件 导入科室名单", "no offices yet: import the list with phoneaudit import offices FILE"),
	}
	for _, o := range offices {
		act := cell{value: "no", text: a.tr("否", "no")}
		if o.Active {
			act = cell{value: "yes", text: a.tr("是", "yes")}
		} else if into, ok := labels[o.MergedInto]; ok {
			act.text = a.trf("否（已并入 %s）", "no (merged into %s)", into)
		}
		l.rows = append(l.rows, []cell{plain(o.Department), plain(o.Name), plain(o.Phone), plain(o.Category), act})
	}
	return l
}

// noOffice words a missing office for the clerk; other errors pass as they are.
func (a *app) noOffice(err error, dept, office string) error {
	if errors.Is(err, store.ErrNotFound) {
		return a.errf("没有科室 %s · %s（phoneaudit offices list 列出全部科室）",
			"there is no office %s · %s (phoneaudit offices list shows them all)", dept, office)
	}
	return err
}

func (a *app) officesSetCommand() *cobra.Command {
	var phone, category string
	cmd := &cobra.Command{
		Use:   "set DEPT OFFICE [--phone P] [--category C]",
		Short: "改电话或类别，或新增一个科室 · change an office's phone or category, or add an office",
		Long: `Changes the phone number and/or category of an office. An office that does not exist yet is
added, which needs --phone. Full-width digits in the phone number are folded to ASCII.`,
		Example: `  phoneaudit offices set 市人力资源和社会保障局 社会保险中心 --phone 0391-3500814
  phoneaudit offices set 市市场监督管理局 登记注册科 --category 涉企`,
		Args: a.args("DEPT", "OFFICE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			setPhone, setCategory := cmd.Flags().Changed("phone"), cmd.Flags().Changed("category")
			if !setPhone && !setCategory {
				return a.usagef("要改什么？给出 --phone 或 --category", "nothing to change: give --phone and/or --category")
			}
			phone = tabular.NormalizePhone(phone)
			category = strings.TrimSpace(category)
			if setPhone && phone == "" {
				return a.usagef("--phone 不能为空", "--phone must not be empty")
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				dept, name := strings.TrimSpace(args[0]), strings.TrimSpace(args[1])
				old, err := s.FindOffice(ctx, dept, name)
				if errors.Is(err, store.ErrNotFound) {
					return a.addOffice(ctx, s, store.OfficeInput{Department: dept, Name: name, Phone: phone, Category: category})
				}
				if err != nil {
					return err
				}
				var p, c *string
				if setPhone {
					p = &phone
				}
				if setCategory {
					c = &category
				}
				if err := s.SetOffice(ctx, dept, name, p, c); err != nil {
					return err
				}
				a.say("已更新 %s：%s", "updated %s: %s", old.Label(), a.officeChanges(old, p, c))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&phone, "phone", "", "the phone number `P`")
	cmd.Flags().StringVar(&category, "category", "", "the category `C`, e.g. 涉企, 民生, 窗口, 农业")
	return cmd
}

func (a *app) addOffice(ctx context.Context, s *store.Store, in store.OfficeInput) error {
	if in.Phone == "" {
		return a.errf("没有科室 %s · %s；要新增它，请同时给出 --phone", "there is no office %s · %s; to add it, give --phone too",
			in.Department, in.Name)
	}
	if _, err := s.UpsertOffices(ctx, []store.OfficeInput{in}); err != nil {
		return err
	}
	a.say("已新增科室 %s · %s（电话 %s，类别 %s）", "added the office %s · %s (phone %s, category %s)",
		in.Department, in.Name, in.Phone, dash(in.Category))
	return nil
}

func (a *app) officeChanges(old store.Office, phone, category *string) string {
	var parts []string
	if phone != nil {
		parts = append(parts, a.trf("电话 %s → %s", "phone %s → %s", dash(old.Phone), dash(*phone)))
	}
	if category != nil {
		parts = append(parts, a.trf("类别 %s → %s", "category %s → %s", dash(old.Category), dash(*category)))
	}
	return strings.Join(parts, a.tr("，", ", "))
}

// dash shows an empty value as –.
func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func (a *app) officesActiveCommand(use string, active bool) *cobra.Command {
	short := "停用科室（不再排入新的轮次）· deactivate an office (it is no longer planned)"
	if active {
		short = "重新启用科室 · activate an office again"
	}
	return &cobra.Command{
		Use:     use + " DEPT OFFICE",
		Short:   short,
		Example: "  phoneaudit offices " + use + " 市人力资源和社会保障局 社会保险中心",
		Args:    a.args("DEPT", "OFFICE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				o, err := s.FindOffice(ctx, args[0], args[1])
				if err != nil {
					return a.noOffice(err, args[0], args[1])
				}
				if o.MergedInto != 0 && active {
					return a.errf("%s 已并入别的科室，不能再启用", "%s was merged into another office and cannot be activated", o.Label())
				}
				if err := s.SetOfficeActive(ctx, o.Department, o.Name, active); err != nil {
					return err
				}
				if active {
					a.say("已启用 %s", "activated %s", o.Label())
				} else {
					a.say("已停用 %s：新的轮次不再排它，历史记录保留", "deactivated %s: new rounds leave it out; its history stays", o.Label())
				}
				return nil
			})
		},
	}
}

func (a *app) officesRenameCommand() *cobra.Command {
	var toDept, toOffice string
	cmd := &cobra.Command{
		Use:   "rename DEPT OFFICE [--to-department D] [--to-office O]",
		Short: "科室改名或划转 · rename an office or move it to another department",
		Long: `Gives an office a new name and/or department (at least one of the options). Its history and
streak stay with it; calls already recorded keep the names they were made under.`,
		Example: `  phoneaudit offices rename 市行政审批服务局 综合窗口 --to-office 综合受理窗口
  phoneaudit offices rename 市城市管理局 市容科 --to-department 市城市管理综合执法局`,
		Args: a.args("DEPT", "OFFICE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			toDept, toOffice = strings.TrimSpace(toDept), strings.TrimSpace(toOffice)
			if toDept == "" && toOffice == "" {
				return a.usagef("给出新名称：--to-department 和/或 --to-office", "give the new name: --to-department and/or --to-office")
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				o, err := s.FindOffice(ctx, args[0], args[1])
				if err != nil {
					return a.noOffice(err, args[0], args[1])
				}
				next := store.Office{Department: orElse(toDept, o.Department), Name: orElse(toOffice, o.Name)}
				if err := s.RenameOffice(ctx, o.Department, o.Name, next.Department, next.Name); err != nil {
					return err
				}
				a.say("已改名：%s → %s（已记录的电话保留原来的名称）", "renamed %s → %s (calls already recorded keep the old names)",
					o.Label(), next.Label())
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&toDept, "to-department", "", "the new department `D`")
	cmd.Flags().StringVar(&toOffice, "to-office", "", "the new office name `O`")
	return cmd
}

// orElse returns s, or def when s is empty.
func orElse(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (a *app) officesMergeCommand() *cobra.Command {
	var intoDept, intoOffice string
	cmd := &cobra.Command{
		Use:   "merge DEPT OFFICE --into-office O [--into-department D]",
		Short: "把一个科室并入另一个 · merge an office into another",
		Long: `Merges an office into another (of the same department unless --into-department says otherwise).
The merged office is deactivated and points to the one it joined, so its history and streak count
for that one.`,
		Example: `  phoneaudit offices merge 市自然资源和规划局 不动产登记窗口 --into-office 不动产登记中心
  phoneaudit offices merge 市民政局 婚姻登记处 --into-department 市政务服务中心 --into-office 婚姻登记窗口`,
		Args: a.args("DEPT", "OFFICE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			intoDept, intoOffice = strings.TrimSpace(intoDept), strings.TrimSpace(intoOffice)
			if intoOffice == "" {
				return a.usagef("给出要并入的科室：--into-office（另一单位的加 --into-department）",
					"say which office it joins: --into-office (and --into-department for another department)")
			}
			intoDept = orElse(intoDept, strings.TrimSpace(args[0]))
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				from, err := s.FindOffice(ctx, args[0], args[1])
				if err != nil {
					return a.noOffice(err, args[0], args[1])
				}
				into, err := s.FindOffice(ctx, intoDept, intoOffice)
				if err != nil {
					return a.noOffice(err, intoDept, intoOffice)
				}
				if err := s.MergeOffice(ctx, from.Department, from.Name, into.Department, into.Name); err != nil {
					return err
				}
				a.say("已合并：%s 并入 %s，它的历史和连续问题次数都算在 %s 名下", "merged %s into %s: its history and streak now count for %s",
					from.Label(), into.Label(), into.Label())
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&intoDept, "into-department", "", "the department `D` of the office it joins (default: the same)")
	cmd.Flags().StringVar(&intoOffice, "into-office", "", "the office `O` it joins")
	return cmd
}

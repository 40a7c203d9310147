package cli

import (
	"context"

	"github.com/spf13/cobra"

	"phoneaudit/store"
)

func (a *app) auditorsCommand() *cobra.Command {
	list := a.listCommand(&cobra.Command{
		Use:   listUse,
		Short: "列出测评员和组长 · list the auditors and leads",
		Example: `  phoneaudit auditors list
  phoneaudit auditors list --format json`,
		Args: a.args(),
	}, func(ctx context.Context, s *store.Store, _ []string, _ *listOptions) (listing, error) {
		auditors, err := s.Auditors(ctx)
		if err != nil {
			return listing{}, err
		}
		return a.auditorListing(auditors), nil
	})
	return a.group("auditors", "测评员名单 · the auditors", "  phoneaudit auditors list", list)
}

func (a *app) auditorListing(auditors []store.Auditor) listing {
	l := listing{
		cols: []column{
			{key: "name", zh: "姓名", en: "name"},
			{key: "role", zh: "角色", en: "role"},
			{key: "affiliation", zh: "所属", en: "affiliation"},
		},
		title: a.lang.Count(len(auditors), "共 %d 人", "%d person", "%d people"),
		empty: a.tr("还没有测评员：用 phoneaudit import auditors 文件 导入", "no auditors yet: import them with phoneaudit import auditors FILE"),
	}
	for _, au := range auditors {
		role := cell{value: au.Role, text: a.tr("测评员", "auditor")}
		if au.Role == "lead" {
			role.text = a.tr("组长", "lead")
		}
		l.rows = append(l.rows, []cell{plain(au.Name), role, plain(au.Affiliation)})
	}
	return l
}

func (a *app) scenariosCommand() *cobra.Command {
	list := a.listCommand(&cobra.Command{
		Use:   listUse,
		Short: "列出咨询事项 · list the scenarios (what callers ask)",
		Example: `  phoneaudit scenarios list
  phoneaudit scenarios list -o 咨询事项.xlsx`,
		Args: a.args(),
	}, func(ctx context.Context, s *store.Store, _ []string, _ *listOptions) (listing, error) {
		scenarios, err := s.Scenarios(ctx)
		if err != nil {
			return listing{}, err
		}
		return a.scenarioListing(scenarios), nil
	})
	return a.group("scenarios", "咨询事项 · the scenarios", "  phoneaudit scenarios list", list)
}

func (a *app) scenarioListing(scenarios []store.Scenario) listing {
	l := listing{
		cols: []column{
			{key: "category", zh: "类别", en: "category"},
			{key: "persona", zh: "身份", en: "persona"},
			{key: "question", zh: "咨询事项", en: "question"},
		},
		title: a.lang.Count(len(scenarios), "共 %d 个咨询事项", "%d scenario", "%d scenarios"),
		empty: a.tr("还没有咨询事项：用 phoneaudit import scenarios 文件 导入", "no scenarios yet: import them with phoneaudit import scenarios FILE"),
	}
	for _, sc := range scenarios {
		persona := cell{value: string(sc.Persona), text: sc.Persona.Label(a.lang)}
		l.rows = append(l.rows, []cell{plain(sc.Category), persona, plain(sc.Question)})
	}
	return l
}

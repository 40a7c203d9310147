package imports

import (
	"context"
	"strings"

	"phoneaudit/scoring"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

// Offices reads an office list (单位, 科室, 电话, optional 类别) and adds or updates its
// offices; see store.UpsertOffices. Phone numbers are normalised (full-width digits folded).
func Offices(ctx context.Context, s *store.Store, path string) (store.ImportReport, error) {
	if err := s.RequireLead(ctx, store.ActionImportOffices); err != nil {
		return store.ImportReport{}, err
	}
	name, recs, err := readRecords(path, []tabular.Column{colDepartment, colOffice, colPhone, colCategory}, "offices")
	if err != nil {
		return store.ImportReport{}, err
	}
	in, err := OfficeRows(name, recs)
	if err != nil {
		return store.ImportReport{}, err
	}
	rep, err := s.UpsertOffices(ctx, in)
	rep.Hidden = hiddenLines(recs)
	return rep, inFile(name, err)
}

// OfficeRows maps the records of an office list (file is its name, for errors).
func OfficeRows(file string, recs []tabular.Record) ([]store.OfficeInput, error) {
	in := make([]store.OfficeInput, 0, len(recs))
	seen := map[string]int{}
	for _, r := range recs {
		if err := filled(file, r, colDepartment, colOffice, colPhone); err != nil {
			return nil, err
		}
		o := store.OfficeInput{Line: r.Line, Department: r.Values["department"], Name: r.Values["office"],
			Phone: tabular.NormalizePhone(r.Values["phone"]), Category: r.Values["category"]}
		k := officeKey(o.Department, o.Name)
		if first, dup := seen[k]; dup {
			return nil, badLine(file, r.Line, "%s · %s is already on line %d (list each office once)", o.Department, o.Name, first)
		}
		seen[k] = r.Line
		in = append(in, o)
	}
	return in, nil
}

// officeKey is how the store identifies an office: trimmed department name + office name.
func officeKey(dept, name string) string {
	return strings.TrimSpace(dept) + "\x00" + strings.TrimSpace(name)
}

// Auditors reads an auditor list (姓名, optional 角色 and 所属) and adds or updates its
// auditors. An empty role means 测评员.
func Auditors(ctx context.Context, s *store.Store, path string) (store.ImportReport, error) {
	if err := s.RequireLead(ctx, store.ActionImportAuditors); err != nil {
		return store.ImportReport{}, err
	}
	name, recs, err := readRecords(path, []tabular.Column{colName, colRole, colAffiliation}, "auditors")
	if err != nil {
		return store.ImportReport{}, err
	}
	in, lines, err := AuditorRows(name, recs)
	if err != nil {
		return store.ImportReport{}, err
	}
	rep, err := s.UpsertAuditors(ctx, in, lines)
	rep.Hidden = hiddenLines(recs)
	return rep, inFile(name, err)
}

// AuditorRows maps the records of an auditor list, and gives the line of each.
func AuditorRows(file string, recs []tabular.Record) ([]store.Auditor, []int, error) {
	in := make([]store.Auditor, 0, len(recs))
	lines := make([]int, 0, len(recs))
	seen := map[string]int{}
	for _, r := range recs {
		if err := filled(file, r, colName); err != nil {
			return nil, nil, err
		}
		role, ok := parseRole(r.Values["role"])
		if !ok {
			return nil, nil, badLine(file, r.Line, "角色 %q is neither 测评员 (auditor) nor 组长 (lead)", r.Values["role"])
		}
		a := store.Auditor{Name: r.Values["name"], Role: role, Affiliation: r.Values["affiliation"]}
		if first, dup := seen[a.Name]; dup {
			return nil, nil, badLine(file, r.Line,
				"%s is already on line %d (names are the key: write 张伟(人社) and 张伟(城管))", a.Name, first)
		}
		seen[a.Name] = r.Line
		in = append(in, a)
		lines = append(lines, r.Line)
	}
	return in, lines, nil
}

func parseRole(s string) (string, bool) {
	switch strings.ToLower(s) {
	case "", "测评员", "auditor":
		return "auditor", true
	case "组长", "lead", "leader", "两转两提办":
		return "lead", true
	}
	return "", false
}

// Scenarios reads a scenario list (类别, 身份, 咨询事项) and adds the scenarios it lacks.
// An empty 类别 is a scenario for offices of any category.
func Scenarios(ctx context.Context, s *store.Store, path string) (store.ImportReport, error) {
	if err := s.RequireLead(ctx, store.ActionImportScenarios); err != nil {
		return store.ImportReport{}, err
	}
	name, recs, err := readRecords(path, []tabular.Column{colScenarioCategory, colPersona, colQuestion}, "scenarios")
	if err != nil {
		return store.ImportReport{}, err
	}
	in, lines, err := ScenarioRows(name, recs)
	if err != nil {
		return store.ImportReport{}, err
	}
	rep, err := s.AddScenarios(ctx, in, lines)
	rep.Hidden = hiddenLines(recs)
	return rep, inFile(name, err)
}

// ScenarioRows maps the records of a scenario list, and gives the line of each.
func ScenarioRows(file string, recs []tabular.Record) ([]store.Scenario, []int, error) {
	in := make([]store.Scenario, 0, len(recs))
	lines := make([]int, 0, len(recs))
	for _, r := range recs {
		if err := filled(file, r, colPersona, colQuestion); err != nil {
			return nil, nil, err
		}
		p, err := scoring.ParsePersona(r.Values["persona"])
		if err != nil {
			return nil, nil, &lineError{file: file, line: r.Line, kind: store.ErrInvalid, cause: err}
		}
		in = append(in, store.Scenario{Category: r.Values["category"], Persona: p, Question: r.Values["question"]})
		lines = append(lines, r.Line)
	}
	return in, lines, nil
}

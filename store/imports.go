package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"phoneaudit/scoring"
	"phoneaudit/tabular"
)

// The columns the imports look for. The first name of each is the one messages use; the others
// are the English names and the spellings Excel lists of the field commonly carry.
var (
	colDepartment = tabular.Column{Key: "department", Names: []string{"单位", "department", "单位名称"}, Required: true}
	colOffice     = tabular.Column{Key: "office", Names: []string{"科室", "office", "科室名称", "科室/岗位", "科室(岗位)", "岗位"}, Required: true}
	colPhone      = tabular.Column{Key: "phone", Names: []string{"电话", "phone", "联系电话", "电话号码", "办公电话"}, Required: true}
	colCategory   = tabular.Column{Key: "category", Names: []string{"类别", "category", "科室类别"}}

	colName        = tabular.Column{Key: "name", Names: []string{"姓名", "name"}, Required: true}
	colRole        = tabular.Column{Key: "role", Names: []string{"角色", "role"}}
	colAffiliation = tabular.Column{Key: "affiliation", Names: []string{"所属", "affiliation", "所属单位"}}

	colScenarioCategory = tabular.Column{Key: "category", Names: []string{"类别", "category", "科室类别"}, Required: true}
	colPersona          = tabular.Column{Key: "persona", Names: []string{"身份", "persona"}, Required: true}
	colQuestion         = tabular.Column{Key: "question", Names: []string{"咨询事项", "question", "咨询内容"}, Required: true}
)

// lineError is what is wrong with one line of an imported file (`offices.csv line 57: 电话 is
// empty`), or with the whole file when line is 0. errors.Is matches its kind (ErrInvalid unless said otherwise) without the text
// repeating it.
type lineError struct {
	file string
	line int
	msg  string
	kind error
}

func (e *lineError) Error() string {
	if e.line == 0 { // about the whole file
		return e.file + ": " + e.msg
	}
	return fmt.Sprintf("%s line %d: %s", e.file, e.line, e.msg)
}

func (e *lineError) Is(target error) bool { return target == e.kind }

func badLine(file string, line int, format string, args ...any) error {
	return &lineError{file: file, line: line, msg: fmt.Sprintf(format, args...), kind: ErrInvalid}
}

// inFile puts the file's name before an error of the store, which names the line at most.
func inFile(file string, err error) error {
	var le *lineError
	switch {
	case err == nil || errors.As(err, &le):
		return err
	case strings.HasPrefix(err.Error(), "line "):
		return fmt.Errorf("%s %w", file, err)
	default:
		return fmt.Errorf("%s: %w", file, err)
	}
}

// readRecords reads the table of an import. An empty table is refused: a list without rows is
// the wrong file or the wrong sheet, never something to import.
func readRecords(path string, cols []tabular.Column, what string) (string, []tabular.Record, error) {
	name := filepath.Base(path)
	recs, err := tabular.Read(path, cols)
	if err == nil && len(recs) == 0 {
		err = badLine(name, 0, "no %s below the header row", what)
	}
	return name, recs, err
}

// filled checks that the given columns of a record are not empty.
func filled(file string, r tabular.Record, cols ...tabular.Column) error {
	for _, c := range cols {
		if r.Values[c.Key] == "" {
			return badLine(file, r.Line, "%s is empty", c.Names[0])
		}
	}
	return nil
}

// ImportOffices reads an office list (单位, 科室, 电话, optional 类别) and adds or updates its
// offices; see UpsertOffices. Phone numbers are normalised (full-width digits folded).
func (s *Store) ImportOffices(ctx context.Context, path string) (ImportReport, error) {
	if err := s.leadOnly(ctx, "may not import offices"); err != nil {
		return ImportReport{}, err
	}
	name, recs, err := readRecords(path, []tabular.Column{colDepartment, colOffice, colPhone, colCategory}, "offices")
	if err != nil {
		return ImportReport{}, err
	}
	in := make([]OfficeInput, 0, len(recs))
	seen := map[string]int{}
	for _, r := range recs {
		if err := filled(name, r, colDepartment, colOffice, colPhone); err != nil {
			return ImportReport{}, err
		}
		o := OfficeInput{Line: r.Line, Department: r.Values["department"], Name: r.Values["office"],
			Phone: tabular.NormalizePhone(r.Values["phone"]), Category: r.Values["category"]}
		k := officeKey(o.Department, o.Name)
		if first, dup := seen[k]; dup {
			return ImportReport{}, badLine(name, r.Line, "%s · %s is already on line %d (list each office once)", o.Department, o.Name, first)
		}
		seen[k] = r.Line
		in = append(in, o)
	}
	rep, err := s.UpsertOffices(ctx, in)
	return rep, inFile(name, err)
}

// ImportAuditors reads an auditor list (姓名, optional 角色 and 所属) and adds or updates its
// auditors. An empty role means 测评员.
func (s *Store) ImportAuditors(ctx context.Context, path string) (ImportReport, error) {
	if err := s.leadOnly(ctx, "may not import auditors"); err != nil {
		return ImportReport{}, err
	}
	name, recs, err := readRecords(path, []tabular.Column{colName, colRole, colAffiliation}, "auditors")
	if err != nil {
		return ImportReport{}, err
	}
	in := make([]Auditor, 0, len(recs))
	lines := make([]int, 0, len(recs))
	seen := map[string]int{}
	for _, r := range recs {
		if err := filled(name, r, colName); err != nil {
			return ImportReport{}, err
		}
		role, ok := parseRole(r.Values["role"])
		if !ok {
			return ImportReport{}, badLine(name, r.Line, "角色 %q is neither 测评员 (auditor) nor 组长 (lead)", r.Values["role"])
		}
		a := Auditor{Name: r.Values["name"], Role: role, Affiliation: r.Values["affiliation"]}
		if first, dup := seen[a.Name]; dup {
			return ImportReport{}, badLine(name, r.Line,
				"%s is already on line %d (names are the key: write 张伟(人社) and 张伟(城管))", a.Name, first)
		}
		seen[a.Name] = r.Line
		in = append(in, a)
		lines = append(lines, r.Line)
	}
	rep, err := s.UpsertAuditors(ctx, in, lines)
	return rep, inFile(name, err)
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

// ImportScenarios reads a scenario list (类别, 身份, 咨询事项) and adds the scenarios it lacks.
// An empty 类别 is a scenario for offices of any category.
func (s *Store) ImportScenarios(ctx context.Context, path string) (ImportReport, error) {
	if err := s.leadOnly(ctx, "may not import scenarios"); err != nil {
		return ImportReport{}, err
	}
	name, recs, err := readRecords(path, []tabular.Column{colScenarioCategory, colPersona, colQuestion}, "scenarios")
	if err != nil {
		return ImportReport{}, err
	}
	in := make([]Scenario, 0, len(recs))
	lines := make([]int, 0, len(recs))
	for _, r := range recs {
		if err := filled(name, r, colPersona, colQuestion); err != nil {
			return ImportReport{}, err
		}
		p, err := scoring.ParsePersona(r.Values["persona"])
		if err != nil {
			return ImportReport{}, &lineError{file: name, line: r.Line, msg: err.Error(), kind: ErrInvalid}
		}
		in = append(in, Scenario{Category: r.Values["category"], Persona: p, Question: r.Values["question"]})
		lines = append(lines, r.Line)
	}
	rep, err := s.AddScenarios(ctx, in, lines)
	return rep, inFile(name, err)
}

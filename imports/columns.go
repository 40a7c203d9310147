// Package imports reads the files a clerk imports (office, auditor and scenario lists, past
// results) into typed rows, through tabular: it maps the columns, normalises the cells and
// words the errors of a row by its file and line. It hands the rows to store, and lays out a
// round's export, whose header is the results import's, so an export imports again. No SQL.
package imports

import "phoneaudit/tabular"

// The columns the imports look for. The first name of each is the one messages use; the others
// are the English names and the spellings Excel lists of the field commonly carry.
var (
	colDepartment = tabular.Column{Key: "department", Names: []string{"单位", "department", "单位名称"}, Required: true}
	colOffice     = tabular.Column{Key: "office", Names: []string{"科室", "office", "科室名称", "科室/岗位", "科室(岗位)", "岗位"}, Required: true}
	colPhone      = tabular.Column{Key: "phone", Names: []string{"电话", "phone", "联系电话", "电话号码", "办公电话"}, Required: true, Digits: true}
	colCategory   = tabular.Column{Key: "category", Names: []string{"类别", "category", "科室类别"}}

	colName        = tabular.Column{Key: "name", Names: []string{"姓名", "name"}, Required: true}
	colRole        = tabular.Column{Key: "role", Names: []string{"角色", "role"}}
	colAffiliation = tabular.Column{Key: "affiliation", Names: []string{"所属", "affiliation", "所属单位"}}

	colScenarioCategory = tabular.Column{Key: "category", Names: []string{"类别", "category", "科室类别"}, Required: true}
	colPersona          = tabular.Column{Key: "persona", Names: []string{"身份", "persona"}, Required: true}
	colQuestion         = tabular.Column{Key: "question", Names: []string{"咨询事项", "question", "咨询内容"}, Required: true}
)

// The columns of a results file.
var (
	colRound   = tabular.Column{Key: "round", Names: []string{"轮次", "round"}, Required: true}
	colProblem = tabular.Column{Key: "problem", Names: []string{"是否存在问题", "problem", "存在问题"}, Required: true}
	colTotal   = tabular.Column{Key: "total", Names: []string{"得分", "total", "总分", "score"}}
	colReasons = tabular.Column{Key: "reasons", Names: []string{"问题描述", "reasons", "主要问题"}}
)

// resultColumns are the columns of a results file. Export's header begins with their first names,
// so an export of one database imports into another.
var resultColumns = []tabular.Column{colRound, colDepartment, colOffice, colProblem, colTotal, colReasons}

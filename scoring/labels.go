package scoring

import (
	"fmt"
	"strings"

	"phoneaudit/lang"
)

// The words of DESIGN.md's glossary, so both languages stay consistent.

var personaNames = map[Persona]lang.Text{
	Farmer:     {ZH: "农民", EN: "farmer"},
	Resident:   {ZH: "市民", EN: "resident"},
	Business:   {ZH: "企业", EN: "business"},
	Grassroots: {ZH: "基层单位工作人员", EN: "grassroots staff"},
}

// personaAliases are further spellings accepted on input.
var personaAliases = map[string]Persona{
	"基层": Grassroots,
}

// Label names the persona in language l.
func (p Persona) Label(l lang.Lang) string {
	n, ok := personaNames[p]
	if !ok {
		return string(p)
	}
	return pick(l, n.ZH, n.EN, string(p))
}

// ParsePersona reads a persona from its key or its name in either language,
// trimmed and case-insensitive: farmer/农民, resident/市民, business/企业,
// grassroots/基层单位工作人员 (also 基层).
func ParsePersona(s string) (Persona, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	for _, p := range Personas {
		n := personaNames[p]
		if w == string(p) || w == n.ZH || w == n.EN {
			return p, nil
		}
	}
	if p, ok := personaAliases[w]; ok {
		return p, nil
	}
	return "", fmt.Errorf("unknown persona %q: use farmer/农民, resident/市民, business/企业 or grassroots/基层单位工作人员", s)
}

var problemNames = map[ProblemType]lang.Text{
	Access:   {ZH: "门难进", EN: "hard to reach"},
	Handling: {ZH: "事难办", EN: "buck-passing"},
	Manner:   {ZH: "话难听", EN: "rude"},
	Other:    {ZH: "其他", EN: "other"},
}

// Label names the problem type in language l.
func (t ProblemType) Label(l lang.Lang) string {
	n, ok := problemNames[t]
	if !ok {
		return string(t)
	}
	return pick(l, n.ZH, n.EN, string(t))
}

// ParseProblemType reads a problem type from its key (access, handling,
// manner, other) or its name in either language, trimmed and case-insensitive.
func ParseProblemType(s string) (ProblemType, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	for _, t := range ProblemTypes {
		n := problemNames[t]
		if w == string(t) || w == n.ZH || w == n.EN {
			return t, nil
		}
	}
	if w == "其它" { // the other common spelling
		return Other, nil
	}
	return "", fmt.Errorf("unknown problem type %q: use access/门难进, handling/事难办, manner/话难听 or other/其他", s)
}

var outcomeNames = map[Outcome]lang.Text{
	Connected:     {ZH: "接通", EN: "connected"},
	ConnectedDept: {ZH: "非本业务电话", EN: "other line of the department"},
	WrongNumber:   {ZH: "非本单位", EN: "not this office"},
	HungUp:        {ZH: "接起即挂断", EN: "hung up at once"},
	NoAnswer:      {ZH: "无人接听", EN: "no answer"},
	Busy:          {ZH: "占线", EN: "busy"},
	Invalid:       {ZH: "空号/停机", EN: "number invalid"},
}

// Valid says whether o is one of the seven outcome codes.
func (o Outcome) Valid() bool {
	_, ok := outcomeNames[o]
	return ok
}

// Reached says the office was reached on its own line or its department's
// (11, 12): the call is scored on the rubric.
func (o Outcome) Reached() bool { return o == Connected || o == ConnectedDept }

// FailedDial says the dial did not get through (21, 22, 23).
func (o Outcome) FailedDial() bool { return o == NoAnswer || o == Busy || o == Invalid }

// ImmediateProblem says the call ends at once as a problem (13, 14).
func (o Outcome) ImmediateProblem() bool { return o == WrongNumber || o == HungUp }

// connects says someone picked up (11–14): the call goes no further on the
// retry rule.
func (o Outcome) connects() bool { return o.Reached() || o.ImmediateProblem() }

// Label names the outcome in language l, without its code.
func (o Outcome) Label(l lang.Lang) string {
	n, ok := outcomeNames[o]
	if !ok {
		return l.Pickf("代码%d", "code %d", int(o))
	}
	return n.In(l)
}

var statusNames = map[CallStatus]lang.Text{
	ToCall:      {ZH: "待拨", EN: "to call"},
	InProgress:  {ZH: "进行中", EN: "in progress"},
	Done:        {ZH: "已完成", EN: "done"},
	Unreachable: {ZH: "无法接通", EN: "unreachable"},
	NotAudited:  {ZH: "未测评", EN: "not audited"},
}

// Label names the call status in language l.
func (s CallStatus) Label(l lang.Lang) string {
	n, ok := statusNames[s]
	if !ok {
		return string(s)
	}
	return pick(l, n.ZH, n.EN, string(s))
}

// Label names the flag in language l; NoFlag has no name.
func (v Level) Label(l lang.Lang) string {
	switch v {
	case Red:
		return l.Pick("红牌", "red")
	case Yellow:
		return l.Pick("黄牌", "yellow")
	default:
		return ""
	}
}

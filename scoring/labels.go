package scoring

import (
	"fmt"
	"strings"
)

// The words of DESIGN.md's glossary, so both languages stay consistent.

var personaNames = map[Persona][2]string{
	Farmer:     {"农民", "farmer"},
	Resident:   {"市民", "resident"},
	Business:   {"企业", "business"},
	Grassroots: {"基层单位工作人员", "grassroots staff"},
}

// personaAliases are further spellings accepted on input.
var personaAliases = map[string]Persona{
	"基层": Grassroots,
}

// Label names the persona in "zh" or "en".
func (p Persona) Label(lang string) string {
	n, ok := personaNames[p]
	if !ok {
		return string(p)
	}
	return pick(lang, n[0], n[1], string(p))
}

// ParsePersona reads a persona from its key or its name in either language,
// trimmed and case-insensitive: farmer/农民, resident/市民, business/企业,
// grassroots/基层单位工作人员 (also 基层).
func ParsePersona(s string) (Persona, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	for _, p := range Personas {
		n := personaNames[p]
		if w == string(p) || w == n[0] || w == n[1] {
			return p, nil
		}
	}
	if p, ok := personaAliases[w]; ok {
		return p, nil
	}
	return "", fmt.Errorf("unknown persona %q: use farmer/农民, resident/市民, business/企业 or grassroots/基层单位工作人员", s)
}

var problemNames = map[ProblemType][2]string{
	Access:   {"门难进", "hard to reach"},
	Handling: {"事难办", "buck-passing"},
	Manner:   {"话难听", "rude"},
	Other:    {"其他", "other"},
}

// Label names the problem type in "zh" or "en".
func (t ProblemType) Label(lang string) string {
	n, ok := problemNames[t]
	if !ok {
		return string(t)
	}
	return pick(lang, n[0], n[1], string(t))
}

// ParseProblemType reads a problem type from its key (access, handling,
// manner, other) or its name in either language, trimmed and case-insensitive.
func ParseProblemType(s string) (ProblemType, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	for _, t := range ProblemTypes {
		n := problemNames[t]
		if w == string(t) || w == n[0] || w == n[1] {
			return t, nil
		}
	}
	if w == "其它" { // the other common spelling
		return Other, nil
	}
	return "", fmt.Errorf("unknown problem type %q: use access/门难进, handling/事难办, manner/话难听 or other/其他", s)
}

var outcomeNames = map[Outcome][2]string{
	Connected:     {"接通", "connected"},
	ConnectedDept: {"非本业务电话", "other line of the department"},
	WrongNumber:   {"非本单位", "not this office"},
	HungUp:        {"接起即挂断", "hung up at once"},
	NoAnswer:      {"无人接听", "no answer"},
	Busy:          {"占线", "busy"},
	Invalid:       {"空号/停机", "number invalid"},
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

// Label names the outcome in "zh" or "en", without its code.
func (o Outcome) Label(lang string) string {
	n, ok := outcomeNames[o]
	if !ok {
		return pick(lang, fmt.Sprintf("代码%d", int(o)), fmt.Sprintf("code %d", int(o)), "")
	}
	return pick(lang, n[0], n[1], "")
}

var statusNames = map[CallStatus][2]string{
	ToCall:      {"待拨", "to call"},
	InProgress:  {"进行中", "in progress"},
	Done:        {"已完成", "done"},
	Unreachable: {"无法接通", "unreachable"},
	NotAudited:  {"未测评", "not audited"},
}

// Label names the call status in "zh" or "en".
func (s CallStatus) Label(lang string) string {
	n, ok := statusNames[s]
	if !ok {
		return string(s)
	}
	return pick(lang, n[0], n[1], string(s))
}

// Label names the flag in "zh" or "en"; NoFlag has no name.
func (l Level) Label(lang string) string {
	switch l {
	case Red:
		return pick(lang, "红牌", "red", "")
	case Yellow:
		return pick(lang, "黄牌", "yellow", "")
	default:
		return ""
	}
}

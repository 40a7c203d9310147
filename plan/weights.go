package plan

import "phoneaudit/scoring"

// DefaultCategory is the row of PersonaWeights used for a category it does
// not list.
const DefaultCategory = "*"

// PersonaWeights is how well each persona fits an office category: the odds
// of a persona being chosen are its weight against the others' (among the
// personas with a scenario for the category, the previous one left out). A
// weight of 0 keeps a persona away from the category unless nothing else is
// left.
//
// Who plausibly calls whom: companies call 涉企 offices, farmers call 农业
// offices, residents fill the queues of 民生 and 窗口 offices.
var PersonaWeights = map[string]map[scoring.Persona]int{
	"涉企": {scoring.Business: 6, scoring.Resident: 2, scoring.Grassroots: 2, scoring.Farmer: 1},
	"民生": {scoring.Resident: 5, scoring.Farmer: 3, scoring.Grassroots: 2, scoring.Business: 2},
	"窗口": {scoring.Resident: 5, scoring.Business: 3, scoring.Farmer: 2, scoring.Grassroots: 2},
	"农业": {scoring.Farmer: 6, scoring.Grassroots: 3, scoring.Business: 2, scoring.Resident: 1},
	"城建": {scoring.Resident: 4, scoring.Business: 3, scoring.Grassroots: 2, scoring.Farmer: 2},

	DefaultCategory: {scoring.Resident: 3, scoring.Business: 2, scoring.Farmer: 2, scoring.Grassroots: 2},
}

// weight is persona p's weight for category, from the category's row or the
// default row.
func weight(category string, p scoring.Persona) int {
	row, ok := PersonaWeights[category]
	if !ok {
		row = PersonaWeights[DefaultCategory]
	}
	return row[p]
}

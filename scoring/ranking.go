package scoring

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// rankDepartments ranks the departments by the mean total of their calls,
// higher first, ties broken by fewer problem calls (equal on both: equal
// rank, listed by name). Departments without any total come last, unranked.
func rankDepartments(calls []SummaryCall) []DepartmentRank {
	byName := map[string]*DepartmentRank{}
	offices, problemOffices := map[string]map[int64]bool{}, map[string]map[int64]bool{}
	sums := map[string]float64{}
	for _, c := range calls {
		d := byName[c.Department]
		if d == nil {
			d = &DepartmentRank{Department: c.Department}
			byName[c.Department] = d
			offices[c.Department], problemOffices[c.Department] = map[int64]bool{}, map[int64]bool{}
		}
		d.Calls++
		offices[c.Department][c.OfficeID] = true
		if c.Result.Problem {
			d.Problems++
			problemOffices[c.Department][c.OfficeID] = true
		}
		if total, ok := callTotal(c); ok {
			d.Counted++
			sums[c.Department] += total
		} else {
			d.NoTotal++
		}
	}
	out := make([]DepartmentRank, 0, len(byName))
	for name, d := range byName {
		d.Offices, d.ProblemOffices = len(offices[name]), len(problemOffices[name])
		if d.Counted > 0 {
			d.HasMean, d.Mean = true, snap(sums[name]/float64(d.Counted))
		}
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b DepartmentRank) int {
		return cmp.Or(compareRank(a, b), strings.Compare(a.Department, b.Department))
	})
	markRanks(out)
	return out
}

// compareRank orders two departments by rank alone: 0 means they share one.
func compareRank(a, b DepartmentRank) int {
	switch {
	case a.HasMean && !b.HasMean:
		return -1
	case !a.HasMean && b.HasMean:
		return 1
	}
	return cmp.Or(cmp.Compare(b.Mean, a.Mean), cmp.Compare(a.Problems, b.Problems))
}

// markRanks numbers the sorted ranking (1, 2, 2, 4 for a tie) and marks the
// top 10 and, from 4 ranked departments on, the bottom 3. A department tied
// with one inside a mark gets the mark too; one in both is marked bottom
// only, since answering for a low place is what the mark is for.
func markRanks(ds []DepartmentRank) {
	ranked := 0
	for i := range ds {
		if !ds[i].HasMean {
			break
		}
		ranked++
		ds[i].Rank = i + 1
		if i > 0 && compareRank(ds[i-1], ds[i]) == 0 {
			ds[i].Rank = ds[i-1].Rank
		}
	}
	bottomFrom := math.MaxInt
	if ranked >= 4 {
		bottomFrom = ds[ranked-3].Rank
	}
	for i := range ranked {
		ds[i].Bottom3 = ds[i].Rank >= bottomFrom
		ds[i].Top10 = ds[i].Rank <= 10 && !ds[i].Bottom3
	}
}

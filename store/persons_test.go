package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"phoneaudit/demo"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// TestPersonFlagsEveryRound checks the persons' flags as of every round against the rule worked
// out afresh from the answered calls (every finished call grouped by department, person and
// round, then scoring.Streak), which is how they were read before persons had maintained audits:
// on the demo city, and on three rounds where one person answers every call and is flagged as of
// round 2 with an audit after it (the query's second half).
func TestPersonFlagsEveryRound(t *testing.T) {
	s, path := mustOpen(t)
	if err := demo.Load(context.Background(), s, 1); err != nil {
		t.Fatal(err)
	}
	later := checkPersonFlags(t, s, path)
	f, _, _ := redFixture(t)
	later += checkPersonFlags(t, f.s, f.path)
	if later == 0 {
		t.Error("no person flagged as of a round has an audit after it: the test does not reach the query's second half")
	}
}

// checkPersonFlags compares PersonFlags as of every round with the rule, and counts the flags
// (as of a round) of persons audited after that round.
func checkPersonFlags(t *testing.T, s *store.Store, path string) (later int) {
	t.Helper()
	ctx := context.Background()
	raw := openRaw(t, path)
	defer raw.Close()
	rows, err := raw.Query(`SELECT c.department_name,
			CASE WHEN c.answered_staff_no <> '' THEN 'no:' || c.answered_staff_no ELSE 'name:' || c.answered_name END,
			r.number, coalesce(c.amended_problem, c.problem)
		FROM calls c JOIN rounds r ON r.id = c.round_id
		WHERE c.status IN ('done', 'unreachable') AND (c.answered_staff_no <> '' OR c.answered_name <> '')`)
	if err != nil {
		t.Fatal(err)
	}
	type person struct{ dept, key string }
	audits := map[person][]scoring.Audit{}
	latest := 0
	for rows.Next() {
		var p person
		var a scoring.Audit
		if err := rows.Scan(&p.dept, &p.key, &a.Round, &a.Problem); err != nil {
			t.Fatal(err)
		}
		audits[p] = append(audits[p], a)
		latest = max(latest, a.Round)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	for asOf := 1; asOf <= latest; asOf++ {
		var want []string
		for p, as := range audits {
			streak := scoring.Streak(as, asOf)
			if scoring.LevelOf(streak) == scoring.NoFlag {
				continue
			}
			last, after := 0, false
			for _, a := range as {
				if a.Round <= asOf {
					last = max(last, a.Round)
				} else {
					after = true
				}
			}
			if after {
				later++
			}
			name := strings.TrimPrefix(strings.TrimPrefix(p.key, "no:"), "name:")
			want = append(want, flagLine(p.dept, name, streak, last))
		}
		got, err := s.PersonFlags(ctx, asOf)
		if err != nil {
			t.Fatal(err)
		}
		var have []string
		for _, f := range got {
			if f.Level != scoring.LevelOf(f.Streak) || f.RoundName == "" {
				t.Errorf("as of %d: %+v", asOf, f)
			}
			have = append(have, flagLine(f.Department, f.Office, f.Streak, f.Round))
		}
		slices.Sort(want)
		slices.Sort(have)
		if !slices.Equal(have, want) {
			t.Errorf("persons' flags as of round %d:\n got %v\nwant %v", asOf, have, want)
		}
	}
	return later
}

func flagLine(dept, name string, streak, round int) string {
	return strings.Join([]string{dept, name, strconv.Itoa(streak), strconv.Itoa(round)}, "·")
}

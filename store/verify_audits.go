package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"phoneaudit/scoring"
)

// The audits and streaks verify works out again from the calls' results, and compares with the
// four tables the flags are read from (ledger_derived.go).

// auditKey is one office's (as merged) audit in one round; personKey one person's.
type auditKey struct {
	office int64
	round  int
}

type personAuditKey struct {
	department, person string
	round              int
}

type auditVal struct {
	roundID int64
	problem bool
	streak  int
}

// worked is what the results pass gives the audits pass.
type worked struct {
	offices map[auditKey]auditVal
	persons map[personAuditKey]auditVal
}

// streaks gives each audit of a series its streak, in round order, and returns each series'
// latest audit.
func streaks[K comparable, S comparable](m map[K]auditVal, series func(K) S, less func(a, b K) int) map[S]K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, less)
	latest := map[S]K{}
	prev, have := 0, false
	var cur S
	for _, k := range keys {
		s := series(k)
		if !have || s != cur {
			prev, cur, have = 0, s, true
		}
		a := m[k]
		prev = scoring.NextStreak(prev, a.problem)
		a.streak = prev
		m[k] = a
		latest[s] = k
	}
	return latest
}

// storedAudit is one row of an audits table as stored.
type storedAudit struct {
	round   int
	roundID int64
	problem bool
	streak  int
}

// compareAudit reports the first column of a stored audit that differs from the worked-out one.
func compareAudit(want auditVal, wantRound int, got storedAudit) (field, was, now string, differs bool) {
	switch {
	case wantRound != got.round:
		return "round", strconv.Itoa(wantRound), strconv.Itoa(got.round), true
	case want.roundID != got.roundID:
		return "round_id", strconv.FormatInt(want.roundID, 10), strconv.FormatInt(got.roundID, 10), true
	case want.problem != got.problem:
		return "problem", strconv.FormatBool(want.problem), strconv.FormatBool(got.problem), true
	case want.streak != got.streak:
		return "streak", strconv.Itoa(want.streak), strconv.Itoa(got.streak), true
	}
	return "", "", "", false
}

// auditShown is an audit's problem and streak, for a missing or an extra one.
func auditShown(problem bool, streak int) string {
	return fmt.Sprintf("problem=%t streak=%d", problem, streak)
}

// audits compares the four tables the flags are read from with the audits the calls give.
func (v *verifier) audits(ctx context.Context, w worked) error {
	type names struct{ department, office string }
	offices := map[int64]names{}
	err := eachRow(ctx, v.q, func(sc scanner) error {
		var id int64
		var n names
		if err := sc.Scan(&id, &n.department, &n.office); err != nil {
			return err
		}
		offices[id] = n
		return nil
	}, "SELECT o.id, d.name, o.name FROM offices o JOIN departments d ON d.id = o.department_id")
	if err != nil {
		return err
	}
	roundNames := map[int]string{}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var n int
		var name string
		if err := sc.Scan(&n, &name); err != nil {
			return err
		}
		roundNames[n] = name
		return nil
	}, "SELECT number, name FROM rounds")
	if err != nil {
		return err
	}
	officeFacts := func(office int64, round int) RecordFacts {
		n := offices[office]
		return RecordFacts{RoundName: roundNames[round], Department: n.department, Office: n.office}
	}
	personFacts := func(k personAuditKey, round int) RecordFacts {
		return RecordFacts{RoundName: roundNames[round], Department: k.department,
			Office: strings.TrimPrefix(strings.TrimPrefix(k.person, "no:"), "name:")}
	}

	latestOffice := streaks(w.offices, func(k auditKey) int64 { return k.office },
		func(a, b auditKey) int { return cmp.Or(cmp.Compare(a.office, b.office), cmp.Compare(a.round, b.round)) })
	latestPerson := streaks(w.persons, func(k personAuditKey) [2]string { return [2]string{k.department, k.person} },
		func(a, b personAuditKey) int {
			return cmp.Or(cmp.Compare(a.department, b.department), cmp.Compare(a.person, b.person), cmp.Compare(a.round, b.round))
		})

	// audits: one row per office and round.
	seen := map[auditKey]bool{}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var office int64
		var got storedAudit
		if err := sc.Scan(&office, &got.round, &got.roundID, &got.problem, &got.streak); err != nil {
			return err
		}
		k := auditKey{office, got.round}
		want, ok := w.offices[k]
		seen[k] = true
		p := VerifyProblem{Kind: "audits", Ref: office, Round: got.round, Record: officeFacts(office, got.round)}
		if !ok {
			p.What, p.Now = ProblemAuditExtra, auditShown(got.problem, got.streak)
			v.add(p)
			return nil
		}
		if field, was, now, differs := compareAudit(want, got.round, got); differs {
			p.What, p.Field, p.Was, p.Now = ProblemAudit, []string{field}, was, now
			v.add(p)
		}
		return nil
	}, "SELECT office_id, round_number, round_id, problem, streak FROM audits ORDER BY office_id, round_number")
	if err != nil {
		return err
	}
	for _, k := range sortedMissing(w.offices, seen, func(a, b auditKey) int {
		return cmp.Or(cmp.Compare(a.office, b.office), cmp.Compare(a.round, b.round))
	}) {
		a := w.offices[k]
		v.add(VerifyProblem{What: ProblemAuditMissing, Kind: "audits", Ref: k.office, Round: k.round, Record: officeFacts(k.office, k.round),
			Was: auditShown(a.problem, a.streak)})
	}

	// latest_audits: one row per office, its latest audit.
	seenLatest := map[int64]bool{}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var office int64
		var got storedAudit
		if err := sc.Scan(&office, &got.round, &got.roundID, &got.problem, &got.streak); err != nil {
			return err
		}
		seenLatest[office] = true
		p := VerifyProblem{Kind: "latest_audits", Ref: office, Round: got.round, Record: officeFacts(office, got.round)}
		k, ok := latestOffice[office]
		if !ok {
			p.What, p.Now = ProblemAuditExtra, auditShown(got.problem, got.streak)
			v.add(p)
			return nil
		}
		if field, was, now, differs := compareAudit(w.offices[k], k.round, got); differs {
			p.What, p.Field, p.Was, p.Now = ProblemAudit, []string{field}, was, now
			v.add(p)
		}
		return nil
	}, "SELECT office_id, round_number, round_id, problem, streak FROM latest_audits ORDER BY office_id")
	if err != nil {
		return err
	}
	for _, office := range sortedMissing(latestOffice, seenLatest, cmp.Compare[int64]) {
		k := latestOffice[office]
		a := w.offices[k]
		v.add(VerifyProblem{What: ProblemAuditMissing, Kind: "latest_audits", Ref: office, Round: k.round, Record: officeFacts(office, k.round),
			Was: auditShown(a.problem, a.streak)})
	}

	// person_audits: one row per person and round.
	seenPerson := map[personAuditKey]bool{}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var got storedAudit
		var k personAuditKey
		if err := sc.Scan(&k.department, &k.person, &got.round, &got.roundID, &got.problem, &got.streak); err != nil {
			return err
		}
		k.round = got.round
		seenPerson[k] = true
		p := VerifyProblem{Kind: "person_audits", Round: got.round, Person: k.person, Record: personFacts(k, got.round)}
		want, ok := w.persons[k]
		if !ok {
			p.What, p.Now = ProblemAuditExtra, auditShown(got.problem, got.streak)
			v.add(p)
			return nil
		}
		if field, was, now, differs := compareAudit(want, got.round, got); differs {
			p.What, p.Field, p.Was, p.Now = ProblemAudit, []string{field}, was, now
			v.add(p)
		}
		return nil
	}, "SELECT department, person, round_number, round_id, problem, streak FROM person_audits ORDER BY department, person, round_number")
	if err != nil {
		return err
	}
	for _, k := range sortedMissing(w.persons, seenPerson, func(a, b personAuditKey) int {
		return cmp.Or(cmp.Compare(a.department, b.department), cmp.Compare(a.person, b.person), cmp.Compare(a.round, b.round))
	}) {
		a := w.persons[k]
		v.add(VerifyProblem{What: ProblemAuditMissing, Kind: "person_audits", Round: k.round, Person: k.person, Record: personFacts(k, k.round),
			Was: auditShown(a.problem, a.streak)})
	}

	// latest_person_audits: one row per person, their latest audit.
	seenLatestPerson := map[[2]string]bool{}
	err = eachRow(ctx, v.q, func(sc scanner) error {
		var got storedAudit
		var s [2]string
		if err := sc.Scan(&s[0], &s[1], &got.round, &got.roundID, &got.problem, &got.streak); err != nil {
			return err
		}
		seenLatestPerson[s] = true
		pk := personAuditKey{s[0], s[1], got.round}
		p := VerifyProblem{Kind: "latest_person_audits", Round: got.round, Person: s[1], Record: personFacts(pk, got.round)}
		k, ok := latestPerson[s]
		if !ok {
			p.What, p.Now = ProblemAuditExtra, auditShown(got.problem, got.streak)
			v.add(p)
			return nil
		}
		if field, was, now, differs := compareAudit(w.persons[k], k.round, got); differs {
			p.What, p.Field, p.Was, p.Now = ProblemAudit, []string{field}, was, now
			v.add(p)
		}
		return nil
	}, "SELECT department, person, round_number, round_id, problem, streak FROM latest_person_audits ORDER BY department, person")
	if err != nil {
		return err
	}
	for _, s := range sortedMissing(latestPerson, seenLatestPerson, func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	}) {
		k := latestPerson[s]
		a := w.persons[k]
		v.add(VerifyProblem{What: ProblemAuditMissing, Kind: "latest_person_audits", Round: k.round, Person: k.person, Record: personFacts(k, k.round),
			Was: auditShown(a.problem, a.streak)})
	}
	return nil
}

// sortedMissing is the keys of m not seen, in order.
func sortedMissing[K comparable, V any](m map[K]V, seen map[K]bool, less func(a, b K) int) []K {
	var out []K
	for k := range m {
		if !seen[k] {
			out = append(out, k)
		}
	}
	slices.SortFunc(out, less)
	return out
}

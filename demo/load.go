package demo

import (
	"context"
	"fmt"
	"time"

	"phoneaudit/store"
)

// Load fills an empty database with the demo city of a seed: its registry, five closed rounds
// and a sixth open one. Every finished call is scored by package scoring as a submit would be.
func Load(ctx context.Context, s *store.Store, seed int64) error {
	return load(ctx, s, NewCity(seed), nil, nil)
}

// LoadProvince fills an empty database with the province data set: 2,000 offices and rounds
// closed rounds, written a round at a time. progress, when not nil, hears after each round.
func LoadProvince(ctx context.Context, s *store.Store, seed int64, rounds int, progress func(done, total int)) error {
	city := NewProvince(seed)
	return load(ctx, s, city, func(each func(Round) error) error {
		return ProvinceRounds(seed, city, rounds, each)
	}, func(done int) {
		if progress != nil {
			progress(done, rounds)
		}
	})
}

// load writes the registry of c, then c's own rounds, then the rounds more streams.
func load(ctx context.Context, s *store.Store, c City, more func(func(Round) error) error, progress func(int)) error {
	n, err := s.CountOffices(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("the database already has %d offices; the demo fills only an empty database (use --db to choose a new file): %w", n, store.ErrNotEmpty)
	}
	ids, err := loadRegistry(ctx, s, c)
	if err != nil {
		return err
	}
	done := 0
	write := func(r Round) error {
		if err := writeRound(ctx, s, ids, r); err != nil {
			return fmt.Errorf("demo round %s: %w", r.Name, err)
		}
		done++
		if progress != nil {
			progress(done)
		}
		return nil
	}
	for _, r := range c.Rounds {
		if err := write(r); err != nil {
			return err
		}
	}
	if more == nil {
		return nil
	}
	return more(write)
}

// registryIDs maps the demo's indexes to database ids.
type registryIDs struct {
	offices, auditors, scenarios []int64
}

func loadRegistry(ctx context.Context, s *store.Store, c City) (registryIDs, error) {
	var ids registryIDs
	offices := make([]store.OfficeInput, len(c.Offices))
	for i, o := range c.Offices {
		offices[i] = store.OfficeInput{Line: i + 1, Department: o.Department, Name: o.Name, Phone: o.Phone, Category: o.Category}
	}
	if _, err := s.UpsertOffices(ctx, offices); err != nil {
		return ids, err
	}
	auditors := make([]store.Auditor, len(c.Auditors))
	for i, a := range c.Auditors {
		auditors[i] = store.Auditor{Name: a.Name, Role: a.Role, Affiliation: a.Affiliation}
	}
	if _, err := s.UpsertAuditors(ctx, auditors, nil); err != nil {
		return ids, err
	}
	scenarios := make([]store.Scenario, len(c.Scenarios))
	for i, sc := range c.Scenarios {
		scenarios[i] = store.Scenario{Category: sc.Category, Persona: sc.Persona, Question: sc.Question}
	}
	if _, err := s.AddScenarios(ctx, scenarios, nil); err != nil {
		return ids, err
	}
	return lookupIDs(ctx, s, c)
}

func lookupIDs(ctx context.Context, s *store.Store, c City) (registryIDs, error) {
	var ids registryIDs
	offices, err := s.Offices(ctx)
	if err != nil {
		return ids, err
	}
	byOffice := map[[2]string]int64{}
	for _, o := range offices {
		byOffice[[2]string{o.Department, o.Name}] = o.ID
	}
	for _, o := range c.Offices {
		ids.offices = append(ids.offices, byOffice[[2]string{o.Department, o.Name}])
	}
	auditors, err := s.Auditors(ctx)
	if err != nil {
		return ids, err
	}
	byAuditor := map[string]int64{}
	for _, a := range auditors {
		byAuditor[a.Name] = a.ID
	}
	for _, a := range c.Auditors {
		ids.auditors = append(ids.auditors, byAuditor[a.Name])
	}
	scenarios, err := s.Scenarios(ctx)
	if err != nil {
		return ids, err
	}
	byScenario := map[Scenario]int64{}
	for _, sc := range scenarios {
		byScenario[Scenario{Category: sc.Category, Persona: sc.Persona, Question: sc.Question}] = sc.ID
	}
	for _, sc := range c.Scenarios {
		ids.scenarios = append(ids.scenarios, byScenario[sc])
	}
	return ids, nil
}

func writeRound(ctx context.Context, s *store.Store, ids registryIDs, r Round) error {
	calls := make([]store.BulkCall, len(r.Calls))
	for i, c := range r.Calls {
		calls[i] = store.BulkCall{
			OfficeID: ids.offices[c.Office], AuditorID: ids.auditors[c.Auditor], ScenarioID: ids.scenarios[c.Scenario],
			Persona: c.Persona, Planned: c.Planned, Attempts: c.Attempts(), AnswerSeconds: c.AnswerSeconds,
			StaffNo: c.AnsweredBy.StaffNo, Name: c.AnsweredBy.Name, Notes: c.Notes,
			Answers: c.Answers, Submitted: c.Submitted, SubmittedAt: c.SubmittedAt,
		}
	}
	_, err := s.WriteBulkRound(ctx, store.BulkRound{
		Name: r.Name, From: day(r.From), To: day(r.To), Close: r.Closed, Open: !r.Closed, Calls: calls,
	})
	return err
}

// day is a round's date: From and To are midnight UTC standing for the city's date.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

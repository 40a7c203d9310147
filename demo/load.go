package demo

import (
	"context"
	"fmt"
	"time"

	"phoneaudit/lang"
	"phoneaudit/publish"
	"phoneaudit/store"
)

// Load fills an empty database with the demo city of a seed: its registry, five closed rounds
// and a sixth open one, rounds 1–4 published with their notices in every state. Every finished
// call is scored by package scoring as a submit would be.
func Load(ctx context.Context, s *store.Store, seed int64) error {
	city := NewCity(seed)
	if err := load(ctx, s, city, nil, nil); err != nil {
		return err
	}
	return publishDemo(ctx, s, city)
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
		return fmt.Errorf("the database already has %s; the demo fills only an empty database (use --db to choose a new file): %w",
			lang.Plural(n, "%d office", "%d offices"), store.ErrNotEmpty)
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

// publishedRounds are the demo rounds that are published, so a new user finds notices.
const publishedRounds = 4

// publishDemo publishes rounds 1–4 a few days after each ended, as a lead would have, and moves
// their notices on so every state is there: rounds 1–2 verified, round 3 reported, round 4 some
// reported, one extended, the rest overdue.
func publishDemo(ctx context.Context, s *store.Store, c City) error {
	for i := 0; i < publishedRounds && i < len(c.Rounds); i++ {
		r, err := s.FindRound(ctx, c.Rounds[i].Name)
		if err != nil {
			return err
		}
		// The lead publishes at 10:00 on the third day after the round ends.
		at := c.Rounds[i].To.AddDate(0, 0, 3).Add(2 * time.Hour)
		lead := s.As(leadName(c))
		lead.Now = func() time.Time { return at }
		if _, err := publish.Round(ctx, lead, r); err != nil {
			return fmt.Errorf("demo: publishing %s: %w", r.Name, err)
		}
		if err := moveNotices(ctx, lead, r, i+1, at); err != nil {
			return err
		}
	}
	return nil
}

func moveNotices(ctx context.Context, s *store.Store, r store.Round, number int, published time.Time) error {
	notices, err := s.Notices(ctx, store.NoticeFilter{RoundID: r.ID})
	if err != nil {
		return err
	}
	for j, n := range notices {
		s.Now = func() time.Time { return published.AddDate(0, 0, 7+j%5) }
		switch {
		case number <= 2 || number == 3 || (number == 4 && j%3 == 0):
			if err := s.ReportNotice(ctx, n.ID, responses[j%len(responses)]); err != nil {
				return err
			}
			if number <= 2 {
				s.Now = func() time.Time { return published.AddDate(0, 0, 20) }
				if err := s.VerifyNotice(ctx, n.ID, "", ""); err != nil {
					return err
				}
			}
		case number == 4 && j%3 == 1:
			later := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
			if err := s.ExtendNotice(ctx, n.ID, later, "科室主要负责人调整，申请延期"); err != nil {
				return err
			}
		}
	}
	return nil
}

// responses are what offices wrote back about their rectification.
var responses = []string{
	"已召开科室会议，明确专人值守电话，建立首问负责登记台账。",
	"已对相关工作人员批评教育，组织服务礼仪和业务知识培训。",
	"已更正对外公布的咨询电话，并在门户网站同步更新。",
	"已制定一次性告知清单，接听电话时逐项告知办事材料。",
}

func leadName(c City) string {
	for _, a := range c.Auditors {
		if a.Role == RoleLead {
			return a.Name
		}
	}
	return "phoneaudit"
}

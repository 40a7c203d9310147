package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"phoneaudit/lang"
	"phoneaudit/publish"
	"phoneaudit/store"
)

// Load fills an empty database with the demo city of a seed: its registry, five closed rounds
// and a sixth open one, rounds 1–4 published with their notices in every state. Every finished
// call is scored by package scoring as a submit would be.
//
// Everything is written in the order it happened, each at its own time: the registry a week
// before round 1, each round's calls as they were finished, its close that evening, then rounds
// 1–4's publication and their notices' events before the next round's first call, so the
// 数据校验码 a bulletin prints covers only what came before its publication. The open round
// alone is created at the moment of loading, which the screens take for now.
func Load(ctx context.Context, s *store.Store, seed int64) error {
	city := NewCity(seed)
	return load(ctx, s, city, nil, nil, func(i int) error {
		if i >= publishedRounds {
			return nil
		}
		return publishDemo(ctx, s, city, i)
	})
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
	}, nil)
}

// load writes the registry of c, then c's own rounds, each followed by after(its index) when
// after is not nil, then the rounds more streams.
func load(ctx context.Context, s *store.Store, c City, more func(func(Round) error) error, progress func(int), after func(int) error) error {
	n, err := s.CountOffices(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("the database already has %s; the demo fills only an empty database (use --db to choose a new file): %w",
			lang.Plural(n, "%d office", "%d offices"), store.ErrNotEmpty)
	}
	reg := s
	if len(c.Rounds) > 0 {
		reg = at(s, registryTime(c.Rounds[0]))
	}
	ids, err := loadRegistry(ctx, reg, c)
	if err != nil {
		return err
	}
	done := 0
	write := func(r Round) error {
		if err := writeRound(ctx, at(s, roundTime(r)), ids, r, r.Closed); err != nil {
			return fmt.Errorf("demo round %s: %w", r.Name, err)
		}
		done++
		if progress != nil {
			progress(done)
		}
		return nil
	}
	// The city's own rounds are opened on their first day, written, and closed by the lead that
	// evening, so the round's creation, calls and close are in the ledger in time order.
	lead := s.As(leadName(c))
	for i, r := range c.Rounds {
		// The open round is written now, as before: its running calls are live on the screens
		// (their activity is the moment they are written), so its creation is dated now too.
		ws := s
		if r.Closed {
			ws = at(s, r.From)
		}
		if err := writeRound(ctx, ws, ids, r, false); err != nil {
			return fmt.Errorf("demo round %s: %w", r.Name, err)
		}
		if r.Closed {
			if _, err := at(lead, closeTime(r)).CloseRound(ctx, r.Name, true); err != nil {
				return fmt.Errorf("demo: closing %s: %w", r.Name, err)
			}
		}
		done++
		if progress != nil {
			progress(done)
		}
		if after != nil {
			if err := after(i); err != nil {
				return err
			}
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

// at is s with its clock stopped at t: what it writes is dated t.
func at(s *store.Store, t time.Time) *store.Store {
	c := s.As(s.Actor())
	c.Now = func() time.Time { return t }
	return c
}

// registryTime is when the registry is loaded: 09:00 in the city a week before round r begins.
func registryTime(r Round) time.Time { return r.From.AddDate(0, 0, -7).Add(time.Hour) }

// closeTime is when a round is closed: at 20:00 in the city on its last day, after its calls.
func closeTime(r Round) time.Time { return r.To.Add(12 * time.Hour) }

// roundTime is when a round streamed in one piece is written: a closed one at its close; an
// open one is dated by its last finished call (or its first day).
func roundTime(r Round) time.Time {
	if r.Closed {
		return closeTime(r)
	}
	latest := r.From
	for _, c := range r.Calls {
		if c.SubmittedAt.After(latest) {
			latest = c.SubmittedAt
		}
	}
	return latest
}

// writeRound writes r's calls in the order they were finished, so their ledger entries are in
// time order (the calls not finished have no entry and come first), and opens the round, or
// closes it when close is set.
func writeRound(ctx context.Context, s *store.Store, ids registryIDs, r Round, close bool) error {
	ordered := slices.Clone(r.Calls)
	slices.SortStableFunc(ordered, func(a, b Call) int { return a.SubmittedAt.Compare(b.SubmittedAt) })
	calls := make([]store.BulkCall, len(ordered))
	for i, c := range ordered {
		calls[i] = store.BulkCall{
			OfficeID: ids.offices[c.Office], AuditorID: ids.auditors[c.Auditor], ScenarioID: ids.scenarios[c.Scenario],
			Persona: c.Persona, Planned: c.Planned, Attempts: c.Attempts(), AnswerSeconds: c.AnswerSeconds,
			StaffNo: c.AnsweredBy.StaffNo, Name: c.AnsweredBy.Name, Notes: c.Notes,
			Answers: c.Answers, Submitted: c.Submitted, SubmittedAt: c.SubmittedAt,
		}
	}
	_, err := s.WriteBulkRound(ctx, store.BulkRound{
		Name: r.Name, From: day(r.From), To: day(r.To), Close: close, Open: !close, Calls: calls,
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

// publishDemo publishes round i (from 0) three days after it ended, as a lead would have, and
// moves its notices on so every state is there: rounds 1–2 verified, round 3 reported, round 4
// some reported, one extended, the rest overdue.
func publishDemo(ctx context.Context, s *store.Store, c City, i int) error {
	r, err := s.FindRound(ctx, c.Rounds[i].Name)
	if err != nil {
		return err
	}
	// The lead publishes at 10:00 on the third day after the round ends.
	when := c.Rounds[i].To.AddDate(0, 0, 3).Add(2 * time.Hour)
	lead := at(s.As(leadName(c)), when)
	if _, err := publish.Round(ctx, lead, r); err != nil {
		return fmt.Errorf("demo: publishing %s: %w", r.Name, err)
	}
	return moveNotices(ctx, lead, r, i+1, when)
}

// noticeEvent is one step of a notice's life, done at its time.
type noticeEvent struct {
	at time.Time
	do func(s *store.Store) error
}

// moveNotices writes the notices' events in the order of their times: reports a week or so after
// publication, verifications on the eleventh day's afternoon, after the last report and before
// the next round's first call (two weeks after publication at the soonest).
func moveNotices(ctx context.Context, s *store.Store, r store.Round, number int, published time.Time) error {
	notices, err := s.Notices(ctx, store.NoticeFilter{RoundID: r.ID})
	if err != nil {
		return err
	}
	var events []noticeEvent
	for j, n := range notices {
		reported := published.AddDate(0, 0, 7+j%5)
		switch {
		case number <= 2 || number == 3 || (number == 4 && j%3 == 0):
			events = append(events, noticeEvent{reported, func(s *store.Store) error {
				return s.ReportNotice(ctx, n.ID, responses[j%len(responses)])
			}})
			if number <= 2 {
				events = append(events, noticeEvent{published.AddDate(0, 0, 11).Add(5 * time.Hour), func(s *store.Store) error {
					return s.VerifyNotice(ctx, n.ID, "", "")
				}})
			}
		case number == 4 && j%3 == 1:
			later := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
			events = append(events, noticeEvent{reported, func(s *store.Store) error {
				return s.ExtendNotice(ctx, n.ID, later, "科室主要负责人调整，申请延期")
			}})
		}
	}
	slices.SortStableFunc(events, func(a, b noticeEvent) int { return a.at.Compare(b.at) })
	for _, e := range events {
		if err := e.do(at(s, e.at)); err != nil {
			return err
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

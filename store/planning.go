package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"phoneaudit/plan"
	"phoneaudit/scoring"
)

// DefaultRoundDays is how many working days a round runs when no dates are given.
const DefaultRoundDays = 10

// PlanOptions choose what a plan covers. Empty Categories and Offices plan every active office.
type PlanOptions struct {
	Seed       int64
	Categories []string    // only offices of these categories
	Offices    [][2]string // only these offices (department, office)
}

// PlanReport says what planning did and what the plan's checks found.
type PlanReport struct {
	Round    Round
	Calls    int
	Problems []plan.Problem
}

// PlanRound plans a round in planning that has no calls yet: one call per chosen active office,
// with auditor, persona, scenario and slot from package plan. Without dates the round runs over
// the next DefaultRoundDays working days, which are stored on it.
func (s *Store) PlanRound(ctx context.Context, ref string, opt PlanOptions) (PlanReport, error) {
	if err := s.leadOnly(ctx, ActionPlanRound); err != nil {
		return PlanReport{}, err
	}
	var rep PlanReport
	r, err := s.FindRound(ctx, ref)
	if err != nil {
		return rep, err
	}
	if r.Status != RoundPlanning {
		return rep, fault(ErrRoundState, "round %s is %s; only a round in planning can be planned", r.Name, r.Status)
	}
	if r.Planned > 0 {
		return rep, fault(ErrRoundState, "round %s already has %d calls; move single calls with `round move`", r.Name, r.Planned)
	}
	in, err := s.planInput(ctx, r, opt)
	if err != nil {
		return rep, err
	}
	calls, err := plan.Make(in)
	if err != nil {
		return rep, err
	}
	from, to := in.Days[0].Format(time.DateOnly), in.Days[len(in.Days)-1].Format(time.DateOnly)
	err = s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, "UPDATE rounds SET date_from = ?, date_to = ? WHERE id = ?", from, to, r.ID); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO calls(round_id, office_id, auditor_id, persona, scenario_id, planned_at)
			VALUES(?, ?, ?, ?, nullif(?, 0), ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, c := range calls {
			if _, err := stmt.ExecContext(ctx, r.ID, c.Office, c.Auditor, string(c.Persona), c.Scenario, fmtTime(c.Slot)); err != nil {
				return err
			}
		}
		return s.recordChange(ctx, tx, "round", r.ID, "plan", map[string]any{"seed": opt.Seed, "calls": len(calls)})
	})
	if err != nil {
		return rep, err
	}
	rep.Round, err = s.FindRound(ctx, r.Name)
	rep.Calls = len(calls)
	rep.Problems = plan.Check(in, calls)
	return rep, err
}

// planInput gathers what package plan needs: the chosen offices with their previous audits,
// the callers, the scenarios and the round's working days.
func (s *Store) planInput(ctx context.Context, r Round, opt PlanOptions) (plan.Input, error) {
	in := plan.Input{Seed: opt.Seed, Gap: 10 * time.Minute}
	rub, err := s.Rubric(ctx, r.RubricVersion)
	if err != nil {
		return in, err
	}
	in.Hours = rub.Hours
	if rub.Retry.MinGap > 0 {
		in.Gap = rub.Retry.MinGap
	}
	if in.Loc, err = s.Location(ctx); err != nil {
		return in, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return in, err
	}
	if in.Days, err = s.roundDays(r, cal, in.Loc); err != nil {
		return in, err
	}
	if in.Offices, err = s.planOffices(ctx, r.Number, opt); err != nil {
		return in, err
	}
	if in.Auditors, err = s.callers(ctx); err != nil {
		return in, err
	}
	if in.OfficeNames, in.AuditorNames, err = s.registryNames(ctx); err != nil {
		return in, err
	}
	scenarios, err := s.Scenarios(ctx)
	if err != nil {
		return in, err
	}
	for _, sc := range scenarios {
		in.Scenarios = append(in.Scenarios, plan.Scenario{ID: sc.ID, Category: sc.Category, Persona: sc.Persona})
	}
	return in, nil
}

// roundDays lists the round's working days: between its dates, or the next DefaultRoundDays
// working days after today.
func (s *Store) roundDays(r Round, cal scoring.Calendar, loc *time.Location) ([]time.Time, error) {
	if r.From == "" {
		now := s.Now().In(loc)
		tomorrow := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, loc)
		return scoring.WorkingDaysFrom(tomorrow, DefaultRoundDays, cal), nil
	}
	from, err := time.ParseInLocation(time.DateOnly, r.From, loc)
	if err != nil {
		return nil, err
	}
	to := from.AddDate(0, 0, 7*DefaultRoundDays/5+7)
	if r.To != "" {
		if to, err = time.ParseInLocation(time.DateOnly, r.To, loc); err != nil {
			return nil, err
		}
	}
	var days []time.Time
	for d := from; !d.After(to); d = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc) {
		if cal.WorkingDay(d) {
			days = append(days, d)
		}
		if r.To == "" && len(days) == DefaultRoundDays {
			break
		}
	}
	if len(days) == 0 {
		return nil, fault(ErrInvalid, "round %s has no working day between %s and %s", r.Name, r.From, r.To)
	}
	return days, nil
}

// planOffices lists the active offices to plan, each with its previous audit before round number.
func (s *Store) planOffices(ctx context.Context, number int, opt PlanOptions) ([]plan.Office, error) {
	offices, err := s.Offices(ctx)
	if err != nil {
		return nil, err
	}
	want := map[[2]string]bool{}
	for _, o := range opt.Offices {
		want[o] = true
	}
	found := map[[2]string]bool{}
	prev, err := s.db().PrepareContext(ctx, `SELECT coalesce(c.auditor_id, 0), coalesce(c.persona, ''), coalesce(c.scenario_id, 0)
		FROM calls c JOIN rounds r ON r.id = c.round_id
		WHERE c.office_id = ? AND r.number < ? AND c.status IN ('done', 'unreachable') AND c.auditor_id IS NOT NULL
		ORDER BY r.number DESC, c.id DESC LIMIT 1`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer prev.Close()
	var out []plan.Office
	for _, o := range offices {
		key := [2]string{o.Department, o.Name}
		if !o.Active || o.MergedInto != 0 {
			if want[key] {
				return nil, fault(ErrInvalid, "%s is not active and cannot be planned", o.Label())
			}
			continue
		}
		if len(opt.Categories) > 0 && !slices.Contains(opt.Categories, o.Category) {
			continue
		}
		if len(want) > 0 && !want[key] {
			continue
		}
		found[key] = true
		po := plan.Office{ID: o.ID, Category: o.Category}
		var persona string
		err := prev.QueryRowContext(ctx, o.ID, number).Scan(&po.PrevAuditor, &persona, &po.PrevScenario)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, mapErr(err)
		}
		po.PrevPersona = scoring.Persona(persona)
		out = append(out, po)
	}
	for _, o := range opt.Offices {
		if !found[o] {
			return nil, fault(ErrNotFound, "no active office %s · %s to plan", o[0], o[1])
		}
	}
	if len(out) == 0 {
		return nil, fault(ErrNotFound, "no active office matches (categories: %s)", strings.Join(opt.Categories, "、"))
	}
	return out, nil
}

func (s *Store) db() *sql.DB { return s.r }

// registryNames names offices and auditors in the plan checks' messages.
func (s *Store) registryNames(ctx context.Context) (offices, auditors map[int64]string, err error) {
	offices, auditors = map[int64]string{}, map[int64]string{}
	os, err := s.Offices(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, o := range os {
		offices[o.ID] = o.Label()
	}
	as, err := s.Auditors(ctx)
	for _, a := range as {
		auditors[a.ID] = a.Name
	}
	return offices, auditors, err
}

// callers are the auditors who place calls: active auditors, or the active leads when there is
// no auditor.
func (s *Store) callers(ctx context.Context) ([]int64, error) {
	all, err := s.Auditors(ctx)
	if err != nil {
		return nil, err
	}
	var auditors, leads []int64
	for _, a := range all {
		switch {
		case !a.Active:
		case a.Role == "auditor":
			auditors = append(auditors, a.ID)
		default:
			leads = append(leads, a.ID)
		}
	}
	if len(auditors) == 0 {
		auditors = leads
	}
	if len(auditors) == 0 {
		return nil, fault(ErrNotFound, "there are no auditors to place the calls: import them first (phoneaudit import auditors FILE)")
	}
	return auditors, nil
}

// CheckPlan re-checks the plan of a round against package plan's properties.
func (s *Store) CheckPlan(ctx context.Context, ref string) ([]plan.Problem, error) {
	if err := s.leadOnly(ctx, ActionReadPlan); err != nil {
		return nil, err
	}
	r, err := s.FindRound(ctx, ref)
	if err != nil {
		return nil, err
	}
	calls, err := s.Calls(ctx, CallFilter{RoundID: r.ID})
	if err != nil {
		return nil, err
	}
	var offices [][2]string
	var planned []plan.Call
	for _, c := range calls {
		if c.Imported {
			continue
		}
		offices = append(offices, [2]string{c.Department, c.Office})
		planned = append(planned, plan.Call{Office: c.OfficeID, Auditor: c.AuditorID, Persona: c.Persona, Scenario: c.ScenarioID, Slot: c.Planned})
	}
	if len(planned) == 0 {
		return nil, nil
	}
	in, err := s.planInput(ctx, r, PlanOptions{Offices: offices})
	if err != nil {
		return nil, err
	}
	return plan.Check(in, planned), nil
}

// MoveCall reassigns a call that has not been dialled to another auditor and/or another slot
// (nil/zero leaves that as it is). The move is recorded.
func (s *Store) MoveCall(ctx context.Context, callID int64, auditor string, slot time.Time) error {
	if err := s.leadOnly(ctx, ActionMoveCall); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		c, err := getCall(ctx, tx, callID)
		if err != nil {
			return err
		}
		var status string
		if err := tx.QueryRowContext(ctx, "SELECT status FROM rounds WHERE id = ?", c.RoundID).Scan(&status); err != nil {
			return err
		}
		if status != RoundPlanning && status != RoundOpen {
			return fault(ErrRoundState, "round %s is %s: its plan can no longer change", c.RoundName, status)
		}
		if c.Status != scoring.ToCall {
			return fault(ErrRoundState, "the call to %s · %s has already been dialled and cannot be moved", c.Department, c.Office)
		}
		next := map[string]any{}
		if auditor != "" {
			var id int64
			if err := tx.QueryRowContext(ctx, "SELECT id FROM auditors WHERE name = ?", auditor).Scan(&id); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return fault(ErrNotFound, "no auditor named %s", auditor)
				}
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE calls SET auditor_id = ? WHERE id = ?", id, callID); err != nil {
				return err
			}
			next["auditor_was"], next["auditor"] = c.Auditor, auditor
		}
		if !slot.IsZero() {
			if _, err := tx.ExecContext(ctx, "UPDATE calls SET planned_at = ? WHERE id = ?", fmtTime(slot), callID); err != nil {
				return err
			}
			next["slot_was"], next["slot"] = fmtTime(c.Planned), fmtTime(slot)
		}
		return s.recordChange(ctx, tx, "call", callID, "move", next)
	})
}

// FindCall finds the call of an office in a round (the first when there are several).
func (s *Store) FindCall(ctx context.Context, roundID int64, dept, office string) (Call, error) {
	o, err := s.FindOffice(ctx, dept, office)
	if err != nil {
		return Call{}, err
	}
	var id int64
	err = s.r.QueryRowContext(ctx, "SELECT id FROM calls WHERE round_id = ? AND office_id = ? ORDER BY id LIMIT 1", roundID, o.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Call{}, fault(ErrNotFound, "%s has no call in this round", o.Label())
	}
	if err != nil {
		return Call{}, mapErr(err)
	}
	return s.GetCall(ctx, id)
}

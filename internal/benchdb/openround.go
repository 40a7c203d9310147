package benchdb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// OpenRoundName is the open round every benchmark database carries after its closed ones, so
// tab 1 and the call screen have the calls of a province round to show.
const OpenRoundName = "基准测试轮"

// openRoundStart is the first planned call of the open round: the Monday after the last closed
// round's week.
var openRoundStart = time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC)

// ensureOpenRound gives the database at path its open round when it has none: one planned call
// per active office, dealt round-robin to the auditors who are not leads, as a real plan would.
// A round left in planning by an interrupted run is opened as it is.
func ensureOpenRound(ctx context.Context, path string) error {
	s, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, ok, err := s.OpenRound(ctx); err != nil || ok {
		return err
	}
	r, err := s.FindRound(ctx, OpenRoundName)
	if errors.Is(err, store.ErrNotFound) {
		r, err = planOpenRound(ctx, s)
	}
	if err != nil {
		return fmt.Errorf("adding the open round %s: %w", OpenRoundName, err)
	}
	if r.Status != store.RoundPlanning {
		return fmt.Errorf("the round %s is %s, not open: remove the cached file to start afresh", r.Name, r.Status)
	}
	if err := s.StartRound(ctx, OpenRoundName); err != nil {
		return fmt.Errorf("opening the round %s: %w", OpenRoundName, err)
	}
	return nil
}

// planOpenRound creates the round in planning with its calls.
func planOpenRound(ctx context.Context, s *store.Store) (store.Round, error) {
	auditors, err := s.Auditors(ctx)
	if err != nil {
		return store.Round{}, err
	}
	var callers []int64
	for _, a := range auditors {
		if a.Active && a.Role != "lead" {
			callers = append(callers, a.ID)
		}
	}
	if len(callers) == 0 {
		return store.Round{}, errors.New("the database has no auditors to give calls to")
	}
	offices, err := s.Offices(ctx)
	if err != nil {
		return store.Round{}, err
	}
	r, err := s.NewRound(ctx, OpenRoundName, "", "")
	if err != nil {
		return store.Round{}, err
	}
	plans := make([]store.CallPlan, 0, len(offices))
	for _, o := range offices {
		if !o.Active || o.MergedInto != 0 {
			continue
		}
		n := len(plans)
		plans = append(plans, store.CallPlan{OfficeID: o.ID, AuditorID: callers[n%len(callers)],
			Persona: scoring.Personas[n%len(scoring.Personas)], Planned: openRoundStart.Add(time.Duration(n) * time.Minute)})
	}
	if err := s.AddCalls(ctx, r.ID, plans); err != nil {
		return store.Round{}, err
	}
	return r, nil
}

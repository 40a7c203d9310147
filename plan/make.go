package plan

import (
	"cmp"
	"fmt"
	"slices"
)

// Make plans one call per office of in, in slot order. It fails, wrapping
// ErrCannotPlan, only when no plan is possible: nobody to call, no day, no
// working hours, or more calls for an auditor than the days can hold.
func Make(in Input) ([]Call, error) {
	s := prepare(in)
	if err := s.validate(); err != nil {
		return nil, err
	}
	if len(in.Offices) == 0 {
		return nil, nil
	}
	auditors := assignAuditors(s.rng(streamAuditors), in.Offices, s.auditors)
	rng := s.rng(streamPersonas)
	calls := make([]Call, len(in.Offices))
	for i, o := range in.Offices {
		p := s.choosePersona(rng, o)
		calls[i] = Call{Office: o.ID, Auditor: auditors[i], Persona: p, Scenario: s.chooseScenario(rng, o, p)}
	}
	if err := s.schedule(s.rng(streamSlots), calls); err != nil {
		return nil, err
	}
	slices.SortStableFunc(calls, func(a, b Call) int {
		return cmp.Or(a.Slot.Compare(b.Slot), cmp.Compare(a.Auditor, b.Auditor), cmp.Compare(a.Office, b.Office))
	})
	return calls, nil
}

// officeName names an office for a message, in zh and en.
func (s *setup) officeName(id int64) (zh, en string) {
	if n := s.OfficeNames[id]; n != "" {
		return n, n
	}
	return fmt.Sprintf("科室#%d", id), fmt.Sprintf("office #%d", id)
}

// auditorName names an auditor for a message, in zh and en.
func (s *setup) auditorName(id int64) (zh, en string) {
	if n := s.AuditorNames[id]; n != "" {
		return n, n
	}
	return fmt.Sprintf("测评员#%d", id), fmt.Sprintf("auditor #%d", id)
}

package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// fit: the call's persona and scenario fit the office, and differ from last
// time where something else fits.
func (c *checker) fit(i int) {
	call := c.calls[i]
	o, ok := c.offices[call.Office]
	if !ok {
		return // reported by coverage: nothing to fit it to
	}
	c.fitPersona(o, call.Persona)
	c.fitScenario(o, call.Persona, call.Scenario)
}

func (c *checker) fitPersona(o Office, p scoring.Persona) {
	zh, en := c.officeName(o.ID)
	options := c.personasFor(o.Category)
	switch {
	case !slices.Contains(scoring.Personas, p):
		c.add(o.ID, UnfitPersona,
			fmt.Sprintf("%s 的身份 %q 不是农民、市民、企业或基层单位工作人员", zh, p),
			fmt.Sprintf("%s is called as %q, which is not farmer, resident, business or grassroots staff", en, p))
		return
	case !slices.Contains(options, p):
		c.add(o.ID, UnfitPersona,
			fmt.Sprintf("%s 是%s类科室，没有适合%s身份的咨询事项", zh, o.Category, p.Label(lang.ZH)),
			fmt.Sprintf("%s is a %s office and has no scenario for a %s", en, o.Category, p.Label(lang.EN)))
	case weight(o.Category, p) <= 0 && slices.ContainsFunc(options, func(q scoring.Persona) bool { return weight(o.Category, q) > 0 }):
		c.add(o.ID, UnfitPersona,
			fmt.Sprintf("%s 是%s类科室，%s身份不适合", zh, o.Category, p.Label(lang.ZH)),
			fmt.Sprintf("%s is a %s office, which a %s does not call", en, o.Category, p.Label(lang.EN)))
	}
	if p == o.PrevPersona && slices.ContainsFunc(options, func(q scoring.Persona) bool { return q != p }) {
		c.add(o.ID, SamePersona,
			fmt.Sprintf("%s 与上次同一身份（%s）", zh, p.Label(lang.ZH)),
			fmt.Sprintf("%s is called as the same persona as last time (%s)", en, p.Label(lang.EN)))
	}
}

func (c *checker) fitScenario(o Office, p scoring.Persona, id int64) {
	zh, en := c.officeName(o.ID)
	fits := c.byFit[o.Category][p]
	if id == 0 {
		if len(fits) > 0 {
			c.add(o.ID, NoScenario,
				fmt.Sprintf("%s 没有咨询事项，而%s类科室有适合%s身份的", zh, o.Category, p.Label(lang.ZH)),
				fmt.Sprintf("%s has no scenario, though %s offices have one for a %s", en, o.Category, p.Label(lang.EN)))
		}
		return
	}
	sc, ok := c.byID[id]
	switch {
	case !ok:
		c.add(o.ID, UnfitScenario,
			fmt.Sprintf("%s 的咨询事项 #%d 不在咨询事项名单中", zh, id),
			fmt.Sprintf("%s has scenario #%d, which is not in the scenario list", en, id))
	case sc.Category != o.Category || sc.Persona != p:
		c.add(o.ID, UnfitScenario,
			fmt.Sprintf("%s 的咨询事项 #%d 是%s类、%s身份的，而这个电话是%s类、%s身份", zh, id, sc.Category, sc.Persona.Label(lang.ZH), o.Category, p.Label(lang.ZH)),
			fmt.Sprintf("%s has scenario #%d, which is for %s offices and a %s, not %s and a %s", en, id, sc.Category, sc.Persona.Label(lang.EN), o.Category, p.Label(lang.EN)))
	}
	if id == o.PrevScenario && slices.ContainsFunc(fits, func(other int64) bool { return other != id }) {
		c.add(o.ID, SameScenario,
			fmt.Sprintf("%s 与上次同一咨询事项（#%d）", zh, id),
			fmt.Sprintf("%s gets the same scenario as last time (#%d)", en, id))
	}
}

// timing: the call's slot is on a day of the round, inside working hours.
func (c *checker) timing(i int) {
	call := c.calls[i]
	zh, en := c.officeName(call.Office)
	switch {
	case call.Slot.IsZero():
		c.add(call.Office, OffDay, zh+" 的电话没有计划时间", "the call to "+en+" has no slot")
		return
	case !c.onDay(call.Slot):
		c.add(call.Office, OffDay,
			fmt.Sprintf("%s 的计划时间 %s 不在本轮的工作日内", zh, c.slotZH(call.Slot)),
			fmt.Sprintf("the call to %s at %s is not on a working day of the round", en, c.slotEN(call.Slot)))
	}
	if !c.inHours(call.Slot) {
		c.add(call.Office, OffHours,
			fmt.Sprintf("%s 的计划时间 %s 不在工作时间（%s）内", zh, c.slotZH(call.Slot), c.hoursText("、")),
			fmt.Sprintf("the call to %s at %s is outside working hours (%s)", en, c.slotEN(call.Slot), c.hoursText(", ")))
	}
}

// dayOf is the index of t's date in the round's days.
func (c *checker) dayOf(t time.Time) (int, bool) {
	if t.IsZero() {
		return 0, false
	}
	d, ok := c.dayIndex[dateKey(t.In(c.loc))]
	return d, ok
}

func (c *checker) onDay(t time.Time) bool {
	_, ok := c.dayOf(t)
	return ok
}

// inHours says whether t's clock time in the city falls inside a span of
// working hours, its end excluded.
func (c *checker) inHours(t time.Time) bool {
	t = t.In(c.loc)
	sec := t.Hour()*3600 + t.Minute()*60 + t.Second()
	return slices.ContainsFunc(c.Hours, func(sp scoring.Span) bool { return sec >= sp.From*60 && sec < sp.To*60 })
}

func (c *checker) hoursText(sep string) string {
	parts := make([]string, len(c.Hours))
	for i, sp := range c.Hours {
		parts[i] = clock(sp.From) + "–" + clock(sp.To)
	}
	return strings.Join(parts, sep)
}

func (c *checker) slotZH(t time.Time) string { return t.In(c.loc).Format("1月2日 15:04") }
func (c *checker) slotEN(t time.Time) string { return t.In(c.loc).Format("2006-01-02 15:04") }

func dayZH(d time.Time) string { return d.Format("1月2日") }
func dayEN(d time.Time) string { return d.Format(time.DateOnly) }

package ui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// Stale calls and joining in tab 1 (issue 14). Joining another auditor's
// running call asks first, naming the call, its caller and when it began. A
// call whose caller has done nothing on it for the rubric's stale_minutes
// is not offered for joining; a lead sees it marked with how long it has
// been idle, and H hands it on: a small form takes the auditor (the same
// caller unless changed; ←/→ cycle) and the reason, a question confirms,
// and the call is back to be called while its drafts stay as abandoned.

// handOnForm is the lead's form that hands a stale call on.
type handOnForm struct {
	call    store.StaleCall
	inputs  [2]textinput.Model // 0: the auditor, 1: the reason
	field   int
	err     string
	confirm bool // the form is filled: the question is on screen
}

func newHandOnForm(s shared, c store.StaleCall) handOnForm {
	l := s.lang
	f := handOnForm{call: c, inputs: [2]textinput.Model{
		newFormInput(s, l.Pick("转交给：", "Hand on to: "), 40),
		newFormInput(s, l.Pick("原因：", "Why: "), 200),
	}}
	f.inputs[0].SetValue(c.Auditor)
	f.inputs[0].CursorEnd()
	// No placeholder: textinput pads a Chinese one with NUL bytes.
	return f
}

// staleKeys are the keys of the join question and the hand-on form.
type staleKeys struct {
	HandOn        key.Binding // H: hand a stale call on (a lead)
	Confirm, Deny key.Binding
	Save, Cancel  key.Binding
	NextField     key.Binding
	Cycle         key.Binding
}

func newStaleKeys(l lang.Lang) staleKeys {
	return staleKeys{
		HandOn:    key.NewBinding(key.WithKeys("H"), key.WithHelp("H", l.Pick("转交", "hand on"))),
		Confirm:   key.NewBinding(key.WithKeys("y"), key.WithHelp("y", l.Pick("确定", "yes"))),
		Deny:      key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", l.Pick("取消", "cancel"))),
		Save:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", l.Pick("下一步", "next"))),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.Pick("取消", "cancel"))),
		NextField: key.NewBinding(key.WithKeys("tab", "shift+tab", "up", "down"), key.WithHelp("tab", l.Pick("下一项", "next field"))),
		Cycle:     key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", l.Pick("换测评员", "another auditor"))),
	}
}

// idleText is "已闲置 42 分钟" / "idle 42 min", the status of a stale call in a lead's list; past
// two hours in hours, past two days in days, so a call left for a week reads as such.
func idleText(l lang.Lang, c store.StaleCall) string {
	switch h := int(c.Idle.Hours()); {
	case h >= 48:
		return l.Pickf("已闲置 %d 天", "idle %d days", h/24)
	case h >= 2:
		return l.Pickf("已闲置 %d 小时", "idle %d h", h)
	}
	return l.Pickf("已闲置 %d 分钟", "idle %d min", int(c.Idle.Minutes()))
}

// staleStatusWidth is the widest idle mark among the stale calls.
func (p callsPage) staleStatusWidth() int {
	w := 0
	for _, c := range p.stale {
		w = max(w, lipgloss.Width(idleText(p.lang, c)))
	}
	return w
}

// asksToJoin says whether k would open another's running call to join it
// as a panel member for the first time: that asks first.
func (p callsPage) asksToJoin(k tea.KeyPressMsg) (openCallMsg, bool) {
	c, ok := p.selected()
	if !ok || !(key.Matches(k, p.keys.Open) || key.Matches(k, p.keys.Join)) {
		return openCallMsg{}, false
	}
	lc, live := p.live[c.ID]
	if !live || lc.Joined() || !(key.Matches(k, p.keys.Join) || !p.sess.lead()) {
		return openCallMsg{}, false
	}
	pos, total := p.position(c)
	return openCallMsg{call: c, pos: pos, total: total, panel: true}, true
}

// joinQuestion is "加入 市人社局 · 社保中心 的评分？由 王芳 拨打，开始于 10:37".
func (p callsPage) joinQuestion(c store.Call) string {
	began := c.TimerStarted
	if lc, ok := p.live[c.ID]; ok && began.IsZero() {
		began = lc.LastActivity
	}
	when := formatWhen(began, p.now(), p.sess.loc)
	return p.lang.Pickf("加入 %s · %s 的评分？由 %s 拨打，开始于 %s",
		"Join the scoring of %s · %s? Called by %s, begun at %s", c.Department, c.Office, c.Auditor, when)
}

// staleKey handles a key while the join question or the hand-on form is
// open; it has the keyboard.
func (p callsPage) staleKey(msg tea.KeyPressMsg) (callsPage, tea.Cmd) {
	k := p.staleKeys
	if p.joinAsk != nil {
		switch {
		case key.Matches(msg, k.Confirm):
			open := *p.joinAsk
			p.joinAsk = nil
			p.syncKeys()
			return p, func() tea.Msg { return open }
		case key.Matches(msg, k.Deny):
			p.joinAsk = nil
			p.syncKeys()
		}
		return p, nil
	}
	f := p.handOn
	if f.confirm {
		switch {
		case key.Matches(msg, k.Confirm):
			p.out = append(slices.Clip(p.out), handOnWrite(f.call.Call, strings.TrimSpace(f.inputs[0].Value()), strings.TrimSpace(f.inputs[1].Value())))
			p.handOn, p.note, p.noteErr = nil, p.lang.Pick("正在转交…", "Handing on…"), false
			return p.laidOut(), nil
		case key.Matches(msg, k.Deny):
			f.confirm = false
		}
		return p, nil
	}
	switch {
	case key.Matches(msg, k.Cancel):
		p.handOn = nil
		return p.laidOut(), nil
	case key.Matches(msg, k.Save):
		f.err = p.handOnProblem(*f)
		f.confirm = f.err == ""
		return p, nil
	case key.Matches(msg, k.NextField):
		f.inputs[f.field].Blur()
		f.field = 1 - f.field
		return p, f.inputs[f.field].Focus()
	case f.field == 0 && key.Matches(msg, k.Cycle):
		f.inputs[0].SetValue(cycleName(p.auditors, f.inputs[0].Value(), msg.String() == "left"))
		f.inputs[0].CursorEnd()
		return p, nil
	}
	var cmd tea.Cmd
	f.inputs[f.field], cmd = f.inputs[f.field].Update(msg)
	return p, cmd
}

// handOnProblem says what is wrong with the form, in words; "" when nothing.
func (p callsPage) handOnProblem(f handOnForm) string {
	l := p.lang
	name := strings.TrimSpace(f.inputs[0].Value())
	if !slices.Contains(p.auditors, name) {
		return l.Pickf("没有名为“%s”的测评员（←/→ 选择）", "no auditor named %q (←/→ to choose)", name)
	}
	if strings.TrimSpace(f.inputs[1].Value()) == "" {
		return l.Pick("请写原因（会和转交一起记录）", "write why (it is recorded with the hand-on)")
	}
	return ""
}

// openHandOn opens the form on the selected call when it is stale.
func (p callsPage) openHandOn() (callsPage, tea.Cmd) {
	c, ok := p.selected()
	sc, stale := p.stale[c.ID]
	if !ok || !stale || !p.sess.lead() {
		return p, nil
	}
	f := newHandOnForm(p.shared, sc)
	cmd := f.inputs[0].Focus()
	p.handOn, p.note = &f, ""
	return p.laidOut(), cmd
}

// laidOut gives the table the rows left under the form.
func (p callsPage) laidOut() callsPage {
	p.syncKeys()
	return p.scrolled()
}

// formLines is the hand-on form (or its question) as it stands above the
// table.
func (p callsPage) formLines(width int) []string {
	f := p.handOn
	if f == nil {
		return nil
	}
	l, st, c := p.lang, p.styles, f.call
	title := l.Pickf("转交 %s · %s（%s 拨打，%s）", "Hand on %s · %s (called by %s, %s)",
		c.Department, c.Office, c.Auditor, idleText(l, c))
	if f.confirm {
		who := strings.TrimSpace(f.inputs[0].Value())
		q := l.Pickf("确定转交给 %s 重新拨打？已有的评分草稿作废并留档，原因：%s（y 确定 · n 返回）",
			"Hand it on to %s to call afresh? The drafts are kept as abandoned, why: %s (y yes · n back)",
			who, strings.TrimSpace(f.inputs[1].Value()))
		lines := []string{cell(st.Count.Render(title), width)}
		for _, line := range strings.Split(wrap(q, width), "\n") {
			lines = append(lines, st.Note.Render(cell(line, width)))
		}
		return lines
	}
	hint := l.Pick("←/→ 换测评员 · tab 下一项 · enter 确定 · esc 取消", "←/→ another auditor · tab next field · enter next · esc cancels")
	if f.err != "" {
		hint = st.StatusError.Render(f.err)
	}
	lines := []string{cell(st.Count.Render(title), width)}
	for i := range f.inputs {
		in := f.inputs[i]
		in.SetWidth(max(width-lipgloss.Width(in.Prompt)-2, 4))
		lines = append(lines, cell(in.View(), width))
	}
	return append(lines, cell(hint, width))
}

// handedOnMsg answers handOnWrite.
type handedOnMsg struct {
	call    store.Call
	auditor string
	err     error
}

// handOnWrite hands a stale call on and reads tab 1 again.
func handOnWrite(c store.Call, auditor, reason string) op {
	return newOp(op{dropOnError: true, saysErrors: true},
		func(ctx context.Context, st *store.Store, _ int64) (handedOnMsg, error) {
			err := st.HandOnCall(ctx, c.ID, auditor, reason)
			return handedOnMsg{call: c, auditor: auditor, err: err}, err
		},
		func(m Model, msg handedOnMsg, _ error) (Model, tea.Cmd) {
			m.setCalls(m.callsPage().handedOn(msg))
			return m, m.reloadCalls(0)
		})
}

func (p callsPage) handedOn(msg handedOnMsg) callsPage {
	l := p.lang
	if msg.err != nil {
		p.note, p.noteErr = l.Pickf("未能转交：%s", "not handed on: %s", errText(l, msg.err)), true
		return p
	}
	p.note, p.noteErr = l.Pickf("已转交：%s · %s 由 %s 重新拨打", "handed on: %s · %s is %s's to call afresh",
		msg.call.Department, msg.call.Office, msg.auditor), false
	return p
}

// staleErrText words the store's refusals about stale calls; ok is false
// for any other error.
func staleErrText(l lang.Lang, err error) (string, bool) {
	var se *store.StaleCallError
	if errors.As(err, &se) {
		return l.Pickf("%s · %s 的电话已闲置 %d 分钟（超过 %d 分钟），不能加入评分：请组长转交",
			"the call to %s · %s has been idle %d min (over %d): it cannot be joined; a lead may hand it on",
			se.Call.Department, se.Call.Office, int(se.Idle.Minutes()), int(se.Limit.Minutes())), true
	}
	var hs *store.HandOnSubmittedError
	if errors.As(err, &hs) {
		return l.Pickf("%s · %s 的电话已有 %d 份提交的评分表（评审组成员）：不能转交",
			"the call to %s · %s has "+lang.English(hs.Sheets, "%d submitted score sheet", "%d submitted score sheets")+" of its panel: it cannot be handed on",
			hs.Call.Department, hs.Call.Office, hs.Sheets), true
	}
	var ns *store.NotStaleError
	if errors.As(err, &ns) {
		if !ns.Running {
			return l.Pickf("%s · %s 的电话%s，不在进行中：只有闲置的进行中电话才能转交",
				"the call to %s · %s is %s, not running: only a stale running call is handed on",
				ns.Call.Department, ns.Call.Office, ns.Call.Status.Label(l)), true
		}
		return l.Pickf("%s · %s 的电话 %d 分钟前还有操作（闲置超过 %d 分钟才能转交）",
			"the call to %s · %s had activity %d min ago (it is handed on once idle over %d min)",
			ns.Call.Department, ns.Call.Office, int(ns.Idle.Minutes()), int(ns.Limit.Minutes())), true
	}
	return "", false
}

// staleOf indexes the stale calls by call.
func staleOf(calls []store.StaleCall) map[int64]store.StaleCall {
	out := make(map[int64]store.StaleCall, len(calls))
	for _, c := range calls {
		out[c.ID] = c
	}
	return out
}

// isStaleRunning says whether c is a stale call shown to a lead.
func (p callsPage) isStaleRunning(c store.Call) bool {
	_, ok := p.stale[c.ID]
	return ok && c.Status == scoring.InProgress
}

package publish

import (
	"context"
	"errors"
	"fmt"
	"time"

	"phoneaudit/bulletin"
	"phoneaudit/internal/fault"
	"phoneaudit/internal/version"
	"phoneaudit/lang"
	"phoneaudit/store"
)

// Correction is the 更正说明 that publishing the round's pending correction would print now, in
// language l and format ("text", "md"), with the state it comes from. A round whose data agrees
// with what was published has none (store.ErrNothingToCorrect).
func Correction(ctx context.Context, s *store.Store, r store.Round, l lang.Lang, format string) ([]byte, store.CorrectionState, error) {
	p, err := prepareCorrection(ctx, s, r)
	if err != nil {
		return nil, p.state, err
	}
	body, err := bulletin.Correction(p.data, lang.Of(string(l)), format)
	return body, p.state, err
}

// correctionNow is a pending correction as it would be published now: the state it comes from,
// what its 更正说明 prints (at the ledger head read before the state), and the deadline of the
// notices it would issue.
type correctionNow struct {
	state    store.CorrectionState
	data     bulletin.CorrectionData
	head     string
	deadline time.Time
}

func prepareCorrection(ctx context.Context, s *store.Store, r store.Round) (correctionNow, error) {
	var p correctionNow
	var err error
	if p.head, err = s.LedgerHead(ctx); err != nil {
		return p, err
	}
	if p.state, err = s.RoundCorrections(ctx, r.ID); err != nil {
		return p, err
	}
	if !p.state.Pending() {
		return p, fault.New(store.ErrNothingToCorrect, "round %s", r.Name)
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return p, err
	}
	now := s.Now().In(loc)
	if p.deadline, err = s.NoticeDeadline(ctx, now, store.DefaultNoticeDays); err != nil {
		return p, err
	}
	p.data = correctionData(p.state, loc, now, p.deadline, p.head)
	return p, nil
}

// correctionData is what the 更正说明 of a state prints.
func correctionData(st store.CorrectionState, loc *time.Location, now, deadline time.Time, head string) bulletin.CorrectionData {
	d := bulletin.CorrectionData{Round: st.Round.Number, RoundName: st.Round.Name, Seq: len(st.Corrections) + 1,
		Date: now, Diff: st.Diff, Deadline: deadline, LedgerHead: head, Build: version.Line(),
		Reasons: map[int64][]bulletin.CorrectionReason{}}
	d.PublishedAt = st.BulletinAt.In(loc)
	for office, rs := range st.Reasons {
		for _, r := range rs {
			d.Reasons[office] = append(d.Reasons[office], bulletin.CorrectionReason{RoundName: r.RoundName, At: r.At.In(loc), By: r.By, Reason: r.Reason})
		}
	}
	ref := func(ns []store.Notice) []bulletin.NoticeRef {
		var out []bulletin.NoticeRef
		for _, n := range ns {
			out = append(out, bulletin.NoticeRef{Number: n.Number, Department: n.Department, Office: n.Office})
		}
		return out
	}
	d.Issued, d.Withdrawn, d.Kept = ref(st.Issue), ref(st.Withdraw), ref(st.Keep)
	return d
}

// Correct publishes the pending correction of a published round: every rendering of its 更正说明
// (zh/en × text/Markdown) printing the ledger head it is published at, the round's snapshot now,
// and the notices following it. l is the language of the reason written on a withdrawn notice.
func Correct(ctx context.Context, s *store.Store, r store.Round, l lang.Lang) (store.CorrectionReport, error) {
	for try := 1; ; try++ {
		rep, err := correctOnce(ctx, s, r, l)
		if err == nil {
			err = witness(s, r.Number, rep.Correction.LedgerHead, WitnessCorrection)
		}
		if !errors.Is(err, store.ErrLedgerMoved) || try == publishTries {
			return rep, err
		}
	}
}

func correctOnce(ctx context.Context, s *store.Store, r store.Round, l lang.Lang) (store.CorrectionReport, error) {
	p, err := prepareCorrection(ctx, s, r)
	if err != nil {
		return store.CorrectionReport{}, err
	}
	var texts []store.Rendering
	for _, tl := range Langs {
		for _, f := range Formats {
			body, err := bulletin.Correction(p.data, tl, f)
			if err != nil {
				return store.CorrectionReport{}, err
			}
			texts = append(texts, store.Rendering{Lang: string(tl), Format: f, Body: body})
		}
	}
	reason := lang.Of(string(l)).Pick(fmt.Sprintf("%s第%d次更正：经复核不再存在问题", r.Name, p.data.Seq),
		fmt.Sprintf("correction %d of %s: after review no longer a problem", p.data.Seq, r.Name))
	return s.PublishCorrection(ctx, r.ID, store.CorrectionPublish{Head: p.head, Texts: texts, Deadline: p.deadline, WithdrawReason: reason})
}

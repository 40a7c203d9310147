package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/publish"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

// What tab 5 asks of the database and of the disk.

// bulletinRoundsMsg answers bulletinRoundsRead.
type bulletinRoundsMsg struct {
	rounds []store.Round
	err    error
}

// bulletinRoundsRead reads the rounds that have a bulletin to show: every
// round past planning for a lead, only the published ones for an auditor.
func bulletinRoundsRead(publishedOnly bool) op {
	return pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		all, err := st.Rounds(ctx)
		if err != nil {
			return bulletinRoundsMsg{err: err}
		}
		rounds := slices.DeleteFunc(all, func(r store.Round) bool {
			return r.Status == store.RoundPlanning || (publishedOnly && r.Status != store.RoundPublished)
		})
		return bulletinRoundsMsg{rounds: rounds}
	})
}

// bulletinRenderedMsg answers the rendering asked for as gen.
type bulletinRenderedMsg struct {
	gen   int
	round store.Round // as it is now: its status decides the mark
	doc   bulletinDoc
}

// render asks for the selected round's bulletin in the chosen format and the
// screen's language. The round is read again first, so a round published
// meanwhile shows its stored text.
func (p bulletinPage) render() bulletinPage {
	r, ok := p.selected()
	if !ok {
		return p
	}
	p.gen++
	p.rendering = true
	gen, format, l, lead := p.gen, p.format, p.lang, p.sess.lead()
	p.out = append(slices.Clip(p.out), pageRead(func(ctx context.Context, st *store.Store) tea.Msg {
		doc := bulletinDoc{roundID: r.ID, format: format}
		now, err := st.FindRound(ctx, ref(r))
		if err != nil {
			doc.err = err.Error()
			return bulletinRenderedMsg{gen: gen, round: r, doc: doc}
		}
		doc.text, doc.published, err = publish.Bulletin(ctx, st, now, publish.Options{Lang: l, Format: format})
		if err != nil {
			doc.err = err.Error()
		}
		if err == nil && doc.published && lead {
			c, err := st.RoundCorrections(ctx, now.ID)
			switch {
			case err != nil:
				doc.err = err.Error()
			case c.Pending():
				doc.pending = &c
			}
		}
		return bulletinRenderedMsg{gen: gen, round: now, doc: doc}
	}))
	return p
}

// rendered shows the text; a rendering asked for before another is dropped.
// The same round again (new data) keeps its place in the text.
func (p bulletinPage) rendered(msg bulletinRenderedMsg) bulletinPage {
	if msg.gen != p.gen {
		return p
	}
	p.rendering = false
	if i := slices.IndexFunc(p.rounds, func(r store.Round) bool { return r.ID == msg.round.ID }); i >= 0 {
		p.rounds = slices.Clone(p.rounds)
		p.rounds[i] = msg.round
	}
	same := p.hasDoc && p.doc.roundID == msg.doc.roundID && p.doc.format == msg.doc.format
	p.doc, p.hasDoc = msg.doc, true
	if msg.doc.err != "" {
		p.doc.err = tr(p.lang, msgBulletinFailed, oneLine(msg.doc.err))
	}
	p = p.fitText()
	if !same {
		p.view.GotoTop()
	}
	return p
}

// publish sends the publication the lead confirmed.
func (p bulletinPage) publish() bulletinPage {
	p.confirming = false
	r, ok := p.selected()
	if !ok {
		return p
	}
	p.busy = true
	p.note, p.noteErr = tr(p.lang, msgWorking), false
	p.out = append(slices.Clip(p.out), publishWrite(r))
	return p
}

// bulletinPublishedMsg answers publishWrite.
type bulletinPublishedMsg struct {
	round       store.Round
	report      store.PublishReport
	needsReview int // calls that need review: why it was refused
	err         error
}

// publishWrite publishes round r as `round publish` does. A refusal because
// calls need review is counted, so the lead reads how many.
func publishWrite(r store.Round) op {
	return pageWrite(func(ctx context.Context, st *store.Store) (tea.Msg, error) {
		msg := bulletinPublishedMsg{round: r}
		now, err := st.FindRound(ctx, ref(r))
		if err != nil {
			msg.err = err
			return msg, err
		}
		msg.report, err = publish.Round(ctx, st, now)
		if errors.Is(err, store.ErrRoundState) {
			if sum, serr := publish.Summary(ctx, st, r.ID); serr == nil {
				msg.needsReview = sum.NeedsReview
			}
		}
		msg.err = err
		return msg, err
	})
}

// published says what the publication did. The text shown next is the
// stored one: the write's data-changed message renders it again.
func (p bulletinPage) published(msg bulletinPublishedMsg) bulletinPage {
	l := p.lang
	p.busy = false
	label := roundLabel(l, msg.round)
	switch {
	case msg.err != nil && msg.needsReview > 0:
		p.note, p.noteErr = trn(l, msgNeedsReview, msg.needsReview, label, msg.needsReview), true
	case msg.err != nil:
		p.note, p.noteErr = tr(l, msgActionFailed, opErrText(l, msg.err)), true
	case msg.report.Already:
		p.note, p.noteErr = tr(l, msgAlreadyPublished, label), false
	default:
		p.note, p.noteErr = trn(l, msgPublished, msg.report.Notices, label, msg.report.Notices, msg.report.Deadline.Format("2006-01-02")), false
	}
	return p
}

// correct sends the correction the lead confirmed.
func (p bulletinPage) correct() bulletinPage {
	p.confirming, p.correcting = false, false
	r, ok := p.selected()
	if !ok {
		return p
	}
	p.busy = true
	p.note, p.noteErr = tr(p.lang, msgWorking), false
	l := p.lang
	p.out = append(slices.Clip(p.out), pageWrite(func(ctx context.Context, st *store.Store) (tea.Msg, error) {
		msg := bulletinCorrectedMsg{round: r}
		msg.report, msg.err = publish.Correct(ctx, st, r, l)
		return msg, msg.err
	}))
	return p
}

// bulletinCorrectedMsg answers correct.
type bulletinCorrectedMsg struct {
	round  store.Round
	report store.CorrectionReport
	err    error
}

// corrected says what the correction did; the text shown next has it at its end (the write's
// data-changed message renders it again).
func (p bulletinPage) corrected(msg bulletinCorrectedMsg) bulletinPage {
	l := p.lang
	p.busy = false
	if msg.err != nil {
		p.note, p.noteErr = tr(l, msgActionFailed, opErrText(l, msg.err)), true
		return p
	}
	rep := msg.report
	p.note, p.noteErr = tr(l, msgCorrected, roundLabel(l, msg.round), rep.Correction.Seq, len(rep.Withdrawn), len(rep.Issued)), false
	if len(rep.Kept) > 0 {
		p.note += tr(l, msgCorrectionKept, len(rep.Kept))
	}
	return p
}

// bulletinFileMsg answers writeFile.
type bulletinFileMsg struct {
	path string
	err  error
}

// writeFile writes the text on screen (not wrapped) to 通报-<round>.txt or
// .md in the current folder, through a temporary file renamed into place.
func (p bulletinPage) writeFile() (bulletinPage, tea.Cmd) {
	r, _ := p.selected()
	name := bulletinFileName(r.Name, p.doc.format)
	text := p.doc.text
	p.busy = true
	return p, func() tea.Msg {
		dir, err := os.Getwd()
		if err != nil {
			return bulletinFileMsg{path: name, err: fmt.Errorf("cannot find the current folder: %w", err)}
		}
		path := filepath.Join(dir, name)
		return bulletinFileMsg{path: path, err: tabular.WriteBytes(path, text)}
	}
}

func (p bulletinPage) fileWritten(msg bulletinFileMsg) bulletinPage {
	p.busy = false
	if msg.err != nil {
		p.note, p.noteErr = tr(p.lang, msgFileFailed, oneLine(msg.err.Error())), true
		return p
	}
	p.note, p.noteErr = tr(p.lang, msgFileWritten, msg.path), false
	return p
}

// bulletinFileName is 通报-2026年第5轮.txt, with what a file name cannot
// hold on Windows or Linux replaced.
func bulletinFileName(round, format string) string {
	ext := ".txt"
	if format == "md" {
		ext = ".md"
	}
	safe := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, round)
	return "通报-" + safe + ext
}

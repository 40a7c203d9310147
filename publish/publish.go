// Package publish joins the store and the bulletin: it loads a round, has package scoring
// summarise it, renders the bulletin and the notices with package bulletin, and publishes. The
// command line, the screens and the demo all publish through it, so a bulletin is made one way.
package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"phoneaudit/bulletin"
	"phoneaudit/internal/fault"
	"phoneaudit/internal/version"
	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

// ErrCorrectionPending says a published round's data no longer agrees with what was published
// and the correction is not published yet.
var ErrCorrectionPending = errors.New("a correction is not yet published")

// Langs and Formats are every rendering a publication stores.
var (
	Langs   = []lang.Lang{lang.ZH, lang.EN}
	Formats = []string{"text", "md"}
)

// Summary summarises a round from the database.
func Summary(ctx context.Context, s *store.Store, roundID int64) (scoring.Summary, error) {
	cur, prev, rub, err := s.RoundSummaryInput(ctx, roundID)
	if err != nil {
		return scoring.Summary{}, err
	}
	return scoring.Summarize(cur, prev, rub), nil
}

// Options choose a rendering of a bulletin.
type Options struct {
	Lang         lang.Lang
	Format       string
	Template     []byte // nil: the built-in template
	TemplateName string
	Fresh        bool // render from the data even when the round is published
}

// Bulletin is a round's bulletin: the stored rendering once the round is published (unless
// Fresh or a template is given), else rendered now with the deadline notices would get today.
// published says which it is.
func Bulletin(ctx context.Context, s *store.Store, r store.Round, o Options) (text []byte, published bool, err error) {
	l := lang.Of(string(o.Lang)) // anything but English is Chinese
	if r.Status == store.RoundPublished && !o.Fresh && o.Template == nil {
		body, _, _, err := s.PublishedText(ctx, r.ID, string(l), format(o.Format))
		if err != nil {
			return nil, false, err
		}
		corrections, err := s.CorrectionTexts(ctx, r.ID, string(l), format(o.Format))
		if err != nil {
			return nil, false, err
		}
		for _, c := range corrections {
			body = append(append(body, correctionRule(o.Format)...), c.Body...)
		}
		return body, true, nil
	}
	sum, err := Summary(ctx, s, r.ID)
	if err != nil {
		return nil, false, err
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return nil, false, err
	}
	now := s.Now().In(loc)
	deadline, err := s.NoticeDeadline(ctx, now, store.DefaultNoticeDays)
	if err != nil {
		return nil, false, err
	}
	head, err := s.LedgerHead(ctx)
	if err != nil {
		return nil, false, err
	}
	text, err = bulletin.Render(sum, bulletin.Options{Lang: l, Format: format(o.Format),
		Template: o.Template, TemplateName: o.TemplateName, Published: now, Deadline: deadline, LedgerHead: head,
		Build: version.Line()})
	return text, false, err
}

// correctionRule separates a published bulletin from each correction printed after it.
func correctionRule(f string) string {
	if format(f) == "md" {
		return "\n---\n\n"
	}
	return "\n" + strings.Repeat("—", 20) + "\n\n"
}

func format(f string) string {
	if f == "md" {
		return "md"
	}
	return "text"
}

// publishTries is how often Round renders the bulletin again when other writes move the ledger
// head between rendering and publishing.
const publishTries = 5

// Round publishes a closed round: every rendering of its bulletin is stored with its SHA-256,
// the notices are issued with a deadline DefaultNoticeDays working days away, and the round is
// final. Each rendering prints the ledger head it is published at (数据校验码), which is then
// appended to the witness file beside the database (a *WitnessError when that fails: the round
// is published all the same). A published round is left as it is (Already in the report).
func Round(ctx context.Context, s *store.Store, r store.Round) (store.PublishReport, error) {
	if r.Status == store.RoundPublished {
		return store.PublishReport{Round: r, Already: true}, nil
	}
	for try := 1; ; try++ {
		rep, err := publishOnce(ctx, s, r)
		if err == nil && !rep.Already {
			// The witness file keeps a copy of the printed code, once the store has it.
			err = witness(s, r.Number, rep.LedgerHead, WitnessPublication)
		}
		if !errors.Is(err, store.ErrLedgerMoved) || try == publishTries {
			return rep, err
		}
	}
}

// publishOnce renders every bulletin at the current ledger head and publishes them, unless the
// head moves meanwhile (store.ErrLedgerMoved).
func publishOnce(ctx context.Context, s *store.Store, r store.Round) (store.PublishReport, error) {
	head, err := s.LedgerHead(ctx)
	if err != nil {
		return store.PublishReport{}, err
	}
	sum, err := Summary(ctx, s, r.ID)
	if err != nil {
		return store.PublishReport{}, err
	}
	if sum.NeedsReview > 0 {
		return store.PublishReport{}, fault.New(store.ErrRoundState, "round %s has %d calls that need review; a lead must settle them before publication",
			r.Name, sum.NeedsReview)
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return store.PublishReport{}, err
	}
	now := s.Now().In(loc)
	deadline, err := s.NoticeDeadline(ctx, now, store.DefaultNoticeDays)
	if err != nil {
		return store.PublishReport{}, err
	}
	var texts []store.Rendering
	for _, l := range Langs {
		for _, f := range Formats {
			body, err := bulletin.Render(sum, bulletin.Options{Lang: l, Format: f, Published: now, Deadline: deadline,
				LedgerHead: head, Build: version.Line()})
			if err != nil {
				return store.PublishReport{}, err
			}
			texts = append(texts, store.Rendering{Lang: string(l), Format: f, Body: body})
		}
	}
	return s.PublishRoundAt(ctx, r.ID, head, texts, deadline)
}

// WriteNotices writes one rectification notice per office with a problem in a published round
// into dir, each to a temporary file renamed into place. It returns the files written.
func WriteNotices(ctx context.Context, s *store.Store, r store.Round, dir string, l lang.Lang) ([]string, error) {
	if r.Status != store.RoundPublished {
		return nil, fault.New(store.ErrRoundState, "round %s is not published yet; notices are issued when it is (round publish)", r.Name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fault.New(err, "cannot create the folder %s", dir)
	}
	sum, err := Summary(ctx, s, r.ID)
	if err != nil {
		return nil, err
	}
	if st, err := s.RoundCorrections(ctx, r.ID); err != nil {
		return nil, err
	} else if st.Pending() {
		return nil, fault.New(ErrCorrectionPending, "round %s has a correction not yet published, and its notices follow the correction: publish it first (round correct %d)",
			r.Name, r.Number)
	}
	issued, err := s.Notices(ctx, store.NoticeFilter{RoundID: r.ID})
	if err != nil {
		return nil, err
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return nil, err
	}
	byOffice := map[int64]store.Notice{}
	for _, n := range issued {
		if n.Status != store.NoticeWithdrawn {
			byOffice[n.OfficeID] = n
		}
	}
	var files []string
	for _, nd := range bulletin.NoticesFor(sum) {
		n, ok := byOffice[nd.Office.OfficeID]
		if !ok {
			return files, fault.New(store.ErrNotFound, "%s · %s has a problem in round %s but no notice", nd.Office.Department, nd.Office.Office, r.Name)
		}
		nd.Number, nd.Issued = n.Number, n.IssuedAt.In(loc)
		if nd.Deadline, err = time.ParseInLocation(time.DateOnly, n.Deadline, loc); err != nil {
			return files, err
		}
		body, err := bulletin.Notice(nd, l)
		if err != nil {
			return files, err
		}
		path := filepath.Join(dir, fileName(n.Number+"-"+nd.Office.Department+"-"+nd.Office.Office)+".txt")
		if err := tabular.WriteBytes(path, body); err != nil {
			return files, err
		}
		files = append(files, path)
	}
	return files, nil
}

// fileName keeps a name usable as a file name on Windows and Linux.
func fileName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, s)
}

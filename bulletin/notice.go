package bulletin

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// NoticeData is one rectification notice (整改通知书): to one office that had
// a problem in one round, with the evidence of each problem call.
type NoticeData struct {
	// Number is the notice's number as the issuing office files it (the
	// store's choice, e.g. "2026-3-007"); "" leaves the line out.
	Number    string
	Round     int
	RoundName string
	Issuer    string    // who issues it and receives the report; "" = DefaultIssuer
	Issued    time.Time // the date of issue (publication); zero leaves the date out
	Deadline  time.Time // the date the written report is due; required
	// Office is the office, its department, its problem calls (date, time,
	// recording and offset, who answered, reasons, note) and its streak.
	Office scoring.ProblemOffice
}

// NoticesFor makes one notice per office with a problem in the round, in the
// order of the bulletin's list. The caller sets Number, Issuer, Issued and
// Deadline.
func NoticesFor(s scoring.Summary) []NoticeData {
	out := make([]NoticeData, 0, len(s.OfficesWithProblems))
	for _, o := range s.OfficesWithProblems {
		out = append(out, NoticeData{Round: s.Round, RoundName: s.Name, Office: o})
	}
	return out
}

// Notice writes a rectification notice as text in language l (lang.ZH when empty).
func Notice(n NoticeData, l lang.Lang) ([]byte, error) {
	l = cmp.Or(l, lang.ZH)
	if l != lang.ZH && l != lang.EN {
		return nil, fmt.Errorf("notice language %q: use zh or en", l)
	}
	if err := n.check(); err != nil {
		return nil, err
	}
	n.Issuer = cmp.Or(strings.TrimSpace(n.Issuer), DefaultIssuer(l))
	name := "notice." + string(l) + ".txt.tmpl"
	src, err := builtin.ReadFile("templates/" + name)
	if err != nil {
		return nil, fmt.Errorf("built-in template %s: %w", name, err)
	}
	return execute(name, src, l, n)
}

// check refuses a notice that could not be acted on.
func (n NoticeData) check() error {
	where := "rectification notice for " + n.Office.Department + " " + n.Office.Office
	switch {
	case strings.TrimSpace(n.Office.Office) == "":
		return errors.New("rectification notice: the office is not named")
	case n.Deadline.IsZero():
		return errors.New(where + ": no deadline")
	case len(n.Office.Calls) == 0:
		return errors.New(where + ": the office had no problem in " + n.RoundName)
	}
	return nil
}

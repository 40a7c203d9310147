package bulletin

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// noticeFor finds the notice of one office among a round's notices.
func noticeFor(t *testing.T, s scoring.Summary, office string) NoticeData {
	t.Helper()
	for _, n := range NoticesFor(s) {
		if n.Office.Office == office {
			n.Number, n.Issued, n.Deadline = "2026-3-001", day("2026-12-01"), day("2026-12-15")
			return n
		}
	}
	t.Fatalf("no notice for %s", office)
	return NoticeData{}
}

func TestNoticesFor(t *testing.T) {
	r2 := round2()
	s := scoring.Summarize(round3(), &r2, scoring.DefaultRubric())
	ns := NoticesFor(s)
	if len(ns) != s.ProblemOffices || len(ns) != 7 {
		t.Fatalf("%d notices for %d offices with a problem, want 7", len(ns), s.ProblemOffices)
	}
	for _, n := range ns {
		if n.Round != 3 || n.RoundName != "2026年第3轮" || len(n.Office.Calls) == 0 {
			t.Errorf("notice %+v", n)
		}
	}
}

func TestNoticeGolden(t *testing.T) {
	r2 := round2()
	s3 := scoring.Summarize(round3(), &r2, scoring.DefaultRubric())
	si := scoring.Summarize(importedRound(), nil, scoring.DefaultRubric())
	tests := []struct {
		name string
		n    NoticeData
		says []string
	}{
		// red, recording with an offset
		{"red", noticeFor(t, s3, "社会保险中心"), []string{"连续3次", "自5分10秒处起", "2026年12月15日前"}},
		// yellow, two problem calls, one recording with an offset and who answered
		{"yellow", noticeFor(t, s3, "物业科"), []string{"1．2026年11月24日09:30", "2．2026年11月26日15:00", "警示提醒"}},
		{"comma", noticeFor(t, s3, "登记科,发证窗口"), []string{"自41分00秒处起", "接听人：工号0231。", "不归我们管"}},
		// imported: no time, no recording
		{"imported", noticeFor(t, si, "登记科,发证窗口"), []string{"1．事难办、话难听：态度生硬、推诿。"}},
	}
	for _, tt := range tests {
		for _, l := range []lang.Lang{lang.ZH, lang.EN} {
			name := "notice." + tt.name + "." + string(l) + ".golden"
			t.Run(name, func(t *testing.T) {
				out, err := Notice(tt.n, l)
				if err != nil {
					t.Fatal(err)
				}
				checkPrinted(t, name, out)
				if l == lang.ZH {
					for _, s := range tt.says {
						if !bytes.Contains(out, []byte(s)) {
							t.Errorf("does not say %q", s)
						}
					}
				}
				for _, never := range []string{"张伟", "Auditor:"} { // the caller stays undercover
					if bytes.Contains(out, []byte(never)) {
						t.Errorf("names the auditor: %q", never)
					}
				}
				golden(t, name, out)
			})
		}
	}
}

func TestNoticeRefuses(t *testing.T) {
	r2 := round2()
	good := noticeFor(t, scoring.Summarize(round3(), &r2, scoring.DefaultRubric()), "物业科")
	noDeadline, noProblem, noOffice := good, good, good
	noDeadline.Deadline = time.Time{}
	noProblem.Office.Calls = nil
	noOffice.Office.Office = " "
	tests := []struct {
		name string
		n    NoticeData
		lang lang.Lang
		want string
	}{
		{"no deadline", noDeadline, "zh", "rectification notice for 市住房和城乡建设局 物业科: no deadline"},
		{"no problem", noProblem, "zh", "rectification notice for 市住房和城乡建设局 物业科: the office had no problem in 2026年第3轮"},
		{"no office", noOffice, "zh", "the office is not named"},
		{"language", good, "fr", `notice language "fr"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Notice(tt.n, tt.lang)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

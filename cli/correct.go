package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"phoneaudit/publish"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

func (a *app) roundCorrectCommand() *cobra.Command {
	var preview bool
	cmd := &cobra.Command{
		Use:   "correct R [--preview]",
		Short: "发布已发布轮次的更正说明 · publish a correction of a published round",
		Long: `A published bulletin never changes. When a published round's data no longer agrees with what
was published (an amendment of the round, or of an earlier one that moves its streaks), round
correct publishes a 更正说明 made from the differences: which office, what was published, what it
is now, and why. It is stored with its SHA-256 like the bulletin and chained in the ledger, and the
notices follow it: an office that no longer has a problem has its notice withdrawn, one that now
has a problem gets a notice. --preview prints the 更正说明 without publishing it.`,
		Example: `  phoneaudit round correct 5 --preview
  phoneaudit round correct 5`,
		Args: a.args("R"),
		RunE: func(cmd *cobra.Command, args []string) error {
			access := writeAccess
			if preview {
				access = readAccess
			}
			return a.withStore(cmd, access, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, args[0])
				if err != nil {
					return err
				}
				if r.Status != store.RoundPublished {
					return a.errf("%s还没有发布：更正只针对已发布的通报，未发布的轮次直接修改即可",
						"%s is not published: a correction is for a published bulletin; a round not yet published is simply amended", a.roundLabel(r))
				}
				if preview {
					text, _, err := publish.Correction(ctx, s, r, a.lang, "text")
					if errors.Is(err, store.ErrNothingToCorrect) {
						return a.nothingToCorrect(r)
					}
					if err != nil {
						return err
					}
					_, err = a.stdout.Write(text)
					return err
				}
				rep, err := publish.Correct(ctx, s, r, a.lang)
				if errors.Is(err, store.ErrNothingToCorrect) {
					return a.nothingToCorrect(r)
				}
				if we := (*publish.WitnessError)(nil); errors.As(err, &we) {
					return a.errf("%s的更正已发布，但无法写入见证文件 %s：%v（用 phoneaudit verify 核对）",
						"the correction of %s was published, but the witness file %s could not be written: %v (check with phoneaudit verify)", a.roundLabel(r), we.Path, we.Err)
				}
				if err != nil {
					return err
				}
				a.say("已发布%s的第 %d 次更正：收回整改通知 %d 份，新下发 %d 份；更正说明校验码（SHA-256，中文文本）%s",
					"published correction %[2]d of %[1]s: notices withdrawn %[3]d, issued %[4]d; checksum (SHA-256, zh text) %[5]s",
					a.roundLabel(r), rep.Correction.Seq, len(rep.Withdrawn), len(rep.Issued), rep.Checksums["zh/text"])
				for _, n := range rep.Kept {
					a.say("  %s（%s · %s）已核实整改，保留不收回", "  %s (%s · %s) was verified: kept", n.Number, n.Department, n.Office)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&preview, "preview", false, "print the 更正说明 without publishing it")
	return cmd
}

func (a *app) nothingToCorrect(r store.Round) error {
	return a.errf("%s的数据与已发布的通报一致，没有需要更正的内容", "%s agrees with what was published: there is nothing to correct", a.roundLabel(r))
}

// correctionNotes are the lines that say how a published round stands against what was
// published: the corrections published, and one that is pending. None for other rounds.
func (a *app) correctionNotes(ctx context.Context, s *store.Store, r store.Round) ([]string, error) {
	if r.Status != store.RoundPublished {
		return nil, nil
	}
	st, err := s.RoundCorrections(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	loc, err := s.Location(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range st.Corrections {
		out = append(out, a.trf("已发布第 %d 次更正（%s，%s）", "correction %d published (%s, %s)", c.Seq, c.At.In(loc).Format("2006-01-02 15:04"), c.By))
	}
	if st.Pending() {
		out = append(out, a.pendingLine(r, st))
	}
	return out, nil
}

// pendingLine says a round has a correction not yet published, and how to publish it.
func (a *app) pendingLine(r store.Round, st store.CorrectionState) string {
	return a.trn(len(st.Diff.Offices), "有未发布的更正：%d 个科室与%s已发布的通报不同（phoneaudit round correct %d 发布更正说明）",
		"a correction is not yet published: %d office differs from what %s published (phoneaudit round correct %d publishes it)",
		"a correction is not yet published: %d offices differ from what %s published (phoneaudit round correct %d publishes it)",
		len(st.Diff.Offices), a.roundLabel(r), r.Number)
}

// flagsDiffer says where the flags as of a published round differ from what its bulletin (and
// its published corrections) named: "" when they agree or the round is not published.
func (a *app) flagsDiffer(ctx context.Context, s *store.Store, r store.Round) (string, error) {
	if r.Status != store.RoundPublished {
		return "", nil
	}
	st, err := s.RoundCorrections(ctx, r.ID)
	if err != nil {
		return "", err
	}
	var changed []string
	for _, d := range st.Diff.Offices {
		was, now := scoring.NoFlag, scoring.NoFlag
		if d.Was != nil {
			was = d.Was.Level()
		}
		if d.Now != nil {
			now = d.Now.Level()
		}
		if was != now {
			changed = append(changed, a.trf("%s · %s（通报为%s，现为%s）", "%s · %s (published %s, now %s)",
				d.Department, d.Office, a.levelWord(was), a.levelWord(now)))
		}
	}
	if len(changed) == 0 {
		return "", nil
	}
	return a.trf("注意：这些标记与%s已发布的通报不同：%s；更正尚未发布（phoneaudit round correct %d）",
		"note: these flags differ from what %s published: %s; the correction is not published yet (phoneaudit round correct %d)",
		a.roundLabel(r), strings.Join(changed, a.tr("；", "; ")), r.Number), nil
}

func (a *app) levelWord(l scoring.Level) string {
	if l == scoring.NoFlag {
		return a.tr("无标记", "no flag")
	}
	return l.Label(a.lang)
}

// roundStatusText is a round's status as lists word it, with a mark when a published round has
// a correction not yet published.
func (a *app) roundStatusText(r store.Round, pending map[int64]bool) string {
	if pending[r.ID] {
		return a.statusLabel(r.Status) + a.tr("（待更正）", " (correction pending)")
	}
	return a.statusLabel(r.Status)
}

// sayPending says, beside a published bulletin written to a file, that the round has a
// correction not yet published (a lead is told; others see what was published).
func (a *app) sayPending(ctx context.Context, s *store.Store, r store.Round) error {
	if err := s.MayAmend(ctx); err != nil {
		return nil
	}
	st, err := s.RoundCorrections(ctx, r.ID)
	if err != nil || !st.Pending() {
		return err
	}
	fmt.Fprintln(a.stdout, a.pendingLine(r, st))
	return nil
}

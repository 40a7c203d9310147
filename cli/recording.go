package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"phoneaudit/store"
	"phoneaudit/tabular"
)

func (a *app) recordingCommand() *cobra.Command {
	return a.group("recording", "录音 · session recordings",
		`  phoneaudit recording attach --round 7 会议室-1127上午.wav --offsets 偏移.csv`,
		a.recordingAttachCommand(),
	)
}

func (a *app) recordingAttachCommand() *cobra.Command {
	var round, offsets, start string
	cmd := &cobra.Command{
		Use:   "attach --round R FILE (--offsets FILE | --start TIME)",
		Short: "把一段录音关联到轮次的电话 · link a session recording to a round's calls",
		Long: `Links one recording file (often a whole conference-room session) to calls of round R, each at
its offset in the file, and stores the file's SHA-256. Give the offsets in a CSV/XLSX file with the
columns 单位, 科室, 偏移 (offset as 12:34, 1:02:03 or seconds), or give --start, the city time
the recording began: every call of the round first dialled that day after it is linked at the
time since. Attaching after submission is allowed and recorded; it does not change a score.`,
		Example: `  phoneaudit recording attach --round 7 会议室-1127上午.wav --offsets 偏移.csv
  phoneaudit recording attach --round 7 rec/2026-11-27-am.wav --start "2026-11-27 08:55"`,
		Args: a.args("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if round == "" {
				return a.usagef("给出轮次：--round R", "give the round: --round R")
			}
			if (offsets == "") == (start == "") {
				return a.usagef("给出 --offsets 文件或 --start 时间（二选一）", "give either --offsets FILE or --start TIME")
			}
			file, err := filepath.Abs(args[0])
			if err != nil {
				return err
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, round)
				if err != nil {
					return err
				}
				var links []store.RecordingLink
				if offsets != "" {
					links, err = a.offsetLinks(ctx, s, r, offsets)
				} else {
					links, err = a.startLinks(ctx, s, r, start)
				}
				if err != nil {
					return err
				}
				sum, err := recordingSum(ctx, s, file, links)
				if err != nil {
					return err
				}
				if err := s.AttachRecording(ctx, r.ID, file, sum, links); err != nil {
					return err
				}
				a.sayn(len(links), "已把录音 %s 关联到 %d 个电话", "linked the recording %s to %d call", "linked the recording %s to %d calls", args[0], len(links))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&round, "round", "", "the round `R` (number or name)")
	cmd.Flags().StringVar(&offsets, "offsets", "", "a CSV/XLSX `FILE` with 单位, 科室, 偏移")
	cmd.Flags().StringVar(&start, "start", "", "the city `TIME` the recording began, \"2026-11-27 08:55\"")
	return cmd
}

// offsetLinks reads 单位, 科室, 偏移 rows; an error names the file and line.
func (a *app) offsetLinks(ctx context.Context, s *store.Store, r store.Round, path string) ([]store.RecordingLink, error) {
	recs, err := tabular.Read(path, []tabular.Column{
		{Key: "department", Names: []string{"单位", "department"}, Required: true},
		{Key: "office", Names: []string{"科室", "office"}, Required: true},
		{Key: "offset", Names: []string{"偏移", "偏移量", "offset"}, Required: true},
	})
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	var links []store.RecordingLink
	for _, rec := range recs {
		off, err := parseOffset(rec.Values["offset"])
		if err != nil {
			return nil, a.errf("%s 第 %d 行：偏移 %q 不是时间，写成 12:34、1:02:03 或秒数", "%s line %d: offset %q is not like 12:34, 1:02:03 or seconds",
				name, rec.Line, rec.Values["offset"])
		}
		c, err := s.FindCall(ctx, r.ID, rec.Values["department"], rec.Values["office"])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, rec.Line, err)
		}
		links = append(links, store.RecordingLink{CallID: c.ID, Offset: off})
	}
	return links, nil
}

// parseOffset reads 12:34, 1:02:03 or plain seconds.
func parseOffset(s string) (float64, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) > 3 {
		return 0, fmt.Errorf("too many parts")
	}
	total := 0.0
	for _, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || v < 0 {
			return 0, fmt.Errorf("not a number: %q", p)
		}
		total = total*60 + v
	}
	return total, nil
}

// startLinks links every call first dialled after start on start's day, at the time since start.
func (a *app) startLinks(ctx context.Context, s *store.Store, r store.Round, start string) ([]store.RecordingLink, error) {
	loc, err := s.Location(ctx)
	if err != nil {
		return nil, err
	}
	t0, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(start), loc)
	if err != nil {
		return nil, a.usagef("--start %q 不是时间，写成 \"2026-11-27 08:55\"", "--start %q is not a time like \"2026-11-27 08:55\"", start)
	}
	calls, err := s.Calls(ctx, store.CallFilter{RoundID: r.ID})
	if err != nil {
		return nil, err
	}
	var links []store.RecordingLink
	for _, c := range calls {
		attempts, err := s.Attempts(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		if len(attempts) == 0 {
			continue
		}
		first := attempts[0].At
		if !c.TimerStarted.IsZero() && c.TimerStarted.Before(first) {
			first = c.TimerStarted
		}
		if first.Before(t0) || first.In(loc).Format(time.DateOnly) != t0.Format(time.DateOnly) {
			continue
		}
		links = append(links, store.RecordingLink{CallID: c.ID, Offset: first.Sub(t0).Seconds()})
	}
	if len(links) == 0 {
		return nil, a.errf("%s没有在 %s 之后当天拨打的电话", "%s has no call dialled after %s that day", a.roundLabel(r), start)
	}
	return links, nil
}

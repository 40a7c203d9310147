package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"phoneaudit/store"
	"phoneaudit/ui"
)

// lateCell says whether a reported notice's report came by the deadline ("" before a report).
func (a *app) lateCell(n store.Notice) cell {
	switch {
	case n.ReportedOn == "":
		return plain("")
	case n.Late:
		return cell{value: "late", text: a.tr("逾期", "late")}
	}
	return cell{value: "on_time", text: a.tr("按期", "on time")}
}

// noticeErr words a step refused on a notice in the wrong status; other errors pass.
func (a *app) noticeErr(err error) error {
	var se *store.NoticeStateError
	if errors.As(err, &se) {
		return errors.New(ui.NoticeRefusal(a.lang, se))
	}
	return err
}

func (a *app) noticesShowCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "show NUMBER",
		Short: "整改通知及其全部经过 · a notice and every event of its life",
		Long: `Prints a notice (office, round, status, deadline, the office's report) and every event of its
life in order: issued, reported (the date, on time or late against the deadline in force then),
extended (the old and the new deadline, the reason), verified (by whom, how), withdrawn (why).`,
		Example: `  phoneaudit notices show 第5轮-003
  phoneaudit notices show 第5轮-003 --lang en`,
		Args: a.args("NUMBER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, readAccess, func(ctx context.Context, s *store.Store) error {
				n, err := a.noticeByNumber(ctx, s, args[0])
				if err != nil {
					return err
				}
				events, err := s.NoticeEvents(ctx, n.ID)
				if err != nil {
					return err
				}
				loc, err := s.Location(ctx)
				if err != nil {
					return err
				}
				var b strings.Builder
				fmt.Fprintln(&b, a.trf("整改通知 %s · %s · %s · %s", "notice %s · %s · %s · %s", n.Number, n.Department, n.Office,
					a.roundLabel(store.Round{Number: n.RoundNumber, Name: n.RoundName})))
				fmt.Fprintln(&b, a.trf("状态：%s · 整改期限 %s", "status: %s · due %s", ui.NoticeStatusWord(a.lang, n.Status, n.Overdue), n.Deadline))
				if n.Response != "" {
					fmt.Fprintln(&b, a.trf("整改反馈：%s", "response: %s", n.Response))
				}
				fmt.Fprintln(&b, a.tr("经过：", "events:"))
				for _, e := range events {
					fmt.Fprintln(&b, "  "+ui.NoticeEventLine(a.lang, e, loc))
				}
				_, err = fmt.Fprint(a.stdout, b.String())
				return err
			})
		},
	}
}

func (a *app) noticesWithdrawCommand() *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "withdraw NUMBER --reason TEXT",
		Short: "撤回整改通知 · withdraw a notice",
		Long: `Withdraws an issued or reported notice, with the reason (recorded and shown by notices show).
A verified notice is not withdrawn: its rectification was done and checked.`,
		Example: `  phoneaudit notices withdraw 第5轮-003 --reason "复听录音后确认无问题"`,
		Args:    a.args("NUMBER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(reason) == "" {
				return a.usagef("给出撤回的原因：--reason \"…\"", "give the reason for withdrawing it: --reason \"…\"")
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				n, err := a.noticeByNumber(ctx, s, args[0])
				if err != nil {
					return err
				}
				if err := s.WithdrawNotice(ctx, n.ID, reason); err != nil {
					return a.noticeErr(err)
				}
				a.say("已撤回整改通知 %s（%s · %s），原因已记录", "withdrew notice %s (%s · %s); the reason is recorded", n.Number, n.Department, n.Office)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why (`TEXT`, recorded)")
	return cmd
}

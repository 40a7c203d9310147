package cli

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// roundHandOnCommand hands a stale call on, as H does in a lead's tab 1.
func (a *app) roundHandOnCommand() *cobra.Command {
	var auditor, reason string
	cmd := &cobra.Command{
		Use:   "handon R DEPT OFFICE --reason TEXT [--auditor NAME]",
		Short: "转交闲置的电话 · hand a stale running call on to be called afresh",
		Long: `Hands on a running call whose caller has done nothing on it for longer than the rubric's
stale_minutes (30 unless the rubric says otherwise): its draft score sheets stay in the history as
abandoned with the reason, and the call is back to be called by --auditor (default its caller).
A call that is not stale, or not running, is refused.`,
		Example: `  phoneaudit round handon 7 市人力资源和社会保障局 社会保险中心 --reason "拨打人中途离开"
  phoneaudit round handon 7 市人力资源和社会保障局 社会保险中心 --auditor 王芳 --reason "改派"`,
		Args: a.args("R", "DEPT", "OFFICE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if reason == "" {
				return a.usagef("给出 --reason（会和转交一起记录）", "give --reason (it is recorded with the hand-on)")
			}
			return a.withStore(cmd, writeAccess, func(ctx context.Context, s *store.Store) error {
				r, err := a.findRound(ctx, s, args[0])
				if err != nil {
					return err
				}
				c, err := s.FindCall(ctx, r.ID, args[1], args[2])
				if err != nil {
					return err
				}
				to := auditor
				if to == "" {
					to = c.Auditor
				}
				if err := s.HandOnCall(ctx, c.ID, to, reason); err != nil {
					return a.handOnRefusal(err)
				}
				a.say("已转交：%s · %s 由 %s 重新拨打", "handed on: %s · %s is %s's to call afresh", c.Department, c.Office, to)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&auditor, "auditor", "", "the auditor `NAME` to call it afresh (default its caller)")
	cmd.Flags().StringVar(&reason, "reason", "", "why it is handed on (`TEXT`, recorded)")
	return cmd
}

// handOnRefusal words the store's refusal of a hand-on.
func (a *app) handOnRefusal(err error) error {
	var hs *store.HandOnSubmittedError
	if errors.As(err, &hs) {
		return a.errf("%s · %s 的电话已有 %d 份提交的评分表（评审组成员）：不能转交",
			"the call to %s · %s has "+lang.English(hs.Sheets, "%d submitted score sheet", "%d submitted score sheets")+" of its panel: it cannot be handed on",
			hs.Call.Department, hs.Call.Office, hs.Sheets)
	}
	var ns *store.NotStaleError
	if !errors.As(err, &ns) {
		return err
	}
	c := ns.Call
	if !ns.Running {
		return a.errf("%s · %s 的电话%s，不在进行中：只有闲置的进行中电话才能转交",
			"the call to %s · %s is %s, not running: only a stale running call is handed on",
			c.Department, c.Office, c.Status.Label(a.lang))
	}
	idle, limit := int(ns.Idle.Minutes()), int(ns.Limit.Minutes())
	return a.errf("%s · %s 的电话 %d 分钟前还有操作：闲置超过 %d 分钟才能转交",
		"the call to %s · %s had activity "+lang.English(idle, "%d minute", "%d minutes")+" ago: it is handed on once idle over "+lang.English(limit, "%d minute", "%d minutes"),
		c.Department, c.Office, idle, limit)
}

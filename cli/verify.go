package cli

import (
	"context"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"phoneaudit/store"
)

func (a *app) verifyCommand() *cobra.Command {
	var head string
	cmd := &cobra.Command{
		Use:   "verify [--head HEX]",
		Short: "核对数据校验链和录音 · check the ledger and the recordings against the records",
		Long: `Rebuilds the ledger — the hash chain over every submitted score sheet, finished call, review,
amendment, imported result, registry change, round close and publication — from the records
themselves, and re-hashes every recording file a call names. When everything matches it prints
the number of records and the 数据校验码 (the head of the chain) and exits 0; otherwise it prints
the first record that does not match, and what differs, and exits 1.
--head checks a printed bulletin against this database: HEX is the 数据校验码 it prints (at
least its first 8 digits).`,
		Example: `  phoneaudit verify
  phoneaudit verify --head 3f9a2c1b`,
		Args: a.args(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			head = strings.ToLower(strings.TrimSpace(head))
			if cmd.Flags().Changed("head") && !validHead(head) {
				return a.usagef("--head %q：数据校验码至少要 8 位，只含 0-9 和 a-f", "--head %q: give at least 8 hex digits (0-9, a-f) of the 数据校验码", head)
			}
			return a.withStore(cmd, readAccess, func(ctx context.Context, s *store.Store) error {
				rep, err := s.Verify(ctx)
				if err != nil {
					return err
				}
				if !rep.OK() {
					return a.verifyFailure(rep)
				}
				if head != "" {
					if err := a.checkHead(ctx, s, head); err != nil {
						return err
					}
				}
				if rep.Entries == 0 {
					a.say("校验通过：还没有任何记录", "verified: nothing is recorded yet")
					return nil
				}
				a.sayn(rep.Entries, "校验通过：%d 条记录，数据校验码 %s", "verified: %d record, data check code %s", "verified: %d records, data check code %s", rep.Entries, rep.Head)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&head, "head", "", "the `HEX` 数据校验码 printed on a bulletin (at least its first 8 digits)")
	return cmd
}

// validHead says whether s can be a printed 数据校验码 or its beginning.
func validHead(s string) bool {
	if len(s) < 8 || len(s) > 64 {
		return false
	}
	_, err := hex.DecodeString(s + strings.Repeat("0", len(s)%2))
	return err == nil
}

// verifyFailure is the first problem in one line, with how many more there are.
func (a *app) verifyFailure(rep store.VerifyReport) error {
	msg := problemText(a.lang, rep.Problems[0])
	if more := rep.Failures - 1; more > 0 {
		msg += a.trn(more, "（另有 %d 处不符）", " (and %d more problem)", " (and %d more problems)", more)
	}
	return errors.New(msg)
}

// checkHead finds the printed code in the ledger and says which bulletin printed it.
func (a *app) checkHead(ctx context.Context, s *store.Store, head string) error {
	m, err := s.FindHead(ctx, head)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return a.errf("数据校验码 %s 与这个数据库不符：印有它的通报不是由这个数据库的记录生成的，或记录已被改动",
			"the data check code %s does not match this database: the bulletin printing it was not made from these records, or they were changed", head)
	case errors.Is(err, store.ErrInvalid):
		return a.errf("数据校验码 %s 对应不止一条记录：多给几位", "the data check code %s matches more than one entry: give more of its digits", head)
	case err != nil:
		return err
	}
	if len(m.Rounds) > 0 {
		a.say("数据校验码 %s 与%s的通报相符", "data check code %s matches the bulletin of %s", head, strings.Join(m.Rounds, a.tr("、", ", ")))
	} else {
		a.say("数据校验码 %s 是数据校验链的第 %d 条记录", "data check code %s is entry %d of the ledger", head, m.Seq)
	}
	return nil
}

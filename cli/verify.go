package cli

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"phoneaudit/publish"
	"phoneaudit/store"
)

func (a *app) verifyCommand() *cobra.Command {
	var head, bulletinFile string
	var strict bool
	cmd := &cobra.Command{
		Use:   "verify [--head HEX | --bulletin FILE] [--strict]",
		Short: "核对数据校验链和录音 · check the ledger and the recordings against the records",
		Long: `Rebuilds the ledger — the hash chain over every submitted score sheet, finished call, review,
amendment, imported result, registry change, round close and publication — from the records
themselves, and re-hashes every recording file a call names. Beside the chain it works out
again, from the sheets, answers, attempts, reviews, amendments, imported results and merges,
every result and every office's and person's audits and streaks (what the flags are read
from), and checks that every publication's and correction's 数据校验码 is an entry of the chain
in order and that its stored texts match their SHA-256. When everything matches it prints the
number of records and the 数据校验码 (the head of the chain) and exits 0; otherwise it prints
the first thing that does not match, and what differs, and exits 1.
The witness file beside the database (its path + ".witness"), where every publication and
correction also writes its 数据校验码, is checked too: each of its codes is in the chain in
order, and each publication has its line. When publications exist and it is missing, verify
says so and still exits 0, unless --strict.
--head checks a printed bulletin against this database: HEX is the 数据校验码 it prints (at
least its first 8 digits). --bulletin reads the code from a bulletin file (text or Markdown)
and checks it the same way.`,
		Example: `  phoneaudit verify
  phoneaudit verify --head 3f9a2c1b
  phoneaudit verify --bulletin 通报.txt`,
		Args: a.args(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			head = strings.ToLower(strings.TrimSpace(head))
			if cmd.Flags().Changed("head") && !validHead(head) {
				return a.usagef("--head %q：数据校验码至少要 8 位，只含 0-9 和 a-f", "--head %q: give at least 8 hex digits (0-9, a-f) of the 数据校验码", head)
			}
			if cmd.Flags().Changed("head") && cmd.Flags().Changed("bulletin") {
				return a.usagef("--head 和 --bulletin 只能用一个", "give --head or --bulletin, not both")
			}
			var codes []string
			if cmd.Flags().Changed("bulletin") {
				var err error
				if codes, err = a.bulletinCodes(bulletinFile); err != nil {
					return err
				}
			} else if head != "" {
				codes = []string{head}
			}
			return a.withStore(cmd, readAccess, func(ctx context.Context, s *store.Store) error {
				rep, err := s.Verify(ctx)
				if err != nil {
					return err
				}
				if !rep.OK() {
					return a.verifyFailure(rep)
				}
				warning, err := a.checkWitness(ctx, s)
				if err != nil {
					return err
				}
				if warning != "" && strict {
					return errors.New(warning)
				}
				for _, c := range codes {
					if err := a.checkHead(ctx, s, c); err != nil {
						return err
					}
				}
				if warning != "" {
					fmt.Fprintln(a.stdout, warning)
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
	cmd.Flags().StringVar(&bulletinFile, "bulletin", "", "a bulletin `FILE` (text or Markdown) whose printed 数据校验码 to check")
	cmd.Flags().BoolVar(&strict, "strict", false, "fail when publications exist and the witness file beside the database is missing")
	return cmd
}

// printedCode finds a 数据校验码 as bulletins and corrections print it: "数据校验码：HEX",
// "Data check code: HEX" or "Data checksum: HEX", the code in backticks in Markdown.
var printedCode = regexp.MustCompile("(?:数据校验码[：:]|Data check code:|Data checksum:)[ \t]*`?([0-9a-fA-F]{8,64})`?")

// bulletinCodes reads the 数据校验码 printed in a bulletin file (a published bulletin with its
// corrections prints several), refusing a file that prints none.
func (a *app) bulletinCodes(path string) ([]string, error) {
	body, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, a.errf("没有文件 %s", "there is no file %s", path)
	}
	if err != nil {
		return nil, a.errf("无法读取 %s：%v", "cannot read %s: %v", path, err)
	}
	var codes []string
	for _, m := range printedCode.FindAllSubmatch(body, -1) {
		if c := strings.ToLower(string(m[1])); !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	if len(codes) == 0 {
		return nil, a.errf("%s 中没有印数据校验码（报纸版通报不印）：用 phoneaudit bulletin 导出的文本或 Markdown 版核对，或用 --head 给出校验码",
			"%s prints no data check code (the newspaper edition prints none): check the text or Markdown bulletin phoneaudit bulletin writes, or give the code with --head", path)
	}
	return codes, nil
}

// checkWitness checks the witness file beside the database: every code in it is an entry of
// the chain, in order, and every publication and correction that stored a code has its line. A
// missing file, while publications exist, is a warning (returned, not an error).
func (a *app) checkWitness(ctx context.Context, s *store.Store) (warning string, err error) {
	path := publish.WitnessPath(s.Path())
	made, err := s.PublishedHeads(ctx)
	if err != nil {
		return "", err
	}
	lines, err := publish.ReadWitness(s.Path())
	var bad *publish.WitnessLineError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if slices.ContainsFunc(made, func(h store.PublishedHead) bool { return h.Head != "" }) {
			return a.trf("注意：没有见证文件 %s（每次发布都在其中另记数据校验码，备份时一并复制）：无法与它核对",
				"note: there is no witness file %s (each publication also writes its data check code there, and backup copies it): it was not checked", path), nil
		}
		return "", nil
	case errors.As(err, &bad):
		return "", a.errf("见证文件 %s 的第 %d 行不是 phoneaudit 写的格式（轮次、时间、数据校验码、类别，以制表符分隔）：被改动过",
			"line %[2]d of the witness file %[1]s is not as phoneaudit writes it (round, time, data check code, kind, tab-separated): it was changed", path, bad.Line)
	case err != nil:
		return "", a.errf("无法读取见证文件 %s：%v", "cannot read the witness file %s: %v", path, err)
	}
	heads := make([]string, len(lines))
	for i, l := range lines {
		heads[i] = l.Head
	}
	seqs, err := s.LedgerSeqs(ctx, heads)
	if err != nil {
		return "", err
	}
	var last int64
	for i, l := range lines {
		seq, ok := seqs[l.Head]
		switch {
		case !ok:
			return "", a.errf("见证文件 %s 第 %d 行记的数据校验码 %s（第 %d 轮的%s）不在数据校验链中：数据校验链被改写过",
				"line %[2]d of the witness file %[1]s: its data check code %[3]s (round %[4]d's %[5]s) is not in the ledger: the ledger was rewritten",
				path, i+1, l.Head, l.Round, witnessKind(a, l.Kind))
		case seq < last:
			return "", a.errf("见证文件 %s 第 %d 行记的数据校验码 %s 在数据校验链中排在前一行的之前：数据校验链或见证文件被改动过",
				"line %[2]d of the witness file %[1]s: its data check code %[3]s comes before the previous line's in the ledger: the ledger or the witness file was changed",
				path, i+1, l.Head)
		}
		last = seq
	}
	for _, h := range made {
		if h.Head == "" {
			continue
		}
		if !slices.ContainsFunc(lines, func(l publish.WitnessLine) bool { return l.Head == h.Head && l.Kind == h.Kind && l.Round == h.Round }) {
			return "", a.errf("见证文件 %s 中没有%s的%s（数据校验码 %s）：它不是经 phoneaudit 发布的，或见证文件被改动过",
				"the witness file %s has no line for the %[3]s of %[2]s (data check code %[4]s): it was not published through phoneaudit, or the witness file was changed",
				path, h.RoundName, witnessKind(a, h.Kind), h.Head)
		}
	}
	return "", nil
}

func witnessKind(a *app, kind string) string {
	if kind == publish.WitnessCorrection {
		return a.tr("更正", "correction")
	}
	return a.tr("通报", "bulletin")
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
	for _, c := range m.Corrections {
		a.say("数据校验码 %s 与%s通报的第 %d 次更正相符", "data check code %s matches correction %[3]d of the bulletin of %[2]s", head, c.RoundName, c.Seq)
	}
	if len(m.Rounds) > 0 {
		a.say("数据校验码 %s 与%s的通报相符", "data check code %s matches the bulletin of %s", head, strings.Join(m.Rounds, a.tr("、", ", ")))
	} else if len(m.Corrections) == 0 {
		a.say("数据校验码 %s 是数据校验链的第 %d 条记录", "data check code %s is entry %d of the ledger", head, m.Seq)
	}
	return nil
}

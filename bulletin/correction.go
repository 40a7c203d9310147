package bulletin

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

// CorrectionData is a correction (更正说明) of a published bulletin: what differs between the
// snapshot last published and the data now, why, and what it does to the notices. It is
// generated, not templated: every sentence is a difference.
type CorrectionData struct {
	Round       int
	RoundName   string
	Seq         int       // 1 for the round's first correction
	Issuer      string    // "" = DefaultIssuer
	PublishedAt time.Time // when the bulletin was published
	Date        time.Time // of this correction
	Diff        scoring.SnapshotDiff
	Reasons     map[int64][]CorrectionReason // by office: the amendments behind its difference
	Withdrawn   []NoticeRef                  // notices withdrawn by this correction
	Issued      []NoticeRef                  // notices issued by it
	Kept        []NoticeRef                  // verified notices of offices without a problem now: kept
	Deadline    time.Time                    // of the notices issued
	LedgerHead  string                       // 数据校验码; "" leaves the line out
	Build       string                       // the program's version line; "" leaves it out
}

// CorrectionReason is one amendment behind a difference.
type CorrectionReason struct {
	RoundName string
	At        time.Time
	By        string
	Reason    string
}

// NoticeRef names a notice and its office.
type NoticeRef struct{ Number, Department, Office string }

// Correction writes a correction in language l ("" = Chinese) as "text" or "md".
func Correction(c CorrectionData, l lang.Lang, format string) ([]byte, error) {
	l, format, err := checkOptions(Options{Lang: l, Format: format})
	if err != nil {
		return nil, err
	}
	if c.Diff.Empty() {
		return nil, fmt.Errorf("correction of %s: nothing differs from what was published", c.RoundName)
	}
	issuer := cmp.Or(strings.TrimSpace(c.Issuer), DefaultIssuer(l))
	md := format == "md"
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	title := l.Pick(fmt.Sprintf("关于%s电话暗访测评情况通报的更正说明（第%d次更正）", c.RoundName, c.Seq),
		fmt.Sprintf("Correction %d of the bulletin on the phone audit %s", c.Seq, c.RoundName))
	if md {
		line("# " + escapeMarkdown(title))
	} else {
		line(title)
	}
	line("")
	published, err := formatDate(c.PublishedAt, l)
	if err != nil {
		return nil, err
	}
	line(l.Pick(fmt.Sprintf("%s于%s发布的%s电话暗访测评情况通报，经复核，以下内容与现有测评记录不符，现更正如下：", issuer, published, c.RoundName),
		fmt.Sprintf("The bulletin on %s that %s published on %s no longer agrees with the audit records after review. It is corrected as follows:", c.RoundName, issuer, published)))
	line("")
	n := 0
	heading := func(zh, en string) {
		n++
		num, _ := chineseNumeral(n)
		h := l.Pick(num+"、"+zh, fmt.Sprintf("%d. %s", n, en))
		if md {
			h = "## " + h
		}
		line(h)
	}
	if len(c.Diff.Offices) > 0 {
		heading("更正的科室", "Offices corrected")
		for _, o := range c.Diff.Offices {
			item := func(s string) {
				if md {
					line("  " + s)
				} else {
					line("　　" + s)
				}
			}
			name := o.Department + " " + o.Office
			if md {
				line("- **" + escapeMarkdown(name) + "**")
			} else {
				line("（" + name + "）")
			}
			item(l.Pick("原通报：", "Published: ") + OfficeState(o.Was, l))
			item(l.Pick("现更正为：", "Now: ") + OfficeState(o.Now, l))
			if rs := c.Reasons[o.OfficeID]; len(rs) > 0 {
				var words []string
				for _, r := range rs {
					day, _ := formatDate(r.At, l)
					words = append(words, l.Pick(fmt.Sprintf("%s（%s，%s，%s）", r.Reason, r.RoundName, day, r.By),
						fmt.Sprintf("%s (%s, %s, %s)", r.Reason, r.RoundName, day, r.By)))
				}
				item(l.Pick("更正原因：", "Reason: ") + strings.Join(words, l.Pick("；", "; ")))
			} else {
				item(l.Pick("更正原因：科室合并或其他轮次的记录变更（见数据台账）。", "Reason: a merge of offices or a change in another round's records (see the ledger)."))
			}
		}
		line("")
	}
	if len(c.Diff.Counts) > 0 {
		heading("更正的数字", "Figures corrected")
		var parts []string
		for _, d := range c.Diff.Counts {
			parts = append(parts, CountChange(d, l))
		}
		line(bullet(md) + strings.Join(parts, l.Pick("；", "; ")) + l.Pick("。", "."))
		line("")
	}
	if len(c.Withdrawn)+len(c.Issued)+len(c.Kept) > 0 {
		heading("整改通知", "Rectification notices")
		if len(c.Withdrawn) > 0 {
			line(bullet(md) + l.Pick("收回整改通知：", "Withdrawn: ") + noticeList(c.Withdrawn, l) + l.Pick("。", "."))
		}
		if len(c.Issued) > 0 {
			due, err := formatDate(c.Deadline, l)
			if err != nil {
				return nil, err
			}
			line(bullet(md) + l.Pick("新下发整改通知：", "Newly issued: ") + noticeList(c.Issued, l) +
				l.Pick("，整改期限"+due+"。", "; due "+due+"."))
		}
		if len(c.Kept) > 0 {
			line(bullet(md) + l.Pick("已核实整改的通知保留：", "Kept, as their rectification was verified: ") + noticeList(c.Kept, l) + l.Pick("。", "."))
		}
		line("")
	}
	line(l.Pick("原通报其余内容不变。", "The rest of the bulletin stands."))
	line("")
	line(issuer)
	if !c.Date.IsZero() {
		day, err := formatDate(c.Date, l)
		if err != nil {
			return nil, err
		}
		line(day)
	}
	if h := strings.TrimSpace(c.LedgerHead); h != "" {
		line("")
		if md {
			h = "`" + h + "`"
		}
		line(l.Pick("数据校验码：", "Data checksum: ") + h)
	}
	if b := strings.TrimSpace(c.Build); b != "" {
		line(l.Pick("程序版本：", "Program version: ") + b)
	}
	return []byte(b.String()), nil
}

func bullet(md bool) string {
	if md {
		return "- "
	}
	return "　　"
}

// OfficeState is what a snapshot says of an office: each call's result, its problem, its flag.
func OfficeState(o *scoring.SnapOffice, l lang.Lang) string {
	if o == nil {
		return l.Pick("本轮未测评", "not audited in the round")
	}
	var calls []string
	for _, c := range o.Calls {
		calls = append(calls, callState(c, l))
	}
	s := strings.Join(calls, l.Pick("；", "; "))
	switch o.Level() {
	case scoring.Red:
		s += l.Pick(fmt.Sprintf("；连续%d次存在问题，予以通报批评", o.Streak), fmt.Sprintf("; a problem %d audits in a row: criticised by name", o.Streak))
	case scoring.Yellow:
		s += l.Pick("；连续2次存在问题，予以警示提醒", "; a problem 2 audits in a row: warned")
	default:
		if !o.Problem {
			s += l.Pick("；不予通报", "; not named")
		}
	}
	return s + l.Pick("。", ".")
}

func callState(c scoring.SnapCall, l lang.Lang) string {
	var s string
	switch {
	case c.Status == scoring.Unreachable:
		s = l.Pick("无法接通", "unreachable")
	case c.Total != "":
		s = l.Pick(c.Total+" 分", c.Total+" points")
		if c.Grade != "" {
			s += " " + gradeWord(c.Grade, l)
		}
	default:
		s = l.Pick("未评分", "not scored")
	}
	if !c.Problem {
		return s + l.Pick("，无问题", ", no problem")
	}
	var words []string
	for _, r := range c.Reasons {
		words = append(words, l.Pick(r.ZH, r.EN))
	}
	if len(words) == 0 {
		return s + l.Pick("，存在问题", ", a problem")
	}
	return s + l.Pick("，存在问题："+strings.Join(words, "、"), ", a problem: "+strings.Join(words, ", "))
}

func gradeWord(key string, l lang.Lang) string {
	for _, g := range scoring.DefaultRubric().Grades {
		if g.Key == key {
			return l.Pick(g.ZH, g.EN)
		}
	}
	return key
}

// CountChange words one count that changed: 存在问题的科室由2个更正为1个.
func CountChange(d scoring.CountDiff, l lang.Lang) string {
	words := map[string][3]string{ // zh, its measure word, en
		"offices_audited": {"测评科室", "个", "offices audited"},
		"calls_audited":   {"测评通话", "次", "calls audited"},
		"connected":       {"接通的通话", "次", "calls connected"},
		"problem_offices": {"存在问题的科室", "个", "offices with a problem"},
		"problem_calls":   {"存在问题的通话", "次", "calls with a problem"},
		"red":             {"通报批评的科室", "个", "offices criticised by name"},
		"yellow":          {"警示提醒的科室", "个", "offices warned"},
		"not_scored":      {"未评分的通话", "次", "calls not scored"},
	}
	w, ok := words[d.Key]
	if !ok {
		w = [3]string{"评为" + d.ZH + "的通话", "次", "calls graded " + d.EN}
	}
	return l.Pick(fmt.Sprintf("%s由%d%s更正为%d%s", w[0], d.Was, w[1], d.Now, w[1]), fmt.Sprintf("%s: %d, now %d", w[2], d.Was, d.Now))
}

func noticeList(ns []NoticeRef, l lang.Lang) string {
	var parts []string
	for _, n := range ns {
		parts = append(parts, l.Pick(fmt.Sprintf("%s（%s %s）", n.Number, n.Department, n.Office), fmt.Sprintf("%s (%s %s)", n.Number, n.Department, n.Office)))
	}
	return strings.Join(parts, l.Pick("、", "; "))
}

package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// What verify says, in words a clerk understands: which record, which field, what it was and
// what it is now. The store finds the problems (store.VerifyProblem); these words are the
// command's.

// kindWords names each kind of record.
var kindWords = map[string]lang.Text{
	"sheet":       {ZH: "评分表", EN: "score sheet"},
	"call":        {ZH: "电话", EN: "call"},
	"import":      {ZH: "导入结果", EN: "imported result"},
	"consensus":   {ZH: "复核（合议评分）", EN: "review (consensus)"},
	"accept":      {ZH: "复核（采纳均分）", EN: "review (aggregate accepted)"},
	"amendment":   {ZH: "更正", EN: "amendment"},
	"registry":    {ZH: "登记变更", EN: "registry change"},
	"close":       {ZH: "结束轮次", EN: "round close"},
	"publication": {ZH: "通报发布", EN: "publication"},
	"notice":      {ZH: "整改通知记录", EN: "notice event"},
	"snapshot":    {ZH: "通报数据快照", EN: "publication snapshot"},
	"correction":  {ZH: "通报更正", EN: "correction"},
	// The tables the flags are read from.
	"audits":               {ZH: "科室测评记录", EN: "office audit"},
	"latest_audits":        {ZH: "科室最新测评记录（红黄牌据此显示）", EN: "office's latest audit (the flags read it)"},
	"person_audits":        {ZH: "接听人测评记录", EN: "answerer's audit"},
	"latest_person_audits": {ZH: "接听人最新测评记录（红黄牌据此显示）", EN: "answerer's latest audit (the flags read it)"},
}

// describeRecord names a problem's record by its kind, id and facts: "评分表 12（2026年第5轮
// 市人社局 · 社保中心，王芳）".
func describeRecord(l lang.Lang, p store.VerifyProblem) string {
	w, ok := kindWords[p.Kind]
	if !ok {
		w = lang.Text{ZH: p.Kind, EN: p.Kind}
	}
	f := p.Record
	if strings.HasSuffix(p.Kind, "audits") {
		return describeAudit(l, w, p)
	}
	name := fmt.Sprintf("%s %d", w.In(l), p.Ref)
	var what string
	switch {
	case f.Office != "":
		what = strings.TrimSpace(f.RoundName + " " + f.Department + " · " + f.Office)
	case f.Entity != "" && f.RoundName == "":
		what = f.Entity + " " + f.Action
	default:
		what = f.RoundName
	}
	if what == "" {
		return name
	}
	if f.Rater != "" {
		return l.Pickf("%s（%s，%s）", "%s (%s, %s)", name, what, f.Rater)
	}
	return l.Pickf("%s（%s）", "%s (%s)", name, what)
}

// describeAudit names a maintained audit: "科室测评记录（2026年第1轮 市农业农村局 · 农技站）",
// "接听人测评记录（2026年第1轮 市农业农村局 · 工号 0231）".
func describeAudit(l lang.Lang, w lang.Text, p store.VerifyProblem) string {
	f := p.Record
	round := f.RoundName
	if round == "" {
		round = l.Pickf("第%d轮", "round %d", p.Round)
	}
	who := f.Office
	switch {
	case strings.HasPrefix(p.Person, "no:"):
		who = l.Pick("工号 ", "staff no. ") + f.Office
	case strings.HasPrefix(p.Person, "name:"):
		who = l.Pick("姓名 ", "name ") + f.Office
	}
	return l.Pickf("%s（%s %s · %s）", "%s (%s %s · %s)", w.In(l), round, f.Department, who)
}

// fieldWords names the fields of the records.
var fieldWords = map[string]lang.Text{
	"round": {ZH: "轮次", EN: "round"}, "round_name": {ZH: "轮次", EN: "round"},
	"department": {ZH: "单位名称", EN: "department name"}, "office": {ZH: "科室名称", EN: "office name"},
	"caller": {ZH: "测评员", EN: "caller"}, "rater": {ZH: "评分人", EN: "rater"}, "persona": {ZH: "身份", EN: "persona"},
	"scenario": {ZH: "咨询事项", EN: "scenario"}, "timer_started_at": {ZH: "计时开始时间", EN: "timer start"},
	"attempts": {ZH: "拨打记录", EN: "attempts"}, "answer_seconds": {ZH: "接通秒数", EN: "seconds to answer"},
	"answered_staff_no": {ZH: "接听人工号", EN: "answerer's staff number"}, "answered_name": {ZH: "接听人姓名", EN: "answerer's name"},
	"notes": {ZH: "备注", EN: "notes"}, "recording": {ZH: "录音", EN: "recording"}, "file": {ZH: "录音文件", EN: "recording file"},
	"offset": {ZH: "录音位置", EN: "recording offset"}, "sha256": {ZH: "录音校验码", EN: "recording SHA-256"},
	"status": {ZH: "状态", EN: "status"}, "finished_at": {ZH: "完成时间", EN: "finished at"}, "submitted_at": {ZH: "提交时间", EN: "submitted at"},
	"imported_at": {ZH: "导入时间", EN: "imported at"}, "needs_review": {ZH: "待复核", EN: "needs review"},
	"result": {ZH: "结果", EN: "result"}, "total": {ZH: "得分", EN: "total"}, "grade": {ZH: "等级", EN: "grade"},
	"problem": {ZH: "是否存在问题", EN: "problem"}, "reasons": {ZH: "问题描述", EN: "reasons"}, "scored": {ZH: "是否评分", EN: "scored"},
	"dropped": {ZH: "撤下的评分表", EN: "dropped sheets"}, "line": {ZH: "导入行号", EN: "import line"},
	"kind": {ZH: "方式", EN: "kind"}, "at": {ZH: "时间", EN: "time"}, "by": {ZH: "操作人", EN: "by"}, "reason": {ZH: "理由", EN: "reason"},
	"consensus": {ZH: "合议评分表", EN: "consensus sheet"}, "answers": {ZH: "评分", EN: "answers"},
	"new_problem": {ZH: "更正后是否存在问题", EN: "amended problem"}, "new_total": {ZH: "更正后得分", EN: "amended total"},
	"new_reasons": {ZH: "更正后问题描述", EN: "amended reasons"}, "after_publication": {ZH: "发布后更正", EN: "after publication"},
	"entity": {ZH: "对象", EN: "entity"}, "entity_id": {ZH: "对象编号", EN: "entity id"}, "action": {ZH: "操作", EN: "action"},
	"detail": {ZH: "内容", EN: "detail"}, "deadline": {ZH: "整改期限", EN: "deadline"}, "ledger_head": {ZH: "数据校验码", EN: "data check code"},
	"texts": {ZH: "通报全文", EN: "bulletin text"}, "checksums": {ZH: "通报校验码", EN: "bulletin checksum"},
	"event": {ZH: "记录编号", EN: "event"}, "notice": {ZH: "整改通知", EN: "notice"}, "number": {ZH: "通知编号", EN: "notice number"},
	"office_id": {ZH: "科室编号", EN: "office id"}, "new_deadline": {ZH: "新的整改期限", EN: "new deadline"},
	"reported_on": {ZH: "反馈日期", EN: "reported on"}, "late": {ZH: "是否逾期", EN: "late"}, "checked_by": {ZH: "核实人", EN: "checked by"},
	"streak": {ZH: "连续存在问题轮数", EN: "streak"}, "round_id": {ZH: "轮次编号", EN: "round id"},
	"amendment_id": {ZH: "生效的更正", EN: "amendment in effect"}, "amended_total": {ZH: "更正后得分", EN: "amended total"},
	"amended_grade": {ZH: "更正后等级", EN: "amended grade"}, "amended_problem": {ZH: "更正后是否存在问题", EN: "amended problem"},
	"amended_reasons": {ZH: "更正后问题描述", EN: "amended reasons"}, "snapshot": {ZH: "通报数据快照", EN: "snapshot"},
}

// attemptWords names the fields of one dial.
var attemptWords = map[string]lang.Text{"at": {ZH: "时间", EN: "time"}, "code": {ZH: "结果代码", EN: "outcome code"}, "by": {ZH: "拨打人", EN: "caller"}}

// fieldLabel names the field a problem is about: "服务态度" for an answer, "第2次拨打时间" for an
// attempt's time, "通报全文 zh/text 的 SHA-256" for a published text.
func fieldLabel(l lang.Lang, p store.VerifyProblem) string {
	path := p.Field
	if len(path) == 0 {
		return l.Pick("记录", "record")
	}
	last := path[len(path)-1]
	switch {
	case len(path) >= 2 && path[len(path)-2] == "answers":
		label := lang.Text{ZH: last, EN: last}
		if p.Criterion.Key != "" {
			label = lang.Text{ZH: p.Criterion.LabelZH, EN: p.Criterion.LabelEN}
		}
		if slices.Contains(path, "consensus") {
			return l.Pick("合议评分 ", "consensus answer ") + label.In(l)
		}
		return l.Pick("", "answer ") + label.In(l)
	case path[0] == "attempts" && len(path) >= 2:
		n, _ := strconv.Atoi(path[1])
		w := fieldWords["attempts"]
		if len(path) == 3 {
			w = attemptWords[path[2]]
		}
		return l.Pickf("第%d次拨打%s", "attempt %d %s", n+1, l.Pick(strings.TrimPrefix(w.ZH, "拨打"), w.EN))
	case path[0] == "texts" || path[0] == "checksums":
		w := fieldWords[path[0]]
		if len(path) == 2 {
			return l.Pick(w.ZH+" "+last+" 的 SHA-256", w.EN+" "+last+" SHA-256")
		}
		return w.In(l)
	}
	if _, err := strconv.Atoi(last); err == nil && len(path) >= 2 {
		last = path[len(path)-2]
	}
	if w, ok := fieldWords[last]; ok {
		return w.In(l)
	}
	return strings.Join(path, ".")
}

// problemText is a problem verify found, in one line.
func problemText(l lang.Lang, p store.VerifyProblem) string {
	if l == lang.EN {
		return problemTextEN(p)
	}
	rec := describeRecord(l, p)
	switch p.What {
	case store.ProblemChanged:
		return fmt.Sprintf("第 %d 条记录与数据库不符：%s的%s 原为 %s，现为 %s", p.Seq, rec, fieldLabel(l, p), shown(p.Was, false), shown(p.Now, false))
	case store.ProblemGone:
		return fmt.Sprintf("第 %d 条记录所记的%s在数据库中已不存在", p.Seq, rec)
	case store.ProblemUnchained:
		return fmt.Sprintf("%s在数据库中，却不在数据校验链中（绕过 phoneaudit 添加或改动过）", rec)
	case store.ProblemEdited:
		return fmt.Sprintf("第 %d 条记录本身被改动过，校验值与内容不符：%s", p.Seq, rec)
	case store.ProblemBroken:
		return fmt.Sprintf("数据校验链在第 %d 条记录之前断开，有记录被删除或改动：%s", p.Seq, rec)
	case store.ProblemRecording:
		if p.Now == "" {
			return fmt.Sprintf("%s的录音文件 %s 不见了或无法读取", rec, p.File)
		}
		return fmt.Sprintf("%s的录音文件 %s 与记录的不符（SHA-256 原为 %s，现为 %s）", rec, p.File, p.Was, p.Now)
	case store.ProblemResult:
		return fmt.Sprintf("%s的%s与%s算出的不符：应为 %s，库中记为 %s（绕过 phoneaudit 改动过）",
			rec, fieldLabel(l, p), resultSource(l, p.Kind), yesNo(l, p.Was), yesNo(l, p.Now))
	case store.ProblemAudit:
		return fmt.Sprintf("%s的%s与各次电话的结果算出的不符：应为 %s，库中记为 %s（绕过 phoneaudit 改动过）",
			rec, fieldLabel(l, p), yesNo(l, p.Was), yesNo(l, p.Now))
	case store.ProblemAuditMissing:
		return fmt.Sprintf("%s不见了：各次电话的结果算出应有这一条（绕过 phoneaudit 删除过）", rec)
	case store.ProblemAuditExtra:
		return fmt.Sprintf("%s没有任何完成的电话与之对应（绕过 phoneaudit 添加过）", rec)
	case store.ProblemHead:
		return fmt.Sprintf("%s记录的数据校验码 %s 不在数据校验链中：数据校验链被改写过，印有它的通报已无法与记录核对", rec, p.Now)
	case store.ProblemHeadOrder:
		if p.Now == "" {
			return fmt.Sprintf("%s没有记录数据校验码，而在它之前发布的都有（绕过 phoneaudit 改动过）", rec)
		}
		return fmt.Sprintf("%s记录的数据校验码 %s 是数据校验链的第 %s 条，不是发布前的最后一条：数据校验链被改写过", rec, p.Now, p.Was)
	case store.ProblemText:
		return fmt.Sprintf("%s存档的%s与其校验码不符（SHA-256 记为 %s，实为 %s）：存档被改动过", rec, textLabel(l, p), p.Was, p.Now)
	}
	return rec
}

// resultSource names what a stored result is worked out from.
func resultSource(l lang.Lang, kind string) string {
	switch kind {
	case "sheet":
		return l.Pick("其各项评分", "its answers")
	case "amendment":
		return l.Pick("更正的内容", "the amendment's new values")
	}
	return l.Pick("其评分表和复核", "its score sheets and review")
}

// textLabel names a stored text a ProblemText is about: a rendering ("zh/text") or a snapshot.
func textLabel(l lang.Lang, p store.VerifyProblem) string {
	if len(p.Field) == 1 && p.Field[0] == "snapshot" {
		return fieldWords["snapshot"].In(l)
	}
	f := strings.Join(p.Field, "")
	return l.Pickf("通报全文 %s ", "text %s", f) // a space before the Chinese that follows
}

// yesNo shows a worked-out or stored value: true and false as 是 and 否 in Chinese.
func yesNo(l lang.Lang, v string) string {
	switch v {
	case "true":
		return l.Pick("是", "yes")
	case "false":
		return l.Pick("否", "no")
	}
	return shown(v, l == lang.EN)
}

func problemTextEN(p store.VerifyProblem) string {
	rec := describeRecord(lang.EN, p)
	switch p.What {
	case store.ProblemChanged:
		return fmt.Sprintf("ledger entry %d does not match the database: %s: %s was %s, is now %s",
			p.Seq, rec, fieldLabel(lang.EN, p), shown(p.Was, true), shown(p.Now, true))
	case store.ProblemGone:
		return fmt.Sprintf("ledger entry %d: %s is no longer in the database", p.Seq, rec)
	case store.ProblemUnchained:
		return fmt.Sprintf("%s is in the database but not in the ledger (added or changed behind phoneaudit's back)", rec)
	case store.ProblemEdited:
		return fmt.Sprintf("ledger entry %d was edited: its hash does not match its content: %s", p.Seq, rec)
	case store.ProblemBroken:
		return fmt.Sprintf("the ledger is broken before entry %d (an entry was deleted or edited): %s", p.Seq, rec)
	case store.ProblemRecording:
		if p.Now == "" {
			return fmt.Sprintf("recording %s of %s is missing or cannot be read", p.File, rec)
		}
		return fmt.Sprintf("recording %s of %s differs from the one recorded (SHA-256 was %s, is now %s)", p.File, rec, p.Was, p.Now)
	case store.ProblemResult:
		return fmt.Sprintf("%s: %s does not fit %s: it should be %s, the database says %s (changed behind phoneaudit's back)",
			rec, fieldLabel(lang.EN, p), resultSource(lang.EN, p.Kind), yesNo(lang.EN, p.Was), yesNo(lang.EN, p.Now))
	case store.ProblemAudit:
		return fmt.Sprintf("%s: %s does not fit the calls' results: it should be %s, the database says %s (changed behind phoneaudit's back)",
			rec, fieldLabel(lang.EN, p), yesNo(lang.EN, p.Was), yesNo(lang.EN, p.Now))
	case store.ProblemAuditMissing:
		return fmt.Sprintf("%s is missing: the calls' results give it (deleted behind phoneaudit's back)", rec)
	case store.ProblemAuditExtra:
		return fmt.Sprintf("%s has no finished call behind it (added behind phoneaudit's back)", rec)
	case store.ProblemHead:
		return fmt.Sprintf("%s: the data check code %s it recorded is not in the ledger: the ledger was rewritten, and the bulletin printing it no longer checks against the records", rec, p.Now)
	case store.ProblemHeadOrder:
		if p.Now == "" {
			return fmt.Sprintf("%s records no data check code, though those published before it do (changed behind phoneaudit's back)", rec)
		}
		return fmt.Sprintf("%s: the data check code %s it recorded is ledger entry %s, not the last one before it: the ledger was rewritten", rec, p.Now, p.Was)
	case store.ProblemText:
		return fmt.Sprintf("%s: the stored %s does not match its checksum (SHA-256 recorded %s, is %s): it was changed", rec, textLabel(lang.EN, p), p.Was, p.Now)
	}
	return rec
}

// shown writes an empty value so it can be seen.
func shown(v string, en bool) string {
	if v != "" {
		return v
	}
	if en {
		return "(empty)"
	}
	return "（空）"
}

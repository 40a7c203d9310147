package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
	"phoneaudit/tabular"
)

// FaultText is err in language l: every store.Fault in it stated in l's words, the kind it comes
// from left out where the statement says it all (a Chinese reader gets no trailing "invalid").
// ok is false when err holds no fault. English keeps the store's own words.
func FaultText(l lang.Lang, err error) (text string, ok bool) {
	var line lineStatement
	if errors.As(err, &line) { // a line of an imported file
		if l == lang.EN {
			return err.Error(), true
		}
		return strings.Replace(err.Error(), line.Error(), lineZH(line), 1), true
	}
	var f *store.Fault
	if !errors.As(err, &f) {
		return "", false
	}
	if l == lang.EN {
		return err.Error(), true
	}
	return strings.Replace(err.Error(), f.Error(), faultZH(f), 1), true
}

// lineStatement is what is wrong with a line of an imported file (package imports).
type lineStatement interface {
	error
	LineStatement() (file string, line int, format string, args []any, ok bool)
}

// lineZH states a line's fault in Chinese: 结果.csv 第 3 行：…
func lineZH(e lineStatement) string {
	file, line, format, args, ok := e.LineStatement()
	where := file
	if line > 0 {
		where = fmt.Sprintf("%s 第 %d 行", file, line)
	}
	if !ok { // it stands on another error: that one's words
		if t, isFault := FaultText(lang.ZH, errors.Unwrap(e)); isFault {
			return where + "：" + t
		}
		return e.Error()
	}
	zh, known := faultWords[format]
	if !known {
		return e.Error()
	}
	for i, a := range args {
		args[i] = statusWord(a)
	}
	return where + "：" + fmt.Sprintf(zh, args...)
}

// faultZH states one fault in Chinese, then what it comes from.
func faultZH(f *store.Fault) string {
	format, ok := faultWords[f.Format]
	if !ok {
		return f.Error() // a statement without its Chinese: the English stands (TestEveryFaultIsWorded)
	}
	args := make([]any, len(f.Args))
	for i, a := range f.Args {
		args[i] = statusWord(a)
	}
	s := fmt.Sprintf(format, args...)
	var inner *store.Fault
	switch {
	case f.Err == nil:
	case errors.As(f.Err, &inner):
		if t, _ := FaultText(lang.ZH, f.Err); t != "" {
			s += "：" + t
		}
	case kindSaysNothing(f.Err):
	default:
		s += "：" + reasonZH(f.Err)
	}
	return s
}

// reasonZH is what a fault comes from, in Chinese where it is a kind phoneaudit or the system
// names: a missing file or folder, no permission, a full disk.
func reasonZH(err error) string {
	switch {
	case errors.Is(err, tabular.ErrFileType):
		return "只能写出 .csv 或 .xlsx 文件"
	case errors.Is(err, tabular.ErrNoTemp):
		return "无法在这里建立临时文件"
	case errors.Is(err, fs.ErrNotExist):
		return "不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘已满"
	}
	return errText(lang.ZH, err)
}

// kindSaysNothing: the kinds whose words a statement already says.
func kindSaysNothing(err error) bool {
	for _, k := range []error{store.ErrInvalid, store.ErrNotFound, store.ErrRoundState, store.ErrAlreadyExist,
		store.ErrPermission, store.ErrForbidden} {
		if err == k {
			return true
		}
	}
	return false
}

// statusWord puts a status the store names in English (a round's, a call's, a sheet's) in
// Chinese; any other fact stays as it is.
func statusWord(a any) any {
	s, ok := a.(string)
	if !ok {
		if cs, ok := a.(scoring.CallStatus); ok {
			return cs.Label(lang.ZH)
		}
		return a
	}
	switch s {
	case store.RoundPlanning, store.RoundOpen, store.RoundClosed, store.RoundPublished:
		return roundStatusLabel(lang.ZH, s)
	case "draft":
		return "草稿"
	case "submitted":
		return "已提交"
	case "abandoned":
		return "已放弃"
	case "dropped":
		return "已移出"
	case "offices": // what a list holds (package imports)
		return "科室"
	case "auditors":
		return "测评员"
	case "scenarios":
		return "咨询事项"
	case "results":
		return "结果"
	}
	if st := scoring.CallStatus(s); st.Label(lang.ZH) != s && st.Label(lang.ZH) != "" {
		return st.Label(lang.ZH)
	}
	return s
}

// faultWords are the Chinese statements of the store's faults, by their English format.
var faultWords = map[string]string{
	"%d is not a value of %s":                                                          "%d 不是%s的有效值",
	"%s has no call in this round":                                                     "%s在这一轮没有电话",
	"%s is not active and cannot be planned":                                           "%s已停用，不能排入计划",
	"%s may not open a score sheet for %s":                                             "%s不能替%s打开评分表",
	"%s was already merged":                                                            "%s已经合并过了",
	"%s was merged into %s: merging back would make a loop":                            "%s已并入%s：再并回去会形成循环",
	"%s · %s already exists (use merge to join two offices)":                           "%s · %s 已经存在（要把两个科室并为一个，用合并）",
	"a consensus needs a reason":                                                       "合议评分需要写明原因",
	"a consensus sheet is not a panel sheet and cannot be dropped":                     "合议评分表不是小组成员的评分表，不能移出",
	"a lead dropped your score sheet on the call to %s · %s: you cannot join it again": "组长已移出你在 %s · %s 这次电话上的评分表：不能再加入",
	"a report needs the office's response":                                             "登记反馈需要写明科室的整改情况",
	"a round named %s already exists":                                                  "已经有名为 %s 的轮次",
	"a round needs a name, e.g. 2026年第3轮":                                              "轮次需要名称，例如 2026年第3轮",
	"a score sheet is opened by a session of the screens":                              "评分表只能在界面里打开",
	"a score sheet of this call is already submitted; its attempts stand":              "这次电话已有提交的评分表，拨打记录不能再改",
	"accepting the aggregate needs a reason":                                           "采用汇总结果需要写明原因",
	"amendment %d":                                                                     "修正 %d",
	"an amendment needs a reason":                                                      "修正需要写明原因",
	"an office cannot be merged into itself":                                           "科室不能并入它自己",
	"answer for %q, which the round's rubric does not have":                            "%q 不是本轮测评标准里的项目",
	"calendar date %q is not a date like 2026-10-01":                                   "日历里的 %q 不是日期（应像 2026-10-01）",
	"call %d": "电话 %d",
	"call %d is another auditor's: %s may not read it":       "电话 %d 是别的测评员的：%s 不能查看",
	"call %d is not in this round":                           "电话 %d 不在这一轮",
	"call %d: an offset cannot be negative":                  "电话 %d：录音位置不能是负数",
	"call %d: no office %d":                                  "电话 %d：没有科室 %d",
	"calls can be added only to a round in planning or open": "只能往筹备中或进行中的轮次里加电话",
	"cannot hash the recording %s":                           "无法计算录音 %s 的校验码",
	"cannot look at the recording %s":                        "无法查看录音 %s",
	"date %q is not a date like 2026-11-27":                  "%q 不是日期（应像 2026-11-27）",
	"dropping a score sheet needs a reason":                  "移出评分表需要写明原因",
	"extending a deadline needs a reason":                    "延期需要写明原因",
	"handing a call on needs a reason":                       "转交电话需要写明原因",
	"line %d":                                                "第 %d 行",
	"line %d: %s is already on line %d (names are the key: write 张伟(人社) and 张伟(城管))": "第 %d 行：%s 已经在第 %d 行（名字是区分测评员的依据：请写成 张伟(人社) 和 张伟(城管)）",
	"line %d: %s · %s is the same office as line %d":                                 "第 %d 行：%s · %s 与第 %d 行是同一个科室",
	"line %d: department and office must not be empty":                               "第 %d 行：单位和科室不能为空",
	"line %d: role %q must be auditor or lead":                                       "第 %d 行：角色 %q 应为 auditor（测评员）或 lead（组长）",
	"no active office %s · %s to plan":                                               "没有可排计划的在用科室 %s · %s",
	"no active office matches (categories: %s)":                                      "没有符合的在用科室（类别：%s）",
	"no auditor named %s":                                                            "没有名为 %s 的测评员",
	"no auditor named %s: a consensus sheet is a named lead's (use --as NAME)":       "没有名为 %s 的测评员：合议评分表要以一位登记的组长的名义填写（用 --as 姓名）",
	"no auditor named %s: only a registered auditor can join a call":                 "没有名为 %s 的测评员：只有登记的测评员才能加入评分",
	"no auditor named %s: only a registered auditor opens a score sheet":             "没有名为 %s 的测评员：只有登记的测评员才能打开评分表",
	"no call %d":                                 "没有电话 %d",
	"no call to link the recording %s to":        "没有可以关联录音 %s 的电话",
	"no notice %d":                               "没有整改通知 %d",
	"no office %s · %s":                          "没有科室 %s · %s",
	"no published %s %s bulletin for this round": "这一轮没有已发布的 %s %s 通报",
	"no round %d":                                "没有轮次 %d",
	"no round %q (give its number or its exact name; `round list` shows them)": "没有轮次 %q（用序号或完整名称；phoneaudit round list 列出全部轮次）",
	"no round with id %d":  "没有编号为 %d 的轮次",
	"no rubric version %d": "没有第 %d 版测评标准",
	"no score sheet %d":    "没有评分表 %d",
	"notice status %q is not issued, reported, verified, withdrawn or overdue": "整改状态 %q 不是 issued、reported、verified、withdrawn 或 overdue",
	"outcome code %d is not one of 11, 12, 13, 14, 21, 22, 23":                 "结果代码 %d 不是 11、12、13、14、21、22、23 之一",
	"re-opening a closed round needs a reason":                                 "重新开始已结束的轮次需要写明原因",
	"reading the flag of %s · %s":                                              "读取 %s · %s 的标记",
	"reading the role of %s":                                                   "读取 %s 的角色",
	"recording %s":                                                             "录音 %s",
	"recording %s is not a file":                                               "录音 %s 不是文件",
	"round %s":                                                                 "轮次 %s",
	"round %s already has %d calls; move single calls with `round move`":       "轮次 %s 已有 %d 个电话；单个电话用 phoneaudit round move 调整",
	"round %s has %d calls neither done nor unreachable; they would become not audited (use --force to close anyway)": "轮次 %s 还有 %d 个电话既未完成也未判定无法接通；结束后它们记为未测评（确要结束请加 --force）",
	"round %s has %d calls that need review; a lead must settle them before publication":                              "轮次 %s 还有 %d 个电话待复核：组长复核后才能发布",
	"round %s has no working day between %s and %s":                                                                   "轮次 %s 在 %s 到 %s 之间没有工作日",
	"round %s is %s, not open":                                                                                                "轮次 %s %s，不在进行中",
	"round %s is %s: a review is recorded while it is open or closed":                                                         "轮次 %s %s：复核只能在进行中或已结束时记录",
	"round %s is %s: its plan can no longer change":                                                                           "轮次 %s %s：计划不能再改",
	"round %s is %s: nothing in it can be amended yet":                                                                        "轮次 %s %s：还没有可以修正的记录",
	"round %s is %s; only a closed round can be published":                                                                    "轮次 %s %s：只有已结束的轮次才能发布",
	"round %s is %s; only a closed round of phoneaudit's own calls can be re-opened":                                          "轮次 %s %s：只有本程序拨打的、已结束的轮次才能重新开始",
	"round %s is %s; only a round in planning can be opened":                                                                  "轮次 %s %s：只有筹备中的轮次才能开始",
	"round %s is %s; only a round in planning can be planned":                                                                 "轮次 %s %s：只有筹备中的轮次才能排计划",
	"round %s is %s; only an open round can be closed":                                                                        "轮次 %s %s：只有进行中的轮次才能结束",
	"round %s is not published: only a published round has corrections":                                                       "轮次 %s 还没有发布：只有已发布的轮次才有更正",
	"round %s is still open; close it first (one round is open at a time)":                                                    "轮次 %s 还在进行中：先结束它（同一时间只能有一轮进行中）",
	"round %s was published without a snapshot of what it printed":                                                            "轮次 %s 发布时没有留下通报内容的快照",
	"round name %q is all digits; give a name such as 2026年第3轮":                                                               "轮次名称 %q 全是数字：请起一个名字，例如 2026年第3轮",
	"score sheet %d is another rater's: %s may not read it (sheets are blind)":                                                "评分表 %d 是别人的：%s 不能查看（评分互不可见）",
	"score sheet %d is not %s's":                                                                                              "评分表 %d 不是 %s 的",
	"score sheet %d is not a draft":                                                                                           "评分表 %d 不是草稿",
	"seconds to answer cannot be negative":                                                                                    "接通秒数不能是负数",
	"stored reasons are damaged":                                                                                              "保存的问题原因已损坏",
	"stored rubric version %d is damaged":                                                                                     "保存的第 %d 版测评标准已损坏",
	"the amended call to %s · %s does not score":                                                                              "修正后 %s · %s 的这次电话不能评分",
	"the amended sheet is not complete: %s not set":                                                                           "修正后的评分表不完整：%s 没有填",
	"the answers stored with an amendment are damaged":                                                                        "修正记录里保存的评分已损坏",
	"the call has answers on its score sheet; undo them before the dial":                                                      "这次电话的评分表上已有评分：先撤销评分，再撤销拨打",
	"the call has no attempt to undo":                                                                                         "这次电话没有可撤销的拨打",
	"the call to %s · %s did not settle after the review (%s)":                                                                "复核后 %s · %s 的这次电话仍未定论（%s）",
	"the call to %s · %s does not need review":                                                                                "%s · %s 的这次电话不需要复核",
	"the call to %s · %s has already been dialled and cannot be moved":                                                        "%s · %s 的这次电话已经拨打过，不能调整",
	"the call to %s · %s is %s and was not scored: there is no score to amend":                                                "%s · %s 的这次电话%s，没有评分：没有可修正的",
	"the call to %s · %s is %s's: only its caller or a lead may change it":                                                    "%s · %s 的这次电话是%s的：只有拨打的测评员或组长能改",
	"the call to %s · %s is already %s":                                                                                       "%s · %s 的这次电话已经%s",
	"the call to %s · %s is not an imported result; amend its score sheet instead":                                            "%s · %s 的这次电话不是导入的结果：请修正它的评分表",
	"the call to %s · %s is not running (%s): a panel joins a call being dialled or answered":                                 "%s · %s 的这次电话没有在进行（%s）：只能加入正在拨打或通话中的电话",
	"the call to %s · %s needs review: settle it with a consensus first":                                                      "%s · %s 的这次电话待复核：先做合议评分",
	"the call was already answered (%d); no more dials":                                                                       "这次电话已经接通（%d）：不能再拨",
	"the consensus sheet is not complete: %s not set":                                                                         "合议评分表不完整：%s 没有填",
	"the new deadline %s must be later than the current one, %s":                                                              "新的期限 %s 要晚于现在的期限 %s",
	"the new department and office names must not be empty":                                                                   "新的单位和科室名称不能为空",
	"the recording %s has no SHA-256":                                                                                         "录音 %s 没有校验码",
	"the round ends (%s) before it starts (%s)":                                                                               "轮次的结束日期（%s）早于开始日期（%s）",
	"the round was made by a results import and has no rubric":                                                                "这一轮是导入的结果，没有测评标准",
	"the score sheet is %s, not a draft":                                                                                      "评分表%s，不是草稿",
	"the score sheet is %s; only a submitted sheet is amended (a draft is still edited)":                                      "评分表%s：只有已提交的评分表才能修正（草稿直接修改即可）",
	"the score sheet is already %s":                                                                                           "评分表已经%s",
	"the score sheet is already submitted and stands":                                                                         "评分表已经提交，不能再改",
	"the sheet is not complete: %s not set":                                                                                   "评分表不完整：%s 没有填",
	"the sheet of the caller %s is not a panel sheet: the caller abandons it instead":                                         "拨打人 %s 的评分表不是小组成员的评分表：应由拨打人自己放弃",
	"the stored time zone %q is unknown":                                                                                      "保存的时区 %q 无法识别",
	"there are no auditors to place the calls: import them first (phoneaudit import auditors FILE)":                           "没有测评员可以安排电话：先导入测评员（phoneaudit import auditors 文件）",
	"these are the result's values already: nothing to amend":                                                                 "结果已经是这些值：没有要修正的",
	"these are the sheet's answers already: nothing to amend":                                                                 "评分表已经是这些评分：没有要修正的",
	"unknown time zone %q: use a name such as Asia/Shanghai":                                                                  "无法识别的时区 %q：请用 Asia/Shanghai 这样的名称",
	"round %s is not published yet; notices are issued when it is (round publish)":                                            "轮次 %s 还没有发布：整改通知在发布时下发（phoneaudit round publish）",
	"cannot create the folder %s":                                                                                             "无法创建文件夹 %s",
	"%s · %s has a problem in round %s but no notice":                                                                         "%s · %s 在轮次 %s 存在问题，却没有整改通知",
	"round %s has a correction not yet published, and its notices follow the correction: publish it first (round correct %d)": "轮次 %s 有未发布的更正，整改通知要随更正调整：先发布更正（phoneaudit round correct %d）",
	"%s":              "%s",
	"cannot write %s": "无法写入 %s",
	"cannot replace it (is it open in another program?)": "无法替换原文件（是不是在别的程序里打开着？）",
	"folder %s": "文件夹 %s",
	"%s already exists; choose a new file name for the backup": "%s 已经存在：请给备份换一个新的文件名",
	"%s: cannot apply %s":                                                     "%s：无法执行 %s",
	"cannot create the database %s":                                           "无法创建数据库 %s",
	"cannot create the folder for the database %s":                            "无法为数据库 %s 创建文件夹",
	"cannot find the home folder for the database":                            "找不到存放数据库的主文件夹",
	"cannot open the database %s":                                             "无法打开数据库 %s",
	"cannot read the database %s":                                             "无法读取数据库 %s",
	"the folder %s":                                                           "文件夹 %s",
	"cannot write the backup %s":                                              "无法写入备份 %s",
	"the backup %s is written, but its folder could not be synced":            "备份 %s 已写好，但它所在的文件夹没能同步到磁盘",
	"a stored snapshot is damaged":                                            "保存的通报快照已损坏",
	"appending the %s record %d to the ledger":                                "把 %s 记录 %d 写入数据台账",
	"checking the publications and corrections":                               "核对已发布的通报和更正",
	"checking the recordings":                                                 "核对录音文件",
	"encoding the %s record %d for the ledger":                                "为数据台账整理 %s 记录 %d",
	"encoding the snapshot of round %d":                                       "整理第 %d 轮的通报快照",
	"ledger head %q is not hex digits (0-9, a-f)":                             "数据校验码 %q 不是十六进制数字（0-9、a-f）",
	"ledger head %q: give at least 8 of its hex digits":                       "数据校验码 %q：至少给出它的前 8 位",
	"ledger head %s is not in this database's ledger":                         "数据校验码 %s 不在这个数据库的数据台账里",
	"ledger head %s matches more than one entry: give more of its digits":     "数据校验码 %s 对得上不止一条记录：请多给几位",
	"looking for records missing from the ledger":                             "查找没有写入数据台账的记录",
	"reading the %s record %d for the ledger":                                 "为数据台账读取 %s 记录 %d",
	"reading the publications' heads":                                         "读取已发布通报的数据校验码",
	"the %s record %d is no longer in the database":                           "%s 记录 %d 已不在数据库里",
	"verifying the ledger":                                                    "校验数据台账",
	"working out the audits and streaks again":                                "重新计算测评记录和连续次数",
	"working out the calls' results again":                                    "重新计算每次电话的结果",
	"%s line %d":                                                              "%s 第 %d 行",
	"%s line %d: %s holds %d characters, more than %d: the file looks broken": "%s 第 %d 行：%s 有 %d 个字符，超过 %d 个：文件像是坏了",
	"%s line %d: a \" inside a cell that does not start with \"; put the whole cell in quotes and double the \" (\"\")": "%s 第 %d 行：格子里有一个 \"，但格子不是以 \" 开头的：把整个格子放进引号里，并把里面的 \" 写成两个（\"\"）",
	"%s line %d: a \" inside a quoted cell must be doubled (\"\")":                                                      "%s 第 %d 行：引号里的 \" 要写成两个（\"\"）",
	"%s line %d: a NUL byte; this is not a CSV text file":                                                               "%s 第 %d 行：有空字节（NUL）：这不是 CSV 文本文件",
	"%s line %d: cannot read cell %s":                                                                                   "%s 第 %d 行：读不了格子 %s",
	"%s line %d: cannot read the row":                                                                                   "%s 第 %d 行：读不了这一行",
	"%s line %d: columns %s and %s are both %s; keep only one of them":                                                  "%s 第 %d 行：%s 列和 %s 列都是“%s”：只留一列",
	"%s line %d: invalid GB18030 bytes (the file is neither UTF-8 nor GBK there)":                                       "%s 第 %d 行：不是有效的 GB18030 字节（这里既不是 UTF-8 也不是 GBK）",
	"%s line %d: invalid UTF-8 bytes (the file is damaged there)":                                                       "%s 第 %d 行：不是有效的 UTF-8 字节（文件在这里坏了）",
	"%s line %d: unterminated quote (a cell opens with \" that is never closed)":                                        "%s 第 %d 行：引号没有闭合（一个格子以 \" 开头，却没有结束的 \"）",
	"%s: an old Excel .xls file or a workbook with a password; in Excel save it as .xlsx without a password":            "%s：这是旧的 Excel .xls 文件或带密码的工作簿：请在 Excel 里另存为不带密码的 .xlsx",
	"%s: cannot decode as GB18030":                                                                                      "%s：无法按 GB18030 解码",
	"%s: cannot read CSV":                                                                                               "%s：读不了 CSV",
	"%s: cannot read sheet %s":                                                                                          "%s：读不了工作表 %s",
	"%s: not an Excel .xlsx file":                                                                                       "%s：不是 Excel .xlsx 文件",
	"%s: not an Excel .xlsx file (a zip archive of something else)":                                                     "%s：不是 Excel .xlsx 文件（是别的内容的 zip 压缩包）",
	"%s: not an Excel .xlsx file (it has no worksheet)":                                                                 "%s：不是 Excel .xlsx 文件（里面没有工作表）",
	"%s: old Excel .xls files cannot be read; in Excel save it as .xlsx or CSV":                                         "%s：读不了旧的 Excel .xls 文件：请在 Excel 里另存为 .xlsx 或 CSV",
	"%s: only .csv and .xlsx files can be read":                                                                         "%s：只能读取 .csv 和 .xlsx 文件",
	"%s: sheet %s is empty":                                                                                             "%s：工作表 %s 是空的",
	"%s: the file is UTF-16 text (Excel's \"Unicode text\"); in Excel save it as \"CSV UTF-8\"":                         "%s：这是 UTF-16 文本（Excel 的“Unicode 文本”）：请在 Excel 里另存为“CSV UTF-8”",
	"%s: the file is empty":                                                                                             "%s：文件是空的",
	"%s: the file is larger than %d MB; is it the right file?":                                                          "%s：文件超过 %d MB：是不是选错了文件？",
	"%s: this is an Excel workbook, not CSV text; name it .xlsx":                                                        "%s：这是 Excel 工作簿，不是 CSV 文本：请把扩展名改成 .xlsx",
	"%s: this is an old Excel .xls workbook, not CSV text; in Excel save it as CSV or .xlsx":                            "%s：这是旧的 Excel .xls 工作簿，不是 CSV 文本：请在 Excel 里另存为 CSV 或 .xlsx",
	"cannot open %s":         "无法打开 %s",
	"cannot read %s":         "无法读取 %s",
	"writing CSV":            "写入 CSV",
	"writing Excel workbook": "写入 Excel 工作簿",
	"%s · %s is not in the office list (check the names, or import it with the offices first)": "%s · %s 不在科室名单里（核对名称，或先把它和科室名单一起导入）",
	"round %s is published and takes no more results":                                          "轮次 %s 已发布，不再接受导入结果",
	"round %s already has results or calls for %s; they are not imported twice":                "轮次 %s 已有 %s 的结果或电话：不会重复导入",
	"no %s below the header row":                                                               "表头下面没有%s",
	"%s is empty":                                                                              "%s 是空的",
	"%s · %s is already on line %d (list each office once)":                                    "%s · %s 已经在第 %d 行（每个科室只列一次）",
	"角色 %q is neither 测评员 (auditor) nor 组长 (lead)":                                             "角色 %q 既不是 测评员 也不是 组长",
	"%s is already on line %d (names are the key: write 张伟(人社) and 张伟(城管))":                    "%s 已经在第 %d 行（名字是区分测评员的依据：请写成 张伟(人社) 和 张伟(城管)）",
	"轮次 %q is all digits; write the round's name, e.g. 2024年第3轮":                               "轮次 %q 全是数字：请写轮次的名称，例如 2024年第3轮",
	"是否存在问题 %q is neither 是 nor 否 (yes/no, 1/0, Y/N)":                                          "是否存在问题 %q 既不是 是 也不是 否（也可写 yes/no、1/0、Y/N）",
	"得分 %q is not a number from 0 to 100":                                                      "得分 %q 不是 0 到 100 之间的数",
	"withdrawing a notice needs a reason":                                                      "撤回整改通知需要写明原因",
	"得分 %s is not a number from 0 to 100":                                                      "得分 %s 不是 0 到 100 之间的数",
}

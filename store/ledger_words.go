package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// What verify says, in words a clerk understands: which record, which field, what it was and
// what it is now.

// kindWords names each kind of record.
var kindWords = map[string][2]string{
	kindSheet:       {"评分表", "score sheet"},
	kindCall:        {"电话", "call"},
	kindImport:      {"导入结果", "imported result"},
	kindConsensus:   {"复核（合议评分）", "review (consensus)"},
	kindAccept:      {"复核（采纳均分）", "review (aggregate accepted)"},
	kindAmendment:   {"更正", "amendment"},
	kindRegistry:    {"登记变更", "registry change"},
	kindClose:       {"结束轮次", "round close"},
	kindPublication: {"通报发布", "publication"},
}

// describe names a record from its encoding (nil: only its kind and id are known).
func describe(kind string, ref int64, record []byte) (zh, en string) {
	w, ok := kindWords[kind]
	if !ok {
		w = [2]string{kind, kind}
	}
	var f struct {
		RoundName  string `json:"round_name"`
		Department string `json:"department"`
		Office     string `json:"office"`
		Rater      string `json:"rater"`
		Entity     string `json:"entity"`
		Action     string `json:"action"`
	}
	_ = json.Unmarshal(record, &f) // a damaged record is named by its kind and id alone
	zh, en = fmt.Sprintf("%s %d", w[0], ref), fmt.Sprintf("%s %d", w[1], ref)
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
		return zh, en
	}
	if f.Rater != "" {
		return fmt.Sprintf("%s（%s，%s）", zh, what, f.Rater), fmt.Sprintf("%s (%s, %s)", en, what, f.Rater)
	}
	return fmt.Sprintf("%s（%s）", zh, what), fmt.Sprintf("%s (%s)", en, what)
}

// fieldWords names the fields of the records.
var fieldWords = map[string][2]string{
	"round": {"轮次", "round"}, "round_name": {"轮次", "round"},
	"department": {"单位名称", "department name"}, "office": {"科室名称", "office name"},
	"caller": {"测评员", "caller"}, "rater": {"评分人", "rater"}, "persona": {"身份", "persona"},
	"scenario": {"咨询事项", "scenario"}, "timer_started_at": {"计时开始时间", "timer start"},
	"attempts": {"拨打记录", "attempts"}, "answer_seconds": {"接通秒数", "seconds to answer"},
	"answered_staff_no": {"接听人工号", "answerer's staff number"}, "answered_name": {"接听人姓名", "answerer's name"},
	"notes": {"备注", "notes"}, "recording": {"录音", "recording"}, "file": {"录音文件", "recording file"},
	"offset": {"录音位置", "recording offset"}, "sha256": {"录音校验码", "recording SHA-256"},
	"status": {"状态", "status"}, "finished_at": {"完成时间", "finished at"}, "submitted_at": {"提交时间", "submitted at"},
	"imported_at": {"导入时间", "imported at"}, "needs_review": {"待复核", "needs review"},
	"result": {"结果", "result"}, "total": {"得分", "total"}, "grade": {"等级", "grade"},
	"problem": {"是否存在问题", "problem"}, "reasons": {"问题描述", "reasons"}, "scored": {"是否评分", "scored"},
	"dropped": {"撤下的评分表", "dropped sheets"}, "line": {"导入行号", "import line"},
	"kind": {"方式", "kind"}, "at": {"时间", "time"}, "by": {"操作人", "by"}, "reason": {"理由", "reason"},
	"consensus": {"合议评分表", "consensus sheet"}, "answers": {"评分", "answers"},
	"new_problem": {"更正后是否存在问题", "amended problem"}, "new_total": {"更正后得分", "amended total"},
	"new_reasons": {"更正后问题描述", "amended reasons"}, "after_publication": {"发布后更正", "after publication"},
	"entity": {"对象", "entity"}, "entity_id": {"对象编号", "entity id"}, "action": {"操作", "action"},
	"detail": {"内容", "detail"}, "deadline": {"整改期限", "deadline"}, "ledger_head": {"数据校验码", "data check code"},
	"texts": {"通报全文", "bulletin text"}, "checksums": {"通报校验码", "bulletin checksum"},
}

// fieldLabel names the field at path of a record: "服务态度" for an answer, "第2次拨打时间" for an
// attempt's time, "通报全文 zh/text" for a published text.
func (v *verifier) fieldLabel(ctx context.Context, record []byte, path []string) (zh, en string) {
	if len(path) == 0 {
		return "记录", "record"
	}
	last := path[len(path)-1]
	switch {
	case len(path) >= 2 && path[len(path)-2] == "answers":
		zh, en = v.criterionLabel(ctx, record, last)
		if slices.Contains(path, "consensus") {
			return "合议评分 " + zh, "consensus answer " + en
		}
		return zh, "answer " + en
	case path[0] == "attempts" && len(path) >= 2:
		n, _ := strconv.Atoi(path[1])
		w := fieldWords["attempts"]
		if len(path) == 3 {
			w = map[string][2]string{"at": {"时间", "time"}, "code": {"结果代码", "outcome code"}, "by": {"拨打人", "caller"}}[path[2]]
		}
		return fmt.Sprintf("第%d次拨打%s", n+1, strings.TrimPrefix(w[0], "拨打")), fmt.Sprintf("attempt %d %s", n+1, w[1])
	case path[0] == "texts" || path[0] == "checksums":
		w := fieldWords[path[0]]
		if len(path) == 2 {
			return w[0] + " " + last + " 的 SHA-256", w[1] + " " + last + " SHA-256"
		}
		return w[0], w[1]
	}
	if _, err := strconv.Atoi(last); err == nil && len(path) >= 2 {
		last = path[len(path)-2]
	}
	if w, ok := fieldWords[last]; ok {
		return w[0], w[1]
	}
	return strings.Join(path, "."), strings.Join(path, ".")
}

// criterionLabel names a criterion by the rubric of the record's round.
func (v *verifier) criterionLabel(ctx context.Context, record []byte, key string) (zh, en string) {
	var f struct {
		Round int `json:"round"`
	}
	var version int
	if json.Unmarshal(record, &f) == nil &&
		v.q.QueryRowContext(ctx, "SELECT coalesce(rubric_version, 0) FROM rounds WHERE number = ?", f.Round).Scan(&version) == nil && version > 0 {
		if r, err := v.s.rubricVersion(ctx, v.q, version); err == nil {
			if c, ok := r.Criterion(key); ok {
				return c.LabelZH, c.LabelEN
			}
		}
	}
	return key, key
}

// firstDifference compares two encodings of a record and finds the first field that differs,
// with its value in each (as text). same is true when they encode alike.
func firstDifference(was, now []byte) (path []string, a, b string, same bool) {
	if bytes.Equal(was, now) {
		return nil, "", "", true
	}
	var x, y any
	if decode(was, &x) != nil || decode(now, &y) != nil {
		return nil, clip(string(was)), clip(string(now)), false
	}
	path, a, b, same = diff(x, y, nil)
	if same { // equal values that encode apart (never for one encoder): report the whole record
		return nil, clip(string(was)), clip(string(now)), false
	}
	return path, a, b, false
}

func decode(b []byte, v *any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

func diff(x, y any, path []string) ([]string, string, string, bool) {
	switch xv := x.(type) {
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok {
			break
		}
		keys := make([]string, 0, len(xv)+len(yv))
		for k := range xv {
			keys = append(keys, k)
		}
		for k := range yv {
			if _, ok := xv[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			if p, a, b, same := diff(xv[k], yv[k], append(path, k)); !same {
				return p, a, b, false
			}
		}
		return nil, "", "", true
	case []any:
		yv, ok := y.([]any)
		if !ok {
			break
		}
		for i := 0; i < max(len(xv), len(yv)); i++ {
			var xe, ye any
			if i < len(xv) {
				xe = xv[i]
			}
			if i < len(yv) {
				ye = yv[i]
			}
			if p, a, b, same := diff(xe, ye, append(path, strconv.Itoa(i))); !same {
				return p, a, b, false
			}
		}
		return nil, "", "", true
	}
	a, b := show(x), show(y)
	if a == b && fmt.Sprintf("%T", x) == fmt.Sprintf("%T", y) {
		return nil, "", "", true
	}
	return slices.Clone(path), a, b, false
}

// show writes a value for a message: text as it is, nothing as "", others as JSON.
func show(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return clip(t)
	case json.Number:
		return t.String()
	case bool:
		if t {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(v)
	return clip(string(b))
}

// clip keeps a value short enough for a one-line message.
func clip(s string) string {
	const most = 80
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	r := []rune(s)
	return string(r[:most]) + "…"
}

// Text is the problem in one line, in lang (zh or en).
func (p VerifyProblem) Text(lang string) string {
	if lang == "en" {
		return p.textEN()
	}
	rec := p.RecordZH
	switch p.What {
	case ProblemChanged:
		return fmt.Sprintf("第 %d 条记录与数据库不符：%s的%s 原为 %s，现为 %s", p.Seq, rec, p.FieldZH, shown(p.Was, false), shown(p.Now, false))
	case ProblemGone:
		return fmt.Sprintf("第 %d 条记录所记的%s在数据库中已不存在", p.Seq, rec)
	case ProblemUnchained:
		return fmt.Sprintf("%s在数据库中，却不在数据校验链中（绕过 phoneaudit 添加或改动过）", rec)
	case ProblemEdited:
		return fmt.Sprintf("第 %d 条记录本身被改动过，校验值与内容不符：%s", p.Seq, rec)
	case ProblemBroken:
		return fmt.Sprintf("数据校验链在第 %d 条记录之前断开，有记录被删除或改动：%s", p.Seq, rec)
	case ProblemRecording:
		if p.Now == "" {
			return fmt.Sprintf("%s的录音文件 %s 不见了或无法读取", rec, p.File)
		}
		return fmt.Sprintf("%s的录音文件 %s 与记录的不符（SHA-256 原为 %s，现为 %s）", rec, p.File, p.Was, p.Now)
	}
	return rec
}

func (p VerifyProblem) textEN() string {
	rec := p.RecordEN
	switch p.What {
	case ProblemChanged:
		return fmt.Sprintf("ledger entry %d does not match the database: %s: %s was %s, is now %s",
			p.Seq, rec, p.FieldEN, shown(p.Was, true), shown(p.Now, true))
	case ProblemGone:
		return fmt.Sprintf("ledger entry %d: %s is no longer in the database", p.Seq, rec)
	case ProblemUnchained:
		return fmt.Sprintf("%s is in the database but not in the ledger (added or changed behind phoneaudit's back)", rec)
	case ProblemEdited:
		return fmt.Sprintf("ledger entry %d was edited: its hash does not match its content: %s", p.Seq, rec)
	case ProblemBroken:
		return fmt.Sprintf("the ledger is broken before entry %d (an entry was deleted or edited): %s", p.Seq, rec)
	case ProblemRecording:
		if p.Now == "" {
			return fmt.Sprintf("recording %s of %s is missing or cannot be read", p.File, rec)
		}
		return fmt.Sprintf("recording %s of %s differs from the one recorded (SHA-256 was %s, is now %s)", p.File, rec, p.Was, p.Now)
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

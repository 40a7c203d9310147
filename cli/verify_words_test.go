package cli

import (
	"strings"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// TestProblemText words the problems verify finds: the store's TestTamperedRecordsAreNamed and
// TestRecordingFilesAreRehashed make these problems by tampering with a real database and
// check their fields; here each is said in one line that names the record and the field, with
// the value recorded and the value now, and differs in English.
func TestProblemText(t *testing.T) {
	farm := store.RecordFacts{RoundName: "2026年第1轮", Department: "市农业农村局", Office: "农技站"}
	withRater := func(f store.RecordFacts, r string) store.RecordFacts { f.Rater = r; return f }
	changed := func(kind string, ref int64, rec store.RecordFacts, field []string, was, now string) store.VerifyProblem {
		return store.VerifyProblem{What: store.ProblemChanged, Seq: 16, Kind: kind, Ref: ref, Record: rec, Field: field, Was: was, Now: now}
	}
	score := changed("sheet", 4, withRater(farm, "王芳"), []string{"answers", "attitude"}, "5", "2")
	score.Criterion = scoring.Criterion{Key: "attitude", LabelZH: "服务态度", LabelEN: "attitude"}
	cases := []struct {
		name  string
		p     store.VerifyProblem
		field string // the field in Chinese, for a change
		text  string // in the Chinese line
	}{
		{"a score", score, "服务态度", "与数据库不符：评分表 4（2026年第1轮 市农业农村局 · 农技站，王芳）的服务态度 原为 5，现为 2"},
		{"a note", changed("call", 2, farm, []string{"notes"}, "态度较好，但让自己上网查材料清单", "态度很好"), "备注", "备注 原为 态度较好"},
		{"an attempt time", changed("call", 2, farm, []string{"attempts", "0", "at"}, "2026-11-27T02:00:00Z", "2026-11-27T01:55:00Z"),
			"第1次拨打时间", "第1次拨打时间 原为 2026-11-27T02:00:00Z"},
		{"an attempt code", changed("call", 2, farm, []string{"attempts", "0", "code"}, "21", "22"), "第1次拨打结果代码", "第1次拨打结果代码 原为 21，现为 22"},
		{"an office name stored on a call", changed("sheet", 4, withRater(farm, "王芳"), []string{"office"}, "农技站", "植保站"),
			"科室名称", "科室名称 原为 农技站，现为 植保站"},
		{"an amendment reason", changed("amendment", 1, farm, []string{"reason"}, "录音复听，态度扣一分", "无"), "理由", "理由 原为 录音复听，态度扣一分，现为 无"},
		{"a registry change detail", changed("registry", 14, store.RecordFacts{Entity: "office", Action: "rename"}, []string{"detail"},
			`{"department":"市人社局","name":"社会保险中心"}`, `{"name":"就业科"}`), "内容", "登记变更"},
		{"a consensus reason", changed("consensus", 1, store.RecordFacts{RoundName: "2026年第1轮", Department: "市人社局", Office: "社保中心"},
			[]string{"reason"}, "合议：首问推诿", "组长说了算"), "理由", "复核（合议评分）"},
		{"an imported result", changed("import", 3, store.RecordFacts{RoundName: "2025年第1轮", Department: "市人社局", Office: "社保中心"},
			[]string{"result", "problem"}, "true", "false"), "是否存在问题", "导入结果"},
		{"a publication text", changed("publication", 1, store.RecordFacts{RoundName: "2026年第1轮"}, []string{"texts", "zh/text"}, "53bf", "c7c3"),
			"通报全文 zh/text 的 SHA-256", "通报发布"},
		{"a recording's checksum on its call", changed("call", 2, farm, []string{"recording", "sha256"}, "30f1", strings.Repeat("ab", 32)),
			"录音校验码", "录音校验码"},
		{"a recording offset moved by hand", changed("call", 2, farm, []string{"recording", "offset"}, "125.5", "10"), "录音位置", "录音位置 原为 125.5"},
		{"an entry's time", changed("call", 2, farm, []string{"at"}, "2026-11-27T02:00:00Z", "2026-11-27T03:00:00Z"), "时间", "的时间 原为"},
		{"an entry's author", changed("call", 2, farm, []string{"by"}, "王芳", "某人"), "操作人", "的操作人 原为 王芳"},
		{"a whole record", changed("call", 2, farm, nil, "{", ""), "记录", "现为 （空）"},
		{"a ledger hash", store.VerifyProblem{What: store.ProblemEdited, Seq: 17, Kind: "amendment", Ref: 1, Record: farm}, "", "本身被改动过，校验值与内容不符：更正"},
		{"a ledger entry's author", store.VerifyProblem{What: store.ProblemEdited, Seq: 17, Kind: "amendment", Ref: 1, Record: farm}, "", "本身被改动过"},
		{"a deleted ledger entry", store.VerifyProblem{What: store.ProblemBroken, Seq: 21, Kind: "registry", Ref: 13,
			Record: store.RecordFacts{Entity: "round", Action: "import results"}, Was: "20", Now: "21"}, "", "数据校验链在第"},
		{"the newest ledger entries deleted", store.VerifyProblem{What: store.ProblemUnchained, Kind: "registry", Ref: 16,
			Record: store.RecordFacts{Entity: "round", Action: "publish"}}, "", "却不在数据校验链中"},
		{"a sheet added by hand", store.VerifyProblem{What: store.ProblemUnchained, Kind: "sheet", Ref: 5, Record: withRater(farm, "陈刚")}, "", "陈刚"},
		{"a recording changed", store.VerifyProblem{What: store.ProblemRecording, Kind: "call", Ref: 2, Record: farm,
			File: "/tmp/x/上午场.wav", Was: "30f1", Now: "a09e"}, "", "电话 2（2026年第1轮 市农业农村局 · 农技站）的录音文件 /tmp/x/上午场.wav 与记录的不符"},
		{"a recording deleted", store.VerifyProblem{What: store.ProblemRecording, Kind: "call", Ref: 2, Record: farm,
			File: "/tmp/x/上午场.wav", Was: "30f1"}, "", "上午场.wav 不见了或无法读取"},
		{"a sheet's total that does not fit its answers", store.VerifyProblem{What: store.ProblemResult, Kind: "sheet", Ref: 4,
			Record: withRater(farm, "王芳"), Field: []string{"total"}, Was: "80", Now: "100"}, "得分",
			"评分表 4（2026年第1轮 市农业农村局 · 农技站，王芳）的得分与其各项评分算出的不符：应为 80，库中记为 100"},
		{"a call's result", store.VerifyProblem{What: store.ProblemResult, Kind: "call", Ref: 2, Record: farm,
			Field: []string{"problem"}, Was: "false", Now: "true"}, "是否存在问题", "是否存在问题与其评分表和复核算出的不符：应为 否，库中记为 是"},
		{"an effective result", store.VerifyProblem{What: store.ProblemResult, Kind: "call", Ref: 2, Record: farm,
			Field: []string{"amended_problem"}, Was: "false", Now: "true"}, "更正后是否存在问题", "更正后是否存在问题"},
		{"an amendment's result", store.VerifyProblem{What: store.ProblemResult, Kind: "amendment", Ref: 1, Record: farm,
			Field: []string{"problem"}, Was: "false", Now: "true"}, "是否存在问题", "更正 1（2026年第1轮 市农业农村局 · 农技站）的是否存在问题与更正的内容算出的不符"},
		{"a forged flag", store.VerifyProblem{What: store.ProblemAudit, Kind: "latest_audits", Ref: 98, Round: 6, Record: farm,
			Field: []string{"streak"}, Was: "0", Now: "3"}, "连续存在问题轮数",
			"科室最新测评记录（红黄牌据此显示）（2026年第1轮 市农业农村局 · 农技站）的连续存在问题轮数与各次电话的结果算出的不符：应为 0，库中记为 3"},
		{"a person's audit", store.VerifyProblem{What: store.ProblemAudit, Kind: "person_audits", Round: 1, Person: "no:0231",
			Record: store.RecordFacts{RoundName: "2026年第1轮", Department: "市农业农村局", Office: "0231"}, Field: []string{"problem"}, Was: "false", Now: "true"},
			"是否存在问题", "接听人测评记录（2026年第1轮 市农业农村局 · 工号 0231）的是否存在问题"},
		{"an audit deleted", store.VerifyProblem{What: store.ProblemAuditMissing, Kind: "audits", Ref: 98, Round: 1, Record: farm}, "",
			"科室测评记录（2026年第1轮 市农业农村局 · 农技站）不见了"},
		{"an audit added", store.VerifyProblem{What: store.ProblemAuditExtra, Kind: "audits", Ref: 98, Round: 99,
			Record: store.RecordFacts{Department: "市农业农村局", Office: "农技站"}}, "", "科室测评记录（第99轮 市农业农村局 · 农技站）没有任何完成的电话与之对应"},
		{"a head not in the chain", store.VerifyProblem{What: store.ProblemHead, Seq: 24, Kind: "publication", Ref: 1,
			Record: store.RecordFacts{RoundName: "2026年第1轮"}, Now: "abab"}, "", "通报发布 1（2026年第1轮）记录的数据校验码 abab 不在数据校验链中"},
		{"a head out of order", store.VerifyProblem{What: store.ProblemHeadOrder, Seq: 24, Kind: "correction", Ref: 1,
			Record: store.RecordFacts{RoundName: "2026年第1轮"}, Was: "1", Now: "abab"}, "", "通报更正 1（2026年第1轮）记录的数据校验码 abab 是数据校验链的第 1 条"},
		{"a published text", store.VerifyProblem{What: store.ProblemText, Kind: "publication", Ref: 1,
			Record: store.RecordFacts{RoundName: "2026年第1轮"}, Field: []string{"zh/text"}, Was: "53bf", Now: "c7c3"}, "", "存档的通报全文 zh/text 与其校验码不符"},
	}
	for _, tc := range cases {
		if tc.field != "" {
			if got := fieldLabel(lang.ZH, tc.p); got != tc.field {
				t.Errorf("%s: the field is %q, want %q", tc.name, got, tc.field)
			}
		}
		zh := problemText(lang.ZH, tc.p)
		if !strings.Contains(zh, tc.text) || strings.Contains(zh, "\n") {
			t.Errorf("%s: the line reads %q, want it to contain %q", tc.name, zh, tc.text)
		}
		if en := problemText(lang.EN, tc.p); en == "" || en == zh || strings.Contains(en, "\n") {
			t.Errorf("%s: the English line reads %q", tc.name, en)
		}
	}
	if en := problemText(lang.EN, score); en != "ledger entry 16 does not match the database: score sheet 4 (2026年第1轮 市农业农村局 · 农技站, 王芳): answer attitude was 5, is now 2" {
		t.Errorf("the English line of a score: %q", en)
	}
}

package bulletin

import (
	"strings"
	"testing"
	"time"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

func TestCorrection(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	rude := []scoring.Reason{{Type: scoring.ProblemType("speak"), Code: "attitude", ZH: "态度生硬", EN: "rude"}}
	was := &scoring.SnapOffice{OfficeID: 7, Department: "市城市管理局", Office: "市容环境卫生管理科", Problem: true, Streak: 3,
		Calls: []scoring.SnapCall{{Status: scoring.Done, Total: "50", Grade: "fail", Problem: true, Reasons: rude}}}
	now := &scoring.SnapOffice{OfficeID: 7, Department: "市城市管理局", Office: "市容环境卫生管理科",
		Calls: []scoring.SnapCall{{Status: scoring.Done, Total: "85", Grade: "good"}}}
	c := CorrectionData{Round: 5, RoundName: "2026年第5轮", Seq: 1,
		PublishedAt: time.Date(2026, 10, 30, 9, 0, 0, 0, loc), Date: time.Date(2026, 11, 2, 15, 0, 0, 0, loc),
		Diff: scoring.SnapshotDiff{
			Offices: []scoring.OfficeDiff{{OfficeID: 7, Department: was.Department, Office: was.Office, Was: was, Now: now}},
			Counts:  []scoring.CountDiff{{Key: "red", Was: 4, Now: 3}},
		},
		Reasons:    map[int64][]CorrectionReason{7: {{RoundName: "2026年第5轮", At: time.Date(2026, 11, 1, 10, 0, 0, 0, loc), By: "姜中原", Reason: "录音复核"}}},
		Withdrawn:  []NoticeRef{{Number: "第5轮-006", Department: was.Department, Office: was.Office}},
		LedgerHead: "abc123", Build: "phoneaudit 0.2.0",
	}
	cases := []struct {
		l      lang.Lang
		format string
		want   []string
	}{
		{lang.ZH, "text", []string{"关于2026年第5轮电话暗访测评情况通报的更正说明（第1次更正）", "市纪委监委于2026年10月30日发布",
			"（市城市管理局 市容环境卫生管理科）", "原通报：50 分 不合格，存在问题：态度生硬；连续3次存在问题，予以通报批评。",
			"现更正为：85 分 良好，无问题；不予通报。", "更正原因：录音复核（2026年第5轮，2026年11月1日，姜中原）",
			"通报批评的科室由4个更正为3个。", "收回整改通知：第5轮-006（市城市管理局 市容环境卫生管理科）。", "原通报其余内容不变。",
			"2026年11月2日", "数据校验码：abc123", "程序版本：phoneaudit 0.2.0"}},
		{lang.ZH, "md", []string{"# 关于2026年第5轮", "## 一、更正的科室", "- **市城市管理局 市容环境卫生管理科**", "数据校验码：`abc123`"}},
		{lang.EN, "text", []string{"Correction 1 of the bulletin on the phone audit 2026年第5轮", "Published: 50 points fail, a problem: rude; a problem 3 audits in a row: criticised by name.",
			"Now: 85 points good, no problem; not named.", "Reason: 录音复核 (2026年第5轮", "offices criticised by name: 4, now 3.", "Withdrawn: 第5轮-006"}},
	}
	for _, tc := range cases {
		out, err := Correction(c, tc.l, tc.format)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(out), w) {
				t.Errorf("%s %s lacks %q:\n%s", tc.l, tc.format, w, out)
			}
		}
	}
	if _, err := Correction(CorrectionData{RoundName: "2026年第5轮"}, lang.ZH, "text"); err == nil {
		t.Error("a correction with no difference was written")
	}
	if _, err := Correction(c, lang.ZH, "docx"); err == nil {
		t.Error("an unknown format was accepted")
	}
}

package cli

import (
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"phoneaudit/store"
	"phoneaudit/tabular"
)

func TestImportGBKAndTitledXLSX(t *testing.T) {
	e := newEnv(t)
	db := e.path("t.db")
	gbk := e.writeGBK("科室名单.csv", "2026年市直单位重点科室名单\n\n"+
		"单位,科室,电话,类别\n"+
		"市人力资源和社会保障局,社会保险中心,０３９１－３５００８１４,民生\n"+
		"市市场监督管理局,登记注册科,0391-3500816,涉企\n")
	if out := e.ok("--db", db, "import", "offices", gbk); !strings.Contains(out, "已导入 2 个科室（新增 2，更新 0，未变 0）") {
		t.Errorf("import says %q", out)
	}
	xlsx := e.writeXLSX("科室名单.xlsx", [][]string{
		{"2026年重点科室名单（第二批）"},
		{"序号", "单位", "科室", "电话", "类别", "备注"},
		{"1", "市农业农村局", "农村经营管理科", "03913500899", "农业", "新增"},
		{"2", "市市场监督管理局", "登记注册科", "0391-3500816", "窗口", ""},
	})
	out := e.ok("--db", db, "import", "offices", xlsx)
	if !strings.Contains(out, "已导入 2 个科室（新增 1，更新 1，未变 0）") || !strings.Contains(out, "社会保险中心") {
		t.Errorf("re-import says %q; want 1 new, 1 updated and the office the file lacks", out)
	}
	want := "department,office,phone,category,active\r\n" +
		"市人力资源和社会保障局,社会保险中心,0391-3500814,民生,yes\r\n" +
		"市农业农村局,农村经营管理科,03913500899,农业,yes\r\n" +
		"市市场监督管理局,登记注册科,0391-3500816,窗口,yes\r\n"
	if got := e.ok("--db", db, "offices", "list", "--format", "csv"); got != want {
		t.Errorf("offices after both imports:\n%s\nwant:\n%s", got, want)
	}
}

func TestBrokenRowWritesNothing(t *testing.T) {
	e := newEnv(t)
	db := e.path("t.db")
	bad := e.write("offices.csv", officesCSV+"市城市管理局,市容环境卫生管理科,,城建\n")
	stderr := e.fails(exitFail, "--db", db, "import", "offices", bad)
	if !strings.Contains(stderr, "offices.csv 第 5 行") || !strings.Contains(stderr, "电话") {
		t.Errorf("the error does not name the file, the line and the column: %q", stderr)
	}
	if rows := parseCSV(t, e.ok("--db", db, "offices", "list", "--format", "csv")); len(rows) != 1 {
		t.Errorf("a refused import wrote offices: %q", rows)
	}

	e.ok("--db", db, "import", "offices", e.write("good.csv", officesCSV))
	results := e.write("results.csv", "轮次,单位,科室,是否存在问题\n"+
		"2025年第1轮,市市场监督管理局,登记注册科,是\n"+
		"2025年第1轮,市某局,某科,否\n")
	if stderr := e.fails(exitFail, "--db", db, "import", "results", results); !strings.Contains(stderr, "results.csv 第 3 行") {
		t.Errorf("unknown office: %q", stderr)
	}
	if rows := parseCSV(t, e.ok("--db", db, "round", "list", "--format", "csv")); len(rows) != 1 {
		t.Errorf("a refused results import made rounds: %q", rows)
	}
}

// threeRounds are past results: 甲 has problems in 1, 2, 3 (red); 乙 in 1 and 3 (no flag); 丙 in
// 2 and 3 (yellow); 丁 in 1 and 3 and is not audited in 2 (yellow: a gap neither breaks nor
// extends a streak).
const threeRounds = "轮次,单位,科室,是否存在问题,得分,问题描述\n" +
	"2025年第1轮,市甲局,甲科,是,50,推诿\n" +
	"2025年第1轮,市甲局,乙科,是,40,无人接听\n" +
	"2025年第1轮,市甲局,丙科,否,90,\n" +
	"2025年第1轮,市甲局,丁科,是,,态度生硬\n" +
	"2025年第2轮,市甲局,甲科,是,55,\n" +
	"2025年第2轮,市甲局,乙科,否,80,\n" +
	"2025年第2轮,市甲局,丙科,是,30,答复错误\n" +
	"2025年第2轮,市甲局,丁科,,,\n" +
	"2025年第3轮,市甲局,甲科,是,20,\n" +
	"2025年第3轮,市甲局,乙科,是,,占线\n" +
	"2025年第3轮,市甲局,丙科,是,58.5,\n" +
	"2025年第3轮,市甲局,丁科,是,10,\n"

func TestFlagsFromImportedResults(t *testing.T) {
	e := newEnv(t)
	db := e.path("t.db")
	e.ok("--db", db, "import", "offices", e.write("offices.csv", "单位,科室,电话\n市甲局,甲科,1\n市甲局,乙科,2\n市甲局,丙科,3\n市甲局,丁科,4\n"))
	out := e.ok("--db", db, "import", "results", e.write("results.csv", threeRounds))
	for _, want := range []string{"已导入 11 条测评结果", "跳过 1 行", "2025年第1轮、2025年第2轮、2025年第3轮"} {
		if !strings.Contains(out, want) {
			t.Errorf("import says %q, want %q in it", out, want)
		}
	}
	tests := []struct {
		args []string
		want string
	}{
		{nil, "level,department,office,streak,round,round_name\r\n" +
			"red,市甲局,甲科,3,3,2025年第3轮\r\n" +
			"yellow,市甲局,丁科,2,3,2025年第3轮\r\n" +
			"yellow,市甲局,丙科,2,3,2025年第3轮\r\n"},
		{[]string{"--round", "2"}, "level,department,office,streak,round,round_name\r\n" +
			"yellow,市甲局,甲科,2,2,2025年第2轮\r\n"},
		{[]string{"--round", "2025年第2轮"}, "level,department,office,streak,round,round_name\r\n" +
			"yellow,市甲局,甲科,2,2,2025年第2轮\r\n"},
		{[]string{"--round", "1"}, "level,department,office,streak,round,round_name\r\n"},
	}
	for _, tt := range tests {
		got := e.ok(append([]string{"--db", db, "flags", "--format", "csv"}, tt.args...)...)
		if got != tt.want {
			t.Errorf("flags %q:\n%s\nwant:\n%s", tt.args, got, tt.want)
		}
	}
	if out := e.ok("--db", db, "flags", "--round", "1"); !strings.Contains(out, "没有红牌或黄牌") {
		t.Errorf("no flags as of round 1, but the text says %q", out)
	}
	if stderr := e.fails(exitFail, "--db", db, "import", "results", e.path("results.csv")); !strings.Contains(stderr, "第 2 行") {
		t.Errorf("importing the same results twice: %q", stderr)
	}
	if rows := parseCSV(t, e.ok("--db", db, "round", "list", "--format", "csv")); !slices.Equal(rows[3], []string{"3", "2025年第3轮", "closed", "", "", "", "4", "4", "4"}) {
		t.Errorf("imported round 3 is listed as %q", rows[3])
	}
}

func TestRounds(t *testing.T) {
	e := newEnv(t)
	db := e.path("t.db")
	e.ok("--db", db, "import", "offices", e.write("offices.csv", officesCSV))
	e.ok("--db", db, "round", "new", "--name", "2026年第1轮", "--from", "2026/12/1", "--to", "2026-12-15")
	if stderr := e.fails(exitFail, "--db", db, "round", "new", "--name", "2026年第1轮"); !strings.Contains(stderr, "已经有") {
		t.Errorf("a second round of one name: %q", stderr)
	}
	want := "number,name,status,rubric,from,to,planned,done,problems\r\n1,2026年第1轮,planning,1,2026-12-01,2026-12-15,0,0,0\r\n"
	if got := e.ok("--db", db, "round", "list", "--format", "csv"); got != want {
		t.Errorf("round list:\n%s\nwant:\n%s", got, want)
	}
	e.ok("--db", db, "round", "open", "2026年第1轮")
	e.fails(exitFail, "--db", db, "round", "open", "1") // already open
	e.ok("--db", db, "round", "close", "1")
	if rows := parseCSV(t, e.ok("--db", db, "round", "list", "--format", "csv")); rows[1][2] != "closed" {
		t.Errorf("closed round listed as %q", rows[1])
	}

	// The demo's open round has calls to make: closing it needs --force.
	demo := e.demoCopy()
	stderr := e.fails(exitFail, "--db", demo, "round", "close", "6")
	if !strings.Contains(stderr, "--force") || !strings.Contains(stderr, "第6轮") {
		t.Errorf("closing with unfinished calls: %q", stderr)
	}
	if rows := parseCSV(t, e.ok("--db", demo, "round", "list", "--format", "csv")); rows[6][2] != "open" {
		t.Errorf("a refused close changed the round: %q", rows[6])
	}
	if out := e.ok("--db", demo, "round", "close", "2026年第6轮", "--force"); !strings.Contains(out, "未测评") {
		t.Errorf("forced close says %q", out)
	}
	if rows := parseCSV(t, e.ok("--db", demo, "round", "list", "--format", "csv")); rows[6][2] != "closed" {
		t.Errorf("forced close left %q", rows[6])
	}
}

func TestExportAfterDemoImportsElsewhere(t *testing.T) {
	db := demoDB(t)
	e := newEnv(t)
	e.ok("--db", db, "export", "--round", "5", "-o", e.path("r5.csv"))
	file, err := os.ReadFile(e.path("r5.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(file, utf8BOM) {
		t.Error("the exported CSV has no BOM")
	}
	header := parseCSV(t, string(file[len(utf8BOM):]))[0]
	if !slices.Equal(header[:6], []string{"轮次", "单位", "科室", "是否存在问题", "得分", "问题描述"}) {
		t.Errorf("export header begins %q", header[:6])
	}
	cols := []tabular.Column{{Key: "round", Names: []string{"轮次"}, Required: true}, {Key: "problem", Names: []string{"是否存在问题"}, Required: true}}
	recs, err := tabular.Read(e.path("r5.csv"), cols)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 100 {
		t.Errorf("%d rows, want one per call of the demo's round (100)", len(recs))
	}
	for _, r := range recs {
		if r.Values["round"] != "2026年第5轮" {
			t.Fatalf("line %d: round %q", r.Line, r.Values["round"])
		}
	}
	e.ok("--db", db, "export", "--round", "2026年第5轮", "--sheets", "-o", e.path("r5.xlsx"))
	if recs, err := tabular.Read(e.path("r5.xlsx"), cols); err != nil || len(recs) < 100 {
		t.Errorf("the sheets export has %d rows (%v)", len(recs), err)
	}
	e.fails(exitFail, "--db", db, "export", "--round", "99", "-o", e.path("x.csv"))

	// The export imports as past results into another database with the same offices.
	other := e.path("other.db")
	e.ok("--db", db, "offices", "list", "-o", e.path("offices.xlsx"))
	e.ok("--db", other, "import", "offices", e.path("offices.xlsx"))
	e.ok("--db", other, "import", "results", e.path("r5.csv"))
	theirs := parseCSV(t, e.ok("--db", db, "round", "list", "--format", "csv"))[5]
	ours := parseCSV(t, e.ok("--db", other, "round", "list", "--format", "csv"))[1]
	if ours[1] != theirs[1] || ours[8] != theirs[8] {
		t.Errorf("round 5 imported as %q; the demo has %q (same name and problem count wanted)", ours, theirs)
	}
}

func TestBackupAndDemo(t *testing.T) {
	e := newEnv(t)
	db := e.path("demo.db")
	out := e.ok("--db", db, "demo", "--seed", "7")
	if !strings.Contains(out, "已生成演示城市（种子 7）") || !strings.Contains(out, "100 个科室") {
		t.Errorf("demo says %q", out)
	}
	if stderr := e.fails(exitFail, "--db", db, "demo"); !strings.Contains(stderr, "已有数据") {
		t.Errorf("demo twice: %q", stderr)
	}
	e.ok("--db", db, "backup", e.path("copy.db"))
	for _, list := range [][]string{{"round", "list"}, {"flags"}, {"offices", "list"}} {
		args := append(list, "--format", "csv")
		if a, b := e.ok(append([]string{"--db", db}, args...)...), e.ok(append([]string{"--db", e.path("copy.db")}, args...)...); a != b {
			t.Errorf("%s differs in the backup", strings.Join(list, " "))
		}
	}
	if stderr := e.fails(exitFail, "--db", db, "backup", e.path("copy.db")); !strings.Contains(stderr, "copy.db") {
		t.Errorf("backup over a file: %q", stderr)
	}
	e.fails(exitFail, "--db", db, "backup", e.path("no/such/folder/copy.db"))
}

func TestEditsRecordWho(t *testing.T) {
	e := newEnv(t)
	db := e.path("t.db")
	e.ok("--db", db, "import", "offices", e.write("offices.csv", officesCSV))
	out := e.ok("--db", db, "offices", "set", "市市场监督管理局", "登记注册科", "--phone", "０３９１－１２３", "--as", "张伟(人社)")
	if !strings.Contains(out, "0391-3500816 → 0391-123") {
		t.Errorf("set says %q", out)
	}
	e.ok("--db", db, "offices", "rename", "市市场监督管理局", "登记注册科", "--to-office", "登记科")
	e.ok("--db", db, "offices", "merge", "市人力资源和社会保障局", "就业促进科", "--into-office", "社会保险中心")
	e.ok("--db", db, "offices", "deactivate", "市市场监督管理局", "登记科")
	want := "department,office,phone,category,active\r\n" +
		"市人力资源和社会保障局,就业促进科,0391-3500815,民生,no\r\n" +
		"市人力资源和社会保障局,社会保险中心,0391-3500814,民生,yes\r\n" +
		"市市场监督管理局,登记科,0391-123,涉企,no\r\n"
	if got := e.ok("--db", db, "offices", "list", "--format", "csv"); got != want {
		t.Errorf("after the edits:\n%s\nwant:\n%s", got, want)
	}
	e.fails(exitUsage, "--db", db, "offices", "rename", "市市场监督管理局", "登记科")

	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	changes, err := s.Changes(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var bySet string
	for _, c := range changes {
		if c.Action == "set" {
			bySet = c.By
		}
	}
	if bySet != "张伟(人社)" {
		t.Errorf("the phone change is recorded as made by %q, want 张伟(人社)", bySet)
	}
}

func TestCalendarRubricAndSettings(t *testing.T) {
	e := newEnv(t)
	db := e.path("t.db")
	cal := e.write("假日.csv", "日期,类型\n2026-10-01,休\n2026/10/2,休\n2026年10月11日,班\n")
	if out := e.ok("--db", db, "calendar", "load", cal); !strings.Contains(out, "已载入日历 3 天") {
		t.Errorf("calendar load says %q", out)
	}
	want := "date,weekday,kind\r\n2026-10-01,Thursday,off\r\n2026-10-02,Friday,off\r\n2026-10-11,Sunday,on\r\n"
	if got := e.ok("--db", db, "calendar", "show", "--year", "2026", "--format", "csv"); got != want {
		t.Errorf("calendar show:\n%s\nwant:\n%s", got, want)
	}
	if out := e.ok("--db", db, "calendar", "show", "--year", "2025"); !strings.Contains(out, "2025") {
		t.Errorf("an empty year says %q", out)
	}
	bad := e.write("bad.csv", "日期,类型\n2026-10-01,休\n2026-10-02,放风\n")
	if stderr := e.fails(exitFail, "--db", db, "calendar", "load", bad); !strings.Contains(stderr, "bad.csv 第 3 行") {
		t.Errorf("bad calendar line: %q", stderr)
	}

	if out := e.ok("--db", db, "rubric", "show"); !strings.Contains(out, "接听及时") || !strings.Contains(out, "及格线：60") || !strings.Contains(out, "事难办") {
		t.Errorf("rubric show:\n%s", out)
	}
	toml := e.ok("--db", db, "rubric", "show", "--toml")
	changed := strings.Replace(strings.Replace(toml, "pass_mark = 60", "pass_mark = 65", 1), `name = "默认测评标准"`, `name = "2027年测评标准"`, 1)
	if changed == toml {
		t.Fatalf("the TOML has no pass_mark = 60 or name line:\n%s", toml)
	}
	if out := e.ok("--db", db, "rubric", "load", e.write("new.toml", changed)); !strings.Contains(out, "第 2 版") {
		t.Errorf("rubric load says %q", out)
	}
	if out := e.ok("--db", db, "rubric", "show"); !strings.Contains(out, "及格线：65") {
		t.Errorf("the new rubric is not current:\n%s", out)
	}
	if out := e.ok("--db", db, "rubric", "show", "--version", "1"); !strings.Contains(out, "及格线：60") {
		t.Errorf("version 1 changed:\n%s", out)
	}
	e.ok("--db", db, "round", "new", "--name", "2027年第1轮")
	if rows := parseCSV(t, e.ok("--db", db, "round", "list", "--format", "csv")); rows[1][3] != "2" {
		t.Errorf("a new round uses rubric %q, want 2", rows[1][3])
	}
	if stderr := e.fails(exitFail, "--db", db, "rubric", "load", e.write("bad.toml", "name = \"x\"\npass_mark = \"high\"\n")); !strings.Contains(stderr, "bad.toml") {
		t.Errorf("a bad rubric file: %q", stderr)
	}
	e.fails(exitFail, "--db", db, "rubric", "show", "--version", "9")

	e.ok("--db", db, "settings", "tz", "Asia/Urumqi")
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if loc, err := s.Location(context.Background()); err != nil || loc.String() != "Asia/Urumqi" {
		t.Errorf("the zone is %v (%v)", loc, err)
	}
}

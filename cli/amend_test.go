package cli

import (
	"context"
	"database/sql"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// The demo city's offices the amendment tests use: round 5 (closed) scored 市发改委 · 固定资产投资科
// 100 with every criterion at the top; in round 4 (published) 市城市管理局 · 市容环境卫生管理科
// scored 62.5 on a rude answer (服务态度 0), its second problem in a row (yellow).
const (
	amendOffice     = "市发展和改革委员会/固定资产投资科"
	amendPublished  = "市城市管理局/市容环境卫生管理科"
	amendPublishedR = "4"
)

// amendmentCount is how many amendments the database holds.
func amendmentCount(t *testing.T, db string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM amendments").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// exportRow is the export of round's row for the office (单位/科室), by header name.
func exportRow(t *testing.T, e *env, db, round, office string) map[string]string {
	t.Helper()
	out := e.path("export-" + round + ".csv")
	e.ok("--db", db, "export", "--round", round, "-o", out)
	body, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows := parseCSV(t, string(body))
	dept, name, _ := strings.Cut(office, "/")
	for _, r := range rows[1:] {
		if r[1] == dept && r[2] == name {
			m := map[string]string{}
			for i, h := range rows[0] {
				m[h] = r[i]
			}
			return m
		}
	}
	t.Fatalf("export of round %s has no row for %s", round, office)
	return nil
}

func TestAmendASheetByKeyAndLabel(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	before := amendmentCount(t, db)
	// 答复准确 by its Chinese label, 首问负责 by its key: 100 − 15 (accuracy 5 → 2) − 15 = 70, and
	// passing the buck is a problem.
	out := e.ok("--db", db, "amend", "--round", "5", "--office", amendOffice,
		"--set", "答复准确=2", "--set", "ownership=n", "--reason", "复听录音，答复不准确")
	for _, want := range []string{"电话", "答复准确：5 → 2", "首问负责：是 → 否", "修正前：100分 · 优秀 · 无问题",
		"修正后：70分 · 合格 · 有问题：推诿扯皮", "连续有问题：0次 → 1次", "已保存修正"} {
		if !strings.Contains(out, want) {
			t.Errorf("amend output lacks %q:\n%s", want, out)
		}
	}
	if n := amendmentCount(t, db); n != before+1 {
		t.Fatalf("%d amendments after one, want %d", n, before+1)
	}
	// The export's criterion columns are points: 答复准确 2 of 5 earns 10 of 25.
	row := exportRow(t, e, db, "5", amendOffice)
	if row["得分"] != "70" || row["答复准确"] != "10" || row["首问负责"] != "0" || row["是否存在问题"] != "是" ||
		!strings.Contains(row["修正"], "复听录音，答复不准确") {
		t.Errorf("export after the amendment: 得分 %q, 答复准确 %q, 首问负责 %q, 是否存在问题 %q, 修正 %q",
			row["得分"], row["答复准确"], row["首问负责"], row["是否存在问题"], row["修正"])
	}

	// A second amendment keeps the first one's answers: only 首问负责 changes back (by its English
	// label), so the total is 85 and 答复准确 stays 2 (10 points).
	out = e.ok("--db", db, "--lang", "en", "amend", "--round", "5", "--office", amendOffice,
		"--set", "takes ownership=yes", "--reason", "the caller was referred properly")
	if !strings.Contains(out, "before: 70 points · pass · problem: passed the buck") ||
		!strings.Contains(out, "after:  85 points · good · no problem") || !strings.Contains(out, "amendment saved") {
		t.Errorf("second amendment, in English:\n%s", out)
	}
	if row := exportRow(t, e, db, "5", amendOffice); row["得分"] != "85" || row["答复准确"] != "10" || row["首问负责"] != "15" {
		t.Errorf("export after the second amendment: 得分 %q, 答复准确 %q, 首问负责 %q", row["得分"], row["答复准确"], row["首问负责"])
	}
}

func TestAmendRefusesWithOneLine(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	before := amendmentCount(t, db)
	base := []string{"--db", db, "amend", "--round", "5", "--office", amendOffice}
	cases := []struct {
		code int
		args []string
		want string
	}{
		{exitUsage, []string{"--set", "答复准确=2"}, "修正必须写明原因"},
		{exitUsage, []string{"--set", "答复准确=2", "--reason", "  "}, "修正必须写明原因"},
		{exitUsage, []string{"--set", "答复准确", "--reason", "x"}, "写成 项目=值"},
		{exitUsage, []string{"--reason", "x"}, "给出要修正的值"},
		{exitFail, []string{"--set", "答复=2", "--reason", "x"}, "--set 答复：评分标准「默认测评标准」里没有这一项"},
		{exitFail, []string{"--set", "答复准确=6", "--reason", "x"}, "答复准确=6：要 0 到 5 的整数"},
		{exitFail, []string{"--set", "首问负责=p", "--reason", "x"}, "首问负责=p：要 y/n（是/否）"},
		{exitFail, []string{"--set", "规范用语=maybe", "--reason", "x"}, "要 y/p/n（是/部分/否）"},
		{exitFail, []string{"--set", "接听及时=3", "--reason", "x"}, "来自电话的计时，修正时保持不变"},
		{exitFail, []string{"--set", "答复准确=5", "--reason", "x"}, "这些就是评分表现在的值：没有要修正的"},
		{exitFail, []string{"--set", "accuracy=2", "--call", "1", "--reason", "x"}, "没有电话 1；有："},
		{exitFail, []string{"--set", "accuracy=2", "--rater", "无此人", "--reason", "x"}, "没有 无此人 提交的评分表"},
	}
	for _, c := range cases {
		stderr := e.fails(c.code, append(slices.Clone(base), c.args...)...)
		if !strings.Contains(stderr, c.want) {
			t.Errorf("amend %v: stderr %q, want %q", c.args, stderr, c.want)
		}
	}
	en := e.fails(exitFail, "--db", db, "--lang", "en", "amend", "--round", "5", "--office", amendOffice, "--set", "accuracy=9", "--reason", "x")
	if !strings.Contains(en, "accurate answer=9: give a whole number from 0 to 5") {
		t.Errorf("English refusal: %q", en)
	}
	en = e.fails(exitFail, "--db", db, "--lang", "en", "amend", "--round", "5", "--office", amendOffice, "--set", "speed=9", "--reason", "x")
	if !strings.Contains(en, "--set speed: the rubric 默认测评标准 has no such criterion; it has: ") {
		t.Errorf("English refusal of an unknown key: %q", en)
	}
	rows := parseCSV(t, e.ok("--db", db, "auditors", "list", "--format", "csv"))
	auditor := ""
	for _, r := range rows[1:] {
		if r[1] == "auditor" {
			auditor = r[0]
			break
		}
	}
	if stderr := e.fails(exitFail, append([]string{"--as", auditor}, append(slices.Clone(base), "--set", "accuracy=2", "--reason", "x")...)...); !strings.Contains(stderr, auditor+" 是测评员：只有组长可以这样做（更正评分表）") {
		t.Errorf("an auditor amending: %q", stderr)
	}
	if n := amendmentCount(t, db); n != before {
		t.Fatalf("refused amendments wrote: %d amendments, want %d", n, before)
	}
}

func TestAmendPublishedRoundNeedsYes(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	before := amendmentCount(t, db)
	args := []string{"--db", db, "amend", "--round", amendPublishedR, "--office", amendPublished, "--set", "服务态度=5", "--reason", "复听录音，态度正常"}
	r := e.run(args...)
	if r.code != exitFail || !strings.Contains(r.stderr, "已发布：加 --yes 才保存这次修正（什么也没有写入）") {
		t.Fatalf("published round without --yes: exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{"服务态度：0 → 5", "修正前：62.5分 · 合格 · 有问题：态度生硬", "修正后：87.5分 · 良好 · 无问题",
		"连续有问题：2次（黄牌） → 0次", "已于 2026-", "发布：已发布的通报保持原样"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the preview lacks %q:\n%s", want, r.stdout)
		}
	}
	if n := amendmentCount(t, db); n != before {
		t.Fatalf("without --yes: %d amendments, want %d", n, before)
	}
	e.ok("--db", db, "verify")
	flags := e.ok("--db", db, "flags", "--round", amendPublishedR, "--format", "csv")
	if !strings.Contains(flags, "市容环境卫生管理科") {
		t.Fatalf("the preview changed the flags:\n%s", flags)
	}
	dept, name, _ := strings.Cut(amendPublished, "/")
	out := e.ok(append(args, "--yes")...)
	if !strings.Contains(out, "连续有问题：2次（黄牌） → 0次") || !strings.Contains(out, "已保存修正") {
		t.Errorf("with --yes:\n%s", out)
	}
	if n := amendmentCount(t, db); n != before+1 {
		t.Fatalf("with --yes: %d amendments, want %d", n, before+1)
	}
	if flags := e.ok("--db", db, "flags", "--round", amendPublishedR, "--format", "csv"); strings.Contains(flags, dept+","+name) {
		t.Errorf("the office is still flagged after the amendment printed streak 0:\n%s", flags)
	}
	e.ok("--db", db, "verify")
}

// TestAmendChoosesACallAndASheet gives an office of the open round a second finished call and
// another a panel of two sheets: without --call or --rater the command names them and refuses.
func TestAmendChoosesACallAndASheet(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	r6, err := s.FindRound(ctx, "6")
	if err != nil {
		t.Fatal(err)
	}
	calls, err := s.Calls(ctx, store.CallFilter{RoundID: r6.ID})
	if err != nil {
		t.Fatal(err)
	}
	var scored, planned []store.Call
	for _, c := range calls {
		switch {
		case c.Status == scoring.Done && c.Result.Scored && !c.Result.NeedsReview:
			scored = append(scored, c)
		case c.Status == scoring.ToCall:
			planned = append(planned, c)
		}
	}
	if len(scored) == 0 || len(planned) == 0 {
		t.Fatalf("round 6 of the demo has %d scored and %d planned calls", len(scored), len(planned))
	}
	auditors, err := s.Auditors(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// A second call to a scored office, hung up at once (14): done, a problem, not scored.
	two := scored[0]
	if err := s.AddCalls(ctx, r6.ID, []store.CallPlan{{OfficeID: two.OfficeID, AuditorID: two.AuditorID, Persona: two.Persona, Planned: s.Now()}}); err != nil {
		t.Fatal(err)
	}
	after, err := s.Calls(ctx, store.CallFilter{RoundID: r6.ID})
	if err != nil {
		t.Fatal(err)
	}
	var second store.Call
	for _, c := range after {
		if c.OfficeID == two.OfficeID && c.ID != two.ID {
			second = c
		}
	}
	if _, err := s.As(two.Auditor).AddAttempt(ctx, second.ID, s.Now(), scoring.HungUp); err != nil {
		t.Fatal(err)
	}

	// A panel: the caller and another auditor score a planned call alike.
	panel := planned[0]
	var other string
	for _, au := range auditors {
		if au.Role == "auditor" && au.ID != panel.AuditorID && au.Active {
			other = au.Name
			break
		}
	}
	rub, err := s.Rubric(ctx, r6.RubricVersion)
	if err != nil {
		t.Fatal(err)
	}
	caller, member := s.As(panel.Auditor), s.As(other)
	if _, err := caller.AddAttempt(ctx, panel.ID, s.Now(), scoring.Connected); err != nil {
		t.Fatal(err)
	}
	if err := caller.SetAnswerSeconds(ctx, panel.ID, 10); err != nil {
		t.Fatal(err)
	}
	joined, err := member.JoinCall(ctx, panel.ID)
	if err != nil {
		t.Fatal(err)
	}
	mine, err := caller.Draft(ctx, panel.ID, panel.Auditor)
	if err != nil {
		t.Fatal(err)
	}
	answers := scoring.Answers{"greeting": 2, "attitude": 4, "accuracy": 5, "ownership": 1, "closing": 1}
	for _, sh := range []struct {
		s  *store.Store
		id int64
	}{{member, joined}, {caller, mine}} {
		for k, v := range answers {
			c, _ := rub.Criterion(k)
			if err := sh.s.SaveAnswer(ctx, sh.id, c, v); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := sh.s.SubmitSheet(ctx, sh.id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	office := func(c store.Call) string { return c.Department + "/" + c.Office }
	stderr := e.fails(exitFail, "--db", db, "amend", "--round", "6", "--office", office(two), "--set", "accuracy=2", "--reason", "x")
	if !strings.Contains(stderr, "有 2 个电话：") || !strings.Contains(stderr, strconv.FormatInt(two.ID, 10)+" "+two.Auditor) ||
		!strings.Contains(stderr, strconv.FormatInt(second.ID, 10)+" ") || !strings.Contains(stderr, "用 --call ID 选一个") {
		t.Errorf("two calls: %q", stderr)
	}
	out := e.ok("--db", db, "amend", "--round", "6", "--office", office(two), "--call", strconv.FormatInt(two.ID, 10),
		"--set", "accuracy=2", "--reason", "复听录音")
	if !strings.Contains(out, "的电话 "+strconv.FormatInt(two.ID, 10)) || !strings.Contains(out, "已保存修正") {
		t.Errorf("--call: %s", out)
	}
	stderr = e.fails(exitFail, "--db", db, "amend", "--round", "6", "--office", office(two), "--call", strconv.FormatInt(second.ID, 10),
		"--set", "accuracy=2", "--reason", "x")
	if !strings.Contains(stderr, "没有评分：没有可修正的") {
		t.Errorf("an unscored call: %q", stderr)
	}

	stderr = e.fails(exitFail, "--db", db, "--lang", "en", "amend", "--round", "6", "--office", office(panel), "--set", "accuracy=2", "--reason", "x")
	if !strings.Contains(stderr, "has 2 score sheets: ") || !strings.Contains(stderr, panel.Auditor+" 95 points") ||
		!strings.Contains(stderr, other+" 95 points") || !strings.Contains(stderr, "choose one with --rater NAME") {
		t.Errorf("a panel: %q", stderr)
	}
	out = e.ok("--db", db, "amend", "--round", "6", "--office", office(panel), "--rater", other, "--set", "accuracy=2", "--reason", "复听录音")
	if !strings.Contains(out, "（"+other+"的评分表）") || !strings.Contains(out, "已保存修正") {
		t.Errorf("--rater: %s", out)
	}
}

// TestAmendAnImportedResult amends past results: 丙科 had problems in rounds 2 and 3 (yellow).
func TestAmendAnImportedResult(t *testing.T) {
	e := newEnv(t)
	db := e.path("t.db")
	e.ok("--db", db, "import", "offices", e.write("offices.csv", "单位,科室,电话\n市甲局,丙科,3\n"))
	e.ok("--db", db, "import", "results", e.write("results.csv", "轮次,单位,科室,是否存在问题,得分,问题描述\n"+
		"2025年第1轮,市甲局,丙科,否,90,\n2025年第2轮,市甲局,丙科,是,30,答复错误\n2025年第3轮,市甲局,丙科,是,58.5,\n"))
	base := []string{"--db", db, "amend", "--round", "3", "--office", "市甲局/丙科"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--set", "答复准确=3", "--reason", "x"}, "--set 答复准确：导入的结果只有 是否存在问题、得分、问题描述 可以修正"},
		{[]string{"--set", "得分=101", "--reason", "x"}, "得分=101：要 0 到 100 的数"},
		{[]string{"--set", "problem=maybe", "--reason", "x"}, "problem=maybe：要 是 或 否"},
		{[]string{"--set", "得分=58.5", "--reason", "x"}, "这些就是结果现在的值：没有要修正的"},
		{[]string{"--set", "得分=90", "--rater", "王芳", "--reason", "x"}, "是导入的结果，没有评分表"},
	} {
		if stderr := e.fails(exitFail, append(slices.Clone(base), c.args...)...); !strings.Contains(stderr, c.want) {
			t.Errorf("amend %v: stderr %q, want %q", c.args, stderr, c.want)
		}
	}
	out := e.ok(append(slices.Clone(base), "--set", "是否存在问题=否", "--set", "total=75", "--reason", "误判")...)
	for _, want := range []string{"（导入的结果）", "修正前：58.5分 · 不合格 · 有问题", "修正后：75分 · 良好 · 无问题",
		"连续有问题：2次（黄牌） → 0次", "已保存修正"} {
		if !strings.Contains(out, want) {
			t.Errorf("amending an imported result lacks %q:\n%s", want, out)
		}
	}
	if flags := e.ok("--db", db, "flags", "--round", "3", "--format", "csv"); strings.Contains(flags, "丙科") {
		t.Errorf("丙科 is still flagged as of round 3:\n%s", flags)
	}
	out = e.ok(append(slices.Clone(base), "--lang", "en", "--set", "reasons=答复错误", "--set", "problem=yes", "--reason", "re-checked")...)
	if !strings.Contains(out, "after:  75 points · good · problem: ") || !strings.Contains(out, "0 audits → 2 audits (yellow)") {
		t.Errorf("in English:\n%s", out)
	}
}

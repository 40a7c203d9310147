package cli

import (
	"strings"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// English counts one thing in the singular, and more in the plural; Chinese
// has one form.
func TestCommandsSayOneInTheSingular(t *testing.T) {
	e := newEnv(t)
	db := e.path("one.db")
	e.ok("--db", db, "import", "offices", e.write("offices.csv", "单位,科室,电话\n市甲局,甲科,1\n"))
	if out := e.ok("--lang", "en", "--db", db, "offices", "list"); !strings.Contains(out, "1 office, 1 active") {
		t.Errorf("offices list with one office:\n%s", out)
	}
	if out := e.ok("--lang", "en", "--db", db, "offices", "list", "-o", e.path("one.csv")); !strings.Contains(out, "(1 row)") {
		t.Errorf("offices list -o with one office: %q", out)
	}
	if out := e.ok("--db", db, "offices", "list"); !strings.Contains(out, "共 1 个科室，启用 1 个") {
		t.Errorf("offices list in Chinese:\n%s", out)
	}
	e.ok("--db", db, "import", "offices", e.write("two.csv", "单位,科室,电话\n市甲局,甲科,1\n市甲局,乙科,2\n"))
	if out := e.ok("--lang", "en", "--db", db, "offices", "list"); !strings.Contains(out, "2 offices, 2 active") {
		t.Errorf("offices list with two offices:\n%s", out)
	}
}

// The imports count what they read in the singular when it is one, in English; Chinese has one
// form.
func TestImportsSayOneInTheSingular(t *testing.T) {
	e := newEnv(t)
	db := e.path("one.db")
	one := e.write("one.csv", "单位,科室,电话\n市甲局,甲科,1\n")
	if out := e.ok("--lang", "en", "--db", db, "import", "offices", one); out != "imported 1 office (1 new, 0 updated, 0 unchanged)\n" {
		t.Errorf("import offices of one office printed %q", out)
	}
	two := e.write("two.csv", "单位,科室,电话\n市甲局,甲科,1\n市甲局,乙科,2\n")
	if out := e.ok("--lang", "en", "--db", db, "import", "offices", two); out != "imported 2 offices (1 new, 0 updated, 1 unchanged)\n" {
		t.Errorf("import offices of two offices printed %q", out)
	}
	if out := e.ok("--lang", "en", "--db", db, "import", "offices", one); !strings.HasPrefix(out, "imported 1 office (0 new, 0 updated, 1 unchanged)\n"+
		"1 office of the database is not in this file") {
		t.Errorf("import offices leaving one out printed %q", out)
	}
	if out := e.ok("--db", db, "import", "offices", one); !strings.HasPrefix(out, "已导入 1 个科室（新增 0，更新 0，未变 1）\n数据库里有 1 个科室不在这个文件中") {
		t.Errorf("import offices in Chinese printed %q", out)
	}
	auditors := e.write("auditors.csv", "姓名\n张伟\n")
	if out := e.ok("--lang", "en", "--db", db, "import", "auditors", auditors); out != "imported 1 auditor (1 new, 0 updated, 0 unchanged)\n" {
		t.Errorf("import auditors of one auditor printed %q", out)
	}
	results := e.write("results.csv", "轮次,单位,科室,是否存在问题\n2025年第1轮,市甲局,甲科,是\n2025年第1轮,市甲局,乙科,\n")
	if out := e.ok("--lang", "en", "--db", db, "import", "results", results); !strings.HasPrefix(out, "imported 1 result\n"+
		"skipped 1 row whose problem cell is empty (a call not finished)\n") {
		t.Errorf("import results of one result and one unfinished row printed %q", out)
	}
	if out := e.ok("--lang", "en", "--db", db, "export", "--round", "1", "-o", e.path("round1.csv")); !strings.Contains(out, ": 1 call to ") {
		t.Errorf("export of a round of one call printed %q", out)
	}
	if msg := e.fails(exitFail, "--lang", "en", "--db", db, "demo"); !strings.Contains(msg, "(2 offices, 1 auditor, 1 round)") {
		t.Errorf("demo into a database with data says %q", msg)
	}
}

// verify says how many more problems there are than the one it shows, one in the singular.
func TestVerifyCountsTheOtherProblems(t *testing.T) {
	p := store.VerifyProblem{What: store.ProblemEdited, Seq: 17, Kind: "amendment", Ref: 1}
	for _, c := range []struct {
		failures int
		want     string
	}{{1, ""}, {2, " (and 1 more problem)"}, {3, " (and 2 more problems)"}} {
		en := &app{lang: lang.EN}
		err := en.verifyFailure(store.VerifyReport{Failures: c.failures, Problems: []store.VerifyProblem{p}})
		if got := err.Error(); got != problemText(lang.EN, p)+c.want {
			t.Errorf("%d failures: %q, want the problem and %q", c.failures, got, c.want)
		}
	}
	zh := &app{lang: lang.ZH}
	if got := zh.verifyFailure(store.VerifyReport{Failures: 2, Problems: []store.VerifyProblem{p}}).Error(); !strings.HasSuffix(got, "（另有 1 处不符）") {
		t.Errorf("2 failures in Chinese: %q", got)
	}
}

func TestAppCounts(t *testing.T) {
	var out strings.Builder
	en, zh := &app{lang: lang.EN, stdout: &out}, &app{lang: lang.ZH}
	if got := en.trn(1, "已写入 %s（%d 行）", "wrote %s (%d row)", "wrote %s (%d rows)", "a.csv", 1); got != "wrote a.csv (1 row)" {
		t.Errorf("trn(1) = %q", got)
	}
	if got := en.trn(2, "已写入 %s（%d 行）", "wrote %s (%d row)", "wrote %s (%d rows)", "a.csv", 2); got != "wrote a.csv (2 rows)" {
		t.Errorf("trn(2) = %q", got)
	}
	if got := zh.trn(1, "已写入 %s（%d 行）", "wrote %s (%d row)", "wrote %s (%d rows)", "a.csv", 1); got != "已写入 a.csv（1 行）" {
		t.Errorf("zh trn(1) = %q", got)
	}
	en.sayn(1, "共 %d 人", "%d person", "%d people", 1)
	if out.String() != "1 person\n" {
		t.Errorf("sayn(1) wrote %q", out.String())
	}
}

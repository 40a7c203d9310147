package cli

import (
	"strings"
	"testing"

	"phoneaudit/lang"
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

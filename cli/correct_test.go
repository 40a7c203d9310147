package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"phoneaudit/publish"
)

// TestCorrectAPublishedRound amends round 4 after its publication through the command, then
// checks that everything says the same: the amendment's preview, round list and round show,
// flags, the refused notices, the 更正说明 previewed and published, the bulletin that prints it
// after the published text, the notices that follow it, and verify. Amending it back publishes a
// second correction that issues a new notice.
func TestCorrectAPublishedRound(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	dept, name, _ := strings.Cut(amendPublished, "/")
	amend := []string{"--db", db, "amend", "--round", amendPublishedR, "--office", amendPublished, "--set", "服务态度=5", "--reason", "复听录音，态度正常"}
	out := e.ok(append(amend, "--yes")...)
	for _, want := range []string{"保存后第4轮「2026年第4轮」与已发布的通报不同，更正说明将写明：",
		dept + " · " + name + "：原通报：62.5 分 合格，存在问题：态度生硬；连续2次存在问题，予以警示提醒。现为：87.5 分 良好，无问题；不予通报。",
		"警示提醒的科室由", "将收回", "保存后用 phoneaudit round correct 4 发布更正说明", "已保存修正"} {
		if !strings.Contains(out, want) {
			t.Errorf("amend lacks %q:\n%s", want, out)
		}
	}
	if out := e.ok("--db", db, "round", "list"); !strings.Contains(out, "已发布（待更正）") {
		t.Errorf("round list does not mark round 4:\n%s", out)
	}
	if out := e.ok("--db", db, "round", "show", "4"); !strings.Contains(out, "有未发布的更正：1 个科室与第4轮「2026年第4轮」已发布的通报不同") {
		t.Errorf("round show 4 does not say so:\n%s", out)
	}
	if out := e.ok("--db", db, "flags", "--round", "4"); !strings.Contains(out, "注意：这些标记与第4轮「2026年第4轮」已发布的通报不同："+dept+" · "+name+"（通报为黄牌，现为无标记）") {
		t.Errorf("flags --round 4 does not say they differ:\n%s", out)
	}
	dir := e.path("通知")
	if r := e.run("--db", db, "notices", "write", "--round", "4", "-o", dir); r.code != exitFail || !strings.Contains(r.stderr, "先发布更正（phoneaudit round correct 4）") {
		t.Errorf("notices write with a correction pending: exit %d, %q", r.code, r.stderr)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("the refused notices write wrote %d files", len(files))
	}

	preview := e.ok("--db", db, "round", "correct", "4", "--preview")
	for _, want := range []string{"关于2026年第4轮电话暗访测评情况通报的更正说明（第1次更正）", "（" + dept + " " + name + "）",
		"原通报：62.5 分 合格，存在问题：态度生硬", "现更正为：87.5 分 良好，无问题", "更正原因：复听录音，态度正常", "收回整改通知：第4轮-"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview lacks %q:\n%s", want, preview)
		}
	}
	if en := e.ok("--db", db, "--lang", "en", "round", "correct", "4", "--preview"); !strings.Contains(en, "Correction 1 of the bulletin on the phone audit 2026年第4轮") {
		t.Errorf("the English preview:\n%s", en)
	}
	out = e.ok("--db", db, "round", "correct", "4")
	if !strings.Contains(out, "已发布第4轮「2026年第4轮」的第 1 次更正：收回整改通知 1 份，新下发 0 份") {
		t.Errorf("round correct 4:\n%s", out)
	}
	bulletin := e.ok("--db", db, "bulletin", "--round", "4")
	body := preview[strings.Index(preview, "一、更正的科室"):strings.Index(preview, "原通报其余内容不变")]
	if !strings.Contains(bulletin, "关于2026年第4轮市直单位重点科室电话暗访测评情况的通报") || !strings.Contains(bulletin, body) ||
		strings.Index(bulletin, "更正说明") < strings.Index(bulletin, "市直单位重点科室电话暗访测评情况的通报") {
		t.Errorf("the bulletin does not print the published text followed by the correction:\n%s", bulletin)
	}
	withdrawn := e.ok("--db", db, "notices", "list", "--round", "4", "--status", "withdrawn", "--format", "csv")
	if !strings.Contains(withdrawn, dept+","+name) {
		t.Errorf("no withdrawn notice of %s:\n%s", amendPublished, withdrawn)
	}
	e.ok("--db", db, "notices", "write", "--round", "4", "-o", dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*"+name+"*"))
	if len(files) != 0 {
		t.Errorf("a notice was written for the office that no longer has a problem: %v", files)
	}
	for _, args := range [][]string{{"flags", "--round", "4"}, {"round", "list"}, {"round", "show", "4"}} {
		if out := e.ok(append([]string{"--db", db}, args...)...); strings.Contains(out, "待更正") || strings.Contains(out, "已发布的通报不同") {
			t.Errorf("%v still says a correction is pending:\n%s", args, out)
		}
	}
	if r := e.run("--db", db, "round", "correct", "4"); r.code != exitFail || !strings.Contains(r.stderr, "没有需要更正的内容") {
		t.Errorf("a second correction with nothing to correct: exit %d, %q", r.code, r.stderr)
	}
	e.ok("--db", db, "verify")
	// The correction's code went to the witness file too, and the bulletin printed with it (two
	// codes: the publication's and the correction's) checks out.
	if w, _ := os.ReadFile(publish.WitnessPath(db)); !regexp.MustCompile(`\n4\t[^\t]+\t[0-9a-f]{64}\tcorrection\n$`).Match(w) {
		t.Errorf("the witness file has no line for the correction:\n%s", w)
	}
	if out := e.ok("--db", db, "verify", "--bulletin", e.write("第4轮.txt", bulletin)); strings.Count(out, "相符") != 2 {
		t.Errorf("verify --bulletin of the bulletin with its correction printed %q", out)
	}

	// Back as it was: the office has its problem again and gets a new notice.
	amend[len(amend)-3] = "服务态度=0"
	amend[len(amend)-1] = "复核有误，恢复原评分"
	e.ok(append(amend, "--yes")...)
	out = e.ok("--db", db, "round", "correct", "4")
	if !strings.Contains(out, "的第 2 次更正：收回整改通知 0 份，新下发 1 份") {
		t.Errorf("the second correction:\n%s", out)
	}
	issued := e.ok("--db", db, "notices", "list", "--round", "4", "--status", "issued", "--format", "csv")
	if !strings.Contains(issued, dept+","+name) {
		t.Errorf("no new notice of %s:\n%s", amendPublished, issued)
	}
	if b := e.ok("--db", db, "bulletin", "--round", "4"); !strings.Contains(b, "（第2次更正）") || !strings.Contains(b, "新下发整改通知：") {
		t.Errorf("the bulletin lacks the second correction:\n%s", tail(b, 800))
	}
	e.ok("--db", db, "verify")
}

func tail(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[len(r)-n:])
}

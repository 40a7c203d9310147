package cli

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"phoneaudit/publish"
)

// TestVerifyBulletin: `verify --bulletin` reads the 数据校验码 printed in a bulletin file, text or
// Markdown, Chinese or English, and checks it as --head does; a file that prints none (the
// newspaper edition) is refused with a line, and a bulletin whose database was rewritten no
// longer checks out.
func TestVerifyBulletin(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	for _, tc := range []struct{ name, lang, format, round string }{
		{"通报.txt", "zh", "text", "1"}, {"通报.md", "zh", "md", "2"}, {"bulletin.txt", "en", "text", "3"}, {"bulletin.md", "en", "md", "4"},
	} {
		body := e.ok("--db", db, "--lang", tc.lang, "bulletin", "--round", tc.round, "--format", tc.format)
		file := e.write(tc.name, body)
		out := e.ok("--db", db, "verify", "--bulletin", file)
		if !strings.Contains(out, "2026年第"+tc.round+"轮的通报相符") {
			t.Errorf("verify --bulletin %s printed %q", tc.name, out)
		}
	}
	none := e.write("报纸版.txt", "关于2026年第1轮市直单位重点科室电话暗访测评情况的通报\n（报纸版不印数据校验码）\n")
	if msg := e.fails(exitFail, "--db", db, "verify", "--bulletin", none); !strings.Contains(msg, "没有印数据校验码") || !strings.Contains(msg, "报纸版.txt") {
		t.Errorf("a bulletin without a code: %q", msg)
	}
	if msg := e.fails(exitFail, "--db", db, "--lang", "en", "verify", "--bulletin", none); !strings.Contains(msg, "prints no data check code") {
		t.Errorf("in English: %q", msg)
	}
	e.fails(exitFail, "--db", db, "verify", "--bulletin", e.path("nowhere.txt"))
	e.fails(exitUsage, "--db", db, "verify", "--bulletin", none, "--head", "12345678")

	// A code printed on a bulletin that is not this database's.
	printed := e.ok("--db", db, "bulletin", "--round", "1")
	code := regexp.MustCompile(`数据校验码：([0-9a-f]{64})`).FindStringSubmatch(printed)[1]
	other := e.write("别处.txt", strings.Replace(printed, code, strings.Repeat("ab", 32), 1))
	if msg := e.fails(exitFail, "--db", db, "verify", "--bulletin", other); !strings.Contains(msg, "与这个数据库不符") {
		t.Errorf("a code from elsewhere: %q", msg)
	}

	// The chain rewritten consistently: an answer changed, its entry edited to match, every
	// hash after it recomputed. Plain verify fails, and the printed bulletin no longer checks.
	file := e.write("第1轮.txt", printed)
	rewriteAnswer(t, db)
	if msg := e.fails(exitFail, "--db", db, "verify"); !strings.Contains(msg, "算出的不符") {
		t.Errorf("verify after a consistent rewrite: %q", msg)
	}
	e.fails(exitFail, "--db", db, "verify", "--bulletin", file)
}

// rewriteAnswer changes one answer of a round 1 sheet with its triggers dropped, edits the
// sheet's ledger entry to match and recomputes every hash after it.
func rewriteAnswer(t *testing.T, path string) {
	t.Helper()
	var sheet int64
	var criterion string
	var value int
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if err := raw.QueryRow(`SELECT a.sheet_id, a.criterion, a.value FROM answers a JOIN sheets s ON s.id = a.sheet_id
		JOIN calls c ON c.id = s.call_id JOIN rounds r ON r.id = c.round_id
		WHERE r.number = 1 AND s.status = 'submitted' AND s.kind = 'rater' AND a.value > 0 AND a.criterion <> 'answer_speed'
		ORDER BY a.sheet_id LIMIT 1`).Scan(&sheet, &criterion, &value); err != nil {
		t.Fatal(err)
	}
	var seq int64
	var body string
	if err := raw.QueryRow("SELECT seq, body FROM ledger WHERE kind = 'sheet' AND ref = ?", sheet).Scan(&seq, &body); err != nil {
		t.Fatal(err)
	}
	was := `"` + criterion + `":` + strconv.Itoa(value)
	if !strings.Contains(body, was) {
		t.Fatalf("the entry of sheet %d does not hold %s: %s", sheet, was, body)
	}
	for _, table := range []string{"answers", "ledger"} {
		rows, _ := raw.Query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", table)
		var names []string
		for rows.Next() {
			var n string
			rows.Scan(&n)
			names = append(names, n)
		}
		rows.Close()
		for _, n := range names {
			if _, err := raw.Exec("DROP TRIGGER " + n); err != nil {
				t.Fatal(err)
			}
		}
	}
	mustExec := func(q string, args ...any) {
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	mustExec("UPDATE answers SET value = ? WHERE sheet_id = ? AND criterion = ?", value-1, sheet, criterion)
	mustExec("UPDATE ledger SET body = ? WHERE seq = ?", strings.Replace(body, was, `"`+criterion+`":`+strconv.Itoa(value-1), 1), seq)
	var prev string
	if err := raw.QueryRow("SELECT prev FROM ledger WHERE seq = ?", seq).Scan(&prev); err != nil {
		t.Fatal(err)
	}
	rows, err := raw.Query("SELECT seq, body FROM ledger WHERE seq >= ? ORDER BY seq", seq)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		seq  int64
		body string
	}
	var es []entry
	for rows.Next() {
		var x entry
		rows.Scan(&x.seq, &x.body)
		es = append(es, x)
	}
	rows.Close()
	for _, x := range es {
		p, _ := hex.DecodeString(prev)
		h := sha256.Sum256(append(p, x.body...))
		hash := hex.EncodeToString(h[:])
		mustExec("UPDATE ledger SET prev = ?, hash = ? WHERE seq = ?", prev, hash, x.seq)
		prev = hash
	}
}

// TestVerifyWitness: every publication writes its 数据校验码 to the witness file beside the
// database (path + ".witness"), one tab-separated line each; verify checks it — a line whose code
// is not in the chain, a publication without its line, a damaged line fail — and says when it is
// missing, which --strict refuses.
func TestVerifyWitness(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	witness := publish.WitnessPath(db)
	body, err := os.ReadFile(witness)
	if err != nil {
		t.Fatalf("the demo wrote no witness file: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	if len(lines) != 4 || !regexp.MustCompile(`^1\t2026-\d\d-\d\dT\d\d:\d\d:\d\dZ\t[0-9a-f]{64}\tpublication$`).MatchString(lines[0]) {
		t.Fatalf("the witness file of the demo reads:\n%s", body)
	}
	if out := e.ok("--db", db, "verify"); strings.Count(out, "\n") != 1 {
		t.Errorf("verify with its witness printed %q", out)
	}
	// Its codes are the ones the bulletins print.
	printed := e.ok("--db", db, "bulletin", "--round", "2")
	if code := strings.Split(lines[1], "\t")[2]; !strings.Contains(printed, "数据校验码："+code) {
		t.Errorf("the witness line %q is not the code bulletin 2 prints", lines[1])
	}

	write := func(ls ...string) {
		t.Helper()
		if err := os.WriteFile(witness, []byte(strings.Join(ls, "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	forged := strings.Split(lines[2], "\t")
	forged[2] = strings.Repeat("ab", 32)
	write(lines[0], lines[1], strings.Join(forged, "\t"), lines[3])
	if msg := e.fails(exitFail, "--db", db, "verify"); !strings.Contains(msg, "第 3 行") || !strings.Contains(msg, "不在数据校验链中") {
		t.Errorf("a witness line not in the chain: %q", msg)
	}
	write(lines[0], lines[1], lines[2])
	if msg := e.fails(exitFail, "--db", db, "verify"); !strings.Contains(msg, "中没有2026年第4轮的通报") {
		t.Errorf("a publication without its witness line: %q", msg)
	}
	write(lines[1], lines[0], lines[2], lines[3])
	if msg := e.fails(exitFail, "--db", db, "verify"); !strings.Contains(msg, "排在前一行的之前") {
		t.Errorf("witness lines out of order: %q", msg)
	}
	write(lines[0], "第二轮 某时 某码", lines[2], lines[3])
	if msg := e.fails(exitFail, "--db", db, "--lang", "en", "verify"); !strings.Contains(msg, "line 2 of the witness file") {
		t.Errorf("a damaged witness line: %q", msg)
	}

	if err := os.Remove(witness); err != nil {
		t.Fatal(err)
	}
	out := e.ok("--db", db, "verify")
	if !strings.HasPrefix(out, "注意：没有见证文件 "+witness) || !strings.Contains(out, "校验通过") {
		t.Errorf("verify without its witness printed %q", out)
	}
	if msg := e.fails(exitFail, "--db", db, "verify", "--strict"); !strings.Contains(msg, "没有见证文件") {
		t.Errorf("verify --strict without its witness: %q", msg)
	}
}

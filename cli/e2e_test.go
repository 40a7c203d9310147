package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"phoneaudit/tabular"
)

// officesCSV is a small office list: three offices of two departments.
const officesCSV = "单位,科室,电话,类别\n" +
	"市人力资源和社会保障局,社会保险中心,0391-3500814,民生\n" +
	"市人力资源和社会保障局,就业促进科,0391-3500815,民生\n" +
	"市市场监督管理局,登记注册科,0391-3500816,涉企\n"

func TestVersionAndExitCodes(t *testing.T) {
	e := newEnv(t)
	db := e.path("t.db")
	e.ok("--db", db, "import", "offices", e.write("offices.csv", officesCSV))
	if out := e.ok("--version"); !strings.HasPrefix(out, "phoneaudit "+testVersion+" (") {
		t.Errorf("--version printed %q", out) // its parts: TestVersionLine
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of the error line
	}{
		{"unknown command", []string{"ofices"}, exitUsage, `"ofices"`},
		{"group without command", []string{"offices"}, exitUsage, "list"},
		{"unknown subcommand", []string{"offices", "lst"}, exitUsage, "list"},
		{"unknown option", []string{"--db", db, "offices", "list", "--bogus"}, exitUsage, "--bogus"},
		{"option without value", []string{"--db", db, "offices", "list", "--format"}, exitUsage, "--format"},
		{"bad format", []string{"--db", db, "offices", "list", "--format", "xml"}, exitUsage, "xml"},
		{"missing argument", []string{"--db", db, "import", "offices"}, exitUsage, "FILE"},
		{"extra argument", []string{"--db", db, "import", "offices", "a.csv", "b.csv"}, exitUsage, "b.csv"},
		{"bad language", []string{"--lang", "fr", "--db", db, "offices", "list"}, exitUsage, "fr"},
		{"bad language in the environment", []string{"--db", db, "offices", "list"}, exitUsage, "PHONEAUDIT_LANG"},
		{"all-digit round name", []string{"--db", db, "round", "new", "--name", "2026"}, exitUsage, "2026"},
		{"round without name", []string{"--db", db, "round", "new"}, exitUsage, "--name"},
		{"bad date", []string{"--db", db, "round", "new", "--name", "第1轮", "--from", "12月"}, exitUsage, "12月"},
		{"set without change", []string{"--db", db, "offices", "set", "市市场监督管理局", "登记注册科"}, exitUsage, "--phone"},
		{"export without -o", []string{"--db", db, "export", "--round", "1"}, exitUsage, "-o"},
		{"export to .txt", []string{"--db", db, "export", "--round", "1", "-o", "x.txt"}, exitUsage, "x.txt"},
		{"-o of another format", []string{"--db", db, "offices", "list", "--format", "json", "-o", "x.csv"}, exitUsage, "x.csv"},
		{"-o of an unknown kind", []string{"--db", e.path("nope.db"), "offices", "list", "-o", "x.txt"}, exitUsage, "x.txt"},
		{"bad scale", []string{"--db", db, "demo", "--scale", "town"}, exitUsage, "town"},
		{"bad seed", []string{"--db", db, "demo", "--seed", "abc"}, exitUsage, "--seed"},
		{"bad time zone", []string{"--db", db, "settings", "tz", "Mars/Olympus"}, exitUsage, "Mars/Olympus"},
		{"rounds of the city", []string{"--db", db, "demo", "--rounds", "3"}, exitUsage, "--rounds"},
		{"no such round", []string{"--db", db, "round", "open", "9"}, exitFail, `"9"`},
		{"no such office", []string{"--db", db, "offices", "deactivate", "市某局", "某科"}, exitFail, "市某局 · 某科"},
		{"missing file", []string{"--db", db, "import", "offices", "nope.csv"}, exitFail, "nope.csv"},
		{"missing database", []string{"--db", e.path("nope.db"), "offices", "list"}, exitFail, "nope.db"},
		{"demo on a filled database", []string{"--db", db, "demo"}, exitFail, "--db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &env{t: t, dir: e.dir, vars: e.vars}
			if tt.name == "bad language in the environment" {
				e.vars = append(slices.Clone(e.vars), "PHONEAUDIT_LANG=klingon")
			}
			stderr := e.fails(tt.code, tt.args...)
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not mention %q", stderr, tt.stderr)
			}
		})
	}
	if _, err := os.Stat(e.path("nope.db")); err == nil {
		t.Error("a read-only command created the missing database")
	}
}

// list is one list command and its exact columns.
type list struct {
	args    []string
	columns []string
	zh      []string // the text header in Chinese
	numeric []string // columns JSON writes as numbers
}

var lists = []list{
	{[]string{"offices", "list"}, []string{"department", "office", "phone", "category", "active"},
		[]string{"单位", "科室", "电话", "类别", "启用"}, nil},
	{[]string{"auditors", "list"}, []string{"name", "role", "affiliation"}, []string{"姓名", "角色", "所属"}, nil},
	{[]string{"scenarios", "list"}, []string{"category", "persona", "question"}, []string{"类别", "身份", "咨询事项"}, nil},
	{[]string{"round", "list"}, []string{"number", "name", "status", "rubric", "from", "to", "planned", "done", "problems"},
		[]string{"序号", "名称", "状态", "标准版本", "开始", "结束", "电话数", "已完成", "问题科室"},
		[]string{"number", "rubric", "planned", "done", "problems"}},
	{[]string{"flags"}, []string{"level", "department", "office", "streak", "round", "round_name"},
		[]string{"标记", "单位", "科室", "连续次数", "轮次", "轮次名称"}, []string{"streak", "round"}},
	{[]string{"flags", "--persons"}, []string{"level", "department", "person", "streak", "round", "round_name"},
		[]string{"标记", "单位", "接听人", "连续次数", "轮次", "轮次名称"}, []string{"streak", "round"}},
}

func TestListsInEveryFormat(t *testing.T) {
	db := demoDB(t)
	for _, l := range lists {
		t.Run(strings.Join(l.args, " "), func(t *testing.T) {
			e := newEnv(t)
			run := func(extra ...string) string {
				return e.ok(append(append([]string{"--db", db}, l.args...), extra...)...)
			}

			csvOut := run("--format", "csv")
			rows := parseCSV(t, csvOut)
			if !slices.Equal(rows[0], l.columns) {
				t.Fatalf("CSV header %q, want %q", rows[0], l.columns)
			}
			if len(rows) < 2 {
				t.Fatalf("the demo gives no rows:\n%s", csvOut)
			}

			jsonOut := run("--format", "json")
			if keys := jsonKeysInOrder(t, jsonOut); !slices.Equal(keys, l.columns) {
				t.Errorf("JSON keys %q, want %q", keys, l.columns)
			}
			var objs []map[string]any
			if err := json.Unmarshal([]byte(jsonOut), &objs); err != nil {
				t.Fatal(err)
			}
			if len(objs) != len(rows)-1 {
				t.Errorf("JSON has %d objects, CSV %d rows", len(objs), len(rows)-1)
			}
			for _, obj := range objs {
				for _, k := range l.numeric {
					if _, isNum := obj[k].(float64); !isNum && obj[k] != nil {
						t.Errorf("%s = %#v: want a number", k, obj[k])
					}
				}
			}

			text := run()
			if !containsInOrder(text, l.zh) {
				t.Errorf("text output lacks the header %q:\n%s", l.zh, text)
			}

			out := run("-o", e.path("list.csv"))
			if !strings.Contains(out, "list.csv") {
				t.Errorf("-o says %q", out)
			}
			file, err := os.ReadFile(e.path("list.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(file, utf8BOM) {
				t.Error("-o FILE.csv has no BOM")
			}
			if got := strings.ReplaceAll(string(file[len(utf8BOM):]), "\r\n", "\n"); got != strings.ReplaceAll(csvOut, "\r\n", "\n") {
				t.Errorf("-o FILE.csv differs from --format csv:\n%s\n---\n%s", got, csvOut)
			}

			run("-o", e.path("list.json"))
			if file, _ := os.ReadFile(e.path("list.json")); string(file) != jsonOut {
				t.Errorf("-o FILE.json differs from --format json")
			}

			run("-o", e.path("list.xlsx"))
			cols := make([]tabular.Column, len(l.columns))
			for i, c := range l.columns {
				cols[i] = tabular.Column{Key: c, Names: []string{c}, Required: true}
			}
			recs, err := tabular.Read(e.path("list.xlsx"), cols)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != len(rows)-1 {
				t.Errorf("-o FILE.xlsx has %d rows, want %d", len(recs), len(rows)-1)
			}
		})
	}
}

// containsInOrder says whether one line of text holds every word, in order.
func containsInOrder(text string, words []string) bool {
	for _, line := range strings.Split(text, "\n") {
		rest, found := line, true
		for _, w := range words {
			i := strings.Index(rest, w)
			if i < 0 {
				found = false
				break
			}
			rest = rest[i+len(w):]
		}
		if found {
			return true
		}
	}
	return false
}

func TestListValues(t *testing.T) {
	db := demoDB(t)
	e := newEnv(t)
	var offices []map[string]any
	if err := json.Unmarshal([]byte(e.ok("--db", db, "offices", "list", "--format", "json")), &offices); err != nil {
		t.Fatal(err)
	}
	if len(offices) != 100 {
		t.Errorf("%d offices, want the demo's 100", len(offices))
	}
	for _, o := range offices {
		if o["active"] != "yes" && o["active"] != "no" {
			t.Errorf("active = %#v, want yes or no", o["active"])
		}
	}
	rows := parseCSV(t, e.ok("--db", db, "flags", "--format", "csv"))
	levels := map[string]int{}
	for _, r := range rows[1:] {
		levels[r[0]]++
	}
	if levels["red"] == 0 || levels["yellow"] == 0 || len(levels) != 2 {
		t.Errorf("the demo's flags are %v, want red and yellow offices only", levels)
	}
	text := e.ok("--db", db, "flags")
	if !strings.Contains(text, "红牌") || !strings.Contains(text, "黄牌") {
		t.Errorf("text flags lack 红牌/黄牌:\n%s", text)
	}
	rounds := parseCSV(t, e.ok("--db", db, "round", "list", "--format", "csv"))
	if len(rounds) != 7 || rounds[1][1] != "2026年第1轮" || rounds[6][2] != "open" || rounds[1][2] != "published" || rounds[5][2] != "closed" {
		t.Errorf("the demo's rounds are %q", rounds)
	}
}

func TestEnglish(t *testing.T) {
	db := demoDB(t)
	e := newEnv(t)
	for _, args := range [][]string{
		{"--lang", "en", "--db", db, "offices", "list"},
		{"--db", db, "offices", "list", "--lang", "en"}, // options after the arguments
	} {
		if out := e.ok(args...); !containsInOrder(out, []string{"department", "office", "phone", "category", "active"}) || strings.Contains(out, "单位  ") {
			t.Errorf("phoneaudit %s: not in English:\n%s", strings.Join(args, " "), out)
		}
	}
	if out := e.ok("--lang", "en", "--db", db, "flags"); !strings.Contains(out, "as of round") || !strings.Contains(out, "red") {
		t.Errorf("flags in English:\n%s", out)
	}
	stderr := e.fails(exitUsage, "--lang", "en", "--db", db, "round", "new", "--name", "7")
	if !strings.Contains(stderr, "all digits") || !strings.Contains(stderr, "Run 'phoneaudit round new --help'") {
		t.Errorf("usage error in English: %q", stderr)
	}

	en := newEnv(t, "PHONEAUDIT_LANG=en")
	if out := en.ok("--db", db, "auditors", "list"); !containsInOrder(out, []string{"name", "role", "affiliation"}) {
		t.Errorf("PHONEAUDIT_LANG=en: not in English:\n%s", out)
	}
	if out := en.ok("--lang", "zh", "--db", db, "auditors", "list"); !containsInOrder(out, []string{"姓名", "角色", "所属"}) {
		t.Errorf("--lang zh does not win over PHONEAUDIT_LANG=en:\n%s", out)
	}
	lang := newEnv(t, "LANG=en_US.UTF-8", "LC_ALL=en_US.UTF-8")
	if out := lang.ok("--db", db, "auditors", "list"); !strings.Contains(out, "姓名") {
		t.Errorf("LANG changed the language:\n%s", out)
	}
}

func TestDatabaseFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	envDB := filepath.Join(dir, "env.db")
	e := newEnv(t, "PHONEAUDIT_DB="+envDB)
	e.ok("import", "offices", e.write("offices.csv", officesCSV))
	if _, err := os.Stat(envDB); err != nil {
		t.Fatalf("PHONEAUDIT_DB was not used: %v", err)
	}
	if rows := parseCSV(t, e.ok("offices", "list", "--format", "csv")); len(rows) != 4 {
		t.Errorf("offices from PHONEAUDIT_DB: %q", rows)
	}
	// --db wins over the environment.
	e.fails(exitFail, "--db", e.path("other.db"), "offices", "list")

	// Without either, the database is under XDG_DATA_HOME.
	x := newEnv(t)
	x.ok("import", "offices", x.write("offices.csv", officesCSV))
	if _, err := os.Stat(filepath.Join(x.dir, "xdg", "phoneaudit", "phoneaudit.db")); err != nil {
		t.Errorf("the default database is not under XDG_DATA_HOME: %v", err)
	}
}

func TestReadOnlyDatabase(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any file: a read-only file cannot be tested")
	}
	e := newEnv(t)
	db := e.path("ro.db")
	e.ok("--db", db, "import", "offices", e.write("offices.csv", officesCSV))
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		os.Chmod(p, 0o444)
	}
	if rows := parseCSV(t, e.ok("--db", db, "offices", "list", "--format", "csv")); len(rows) != 4 {
		t.Errorf("a read-only database lists %q", rows)
	}
	e.ok("--db", db, "round", "list")
	if stderr := e.fails(exitFail, "--db", db, "offices", "set", "市市场监督管理局", "登记注册科", "--phone", "1"); !strings.Contains(stderr, "只读") {
		t.Errorf("writing a read-only database: %q", stderr)
	}
}

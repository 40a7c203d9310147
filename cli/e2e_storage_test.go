package cli

import (
	"bytes"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// TestOnlyAMissingFileIsANewDatabase: an existing file that is empty, not SQLite, another
// program's SQLite database or a damaged one is refused by every command and by the screens,
// with a line that says what it is, and stays byte for byte as it was, with no -wal or -shm left
// beside it. (Seen: `: > d.db; phoneaudit --db d.db verify` wrote a schema into the empty file.)
func TestOnlyAMissingFileIsANewDatabase(t *testing.T) {
	e := newEnv(t)
	other := e.path("other.sqlite")
	raw, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE bookmarks(url TEXT); INSERT INTO bookmarks VALUES ('x')"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	otherBytes, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	demo, err := os.ReadFile(e.demoCopy())
	if err != nil {
		t.Fatal(err)
	}
	damaged := append([]byte(nil), demo[:8192]...) // the header promises pages that are not there
	for i := 4096; i < len(damaged); i++ {
		damaged[i] = 0xA5
	}
	offices := e.write("offices.csv", "单位,科室,电话\n市民政局,办公室,010-1\n")
	files := []struct {
		name    string
		content []byte
		says    string
	}{
		{"empty.db", nil, "空文件"},
		{"notes.db", []byte("会议纪要\n"), "不是 SQLite 数据库"},
		{"other.db", otherBytes, "别的程序的 SQLite 数据库"},
		{"damaged.db", damaged, "损坏"},
	}
	commands := [][]string{
		{}, // the screens
		{"verify"},
		{"offices", "list"},
		{"import", "offices", offices},
		{"settings", "tz", "Asia/Shanghai"},
		{"demo"},
		{"backup", e.path("copy.db")},
		{"round", "list"},
	}
	for _, f := range files {
		p := e.path(f.name)
		for _, c := range commands {
			if err := os.WriteFile(p, f.content, 0o600); err != nil {
				t.Fatal(err)
			}
			stderr := e.fails(exitFail, append([]string{"--db", p}, c...)...)
			if !strings.Contains(stderr, f.says) || !strings.Contains(stderr, f.name) {
				t.Errorf("%s: phoneaudit %s: %q, want it to say %q and name the file", f.name, strings.Join(c, " "), stderr, f.says)
			}
			got, err := os.ReadFile(p)
			if err != nil || !bytes.Equal(got, f.content) {
				t.Errorf("%s: phoneaudit %s changed the file (%d bytes, was %d; %v)", f.name, strings.Join(c, " "), len(got), len(f.content), err)
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(p + suffix); err == nil {
					t.Errorf("%s: phoneaudit %s left %s%s", f.name, strings.Join(c, " "), f.name, suffix)
					os.Remove(p + suffix)
				}
			}
		}
	}
	if _, err := os.Stat(e.path("copy.db")); err == nil {
		t.Error("a backup of a refused file was written")
	}
	// In English too, and a missing file is still a new database.
	if stderr := e.fails(exitFail, "--lang", "en", "--db", e.path("empty.db"), "verify"); !strings.Contains(stderr, "empty file") {
		t.Errorf("in English: %q", stderr)
	}
	e.ok("--db", e.path("new.db"), "import", "offices", offices)
	e.ok("--db", e.path("new.db"), "verify")
	// Programs started at once on a missing file all find a database: the one that makes it never
	// shows the others an empty file.
	var wg sync.WaitGroup
	results := make([]result, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = e.run("--db", e.path("together.db"), "settings", "tz", "Asia/Shanghai")
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.code != exitOK {
			t.Errorf("program %d of 4 started at once on a missing file: exit %d, %q", i, r.code, r.stderr)
		}
	}
	e.ok("--db", e.path("together.db"), "verify")
	if left, _ := filepath.Glob(e.path("together.db.phoneaudit-new-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// backupKills is how many times TestKilledBackupLeavesNothing kills a backup: a few, or 60 with
// PHONEAUDIT_SOAK=1.
func backupKills() int {
	if os.Getenv("PHONEAUDIT_SOAK") == "1" {
		return 60
	}
	return 6
}

// padded is a copy of the demo database made big (a table of random blobs, ~40 MB) so a backup
// of it takes a moment to kill in the middle of, with a witness file beside it.
func (e *env) padded() (db, head string) {
	e.t.Helper()
	db = e.demoCopy()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE soak_padding(b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 400) INSERT INTO soak_padding SELECT randomblob(100000) FROM n"); err != nil {
		e.t.Fatal(err)
	}
	raw.Close()
	if _, err := os.Stat(db + ".witness"); err != nil { // the demo's publications wrote it
		e.t.Fatalf("the demo copy has no witness file: %v", err)
	}
	return db, verifiedHead(e, db)
}

// verifiedHead runs verify on db and returns the 数据校验码 it prints.
func verifiedHead(e *env, db string) string {
	e.t.Helper()
	out := e.ok("--db", db, "verify")
	i := strings.LastIndex(out, "数据校验码 ")
	if i < 0 {
		e.t.Fatalf("verify %s printed no head: %q", db, out)
	}
	return strings.TrimSpace(out[i+len("数据校验码 "):])
}

// TestKilledBackupLeavesNothing kills the real binary at random moments of a backup of a big
// database: the final name is then absent, or a complete backup that verifies with the source's
// head and has the witness file beside it; the next backup removes and names what a killed one
// left. (Seen: a killed backup left a 97 MB file and its -journal under the final name.)
func TestKilledBackupLeavesNothing(t *testing.T) {
	e := newEnv(t)
	db, head := e.padded()
	witness, _ := os.ReadFile(db + ".witness")
	out := e.path("out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	// How long a whole backup takes here: the kills land within it.
	start := time.Now()
	e.ok("--db", db, "backup", filepath.Join(out, "whole.db"))
	whole := time.Since(start)
	if got := verifiedHead(e, filepath.Join(out, "whole.db")); got != head {
		t.Fatalf("a whole backup's head %s, the database's %s", got, head)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 15))
	var midway, finished, leftovers int
	for i := range backupKills() {
		final := filepath.Join(out, fmt.Sprintf("b%02d.db", i))
		cmd := exec.Command(binary, "--db", db, "backup", final)
		cmd.Dir, cmd.Env = e.dir, e.vars
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(whole) * 5 / 4))) // some after it finished
		cmd.Process.Kill()
		cmd.Wait()
		if _, err := os.Stat(final); err != nil {
			midway++
			if w, err := os.ReadFile(final + ".witness"); err == nil && !bytes.Equal(w, witness) {
				t.Errorf("kill %d: no backup, but a witness file that is not the database's: %q", i, w)
			}
			continue
		}
		finished++
		if got := verifiedHead(e, final); got != head {
			t.Errorf("kill %d: the backup under the final name has head %s, the database %s", i, got, head)
		}
		if w, err := os.ReadFile(final + ".witness"); err != nil || !bytes.Equal(w, witness) {
			t.Errorf("kill %d: the backup's witness file %q (%v), want the database's", i, w, err)
		}
		if _, err := os.Stat(final + "-journal"); err == nil {
			t.Errorf("kill %d: a -journal beside the backup", i)
		}
	}
	entries, _ := os.ReadDir(out)
	for _, f := range entries {
		if strings.Contains(f.Name(), unfinishedSuffix) {
			leftovers++
		}
	}
	t.Logf("%d kills in a backup of %s (a whole one %v): %d stopped it midway, %d came after it finished; %d temporary files left",
		backupKills(), sizeOf(db), whole.Round(time.Millisecond), midway, finished, leftovers)
	// The next backup removes what killed ones left, and names it.
	said := e.ok("--db", db, "backup", filepath.Join(out, "next.db"))
	entries, _ = os.ReadDir(out)
	for _, f := range entries {
		if strings.Contains(f.Name(), unfinishedSuffix) {
			t.Errorf("after the next backup %s is still there", f.Name())
		}
	}
	if leftovers > 0 && !strings.Contains(said, unfinishedSuffix) {
		t.Errorf("the next backup did not name the temporary files it removed: %q", said)
	}
	if got := verifiedHead(e, filepath.Join(out, "next.db")); got != head {
		t.Errorf("the next backup's head %s, the database's %s", got, head)
	}
}

func sizeOf(p string) string {
	st, err := os.Stat(p)
	if err != nil {
		return "?"
	}
	return fmt.Sprintf("%.0f MB", float64(st.Size())/(1<<20))
}

// TestBackupLeftoverIsRemovedAndNamed: a temporary file a killed backup left (and its -journal)
// is removed by the next backup into the folder, which says so; one a running backup holds is not.
func TestBackupLeftoverIsRemovedAndNamed(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	left := e.path("old.db" + unfinishedSuffix)
	os.WriteFile(left, []byte("half a copy"), 0o600)
	os.WriteFile(left+"-journal", []byte("journal"), 0o600)
	said := e.ok("--db", db, "backup", e.path("new.db"))
	if !strings.Contains(said, left) || !strings.Contains(said, "已删除") {
		t.Errorf("the backup did not name the leftover it removed: %q", said)
	}
	for _, p := range []string{left, left + "-journal", e.path("new.db" + unfinishedSuffix)} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
	e.ok("--db", e.path("new.db"), "verify")
	src, _ := os.ReadFile(db + ".witness")
	if got, err := os.ReadFile(e.path("new.db.witness")); err != nil || len(src) == 0 || string(got) != string(src) {
		t.Errorf("the witness beside the backup is not the database's: %v", err)
	}
}

// TestIOErrorIsNotDiskFull: a write the system refuses (here a file size limit, `ulimit -f`, on a
// disk with room) is an I/O error named by SQLite's extended code, never "the disk is full".
// (Seen: "the disk is full: nothing was written" on a disk 15 % used.)
func TestIOErrorIsNotDiskFull(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh for ulimit")
	}
	e := newEnv(t)
	for _, l := range []string{"zh", "en"} {
		db := e.path("limited-" + l + ".db")
		cmd := exec.Command("sh", "-c", `ulimit -f 1000 && exec "$0" "$@"`, binary, "--lang", l, "--db", db, "demo")
		cmd.Dir, cmd.Env = e.dir, e.vars
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err == nil {
			t.Fatalf("%s: a demo under a 500 KB file size limit went through", l)
		}
		got := stderr.String()
		if !strings.Contains(got, "SQLITE_IOERR_WRITE") || strings.Contains(got, "磁盘已满") || strings.Contains(got, "disk is full") {
			t.Errorf("%s: %q, want an I/O error named SQLITE_IOERR_WRITE, not a full disk", l, got)
		}
		if !strings.Contains(got, map[string]string{"zh": "不是磁盘满了", "en": "it is not full"}[l]) {
			t.Errorf("%s: %q does not say the disk is not full", l, got)
		}
	}
}

// TestRemovedWALInTmux: the -wal file removed under the running screens of the real binary: the
// header says ✗ 无法保存 and the status line why, within the watch's tick, and a call opened
// after it is refused in words, never 已保存. (Seen: the screen said 已提交…85 分, and after
// kill -9 the call was back to 待拨.)
func TestRemovedWALInTmux(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	tm := newTmux(t, e, "--db", db, "--as", "杜瑞")
	tm.waitFor("待拨", "已完成 4/10", "● 已保存")
	if err := os.Remove(db + "-wal"); err != nil {
		t.Fatal(err)
	}
	tm.waitFor("✗ 无法保存", "-wal 文件被别的程序删除了", "请退出后用 verify 检查")
	tm.press("Enter") // opening a call writes (my sheet's lease): refused, in words
	s := tm.waitFor("没有完成", "无法再保存")
	if strings.Contains(s, "已保存") {
		t.Errorf("a change after the -wal was removed:\n%s", s)
	}
}

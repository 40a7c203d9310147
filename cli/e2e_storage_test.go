package cli

import (
	"bytes"
	"database/sql"
	"os"
	"strings"
	"testing"

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
}

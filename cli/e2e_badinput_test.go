package cli

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// fileSum fingerprints what a database holds (its SQL dump, through the sqlite3 command), so a
// test can tell that nothing was written. Raw bytes would not do: opening a file for writing may
// rewrite its header (the journal mode) without changing anything it holds.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("sqlite3", "-readonly", path, ".dump").Output()
	if err != nil {
		t.Skipf("sqlite3 (installed by .ci/run) cannot dump %s: %v", path, err)
	}
	sum := sha256.Sum256(out)
	return hex.EncodeToString(sum[:])
}

// TestBadInput feeds each command a kind of bad input a clerk meets: each gets exit 1, one line
// that says what and where, and the database is exactly as it was.
func TestBadInput(t *testing.T) {
	e := newEnv(t)
	db := e.demoCopy()
	e.ok("--db", db, "offices", "list") // settle the WAL before fingerprinting
	before := fileSum(t, db)

	gbkHeader, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("单位,科室,电话\n"))
	invalidGBK := append(gbkHeader, 0x81, 0x20, 0xFF, '\n')
	huge := "单位,科室,电话\n市人社局,社保中心,\"" + strings.Repeat("9", 10<<20) + "\"\n"
	var fakeXLSX bytes.Buffer
	zw := zip.NewWriter(&fakeXLSX)
	w, _ := zw.Create("readme.txt")
	w.Write([]byte("not a workbook"))
	zw.Close()
	gbkBroken, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("单位,科室,电话\n市人社局,社保中心,1\n市人社局,,2\n"))

	cases := []struct {
		name, file string
		data       []byte
		dir        bool
		want       string // a word the one-line error must hold
	}{
		{name: "missing file", file: "missing.csv", want: "missing.csv"},
		{name: "a folder", file: "folder.csv", dir: true, want: "folder.csv"},
		{name: "empty file", file: "empty.csv", data: []byte{}, want: "empty.csv"},
		{name: "binary garbage", file: "garbage.csv", data: bytes.Repeat([]byte{0x00, 0xFE, 0x13, 0x88}, 500), want: "garbage.csv"},
		{name: "invalid GBK", file: "gbk.csv", data: invalidGBK, want: "第 2 行"},
		{name: "no required columns", file: "cols.csv", data: []byte("姓名,电话\n张三,1\n"), want: "科室"},
		{name: "a 10 MB field", file: "huge.csv", data: []byte(huge), want: "huge.csv"},
		{name: "a zip that is not a workbook", file: "fake.xlsx", data: fakeXLSX.Bytes(), want: "fake.xlsx"},
		{name: "a GBK list with a broken row", file: "broken.csv", data: gbkBroken, want: "第 3 行"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := e.path(c.file)
			switch {
			case c.dir:
				os.Mkdir(p, 0o755)
			case c.data != nil:
				if err := os.WriteFile(p, c.data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			msg := e.fails(exitFail, "--db", db, "import", "offices", p)
			if !strings.Contains(msg, c.want) {
				t.Errorf("the error does not say %q: %s", c.want, msg)
			}
		})
	}
	if after := fileSum(t, db); after != before {
		t.Error("a refused import changed the database")
	}

	t.Run("not a database", func(t *testing.T) {
		p := e.write("notes.db", strings.Repeat("这不是数据库。", 200))
		msg := e.fails(exitFail, "--db", p, "offices", "list")
		if !strings.Contains(msg, "notes.db") {
			t.Errorf("the error does not name the file: %s", msg)
		}
	})
	t.Run("newer database", func(t *testing.T) {
		p := e.path("newer.db")
		e.ok("--db", db, "backup", p)
		if out, err := exec.Command("sqlite3", p, "PRAGMA user_version = 99").CombinedOutput(); err != nil {
			t.Skipf("sqlite3: %v %s", err, out)
		}
		msg := e.fails(exitFail, "--db", p, "offices", "list")
		if !strings.Contains(msg, "newer") && !strings.Contains(msg, "新") {
			t.Errorf("a newer database: %s", msg)
		}
	})
	t.Run("full disk", func(t *testing.T) {
		if _, err := exec.LookPath("prlimit"); err != nil {
			t.Skip("prlimit (util-linux) is not installed")
		}
		p := e.path("full.db")
		e.ok("--db", db, "backup", p)
		e.ok("--db", p, "offices", "list")
		sum := fileSum(t, p)
		// 3,000 results for a new round need far more room than the 200 kB a file may grow to here,
		// so the import meets a "full disk" halfway through its transaction.
		var b strings.Builder
		b.WriteString("轮次,单位,科室,是否存在问题,得分,问题描述\n")
		for _, r := range parseCSV(t, e.ok("--db", p, "offices", "list", "--format", "csv"))[1:] {
			for range 30 {
				b.WriteString("满盘轮," + r[0] + "," + r[1] + ",是,50,推诿\n")
			}
		}
		big := e.write("big.csv", b.String())
		cmd := exec.Command("prlimit", "--fsize=200000", "--", binary, "--db", p, "import", "results", big)
		cmd.Env = e.vars
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != exitFail {
			t.Fatalf("under a file size limit: %v, stderr %q", err, stderr.String())
		}
		if lines := strings.Split(strings.TrimSpace(stderr.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "big.csv") {
			t.Errorf("want one line naming the file, got %q", stderr.String())
		}
		if fileSum(t, p) != sum {
			t.Error("a failed import on a full disk changed the database")
		}
		if rounds := e.ok("--db", p, "round", "list"); strings.Contains(rounds, "满盘轮") {
			t.Error("the round of the failed import exists")
		}
	})
	t.Run("read-only database", func(t *testing.T) {
		readOnlyDatabase(t, e, db)
	})
	t.Run("locked database", func(t *testing.T) {
		p := e.path("locked.db")
		e.ok("--db", db, "backup", p)
		// Another program holds the write lock for far longer than phoneaudit waits (5 s), so a
		// busy machine starting phoneaudit late still finds it locked; it is killed at the end.
		lock := exec.Command("sqlite3", p)
		// .timeout: the probe of waitForLock may hold the lock for an instant when this one asks.
		lock.Stdin = strings.NewReader(".timeout 20000\nBEGIN IMMEDIATE;\nSELECT 1;\n.shell sleep 60\nCOMMIT;\n")
		if err := lock.Start(); err != nil {
			t.Skipf("sqlite3: %v", err)
		}
		defer func() {
			lock.Process.Kill()
			lock.Wait()
		}()
		waitForLock(t, p)
		msg := e.fails(exitFail, "--db", p, "offices", "set", "市人力资源和社会保障局", "社会保险中心", "--phone", "1")
		if !strings.Contains(msg, "busy") && !strings.Contains(msg, "占用") && !strings.Contains(msg, "锁") {
			t.Errorf("a locked database: %s", msg)
		}
	})
}

// waitForLock waits until another process holds the database's write lock.
func waitForLock(t *testing.T, path string) {
	t.Helper()
	for range 200 { // 20 s: a busy machine may be slow to start the other process
		out, _ := exec.Command("sqlite3", path, "PRAGMA busy_timeout=1; BEGIN IMMEDIATE; ROLLBACK;").CombinedOutput()
		if strings.Contains(string(out), "locked") || strings.Contains(string(out), "busy") {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the other process never took the lock")
}

// readOnlyDatabase runs the binary on a database this user may only read, in a folder it may
// not write (so no -shm can be made: the file opens immutable): read commands work, a writing
// one fails with one line, and the file stays as it was. Root ignores file modes, so as root the
// child runs as the unprivileged user nobody, on a copy of the binary nobody may run.
func readOnlyDatabase(t *testing.T, e *env, db string) {
	dir := filepath.Join(e.dir, "ro")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "readonly.db")
	e.ok("--db", db, "backup", p)
	bin := filepath.Join(dir, "phoneaudit")
	if err := copyExecutable(binary, bin); err != nil {
		t.Fatal(err)
	}
	var cred *syscall.Credential
	if os.Getuid() == 0 {
		cred = &syscall.Credential{Uid: 65534, Gid: 65534} // nobody
		for d := dir; d != "/" && d != "."; d = filepath.Dir(d) {
			if st, err := os.Stat(d); err == nil && st.Mode().Perm()&0o005 != 0o005 {
				os.Chmod(d, st.Mode().Perm()|0o005) // the way down to the file, for nobody
			}
		}
	}
	if err := os.Chmod(p, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	sum := fileSum(t, p)
	run := func(args ...string) (int, string, string) {
		cmd := exec.Command(bin, append([]string{"--db", p}, args...)...)
		cmd.Dir, cmd.Env = dir, append(e.vars, "HOME="+dir)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("running %v: %v", args, err)
		}
		return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
	}
	for _, args := range [][]string{{"offices", "list"}, {"flags"}, {"notices", "list"}} {
		if code, out, errOut := run(args...); code != exitOK || out == "" {
			t.Errorf("%v on a read-only database: exit %d, %q", args, code, errOut)
		}
	}
	code, _, errOut := run("offices", "set", "市人力资源和社会保障局", "社会保险中心", "--phone", "1")
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != exitFail || len(lines) != 1 || !strings.Contains(errOut, "readonly.db") {
		t.Errorf("a write to a read-only database: exit %d, stderr %q; want exit 1 and one line naming the file", code, errOut)
	}
	if fileSum(t, p) != sum {
		t.Error("the read-only database changed")
	}
}

// copyExecutable copies the binary to dst, runnable by everyone.
func copyExecutable(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o755)
}

package ui

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// settingWrite is a real write of the store, queued as the screens queue theirs.
func settingWrite(value string) op {
	return writeOp(op{}, func(ctx context.Context, st *store.Store, _ int64) error {
		return st.SetSetting(ctx, "city", value)
	})
}

// The -wal file removed under the running screens: the next tick says so (✗ 无法保存 and the
// status line), never 已保存, and a change made after it is refused, not "saved" into a file
// nobody reads again. (Seen: after the -wal was deleted the screen said 已提交…85 分, and after
// kill -9 the call was back to 待拨.)
func TestRemovedWALStopsTheWrites(t *testing.T) {
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		st := demoStore(t)
		m := start(t, opts(st, l, "杜瑞", nil), map[lang.Lang]int{lang.ZH: 80, lang.EN: 120}[l], 24)
		m = settle(t, m, m.enqueue(settingWrite("一")))
		if m.ops.mark() != markSaved {
			t.Fatal("the first write is not saved")
		}
		if err := os.Remove(st.Path() + "-wal"); err != nil {
			t.Fatal(err)
		}
		m = settle(t, m, func() tea.Msg { return askVersion(context.Background(), st) })
		words := map[lang.Lang][]string{
			lang.ZH: {"✗ 无法保存", "-wal 文件", "被别的程序删除", "无法再保存", "请退出后用 verify 检查"},
			lang.EN: {"✗ CANNOT SAVE", "-wal file", "removed outside phoneaudit", "nothing more can be saved", "quit, and check with `verify`"},
		}[l]
		mustShow(t, m, words...)
		m = settle(t, m, m.enqueue(settingWrite("二")))
		if m.ops.mark() != markBroken || hasText(m, "已保存") || hasText(m, "● saved") {
			t.Errorf("%s: after a write, mark %d:\n%s", l, m.ops.mark(), screen(m))
		}
		if v, _, _ := st.Setting(context.Background(), "city"); v == "二" {
			t.Errorf("%s: a write went through after the -wal was removed", l)
		}
		mustShow(t, m, words...)
	}
}

// The database file replaced under the running program (a restore copied over it): a write is
// refused with the file named, before it is sent.
func TestReplacedFileIsNamed(t *testing.T) {
	st := demoStore(t)
	if err := st.CheckFiles(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(st.Path(), st.Path()+".old"); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(st.Path()+".old", st.Path()); err != nil {
		t.Fatal(err)
	}
	err := st.SetSetting(context.Background(), "city", "三")
	var fe *store.FilesError
	if !errors.As(err, &fe) || fe.What != store.FileReplaced || !errors.Is(err, store.ErrFilesChanged) {
		t.Fatalf("a write to a replaced file: %v", err)
	}
	if s := errText(lang.ZH, err); !strings.Contains(s, st.Path()) || !strings.Contains(s, "删除或替换了") {
		t.Errorf("worded %q", s)
	}
}

// holdWriteLock takes the database's write lock on a connection of its own, as another
// process's long write does, until the returned function is called.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(100)")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	done := false
	release = func() {
		if !done {
			done = true
			conn.ExecContext(context.Background(), "ROLLBACK")
			conn.Close()
			db.Close()
		}
	}
	t.Cleanup(release)
	return release
}

// A save that meets another connection's long write is sent again by itself, in order, with
// 等待保存… in the header; what is typed meanwhile waits behind it; once the lock is free both
// are saved in the order typed. Only after a minute of waiting does it ask (✗ 未保存 … ctrl+r).
func TestBusyDatabaseIsWaitedOut(t *testing.T) {
	st := demoStore(t)
	c := &clock{t: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)}
	m := start(t, opts(st, lang.ZH, "杜瑞", c), 80, 24)
	release := holdWriteLock(t, st.Path())
	m = settle(t, m, m.enqueue(settingWrite("一"))) // waits busy_timeout, then ErrBusy
	if m.ops.mark() != markWaiting || hasText(m, "未保存") {
		t.Fatalf("a busy save: mark %d, want waiting:\n%s", m.ops.mark(), screen(m))
	}
	mustShow(t, m, "◌ 等待保存…", "另一个程序正在写入数据库")
	// Typed while waiting: queued behind, not lost, not first.
	m.ops.add(writeOp(op{}, func(ctx context.Context, st *store.Store, _ int64) error {
		v, _, err := st.Setting(ctx, "city")
		if err == nil && v != "一" {
			return fmt.Errorf("the second change ran before the first was saved (city %q)", v)
		}
		return st.SetSetting(ctx, "issuer", "二")
	}))
	if len(m.ops.pending) != 2 {
		t.Fatalf("%d pending, want the waiting save and the change typed after it", len(m.ops.pending))
	}
	c.advance(30 * time.Second) // still within the minute: the next try is sent by itself
	release()
	m = settle(t, m, func() tea.Msg { return busyRetryMsg{id: m.ops.pending[0].id} })
	if m.ops.mark() != markSaved || len(m.ops.pending) != 0 || hasText(m, "没能保存") {
		t.Fatalf("after the lock was freed: mark %d, %d pending:\n%s", m.ops.mark(), len(m.ops.pending), screen(m))
	}
	for key, want := range map[string]string{"city": "一", "issuer": "二"} {
		if v, _, _ := st.Setting(context.Background(), key); v != want {
			t.Errorf("%s = %q, want %q", key, v, want)
		}
	}
	// A minute of waiting: it asks.
	holdWriteLock(t, st.Path())
	m = settle(t, m, m.enqueue(settingWrite("三")))
	c.advance(busyPatience)
	m = settle(t, m, func() tea.Msg { return busyRetryMsg{id: m.ops.pending[0].id} })
	if m.ops.mark() != markFailed {
		t.Fatalf("after a minute busy: mark %d, want failed", m.ops.mark())
	}
	mustShow(t, m, "✗ 未保存", "ctrl+r")
}

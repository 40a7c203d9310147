package ui

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

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

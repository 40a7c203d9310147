package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"phoneaudit/demo"
	"phoneaudit/lang"
	"phoneaudit/store"
)

func TestWelcomeOnlyOnEmptyDatabase(t *testing.T) {
	tests := []struct {
		name        string
		store       func(t testing.TB) *store.Store
		wantWelcome bool
		wantStatus  string
	}{
		{"empty", emptyStore, true, ""},
		{"has offices", demoStore, false, ""},
		{"check fails", closedStore, false, "无法读取数据库 new.db：sql: database is closed"},
		{"no database", func(testing.TB) *store.Store { return nil }, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Options{Lang: "zh", Store: tt.store(t), LoadDemo: func(context.Context) error { return nil }}
			m := start(t, o, 100, 30)
			got := screen(m)
			welcome := hasText(m, "phoneaudit import offices 科室名单.xlsx")
			if welcome != tt.wantWelcome {
				t.Fatalf("welcome shown = %v, want %v:\n%s", welcome, tt.wantWelcome, got)
			}
			if welcome && !hasText(m, "单位、科室、电话、类别") {
				t.Errorf("the welcome does not name the columns:\n%s", got)
			}
			if tt.wantStatus != "" && !strings.Contains(got, tt.wantStatus) {
				t.Errorf("status %q missing:\n%s", tt.wantStatus, got)
			}
			offersDemo := strings.Contains(lastLines(m, 1), "d 生成演示数据")
			if offersDemo != tt.wantWelcome {
				t.Errorf("help offers d = %v, want %v:\n%s", offersDemo, tt.wantWelcome, got)
			}
		})
	}
}

// closedStore is a database whose first query fails.
func closedStore(t testing.TB) *store.Store {
	s := emptyStore(t)
	s.Close()
	return s
}

func TestWelcomeWaitsForTheCheck(t *testing.T) {
	m := New(Options{Lang: "en", Store: emptyStore(t)})
	m = update(t, m, tWindow(80, 24))
	got := screen(m)
	if strings.Contains(got, "import offices") || !strings.Contains(got, "Reading the database…") {
		t.Fatalf("before the check answers, expected only the reading notice:\n%s", got)
	}
	if m.Init() == nil {
		t.Fatal("Init does not check the database")
	}
}

// d fills the empty database with the demo city in a command, then the
// screens read it: with no --as, the picker asks who I am.
func TestLoadDemo(t *testing.T) {
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		t.Run(string(l), func(t *testing.T) {
			st := emptyStore(t)
			var loads atomic.Int32
			o := Options{Lang: l, Store: st, OSUser: "tester", LoadDemo: func(ctx context.Context) error {
				loads.Add(1)
				return demo.Load(ctx, st, 1)
			}}
			m := start(t, o, 80, 24)

			next, cmd := m.Update(keyPress("d"))
			m = next.(Model)
			if cmd == nil {
				t.Fatal("d returned no command")
			}
			if loads.Load() != 0 {
				t.Fatal("LoadDemo ran inside Update, not in the command")
			}
			if got := lastLines(m, 2); !strings.Contains(got, tr(l, msgDemoLoading)) {
				t.Errorf("no progress line while loading:\n%s", got)
			}
			if _, again := m.Update(keyPress("d")); again != nil {
				t.Error("a second d while loading starts a second demo")
			}

			m = settle(t, m, cmd)
			if n := loads.Load(); n != 1 {
				t.Fatalf("LoadDemo ran %d times, want 1", n)
			}
			if hasText(m, tr(l, msgWelcomeCommand)) {
				t.Errorf("the welcome stays after the demo loaded:\n%s", screen(m))
			}
			mustShow(t, m, tr(l, msgDemoLoaded), tr(l, msgPickerTitle), "杜瑞")
			if _, cmd := m.Update(keyPress("d")); cmd != nil {
				t.Error("d still works once the database is filled")
			}
		})
	}
}

func TestLoadDemoFailure(t *testing.T) {
	tests := []struct {
		lang lang.Lang
		want string
	}{
		{"zh", "生成演示数据失败：disk is full while writing offices"},
		{"en", "Could not create the demo data: disk is full while writing offices"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			// The error spans lines: the status must still take one.
			o := Options{Lang: tt.lang, Store: emptyStore(t), LoadDemo: func(context.Context) error {
				return errors.New("disk is full\nwhile writing offices")
			}}
			m := press(t, start(t, o, 120, 40), "d")
			lines := strings.Split(screen(m), "\n")
			if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, tt.want) }) {
				t.Fatalf("no line says %q:\n%s", tt.want, strings.Join(lines, "\n"))
			}
			if len(lines) != 40 {
				t.Errorf("the error changed the height to %d lines", len(lines))
			}
			if !hasText(m, tr(lang.Lang(tt.lang), msgWelcomeCommand)) {
				t.Error("the welcome went away although the demo failed")
			}
			if !m.keys.LoadDemo.Enabled() {
				t.Error("d cannot be tried again after a failure")
			}
		})
	}
}

func TestLongErrorStaysOnOneLine(t *testing.T) {
	long := errors.New(strings.Repeat("数据库文件被其他程序占用，", 20))
	o := Options{Lang: "zh", Store: emptyStore(t), LoadDemo: func(context.Context) error { return long }}
	m := press(t, start(t, o, 80, 24), "d")
	status := strings.Split(lastLines(m, 2), "\n")[0]
	if !strings.HasPrefix(strings.TrimSpace(status), "生成演示数据失败") || !strings.HasSuffix(status, "…") {
		t.Fatalf("status line %q is not the error cut to one line", status)
	}
}

// The commands pass on the program's context, so closing the program stops
// a long demo load.
func TestCommandsGetTheContext(t *testing.T) {
	type ctxKey struct{}
	var seen []any
	o := Options{Store: emptyStore(t), LoadDemo: func(ctx context.Context) error {
		seen = append(seen, ctx.Value(ctxKey{}))
		return errors.New("stop here")
	}}
	m := New(o)
	m.tick = noTick
	m.ctx = context.WithValue(context.Background(), ctxKey{}, "run")
	m = update(t, m, tWindow(80, 24))
	m = press(t, settle(t, m, m.Init()), "d")
	if len(seen) != 1 || seen[0] != "run" {
		t.Fatalf("LoadDemo saw contexts %v, want the program's", seen)
	}
}

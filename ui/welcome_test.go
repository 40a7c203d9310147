package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestWelcomeOnlyOnEmptyDatabase(t *testing.T) {
	tests := []struct {
		name        string
		db          *fakeDB
		noCheck     bool // Options.IsEmpty is nil
		wantWelcome bool
		wantStatus  string
	}{
		{"empty", &fakeDB{empty: true}, false, true, ""},
		{"has offices", &fakeDB{}, false, false, ""},
		{"check fails", &fakeDB{emptyErr: errors.New("file is locked")}, false, false,
			"无法读取数据库 phoneaudit.db：file is locked"},
		{"no check", &fakeDB{empty: true}, true, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.db.options("zh")
			if tt.noCheck {
				opts.IsEmpty = nil
			}
			m := start(t, opts, 100, 30)
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

func TestWelcomeWaitsForTheCheck(t *testing.T) {
	db := &fakeDB{empty: true}
	m := New(db.options("en"))
	m = update(t, m, tWindow(80, 24))
	got := screen(m)
	if strings.Contains(got, "import offices") || !strings.Contains(got, "Reading the database…") {
		t.Fatalf("before IsEmpty answers, expected only the reading notice:\n%s", got)
	}
	if m.Init() == nil {
		t.Fatal("Init does not check the database")
	}
}

func TestLoadDemo(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			db := &fakeDB{empty: true}
			l := Lang(lang)
			m := start(t, db.options(lang), 80, 24)

			next, cmd := m.Update(keyPress("d"))
			m = next.(Model)
			if cmd == nil {
				t.Fatal("d returned no command")
			}
			if db.demos.Load() != 0 {
				t.Fatal("LoadDemo ran inside Update, not in the command")
			}
			if got := lastLines(m, 2); !strings.Contains(got, l.tr(msgDemoLoading)) {
				t.Errorf("no progress line while loading:\n%s", got)
			}
			if _, again := m.Update(keyPress("d")); again != nil {
				t.Error("a second d while loading starts a second demo")
			}

			m = settle(t, m, cmd)
			if n := db.demos.Load(); n != 1 {
				t.Fatalf("LoadDemo ran %d times, want 1", n)
			}
			if hasText(m, l.tr(msgWelcomeCommand)) {
				t.Errorf("the welcome stays after the demo loaded:\n%s", screen(m))
			}
			if !hasText(m, l.tr(msgDemoLoaded)) || !hasText(m, l.tr(msgAboutCalls)) {
				t.Errorf("expected the demo result and the first tab:\n%s", screen(m))
			}
			if _, cmd := m.Update(keyPress("d")); cmd != nil {
				t.Error("d still works once the database is filled")
			}
		})
	}
}

func TestLoadDemoFailure(t *testing.T) {
	tests := []struct {
		lang, want string
	}{
		{"zh", "生成演示数据失败：disk is full while writing offices"},
		{"en", "Could not create the demo data: disk is full while writing offices"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			// The error spans lines: the status must still take one.
			db := &fakeDB{empty: true, demoErr: errors.New("disk is full\nwhile writing offices")}
			m := press(t, start(t, db.options(tt.lang), 120, 40), "d")
			lines := strings.Split(screen(m), "\n")
			found := false
			for _, l := range lines {
				found = found || strings.Contains(l, tt.want)
			}
			if !found {
				t.Fatalf("no line says %q:\n%s", tt.want, strings.Join(lines, "\n"))
			}
			if len(lines) != 40 {
				t.Errorf("the error changed the height to %d lines", len(lines))
			}
			if !hasText(m, Lang(tt.lang).tr(msgWelcomeCommand)) {
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
	db := &fakeDB{empty: true, demoErr: long}
	m := press(t, start(t, db.options("zh"), 80, 24), "d")
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
	opts := Options{
		IsEmpty: func(ctx context.Context) (bool, error) {
			seen = append(seen, ctx.Value(ctxKey{}))
			return true, nil
		},
		LoadDemo: func(ctx context.Context) error {
			seen = append(seen, ctx.Value(ctxKey{}))
			return nil
		},
	}
	m := New(opts)
	m.ctx = context.WithValue(context.Background(), ctxKey{}, "run")
	m = update(t, m, tWindow(80, 24))
	m = press(t, settle(t, m, m.Init()), "d")
	if len(seen) != 2 || seen[0] != "run" || seen[1] != "run" {
		t.Fatalf("the data functions saw contexts %v, want the program's twice", seen)
	}
}

package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/plan"
	"phoneaudit/store"
)

func TestCatalogueHasBothLanguages(t *testing.T) {
	if len(catalogue) != int(msgCount) {
		t.Errorf("the catalogue has %d messages, the identifiers number %d", len(catalogue), msgCount)
	}
	for id := range msgCount {
		tr, ok := catalogue[id]
		if !ok {
			t.Errorf("message %d is missing", id)
			continue
		}
		if strings.TrimSpace(tr.zh) == "" || strings.TrimSpace(tr.en) == "" {
			t.Errorf("message %d lacks a language: zh %q, en %q", id, tr.zh, tr.en)
		}
		// Both languages must take the same arguments.
		if zh, en := strings.Count(tr.zh, "%"), strings.Count(tr.en, "%"); zh != en {
			t.Errorf("message %d: zh has %d verbs, en %d", id, zh, en)
		}
	}
}

func TestTabNamesFollowTheGlossary(t *testing.T) {
	want := map[lang.Lang]string{
		lang.ZH: "测评 问题单位 轮次 单位 通报",
		lang.EN: "Calls Flagged Rounds Offices Bulletin",
	}
	for l, names := range want {
		var got []string
		for tb := range tabCount {
			got = append(got, tr(l, tb.nameID()))
		}
		if strings.Join(got, " ") != names {
			t.Errorf("%s tabs = %q, want %q", l, got, names)
		}
	}
}

func TestTranslate(t *testing.T) {
	tests := []struct {
		lang lang.Lang
		id   msgID
		args []any
		want string
	}{
		{lang.ZH, msgDemoLoading, nil, "正在生成演示数据…"},
		{lang.EN, msgTabFlagged, nil, "Flagged"},
		{lang.ZH, msgDemoFailed, []any{"磁盘已满"}, "生成演示数据失败：磁盘已满"},
		{lang.EN, msgCount, nil, "<msg " + strconv.Itoa(int(msgCount)) + ">"},
	}
	for _, tt := range tests {
		if got := tr(tt.lang, tt.id, tt.args...); got != tt.want {
			t.Errorf("%s.tr(%d) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
}

// countsThings finds an English text that counts something with a plural
// noun: "%d offices", "of %d calls", "%d unfinished calls".
var countsThings = regexp.MustCompile(`%d (\w+ )?\w+s\b`)

// Every English text that counts has its singular, which takes the same
// arguments; only those have one.
func TestCountedMessagesHaveASingular(t *testing.T) {
	for id := range msgCount {
		en := catalogue[id].en
		one, ok := singular[id]
		switch {
		case countsThings.MatchString(en) && !ok:
			t.Errorf("message %d (%q) counts things but has no singular: add it to the part's map of singulars", id, en)
		case !ok:
			continue
		case !countsThings.MatchString(en):
			t.Errorf("message %d (%q) has a singular but counts nothing", id, en)
		case strings.Count(one, "%") != strings.Count(en, "%"):
			t.Errorf("message %d: the singular %q takes other arguments than %q", id, one, en)
		case one == en:
			t.Errorf("message %d: the singular is the plural %q", id, en)
		}
	}
	for id := range singular {
		if id >= msgCount {
			t.Errorf("singular %d is of no message", id)
		}
	}
}

func TestTrn(t *testing.T) {
	tests := []struct {
		lang lang.Lang
		id   msgID
		n    int
		args []any
		want string
	}{
		{lang.EN, msgOfficeCount, 1, []any{1}, "1 office"},
		{lang.EN, msgOfficeCount, 2, []any{2}, "2 offices"},
		{lang.EN, msgOfficeCount, 0, []any{0}, "0 offices"},
		{lang.ZH, msgOfficeCount, 1, []any{1}, "共 1 个科室"},
		{lang.EN, msgRoundOpened, 1, []any{"round 5", 1}, "opened round 5: auditors can now make its 1 call"},
		{lang.EN, msgRoundOpened, 3, []any{"round 5", 3}, "opened round 5: auditors can now make its 3 calls"},
		{lang.EN, msgShownCount, 1, []any{1}, "1 shown"}, // no singular: as tr
	}
	for _, tt := range tests {
		if got := trn(tt.lang, tt.id, tt.n, tt.args...); got != tt.want {
			t.Errorf("trn(%s, %d, %d) = %q, want %q", tt.lang, tt.id, tt.n, got, tt.want)
		}
	}
}

// A message with a singular is shown with trn, which chooses it, and only
// such a message: the code of the package is read to check.
func TestCountedMessagesGoThroughTrn(t *testing.T) {
	fset := token.NewFileSet()
	ids := map[string]msgID{} // the identifiers of the messages, in the order of their values
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST || len(g.Specs) == 0 {
				continue
			}
			if first, ok := g.Specs[0].(*ast.ValueSpec); !ok || first.Names[0].Name != "msgTabCalls" {
				continue
			}
			for i, s := range g.Specs {
				ids[s.(*ast.ValueSpec).Names[0].Name] = msgID(i)
			}
		}
	}
	if ids["msgCount"] != msgCount {
		t.Fatalf("reading the message identifiers found msgCount = %d, want %d", ids["msgCount"], msgCount)
	}
	calls := 0
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || len(c.Args) < 2 {
				return true
			}
			fn, ok := c.Fun.(*ast.Ident)
			arg, ok2 := c.Args[1].(*ast.Ident)
			if !ok || !ok2 || (fn.Name != "tr" && fn.Name != "trn") {
				return true
			}
			id, known := ids[arg.Name]
			if !known {
				return true
			}
			calls++
			_, counts := singular[id]
			if fn.Name == "tr" && counts {
				t.Errorf("%s: %s counts things: show it with trn", fset.Position(c.Pos()), arg.Name)
			}
			if fn.Name == "trn" && !counts {
				t.Errorf("%s: %s has no singular, so trn is tr", fset.Position(c.Pos()), arg.Name)
			}
			return true
		})
	}
	if calls < 100 {
		t.Errorf("only %d calls of tr and trn found: the test reads the code wrong", calls)
	}
}

// The rounds screen counts one thing in the singular.
func TestRoundsScreenSaysOne(t *testing.T) {
	p := newRoundsPage(shared{lang: lang.EN, styles: DefaultStyles()}, false)
	if got, want := p.progressText(store.Round{Planned: 1, Finished: 1, Problems: 1}, roundDetail{}),
		"done 1 of 1 call · 1 office with a problem"; got != want {
		t.Errorf("progress = %q, want %q", got, want)
	}
	if got, want := p.progressText(store.Round{Planned: 10, Finished: 4, Problems: 2}, roundDetail{}),
		"done 4 of 10 calls · 2 offices with a problem"; got != want {
		t.Errorf("progress = %q, want %q", got, want)
	}
	if got := p.checkLines([]plan.Problem{{Text: lang.Text{ZH: "甲", EN: "a"}}}); got[0] != "1 thing to look at:" {
		t.Errorf("checks = %q, want 1 thing to look at", got)
	}
	zh := newRoundsPage(shared{lang: lang.ZH, styles: DefaultStyles()}, false)
	if got, want := zh.progressText(store.Round{Planned: 10, Finished: 4, Problems: 1}, roundDetail{}),
		"已完成 4/10 个电话 · 问题科室 1 个"; got != want {
		t.Errorf("progress = %q, want %q", got, want)
	}
}

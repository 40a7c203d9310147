package ui

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// TestEveryFaultIsWorded reads the store's sources: every statement it makes with fault has its
// Chinese, with as many facts, and no Chinese is left for a statement the store no longer makes.
func TestEveryFaultIsWorded(t *testing.T) {
	var files []string
	for _, dir := range faultPackages {
		fs, err := filepath.Glob(dir + "/*.go")
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	used := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || filepath.Base(f) == "fault.go" { // fault.go: the store's wrapper
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			at := 1 // the statement's place among the arguments
			switch dir := filepath.Base(filepath.Dir(fset.Position(call.Pos()).Filename)); {
			case name == "fault" && dir == "store", name == "New" && isFaultPackage(call.Fun):
			case name == "badLine" && dir == "imports":
				at = 2
			case name == "badLineOf" && dir == "imports":
				at = 3
			default:
				return true
			}
			if len(call.Args) <= at {
				return true
			}
			if id, ok := call.Args[at].(*ast.Ident); ok && id.Name == "format" {
				return true // a wrapper passing its own statement on (imports' badLine)
			}
			lit, ok := call.Args[at].(*ast.BasicLit)
			if !ok {
				t.Errorf("%s: a fault's statement must be a string literal", fset.Position(call.Pos()))
				return true
			}
			format, _ := strconv.Unquote(lit.Value)
			used[format] = true
			zh, ok := faultWords[format]
			switch {
			case !ok:
				t.Errorf("%s: no Chinese for the fault %q (add it to faultWords)", fset.Position(call.Pos()), format)
			case verbs(zh) != verbs(format) || verbs(format) != len(call.Args)-at-1:
				t.Errorf("%q has %d facts, its Chinese %q %d, the call gives %d", format, verbs(format), zh, verbs(zh), len(call.Args)-at-1)
			}
			return true
		})
	}
	for format := range faultWords {
		if !used[format] {
			t.Errorf("faultWords has %q, which the store no longer states", format)
		}
	}
}

var verbRE = regexp.MustCompile(`%(\[\d+\])?[dsqv]`)

func verbs(s string) int { return len(verbRE.FindAllString(s, -1)) }

func TestFaultText(t *testing.T) {
	inner := &store.Fault{Format: "round %s is %s, not open", Args: []any{"2026年第5轮", store.RoundClosed}, Err: store.ErrRoundState}
	outer := &store.Fault{Format: "line %d", Args: []any{3}, Err: inner}
	cases := []struct {
		l    lang.Lang
		err  error
		want string
	}{
		{lang.ZH, inner, "轮次 2026年第5轮 已结束，不在进行中"},
		{lang.EN, inner, "round 2026年第5轮 is closed, not open: the round is not in a state that allows this"},
		{lang.ZH, outer, "第 3 行：轮次 2026年第5轮 已结束，不在进行中"},
		{lang.ZH, fmt.Errorf("importing 结果.csv: %w", outer), "importing 结果.csv: 第 3 行：轮次 2026年第5轮 已结束，不在进行中"},
		{lang.ZH, &store.Fault{Format: "round %s", Args: []any{"2026年第5轮"}, Err: store.ErrNothingToCorrect}, "轮次 2026年第5轮：数据与已发布的通报一致，没有需要更正的内容"},
	}
	for _, c := range cases {
		got, ok := FaultText(c.l, c.err)
		if !ok || !strings.HasPrefix(got, c.want) || (c.l == lang.ZH && strings.Contains(got, "not in a state")) {
			t.Errorf("FaultText(%s, %v) = %q, %v; want %q", c.l, c.err, got, ok, c.want)
		}
	}
	if _, ok := FaultText(lang.ZH, errors.New("plain")); ok {
		t.Error("a plain error was taken for a fault")
	}
}

// faultPackages are the packages that state faults.
var faultPackages = []string{"../store", "../publish", "../tabular", "../imports", "../recording", "../cli"}

// isFaultPackage: fault.New, the package's constructor.
func isFaultPackage(fn ast.Expr) bool {
	sel, ok := fn.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && (id.Name == "fault" || id.Name == "faults")
}

package bulletin

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"phoneaudit/lang"
	"phoneaudit/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bulletin -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

// neverPrinted are texts that mean a template printed something it should
// not have: a missing value, a zero date, a bad format verb, a gap before a
// full-width comma, doubled or empty punctuation.
var neverPrinted = []string{"<no value>", "0001", "%!", "  ，", " ，", "，，", "。。", "，。", "（）", "、、", "：。", "()", "..", "\n\n\n"}

func checkPrinted(t *testing.T, name string, out []byte) {
	t.Helper()
	for _, bad := range neverPrinted {
		if bytes.Contains(out, []byte(bad)) {
			i := bytes.Index(out, []byte(bad))
			t.Errorf("%s prints %q near %q", name, bad, out[max(0, i-60):min(len(out), i+60)])
		}
	}
}

type fixture struct {
	name string
	sum  scoring.Summary
	opts Options
}

func fixtures() []fixture {
	r := scoring.DefaultRubric()
	r2, r3 := round2(), round3()
	published := Options{Published: day("2026-12-01"), Deadline: day("2026-12-15"), LedgerHead: "9f2c4e7a1b3d5f60"}
	return []fixture{
		{"round3", scoring.Summarize(r3, &r2, r), published},
		{"noproblems", scoring.Summarize(round4(), &r3, r), Options{Published: day("2026-12-10")}},
		{"imported", scoring.Summarize(importedRound(), nil, r), Options{Issuer: "市委两转两提办"}},
		{"first", scoring.Summarize(firstRound(), nil, r), Options{}},
	}
}

func TestRenderGolden(t *testing.T) {
	for _, f := range fixtures() {
		for _, l := range []lang.Lang{lang.ZH, lang.EN} {
			for _, format := range []string{"text", "md"} {
				name := f.name + "." + string(l) + "." + format + ".golden"
				t.Run(name, func(t *testing.T) {
					o := f.opts
					o.Lang, o.Format = l, format
					out, err := Render(f.sum, o)
					if err != nil {
						t.Fatal(err)
					}
					checkPrinted(t, name, out)
					golden(t, name, out)
				})
			}
		}
	}
}

// The words each kind of round must (and must not) say, whatever the golden
// files hold, so a careless -update cannot bless a wrong bulletin.
func TestRenderSays(t *testing.T) {
	all := fixtures()
	tests := []struct {
		fixture   int
		lang      lang.Lang
		says, not []string
	}{
		{0, "zh", []string{
			"关于2026年第3轮市直单位重点科室电话暗访测评情况的通报",
			"2026年11月23日至11月27日，市纪委监委组织测评人员以农民、市民、企业身份，对15家市直单位的18个重点科室（岗位）",
			"共测评电话20次，测评过程全程录音。现将有关情况通报如下：",
			// 17 of 20 calls got through; 7 of 18 offices had a problem; round 2:
			// 8 of 10 calls got through, 4 of 10 offices had a problem.
			"接通率85.0%", "问题发生率38.9%", "（涉及电话8次）", "问题发生率下降1.1个百分点，接通率上升5.0个百分点",
			"（一）门难进（2次）", "（四）其他（1次）", "市市场监督管理局登记科,发证窗口，11月23日10:10，推诿扯皮。",
			"测评记录：语气生硬，不耐烦。", "市人力资源和社会保障局社会保险中心（连续3次）", "市住房和城乡建设局房产交易科（连续4次）",
			"等2个科室（岗位）予以通报批评", "责令于2026年12月15日前整改到位", "予以警示提醒",
			"数据校验码：9f2c4e7a1b3d5f60", "前十名", "后三名", "附件2",
		}, []string{"本轮为首次测评", "0231", "张伟"}},
		{1, "zh", []string{"本轮测评未发现存在问题的科室（岗位）。", "本轮测评未发现门难进、事难办、话难听等问题。",
			"本轮测评未发现问题，不作处理。", "2026年12月7日，市纪委监委", "附件：市直单位电话暗访测评排名"},
			[]string{"附件2", "（一）门难进", "通报批评的", "数据校验码"}},
		{2, "zh", []string{"市委两转两提办对3家市直单位的4个重点科室（岗位）进行了电话暗访测评，共测评电话5次。",
			"本轮共测评科室（岗位）4个、电话5次。", "另有3次电话的导入结果未记录得分", "本轮为首次测评",
			"市人力资源和社会保障局社会保险中心，无人接听。", "不参与排名：市政务服务和数据管理局。"},
			[]string{"接通率", "录音", "月0日", "身份"}},
		{3, "zh", []string{"本轮为首次测评，无上一轮数据可供比较。", "责令限期整改", "测评记录：答非所问。"},
			[]string{"上升", "下降", "通报批评的", "警示提醒"}},
		{0, "en", []string{"From 23 to 27 November 2026", "posing as farmers, residents and businesses",
			"85.0%", "down 1.1 percentage points", "15 December 2026"}, []string{"0231"}},
		{2, "en", []string{"No earlier round"}, []string{"connection rate", "recorded"}},
	}
	for _, tt := range tests {
		f := all[tt.fixture]
		t.Run(f.name+"."+string(tt.lang), func(t *testing.T) {
			o := f.opts
			o.Lang = tt.lang
			out, err := Render(f.sum, o)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.says {
				if !bytes.Contains(out, []byte(s)) {
					t.Errorf("does not say %q", s)
				}
			}
			for _, s := range tt.not {
				if bytes.Contains(out, []byte(s)) {
					t.Errorf("says %q", s)
				}
			}
		})
	}
}

func TestRenderTemplateErrors(t *testing.T) {
	sum := scoring.Summarize(round3(), nil, scoring.DefaultRubric())
	tests := []struct {
		name     string
		template string
		want     string
	}{
		{"syntax error", "关于{{.Name}}的通报\n\n一、总体情况\n{{if .Red}}\n", "my.tmpl line 5: unexpected EOF"},
		{"bad action", "第一行\n第二行 {{.Name}\n", "my.tmpl line 2: "},
		{"unknown function", "\n\n{{frobnicate .Name}}\n", `my.tmpl line 3: function "frobnicate" not defined`},
		{"missing field", "标题\n\n{{.OfficesAudited}}个\n{{.Nope}}\n", "my.tmpl line 4: <.Nope>: can't evaluate field Nope"},
		{"missing field in a range", "标题\n{{range .Red}}\n{{.Streak}}{{.Color}}\n{{end}}", "my.tmpl line 3: <.Color>: can't evaluate field Color"},
		{"zero date", "标题\n{{date .Previous}}\n", "my.tmpl line 2: "},
		{"unknown date", "标题\n\n{{date .Deadline}}\n", "my.tmpl line 3: <date .Deadline>: error calling date: the date is not known"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Render(sum, Options{Template: []byte(tt.template), TemplateName: "my.tmpl"})
			if err == nil {
				t.Fatalf("no error; printed:\n%s", out)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %q, want it to begin %q", err, tt.want)
			}
			var te *TemplateError
			if !errors.As(err, &te) || te.Name != "my.tmpl" || te.Line == 0 {
				t.Errorf("error %#v is not a TemplateError with a line", err)
			}
		})
	}
}

func TestRenderOptions(t *testing.T) {
	sum := scoring.Summarize(round4(), nil, scoring.DefaultRubric())
	for _, o := range []Options{{Lang: "fr"}, {Format: "pdf"}} {
		if _, err := Render(sum, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	out, err := Render(sum, Options{Template: []byte("{{.Name}} {{.Issuer}} {{.Lang}}\n\n\n\nend  \n"), Lang: lang.EN})
	if err != nil {
		t.Fatal(err)
	}
	if want := "2026年第4轮 " + DefaultIssuer(lang.EN) + " en\n\nend\n"; string(out) != want {
		t.Errorf("custom template printed %q, want %q", out, want)
	}
}

func TestBuiltinTemplatesDoNotAskForMissingData(t *testing.T) {
	// An empty summary (a round with no calls) must still render: every
	// date a built-in template prints is guarded.
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		for _, format := range []string{"text", "md"} {
			out, err := Render(scoring.Summary{Name: "空轮"}, Options{Lang: l, Format: format})
			if err != nil {
				t.Fatalf("%s %s: %v", l, format, err)
			}
			checkPrinted(t, string(l)+" "+format, out)
		}
	}
}

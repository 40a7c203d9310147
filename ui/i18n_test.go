package ui

import (
	"strconv"
	"strings"
	"testing"
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
	want := map[Lang]string{
		LangZH: "测评 问题单位 轮次 单位 通报",
		LangEN: "Calls Flagged Rounds Offices Bulletin",
	}
	for lang, names := range want {
		var got []string
		for tb := range tabCount {
			got = append(got, lang.tr(tb.nameID()))
		}
		if strings.Join(got, " ") != names {
			t.Errorf("%s tabs = %q, want %q", lang, got, names)
		}
	}
}

func TestParseLang(t *testing.T) {
	tests := []struct {
		in      string
		want    Lang
		wantErr bool
	}{
		{"", LangZH, false},
		{"zh", LangZH, false},
		{"en", LangEN, false},
		{" EN ", LangEN, false},
		{"fr", LangZH, true},
		{"en_US.UTF-8", LangZH, true}, // a $LANG value is not a --lang value
	}
	for _, tt := range tests {
		got, err := ParseLang(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestTranslate(t *testing.T) {
	tests := []struct {
		lang Lang
		id   msgID
		args []any
		want string
	}{
		{LangZH, msgDemoLoading, nil, "正在生成演示数据…"},
		{LangEN, msgTabFlagged, nil, "Flagged"},
		{LangZH, msgDemoFailed, []any{"磁盘已满"}, "生成演示数据失败：磁盘已满"},
		{LangEN, msgCount, nil, "<msg " + strconv.Itoa(int(msgCount)) + ">"},
	}
	for _, tt := range tests {
		if got := tt.lang.tr(tt.id, tt.args...); got != tt.want {
			t.Errorf("%s.tr(%d) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
}

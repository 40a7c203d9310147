package ui

import (
	"strconv"
	"strings"
	"testing"

	"phoneaudit/lang"
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

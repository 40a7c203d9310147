package tabular

import "testing"

func TestGuardCell(t *testing.T) {
	tests := []struct{ in, guarded string }{
		{"", ""},
		{"市教育局", "市教育局"},
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+86 391 3500814", "'+86 391 3500814"},
		{"-1", "'-1"},
		{"@cmd", "'@cmd"},
		{"0391-3500814", "0391-3500814"},
		{" =x", " =x"}, // Excel does not run it, and the reader trims the space anyway
		{"'", "'"},
		{"'abc", "'abc"},
		{"'=x", "''=x"}, // so that unguarding gives back '=x, not =x
		{"''-x", "'''-x"},
		{"'''", "'''"},
	}
	for _, tt := range tests {
		if got := GuardCell(tt.in); got != tt.guarded {
			t.Errorf("GuardCell(%q) = %q, want %q", tt.in, got, tt.guarded)
		}
		if got := UnguardCell(tt.guarded); got != tt.in {
			t.Errorf("UnguardCell(%q) = %q, want %q", tt.guarded, got, tt.in)
		}
	}
}

func TestUnguardCellLeavesClerksQuotes(t *testing.T) {
	for in, want := range map[string]string{
		"'0391":  "'0391",
		"'=A1":   "=A1",
		"'+86":   "+86",
		"'-":     "-",
		"'@":     "@",
		"abc'=x": "abc'=x",
		"":       "",
	} {
		if got := UnguardCell(in); got != want {
			t.Errorf("UnguardCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"０３９１－３５００８１４", "0391-3500814"},
		{"（０３９１）３５００８１４", "(0391)3500814"},
		{"＋８６　３９１", "+86 391"},
		{"\u3000 0391—3500814 \u3000", "0391-3500814"},
		{"0391–3500814", "0391-3500814"},
		{"12345", "12345"},
		{"0391-3500814转８０１", "0391-3500814转801"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizePhone(tt.in); got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\u3000市教育局\u3000", "市教育局"},
		{"市\u3000教育局", "市 教育局"},
		{"\uFEFF\u200B办公室 \t", "办公室"},
		{"ｐｈｏｎｅ", "ｐｈｏｎｅ"}, // only spaces are folded; letters are the clerk's business
	}
	for _, tt := range tests {
		if got := NormalizeText(tt.in); got != tt.want {
			t.Errorf("NormalizeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeaderKey(t *testing.T) {
	same := [][]string{
		{"单位", " 单位 ", "\u3000单位\u3000", "'单位", "*单位", "单位*", "单位＊"},
		{"phone", "Phone", "PHONE", "ｐｈｏｎｅ", "'Phone "},
	}
	for _, group := range same {
		for _, s := range group[1:] {
			if headerKey(s) != headerKey(group[0]) {
				t.Errorf("headerKey(%q) = %q, want %q", s, headerKey(s), headerKey(group[0]))
			}
		}
	}
	if headerKey("单位名称") == headerKey("单位") {
		t.Error("单位名称 must not match 单位")
	}
}

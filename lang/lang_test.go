package lang

import "testing"

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Lang
		ok   bool
	}{{"", ZH, true}, {"zh", ZH, true}, {" EN ", EN, true}, {"en", EN, true}, {"fr", ZH, false}} {
		got, err := Parse(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
	if Of("En") != EN || Of("de") != ZH || Of("") != ZH {
		t.Error("Of: only en is English")
	}
}

// Moved from package ui, whose ParseLang this was.
func TestParseLangValues(t *testing.T) {
	tests := []struct {
		in      string
		want    Lang
		wantErr bool
	}{
		{"", ZH, false},
		{"zh", ZH, false},
		{"en", EN, false},
		{" EN ", EN, false},
		{"fr", ZH, true},
		{"en_US.UTF-8", ZH, true}, // a $LANG value is not a --lang value
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("Parse(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		l    Lang
		n    int
		want string
	}{{EN, 0, "0 offices"}, {EN, 1, "1 office"}, {EN, 2, "2 offices"}, {ZH, 1, "1 个单位"}, {ZH, 3, "3 个单位"}} {
		if got := c.l.Count(c.n, "%d 个单位", "%d office", "%d offices"); got != c.want {
			t.Errorf("%s Count(%d) = %q, want %q", c.l, c.n, got, c.want)
		}
	}
}

func TestPick(t *testing.T) {
	if ZH.Pick("是", "yes") != "是" || EN.Pick("是", "yes") != "yes" {
		t.Error("Pick chose the wrong language")
	}
	if EN.Pickf("%d 次", "%d times", 3) != "3 times" {
		t.Error("Pickf")
	}
	if (Text{"农民", "farmer"}).In(EN) != "farmer" || (Text{"农民", "farmer"}).In(ZH) != "农民" {
		t.Error("Text.In")
	}
}

func TestCountf(t *testing.T) {
	for _, c := range []struct {
		l    Lang
		n    int
		want string
	}{
		{EN, 1, "opened round 5: its 1 call"}, {EN, 2, "opened round 5: its 2 calls"},
		{EN, 0, "opened round 5: its 0 calls"}, {ZH, 1, "已开始round 5：1 个电话"},
	} {
		got := c.l.Countf(c.n, "已开始%s：%d 个电话", "opened %s: its %d call", "opened %s: its %d calls", "round 5", c.n)
		if got != c.want {
			t.Errorf("%s Countf(%d) = %q, want %q", c.l, c.n, got, c.want)
		}
	}
}

func TestPlural(t *testing.T) {
	if got := Plural(1, "%d office", "%d offices"); got != "1 office" {
		t.Errorf("Plural(1) = %q", got)
	}
	if got := Plural(3, "%d office", "%d offices"); got != "3 offices" {
		t.Errorf("Plural(3) = %q", got)
	}
	if English(1, "one", "many") != "one" || English(0, "one", "many") != "many" {
		t.Error("English: only 1 is one")
	}
}

package tabular

import (
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		want    string
		wantErr string
	}{
		{name: "ascii", data: []byte("a,b\n"), want: "a,b\n"},
		{name: "utf-8", data: []byte("单位,科室\n"), want: "单位,科室\n"},
		{name: "utf-8 BOM removed", data: []byte("\uFEFF单位\n"), want: "单位\n"},
		{name: "only a BOM", data: []byte("\uFEFF"), want: ""},
		{name: "empty", data: nil, want: ""},
		{name: "gbk", data: gb(t, "市教育局,办公室\r\n"), want: "市教育局,办公室\r\n"},
		{name: "gb18030 four-byte and supplementary characters", data: gb(t, "€·ˊ𠀀㐀\n"), want: "€·ˊ𠀀㐀\n"},
		{name: "gbk euro byte 0x80", data: append(gb(t, "价格"), 0x80), want: "价格€"},
		{name: "a genuine U+FFFD in GB18030 is no error", data: gb(t, "甲\uFFFD乙"), want: "甲\uFFFD乙"},
		{
			name:    "lead byte followed by ASCII",
			data:    append(gb(t, "单位\n科室\n"), 0xB5, ',', '\n'),
			wantErr: "x.csv line 3: invalid GB18030 bytes",
		},
		{
			name:    "byte 0xFF",
			data:    append(gb(t, "单位\n"), 0xFF),
			wantErr: "x.csv line 2: invalid GB18030 bytes",
		},
		{
			name:    "lead byte cut off at the end",
			data:    append(gb(t, "单位\n科室\n\n"), 0xB5),
			wantErr: "x.csv line 4: invalid GB18030 bytes",
		},
		{
			name:    "four-byte form with a bad third byte",
			data:    append(gb(t, "单位\n"), 0x81, 0x30, 0x20, 0x30),
			wantErr: "x.csv line 2: invalid GB18030 bytes",
		},
		{
			name:    "four-byte form beyond Unicode",
			data:    append(gb(t, "单位\n"), 0xFE, 0x39, 0xFE, 0x39),
			wantErr: "x.csv line 2: invalid GB18030 bytes",
		},
		{
			name:    "a BOM says UTF-8, so a bad byte is damage, not GBK",
			data:    []byte("\uFEFF单位\n科室\xB5\n"),
			wantErr: "x.csv line 2: invalid UTF-8 bytes",
		},
		{
			name:    "UTF-8 Chinese with one damaged byte",
			data:    []byte(strings.Repeat("市教育局,办公室\n", 5) + "市公安局\xE5\n"),
			wantErr: "x.csv line 6: invalid UTF-8 bytes",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.data, "x.csv")
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want %q…", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDecodeGBKIsNotMistakenForUTF8 guards the "mostly UTF-8" rule: real GBK Chinese, whose
// bytes now and then also form UTF-8 sequences, must still be read as GBK.
func TestDecodeGBKIsNotMistakenForUTF8(t *testing.T) {
	texts := []string{
		"单位,科室,电话,类别\r\n市教育局,办公室,0391-3500814,窗口\r\n市公安局,户政科,0391-3500815,窗口\r\n" +
			"市人力资源和社会保障局,社会保险经办中心,0391-3500816,热线\r\n市不动产登记中心,登记大厅,12345,窗口\r\n",
		"轮次,单位,科室,是否存在问题,得分,问题描述\n第一轮,市民政局,婚姻登记处,是,62,无人接听；态度生硬\n",
		"姓名,角色,所属\n张三,测评员,市政务服务中心\n李四,组长,市纪委监委\n王五,测评员,焦作日报社\n",
	}
	for _, text := range texts {
		got, err := Decode(gb(t, text), "x.csv")
		if err != nil {
			t.Fatalf("%q: %v", text[:20], err)
		}
		if got != text {
			t.Fatalf("got %q, want %q", got, text)
		}
	}
}

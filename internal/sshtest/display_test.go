package sshtest

import (
	"slices"
	"strings"
	"testing"
)

// TestDisplay checks the screen read through the emulator on the sequences the Bubble Tea
// renderer uses, cut where an SSH channel may cut them: a test that read a wrong screen would
// wait for text that never comes, or pass on text that is gone.
func TestDisplay(t *testing.T) {
	tests := []struct {
		name   string
		writes []string // written one after the other, cut anywhere
		want   []string // the first lines of a 20×4 screen
	}{
		{"text and newlines", []string{"ab\r\ncd"}, []string{"ab", "cd"}},
		{"cursor position and erase right", []string{"hello\x1b[1;3H\x1b[Kxy"}, []string{"hexy"}},
		{"only the changed character", []string{"已完成 4/10", "\x1b[1;8H5"}, []string{"已完成 5/10"}},
		{"wide characters overwritten by narrow ones", []string{"未保存", "\x1b[1;2Hab"}, []string{" ab 存"}},
		{"a sequence cut in two", []string{"ab\x1b[1", ";1Hz"}, []string{"zb"}},
		{"a character cut in two", []string{"\xe5\xb7", "\xb2ok"}, []string{"已ok"}},
		{"erase the screen", []string{"ab\r\ncd\x1b[H\x1b[2J"}, []string{"", ""}},
		{"erase below", []string{"ab\r\ncd\r\nef\x1b[2;2H\x1b[J"}, []string{"ab", "c", ""}},
		{"erase characters", []string{"abcdef\x1b[1;2H\x1b[3X"}, []string{"a   ef"}},
		{"insert and delete characters", []string{"abcdef\x1b[1;2H\x1b[2@\x1b[1;6H\x1b[1P"}, []string{"a  bcef"}},
		{"repeat", []string{"a\x1b[3b"}, []string{"aaaa"}},
		{"relative moves", []string{"abc\x1b[2D\x1b[1B\x1b[1Cz\x1b[1A\x1b[1Gq"}, []string{"qbc", "  z"}},
		{"column and line absolute", []string{"\x1b[3d\x1b[4Gx"}, []string{"", "", "   x"}},
		{"insert and delete lines", []string{"1\r\n2\r\n3\r\n4\x1b[2;1H\x1b[1L\x1b[4;1H\x1b[1M"}, []string{"1", "", "2", ""}},
		{"scroll region", []string{"1\r\n2\r\n3\r\n4\x1b[2;3r\x1b[3;1H\n\x1b[r"}, []string{"1", "3", "", "4"}},
		{"scroll up and down", []string{"1\r\n2\r\n3\r\n4\x1b[1S"}, []string{"2", "3", "4", ""}},
		{"reverse index at the top", []string{"1\r\n2\x1b[H\x1bM"}, []string{"", "1", "2"}},
		{"the last column wraps on the next character", []string{"01234567890123456789", "ab"}, []string{"01234567890123456789", "ab"}},
		{"no wrap when autowrap is off", []string{"\x1b[?7l01234567890123456789ab\x1b[?7h"}, []string{"0123456789012345678b"}},
		{"styles and strings are ignored", []string{"\x1b[1;31ma\x1b[0m\x1b]0;title\x07\x1b[?2026hb\x1b[?2026$p"}, []string{"ab"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDisplay(20, 4)
			defer d.Close()
			for _, w := range tt.writes {
				d.Write([]byte(w))
			}
			got := strings.Split(d.Text(), "\n")[:len(tt.want)]
			if !slices.Equal(got, tt.want) {
				t.Errorf("screen %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDisplayReverse: the selected row of a list is the one in reverse video.
func TestDisplayReverse(t *testing.T) {
	tests := []struct {
		name  string
		write string
		want  []string // the reversed text of the first lines
	}{
		{"on and reset", "\x1b[7mab\x1b[0mcd\x1b[7me\x1b[mf", []string{"abe"}},
		{"on and off", "\x1b[1;7mab\x1b[27mcd", []string{"ab"}},
		{"after 256 and true colours", "\x1b[38;5;7;48;2;7;7;7mab\x1b[38;5;1;7mcd", []string{"cd"}},
		{"after colon colours", "\x1b[38:2::7:7:7mab\x1b[38:5:7;7mcd", []string{"cd"}},
		{"overwritten plainly", "\x1b[7mabc\x1b[0m\x1b[1;2Hx", []string{"ac"}},
		{"a row of its own", "ab\r\n\x1b[7m 甲01 \x1b[0m", []string{"", "甲01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDisplay(20, 4)
			defer d.Close()
			d.Write([]byte(tt.write))
			got := strings.Split(d.Reversed(), "\n")[:len(tt.want)]
			if !slices.Equal(got, tt.want) {
				t.Errorf("reversed %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDisplayWatchesForErrors(t *testing.T) {
	v := NewDisplay(20, 3, "未保存")
	defer v.Close()
	v.Write([]byte("● 已保存"))
	if v.Seen() != "" {
		t.Fatalf("saw an error on %q", v.Seen())
	}
	v.Write([]byte("\x1b[1;3H未")) // one character turns 已保存 into 未保存
	if !strings.Contains(v.Seen(), "未保存") {
		t.Errorf("the error drawn by one changed character went unseen: %q", v.Seen())
	}
}

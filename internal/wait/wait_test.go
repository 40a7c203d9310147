package wait

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestShows(t *testing.T) {
	frames := []string{"正在读取", "已完成 0/3", "已完成 0/3\n甲 乙"}
	n := 0
	screen := func() (string, error) {
		s := frames[min(n, len(frames)-1)]
		n++
		return s, nil
	}
	got, err := Shows(time.Second, time.Millisecond, screen, "甲", "已完成")
	if err != nil || got != frames[2] {
		t.Fatalf("got %q, %v; want the third frame", got, err)
	}
}

func TestShowsQuotesTheLastScreen(t *testing.T) {
	screen := func() (string, error) { return "● 已保存", nil }
	_, err := Shows(30*time.Millisecond, 5*time.Millisecond, screen, "已保存", "未保存")
	if err == nil {
		t.Fatal("a text never shown was seen")
	}
	for _, want := range []string{`["已保存" "未保存"]`, "30ms", "● 已保存"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error %q does not say %q", err, want)
		}
	}
}

func TestUntilStopsOnAFailedLook(t *testing.T) {
	broken := errors.New("tmux went away")
	calls := 0
	_, err := Until(time.Second, time.Millisecond, "anything", func() (string, bool, error) {
		calls++
		return "", false, broken
	})
	if !errors.Is(err, broken) || calls != 1 {
		t.Errorf("got %v after %d looks; want the look's error after one", err, calls)
	}
}

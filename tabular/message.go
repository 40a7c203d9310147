package tabular

import (
	"fmt"

	"phoneaudit/lang"
)

// Message is an error worded in both languages, for the reader that knows which the user chose
// (In); Error is the English. It names the file and, where there is one, the line.
type Message struct {
	File string
	Line int // 0: about the whole file
	ZH   string
	EN   string
}

func (m *Message) Error() string { return m.In(lang.EN) }

// In is the message in l: `offices.csv 第 12 行：…` or `offices.csv line 12: …`.
func (m *Message) In(l lang.Lang) string {
	switch {
	case m.Line == 0:
		return m.File + l.Pick("：", ": ") + l.Pick(m.ZH, m.EN)
	case l == lang.EN:
		return fmt.Sprintf("%s line %d: %s", m.File, m.Line, m.EN)
	}
	return fmt.Sprintf("%s 第 %d 行：%s", m.File, m.Line, m.ZH)
}

package server

import (
	"errors"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/internal/sshtest"
)

// errorTexts are what the screens show when a write did not reach the database: the header's
// mark (✗ 未保存), the status line of a failed save or action, and a list that cannot be read.
var errorTexts = []string{"未保存", "没能保存", "没有完成：", "无法读取", "数据库正忙"}

// term is an SSH session on the screens that watches for errorTexts.
type term struct{ *sshtest.Term }

// openTerm asks for an sshtest.Width×Height terminal and the screens, watching for errorTexts.
func openTerm(c *gossh.Client, timeout, pace time.Duration) (*term, error) {
	tm, err := sshtest.Open(c, nil, errorTexts, timeout, pace)
	if err != nil {
		return nil, err
	}
	return &term{tm}, nil
}

// errorSeen says what error a screen showed, if any did.
func (tm *term) errorSeen() error {
	if s := tm.Seen(); s != "" {
		return errors.New("an error showed on the screen:\n" + s)
	}
	return nil
}

package server

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"phoneaudit/internal/sshtest"
	"phoneaudit/scoring"
)

// TestRemovedKeyEndsItsSession: a key taken out of the keys file ends its open sessions within
// seconds, with a message, and what the client types after the key is gone is not written: a dial
// started right after the removal leaves no attempt.
func TestRemovedKeyEndsItsSession(t *testing.T) {
	for _, tt := range []struct {
		name  string
		typed []string // right after the removal
	}{
		{"idle", nil},
		{"dialling right after", []string{"enter", "space", "space"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tm := newTeam(t, 1, 2)
			log := &sshtest.Buffer{}
			srv := tm.serve(func(c *Config) { c.Log = log })
			m := tm.auditors[0]
			sc := tm.screens(t, srv, m)
			mustSee(t, sc, "已完成 0/2", m.offices[0])

			if err := os.WriteFile(tm.keys, []byte(sshtest.KeyLine(tm.lead.key, tm.lead.name)+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			removed := time.Now()
			mustPress(t, sc, tt.typed...)
			how, err := sc.Ended()
			if err != nil {
				t.Fatal(err)
			}
			took := time.Since(removed)
			if sshtest.ExitStatus(how) != 1 {
				t.Errorf("the session ended with %v, want exit 1", how)
			}
			if _, err := sc.WaitFor("会话已结束：这把密钥已不能登录（不在密钥文件中）"); err != nil {
				t.Error(err)
			}
			if !strings.Contains(log.String(), "的密钥已不能登录（不在密钥文件中），结束了它的会话") {
				t.Errorf("the log does not say the session was ended:\n%s", log)
			}
			t.Logf("the session ended %s after its key was removed", took.Round(time.Millisecond))
			for _, c := range tm.callsOf(m) {
				attempts, err := tm.st.Attempts(context.Background(), c.call.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(attempts) > 0 || c.call.Status != scoring.ToCall {
					t.Errorf("call to %s: %s with %d attempts after the key was removed, want untouched", c.call.Office, c.call.Status, len(attempts))
				}
			}
		})
	}
}

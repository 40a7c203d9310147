package server

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/imports"
	"phoneaudit/internal/sshtest"
	"phoneaudit/scoring"
	"phoneaudit/store"
)

// workTime is the screens' clock in these tests: a Friday at 10:00 in the city, inside working
// hours, so every dial counts whatever the hour the tests run at.
var workTime = time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)

// team is a database of its own for the tests with several sessions: auditors with a key each
// in the keys file, a lead, and an open round in which each auditor has the same number of
// calls, one office per call.
type team struct {
	t        *testing.T
	dir      string
	db       string
	st       *store.Store
	keys     string
	round    store.Round
	auditors []member
	lead     member
}

// member is someone of the team with their key.
type member struct {
	name    string
	id      int64
	key     gossh.Signer
	offices []string // the offices of their calls, in the order their list shows them
}

const teamDept = "负载测试局"

func newTeam(t *testing.T, auditors, callsEach int) *team {
	t.Helper()
	ctx := context.Background()
	tm := &team{t: t, dir: t.TempDir()}
	tm.db = filepath.Join(tm.dir, "phoneaudit.db")
	var err error
	if tm.st, err = store.Open(ctx, tm.db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tm.st.Close() })
	tm.lead = member{name: "组长甲", key: sshtest.NewSigner(t)}
	for a := range auditors {
		m := member{name: fmt.Sprintf("测评员%02d", a+1), key: sshtest.NewSigner(t)}
		for c := range callsEach {
			m.offices = append(m.offices, fmt.Sprintf("甲%02d号%03d科", a+1, c+1))
		}
		tm.auditors = append(tm.auditors, m)
	}
	tm.importPeople(ctx)
	tm.writeKeys()
	tm.openRound(ctx)
	return tm
}

// importPeople imports the offices and the auditors from CSV files, as a lead does.
func (tm *team) importPeople(ctx context.Context) {
	t := tm.t
	offices := []string{"单位,科室,电话"}
	people := []string{"姓名,角色", tm.lead.name + ",组长"}
	for _, m := range tm.auditors {
		people = append(people, m.name+",测评员")
		for _, o := range m.offices {
			offices = append(offices, fmt.Sprintf("%s,%s,0571%07d", teamDept, o, len(offices)))
		}
	}
	for _, f := range []struct {
		file  string
		lines []string
		imp   func(context.Context, *store.Store, string) (store.ImportReport, error)
	}{
		{"offices.csv", offices, imports.Offices},
		{"auditors.csv", people, imports.Auditors},
	} {
		path := filepath.Join(tm.dir, f.file)
		if err := os.WriteFile(path, []byte(strings.Join(f.lines, "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := f.imp(ctx, tm.st, path); err != nil {
			t.Fatalf("importing %s: %v", f.file, err)
		}
	}
	all, err := tm.st.Auditors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, a := range all {
		ids[a.Name] = a.ID
	}
	tm.lead.id = ids[tm.lead.name]
	for i := range tm.auditors {
		tm.auditors[i].id = ids[tm.auditors[i].name]
	}
}

// writeKeys writes the keys file: the lead's key, then one per auditor, named in the comment.
func (tm *team) writeKeys() {
	lines := []string{sshtest.KeyLine(tm.lead.key, tm.lead.name)}
	for _, m := range tm.auditors {
		lines = append(lines, sshtest.KeyLine(m.key, m.name))
	}
	tm.keys = filepath.Join(tm.dir, "authorized_keys")
	if err := os.WriteFile(tm.keys, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		tm.t.Fatal(err)
	}
}

// openRound plans each auditor's calls ten minutes apart in their offices' order, and opens
// the round.
func (tm *team) openRound(ctx context.Context) {
	t := tm.t
	r, err := tm.st.NewRound(ctx, "负载测试轮", "", "")
	if err != nil {
		t.Fatal(err)
	}
	offices, err := tm.st.Offices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	officeIDs := map[string]int64{}
	for _, o := range offices {
		officeIDs[o.Name] = o.ID
	}
	var plans []store.CallPlan
	for _, m := range tm.auditors {
		for c, o := range m.offices {
			plans = append(plans, store.CallPlan{OfficeID: officeIDs[o], AuditorID: m.id,
				Persona: scoring.Resident, Planned: workTime.Add(time.Duration(c) * 10 * time.Minute)})
		}
	}
	if err := tm.st.AddCalls(ctx, r.ID, plans); err != nil {
		t.Fatal(err)
	}
	if err := tm.st.StartRound(ctx, r.Name); err != nil {
		t.Fatal(err)
	}
	if tm.round, err = tm.st.FindRound(ctx, r.Name); err != nil {
		t.Fatal(err)
	}
}

// serve starts a server on a free loopback port with the screens' clock at workTime; change
// adjusts its configuration. It stops when the test ends.
func (tm *team) serve(change func(*Config)) *Server {
	t := tm.t
	cfg := Config{
		Listen:      "127.0.0.1:0",
		KeysPath:    tm.keys,
		HostKeyPath: filepath.Join(tm.dir, "ssh_host_ed25519"),
		Store:       tm.st,
		Log:         &sshtest.Buffer{},
		Now:         func() time.Time { return workTime },
		Grace:       3 * time.Second,
	}
	if change != nil {
		change(&cfg)
	}
	srv, err := Listen(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Listen: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-served:
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop within 10 s")
		}
	})
	return srv
}

// dialAs logs in to srv with key; the timeout is generous, for many logins at once.
func dialAs(srv *Server, key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", srv.Addr(), &gossh.ClientConfig{
		User:            "anyone",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.FixedHostKey(srv.hostKey.PublicKey()),
		Timeout:         time.Minute,
	})
}

// scoreKeys score the default rubric's criteria in their order (规范用语 y, 服务态度 4, 答复准确 5,
// 首问负责 y, 礼貌结束 y); 接听及时 comes from the timer. scoreAnswers is what they store.
var (
	scoreKeys    = []string{"y", "4", "5", "y", "y"}
	scoreAnswers = scoring.Answers{"greeting": 2, "attitude": 4, "accuracy": 5, "ownership": 1, "closing": 1}
)

// scoredCall is one call of a round as the database has it, with its caller's sheet.
type scoredCall struct {
	call    store.Call
	sheets  []store.SheetInfo
	answers int  // in the caller's submitted sheet
	right   bool // that sheet holds scoreAnswers
}

// callsOf reads an auditor's calls of the round, as the command line (no actor) sees them.
func (tm *team) callsOf(m member) []scoredCall {
	t := tm.t
	ctx := context.Background()
	calls, err := tm.st.Calls(ctx, store.CallFilter{RoundID: tm.round.ID, AuditorID: m.id})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]scoredCall, len(calls))
	for i, c := range calls {
		out[i].call = c
		if out[i].sheets, err = tm.st.Sheets(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		for _, s := range out[i].sheets {
			if s.RaterID == m.id && s.Status == "submitted" {
				out[i].answers += len(s.Answers)
				out[i].right = maps.Equal(s.Answers, scoreAnswers)
			}
		}
	}
	return out
}

// checkScored checks that an auditor's first n calls are done, each with one submitted sheet
// of theirs holding scoreAnswers, and that the rest were not touched.
func (tm *team) checkScored(m member, n int) {
	t := tm.t
	t.Helper()
	criteria := len(scoreAnswers)
	answers := 0
	calls := tm.callsOf(m)
	if len(calls) != len(m.offices) {
		t.Errorf("%s has %d calls in the database, want %d", m.name, len(calls), len(m.offices))
		return
	}
	for i, sc := range calls {
		c := sc.call
		answers += sc.answers
		switch {
		case c.Office != m.offices[i]:
			t.Errorf("%s's call %d is to %s, want %s", m.name, i+1, c.Office, m.offices[i])
		case i < n && (c.Status != scoring.Done || len(sc.sheets) != 1 || !sc.right):
			t.Errorf("%s's call %d (%s): %s with sheets %+v; want done with one submitted sheet of %v",
				m.name, i+1, c.Office, c.Status, sc.sheets, scoreAnswers)
		case i >= n && (c.Status != scoring.ToCall || len(sc.sheets) != 0):
			t.Errorf("%s's call %d (%s) was not to be made, but is %s with sheets %+v", m.name, i+1, c.Office, c.Status, sc.sheets)
		}
	}
	if answers != n*criteria {
		t.Errorf("%s's submitted sheets hold %d answers, want %d", m.name, answers, n*criteria)
	}
}

package store_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"phoneaudit/scoring"
	"phoneaudit/store"
)

// Contention: several processes save answers into one file at once, as local terminals, the SSH
// server and commands do. No error may reach a user and every save must be there.
const (
	contentionProcs = 8
	contentionSaves = 500
)

// TestContention starts contentionProcs copies of this test binary, each saving
// contentionSaves answers on a sheet of its own, all at once into one database file.
func TestContention(t *testing.T) {
	if os.Getenv("PHONEAUDIT_CONTENTION_CHILD") != "" {
		t.Skip("a child of TestContention")
	}
	s, path := mustOpen(t)
	ctx := context.Background()
	var offices []store.OfficeInput
	for i := range contentionProcs {
		offices = append(offices, store.OfficeInput{Department: "市测试局", Name: fmt.Sprintf("第%d科", i+1), Phone: strconv.Itoa(i)})
	}
	if _, err := s.UpsertOffices(ctx, offices); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertAuditors(ctx, []store.Auditor{{Name: "王芳", Role: "auditor"}}, nil); err != nil {
		t.Fatal(err)
	}
	registry, _ := s.Offices(ctx)
	me, _ := s.FindAuditor(ctx, "王芳")
	round := openRoundWithCalls(t, s, "2026年第1轮", registry, me.ID)
	calls, _ := s.Calls(ctx, store.CallFilter{RoundID: round.ID})
	sheets := make([]int64, len(calls))
	for i, c := range calls {
		if _, err := s.AddAttempt(ctx, c.ID, s.Now(), scoring.Connected); err != nil {
			t.Fatal(err)
		}
		var err error
		if sheets[i], err = s.Draft(ctx, c.ID, "王芳"); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	var wg sync.WaitGroup
	outs := make([]string, len(sheets))
	errs := make([]error, len(sheets))
	for i, sheet := range sheets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestContentionChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), "PHONEAUDIT_CONTENTION_CHILD="+path+"|"+strconv.FormatInt(sheet, 10))
			out, err := cmd.CombinedOutput()
			outs[i], errs[i] = string(out), err
		}()
	}
	wg.Wait()
	for i := range sheets {
		if errs[i] != nil || !strings.Contains(outs[i], "saved "+strconv.Itoa(contentionSaves)) {
			t.Errorf("child %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	s2, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	for _, sheet := range sheets {
		got, err := s2.Answers(ctx, sheet)
		if err != nil {
			t.Fatal(err)
		}
		if want := lastWritten(sheet); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("sheet %d holds %v, want the last saves %v", sheet, got, want)
		}
	}
}

// contentionKeys are the criteria the children set in turn; save n of a sheet sets
// contentionKeys[n%5] to contentionValue(sheet, n).
var contentionKeys = []string{"greeting", "attitude", "accuracy", "ownership", "closing"}

func contentionValue(sheet int64, n int) int { return (n + int(sheet)) % 2 }

func lastWritten(sheet int64) scoring.Answers {
	want := scoring.Answers{}
	for n := range contentionSaves {
		want[contentionKeys[n%len(contentionKeys)]] = contentionValue(sheet, n)
	}
	return want
}

// TestContentionChild is one writer of TestContention; it runs only as its child.
func TestContentionChild(t *testing.T) {
	arg := os.Getenv("PHONEAUDIT_CONTENTION_CHILD")
	if arg == "" {
		t.Skip("runs only as a child of TestContention")
	}
	path, sheetText, _ := strings.Cut(arg, "|")
	sheet, _ := strconv.ParseInt(sheetText, 10, 64)
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rub, err := s.Rubric(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	saved := 0
	for n := range contentionSaves {
		c, _ := rub.Criterion(contentionKeys[n%len(contentionKeys)])
		if err := s.SaveAnswer(ctx, sheet, c, contentionValue(sheet, n)); err != nil {
			t.Fatalf("save %d: %v", n, err)
		}
		saved++
	}
	fmt.Printf("saved %d\n", saved)
}

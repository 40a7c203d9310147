package publish_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"phoneaudit/demo"
	"phoneaudit/imports"
	"phoneaudit/lang"
	"phoneaudit/publish"
	"phoneaudit/scoring"
	"phoneaudit/store"

	_ "modernc.org/sqlite"
)

func demoStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := demo.Load(context.Background(), s, 1); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC) }
	return s, path
}

// TestSummaryAgreesWithTheDatabase computes the bulletin's numbers of round 5 with SQL of its
// own, straight from the file, and compares them with the summary: the numbers do not depend on
// the template, nor on the store's own queries.
func TestSummaryAgreesWithTheDatabase(t *testing.T) {
	s, path := demoStore(t)
	ctx := context.Background()
	r, _ := s.FindRound(ctx, "5")
	sum, err := publish.Summary(ctx, s, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string) int {
		t.Helper()
		var n int
		if err := db.QueryRow(q, r.ID).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	finished := `FROM calls WHERE round_id = ? AND status IN ('done', 'unreachable')`
	checks := []struct {
		name      string
		got, want int
	}{
		{"offices audited", sum.OfficesAudited, count("SELECT count(DISTINCT office_id) " + finished)},
		{"calls audited", sum.CallsAudited, count("SELECT count(*) " + finished)},
		{"connected", sum.Connected, count(`SELECT count(*) ` + finished + ` AND EXISTS (SELECT 1 FROM attempts a WHERE a.call_id = calls.id AND a.outcome IN (11, 12))`)},
		{"problem offices", sum.ProblemOffices, count("SELECT count(DISTINCT office_id) " + finished + " AND problem = 1")},
		{"problem calls", sum.ProblemCalls, count("SELECT count(*) " + finished + " AND problem = 1")},
		{"not scored", sum.NotScored, count("SELECT count(*) " + finished + " AND scored = 0")},
	}
	for _, c := range checks {
		if c.got != c.want || c.want == 0 {
			t.Errorf("%s: summary %d, SQL %d", c.name, c.got, c.want)
		}
	}
	if want := float64(sum.Connected) / float64(sum.CallsAudited); sum.ConnectionRate != want {
		t.Errorf("connection rate %v, want %v", sum.ConnectionRate, want)
	}
	// Red and yellow agree with `flags --round 5`, for the offices audited in round 5.
	flags, _ := s.Flags(ctx, 5)
	var red, yellow []string
	for _, f := range flags {
		if f.Round != 5 {
			continue
		}
		if f.Level == scoring.Red {
			red = append(red, f.Office)
		} else {
			yellow = append(yellow, f.Office)
		}
	}
	slices.Sort(red)
	slices.Sort(yellow)
	if got := officeNames(sum.Red); !slices.Equal(got, red) {
		t.Errorf("red: summary %v, flags %v", got, red)
	}
	if got := officeNames(sum.Yellow); !slices.Equal(got, yellow) {
		t.Errorf("yellow: summary %v, flags %v", got, yellow)
	}
	if sum.Previous == nil || sum.Previous.Round != 4 {
		t.Errorf("previous round: %+v", sum.Previous)
	}
}

func officeNames(fs []scoring.FlaggedOffice) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Office)
	}
	slices.Sort(out)
	return out
}

func TestPublishRoundFive(t *testing.T) {
	s, _ := demoStore(t)
	ctx := context.Background()
	r, _ := s.FindRound(ctx, "5")
	fresh, published, err := publish.Bulletin(ctx, s, r, publish.Options{})
	if err != nil || published {
		t.Fatalf("preview: %v, published %v", err, published)
	}
	for _, want := range []string{"关于2026年第5轮市直单位重点科室电话暗访测评情况的通报", "现将有关情况通报如下", "一、总体情况", "三、处理意见", "通报批评"} {
		if !strings.Contains(string(fresh), want) {
			t.Errorf("the bulletin lacks %q", want)
		}
	}
	rep, err := publish.Round(ctx, s, r)
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := publish.Summary(ctx, s, r.ID)
	if rep.Notices != sum.ProblemOffices || rep.Notices == 0 || len(rep.Checksums) != 4 {
		t.Errorf("publication: %+v, %d offices with a problem", rep, sum.ProblemOffices)
	}
	r, _ = s.FindRound(ctx, "5")
	again, err := publish.Round(ctx, s, r)
	if err != nil || !again.Already {
		t.Errorf("publishing twice: %+v, %v", again, err)
	}
	notices, _ := s.Notices(ctx, store.NoticeFilter{RoundID: r.ID})
	if len(notices) != rep.Notices {
		t.Errorf("%d notices after publishing twice, want %d", len(notices), rep.Notices)
	}
	stored, published, err := publish.Bulletin(ctx, s, r, publish.Options{})
	if err != nil || !published || string(stored) != string(fresh) {
		t.Errorf("the stored bulletin differs from the one published (published %v, %v)", published, err)
	}
	dir := filepath.Join(t.TempDir(), "整改通知")
	files, err := publish.WriteNotices(ctx, s, r, dir, lang.ZH)
	if err != nil || len(files) != rep.Notices {
		t.Fatalf("notices written: %d, %v", len(files), err)
	}
	body, _ := os.ReadFile(files[0])
	if !strings.Contains(string(body), "整改") || !strings.Contains(string(body), notices[0].Deadline[:4]) {
		t.Errorf("a notice reads:\n%s", body)
	}
	// A published round takes no new calls.
	if _, err := imports.Results(ctx, s, writeResults(t, r.Name)); !errors.Is(err, store.ErrRoundState) {
		t.Errorf("an import into a published round: %v", err)
	}
	open, _ := s.FindRound(ctx, "6")
	if _, err := publish.Round(ctx, s, open); !errors.Is(err, store.ErrRoundState) {
		t.Errorf("publishing an open round: %v", err)
	}
}

func writeResults(t *testing.T, round string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "r.csv")
	body := "轮次,单位,科室,是否存在问题\n" + round + ",市人力资源和社会保障局,社会保险中心,是\n"
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

package publish_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"phoneaudit/internal/benchdb"
	"phoneaudit/publish"
	"phoneaudit/store"
)

// BenchmarkBulletinProvince measures the bulletin of the latest closed round on the cached
// province database (2,000 offices): the round's summary read and worked out (publish.Summary,
// which compares it with the round before), then rendered as Chinese text. It depends on the
// round shown, not on how many rounds are stored (goal: under 200 ms at 500 rounds as at 10).
func BenchmarkBulletinProvince(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, benchdb.Path(b, benchdb.Rounds()))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	latest, err := s.LatestAuditedRound(ctx)
	if err != nil || latest == 0 {
		b.Fatalf("no audited round: %v", err)
	}
	r, err := s.FindRound(ctx, strconv.Itoa(latest))
	if err != nil {
		b.Fatal(err)
	}
	o := publish.Options{Lang: "zh", Format: "text", Fresh: true}
	text, _, err := publish.Bulletin(ctx, s, r, o)
	if err != nil {
		b.Fatal(err)
	}
	if !strings.Contains(string(text), r.Name) {
		b.Fatalf("the bulletin does not name its round %s:\n%s", r.Name, text)
	}
	for b.Loop() {
		if _, _, err := publish.Bulletin(ctx, s, r, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(text)), "bytes")
}

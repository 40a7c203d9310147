package scoring

import (
	"encoding/json"
	"reflect"
	"testing"
)

func snapOf(streaks map[int64]int, calls ...SummaryCall) Snapshot {
	cur := RoundInfo{Number: 5, Name: "第5轮", Calls: calls, Streaks: streaks}
	return SnapshotOf(cur, Summarize(cur, nil, DefaultRubric()))
}

func TestSnapshotOf(t *testing.T) {
	s := snapOf(map[int64]int{1: 3, 2: 0},
		live(2, "市税务局", "办税服务厅", "2026-05-21 09:05", passed(92)),
		live(1, "市人社局", "就业科", "2026-05-21 10:00", failedOn(65, "ownership")),
		imported(1, "市人社局", "就业科", false, nil, ""),
	)
	if s.OfficesAudited != 2 || s.CallsAudited != 3 || s.ProblemOffices != 1 || s.ProblemCalls != 1 || s.Red != 1 || s.Yellow != 0 {
		t.Fatalf("counts: %+v", s)
	}
	if len(s.Offices) != 2 || s.Offices[0].Department != "市人社局" || s.Offices[1].Department != "市税务局" {
		t.Fatalf("offices are by department: %+v", s.Offices)
	}
	o := s.Offices[0]
	if !o.Problem || o.Streak != 3 || o.Level() != Red || len(o.Calls) != 2 {
		t.Fatalf("office: %+v", o)
	}
	if o.Calls[0].Total != "65" || !o.Calls[0].Problem || len(o.Calls[0].Reasons) == 0 {
		t.Errorf("first call: %+v", o.Calls[0])
	}
	if o.Calls[1].Total != "" || o.Calls[1].Problem {
		t.Errorf("an imported result without a total has none in the snapshot: %+v", o.Calls[1])
	}
	// A snapshot goes into the database as JSON and comes back the same.
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Snapshot
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, s) {
		t.Errorf("JSON round trip:\n%+v\n%+v", back, s)
	}
}

func TestCompareSnapshots(t *testing.T) {
	published := snapOf(map[int64]int{1: 3, 2: 1, 3: 0},
		live(1, "市人社局", "就业科", "2026-05-21 10:00", failedOn(65, "ownership")),
		live(2, "市人社局", "社保科", "2026-05-21 10:30", failedOn(70, "ownership")),
		live(3, "市税务局", "办税服务厅", "2026-05-21 09:05", passed(92)),
	)
	cases := []struct {
		name    string
		now     Snapshot
		offices []string // department/office of each changed office
		counts  map[string][2]int
		lost    []string // offices that no longer have a problem
	}{
		{"the same data", published, nil, nil, nil},
		{"a renamed office is not a correction", snapOf(map[int64]int{1: 3, 2: 1, 3: 0},
			live(1, "市人社局", "就业服务科", "2026-05-21 10:00", failedOn(65, "ownership")),
			live(2, "市人社局", "社保科", "2026-05-21 10:30", failedOn(70, "ownership")),
			live(3, "市税务局", "办税服务厅", "2026-05-21 09:05", passed(92)),
		), nil, nil, nil},
		{"an amendment clears a red office's problem", snapOf(map[int64]int{1: 0, 2: 1, 3: 0},
			live(1, "市人社局", "就业科", "2026-05-21 10:00", passed(80)),
			live(2, "市人社局", "社保科", "2026-05-21 10:30", failedOn(70, "ownership")),
			live(3, "市税务局", "办税服务厅", "2026-05-21 09:05", passed(92)),
		), []string{"市人社局/就业科"}, map[string][2]int{"problem_offices": {2, 1}, "problem_calls": {2, 1}, "red": {1, 0},
			"grade:pass": {2, 1}, "grade:good": {0, 1}}, []string{"市人社局/就业科"}},
		{"a total changes but the problem stays", snapOf(map[int64]int{1: 3, 2: 1, 3: 0},
			live(1, "市人社局", "就业科", "2026-05-21 10:00", failedOn(66, "ownership")),
			live(2, "市人社局", "社保科", "2026-05-21 10:30", failedOn(70, "ownership")),
			live(3, "市税务局", "办税服务厅", "2026-05-21 09:05", passed(92)),
		), []string{"市人社局/就业科"}, nil, nil},
		{"an earlier round's amendment moves a streak", snapOf(map[int64]int{1: 3, 2: 2, 3: 0},
			live(1, "市人社局", "就业科", "2026-05-21 10:00", failedOn(65, "ownership")),
			live(2, "市人社局", "社保科", "2026-05-21 10:30", failedOn(70, "ownership")),
			live(3, "市税务局", "办税服务厅", "2026-05-21 09:05", passed(92)),
		), []string{"市人社局/社保科"}, map[string][2]int{"yellow": {0, 1}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := CompareSnapshots(published, c.now)
			var offices, lost []string
			for _, o := range d.Offices {
				offices = append(offices, o.Department+"/"+o.Office)
				if o.ProblemChanged() && !o.Now.hasProblem() {
					lost = append(lost, o.Department+"/"+o.Office)
				}
			}
			counts := map[string][2]int{}
			for _, cd := range d.Counts {
				counts[cd.Key] = [2]int{cd.Was, cd.Now}
			}
			if len(c.counts) == 0 {
				c.counts = map[string][2]int{}
			}
			if !reflect.DeepEqual(offices, c.offices) || !reflect.DeepEqual(counts, c.counts) || !reflect.DeepEqual(lost, c.lost) {
				t.Errorf("offices %q (want %q), counts %v (want %v), lost %q (want %q)", offices, c.offices, counts, c.counts, lost, c.lost)
			}
			if d.Empty() != (len(c.offices) == 0 && len(c.counts) == 0) {
				t.Errorf("Empty() = %v", d.Empty())
			}
		})
	}
}

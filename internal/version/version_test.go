package version

import (
	"regexp"
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	commit := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "69c6e75a1b2c3d4e5f60718293a4b5c6d7e8f901"},
		{Key: "vcs.time", Value: "2026-05-01T23:30:00Z"},
	}
	tests := []struct {
		name     string
		release  string
		settings []debug.BuildSetting
		want     string
	}{
		{"release of a clean tree", "0.2.0", append(commit, debug.BuildSetting{Key: "vcs.modified", Value: "false"}),
			"phoneaudit 0.2.0 (commit 69c6e75a1b2c, 2026-05-01, linux/loong64, SQLite 3.54.1)"},
		{"a tree with changes", "0.2.0", append(commit, debug.BuildSetting{Key: "vcs.modified", Value: "true"}),
			"phoneaudit 0.2.0 (commit 69c6e75a1b2c+dirty, 2026-05-01, linux/loong64, SQLite 3.54.1)"},
		{"no VCS information (-buildvcs=false)", "dev", []debug.BuildSetting{{Key: "GOOS", Value: "linux"}},
			"phoneaudit dev (commit unknown, linux/loong64, SQLite 3.54.1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fromSettings(tt.release, "linux/loong64", tt.settings).Line("3.54.1")
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestVersionSQLiteAsksTheDriver(t *testing.T) {
	if v := SQLite(); !regexp.MustCompile(`^3\.\d+\.\d+$`).MatchString(v) {
		t.Errorf("SQLite() = %q, want 3.x.y", v)
	}
	if l := Line(); !regexp.MustCompile(`^phoneaudit dev \(.+, SQLite 3\.\d+\.\d+\)$`).MatchString(l) {
		t.Errorf("Line() = %q", l)
	}
}

// Package version says which build of phoneaudit runs: the release version stamped at build
// time, the commit and its date from the build's own VCS information, the platform, and the
// SQLite the driver embeds. Its one line heads --version, --help, the server's log and every
// bulletin, so a problem an office reports, or a published bulletin, names the build behind it.
package version

import (
	"database/sql"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	_ "modernc.org/sqlite"
)

// Set at build time by scripts/release.sh (go build -ldflags "-X phoneaudit/internal/version.release=0.2.0").
// commit, commitTime (RFC 3339) and modified ("true") are given only where Go cannot record the
// commit itself: in a linked git worktree, whose .git is a file Go does not follow
// (golang.org/issue/58218). Given, they win over what Go recorded.
var (
	release    = "dev"
	commit     string
	commitTime string
	modified   string
)

// Build is what a binary knows of how it was built.
type Build struct {
	Release  string    // "0.2.0"; "dev" when not stamped
	Commit   string    // the full hash; "" when the build recorded none (-buildvcs=false, no .git)
	Time     time.Time // the commit's date
	Modified bool      // built from a tree with changes that are not committed
	Platform string    // GOOS/GOARCH
}

// Current is this binary's build.
func Current() Build {
	var settings []debug.BuildSetting
	if bi, ok := debug.ReadBuildInfo(); ok {
		settings = bi.Settings
	}
	if commit != "" {
		settings = []debug.BuildSetting{{Key: "vcs.revision", Value: commit},
			{Key: "vcs.time", Value: commitTime}, {Key: "vcs.modified", Value: modified}}
	}
	return fromSettings(release, runtime.GOOS+"/"+runtime.GOARCH, settings)
}

// fromSettings reads the vcs.* settings Go records in a binary built in a git work tree (or
// their stand-ins stamped with -X).
func fromSettings(release, platform string, settings []debug.BuildSetting) Build {
	b := Build{Release: release, Platform: platform}
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.time":
			b.Time, _ = time.Parse(time.RFC3339, s.Value)
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// Line is the build's one line with the SQLite in use, e.g.
//
//	phoneaudit 0.2.0 (commit 69c6e75a1b2c, 2026-05-01, windows/amd64, SQLite 3.54.1)
//
// "+dirty" after the commit says the tree had changes not committed; "commit unknown" that the
// build recorded none.
func (b Build) Line(sqlite string) string {
	commit := "commit unknown"
	if b.Commit != "" {
		commit = "commit " + b.Commit[:min(12, len(b.Commit))]
		if b.Modified {
			commit += "+dirty"
		}
		if !b.Time.IsZero() {
			commit += ", " + b.Time.UTC().Format(time.DateOnly)
		}
	}
	return fmt.Sprintf("phoneaudit %s (%s, %s, SQLite %s)", b.Release, commit, b.Platform, sqlite)
}

// Line is this binary's line (Build.Line). The first call asks SQLite its version, which takes
// about a millisecond; commands that do not print the line never pay it.
func Line() string { return line() }

var line = sync.OnceValue(func() string { return Current().Line(SQLite()) })

// SQLite is the version of the SQLite library the driver embeds, as SQLite itself says it
// (select sqlite_version() on an in-memory database); "unknown" if it cannot be asked.
func SQLite() string { return sqliteVersion() }

var sqliteVersion = sync.OnceValue(func() string {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return "unknown"
	}
	defer db.Close()
	var v string
	if err := db.QueryRow("SELECT sqlite_version()").Scan(&v); err != nil {
		return "unknown"
	}
	return v
})

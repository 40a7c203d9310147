package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestDefaultPath: on Windows the database is %LOCALAPPDATA%\phoneaudit\phoneaudit.db (a
// Windows office keeps it in the profile's local, not roaming, folder); XDG_DATA_HOME still wins
// where set; elsewhere ~/.local/share.
func TestDefaultPath(t *testing.T) {
	cases := []struct {
		goos string
		env  map[string]string
		home string
		want string
		has  string // the files that exist, separated by |
	}{
		{"windows", map[string]string{"LOCALAPPDATA": `C:\Users\li\AppData\Local`}, `C:\Users\li`, `C:\Users\li\AppData\Local\phoneaudit\phoneaudit.db`, ""},
		{"windows", map[string]string{"LOCALAPPDATA": `D:\Profiles\li\Local\`}, `C:\Users\li`, `D:\Profiles\li\Local\phoneaudit\phoneaudit.db`, ""},
		{"windows", map[string]string{"LOCALAPPDATA": `C:\Users\li\AppData\Local`, "XDG_DATA_HOME": `E:\data`}, `C:\Users\li`, `E:\data\phoneaudit\phoneaudit.db`, ""},
		{"windows", nil, `C:\Users\li`, `C:\Users\li\AppData\Local\phoneaudit\phoneaudit.db`, ""},
		{"linux", map[string]string{"LOCALAPPDATA": `C:\x`}, "/home/li", "/home/li/.local/share/phoneaudit/phoneaudit.db", ""},
		{"linux", map[string]string{"XDG_DATA_HOME": "/srv/data"}, "/home/li", "/srv/data/phoneaudit/phoneaudit.db", ""},
		{"darwin", nil, "/Users/li", "/Users/li/.local/share/phoneaudit/phoneaudit.db", ""},
		// An older phoneaudit's database on Windows is kept where it is, unless a new one exists.
		{"windows", map[string]string{"LOCALAPPDATA": `C:\Users\li\AppData\Local`}, `C:\Users\li`, `C:\Users\li\.local\share\phoneaudit\phoneaudit.db`, `C:\Users\li\.local\share\phoneaudit\phoneaudit.db`},
		{"windows", map[string]string{"LOCALAPPDATA": `C:\Users\li\AppData\Local`}, `C:\Users\li`, `C:\Users\li\AppData\Local\phoneaudit\phoneaudit.db`, `C:\Users\li\AppData\Local\phoneaudit\phoneaudit.db|C:\Users\li\.local\share\phoneaudit\phoneaudit.db`},
	}
	for _, c := range cases {
		exists := func(p string) bool { return c.has != "" && slices.Contains(strings.Split(c.has, "|"), p) }
		got, err := defaultPath(c.goos, func(k string) string { return c.env[k] }, func() (string, error) { return c.home, nil }, exists)
		if err != nil || got != c.want {
			t.Errorf("%s %v: %q %v, want %q", c.goos, c.env, got, err, c.want)
		}
	}
	if _, err := defaultPath("windows", func(string) string { return "" }, func() (string, error) { return "", errors.New("no home") }, func(string) bool { return false }); err == nil {
		t.Error("no LOCALAPPDATA and no home: no error")
	}
}

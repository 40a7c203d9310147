package scoring

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseRubric checks that no file makes ParseRubric panic, and that every
// rubric it accepts survives FormatRubric and ParseRubric unchanged. Without
// -fuzz it runs the seeds only, which takes milliseconds.
func FuzzParseRubric(f *testing.F) {
	if data, err := os.ReadFile("testdata/rubric.toml"); err == nil {
		f.Add(data)
	}
	def := string(FormatRubric(DefaultRubric()))
	for _, seed := range []string{
		def,
		string(FormatRubric(customRubric())),
		minimalRubric,
		strings.Replace(def, `kind = "ypn"`, `kind = "stars"`, 1),
		strings.Replace(def, "points = 5\n", "points = 10\n", 1),
		strings.Replace(def, `key = "closing"`, `key = "greeting"`, 1),
		strings.Replace(def, `key = "closing"`, "key = \"closing\"\ncolour = 1", 1),
		"name = \"x\"\n\n[[criteria]]\nkey = = 3\n",
		withLine(def, "hours", `hours = ["23:59-24:00", "8:00 ~ 9:00"]`),
		"[criteria]\n",
		"criteria = 3\ngrades = [1]\nhours = [1, \"x\"]\n",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRubric(data)
		if err != nil {
			return
		}
		text := FormatRubric(r)
		back, err := ParseRubric(text)
		if err != nil {
			t.Fatalf("a rubric it accepted does not read back: %v\n%s", err, text)
		}
		if !reflect.DeepEqual(back, r) {
			t.Fatalf("round trip changed the rubric:\n got %+v\nwant %+v", back, r)
		}
	})
}

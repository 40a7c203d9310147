package bulletin

import (
	"bytes"
	"testing"

	"phoneaudit/lang"
)

// TestRenderVersionLine: given the build's line, every built-in template prints it right under
// the 数据校验码, so a published bulletin names the build that wrote it; without it (the golden
// files) the line is left out.
func TestRenderVersionLine(t *testing.T) {
	const build = "phoneaudit 0.2.0 (commit 69c6e75a1b2c, 2026-05-01, windows/amd64, SQLite 3.54.1)"
	f := fixtures()[0]
	want := map[string]string{
		"zh.text": "数据校验码：9f2c4e7a1b3d5f60\n程序版本：" + build + "\n",
		"en.text": "Data check code: 9f2c4e7a1b3d5f60\nProgram version: " + build + "\n",
		"zh.md":   "数据校验码：`9f2c4e7a1b3d5f60`\n\n程序版本：`" + build + "`\n",
		"en.md":   "Data check code: `9f2c4e7a1b3d5f60`\n\nProgram version: `" + build + "`\n",
	}
	for _, l := range []lang.Lang{lang.ZH, lang.EN} {
		for _, format := range []string{"text", "md"} {
			name := string(l) + "." + format
			t.Run(name, func(t *testing.T) {
				o := f.opts
				o.Lang, o.Format, o.Build = l, format, build
				out, err := Render(f.sum, o)
				if err != nil {
					t.Fatal(err)
				}
				checkPrinted(t, name, out)
				if !bytes.Contains(out, []byte(want[name])) {
					t.Errorf("does not print %q:\n%s", want[name], out)
				}
				if n := bytes.Count(out, []byte(build)); n != 1 {
					t.Errorf("prints the build's line %d times", n)
				}
			})
		}
	}
}

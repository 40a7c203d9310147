package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"phoneaudit/lang"
)

// keyEntry is one usable line of the keys file.
type keyEntry struct {
	key  gossh.PublicKey
	name string // the line's comment: an auditor's name
	line int
}

// keyProblem is a line of the keys file that cannot be used; the other lines still work.
type keyProblem struct {
	line int
	zh   string
	en   string
}

// keyFile is the keys file as read for one connection attempt.
type keyFile struct {
	entries  []keyEntry
	problems []keyProblem
}

// readKeyFile reads an authorized_keys file whose comments name auditors. It is read again on
// every connection attempt, so a key added or removed takes effect without a restart.
func readKeyFile(path string) (keyFile, error) {
	st, err := os.Stat(path)
	if err != nil {
		return keyFile{}, err
	}
	if st.IsDir() {
		return keyFile{}, fmt.Errorf("%s is a folder, not a keys file", path)
	}
	// Whoever can write the file can log in as anyone, a lead included; sshd refuses such a
	// file too. Group-writable is let through: many systems give each user a group of their own.
	if runtime.GOOS != "windows" && st.Mode().Perm()&0o002 != 0 {
		return keyFile{}, errWorldWritable
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return keyFile{}, err
	}
	return parseKeys(data), nil
}

var errWorldWritable = errors.New("the keys file may be changed by any user of this computer")

// parseKeys reads the lines of an authorized_keys file. Blank lines and # comments are skipped;
// a line that cannot be used is a problem, not a reason to refuse every other key.
func parseKeys(data []byte) keyFile {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")) // Notepad's BOM
	var kf keyFile
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e, p := parseKeyLine(line, n)
		if p != nil {
			kf.problems = append(kf.problems, *p)
			continue
		}
		kf.entries = append(kf.entries, e)
	}
	return kf
}

func parseKeyLine(line string, n int) (keyEntry, *keyProblem) {
	key, comment, options, _, err := gossh.ParseAuthorizedKey([]byte(line))
	switch {
	case err != nil:
		return keyEntry{}, &keyProblem{n, "不是公钥（" + err.Error() + "）", "not a public key (" + err.Error() + ")"}
	case len(options) > 0:
		// phoneaudit does not apply from=, command= and the like; a line that seems restricted
		// but is not would be worse than a line refused.
		return keyEntry{}, &keyProblem{n, "有 phoneaudit 不支持的选项（" + options[0] + "），请删去选项",
			"has options phoneaudit does not apply (" + options[0] + "): remove them"}
	case comment == "":
		return keyEntry{}, &keyProblem{n, "公钥后面没有写测评员姓名", "no auditor's name after the key"}
	}
	return keyEntry{key: key, name: comment, line: n}, nil
}

// lookup finds the name a key stands for. A key listed twice under different names stands for
// nobody: which of them logs in would be a guess.
func (kf keyFile) lookup(key gossh.PublicKey) (keyEntry, error) {
	want := key.Marshal()
	var found *keyEntry
	for i, e := range kf.entries {
		if !bytes.Equal(e.key.Marshal(), want) {
			continue
		}
		if found == nil {
			found = &kf.entries[i]
		} else if found.name != e.name {
			return *found, &refusal{line: found.line, reason: reasonAmbiguous}
		}
	}
	if found == nil {
		return keyEntry{}, &refusal{reason: reasonUnknownKey}
	}
	return *found, nil
}

// describe words the problems for the log, one line each.
func (kf keyFile) describe(path string, l lang.Lang) []string {
	out := make([]string, len(kf.problems))
	for i, p := range kf.problems {
		out[i] = l.Pick(fmt.Sprintf("密钥文件 %s 第 %d 行%s，这一行不能登录", path, p.line, p.zh),
			fmt.Sprintf("keys file %s line %d %s; nobody logs in with it", path, p.line, p.en))
	}
	return out
}

// reason is why a key or a session was refused.
type reason int

const (
	reasonUnknownKey reason = iota // not in the keys file
	reasonAmbiguous                // in the file under two names
	reasonNoAuditor                // its comment names nobody in the database
	reasonInactive                 // its auditor was deactivated
	reasonNoKeysFile               // the keys file cannot be read
	reasonRenamed                  // a session's key stands for another name now
)

// refusal is a refused key. It never holds the name: the log must not carry personal data.
type refusal struct {
	line   int // in the keys file; 0 when the key is not there
	reason reason
	err    error // the cause, when the keys file could not be read
}

func (r *refusal) Error() string { return r.text(lang.EN) }

func (r *refusal) Unwrap() error { return r.err }

// text says why, in l, for the log and the person refused.
func (r *refusal) text(l lang.Lang) string {
	switch r.reason {
	case reasonUnknownKey:
		return l.Pick("不在密钥文件中", "not in the keys file")
	case reasonAmbiguous:
		return l.Pick(fmt.Sprintf("在密钥文件中以不同的姓名出现多次（第 %d 行等）", r.line),
			fmt.Sprintf("listed in the keys file under different names (line %d and more)", r.line))
	case reasonNoAuditor:
		return l.Pick(fmt.Sprintf("密钥文件第 %d 行写的姓名在数据库里没有这个测评员", r.line),
			fmt.Sprintf("the name on line %d of the keys file is no auditor in the database", r.line))
	case reasonInactive:
		return l.Pick(fmt.Sprintf("密钥文件第 %d 行的测评员已停用", r.line),
			fmt.Sprintf("the auditor of line %d of the keys file is deactivated", r.line))
	case reasonRenamed:
		return l.Pick(fmt.Sprintf("密钥文件第 %d 行把这把密钥改写成了别的姓名", r.line),
			fmt.Sprintf("line %d of the keys file now names someone else for this key", r.line))
	case reasonNoKeysFile:
		if errors.Is(r.err, errWorldWritable) {
			return l.Pick("密钥文件任何人都能修改，全部拒绝（chmod o-w 文件 后即可）",
				"the keys file is writable by every user, so every key is refused (chmod o-w FILE fixes it)")
		}
		if errors.Is(r.err, fs.ErrNotExist) {
			return l.Pick("密钥文件不存在", "the keys file is missing")
		}
		return l.Pick("读不了密钥文件："+r.err.Error(), "cannot read the keys file: "+r.err.Error())
	}
	return "?"
}

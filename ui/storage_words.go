package ui

import (
	"errors"
	"strings"

	"phoneaudit/lang"
	"phoneaudit/store"
)

// StorageText words a fault of the database's files for people, Chinese first: a file that is
// not a phoneaudit database (refused and left as it was), the -wal file or the file itself
// removed or replaced under a running program, an I/O error named by SQLite's code. ok is false
// for any other error. The screens and the command line both use it.
func StorageText(l lang.Lang, err error) (msg string, ok bool) {
	msg, _, ok = storageWords(l, err)
	return msg, ok
}

// StorageTextIn is StorageText for the command line: the words take the place of the fault's own
// text within the error, so what the error was wrapped in (the file being imported, the
// command's step) stays.
func StorageTextIn(l lang.Lang, err error) (msg string, ok bool) {
	words, part, ok := storageWords(l, err)
	if !ok {
		return "", false
	}
	if part != "" && strings.Contains(err.Error(), part) {
		return strings.Replace(err.Error(), part, words, 1), true
	}
	return words, true
}

// storageWords words the fault and says which text of the error is its own (part).
func storageWords(l lang.Lang, err error) (msg, part string, ok bool) {
	var (
		file  *store.FileError
		files *store.FilesError
		ioErr *store.IOError
	)
	switch {
	case errors.As(err, &files): // the words first: the status line cuts a long path
		part = files.Error()
		if files.What == store.WALRemoved {
			return l.Pickf("数据库的 -wal 文件被别的程序删除了：无法再保存，请退出后用 verify 检查（%s-wal）",
				"the database's -wal file was removed outside phoneaudit: nothing more can be saved; quit, and check with `verify` (%s-wal)", files.Path), part, true
		}
		return l.Pickf("数据库文件被别的程序删除或替换了：无法再保存，请退出后用 verify 检查（%s）",
			"the database file was removed or replaced outside phoneaudit: nothing more can be saved; quit, and check with `verify` (%s)", files.Path), part, true
	case errors.As(err, &file):
		part = file.Error()
		switch file.What {
		case store.FileEmpty:
			return l.Pickf("%s 是一个空文件（0 字节），不是 phoneaudit 数据库，没有改动它：要新建数据库，先删掉这个空文件，或用 --db 指定一个还不存在的文件；要用已有的数据库，用 --db 指定它",
				"%s is an empty file (0 bytes), not a phoneaudit database, and was left as it is: to start a new database, delete the empty file first or give a file that does not exist yet with --db; to use an existing database, give it with --db", file.Path), part, true
		case store.FileOtherSQLite:
			return l.Pickf("%s 是别的程序的 SQLite 数据库，不是 phoneaudit 数据库，没有改动它：用 --db 指定 phoneaudit 的数据库文件",
				"%s is another program's SQLite database, not a phoneaudit database, and was left as it is: give phoneaudit's database file with --db", file.Path), part, true
		}
		return l.Pickf("%s 不是 SQLite 数据库（%d 字节），不是 phoneaudit 数据库，没有改动它：用 --db 指定 phoneaudit 的数据库文件，或从备份恢复",
			"%s is not an SQLite database (%d bytes), not a phoneaudit database, and was left as it is: give phoneaudit's database file with --db, or restore a backup", file.Path, file.Size), part, true
	case errors.As(err, &ioErr):
		part = ioErr.Error()
		return l.Pickf("读写数据库时出了 I/O 错误（%s，%s）：没写完的改动已撤销；是磁盘或文件系统出了问题，不是磁盘满了：检查磁盘后再试",
			"an I/O error reading or writing the database (%s, %s): what was half-written was undone; the disk or file system has a problem, it is not full: check the disk, then try again", ioErr.Name(), ioErr.Detail()), part, true
	case errors.Is(err, store.ErrDiskFull):
		return l.Pick("磁盘已满，没能写入：腾出空间后再试", "the disk is full and nothing was written: free some space, then try again"), store.ErrDiskFull.Error(), true
	case errors.Is(err, store.ErrNotDatabase):
		return l.Pick("数据库已损坏，SQLite 读不了它：从备份恢复",
			"the database is damaged and SQLite cannot read it: restore a backup"), store.ErrNotDatabase.Error(), true
	}
	return "", "", false
}

package ui

import (
	"fmt"
	"strings"
)

// Lang is the language of the screens. It is chosen by --lang or
// PHONEAUDIT_LANG only: Chinese offices often run en_US.UTF-8, so $LANG says
// nothing about what the auditor reads.
type Lang string

const (
	LangZH Lang = "zh" // Chinese, the default
	LangEN Lang = "en" // English
)

// ParseLang turns the value of --lang or PHONEAUDIT_LANG into a Lang. An
// empty value means Chinese.
func ParseLang(s string) (Lang, error) {
	switch Lang(strings.ToLower(strings.TrimSpace(s))) {
	case "", LangZH:
		return LangZH, nil
	case LangEN:
		return LangEN, nil
	}
	return LangZH, fmt.Errorf("language %q is not available: use zh or en", s)
}

// msgID names one piece of text of the catalogue below.
type msgID int

const (
	msgTabCalls msgID = iota
	msgTabFlagged
	msgTabRounds
	msgTabOffices
	msgTabBulletin

	msgAboutCalls
	msgAboutFlagged
	msgAboutRounds
	msgAboutOffices
	msgAboutBulletin

	msgWelcomeTitle
	msgWelcomeIntro
	msgWelcomeCommand
	msgWelcomeColumns
	msgWelcomeDemo

	msgCheckingDB
	msgCheckFailed
	msgDemoLoading
	msgDemoLoaded
	msgDemoFailed

	msgKeySwitchTab
	msgKeyNextTab
	msgKeyPrevTab
	msgKeyLoadDemo
	msgKeyQuit
	msgKeyForceQuit
	msgKeyMoreHelp
	msgKeyLessHelp

	msgCount // not a message: the number of them, so the test can find gaps
)

// translation is one message in both languages.
type translation struct{ zh, en string }

// catalogue holds every string the screens show. The words follow the
// glossary of DESIGN.md ("Screens and keys") so both languages stay in step.
var catalogue = map[msgID]translation{
	msgTabCalls:    {"测评", "Calls"},
	msgTabFlagged:  {"问题单位", "Flagged"},
	msgTabRounds:   {"轮次", "Rounds"},
	msgTabOffices:  {"单位", "Offices"},
	msgTabBulletin: {"通报", "Bulletin"},

	msgAboutCalls: {
		"这里将列出本轮你要拨打的电话（组长可看到全部），以及你可以加入的现场测评。",
		"Your calls of the open round will be listed here (a lead sees all), with the live calls you may join.",
	},
	msgAboutFlagged: {
		"这里将列出亮红牌（连续3次）和黄牌（连续2次）的科室。",
		"Offices flagged red (3 in a row) or yellow (2 in a row) will be listed here.",
	},
	msgAboutRounds: {
		"这里将显示各轮测评、它们的进度和计划。",
		"The rounds, their progress and their planning will be shown here.",
	},
	msgAboutOffices: {
		"这里将列出各科室、它们的测评历史和单位排名。",
		"The offices, their audit history and the department ranking will be shown here.",
	},
	msgAboutBulletin: {
		"这里将预览本轮的通报。",
		"A preview of the round's bulletin will be shown here.",
	},

	msgWelcomeTitle: {"欢迎使用 phoneaudit", "Welcome to phoneaudit"},
	msgWelcomeIntro: {
		"数据库里还没有任何科室。请先导入科室名单：按 q 退出，然后在命令行运行",
		"The database has no offices yet. Import your office list first: press q to quit, then run",
	},
	msgWelcomeCommand: {
		"phoneaudit import offices 科室名单.xlsx",
		"phoneaudit import offices offices.xlsx",
	},
	msgWelcomeColumns: {
		"名单可以是 Excel 或 CSV 文件，需要这几列：单位、科室、电话、类别。",
		"The list is an Excel or CSV file with the columns 单位, 科室, 电话, 类别 (or department, office, phone, category).",
	},
	msgWelcomeDemo: {
		"只想先看看？按 d 生成一座演示城市。",
		"Just looking? Press d to fill the database with a demo city.",
	},

	msgCheckingDB:  {"正在读取数据库…", "Reading the database…"},
	msgCheckFailed: {"无法读取数据库 %s：%v", "Cannot read the database %s: %v"},
	msgDemoLoading: {"正在生成演示数据…", "Creating the demo data…"},
	msgDemoLoaded:  {"演示数据已生成。", "The demo data is ready."},
	msgDemoFailed:  {"生成演示数据失败：%v", "Could not create the demo data: %v"},

	msgKeySwitchTab: {"切换页面", "switch tab"},
	msgKeyNextTab:   {"下一页", "next tab"},
	msgKeyPrevTab:   {"上一页", "previous tab"},
	msgKeyLoadDemo:  {"生成演示数据", "load demo city"},
	msgKeyQuit:      {"退出", "quit"},
	msgKeyForceQuit: {"随时退出", "quit from anywhere"},
	msgKeyMoreHelp:  {"更多按键", "more keys"},
	msgKeyLessHelp:  {"收起帮助", "less help"},
}

// tr returns message id in language l, formatted with args when there are
// any. A missing message shows its number rather than an empty line, so a gap
// is visible on screen as well as in the catalogue test.
func (l Lang) tr(id msgID, args ...any) string {
	t, ok := catalogue[id]
	if !ok {
		return fmt.Sprintf("<msg %d>", id)
	}
	s := t.zh
	if l == LangEN {
		s = t.en
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

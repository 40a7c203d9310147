package ui

import (
	"fmt"

	"phoneaudit/lang"
)

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

	msgKeyRetry
	msgErrBusy
	msgErrReadOnly
	msgErrDiskFull
	msgErrImmutable
	msgErrRoundState
	msgErrLedgerMoved
	msgErrNothingToCorrect
	msgSaved
	msgSaving
	msgNotSaved
	msgCannotSave
	msgWaitingToSave
	msgBusyWaiting
	msgSaveFailed
	msgRetrying
	msgQuitFlushFailed
	msgFlushing
	msgActionFailed
	msgSessionFailed
	msgUnknownAs
	msgPickerTitle
	msgPickerEmpty
	msgKeyChooseMe
	msgRoleAuditor
	msgRoleLead
	msgRoundOpen
	msgNoOpenRound
	msgKeyUp
	msgKeyDown
	msgKeyPageUp
	msgKeyPageDown
	msgKeyHome
	msgKeyEnd
	msgKeyChoose

	// Tab 1, the list of calls (listText in i18n_calls.go).
	msgKeyOpenCall
	msgKeyFilter
	msgKeyClearFilter
	msgKeyApplyFilter
	msgLoading
	msgNoRound
	msgCallsFailed
	msgNoCallsForMe
	msgNothingMatches
	msgDoneCount
	msgShownCount
	msgFilterPlaceholder
	msgColOffice
	msgColDepartment
	msgColPersona
	msgColQuestion
	msgColPlanned
	msgColStatus
	msgColAuditor

	// The call screen (callText in i18n_calls.go).
	msgPersonaIs
	msgPosition
	msgQuestionIs
	msgTimer
	msgAnsweredAfter
	msgAttempts
	msgIdleHint
	msgIdleAgain
	msgRetryAt
	msgOutsideHours
	msgDiallingHint
	msgPickerPrompt
	msgKeyDial
	msgKeyOtherOutcomes
	msgKeyScale
	msgYes
	msgPartly
	msgNo
	msgKeySeconds
	msgKeyAnsweredBy
	msgKeyRecording
	msgKeyNotes
	msgKeyUndo
	msgKeyAbandon
	msgKeySubmit
	msgKeyBack
	msgKeySave
	msgKeyNextField
	msgKeyCancel
	msgKeyConfirm
	msgKeyCloseNotes
	msgUndone
	msgScaleTop
	msgSubmitting
	msgFinishedHint
	msgReadOnly
	msgCallLoadFailed
	msgResultIs
	msgPoints
	msgProblemReasons
	msgNoProblem
	msgProblemOpen
	msgCurrent
	msgIncomplete
	msgSecondsValue
	msgUnset
	msgStaffNo
	msgStaffName
	msgRecording
	msgSecondsPrompt
	msgAnsweredByHint
	msgRecordingHint
	msgSecondsHint
	msgSecondsInvalid
	msgCheckingFile
	msgNoSuchFile
	msgNotAFile
	msgFileUnreadable
	msgNotesEditing
	msgNotesPlaceholder
	msgAnsweredByIs
	msgRecordingIs
	msgNotesIs
	msgWhoAnswered
	msgCannotSubmit
	msgCannotSubmitKeys
	msgSubmitQuestion
	msgSubmitKeys
	msgOptionalMissing
	msgListSep
	msgAbandonQuestion
	msgAbandonKeys
	msgSubmitted
	msgAbandoned

	// Tab 3, the rounds (roundsText in i18n_rounds.go).
	msgKeyRoundDetail
	msgKeyRoundList
	msgKeyNewRound
	msgKeyPlanRound
	msgKeyOpenRound
	msgKeyReopenRound
	msgKeyCloseRound
	msgRoundFilterPlaceholder
	msgRoundsFailed
	msgRoundDetailFailed
	msgRoundCount
	msgOpenNow
	msgNoRoundsYet
	msgNoRoundsLead
	msgNoRoundMatches
	msgColNumber
	msgColRoundName
	msgColRubric
	msgColDates
	msgColProgress
	msgColProblems
	msgRoundPlanning
	msgRoundClosedStatus
	msgRoundPublished
	msgRoundToCorrect
	msgRoundCorrectionPending
	msgImported
	msgRubricVersion
	msgRubricVersionLong
	msgDateRange
	msgRoundLabel
	msgRoundProgress
	msgRoundProblems
	msgMyProgress
	msgPlanSecret
	msgImportedRound
	msgNotPlanned
	msgPlannedHint
	msgPlanChecks
	msgChecksHold
	msgChecksFound
	msgByAuditor
	msgDueCount
	msgNotMade
	msgWaitingRetry
	msgRetryFrom
	msgRubricTitle
	msgColCriterion
	msgColKind
	msgColPoints
	msgColCritical
	msgKindSeconds
	msgKindYPN
	msgKindYesNo
	msgKindScale
	msgPartlyOrNo
	msgCriticalWhen
	msgInBrackets
	msgPassMark
	msgGrades
	msgNewRoundTitle
	msgNewRoundHint
	msgRoundNameIs
	msgRoundFromIs
	msgRoundToIs
	msgRoundNameExample
	msgDateOptional
	msgRoundNameEmpty
	msgRoundNameDigits
	msgRoundExists
	msgDateInvalid
	msgDateOrder
	msgWorking
	msgReasonIs
	msgReasonExample
	msgReasonNeeded
	msgReopenTitle
	msgPlanQuestion
	msgOpenQuestion
	msgYesNoKeys
	msgCloseQuestion
	msgCloseAllDone
	msgAndMore
	msgOtherRoundOpen
	msgRoundCreated
	msgRoundPlanned
	msgRoundOpened
	msgRoundReopened
	msgRoundClosed
	msgRoundClosedSome

	// Tab 5, the bulletin (bulletinText in i18n_rounds.go).
	msgKeyPrevRound
	msgKeyNextRound
	msgKeyMarkdown
	msgKeyPlainText
	msgKeyWriteFile
	msgKeyPublish
	msgKeyPublishNow
	msgBulletinFailed
	msgNoBulletinYet
	msgNoBulletinLead
	msgRendering
	msgPreviewMark
	msgPublishedMark
	msgFormatText
	msgPublishQuestion
	msgPublishKeys
	msgNeedsReview
	msgAlreadyPublished
	msgPublished
	msgFileWritten
	msgFileFailed
	msgKeyCorrect
	msgCorrectionMark
	msgCorrectQuestion
	msgCorrectKeys
	msgCorrected
	msgCorrectionKept

	// Tab 3, moving a planned call (moveText in i18n_move.go).
	msgKeyMoveCall
	msgKeyPrevCall
	msgKeyNextCall
	msgKeyCycleAuditor
	msgMoveAuditorIs
	msgMoveSlotIs
	msgMoveNoAuditor
	msgMoveBadSlot
	msgMoveNothing
	msgMoveTitle
	msgMoveNow
	msgMoveHint
	msgCallMoved

	// Tabs 2 and 4 and the office history (leadText in i18n_lead.go).
	msgKeyPageDownMore
	msgKeyReportNotice
	msgKeyVerifyNotice
	msgKeyExtendNotice
	msgKeyHistory
	msgKeyPersons
	msgKeyCategory
	msgKeyDepartment
	msgKeyRanking
	msgResponseIs
	msgDeadlineIs
	msgResponseNeeded
	msgDeadlineNotLater
	msgNoticeVerified
	msgNoticeReported
	msgNoticeExtended
	msgReportTitle
	msgExtendTitle
	msgHistoryFailed
	msgAuditsTitle
	msgNoAudits
	msgMoreHistory
	msgNoticesTitle
	msgNoNotices
	msgNoticeRow
	msgResponseWas
	msgNoticeOverdue
	msgNoticeIssued
	msgNoticeReportedS
	msgNoticeVerifiedS
	msgNoticeWithdrawnS
	msgEventIssue
	msgEventReportOnTime
	msgEventReportLate
	msgEventExtend
	msgEventVerify
	msgEventVerifyNoHow
	msgEventWithdraw
	msgNoticeRefused
	msgStepReport
	msgStepExtend
	msgStepVerify
	msgStepWithdraw
	msgKeyChooseNotice
	msgKeyBackToForm
	msgPickTitle
	msgVerifyTitle
	msgCheckerIs
	msgHowIs
	msgHowPlaceholder
	msgConfirmReport
	msgConfirmVerify
	msgConfirmKeys
	msgOnTime
	msgLate
	msgHowNotNoted
	msgExtendReasonNeeded
	msgTrendTitle
	msgTrendLegend
	msgImportedResult
	msgPersonaScenario
	msgNotesAre
	msgAmendedMark
	msgKeyAmend
	msgKeyNewerAudit
	msgKeyOlderAudit
	msgNothingToAmend
	msgAmendTitle
	msgAmendHelp
	msgSheetOf
	msgAmendWhyIs
	msgAmendTotalIs
	msgAmendNoTotal
	msgAmendReasonsIs
	msgAmendProblemIs
	msgHasProblem
	msgAmendSecondsStay
	msgAmendNow
	msgAmendAfter
	msgAmendPublishedRound
	msgAmendPublishedAt
	msgAmendResultChange
	msgAmendStreakChange
	msgAmendNoCorrection
	msgAmendCorrects
	msgAmendOfficeDiff
	msgAmendWithdraws
	msgAmendIssues
	msgAmendConfirmKeys
	msgAmendIncomplete
	msgAmendWhyNeeded
	msgAmendTotalInvalid
	msgAmendNoChange
	msgAmended
	msgDials
	msgSecondsWere
	msgTotalIs
	msgFlagFilterPlaceholder
	msgLeadOnly
	msgFlagsFailed
	msgNoFlags
	msgNoAuditYet
	msgNoRowMatches
	msgProvisional
	msgFlagsDiffer
	msgFlagCounts
	msgPersonsOf
	msgColLevel
	msgColPerson
	msgColStreak
	msgColRound
	msgColStreakRounds
	msgColNotice
	msgColReasons
	msgOfficeFilterPlaceholder
	msgOfficesFailed
	msgColCategory
	msgColTotal
	msgColGrade
	msgAll
	msgOfficeCount
	msgOfficeShown
	msgStreakRed
	msgStreakYellow
	msgRankingFailed
	msgRankingTitle
	msgColRank
	msgColMean
	msgColCalls
	msgTop10
	msgBottom3
	msgRubricsDiffer

	msgKeyJoin
	msgJoinable
	msgJoined
	msgSheetScoring
	msgSheetIn
	msgPanelIs
	msgPanelTitle
	msgMean
	msgSpread
	msgTotalRow
	msgStillScoring
	msgConsensusBy
	msgReviewKeys
	msgAwaitingReview
	msgConsensusIncomplete
	msgReviewReasonNeeded
	msgReviewReasonIs
	msgKeyConsensus
	msgKeyAccept
	msgKeySaveConsensus
	msgPanelHint
	msgConsensusHint
	msgConsensusTitle
	msgAcceptTitle
	msgConsensusSaved
	msgAcceptSaved
	msgPanelSubmitted
	msgKeyDropConsensus
	msgKeyDropSheet
	msgDropTitle
	msgSheetDropped

	msgKeyTakeOver
	msgKeyTakeBack
	msgLeaseElsewhereHint
	msgLeaseLostHint
	msgLeaseOpenElsewhere
	msgLeaseTakenOver
	msgLeaseRejected
	msgLeaseEnterAgain
	msgLeaseFreed
	msgTakeOverQuestion
	msgTakeOverKeys
	msgTookOver
	msgPlaceSSH
	msgPlaceSSHAnon
	msgPlaceTerminal
	msgPlaceNoTTY
	msgPlaceOtherHost
	msgErrLease
	msgErrSheetChanged
	msgConfirmChanged
	msgChangeTimer
	msgChangeDial
	msgChangeUndoDial
	msgChangeCleared
	msgChangeSubmit
	msgChangeAbandon

	msgCount // not a message: the number of them, so the test can find gaps
)

// translation is one message in both languages.
type translation struct{ zh, en string }

// singular holds, for the messages that count something, the English text
// when the count is one ("%d office" beside "%d offices"): trn picks it.
// Chinese has one form. Each part of the catalogue keeps its own beside it.
var singular = merge("singular", leadOne, roundsOne)

// catalogue holds every string the screens show. The words follow the
// glossary of DESIGN.md ("Screens and keys") so both languages stay in step.
var catalogue = merge("text", shellText, listText, callText, roundsText, bulletinText, moveText, leadText, leaseText)

// merge joins the parts of the catalogue (what: "text" or "singular"); an
// identifier in two parts is a mistake that every test run shows at once.
func merge[V any](what string, parts ...map[msgID]V) map[msgID]V {
	out := map[msgID]V{}
	for _, p := range parts {
		for id, v := range p {
			if _, dup := out[id]; dup {
				panic(fmt.Sprintf("message %d has two of its %s in the catalogue", id, what))
			}
			out[id] = v
		}
	}
	return out
}

// shellText is the text of the shell: tabs, welcome, header and errors.
var shellText = map[msgID]translation{
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
	msgKeyRetry:     {"重试保存", "retry saving"},
	msgKeyUp:        {"上移", "up"},
	msgKeyDown:      {"下移", "down"},
	msgKeyPageUp:    {"向上翻页", "page up"},
	msgKeyPageDown:  {"向下翻页", "page down"},
	msgKeyHome:      {"到顶", "first"},
	msgKeyEnd:       {"到底", "last"},
	msgKeyChoose:    {"选择", "select"},

	msgErrBusy: {"数据库正忙（另一个 phoneaudit 正在写入），请稍候再试",
		"the database is busy (another phoneaudit is writing): try again in a moment"},
	msgErrReadOnly: {"数据库文件是只读的，无法保存：请检查文件权限",
		"the database file is read-only, so nothing can be saved: check the file's permissions"},
	msgErrDiskFull: {"磁盘已满，没能写入：腾出空间后按 ctrl+r 重试",
		"the disk is full and nothing was written: free some space, then press ctrl+r"},
	msgErrImmutable: {"这个电话已结束或评分已提交，不能再修改",
		"this call is finished or its score is submitted: it cannot be changed"},
	msgErrLedgerMoved: {"记录在你确认之后有了变化（别人刚保存或发布了什么）：什么也没有写入，请再看一遍再确认",
		"the records changed after you confirmed (someone saved or published meanwhile): nothing was written; look again and confirm"},
	msgErrNothingToCorrect: {"数据与已发布的通报一致，没有需要更正的内容", "the data agrees with what was published: there is nothing to correct"},
	msgErrRoundState: {"本轮已不在进行中（可能已被组长结束），不能再修改",
		"the round is no longer open (a lead may have closed it): nothing can be changed"},

	msgSaved:         {"已保存", "saved"},
	msgSaving:        {"保存中…", "saving…"},
	msgNotSaved:      {"未保存", "NOT SAVED"},
	msgCannotSave:    {"无法保存", "CANNOT SAVE"},
	msgWaitingToSave: {"等待保存…", "waiting to save…"},
	msgBusyWaiting: {"另一个程序正在写入数据库：等它写完就保存，不用做什么",
		"another program is writing the database: this is saved as soon as it is done; nothing to do"},
	msgSaveFailed: {"没能保存：%s。修改还在，按 ctrl+r 重试",
		"not saved: %s. The change is kept: press ctrl+r to retry"},
	msgRetrying: {"正在重试保存…", "retrying…"},
	msgQuitFlushFailed: {"退出前没能保存：%s。按 ctrl+r 重试，或再按 ctrl+c 直接退出（数据库里是已保存的内容）",
		"could not save before quitting: %s. Press ctrl+r to retry, or ctrl+c again to quit anyway (the database keeps what was saved)"},
	msgFlushing:     {"正在保存，保存完就退出…", "saving, then quitting…"},
	msgActionFailed: {"没有完成：%s", "did not go through: %s"},

	msgSessionFailed: {"无法读取测评员和轮次：%s", "cannot read the auditors and the round: %s"},
	msgUnknownAs: {"没有名为 %s 的测评员：请在下面选择你是谁",
		"there is no auditor named %s: choose who you are below"},
	msgPickerTitle: {"你是哪位测评员？选好后按 enter（以后自动记住）",
		"Which auditor are you? Choose and press enter (remembered from now on)"},
	msgPickerEmpty: {"数据库里还没有测评员。请按 q 退出，然后运行 phoneaudit import auditors 测评员名单.xlsx",
		"The database has no auditors yet. Press q to quit, then run phoneaudit import auditors auditors.xlsx"},
	msgKeyChooseMe: {"就是我", "that's me"},
	msgRoleAuditor: {"测评员", "auditor"},
	msgRoleLead:    {"组长", "lead"},
	msgRoundOpen:   {"进行中", "open"},
	msgNoOpenRound: {"没有进行中的轮次", "no open round"},
}

// tr returns message id in language l, formatted with args when there are
// any. A missing message shows its number rather than an empty line, so a gap
// is visible on screen as well as in the catalogue test.
func tr(l lang.Lang, id msgID, args ...any) string {
	t, ok := catalogue[id]
	if !ok {
		return fmt.Sprintf("<msg %d>", id)
	}
	s := l.Pick(t.zh, t.en)
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// trn is tr for a message that counts n things: in English it says the
// message's singular when n is 1 ("1 office", not "1 offices"). n only chooses
// the form; args fill it, n among them.
func trn(l lang.Lang, id msgID, n int, args ...any) string {
	if one, ok := singular[id]; ok && l == lang.EN && n == 1 {
		return fmt.Sprintf(one, args...)
	}
	return tr(l, id, args...)
}

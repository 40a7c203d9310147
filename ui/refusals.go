package ui

import (
	"phoneaudit/lang"
	"phoneaudit/store"
)

// RoleRefusal words a refusal of what only a lead may do, for the screens and the commands.
func RoleRefusal(l lang.Lang, e *store.RoleError) string {
	return l.Pickf("%s 是测评员：只有组长可以这样做（%s）", "%s %s: only a lead may", e.Actor, actionWords(e.Action).In(l))
}

// actionWords words what only a lead may do: in Chinese what it is, in English what the auditor
// may not do. An action without words shows its key.
func actionWords(a store.Action) lang.Text {
	if t, ok := refusedActions[a]; ok {
		return t
	}
	return lang.Text{ZH: string(a), EN: "may not " + string(a)}
}

var refusedActions = map[store.Action]lang.Text{
	store.ActionAcceptMean:              {ZH: "认可平均分", EN: "may not accept an aggregate"},
	store.ActionAddCalls:                {ZH: "给轮次添加电话", EN: "may not add calls to a round"},
	store.ActionAmendResult:             {ZH: "更正结果", EN: "may not amend a result"},
	store.ActionAmendSheet:              {ZH: "更正评分表", EN: "may not amend a score sheet"},
	store.ActionAttachRecording:         {ZH: "关联整场录音", EN: "may not attach a session recording"},
	store.ActionBackup:                  {ZH: "备份数据库", EN: "may not back up the database"},
	store.ActionChangeAuditors:          {ZH: "修改测评员名单", EN: "may not change the auditor list"},
	store.ActionChangeNotice:            {ZH: "修改整改通知", EN: "may not change a rectification notice"},
	store.ActionChangeOffices:           {ZH: "修改科室名单", EN: "may not change the office list"},
	store.ActionChangeScenarios:         {ZH: "修改咨询事项", EN: "may not change the scenario list"},
	store.ActionCloseRound:              {ZH: "结束轮次", EN: "may not close a round"},
	store.ActionCreateRound:             {ZH: "新建轮次", EN: "may not create a round"},
	store.ActionDropSheet:               {ZH: "撤销其他测评员的评分表", EN: "may not drop a panel member's score sheet"},
	store.ActionExportResults:           {ZH: "导出轮次的结果", EN: "may not export a round's results"},
	store.ActionImportAuditors:          {ZH: "导入测评员", EN: "may not import auditors"},
	store.ActionImportOffices:           {ZH: "导入科室", EN: "may not import offices"},
	store.ActionImportResults:           {ZH: "导入结果", EN: "may not import results"},
	store.ActionImportScenarios:         {ZH: "导入咨询事项", EN: "may not import scenarios"},
	store.ActionListUnfinished:          {ZH: "列出轮次未完成的电话", EN: "may not list a round's unfinished calls"},
	store.ActionLoadCalendar:            {ZH: "载入日历", EN: "may not load the calendar"},
	store.ActionLoadRubric:              {ZH: "载入测评标准", EN: "may not load a rubric"},
	store.ActionMoveCall:                {ZH: "调整已排好的电话", EN: "may not move a planned call"},
	store.ActionOpenRound:               {ZH: "开启轮次", EN: "may not open a round"},
	store.ActionPlanRound:               {ZH: "排定轮次的电话", EN: "may not plan a round"},
	store.ActionPublishRound:            {ZH: "发布轮次", EN: "may not publish a round"},
	store.ActionReadAmendments:          {ZH: "查看电话的更正记录", EN: "may not read a call's amendments"},
	store.ActionReadChanges:             {ZH: "查看名单的修改记录", EN: "may not read the registry changes"},
	store.ActionReadFlaggedOffices:      {ZH: "查看亮牌的科室", EN: "may not read the flagged offices"},
	store.ActionReadFlags:               {ZH: "查看亮牌", EN: "may not read the flags"},
	store.ActionReadHistory:             {ZH: "查看科室的历史", EN: "may not read an office's history"},
	store.ActionReadNotices:             {ZH: "查看整改通知", EN: "may not read the rectification notices"},
	store.ActionReadOfficeResults:       {ZH: "查看各科室的结果", EN: "may not read the offices' results"},
	store.ActionReadPastAudits:          {ZH: "查看科室以往的测评", EN: "may not read an office's past audits"},
	store.ActionReadPersonFlags:         {ZH: "查看个人的亮牌", EN: "may not read the flags of persons"},
	store.ActionReadPlan:                {ZH: "查看轮次的计划", EN: "may not read a round's plan"},
	store.ActionReadTrend:               {ZH: "查看科室的趋势", EN: "may not read an office's trend"},
	store.ActionReadUnpublishedBulletin: {ZH: "查看尚未发布的轮次的通报", EN: "may not read the bulletin of a round not yet published"},
	store.ActionReadUnpublishedResults:  {ZH: "查看尚未发布的轮次的结果", EN: "may not read the results of a round not yet published"},
	store.ActionRecordConsensus:         {ZH: "录入共识评分", EN: "may not record a consensus"},
	store.ActionReopenRound:             {ZH: "重新开启轮次", EN: "may not reopen a round"},
	store.ActionSetTimeZone:             {ZH: "修改城市的时区", EN: "may not change the city's time zone"},
	store.ActionWriteBulkRound:          {ZH: "写入一轮结果", EN: "may not write a round of results"},
}

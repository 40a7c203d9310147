package ui

// moveText is the text of moving a planned call in tab 3 (issue 4).
var moveText = map[msgID]translation{
	msgKeyMoveCall:     {"改测评员或时间", "move the call"},
	msgKeyPrevCall:     {"上一个电话", "previous call"},
	msgKeyNextCall:     {"下一个电话", "next call"},
	msgKeyCycleAuditor: {"换测评员", "other auditor"},
	msgMoveAuditorIs:   {"测评员：", "Auditor: "},
	msgMoveSlotIs:      {"时间：", "Slot: "},
	msgMoveNoAuditor:   {"没有名为「%s」的在职测评员：用 ←/→ 选择", "no active auditor is named %q: choose one with ←/→"},
	msgMoveBadSlot: {"「%s」不是时间：请按 2026-12-03 09:40 的样子填写（本市时间）",
		"%q is not a slot: write it like 2026-12-03 09:40 (city time)"},
	msgMoveNothing: {"测评员和时间都没有改动", "neither the auditor nor the slot changed"},
	msgMoveTitle:   {"调整电话：%s", "Move the call to %s"},
	msgMoveNow:     {"现在：%s · %s", "now: %s · %s"},
	msgMoveHint: {"←/→ 换测评员（也可直接输入姓名），tab 到时间；enter 保存，esc 取消。保存后重新检查计划。",
		"←/→ picks the auditor (or type the name), tab goes to the slot; enter saves, esc cancels. The plan is checked again after the move."},
	msgCallMoved: {"已调整 %s：%s · %s", "moved %s: %s · %s"},
}

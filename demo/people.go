package demo

import (
	"fmt"
	"math/rand/v2"
)

// Surnames weighted the way a city in central China would have them: the
// common ones appear more than once.
var surnames = []rune("王王王李李李张张张刘刘刘陈陈杨杨赵赵郭郭孙周马胡朱高徐吴宋牛段靳闫岳常" +
	"何罗林郑梁谢唐许冯韩邓彭曹曾田于肖潘袁董叶杜丁蒋程余吕魏苏任卢沈姜姚崔陆谭石贾范金方夏侯白孟秦尹薛雷史陶毛贺万顾郝申裴")

var givenNames = []string{
	"建国", "秀兰", "志强", "丽娟", "海燕", "国庆", "红霞", "晓东", "俊杰", "静", "磊", "敏", "芳", "娜", "勇",
	"军", "洋", "艳", "杰", "婷", "鹏", "超", "浩然", "子涵", "雨萱", "思远", "明辉", "文静", "春梅", "保国",
	"卫东", "桂芝", "玉兰", "振华", "永刚", "晓燕", "建华", "瑞", "鑫", "亚楠", "利民", "书豪", "佳怡", "梦瑶",
	"志刚", "素芳", "新民", "爱军", "宏伟", "金凤", "淑珍", "丽萍", "晓光", "一鸣", "欣怡", "宇航", "冬梅",
	"红梅", "海波", "立新", "学军", "慧敏", "彦军", "松涛", "朝阳", "晨曦", "向东", "继红", "丹", "莉", "颖",
	"凯", "帅", "琳", "晶晶", "文博", "雅琪", "广义", "中原", "少华", "玉霞", "秋菊", "国栋", "长青",
}

// affiliations of auditors who are not leads, as cities recruit them.
var affiliations = []string{"人大代表", "政协委员", "评议代表", "机关干部"}

// randomName draws a full name.
func randomName(rng *rand.Rand) string {
	return string(surnames[rng.IntN(len(surnames))]) + givenNames[rng.IntN(len(givenNames))]
}

// uniqueName draws a name not in used and records it.
func uniqueName(rng *rand.Rand, used map[string]bool) string {
	for {
		n := randomName(rng)
		if !used[n] {
			used[n] = true
			return n
		}
	}
}

// cityAuditors are the city's panel: two leads from the discipline office and
// ten auditors, two of them namesakes told apart by their department, as
// DESIGN.md asks (the name is the key everywhere).
func cityAuditors(rng *rand.Rand) []Auditor {
	used := map[string]bool{"张伟": true}
	out := []Auditor{
		{uniqueName(rng, used), RoleLead, "机关干部"},
		{uniqueName(rng, used), RoleLead, "机关干部"},
	}
	auditors := []Auditor{
		{"张伟(人社)", RoleAuditor, "机关干部"},
		{"张伟(城管)", RoleAuditor, "机关干部"},
	}
	for i := range 8 {
		// Every affiliation twice, so the panel is mixed whatever the seed.
		auditors = append(auditors, Auditor{uniqueName(rng, used), RoleAuditor, affiliations[i%len(affiliations)]})
	}
	rng.Shuffle(len(auditors), func(i, j int) { auditors[i], auditors[j] = auditors[j], auditors[i] })
	return append(out, auditors...)
}

// provinceAuditors are a province's panel: leads first, then auditors.
func provinceAuditors(rng *rand.Rand, leads, auditors int) []Auditor {
	used := map[string]bool{}
	out := make([]Auditor, 0, leads+auditors)
	for range leads {
		out = append(out, Auditor{uniqueName(rng, used), RoleLead, "机关干部"})
	}
	for range auditors {
		out = append(out, Auditor{uniqueName(rng, used), RoleAuditor, affiliations[rng.IntN(len(affiliations))]})
	}
	return out
}

// officeStaff draws the two to four people who pick up an office's phone. Staff
// numbers are four digits (often with a leading zero, as printed on badges) and
// unique inside the department, which is what identifies a person for flags.
func officeStaff(rng *rand.Rand, deptNumbers map[string]bool) []Staff {
	staff := make([]Staff, 2+rng.IntN(3))
	for i := range staff {
		no := ""
		for no == "" || deptNumbers[no] {
			no = fmt.Sprintf("%04d", rng.IntN(3000))
		}
		deptNumbers[no] = true
		staff[i] = Staff{StaffNo: no, Name: randomName(rng)}
	}
	return staff
}

// callers are the indices of the auditors who place calls (leads plan and watch).
func callers(as []Auditor) []int {
	var out []int
	for i, a := range as {
		if a.Role == RoleAuditor {
			out = append(out, i)
		}
	}
	return out
}

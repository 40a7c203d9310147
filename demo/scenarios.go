package demo

import "phoneaudit/scoring"

// scenarioList holds two questions for every category × persona: what a caller
// posing as that person would plausibly ask an office of that category.
var scenarioList = []Scenario{
	// 涉企
	{CatBusiness, scoring.Farmer, "我是村里的种植户，想牵头注册一个农民专业合作社，要准备哪些材料、去哪里办？"},
	{CatBusiness, scoring.Farmer, "我想在村口开个小超市，顺带卖点化肥农药，需要办哪些证照？"},
	{CatBusiness, scoring.Resident, "我想辞职开个网店，想问需不需要办营业执照，个体户怎么登记？"},
	{CatBusiness, scoring.Resident, "我想在小区附近租个门面开理发店，想问要办哪些手续、大概多长时间？"},
	{CatBusiness, scoring.Business, "我们准备开一家餐饮店，想问营业执照和食品经营许可证能不能一起办，要带哪些材料？"},
	{CatBusiness, scoring.Business, "公司想申报高新技术企业，想问今年什么时候开始受理、需要准备哪些材料？"},
	{CatBusiness, scoring.Grassroots, "我是镇里的工作人员，辖区有家小微企业想申请扶持资金，想问今年的申报条件和截止时间？"},
	{CatBusiness, scoring.Grassroots, "我是街道的，帮辖区一家企业问一下，公司名称变更后哪些证照需要跟着变更？"},

	// 民生
	{CatLivelihood, scoring.Farmer, "我在外地打工交过几年社保，现在回老家了，想问怎么把社保转回来？"},
	{CatLivelihood, scoring.Farmer, "我家老人参加了城乡居民医保，在县医院住院花了两万多，想问能报多少、要带什么材料？"},
	{CatLivelihood, scoring.Resident, "我母亲下个月满60周岁，想问城乡居民养老金怎么申领、要带哪些证件？"},
	{CatLivelihood, scoring.Resident, "孩子明年上小学，户口和房子不在一个片区，想问怎么报名、需要哪些材料？"},
	{CatLivelihood, scoring.Business, "公司新招了3名员工，想问社保登记要带哪些材料、在哪里办？"},
	{CatLivelihood, scoring.Business, "公司有员工上班途中出了车祸，想问工伤认定怎么申请、有没有时间限制？"},
	{CatLivelihood, scoring.Grassroots, "我是村里的，有户困难家庭想申请低保，想问要准备什么材料、多长时间能批下来？"},
	{CatLivelihood, scoring.Grassroots, "我是社区工作人员，辖区一位残疾老人想申请护理补贴，想问申请条件和流程？"},

	// 窗口
	{CatCounter, scoring.Farmer, "我在县城买了套二手房，想问办不动产过户要带哪些材料、需不需要预约？"},
	{CatCounter, scoring.Farmer, "我想把孩子的户口从村里迁到城里，想问需要办什么手续、去哪里办？"},
	{CatCounter, scoring.Resident, "暑假想带孩子出国旅游，想问办护照要带哪些证件、大概多久能拿到？"},
	{CatCounter, scoring.Resident, "我的驾驶证下个月到期，想问换证要带什么、能不能在网上办？"},
	{CatCounter, scoring.Business, "我们公司想给员工开设住房公积金账户，想问要带哪些材料、在哪个窗口办？"},
	{CatCounter, scoring.Business, "我们是新成立的公司，想问第一次申领发票需要带什么、能不能网上办？"},
	{CatCounter, scoring.Grassroots, "我是乡镇便民服务中心的，群众问社保卡丢了怎么补办，想问现在在哪里办、要多长时间？"},
	{CatCounter, scoring.Grassroots, "我是社区的，辖区有位卧床老人身份证过期了，想问能不能上门办理？"},

	// 农业
	{CatFarming, scoring.Farmer, "我今年种了50亩小麦，想问种粮补贴怎么申请、什么时候发到卡上？"},
	{CatFarming, scoring.Farmer, "我刚买了一台拖拉机，想问农机购置补贴怎么申请、要带什么材料？"},
	{CatFarming, scoring.Resident, "我在集上买的玉米种子出苗率很低，怀疑是假种子，想问到哪里投诉、怎么鉴定？"},
	{CatFarming, scoring.Resident, "我想回老家承包几十亩地搞养殖，想问需要办哪些手续？"},
	{CatFarming, scoring.Business, "我们公司想流转村里200亩土地种中药材，想问流转合同要到哪里备案？"},
	{CatFarming, scoring.Business, "我们是家庭农场，想建一个育秧大棚，想问设施农业用地要走什么程序？"},
	{CatFarming, scoring.Grassroots, "我是村委会的，村里的小型水库要维修加固，想问能不能申请项目资金、找谁对接？"},
	{CatFarming, scoring.Grassroots, "我是镇农业服务中心的，想问今年秸秆综合利用的补助标准下来了没有？"},

	// 城建
	{CatUrban, scoring.Farmer, "我在城里工地干活，包工头拖欠了三个月工资，想问该找哪个部门？"},
	{CatUrban, scoring.Farmer, "我们村口的路被渣土车压坏了，一下雨全是泥，想问该找谁反映？"},
	{CatUrban, scoring.Resident, "我家楼下的工地晚上十一点还在施工，噪音太大，想问该向哪里反映？"},
	{CatUrban, scoring.Resident, "我们小区是2000年建的，想问老旧小区改造怎么申请、今年还有没有名额？"},
	{CatUrban, scoring.Business, "我开了家饭店，想在门口装一块招牌，想问门头招牌设置要不要审批？"},
	{CatUrban, scoring.Business, "我们商场周末想在门口搞促销，临时占用人行道搭个棚子，要办什么手续？"},
	{CatUrban, scoring.Grassroots, "我是社区的，辖区一处路灯坏了一个多月没人修，想问归哪个部门管？"},
	{CatUrban, scoring.Grassroots, "我是街道办的，辖区一个小区物业撤场了没人管，想问下一步该怎么办？"},
}

// scenarios returns a fresh copy of the scenario list, so callers may change theirs.
func scenarios() []Scenario {
	return append([]Scenario(nil), scenarioList...)
}

// scenarioIndex lists, for each category and persona, the scenarios that fit.
type scenarioIndex map[string]map[scoring.Persona][]int

func indexScenarios(ss []Scenario) scenarioIndex {
	ix := scenarioIndex{}
	for i, s := range ss {
		if ix[s.Category] == nil {
			ix[s.Category] = map[scoring.Persona][]int{}
		}
		ix[s.Category][s.Persona] = append(ix[s.Category][s.Persona], i)
	}
	return ix
}

// pick chooses the n-th fitting scenario (cycling), or -1 when none fits.
func (ix scenarioIndex) pick(category string, p scoring.Persona, n int) int {
	fit := ix[category][p]
	if len(fit) == 0 {
		return -1
	}
	return fit[n%len(fit)]
}

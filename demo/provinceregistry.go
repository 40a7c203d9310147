package demo

// provinceCity is a fictitious prefecture-level city of the demo province
// and its (equally fictitious) area code.
type provinceCity struct{ name, areaCode string }

// provinceCities are made-up names, so no real city reads as criticised in a demo bulletin.
var provinceCities = []provinceCity{
	{"云川市", "0370"}, {"青平市", "0371"}, {"安原市", "0372"}, {"东陵市", "0373"}, {"北湖市", "0374"},
	{"西岭市", "0375"}, {"南江市", "0376"}, {"丰河市", "0377"}, {"宁川市", "0378"}, {"长岭市", "0379"},
	{"白水市", "0390"}, {"梧川市", "0391"}, {"清源市", "0392"}, {"溪口市", "0393"}, {"石门市", "0394"},
	{"楚原市", "0395"}, {"汉平市", "0396"}, {"河阳市", "0397"}, {"明山市", "0398"}, {"星湖市", "0399"},
}

// provinceOffices is how many offices each department of a province city has on the list.
const provinceOffices = 10

// provinceDepartments are the ten public-facing departments a province audits
// in each of its cities, each with more offices than it needs so cities differ.
// Names are given without the city, which prefixes them ("云川市人力资源和社会保障局").
var provinceDepartments = []deptSpec{
	{"人力资源和社会保障局", []officeSpec{
		{"社会保险中心", CatLivelihood}, {"就业创业服务中心", CatLivelihood}, {"劳动保障监察支队", CatLivelihood},
		{"人才交流服务中心", CatCounter}, {"劳动人事争议仲裁院", CatLivelihood}, {"职业能力建设科", CatLivelihood},
		{"工伤保险科", CatLivelihood}, {"养老保险科", CatLivelihood}, {"失业保险科", CatLivelihood},
		{"社会保障卡服务中心", CatCounter}, {"人事考试中心", CatLivelihood}, {"农民工工作科", CatFarming}}},
	{"市场监督管理局", []officeSpec{
		{"登记注册科", CatBusiness}, {"食品经营安全监督管理科", CatBusiness}, {"消费者权益保护科", CatLivelihood},
		{"价格监督检查和反不正当竞争科", CatLivelihood}, {"特种设备安全监察科", CatBusiness}, {"知识产权科", CatBusiness},
		{"质量发展科", CatBusiness}, {"计量科", CatBusiness}, {"药品化妆品监督管理科", CatBusiness},
		{"网络交易监督管理科", CatBusiness}, {"综合行政执法支队", CatBusiness}}},
	{"行政审批服务局", []officeSpec{
		{"综合受理窗口", CatCounter}, {"企业开办服务专区", CatCounter}, {"工程建设项目审批科", CatBusiness},
		{"社会事务审批科", CatCounter}, {"政务服务便民热线", CatCounter}, {"投资项目审批科", CatBusiness},
		{"市场准入审批科", CatBusiness}, {"农业水利审批科", CatFarming}, {"交通运输审批科", CatBusiness},
		{"现场勘验科", CatBusiness}, {"“一件事”集成服务窗口", CatCounter}}},
	{"住房和城乡建设局", []officeSpec{
		{"房地产市场监管科", CatUrban}, {"建筑市场监管科", CatBusiness}, {"物业管理科", CatUrban},
		{"城镇老旧小区改造办公室", CatUrban}, {"住房保障服务中心", CatLivelihood}, {"建设工程质量安全监督站", CatUrban},
		{"城建档案馆", CatCounter}, {"房屋征收与补偿办公室", CatUrban}, {"燃气热力管理科", CatUrban},
		{"房屋交易服务中心", CatCounter}, {"村镇建设科", CatFarming}}},
	{"自然资源和规划局", []officeSpec{
		{"不动产登记中心", CatCounter}, {"耕地保护监督科", CatFarming}, {"国土空间规划科", CatUrban},
		{"土地利用管理科", CatBusiness}, {"地质矿产管理科", CatBusiness}, {"测绘地理信息科", CatBusiness},
		{"自然资源执法监察支队", CatUrban}, {"土地储备中心", CatBusiness}, {"建设工程规划许可科", CatUrban},
		{"调查监测科", CatFarming}}},
	{"公安局", []officeSpec{
		{"户政管理支队", CatCounter}, {"出入境管理支队", CatCounter}, {"交警支队车辆管理所", CatCounter},
		{"交警支队事故处理大队", CatLivelihood}, {"交警支队违法处理中心", CatCounter}, {"治安管理支队", CatBusiness},
		{"网络安全保卫支队", CatBusiness}, {"经济犯罪侦查支队", CatBusiness}, {"反电信网络诈骗中心", CatLivelihood},
		{"人口服务管理中心", CatCounter}}},
	{"医疗保障局", []officeSpec{
		{"医疗保障服务中心", CatLivelihood}, {"待遇保障科", CatLivelihood}, {"基金监管科", CatLivelihood},
		{"医药服务管理科", CatBusiness}, {"医药价格和招标采购科", CatBusiness}, {"异地就医结算窗口", CatCounter},
		{"门诊慢特病审核科", CatLivelihood}, {"参保登记窗口", CatCounter}, {"稽核科", CatLivelihood},
		{"城乡居民医保科", CatFarming}}},
	{"住房公积金管理中心", []officeSpec{
		{"归集管理科", CatCounter}, {"贷款管理科", CatCounter}, {"提取业务窗口", CatCounter},
		{"稽核审计科", CatCounter}, {"12329服务热线", CatCounter}, {"灵活就业缴存服务窗口", CatCounter},
		{"城东管理部", CatCounter}, {"城西管理部", CatCounter}, {"高新区管理部", CatCounter},
		{"异地转移接续窗口", CatCounter}}},
	{"税务局", []officeSpec{
		{"纳税服务科", CatBusiness}, {"第一税务分局办税服务厅", CatCounter}, {"社会保险费和非税收入科", CatLivelihood},
		{"货物和劳务税科", CatBusiness}, {"所得税科", CatBusiness}, {"财产和行为税科", CatBusiness},
		{"征收管理科", CatBusiness}, {"第二税务分局办税服务厅", CatCounter}, {"12366纳税服务热线", CatCounter},
		{"出口退税管理科", CatBusiness}}},
	{"农业农村局", []officeSpec{
		{"种植业管理科", CatFarming}, {"农村合作经济指导科", CatFarming}, {"农业综合行政执法支队", CatFarming},
		{"畜牧兽医科", CatFarming}, {"农业机械化管理科", CatFarming}, {"乡村产业发展科", CatFarming},
		{"农田建设管理科", CatFarming}, {"农产品质量安全监管科", CatFarming}, {"农村社会事业促进科", CatFarming},
		{"宅基地管理科", CatFarming}, {"科技教育科", CatFarming}}},
}

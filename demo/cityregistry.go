package demo

// deptSpec is a department and its key offices, as a template.
type deptSpec struct {
	name    string
	offices []officeSpec
}

type officeSpec struct{ name, category string }

// cityAreaCode is the demo city's area code. Every number is 555NNNN after it,
// an exchange no real line uses.
const cityAreaCode = "0391"

// cityDepartments are the 市直 departments of a prefecture-level city and the
// offices a discipline office would put on its list of 重点科室/岗位: the ones
// the public phones. 32 departments, 100 offices.
var cityDepartments = []deptSpec{
	{"市发展和改革委员会", []officeSpec{
		{"固定资产投资科", CatBusiness}, {"项目审批服务科", CatBusiness}, {"价格和收费管理科", CatLivelihood}}},
	{"市工业和信息化局", []officeSpec{
		{"中小企业服务中心", CatBusiness}, {"企业运行科", CatBusiness}}},
	{"市教育局", []officeSpec{
		{"基础教育科", CatLivelihood}, {"学生资助管理中心", CatLivelihood},
		{"招生考试中心", CatLivelihood}, {"民办教育管理科", CatLivelihood}}},
	{"市公安局", []officeSpec{
		{"户政管理支队", CatCounter}, {"出入境管理支队", CatCounter}, {"交警支队车辆管理所", CatCounter},
		{"交警支队事故处理大队", CatLivelihood}, {"治安管理支队", CatBusiness}}},
	{"市民政局", []officeSpec{
		{"社会救助科", CatLivelihood}, {"养老服务科", CatLivelihood}, {"婚姻登记处", CatCounter},
		{"殡葬管理所", CatLivelihood}, {"社会组织管理科", CatBusiness}}},
	{"市司法局", []officeSpec{
		{"公共法律服务管理科", CatLivelihood}, {"法律援助中心", CatLivelihood}}},
	{"市财政局", []officeSpec{
		{"农业农村科", CatFarming}, {"政府采购管理科", CatBusiness}}},
	{"市人力资源和社会保障局", []officeSpec{
		{"社会保险中心", CatLivelihood}, {"就业创业服务中心", CatLivelihood}, {"劳动保障监察支队", CatLivelihood},
		{"人才交流服务中心", CatCounter}, {"劳动人事争议仲裁院", CatLivelihood}, {"职业能力建设科", CatLivelihood},
		{"工伤保险科", CatLivelihood}}},
	{"市自然资源和规划局", []officeSpec{
		{"不动产登记中心", CatCounter}, {"耕地保护监督科", CatFarming}, {"国土空间规划科", CatUrban},
		{"土地利用管理科", CatBusiness}}},
	{"市生态环境局", []officeSpec{
		{"环境影响评价科", CatBusiness}, {"生态环境保护综合行政执法支队", CatUrban}, {"大气环境科", CatUrban}}},
	{"市住房和城乡建设局", []officeSpec{
		{"房地产市场监管科", CatUrban}, {"建筑市场监管科", CatBusiness}, {"物业管理科", CatUrban},
		{"城镇老旧小区改造办公室", CatUrban}, {"住房保障服务中心", CatLivelihood}}},
	{"市城市管理局", []officeSpec{
		{"市容环境卫生管理科", CatUrban}, {"城市管理综合行政执法支队", CatUrban}, {"市政设施管理处", CatUrban},
		{"数字化城市管理指挥中心", CatUrban}}},
	{"市交通运输局", []officeSpec{
		{"道路运输管理科", CatBusiness}, {"交通运输综合行政执法支队", CatUrban}, {"农村公路管理科", CatFarming}}},
	{"市水利局", []officeSpec{
		{"农村水利水电科", CatFarming}, {"河湖管理科", CatUrban}}},
	{"市农业农村局", []officeSpec{
		{"种植业管理科", CatFarming}, {"农村合作经济指导科", CatFarming}, {"农业综合行政执法支队", CatFarming},
		{"畜牧兽医科", CatFarming}, {"农业机械化管理科", CatFarming}, {"乡村产业发展科", CatFarming}}},
	{"市商务局", []officeSpec{
		{"对外贸易科", CatBusiness}, {"市场运行和消费促进科", CatBusiness}}},
	{"市文化广电和旅游局", []officeSpec{
		{"文化市场综合执法支队", CatBusiness}, {"资源开发和市场管理科", CatBusiness}}},
	{"市卫生健康委员会", []officeSpec{
		{"医政医管科", CatLivelihood}, {"妇幼健康科", CatLivelihood}, {"人口监测与家庭发展科", CatLivelihood},
		{"卫生健康监督所", CatBusiness}}},
	{"市退役军人事务局", []officeSpec{
		{"优抚科", CatLivelihood}, {"移交安置科", CatLivelihood}}},
	{"市应急管理局", []officeSpec{
		{"危险化学品安全监督管理科", CatBusiness}, {"救灾和物资保障科", CatLivelihood}}},
	{"市市场监督管理局", []officeSpec{
		{"登记注册科", CatBusiness}, {"食品经营安全监督管理科", CatBusiness}, {"消费者权益保护科", CatLivelihood},
		{"价格监督检查和反不正当竞争科", CatLivelihood}, {"特种设备安全监察科", CatBusiness}, {"知识产权科", CatBusiness}}},
	{"市医疗保障局", []officeSpec{
		{"医疗保障服务中心", CatLivelihood}, {"待遇保障科", CatLivelihood}, {"基金监管科", CatLivelihood},
		{"医药服务管理科", CatBusiness}}},
	{"市行政审批服务局", []officeSpec{
		{"综合受理窗口", CatCounter}, {"企业开办服务专区", CatCounter}, {"工程建设项目审批科", CatBusiness},
		{"社会事务审批科", CatCounter}, {"政务服务便民热线", CatCounter}}},
	{"市住房公积金管理中心", []officeSpec{
		{"归集管理科", CatCounter}, {"贷款管理科", CatCounter}, {"提取业务窗口", CatCounter}}},
	{"市税务局", []officeSpec{
		{"纳税服务科", CatBusiness}, {"第一税务分局办税服务厅", CatCounter}, {"社会保险费和非税收入科", CatLivelihood}}},
	{"市林业局", []officeSpec{
		{"森林资源管理科", CatFarming}, {"林业产业发展科", CatFarming}}},
	{"市粮食和物资储备局", []officeSpec{
		{"粮食购销科", CatFarming}}},
	{"市残疾人联合会", []officeSpec{
		{"康复部", CatLivelihood}, {"残疾人证办理窗口", CatCounter}}},
	{"市科学技术局", []officeSpec{
		{"高新技术发展科", CatBusiness}, {"成果转化与区域创新科", CatBusiness}}},
	{"市人民防空办公室", []officeSpec{
		{"工程建设管理科", CatBusiness}}},
	{"市体育局", []officeSpec{
		{"群众体育科", CatLivelihood}}},
	{"市邮政管理局", []officeSpec{
		{"市场监管科", CatLivelihood}}},
}

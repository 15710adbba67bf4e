/// Realistic values the generator draws from: places, brands, models, names, operations, parts.
enum Catalogues {
    struct City {
        let province: String
        let city: String
        let plate: String
    }

    struct Region {
        let name: String
        let cities: [City]
    }

    /// The six sales regions of the sample network (feeds.md, dealers).
    static let regions: [Region] = [
        Region(name: "华东", cities: [
            City(province: "浙江省", city: "杭州市", plate: "浙A"), City(province: "上海市", city: "上海市", plate: "沪B"),
            City(province: "江苏省", city: "苏州市", plate: "苏E"), City(province: "山东省", city: "青岛市", plate: "鲁B"),
            City(province: "江苏省", city: "南京市", plate: "苏A"), City(province: "浙江省", city: "宁波市", plate: "浙B"),
        ]),
        Region(name: "华南", cities: [
            City(province: "广东省", city: "广州市", plate: "粤A"), City(province: "广东省", city: "深圳市", plate: "粤B"),
            City(province: "福建省", city: "厦门市", plate: "闽D"), City(province: "广西壮族自治区", city: "南宁市", plate: "桂A"),
            City(province: "广东省", city: "佛山市", plate: "粤E"), City(province: "福建省", city: "福州市", plate: "闽A"),
        ]),
        Region(name: "华北", cities: [
            City(province: "北京市", city: "北京市", plate: "京N"), City(province: "天津市", city: "天津市", plate: "津A"),
            City(province: "河北省", city: "石家庄市", plate: "冀A"), City(province: "山西省", city: "太原市", plate: "晋A"),
        ]),
        Region(name: "东北", cities: [
            City(province: "辽宁省", city: "沈阳市", plate: "辽A"), City(province: "辽宁省", city: "大连市", plate: "辽B"),
            City(province: "吉林省", city: "长春市", plate: "吉A"), City(province: "黑龙江省", city: "哈尔滨市", plate: "黑A"),
        ]),
        Region(name: "西南", cities: [
            City(province: "四川省", city: "成都市", plate: "川A"), City(province: "重庆市", city: "重庆市", plate: "渝A"),
            City(province: "云南省", city: "昆明市", plate: "云A"), City(province: "贵州省", city: "贵阳市", plate: "贵A"),
        ]),
        Region(name: "西北", cities: [
            City(province: "陕西省", city: "西安市", plate: "陕A"), City(province: "甘肃省", city: "兰州市", plate: "甘A"),
            City(province: "宁夏回族自治区", city: "银川市", plate: "宁A"), City(province: "新疆维吾尔自治区", city: "乌鲁木齐市", plate: "新A"),
        ]),
    ]

    struct Model {
        let series: String
        let code: String
        let name: String
        /// Manufacturer's suggested retail price, in fen.
        let listPrice: Int
        /// VIN positions 4–8.
        let descriptor: String
    }

    struct Brand {
        let name: String
        let prefix: String
        let wmi: String
        let models: [Model]
    }

    /// Fictitious brands with China-assigned WMIs (first letter L).
    static let brands: [Brand] = [
        Brand(name: "澜海", prefix: "LH", wmi: "LLH", models: [
            Model(series: "S5", code: "LH5S15T", name: "澜海S5 1.5T 豪华版", listPrice: 15_980_000, descriptor: "S5A2B"),
            Model(series: "L7", code: "LH7L20T", name: "澜海L7 2.0T 旗舰版", listPrice: 18_980_000, descriptor: "L7C3D"),
            Model(series: "E6", code: "LH6EEV", name: "澜海E6 纯电长续航版", listPrice: 21_980_000, descriptor: "E6E4F"),
        ]),
        Brand(name: "星驰", prefix: "XC", wmi: "LXC", models: [
            Model(series: "X3", code: "XC3X14", name: "星驰X3 1.4L 舒适型", listPrice: 9_980_000, descriptor: "X3G1H"),
            Model(series: "X5", code: "XC5X15T", name: "星驰X5 1.5T 尊享型", listPrice: 13_980_000, descriptor: "X5J2K"),
            Model(series: "GT", code: "XCGT20T", name: "星驰GT 2.0T 运动版", listPrice: 25_980_000, descriptor: "GTL3M"),
        ]),
        Brand(name: "锦程", prefix: "JC", wmi: "LJC", models: [
            Model(series: "M8", code: "JCM8HEV", name: "锦程M8 混动商务版", listPrice: 28_980_000, descriptor: "M8N5P"),
            Model(series: "C3", code: "JCC315", name: "锦程C3 1.5L 精英版", listPrice: 8_980_000, descriptor: "C3R1S"),
        ]),
    ]

    /// Other makes seen as trade-ins (used cars) and in service: real Chinese WMIs.
    static let otherMakes: [(wmi: String, name: String, descriptor: String, price: Int)] = [
        ("LSV", "上汽大众 朗逸", "AB41Z", 12_000_000), ("LFV", "一汽大众 速腾", "A24F8", 14_500_000),
        ("LVG", "广汽丰田 凯美瑞", "BE4EK", 19_000_000), ("LHG", "广汽本田 雅阁", "CV165", 18_500_000),
        ("LGB", "东风日产 轩逸", "H4EB3", 11_000_000), ("LSG", "上汽通用 英朗", "B5SA4", 10_500_000),
    ]

    static let colors = ["珍珠白", "曜石黑", "星河银", "宝石蓝", "烈焰红", "钛金灰"]

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let givenCharacters = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文辉斌鹏飞浩宇欣怡子涵梓轩雨晨思远佳琪晓东海燕春梅俊杰家豪")
    static let companyWords = ["顺达物流", "恒通商贸", "华安建设", "金桥租赁", "远景科技", "鼎盛实业", "新航运输", "宏图置业", "瑞丰贸易", "长青环保"]
    static let dealerWords = ["瑞丰", "恒信", "宝利", "永达", "中升", "广汇", "庞大", "利星", "元通", "华胜", "和谐", "正通"]

    struct Operation {
        let code: String
        let description: String
        /// Flat-rate hours, in hundredths.
        let hours: Int
        /// Indexes into `parts` with a quantity in hundredths.
        let parts: [(part: Int, qty: Int)]
    }

    /// Labour operations by RO type; parts refer to `parts` by index.
    static let maintenanceOps = [
        Operation(code: "BY10", description: "常规保养（更换机油、机滤）", hours: 100, parts: [(0, 450), (1, 100)]),
        Operation(code: "BY20", description: "二级保养（含空滤、空调滤）", hours: 180, parts: [(0, 450), (1, 100), (2, 100), (3, 100)]),
        Operation(code: "BY30", description: "更换制动液", hours: 80, parts: [(4, 100)]),
    ]
    static let repairOps = [
        Operation(code: "WX01", description: "更换前刹车片", hours: 120, parts: [(5, 100)]),
        Operation(code: "WX02", description: "检查发动机异响", hours: 150, parts: []),
        Operation(code: "WX03", description: "更换蓄电池", hours: 50, parts: [(6, 100)]),
        Operation(code: "WX04", description: "空调系统检修、加注冷媒", hours: 200, parts: [(7, 50)]),
        Operation(code: "WX05", description: "更换前减震器", hours: 250, parts: [(8, 200)]),
        Operation(code: "WX06", description: "四轮定位", hours: 80, parts: []),
        Operation(code: "WX07", description: "更换火花塞", hours: 90, parts: [(9, 400)]),
        Operation(code: "WX08", description: "更换雨刮片", hours: 20, parts: [(10, 200)]),
    ]
    static let warrantyOps = [
        Operation(code: "ZB01", description: "更换水泵（三包）", hours: 220, parts: [(11, 100)]),
        Operation(code: "ZB02", description: "更换左前车窗升降器", hours: 160, parts: [(12, 100)]),
        Operation(code: "ZB03", description: "更换电子节气门", hours: 130, parts: [(13, 100)]),
        Operation(code: "ZB04", description: "更换中控屏总成", hours: 110, parts: [(14, 100)]),
    ]
    static let bodyshopOps = [
        Operation(code: "BP01", description: "前保险杠钣金喷漆", hours: 600, parts: [(15, 100), (16, 150)]),
        Operation(code: "BP02", description: "左前门钣金喷漆", hours: 500, parts: [(16, 120)]),
        Operation(code: "BP03", description: "更换前大灯总成", hours: 100, parts: [(17, 100)]),
    ]
    static let recallOps = [Operation(code: "ZH01", description: "召回：燃油泵控制软件升级", hours: 60, parts: [])]
    static let internalOps = [
        Operation(code: "NB01", description: "试驾车清洗美容", hours: 100, parts: []),
        Operation(code: "BY10", description: "常规保养（更换机油、机滤）", hours: 100, parts: [(0, 450), (1, 100)]),
    ]
    static let pdiOps = [Operation(code: "PDI1", description: "新车售前检查（PDI）", hours: 150, parts: [])]

    struct Part {
        let number: String
        let description: String
        let category: String
        let unit: String
        /// List price in fen.
        let price: Int
        /// Standard cost in fen.
        let cost: Int
    }

    /// The part master of a brand: the first 18 are used by operations, the rest sell over
    /// the counter, and the last few never move (obsolete stock).
    static func parts(prefix: String) -> [Part] {
        let base: [(String, String, String, String, Int, Int)] = [
            ("10001A", "全合成机油 5W-30", "油品", "升", 9_800, 5_600),
            ("10002A", "机油滤清器", "滤清器", "个", 6_800, 3_200),
            ("10003A", "空气滤清器", "滤清器", "个", 12_800, 6_100),
            ("10004A", "空调滤清器", "滤清器", "个", 9_800, 4_300),
            ("10005A", "制动液 DOT4", "油品", "瓶", 8_800, 4_100),
            ("20001B", "前刹车片（套）", "制动系统", "套", 58_000, 31_000),
            ("30001C", "蓄电池 12V 60Ah", "电气", "个", 86_000, 52_000),
            ("40001D", "空调冷媒 R134a", "空调", "千克", 32_000, 14_000),
            ("50001E", "前减震器", "悬挂", "个", 98_000, 61_000),
            ("60001F", "火花塞", "发动机", "个", 7_800, 3_600),
            ("70001G", "雨刮片", "车身附件", "片", 9_800, 4_200),
            ("60002F", "水泵总成", "发动机", "个", 128_000, 79_000),
            ("80001H", "左前车窗升降器", "车身电器", "个", 76_000, 45_000),
            ("60003F", "电子节气门总成", "发动机", "个", 168_000, 103_000),
            ("30002C", "中控屏总成", "电气", "个", 458_000, 302_000),
            ("90001J", "前保险杠皮", "钣金件", "个", 186_000, 112_000),
            ("95001K", "车身面漆", "油漆辅料", "升", 42_000, 23_500),
            ("30003C", "前大灯总成", "电气", "个", 326_000, 201_000),
            ("70002G", "脚垫（套）", "精品", "套", 68_000, 29_000),
            ("70003G", "玻璃水 2L", "油品", "瓶", 2_800, 1_100),
            ("70004G", "行车记录仪", "精品", "个", 89_900, 46_000),
            ("10006A", "燃油滤清器", "滤清器", "个", 15_800, 7_900),
            ("20002B", "后刹车片（套）", "制动系统", "套", 48_000, 26_000),
            ("70005G", "车衣", "精品", "件", 39_900, 15_000),
            ("99001Z", "旧款倒车雷达探头", "电气", "个", 24_000, 13_500),
            ("99002Z", "旧款轮毂盖", "车身附件", "个", 18_000, 9_500),
            ("99003Z", "停产车型门把手", "车身附件", "个", 35_000, 21_000),
        ]
        return base.map { Part(number: "\(prefix)-\($0.0)", description: $0.1, category: $0.2, unit: $0.3, price: $0.4, cost: $0.5) }
    }

    /// Indexes of parts sold over the counter.
    static let counterParts = [0, 1, 3, 10, 18, 19, 20, 21, 22, 23]
    /// Indexes of parts that never move after the opening balance.
    static let obsoleteParts = [24, 25, 26]

    static let complaints: [String: [String]] = [
        "maintenance": ["定期保养", "首次保养", "保养灯亮，到店保养", "常规保养，顺便检查轮胎"],
        "repair": ["刹车时有异响，低速明显", "发动机冷启动抖动，怠速不稳", "空调不制冷, 出风口有异味", "客户反映\"嗡嗡\"声，时速80公里以上出现", "蓄电池亏电，无法启动", "方向跑偏\n四轮定位后复查"],
        "warranty": ["水泵漏水，冷却液减少", "左前车窗升降卡滞", "中控屏黑屏，重启无效", "加速无力，故障灯亮"],
        "bodyshop": ["前保险杠刮擦", "左前门凹陷，需钣金喷漆", "追尾事故，前部受损"],
        "recall": ["厂家召回：燃油泵控制软件升级"],
        "internal": ["试驾车整备", "代步车保养"],
        "pdi": ["新车PDI检查"],
    ]

    static let rejectReasons = ["资料不全，缺少故障照片", "超出三包期限", "非质量问题（人为损坏）", "工时超标准"]

    /// General-ledger expense accounts: account, department, category, monthly amount (fen) per unit of scale.
    static let expenseAccounts: [(String, String, String, Int)] = [
        ("6601.01 销售人员工资", "new", "personnel", 18_000_000),
        ("6601.02 二手车人员工资", "used", "personnel", 3_500_000),
        ("6601.03 售后人员工资", "service", "personnel", 16_000_000),
        ("6601.04 配件人员工资", "parts", "personnel", 2_600_000),
        ("6601.05 钣喷人员工资", "bodyshop", "personnel", 4_200_000),
        ("6602.01 管理人员工资", "admin", "personnel", 6_500_000),
        ("6601.10 广告宣传费", "new", "variable", 4_500_000),
        ("6601.11 销售佣金", "new", "variable", 3_000_000),
        ("6601.12 二手车整备费", "used", "variable", 800_000),
        ("6601.13 外协维修费", "service", "variable", 600_000),
        ("6601.14 配件运费", "parts", "variable", 300_000),
        ("6602.10 培训费", "service", "semi_fixed", 500_000),
        ("6602.11 油漆辅料", "bodyshop", "semi_fixed", 1_200_000),
        ("6602.12 水电费", "admin", "semi_fixed", 1_800_000),
        ("6602.20 房屋租金", "admin", "fixed", 9_000_000),
        ("6602.21 固定资产折旧", "service", "fixed", 2_200_000),
        ("6602.22 展厅折旧摊销", "new", "fixed", 1_500_000),
    ]
}

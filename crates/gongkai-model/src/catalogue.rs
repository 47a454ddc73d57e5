//! The code catalogue: names of 支出功能分类 and 部门支出经济分类 codes.
//!
//! A flat table, sorted by code, so that a lookup is a binary search and a reviewer can
//! compare it line by line with the Ministry of Finance's 政府收支分类科目. It holds every
//! function 类 (201–233), the 款 and 项 that common departments use, and the economic
//! 类 and 款 of the 301/302/303/310 families. A code not listed here must carry its name
//! in the input (rule W204), so the catalogue can stay conservative.

/// Function classification (支出功能分类): 类 (3 digits), 款 (5), 项 (7).
const FUNCTION: &[(&str, &str)] = &[
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"),
    ("2080501", "行政单位离退休"),
    ("2080502", "事业单位离退休"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2080506", "机关事业单位职业年金缴费支出"),
    ("2080599", "其他行政事业单位养老支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("21011", "行政事业单位医疗"),
    ("2101101", "行政单位医疗"),
    ("2101102", "事业单位医疗"),
    ("2101103", "公务员医疗补助"),
    ("2101199", "其他行政事业单位医疗支出"),
    ("211", "节能环保支出"),
    ("21101", "环境保护管理事务"),
    ("2110101", "行政运行"),
    ("2110102", "一般行政管理事务"),
    ("2110103", "机关服务"),
    ("2110199", "其他环境保护管理事务支出"),
    ("21102", "环境监测与监察"),
    ("2110204", "核与辐射安全监督"),
    ("2110299", "其他环境监测与监察支出"),
    ("21103", "污染防治"),
    ("2110301", "大气"),
    ("2110302", "水体"),
    ("2110303", "噪声"),
    ("2110304", "固体废弃物与化学品"),
    ("2110305", "放射源和放射性废物监管"),
    ("2110306", "辐射"),
    ("2110307", "土壤"),
    ("2110399", "其他污染防治支出"),
    ("21111", "污染减排"),
    ("2111101", "生态环境监测与信息"),
    ("2111102", "生态环境执法监察"),
    ("2111103", "减排专项支出"),
    ("2111199", "其他污染减排支出"),
    ("212", "城乡社区支出"),
    ("21208", "国有土地使用权出让收入安排的支出"),
    ("2120801", "征地和拆迁补偿支出"),
    ("2120802", "土地开发支出"),
    ("2120803", "城市建设支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("22102", "住房改革支出"),
    ("2210201", "住房公积金"),
    ("2210202", "提租补贴"),
    ("2210203", "购房补贴"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("22301", "解决历史遗留问题及改革成本支出"),
    ("2230105", "国有企业退休人员社会化管理补助支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("22960", "彩票公益金安排的支出"),
    ("2296002", "用于社会福利的彩票公益金支出"),
    ("2296003", "用于体育事业的彩票公益金支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
];

/// Economic classification (部门支出经济分类): 类 (3 digits), 款 (5).
const ECONOMIC: &[(&str, &str)] = &[
    ("301", "工资福利支出"),
    ("30101", "基本工资"),
    ("30102", "津贴补贴"),
    ("30103", "奖金"),
    ("30106", "伙食补助费"),
    ("30107", "绩效工资"),
    ("30108", "机关事业单位基本养老保险缴费"),
    ("30109", "职业年金缴费"),
    ("30110", "职工基本医疗保险缴费"),
    ("30111", "公务员医疗补助缴费"),
    ("30112", "其他社会保障缴费"),
    ("30113", "住房公积金"),
    ("30114", "医疗费"),
    ("30199", "其他工资福利支出"),
    ("302", "商品和服务支出"),
    ("30201", "办公费"),
    ("30202", "印刷费"),
    ("30203", "咨询费"),
    ("30204", "手续费"),
    ("30205", "水费"),
    ("30206", "电费"),
    ("30207", "邮电费"),
    ("30208", "取暖费"),
    ("30209", "物业管理费"),
    ("30211", "差旅费"),
    ("30212", "因公出国（境）费用"),
    ("30213", "维修（护）费"),
    ("30214", "租赁费"),
    ("30215", "会议费"),
    ("30216", "培训费"),
    ("30217", "公务接待费"),
    ("30218", "专用材料费"),
    ("30224", "被装购置费"),
    ("30225", "专用燃料费"),
    ("30226", "劳务费"),
    ("30227", "委托业务费"),
    ("30228", "工会经费"),
    ("30229", "福利费"),
    ("30231", "公务用车运行维护费"),
    ("30239", "其他交通费用"),
    ("30240", "税金及附加费用"),
    ("30299", "其他商品和服务支出"),
    ("303", "对个人和家庭的补助"),
    ("30301", "离休费"),
    ("30302", "退休费"),
    ("30303", "退职（役）费"),
    ("30304", "抚恤金"),
    ("30305", "生活补助"),
    ("30306", "救济费"),
    ("30307", "医疗费补助"),
    ("30308", "助学金"),
    ("30309", "奖励金"),
    ("30399", "其他对个人和家庭的补助"),
    ("307", "债务利息及费用支出"),
    ("309", "资本性支出（基本建设）"),
    ("310", "资本性支出"),
    ("31001", "房屋建筑物购建"),
    ("31002", "办公设备购置"),
    ("31003", "专用设备购置"),
    ("31005", "基础设施建设"),
    ("31006", "大型修缮"),
    ("31007", "信息网络及软件购置更新"),
    ("31008", "物资储备"),
    ("31013", "公务用车购置"),
    ("31019", "其他交通工具购置"),
    ("31022", "无形资产购置"),
    ("31099", "其他资本性支出"),
    ("311", "对企业补助（基本建设）"),
    ("312", "对企业补助"),
    ("313", "对社会保障基金补助"),
    ("399", "其他支出"),
];

/// The function 类 printed on the expenditure side of 表1 and 表4, in order.
pub fn function_classes() -> impl Iterator<Item = (&'static str, &'static str)> {
    FUNCTION.iter().copied().filter(|(code, _)| code.len() == 3)
}

/// Every function 项 (7 digits) of the catalogue, with its name.
pub fn function_items() -> impl Iterator<Item = (&'static str, &'static str)> {
    FUNCTION.iter().copied().filter(|(code, _)| code.len() == 7)
}

/// Every economic 款 (5 digits) of the catalogue, with its name.
pub fn economic_items() -> impl Iterator<Item = (&'static str, &'static str)> {
    ECONOMIC.iter().copied().filter(|(code, _)| code.len() == 5)
}

/// Every code of one length (3 类, 5 款, 7 项) of the function (`econ` false) or economic
/// catalogue, in code order.
pub fn codes(econ: bool, len: usize) -> impl Iterator<Item = &'static str> {
    let table = if econ { ECONOMIC } else { FUNCTION };
    table.iter().map(|(c, _)| *c).filter(move |c| c.len() == len)
}

/// The name of a function code (类, 款 or 项), if the catalogue knows it.
pub fn function_name(code: &str) -> Option<&'static str> {
    lookup(FUNCTION, code)
}

/// The name of an economic code (类 or 款), if the catalogue knows it.
pub fn economic_name(code: &str) -> Option<&'static str> {
    lookup(ECONOMIC, code)
}

fn lookup(table: &'static [(&'static str, &'static str)], code: &str) -> Option<&'static str> {
    table.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| table[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_hierarchical() {
        for table in [FUNCTION, ECONOMIC] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "catalogue must stay sorted");
            for (code, _) in table {
                assert!(code.chars().all(|c| c.is_ascii_digit()));
                assert!(matches!(code.len(), 3 | 5 | 7), "{code}");
                // Every 款 and 项 hangs under a listed parent.
                if code.len() > 3 {
                    let parent = &code[..code.len() - 2];
                    assert!(lookup(table, parent).is_some(), "{code} has no parent {parent}");
                }
            }
        }
    }

    #[test]
    fn knows_all_function_classes() {
        let classes: Vec<_> = function_classes().map(|(c, _)| c).collect();
        assert_eq!(classes.len(), 29);
        assert_eq!(classes.first(), Some(&"201"));
        assert_eq!(classes.last(), Some(&"233"));
        assert_eq!(function_name("2111101"), Some("生态环境监测与信息"));
        assert_eq!(economic_name("30231"), Some("公务用车运行维护费"));
        assert_eq!(function_name("2119999"), None);
    }
}

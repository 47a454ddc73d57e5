//! The Xinjiang 11-table set (新疆维吾尔自治区部门预算公开表 表1–表11), as data.
//!
//! Titles, header trees and column sets follow the 2025 disclosure of 昌吉回族自治州环境
//! 污染监控中心 exactly. The builders below only shorten the notation.

use super::{
    Agreement, CellRef, ColumnSpec, ColumnSum, Filter, FixedRow, HeaderNode, Identity, Profile, RowScheme,
    TableSpec,
};
use crate::source::{Kind, Source};

use Source::*;

const GENERAL: &[Source] = &[General, GeneralTransfer];
const FUND: &[Source] = &[Fund, FundTransfer];
const CAPITAL: &[Source] = &[Capital, CapitalTransfer];
const FISCAL: &[Source] = &[General, GeneralTransfer, Fund, FundTransfer, Capital, CapitalTransfer];
const UNIT_FUNDS: &[Source] =
    &[BusinessIncome, SuperiorSubsidy, AffiliatedRemit, OperatingIncome, OtherIncome];
const CARRY_FISCAL: &[Source] = &[CarryGeneral, CarryFund, CarryCapital];
const CARRY_NONFISCAL: &[Source] = &[CarrySpecial, CarryUnit];

fn sources(s: &[Source]) -> Filter {
    Filter { sources: Some(s.to_vec()), ..Filter::default() }
}

fn current_year() -> Filter {
    sources(&Source::ALL.iter().copied().filter(|s| !s.is_carryover()).collect::<Vec<_>>())
}

fn carryover() -> Filter {
    sources(&[CARRY_FISCAL, CARRY_NONFISCAL].concat())
}

fn kind(kind: Kind) -> Filter {
    Filter { kind: Some(kind), ..Filter::default() }
}

fn basic(personnel: bool) -> Filter {
    Filter { kind: Some(Kind::Basic), personnel: Some(personnel), ..Filter::default() }
}

fn econ(codes: &[&str]) -> Filter {
    Filter { econ_codes: Some(codes.iter().map(|c| (*c).to_owned()).collect()), ..Filter::default() }
}

fn leaf(label: &str, column: ColumnSpec) -> HeaderNode {
    HeaderNode { label: label.to_owned(), column: Some(column), children: Vec::new() }
}

fn group(label: &str, children: Vec<HeaderNode>) -> HeaderNode {
    HeaderNode { label: label.to_owned(), column: None, children }
}

fn amount(label: &str, id: &str, filter: Filter) -> HeaderNode {
    leaf(label, ColumnSpec::Amount { id: id.to_owned(), filter })
}

fn all(label: &str, id: &str) -> HeaderNode {
    amount(label, id, Filter::default())
}

fn codes3() -> Vec<HeaderNode> {
    vec![leaf("类", ColumnSpec::Code(0)), leaf("款", ColumnSpec::Code(1)), leaf("项", ColumnSpec::Code(2))]
}

fn sum(total: &str, parts: &[&str]) -> ColumnSum {
    ColumnSum { total: total.to_owned(), parts: parts.iter().map(|p| (*p).to_owned()).collect() }
}

fn row(key: &str, label: &str, level: u8, filter: Filter, children: &[&str]) -> FixedRow {
    FixedRow {
        key: key.to_owned(),
        label: label.to_owned(),
        level,
        filter,
        children: children.iter().map(|c| (*c).to_owned()).collect(),
        total: false,
    }
}

fn cell(table: &str, row: &str, col: &str) -> CellRef {
    CellRef { table: table.to_owned(), row: row.to_owned(), col: col.to_owned() }
}

fn identity(name: &str, left: Vec<CellRef>, right: Vec<CellRef>) -> Identity {
    Identity { name: name.to_owned(), left, right }
}

#[allow(clippy::too_many_arguments)]
fn spec(
    id: &str,
    title: &str,
    scope: Filter,
    rows: RowScheme,
    header: Vec<HeaderNode>,
    numbered: bool,
    empty_note: Option<&str>,
    sums: Vec<ColumnSum>,
) -> TableSpec {
    TableSpec {
        id: id.to_owned(),
        number: format!("表{}", &id[1..]),
        title: title.to_owned(),
        scope,
        rows,
        header,
        numbered,
        empty_note: empty_note.map(str::to_owned),
        sums,
    }
}

fn tree(total: &str) -> RowScheme {
    RowScheme::FunctionTree { total: total.to_owned() }
}

/// 表3/表5: function tree × 合计/基本/项目.
fn by_kind(id: &str, title: &str, scope: Filter, group_label: &str) -> TableSpec {
    spec(
        id,
        title,
        scope,
        tree("总计"),
        vec![
            group(
                "科目",
                vec![group("功能分类科目编码", codes3()), leaf("功能分类科目名称", ColumnSpec::Name)],
            ),
            group(
                group_label,
                vec![
                    all("合计", "total"),
                    amount("基本支出", "basic", kind(Kind::Basic)),
                    amount("项目支出", "project", kind(Kind::Project)),
                ],
            ),
        ],
        true,
        None,
        vec![sum("total", &["basic", "project"])],
    )
}

/// 表8/表9: function tree × 合计/基本(人员, 公用)/项目.
fn fund_table(id: &str, title: &str, scope: &[Source], group_label: &str, what: &str) -> TableSpec {
    let note = format!("{{org}}{{year}}年没有使用{what}预算拨款安排的支出，{title}为空表。");
    spec(
        id,
        title,
        sources(scope),
        tree("总计"),
        vec![
            group(
                "科目",
                vec![group("功能分类科目编码", codes3()), leaf("功能分类科目名称", ColumnSpec::Name)],
            ),
            group(
                group_label,
                vec![
                    all("合计", "total"),
                    group(
                        "基本支出",
                        vec![
                            amount("人员经费", "personnel", basic(true)),
                            amount("公用经费", "public", basic(false)),
                        ],
                    ),
                    amount("项目支出", "project", kind(Kind::Project)),
                ],
            ),
        ],
        true,
        Some(&note),
        vec![sum("total", &["personnel", "public", "project"])],
    )
}

fn table1() -> TableSpec {
    let left = vec![
        row(
            "current",
            "一、本年收入",
            0,
            current_year(),
            &["general_all", "fund_all", "capital_all", "special", "unit"],
        ),
        row("general_all", "1. 一般公共预算拨款", 1, sources(GENERAL), &["general", "general_transfer"]),
        row("general", "其中：一般财力", 2, sources(&[General]), &[]),
        row("general_transfer", "上级一般公共预算安排转移支付", 2, sources(&[GeneralTransfer]), &[]),
        row("fund_all", "2. 政府性基金预算拨款", 1, sources(FUND), &["fund", "fund_transfer"]),
        row("fund", "其中：政府性基金收入", 2, sources(&[Fund]), &[]),
        row("fund_transfer", "上级政府性基金安排转移支付", 2, sources(&[FundTransfer]), &[]),
        row("capital_all", "3. 国有资本经营预算拨款", 1, sources(CAPITAL), &["capital", "capital_transfer"]),
        row("capital", "其中：国有资本经营收入", 2, sources(&[Capital]), &[]),
        row("capital_transfer", "上级国有资本经营预算安排转移支付", 2, sources(&[CapitalTransfer]), &[]),
        row("special", "4. 财政专户核拨", 1, sources(&[SpecialAccount]), &[]),
        row(
            "unit",
            "5. 单位资金",
            1,
            sources(UNIT_FUNDS),
            &["business", "superior", "affiliated", "operating", "other"],
        ),
        row("business", "其中：事业收入", 2, sources(&[BusinessIncome]), &[]),
        row("superior", "上级补助收入", 2, sources(&[SuperiorSubsidy]), &[]),
        row("affiliated", "附属单位上缴收入", 2, sources(&[AffiliatedRemit]), &[]),
        row("operating", "事业单位经营收入", 2, sources(&[OperatingIncome]), &[]),
        row("other", "其他收入", 2, sources(&[OtherIncome]), &[]),
        row("carry", "二、上年结转结余", 0, carryover(), &["carry_fiscal", "carry_nonfiscal"]),
        row(
            "carry_fiscal",
            "1. 财政拨款结转",
            1,
            sources(CARRY_FISCAL),
            &["cf_general", "cf_fund", "cf_capital"],
        ),
        row("cf_general", "其中：一般公共预算拨款", 2, sources(&[CarryGeneral]), &[]),
        row("cf_fund", "政府性基金预算拨款", 2, sources(&[CarryFund]), &[]),
        row("cf_capital", "国有资本经营预算拨款", 2, sources(&[CarryCapital]), &[]),
        row(
            "carry_nonfiscal",
            "2. 非财政拨款结转结余",
            1,
            sources(CARRY_NONFISCAL),
            &["cn_special", "cn_unit"],
        ),
        row("cn_special", "其中：财政专户核拨", 2, sources(&[CarrySpecial]), &[]),
        row("cn_unit", "单位资金", 2, sources(&[CarryUnit]), &[]),
    ];
    spec(
        "t1",
        "部门收支总体情况表",
        Filter::default(),
        RowScheme::Balance { left, left_total: "收入总计".into(), right_total: "支出总计".into() },
        vec![
            group(
                "收入",
                vec![
                    leaf("项目", ColumnSpec::LeftLabel),
                    leaf("预算数", ColumnSpec::LeftAmount("in".into())),
                ],
            ),
            group("支出", vec![leaf("功能分类", ColumnSpec::RightLabel), all("预算数", "out")]),
        ],
        false,
        None,
        Vec::new(),
    )
}

fn table2() -> TableSpec {
    spec(
        "t2",
        "部门收入总体情况表",
        Filter::default(),
        tree("总计"),
        vec![
            group("功能分类科目编码", codes3()),
            leaf("功能分类科目名称", ColumnSpec::Name),
            all("总计", "total"),
            group(
                "财政拨款（补助）",
                vec![
                    amount("财政拨款（补助）小计", "fiscal", sources(FISCAL)),
                    amount("一般公共预算", "general", sources(&[General])),
                    amount("上级一般公共预算安排的转移支付", "general_transfer", sources(&[GeneralTransfer])),
                    amount("政府性基金预算", "fund", sources(&[Fund])),
                    amount("上级政府性基金安排的转移支付", "fund_transfer", sources(&[FundTransfer])),
                    amount("国有资本经营预算", "capital", sources(&[Capital])),
                    amount(
                        "上级国有资本经营预算安排的转移支付",
                        "capital_transfer",
                        sources(&[CapitalTransfer]),
                    ),
                ],
            ),
            amount("财政专户（教育收费）", "special", sources(&[SpecialAccount])),
            amount("单位资金", "unit", sources(UNIT_FUNDS)),
            amount("财政拨款结转", "carry_fiscal", sources(CARRY_FISCAL)),
            amount("非财政拨款结转结余", "carry_nonfiscal", sources(CARRY_NONFISCAL)),
        ],
        true,
        None,
        vec![
            sum("total", &["fiscal", "special", "unit", "carry_fiscal", "carry_nonfiscal"]),
            sum(
                "fiscal",
                &["general", "general_transfer", "fund", "fund_transfer", "capital", "capital_transfer"],
            ),
        ],
    )
}

fn table4() -> TableSpec {
    let left = vec![
        row("fiscal", "一、财政拨款（补助）", 0, Filter::default(), &["general", "fund", "capital"]),
        row("general", "一般公共预算", 1, sources(GENERAL), &[]),
        row("fund", "政府性基金预算", 1, sources(FUND), &[]),
        row("capital", "国有资本经营预算", 1, sources(CAPITAL), &[]),
    ];
    spec(
        "t4",
        "财政拨款收支预算总体情况表",
        sources(FISCAL),
        RowScheme::Balance { left, left_total: "收入总计".into(), right_total: "支出总计".into() },
        vec![
            group(
                "财政拨款收入",
                vec![leaf("项目", ColumnSpec::LeftLabel), leaf("合计", ColumnSpec::LeftAmount("in".into()))],
            ),
            group(
                "财政拨款支出",
                vec![
                    leaf("功能分类", ColumnSpec::RightLabel),
                    all("合计", "total"),
                    amount("一般公共预算", "general", sources(GENERAL)),
                    amount("政府性基金预算", "fund", sources(FUND)),
                    amount("国有资本经营预算", "capital", sources(CAPITAL)),
                ],
            ),
        ],
        false,
        None,
        vec![sum("total", &["general", "fund", "capital"])],
    )
}

fn table6() -> TableSpec {
    spec(
        "t6",
        "一般公共预算基本支出情况表",
        Filter { sources: Some(GENERAL.to_vec()), kind: Some(Kind::Basic), ..Filter::default() },
        RowScheme::EconomicTree { total: "总计".into() },
        vec![
            group("经济分类科目编码", vec![leaf("类", ColumnSpec::Code(0)), leaf("款", ColumnSpec::Code(1))]),
            group("科目", vec![leaf("经济分类科目名称", ColumnSpec::Name)]),
            group(
                "一般公共预算基本支出",
                vec![
                    all("合计", "total"),
                    amount("人员经费", "personnel", basic(true)),
                    amount("公用经费", "public", basic(false)),
                ],
            ),
        ],
        true,
        Some("{org}{year}年没有一般公共预算基本支出，一般公共预算基本支出情况表为空表。"),
        vec![sum("total", &["personnel", "public"])],
    )
}

fn table7() -> TableSpec {
    let classes = [
        ("工资福利支出", "301"),
        ("商品和服务支出", "302"),
        ("对个人和家庭的补助", "303"),
        ("债务利息及费用支出", "307"),
        ("资本性支出（基本建设）", "309"),
        ("资本性支出", "310"),
        ("对企业补助（基本建设）", "311"),
        ("对企业补助", "312"),
        ("对社会保障基金补助", "313"),
        ("其他支出", "399"),
    ];
    let mut header = vec![
        group("科目编码", codes3()),
        leaf("功能分类科目名称", ColumnSpec::Name),
        leaf("项目名称", ColumnSpec::Project),
        all("项目支出合计", "total"),
    ];
    for (label, class) in classes {
        let filter = Filter { econ_classes: Some(vec![class.to_owned()]), ..Filter::default() };
        header.push(amount(label, &format!("e{class}"), filter));
    }
    let parts: Vec<String> = classes.iter().map(|(_, c)| format!("e{c}")).collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    spec(
        "t7",
        "一般公共预算项目支出情况表",
        Filter { sources: Some(GENERAL.to_vec()), kind: Some(Kind::Project), ..Filter::default() },
        RowScheme::UnitFunctionProject { total: "总计".into() },
        header,
        true,
        Some("{org}{year}年没有一般公共预算项目支出，一般公共预算项目支出情况表为空表。"),
        vec![sum("total", &parts)],
    )
}

fn table10() -> TableSpec {
    let three = ["30212", "30217", "31013", "30231"];
    let mut total = row("total", "合计", 0, econ(&three), &["abroad", "reception", "vehicles"]);
    total.total = true;
    spec(
        "t10",
        "财政拨款“三公”经费支出情况表",
        sources(FISCAL),
        RowScheme::Fixed(vec![
            total,
            row("abroad", "因公出国（境）费", 1, econ(&["30212"]), &[]),
            row("reception", "公务接待费", 1, econ(&["30217"]), &[]),
            row(
                "vehicles",
                "公务用车购置及运行费（小计）",
                1,
                econ(&["31013", "30231"]),
                &["purchase", "running"],
            ),
            row("purchase", "其中：公务用车购置费", 2, econ(&["31013"]), &[]),
            row("running", "公务用车运行费", 2, econ(&["30231"]), &[]),
        ]),
        vec![
            leaf("“三公”经费支出内容", ColumnSpec::Name),
            all("合计", "total"),
            group(
                "资金来源",
                vec![
                    amount("一般公共预算", "general", sources(GENERAL)),
                    amount("政府性基金", "fund", sources(FUND)),
                    amount("国有资本经营预算", "capital", sources(CAPITAL)),
                ],
            ),
        ],
        true,
        None,
        vec![sum("total", &["general", "fund", "capital"])],
    )
}

fn table11() -> TableSpec {
    let side = |prefix: &str, label: &str, src: &[Source]| {
        let f = |extra: Filter| Filter { sources: Some(src.to_vec()), ..extra };
        group(
            label,
            vec![
                amount("小计", prefix, f(Filter::default())),
                group(
                    "基本支出",
                    vec![
                        amount("人员经费", &format!("{prefix}_personnel"), f(basic(true))),
                        amount("公用经费", &format!("{prefix}_public"), f(basic(false))),
                    ],
                ),
                amount("项目支出", &format!("{prefix}_project"), f(kind(Kind::Project))),
            ],
        )
    };
    spec(
        "t11",
        "上年结转结余情况明细表",
        carryover(),
        RowScheme::UnitProject { total: "总计".into(), basic: "基本支出".into() },
        vec![
            leaf("项目", ColumnSpec::Name),
            all("合计", "total"),
            side("fiscal", "财政拨款", CARRY_FISCAL),
            side("nonfiscal", "非财政拨款", CARRY_NONFISCAL),
        ],
        true,
        Some("{org}{year}年没有上年结转结余，上年结转结余情况明细表为空表。"),
        vec![
            sum("total", &["fiscal", "nonfiscal"]),
            sum("fiscal", &["fiscal_personnel", "fiscal_public", "fiscal_project"]),
            sum("nonfiscal", &["nonfiscal_personnel", "nonfiscal_public", "nonfiscal_project"]),
        ],
    )
}

fn identities() -> Vec<Identity> {
    let t = |table: &str, col: &str| cell(table, "total", col);
    vec![
        identity("表1 收入总计 = 支出总计", vec![t("t1", "in")], vec![t("t1", "out")]),
        identity("表1 收入总计 = 表2 总计", vec![t("t1", "in")], vec![t("t2", "total")]),
        identity("表2 总计 = 表3 总计", vec![t("t2", "total")], vec![t("t3", "total")]),
        identity(
            "表1 上年结转结余 = 表2 财政拨款结转 + 非财政拨款结转结余",
            vec![cell("t1", "carry", "in")],
            vec![t("t2", "carry_fiscal"), t("t2", "carry_nonfiscal")],
        ),
        identity("表4 收入总计 = 支出总计", vec![t("t4", "in")], vec![t("t4", "total")]),
        identity("表4 财政拨款 = 表2 财政拨款（补助）小计", vec![t("t4", "in")], vec![t("t2", "fiscal")]),
        identity(
            "表5 合计 = 表2 一般公共预算（含上级转移支付）",
            vec![t("t5", "total")],
            vec![t("t2", "general"), t("t2", "general_transfer")],
        ),
        identity("表4 一般公共预算支出 = 表5 合计", vec![t("t4", "general")], vec![t("t5", "total")]),
        identity(
            "表1 一般公共预算拨款 = 表5 合计",
            vec![cell("t1", "general_all", "in")],
            vec![t("t5", "total")],
        ),
        identity("表6 合计 = 表5 基本支出", vec![t("t6", "total")], vec![t("t5", "basic")]),
        identity("表7 合计 = 表5 项目支出", vec![t("t7", "total")], vec![t("t5", "project")]),
        identity(
            "表8 合计 = 表2 政府性基金预算（含上级转移支付）",
            vec![t("t8", "total")],
            vec![t("t2", "fund"), t("t2", "fund_transfer")],
        ),
        identity(
            "表9 合计 = 表2 国有资本经营预算（含上级转移支付）",
            vec![t("t9", "total")],
            vec![t("t2", "capital"), t("t2", "capital_transfer")],
        ),
        identity(
            "表11 财政拨款 = 表1 财政拨款结转",
            vec![t("t11", "fiscal")],
            vec![cell("t1", "carry_fiscal", "in")],
        ),
        identity(
            "表11 非财政拨款 = 表1 非财政拨款结转结余",
            vec![t("t11", "nonfiscal")],
            vec![cell("t1", "carry_nonfiscal", "in")],
        ),
        identity(
            "表11 合计 = 表3 上年结转结余部分",
            vec![t("t11", "total")],
            vec![t("t2", "carry_fiscal"), t("t2", "carry_nonfiscal")],
        ),
    ]
}

fn agreements() -> Vec<Agreement> {
    let ab = |name: &str, a: (&str, &[&str]), b: (&str, &[&str])| Agreement {
        name: name.to_owned(),
        a: (a.0.to_owned(), a.1.iter().map(|c| (*c).to_owned()).collect()),
        b: (b.0.to_owned(), b.1.iter().map(|c| (*c).to_owned()).collect()),
    };
    vec![
        ab("表2 与表3 逐行一致", ("t2", &["total"]), ("t3", &["total"])),
        ab("表5 与表2 一般公共预算逐行一致", ("t5", &["total"]), ("t2", &["general", "general_transfer"])),
        ab("表8 与表2 政府性基金逐行一致", ("t8", &["total"]), ("t2", &["fund", "fund_transfer"])),
        ab("表9 与表2 国有资本经营逐行一致", ("t9", &["total"]), ("t2", &["capital", "capital_transfer"])),
    ]
}

/// The profile.
pub(super) fn profile() -> Profile {
    Profile {
        name: "xinjiang-11".to_owned(),
        tables: vec![
            table1(),
            table2(),
            by_kind("t3", "部门支出总体情况表", Filter::default(), "支出预算"),
            table4(),
            by_kind("t5", "一般公共预算支出情况表", sources(GENERAL), "一般公共预算支出"),
            table6(),
            table7(),
            fund_table("t8", "政府性基金预算支出情况表", FUND, "政府性基金预算支出", "政府性基金"),
            fund_table("t9", "国有资本经营预算支出情况表", CAPITAL, "国有资本经营预算支出", "国有资本经营"),
            table10(),
            table11(),
        ],
        identities: identities(),
        agreements: agreements(),
    }
}

//! The figures of the narrative parts, computed and formatted for the templates.
//!
//! Every amount, share and change the text prints is computed here, from the same budget
//! lines as the tables, and formatted before it reaches a template: templates arrange
//! words, they never do arithmetic. Shares and changes use the figures *as printed* (万元,
//! two decimals): the text must agree with the tables a reader can see, which is also how
//! the published documents compute them (下降 23.66%, not 23.67%).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::document::chinese_number;
use crate::facts::{CompareKey, Fact, Facts, INCOME_GROUPS, LastFigure, OrgKind, THREE_PUBLIC};
use crate::money::{fmt2, round2};
use crate::source::{Kind, Source};

/// A change on last year's budget, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// 增加 or 减少.
    pub verb: &'static str,
    /// The absolute change, `123.53`.
    pub amount: String,
    /// 增长 or 下降.
    pub trend: &'static str,
    /// The percentage without the sign, `23.66`.
    pub pct: String,
    /// Last year's figure as printed.
    pub last: String,
}

/// Computes a change from the printed figures. Conventions of the published documents:
/// no change is 增加 0.00，增长 0.00%; last year zero is 增长 100.00%; this year zero is
/// 下降 100.00%.
pub fn change(this: Decimal, last: Decimal) -> Change {
    let (this, last) = (round2(this), round2(last));
    let diff = this - last;
    let down = diff.is_sign_negative() && !diff.is_zero();
    let pct = if last.is_zero() {
        if this.is_zero() { Decimal::ZERO } else { Decimal::from(100) }
    } else {
        diff.abs() * Decimal::from(100) / last
    };
    Change {
        verb: if down { "减少" } else { "增加" },
        amount: fmt2(diff.abs()),
        trend: if down { "下降" } else { "增长" },
        pct: fmt2(pct),
        last: fmt2(last),
    }
}

/// `part / whole` of the printed figures, as a percentage string (`56.88`).
pub fn share(part: Decimal, whole: Decimal) -> String {
    let (part, whole) = (round2(part), round2(whole));
    if whole.is_zero() { fmt2(Decimal::ZERO) } else { fmt2(part * Decimal::from(100) / whole) }
}

/// A compared figure: amount, share and change with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Compared {
    /// The label as printed.
    pub label: String,
    /// This year, printed.
    pub amount: String,
    /// Whether anything is arranged this year or was last year.
    pub arranged: bool,
    /// Share of the section total.
    pub share: String,
    /// The change on last year, when last year's figure is known.
    pub change: Option<Change>,
    /// 主要原因.
    pub reason: String,
}

impl Compared {
    fn new(label: &str, this: Decimal, whole: Decimal, last: Option<&LastFigure>) -> Self {
        Compared {
            label: label.to_owned(),
            amount: fmt2(this),
            arranged: !round2(this).is_zero() || last.is_some_and(|l| !round2(l.amount).is_zero()),
            share: share(this, whole),
            change: last.map(|l| change(this, l.amount)),
            reason: last.and_then(|l| l.reason.clone()).unwrap_or_default(),
        }
    }
}

/// A name with an amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    /// Ordinal, from 1.
    pub n: usize,
    /// The name.
    pub name: String,
    /// The amount, printed.
    pub amount: String,
    /// Share of the section total, printed.
    pub share: String,
    /// What the money is mainly for: `A 1.00万元和B 2.00万元`.
    pub uses: String,
}

/// One 项 of 一般公共预算当年拨款具体使用情况.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemUse {
    /// Ordinal, from 1.
    pub n: usize,
    /// 类, 款 and 项 names.
    pub class: String,
    /// 款 name.
    pub section: String,
    /// 项 name.
    pub item: String,
    /// This year, printed.
    pub amount: String,
    /// The change.
    pub change: Change,
    /// 主要原因.
    pub reason: String,
}

/// A project described in 第三部分 七.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectUse {
    /// （一）, （二）…: the Chinese ordinal.
    pub ordinal: String,
    /// 项目名称.
    pub name: String,
    /// 设立的政策依据.
    pub basis: String,
    /// 预算安排规模, printed.
    pub amount: String,
    /// 项目承担单位.
    pub unit: String,
    /// 资金分配情况.
    pub allocation: String,
    /// 资金执行时间.
    pub period: String,
}

/// A carried-over project (第三部分 十一).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarryUse {
    /// Ordinal, from 1.
    pub n: usize,
    /// 项目名称.
    pub project: String,
    /// Amount, printed.
    pub amount: String,
    /// 主要用于……
    pub purpose: String,
}

/// Spending of one fund type by 类 (第三部分 四, 八, 九).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundUse {
    /// Whether there is any.
    pub any: bool,
    /// Total, printed.
    pub total: String,
    /// By 类, with the 项 they are mainly for.
    pub classes: Vec<Named>,
}

/// 国有资产 as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssetText {
    /// 截至 year.
    pub as_of: u16,
    /// 房屋面积, 平方米.
    pub building_area: String,
    /// 房屋价值.
    pub building_value: String,
    /// 车辆总数.
    pub vehicles: u32,
    /// 车辆总价值.
    pub vehicles_value: String,
    /// 一般公务用车, 执法执勤用车, 其他车辆.
    pub fleets: Vec<Fleet>,
    /// 办公家具价值.
    pub furniture_value: String,
    /// 其他资产价值.
    pub other_value: String,
    /// 50 万元以上大型设备.
    pub equipment_over_50: u32,
    /// 100 万元以上大型设备.
    pub equipment_over_100: u32,
    /// 本年安排购置车辆数.
    pub planned_vehicles: u32,
    /// 本年安排购置车辆经费.
    pub planned_vehicle_amount: String,
    /// 本年安排购置 50 万元以上设备.
    pub planned_over_50: u32,
    /// 本年安排购置 100 万元以上设备.
    pub planned_over_100: u32,
}

/// Everything the narrative parts print, formatted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Narrative {
    /// 部门全称.
    pub org: String,
    /// 预算年度.
    pub year: u16,
    /// 上一年度.
    pub prev_year: u16,
    /// 公开日期, printed.
    pub date: String,
    /// 主要职能.
    pub functions: String,
    /// 下属预算单位.
    pub units: Vec<String>,
    /// 下属预算单位, joined by 、.
    pub units_text: String,
    /// 下属预算单位个数.
    pub units_count: usize,
    /// 内设科室.
    pub offices: Vec<String>,
    /// 内设科室, joined by 、.
    pub offices_text: String,
    /// 内设科室个数.
    pub offices_count: usize,
    /// 人员: establishment, actual, and (count, change) for 在职, 退休, 离休.
    pub staff: Staff,
    /// The profile's tables.
    pub tables: Vec<TableRef>,
    /// 收支总预算.
    pub total: String,
    /// 收入预算包括：…
    pub income_kinds: String,
    /// 支出预算包括：…
    pub expenditure_classes: String,
    /// 收入 by source group.
    pub income: Vec<Compared>,
    /// 基本支出, 项目支出 of all funds.
    pub expenditure: Vec<Compared>,
    /// 财政拨款收支总预算.
    pub fiscal_total: String,
    /// 财政拨款收入 by fund type, those arranged.
    pub fiscal_parts: Vec<Named>,
    /// Fund types with no money, joined by 和: `政府性基金预算拨款和国有资本经营预算拨款`.
    pub fiscal_missing: String,
    /// Fund types with money, joined by 和.
    pub fiscal_present: String,
    /// Whether exactly one fund type has money.
    pub fiscal_single: bool,
    /// 一般公共预算 spending by 类.
    pub general_use: FundUse,
    /// 政府性基金 spending by 类.
    pub fund_use: FundUse,
    /// 国有资本经营 spending by 类.
    pub capital_use: FundUse,
    /// 一般公共预算当年拨款 total.
    pub general_total: String,
    /// 基本支出, 项目支出 of 一般公共预算.
    pub general_kinds: Vec<Compared>,
    /// 一般公共预算当年拨款结构 by 类.
    pub general_classes: Vec<Named>,
    /// 一般公共预算当年拨款具体使用情况 by 项.
    pub general_items: Vec<ItemUse>,
    /// 一般公共预算基本支出.
    pub basic_total: String,
    /// 人员经费.
    pub personnel: String,
    /// 人员经费 items, joined by 、.
    pub personnel_items: String,
    /// 公用经费.
    pub public: String,
    /// 公用经费 items.
    pub public_items: String,
    /// 一般公共预算项目.
    pub projects: Vec<ProjectUse>,
    /// “三公” total.
    pub three_public_total: String,
    /// “三公” total's change.
    pub three_public_change: Change,
    /// “三公” items.
    pub three_public: Vec<Compared>,
    /// 上年结转结余.
    pub carryover: CarryTotals,
    /// 结转项目.
    pub carryover_items: Vec<CarryUse>,
    /// 机关运行经费 or 事业单位运行经费.
    pub running: Compared,
    /// 政府采购.
    pub procurement: Procurement,
    /// 国有资产.
    pub assets: AssetText,
    /// 预算绩效: overall targets, their amount, projects, fiscal and other project money.
    pub performance: Performance,
    /// 其他需说明的事项.
    pub other_matters: Option<String>,
}

/// 人员情况.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff {
    /// 编制数.
    pub establishment: u32,
    /// 实有人数 (在职 + 退休 + 离休).
    pub actual: u32,
    /// 在职, 退休, 离休.
    pub groups: Vec<StaffGroup>,
}

/// One group of staff and its change on last year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffGroup {
    /// 在职, 退休 or 离休.
    pub label: String,
    /// 人数.
    pub count: u32,
    /// 增加 or 减少.
    pub verb: &'static str,
    /// The absolute change.
    pub change: u32,
}

/// A table of the profile, for part 2's headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableRef {
    /// Chinese ordinal, `十一`.
    pub ordinal: String,
    /// Title.
    pub title: String,
    /// Table id.
    pub id: String,
}

/// A group of vehicles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fleet {
    /// 一般公务用车, ….
    pub name: String,
    /// 辆数.
    pub count: u32,
    /// 价值, printed.
    pub value: String,
}

/// 上年结转结余 totals, printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarryTotals {
    /// Whether there is any.
    pub any: bool,
    /// 合计.
    pub total: String,
    /// 财政拨款.
    pub fiscal: String,
    /// 非财政拨款.
    pub nonfiscal: String,
}

/// 政府采购, printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Procurement {
    /// Whether any procurement is planned.
    pub any: bool,
    /// 合计 (货物 + 工程 + 服务).
    pub total: String,
    /// 货物.
    pub goods: String,
    /// 工程.
    pub works: String,
    /// 服务.
    pub services: String,
    /// 面向中小企业预留.
    pub sme: String,
    /// 小微企业预留.
    pub small_micro: String,
}

/// 预算绩效情况 figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Performance {
    /// 整体预算绩效目标个数.
    pub overall: usize,
    /// 涉及预算金额.
    pub overall_amount: String,
    /// 当年预算安排项目个数.
    pub projects: usize,
    /// 财政拨款项目涉及预算金额.
    pub fiscal_projects: String,
    /// 非财政拨款项目涉及预算金额.
    pub other_projects: String,
}

fn sum<'a>(lines: impl IntoIterator<Item = &'a Fact>) -> Decimal {
    lines.into_iter().map(|f| f.amount).sum()
}

/// Groups by a key in key order.
fn by<'a, K: Ord>(
    lines: impl IntoIterator<Item = &'a Fact>,
    key: impl Fn(&Fact) -> K,
) -> BTreeMap<K, Vec<&'a Fact>> {
    let mut m: BTreeMap<K, Vec<&Fact>> = BTreeMap::new();
    for f in lines {
        m.entry(key(f)).or_default().push(f);
    }
    m
}

/// Joins `A 1.00万元`, … as the example does: `A和B` for two, `A，B，C` for more.
fn join_uses(items: &[(String, Decimal)]) -> String {
    let parts: Vec<String> = items.iter().map(|(n, a)| format!("{n}{}万元", fmt2(*a))).collect();
    match parts.len() {
        2 => parts.join("和"),
        _ => parts.join("，"),
    }
}

fn fund_use(facts: &Facts, pred: impl Fn(Source) -> bool) -> FundUse {
    let lines: Vec<&Fact> = facts.lines.iter().filter(|f| pred(f.source)).collect();
    let total = sum(lines.iter().copied());
    let classes = by(lines.iter().copied(), |f| f.func_class().to_owned())
        .into_iter()
        .enumerate()
        .map(|(i, (class, in_class))| {
            let amount = sum(in_class.iter().copied());
            let items: Vec<(String, Decimal)> = by(in_class.iter().copied(), |f| f.func.clone())
                .into_iter()
                .map(|(item, l)| (facts.func_name(&item).to_owned(), sum(l)))
                .collect();
            Named {
                n: i + 1,
                name: facts.func_name(&class).to_owned(),
                amount: fmt2(amount),
                share: share(amount, total),
                uses: join_uses(&items),
            }
        })
        .collect();
    FundUse { any: !lines.is_empty(), total: fmt2(total), classes }
}

/// Computes the narrative figures of a department.
pub fn narrative(facts: &Facts, tables: &[crate::table::Table]) -> Narrative {
    let d = &facts.dept;
    let last = |k: &CompareKey| facts.last_year.get(k);
    let total = sum(&facts.lines);

    // 收入 by source group; the six fiscal groups say 未安排 when empty, the others are
    // printed only when there is money this year or last.
    let income: Vec<Compared> = INCOME_GROUPS
        .iter()
        .map(|(key, label, pred)| {
            let this = facts.total(|f| pred(f.source));
            Compared::new(label, this, total, last(&CompareKey::Income(key)))
        })
        .enumerate()
        .filter(|(i, c)| *i < 6 || c.arranged)
        .map(|(_, c)| c)
        .collect();
    let kind_labels = [
        ("一般公共预算", Source::is_general as fn(Source) -> bool),
        ("政府性基金预算", Source::is_fund),
        ("国有资本经营预算", Source::is_capital),
        ("财政专户管理资金", |s| s == Source::SpecialAccount),
        ("单位资金", Source::is_unit_funds),
        ("财政拨款结转结余", Source::is_fiscal_carryover),
        ("非财政拨款结转结余", Source::is_nonfiscal_carryover),
    ];
    let income_kinds: Vec<&str> = kind_labels
        .iter()
        .filter(|(_, p)| !facts.total(|f| p(f.source)).is_zero())
        .map(|(l, _)| *l)
        .collect();
    let classes: Vec<String> = by(&facts.lines, |f| f.func_class().to_owned())
        .keys()
        .map(|c| facts.func_name(c).to_owned())
        .collect();

    let expenditure = [(Kind::Basic, "基本支出"), (Kind::Project, "项目支出")]
        .iter()
        .map(|(k, label)| {
            Compared::new(label, facts.total(|f| f.kind == *k), total, last(&CompareKey::Expenditure(*k)))
        })
        .collect();

    let fiscal_total = facts.total(|f| f.source.is_fiscal());
    let fiscal_types = [
        ("一般公共预算拨款", Source::is_general as fn(Source) -> bool),
        ("政府性基金预算拨款", Source::is_fund),
        ("国有资本经营预算拨款", Source::is_capital),
    ];
    let mut fiscal_parts = Vec::new();
    let mut missing = Vec::new();
    for (label, pred) in fiscal_types {
        let amount = facts.total(|f| pred(f.source));
        if amount.is_zero() {
            missing.push(label);
        } else {
            fiscal_parts.push(Named {
                n: fiscal_parts.len() + 1,
                name: label.to_owned(),
                amount: fmt2(amount),
                share: share(amount, fiscal_total),
                uses: String::new(),
            });
        }
    }

    let fiscal_present = fiscal_parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("和");
    let fiscal_single = fiscal_parts.len() == 1;
    let general: Vec<&Fact> = facts.lines.iter().filter(|f| f.source.is_general()).collect();
    let general_total = sum(general.iter().copied());
    let general_kinds = [(Kind::Basic, "基本支出"), (Kind::Project, "项目支出")]
        .iter()
        .map(|(k, label)| {
            let this = sum(general.iter().copied().filter(|f| f.kind == *k));
            Compared::new(label, this, general_total, last(&CompareKey::General(*k)))
        })
        .collect();
    let general_use = fund_use(facts, Source::is_general);
    let general_classes = general_use.classes.clone();
    let mut item_codes: Vec<String> = general.iter().map(|f| f.func.clone()).collect();
    item_codes.extend(facts.last_year.keys().filter_map(|k| match k {
        CompareKey::Item(code) => Some(code.clone()),
        _ => None,
    }));
    item_codes.sort();
    item_codes.dedup();
    let general_by_item = by(general.iter().copied(), |f| f.func.clone());
    let general_items = item_codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let this = general_by_item.get(code).map_or(Decimal::ZERO, |l| sum(l.iter().copied()));
            let l = last(&CompareKey::Item(code.clone()));
            ItemUse {
                n: i + 1,
                class: facts.func_name(&code[..3]).to_owned(),
                section: facts.func_name(&code[..5]).to_owned(),
                item: facts.func_name(code).to_owned(),
                amount: fmt2(this),
                change: change(this, l.map_or(Decimal::ZERO, |l| l.amount)),
                reason: l.and_then(|l| l.reason.clone()).unwrap_or_default(),
            }
        })
        .collect();

    let basic: Vec<&Fact> = general.iter().copied().filter(|f| f.kind == Kind::Basic).collect();
    let names_of = |personnel: bool| -> (Decimal, String) {
        let lines: Vec<&Fact> = basic.iter().copied().filter(|f| f.personnel == personnel).collect();
        let names: Vec<&str> =
            by(lines.iter().copied(), |f| f.econ.clone()).keys().map(|c| facts.econ_name(c)).collect();
        (sum(lines), names.join("、"))
    };
    let (personnel, personnel_items) = names_of(true);
    let (public, public_items) = names_of(false);

    let project_index: BTreeMap<&str, usize> =
        facts.projects.iter().enumerate().map(|(i, p)| (p.name.as_str(), i)).collect();
    let general_by_project = by(general.iter().copied().filter(|f| f.project.is_some()), |f| f.project);
    let projects = facts
        .project_texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let p = project_index.get(t.name.trim()).copied();
            let lines: Vec<&Fact> = general_by_project.get(&p).cloned().unwrap_or_default();
            let units: Vec<String> =
                by(lines.iter().copied(), |f| f.unit).keys().map(|u| facts.units[*u].clone()).collect();
            ProjectUse {
                ordinal: format!("（{}）", chinese_number(i + 1)),
                name: t.name.trim().to_owned(),
                basis: t.basis.trim().to_owned(),
                amount: fmt2(sum(lines)),
                unit: units.join("、"),
                allocation: t.allocation.trim().to_owned(),
                period: t.period.trim().to_owned(),
            }
        })
        .collect();

    let tp_total = facts.total(|f| {
        f.source.is_fiscal() && THREE_PUBLIC.iter().any(|(_, _, codes)| codes.contains(&f.econ.as_str()))
    });
    let mut tp_last = Decimal::ZERO;
    let three_public = THREE_PUBLIC
        .iter()
        .map(|(key, label, codes)| {
            let this = facts.total(|f| f.source.is_fiscal() && codes.contains(&f.econ.as_str()));
            let l = last(&CompareKey::ThreePublic(key));
            tp_last += l.map_or(Decimal::ZERO, |l| l.amount);
            Compared::new(label, this, tp_total, l)
        })
        .collect();

    let carry_lines: Vec<&Fact> = facts.lines.iter().filter(|f| f.source.is_carryover()).collect();
    let carry_by_project = by(carry_lines.iter().copied().filter(|f| f.project.is_some()), |f| f.project);
    let carryover_items = facts
        .carryover_texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let p = project_index.get(t.project.trim()).copied();
            let amount = carry_by_project.get(&p).map_or(Decimal::ZERO, |l| sum(l.iter().copied()));
            CarryUse {
                n: i + 1,
                project: t.project.trim().to_owned(),
                amount: fmt2(amount),
                purpose: t.purpose.trim().to_owned(),
            }
        })
        .collect();

    let running_label = match d.kind {
        OrgKind::Institution => "事业单位运行经费",
        OrgKind::Administrative | OrgKind::CivilServiceInstitution => "机关运行经费",
    };
    let running = Compared::new(running_label, public, public, last(&CompareKey::RunningCosts));

    let p = &facts.procurement;
    let procurement_total = p[0] + p[1] + p[2];
    let a = &facts.assets;
    let fleet_names = ["一般公务用车", "执法执勤用车", "其他车辆"];
    let assets = AssetText {
        as_of: d.year.saturating_sub(1),
        building_area: fmt2(a.building_area),
        building_value: fmt2(a.building_value),
        vehicles: a.vehicles.iter().map(|v| v.0).sum(),
        vehicles_value: fmt2(a.vehicles.iter().map(|v| v.1).sum()),
        fleets: a
            .vehicles
            .iter()
            .zip(fleet_names)
            .map(|((count, value), name)| Fleet { name: name.to_owned(), count: *count, value: fmt2(*value) })
            .collect(),
        furniture_value: fmt2(a.furniture_value),
        other_value: fmt2(a.other_value),
        equipment_over_50: a.equipment[0],
        equipment_over_100: a.equipment[1],
        planned_vehicles: a.planned[0],
        planned_vehicle_amount: fmt2(facts.total(|f| f.econ == "31013")),
        planned_over_50: a.planned[1],
        planned_over_100: a.planned[2],
    };

    let current_projects: Vec<&Fact> =
        facts.lines.iter().filter(|f| f.kind == Kind::Project && !f.source.is_carryover()).collect();
    let project_count = by(current_projects.iter().copied(), |f| f.project).len();
    let performance = Performance {
        overall: usize::from(facts.performance.overall.is_some()),
        overall_amount: fmt2(fiscal_total),
        projects: project_count,
        fiscal_projects: fmt2(sum(current_projects.iter().copied().filter(|f| f.source.is_fiscal()))),
        other_projects: fmt2(sum(current_projects.iter().copied().filter(|f| !f.source.is_fiscal()))),
    };

    let s = &d.staffing;
    let group = |label: &str, h: &crate::input::Headcount| StaffGroup {
        label: label.to_owned(),
        count: h.count,
        verb: if h.change < 0 { "减少" } else { "增加" },
        change: h.change.unsigned_abs(),
    };

    Narrative {
        org: d.name.clone(),
        year: d.year,
        prev_year: d.year.saturating_sub(1),
        date: d.published.chinese(),
        functions: d.functions.clone(),
        units: facts.units.iter().skip(1).cloned().collect(),
        units_text: facts.units[1..].join("、"),
        units_count: facts.units.len() - 1,
        offices: d.offices.clone(),
        offices_text: d.offices.join("、"),
        offices_count: d.offices.len(),
        staff: Staff {
            establishment: s.establishment,
            actual: s.in_service.count + s.retired.count + s.veteran.count,
            groups: vec![group("在职", &s.in_service), group("退休", &s.retired), group("离休", &s.veteran)],
        },
        tables: tables
            .iter()
            .enumerate()
            .map(|(i, t)| TableRef {
                ordinal: chinese_number(i + 1),
                title: t.title.clone(),
                id: t.id.clone(),
            })
            .collect(),
        total: fmt2(total),
        income_kinds: income_kinds.join("、"),
        expenditure_classes: classes.join("、"),
        income,
        expenditure,
        fiscal_total: fmt2(fiscal_total),
        fiscal_parts,
        fiscal_missing: missing.join("和"),
        fiscal_present,
        fiscal_single,
        general_use,
        fund_use: fund_use(facts, Source::is_fund),
        capital_use: fund_use(facts, Source::is_capital),
        general_total: fmt2(general_total),
        general_kinds,
        general_classes,
        general_items,
        basic_total: fmt2(personnel + public),
        personnel: fmt2(personnel),
        personnel_items,
        public: fmt2(public),
        public_items,
        projects,
        three_public_total: fmt2(tp_total),
        three_public_change: change(tp_total, tp_last),
        three_public,
        carryover: CarryTotals {
            any: !carry_lines.is_empty(),
            total: fmt2(sum(carry_lines.iter().copied())),
            fiscal: fmt2(sum(carry_lines.iter().copied().filter(|f| f.source.is_fiscal_carryover()))),
            nonfiscal: fmt2(sum(carry_lines.iter().copied().filter(|f| f.source.is_nonfiscal_carryover()))),
        },
        carryover_items,
        running,
        procurement: Procurement {
            any: !procurement_total.is_zero(),
            total: fmt2(procurement_total),
            goods: fmt2(p[0]),
            works: fmt2(p[1]),
            services: fmt2(p[2]),
            sme: fmt2(p[3]),
            small_micro: fmt2(p[4]),
        },
        assets,
        performance,
        other_matters: facts.other_matters.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(this: &str, last: &str, expect: &str) {
        let c = change(this.parse().unwrap(), last.parse().unwrap());
        assert_eq!(format!("{}{} {}{}%", c.verb, c.amount, c.trend, c.pct), expect, "{this} vs {last}");
    }

    #[test]
    fn changes_follow_the_published_conventions() {
        check("398.468", "522", "减少123.53 下降23.66%");
        check("250.386", "11.91", "增加238.48 增长2,002.35%");
        check("8.5", "0", "增加8.50 增长100.00%");
        check("0", "0.11", "减少0.11 下降100.00%");
        check("4.6", "4.6", "增加0.00 增长0.00%");
        check("0", "0", "增加0.00 增长0.00%");
        check("53.075", "198", "减少144.92 下降73.19%");
    }

    #[test]
    fn shares_use_printed_figures() {
        assert_eq!(share("398.468".parse().unwrap(), "700.558".parse().unwrap()), "56.88");
        assert_eq!(share(Decimal::ONE, Decimal::ZERO), "0.00");
    }
}

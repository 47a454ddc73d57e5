//! From input to facts: every check on the input, and the fact table the tables pivot.
//!
//! [`validate`] never stops at the first problem: it walks the whole input, records each
//! finding as a [`Diagnostic`] with the input path it is about, and returns the facts
//! whenever the input is usable at all. Amounts leave this module as exact 万元.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalogue::{self, Classification};
use crate::diag::{Diagnostic, Path, Trail};
use crate::input::{self, Budget, Compared, Scalar};
use crate::money::MoneyUnit;
use crate::number;
use crate::profile::{Dim, TextList};
use crate::rules::Rule;
use crate::source::{Kind, Source};

/// A checked budget line. Amount in exact 万元.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// Index into [`Facts::units`]; 0 is the department itself.
    pub unit: usize,
    /// 支出功能分类 项 code, 7 digits.
    pub func: String,
    /// 部门支出经济分类 code: 5 digits (款), or 7 (项 under the 款) where the region
    /// prints them.
    pub econ: String,
    /// 政府预算支出经济分类 款 code, 5 digits: the line's own `gov_econ`, else the
    /// catalogue's correspondence for the unit's kind; empty when neither gives one.
    pub gov_econ: String,
    /// 基本 or 项目.
    pub kind: Kind,
    /// Index into [`Facts::projects`] for 项目 lines.
    pub project: Option<usize>,
    /// Fund source.
    pub source: Source,
    /// Exact amount in 万元.
    pub amount: Decimal,
    /// Position of the line in the input, for diagnostics.
    pub line: usize,
    /// 人员经费 (true) or 公用经费: the line's own statement, else the profile's rule by
    /// economic 类.
    pub personnel: bool,
    /// The 政府采购 category the line's amount is procured under, if any.
    pub procurement: Option<Procured>,
    /// The shares of the procured amount reserved for 中小企业 and, within that, for
    /// 小型、微型企业 (zero where the line states none), in 万元.
    pub reserved: [Decimal; 2],
    /// The 采购品目名称 and 采购组织形式 of a procured line, where the input names them
    /// (empty otherwise).
    pub purchase: Purchase,
    /// The 政府购买服务指导性目录 entry the line's amount buys, if any: 一级 and 二级
    /// (`code-name`) and 三级 (a name).
    pub service: Option<[String; 3]>,
    /// The kind of the line's unit (行政单位 …), for rules such as 机关运行经费.
    pub unit_kind: OrgKind,
    /// Whether the line is 基本建设 spending.
    pub capital_construction: bool,
    /// Whether the line is one of last year's figures (for comparison columns), not this
    /// year's budget.
    pub last_year: bool,
}

impl Facts {
    /// The text of the project `name` for a row of lines in `units`: the text written for
    /// the row's one unit, else the text for every project of that name.
    pub fn project_text(&self, name: &str, units: &BTreeSet<usize>) -> Option<&input::ProjectText> {
        let named =
            || self.project_texts.iter().zip(&self.project_text_units).filter(|(t, _)| t.name.trim() == name);
        let own = match units.iter().collect::<Vec<_>>()[..] {
            [u] => named().find(|(_, unit)| **unit == Some(*u)),
            _ => None,
        };
        own.or_else(|| named().find(|(_, unit)| unit.is_none())).map(|(t, _)| t)
    }

    /// Whether a line belongs to the programme (一级项目) `name`: its project has that name,
    /// or the parent path of its project's text (`通用项目/大型活动`) has it as a step.
    pub fn in_programme(&self, f: &Fact, name: &str) -> bool {
        let Some(project) = f.project.and_then(|p| self.projects.get(p)) else { return false };
        project.name == name
            || self
                .project_text(&project.name, &BTreeSet::from([f.unit]))
                .is_some_and(|t| t.parent.split('/').any(|step| step.trim() == name))
    }
}

impl Fact {
    /// 类 of the function code.
    pub fn func_class(&self) -> &str {
        &self.func[..3]
    }

    /// 款 of the function code.
    pub fn func_section(&self) -> &str {
        &self.func[..5]
    }

    /// 类 of the economic code.
    pub fn econ_class(&self) -> &str {
        &self.econ[..3]
    }

    /// 款 of the economic code (the code itself unless it names a 项 under the 款).
    pub fn econ_item(&self) -> &str {
        &self.econ[..5]
    }

    /// The line's code in the classification of `dim`, cut to the dimension's level;
    /// `None` for units and projects, and for a 政府经济分类 the line does not have.
    pub fn code(&self, dim: Dim) -> Option<&str> {
        let full = match dim.classification()? {
            Classification::Function => &self.func,
            Classification::Economic => &self.econ,
            Classification::Government => &self.gov_econ,
        };
        if dim == Dim::Econ {
            return Some(full);
        }
        full.get(..dim.code_len()?)
    }
}

/// A 政府采购 category (品目大类) a line's amount is procured under: 货物 (A), 工程 (B),
/// 服务 (C), the top level of the 政府采购品目分类目录.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Procured {
    /// 货物.
    Goods,
    /// 工程.
    Works,
    /// 服务.
    Services,
}

/// What a procured line buys and how (政府采购支出表's 采购品目名称 and 采购组织形式).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Purchase {
    /// 采购品目名称.
    pub item: String,
    /// 采购组织形式.
    pub form: String,
}

impl Procured {
    /// Every category, in the catalogue's order.
    pub const ALL: [Procured; 3] = [Procured::Goods, Procured::Works, Procured::Services];

    /// The category a line names (货物, 工程, 服务).
    pub fn parse(text: &str) -> Option<Procured> {
        Self::ALL.into_iter().find(|p| p.label() == text.trim())
    }

    /// The category of a 品目 code (A, B, C).
    pub fn of_code(code: &str) -> Option<Procured> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The printed name.
    pub fn label(self) -> &'static str {
        match self {
            Procured::Goods => "货物",
            Procured::Works => "工程",
            Procured::Services => "服务",
        }
    }

    /// The 品目 code of the category.
    pub fn code(self) -> &'static str {
        match self {
            Procured::Goods => "A",
            Procured::Works => "B",
            Procured::Services => "C",
        }
    }
}

/// A project: a name that 项目 lines share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectFact {
    /// 项目名称.
    pub name: String,
    /// The unit of its first line.
    pub unit: usize,
}

/// A date as printed (`2025年2月14日`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let year: u16 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        (day <= days[usize::from(month - 1)]).then_some(Date { year, month, day })
    }

    /// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian), after
    /// Howard Hinnant's `civil_from_days`.
    pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        (yoe + era * 400 + i64::from(month <= 2), month, day)
    }

    /// Seconds since 1970-01-01T00:00:00Z at midnight of this date, for file metadata.
    pub fn unix_seconds(self) -> i64 {
        // Days from civil, after Howard Hinnant's algorithm.
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }
}

/// Department data after checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dept {
    /// 部门全称.
    pub name: String,
    /// 预算年度.
    pub year: u16,
    /// 公开日期.
    pub published: Date,
    /// 单位性质.
    pub kind: OrgKind,
    /// 主要职能.
    pub functions: String,
    /// 内设科室.
    pub offices: Vec<String>,
    /// 人员情况.
    pub staffing: input::Staffing,
    /// 部门代码 (empty when the input gives none).
    pub code: String,
}

/// 单位性质, which decides the 运行经费 wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub enum OrgKind {
    /// 行政单位.
    Administrative,
    /// 参照公务员法管理的事业单位.
    CivilServiceInstitution,
    /// 事业单位.
    Institution,
}

impl OrgKind {
    /// Reads 行政单位, 参公事业单位 (or 参照公务员法管理事业单位) or 事业单位.
    pub fn parse(text: &str) -> Option<OrgKind> {
        match text.trim() {
            "行政单位" => Some(OrgKind::Administrative),
            "参公事业单位" | "参照公务员法管理事业单位" => {
                Some(OrgKind::CivilServiceInstitution)
            }
            "事业单位" => Some(OrgKind::Institution),
            _ => None,
        }
    }
}

/// A last-year entry of the input: its figure (万元) and reason, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastFigure {
    /// 上年预算数, exact 万元; `None` when only a reason is given (last year's input
    /// supplies the figure).
    pub amount: Option<Decimal>,
    /// 主要原因, without a closing 。.
    pub reason: Option<String>,
    /// Where the entry is in the input.
    pub path: Path,
}

/// Everything checked, ready to derive tables and text from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facts {
    /// The department.
    pub dept: Dept,
    /// Unit names; index 0 is the department itself, then subordinate units in input order.
    pub units: Vec<String>,
    /// Each unit's 单位性质, by the same index.
    pub unit_kinds: Vec<OrgKind>,
    /// Each unit's 单位代码 (empty when the input gives none), by the same index.
    pub unit_codes: Vec<String>,
    /// The budget lines.
    pub lines: Vec<Fact>,
    /// Last year's lines (marked [`Fact::last_year`]), for tables that compare; empty
    /// unless last year's input is given.
    pub last_lines: Vec<Fact>,
    /// Projects in the order their first line appears.
    pub projects: Vec<ProjectFact>,
    /// Resolved names of every function code used (类, 款, 项).
    pub func_names: BTreeMap<String, String>,
    /// Resolved names of every economic code used (类, 款).
    pub econ_names: BTreeMap<String, String>,
    /// Names the input gives 政府经济分类 codes (`code_names`), where its region prints
    /// them otherwise than the catalogue (50601 资本性支出 for 资本性支出（一）).
    pub gov_names: BTreeMap<String, String>,
    /// Last year's entries by comparison key (`income.general`, `items.2011301`).
    pub last_year: BTreeMap<String, LastFigure>,
    /// Whether [`Facts::last_lines`] come from last year's input, so that every compared
    /// figure's last-year amount is derived from them.
    pub last_from_input: bool,
    /// 项目说明.
    pub project_texts: Vec<input::ProjectText>,
    /// The unit each project text is for (`projects[].unit`), by the same index; `None`
    /// for a text of every project of its name (or a unit the input does not list).
    pub project_text_units: Vec<Option<usize>>,
    /// 结转项目用途.
    pub carryover_texts: Vec<input::CarryoverText>,
    /// 政府采购, 万元: goods, works, services, SME reserve, small/micro reserve.
    pub procurement: [Decimal; 5],
    /// 国有资产, values in 万元.
    pub assets: AssetFacts,
    /// Performance targets as written.
    pub performance: input::Performance,
    /// 部门整体绩效目标表 funding as the input states it, in 万元 (上级安排, 本级安排,
    /// 其他资金), when it states any: the form prints the amounts of the lines, and W414
    /// compares a stated total with them.
    pub stated_funds: Option<[Decimal; 3]>,
    /// The amounts of each programme target (`performance.programmes`), by the same index.
    pub programmes: Vec<ProgrammeAmounts>,
    /// 其他需说明的事项.
    pub other_matters: Option<String>,
}

/// The amounts a programme's form states, in 万元: facts from outside the lines (the
/// programme's budget at this level of government and its transfers to the level below).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ProgrammeAmounts {
    /// 本级支出 as stated; `None`: the department's lines of the programme.
    pub own: Option<Decimal>,
    /// 补助下级.
    pub transfers: Decimal,
}

/// 国有资产 with values in 万元.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssetFacts {
    /// 房屋面积（平方米）.
    pub building_area: Decimal,
    /// 房屋价值.
    pub building_value: Decimal,
    /// 一般公务用车, 执法执勤用车, 其他车辆: (count, value).
    pub vehicles: [(u32, Decimal); 3],
    /// 办公家具价值.
    pub furniture_value: Decimal,
    /// 其他资产价值.
    pub other_value: Decimal,
    /// 50 万元以上 and 100 万元以上大型设备台数.
    pub equipment: [u32; 2],
    /// 本年安排购置：车辆数, 50 万元以上设备, 100 万元以上设备.
    pub planned: [u32; 3],
}

impl Facts {
    /// Sum of the lines that satisfy `pred`, exact 万元.
    pub fn total(&self, pred: impl Fn(&Fact) -> bool) -> Decimal {
        self.lines.iter().filter(|f| pred(f)).map(|f| f.amount).sum()
    }

    /// Name of a function code (类, 款 or 项) used by the lines.
    pub fn func_name(&self, code: &str) -> &str {
        self.func_names.get(code).map_or("", String::as_str)
    }

    /// Name of an economic code (类 or 款) used by the lines.
    pub fn econ_name(&self, code: &str) -> &str {
        self.econ_names.get(code).map_or("", String::as_str)
    }

    /// The name the input gives a 政府经济分类 code, if any ("" when the catalogue's holds).
    pub fn gov_name(&self, code: &str) -> &str {
        self.gov_names.get(code).map_or("", String::as_str)
    }

    /// The department's name, for headers and sentences.
    pub fn org(&self) -> &str {
        &self.dept.name
    }

    /// Takes last year's facts as [`Facts::last_lines`]: units and projects are matched
    /// by name (a unit that no longer exists counts as the department's), code names
    /// only last year used are kept for the comparisons.
    pub fn attach_last_year(&mut self, last: Facts) {
        let unit_of: BTreeMap<&str, usize> =
            self.units.iter().enumerate().map(|(i, u)| (u.as_str(), i)).collect();
        let units: Vec<usize> =
            last.units.iter().map(|u| unit_of.get(u.as_str()).copied().unwrap_or(0)).collect();
        let mut project_of: BTreeMap<String, usize> =
            self.projects.iter().enumerate().map(|(i, p)| (p.name.clone(), i)).collect();
        let mut lines = Vec::with_capacity(last.lines.len());
        for mut f in last.lines {
            f.unit = units.get(f.unit).copied().unwrap_or(0);
            f.project = f.project.map(|p| {
                let name = &last.projects[p].name;
                *project_of.entry(name.clone()).or_insert_with(|| {
                    self.projects.push(ProjectFact { name: name.clone(), unit: f.unit });
                    self.projects.len() - 1
                })
            });
            f.unit_kind = self.unit_kinds.get(f.unit).copied().unwrap_or(f.unit_kind);
            f.last_year = true;
            lines.push(f);
        }
        for (code, name) in last.func_names {
            self.func_names.entry(code).or_insert(name);
        }
        for (code, name) in last.econ_names {
            self.econ_names.entry(code).or_insert(name);
        }
        self.last_lines = lines;
        self.last_from_input = true;
    }
}

/// How a project text names the department's own 本级 as its unit (`projects[].unit`).
pub const OWN_UNIT: &str = "本级";

/// The comparison-key prefix of last year's figures by 支出功能分类 项 (`last_year.items`).
pub const ITEMS: &str = "items";

/// Most entries of a list other than the budget lines (units, project texts, …).
pub const MAX_ENTRIES: usize = 20_000;

/// Most indicators of one performance-target form.
pub const MAX_INDICATORS: usize = 2_000;

/// Projects in the order their first line names them, found by name in log time.
#[derive(Default)]
struct Projects {
    list: Vec<ProjectFact>,
    index: BTreeMap<String, usize>,
}

impl Projects {
    fn get_or_add(&mut self, name: &str, unit: usize) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        self.list.push(ProjectFact { name: name.to_owned(), unit });
        self.index.insert(name.to_owned(), self.list.len() - 1);
        self.list.len() - 1
    }
}

/// Checks a budget and builds its facts.
///
/// Returns the facts whenever the lines could be read (even with errors, so that as many
/// identities as possible can still be checked), and every finding.
pub fn validate(budget: &Budget, rules: &crate::profile::Rules) -> (Option<Facts>, Vec<Diagnostic>) {
    let mut v = Validator { unit: budget.department.money_unit, rules: rules.clone(), diags: Vec::new() };
    let facts = v.facts(budget);
    (facts, v.diags)
}

struct Validator {
    unit: MoneyUnit,
    rules: crate::profile::Rules,
    diags: Vec<Diagnostic>,
}

impl Validator {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Parses a non-negative amount in the input unit and returns exact 万元.
    fn amount(&mut self, value: &Scalar, path: Path) -> Option<Decimal> {
        let max = match self.unit {
            MoneyUnit::Yuan => Decimal::from(number::MAX_AMOUNT_YUAN),
            MoneyUnit::Wan => Decimal::from(number::MAX_AMOUNT_YUAN / 10_000),
        };
        let parsed = self.number(value, path.clone(), max, "金额")?;
        if parsed.is_sign_negative() && !parsed.is_zero() {
            self.push(
                Diagnostic::new(Rule::NegativeAmount, format!("金额 {parsed} 为负数"))
                    .at(path.clone())
                    .hint("预算数不能为负；调减请直接修改对应明细的金额"),
            );
        }
        if parsed.normalize().scale() > self.unit.max_scale() {
            self.push(
                Diagnostic::new(
                    Rule::TooPrecise,
                    format!("金额 {parsed} 精确到分以下（单位：{}）", self.unit.label()),
                )
                .at(path)
                .hint(format!(
                    "以{}计最多 {} 位小数",
                    self.unit.label(),
                    self.unit.max_scale()
                )),
            );
        }
        Some(self.unit.to_wan(parsed))
    }

    /// Reads a decimal number typed as text, at most `max` in absolute value; `what` names
    /// it in messages. Full-width digits are read, with an info.
    fn number(&mut self, value: &Scalar, path: Path, max: Decimal, what: &str) -> Option<Decimal> {
        let read = match number::read_amount(value.as_str()) {
            Ok(r) => r,
            Err(e) => {
                let rule = if matches!(e, number::AmountError::TooLarge(_)) {
                    Rule::OutOfRange
                } else {
                    Rule::NotANumber
                };
                self.push(Diagnostic::new(rule, format!("{what}无法识别：{e}")).at(path).hint(e.hint()));
                return None;
            }
        };
        if read.full_width {
            self.push(
                Diagnostic::new(
                    Rule::FullWidthNumber,
                    format!("“{}”中的全角字符按半角读取为 {}", value.as_str(), read.value),
                )
                .at(path.clone()),
            );
        }
        if read.value.abs() > max {
            self.push(
                Diagnostic::new(
                    Rule::OutOfRange,
                    format!("{what} {} 超出允许范围（最大 {max}）", read.value),
                )
                .at(path)
                .hint("请核对单位和位数"),
            );
            return None;
        }
        Some(read.value)
    }

    /// A count (head count, vehicles, equipment) within the documented range.
    fn count(&mut self, value: i64, path: Path, what: &str) {
        if value.abs() > number::MAX_COUNT {
            self.push(
                Diagnostic::new(
                    Rule::OutOfRange,
                    format!("{what} {value} 超出允许范围（最大 {}）", number::MAX_COUNT),
                )
                .at(path),
            );
        }
    }

    /// Refuses lists longer than their documented limit.
    fn list_length(&mut self, len: usize, max: usize, path: Path, what: &str) {
        if len > max {
            self.push(
                Diagnostic::new(Rule::TooManyItems, format!("{what}共 {len} 条，超过上限 {max} 条"))
                    .at(path)
                    .hint("一个输入文件只描述一个部门；请核对是否合并了多个文件"),
            );
        }
    }

    /// An optional amount: empty text is zero.
    fn amount_or_zero(&mut self, value: &Scalar, path: Path) -> Decimal {
        if value.as_str().is_empty() { Decimal::ZERO } else { self.amount(value, path).unwrap_or_default() }
    }

    fn non_empty(&mut self, text: &str, path: Path, what: &str) {
        if text.trim().is_empty() {
            self.push(Diagnostic::new(Rule::EmptyText, format!("{what}不能为空")).at(path));
        }
    }

    fn facts(&mut self, budget: &Budget) -> Option<Facts> {
        self.limits(budget);
        let dept = self.dept(&budget.department);
        let units = self.units(budget);
        self.codes(budget);
        let unit_kinds = self.unit_kinds(budget, dept.kind);
        let mut unit_index: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, (id, _)) in units.iter().enumerate().skip(1) {
            unit_index.entry(id.as_str()).or_insert(i);
        }
        let mut names = Names::new(&budget.code_names, budget.department.year.clamp(1949, 2100));
        let mut projects = Projects::default();
        let mut lines = Vec::with_capacity(budget.lines.len());
        for (i, line) in budget.lines.iter().enumerate() {
            let path = Path::root().key("lines").index(i);
            if let Some(fact) = self.line(line, i, &path, &unit_index, &unit_kinds, &mut names, &mut projects)
            {
                lines.push(fact);
            }
        }
        let projects = projects.list;
        self.diags.append(&mut names.diags);
        let procurement = self.procurement(budget, &lines);
        let assets = self.assets(&budget.assets);
        let mut facts = Facts {
            dept,
            units: units.iter().map(|(_, name)| name.clone()).collect(),
            unit_kinds,
            unit_codes: std::iter::once(&budget.department.unit_code)
                .chain(budget.units.iter().map(|u| &u.code))
                .map(|c| c.as_deref().unwrap_or_default().trim().to_owned())
                .collect(),
            lines,
            last_lines: Vec::new(),
            projects,
            func_names: names.func,
            econ_names: names.econ,
            gov_names: budget
                .code_names
                .iter()
                .filter(|(c, _)| catalogue::name(Classification::Government, c).is_some())
                .map(|(c, n)| (c.clone(), n.trim().to_owned()))
                .collect(),
            last_year: BTreeMap::new(),
            last_from_input: false,
            project_texts: budget.projects.clone(),
            project_text_units: budget
                .projects
                .iter()
                .map(|t| match t.unit.as_deref()?.trim() {
                    OWN_UNIT => Some(0),
                    id => unit_index.get(id).copied(),
                })
                .collect(),
            carryover_texts: budget.carryover.clone(),
            procurement,
            assets,
            performance: budget.performance.clone(),
            stated_funds: None,
            programmes: Vec::new(),
            other_matters: budget.other_matters.clone().filter(|t| !t.trim().is_empty()),
        };
        self.last_year(budget, &mut facts);
        self.texts(budget, &facts);
        facts.stated_funds = self.performance(budget, &facts);
        facts.programmes = self.programmes(budget);
        Some(facts)
    }

    /// The documented limits of list lengths: a department's budget is far below them, so
    /// anything above is a wrong file (and would make every check slow).
    fn limits(&mut self, b: &Budget) {
        let root = Path::root();
        let perf = &b.performance;
        let lists: [(usize, usize, Path, &str); 9] = [
            (b.lines.len(), number::MAX_LINES, root.key("lines"), "预算明细"),
            (b.units.len(), MAX_ENTRIES, root.key("units"), "下属单位"),
            (b.projects.len(), MAX_ENTRIES, root.key("projects"), "项目说明"),
            (b.carryover.len(), MAX_ENTRIES, root.key("carryover"), "结转项目说明"),
            (perf.projects.len(), MAX_ENTRIES, root.key("performance").key("projects"), "项目绩效目标表"),
            (
                perf.programmes.len(),
                MAX_ENTRIES,
                root.key("performance").key("programmes"),
                "专项资金绩效目标表",
            ),
            (b.last_year.items.len(), MAX_ENTRIES, root.key("last_year").key("items"), "上年科目数"),
            (b.department.offices.len(), MAX_ENTRIES, root.key("department").key("offices"), "内设科室"),
            (b.code_names.len(), MAX_ENTRIES, root.key("code_names"), "科目名称"),
        ];
        for (len, max, path, what) in lists {
            self.list_length(len, max, path, what);
        }
        let indicators = |list: &[input::Indicator]| list.len();
        if let Some(o) = &perf.overall {
            let path = root.key("performance").key("overall").key("indicators");
            self.list_length(indicators(&o.indicators), MAX_INDICATORS, path, "绩效指标");
        }
        for (i, t) in perf.projects.iter().enumerate() {
            let path = root.key("performance").key("projects").index(i).key("indicators");
            self.list_length(indicators(&t.indicators), MAX_INDICATORS, path, "绩效指标");
        }
        for (i, t) in perf.programmes.iter().enumerate() {
            let path = root.key("performance").key("programmes").index(i).key("indicators");
            self.list_length(indicators(&t.indicators), MAX_INDICATORS, path, "绩效指标");
        }
    }

    /// The department's data. A bad date or kind is reported and replaced by a placeholder,
    /// so that every other check still runs; the errors keep anything from being published.
    fn dept(&mut self, d: &input::Department) -> Dept {
        let base = Path::root().key("department");
        self.non_empty(&d.name, base.key("name"), "部门名称");
        self.non_empty(&d.functions, base.key("functions"), "主要职能");
        let published = Date::parse(&d.published);
        if published.is_none() {
            self.push(
                Diagnostic::new(Rule::BadDate, format!("公开日期“{}”不是有效日期", d.published))
                    .at(base.key("published"))
                    .hint("写成 2025-02-14 的形式"),
            );
        }
        let kind = OrgKind::parse(&d.kind);
        if kind.is_none() {
            self.push(
                Diagnostic::new(Rule::BadValue, format!("单位性质“{}”无法识别", d.kind))
                    .at(base.key("kind"))
                    .hint("可选：行政单位、参公事业单位、事业单位"),
            );
        }
        if !(1949..=2100).contains(&d.year) {
            self.push(
                Diagnostic::new(Rule::BadValue, format!("预算年度 {} 不在合理范围内", d.year))
                    .at(base.key("year"))
                    .hint("写四位数年份，如 2025"),
            );
        }
        let staff = base.key("staffing");
        self.count(i64::from(d.staffing.establishment), staff.key("establishment"), "编制数");
        for (key, h) in [
            ("in_service", &d.staffing.in_service),
            ("retired", &d.staffing.retired),
            ("veteran", &d.staffing.veteran),
        ] {
            self.count(i64::from(h.count), staff.key(key).key("count"), "人数");
            self.count(i64::from(h.change), staff.key(key).key("change"), "人数变化");
        }
        Dept {
            name: d.name.trim().to_owned(),
            year: d.year.clamp(1949, 2100),
            published: published.unwrap_or(Date { year: d.year.clamp(1949, 2100), month: 1, day: 1 }),
            kind: kind.unwrap_or(OrgKind::Institution),
            functions: d.functions.trim().to_owned(),
            offices: d.offices.clone(),
            staffing: d.staffing.clone(),
            code: d.code.as_deref().unwrap_or_default().trim().to_owned(),
        }
    }

    /// Unit table: (id, name), the department first with an empty id.
    fn units(&mut self, budget: &Budget) -> Vec<(String, String)> {
        let own = budget.department.unit_name.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let mut units = vec![(String::new(), own.unwrap_or(budget.department.name.trim()).to_owned())];
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let mut names: BTreeSet<String> = BTreeSet::from([units[0].1.clone()]);
        for (i, u) in budget.units.iter().enumerate() {
            let path = Path::root().key("units").index(i);
            let id = u.id.trim().to_owned();
            if id.is_empty() || !ids.insert(id.clone()) {
                self.push(
                    Diagnostic::new(Rule::DuplicateUnit, format!("单位标识“{id}”为空或重复"))
                        .at(path.key("id")),
                );
            } else if !names.insert(u.name.trim().to_owned()) {
                self.push(
                    Diagnostic::new(Rule::DuplicateUnit, format!("单位名称“{}”重复", u.name))
                        .at(path.key("name")),
                );
            }
            self.non_empty(&u.name, path.key("name"), "单位名称");
            units.push((id, u.name.trim().to_owned()));
        }
        units
    }

    /// 部门代码 and 单位代码: all or none, each 单位代码 under the 部门代码.
    fn codes(&mut self, budget: &Budget) {
        let given =
            |c: &Option<String>| c.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned);
        let dept = given(&budget.department.code);
        let base = Path::root().key("department");
        let mut units: Vec<(Path, Option<String>, String)> = vec![(
            base.key("unit_code"),
            given(&budget.department.unit_code),
            "部门本级的单位代码".to_owned(),
        )];
        for (i, u) in budget.units.iter().enumerate() {
            units.push((
                Path::root().key("units").index(i).key("code"),
                given(&u.code),
                format!("单位“{}”的单位代码", u.name.trim()),
            ));
        }
        // A 部门代码 alone is printed alone ([292]国家信访局); 单位代码 come all together.
        if units.iter().all(|(_, c, _)| c.is_none()) {
            return;
        }
        if dept.is_none() {
            self.push(
                Diagnostic::new(Rule::UnitCodes, "填写了单位代码，但没有部门代码")
                    .at(base.key("code"))
                    .hint("填写 department.code（如 024），或删除全部单位代码"),
            );
        }
        let mut seen = BTreeSet::new();
        for (path, code, what) in units {
            if let Some(c) = &code
                && !seen.insert(c.clone())
            {
                self.push(
                    Diagnostic::new(Rule::UnitCodes, format!("{what} {c} 与另一单位重复")).at(path.clone()),
                );
            }
            match (code, &dept) {
                (None, _) => self.push(
                    Diagnostic::new(Rule::UnitCodes, format!("缺少{what}"))
                        .at(path)
                        .hint("部门代码和单位代码要么都填，要么都不填"),
                ),
                (Some(code), Some(d)) if !code.starts_with(d.as_str()) || code == *d => self.push(
                    Diagnostic::new(Rule::UnitCodes, format!("{what} {code} 不在部门代码 {d} 之下"))
                        .at(path)
                        .hint(format!("单位代码以部门代码开头，如 {d}001")),
                ),
                _ => {}
            }
        }
    }

    /// Each unit's 单位性质: the department's for itself, a unit's own when given.
    fn unit_kinds(&mut self, budget: &Budget, dept: OrgKind) -> Vec<OrgKind> {
        let mut kinds = vec![dept];
        for (i, u) in budget.units.iter().enumerate() {
            let kind = match u.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
                None => dept,
                Some(text) => OrgKind::parse(text).unwrap_or_else(|| {
                    self.push(
                        Diagnostic::new(Rule::BadValue, format!("单位性质“{text}”无法识别"))
                            .at(Path::root().key("units").index(i).key("kind"))
                            .hint("可选：行政单位、参公事业单位、事业单位"),
                    );
                    dept
                }),
            };
            kinds.push(kind);
        }
        kinds
    }

    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        line: &input::LineInput,
        index: usize,
        path: &Path,
        units: &BTreeMap<&str, usize>,
        unit_kinds: &[OrgKind],
        names: &mut Names,
        projects: &mut Projects,
    ) -> Option<Fact> {
        let unit = match &line.unit {
            None => Some(0),
            Some(id) => {
                let found = units.get(id.trim()).copied();
                if found.is_none() {
                    self.push(
                        Diagnostic::new(Rule::UnknownUnit, format!("单位“{id}”不在 units 列表中"))
                            .at(path.key("unit"))
                            .hint("在 units 中登记该单位，或省略 unit 表示部门本级"),
                    );
                }
                found
            }
        };
        let func = names.function(line, path);
        let econ = names.economic(line, path);
        let kind = Kind::parse(&line.kind);
        if kind.is_none() {
            let all: Vec<_> = Kind::ALL.iter().map(|k| k.label()).collect();
            self.push(
                Diagnostic::new(Rule::BadValue, format!("支出类型“{}”无法识别", line.kind))
                    .at(path.key("kind"))
                    .hint(format!("可选：{}", all.join("、"))),
            );
        }
        let source = Source::parse(&line.source);
        if source.is_none() {
            let hint = match Source::group(&line.source) {
                Some(members) => {
                    let names: Vec<_> = members.iter().map(|s| s.label()).collect();
                    format!("“{}”包含几种资金来源，请写明其中一种：{}", line.source.trim(), names.join("、"))
                }
                None => {
                    let all: Vec<_> = Source::ALL.iter().map(|s| s.label()).collect();
                    match crate::suggest::closest(&line.source, &Source::names()) {
                        Some(near) => format!("是不是“{near}”？可选：{}", all.join("、")),
                        None => format!("可选：{}", all.join("、")),
                    }
                }
            };
            self.push(
                Diagnostic::new(Rule::BadValue, format!("资金来源“{}”无法识别", line.source))
                    .at(path.key("source"))
                    .hint(hint),
            );
        }
        let amount = self.amount(&line.amount, path.key("amount"));
        if amount.is_some_and(|a| a.is_zero()) {
            self.push(
                Diagnostic::new(Rule::ZeroLine, "预算明细金额为零，不会出现在任何表中")
                    .at(path.key("amount")),
            );
        }
        let project_name = line.project.as_deref().map(str::trim).filter(|p| !p.is_empty());
        let project = match (kind, project_name) {
            (Some(Kind::Project), None) => {
                self.push(
                    Diagnostic::new(Rule::ProjectWithoutName, "项目支出必须填写项目名称")
                        .at(path.clone())
                        .hint("增加 project: 项目名称"),
                );
                None
            }
            (Some(k), Some(name)) if !k.has_project() => {
                self.push(
                    Diagnostic::new(
                        Rule::BasicWithProject,
                        format!("{}支出填写了项目名称“{name}”", k.label()),
                    )
                    .at(path.key("project"))
                    .hint("项目资金请把 kind 改为 项目；其他支出请删去 project"),
                );
                None
            }
            (Some(Kind::Project), Some(name)) => Some(projects.get_or_add(name, unit.unwrap_or(0))),
            _ => None,
        };
        let procurement = match line.procurement.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => Some(None),
            Some(text) => {
                let found = Procured::parse(text);
                if found.is_none() {
                    let all: Vec<_> = Procured::ALL.iter().map(|p| p.label()).collect();
                    self.push(
                        Diagnostic::new(Rule::BadValue, format!("政府采购品目“{text}”无法识别"))
                            .at(path.key("procurement"))
                            .hint(format!("可选：{}", all.join("、"))),
                    );
                }
                found.map(Some)
            }
        };
        let purchase = self.purchase(line, path);
        let reserved = self.reserved(line, path, amount);
        let service = match line.service.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Some(None),
            Some(text) => {
                let parts: Vec<String> = text.split('/').map(|p| p.trim().to_owned()).collect();
                let coded = |p: &str| p.split_once('-').is_some_and(|(c, n)| !c.is_empty() && !n.is_empty());
                match <[String; 3]>::try_from(parts) {
                    Ok(p) if coded(&p[0]) && coded(&p[1]) && !p[2].is_empty() => Some(Some(p)),
                    _ => {
                        self.push(
                            Diagnostic::new(Rule::BadValue, format!("政府购买服务目录条目“{text}”格式不对"))
                                .at(path.key("service"))
                                .hint("写一级、二级（编码-名称）和三级名称，以 / 分隔，如“01-公共服务/0115-公共信息与宣传服务/公共公益宣传服务”"),
                        );
                        None
                    }
                }
            }
        };
        let econ = econ?;
        let personnel = line
            .personnel
            .unwrap_or_else(|| self.rules.personnel_classes.iter().any(|c| econ.starts_with(c.as_str())));
        let unit = unit?;
        let unit_kind = unit_kinds.get(unit).copied().unwrap_or(OrgKind::Institution);
        let capital_construction = line.capital_construction.unwrap_or(false);
        let gov_econ = self.gov_econ(line, &econ, unit_kind, capital_construction, path)?;
        Some(Fact {
            unit,
            func: func?,
            econ,
            gov_econ,
            kind: kind?,
            project,
            source: source?,
            amount: amount?,
            line: index,
            personnel,
            unit_kind,
            capital_construction,
            procurement: procurement?,
            reserved: reserved?,
            purchase: purchase?,
            service: service?,
            last_year: false,
        })
    }

    /// 政府采购 by category (货物, 工程, 服务) and the two reserved amounts. Where lines name
    /// their category, each category is the sum of its lines, and a total typed beside
    /// them must agree (E427); otherwise the typed totals stand.
    fn procurement(&mut self, budget: &Budget, lines: &[Fact]) -> [Decimal; 5] {
        let p = &budget.procurement;
        let base = Path::root().key("procurement");
        let mut typed = [
            (self.amount_or_zero(&p.goods, base.key("goods")), "goods", p.goods.as_str()),
            (self.amount_or_zero(&p.works, base.key("works")), "works", p.works.as_str()),
            (self.amount_or_zero(&p.services, base.key("services")), "services", p.services.as_str()),
        ];
        if lines.iter().any(|f| f.procurement.is_some()) {
            for (category, (amount, key, written)) in Procured::ALL.into_iter().zip(&mut typed) {
                let sum: Decimal =
                    lines.iter().filter(|f| f.procurement == Some(category)).map(|f| f.amount).sum();
                if !written.trim().is_empty() && *amount != sum {
                    self.push(
                        Diagnostic::new(
                            Rule::ProcurementTotal,
                            format!(
                                "政府采购{}合计填写为 {} 万元，预算明细中写明“{}”的合计为 {} 万元",
                                category.label(),
                                crate::money::fmt2(*amount),
                                category.label(),
                                crate::money::fmt2(sum)
                            ),
                        )
                        .at(base.key(key))
                        .hint("明细写明政府采购品目时合计由明细得出：删去这一项，或改正明细"),
                    );
                }
                *amount = sum;
            }
        }
        let mut reserved = [
            (self.amount_or_zero(&p.sme_reserved, base.key("sme_reserved")), "sme_reserved", &p.sme_reserved),
            (
                self.amount_or_zero(&p.small_micro_reserved, base.key("small_micro_reserved")),
                "small_micro_reserved",
                &p.small_micro_reserved,
            ),
        ];
        // Where lines state their reserved shares, the department's are their sums, and a
        // total typed beside them must agree, as for the categories.
        let stated =
            |l: &crate::input::LineInput| l.sme_reserved.is_some() || l.small_micro_reserved.is_some();
        if budget.lines.iter().any(stated) {
            for (share, (amount, key, written)) in reserved.iter_mut().enumerate() {
                let sum: Decimal = lines.iter().map(|f| f.reserved[share]).sum();
                if !written.as_str().trim().is_empty() && *amount != sum {
                    let what =
                        if share == 0 { "预留给中小企业" } else { "预留给小型、微型企业" };
                    self.push(
                        Diagnostic::new(
                            Rule::ProcurementTotal,
                            format!(
                                "政府采购{what}的金额填写为 {} 万元，预算明细中的预留份额合计为 {} 万元",
                                crate::money::fmt2(*amount),
                                crate::money::fmt2(sum)
                            ),
                        )
                        .at(base.key(key))
                        .hint("明细写明预留份额时合计由明细得出：删去这一项，或改正明细"),
                    );
                }
                *amount = sum;
            }
        }
        [typed[0].0, typed[1].0, typed[2].0, reserved[0].0, reserved[1].0]
    }

    /// The line's reserved shares of its 政府采购 amount: 中小企业 and, within it, 小型、微型
    /// 企业. A share outside its whole (above the line's amount, the 小微 share above the
    /// 中小企业 one, or on a line not procured) is an error at the share: the 支出总表 would
    /// print a reserve larger than what is bought.
    fn reserved(
        &mut self,
        line: &crate::input::LineInput,
        path: &Path,
        amount: Option<Decimal>,
    ) -> Option<[Decimal; 2]> {
        let mut out = [Decimal::ZERO; 2];
        let fields =
            [("sme_reserved", &line.sme_reserved), ("small_micro_reserved", &line.small_micro_reserved)];
        let procured = line.procurement.as_deref().is_some_and(|p| !p.trim().is_empty());
        let mut ok = true;
        for (i, (key, value)) in fields.into_iter().enumerate() {
            let Some(value) = value.as_ref().filter(|v| !v.as_str().trim().is_empty()) else { continue };
            let Some(share) = self.amount(value, path.key(key)) else {
                ok = false;
                continue;
            };
            let (whole, what) = if i == 0 {
                (amount, "本条明细的金额")
            } else {
                (Some(out[0]), "预留给中小企业的份额")
            };
            let message = if !procured {
                Some("写了政府采购预留份额，却没有写政府采购品目".to_owned())
            } else {
                whole.filter(|w| share > *w).map(|w| {
                    format!(
                        "政府采购预留份额 {} 万元超过{what} {} 万元",
                        crate::money::fmt2(share),
                        crate::money::fmt2(w)
                    )
                })
            };
            if let Some(message) = message {
                self.push(
                    Diagnostic::new(Rule::ReservedShare, message)
                        .at(path.key(key))
                        .hint("预留份额是本条政府采购金额的一部分；小微企业份额是中小企业份额的一部分"),
                );
                ok = false;
            }
            out[i] = share;
        }
        ok.then_some(out)
    }

    /// The line's 采购品目名称 and 采购组织形式. They describe a purchase, so a line that names
    /// either without its 政府采购品目 (`procurement`) is an error: the 政府采购支出表 would
    /// leave it out.
    fn purchase(&mut self, line: &crate::input::LineInput, path: &Path) -> Option<Purchase> {
        let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or_default().to_owned();
        let purchase = Purchase { item: text(&line.procurement_item), form: text(&line.procurement_form) };
        let procured = line.procurement.as_deref().is_some_and(|p| !p.trim().is_empty());
        if procured || (purchase.item.is_empty() && purchase.form.is_empty()) {
            return Some(purchase);
        }
        let key = if purchase.item.is_empty() { "procurement_form" } else { "procurement_item" };
        self.push(
            Diagnostic::new(Rule::BadValue, "写了采购品目名称或采购组织形式，却没有写政府采购品目")
                .at(path.key(key))
                .hint("在 procurement 中写明 货物、工程 或 服务；不是政府采购的支出请删去这两项"),
        );
        None
    }

    /// The line's 政府经济分类 款: its own `gov_econ` (a 5xx 款 of the catalogue), else the
    /// catalogue's correspondence. Without either, a profile that prints tables by
    /// 政府经济分类 cannot place the line: an error, since the line would vanish from them.
    fn gov_econ(
        &mut self,
        line: &input::LineInput,
        econ: &str,
        kind: OrgKind,
        capital: bool,
        path: &Path,
    ) -> Option<String> {
        if let Some(code) = &line.gov_econ {
            let code = code.as_str().trim().to_owned();
            let at = path.key("gov_econ");
            if code.len() != 5 || !code.starts_with('5') || !code.chars().all(|c| c.is_ascii_digit()) {
                self.push(
                    Diagnostic::new(
                        Rule::MalformedCode,
                        format!("政府经济分类编码“{code}”应为 5 位数字（5 开头：类 3 位 + 款 2 位）"),
                    )
                    .at(at),
                );
                return None;
            }
            if catalogue::name(Classification::Government, &code).is_none() {
                self.push(
                    Diagnostic::new(
                        Rule::UnknownGovEconomic,
                        format!("政府经济分类编码 {code} 不在科目目录中"),
                    )
                    .at(at)
                    .hint("核对编码（如 50201 办公经费、50501 工资福利支出）"),
                );
                return None;
            }
            return Some(code);
        }
        if let Some(pair) = catalogue::gov_of(&econ[..5], kind, capital) {
            return Some(pair.gov.to_owned());
        }
        if self.rules.gov_economic {
            let who = if matches!(kind, OrgKind::Institution) { "事业单位" } else { "机关" };
            self.push(
                Diagnostic::new(
                    Rule::GovEconomicUnmapped,
                    format!("无法确定部门经济分类 {econ}（{who}）对应的政府经济分类，本表套按政府经济分类列示的表格将缺少此行"),
                )
                .at(path.key("econ"))
                .hint("在该行写明 gov_econ: 5 位政府经济分类款级编码"),
            );
            return None;
        }
        Some(String::new())
    }

    fn assets(&mut self, a: &input::Assets) -> AssetFacts {
        let base = Path::root().key("assets");
        let fleet = |v: &mut Self, f: &input::Fleet, key: &str| {
            v.count(i64::from(f.count), base.key(key).key("count"), "车辆数");
            (f.count, v.amount_or_zero(&f.value, base.key(key).key("value")))
        };
        for (key, n) in [
            ("equipment_over_50", a.equipment_over_50),
            ("equipment_over_100", a.equipment_over_100),
            ("planned_vehicles", a.planned_vehicles),
            ("planned_equipment_over_50", a.planned_equipment_over_50),
            ("planned_equipment_over_100", a.planned_equipment_over_100),
        ] {
            self.count(i64::from(n), base.key(key), "台（辆）数");
        }
        let area = match a.building_area.as_str() {
            "" => Decimal::ZERO,
            _ => self
                .number(
                    &a.building_area,
                    base.key("building_area"),
                    Decimal::from(number::MAX_AREA),
                    "房屋面积",
                )
                .unwrap_or_default(),
        };
        AssetFacts {
            building_area: area,
            building_value: self.amount_or_zero(&a.building_value, base.key("building_value")),
            vehicles: [
                fleet(self, &a.general_vehicles, "general_vehicles"),
                fleet(self, &a.enforcement_vehicles, "enforcement_vehicles"),
                fleet(self, &a.other_vehicles, "other_vehicles"),
            ],
            furniture_value: self.amount_or_zero(&a.furniture_value, base.key("furniture_value")),
            other_value: self.amount_or_zero(&a.other_value, base.key("other_value")),
            equipment: [a.equipment_over_50, a.equipment_over_100],
            planned: [a.planned_vehicles, a.planned_equipment_over_50, a.planned_equipment_over_100],
        }
    }

    /// Reads last year's entries: amounts, reasons, and the names of codes only last year
    /// had. Whether each compared figure has its entry is the profile's to say
    /// ([`crate::figures::check_last_year`]).
    fn last_year(&mut self, budget: &Budget, facts: &mut Facts) {
        let ly = &budget.last_year;
        let base = Path::root().key("last_year");
        let mut entries: Vec<(String, Path, Compared)> = Vec::new();
        for e in ly.entries() {
            let path = e.written.iter().fold(base.clone(), |p, k| p.key(k));
            entries.push((e.key, path, e.compared.clone()));
        }
        for (i, item) in ly.items.iter().enumerate() {
            let path = base.key("items").index(i);
            let code = item.code.as_str().to_owned();
            if code.len() != 7 || !code.chars().all(|c| c.is_ascii_digit()) {
                self.push(
                    Diagnostic::new(Rule::MalformedCode, format!("功能分类项级编码“{code}”应为 7 位数字"))
                        .at(path.key("code")),
                );
                continue;
            }
            if !facts.func_names.contains_key(&code) {
                let mut names = Names::new(&budget.code_names, budget.department.year.clamp(1949, 2100));
                let at = Trail::At(&path);
                names.func_paths(
                    &code,
                    item.name.as_deref(),
                    Trail::Key(&at, "code"),
                    Trail::Key(&at, "name"),
                );
                self.diags.append(&mut names.diags);
                facts.func_names.extend(names.func);
            }
            let compared = Compared { amount: item.amount.clone(), reason: item.reason.clone() };
            entries.push((format!("{ITEMS}.{code}"), path, compared));
        }
        for (key, path, compared) in entries {
            let amount = if compared.amount.is_empty() {
                None
            } else {
                self.amount(&compared.amount, path.key("amount"))
            };
            let reason = compared
                .reason
                .as_deref()
                .map(|r| r.trim().trim_end_matches('。').to_owned())
                .filter(|r| !r.is_empty());
            if facts.last_year.contains_key(&key) {
                self.push(
                    Diagnostic::new(Rule::DuplicateEntry, format!("上年数“{key}”重复填写"))
                        .at(path)
                        .hint("同一比较键只填一次（分层写法与完整写法不要同时使用）"),
                );
                continue;
            }
            facts.last_year.insert(key, LastFigure { amount, reason, path });
        }
    }

    /// Warns when two different items of the list `section` carry the very same `field`
    /// text; `items` are (item name, text) in input order.
    fn repeated<'a>(&mut self, section: &str, field: &str, items: impl Iterator<Item = (&'a str, &'a str)>) {
        // Per text: the first item's name, and the first other name it was given to. One
        // pass, so that thousands of identical rows stay fast.
        let mut seen: BTreeMap<&str, (&str, Option<&str>)> = BTreeMap::new();
        for (i, (name, text)) in items.enumerate() {
            let text = text.trim();
            if text.chars().count() < 8 {
                continue;
            }
            let entry = seen.entry(text).or_insert((name, None));
            let earlier = if entry.0 != name {
                entry.1.get_or_insert(name);
                Some(entry.0)
            } else {
                entry.1
            };
            if let Some(first) = earlier.filter(|_| i > 0) {
                self.push(
                    Diagnostic::new(
                        Rule::RepeatedText,
                        format!("“{name}”的说明与“{first}”一字不差：“{text}”"),
                    )
                    .at(Path::root().key(section).index(i).key(field))
                    .hint("常见于复制粘贴后忘记修改；请核对"),
                );
            }
        }
    }

    fn texts(&mut self, budget: &Budget, facts: &Facts) {
        let general_projects: BTreeSet<usize> =
            facts.lines.iter().filter(|f| f.source.is_general()).filter_map(|f| f.project).collect();
        let carry_projects: BTreeSet<usize> =
            facts.lines.iter().filter(|f| f.source.is_carryover()).filter_map(|f| f.project).collect();
        let by_name: BTreeMap<&str, usize> =
            facts.projects.iter().enumerate().map(|(i, p)| (p.name.as_str(), i)).collect();
        let find = |name: &str| by_name.get(name.trim()).copied();
        // A narrative that describes projects one by one describes the 一般公共预算 ones, so
        // their texts must be of those; texts only tables print may be of any project.
        let narrated = self.rules.described.contains(&TextList::Projects);
        let has_lines = |p: usize, unit: Option<usize>| {
            facts.lines.iter().any(|f| {
                f.project == Some(p)
                    && unit.is_none_or(|u| f.unit == u)
                    && (!narrated || f.source.is_general())
            })
        };
        let mut seen = BTreeSet::new();
        let mut texted = BTreeSet::new();
        for (i, t) in budget.projects.iter().enumerate() {
            let path = Path::root().key("projects").index(i);
            // The unit the facts resolved the text's `unit` to (`None` for no unit, or one
            // the input does not list).
            let resolved = facts.project_text_units.get(i).copied().flatten();
            let unit = match t.unit.as_deref().map(str::trim) {
                None => None,
                Some(id) => match resolved {
                    Some(u) => Some(u),
                    None => {
                        self.push(
                            Diagnostic::new(Rule::UnknownUnit, format!("单位“{id}”不在 units 列表中"))
                                .at(path.key("unit"))
                                .hint(format!("写 units 中的单位标识，部门本级写 {OWN_UNIT}；说明适用于全部同名项目时省略 unit")),
                        );
                        continue;
                    }
                },
            };
            let in_unit = unit.map(|u| format!("（{}）", facts.units.get(u).map_or("", String::as_str)));
            let in_unit = in_unit.unwrap_or_default();
            match find(&t.name) {
                Some(p) if has_lines(p, unit) => {
                    texted.insert(p);
                    if !seen.insert((p, unit)) {
                        self.push(
                            Diagnostic::new(
                                Rule::DuplicateEntry,
                                format!("项目“{}”{in_unit}的说明重复", t.name),
                            )
                            .at(path.key("name")),
                        );
                    }
                }
                _ => self.push(
                    Diagnostic::new(
                        Rule::UnknownProject,
                        format!(
                            "项目“{}”{in_unit}没有{}项目支出明细",
                            t.name,
                            if narrated { "一般公共预算" } else { "" }
                        ),
                    )
                    .at(path.key("name"))
                    .hint(
                        "项目名称须与预算明细中的 project 完全一致；写了 unit 时，该单位须有这个项目的明细",
                    ),
                ),
            }
            for field in self.rules.project_texts.clone() {
                if field.of(t).trim().is_empty() {
                    self.push(
                        Diagnostic::new(
                            Rule::EmptyText,
                            format!("项目“{}”的{}不能为空", t.name.trim(), field.label()),
                        )
                        .at(path.key(field.key()))
                        .hint(format!("填写 {}：本表套的情况说明印出这一项", field.key())),
                    );
                }
            }
        }
        let described = |list| self.rules.described.contains(&list);
        let (projects_described, carryover_described) =
            (described(TextList::Projects), described(TextList::Carryover));
        for p in general_projects.difference(&texted).filter(|_| projects_described) {
            self.push(
                Diagnostic::new(
                    Rule::MissingProjectText,
                    format!("一般公共预算项目“{}”缺少项目说明", facts.projects[*p].name),
                )
                .at(Path::root().key("projects")),
            );
        }
        let mut seen = BTreeSet::new();
        for (i, t) in budget.carryover.iter().enumerate() {
            let path = Path::root().key("carryover").index(i);
            match find(&t.project) {
                Some(p) if carry_projects.contains(&p) => {
                    if !seen.insert(p) {
                        self.push(
                            Diagnostic::new(
                                Rule::DuplicateEntry,
                                format!("结转项目“{}”的说明重复", t.project),
                            )
                            .at(path.key("project")),
                        );
                    }
                }
                _ => self.push(
                    Diagnostic::new(Rule::UnknownProject, format!("项目“{}”没有上年结转结余明细", t.project))
                        .at(path.key("project"))
                        .hint("项目名称须与预算明细中的 project 完全一致"),
                ),
            }
            self.non_empty(&t.purpose, path.key("purpose"), "结转资金用途");
        }
        self.repeated(
            "carryover",
            "purpose",
            budget.carryover.iter().map(|t| (t.project.as_str(), t.purpose.as_str())),
        );
        self.repeated(
            "projects",
            "allocation",
            budget.projects.iter().map(|t| (t.name.as_str(), t.allocation.as_str())),
        );
        for p in carry_projects.difference(&seen).filter(|_| carryover_described) {
            self.push(
                Diagnostic::new(
                    Rule::MissingCarryoverText,
                    format!("上年结转项目“{}”缺少用途说明", facts.projects[*p].name),
                )
                .at(Path::root().key("carryover")),
            );
        }
    }

    /// Checks the performance targets; returns the overall form's funding (万元).
    fn performance(&mut self, budget: &Budget, facts: &Facts) -> Option<[Decimal; 3]> {
        let base = Path::root().key("performance");
        let names: BTreeSet<&str> = facts.projects.iter().map(|p| p.name.as_str()).collect();
        let mut out = None;
        if let Some(o) = &budget.performance.overall {
            let p = base.key("overall");
            let stated = [&o.superior_funds, &o.local_funds, &o.other_funds];
            let amounts = [
                self.amount_or_zero(&o.superior_funds, p.key("superior_funds")),
                self.amount_or_zero(&o.local_funds, p.key("local_funds")),
                self.amount_or_zero(&o.other_funds, p.key("other_funds")),
            ];
            // Whether they add up to the budget the form describes is the profile's to
            // say (W414, `forms::check_funding`).
            out = stated.iter().any(|s| !s.is_empty()).then_some(amounts);
            self.indicators(&o.indicators, &p.key("indicators"), self.rules.form_texts.overall_basis);
        }
        let mut targeted = BTreeSet::new();
        for (i, t) in budget.performance.projects.iter().enumerate() {
            let p = base.key("projects").index(i);
            // A project's target once: a list form's header adds up its listed projects'
            // lines, and a second target would count them twice.
            if !t.project.trim().is_empty() && !targeted.insert(t.project.trim()) {
                self.push(
                    Diagnostic::new(
                        Rule::DuplicateEntry,
                        format!("项目“{}”的绩效目标表重复填写", t.project.trim()),
                    )
                    .at(p.key("project")),
                );
            }
            if !names.contains(t.project.trim()) {
                self.push(
                    Diagnostic::new(
                        Rule::UnknownProject,
                        format!("绩效目标表的项目“{}”没有预算明细", t.project),
                    )
                    .at(p.key("project"))
                    .hint("project 须与预算明细中的项目名称完全一致；打印名称可写在 title"),
                );
            }
            if self.rules.form_texts.leader {
                self.non_empty(&t.leader, p.key("leader"), "项目负责人");
            }
            self.indicators(&t.indicators, &p.key("indicators"), self.rules.form_texts.project_basis);
        }
        out
    }

    /// Checks the programme targets and reads their stated amounts (万元). Whether 本级支出
    /// covers the department's own lines of the programme depends on the profile's form
    /// (which sources count, E429: `forms::check_programmes`).
    fn programmes(&mut self, budget: &Budget) -> Vec<ProgrammeAmounts> {
        let base = Path::root().key("performance").key("programmes");
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for (i, t) in budget.performance.programmes.iter().enumerate() {
            let p = base.index(i);
            self.non_empty(&t.name, p.key("name"), "专项资金名称");
            self.non_empty(&t.goal, p.key("goal"), "当年绩效目标");
            if !t.name.trim().is_empty() && !seen.insert(t.name.trim()) {
                self.push(
                    Diagnostic::new(
                        Rule::DuplicateEntry,
                        format!("专项资金“{}”的绩效目标表重复填写", t.name.trim()),
                    )
                    .at(p.key("name")),
                );
            }
            let own = (!t.own.as_str().trim().is_empty()).then(|| self.amount_or_zero(&t.own, p.key("own")));
            let transfers = self.amount_or_zero(&t.transfers, p.key("transfers"));
            self.indicators(&t.indicators, &p.key("indicators"), self.rules.form_texts.programme_basis);
            out.push(ProgrammeAmounts { own, transfers });
        }
        out
    }

    /// The indicators of a form; `basis`: whether the form prints their 设定依据.
    fn indicators(&mut self, indicators: &[input::Indicator], base: &Path, basis: bool) {
        for (i, ind) in indicators.iter().enumerate() {
            let p = base.index(i);
            // A profile whose forms print no 分值权重 needs none: an empty weight is no weight,
            // and the indicator's other cells are checked all the same.
            let no_weight = ind.weight.0.trim().is_empty() && !self.rules.form_texts.weight;
            let weight = if no_weight {
                None
            } else {
                self.number(&ind.weight, p.key("weight"), Decimal::from(100), "分值权重")
            };
            if weight.is_some_and(|w| w.is_sign_negative() && !w.is_zero()) {
                self.push(
                    Diagnostic::new(Rule::OutOfRange, format!("分值权重 {} 为负数", ind.weight))
                        .at(p.key("weight")),
                );
            }
            self.non_empty(&ind.name, p.key("name"), "三级指标");
            if basis {
                self.non_empty(&ind.basis, p.key("basis"), "指标设定依据");
            }
        }
    }
}

/// Resolves code names from the catalogue, `code_names` and the lines, reporting each
/// problem once per code.
struct Names {
    given: BTreeMap<String, String>,
    /// The budget year, for names that changed over the years.
    year: u16,
    func: BTreeMap<String, String>,
    econ: BTreeMap<String, String>,
    reported: BTreeSet<String>,
    diags: Vec<Diagnostic>,
}

impl Names {
    fn new(given: &BTreeMap<String, String>, year: u16) -> Self {
        Names {
            given: given.clone(),
            year,
            func: BTreeMap::new(),
            econ: BTreeMap::new(),
            reported: BTreeSet::new(),
            diags: Vec::new(),
        }
    }

    fn function(&mut self, line: &input::LineInput, path: &Path) -> Option<String> {
        let code = line.func.as_str().to_owned();
        // Paths of the code fields only for a finding: every line has four.
        let at = Trail::At(path);
        self.func_paths(
            &code,
            line.func_name.as_deref(),
            Trail::Key(&at, "func"),
            Trail::Key(&at, "func_name"),
        )
        .then_some(code)
    }

    fn economic(&mut self, line: &input::LineInput, path: &Path) -> Option<String> {
        let code = line.econ.as_str().to_owned();
        let at = Trail::At(path);
        let (code_path, name_path) = (Trail::Key(&at, "econ"), Trail::Key(&at, "econ_name"));
        // 5 digits (类 + 款), or 7 where a region divides a 款 into 项 (3010201 规范性津补贴).
        if !matches!(code.len(), 5 | 7) || !code.chars().all(|c| c.is_ascii_digit()) {
            self.diags.push(
                Diagnostic::new(
                    Rule::MalformedCode,
                    format!("经济分类编码“{code}”应为 5 位数字（类 3 位 + 款 2 位），或 7 位（再加项 2 位）"),
                )
                .at(code_path.path()),
            );
            return None;
        }
        let ok = self.parent(&code[..3], true, &code, code_path)
            && (code.len() == 5 || self.parent(&code[..5], true, &code, code_path))
            && self.leaf(&code, line.econ_name.as_deref(), true, code_path, name_path);
        ok.then_some(code)
    }

    /// Checks a 7-digit function code and resolves the names of its 类, 款 and 项.
    fn func_paths(
        &mut self,
        code: &str,
        name: Option<&str>,
        code_path: Trail<'_>,
        name_path: Trail<'_>,
    ) -> bool {
        if code.len() != 7 || !code.chars().all(|c| c.is_ascii_digit()) {
            self.diags.push(
                Diagnostic::new(
                    Rule::MalformedCode,
                    format!("功能分类编码“{code}”应为 7 位数字（类 3 位 + 款 2 位 + 项 2 位）"),
                )
                .at(code_path.path()),
            );
            return false;
        }
        // A 项 whose 类 or 款 is unknown has one finding, not three.
        self.parent(&code[..3], false, code, code_path)
            && self.parent(&code[..5], false, code, code_path)
            && self.leaf(code, name, false, code_path, name_path)
    }

    /// The catalogue's name of a code in the budget year.
    fn listed(&self, code: &str, econ: bool) -> Option<&'static str> {
        let of = if econ { Classification::Economic } else { Classification::Function };
        catalogue::name_in(of, code, self.year)
    }

    fn table(&mut self, econ: bool) -> &mut BTreeMap<String, String> {
        if econ { &mut self.econ } else { &mut self.func }
    }

    /// A 类 or 款 must come from the catalogue or `code_names`.
    fn parent(&mut self, code: &str, econ: bool, child: &str, path: Trail<'_>) -> bool {
        if self.table(econ).contains_key(code) {
            return true;
        }
        let known = self.listed(code, econ);
        let name = known.map(str::to_owned).or_else(|| self.given.get(code).cloned());
        match name {
            Some(name) => {
                self.table(econ).insert(code.to_owned(), name);
                true
            }
            None => {
                if self.reported.insert(format!("{econ}{code}")) {
                    let level = if code.len() == 3 { "类" } else { "款" };
                    self.diags.push(
                        Diagnostic::new(
                            Rule::UnresolvedCode,
                            format!("编码 {child} 的{level} {code} 不存在，无法确定其上级科目"),
                        )
                        .at(path.path())
                        .hint(format!("核对编码；确属新增科目的，在 code_names 中写明 {code} 的名称")),
                    );
                }
                false
            }
        }
    }

    /// A leaf (项 or economic 款): catalogue name, or the name given in the input.
    fn leaf(
        &mut self,
        code: &str,
        given: Option<&str>,
        econ: bool,
        code_path: Trail<'_>,
        name_path: Trail<'_>,
    ) -> bool {
        let given = given.map(str::trim).filter(|n| !n.is_empty());
        // Resolved before (from the catalogue, `code_names` or an earlier line's name): a
        // line that does not repeat the name still counts, and every line with this code
        // reaches the facts. Dropping it here would lose money silently.
        if let Some(resolved) = self.table(econ).get(code).cloned() {
            if let Some(given) = given
                && given != resolved
                && self.reported.insert(format!("{econ}{code}={given}"))
            {
                self.diags.push(
                    Diagnostic::new(
                        Rule::CodeNameMismatch,
                        format!("编码 {code} 已按“{resolved}”列示，此处写作“{given}”"),
                    )
                    .at(name_path.path())
                    .hint("同一编码只能有一个名称；公开表使用先出现的名称"),
                );
            }
            return true;
        }
        let known = self.listed(code, econ);
        let first = self.reported.insert(format!("{econ}{code}"));
        let resolved = match (known, given.or(self.given.get(code).map(String::as_str))) {
            (Some(known), Some(given)) if known != given => {
                self.reported.insert(format!("{econ}{code}={given}"));
                if first {
                    self.diags.push(
                        Diagnostic::new(
                            Rule::CodeNameMismatch,
                            format!("编码 {code} 在科目目录中名为“{known}”，输入写作“{given}”"),
                        )
                        .at(name_path.path())
                        .hint("公开表使用目录名称；如确需改名请核对年度科目"),
                    );
                }
                Some(known.to_owned())
            }
            (Some(known), _) => Some(known.to_owned()),
            (None, Some(given)) => {
                if first {
                    self.diags.push(
                        Diagnostic::new(
                            Rule::UnknownCodeNamed,
                            format!("编码 {code} 不在科目目录中，使用输入的名称“{given}”"),
                        )
                        .at(code_path.path()),
                    );
                }
                Some(given.to_owned())
            }
            (None, None) => {
                if first {
                    self.diags.push(
                        Diagnostic::new(
                            Rule::UnknownCodeUnnamed,
                            format!("编码 {code} 不在科目目录中，且没有填写名称"),
                        )
                        .at(code_path.path())
                        .hint(if econ {
                            "填写 econ_name，或核对编码"
                        } else {
                            "填写 func_name，或核对编码"
                        }),
                    );
                }
                None
            }
        };
        match resolved {
            Some(name) => {
                self.table(econ).entry(code.to_owned()).or_insert(name);
                true
            }
            None => false,
        }
    }
}

/// Whether `reason` argues against a change of sign `diff`: it speaks only of cuts for a
/// figure that grew, or only of growth for one that fell. Shared by validation (W415)
/// and by `gongkai check` on published narratives.
pub fn reason_against(diff: Decimal, reason: &str) -> bool {
    const UP: &[&str] = &["增加", "增长", "上调", "提高", "新增", "上升", "上年未安排", "上年无"];
    const DOWN: &[&str] = &["减少", "下降", "压减", "降低", "缩减", "削减", "下调", "未安排"];
    // “上年未安排” explains an increase; only a 未安排 of its own speaks of a cut.
    let own = reason.replace("上年未安排", "");
    let says = |words: &[&str]| words.iter().any(|w| reason.contains(w));
    let says_down = DOWN.iter().any(|w| own.contains(w));
    if diff > Decimal::ZERO {
        says_down && !says(UP)
    } else if diff < Decimal::ZERO {
        says(UP) && !says_down
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_convert_to_unix_time() {
        assert_eq!(Date::parse("2025-02-14"), Some(Date { year: 2025, month: 2, day: 14 }));
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("2025/02/14"), None);
        assert_eq!(Date::parse("1970-01-01").unwrap().unix_seconds(), 0);
        assert_eq!(Date::parse("2025-02-14").unwrap().unix_seconds(), 1_739_491_200);
        assert_eq!(Date::civil_from_days(1_739_491_200 / 86_400), (2025, 2, 14));
        assert_eq!(Date::civil_from_days(-1), (1969, 12, 31));
        assert_eq!(Date::civil_from_days(11_016), (2000, 2, 29));
    }
}

//! The input: one department's budget as a user writes it.
//!
//! These types mirror the YAML (and the fill-in workbook) field for field. They hold text
//! as the user typed it; [`crate::facts::validate`] turns them into checked facts and
//! reports every problem at once. Codes, amounts, sources and kinds stay text here on
//! purpose: a wrong value becomes one diagnostic among all the others, with its rule ID,
//! instead of stopping the parser at the first one.
//!
//! No totals anywhere: a total is always derived from the budget lines.
//!
//! The docs of the types and fields are in Chinese on purpose: they are the descriptions of
//! the input's JSON Schema (`gongkai schema`), which editors show to the people who fill it in.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::money::MoneyUnit;

/// A scalar kept exactly as written: a code (`2080505`) or an amount (`103400.00`).
///
/// YAML may write it as a number or as a string; either way the original text is kept, so
/// `120.00` keeps its scale and `0.1` is not a binary float.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Scalar(pub String);

impl Scalar {
    /// The text as written, trimmed.
    pub fn as_str(&self) -> &str {
        self.0.trim()
    }

    /// Whether nothing is written.
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl From<&str> for Scalar {
    fn from(s: &str) -> Self {
        Scalar(s.to_owned())
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        // `deserialize_str` makes YAML readers hand over the scalar's source text, which
        // keeps amounts exact.
        deserializer.deserialize_str(ScalarVisitor)
    }
}

impl JsonSchema for Scalar {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Scalar".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number"] })
    }
}

/// The input's JSON Schema (draft-07): what `gongkai schema` prints for editors, and what
/// input adapters check a document's structure against.
pub fn json_schema() -> serde_json::Value {
    let schema =
        schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<Budget>();
    serde_json::to_value(schema).unwrap_or_default()
}

/// 一个部门的预算数据：公开文件印出的全部内容都由它得出。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// 表套（地区口径）：内置表套的标识（gongkai profile list 列出），或表套目录的路径（相对于本文件）；
    /// 命令行的 --profile 优先。省略时用默认表套。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// 部门基本信息。
    pub department: Department,
    /// 下属预算单位（无下属单位时省略）；预算明细用单位的 id 指明单位。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitInput>,
    /// 科目名称表中没有的科目的名称：类、款或项的编码 → 名称。
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub code_names: BTreeMap<String, String>,
    /// 预算明细：每个 单位 × 功能科目 × 经济科目 × 支出类型 × 资金来源 一行。
    pub lines: Vec<LineInput>,
    /// 上年预算数，以及情况说明中每项增减的原因。
    #[serde(default)]
    pub last_year: LastYear,
    /// 一般公共预算项目说明（第三部分 七），按印出的顺序。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectText>,
    /// 上年结转结余用途说明（第三部分 十一），按印出的顺序。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carryover: Vec<CarryoverText>,
    /// 政府采购预算。
    #[serde(default)]
    pub procurement: Procurement,
    /// 国有资产占用使用情况。
    #[serde(default)]
    pub assets: Assets,
    /// 预算绩效：部门整体和项目的绩效目标。
    #[serde(default)]
    pub performance: Performance,
    /// 其他需说明的事项；为空时印“本部门无其他需说明事项。”
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_matters: Option<String>,
}

/// The id `--unit` takes for the department's own lines (those that name no unit): its
/// 本部, whose 单位预算 the department publishes beside its 部门预算.
pub const OWN_UNIT: &str = "本部";

impl Budget {
    /// One unit's own budget, for its 单位预算: the lines of unit `id` only (the
    /// department's own lines for [`OWN_UNIT`], unless a unit has that id), under the unit's
    /// name and kind, with the project texts and targets of its projects. The department's
    /// other facts (职能, 内设机构, 政府采购, 国有资产, 上年数) are kept as they are: the input
    /// has them for the department only. `None` when there is no such unit.
    pub fn unit_document(&self, id: &str) -> Option<Budget> {
        let id = id.trim();
        let unit = self.units.iter().find(|u| u.id.trim() == id);
        let own = unit.is_none() && id == OWN_UNIT;
        if unit.is_none() && !own {
            return None;
        }
        let mine = |l: &LineInput| match l.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => !own && u == id,
            None => own,
        };
        let lines: Vec<LineInput> =
            self.lines.iter().filter(|l| mine(l)).map(|l| LineInput { unit: None, ..l.clone() }).collect();
        let projects: std::collections::BTreeSet<&str> =
            lines.iter().filter_map(|l| l.project.as_deref()).map(str::trim).collect();
        let has = |name: &str| projects.contains(name.trim());
        // The unit is the document's organisation: its name and code; the 本部 is the
        // department's 本级 by its own name and code where the input gives them.
        let mut department = self.department.clone();
        if let Some(u) = unit {
            department.name = u.name.clone();
            if let Some(kind) = &u.kind {
                department.kind = kind.clone();
            }
            department.code = u.code.clone();
            department.unit_code = u.code.clone();
        } else {
            if let Some(name) = department.unit_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                department.name = name.to_owned();
            }
            if department.unit_code.is_some() {
                department.code = department.unit_code.clone();
            }
        }
        department.unit_name = None;
        let mut performance = self.performance.clone();
        performance.projects.retain(|p| has(&p.project));
        // A programme's form is its 主管部门's: the department's document prints it.
        performance.programmes.clear();
        Some(Budget {
            department,
            units: Vec::new(),
            projects: self.projects.iter().filter(|p| has(&p.name)).cloned().collect(),
            carryover: self.carryover.iter().filter(|c| has(&c.project)).cloned().collect(),
            performance,
            lines,
            ..self.clone()
        })
    }
}

/// 部门基本信息。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// 部门全称。
    pub name: String,
    /// 预算年度，如 2025。
    pub year: u16,
    /// 输入金额的单位：元（默认）或万元；公开表按表套的单位印出。
    #[serde(default)]
    pub money_unit: MoneyUnit,
    /// 公开日期，YYYY-MM-DD；也是生成文件中记录的日期。
    pub published: String,
    /// 单位性质：行政单位、参公事业单位或事业单位。
    pub kind: String,
    /// 主要职能。
    pub functions: String,
    /// 内设科室，按公开顺序。
    #[serde(default)]
    pub offices: Vec<String>,
    /// 人员情况。
    pub staffing: Staffing,
    /// 部门代码（表套的表中印出时填写，如 024）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 部门本级（本部）作为预算单位的单位代码（如 024001）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_code: Option<String>,
    /// 部门本级（本部）作为预算单位印出的名称（如 国家信访局本级）；省略时为部门名称。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<String>,
}

/// 编制数和实有人数。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staffing {
    /// 编制数。
    pub establishment: u32,
    /// 在职人数及比上年的增减。
    pub in_service: Headcount,
    /// 退休人数及比上年的增减。
    #[serde(default)]
    pub retired: Headcount,
    /// 离休人数及比上年的增减。
    #[serde(default)]
    pub veteran: Headcount,
}

/// 人数及比上年的增减。
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Headcount {
    /// 人数。
    pub count: u32,
    /// 比上年增加（负数为减少）。
    #[serde(default)]
    pub change: i32,
}

/// 下属预算单位。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitInput {
    /// 单位标识：预算明细用它指明单位的简短名称。
    pub id: String,
    /// 单位全称。
    pub name: String,
    /// 单位性质（行政单位、参公事业单位、事业单位）；省略时同部门。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// 单位代码（表套的表中印出时填写，如 024002）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// 一条预算明细：公开表中的金额全部由预算明细汇总得出。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineInput {
    /// 单位标识（units 中的 id）；部门本级省略。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 支出功能分类项级科目编码，7 位（如 2080505）。
    pub func: Scalar,
    /// func 的科目名称，只有科目名称表中没有这个编码时才需要填写。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub func_name: Option<String>,
    /// 部门支出经济分类款级科目编码，5 位（如 30108）。
    pub econ: Scalar,
    /// econ 的科目名称，只有科目名称表中没有这个编码时才需要填写。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub econ_name: Option<String>,
    /// 政府预算支出经济分类款级科目编码，5 位（如 50201）；省略时按 econ、单位性质（机关或事业单位）
    /// 和是否基本建设，由两种经济分类的对应关系得出。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gov_econ: Option<Scalar>,
    /// 支出类型：基本、项目、事业单位经营、对附属单位补助或上缴上级。
    pub kind: String,
    /// 基本支出中的人员经费（true）或公用经费（false）；省略时按表套对经济分类类级科目的规定。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnel: Option<bool>,
    /// 是否基本建设支出（中央基建投资等）；省略为否。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital_construction: Option<bool>,
    /// 政府采购品目：货物、工程或服务。写明时，这条明细的金额就是该品目的政府采购预算
    /// （只有一部分金额政府采购的，拆成两条明细）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procurement: Option<String>,
    /// 采购品目名称（如 复印纸、物业管理服务），政府采购支出表逐品目列出时填写；须同时写明
    /// procurement。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procurement_item: Option<String>,
    /// 采购组织形式（如 集中采购、分散采购），政府采购支出表逐品目列出时填写；须同时写明
    /// procurement。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procurement_form: Option<String>,
    /// 这条明细的政府采购金额中预留给中小企业的份额（不超过本条金额），支出总表逐科目列出
    /// 预留份额时填写；须同时写明 procurement。写明时，部门的 procurement.sme_reserved 由明细合计得出。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sme_reserved: Option<Scalar>,
    /// 其中预留给小型、微型企业的份额（不超过 sme_reserved）；须同时写明 procurement。写明时，
    /// 部门的 procurement.small_micro_reserved 由明细合计得出。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_micro_reserved: Option<Scalar>,
    /// 政府购买服务：这条明细的金额所属的政府购买服务指导性目录条目，写一级、二级（编码-名称）
    /// 和三级（名称），以 / 分隔，如“01-公共服务/0115-公共信息与宣传服务/公共信息系统开发与维护服务”
    /// （只有一部分金额购买服务的，拆成两条明细）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// 项目名称，项目支出必填。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// 资金来源：一般公共预算、上级一般公共预算转移支付、政府性基金、上级政府性基金转移支付、
    /// 国有资本经营、上级国有资本经营转移支付、财政专户核拨、事业收入、上级补助收入、
    /// 附属单位上缴收入、事业单位经营收入、其他收入、一般公共预算结转、政府性基金结转、
    /// 国有资本经营结转、财政专户结转结余、单位资金结转结余。
    pub source: String,
    /// 金额，单位为 department.money_unit，最多精确到分。
    pub amount: Scalar,
}

/// 一个与上年比较的数字的上年预算数及变动原因。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compared {
    /// 上年预算数，单位为 department.money_unit；给出上年输入（last_year.input）时可省略。
    #[serde(default, skip_serializing_if = "Scalar::is_empty")]
    pub amount: Scalar,
    /// 变动的主要原因（“主要原因是”之后的文字）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// 情况说明中每个与上年比较的数字的上年预算数，键为表套的比较键（gongkai profile show 列出）。
///
/// 键可以整体写（income.general: {amount: 522, reason: …}），也可以分层写
/// （income: {general: {amount: 522, reason: …}}），两种写法含义相同。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct LastYear {
    /// 上年的部门预算输入文件（相对于本文件）。给出时，上年数按同一表套由它计算，这里只需填写变动原因。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// 分科目的上年数（按支出功能分类项级科目），包括只有上年安排的科目。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemCompared>,
    /// 其他比较数字，键为表套的比较键。
    #[serde(flatten)]
    pub figures: BTreeMap<String, LastNode>,
}

/// 一个比较键的上年数，或它下一层的比较键。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum LastNode {
    /// 上年预算数和变动原因。
    Figure(Compared),
    /// 下一层的比较键。
    Level(BTreeMap<String, LastNode>),
}

/// One entry of [`LastYear::figures`], its key written whole.
#[derive(Debug, Clone, PartialEq)]
pub struct LastEntry<'a> {
    /// The comparison key, levels joined by dots: `income.general`.
    pub key: String,
    /// The keys as written, for the entry's place in the input.
    pub written: Vec<&'a str>,
    /// The entry.
    pub compared: &'a Compared,
}

impl PartialEq for LastYear {
    fn eq(&self, other: &Self) -> bool {
        let flat = |l: &LastYear| -> BTreeMap<String, Compared> {
            l.entries().into_iter().map(|e| (e.key, e.compared.clone())).collect()
        };
        self.input == other.input && self.items == other.items && flat(self) == flat(other)
    }
}

impl LastYear {
    /// Every entry, with its whole key, in the order written (keys sorted per level).
    pub fn entries(&self) -> Vec<LastEntry<'_>> {
        fn walk<'a>(
            map: &'a BTreeMap<String, LastNode>,
            above: &mut Vec<&'a str>,
            out: &mut Vec<LastEntry<'a>>,
        ) {
            for (k, node) in map {
                above.push(k.as_str());
                match node {
                    LastNode::Figure(c) => {
                        out.push(LastEntry { key: above.join("."), written: above.clone(), compared: c });
                    }
                    LastNode::Level(m) => walk(m, above, out),
                }
                above.pop();
            }
        }
        let mut out = Vec::new();
        walk(&self.figures, &mut Vec::new(), &mut out);
        out
    }

    /// Sets the entry of `key` (written whole).
    pub fn set(&mut self, key: &str, compared: Compared) {
        self.figures.insert(key.to_owned(), LastNode::Figure(compared));
    }

    /// Removes the entry of `key`, however it is written; the others are then written whole.
    pub fn remove(&mut self, key: &str) -> Option<Compared> {
        let entries: Vec<(String, Compared)> =
            self.entries().into_iter().map(|e| (e.key, e.compared.clone())).collect();
        self.figures.clear();
        let mut removed = None;
        for (k, c) in entries {
            if k == key {
                removed = Some(c);
            } else {
                self.set(&k, c);
            }
        }
        removed
    }

    /// The entry of `key`, however it is written.
    pub fn get(&self, key: &str) -> Option<&Compared> {
        self.entries().into_iter().find(|e| e.key == key).map(|e| e.compared)
    }
}

/// 一个项级科目的上年一般公共预算数。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemCompared {
    /// 支出功能分类项级科目编码。
    pub code: Scalar,
    /// 科目名称，只有科目名称表中没有这个编码时才需要填写。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 上年预算数；给出上年输入时可省略。
    #[serde(default, skip_serializing_if = "Scalar::is_empty")]
    pub amount: Scalar,
    /// 变动的主要原因。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// 一个项目的说明和属性（情况说明中逐个说明的项目、项目表的属性列）；金额由预算明细算出。
/// 表套要求填写哪些说明见其 profile.yaml 的 rules.project_texts（默认 basis、allocation、
/// period）；其余各项可以省略。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectText {
    /// 项目名称，与预算明细中的完全一致。
    pub name: String,
    /// 单位标识：几个单位有同名项目、各有各的说明时（如各单位的“日常保障运行”），写明这是哪个
    /// 单位的项目；部门本级写 本级。省略时说明适用于该名称的全部项目明细。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 项目类型（如 其他运转类、特定目标类，或 报全国人大审议的一级项目）。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// 所属一级项目的名称（本项目为二级项目时）；上级项目有几级时自外向内以 / 分隔（如 通用项目/大型活动：
    /// 一级项目“通用项目”下的二级项目“大型活动”），表套按 parent 分组时逐级印出。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub parent: String,
    /// 实施主体（实施单位）；省略时表中印出该项目明细所属的单位。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub implementer: String,
    /// 项目概述。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub overview: String,
    /// 设立的政策依据（立项依据）。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
    /// 实施方案。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plan: String,
    /// 资金分配情况。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub allocation: String,
    /// 资金执行时间（实施周期）。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period: String,
    /// 绩效目标（项目支出绩效表逐项目印出时填写）。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goal: String,
}

/// A field of [`ProjectText`], as a profile names it (`rules.project_texts`, a table's
/// `project_attr` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectField {
    /// 项目类型.
    Kind,
    /// 一级项目.
    Parent,
    /// 实施主体.
    Implementer,
    /// 项目概述.
    Overview,
    /// 立项依据.
    Basis,
    /// 实施方案.
    Plan,
    /// 资金分配情况.
    Allocation,
    /// 实施周期.
    Period,
    /// 绩效目标.
    Goal,
}

impl ProjectField {
    /// Every field, in the order of [`ProjectText`].
    pub const ALL: [ProjectField; 9] = [
        ProjectField::Kind,
        ProjectField::Parent,
        ProjectField::Implementer,
        ProjectField::Overview,
        ProjectField::Basis,
        ProjectField::Plan,
        ProjectField::Allocation,
        ProjectField::Period,
        ProjectField::Goal,
    ];

    /// The key in the input (`basis`).
    pub fn key(self) -> &'static str {
        match self {
            ProjectField::Kind => "kind",
            ProjectField::Parent => "parent",
            ProjectField::Implementer => "implementer",
            ProjectField::Overview => "overview",
            ProjectField::Basis => "basis",
            ProjectField::Plan => "plan",
            ProjectField::Allocation => "allocation",
            ProjectField::Period => "period",
            ProjectField::Goal => "goal",
        }
    }

    /// The field's name for users (`设立的政策依据`).
    pub fn label(self) -> &'static str {
        match self {
            ProjectField::Kind => "项目类型",
            ProjectField::Parent => "一级项目",
            ProjectField::Implementer => "实施主体",
            ProjectField::Overview => "项目概述",
            ProjectField::Basis => "设立的政策依据（立项依据）",
            ProjectField::Plan => "实施方案",
            ProjectField::Allocation => "资金分配情况",
            ProjectField::Period => "资金执行时间（实施周期）",
            ProjectField::Goal => "绩效目标",
        }
    }

    /// The field of a project's text.
    pub fn of(self, t: &ProjectText) -> &str {
        match self {
            ProjectField::Kind => &t.kind,
            ProjectField::Parent => &t.parent,
            ProjectField::Implementer => &t.implementer,
            ProjectField::Overview => &t.overview,
            ProjectField::Basis => &t.basis,
            ProjectField::Plan => &t.plan,
            ProjectField::Allocation => &t.allocation,
            ProjectField::Period => &t.period,
            ProjectField::Goal => &t.goal,
        }
    }

    /// The field of a project's text, to fill in.
    pub fn of_mut(self, t: &mut ProjectText) -> &mut String {
        match self {
            ProjectField::Kind => &mut t.kind,
            ProjectField::Parent => &mut t.parent,
            ProjectField::Implementer => &mut t.implementer,
            ProjectField::Overview => &mut t.overview,
            ProjectField::Basis => &mut t.basis,
            ProjectField::Plan => &mut t.plan,
            ProjectField::Allocation => &mut t.allocation,
            ProjectField::Period => &mut t.period,
            ProjectField::Goal => &mut t.goal,
        }
    }

    /// The field by its key (`basis`) or its label (`设立的政策依据`, 立项依据, 实施单位…).
    pub fn parse(text: &str) -> Option<ProjectField> {
        let t = text.trim();
        ProjectField::ALL.into_iter().find(|f| f.key() == t || f.label() == t).or(match t {
            "实施单位" => Some(ProjectField::Implementer),
            "立项依据" | "政策依据" | "设立的政策依据" => Some(ProjectField::Basis),
            "实施周期" | "资金执行时间" => Some(ProjectField::Period),
            _ => None,
        })
    }
}

/// 一个上年结转结余项目的用途（第三部分 十一）；金额由预算明细算出。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarryoverText {
    /// 项目名称，与预算明细中的完全一致。
    pub project: String,
    /// 主要用于……
    pub purpose: String,
}

/// 政府采购预算，单位为 department.money_unit。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    /// 政府采购货物预算。
    #[serde(default)]
    pub goods: Scalar,
    /// 政府采购工程预算。
    #[serde(default)]
    pub works: Scalar,
    /// 政府采购服务预算。
    #[serde(default)]
    pub services: Scalar,
    /// 面向中小企业预留政府采购项目预算金额。
    #[serde(default)]
    pub sme_reserved: Scalar,
    /// 其中小微企业预留政府采购项目预算金额。
    #[serde(default)]
    pub small_micro_reserved: Scalar,
}

/// 上年末国有资产占用使用情况；价值的单位为 department.money_unit。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    /// 房屋面积（平方米）。
    #[serde(default)]
    pub building_area: Scalar,
    /// 房屋价值。
    #[serde(default)]
    pub building_value: Scalar,
    /// 一般公务用车。
    #[serde(default)]
    pub general_vehicles: Fleet,
    /// 执法执勤用车。
    #[serde(default)]
    pub enforcement_vehicles: Fleet,
    /// 其他车辆。
    #[serde(default)]
    pub other_vehicles: Fleet,
    /// 办公家具价值。
    #[serde(default)]
    pub furniture_value: Scalar,
    /// 其他资产价值。
    #[serde(default)]
    pub other_value: Scalar,
    /// 单位价值 50 万元以上大型设备台数。
    #[serde(default)]
    pub equipment_over_50: u32,
    /// 单位价值 100 万元以上大型设备台数。
    #[serde(default)]
    pub equipment_over_100: u32,
    /// 本年预算安排购置车辆数。
    #[serde(default)]
    pub planned_vehicles: u32,
    /// 本年预算安排购置 50 万元以上大型设备台数。
    #[serde(default)]
    pub planned_equipment_over_50: u32,
    /// 本年预算安排购置 100 万元以上大型设备台数。
    #[serde(default)]
    pub planned_equipment_over_100: u32,
}

/// 一类车辆：辆数和价值。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fleet {
    /// 辆数。
    #[serde(default)]
    pub count: u32,
    /// 价值。
    #[serde(default)]
    pub value: Scalar,
}

/// 预算绩效：绩效目标表。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    /// 部门整体绩效目标表。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<OverallTarget>,
    /// 项目支出绩效目标表，每个项目一张，按印出的顺序。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectTarget>,
    /// 专项资金绩效目标表（如市级重点专项资金绩效目标表，按一级项目），每笔资金一张，按印出的顺序。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programmes: Vec<ProgrammeTarget>,
}

/// 一笔由本部门主管的本级专项资金（一级项目）的绩效目标表。这笔资金的本级预算可以包括本部门以外
/// 的部分（其他本级单位的、尚未分配的），补助下级的部分转给下级政府、不在本部门的预算中，所以
/// own、transfers 是预算明细以外的事实，照文件填写；本部门预算明细中属于这笔资金的，是项目名称与
/// name 相同、或项目说明的 parent 含 name 的项目的明细，own 不能少于它们之和（E429）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeTarget {
    /// 专项资金（一级项目）名称，如“水库移民后期扶持”。
    pub name: String,
    /// 主管部门（省略时为本部门）。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub manager: String,
    /// 本级支出（如“市级支出”），单位同 department.money_unit：这笔资金的本级预算，可以多于本部门
    /// 属于它的明细；省略时取那些明细之和（表套可用 forms.yaml 的 funds 限定取哪些资金来源）。
    #[serde(default)]
    pub own: Scalar,
    /// 补助下级（如“补助区县”），单位同 department.money_unit：转给下级政府、不在本部门预算中的
    /// 部分；省略为 0。当年预算 = 本级支出 + 补助下级，由这两项算出。
    #[serde(default)]
    pub transfers: Scalar,
    /// 项目概况。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub overview: String,
    /// 当年绩效目标。
    pub goal: String,
    /// 绩效指标。
    pub indicators: Vec<Indicator>,
}

/// 部门整体绩效目标表。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverallTarget {
    /// 部门联系人。
    pub contact: String,
    /// 联系电话。
    pub phone: String,
    /// 年度绩效目标。
    pub goal: String,
    /// 财政资金：上级安排。不必填写：绩效目标表中的金额由预算明细算出；填写时核对三项之和（W414）。
    #[serde(default)]
    pub superior_funds: Scalar,
    /// 财政资金：本级安排。不必填写，同上。
    #[serde(default)]
    pub local_funds: Scalar,
    /// 其他资金。不必填写，同上。
    #[serde(default)]
    pub other_funds: Scalar,
    /// 绩效指标。
    pub indicators: Vec<Indicator>,
}

/// 项目支出绩效目标表；金额由项目的预算明细算出。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectTarget {
    /// 项目名称，与预算明细中的一致。
    pub project: String,
    /// 绩效目标表中印出的项目名称（与 project 不同时填写）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 项目负责人（表套的项目绩效目标表印出时填写）。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub leader: String,
    /// 项目总体目标。
    pub goal: String,
    /// 绩效指标。
    pub indicators: Vec<Indicator>,
}

/// 一行绩效指标。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标（表套的绩效目标表不印这一栏的可省略）。
    #[serde(default)]
    pub level1: String,
    /// 二级指标（可省略，同上）。
    #[serde(default)]
    pub level2: String,
    /// 三级指标（指标名称）。
    pub name: String,
    /// 指标值。
    pub value: String,
    /// 指标（值）设定依据（表套的绩效目标表印出时填写）。
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
    /// 指标性质：≥、≤、=、定性等（有的地区单列一栏）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nature: Option<String>,
    /// 计量单位（个、%、万人次……）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// 是否核心指标：是、否。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core: Option<String>,
    /// 指标所属的活动（有的地区部门整体绩效目标表按活动列出指标）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// 分值权重（表套的绩效目标表不印这一栏的可省略）。
    #[serde(default)]
    pub weight: Scalar,
    /// 上年完成值（项目表）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_value: Option<String>,
    /// 指标赋分规则（项目表）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<String>,
    /// 佐证资料（项目表）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit's document is that unit's: its lines, name, 单位性质 and code; the 本部's is
    /// the department's 本级 by the name and code the input gives it.
    #[test]
    fn a_unit_document_is_the_units_own() {
        let line = |unit: Option<&str>, amount: &str| LineInput {
            unit: unit.map(str::to_owned),
            amount: Scalar::from(amount),
            ..LineInput::default()
        };
        let budget = Budget {
            department: Department {
                name: "示范局".into(),
                kind: "行政单位".into(),
                code: Some("024".into()),
                unit_code: Some("024001".into()),
                unit_name: Some("示范局本级".into()),
                ..Department::default()
            },
            units: vec![UnitInput {
                id: "a".into(),
                name: "示范中心".into(),
                kind: Some("事业单位".into()),
                code: Some("024002".into()),
            }],
            lines: vec![line(None, "1"), line(Some("a"), "2"), line(Some("a"), "3")],
            ..Budget::default()
        };
        let a = budget.unit_document("a").unwrap();
        assert_eq!(a.lines.len(), 2);
        assert!(a.lines.iter().all(|l| l.unit.is_none()));
        assert!(a.units.is_empty());
        let d = &a.department;
        assert_eq!((d.name.as_str(), d.kind.as_str()), ("示范中心", "事业单位"));
        assert_eq!(
            (d.code.as_deref(), d.unit_code.as_deref(), d.unit_name.as_deref()),
            (Some("024002"), Some("024002"), None)
        );
        let own = budget.unit_document(OWN_UNIT).unwrap();
        assert_eq!(own.lines.len(), 1);
        let d = &own.department;
        assert_eq!((d.name.as_str(), d.kind.as_str()), ("示范局本级", "行政单位"));
        assert_eq!((d.code.as_deref(), d.unit_code.as_deref()), (Some("024001"), Some("024001")));
        assert!(budget.unit_document("b").is_none());
    }
}

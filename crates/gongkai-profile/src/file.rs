//! The files of a bundle as their authors write them: text as typed, every reference by
//! name, checked and resolved by [`crate::resolve`].
//!
//! The field docs are in Chinese on purpose: they are the descriptions of the bundle's
//! JSON Schema (`gongkai profile schema`), which editors show to the people who write
//! profiles.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// profile.yaml：表套的基本信息、文件结构、地区规则和默认格式。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// 表套标识，与目录名一致（字母、数字和 -）。
    pub id: String,
    /// 表套名称，如“××省部门预算公开（9 张表）”。
    pub title: String,
    /// 格式版本，目前为 1。
    pub version: u32,
    /// 文件结构：标题、封面、目录、各部分模板。
    pub document: DocumentFile,
    /// 地区规则。
    #[serde(default)]
    pub rules: RulesFile,
    /// 资金来源组：名称 → 资金来源（或其他组）列表，供各表的筛选条件引用。
    #[serde(default)]
    pub source_groups: BTreeMap<String, Vec<String>>,
    /// 各表的默认格式（每张表可以改写）。
    #[serde(default)]
    pub table_defaults: FormatFile,
    /// 文件的种类及其用语：部门预算（department），以及可选的单位预算（unit）。
    #[serde(default)]
    pub kinds: KindsFile,
}

/// 文件的种类。同一份部门输入可以生成部门预算，也可以生成其中一个单位的单位预算
/// （gongkai render --unit、batch --units）；两者的用语、部分结构和表的不同之处写在这里
/// 和 tables.yaml 各表的 unit 中。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindsFile {
    /// 部门预算的用语。
    #[serde(default)]
    pub department: KindFile,
    /// 单位预算：省略则本表套不生成单位预算。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<KindFile>,
}

/// 一种文件的用语和结构。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindFile {
    /// 用语：名称 → 文字。文件标题、表名、表头、行的标签、空表说明和编制部门的标签中的
    /// {w.名称} 换成这里的文字；模板中写 {{words.名称}}。两种文件须写同样的名称。
    #[serde(default)]
    pub words: BTreeMap<String, String>,
    /// 依次渲染的模板（省略则同 document.parts）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<String>>,
}

/// 文件结构。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentFile {
    /// 文件标题，{year} 为预算年度、{org} 为部门名称，如“{year}年部门预算公开”。
    pub title: String,
    /// 是否有封面。
    #[serde(default)]
    pub cover: bool,
    /// 目录列出的标题层级（0 为不印目录）。
    #[serde(default)]
    pub toc_levels: u8,
    /// 依次渲染的模板（templates/ 中的文件名，不含 .hbs）。
    pub parts: Vec<String>,
}

/// 地区规则。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// 属于人员经费的经济分类类级编码（其余基本支出为公用经费），默认 301、303。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnel_classes: Option<Vec<String>>,
    /// 输入的每条项目说明（projects）必须填写的项：本地区情况说明印出的那些。可选 kind（项目类型）、
    /// parent（一级项目）、implementer（实施主体）、overview（项目概述）、basis（立项依据）、
    /// plan（实施方案）、allocation（资金分配情况）、period（实施周期），默认 basis、allocation、period。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_texts: Option<Vec<String>>,
}

/// 表格的数字与版式（均可省略，省略时用 table_defaults 或内置默认值）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormatFile {
    /// 金额单位：万元 或 元。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 小数位数。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    /// 零值的印法：blank（空白）、zero（0.00）、dash（-）、bare（0，不带小数）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero: Option<String>,
    /// 是否用千分位逗号。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separators: Option<bool>,
    /// 百分比的小数位数。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_decimals: Option<u32>,
    /// 编制单位一行的标签，如“编制部门”；写 "" 表示不印这一行。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_label: Option<String>,
    /// 金额单位一行的标签，如“单位”“金额单位”；写 "" 表示不印。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_label: Option<String>,
    /// 表号的位置：above（标题上方居中）、above-right、above-left、inline（与标题同一行）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_position: Option<String>,
    /// 页面方向：portrait（纵向）或 landscape（横向）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orientation: Option<String>,
    /// 续表：表格跨页时，后续各页重复的表头之上先印这一行（如“{number}（续）”“续表”，
    /// {number} 代表表号），其下再印编制单位、金额单位一行；不写或写 "" 则只重复表头。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continued: Option<String>,
    /// 表头下的栏次行：不写则无；mark 为文字列的符号（如 ※），first 为第一列的文字（如 栏次）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbering: Option<NumberingFile>,
    /// 四舍五入尾差的说明：分项列示数之和与列示的合计不等时印在表下的一句话；
    /// 写 "" 表示不印。省略时为“注：由于四舍五入因素，部分分项加和与合计可能略有差异。”
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding_note: Option<String>,
}

/// 栏次行。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberingFile {
    /// 文字列印的符号，如 ※；金额列印 1、2、3……
    pub mark: String,
    /// 第一列的文字（如 栏次），省略时同 mark。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
}

/// tables.yaml 中的一张表。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    /// 表的标识（在表套内唯一），如 t6；核对关系和模板用它引用这张表。
    pub id: String,
    /// 印出的表号，如 表6、公开06表；省略则不印表号。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// 表名，可含 {year}、{org}。
    pub title: String,
    /// 本表取哪些预算明细（省略为全部）。
    #[serde(default)]
    pub scope: FilterFile,
    /// 行的构成：tree、fixed、balance 三者之一。
    pub rows: RowsFile,
    /// 表头：列的树，叶子为各列。
    pub header: Vec<HeaderFile>,
    /// 空表的印法。
    #[serde(default)]
    pub empty: EmptyFile,
    /// 列的合计关系：total 列等于 parts 各列之和。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sums: Vec<SumFile>,
    /// 表下方总要印的说明（如“注：1.“机关运行经费”指……”），不论表中有没有数；可含 {org}、{year}。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// 本表的数字与版式（改写 table_defaults）。
    #[serde(default)]
    pub format: FormatFile,
    /// 不印栏次行（即使 table_defaults 有）。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_numbering: bool,
    /// 单位预算中本表与部门预算不同的部分（写出的项整项替换，省略的项同部门预算）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<TableVariantFile>,
}

/// 单位预算中一张表的不同之处。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableVariantFile {
    /// 表名。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 行的构成。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<RowsFile>,
    /// 表头。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Vec<HeaderFile>>,
    /// 空表的印法。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty: Option<EmptyFile>,
    /// 列的合计关系。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sums: Option<Vec<SumFile>>,
    /// 本表的数字与版式。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<FormatFile>,
}

/// 筛选条件：各项同时成立；省略的项不限。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilterFile {
    /// 资金来源或资金来源组的名称。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<String>>,
    /// 支出类型：基本、项目、事业单位经营、对附属单位补助、上缴上级。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kinds: Option<Vec<String>>,
    /// true 为人员经费，false 为公用经费。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnel: Option<bool>,
    /// 经济分类类级编码（3 位）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub econ_classes: Option<Vec<String>>,
    /// 经济分类款级编码（5 位，含其下的项）或项级编码（7 位）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub econ_codes: Option<Vec<String>>,
    /// 功能分类编码前缀（如 208 取整个类）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub func_prefixes: Option<Vec<String>>,
    /// 政府经济分类编码前缀（3 位类或 5 位款，如 503 取整个类）：明细的 5xx 编码按科目目录的对照关系
    /// 由部门经济分类得出，或为明细自己写的 gov_econ。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gov_prefixes: Option<Vec<String>>,
    /// 单位性质：行政单位、参公事业单位、事业单位。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_kinds: Option<Vec<String>>,
    /// true 只取基本建设支出，false 不取。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital_construction: Option<bool>,
    /// true 只取写明政府采购品目（procurement）的明细，false 只取其余的。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procurement: Option<bool>,
    /// true 只取写明政府购买服务目录条目（service）的明细，false 只取其余的。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<bool>,
    /// true 取上年数（用于与上年比较的列）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_year: Option<bool>,
}

/// 行的构成（只写其中一种）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowsFile {
    /// 按单位、科目、项目逐级分组的行。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tree: Option<TreeFile>,
    /// 固定的行，每行有自己的筛选条件。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<Vec<FixedRowFile>>,
    /// 左右两栏的收支表。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<BalanceFile>,
    /// 报表目录：文件的各张表（和绩效目标表）按印出顺序每张一行，注明是否空表、表格为空的理由。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<RegisterFile>,
}

/// 报表目录的行。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterFile {
    /// 空表在“是否空表”一栏印的字，如“是”（有数的表这一栏空白）。
    pub mark: String,
    /// 绩效目标表在目录中的一行；省略则目录不列绩效目标表。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forms: Option<RegisterFormsFile>,
}

/// 报表目录中绩效目标表的一行（标题取 forms.yaml 项目表的 title）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterFormsFile {
    /// 目录给它的表号，如“表14”。
    pub number: String,
    /// 列在哪张表之后（表的 id）；省略则列在最后。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// 输入没有项目绩效目标时“表格为空的理由”一栏印的文字，如“不涉及”。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// 分组的行。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreeFile {
    /// 合计行；省略则无合计行。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<TotalFile>,
    /// 各级分组，外层在前。
    pub levels: Vec<LevelFile>,
    /// 按年度分行：每一行印三行（上年数、本年数、增减变化金额），年度印在 period 列。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<YearsFile>,
}

/// 按年度分行的印法。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearsFile {
    /// 上年一行的年度，如“{prev_year} 年”；各金额列按本列的 filter 取上年输入（last_year.input）的明细。
    pub last: String,
    /// 本年一行的年度，如“{year} 年”。
    pub this: String,
    /// 增减一行的年度，如“增减变化金额”（本年数减上年数）。
    pub change: String,
    /// 没有上年输入时，部门一行的上年数取输入中填写的上年数：金额列标识 → 比较键
    /// （如 abroad_general: three_public.abroad）；未列出的列印 0。
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub compare: BTreeMap<String, String>,
}

/// 合计行。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TotalFile {
    /// 标签，如 总计、合 计。
    pub label: String,
    /// 位置：top（首行，默认）或 bottom（末行）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
}

/// 一级分组。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelFile {
    /// 按什么分组：org（整个部门一行，印部门名称，在各单位之上）、unit、func_class、func_section、func_item、
    /// econ_class、econ_item、econ_sub、econ（明细写的部门经济分类，款或项）、gov_class、gov_item、project、parent（项目的上级项目，
    /// 每级一行，只能单独成一级）、procurement、
    /// service_class、service_item、service（明细的政府购买服务目录一级、二级、三级）、line（每条明细一行）；
    /// 用 + 连接表示每个组合一行（如 func_item+project）。
    pub by: String,
    /// 印哪些行：used（有金额的，默认）或 catalogue（科目目录中的全部）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<String>,
    /// 按顺序必印的编码（无金额也印）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codes: Option<Vec<String>>,
    /// 按项目分组时，不属于任何项目的明细（基本支出）那一行的标签。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub without_project: Option<String>,
    /// 按项目分组时，只印项目说明中填写了这一项的项目（如 goal：项目支出绩效表只列有绩效目标的项目）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_with: Option<String>,
    /// true：这一级只分组、不印它自己的行，其下各行逐组接着印（如按单位分段、不印单位行）。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// 这一级某些行印出的名称（编码 → 名称），代替科目名称表中的名称，如 301: 工资和福利支出。
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
}

/// 固定的一行。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedRowFile {
    /// 行的标识（表内唯一），核对关系用它引用这一行。
    pub key: String,
    /// 印出的标签。
    #[serde(default)]
    pub label: String,
    /// 缩进层级；0 级的行加起来是合计。
    #[serde(default)]
    pub level: u8,
    /// 本行取哪些明细（省略为表内全部）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<FilterFile>,
    /// 空行（只印标签，不印金额）。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub blank: bool,
    /// 零行：输入中没有的数（如收支总表的“结转下年支出”），只印标签和零（按 format.zero 印，
    /// 如 0.00），不取任何明细；不能再写 filter。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub zero: bool,
    /// 本行等于哪些行之和（行标识）；两栏表右侧写 classes 表示全部类级科目行。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<String>,
    /// 是否为合计行。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub total: bool,
    /// 两栏表右侧的行：与左栏哪一行（行标识）印在同一行。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beside: Option<String>,
    /// 没有金额时不印这一行（如多数部门没有的“国有资本经营预算拨款收入”、本地区不印而个别
    /// 部门才有的上年结转）。标签中的 {cn} 按同一层级实际印出的行依次编为一、二、三……，
    /// 不印的行不占序号。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// 两栏的收支表。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BalanceFile {
    /// 左栏（收入）的行。
    pub left: Vec<FixedRowFile>,
    /// 右栏的类级科目行：used（有金额的）或 catalogue（全部类）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<String>,
    /// 按顺序必印的类级编码（替代 classes）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_codes: Option<Vec<String>>,
    /// class_codes 中科目目录没有的类的名称（如 234: 抗疫特别国债安排的支出）；输入的明细用到的类
    /// 仍以输入和目录的名称为准。
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub class_names: BTreeMap<String, String>,
    /// 右栏功能分类列到第几级：1 只列类（默认），2 列到款，3 列到项；款、项只列有数的，
    /// 印在所属的类之下，每深一级缩进一格。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<u8>,
    /// 右栏类级科目之前的固定行（如 一、本年支出）。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub right_top: Vec<FixedRowFile>,
    /// 右栏类级科目之后的固定行（本年支出合计、结转下年……）。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub right: Vec<FixedRowFile>,
    /// 左栏合计的标签，如 收入总计。
    pub left_total: String,
    /// 右栏合计的标签，如 支出总计。
    pub right_total: String,
    /// 两栏合计行的位置：bottom（末行，默认）或 top（紧接表头，合计在各项之上）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_position: Option<String>,
    /// 右栏之后的各栏（如有的收支总表在功能分类之后，又按部门经济分类、政府经济分类列出同样的支出），
    /// 按印出的先后。第 k 栏占表头中第 k+1 个 right_label 列及其后的金额列。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub panes: Vec<PaneFile>,
}

/// 收支表右栏之后的又一栏：固定的行，各按自己的 filter 取明细。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaneFile {
    /// 这一栏的行（写法同 right，可用 beside 与左栏的行对齐）。
    pub rows: Vec<FixedRowFile>,
    /// 这一栏在合计行印的标签，如 支出总计。
    pub total: String,
}

/// 表头的一格：有 children 的是分组，否则是一列（写明这一列放什么）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderFile {
    /// 印出的文字。
    #[serde(default)]
    pub label: String,
    /// 下一级表头（分组时）。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<HeaderFile>,
    /// 编码列：类、款、项（分列），或 full（一列印完整编码）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 名称列的格式：{name} 名称、{code} 编码、{cn} 一二三序号、{n} 123 序号，如“[{code}]{name}”。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 名称列只印这些维度的名称（行按几个维度组合分组时，如政府采购支出表一行中的
    /// project、econ_item、procurement_item、procurement_form 各占一列）；行没有其中任何一个维度时不印。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dims: Vec<String>,
    /// 项目名称列。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub project: bool,
    /// 项目属性列：输入 projects 中该项目的 kind（项目类型）、parent（一级项目）或
    /// implementer（实施单位；未填写时印该项目明细所属的单位）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_attr: Option<String>,
    /// 两栏表左栏的标签列。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub left_label: bool,
    /// 两栏表左栏的金额列（列标识）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_amount: Option<String>,
    /// 两栏表右栏的标签列，值为类级科目行的格式，如“{code} {name}”。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right_label: Option<String>,
    /// 金额列（列标识）：本行明细中符合 filter 的金额之和。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// 金额列加总的是明细的什么：amount（金额，默认）、sme_reserved（政府采购中预留给中小企业的份额）
    /// 或 small_micro_reserved（其中预留给小型、微型企业的份额）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// 年度列：按年度分行的表（rows.tree.years）在这一列印每行的年度。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub period: bool,
    /// 增减额列（列标识）：of 列减 base 列。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
    /// 增减百分比列（列标识）：(of − base) / base。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_percent: Option<String>,
    /// 增减列的本期列。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// 增减列的比较列。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// 金额列的筛选条件。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<FilterFile>,
    /// 金额列（或增减额列）的零值印空白（本表其余各列按 format.zero 印）。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub blank_zero: bool,
}

/// 空表的印法。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmptyFile {
    /// 空表下方的说明，可含 {org}、{year}。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// 空表仍印合计行。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub total_row: bool,
    /// 空表印的空行数：合计行在上时印在合计行之下，在下时印在其上。
    #[serde(default)]
    pub blank_rows: usize,
    /// 空表第一行第一格印的字，如“无”（省略则不印）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// 报表目录在本表为空时印的“表格为空的理由”，如“不涉及”。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// 列的合计关系。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SumFile {
    /// 合计列的标识。
    pub total: String,
    /// 分项列的标识。
    pub parts: Vec<String>,
}

/// checks.yaml：表间核对关系。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecksFile {
    /// 等式：left 各单元格之和等于 right 各单元格之和；单元格写作“表.行.列”，如 t1.total.in。
    #[serde(default)]
    pub identities: Vec<IdentityFile>,
    /// 两张表的列逐行一致。
    #[serde(default)]
    pub agreements: Vec<AgreementFile>,
}

/// 一个等式。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentityFile {
    /// 等式的说明（报错时显示）。
    pub name: String,
    /// 左边的单元格。
    pub left: Vec<String>,
    /// 右边的单元格。
    pub right: Vec<String>,
}

/// 逐行一致的两组列。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementFile {
    /// 说明（报错时显示）。
    pub name: String,
    /// 第一张表及其列（相加）。
    pub a: ColumnsFile,
    /// 第二张表及其列（相加）。
    pub b: ColumnsFile,
}

/// 一张表的若干列。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnsFile {
    /// 表的标识。
    pub table: String,
    /// 列的标识。
    pub columns: Vec<String>,
}

/// narrative.yaml：情况说明印出的数字。模板按 name 引用它们；每个数字写且只写一种
/// （sum、cell、list、group、names、count、compared、texts、by_org_kind）。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NarrativeFile {
    /// 数字的印法（省略时为万元、两位小数、千分位）。
    #[serde(default)]
    pub numbers: NumbersFile,
    /// 数字，按顺序计算；share_of、label_of 只能引用前面的数字。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureFile>,
}

/// 情况说明中数字的印法。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumbersFile {
    /// 金额单位：万元 或 元。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 金额的小数位数。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    /// 百分比的小数位数。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_decimals: Option<u32>,
    /// 是否用千分位逗号（金额和百分比）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separators: Option<bool>,
    /// true：金额和百分比去掉小数末尾的 0（13.20 印 13.2，0.00 印 0，34.0% 印 34%）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trim: Option<bool>,
}

/// 一个数字。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FigureFile {
    /// 模板中的名称（字母、数字、下划线），如 general_total。
    pub name: String,
    /// 筛选出的预算明细之和（金额）；全部明细写 sum: {}。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<FilterFile>,
    /// 某张表的一个单元格（金额），写作 表.行.列，如 t1.total.amount。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// 若干条带名称的金额（如收入按来源、“三公”经费各项）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<ListFile>,
    /// 预算明细按一个维度分组（如一般公共预算支出按类、按项）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupFile>,
    /// 某一维度的名称，去重后连接（如人员经费包括的经济分类款）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names: Option<NamesFile>,
    /// 某一维度不同取值的个数（如项目个数）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<CountFile>,
    /// 一个与上年比较的金额（如机关运行经费）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared: Option<ComparedFile>,
    /// 输入中的说明文字及其项目的金额：projects（项目说明）或 carryover（结转项目用途）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub texts: Option<TextsFile>,
    /// 随单位性质变化的文字：行政单位、参公事业单位、事业单位 → 文字，default 为其余情况。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_org_kind: Option<BTreeMap<String, String>>,
}

/// 带名称的金额列表。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListFile {
    /// 这组数字是什么（用于提示信息和填报工作簿的“上年预算”表），如“收入”。
    pub title: String,
    /// 各条。
    pub entries: Vec<ListEntryFile>,
    /// 占比的分母：前面某个金额数字的 name；省略时为本列表合计。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of: Option<String>,
    /// 与上年比较时的比较键前缀：条目 general 对应上年数 {compare}.general。省略则不比较。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<String>,
    /// 保留哪些条目：all（全部，默认）、arranged（本年或上年有数及 always 的）、with_money（本年有数的）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep: Option<String>,
    /// 本年和上年都为零的条目也与上年比较（如“三公”经费各项）。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub compare_zero: bool,
}

/// 列表的一条。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListEntryFile {
    /// 条目的键（列表内唯一；比较键的最后一段）。
    pub key: String,
    /// 印出的名称。
    pub label: String,
    /// 取哪些预算明细。
    #[serde(default)]
    pub filter: FilterFile,
    /// keep: arranged 时，本年和上年都为零也保留（模板可印“未安排”）。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub always: bool,
}

/// 分组。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupFile {
    /// 这组数字是什么（用于提示信息），如“一般公共预算当年拨款”。
    #[serde(default)]
    pub title: String,
    /// 维度：unit、func_class、func_section、func_item、econ_class、econ_item、project。
    pub by: String,
    /// 取哪些预算明细。
    #[serde(default)]
    pub filter: FilterFile,
    /// 占比的分母：前面某个金额数字的 name；省略时为各组合计。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of: Option<String>,
    /// 每组“主要用于”的写法：组内明细再按一个维度分组后连接。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses: Option<UsesFile>,
    /// 与上年比较时的比较键前缀：编码 2011301 对应上年数 {compare}.2011301，只有上年有数的编码也列出。
    /// 按功能分类项比较时写 items（即输入的 last_year.items）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<String>,
    /// 哪些组须说明变动原因：all（有增减的每一组，默认）；模板只用 most_decreased（减少最多的一组）、
    /// most_increased（增加最多的一组）时，写 most_decreased、most_increased 或两者都要的 most_changed；
    /// 只写增减、不写原因时写 none。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
}

/// “主要用于”的写法。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UsesFile {
    /// 维度（同 group.by）。
    pub by: String,
    /// 每一项的写法：{name} 名称、{code} 编码、{amount} 金额，如 "{name}{amount}万元"。
    pub pattern: String,
    /// 恰好两项时的连接词，如“和”。
    pub two: String,
    /// 其他情况的连接符，如“，”。
    pub many: String,
}

/// 名称连接。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NamesFile {
    /// 维度（同 group.by）。
    pub by: String,
    /// 取哪些预算明细。
    #[serde(default)]
    pub filter: FilterFile,
    /// 连接符，如“、”。
    pub sep: String,
}

/// 计数。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountFile {
    /// 维度（同 group.by）。
    pub by: String,
    /// 取哪些预算明细。
    #[serde(default)]
    pub filter: FilterFile,
}

/// 一个与上年比较的金额。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComparedFile {
    /// 印出的名称（与 label_of 二选一）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// 名称取前面某个 by_org_kind 数字的文字。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_of: Option<String>,
    /// 比较键，如 running_costs。
    pub key: String,
    /// 取哪些预算明细。
    #[serde(default)]
    pub filter: FilterFile,
    /// 占比的分母：前面某个金额数字的 name；省略时为它自己。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of: Option<String>,
    /// 本年和上年都为零时也与上年比较。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub compare_zero: bool,
}

/// 说明文字。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextsFile {
    /// projects（输入的 projects：项目说明）或 carryover（输入的 carryover：结转项目用途）。
    pub list: String,
    /// 每条的金额取该项目的哪些预算明细。
    #[serde(default)]
    pub filter: FilterFile,
    /// 每条另外印出的部分金额：名称 → 在 filter 之内再筛选的明细（如“含上年结转”：
    /// `carry: {sources: [上年结转]}`，模板写 `{{parts.carry}}`）。
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parts: BTreeMap<String, FilterFile>,
    /// 是否每个项目都要有说明（默认 true：缺说明的项目提示 W408/W409）；false 为只说明输入列出的项目
    /// （如只说明报全国人大审议的一级项目）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<bool>,
}

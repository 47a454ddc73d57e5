//! The rule catalogue: every check gongkai makes, with a stable ID and severity.
//!
//! IDs never change meaning once published: scripts filter on them. The first digit is
//! the family: 1 input structure, 2 classification codes, 3 amounts, 4 references and
//! texts, 5 identities between derived tables, 6 profile bundles, 7 checking a published
//! document (`gongkai check`).

use serde::Serialize;

use crate::diag::Severity;

macro_rules! rules {
    ($( $(#[$doc:meta])* $name:ident = ($id:literal, $slug:literal, $sev:ident, $title:literal); )*) => {
        /// A check gongkai makes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[$doc])* $name, )*
        }

        impl Rule {
            /// Every rule, in ID order.
            pub const ALL: &'static [Rule] = &[$(Rule::$name),*];

            /// The stable ID, `E301`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$name => $id,)* }
            }

            /// A short English slug, `negative-amount`.
            pub fn slug(self) -> &'static str {
                match self { $(Rule::$name => $slug,)* }
            }

            /// The rule's severity.
            pub fn severity(self) -> Severity {
                match self { $(Rule::$name => Severity::$sev,)* }
            }

            /// What the rule checks, in Chinese.
            pub fn title(self) -> &'static str {
                match self { $(Rule::$name => $title,)* }
            }
        }
    };
}

rules! {
    /// YAML or workbook syntax that cannot be read at all.
    Syntax = ("E100", "syntax", Error, "输入文件无法解析");
    /// A field name the format does not have (often a misspelling).
    UnknownField = ("E101", "unknown-field", Error, "未知字段（常见于拼写错误）");
    /// The same key twice in one mapping: one of the two would be lost.
    DuplicateKey = ("E102", "duplicate-key", Error, "同一层级出现重复字段");
    /// A value of the wrong kind (a list where a number belongs, …).
    WrongType = ("E103", "wrong-type", Error, "字段类型不对");
    /// A required field is absent.
    MissingField = ("E104", "missing-field", Error, "缺少必填字段");
    /// A value outside the allowed set (fund source, kind, …).
    BadValue = ("E105", "bad-value", Error, "取值不在允许范围内");
    /// A table structure problem in a workbook (sheet or header moved, merged cells, …).
    BadLayout = ("E106", "bad-layout", Error, "工作簿结构不符合模板");
    /// A text longer than a format can hold (an Excel cell's 32,767 characters).
    TextTooLong = ("E107", "text-too-long", Error, "文字超过允许长度");
    /// A list with more entries than the documented limit.
    TooManyItems = ("E108", "too-many-items", Error, "条目数超过允许范围");
    /// A function or economic code that is not a well-formed code.
    MalformedCode = ("E201", "malformed-code", Error, "科目编码格式错误");
    /// A code whose 类 or 款 does not exist, so it cannot be placed in the hierarchy.
    UnresolvedCode = ("E202", "unresolved-code", Error, "科目编码的类或款无法确定");
    /// A code the catalogue does not know, without a name in the input.
    UnknownCodeUnnamed = ("E203", "unknown-code-unnamed", Error, "科目编码不在目录中且未填写名称");
    /// A code the catalogue does not know, named in the input.
    UnknownCodeNamed = ("W204", "unknown-code-named", Warning, "科目编码不在目录中，使用输入中的名称");
    /// A known code given with another name.
    CodeNameMismatch = ("W205", "code-name-mismatch", Warning, "科目名称与目录不一致");
    /// An economic code used with a kind of spending it cannot belong to.
    EconomicKindMismatch = ("W206", "economic-kind-mismatch", Warning, "经济分类与支出类型不匹配");
    /// A line's 政府经济分类 cannot be found, in a profile that prints tables by it.
    GovEconomicUnmapped = ("E207", "gov-economic-unmapped", Error, "无法确定政府经济分类");
    /// A line's own `gov_econ` is not a 政府经济分类 款 of the catalogue.
    UnknownGovEconomic = ("E208", "unknown-gov-economic", Error, "政府经济分类编码不在目录中");
    /// An amount that is not a number.
    NotANumber = ("E301", "not-a-number", Error, "金额不是数字");
    /// A negative amount.
    NegativeAmount = ("E302", "negative-amount", Error, "金额为负数");
    /// An amount finer than 0.01 元.
    TooPrecise = ("E303", "too-precise", Error, "金额精度超过 0.01 元");
    /// A zero budget line, which prints nothing.
    ZeroLine = ("W304", "zero-line", Warning, "预算明细金额为零");
    /// A number outside its documented range.
    OutOfRange = ("E305", "out-of-range", Error, "数值超出允许范围");
    /// Full-width digits or punctuation in a number, read as their ASCII forms.
    FullWidthNumber = ("I306", "full-width-number", Info, "全角数字已按半角读取");
    /// A project line without a project name.
    ProjectWithoutName = ("E401", "project-without-name", Error, "项目支出未填写项目名称");
    /// A basic-spending line that names a project.
    BasicWithProject = ("E402", "basic-with-project", Error, "基本支出不应填写项目名称");
    /// A line refers to a unit that is not listed.
    UnknownUnit = ("E403", "unknown-unit", Error, "单位不在下属单位列表中");
    /// A figure the narrative compares with last year has no reason.
    MissingReason = ("E404", "missing-reason", Error, "与上年比较的数字缺少变动原因");
    /// A figure the narrative compares with last year has no last-year figure.
    MissingLastYear = ("E405", "missing-last-year", Error, "与上年比较的数字缺少上年预算数");
    /// A last-year entry that no figure of this year compares with.
    UnusedLastYear = ("W406", "unused-last-year", Warning, "上年数据没有对应的本年数字");
    /// A description for a project that has no budget lines.
    UnknownProject = ("E407", "unknown-project", Error, "项目说明对应的项目没有预算明细");
    /// A project of 表7 without its description (第三部分 七).
    MissingProjectText = ("W408", "missing-project-text", Warning, "一般公共预算项目缺少项目说明");
    /// A carry-over project without its use (第三部分 十一).
    MissingCarryoverText = ("W409", "missing-carryover-text", Warning, "上年结转项目缺少用途说明");
    /// Two entries for the same thing.
    DuplicateEntry = ("E410", "duplicate-entry", Error, "重复的条目");
    /// A required text is empty.
    EmptyText = ("E411", "empty-text", Error, "必填文字为空");
    /// A unit id used twice, or a unit with the department's name.
    DuplicateUnit = ("E412", "duplicate-unit", Error, "单位标识重复");
    /// A date that is not a calendar date.
    BadDate = ("E413", "bad-date", Error, "日期格式错误");
    /// Performance-target funding that does not add up to the budget it describes.
    PerformanceFunding = ("W414", "performance-funding", Warning, "绩效目标表资金与预算不一致");
    /// A reason that speaks of cuts for a figure that grew (or of growth for one that fell).
    ReasonDirection = ("W415", "reason-direction", Warning, "变动原因与增减方向相反");
    /// The same text given for two different items (a copy-paste slip).
    RepeatedText = ("W416", "repeated-text", Warning, "两个不同项目的说明文字完全相同");
    /// A control character (or a line break where one line is expected) in a text.
    ControlCharacter = ("E417", "control-character", Error, "文字中有控制字符");
    /// Invisible format characters (zero-width space, BOM, …) removed from a text.
    InvisibleCharacter = ("I418", "invisible-character", Info, "已删除不可见字符");
    /// A character no font of the PDF can draw.
    MissingGlyph = ("E419", "missing-glyph", Error, "PDF 字体无法显示的字");
    /// A last-year entry under a key the profile does not compare.
    UnknownCompareKey = ("E420", "unknown-compare-key", Error, "上年数的比较键不在表套中");
    /// A last-year figure that differs from the one last year's input gives.
    LastYearDisagrees = ("W421", "last-year-disagrees", Warning, "上年数与上年输入计算结果不一致");
    /// Last year's input cannot be read or has errors.
    LastYearInput = ("E422", "last-year-input", Error, "上年输入文件无法使用");
    /// A line whose fund source no table of the profile prints as income of its own.
    UnplacedSource = ("E423", "unplaced-source", Error, "资金来源不在此表套的收入栏目中");
    /// A last-year entry the profile does not compare and that is no misspelling of one
    /// it does (kept for another profile): ignored, and said so.
    IgnoredCompareKey = ("W424", "ignored-compare-key", Warning, "此表套不比较的上年数（已忽略）");
    /// 部门代码 and 单位代码 given in part, or a 单位代码 outside its 部门代码: tables
    /// that print them would nest the units wrongly.
    UnitCodes = ("E425", "unit-codes", Error, "部门代码与单位代码不完整或不一致");
    /// A reason given for a change the narrative names no reason for (a group that
    /// explains only its largest fall or rise): it would be lost without a word.
    UnprintedReason = ("W426", "unprinted-reason", Warning, "变动原因不会印出");
    /// A 政府采购 total typed under `procurement` that differs from the sum of the lines
    /// procured under that category: the narrative and the 政府采购 table would disagree.
    ProcurementTotal = ("E427", "procurement-total", Error, "政府采购合计与预算明细不一致");
    /// A unit's document of a department with several units, compared with last year's
    /// figures typed in the input: those are the department's, so the unit's changes on
    /// last year are not its own. Only a last-year input gives a unit its own figures.
    UnitComparedWithDepartment = ("W428", "unit-compared-with-department", Warning, "单位预算与上年的比较用的是部门的上年数");
    /// A programme's stated 本级支出 (`performance.programmes[].own`) below the department's
    /// own lines of the programme: the form would print less than the department itself
    /// spends of it.
    ProgrammeOwnSpending = ("E429", "programme-own-spending", Error, "专项资金的本级支出少于本部门属于它的预算明细之和");
    /// A line's reserved 政府采购 share (中小企业, 小型、微型企业) above what it is a share
    /// of, or on a line not procured.
    ReservedShare = ("E430", "reserved-share", Error, "政府采购预留份额超出所属金额");
    /// Programme targets (`performance.programmes`) under a profile without a programme
    /// form: they would be left out of the document without a word.
    UnprintedProgramme = ("W431", "unprinted-programme", Warning, "表套没有专项资金绩效目标表，专项资金不会印出");
    /// A row of a derived table differs from the sum of its child rows.
    RowSum = ("E501", "row-sum", Error, "上级科目不等于下级科目之和");
    /// A total column differs from the sum of its parts.
    ColumnSum = ("E502", "column-sum", Error, "合计列不等于分项列之和");
    /// Two derived tables disagree where they must agree.
    CrossTable = ("E503", "cross-table", Error, "表间勾稽关系不成立");
    /// Money of the budget lines that does not reach the tables whose scope includes it.
    MoneyNotConserved = ("E504", "money-not-conserved", Error, "预算明细金额未完整计入公开表");
    /// A printed total differs from the sum of its printed parts (display rounding).
    DisplayRounding = ("I510", "display-rounding", Info, "四舍五入后合计数与分项之和存在尾差");
    /// A profile bundle lacks a file it needs.
    ProfileMissingFile = ("E601", "profile-missing-file", Error, "表套缺少必需的文件");
    /// Two tables, columns, rows or templates of a profile share an id.
    ProfileDuplicateId = ("E602", "profile-duplicate-id", Error, "表套中的标识重复");
    /// A reference to a table that the profile does not have.
    ProfileUnknownTable = ("E603", "profile-unknown-table", Error, "引用了不存在的表");
    /// A reference to a column that the table does not have.
    ProfileUnknownColumn = ("E604", "profile-unknown-column", Error, "引用了不存在的列");
    /// A reference to a row that the table does not have.
    ProfileUnknownRow = ("E605", "profile-unknown-row", Error, "引用了不存在的行");
    /// A fund source or source group that does not exist.
    ProfileUnknownSource = ("E606", "profile-unknown-source", Error, "引用了不存在的资金来源或资金来源组");
    /// A reference to a template that the profile does not have.
    ProfileUnknownTemplate = ("E607", "profile-unknown-template", Error, "引用了不存在的模板");
    /// A template of the profile that does not parse or render.
    ProfileTemplate = ("E608", "profile-template", Error, "表套模板有误");
    /// A value of a profile outside its allowed set.
    ProfileBadValue = ("E609", "profile-bad-value", Error, "表套中的取值不在允许范围内");
    /// A setting of a profile missing, or two that exclude each other.
    ProfileConflict = ("E610", "profile-conflict", Error, "表套中的设置缺失或互相冲突");
    /// A reference to a narrative figure that the profile does not have (or has later).
    ProfileUnknownFigure = ("E611", "profile-unknown-figure", Error, "引用了不存在的情况说明数字");
    /// A document `gongkai check` cannot read at all (not a PDF or workbook, no text layer).
    CheckUnreadable = ("E701", "check-unreadable", Error, "公开文件无法读取");
    /// No profile's tables were found in the document.
    CheckNoProfile = ("E702", "check-no-profile", Error, "无法确定公开文件所用的表套");
    /// A table of the profile that the document does not have (or that cannot be found).
    CheckTableMissing = ("E703", "check-table-missing", Error, "公开文件中未找到表套规定的表");
    /// A line inside a table that could not be read as one of its rows.
    CheckRowUnread = ("W704", "check-row-unread", Warning, "表中有无法识别的行");
    /// An amount that could not be placed in a column of its table.
    CheckColumnUnread = ("W705", "check-column-unread", Warning, "金额无法对应到表的列");
    /// A printed row differs from the sum of its printed child rows.
    CheckRowSum = ("E711", "check-row-sum", Error, "公开表中上级科目与下级科目之和不符");
    /// A printed total column differs from the sum of its printed parts.
    CheckColumnSum = ("E712", "check-column-sum", Error, "公开表中合计列与分项列之和不符");
    /// Two printed tables disagree where the profile says they agree.
    CheckCrossTable = ("E713", "check-cross-table", Error, "公开表之间的数字不一致");
    /// A printed difference of one unit in the last digit: display rounding.
    CheckRounding = ("I714", "check-rounding", Info, "公开表中的尾差（末位相差 1）");
    /// A figure of the narrative that differs from the table that holds it.
    CheckTextAmount = ("E721", "check-text-amount", Error, "情况说明中的金额与公开表不符");
    /// A figure of the narrative in 元 where the tables say 万元 (or the other way).
    CheckTextUnit = ("E722", "check-text-unit", Error, "情况说明中的金额单位错误");
    /// A share of the narrative that does not follow from its figures.
    CheckTextShare = ("E723", "check-text-share", Error, "情况说明中的占比计算错误");
    /// A change of the narrative (amount or percentage) that does not follow from its
    /// figures.
    CheckTextChange = ("E724", "check-text-change", Error, "情况说明中的增减额或增减幅度计算错误");
    /// Direction words that contradict each other or the sign (增加…下降, 持平 with a change).
    CheckTextDirection = ("E725", "check-text-direction", Error, "情况说明中的增减方向用词矛盾");
    /// A reason that argues against the change it explains.
    CheckTextReason = ("W726", "check-text-reason", Warning, "情况说明中的变动原因与增减方向相反");
    /// A share or percentage one unit off in its last digit: rounding of exact figures.
    CheckTextRounding = ("I727", "check-text-rounding", Info, "情况说明中的比率尾差（末位相差 1）");
    /// A table of the document that its profile does not list: not read, so figures of
    /// the text that may come from it are not judged against the other tables.
    CheckTableUnlisted = ("I706", "check-table-unlisted", Info, "公开文件中有表套未列的表（未读取）");
    /// A row of a performance-target form that does not fill its grid, or reaches past it.
    ProfileFormGrid = ("E612", "profile-form-grid", Error, "绩效目标表的格子与表格的列数不符");
    /// A value of the input that a performance-target form cannot show.
    ProfileUnknownField = ("E613", "profile-unknown-field", Error, "绩效目标表引用了不存在的值");
}

/// A rule as data, for `gongkai rules` and JSON output.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    /// Stable ID.
    pub id: &'static str,
    /// English slug.
    pub slug: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Chinese title.
    pub title: &'static str,
}

impl Rule {
    /// The rule as a serialisable record.
    pub fn info(self) -> RuleInfo {
        RuleInfo { id: self.id(), slug: self.slug(), severity: self.severity(), title: self.title() }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn ids_are_unique_and_match_severity() {
        let mut seen = BTreeSet::new();
        for rule in Rule::ALL {
            assert!(seen.insert(rule.id()), "duplicate id {}", rule.id());
            let letter = match rule.severity() {
                Severity::Error => 'E',
                Severity::Warning => 'W',
                Severity::Info => 'I',
            };
            assert!(rule.id().starts_with(letter), "{} has severity {:?}", rule.id(), rule.severity());
        }
    }
}

//! What a profile's narrative states: figures declared over the lines, evaluated by
//! [`crate::figures`] into the templates' context.
//!
//! The vocabulary is generic: sums over filters, one table cell, lists of labelled sums,
//! groupings by a dimension, names, counts, single comparisons with last year, the texts
//! of the input with their amounts, and words that depend on the 单位性质. A region's
//! 情况说明 is its list of figures and its templates; nothing regional is Rust.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::checks::CellRef;
use super::filter::Filter;
use super::table::Dim;
use crate::facts::OrgKind;
use crate::money::MoneyUnit;

/// The narrative of a profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NarrativeSpec {
    /// The figures, in order: a figure may refer to those before it.
    pub figures: Vec<NamedFigure>,
    /// How the text prints amounts and percentages.
    pub numbers: TextNumbers,
}

/// A figure and its name in the templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedFigure {
    /// The name templates use (`income`, `general_total`).
    pub name: String,
    /// What it is.
    pub figure: Figure,
}

/// How the narrative prints numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextNumbers {
    /// The unit amounts are printed in.
    pub unit: MoneyUnit,
    /// Decimal places of amounts.
    pub decimals: u32,
    /// Decimal places of percentages.
    pub percent_decimals: u32,
    /// Thousands separators, in amounts and percentages (`2,002.35%`).
    pub separators: bool,
    /// Trailing zeros of the decimals dropped (`13.2`, `0`, `34%` for 13.20, 0.00, 34.0%),
    /// as some documents print their text's figures.
    #[serde(default)]
    pub trim: bool,
}

impl Default for TextNumbers {
    fn default() -> Self {
        TextNumbers { unit: MoneyUnit::Wan, decimals: 2, percent_decimals: 2, separators: true, trim: false }
    }
}

/// One declared figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Figure {
    /// The sum of the lines a filter selects: an amount.
    Sum(Filter),
    /// One cell of a derived table: an amount.
    Cell(CellRef),
    /// Labelled sums, one entry each (收入 by source group, the “三公” items).
    List(ListFigure),
    /// The lines grouped by a dimension (一般公共预算 by 类, by 项).
    Group(GroupFigure),
    /// The distinct names of a dimension among some lines, joined (人员经费 includes …).
    Names(NamesFigure),
    /// How many distinct values of a dimension some lines have (项目个数).
    Count(CountFigure),
    /// One amount compared with last year (机关运行经费).
    Compared(ComparedFigure),
    /// An input list of texts (项目说明, 结转项目用途), each with its project's amount.
    Texts(TextsFigure),
    /// A word that depends on the department's 单位性质 (机关运行经费 / 事业单位运行经费).
    ByOrgKind(ByOrgKindFigure),
}

/// Labelled sums.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListFigure {
    /// What the entries are, for messages and the workbook's 上年预算 sheet (`收入`).
    pub title: String,
    /// The entries, in order.
    pub entries: Vec<ListEntry>,
    /// The amount figure each entry's share is taken of; `None`: the list's own total.
    pub share_of: Option<String>,
    /// The comparison key prefix: entry `general` compares with last year's
    /// `{prefix}.general`; `None`: not compared.
    pub compare: Option<String>,
    /// Which entries the list keeps.
    pub keep: Keep,
    /// Entries are compared with last year even when both years are zero.
    pub compare_zero: bool,
}

/// An entry of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListEntry {
    /// Key, unique in the list (the last part of its comparison key).
    pub key: String,
    /// Label as printed.
    pub label: String,
    /// Which lines it adds up.
    pub filter: Filter,
    /// Kept (with [`Keep::Arranged`]) even when both years are zero: printed as not
    /// arranged.
    pub always: bool,
}

/// Which entries a list keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Keep {
    /// Every entry.
    All,
    /// Entries with money this year or last year, and those marked `always`.
    Arranged,
    /// Entries with money this year.
    WithMoney,
}

/// Lines grouped by a dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupFigure {
    /// What the groups are, for messages (`一般公共预算当年拨款`).
    pub title: String,
    /// The dimension.
    pub by: Dim,
    /// Which lines.
    pub filter: Filter,
    /// The amount figure each group's share is taken of; `None`: the groups' total.
    pub share_of: Option<String>,
    /// What each group is mainly for: its lines grouped again, joined.
    pub uses: Option<Uses>,
    /// The comparison key prefix: group `2011301` compares with last year's
    /// `{prefix}.2011301`, and groups that only last year had are listed too.
    pub compare: Option<String>,
    /// Which compared groups need a reason for their change.
    pub reasons: Reasons,
}

/// Which entries of a compared group need a reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reasons {
    /// Every group that changed.
    #[default]
    All,
    /// Only the group that fell most (the text names only it).
    MostDecreased,
    /// Only the group that rose most.
    MostIncreased,
    /// Only the groups that fell and rose most.
    MostChanged,
    /// None: the text states each change without a reason (a list of projects, each
    /// with its change on last year).
    None,
}

/// A group's uses: its lines by another dimension, each printed by a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uses {
    /// The dimension.
    pub by: Dim,
    /// Each use printed: `{name}`, `{code}`, `{amount}`.
    pub pattern: String,
    /// Joiner of exactly two uses (`和`).
    pub two: String,
    /// Joiner otherwise (`，`).
    pub many: String,
}

/// Distinct names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamesFigure {
    /// The dimension.
    pub by: Dim,
    /// Which lines.
    pub filter: Filter,
    /// Joiner.
    pub sep: String,
}

/// Distinct values of a dimension among some lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountFigure {
    /// The dimension.
    pub by: Dim,
    /// Which lines.
    pub filter: Filter,
}

/// An amount compared with last year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparedFigure {
    /// The label as printed.
    pub label: Label,
    /// This year: a sum over lines.
    pub filter: Filter,
    /// The amount figure its share is taken of; `None`: itself.
    pub share_of: Option<String>,
    /// The comparison key.
    pub key: String,
    /// Compared with last year even when both years are zero.
    pub compare_zero: bool,
}

/// A label: fixed text, or the text of an earlier [`Figure::ByOrgKind`] figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Label {
    /// The text.
    Text(String),
    /// The figure whose word is the label.
    Of(String),
}

/// An input list of texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextsFigure {
    /// Which list.
    pub list: TextList,
    /// The lines whose amounts each entry's project adds up.
    pub filter: Filter,
    /// Named parts of each entry's amount: the lines of `filter` that also pass these
    /// (含上年结转).
    pub parts: BTreeMap<String, Filter>,
    /// Whether every project of the list is to be described (W408/W409 for one without a
    /// text), or only those the input chooses.
    pub every: bool,
}

/// The input's lists of texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextList {
    /// `projects`: 项目说明.
    Projects,
    /// `carryover`: 结转项目用途.
    Carryover,
}

/// A word by 单位性质.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByOrgKindFigure {
    /// The word for each kind named.
    pub words: BTreeMap<OrgKind, String>,
    /// The word for the others.
    pub default: String,
}

/// A figure compared with last year, as the input names it: a row of the workbook's
/// 上年预算 sheet, an entry of the input's `last_year`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparedKey {
    /// The key, `income.general`.
    pub key: String,
    /// What it belongs to (`收入`).
    pub group: String,
    /// What it is (`一般公共预算`).
    pub label: String,
}

impl NarrativeSpec {
    /// A figure by name.
    pub fn figure(&self, name: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.name == name).map(|f| &f.figure)
    }

    /// Every fixed comparison key, in the order of the figures.
    pub fn compared_keys(&self) -> Vec<ComparedKey> {
        let mut out = Vec::new();
        for f in &self.figures {
            match &f.figure {
                Figure::List(ListFigure { title, entries, compare: Some(prefix), .. }) => {
                    out.extend(entries.iter().map(|e| ComparedKey {
                        key: format!("{prefix}.{}", e.key),
                        group: title.clone(),
                        label: e.label.clone(),
                    }));
                }
                Figure::Compared(c) => out.push(ComparedKey {
                    key: c.key.clone(),
                    group: String::new(),
                    label: self.label_text(&c.label),
                }),
                _ => {}
            }
        }
        out
    }

    /// The comparison key prefixes of groups (keys by code), with their title and
    /// dimension.
    pub fn compared_groups(&self) -> Vec<(&str, &str, Dim)> {
        self.figures
            .iter()
            .filter_map(|f| match &f.figure {
                Figure::Group(GroupFigure { title, by, compare: Some(prefix), .. }) => {
                    Some((prefix.as_str(), title.as_str(), *by))
                }
                _ => None,
            })
            .collect()
    }

    /// A label for people: the text, or the words of a figure joined by ／.
    fn label_text(&self, label: &Label) -> String {
        match label {
            Label::Text(t) => t.clone(),
            Label::Of(name) => match self.figure(name) {
                Some(Figure::ByOrgKind(b)) => {
                    let mut words: Vec<&str> = b.words.values().map(String::as_str).collect();
                    words.push(&b.default);
                    words.dedup();
                    words.join("／")
                }
                _ => name.clone(),
            },
        }
    }
}

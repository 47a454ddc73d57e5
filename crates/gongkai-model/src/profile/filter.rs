//! Selections of budget lines: the one way a profile says which lines a table, a column,
//! a row or a narrative figure adds up.

use serde::{Deserialize, Serialize};

use crate::facts::{Fact, OrgKind};
use crate::source::{Kind, Source};

/// A selection of budget lines. Every condition that is set must hold; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    /// Allowed fund sources.
    pub sources: Option<Vec<Source>>,
    /// Allowed kinds of spending (基本, 项目, 事业单位经营 …).
    pub kinds: Option<Vec<Kind>>,
    /// 人员经费 (true) or 公用经费 (false); decided per line by the profile's rule.
    pub personnel: Option<bool>,
    /// Allowed economic 类 (3 digits).
    pub econ_classes: Option<Vec<String>>,
    /// Allowed economic 款 (5 digits).
    pub econ_codes: Option<Vec<String>>,
    /// Allowed function codes, by prefix (`208` takes every 项 of the 类).
    pub func_prefixes: Option<Vec<String>>,
    /// Allowed 政府经济分类 codes of the line (its 5xx 款), by prefix (`503` takes the 类).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gov_prefixes: Option<Vec<String>>,
    /// Allowed kinds of the line's unit (行政单位, 参公事业单位, 事业单位).
    pub unit_kinds: Option<Vec<OrgKind>>,
    /// Lines of 基本建设 projects (true) or all others (false).
    pub capital_construction: Option<bool>,
    /// Lines procured under a 政府采购 category (true) or not procured (false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procurement: Option<bool>,
    /// Lines that buy a 政府购买服务 entry (true) or not (false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<bool>,
    /// Lines of this year (`false`, the default of every amount column) or of last year's
    /// figures (`true`).
    pub last_year: Option<bool>,
}

impl Filter {
    /// The filter that takes every line.
    pub fn all() -> Filter {
        Filter::default()
    }

    /// The filter that takes no line: a fixed row for a figure the input does not hold
    /// (收支总表's 结转下年支出), printed as zero in the table's zero style.
    pub fn none() -> Filter {
        Filter { kinds: Some(Vec::new()), ..Filter::default() }
    }

    /// Lines of the given sources.
    pub fn sources(sources: &[Source]) -> Filter {
        Filter { sources: Some(sources.to_vec()), ..Filter::default() }
    }

    /// Whether `fact` passes. A line of last year's figures passes only a filter that asks
    /// for last year.
    pub fn matches(&self, fact: &Fact) -> bool {
        self.matches_in_year(fact, self.last_year.unwrap_or(false))
    }

    /// Whether `fact` passes the filter as if it asked for last year's lines (`true`) or
    /// this year's (`false`): without a copy of the filter per line.
    pub fn matches_in_year(&self, fact: &Fact, last_year: bool) -> bool {
        fact.last_year == last_year && self.matches_either_year(fact)
    }

    /// Whether `fact` passes every condition but the year: a table's scope takes the lines
    /// of either year, each column then picks its own.
    pub fn matches_either_year(&self, fact: &Fact) -> bool {
        self.sources.as_ref().is_none_or(|s| s.contains(&fact.source))
            && self.kinds.as_ref().is_none_or(|k| k.contains(&fact.kind))
            && self.personnel.is_none_or(|p| p == fact.personnel)
            && self.econ_classes.as_ref().is_none_or(|c| c.iter().any(|c| c == fact.econ_class()))
            // A 款 takes the 项 under it.
            && self.econ_codes.as_ref().is_none_or(|c| c.iter().any(|c| fact.econ.starts_with(c.as_str())))
            && self.func_prefixes.as_ref().is_none_or(|p| p.iter().any(|p| fact.func.starts_with(p.as_str())))
            && self.gov_prefixes.as_ref().is_none_or(|p| p.iter().any(|p| fact.gov_econ.starts_with(p.as_str())))
            && self.unit_kinds.as_ref().is_none_or(|k| k.contains(&fact.unit_kind))
            && self.capital_construction.is_none_or(|c| c == fact.capital_construction)
            && self.procurement.is_none_or(|p| p == fact.procurement.is_some())
            && self.service.is_none_or(|s| s == fact.service.is_some())
    }

    /// This filter and `other` together: every condition of both.
    pub fn and(&self, other: &Filter) -> Filter {
        fn both<T: Clone + PartialEq>(a: &Option<Vec<T>>, b: &Option<Vec<T>>) -> Option<Vec<T>> {
            match (a, b) {
                (Some(a), Some(b)) => Some(a.iter().filter(|x| b.contains(x)).cloned().collect()),
                (Some(a), None) => Some(a.clone()),
                (None, b) => b.clone(),
            }
        }
        Filter {
            sources: both(&self.sources, &other.sources),
            kinds: both(&self.kinds, &other.kinds),
            personnel: self.personnel.or(other.personnel),
            econ_classes: both(&self.econ_classes, &other.econ_classes),
            econ_codes: both(&self.econ_codes, &other.econ_codes),
            func_prefixes: both(&self.func_prefixes, &other.func_prefixes),
            gov_prefixes: both(&self.gov_prefixes, &other.gov_prefixes),
            unit_kinds: both(&self.unit_kinds, &other.unit_kinds),
            capital_construction: self.capital_construction.or(other.capital_construction),
            procurement: self.procurement.or(other.procurement),
            service: self.service.or(other.service),
            last_year: self.last_year.or(other.last_year),
        }
    }
}

//! The code catalogue: names of 支出功能分类, 部门预算支出经济分类 (3xx) and
//! 政府预算支出经济分类 (5xx) codes, and the 3xx → 5xx correspondence.
//!
//! The catalogue is data: tab-separated files in the repository's `catalogue/` folder
//! (`function.tsv`, `economic.tsv`, `economic-gov.tsv`, `dept-to-gov.tsv`, with
//! `sources.tsv` saying where each row comes from), compiled into the binary and read once.
//! A name may hold for some budget years only (`from`/`until`), so a 2018 document prints
//! 医疗卫生与计划生育支出 where a 2026 one prints 卫生健康支出. A code the catalogue
//! lacks must carry its name in the input (rule W204), so the catalogue stays
//! conservative: it lists codes seen in published budgets or in 政府收支分类科目.

use std::sync::OnceLock;

use crate::facts::OrgKind;

const FUNCTION_TSV: &str = include_str!("../../../catalogue/function.tsv");
const ECONOMIC_TSV: &str = include_str!("../../../catalogue/economic.tsv");
const GOV_TSV: &str = include_str!("../../../catalogue/economic-gov.tsv");
const DEPT_TO_GOV_TSV: &str = include_str!("../../../catalogue/dept-to-gov.tsv");

/// One name of one code, for the years it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The code: 3, 5 or 7 digits.
    pub code: &'static str,
    /// Its name in the years `from..=until`.
    pub name: &'static str,
    /// First budget year of the name; `None` from the start.
    pub from: Option<u16>,
    /// Last budget year of the name; `None` while it holds.
    pub until: Option<u16>,
    /// Whether most departments use the code (the workbook's code list and the synthetic
    /// generator draw from these).
    pub common: bool,
    /// Keys of `catalogue/sources.tsv`, comma-separated.
    pub source: &'static str,
}

impl Entry {
    /// Whether the name holds in the budget year `year`.
    pub fn holds_in(&self, year: u16) -> bool {
        self.from.is_none_or(|f| f <= year) && self.until.is_none_or(|u| year <= u)
    }
}

/// Which classification a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classification {
    /// 支出功能分类.
    Function,
    /// 部门预算支出经济分类 (3xx).
    Economic,
    /// 政府预算支出经济分类 (5xx).
    Government,
}

/// A row of the 3xx → 5xx correspondence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// A 部门经济分类 款 (5 digits) or 类 (3).
    pub dept: &'static str,
    /// `Some(true)` for 机关 (行政单位 and 参公事业单位), `Some(false)` for 事业单位,
    /// `None` for any unit.
    pub organ: Option<bool>,
    /// `Some(true)` for 基本建设 lines, `Some(false)` for others, `None` for either.
    pub capital: Option<bool>,
    /// The 政府经济分类 款.
    pub gov: &'static str,
    /// Keys of `catalogue/sources.tsv`.
    pub source: &'static str,
}

struct Catalogue {
    function: Vec<Entry>,
    economic: Vec<Entry>,
    government: Vec<Entry>,
    pairs: Vec<Pair>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue {
        function: entries(FUNCTION_TSV),
        economic: entries(ECONOMIC_TSV),
        government: entries(GOV_TSV),
        pairs: pairs(DEPT_TO_GOV_TSV),
    })
}

/// The data rows of a file: neither comments nor the header line.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
}

/// The entries of a names file, sorted by code and first year. A malformed row is left
/// out; the tests below prove there is none.
fn entries(text: &'static str) -> Vec<Entry> {
    let year = |s: &str| if s.is_empty() { Some(None) } else { s.parse().ok().map(Some) };
    let mut out: Vec<Entry> = rows(text)
        .filter_map(|r| match r[..] {
            [code, name, from, until, common, source] => Some(Entry {
                code,
                name,
                from: year(from)?,
                until: year(until)?,
                common: !common.is_empty(),
                source,
            }),
            _ => None,
        })
        .collect();
    out.sort_by_key(|e| (e.code, e.from));
    out
}

fn pairs(text: &'static str) -> Vec<Pair> {
    let flag = |s: &str, yes: &str, no: &str| match s {
        "*" => Some(None),
        s if s == yes => Some(Some(true)),
        s if s == no => Some(Some(false)),
        _ => None,
    };
    rows(text)
        .filter_map(|r| match r[..] {
            [dept, org, capital, gov, source] => Some(Pair {
                dept,
                organ: flag(org, "机关", "事业")?,
                capital: flag(capital, "是", "否")?,
                gov,
                source,
            }),
            _ => None,
        })
        .collect()
}

fn table(of: Classification) -> &'static [Entry] {
    let c = catalogue();
    match of {
        Classification::Function => &c.function,
        Classification::Economic => &c.economic,
        Classification::Government => &c.government,
    }
}

/// Every name of one code, oldest first.
fn names_of(of: Classification, code: &str) -> &'static [Entry] {
    let t = table(of);
    let start = t.partition_point(|e| e.code < code);
    let end = start + t[start..].partition_point(|e| e.code == code);
    &t[start..end]
}

/// The name of a code in the budget year `year`, if the catalogue knows one for that year.
pub fn name_in(of: Classification, code: &str, year: u16) -> Option<&'static str> {
    names_of(of, code).iter().find(|e| e.holds_in(year)).map(|e| e.name)
}

/// The current name of a code (the one that still holds), if the catalogue knows it.
pub fn name(of: Classification, code: &str) -> Option<&'static str> {
    names_of(of, code).iter().rev().find(|e| e.until.is_none()).map(|e| e.name)
}

/// Every name a code has had, oldest first (a reader matching a printed name to its code
/// does not know the year's).
pub fn names(of: Classification, code: &str) -> impl Iterator<Item = &'static str> {
    names_of(of, code).iter().map(|e| e.name)
}

/// Every code of one length (3 类, 5 款, 7 项) of a classification, in code order, once.
pub fn codes(of: Classification, len: usize) -> impl Iterator<Item = &'static str> {
    let t = table(of);
    t.iter()
        .enumerate()
        .filter(move |(i, e)| e.code.len() == len && (*i == 0 || t[i - 1].code != e.code))
        .map(|(_, e)| e.code)
}

/// The common codes of one length with their current names, in code order.
fn common(of: Classification, len: usize) -> impl Iterator<Item = (&'static str, &'static str)> {
    table(of)
        .iter()
        .filter(move |e| e.common && e.until.is_none() && e.code.len() == len)
        .map(|e| (e.code, e.name))
}

/// The function 类 printed on the expenditure side of a balance table, in order.
pub fn function_classes() -> impl Iterator<Item = (&'static str, &'static str)> {
    table(Classification::Function)
        .iter()
        .filter(|e| e.code.len() == 3 && e.until.is_none())
        .map(|e| (e.code, e.name))
}

/// The common function 项 (7 digits), with their names.
pub fn function_items() -> impl Iterator<Item = (&'static str, &'static str)> {
    common(Classification::Function, 7)
}

/// The common economic 款 (5 digits), with their names.
pub fn economic_items() -> impl Iterator<Item = (&'static str, &'static str)> {
    common(Classification::Economic, 5)
}

/// The current name of a function code (类, 款 or 项), if the catalogue knows it.
pub fn function_name(code: &str) -> Option<&'static str> {
    name(Classification::Function, code)
}

/// The current name of an economic code (类 or 款), if the catalogue knows it.
pub fn economic_name(code: &str) -> Option<&'static str> {
    name(Classification::Economic, code)
}

/// The 政府经济分类 款 of a line with the 部门经济分类 款 `econ`, of a unit of `kind`,
/// 基本建设 or not: the most specific row of the correspondence (a 款 before its 类, a
/// named unit kind or 基本建设 before "any"), or `None` when no row maps it.
pub fn gov_of(econ: &str, kind: OrgKind, capital: bool) -> Option<&'static Pair> {
    let organ = !matches!(kind, OrgKind::Institution);
    catalogue()
        .pairs
        .iter()
        .filter(|p| {
            econ.starts_with(p.dept)
                && p.organ.is_none_or(|o| o == organ)
                && p.capital.is_none_or(|c| c == capital)
        })
        .max_by_key(|p| (p.dept.len(), p.organ.is_some(), p.capital.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Data rows of a file, to prove that the parser kept every one of them.
    fn data_rows(text: &str) -> usize {
        text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count() - 1
    }

    #[test]
    fn every_row_of_every_file_is_read() {
        assert_eq!(catalogue().function.len(), data_rows(FUNCTION_TSV));
        assert_eq!(catalogue().economic.len(), data_rows(ECONOMIC_TSV));
        assert_eq!(catalogue().government.len(), data_rows(GOV_TSV));
        assert_eq!(catalogue().pairs.len(), data_rows(DEPT_TO_GOV_TSV));
    }

    #[test]
    fn codes_are_hierarchical_and_names_do_not_overlap_in_time() {
        let sources: Vec<&str> = include_str!("../../../catalogue/sources.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .collect();
        for of in [Classification::Function, Classification::Economic, Classification::Government] {
            let t = table(of);
            for (i, e) in t.iter().enumerate() {
                assert!(e.code.chars().all(|c| c.is_ascii_digit()), "{e:?}");
                assert!(matches!(e.code.len(), 3 | 5 | 7), "{e:?}");
                assert!(!e.name.trim().is_empty(), "{e:?}");
                assert!(e.source.split(',').all(|s| sources.contains(&s)), "unknown source in {e:?}");
                if e.code.len() > 3 {
                    let parent = &e.code[..e.code.len() - 2];
                    assert!(!names_of(of, parent).is_empty(), "{} has no parent {parent}", e.code);
                }
                if let Some(next) = t.get(i + 1).filter(|n| n.code == e.code) {
                    // One name per year: the earlier name ends before the next begins.
                    let (until, from) = (e.until.expect("closed"), next.from.expect("opened"));
                    assert!(until < from, "{} has overlapping names", e.code);
                }
            }
            assert!(t.iter().filter(|e| e.until.is_none()).count() > 0);
        }
    }

    #[test]
    fn names_follow_the_budget_year() {
        assert_eq!(name_in(Classification::Function, "210", 2026), Some("卫生健康支出"));
        assert_eq!(name_in(Classification::Function, "210", 2018), Some("医疗卫生与计划生育支出"));
        assert_eq!(function_name("210"), Some("卫生健康支出"));
        assert_eq!(function_name("2111101"), Some("生态环境监测与信息"));
        assert_eq!(economic_name("30231"), Some("公务用车运行维护费"));
        assert_eq!(function_name("2119999"), None);
        // 政府经济分类 began with the 2018 budgets.
        assert_eq!(name_in(Classification::Government, "50201", 2017), None);
        assert_eq!(name_in(Classification::Government, "50201", 2026), Some("办公经费"));
    }

    #[test]
    fn knows_all_function_classes() {
        let classes: Vec<_> = function_classes().map(|(c, _)| c).collect();
        assert_eq!(classes.len(), 29);
        assert_eq!(classes.first(), Some(&"201"));
        assert_eq!(classes.last(), Some(&"233"));
        assert!(classes.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn every_pair_names_codes_of_the_catalogue() {
        for p in &catalogue().pairs {
            let of_dept = names_of(Classification::Economic, p.dept);
            assert!(!of_dept.is_empty(), "{p:?}: 3xx code not in economic.tsv");
            assert!(p.gov.len() == 5 && !names_of(Classification::Government, p.gov).is_empty(), "{p:?}");
        }
    }

    #[test]
    fn the_correspondence_follows_the_unit_kind_and_basic_construction() {
        let gov = |econ, kind, capital| gov_of(econ, kind, capital).map(|p| p.gov);
        // Salaries: 机关 by item, 事业单位 by class.
        assert_eq!(gov("30101", OrgKind::Administrative, false), Some("50101"));
        assert_eq!(gov("30101", OrgKind::CivilServiceInstitution, false), Some("50101"));
        assert_eq!(gov("30101", OrgKind::Institution, false), Some("50501"));
        assert_eq!(gov("30215", OrgKind::Administrative, false), Some("50202"));
        assert_eq!(gov("30215", OrgKind::Institution, false), Some("50502"));
        // 基本建设 moves 机关 capital spending from 503 to 504.
        assert_eq!(gov("31002", OrgKind::Administrative, false), Some("50306"));
        assert_eq!(gov("31002", OrgKind::Administrative, true), Some("50404"));
        assert_eq!(gov("31002", OrgKind::Institution, true), Some("50602"));
        // Transfers to persons are the same for every unit.
        assert_eq!(gov("30302", OrgKind::Institution, false), Some("50905"));
        // What no row maps has no 5xx code.
        assert_eq!(gov("31303", OrgKind::Administrative, false), None);
    }
}

//! This year against last year: every figure the profile's narrative compares, with last
//! year's and this year's amounts as printed, the change (amount and percentage, computed
//! from the printed figures as the narrative does) and whether a reason explains it.

use gongkai_model::diag::{Diagnostic, Path};
use gongkai_model::facts::Facts;
use gongkai_model::figures::{Change, Numbers, comparisons};
use gongkai_model::profile::NarrativeSpec;
use gongkai_model::rules::Rule;
use rust_decimal::Decimal;
use serde::Serialize;

/// Whether the input explains a compared figure's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Explained {
    /// A reason is given and agrees with the direction of the change.
    Yes,
    /// A reason is given but argues the opposite direction (W415).
    Contradicts,
    /// No reason is given (E404 when the figure is compared).
    Missing,
    /// Zero in both years: the narrative does not compare it.
    NotCompared,
}

impl Explained {
    /// The Chinese words for it.
    pub fn label(self) -> &'static str {
        match self {
            Explained::Yes => "已说明",
            Explained::Contradicts => "原因与增减方向相反",
            Explained::Missing => "未说明原因",
            Explained::NotCompared => "两年均为零，不比较",
        }
    }
}

/// One compared figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearChange {
    /// The comparison key (`income.general`, `func.2080505`).
    pub key: String,
    /// What it is: `收入“一般公共预算”`.
    pub what: String,
    /// Last year's figure as printed, when known.
    pub last: Option<String>,
    /// This year's figure as printed.
    pub this: String,
    /// Last year's exact amount, 万元.
    pub last_exact: Option<Decimal>,
    /// This year's exact amount, 万元.
    pub this_exact: Decimal,
    /// The change as the narrative prints it, when last year is known.
    pub change: Option<Change>,
    /// The reason given, as typed.
    pub reason: Option<String>,
    /// Whether the reason explains the change.
    pub explained: Explained,
    /// The rule ids of the findings about this figure's entry (W415, W406, …).
    pub findings: Vec<String>,
}

/// The comparison with last year, in the narrative's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearReport {
    /// The unit the figures print in, `万元`.
    pub unit: String,
    /// Last year's budget year.
    pub last_year: u16,
    /// This budget year.
    pub year: u16,
    /// Every compared figure.
    pub figures: Vec<YearChange>,
}

fn within(path: &Path, place: &Path) -> bool {
    path.0.len() >= place.0.len() && path.0[..place.0.len()] == place.0[..]
}

/// Every figure `spec` compares with last year, from `facts` (with last year's input
/// attached when the budget names one); `findings` are the analysis's, for the verdict.
pub fn compare(spec: &NarrativeSpec, facts: &Facts, findings: &[Diagnostic]) -> YearReport {
    let n = Numbers(spec.numbers);
    let direction = Rule::ReasonDirection.id();
    let figures = comparisons(spec, facts)
        .into_iter()
        .map(|c| {
            let about: Vec<&Diagnostic> =
                findings.iter().filter(|d| d.path.as_ref().is_some_and(|p| within(p, &c.path))).collect();
            let explained = if !c.compared {
                Explained::NotCompared
            } else if c.reason.is_none() {
                Explained::Missing
            } else if about.iter().any(|d| d.rule == direction) {
                Explained::Contradicts
            } else {
                Explained::Yes
            };
            YearChange {
                what: c.what,
                last: c.last.map(|l| n.amount(l)),
                this: n.amount(c.this),
                last_exact: c.last,
                this_exact: c.this,
                change: c.last.map(|l| n.change(c.this, l)),
                reason: c.reason,
                explained,
                findings: about.iter().map(|d| d.rule.clone()).collect(),
                key: c.key,
            }
        })
        .collect();
    YearReport {
        unit: spec.numbers.unit.label().to_owned(),
        last_year: facts.dept.year.saturating_sub(1),
        year: facts.dept.year,
        figures,
    }
}

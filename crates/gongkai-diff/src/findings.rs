//! Findings that appeared or went between two analyses.
//!
//! A finding is the same on both sides when its rule and message are: its place may move
//! (a line inserted above it shifts every line number below) without it being new.

use std::collections::BTreeMap;

use gongkai_model::diag::Diagnostic;
use serde::Serialize;

/// The findings only one side has, each in its side's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FindingChanges {
    /// In the new analysis only.
    pub appeared: Vec<Diagnostic>,
    /// In the old analysis only.
    pub went: Vec<Diagnostic>,
}

impl FindingChanges {
    /// Whether no finding appeared or went.
    pub fn is_empty(&self) -> bool {
        self.appeared.is_empty() && self.went.is_empty()
    }
}

fn identity(d: &Diagnostic) -> (&str, &str) {
    (d.rule.as_str(), d.message.as_str())
}

/// The findings of `side` that `other` lacks, counting repeats: a finding given twice on
/// one side and once on the other appeared (or went) once.
fn only_in(side: &[Diagnostic], other: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut left: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for d in other {
        *left.entry(identity(d)).or_default() += 1;
    }
    let mut out = Vec::new();
    for d in side {
        match left.get_mut(&identity(d)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(d.clone()),
        }
    }
    out
}

/// The findings that appeared and went from `old` to `new`.
pub fn diff(old: &[Diagnostic], new: &[Diagnostic]) -> FindingChanges {
    FindingChanges { appeared: only_in(new, old), went: only_in(old, new) }
}

#[cfg(test)]
mod tests {
    use gongkai_model::rules::Rule;

    use super::*;

    #[test]
    fn moved_findings_are_the_same_and_repeats_count() {
        let d = |m: &str, line: usize| {
            Diagnostic::new(Rule::MissingReason, m.to_owned())
                .at(gongkai_model::diag::Path::root().key("lines").index(line))
        };
        let old = [d("甲", 1), d("乙", 2)];
        let new = [d("甲", 5), d("甲", 6), d("丙", 7)];
        let c = diff(&old, &new);
        let msgs = |v: &[Diagnostic]| v.iter().map(|d| d.message.clone()).collect::<Vec<_>>();
        assert_eq!(msgs(&c.appeared), ["甲", "丙"]);
        assert_eq!(msgs(&c.went), ["乙"]);
    }
}

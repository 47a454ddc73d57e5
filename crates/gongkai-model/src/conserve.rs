//! Conservation of money: every budget line's amount reaches the fact table, and every
//! table whose scope includes it.
//!
//! The identities of [`crate::check`] compare tables with each other; they cannot see a
//! line that never reached any table. These checks compare with the input itself:
//!
//! 1. each input line is a fact, unless errors stop publication (so that a line can never
//!    vanish while validation passes);
//! 2. each table's total row holds, in every amount column, exactly the money of the
//!    lines its scope and the column's filter select, summed here independently of the
//!    pivot engine.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Path};
use crate::facts::Facts;
use crate::money::fmt2;
use crate::profile::{ColumnSpec, HeaderNode, Profile, RowScheme};
use crate::rules::Rule;
use crate::table::Table;

/// Checks that no line was lost. `lines` is the number of input lines, `findings` what
/// validation reported about the input.
pub fn check(
    lines: usize,
    facts: &Facts,
    findings: &[Diagnostic],
    profile: &Profile,
    tables: &[Table],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let in_facts: BTreeSet<usize> = facts.lines.iter().map(|f| f.line).collect();
    // A line left out of the facts is fine only while errors stop publication: its own
    // error, or its code's (reported once, at the code's first line). Without any error,
    // a missing line would be published as if it did not exist.
    let stopped = findings.iter().any(Diagnostic::is_error);
    for i in (0..lines).filter(|i| !in_facts.contains(i) && !stopped) {
        out.push(
            Diagnostic::new(Rule::MoneyNotConserved, format!("第 {} 条预算明细没有计入任何公开表", i + 1))
                .at(Path::root().key("lines").index(i))
                .hint("这是 gongkai 的内部错误，请把输入文件报告给维护者"),
        );
    }
    // A source no table prints as income would be added into totals without a row or a
    // column of its own: the income tables would not add up to their totals. Reported
    // once per source, at its first line. A profile that prints no income by source at
    // all has nothing to leave out.
    let placed = profile.placed_sources();
    let mut reported = BTreeSet::new();
    for f in facts.lines.iter().filter(|f| !placed.is_empty() && !placed.contains(&f.source)) {
        if reported.insert(f.source) {
            let names: Vec<&str> = placed.iter().map(|s| s.label()).collect();
            out.push(
                Diagnostic::new(
                    Rule::UnplacedSource,
                    format!("此表套没有列示资金来源“{}”的收入行或栏目", f.source.label()),
                )
                .at(Path::root().key("lines").index(f.line).key("source"))
                .hint(format!("此表套列示的资金来源：{}", names.join("、"))),
            );
        }
    }
    for table in tables {
        let Some(spec) = profile.table(&table.id) else { continue };
        if table.row("total").is_none() {
            continue;
        }
        // Last year's lines too: a 上年 column (`last_year: true`) adds up last year's input,
        // so each column's filter is taken together with the scope, as the engine does.
        let all: Vec<_> = facts.lines.iter().chain(&facts.last_lines).collect();
        // A listing's total row has its own filter (表10 adds up “三公” codes), and a
        // two-sided table's left side its own rows: the identities check those.
        let (tree, balance) =
            (matches!(spec.rows, RowScheme::Tree(_)), matches!(spec.rows, RowScheme::Balance(_)));
        if !tree && !balance {
            continue;
        }
        let mut leaves = Vec::new();
        leaf_columns(&spec.header, &mut leaves);
        for (label, column) in leaves {
            let expected: Decimal = match column {
                ColumnSpec::Amount { filter, measure, .. } => {
                    let wanted = spec.scope.and(filter);
                    all.iter().filter(|f| wanted.matches(f)).map(|f| measure.of(f)).sum()
                }
                ColumnSpec::LeftAmount { filter, .. } if tree => {
                    let wanted = spec.scope.and(filter);
                    all.iter().filter(|f| wanted.matches(f)).map(|f| f.amount).sum()
                }
                _ => continue,
            };
            let id = match column {
                ColumnSpec::Amount { id, .. } | ColumnSpec::LeftAmount { id, .. } => id,
                _ => continue,
            };
            let got = table.amount("total", id);
            if got != expected {
                out.push(Diagnostic::new(
                    Rule::MoneyNotConserved,
                    format!(
                        "{}“{label}”合计 {} 与预算明细之和 {} 不一致",
                        table.number,
                        fmt2(got),
                        fmt2(expected)
                    ),
                ));
            }
        }
    }
    out
}

fn leaf_columns<'a>(nodes: &'a [HeaderNode], out: &mut Vec<(&'a str, &'a ColumnSpec)>) {
    for n in nodes {
        match &n.column {
            Some(c) => out.push((&n.label, c)),
            None => leaf_columns(&n.children, out),
        }
    }
}

//! Conservation of money, as a property over random budgets: every line's amount reaches
//! the fact table and every table whose scope includes it, whatever the codes, units,
//! sources and kinds — including codes the catalogue lacks, named once or on every line.

use std::collections::BTreeMap;

use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::profile::{ColumnSpec, HeaderNode, RowScheme};
use gongkai_model::source::{Kind, Source};
use rust_decimal::Decimal;

use crate::common::{analyse, minimal};

/// A small deterministic generator (xorshift64*), so every run tests the same budgets.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Known and unknown function and economic codes (unknown ones need a name).
const FUNCS: &[(&str, bool)] = &[
    ("2080505", true),
    ("2110301", true),
    ("2210201", true),
    ("2080598", false),
    ("2296002", true),
    ("2210298", false),
];
const ECONS: &[(&str, bool)] =
    &[("30101", true), ("30201", true), ("30217", true), ("31013", true), ("30399", true), ("30298", false)];

/// One random budget: its YAML and, per line, (source, kind, econ, amount in 分).
fn budget(rng: &mut Rng) -> (String, Vec<(Source, Kind, String, i64)>) {
    let units = ["u1", "u2"];
    let name_every_line = rng.below(2) == 0;
    let mut named = BTreeMap::new();
    let mut text = String::new();
    let mut lines = Vec::new();
    for _ in 0..(1 + rng.below(40)) {
        let (func, func_known) = *rng.pick(FUNCS);
        let (econ, econ_known) = *rng.pick(ECONS);
        let source = *rng.pick(Source::ALL);
        let kind = if rng.below(2) == 0 { Kind::Basic } else { Kind::Project };
        let cents = i64::try_from(1 + rng.below(100_000_000)).unwrap();
        let mut line =
            format!("  - {{func: {func}, econ: {econ}, kind: {}, source: {}", kind.label(), source.label());
        if !func_known && (name_every_line || !named.contains_key(func)) {
            line.push_str(&format!(", func_name: 试点{func}"));
            named.insert(func, ());
        }
        if !econ_known && (name_every_line || !named.contains_key(econ)) {
            line.push_str(&format!(", econ_name: 试点{econ}"));
            named.insert(econ, ());
        }
        if kind == Kind::Project {
            line.push_str(&format!(", project: 项目{}", rng.below(5)));
        }
        if rng.below(3) == 0 {
            line.push_str(&format!(", unit: {}", rng.pick(&units)));
        }
        line.push_str(&format!(", amount: {}.{:02}}}\n", cents / 100, cents % 100));
        text.push_str(&line);
        lines.push((source, kind, econ.to_owned(), cents));
    }
    let yaml = minimal(&text).replacen(
        "lines:\n",
        "units:\n  - {id: u1, name: 一分局}\n  - {id: u2, name: 二分局}\nlines:\n",
        1,
    );
    (yaml, lines)
}

fn leaves<'a>(nodes: &'a [HeaderNode], out: &mut Vec<&'a ColumnSpec>) {
    for n in nodes {
        match &n.column {
            Some(c) => out.push(c),
            None => leaves(&n.children, out),
        }
    }
}

#[test]
fn every_line_reaches_every_table_whose_scope_includes_it() {
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..200 {
        let (yaml, lines) = budget(&mut rng);
        let a = analyse(&yaml).unwrap();
        // Only last-year comparisons may be missing: the lines themselves are valid.
        let errors: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.is_error() && !["E404", "E405"].contains(&d.rule.as_str()))
            .collect();
        assert!(errors.is_empty(), "case {case}: {errors:#?}\n{yaml}");
        let facts = a.facts.as_ref().unwrap();
        assert_eq!(facts.lines.len(), lines.len(), "case {case}: a line vanished\n{yaml}");
        // Per source and kind, the facts hold exactly the input's money (万元 = 分 / 1e6).
        let mut want: BTreeMap<(Source, Kind), Decimal> = BTreeMap::new();
        for (s, k, _, cents) in &lines {
            *want.entry((*s, *k)).or_default() += Decimal::new(*cents, 6);
        }
        let mut got: BTreeMap<(Source, Kind), Decimal> = BTreeMap::new();
        for f in &facts.lines {
            *got.entry((f.source, f.kind)).or_default() += f.amount;
        }
        assert_eq!(got, want, "case {case}");
        // Every table's total row holds the money of the input lines its scope and each
        // column select, computed from the input, not from the facts.
        for spec in &profile.tables {
            let Some(table) = a.tables.iter().find(|t| t.id == spec.id) else { panic!("{}", spec.id) };
            if matches!(spec.rows, RowScheme::Fixed(_)) || table.row("total").is_none() {
                continue;
            }
            let mut columns = Vec::new();
            leaves(&spec.header, &mut columns);
            for column in columns {
                let (id, filter) = match column {
                    // A reserved share is part of a line's amount, not money of its own.
                    ColumnSpec::Amount { id, filter, measure: gongkai_model::profile::Measure::Amount } => {
                        (id, Some(filter))
                    }
                    ColumnSpec::LeftAmount { id, filter } => (id, Some(filter)),
                    _ => continue,
                };
                let expected: Decimal = lines
                    .iter()
                    .zip(&facts.lines)
                    .filter(|(_, f)| spec.scope.matches(f) && filter.is_none_or(|x| x.matches(f)))
                    .map(|((_, _, _, cents), _)| Decimal::new(*cents, 6))
                    .sum();
                assert_eq!(table.amount("total", id), expected, "case {case}: {}.{id}\n{yaml}", spec.id);
            }
        }
        assert!(!a.diagnostics.iter().any(|d| d.rule == "E504"), "case {case}");
    }
}

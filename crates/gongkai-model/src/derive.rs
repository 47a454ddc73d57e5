//! The pivot engine: a profile's table specs applied to the fact table.
//!
//! Every amount is a sum over budget lines; no total is ever read from the input. Rows
//! record which rows they add up (`children`) so that [`crate::check`] can verify the
//! derivation and [`crate::rounding`] can spot display-rounding differences.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::catalogue;
use crate::facts::{Fact, Facts};
use crate::profile::{ColumnSpec, Filter, FixedRow, HeaderNode, RowScheme, TableSpec};
use crate::source::Kind;
use crate::table::{Cell, Column, ColumnKind, HeaderCell, Row, RowKind, Table};

/// Derives one table.
pub fn derive_table(spec: &TableSpec, facts: &Facts) -> Table {
    let columns = leaves(&spec.header);
    let (header, header_rows) = header_grid(&spec.header, &columns, spec.numbered);
    let scoped: Vec<&Fact> = facts.lines.iter().filter(|f| spec.scope.matches(f)).collect();
    let masks = Masks::new(&columns, &scoped);
    let mut b = Builder { columns: &columns, masks, rows: Vec::new() };
    match &spec.rows {
        RowScheme::FunctionTree { total } => {
            if !scoped.is_empty() {
                b.function_tree(total, &scoped, facts);
            }
        }
        RowScheme::EconomicTree { total } => {
            if !scoped.is_empty() {
                b.economic_tree(total, &scoped, facts);
            }
        }
        RowScheme::UnitFunctionProject { total } => {
            if !scoped.is_empty() {
                b.unit_function_project(total, &scoped, facts);
            }
        }
        RowScheme::UnitProject { total, basic } => {
            if !scoped.is_empty() {
                b.unit_project(total, basic, &scoped, facts);
            }
        }
        RowScheme::Fixed(rows) => b.fixed(rows, &scoped),
        RowScheme::Balance { left, left_total, right_total } => {
            b.balance(left, left_total, right_total, &scoped, facts);
        }
    }
    let empty_note = spec
        .empty_note
        .as_ref()
        .filter(|_| b.rows.is_empty())
        .map(|note| note.replace("{org}", facts.org()).replace("{year}", &facts.dept.year.to_string()));
    Table {
        id: spec.id.clone(),
        number: spec.number.clone(),
        title: spec.title.clone(),
        org: facts.org().to_owned(),
        unit: "万元".to_owned(),
        columns: columns.iter().map(|(label, c)| column(label, c)).collect(),
        header,
        header_rows,
        rows: b.rows,
        empty_note,
        notes: Vec::new(),
        spans: Vec::new(),
    }
}

fn column(label: &str, spec: &ColumnSpec) -> Column {
    let (kind, width, id) = match spec {
        ColumnSpec::Code(_) => (ColumnKind::Code, 5, None),
        ColumnSpec::Name => (ColumnKind::Text, 28, None),
        ColumnSpec::Project => (ColumnKind::Text, 26, None),
        ColumnSpec::LeftLabel | ColumnSpec::RightLabel => (ColumnKind::Text, 30, None),
        ColumnSpec::LeftAmount(id) => (ColumnKind::Amount, 12, Some(id.clone())),
        ColumnSpec::Amount { id, .. } => (ColumnKind::Amount, 12, Some(id.clone())),
    };
    Column { id, kind, label: label.to_owned(), width }
}

/// The leaves of a header tree, left to right: (label, column spec).
fn leaves(nodes: &[HeaderNode]) -> Vec<(String, ColumnSpec)> {
    let mut out = Vec::new();
    for n in nodes {
        match &n.column {
            Some(c) => out.push((n.label.clone(), c.clone())),
            None => out.extend(leaves(&n.children)),
        }
    }
    out
}

fn depth(nodes: &[HeaderNode]) -> usize {
    nodes.iter().map(|n| 1 + depth(&n.children)).max().unwrap_or(0)
}

fn width(node: &HeaderNode) -> usize {
    if node.children.is_empty() { 1 } else { node.children.iter().map(width).sum() }
}

/// Places the header tree on a grid: groups span their leaves, leaves span down to the
/// last header row. A numbering row (※ for text columns, 1, 2, 3 … for amounts) follows.
fn header_grid(
    nodes: &[HeaderNode],
    columns: &[(String, ColumnSpec)],
    numbered: bool,
) -> (Vec<HeaderCell>, usize) {
    fn place(nodes: &[HeaderNode], row: usize, mut col: usize, depth: usize, out: &mut Vec<HeaderCell>) {
        for n in nodes {
            let colspan = width(n);
            let rowspan = if n.children.is_empty() { depth - row } else { 1 };
            out.push(HeaderCell { text: n.label.clone(), row, col, rowspan, colspan });
            place(&n.children, row + 1, col, depth, out);
            col += colspan;
        }
    }
    let depth = depth(nodes);
    let mut cells = Vec::new();
    place(nodes, 0, 0, depth, &mut cells);
    if numbered {
        let mut n = 0;
        for (col, (_, spec)) in columns.iter().enumerate() {
            let text = match spec {
                ColumnSpec::Amount { .. } | ColumnSpec::LeftAmount(_) => {
                    n += 1;
                    n.to_string()
                }
                _ => "※".to_owned(),
            };
            cells.push(HeaderCell { text, row: depth, col, rowspan: 1, colspan: 1 });
        }
    }
    (cells, depth + usize::from(numbered))
}

struct Builder<'a> {
    columns: &'a [(String, ColumnSpec)],
    masks: Masks,
    rows: Vec<Row>,
}

/// Which amount columns each line counts in, decided once per table: a row then adds each
/// line's amount to its columns, instead of every column filtering every line of every
/// row again (which made a tree of 100,000 lines of one 项 slow).
struct Masks {
    /// Per input line index (`Fact::line`), one bit per amount column.
    bits: Vec<u64>,
    /// The grid column of each bit.
    columns: Vec<usize>,
}

impl Masks {
    fn new(columns: &[(String, ColumnSpec)], lines: &[&Fact]) -> Masks {
        let amount: Vec<(usize, Option<&Filter>)> = columns
            .iter()
            .enumerate()
            .filter_map(|(i, (_, c))| match c {
                ColumnSpec::Amount { filter, .. } => Some((i, Some(filter))),
                ColumnSpec::LeftAmount(_) => Some((i, None)),
                _ => None,
            })
            .take(64)
            .collect();
        let len = lines.iter().map(|f| f.line + 1).max().unwrap_or(0);
        let mut bits = vec![0u64; len];
        for f in lines {
            for (bit, (_, filter)) in amount.iter().enumerate() {
                if filter.is_none_or(|x| x.matches(f)) {
                    bits[f.line] |= 1 << bit;
                }
            }
        }
        Masks { bits, columns: amount.iter().map(|(i, _)| *i).collect() }
    }
}

/// The descriptive part of a row; amounts are filled in from its lines.
struct Label {
    kind: RowKind,
    key: String,
    level: u8,
    codes: [String; 3],
    name: String,
    project: String,
}

impl Label {
    fn new(kind: RowKind, key: impl Into<String>, level: u8, name: impl Into<String>) -> Self {
        Label {
            kind,
            key: key.into(),
            level,
            codes: Default::default(),
            name: name.into(),
            project: String::new(),
        }
    }

    fn codes(mut self, parts: &[&str]) -> Self {
        for (slot, part) in self.codes.iter_mut().zip(parts) {
            *slot = (*part).to_owned();
        }
        self
    }
}

fn sum(lines: &[&Fact], filter: &Filter) -> Decimal {
    lines.iter().filter(|f| filter.matches(f)).map(|f| f.amount).sum()
}

impl Builder<'_> {
    /// Adds a row whose amounts sum `lines`; returns its index.
    fn push(&mut self, label: Label, lines: &[&Fact]) -> usize {
        let mut sums = vec![Decimal::ZERO; self.columns.len()];
        for f in lines {
            let mut bits = self.masks.bits.get(f.line).copied().unwrap_or(0);
            while bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                sums[self.masks.columns[bit]] += f.amount;
                bits &= bits - 1;
            }
        }
        let cells = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, (_, spec))| match spec {
                ColumnSpec::Code(level) => {
                    let code = &label.codes[usize::from(*level)];
                    if code.is_empty() { Cell::Empty } else { Cell::Code(code.clone()) }
                }
                ColumnSpec::Name | ColumnSpec::LeftLabel => Cell::Text(label.name.clone()),
                ColumnSpec::Project => {
                    if label.project.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(label.project.clone())
                    }
                }
                ColumnSpec::RightLabel => Cell::Empty,
                ColumnSpec::LeftAmount(_) | ColumnSpec::Amount { .. } if self.masks.columns.contains(&i) => {
                    Cell::Amount(sums[i])
                }
                // More amount columns than mask bits: filter directly.
                ColumnSpec::LeftAmount(_) => Cell::Amount(lines.iter().map(|f| f.amount).sum()),
                ColumnSpec::Amount { filter, .. } => Cell::Amount(sum(lines, filter)),
            })
            .collect();
        self.rows.push(Row {
            kind: label.kind,
            key: label.key,
            level: label.level,
            children: Vec::new(),
            cells,
        });
        self.rows.len() - 1
    }

    fn adopt(&mut self, parent: usize, child: usize) {
        self.rows[parent].children.push(child);
    }

    /// 类 → 款 → 项 rows under `parent`; `prefix` keeps keys unique per unit.
    fn function_rows(&mut self, parent: usize, lines: &[&Fact], facts: &Facts, prefix: &str, projects: bool) {
        for (class, in_class) in group_by(lines, |f| f.func_class().to_owned()) {
            let r = self.push(
                Label::new(RowKind::Class, format!("{prefix}{class}"), 1, facts.func_name(&class))
                    .codes(&[&class]),
                &in_class,
            );
            self.adopt(parent, r);
            for (section, in_section) in group_by(&in_class, |f| f.func_section().to_owned()) {
                let s = self.push(
                    Label::new(RowKind::Section, format!("{prefix}{section}"), 2, facts.func_name(&section))
                        .codes(&[&class, &section[3..]]),
                    &in_section,
                );
                self.adopt(r, s);
                for (item, in_item) in group_by(&in_section, |f| f.func.clone()) {
                    let codes = [class.as_str(), &section[3..], &item[5..]];
                    if projects {
                        for (p, in_project) in group_by(&in_item, |f| f.project.unwrap_or(usize::MAX)) {
                            let mut label = Label::new(
                                RowKind::Project,
                                format!("{prefix}{item}/p{p}"),
                                3,
                                facts.func_name(&item),
                            )
                            .codes(&codes);
                            label.project = facts.projects.get(p).map(|p| p.name.clone()).unwrap_or_default();
                            let i = self.push(label, &in_project);
                            self.adopt(s, i);
                        }
                    } else {
                        let i = self.push(
                            Label::new(RowKind::Item, format!("{prefix}{item}"), 3, facts.func_name(&item))
                                .codes(&codes),
                            &in_item,
                        );
                        self.adopt(s, i);
                    }
                }
            }
        }
    }

    fn function_tree(&mut self, total: &str, lines: &[&Fact], facts: &Facts) {
        let t = self.push(Label::new(RowKind::Total, "total", 0, total), lines);
        self.function_rows(t, lines, facts, "", false);
    }

    fn economic_tree(&mut self, total: &str, lines: &[&Fact], facts: &Facts) {
        let t = self.push(Label::new(RowKind::Total, "total", 0, total), lines);
        for (class, in_class) in group_by(lines, |f| f.econ_class().to_owned()) {
            let c = self.push(
                Label::new(RowKind::Class, class.clone(), 1, facts.econ_name(&class)).codes(&[&class]),
                &in_class,
            );
            self.adopt(t, c);
            for (code, in_code) in group_by(&in_class, |f| f.econ.clone()) {
                let s = self.push(
                    Label::new(RowKind::Section, code.clone(), 2, facts.econ_name(&code))
                        .codes(&[&class, &code[3..]]),
                    &in_code,
                );
                self.adopt(c, s);
            }
        }
    }

    fn unit_function_project(&mut self, total: &str, lines: &[&Fact], facts: &Facts) {
        let t = self.push(Label::new(RowKind::Total, "total", 0, total), lines);
        for (unit, in_unit) in group_by(lines, |f| f.unit) {
            let u = self.push(Label::new(RowKind::Unit, format!("u{unit}"), 0, &facts.units[unit]), &in_unit);
            self.adopt(t, u);
            self.function_rows(u, &in_unit, facts, &format!("u{unit}/"), true);
        }
    }

    fn unit_project(&mut self, total: &str, basic: &str, lines: &[&Fact], facts: &Facts) {
        let t = self.push(Label::new(RowKind::Total, "total", 0, total), lines);
        for (unit, in_unit) in group_by(lines, |f| f.unit) {
            let u = self.push(Label::new(RowKind::Unit, format!("u{unit}"), 0, &facts.units[unit]), &in_unit);
            self.adopt(t, u);
            let basic_lines: Vec<&Fact> = in_unit.iter().copied().filter(|f| f.kind == Kind::Basic).collect();
            if !basic_lines.is_empty() {
                let b =
                    self.push(Label::new(RowKind::Project, format!("u{unit}/basic"), 1, basic), &basic_lines);
                self.adopt(u, b);
            }
            // Projects in the order the input first names them.
            for (p, in_project) in group_by(&in_unit, |f| f.project.unwrap_or(usize::MAX)) {
                if p == usize::MAX {
                    continue;
                }
                let name = facts.projects[p].name.clone();
                let r =
                    self.push(Label::new(RowKind::Project, format!("u{unit}/p{p}"), 1, name), &in_project);
                self.adopt(u, r);
            }
        }
    }

    fn fixed(&mut self, specs: &[FixedRow], lines: &[&Fact]) {
        let mut index = BTreeMap::new();
        for spec in specs {
            let in_row: Vec<&Fact> = lines.iter().copied().filter(|f| spec.filter.matches(f)).collect();
            let kind = if spec.total { RowKind::Total } else { RowKind::Line };
            let i = self.push(Label::new(kind, spec.key.clone(), spec.level, spec.label.clone()), &in_row);
            index.insert(spec.key.clone(), i);
        }
        for spec in specs {
            for child in &spec.children {
                if let (Some(&p), Some(&c)) = (index.get(&spec.key), index.get(child)) {
                    self.adopt(p, c);
                }
            }
        }
    }

    /// Two-sided 收支 table: left rows from fixed specs, right rows one per function 类:
    /// every 类 of the catalogue, and any other 类 the lines use (named in the input).
    fn balance(
        &mut self,
        left: &[FixedRow],
        left_total: &str,
        right_total: &str,
        lines: &[&Fact],
        facts: &Facts,
    ) {
        let mut classes: BTreeMap<&str, &str> = catalogue::function_classes().collect();
        for f in lines {
            classes.entry(f.func_class()).or_insert_with(|| facts.func_name(f.func_class()));
        }
        let classes: Vec<(&str, &str)> = classes.into_iter().collect();
        let first_left = self.columns.iter().position(|(_, c)| matches!(c, ColumnSpec::LeftAmount(_)));
        let right_label = self.columns.iter().position(|(_, c)| matches!(c, ColumnSpec::RightLabel));
        let rows = left.len().max(classes.len());
        let mut index = BTreeMap::new();
        for i in 0..rows {
            let in_left: Vec<&Fact> = match left.get(i) {
                Some(spec) => lines.iter().copied().filter(|f| spec.filter.matches(f)).collect(),
                None => Vec::new(),
            };
            let in_right: Vec<&Fact> = match classes.get(i) {
                Some((code, _)) => lines.iter().copied().filter(|f| f.func_class() == *code).collect(),
                None => Vec::new(),
            };
            let (key, level, name) = match left.get(i) {
                Some(spec) => (spec.key.clone(), spec.level, spec.label.clone()),
                None => (format!("r{i}"), 0, String::new()),
            };
            let r = self.push(Label::new(RowKind::Line, key.clone(), level, name), &in_right);
            // The left amount adds up the left row's lines, not the class's.
            if let Some(col) = first_left {
                self.rows[r].cells[col] = if left.get(i).is_some() {
                    Cell::Amount(in_left.iter().map(|f| f.amount).sum())
                } else {
                    Cell::Empty
                };
            }
            if let (Some(col), Some((code, name))) = (right_label, classes.get(i)) {
                self.rows[r].cells[col] = Cell::Text(format!("{code} {name}"));
            }
            if left.get(i).is_none() {
                for (cell, (_, spec)) in self.rows[r].cells.iter_mut().zip(self.columns) {
                    if matches!(spec, ColumnSpec::LeftLabel) {
                        *cell = Cell::Empty;
                    }
                }
            }
            if classes.get(i).is_none() {
                for (cell, (_, spec)) in self.rows[r].cells.iter_mut().zip(self.columns) {
                    if matches!(spec, ColumnSpec::Amount { .. }) {
                        *cell = Cell::Empty;
                    }
                }
            }
            index.insert(key, r);
        }
        for spec in left {
            for child in &spec.children {
                if let (Some(&p), Some(&c)) = (index.get(&spec.key), index.get(child)) {
                    self.adopt(p, c);
                }
            }
        }
        // Totals: the left side adds up its top-level rows, the right side every class.
        let top: Vec<usize> =
            left.iter().filter(|s| s.level == 0).filter_map(|s| index.get(&s.key).copied()).collect();
        let left_sum: Decimal =
            top.iter().filter_map(|&r| first_left.map(|c| self.rows[r].cells[c].amount())).sum();
        let t = self.push(Label::new(RowKind::Total, "total", 0, left_total), lines);
        if let Some(col) = first_left {
            self.rows[t].cells[col] = Cell::Amount(left_sum);
        }
        if let Some(col) = right_label {
            self.rows[t].cells[col] = Cell::Text(right_total.to_owned());
        }
        self.rows[t].children = top;
    }
}

/// Groups lines by a key, keys in ascending order, lines in input order.
fn group_by<'a, K: Ord>(lines: &[&'a Fact], key: impl Fn(&Fact) -> K) -> BTreeMap<K, Vec<&'a Fact>> {
    let mut groups: BTreeMap<K, Vec<&Fact>> = BTreeMap::new();
    for f in lines {
        groups.entry(key(f)).or_default().push(f);
    }
    groups
}

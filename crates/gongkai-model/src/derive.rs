//! The pivot engine: a profile's table specs applied to the fact table.
//!
//! Every amount is a sum over budget lines; no total is ever read from the input. Rows
//! record which rows they add up (`children`) so that [`crate::check`] can verify the
//! derivation and [`crate::rounding`] can spot display-rounding differences.
//!
//! Four row schemes cover the tables of the regions: a tree of groupings of the lines
//! (by unit, function or economic code, project, in any nesting), a fixed listing, a
//! two-sided 收支 table, and a register (报表目录) listing the other tables once they are
//! derived. Row keys are stable: `total`, a code (`2080505`), a unit and what is under it
//! (`u1/2080505/p3`, `u1/basic`).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::catalogue::{self, Classification};
use crate::document::chinese_number;
use crate::facts::{Fact, Facts, Procured};
use crate::input::ProjectField;
use crate::profile::{
    Balance, ColumnSpec, Dim, Filter, FixedRow, HeaderNode, Level, LevelRows, Measure, Numbering, RowScheme,
    TableSpec, Tree,
};
use crate::table::{Cell, Column, ColumnKind, HeaderCell, Row, RowKind, Table};

/// Derives one table from this year's facts and, for columns that compare, last year's
/// ([`Facts::last_lines`]).
pub fn derive_table(spec: &TableSpec, facts: &Facts) -> Table {
    let last = &facts.last_lines;
    let columns = leaves(&spec.header);
    let (mut header, header_rows) = header_grid(&spec.header, &columns, &spec.numbering);
    let year = facts.dept.year;
    // Header labels name years (2026 年预算数, 2025 年执行数) and sometimes the department.
    let (year_text, prev_year_text) = (year.to_string(), year.saturating_sub(1).to_string());
    let fill = |text: &str| {
        // Most labels have no placeholder: a copy, not three replaces and two numbers.
        if !text.contains('{') {
            return text.to_owned();
        }
        text.replace("{org}", facts.org())
            .replace("{year}", &year_text)
            .replace("{prev_year}", &prev_year_text)
    };
    for cell in &mut header {
        if cell.text.contains('{') {
            cell.text = fill(&cell.text);
        }
    }
    // Last year's lines join the rows only where a column reads them: a row that had money
    // last year and none this year is printed in a table that compares.
    let years = match &spec.rows {
        RowScheme::Tree(Tree { years: Some(y), .. }) => Some(YearLabels {
            last: fill(&y.last),
            this: fill(&y.this),
            change: fill(&y.change),
            compare: y.compare.clone(),
            sums: spec.sums.iter().map(|s| (s.total.clone(), s.parts.clone())).collect(),
        }),
        _ => None,
    };
    let wants_last = years.is_some()
        || columns
            .iter()
            .any(|(_, c)| matches!(c, ColumnSpec::Amount { filter, .. } if filter.last_year == Some(true)));
    let in_scope = |f: &&Fact| scope_matches(&spec.scope, f);
    let mut scoped: Vec<&Fact> = facts.lines.iter().filter(in_scope).collect();
    let this_year = !scoped.is_empty();
    if wants_last {
        scoped.extend(last.iter().filter(in_scope));
    }
    let masks = Masks::new(&columns, &scoped);
    let claimed = columns
        .iter()
        .flat_map(|(_, c)| match c {
            ColumnSpec::Name { of, .. } => of.clone(),
            _ => Vec::new(),
        })
        .collect();
    let mut b = Builder { columns: &columns, masks, rows: Vec::new(), facts, claimed, years };
    match &spec.rows {
        RowScheme::Tree(tree) => {
            if !scoped.is_empty() {
                b.tree(tree, &scoped);
            } else if spec.empty.total_row
                && let Some(total) = &tree.total
            {
                b.push(Label::new(RowKind::Total, "total", 0, &total.label), &[]);
            } else if spec.empty.total_row
                && let Some(first) = tree.levels.first()
                && first.dims == [Dim::Org]
            {
                // A tree without a total row whose top row is the department's: that row is
                // its total, printed with zeros in an empty table.
                let mut label = b.label(first, &[Key::Num(0)], "", 1);
                if classified(&tree.levels[1..]) {
                    label.code.clear();
                }
                b.push(label, &[]);
            }
        }
        RowScheme::Fixed(rows) => b.fixed(rows, &scoped),
        RowScheme::Balance(balance) => b.balance(balance, &scoped),
        // A register's rows are the other tables: [`fill_registers`] writes them.
        RowScheme::Register(_) => {}
    }
    let empty = !this_year && !matches!(spec.rows, RowScheme::Register(_));
    if empty {
        // The blank rows stand between the header and a bottom total, or under a top one.
        let top = matches!(&spec.rows, RowScheme::Tree(Tree { total: Some(t), .. }) if t.top);
        for i in 0..spec.empty.blank_rows.max(usize::from(spec.empty.marker.is_some())) {
            let blank = b.blank(format!("blank{i}"));
            let total = b.rows.iter().position(|r| r.kind == RowKind::Total);
            let at = total.filter(|_| !top).unwrap_or(b.rows.len());
            b.rows.insert(at, blank);
        }
        if let (Some(marker), Some(first)) = (&spec.empty.marker, b.rows.first_mut())
            && first.kind != RowKind::Total
            && let Some(cell) = first.cells.first_mut()
        {
            *cell = Cell::Text(marker.clone());
        }
    }
    // Columns whose zeros print blank where the table's other zeros print: the cell is
    // empty, which is the same zero to every check.
    let blank: Vec<usize> = spec.blank_zero.iter().filter_map(|id| column_index(&columns, id)).collect();
    for row in &mut b.rows {
        for &c in &blank {
            if let Cell::Amount(d) | Cell::Change(d) = row.cells[c]
                && spec.format.rounded(d).is_zero()
            {
                row.cells[c] = Cell::Empty;
            }
        }
    }
    let empty_note = spec.empty.note.as_deref().filter(|_| empty).map(fill);
    Table {
        id: spec.id.clone(),
        number: spec.number.clone().unwrap_or_default(),
        title: fill(&spec.title),
        org: facts.org().to_owned(),
        unit: spec.format.unit.label().to_owned(),
        columns: columns.iter().map(|(label, c)| column(&fill(label), c)).collect(),
        header,
        header_rows,
        rows: b.rows,
        empty_note,
        notes: spec.notes.iter().map(|n| fill(n)).collect(),
        spans: Vec::new(),
        format: spec.format.clone(),
        layout: spec.layout.clone(),
    }
}

/// Fills in the rows of each register table (报表目录) once every table of `profile` is
/// derived (`tables[i]` from `profile.tables[i]`): one row per other table, in order, and
/// one for the performance forms where the register lists them. A table is empty when no
/// amount of it prints a figure; the forms are empty when the input gives no project's
/// targets. Code columns print the table's number; name columns fill `{code}` (the number),
/// `{name}` (the title), `{empty}` (the register's mark, for an empty table) and `{reason}`
/// (the table's `empty.reason`, for an empty table).
pub fn fill_registers(profile: &crate::profile::Profile, facts: &Facts, tables: &mut [Table]) {
    struct Entry {
        number: String,
        title: String,
        empty: bool,
        reason: String,
    }
    let year = facts.dept.year.to_string();
    let fill = |text: &str| text.replace("{org}", facts.org()).replace("{year}", &year);
    for (i, spec) in profile.tables.iter().enumerate() {
        let RowScheme::Register(register) = &spec.rows else { continue };
        let forms = register.forms.as_ref().zip(profile.forms.project.as_ref()).map(|(r, form)| {
            let empty = facts.performance.projects.is_empty();
            let entry = Entry {
                number: r.number.clone(),
                title: fill(&form.title.replace("{project}", "")),
                empty,
                reason: r.reason.clone().filter(|_| empty).unwrap_or_default(),
            };
            (r.after.clone(), entry)
        });
        let mut entries = Vec::new();
        let mut forms = forms;
        for (other, table) in profile.tables.iter().zip(tables.iter()) {
            if matches!(other.rows, RowScheme::Register(_)) {
                continue;
            }
            let empty = !table
                .rows
                .iter()
                .any(|r| r.cells.iter().any(|c| !table.format.rounded(c.amount()).is_zero()));
            entries.push(Entry {
                number: table.number.clone(),
                title: table.title.clone(),
                empty,
                reason: other.empty.reason.clone().filter(|_| empty).unwrap_or_default(),
            });
            if forms.as_ref().is_some_and(|(after, _)| after.as_deref() == Some(other.id.as_str())) {
                entries.extend(forms.take().map(|(_, e)| e));
            }
        }
        entries.extend(forms.map(|(_, e)| e));
        let columns = leaves(&spec.header);
        let rows = entries
            .iter()
            .enumerate()
            .map(|(n, e)| Row {
                kind: RowKind::Line,
                key: format!("r{n}"),
                level: 0,
                children: Vec::new(),
                right_children: Vec::new(),
                cells: columns
                    .iter()
                    .map(|(_, c)| match c {
                        ColumnSpec::Code | ColumnSpec::CodePart(_) => Cell::Code(e.number.clone()),
                        ColumnSpec::Name { pattern, .. } => {
                            let mark = if e.empty { register.mark.as_str() } else { "" };
                            let text = pattern
                                .replace("{code}", &e.number)
                                .replace("{name}", &e.title)
                                .replace("{empty}", mark)
                                .replace("{reason}", &e.reason);
                            if text.trim().is_empty() { Cell::Empty } else { Cell::Text(text) }
                        }
                        _ => Cell::Empty,
                    })
                    .collect(),
            })
            .collect();
        tables[i].rows = rows;
    }
}

/// The grid index of the amount (or change) column `id`.
fn column_index(columns: &[Leaf<'_>], id: &str) -> Option<usize> {
    columns.iter().position(|(_, c)| match c {
        ColumnSpec::LeftAmount { id: i, .. }
        | ColumnSpec::Amount { id: i, .. }
        | ColumnSpec::Change { id: i, .. } => i == id,
        _ => false,
    })
}

/// Whether a line is in a table's scope: this year's lines, and last year's for the
/// columns that ask for them.
pub(crate) fn scope_matches(scope: &Filter, f: &Fact) -> bool {
    scope.matches_either_year(f)
}

fn column(label: &str, spec: &ColumnSpec) -> Column {
    let (kind, width, id) = match spec {
        ColumnSpec::CodePart(_) | ColumnSpec::Code => (ColumnKind::Code, 5, None),
        ColumnSpec::Name { .. } => (ColumnKind::Text, 28, None),
        ColumnSpec::Project => (ColumnKind::Text, 26, None),
        ColumnSpec::ProjectAttr(_) => (ColumnKind::Text, 14, None),
        ColumnSpec::LeftLabel | ColumnSpec::RightLabel { .. } => (ColumnKind::Text, 30, None),
        ColumnSpec::Period => (ColumnKind::Text, 12, None),
        ColumnSpec::LeftAmount { id, .. }
        | ColumnSpec::Amount { id, .. }
        | ColumnSpec::Change { id, .. }
        | ColumnSpec::ChangePercent { id, .. } => (ColumnKind::Amount, 12, Some(id.clone())),
    };
    Column { id, kind, label: label.to_owned(), width }
}

/// A leaf of a header tree: its label and its column spec, borrowed from the spec.
type Leaf<'s> = (&'s str, &'s ColumnSpec);

/// The leaves of a header tree, left to right.
pub(crate) fn leaves(nodes: &[HeaderNode]) -> Vec<Leaf<'_>> {
    fn walk<'s>(nodes: &'s [HeaderNode], out: &mut Vec<Leaf<'s>>) {
        for n in nodes {
            match &n.column {
                Some(c) => out.push((&n.label, c)),
                None => walk(&n.children, out),
            }
        }
    }
    let mut out = Vec::new();
    walk(nodes, &mut out);
    out
}

fn depth(nodes: &[HeaderNode]) -> usize {
    nodes.iter().map(|n| 1 + depth(&n.children)).max().unwrap_or(0)
}

fn width(node: &HeaderNode) -> usize {
    if node.children.is_empty() { 1 } else { node.children.iter().map(width).sum() }
}

fn is_amount(spec: &ColumnSpec) -> bool {
    matches!(
        spec,
        ColumnSpec::Amount { .. }
            | ColumnSpec::LeftAmount { .. }
            | ColumnSpec::Change { .. }
            | ColumnSpec::ChangePercent { .. }
    )
}

/// Places the header tree on a grid: groups span their leaves, leaves span down to the
/// last header row. A numbering row (a mark for text columns, 1, 2, 3 … for amounts) may
/// follow.
fn header_grid(
    nodes: &[HeaderNode],
    columns: &[Leaf<'_>],
    numbering: &Numbering,
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
    let numbered = match numbering {
        Numbering::None => false,
        Numbering::Columns { mark, first } => {
            let mut n = 0;
            for (col, (_, spec)) in columns.iter().enumerate() {
                let text = if is_amount(spec) {
                    n += 1;
                    n.to_string()
                } else if col == 0 {
                    first.clone().unwrap_or_else(|| mark.clone())
                } else {
                    mark.clone()
                };
                cells.push(HeaderCell { text, row: depth, col, rowspan: 1, colspan: 1 });
            }
            true
        }
    };
    (cells, depth + usize::from(numbered))
}

struct Builder<'a> {
    columns: &'a [Leaf<'a>],
    masks: Masks,
    rows: Vec<Row>,
    facts: &'a Facts,
    /// The dimensions name columns print with `of`: the table's plain name column leaves
    /// them to those columns.
    claimed: Vec<Dim>,
    /// A tree printed by year: each row's three rows' labels, filled in.
    years: Option<YearLabels>,
}

/// [`crate::profile::YearRows`] with its labels filled in (`2025 年`).
struct YearLabels {
    last: String,
    this: String,
    change: String,
    compare: BTreeMap<String, String>,
    /// The table's column sums (total, parts): typed figures fill the parts, and the totals
    /// are their sums, as on every other row.
    sums: Vec<(String, Vec<String>)>,
}

/// Which amount columns each line counts in, decided once per table: a row then adds each
/// line's amount to its columns, instead of every column filtering every line of every
/// row again (which made a tree of 100,000 lines of one 项 slow).
struct Masks {
    /// One bit per amount column, for this year's lines by `Fact::line` and for last
    /// year's.
    this: Vec<u64>,
    last: Vec<u64>,
    /// The grid column of each bit.
    columns: Vec<usize>,
}

impl Masks {
    fn new(columns: &[Leaf<'_>], lines: &[&Fact]) -> Masks {
        let amount: Vec<(usize, &Filter)> = columns
            .iter()
            .enumerate()
            .filter_map(|(i, (_, c))| match c {
                ColumnSpec::Amount { filter, measure: Measure::Amount, .. }
                | ColumnSpec::LeftAmount { filter, .. } => Some((i, filter)),
                _ => None,
            })
            .take(64)
            .collect();
        let len =
            |last: bool| lines.iter().filter(|f| f.last_year == last).map(|f| f.line + 1).max().unwrap_or(0);
        let (mut this, mut last) = (vec![0u64; len(false)], vec![0u64; len(true)]);
        for f in lines {
            let mut mask = 0u64;
            for (bit, (_, filter)) in amount.iter().enumerate() {
                if filter.matches(f) {
                    mask |= 1 << bit;
                }
            }
            if f.last_year {
                last[f.line] = mask;
            } else {
                this[f.line] = mask;
            }
        }
        Masks { this, last, columns: amount.iter().map(|(i, _)| *i).collect() }
    }

    fn of(&self, f: &Fact) -> u64 {
        let bits = if f.last_year { &self.last } else { &self.this };
        bits.get(f.line).copied().unwrap_or(0)
    }
}

/// The descriptive part of a row; amounts are filled in from its lines.
#[derive(Clone)]
struct Label {
    kind: RowKind,
    key: String,
    level: u8,
    codes: [String; 3],
    code: String,
    name: String,
    project: String,
    /// The project of a project row.
    project_of: Option<usize>,
    ordinal: usize,
    /// Each dimension of the row's level with the code and name it has on the row, for
    /// name columns that print one dimension of several (`of`).
    parts: Vec<(Dim, String, String)>,
    /// Which year the row is, in a table printed by year (its [`ColumnSpec::Period`] cell).
    period: String,
}

impl Label {
    fn new(kind: RowKind, key: impl Into<String>, level: u8, name: impl Into<String>) -> Self {
        Label {
            kind,
            key: key.into(),
            level,
            codes: Default::default(),
            code: String::new(),
            name: name.into(),
            project: String::new(),
            project_of: None,
            ordinal: 0,
            parts: Vec::new(),
            period: String::new(),
        }
    }
}

fn sum(lines: &[&Fact], filter: &Filter, measure: Measure) -> Decimal {
    lines.iter().filter(|f| filter.matches(f)).map(|f| measure.of(f)).sum()
}

/// A name pattern filled in: `{name}`, `{code}`, `{cn}` (一、二 …), `{n}` (1, 2 …); `{unit}`
/// is the name on a unit row (the department's or a unit's) and empty on the others, `{item}`
/// the name on every other row, so that a table printing its 预算单位 in a column of their
/// own beside the 科目名称 puts each name in its column. A row without a code (the total)
/// prints its name without the separator between `{code}` and `{name}` (`{code}-{name}`
/// is `合计`, not `-合计`), and without the bracket that opens that separator
/// (`[{code}]{name}` is `合计`, not `[合计`).
fn fill(pattern: &str, label: &Label) -> String {
    fill_as(pattern, label, &label.code, &label.name)
}

/// [`fill`] for `label` with another code and name (a name column printing one part of
/// the row), without a copy of the label.
fn fill_as(pattern: &str, label: &Label, code: &str, name: &str) -> String {
    let unit = label.kind == RowKind::Unit;
    let pattern = match (pattern.find("{code}"), pattern.find("{name}")) {
        (Some(c), Some(n)) if code.is_empty() && c < n && !pattern[c + 6..n].contains('{') => {
            let before = &pattern[..c];
            let before = ["[", "(", "（", "【", "〔"]
                .iter()
                .find_map(|open| before.strip_suffix(open))
                .unwrap_or(before);
            format!("{before}{}", &pattern[n..])
        }
        _ => pattern.to_owned(),
    };
    // The placeholders in the same order as ever, each replaced only where the text (so
    // far) has it: most patterns are `{name}` or `{code} {name}`, and every replace made
    // a new String, the numbers too.
    fn put<'v>(text: &mut String, placeholder: &str, value: impl FnOnce() -> Cow<'v, str>) {
        if text.contains(placeholder) {
            *text = text.replace(placeholder, &value());
        }
    }
    let mut text = pattern;
    let (unit_name, item_name) = if unit { (name, "") } else { ("", name) };
    put(&mut text, "{code}", || Cow::Borrowed(code));
    put(&mut text, "{cn}", || Cow::Owned(chinese_number(label.ordinal)));
    put(&mut text, "{n}", || Cow::Owned(label.ordinal.to_string()));
    put(&mut text, "{unit}", || Cow::Borrowed(unit_name));
    put(&mut text, "{item}", || Cow::Borrowed(item_name));
    put(&mut text, "{name}", || Cow::Borrowed(name));
    text
}

/// The value a line has in one dimension, as a sortable group key. Codes are borrowed
/// from the line (or the spec, the catalogue): grouping keys every line, and an owned
/// code was a String per key per line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'k> {
    /// Lines without a project (basic spending), first.
    None,
    Num(usize),
    Code(&'k str),
}

fn key_of(dim: Dim, f: &Fact) -> Key<'_> {
    match dim {
        Dim::Org => Key::Num(0),
        Dim::Unit => Key::Num(f.unit),
        Dim::Project => f.project.map_or(Key::None, Key::Num),
        Dim::Procurement => f.procurement.map_or(Key::None, |p| Key::Code(p.code())),
        Dim::ProcurementItem => text_key(&f.purchase.item),
        Dim::ProcurementForm => text_key(&f.purchase.form),
        Dim::Source => Key::Code(f.source.label()),
        Dim::ServiceClass | Dim::ServiceItem | Dim::Service => {
            let at = [Dim::ServiceClass, Dim::ServiceItem, Dim::Service].iter().position(|d| *d == dim);
            f.service.as_ref().zip(at).map_or(Key::None, |(s, at)| Key::Code(&s[at]))
        }
        Dim::Line => Key::Num(f.line),
        // A line without a 政府经济分类 (validation reports it where a table needs one).
        _ => f.code(dim).map_or(Key::None, Key::Code),
    }
}

/// A text value as a group key; empty is no value.
fn text_key(text: &str) -> Key<'_> {
    if text.is_empty() { Key::None } else { Key::Code(text) }
}

/// A name column's text for a row: the part of the dimension it prints (`of`), or the
/// row's own name unless other columns claim all of the row's dimensions.
fn name_cell(pattern: &str, of: &[Dim], claimed: &[Dim], label: &Label) -> Cell {
    let part = |wanted: &dyn Fn(Dim) -> bool| label.parts.iter().find(|(d, _, _)| wanted(*d));
    let text = |(_, code, name): &(Dim, String, String)| Cell::Text(fill_as(pattern, label, code, name));
    if !of.is_empty() {
        return part(&|d| of.contains(&d)).map_or(Cell::Empty, text);
    }
    if claimed.is_empty() || label.parts.is_empty() {
        return Cell::Text(fill(pattern, label));
    }
    part(&|d| !claimed.contains(&d)).map_or(Cell::Empty, text)
}

impl Builder<'_> {
    /// A project's attribute from its 项目说明; 实施单位 not given is the units of its
    /// lines in the row.
    fn project_attr(&self, project: usize, field: ProjectField, lines: &[&Fact]) -> String {
        let facts = self.facts;
        let name = facts.projects.get(project).map(|p| p.name.as_str()).unwrap_or_default();
        let units: BTreeSet<usize> = lines.iter().map(|f| f.unit).collect();
        let text = facts.project_text(name, &units).map(|t| field.of(t).trim());
        match text {
            Some(t) if !t.is_empty() => t.to_owned(),
            _ if field == ProjectField::Implementer => {
                units.iter().filter_map(|u| facts.units.get(*u)).cloned().collect::<Vec<_>>().join("、")
            }
            _ => String::new(),
        }
    }

    /// Whether the project of a group (of a level by project) has `field` in its text.
    fn has_project_attr(&self, level: &Level, key: &[Key<'_>], field: ProjectField, lines: &[&Fact]) -> bool {
        let project = level.dims.iter().zip(key).find_map(|(d, k)| match (d, k) {
            (Dim::Project, Key::Num(p)) => Some(*p),
            _ => None,
        });
        let Some(name) = project.and_then(|p| self.facts.projects.get(p)) else { return false };
        let units: BTreeSet<usize> = lines.iter().map(|f| f.unit).collect();
        self.facts.project_text(&name.name, &units).is_some_and(|t| !field.of(t).trim().is_empty())
    }

    /// Adds a row whose amounts sum `lines`; returns its index. In a table printed by year,
    /// adds three: last year's figures, this year's (whose index it returns: identities and
    /// parent rows read this year's) and the change.
    fn push(&mut self, label: Label, lines: &[&Fact]) -> usize {
        let Some(years) = &self.years else { return self.push_one(label, lines, false) };
        let (last_label, this_label, change_label) =
            (years.last.clone(), years.this.clone(), years.change.clone());
        let (this, last): (Vec<&Fact>, Vec<&Fact>) = lines.iter().partition(|f| !f.last_year);
        // The row's names print once, on its first row.
        let names_only = |mut l: Label, period: String, key: String| {
            l.period = period;
            l.key = key;
            l
        };
        let blank = Label {
            name: String::new(),
            code: String::new(),
            codes: Default::default(),
            project: String::new(),
            project_of: None,
            parts: Vec::new(),
            ..label.clone()
        };
        let org_row = label.parts.first().is_some_and(|(d, _, _)| *d == Dim::Org);
        let key = label.key.clone();
        let first = self.push_one(names_only(label, last_label, format!("{key}@last")), &last, true);
        if !self.facts.last_from_input {
            // No last year's lines: the department's row prints the typed figures.
            let years = self.years.as_ref().expect("printed by year");
            for (i, (_, spec)) in self.columns.iter().enumerate() {
                if let ColumnSpec::Amount { id, .. } = spec {
                    let typed = years
                        .compare
                        .get(id)
                        .filter(|_| org_row)
                        .and_then(|k| self.facts.last_year.get(k))
                        .and_then(|l| l.amount);
                    self.rows[first].cells[i] = Cell::Amount(typed.unwrap_or_default());
                }
            }
            // Totals from their parts, inner sums first: a pass per sum settles any nesting.
            for _ in 0..years.sums.len() {
                for (total, parts) in &years.sums {
                    let Some(t) = column_index(self.columns, total) else { continue };
                    let sum: Decimal = parts
                        .iter()
                        .filter_map(|p| column_index(self.columns, p))
                        .map(|c| match self.rows[first].cells[c] {
                            Cell::Amount(d) => d,
                            _ => Decimal::ZERO,
                        })
                        .sum();
                    self.rows[first].cells[t] = Cell::Amount(sum);
                }
            }
        }
        let current = self.push_one(names_only(blank.clone(), this_label, key.clone()), &this, false);
        let change = self.push_one(names_only(blank, change_label, format!("{key}@change")), &[], false);
        for i in 0..self.columns.len() {
            if let (Cell::Amount(now), Cell::Amount(then)) =
                (&self.rows[current].cells[i], &self.rows[first].cells[i])
            {
                self.rows[change].cells[i] = Cell::Amount(*now - *then);
            }
        }
        current
    }

    /// One row whose amounts sum `lines`; `last_year`: last year's lines, each column's
    /// filter taken for last year.
    fn push_one(&mut self, label: Label, lines: &[&Fact], last_year: bool) -> usize {
        let mut sums = vec![Decimal::ZERO; self.columns.len()];
        for f in lines.iter().filter(|_| !last_year) {
            let mut bits = self.masks.of(f);
            while bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                sums[self.masks.columns[bit]] += f.amount;
                bits &= bits - 1;
            }
        }
        let id_sum = |id: &str| -> Decimal {
            self.columns
                .iter()
                .position(|(_, c)| matches!(c, ColumnSpec::Amount { id: i, .. } | ColumnSpec::LeftAmount { id: i, .. } if i == id))
                .map_or(Decimal::ZERO, |i| sums[i])
        };
        let cells = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, (_, spec))| match spec {
                ColumnSpec::CodePart(level) => {
                    let code = &label.codes[usize::from(*level)];
                    if code.is_empty() { Cell::Empty } else { Cell::Code(code.clone()) }
                }
                ColumnSpec::Code => {
                    if label.code.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Code(label.code.clone())
                    }
                }
                ColumnSpec::Name { pattern, of } => name_cell(pattern, of, &self.claimed, &label),
                ColumnSpec::LeftLabel => Cell::Text(label.name.clone()),
                ColumnSpec::Project => {
                    if label.project.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(label.project.clone())
                    }
                }
                ColumnSpec::ProjectAttr(field) => match label.project_of {
                    Some(p) => Cell::Text(self.project_attr(p, *field, lines)),
                    None => Cell::Empty,
                },
                ColumnSpec::RightLabel { .. } => Cell::Empty,
                ColumnSpec::Period => {
                    if label.period.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(label.period.clone())
                    }
                }
                ColumnSpec::LeftAmount { filter, .. } | ColumnSpec::Amount { filter, .. } if last_year => {
                    let measure = match spec {
                        ColumnSpec::Amount { measure, .. } => *measure,
                        _ => Measure::Amount,
                    };
                    let last = lines.iter().filter(|f| filter.matches_in_year(f, true));
                    Cell::Amount(last.map(|f| measure.of(f)).sum())
                }
                ColumnSpec::LeftAmount { .. } | ColumnSpec::Amount { .. }
                    if self.masks.columns.contains(&i) =>
                {
                    Cell::Amount(sums[i])
                }
                // More amount columns than mask bits, or a share of the lines: filter directly.
                ColumnSpec::LeftAmount { filter, .. } => Cell::Amount(sum(lines, filter, Measure::Amount)),
                ColumnSpec::Amount { filter, measure, .. } => Cell::Amount(sum(lines, filter, *measure)),
                ColumnSpec::Change { of, base, .. } => Cell::Change(id_sum(of) - id_sum(base)),
                ColumnSpec::ChangePercent { of, base, .. } => {
                    let (of, base) = (id_sum(of), id_sum(base));
                    if base.is_zero() {
                        if of.is_zero() { Cell::Percent(Decimal::ZERO) } else { Cell::Empty }
                    } else {
                        Cell::Percent((of - base) * Decimal::from(100) / base)
                    }
                }
            })
            .collect();
        self.rows.push(Row {
            kind: label.kind,
            key: label.key,
            level: label.level,
            children: Vec::new(),
            right_children: Vec::new(),
            cells,
        });
        self.rows.len() - 1
    }

    /// A row with nothing in it (padding).
    fn blank(&self, key: String) -> Row {
        Row {
            kind: RowKind::Line,
            key,
            level: 0,
            children: Vec::new(),
            right_children: Vec::new(),
            cells: vec![Cell::Empty; self.columns.len()],
        }
    }

    fn adopt(&mut self, parent: usize, child: usize) {
        self.rows[parent].children.push(child);
    }

    fn tree(&mut self, tree: &Tree, lines: &[&Fact]) {
        let total =
            tree.total.as_ref().map(|t| self.push(Label::new(RowKind::Total, "total", 0, &t.label), lines));
        self.levels(total, &tree.levels, lines, "", 0, "");
        if let (Some(t), Some(spec)) = (total, &tree.total)
            && !spec.top
        {
            // The total printed last: move it and renumber the references to rows.
            let row = self.rows.remove(t);
            let last = self.rows.len();
            let renumber = |i: usize| if i > t { i - 1 } else { i };
            for r in &mut self.rows {
                r.children = r.children.iter().map(|&c| renumber(c)).collect();
            }
            let mut row = row;
            row.children = row.children.iter().map(|&c| renumber(c)).collect();
            self.rows.push(row);
            debug_assert_eq!(self.rows.len() - 1, last);
        }
    }

    /// The rows of `levels[0]` for `lines`, each with the levels under it; `under` is the
    /// code of the parent row, which a catalogue level's codes must start with.
    fn levels(
        &mut self,
        parent: Option<usize>,
        levels: &[Level],
        lines: &[&Fact],
        prefix: &str,
        depth: u8,
        under: &str,
    ) {
        let Some((level, inner)) = levels.split_first() else { return };
        if level.dims == [Dim::ProjectParent] {
            self.parents(parent, inner, lines, prefix, depth, under, 0);
            return;
        }
        let mut groups: BTreeMap<Vec<Key<'_>>, Vec<&Fact>> = BTreeMap::new();
        // Each line's key is built in one buffer, and copied only for a new group.
        let mut key = Vec::with_capacity(level.dims.len());
        for f in lines {
            key.clear();
            key.extend(level.dims.iter().map(|d| key_of(*d, f)));
            match groups.get_mut(key.as_slice()) {
                Some(group) => group.push(*f),
                None => {
                    groups.insert(key.clone(), vec![*f]);
                }
            }
        }
        for key in listed(level, &groups, under) {
            // Lines without a value on an optional dimension (a 款 without 项) stay in the
            // parent row only.
            if level.dims.iter().zip(&key).any(|(d, k)| d.optional() && *k == Key::None) {
                continue;
            }
            let in_group = groups.get(&key).cloned().unwrap_or_default();
            if let Some(field) = level.only_with
                && !self.has_project_attr(level, &key, field, &in_group)
            {
                continue;
            }
            // Units start at their parent's depth (0 at the top); the department's own row
            // (org) is a first-level row with its units one step in under it.
            let first = level.dims.first().copied();
            let depth_here = if first == Some(Dim::Unit) { depth } else { depth + 1 };
            let child_depth = if first == Some(Dim::Org) { depth_here + 1 } else { depth_here };
            let mut label = self.label(level, &key, prefix, depth_here);
            if first == Some(Dim::Org) && classified(inner) {
                // The department's row on top of a classification tree: its code column
                // holds classification codes, where a 部门代码 would read as a 类.
                label.code.clear();
            }
            let child_prefix = if level.dims.iter().any(|d| matches!(d, Dim::Org | Dim::Unit | Dim::Project))
            {
                format!("{}/", label.key)
            } else {
                prefix.to_owned()
            };
            let code = if label.code.is_empty() { under.to_owned() } else { label.code.clone() };
            // A hidden level groups only: its rows' children print in its place, group by
            // group, and belong to its parent.
            if level.hidden {
                self.levels(parent, inner, &in_group, &child_prefix, depth, under);
                continue;
            }
            let r = self.push(label, &in_group);
            if let Some(p) = parent {
                self.adopt(p, r);
            }
            self.levels(Some(r), inner, &in_group, &child_prefix, child_depth, &code);
        }
    }

    /// The step `step` of the parent path of a line's project (`通用项目/大型活动`: step 0
    /// is 通用项目), if it has one.
    fn parent_step(&self, f: &Fact, step: usize) -> Option<String> {
        let facts = self.facts;
        let name = facts.projects.get(f.project?)?.name.as_str();
        let text = facts.project_text(name, &BTreeSet::from([f.unit]))?;
        text.parent.split('/').map(str::trim).filter(|s| !s.is_empty()).nth(step).map(str::to_owned)
    }

    /// The rows of a project-parent level at `step` of the parent paths: lines whose
    /// project has no parent at this step go on to the levels below (first, as lines
    /// without a project come first); the others make one row per parent, in the order
    /// of their projects, with the next step under it.
    #[allow(clippy::too_many_arguments)]
    fn parents(
        &mut self,
        parent: Option<usize>,
        inner: &[Level],
        lines: &[&Fact],
        prefix: &str,
        depth: u8,
        under: &str,
        step: usize,
    ) {
        // A parent comes where the first of its projects is in the input's 项目说明 (the
        // list that names the parents), then by its projects' first lines.
        let facts = self.facts;
        let rank = |f: &Fact| {
            let p = f.project.unwrap_or(usize::MAX);
            let name = facts.projects.get(p).map(|p| p.name.as_str()).unwrap_or_default();
            let listed = facts.project_texts.iter().position(|t| t.name.trim() == name);
            (listed.unwrap_or(usize::MAX), p)
        };
        let mut rest: Vec<&Fact> = Vec::new();
        let mut groups: Vec<(String, (usize, usize), Vec<&Fact>)> = Vec::new();
        for f in lines {
            match self.parent_step(f, step) {
                None => rest.push(*f),
                Some(name) => match groups.iter_mut().find(|(n, _, _)| *n == name) {
                    Some((_, first, g)) => {
                        *first = (*first).min(rank(f));
                        g.push(*f);
                    }
                    None => groups.push((name, rank(f), vec![*f])),
                },
            }
        }
        if !rest.is_empty() {
            self.levels(parent, inner, &rest, prefix, depth, under);
        }
        groups.sort_by_key(|(_, first, _)| *first);
        for (i, (name, _, in_group)) in groups.into_iter().enumerate() {
            let key = format!("{prefix}g{i}");
            let r = self.push(Label::new(RowKind::Project, key.clone(), depth + 1, name), &in_group);
            if let Some(p) = parent {
                self.adopt(p, r);
            }
            self.parents(Some(r), inner, &in_group, &format!("{key}/"), depth + 1, under, step + 1);
        }
    }

    /// The label of a group row.
    fn label(&self, level: &Level, key: &[Key<'_>], prefix: &str, depth: u8) -> Label {
        let facts = self.facts;
        let first = level.dims[0];
        let kind = match (first, level.dims.len()) {
            (Dim::Org | Dim::Unit, _) => RowKind::Unit,
            (_, n) if n > 1 && level.dims.contains(&Dim::Project) => RowKind::Project,
            // (A project-parent level makes its rows in `parents`.)
            (Dim::Project | Dim::ProjectParent, _) => RowKind::Project,
            (Dim::FuncClass | Dim::EconClass | Dim::GovClass, _) => RowKind::Class,
            (Dim::FuncSection | Dim::EconItem | Dim::GovItem, _) => RowKind::Section,
            (Dim::FuncItem | Dim::EconSub | Dim::Econ, _) => RowKind::Item,
            (Dim::Procurement, _) => RowKind::Class,
            (Dim::ProcurementItem | Dim::ProcurementForm | Dim::Source, _) => RowKind::Item,
            (Dim::ServiceClass | Dim::ServiceItem | Dim::Service | Dim::Line, _) => RowKind::Line,
        };
        let mut tokens = Vec::new();
        let mut label = Label::new(kind, String::new(), depth, String::new());
        for (i, (dim, k)) in level.dims.iter().zip(key.iter().copied()).enumerate() {
            let (token, name) = match (dim, k) {
                (Dim::Org, _) => {
                    label.code = facts.dept.code.to_owned();
                    ("org".to_owned(), facts.dept.name.clone())
                }
                (Dim::Unit, Key::Num(u)) => {
                    label.code = facts.unit_codes.get(u).cloned().unwrap_or_default();
                    (format!("u{u}"), facts.units.get(u).cloned().unwrap_or_default())
                }
                (Dim::Project, Key::Num(p)) => {
                    label.project_of = Some(p);
                    (format!("p{p}"), facts.projects.get(p).map(|p| p.name.clone()).unwrap_or_default())
                }
                (Dim::Project, _) => ("basic".to_owned(), level.without_project.clone().unwrap_or_default()),
                (Dim::ProcurementItem | Dim::ProcurementForm | Dim::Source, Key::Code(text)) => {
                    (text.to_owned(), text.to_owned())
                }
                (Dim::Procurement, Key::Code(code)) => {
                    label.code = code.to_owned();
                    label.codes = [code.to_owned(), String::new(), String::new()];
                    (
                        code.to_owned(),
                        Procured::of_code(code).map(Procured::label).unwrap_or_default().to_owned(),
                    )
                }
                // A 政府购买服务 entry: `code-name` (一级, 二级) or a name (三级).
                (Dim::ServiceClass | Dim::ServiceItem | Dim::Service, Key::Code(entry)) => {
                    let (code, name) = entry.split_once('-').unwrap_or(("", entry));
                    label.code = code.to_owned();
                    (entry.to_owned(), name.to_owned())
                }
                (Dim::Line, Key::Num(n)) => (format!("l{n}"), String::new()),
                (_, Key::Code(code)) => {
                    let name = match dim.classification() {
                        Some(Classification::Economic) => facts.econ_name(code),
                        Some(Classification::Function) => facts.func_name(code),
                        Some(Classification::Government) => facts.gov_name(code),
                        _ => "",
                    };
                    let name = match level.names.get(code) {
                        Some(own) => own.clone(),
                        None if name.is_empty() => catalogue_name(*dim, code),
                        None => name.to_owned(),
                    };
                    // A row's code, like its name, is its first dimension's (30101 on a row of
                    // 30101 × 50101); a name column with `dims` prints the others'.
                    if label.code.is_empty() {
                        label.code = code.to_owned();
                        label.codes = match code.len() {
                            3 => [code.to_owned(), String::new(), String::new()],
                            5 => [code[..3].to_owned(), code[3..].to_owned(), String::new()],
                            _ => [code[..3].to_owned(), code[3..5].to_owned(), code[5..].to_owned()],
                        };
                    }
                    (code.to_owned(), name)
                }
                _ => (String::new(), String::new()),
            };
            let part_code = match (dim, k) {
                (Dim::Org, _) => facts.dept.code.to_owned(),
                (Dim::Unit, Key::Num(u)) => facts.unit_codes.get(u).cloned().unwrap_or_default(),
                (Dim::ProcurementItem | Dim::ProcurementForm | Dim::Source, _) => String::new(),
                (Dim::ServiceClass | Dim::ServiceItem | Dim::Service, _) => label.code.to_owned(),
                (_, Key::Code(code)) => code.to_owned(),
                _ => String::new(),
            };
            label.parts.push((*dim, part_code, name.clone()));
            tokens.push(token);
            if i == 0 {
                label.name = name;
            } else if *dim == Dim::Project {
                label.project = name;
            }
        }
        label.key = format!("{prefix}{}", tokens.join("/"));
        label
    }

    fn fixed(&mut self, specs: &[FixedRow], lines: &[&Fact]) {
        let specs = printed(specs, lines);
        let mut index = BTreeMap::new();
        for spec in &specs {
            let i = match &spec.filter {
                Some(filter) => {
                    let in_row: Vec<&Fact> = lines.iter().copied().filter(|f| filter.matches(f)).collect();
                    let kind = if spec.total { RowKind::Total } else { RowKind::Line };
                    self.push(Label::new(kind, spec.key.clone(), spec.level, spec.label.clone()), &in_row)
                }
                None => {
                    let mut row = self.blank(spec.key.clone());
                    if let Some(c) =
                        self.columns.iter().position(|(_, c)| matches!(c, ColumnSpec::Name { .. }))
                    {
                        row.cells[c] = Cell::Text(spec.label.clone());
                    }
                    self.rows.push(row);
                    self.rows.len() - 1
                }
            };
            index.insert(spec.key.clone(), i);
        }
        for spec in &specs {
            for child in &spec.children {
                if let (Some(&p), Some(&c)) = (index.get(&spec.key), index.get(child)) {
                    self.adopt(p, c);
                }
            }
        }
    }

    /// Two-sided 收支 table: left rows from fixed specs; right rows one per function 类,
    /// then the right side's fixed rows, each beside its left row when it says so.
    fn balance(&mut self, spec: &Balance, lines: &[&Fact]) {
        let facts = self.facts;
        let mut classes: BTreeMap<String, String> = BTreeMap::new();
        let listed: Vec<String> = match &spec.classes {
            LevelRows::Catalogue => catalogue::function_classes().map(|(c, _)| c.to_owned()).collect(),
            LevelRows::Codes(c) => c.clone(),
            LevelRows::Used => Vec::new(),
        };
        for code in &listed {
            let name = match spec.class_names.get(code) {
                Some(name) => name.clone(),
                None => catalogue_name(Dim::FuncClass, code),
            };
            classes.insert(code.clone(), name);
        }
        for f in lines.iter().filter(|f| !f.last_year) {
            classes.entry(f.func[..3].to_owned()).or_insert_with(|| facts.func_name(&f.func[..3]).to_owned());
        }
        let mut classes: Vec<(String, String)> = classes.into_iter().collect();
        if let LevelRows::Codes(order) = &spec.classes {
            classes.sort_by_key(|(c, _)| order.iter().position(|o| o == c).unwrap_or(usize::MAX));
        }
        let right_label = self.columns.iter().enumerate().find_map(|(i, (_, c))| match c {
            ColumnSpec::RightLabel { pattern } => Some((i, pattern.clone())),
            _ => None,
        });
        let left_amounts: Vec<(usize, Filter)> = self
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, (_, c))| match c {
                ColumnSpec::LeftAmount { filter, .. } => Some((i, filter.clone())),
                _ => None,
            })
            .collect();
        // The right side: class rows, then fixed rows; a fixed row beside a left row waits
        // for it, and the left side makes room when the classes run past it.
        enum Right<'s> {
            Class(usize, String, String),
            /// A 款 (depth 1) or 项 (depth 2) row under its 类.
            Sub(u8, String, String),
            Row(&'s FixedRow),
        }
        let left_rows = printed(&spec.left, lines);
        let right_top = printed(&spec.right_top, lines);
        let mut right: Vec<Right<'_>> = right_top.iter().map(|r| Right::Row(r.as_ref())).collect();
        // The 款 and 项 with lines, in code order, when the right side goes below its 类.
        let used = |len: usize| -> BTreeMap<String, String> {
            let dim = if len == 5 { Dim::FuncSection } else { Dim::FuncItem };
            lines
                .iter()
                .filter(|f| !f.last_year && f.func.len() >= len)
                .map(|f| {
                    let code = f.func[..len].to_owned();
                    let name = facts.func_name(&code);
                    let name = if name.is_empty() { catalogue_name(dim, &code) } else { name.to_owned() };
                    (code, name)
                })
                .collect()
        };
        let (sections, items) = (used(5), used(7));
        for (i, (c, n)) in classes.iter().enumerate() {
            right.push(Right::Class(i + 1, c.clone(), n.clone()));
            for (s, sn) in sections.iter().filter(|(s, _)| spec.depth >= 2 && s.starts_with(c.as_str())) {
                right.push(Right::Sub(1, s.clone(), sn.clone()));
                for (it, itn) in items.iter().filter(|(it, _)| spec.depth >= 3 && it.starts_with(s.as_str()))
                {
                    right.push(Right::Sub(2, it.clone(), itn.clone()));
                }
            }
        }
        // Optional rows without money are left out by `printed`, so that any input's income
        // still adds up to its spending.
        let mut left: Vec<Option<&FixedRow>> = left_rows.iter().map(|r| Some(r.as_ref())).collect();
        // The right side's fixed rows and every further pane's rows, aligned anchor by
        // anchor in the left side's order: a row beside a left row waits for it, and the
        // left side makes room when a pane runs past it.
        let sides: Vec<&[crate::profile::RightRow]> = std::iter::once(spec.right.as_slice())
            .chain(spec.panes.iter().map(|p| p.rows.as_slice()))
            .collect();
        let mut panes: Vec<Vec<Right<'_>>> =
            std::iter::once(right).chain(spec.panes.iter().map(|_| Vec::new())).collect();
        let mut next = vec![0usize; sides.len()];
        let anchors: Vec<String> = left
            .iter()
            .flatten()
            .map(|l| l.key.clone())
            .filter(|k| sides.iter().any(|s| s.iter().any(|r| r.beside.as_ref() == Some(k))))
            .collect();
        for anchor in &anchors {
            let Some(mut at) = left.iter().position(|l| l.is_some_and(|l| &l.key == anchor)) else {
                continue;
            };
            let mut anchored = Vec::new();
            for (p, side) in sides.iter().enumerate() {
                let Some(k) = side[next[p]..].iter().position(|r| r.beside.as_ref() == Some(anchor)) else {
                    continue;
                };
                panes[p].extend(side[next[p]..next[p] + k].iter().map(|r| Right::Row(&r.row)));
                next[p] += k;
                anchored.push(p);
            }
            let need = anchored.iter().map(|&p| panes[p].len()).max().unwrap_or(0);
            while need > at {
                left.insert(at, None);
                at += 1;
            }
            for &p in &anchored {
                while panes[p].len() < at {
                    panes[p].push(Right::Row(&BLANK));
                }
                panes[p].push(Right::Row(&sides[p][next[p]].row));
                next[p] += 1;
            }
        }
        for (p, side) in sides.iter().enumerate() {
            panes[p].extend(side[next[p]..].iter().map(|r| Right::Row(&r.row)));
        }
        let mut panes = panes.into_iter();
        let right = panes.next().unwrap_or_default();
        let panes: Vec<Vec<Right<'_>>> = panes.collect();
        // Each leaf's pane, and each further pane's label column.
        let pane_of = crate::profile::leaf_panes(&self.columns.iter().map(|(_, c)| *c).collect::<Vec<_>>());
        let pane_labels: Vec<usize> = (0..self.columns.len())
            .filter(|&c| matches!(self.columns[c].1, ColumnSpec::RightLabel { .. }) && pane_of[c] > 0)
            .collect();
        let rows = panes.iter().map(Vec::len).fold(left.len().max(right.len()), usize::max);
        let mut index = BTreeMap::new();
        let mut class_rows = Vec::new();
        let mut right_index = BTreeMap::new();
        let mut open: [Option<usize>; 2] = [None, None];
        for i in 0..rows {
            let l = left.get(i).copied().flatten();
            let (in_right, class_row, right_text): (Vec<&Fact>, bool, Option<String>) = match right.get(i) {
                Some(Right::Class(n, code, name)) => {
                    let in_class =
                        lines.iter().copied().filter(|f| f.func.starts_with(code.as_str())).collect();
                    let mut label = Label::new(RowKind::Line, String::new(), 0, name.clone());
                    label.code = code.clone();
                    label.ordinal = *n;
                    let text = right_label.as_ref().map(|(_, p)| fill(p, &label));
                    (in_class, true, text)
                }
                Some(Right::Sub(depth, code, name)) => {
                    let in_sub =
                        lines.iter().copied().filter(|f| f.func.starts_with(code.as_str())).collect();
                    let mut label = Label::new(RowKind::Line, String::new(), 0, name.clone());
                    label.code = code.clone();
                    // The right label shares its row's indentation with the left one, so a
                    // 款 or 项 steps in by ideographic spaces of its own. The numbering of a
                    // pattern (`{cn}、`, `（{cn}）`, `{n}.`) numbers the 类: a 款 or 项 under a
                    // numbered 类 prints its name alone.
                    let indent = "\u{3000}".repeat(usize::from(*depth));
                    let text = right_label.as_ref().map(|(_, p)| {
                        let numbered = p.contains("{cn}") || p.contains("{n}");
                        format!("{indent}{}", fill(if numbered { "{name}" } else { p }, &label))
                    });
                    (in_sub, false, text)
                }
                Some(Right::Row(row)) => {
                    let in_row = match &row.filter {
                        Some(f) => lines.iter().copied().filter(|x| f.matches(x)).collect(),
                        None => Vec::new(),
                    };
                    (in_row, false, Some(row.label.clone()))
                }
                None => (Vec::new(), false, None),
            };
            let (key, level, name) = match l {
                Some(spec) => (spec.key.clone(), spec.level, spec.label.clone()),
                None => (format!("r{i}"), 0, String::new()),
            };
            let r = self.push(Label::new(RowKind::Line, key.clone(), level, name), &in_right);
            // The left amounts add up the left row's lines, not the right side's.
            let in_left: Vec<&Fact> = match l.and_then(|s| s.filter.as_ref()) {
                Some(f) => lines.iter().copied().filter(|x| f.matches(x)).collect(),
                None => Vec::new(),
            };
            for (col, filter) in &left_amounts {
                self.rows[r].cells[*col] = if l.is_some_and(|s| s.filter.is_some()) {
                    Cell::Amount(sum(&in_left, filter, Measure::Amount))
                } else {
                    Cell::Empty
                };
            }
            if let (Some((col, _)), Some(text)) = (&right_label, right_text) {
                self.rows[r].cells[*col] = Cell::Text(text);
            }
            if l.is_none() {
                for (cell, (_, spec)) in self.rows[r].cells.iter_mut().zip(self.columns) {
                    if matches!(spec, ColumnSpec::LeftLabel) {
                        *cell = Cell::Empty;
                    }
                }
            }
            let right_filled = match right.get(i) {
                Some(Right::Class(..) | Right::Sub(..)) => true,
                Some(Right::Row(row)) => row.filter.is_some(),
                None => false,
            };
            if !right_filled {
                for (c, (cell, (_, spec))) in self.rows[r].cells.iter_mut().zip(self.columns).enumerate() {
                    if matches!(spec, ColumnSpec::Amount { .. }) && pane_of[c] == 0 {
                        *cell = Cell::Empty;
                    }
                }
            }
            // A further pane's row: its label, and its amounts from its own lines.
            for (p, pane) in panes.iter().enumerate() {
                let row = match pane.get(i) {
                    Some(Right::Row(row)) => Some(*row),
                    _ => None,
                };
                let in_pane: Vec<&Fact> = match row.and_then(|r| r.filter.as_ref()) {
                    Some(f) => lines.iter().copied().filter(|x| f.matches(x)).collect(),
                    None => Vec::new(),
                };
                for c in (0..self.columns.len()).filter(|&c| pane_of[c] == p + 1) {
                    self.rows[r].cells[c] = match &self.columns[c].1 {
                        // A pane's label steps in by ideographic spaces of its own, as a 款
                        // on the right side does: the row's indentation is the left one's.
                        ColumnSpec::RightLabel { .. } => match row {
                            Some(row) if !row.label.is_empty() => Cell::Text(format!(
                                "{}{}",
                                "\u{3000}".repeat(usize::from(row.level)),
                                row.label
                            )),
                            _ => Cell::Empty,
                        },
                        ColumnSpec::Amount { filter, measure, .. }
                            if row.is_some_and(|r| r.filter.is_some()) =>
                        {
                            Cell::Amount(sum(&in_pane, filter, *measure))
                        }
                        ColumnSpec::Amount { .. } => Cell::Empty,
                        _ => continue,
                    };
                }
            }
            if class_row {
                class_rows.push(r);
            }
            // A 类 adds up its 款 and a 款 its 项, on the right side.
            match right.get(i) {
                Some(Right::Class(..)) => open = [Some(r), None],
                Some(Right::Sub(depth, ..)) => {
                    if let Some(p) = open[usize::from(*depth) - 1] {
                        self.rows[p].right_children.push(r);
                    }
                    if *depth == 1 {
                        open[1] = Some(r);
                    }
                }
                _ => {}
            }
            if let Some(Right::Row(row)) = right.get(i)
                && !row.key.is_empty()
            {
                right_index.insert(row.key.clone(), r);
            }
            index.insert(key, r);
        }
        for spec in &left_rows {
            for child in &spec.children {
                if let (Some(&p), Some(&c)) = (index.get(&spec.key), index.get(child)) {
                    self.adopt(p, c);
                }
            }
        }
        // Totals: the left side adds up its top-level rows (level 0 and no other row's
        // part: 本年收入合计 may list its sources at the same indentation), the right side
        // every class.
        let part = |key: &str| left_rows.iter().any(|p| p.children.iter().any(|c| c == key));
        let top: Vec<usize> = left_rows
            .iter()
            .filter(|s| s.level == 0 && s.filter.is_some() && !part(&s.key))
            .filter_map(|s| index.get(&s.key).copied())
            .collect();
        let t = self.push(Label::new(RowKind::Total, "total", 0, &spec.left_total), lines);
        for (col, _) in &left_amounts {
            let left_sum: Decimal = top.iter().map(|&r| self.rows[r].cells[*col].amount()).sum();
            self.rows[t].cells[*col] = Cell::Amount(left_sum);
        }
        if let Some((col, _)) = &right_label {
            self.rows[t].cells[*col] = Cell::Text(spec.right_total.clone());
        }
        for (&col, pane) in pane_labels.iter().zip(&spec.panes) {
            self.rows[t].cells[col] = Cell::Text(pane.total.clone());
        }
        self.rows[t].children = top;
        // A right row made of the classes (本年支出合计) adds them up; so does the total.
        for r in right_top.iter().map(AsRef::as_ref).chain(spec.right.iter().map(|r| &r.row)) {
            if r.children.iter().any(|c| c == "classes")
                && let Some(&at) = right_index.get(&r.key)
            {
                self.rows[at].right_children = class_rows.clone();
            }
        }
        self.rows[t].right_children = class_rows;
        if spec.total_top {
            // The totals printed first: move them up and renumber the references to rows.
            let row = self.rows.remove(t);
            self.rows.insert(0, row);
            let renumber = |i: usize| if i == t { 0 } else { i + 1 };
            for r in &mut self.rows {
                r.children = r.children.iter().map(|&c| renumber(c)).collect();
                r.right_children = r.right_children.iter().map(|&c| renumber(c)).collect();
            }
        }
    }
}

/// Whether any of the levels groups by a classification (function, economic codes).
fn classified(levels: &[Level]) -> bool {
    levels.iter().any(|l| l.dims.iter().any(|d| d.classification().is_some()))
}

/// The groups a level prints, in order: a listed code list first (in its order) or the
/// catalogue's codes under the parent (in code order, with the used codes), then the
/// groups that have lines, lines without a project first.
fn listed<'k>(
    level: &'k Level,
    groups: &BTreeMap<Vec<Key<'k>>, Vec<&Fact>>,
    under: &str,
) -> Vec<Vec<Key<'k>>> {
    let single = level.dims.len() == 1;
    let mut keys: Vec<Vec<Key<'k>>> = match (&level.rows, level.dims.as_slice()) {
        (LevelRows::Codes(codes), [_]) => codes.iter().map(|c| vec![Key::Code(c)]).collect(),
        (LevelRows::Catalogue, [dim]) => catalogue_codes(*dim)
            .into_iter()
            .filter(|c| c.starts_with(under))
            .map(|c| vec![Key::Code(c)])
            .collect(),
        _ => Vec::new(),
    };
    let mut used: Vec<&Vec<Key<'k>>> = groups.keys().collect();
    if single {
        used.sort_by_key(|k| !k.contains(&Key::None));
    }
    // A unit with its projects on one row (unit+project): each unit's projects in the order
    // the unit's own lines name them (a project name may recur in several units, so its
    // index, the order of its first line anywhere, is not the unit's order).
    if level.dims == [Dim::Unit, Dim::Project] {
        let first_line = |k: &Vec<Key<'k>>| groups.get(k).and_then(|g| g.iter().map(|f| f.line).min());
        used.sort_by_key(|k| (k[0], first_line(k)));
    }
    for k in used {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    if matches!(level.rows, LevelRows::Catalogue) {
        keys.sort();
    }
    keys
}

/// The fixed rows a table prints: an optional row without money is left out, and `{cn}`
/// in a label numbers the printed rows of its level (一、二、…), starting again under
/// each row of a higher level, so that a row left out leaves no gap.
fn printed<'s>(specs: &'s [FixedRow], lines: &[&Fact]) -> Vec<Cow<'s, FixedRow>> {
    let mut counters: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(specs.len());
    for spec in specs {
        let money = |f: &Filter| lines.iter().any(|l| f.matches(l) && !l.amount.is_zero());
        if spec.optional && !spec.filter.as_ref().is_some_and(money) {
            continue;
        }
        if !spec.label.contains("{cn}") {
            out.push(Cow::Borrowed(spec));
            continue;
        }
        let level = usize::from(spec.level);
        counters.resize(level + 1, 0);
        counters[level] += 1;
        let mut row = spec.clone();
        row.label = spec.label.replace("{cn}", &chinese_number(counters[level]));
        out.push(Cow::Owned(row));
    }
    out
}

/// A right-side row with nothing in it, for alignment.
static BLANK: FixedRow = FixedRow {
    key: String::new(),
    label: String::new(),
    level: 0,
    filter: None,
    children: Vec::new(),
    total: false,
    optional: false,
};

/// Every catalogue code of a dimension.
fn catalogue_codes(dim: Dim) -> Vec<&'static str> {
    match (dim.classification(), dim.code_len()) {
        (Some(of), Some(len)) => catalogue::codes(of, len).collect(),
        _ => Vec::new(),
    }
}

fn catalogue_name(dim: Dim, code: &str) -> String {
    let of = dim.classification().unwrap_or(Classification::Function);
    catalogue::name(of, code).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_codeless_row_prints_its_name_without_the_code_separator() {
        let mut label = Label::new(RowKind::Line, "", 0, "货物");
        label.code = "A".into();
        assert_eq!(fill("{code}-{name}", &label), "A-货物");
        let total = Label::new(RowKind::Total, "", 0, "合计");
        assert_eq!(fill("{code}-{name}", &total), "合计");
        assert_eq!(fill("{code} {name}", &total), "合计");
        assert_eq!(fill("{name}", &total), "合计");
        assert_eq!(fill("[{code}]{name}", &total), "合计");
        assert_eq!(fill("[{code}]{name}", &label), "[A]货物");
    }
}

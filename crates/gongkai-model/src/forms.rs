//! The performance-target forms (绩效目标表) of a department: the profile's form layouts
//! ([`FormsSpec`]) filled in with the input's targets, their amounts added up from the
//! lines. A form is a layout-neutral grid of text with merged cells.

use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Path};
use crate::facts::Facts;
use crate::input::Indicator;
use crate::money;
use crate::profile::{
    Filter, FormCell, FormField, FormLayout, FormSpec, FormValue, FormsSpec, IndicatorBlock, IndicatorField,
};
use crate::rules::Rule;
use crate::table::{Cell, Column, ColumnKind, HeaderCell, Layout, Row, RowKind, Table};

/// A form: title, subtitle and grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Title.
    pub title: String,
    /// Subtitle, `（2025年）`.
    pub subtitle: String,
    /// The grid.
    pub table: Table,
    /// Whether this is the department's form (部门整体) rather than a project's, so that a
    /// template can place the two kinds apart (`@forms overall`, `@forms projects`).
    pub overall: bool,
    /// Whether this is a programme's form (专项资金, `@forms programmes`).
    pub programme: bool,
}

/// `[部门代码]部门名称`, or the name alone without a code.
fn coded_org(facts: &Facts) -> String {
    match facts.dept.code.as_str() {
        "" => facts.org().to_owned(),
        code => format!("[{code}]{}", facts.org()),
    }
}

/// The department's and its projects' performance-target forms, in print order: the
/// department's form, then one per project target in input order. A profile without a
/// form of a kind prints none of that kind.
pub fn performance_forms(facts: &Facts, spec: &FormsSpec) -> Vec<Form> {
    let mut forms = Vec::new();
    let perf = &facts.performance;
    if let (Some(form), Some(o)) = (&spec.overall, &perf.overall) {
        let field = |f: FormField| -> String {
            match f {
                FormField::Org => facts.org().to_owned(),
                FormField::CodedOrg => coded_org(facts),
                FormField::Year => facts.dept.year.to_string(),
                FormField::Goal => o.goal.trim().to_owned(),
                FormField::Contact => o.contact.clone(),
                FormField::Phone => o.phone.clone(),
                // Not in a department's form (the profile reader rejects them).
                FormField::Project | FormField::Leader | FormField::Unit | FormField::Seq => String::new(),
                FormField::Manager
                | FormField::Overview
                | FormField::Own
                | FormField::Transfers
                | FormField::Budget => String::new(),
            }
        };
        let amount = |filter: &Filter| facts.total(|f| filter.matches(f));
        let title = fill(&form.title, facts, "");
        let table = fill_grid(form, facts, "perf-overall", &title, &field, &amount, &o.indicators);
        forms.push(Form {
            title,
            subtitle: fill(&form.subtitle, facts, ""),
            table,
            overall: true,
            programme: false,
        });
    }
    forms.extend(programme_forms(facts, spec));
    let Some(form) = &spec.project else { return forms };
    // One project's values and amounts; `None` where a target's project has no lines (E404):
    // its amounts are zeros.
    let project_of =
        |t: &crate::input::ProjectTarget| facts.projects.iter().position(|p| p.name == t.project.trim());
    let printed_of =
        |t: &crate::input::ProjectTarget| t.title.as_deref().unwrap_or(&t.project).trim().to_owned();
    let field_of = |i: usize, f: FormField| -> String {
        let t = &perf.projects[i];
        match f {
            FormField::Org => facts.org().to_owned(),
            FormField::CodedOrg => coded_org(facts),
            FormField::Year => facts.dept.year.to_string(),
            FormField::Goal => t.goal.trim().to_owned(),
            FormField::Project => printed_of(t),
            FormField::Leader => t.leader.clone(),
            FormField::Unit => {
                project_of(t).map_or(facts.org(), |p| facts.units[facts.projects[p].unit].as_str()).to_owned()
            }
            FormField::Seq => (i + 1).to_string(),
            // Not in a project's form (the profile reader rejects them).
            FormField::Contact | FormField::Phone => String::new(),
            FormField::Manager
            | FormField::Overview
            | FormField::Own
            | FormField::Transfers
            | FormField::Budget => String::new(),
        }
    };
    let amount_of = |i: usize, filter: &Filter| match project_of(&perf.projects[i]) {
        Some(p) => facts.total(|f| f.project == Some(p) && filter.matches(f)),
        None => Decimal::ZERO,
    };
    if form.layout == FormLayout::List {
        if !perf.projects.is_empty() {
            forms.push(list_form(form, facts, &field_of, &amount_of));
        }
        return forms;
    }
    for (i, t) in perf.projects.iter().enumerate() {
        let printed = printed_of(t);
        let field = |f: FormField| field_of(i, f);
        let amount = |filter: &Filter| amount_of(i, filter);
        let title = fill(&form.title, facts, &printed);
        let id = format!("perf-project-{}", i + 1);
        let table = fill_grid(form, facts, &id, &title, &field, &amount, &t.indicators);
        forms.push(Form {
            title,
            subtitle: fill(&form.subtitle, facts, &printed),
            table,
            overall: false,
            programme: false,
        });
    }
    forms
}

/// One form per programme target (`performance.programmes`), in input order: its name,
/// 主管部门, 项目概况 and goal as the input gives them, its amounts as stated (本级支出
/// without a stated figure: the department's lines of the programme), 当年预算 their sum.
fn programme_forms(facts: &Facts, spec: &FormsSpec) -> Vec<Form> {
    let Some(form) = &spec.programme else { return Vec::new() };
    let mut forms = Vec::new();
    for (i, t) in facts.performance.programmes.iter().enumerate() {
        let name = t.name.trim();
        let stated = facts.programmes.get(i).copied().unwrap_or_default();
        let own = stated.own.unwrap_or_else(|| programme_lines(facts, form, name));
        let field = |f: FormField| -> String {
            match f {
                FormField::Org => facts.org().to_owned(),
                FormField::CodedOrg => coded_org(facts),
                FormField::Year => facts.dept.year.to_string(),
                FormField::Goal => t.goal.trim().to_owned(),
                FormField::Project => name.to_owned(),
                FormField::Manager => match t.manager.trim() {
                    "" => facts.org().to_owned(),
                    m => m.to_owned(),
                },
                FormField::Overview => t.overview.trim().to_owned(),
                FormField::Own => form.format.amount(own),
                FormField::Transfers => form.format.amount(stated.transfers),
                FormField::Budget => form.format.amount(own + stated.transfers),
                // Not in a programme's form (the profile reader rejects them).
                FormField::Contact
                | FormField::Phone
                | FormField::Leader
                | FormField::Unit
                | FormField::Seq => String::new(),
            }
        };
        let amount = |filter: &Filter| facts.total(|f| facts.in_programme(f, name) && filter.matches(f));
        let title = fill(&form.title, facts, name);
        let id = format!("perf-programme-{}", i + 1);
        let table = fill_grid(form, facts, &id, &title, &field, &amount, &t.indicators);
        forms.push(Form {
            title,
            subtitle: fill(&form.subtitle, facts, name),
            table,
            overall: false,
            programme: true,
        });
    }
    forms
}

/// The department's lines of a programme that its 本级支出 covers: those of the form's
/// `funds` rule, or all of them.
fn programme_lines(facts: &Facts, form: &FormSpec, name: &str) -> Decimal {
    facts.total(|f| facts.in_programme(f, name) && form.funds.as_ref().is_none_or(|r| r.filter.matches(f)))
}

/// E429: a programme's stated 本级支出 must cover the department's own lines of the
/// programme (those the profile's programme form counts); it may exceed them, since the
/// programme's budget at this level can include other bodies' shares. W431: a profile
/// without a programme form prints none of them, which the user is told.
pub fn check_programmes(facts: &Facts, spec: &FormsSpec) -> Vec<Diagnostic> {
    let at = |i: usize| Path::root().key("performance").key("programmes").index(i).key("name");
    let Some(form) = &spec.programme else {
        return facts
            .performance
            .programmes
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Diagnostic::new(
                    Rule::UnprintedProgramme,
                    format!("表套没有专项资金绩效目标表，专项资金“{}”的绩效目标不会印出", t.name.trim()),
                )
                .at(at(i))
                .hint("在表套的 forms.yaml 中加入 programme 表，或换用有专项资金绩效目标表的表套（gongkai profile list）")
            })
            .collect();
    };
    let mut out = Vec::new();
    for (i, t) in facts.performance.programmes.iter().enumerate() {
        let name = t.name.trim();
        let lines = programme_lines(facts, form, name);
        let Some(amounts) = facts.programmes.get(i) else { continue };
        let Some(own) = amounts.own else {
            // Its 本级支出 are its lines: a name that matches none, with nothing passed on
            // either, would print a programme of nothing (a misspelt name, most likely).
            if lines.is_zero() && amounts.transfers.is_zero() {
                out.push(
                    Diagnostic::new(
                        Rule::UnknownProject,
                        format!("专项资金“{name}”没有属于它的预算明细，也没有填写本级支出（own）或补助下级（transfers）"),
                    )
                    .at(at(i))
                    .hint("name 须与预算明细的项目名称、或项目说明的 parent 一致"),
                );
            }
            continue;
        };
        if money::round2(own) < money::round2(lines) {
            out.push(
                Diagnostic::new(
                    Rule::ProgrammeOwnSpending,
                    format!(
                        "专项资金“{name}”的本级支出 {} 万元，少于本部门属于它的预算明细之和 {} 万元",
                        money::fmt2(own),
                        money::fmt2(lines)
                    ),
                )
                .at(Path::root().key("performance").key("programmes").index(i).key("own"))
                .hint("本级支出包括本部门属于这笔资金的全部明细（项目名称与它相同、或项目说明的 parent 含它的项目）；请核对 own 或这些明细"),
            );
        }
    }
    out
}

/// The list layout: one form over every project target, in input order. The header rows
/// are the table's header (repeated on every page); each project prints its fixed rows,
/// then its indicator rows with its `beside` cells merged down beside all of them (one
/// blank indicator row for a project without indicators, so its cells still print).
/// The header's amounts add up the lines of every listed project.
fn list_form(
    form: &FormSpec,
    facts: &Facts,
    field_of: &dyn Fn(usize, FormField) -> String,
    amount_of: &dyn Fn(usize, &Filter) -> Decimal,
) -> Form {
    let perf = &facts.performance;
    let width = form.widths.len();
    let text = |value: &FormValue, i: Option<usize>| match (value, i) {
        (FormValue::Text(t), _) => fill(t, facts, ""),
        (FormValue::Field(f), Some(i)) => field_of(i, *f),
        // The header has no project: department values only.
        (FormValue::Field(f), None) => match f {
            FormField::Org => facts.org().to_owned(),
            FormField::CodedOrg => coded_org(facts),
            FormField::Year => facts.dept.year.to_string(),
            _ => String::new(),
        },
        (FormValue::Amount(filter), Some(i)) => form.format.amount(amount_of(i, filter)),
        (FormValue::Amount(filter), None) => {
            form.format.amount((0..perf.projects.len()).map(|i| amount_of(i, filter)).sum())
        }
    };
    let pieces = |cells: &[FormCell], i: Option<usize>| -> Vec<(usize, usize, String)> {
        cells.iter().map(|c| (c.colspan, c.rowspan, text(&c.value, i))).collect()
    };
    let mut head = Grid::new(width);
    for cells in &form.header {
        head.row(RowKind::Label, pieces(cells, None));
    }
    let header: Vec<HeaderCell> = head
        .rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            let spans = &head.spans;
            row.cells.iter().enumerate().filter_map(move |(c, cell)| match cell {
                Cell::Text(t) => {
                    let (rowspan, colspan) = spans
                        .iter()
                        .find(|s| s.row == r && s.col == c)
                        .map_or((1, 1), |s| (s.rowspan, s.colspan));
                    Some(HeaderCell { text: t.clone(), row: r, col: c, rowspan, colspan })
                }
                _ => None,
            })
        })
        .collect();
    // Each column's label: the lowest header cell over it, else the indicator's label.
    let mut labels: Vec<String> = vec![String::new(); width];
    for h in &header {
        for label in labels.iter_mut().skip(h.col).take(h.colspan) {
            *label = h.text.clone();
        }
    }
    let mut at = width.saturating_sub(form.indicators.columns.iter().map(|c| c.colspan).sum());
    let offset = at;
    for col in &form.indicators.columns {
        for label in labels.iter_mut().skip(at).take(col.colspan).filter(|l| l.is_empty()) {
            label.clone_from(&col.label);
        }
        at += col.colspan;
    }
    let mut g = Grid::new(width);
    let blank = [Indicator::default()];
    for (i, t) in perf.projects.iter().enumerate() {
        for cells in &form.rows {
            g.row(RowKind::Line, pieces(cells, Some(i)));
        }
        let indicators: &[Indicator] = if t.indicators.is_empty() { &blank } else { &t.indicators };
        let first = g.rows.len();
        for (n, ind) in indicators.iter().enumerate() {
            let mut row = Vec::new();
            if n == 0 {
                row = form
                    .beside
                    .iter()
                    .map(|c| (c.colspan, indicators.len(), text(&c.value, Some(i))))
                    .collect();
            }
            row.extend(form.indicators.columns.iter().map(|c| (c.colspan, 1, indicator(ind, c.value))));
            g.row(RowKind::Line, row);
        }
        merge_indicators(&mut g, &form.indicators, indicators, first, offset);
    }
    let title = fill(&form.title, facts, "");
    let header_rows = form.header.len();
    let table = form_table(form, facts, "perf-projects", &title, labels, (header, header_rows), g);
    Form { title, subtitle: fill(&form.subtitle, facts, ""), table, overall: false, programme: false }
}

/// The budget the department's form describes, added up from the lines (the narrative's
/// 部门整体绩效目标 涉及预算金额): the lines of the profile's `funds` rule, or without one
/// the form's own amount cells added up. Zero when the profile has no department form or
/// the input no department targets.
pub fn overall_amount(facts: &Facts, spec: &FormsSpec) -> Decimal {
    let Some(form) = &spec.overall else { return Decimal::ZERO };
    if facts.performance.overall.is_none() {
        return Decimal::ZERO;
    }
    match &form.funds {
        Some(rule) => facts.total(|f| rule.filter.matches(f)),
        None => form
            .rows
            .iter()
            .flatten()
            .filter_map(|c| match &c.value {
                FormValue::Amount(filter) => Some(facts.total(|f| filter.matches(f))),
                _ => None,
            })
            .sum(),
    }
}

/// W414: funds the input still states for the department's form (上级安排, 本级安排,
/// 其他资金) must add up to the budget the form describes, the lines of the profile's
/// `funds` rule; the form itself prints the amounts of the lines.
pub fn check_funding(facts: &Facts, spec: &FormsSpec) -> Option<Diagnostic> {
    let rule = spec.overall.as_ref()?.funds.as_ref()?;
    facts.performance.overall.as_ref()?;
    let funds: Decimal = facts.stated_funds?.iter().sum();
    let budget = facts.total(|f| rule.filter.matches(f));
    (money::round2(funds) != money::round2(budget)).then(|| {
        Diagnostic::new(
            Rule::PerformanceFunding,
            format!(
                "部门整体绩效目标表填写的资金合计 {} 万元，与{} {} 万元不一致",
                money::fmt2(funds),
                rule.label,
                money::fmt2(budget)
            ),
        )
        .at(Path::root().key("performance").key("overall").key("local_funds"))
        .hint("表中的金额由预算明细算出，不必填写 superior_funds、local_funds、other_funds；请删除或改正")
    })
}

/// The form's table layout: no organisation line, the profile's unit line and page.
fn form_layout(form: &FormSpec) -> Layout {
    Layout {
        org_label: None,
        unit_label: form.unit_label.clone(),
        orientation: form.orientation,
        number_position: form.number_position,
        ..Layout::default()
    }
}

/// The unit the unit line names (`万元`), when the form prints one.
fn form_unit(form: &FormSpec) -> String {
    form.unit_label.as_ref().map_or(String::new(), |_| form.format.unit.label().to_owned())
}

/// `{year}`, `{org}` and `{project}` filled in.
fn fill(pattern: &str, facts: &Facts, project: &str) -> String {
    pattern
        .replace("{year}", &facts.dept.year.to_string())
        .replace("{org}", facts.org())
        .replace("{project}", project)
}

/// The form's grid: its fixed rows, the indicators' label row and one row per indicator.
fn fill_grid(
    form: &FormSpec,
    facts: &Facts,
    id: &str,
    title: &str,
    field: &dyn Fn(FormField) -> String,
    amount: &dyn Fn(&Filter) -> Decimal,
    indicators: &[Indicator],
) -> Table {
    let mut g = Grid::new(form.widths.len());
    let block = &form.indicators;
    let side_from = match &block.side {
        Some(_) => form.rows.len().saturating_sub(block.side_above),
        None => usize::MAX,
    };
    for (r, cells) in form.rows.iter().enumerate() {
        let mut pieces: Vec<(usize, usize, String)> = cells
            .iter()
            .map(|FormCell { value, colspan, rowspan }| {
                let text = match value {
                    FormValue::Text(t) => fill(t, facts, ""),
                    FormValue::Field(f) => field(*f),
                    FormValue::Amount(filter) => form.format.amount(amount(filter)),
                };
                (*colspan, *rowspan, text)
            })
            .collect();
        if r == side_from {
            // The side label starts above the label row: it runs down to the last indicator.
            let rows = form.rows.len() - r + 1 + indicators.len();
            pieces.insert(0, (1, rows, block.side.clone().unwrap_or_default()));
        }
        g.row(RowKind::Line, pieces);
    }
    let labels = indicator_rows(&mut g, &form.indicators, indicators);
    form_table(form, facts, id, title, labels, (Vec::new(), 0), g)
}

/// A form's grid as a table: its columns labelled `labels` at the form's widths, its
/// header (cells and row count; none but in the list layout), its rows and merges.
fn form_table(
    form: &FormSpec,
    facts: &Facts,
    id: &str,
    title: &str,
    labels: Vec<String>,
    (header, header_rows): (Vec<HeaderCell>, usize),
    g: Grid,
) -> Table {
    Table {
        id: id.to_owned(),
        number: form.number.clone(),
        title: title.to_owned(),
        org: facts.org().to_owned(),
        unit: form_unit(form),
        columns: labels
            .into_iter()
            .zip(&form.widths)
            .map(|(label, w)| Column { id: None, kind: ColumnKind::Text, label, width: *w })
            .collect(),
        header,
        header_rows,
        rows: g.rows,
        empty_note: None,
        notes: Vec::new(),
        spans: g.spans,
        format: crate::table::NumberFormat::default(),
        // A form has no organisation line of its own: it says the department inside.
        layout: form_layout(form),
    }
}

/// The indicators' label row and rows; returns each grid column's label (the indicator
/// column's, or the side label's).
fn indicator_rows(g: &mut Grid, block: &IndicatorBlock, indicators: &[Indicator]) -> Vec<String> {
    let first = g.rows.len();
    let offset = usize::from(block.side.is_some());
    let side = |text: &str| (1, indicators.len() + 1, text.to_owned());
    let mut labels: Vec<(usize, usize, String)> =
        block.columns.iter().map(|c| (c.colspan, 1, c.label.clone())).collect();
    let mut column_labels: Vec<String> =
        block.columns.iter().flat_map(|c| std::iter::repeat_n(c.label.clone(), c.colspan)).collect();
    if let Some(s) = &block.side {
        // A side label started above the label row is placed already.
        if block.side_above == 0 {
            labels.insert(0, side(s));
        }
        column_labels.insert(0, s.clone());
    }
    g.row(RowKind::Label, labels);
    for ind in indicators {
        let pieces = block.columns.iter().map(|c| (c.colspan, 1, indicator(ind, c.value))).collect();
        g.row(RowKind::Line, pieces);
    }
    merge_indicators(g, block, indicators, first + 1, offset);
    column_labels
}

/// Merges the block's leading columns over the indicator rows that start at grid row
/// `body`, the indicator columns starting at grid column `offset`.
fn merge_indicators(
    g: &mut Grid,
    block: &IndicatorBlock,
    indicators: &[Indicator],
    body: usize,
    offset: usize,
) {
    let values: Vec<Vec<String>> = indicators
        .iter()
        .map(|ind| block.columns.iter().take(block.merge).map(|c| indicator(ind, c.value)).collect())
        .collect();
    // The grid column each indicator column starts at.
    let starts: Vec<usize> = block
        .columns
        .iter()
        .scan(offset, |at, c| {
            let start = *at;
            *at += c.colspan;
            Some(start)
        })
        .collect();
    for run in merge_runs(&values, block.merge) {
        let (row, col) = (body + run.start, starts[run.col]);
        let text = g.rows[row].cells[col].display();
        let colspan = block.columns[run.col].colspan;
        // A merged cell that also spans columns was recorded as a span of one row: it grows.
        g.spans.retain(|s| !(s.row == row && s.col == col));
        g.spans.push(HeaderCell { text, row, col, rowspan: run.len, colspan });
        for r in row + 1..row + run.len {
            g.rows[r].cells[col] = Cell::Empty;
        }
    }
}

/// A vertical merge of a form's indicator rows: `len` rows from row `start` in column `col`
/// (both counted within the indicator rows and the merged columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergeRun {
    /// The first row.
    pub start: usize,
    /// The column.
    pub col: usize,
    /// Rows covered, at least 2.
    pub len: usize,
}

/// The merges of the leading `merge` columns of `values` (one row per indicator): a cell
/// merges with the cells under it while their whole column path (the values of this
/// column and of every column to its left) is the same. So a group's first row merges
/// with the rows under it, and a new 一级 starts a new merge even when its first 二级
/// repeats the name above. Every backend maps these runs to its own merged cells.
pub fn merge_runs(values: &[Vec<String>], merge: usize) -> Vec<MergeRun> {
    let mut runs = Vec::new();
    let width = values.iter().map(Vec::len).min().unwrap_or(0).min(merge);
    for col in 0..width {
        let path = |r: usize| &values[r][..=col];
        let mut start = 0;
        while start < values.len() {
            let mut end = start + 1;
            while end < values.len() && path(end) == path(start) {
                end += 1;
            }
            if end - start > 1 {
                runs.push(MergeRun { start, col, len: end - start });
            }
            start = end;
        }
    }
    runs
}

fn indicator(i: &Indicator, field: IndicatorField) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    match field {
        IndicatorField::Level1 => i.level1.clone(),
        IndicatorField::Level2 => i.level2.clone(),
        IndicatorField::Name => i.name.clone(),
        IndicatorField::Value => i.value.clone(),
        IndicatorField::Basis => i.basis.clone(),
        IndicatorField::LastValue => opt(&i.last_value),
        IndicatorField::Weight => i.weight.to_string(),
        IndicatorField::Scoring => opt(&i.scoring),
        IndicatorField::Evidence => opt(&i.evidence),
        IndicatorField::Nature => opt(&i.nature),
        IndicatorField::Measure => opt(&i.measure),
        IndicatorField::Core => opt(&i.core),
        IndicatorField::Activity => opt(&i.activity),
        IndicatorField::Levels => format!("{}{}{}", i.level1.trim(), i.level2.trim(), i.name.trim()),
    }
}

/// A grid being filled row by row; cells go into the columns that no cell of an earlier
/// row covers.
struct Grid {
    width: usize,
    rows: Vec<Row>,
    spans: Vec<HeaderCell>,
    /// For each column, the first row no longer covered by a cell above.
    covered_until: Vec<usize>,
}

impl Grid {
    fn new(width: usize) -> Self {
        Grid { width, rows: Vec::new(), spans: Vec::new(), covered_until: vec![0; width] }
    }

    /// Adds a row of `(colspan, rowspan, text)` pieces, placed left to right.
    fn row(&mut self, kind: RowKind, pieces: Vec<(usize, usize, String)>) {
        let r = self.rows.len();
        let mut cells = vec![Cell::Empty; self.width];
        let mut col = 0;
        for (colspan, rowspan, text) in pieces {
            while col < self.width && self.covered_until[col] > r {
                col += 1;
            }
            if col >= self.width {
                // The profile reader checks that every row fits; nothing to place it in.
                break;
            }
            let end = (col + colspan).min(self.width);
            for c in col..end {
                self.covered_until[c] = r + rowspan;
            }
            if colspan > 1 || rowspan > 1 {
                self.spans.push(HeaderCell { text: text.clone(), row: r, col, rowspan, colspan });
            }
            cells[col] = Cell::Text(text);
            col = end;
        }
        self.rows.push(Row {
            kind,
            key: format!("r{r}"),
            level: 0,
            children: Vec::new(),
            right_children: Vec::new(),
            cells,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(pairs: &[(&str, &str)]) -> Vec<Vec<String>> {
        pairs.iter().map(|(a, b)| vec![(*a).to_owned(), (*b).to_owned(), "x".to_owned()]).collect()
    }

    fn runs(values: &[Vec<String>], merge: usize) -> Vec<(usize, usize, usize)> {
        merge_runs(values, merge).into_iter().map(|r| (r.col, r.start, r.len)).collect()
    }

    #[test]
    fn merges_follow_each_rows_own_column_path() {
        // Three 一级 groups: 产出 (two 数量, one 质量, one 时效), 成本 (three 经济成本) and
        // 效益, whose first 二级 repeats the name of the row above under a new 一级.
        let values = rows(&[
            ("产出指标", "数量指标"),
            ("产出指标", "数量指标"),
            ("产出指标", "质量指标"),
            ("产出指标", "时效指标"),
            ("成本指标", "经济成本指标"),
            ("成本指标", "经济成本指标"),
            ("成本指标", "经济成本指标"),
            ("效益指标", "经济成本指标"),
            ("效益指标", "社会效益指标"),
        ]);
        assert_eq!(
            runs(&values, 2),
            [
                // 一级: each group from its first row down.
                (0, 0, 4),
                (0, 4, 3),
                (0, 7, 2),
                // 二级: the two 数量指标 rows; the three 经济成本指标 of 成本, and not the
                // fourth, which belongs to 效益.
                (1, 0, 2),
                (1, 4, 3),
            ]
        );
        // Only the columns the profile merges; a lone row merges nothing.
        assert_eq!(runs(&values, 1), [(0, 0, 4), (0, 4, 3), (0, 7, 2)]);
        assert_eq!(runs(&values[..1], 2), []);
        assert_eq!(runs(&values, 0), []);
    }
}

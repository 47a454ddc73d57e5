//! The performance-target tables (部门整体绩效目标表, 项目支出绩效目标表) as forms:
//! layout-neutral grids of text with merged cells, their amounts derived from the lines.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::facts::Facts;
use crate::input::Indicator;
use crate::money::fmt2;
use crate::source::Kind;
use crate::table::{Cell, Column, ColumnKind, HeaderCell, Row, RowKind, Table};

/// A form: title, subtitle and grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Title.
    pub title: String,
    /// Subtitle, `（2025年）`.
    pub subtitle: String,
    /// The grid.
    pub table: Table,
}

struct Grid {
    widths: Vec<u16>,
    rows: Vec<Row>,
    spans: Vec<HeaderCell>,
}

impl Grid {
    fn new(widths: &[u16]) -> Self {
        Grid { widths: widths.to_vec(), rows: Vec::new(), spans: Vec::new() }
    }

    /// Adds a row of `(column, colspan, rowspan, text)` pieces.
    fn row(&mut self, kind: RowKind, pieces: &[(usize, usize, usize, &str)]) {
        let r = self.rows.len();
        let mut cells = vec![Cell::Empty; self.widths.len()];
        for &(col, colspan, rowspan, text) in pieces {
            cells[col] = Cell::Text(text.to_owned());
            if colspan > 1 || rowspan > 1 {
                self.spans.push(HeaderCell { text: text.to_owned(), row: r, col, rowspan, colspan });
            }
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

    /// A row of column labels (the indicator header), one per column.
    fn labels(&mut self, labels: &[&str]) {
        let pieces: Vec<_> = labels.iter().enumerate().map(|(c, l)| (c, 1, 1, *l)).collect();
        self.row(RowKind::Label, &pieces);
    }

    /// Indicator rows; equal consecutive 一级 and 二级 cells merge vertically.
    fn indicators(&mut self, indicators: &[Indicator], cells: impl Fn(&Indicator) -> Vec<String>) {
        let first = self.rows.len();
        for ind in indicators {
            let texts = cells(ind);
            let pieces: Vec<(usize, usize, usize, &str)> =
                texts.iter().enumerate().map(|(c, t)| (c, 1, 1, t.as_str())).collect();
            self.row(RowKind::Line, &pieces);
        }
        for col in 0..2 {
            let mut start = first;
            while start < self.rows.len() {
                let key = |r: usize| -> Vec<String> {
                    (0..=col).map(|c| self.rows[r].cells[c].display()).collect()
                };
                let mut end = start + 1;
                while end < self.rows.len() && key(end) == key(start) {
                    end += 1;
                }
                if end - start > 1 {
                    let text = self.rows[start].cells[col].display();
                    self.spans.push(HeaderCell { text, row: start, col, rowspan: end - start, colspan: 1 });
                    for r in start + 1..end {
                        self.rows[r].cells[col] = Cell::Empty;
                    }
                }
                start = end;
            }
        }
    }

    fn table(self, id: &str, title: &str, org: &str, labels: &[&str]) -> Table {
        Table {
            id: id.to_owned(),
            number: String::new(),
            title: title.to_owned(),
            org: org.to_owned(),
            unit: String::new(),
            columns: labels
                .iter()
                .zip(&self.widths)
                .map(|(l, w)| Column { id: None, kind: ColumnKind::Text, label: (*l).to_owned(), width: *w })
                .collect(),
            header: Vec::new(),
            header_rows: 0,
            rows: self.rows,
            empty_note: None,
            notes: Vec::new(),
            spans: self.spans,
            format: crate::table::NumberFormat::default(),
            // A form has no organisation or unit line of its own: it says both inside.
            layout: crate::table::Layout {
                org_label: None,
                unit_label: None,
                ..crate::table::Layout::default()
            },
        }
    }
}

/// The department's and its projects' performance-target forms, in print order.
pub fn performance_forms(facts: &Facts) -> Vec<Form> {
    let mut forms = Vec::new();
    let org = facts.org();
    let subtitle = format!("（{}年）", facts.dept.year);
    let perf = &facts.performance;
    if let Some(o) = &perf.overall {
        let labels = ["一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重"];
        let mut g = Grid::new(&[10, 10, 24, 12, 28, 8]);
        let [sup, loc, oth] = facts.performance_funds.map(fmt2);
        g.row(RowKind::Line, &[(0, 2, 1, "部门名称（盖章）"), (2, 4, 1, org)]);
        g.row(
            RowKind::Line,
            &[(0, 2, 1, "部门联系人"), (2, 1, 1, &o.contact), (3, 1, 1, "联系电话"), (4, 2, 1, &o.phone)],
        );
        g.row(RowKind::Line, &[(0, 2, 1, "年度绩效目标"), (2, 4, 1, o.goal.trim())]);
        g.row(
            RowKind::Line,
            &[(0, 2, 4, "年度预算（万元）"), (2, 2, 1, "资金来源"), (4, 2, 1, "资金总额（万元）")],
        );
        g.row(RowKind::Line, &[(2, 1, 2, "财政资金（万元）"), (3, 1, 1, "上级安排"), (4, 2, 1, &sup)]);
        g.row(RowKind::Line, &[(3, 1, 1, "本级安排"), (4, 2, 1, &loc)]);
        g.row(RowKind::Line, &[(2, 1, 1, "其他资金（万元）"), (3, 1, 1, "其他"), (4, 2, 1, &oth)]);
        g.labels(&labels);
        g.indicators(&o.indicators, |i| {
            vec![
                i.level1.clone(),
                i.level2.clone(),
                i.name.clone(),
                i.value.clone(),
                i.basis.clone(),
                i.weight.to_string(),
            ]
        });
        forms.push(Form {
            title: "部门整体绩效目标表".to_owned(),
            subtitle: subtitle.clone(),
            table: g.table("perf-overall", "部门整体绩效目标表", org, &labels),
        });
    }
    // Each project's current-year 项目 money: (total, 财政拨款), in one pass over the lines.
    let mut money: BTreeMap<usize, (Decimal, Decimal)> = BTreeMap::new();
    for f in facts.lines.iter().filter(|f| f.kind == Kind::Project && !f.source.is_carryover()) {
        if let Some(p) = f.project {
            let m = money.entry(p).or_default();
            m.0 += f.amount;
            if f.source.is_fiscal() {
                m.1 += f.amount;
            }
        }
    }
    let project_index: BTreeMap<&str, usize> =
        facts.projects.iter().enumerate().map(|(i, p)| (p.name.as_str(), i)).collect();
    for (i, t) in perf.projects.iter().enumerate() {
        let labels = [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "指标值设置依据",
            "上年完成值",
            "指标分值权重",
            "指标赋分规则",
            "佐证资料",
        ];
        let p = project_index.get(t.project.trim()).copied();
        let (total, fiscal) = p.and_then(|p| money.get(&p)).copied().unwrap_or_default();
        let unit = p.map_or(org, |p| facts.units[facts.projects[p].unit].as_str());
        let title = t.title.as_deref().unwrap_or(&t.project).trim();
        let (total, fiscal, other) = (fmt2(total), fmt2(fiscal), fmt2(total - fiscal));
        let mut g = Grid::new(&[8, 10, 20, 10, 10, 8, 6, 10, 8]);
        g.row(RowKind::Line, &[(0, 2, 1, "预算单位"), (2, 7, 1, unit)]);
        g.row(
            RowKind::Line,
            &[(0, 2, 1, "项目名称"), (2, 4, 1, title), (6, 1, 1, "项目负责人"), (7, 2, 1, &t.leader)],
        );
        g.row(
            RowKind::Line,
            &[
                (0, 2, 1, "项目资金（万元）"),
                (2, 1, 1, "年度预算总额"),
                (3, 1, 1, &total),
                (4, 1, 1, "其中：财政拨款"),
                (5, 1, 1, &fiscal),
                (6, 1, 1, "其他资金"),
                (7, 2, 1, &other),
            ],
        );
        g.row(RowKind::Line, &[(0, 2, 1, "项目总体目标"), (2, 7, 1, t.goal.trim())]);
        g.labels(&labels);
        g.indicators(&t.indicators, |i| {
            vec![
                i.level1.clone(),
                i.level2.clone(),
                i.name.clone(),
                i.value.clone(),
                i.basis.clone(),
                i.last_value.clone().unwrap_or_default(),
                i.weight.to_string(),
                i.scoring.clone().unwrap_or_default(),
                i.evidence.clone().unwrap_or_default(),
            ]
        });
        forms.push(Form {
            title: "项目支出绩效目标表".to_owned(),
            subtitle: subtitle.clone(),
            table: g.table(&format!("perf-project-{}", i + 1), "项目支出绩效目标表", org, &labels),
        });
    }
    forms
}

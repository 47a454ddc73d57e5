//! Profiles: everything regional about a disclosure, as data.
//!
//! A profile says which tables a region publishes and how (headings, columns, rows,
//! number formats), which identities hold between them, how the document is laid out
//! (cover, 目录, parts), how its performance-target forms are laid out, what the narrative states (figures declared over the lines,
//! arranged by templates), which figures are compared with last year, and the regional
//! rules behind them (which economic classes are 人员经费, …).
//!
//! These are the engine's types: resolved, with every reference checked. Users write
//! profiles as bundles of YAML and handlebars files, which `gongkai-profile` reads into
//! this form; the engine and the backends know no region.

mod checks;
mod filter;
mod forms;
mod narrative;
mod table;

use serde::{Deserialize, Serialize};

pub use checks::{Agreement, CellRef, ColumnsRef, Identity};
pub use filter::Filter;
pub use forms::{
    FormCell, FormField, FormLayout, FormSpec, FormValue, FormsSpec, FundsRule, IndicatorBlock,
    IndicatorColumn, IndicatorField,
};
pub use narrative::{
    ByOrgKindFigure, ComparedFigure, ComparedKey, CountFigure, Figure, GroupFigure, Keep, Label, ListEntry,
    ListFigure, NamedFigure, NamesFigure, NarrativeSpec, Reasons, TextList, TextNumbers, TextsFigure, Uses,
};
pub use table::{
    Balance, ColumnSpec, ColumnSum, Dim, EmptyTable, FixedRow, HeaderNode, Layout, Level, LevelRows, Measure,
    NumberFormat, NumberPosition, Numbering, Orientation, Pane, Register, RegisterForms, RightRow, RowScheme,
    TableSpec, TotalRow, Tree, YearRows, Zero, leaf_panes,
};

/// A region's disclosure format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// The profile's id (its folder's name).
    pub id: String,
    /// What it is, for people.
    pub title: String,
    /// The bundle's format version.
    pub version: u32,
    /// Cover, 目录 and the parts of the document.
    pub document: Outline,
    /// Regional classification rules.
    pub rules: Rules,
    /// The tables, in print order.
    pub tables: Vec<TableSpec>,
    /// Equalities between cells of different tables.
    pub identities: Vec<Identity>,
    /// Pairs of columns that must agree row by row.
    pub agreements: Vec<Agreement>,
    /// The figures the narrative states, and which of them are compared with last year.
    pub narrative: NarrativeSpec,
    /// The performance-target forms.
    pub forms: FormsSpec,
    /// The narrative templates: name (file stem) and text, parts and partials alike.
    pub templates: Vec<Template>,
    /// The words that differ between kinds of document (部门预算, 单位预算), for the
    /// templates (`{{words.name}}`); the tables have them filled in already.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub words: std::collections::BTreeMap<String, String>,
    /// The same bundle read for one unit's own document (单位预算), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Box<Profile>>,
}

/// A narrative template of a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// The name (file stem), `part3`.
    pub name: String,
    /// The handlebars text.
    pub text: String,
}

/// The document's frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outline {
    /// The document's title; `{year}` and `{org}` are filled in: `{year}年部门预算公开`.
    pub title: String,
    /// Whether the document opens with a cover page.
    pub cover: bool,
    /// Heading levels listed in the 目录; 0 for no 目录.
    pub toc_levels: u8,
    /// The templates rendered, in order; each makes one stretch of the document.
    pub parts: Vec<String>,
}

/// Regional classification rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// Economic 类 whose basic spending is 人员经费; the rest is 公用经费. A line may say
    /// otherwise (`personnel:`).
    pub personnel_classes: Vec<String>,
    /// Whether the profile groups lines by 政府经济分类 anywhere (a table's rows or a
    /// narrative group), so that every line needs a 5xx code. Derived from the tables and
    /// the narrative when the bundle is read, never written.
    #[serde(default)]
    pub gov_economic: bool,
    /// The fields every 项目说明 of the input must fill: those the region's narrative
    /// prints.
    pub project_texts: Vec<crate::input::ProjectField>,
    /// The input lists whose every project the narrative describes, so that a project
    /// without its text is W408/W409: those of the narrative's `texts` figures that do not
    /// say `every: false`. Derived when the bundle is read, never written.
    #[serde(default)]
    pub described: Vec<TextList>,
    /// The texts of `performance` the forms print, so that each must be filled in.
    /// Derived when the bundle is read, never written.
    #[serde(default)]
    pub form_texts: FormTexts,
}

/// Which texts of the input's `performance` a profile's forms print.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormTexts {
    /// 项目负责人 (the project's form).
    pub leader: bool,
    /// 指标设定依据 in the department's form.
    pub overall_basis: bool,
    /// 指标设定依据 in the project's form.
    pub project_basis: bool,
    /// 指标设定依据 in a programme's form (专项资金).
    #[serde(default)]
    pub programme_basis: bool,
    /// 分值权重 in any form (a profile without forms checks the weights as written).
    pub weight: bool,
}

impl Default for Rules {
    fn default() -> Self {
        use crate::input::ProjectField;
        Rules {
            personnel_classes: vec!["301".into(), "303".into()],
            gov_economic: false,
            project_texts: vec![ProjectField::Basis, ProjectField::Allocation, ProjectField::Period],
            described: vec![TextList::Projects, TextList::Carryover],
            form_texts: FormTexts::default(),
        }
    }
}

impl Profile {
    /// The input lists whose every project the narrative describes ([`Rules::described`]).
    pub fn described(&self) -> Vec<TextList> {
        let mut lists: Vec<TextList> = self
            .narrative
            .figures
            .iter()
            .filter_map(|f| match &f.figure {
                Figure::Texts(t) if t.every => Some(t.list),
                _ => None,
            })
            .collect();
        lists.dedup();
        lists
    }

    /// Every dimension the profile groups lines by: the levels of its tables and the
    /// groupings of its narrative figures.
    pub fn dims(&self) -> std::collections::BTreeSet<Dim> {
        let mut dims = std::collections::BTreeSet::new();
        for t in &self.tables {
            if let RowScheme::Tree(tree) = &t.rows {
                dims.extend(tree.levels.iter().flat_map(|l| l.dims.iter().copied()));
            }
        }
        for f in &self.narrative.figures {
            match &f.figure {
                Figure::Group(g) => {
                    dims.insert(g.by);
                    dims.extend(g.uses.as_ref().map(|u| u.by));
                }
                Figure::Names(n) => {
                    dims.insert(n.by);
                }
                Figure::Count(c) => {
                    dims.insert(c.by);
                }
                _ => {}
            }
        }
        dims
    }

    /// Every filter of the tables: scopes, amount columns and fixed rows (of a listing or
    /// of any side of a 收支 table).
    pub fn filters(&self) -> Vec<&Filter> {
        self.tables.iter().flat_map(|t| std::iter::once(&t.scope).chain(placed_filters(t))).collect()
    }

    /// The fund sources the tables print as income of their own: named by an amount
    /// column's or a fixed row's filter. A line of any other source would be counted in
    /// totals without a row or column of its own (a 中央部门 has no 上级转移支付), so
    /// validation refuses it and the synthetic generator never makes one.
    pub fn placed_sources(&self) -> std::collections::BTreeSet<crate::source::Source> {
        self.tables
            .iter()
            .flat_map(placed_filters)
            .flat_map(|f| f.sources.iter().flatten().copied())
            .collect()
    }

    /// A table spec by id.
    pub fn table(&self, id: &str) -> Option<&TableSpec> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// A template's text by name.
    pub fn template(&self, name: &str) -> Option<&str> {
        self.templates.iter().find(|t| t.name == name).map(|t| t.text.as_str())
    }
}

/// The filters of a table's amount columns and of its fixed rows (of a listing or of any
/// side of a 收支 table): what places lines in its cells, its scope aside.
fn placed_filters(t: &TableSpec) -> Vec<&Filter> {
    fn columns<'a>(nodes: &'a [HeaderNode], out: &mut Vec<&'a Filter>) {
        for node in nodes {
            if let Some(ColumnSpec::Amount { filter, .. } | ColumnSpec::LeftAmount { filter, .. }) =
                &node.column
            {
                out.push(filter);
            }
            columns(&node.children, out);
        }
    }
    let mut out = Vec::new();
    columns(&t.header, &mut out);
    let rows: Vec<&FixedRow> = match &t.rows {
        RowScheme::Tree(_) | RowScheme::Register(_) => Vec::new(),
        RowScheme::Fixed(rows) => rows.iter().collect(),
        RowScheme::Balance(b) => b
            .left
            .iter()
            .chain(&b.right_top)
            .chain(b.right.iter().map(|r| &r.row))
            .chain(b.panes.iter().flat_map(|p| p.rows.iter().map(|r| &r.row)))
            .collect(),
    };
    out.extend(rows.into_iter().filter_map(|r| r.filter.as_ref()));
    out
}

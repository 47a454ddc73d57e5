//! From a bundle's files to the engine's [`Profile`], every reference checked.
//!
//! A name that does not resolve — a table, a column, a row, a source group, a template — is
//! an error at the place it is written, never skipped: a check on a misspelt column would
//! otherwise pass for ever. Findings carry the file's path (`tables[3].header[1].amount`);
//! [`crate::read`] locates them as `file:line:column`.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_model::diag::{Diagnostic, Path};
use gongkai_model::facts::OrgKind;
use gongkai_model::input::ProjectField;
use gongkai_model::money::MoneyUnit;
use gongkai_model::profile::{
    Agreement, Balance, CellRef, ColumnSpec, ColumnSum, ColumnsRef, Dim, EmptyTable, Filter, FixedRow,
    HeaderNode, Identity, Layout, Level, LevelRows, Measure, NumberFormat, NumberPosition, Numbering,
    Orientation, Outline, Pane, Profile, Register, RegisterForms, RightRow, RowScheme, Rules, TableSpec,
    Template, TotalRow, Tree, YearRows, Zero,
};
use gongkai_model::rules::Rule;
use gongkai_model::source::{Kind, Source};

use crate::file::{
    ChecksFile, FilterFile, FixedRowFile, FormatFile, HeaderFile, LevelFile, ProfileFile, RowsFile, TableFile,
};

/// Findings, each with the file it is about.
#[derive(Default)]
pub(crate) struct Findings(pub(crate) Vec<(String, Diagnostic)>);

impl Findings {
    pub(crate) fn push(
        &mut self,
        file: &str,
        rule: Rule,
        path: Path,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.0.push((file.to_owned(), Diagnostic::new(rule, message).at(path)));
        &mut self.0.last_mut().expect("just pushed").1
    }
}

/// The parsed files of a bundle.
#[derive(Clone)]
pub(crate) struct Files {
    pub(crate) profile: ProfileFile,
    pub(crate) tables: Vec<TableFile>,
    pub(crate) checks: ChecksFile,
    pub(crate) narrative: crate::file::NarrativeFile,
    pub(crate) forms: crate::forms::FormsFile,
    pub(crate) templates: Vec<Template>,
}

pub(crate) const PROFILE: &str = "profile.yaml";
pub(crate) const TABLES: &str = "tables.yaml";
pub(crate) const CHECKS: &str = "checks.yaml";

/// `rules.project_texts`: each a field of the input's 项目说明.
fn project_texts(p: &ProfileFile, out: &mut Findings) -> Vec<ProjectField> {
    let Some(keys) = &p.rules.project_texts else { return Rules::default().project_texts };
    let path = Path::root().key("rules").key("project_texts");
    keys.iter()
        .enumerate()
        .filter_map(|(i, k)| {
            let field = ProjectField::parse(k);
            if field.is_none() {
                out.push(PROFILE, Rule::ProfileBadValue, path.index(i), format!("项目说明没有“{k}”这一项"))
                    .hint = Some(project_fields_hint());
            }
            field
        })
        .collect()
}

/// The fields of a 项目说明, for hints.
pub(crate) fn project_fields_hint() -> String {
    let keys: Vec<String> =
        ProjectField::ALL.iter().map(|f| format!("{}（{}）", f.key(), f.label())).collect();
    format!("可选：{}", keys.join("、"))
}

/// Resolves the files into a profile, reporting every reference that does not resolve.
pub(crate) fn resolve(files: Files, out: &mut Findings) -> Profile {
    let p = &files.profile;
    let groups = source_groups(p, out);
    let defaults = &p.table_defaults;
    if let Some(c) = &defaults.continued {
        check_continued(c, PROFILE, Path::root().key("table_defaults").key("continued"), out);
    }
    let root = Path::root();
    let rules = Rules {
        personnel_classes: p
            .rules
            .personnel_classes
            .clone()
            .unwrap_or_else(|| Rules::default().personnel_classes),
        gov_economic: false,
        project_texts: project_texts(p, out),
        described: Vec::new(),
        form_texts: Default::default(),
    };
    let mut ids = BTreeSet::new();
    let mut numbers = BTreeSet::new();
    let mut tables = Vec::new();
    for (i, t) in files.tables.iter().enumerate() {
        let path = root.index(i);
        if !ids.insert(t.id.clone()) {
            out.push(TABLES, Rule::ProfileDuplicateId, path.key("id"), format!("表的标识“{}”重复", t.id));
        }
        if t.id.trim().is_empty() || t.id.contains(['.', '/', ' ']) {
            out.push(TABLES, Rule::ProfileBadValue, path.key("id"), format!("表的标识“{}”无效", t.id)).hint =
                Some("只用字母、数字、- 和 _，如 t6".into());
        }
        if let Some(n) = &t.number
            && !numbers.insert(n.trim().to_lowercase())
        {
            out.push(TABLES, Rule::ProfileDuplicateId, path.key("number"), format!("表号“{n}”重复"));
        }
        tables.push(table(t, &path, defaults, &groups, out));
    }
    let (identities, agreements) = checks(&files.checks, &tables, out);
    let narrative = crate::narrative::resolve(&files.narrative, &tables, &groups, out);
    let forms = crate::forms::resolve(&files.forms, &groups, out);
    let names: BTreeSet<&str> = files.templates.iter().map(|t| t.name.as_str()).collect();
    for (i, part) in p.document.parts.iter().enumerate() {
        if !names.contains(part.as_str()) {
            out.push(
                PROFILE,
                Rule::ProfileUnknownTemplate,
                root.key("document").key("parts").index(i),
                format!("没有模板 templates/{part}.hbs"),
            );
        }
    }
    if p.document.parts.is_empty() {
        out.push(
            PROFILE,
            Rule::ProfileConflict,
            root.key("document").key("parts"),
            "document.parts 为空：文件没有任何内容",
        );
    }
    let mut profile = Profile {
        id: p.id.trim().to_owned(),
        title: p.title.trim().to_owned(),
        version: p.version,
        document: Outline {
            title: p.document.title.clone(),
            cover: p.document.cover,
            toc_levels: p.document.toc_levels,
            parts: p.document.parts.clone(),
        },
        rules,
        tables,
        identities,
        agreements,
        narrative,
        forms,
        templates: files.templates,
        words: p.kinds.department.words.clone(),
        unit: None,
    };
    profile.rules.gov_economic = profile.dims().iter().any(|d| matches!(d, Dim::GovClass | Dim::GovItem))
        || profile.filters().iter().any(|f| f.gov_prefixes.is_some());
    profile.rules.described = profile.described();
    profile.rules.form_texts = profile.forms.printed_texts();
    profile
}

/// The source groups, each resolved to its sources (a group may name other groups).
fn source_groups(p: &ProfileFile, out: &mut Findings) -> BTreeMap<String, Vec<Source>> {
    let mut resolved: BTreeMap<String, Vec<Source>> = BTreeMap::new();
    // Groups may refer to groups defined anywhere in the file: resolve in rounds.
    let mut pending: Vec<(&String, &Vec<String>)> = p.source_groups.iter().collect();
    for _ in 0..=pending.len() {
        let before = pending.len();
        pending.retain(|(name, members)| {
            let mut all = Vec::new();
            for m in members.iter() {
                if let Some(g) = resolved.get(m.trim()) {
                    all.extend(g.iter().copied());
                } else if p.source_groups.contains_key(m.trim()) {
                    return true;
                } else if let Some(s) = Source::parse(m) {
                    all.push(s);
                }
                // Anything else is reported below.
            }
            all.sort();
            all.dedup();
            resolved.insert((*name).clone(), all);
            false
        });
        if pending.len() == before {
            break;
        }
    }
    let root = Path::root().key("source_groups");
    for (name, members) in &p.source_groups {
        for (i, m) in members.iter().enumerate() {
            if !p.source_groups.contains_key(m.trim()) && Source::parse(m).is_none() {
                out.push(
                    PROFILE,
                    Rule::ProfileUnknownSource,
                    root.key(name).index(i),
                    format!("没有资金来源或资金来源组“{m}”"),
                );
            }
        }
    }
    for (name, _) in pending {
        out.push(PROFILE, Rule::ProfileConflict, root.key(name), format!("资金来源组“{name}”循环引用了自己"));
        resolved.insert(name.clone(), Vec::new());
    }
    resolved
}

pub(crate) fn filter(
    f: &FilterFile,
    file: &str,
    path: &Path,
    groups: &BTreeMap<String, Vec<Source>>,
    out: &mut Findings,
) -> Filter {
    let sources = f.sources.as_ref().map(|names| {
        let mut all = Vec::new();
        for (i, n) in names.iter().enumerate() {
            // A group's name wins over a source's alias: 财政拨款结转 names a group of three
            // sources, never one of them.
            match (groups.get(n.trim()), Source::parse(n)) {
                (Some(g), _) => all.extend(g.iter().copied()),
                (None, Some(s)) => all.push(s),
                (None, None) => {
                    out.push(
                        file,
                        Rule::ProfileUnknownSource,
                        path.key("sources").index(i),
                        format!("没有资金来源或资金来源组“{n}”"),
                    )
                    .hint = Some("资金来源组在 profile.yaml 的 source_groups 中定义".into());
                }
            }
        }
        all
    });
    let kinds = f.kinds.as_ref().map(|names| {
        names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let k = Kind::parse(n);
                if k.is_none() {
                    let all: Vec<&str> = Kind::ALL.iter().map(|k| k.label()).collect();
                    out.push(
                        file,
                        Rule::ProfileBadValue,
                        path.key("kinds").index(i),
                        format!("没有支出类型“{n}”"),
                    )
                    .hint = Some(format!("可选：{}", all.join("、")));
                }
                k
            })
            .collect()
    });
    let unit_kinds = f.unit_kinds.as_ref().map(|names| {
        names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let k = OrgKind::parse(n);
                if k.is_none() {
                    out.push(
                        file,
                        Rule::ProfileBadValue,
                        path.key("unit_kinds").index(i),
                        format!("没有单位性质“{n}”"),
                    )
                    .hint = Some("可选：行政单位、参公事业单位、事业单位".into());
                }
                k
            })
            .collect()
    });
    // Each classification's codes begin with its own digit (功能分类 2, 部门预算支出经济分类
    // 3, 政府预算支出经济分类 5): a code of another would select no line, silently.
    let codes = |list: &Option<Vec<String>>, key: &str, len: &[usize], first: char, out: &mut Findings| {
        list.as_ref().map(|codes| {
            for (i, c) in codes.iter().enumerate() {
                if !len.contains(&c.len())
                    || !c.chars().all(|ch| ch.is_ascii_digit())
                    || !c.starts_with(first)
                {
                    let digits = len.iter().map(ToString::to_string).collect::<Vec<_>>().join("、");
                    out.push(
                        file,
                        Rule::ProfileBadValue,
                        path.key(key).index(i),
                        format!("编码“{c}”格式不对"),
                    )
                    .hint = Some(format!("{key} 的编码是以 {first} 开头的 {digits} 位数字"));
                }
            }
            codes.iter().map(|c| c.trim().to_owned()).collect()
        })
    };
    Filter {
        sources,
        kinds,
        personnel: f.personnel,
        econ_classes: codes(&f.econ_classes, "econ_classes", &[3], '3', out),
        econ_codes: codes(&f.econ_codes, "econ_codes", &[5, 7], '3', out),
        func_prefixes: codes(&f.func_prefixes, "func_prefixes", &[3, 5, 7], '2', out),
        gov_prefixes: codes(&f.gov_prefixes, "gov_prefixes", &[3, 5], '5', out),
        unit_kinds,
        capital_construction: f.capital_construction,
        procurement: f.procurement,
        service: f.service,
        last_year: f.last_year,
    }
}

/// A table's or form's 表号 position (`above` when not given); `file` and `path` place a
/// bad value.
pub(crate) fn number_position(
    value: Option<&str>,
    file: &str,
    path: &Path,
    out: &mut Findings,
) -> NumberPosition {
    match value.map(str::trim) {
        None | Some("above") => NumberPosition::Above,
        Some("above-right") => NumberPosition::AboveRight,
        Some("above-left") => NumberPosition::AboveLeft,
        Some("inline") => NumberPosition::Inline,
        Some(other) => {
            out.push(
                file,
                Rule::ProfileBadValue,
                path.key("number_position"),
                format!("表号位置“{other}”无效"),
            )
            .hint = Some("可选：above、above-right、above-left、inline".into());
            NumberPosition::Above
        }
    }
}

/// A 收支 table with further panes has one right-hand label column per right side: the
/// first for `right`, one more for each pane. Without it a pane's figures would print under
/// another side's labels, or not at all.
fn check_panes(rows: &RowScheme, header: &[HeaderNode], path: &Path, out: &mut Findings) {
    fn labels(nodes: &[HeaderNode]) -> usize {
        nodes
            .iter()
            .map(|n| {
                usize::from(matches!(n.column, Some(ColumnSpec::RightLabel { .. }))) + labels(&n.children)
            })
            .sum()
    }
    let RowScheme::Balance(b) = rows else { return };
    if b.panes.is_empty() {
        return;
    }
    let (have, want) = (labels(header), b.panes.len() + 1);
    if have != want {
        out.push(
            TABLES,
            Rule::ProfileConflict,
            path.key("balance").key("panes"),
            format!("表头有 {have} 个右栏名称列，右栏和 {} 个 panes 共需 {want} 个", b.panes.len()),
        )
        .hint = Some(
            "每个右栏（right 和 panes 中的每一栏）在表头中各有一个 right_label 列，其后是它的金额列".into(),
        );
    }
}

/// A 续表 line may name the table's number and nothing else.
fn check_continued(line: &str, file: &'static str, path: Path, out: &mut Findings) {
    if line.replace("{number}", "").contains(['{', '}']) {
        out.push(file, Rule::ProfileBadValue, path, format!("续表一行“{line}”中有未知的占位符")).hint =
            Some("只能用 {number}（表号）".into());
    }
}

fn format(t: &FormatFile, d: &FormatFile, path: &Path, out: &mut Findings) -> (NumberFormat, Layout) {
    let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
    let base = NumberFormat::default();
    let unit = match pick(&t.unit, &d.unit).as_deref().map(str::trim) {
        None => base.unit,
        Some("万元") => MoneyUnit::Wan,
        Some("元") => MoneyUnit::Yuan,
        Some(other) => {
            out.push(TABLES, Rule::ProfileBadValue, path.key("unit"), format!("金额单位“{other}”无效"))
                .hint = Some("可选：万元、元".into());
            base.unit
        }
    };
    let zero = match pick(&t.zero, &d.zero).as_deref().map(str::trim) {
        None => base.zero,
        Some("blank") => Zero::Blank,
        Some("zero") => Zero::Zero,
        Some("dash") => Zero::Dash,
        Some("bare") => Zero::Bare,
        Some(other) => {
            out.push(TABLES, Rule::ProfileBadValue, path.key("zero"), format!("零值印法“{other}”无效"))
                .hint = Some("可选：blank、zero、dash、bare".into());
            base.zero
        }
    };
    let decimals = t.decimals.or(d.decimals).unwrap_or(base.decimals);
    if decimals > 6 {
        out.push(
            TABLES,
            Rule::ProfileBadValue,
            path.key("decimals"),
            format!("小数位数 {decimals} 太多（最多 6 位）"),
        );
    }
    let number_position =
        number_position(pick(&t.number_position, &d.number_position).as_deref(), TABLES, path, out);
    let orientation = match pick(&t.orientation, &d.orientation).as_deref().map(str::trim) {
        None | Some("portrait") => Orientation::Portrait,
        Some("landscape") => Orientation::Landscape,
        Some(other) => {
            out.push(
                TABLES,
                Rule::ProfileBadValue,
                path.key("orientation"),
                format!("页面方向“{other}”无效"),
            )
            .hint = Some("可选：portrait、landscape".into());
            Orientation::Portrait
        }
    };
    // A table's own line is checked at the table; the defaults' once, where resolve reads them.
    let continued = pick(&t.continued, &d.continued).filter(|c| !c.trim().is_empty());
    if let Some(c) = &t.continued {
        check_continued(c, TABLES, path.key("continued"), out);
    }
    let label = |a: &Option<String>, b: &Option<String>, default: &str| -> Option<String> {
        match pick(a, b) {
            None => Some(default.to_owned()),
            Some(l) if l.trim().is_empty() => None,
            Some(l) => Some(l),
        }
    };
    (
        NumberFormat {
            unit,
            decimals: decimals.min(6),
            zero,
            separators: t.separators.or(d.separators).unwrap_or(base.separators),
            percent_decimals: t
                .percent_decimals
                .or(d.percent_decimals)
                .unwrap_or(base.percent_decimals)
                .min(6),
        },
        Layout {
            org_label: label(&t.org_label, &d.org_label, "编制部门"),
            unit_label: label(&t.unit_label, &d.unit_label, "单位"),
            number_position,
            orientation,
            continued,
        },
    )
}

/// Everything a table says about its columns, for the checks of references.
struct ColumnIds {
    amounts: BTreeSet<String>,
    all: BTreeSet<String>,
}

fn table(
    t: &TableFile,
    path: &Path,
    defaults: &FormatFile,
    groups: &BTreeMap<String, Vec<Source>>,
    out: &mut Findings,
) -> TableSpec {
    let scope = filter(&t.scope, TABLES, &path.key("scope"), groups, out);
    let mut ids = ColumnIds { amounts: BTreeSet::new(), all: BTreeSet::new() };
    let header: Vec<HeaderNode> = t
        .header
        .iter()
        .enumerate()
        .map(|(i, h)| header(h, &path.key("header").index(i), groups, &mut ids, out))
        .collect();
    if header.is_empty() {
        out.push(TABLES, Rule::ProfileConflict, path.key("header"), "表头为空");
    }
    // Change columns refer to amount columns of the same table.
    check_changes(&t.header, &path.key("header"), &ids, out);
    let rows = rows(&t.rows, &path.key("rows"), groups, out);
    check_years(&rows, &header, &ids, &t.sums, &path.key("rows"), out);
    check_panes(&rows, &header, &path.key("rows"), out);
    let mut sums = Vec::new();
    for (i, s) in t.sums.iter().enumerate() {
        let p = path.key("sums").index(i);
        if !ids.amounts.contains(&s.total) {
            out.push(
                TABLES,
                Rule::ProfileUnknownColumn,
                p.key("total"),
                format!("本表没有金额列“{}”", s.total),
            );
        }
        for (j, part) in s.parts.iter().enumerate() {
            if !ids.amounts.contains(part) {
                out.push(
                    TABLES,
                    Rule::ProfileUnknownColumn,
                    p.key("parts").index(j),
                    format!("本表没有金额列“{part}”"),
                );
            }
        }
        sums.push(ColumnSum { total: s.total.clone(), parts: s.parts.clone() });
    }
    let (format, layout) = format(&t.format, defaults, &path.key("format"), out);
    let numbering = match (&t.format.numbering, &defaults.numbering, t.no_numbering) {
        (_, _, true) => Numbering::None,
        (Some(n), _, _) | (None, Some(n), _) => {
            Numbering::Columns { mark: n.mark.clone(), first: n.first.clone() }
        }
        (None, None, _) => Numbering::None,
    };
    TableSpec {
        id: t.id.trim().to_owned(),
        number: t.number.clone().filter(|n| !n.trim().is_empty()),
        title: t.title.clone(),
        scope,
        rows,
        header,
        numbering,
        empty: EmptyTable {
            note: t.empty.note.clone(),
            total_row: t.empty.total_row,
            blank_rows: t.empty.blank_rows,
            marker: t.empty.marker.clone().filter(|m| !m.trim().is_empty()),
            reason: t.empty.reason.clone().filter(|m| !m.trim().is_empty()),
        },
        sums,
        format,
        blank_zero: blank_zero(&t.header),
        layout,
        rounding_note: t
            .format
            .rounding_note
            .clone()
            .or_else(|| defaults.rounding_note.clone())
            .unwrap_or_else(|| DEFAULT_ROUNDING_NOTE.to_owned()),
        notes: t.notes.clone(),
    }
}

/// The amount (and change) columns whose zero cells print blank, by id.
fn blank_zero(nodes: &[HeaderFile]) -> Vec<String> {
    let mut out = Vec::new();
    for h in nodes {
        out.extend(blank_zero(&h.children));
        if h.blank_zero {
            out.extend(h.amount.iter().chain(&h.left_amount).chain(&h.change).cloned());
        }
    }
    out
}

/// The rounding sentence of a profile that does not write its own.
const DEFAULT_ROUNDING_NOTE: &str = "注：由于四舍五入因素，部分分项加和与合计可能略有差异。";

fn header(
    h: &HeaderFile,
    path: &Path,
    groups: &BTreeMap<String, Vec<Source>>,
    ids: &mut ColumnIds,
    out: &mut Findings,
) -> HeaderNode {
    let kinds: Vec<&str> = [
        h.code.as_ref().map(|_| "code"),
        h.name.as_ref().map(|_| "name"),
        h.project.then_some("project"),
        h.project_attr.as_ref().map(|_| "project_attr"),
        h.left_label.then_some("left_label"),
        h.period.then_some("period"),
        h.left_amount.as_ref().map(|_| "left_amount"),
        h.right_label.as_ref().map(|_| "right_label"),
        h.amount.as_ref().map(|_| "amount"),
        h.change.as_ref().map(|_| "change"),
        h.change_percent.as_ref().map(|_| "change_percent"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !h.children.is_empty() {
        if !kinds.is_empty() {
            out.push(
                TABLES,
                Rule::ProfileConflict,
                path.clone(),
                format!("分组表头不能同时是一列（{}）", kinds.join("、")),
            );
        }
        let children = h
            .children
            .iter()
            .enumerate()
            .map(|(i, c)| header(c, &path.key("children").index(i), groups, ids, out))
            .collect();
        return HeaderNode { label: h.label.clone(), column: None, children };
    }
    if kinds.len() != 1 {
        out.push(
            TABLES,
            Rule::ProfileConflict,
            path.clone(),
            if kinds.is_empty() {
                format!("表头“{}”没有说明这一列放什么", h.label)
            } else {
                format!("表头“{}”同时写了 {}", h.label, kinds.join("、"))
            },
        )
        .hint = Some("每一列写且只写 code、name、project、project_attr、period、left_label、left_amount、right_label、amount、change、change_percent 之一；分组写 children".into());
    }
    if h.measure.is_some() && h.amount.is_none() {
        out.push(TABLES, Rule::ProfileConflict, path.key("measure"), "measure 只用于金额列（amount）");
    }
    let mut id = |key: &str, id: &String, amount: bool, out: &mut Findings| {
        if !ids.all.insert(id.clone()) {
            out.push(TABLES, Rule::ProfileDuplicateId, path.key(key), format!("列的标识“{id}”在本表中重复"));
        }
        if amount {
            ids.amounts.insert(id.clone());
        }
    };
    let f = |out: &mut Findings| {
        h.filter
            .as_ref()
            .map_or_else(Filter::default, |f| filter(f, TABLES, &path.key("filter"), groups, out))
    };
    let column = if let Some(code) = &h.code {
        match code.trim() {
            "类" => ColumnSpec::CodePart(0),
            "款" => ColumnSpec::CodePart(1),
            "项" => ColumnSpec::CodePart(2),
            "full" => ColumnSpec::Code,
            other => {
                out.push(TABLES, Rule::ProfileBadValue, path.key("code"), format!("编码列“{other}”无效"))
                    .hint = Some("可选：类、款、项、full".into());
                ColumnSpec::Code
            }
        }
    } else if let Some(pattern) = &h.name {
        let of = h
            .dims
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let found = dim(d);
                if found.is_none() {
                    out.push(
                        TABLES,
                        Rule::ProfileBadValue,
                        path.key("dims").index(i),
                        format!("维度“{d}”无效"),
                    )
                    .hint = Some(format!("可选：{DIMS}"));
                }
                found
            })
            .collect();
        ColumnSpec::Name {
            pattern: if pattern.is_empty() { "{name}".to_owned() } else { pattern.clone() },
            of,
        }
    } else if h.project {
        ColumnSpec::Project
    } else if let Some(attr) = &h.project_attr {
        ColumnSpec::ProjectAttr(ProjectField::parse(attr).unwrap_or_else(|| {
            out.push(
                TABLES,
                Rule::ProfileBadValue,
                path.key("project_attr"),
                format!("项目属性“{attr}”无效"),
            )
            .hint = Some(project_fields_hint());
            ProjectField::Kind
        }))
    } else if h.left_label {
        ColumnSpec::LeftLabel
    } else if let Some(i) = &h.left_amount {
        id("left_amount", i, true, out);
        ColumnSpec::LeftAmount { id: i.clone(), filter: f(out) }
    } else if let Some(pattern) = &h.right_label {
        ColumnSpec::RightLabel { pattern: pattern.clone() }
    } else if h.period {
        ColumnSpec::Period
    } else if let Some(i) = &h.amount {
        id("amount", i, true, out);
        let measure = match h.measure.as_deref() {
            None => Measure::Amount,
            Some(m) => Measure::parse(m).unwrap_or_else(|| {
                out.push(
                    TABLES,
                    Rule::ProfileBadValue,
                    path.key("measure"),
                    format!("金额列的 measure“{m}”无效"),
                )
                .hint = Some("可选：amount、sme_reserved、small_micro_reserved".into());
                Measure::Amount
            }),
        };
        ColumnSpec::Amount { id: i.clone(), filter: f(out), measure }
    } else if let Some(i) = &h.change {
        id("change", i, false, out);
        ColumnSpec::Change {
            id: i.clone(),
            of: h.of.clone().unwrap_or_default(),
            base: h.base.clone().unwrap_or_default(),
        }
    } else if let Some(i) = &h.change_percent {
        id("change_percent", i, false, out);
        ColumnSpec::ChangePercent {
            id: i.clone(),
            of: h.of.clone().unwrap_or_default(),
            base: h.base.clone().unwrap_or_default(),
        }
    } else {
        ColumnSpec::Name { pattern: "{name}".into(), of: Vec::new() }
    };
    if h.filter.is_some() && !matches!(column, ColumnSpec::Amount { .. } | ColumnSpec::LeftAmount { .. }) {
        out.push(TABLES, Rule::ProfileConflict, path.key("filter"), "只有金额列可以写 filter");
    }
    HeaderNode { label: h.label.clone(), column: Some(column), children: Vec::new() }
}

fn check_changes(nodes: &[HeaderFile], path: &Path, ids: &ColumnIds, out: &mut Findings) {
    for (i, h) in nodes.iter().enumerate() {
        let p = path.index(i);
        if h.change.is_some() || h.change_percent.is_some() {
            for (key, value) in [("of", &h.of), ("base", &h.base)] {
                match value {
                    Some(v) if ids.amounts.contains(v) => {}
                    Some(v) => {
                        out.push(
                            TABLES,
                            Rule::ProfileUnknownColumn,
                            p.key(key),
                            format!("本表没有金额列“{v}”"),
                        );
                    }
                    None => {
                        out.push(TABLES, Rule::ProfileConflict, p.clone(), format!("增减列缺少 {key}"));
                    }
                }
            }
        }
        check_changes(&h.children, &p.key("children"), ids, out);
    }
}

fn rows(r: &RowsFile, path: &Path, groups: &BTreeMap<String, Vec<Source>>, out: &mut Findings) -> RowScheme {
    let given = usize::from(r.tree.is_some())
        + usize::from(r.fixed.is_some())
        + usize::from(r.balance.is_some())
        + usize::from(r.register.is_some());
    if given != 1 {
        out.push(
            TABLES,
            Rule::ProfileConflict,
            path.clone(),
            "rows 须写且只写 tree、fixed、balance、register 之一",
        );
    }
    if let Some(tree) = &r.tree {
        let p = path.key("tree");
        let total = tree.total.as_ref().map(|t| {
            let top = match t.position.as_deref().map(str::trim) {
                None | Some("top") => true,
                Some("bottom") => false,
                Some(other) => {
                    out.push(
                        TABLES,
                        Rule::ProfileBadValue,
                        p.key("total").key("position"),
                        format!("合计行位置“{other}”无效"),
                    )
                    .hint = Some("可选：top、bottom".into());
                    true
                }
            };
            TotalRow { label: t.label.clone(), top }
        });
        let levels =
            tree.levels.iter().enumerate().map(|(i, l)| level(l, &p.key("levels").index(i), out)).collect();
        if tree.levels.is_empty() {
            out.push(TABLES, Rule::ProfileConflict, p.key("levels"), "tree 至少要有一级分组");
        }
        let years = tree.years.as_ref().map(|y| YearRows {
            last: y.last.clone(),
            this: y.this.clone(),
            change: y.change.clone(),
            compare: y.compare.clone(),
        });
        return RowScheme::Tree(Tree { total, levels, years });
    }
    if let Some(fixed) = &r.fixed {
        return RowScheme::Fixed(fixed_rows(fixed, &path.key("fixed"), groups, out));
    }
    if let Some(b) = &r.balance {
        let p = path.key("balance");
        let left = fixed_rows(&b.left, &p.key("left"), groups, out);
        let right_top = fixed_rows(&b.right_top, &p.key("right_top"), groups, out);
        for (i, r) in b.right_top.iter().enumerate() {
            if r.beside.is_some() {
                out.push(
                    TABLES,
                    Rule::ProfileConflict,
                    p.key("right_top").index(i).key("beside"),
                    "right_top 的行总在右栏最上面，不能写 beside",
                );
            }
        }
        let left_keys: BTreeSet<&str> = b.left.iter().map(|r| r.key.as_str()).collect();
        let side = |rows: &[FixedRowFile], at: &Path, out: &mut Findings| {
            let resolved = fixed_rows(rows, at, groups, out);
            let mut side = Vec::new();
            for (i, (file_row, row)) in rows.iter().zip(resolved).enumerate() {
                if let Some(beside) = &file_row.beside
                    && !left_keys.contains(beside.as_str())
                {
                    out.push(
                        TABLES,
                        Rule::ProfileUnknownRow,
                        at.index(i).key("beside"),
                        format!("左栏没有行“{beside}”"),
                    );
                }
                side.push(RightRow { row, beside: file_row.beside.clone() });
            }
            side
        };
        let right = side(&b.right, &p.key("right"), out);
        let panes = b
            .panes
            .iter()
            .enumerate()
            .map(|(i, pane)| Pane {
                rows: side(&pane.rows, &p.key("panes").index(i).key("rows"), out),
                total: pane.total.clone(),
            })
            .collect::<Vec<_>>();
        for (i, l) in b.left.iter().enumerate() {
            if l.beside.is_some() {
                out.push(
                    TABLES,
                    Rule::ProfileConflict,
                    p.key("left").index(i).key("beside"),
                    "beside 只用于右栏的行",
                );
            }
        }
        let classes = match (&b.class_codes, b.classes.as_deref().map(str::trim)) {
            (Some(codes), None) => LevelRows::Codes(codes.clone()),
            (None, None | Some("used")) => LevelRows::Used,
            (None, Some("catalogue")) => LevelRows::Catalogue,
            (None, Some(other)) => {
                out.push(TABLES, Rule::ProfileBadValue, p.key("classes"), format!("classes“{other}”无效"))
                    .hint = Some("可选：used、catalogue".into());
                LevelRows::Used
            }
            (Some(_), Some(_)) => {
                out.push(
                    TABLES,
                    Rule::ProfileConflict,
                    p.key("classes"),
                    "classes 与 class_codes 只能写一个",
                );
                LevelRows::Used
            }
        };
        let depth = match b.depth {
            None => 1,
            Some(d @ 1..=3) => d,
            Some(other) => {
                out.push(TABLES, Rule::ProfileBadValue, p.key("depth"), format!("depth“{other}”无效")).hint =
                    Some("可选：1（类）、2（款）、3（项）".into());
                1
            }
        };
        let total_top = match b.total_position.as_deref().map(str::trim) {
            None | Some("bottom") => false,
            Some("top") => true,
            Some(other) => {
                out.push(
                    TABLES,
                    Rule::ProfileBadValue,
                    p.key("total_position"),
                    format!("合计行位置“{other}”无效"),
                )
                .hint = Some("可选：top、bottom".into());
                false
            }
        };
        return RowScheme::Balance(Balance {
            left,
            classes,
            class_names: b.class_names.clone(),
            depth,
            right_top,
            right,
            left_total: b.left_total.clone(),
            right_total: b.right_total.clone(),
            total_top,
            panes,
        });
    }
    if let Some(r) = &r.register {
        return RowScheme::Register(Register {
            mark: r.mark.clone(),
            forms: r.forms.as_ref().map(|f| RegisterForms {
                number: f.number.clone(),
                after: f.after.clone(),
                reason: f.reason.clone().filter(|m| !m.trim().is_empty()),
            }),
        });
    }
    RowScheme::Fixed(Vec::new())
}

/// The dimensions' names, for hints.
pub(crate) const DIMS: &str = "org、unit、func_class、func_section、func_item、econ_class、econ_item、econ_sub、econ、gov_class、gov_item、project、parent、procurement、procurement_item、procurement_form、source、service_class、service_item、service、line";

/// A dimension by its name in the files.
pub(crate) fn dim(name: &str) -> Option<Dim> {
    Some(match name.trim() {
        "org" => Dim::Org,
        "unit" => Dim::Unit,
        "func_class" => Dim::FuncClass,
        "func_section" => Dim::FuncSection,
        "func_item" => Dim::FuncItem,
        "econ_class" => Dim::EconClass,
        "econ_item" => Dim::EconItem,
        "econ_sub" => Dim::EconSub,
        "econ" => Dim::Econ,
        "procurement" => Dim::Procurement,
        "procurement_item" => Dim::ProcurementItem,
        "procurement_form" => Dim::ProcurementForm,
        "source" => Dim::Source,
        "service_class" => Dim::ServiceClass,
        "service_item" => Dim::ServiceItem,
        "service" => Dim::Service,
        "line" => Dim::Line,
        "gov_class" => Dim::GovClass,
        "gov_item" => Dim::GovItem,
        "project" => Dim::Project,
        "parent" => Dim::ProjectParent,
        _ => return None,
    })
}

fn level(l: &LevelFile, path: &Path, out: &mut Findings) -> Level {
    let mut dims = Vec::new();
    for part in l.by.split('+').map(str::trim) {
        let Some(dim) = dim(part) else {
            out.push(TABLES, Rule::ProfileBadValue, path.key("by"), format!("不能按“{part}”分组")).hint =
                Some(format!("可选：{DIMS}（可用 + 组合）"));
            continue;
        };
        dims.push(dim);
    }
    if dims.is_empty() {
        dims.push(Dim::FuncItem);
    }
    let rows = match (&l.codes, l.rows.as_deref().map(str::trim)) {
        (Some(codes), None) => LevelRows::Codes(codes.clone()),
        (None, None | Some("used")) => LevelRows::Used,
        (None, Some("catalogue")) => LevelRows::Catalogue,
        (None, Some(other)) => {
            out.push(TABLES, Rule::ProfileBadValue, path.key("rows"), format!("rows“{other}”无效")).hint =
                Some("可选：used、catalogue".into());
            LevelRows::Used
        }
        (Some(_), Some(_)) => {
            out.push(TABLES, Rule::ProfileConflict, path.key("codes"), "rows 与 codes 只能写一个");
            LevelRows::Used
        }
    };
    if dims.contains(&Dim::ProjectParent) && dims.len() > 1 {
        out.push(
            TABLES,
            Rule::ProfileConflict,
            path.key("by"),
            "parent（项目的上级项目）单独成一级，不能与别的维度组合",
        );
    }
    if l.without_project.is_some() && !dims.contains(&Dim::Project) {
        out.push(
            TABLES,
            Rule::ProfileConflict,
            path.key("without_project"),
            "without_project 只用于按 project 分组的一级",
        );
    }
    let only_with = l.only_with.as_ref().and_then(|f| {
        let field = ProjectField::parse(f);
        if field.is_none() {
            out.push(TABLES, Rule::ProfileBadValue, path.key("only_with"), format!("项目属性“{f}”无效"))
                .hint = Some(project_fields_hint());
        } else if !dims.contains(&Dim::Project) {
            out.push(
                TABLES,
                Rule::ProfileConflict,
                path.key("only_with"),
                "only_with 只用于按 project 分组的一级",
            );
        }
        field
    });
    Level {
        dims,
        rows,
        without_project: l.without_project.clone(),
        only_with,
        hidden: l.hidden,
        names: l.names.clone(),
    }
}

fn fixed_rows(
    rows: &[FixedRowFile],
    path: &Path,
    groups: &BTreeMap<String, Vec<Source>>,
    out: &mut Findings,
) -> Vec<FixedRow> {
    let keys: BTreeSet<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    let mut seen = BTreeSet::new();
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let p = path.index(i);
            if !seen.insert(r.key.as_str()) {
                out.push(TABLES, Rule::ProfileDuplicateId, p.key("key"), format!("行的标识“{}”重复", r.key));
            }
            if r.key == "total" && !r.total {
                out.push(TABLES, Rule::ProfileDuplicateId, p.key("key"), "行标识 total 留给合计行");
            }
            for (j, c) in r.children.iter().enumerate() {
                if c != "classes" && !keys.contains(c.as_str()) {
                    out.push(
                        TABLES,
                        Rule::ProfileUnknownRow,
                        p.key("children").index(j),
                        format!("没有行“{c}”"),
                    );
                }
            }
            if r.blank && r.filter.is_some() {
                out.push(TABLES, Rule::ProfileConflict, p.clone(), "空行不能有 filter");
            }
            if r.zero && (r.blank || r.filter.is_some()) {
                out.push(TABLES, Rule::ProfileConflict, p.key("zero"), "零行不能同时是空行，也不能有 filter");
            }
            if r.optional && (r.blank || r.total) {
                out.push(
                    TABLES,
                    Rule::ProfileConflict,
                    p.key("optional"),
                    "空行和合计行总要印出，不能是 optional",
                );
            }
            let filter = if r.blank {
                None
            } else if r.zero {
                Some(Filter::none())
            } else {
                Some(
                    r.filter
                        .as_ref()
                        .map_or_else(Filter::default, |f| filter(f, TABLES, &p.key("filter"), groups, out)),
                )
            };
            FixedRow {
                key: r.key.clone(),
                label: r.label.clone(),
                level: r.level,
                filter,
                children: r.children.clone(),
                total: r.total,
                optional: r.optional,
            }
        })
        .collect()
}

/// The row keys a table is known to have, when they are fixed (`None`: a tree, whose
/// keys are codes and units).
fn fixed_keys(t: &TableSpec) -> Option<BTreeSet<String>> {
    match &t.rows {
        RowScheme::Tree(_) => None,
        // A register's rows are the other tables: no figure refers to them.
        RowScheme::Register(_) => Some(BTreeSet::new()),
        RowScheme::Fixed(rows) => Some(rows.iter().map(|r| r.key.clone()).collect()),
        RowScheme::Balance(b) => {
            let mut keys: BTreeSet<String> = b
                .left
                .iter()
                .map(|r| r.key.clone())
                .chain(b.right_top.iter().map(|r| r.key.clone()))
                .chain(b.right.iter().map(|r| r.row.key.clone()))
                .chain(b.panes.iter().flat_map(|p| p.rows.iter().map(|r| r.row.key.clone())))
                .collect();
            keys.insert("total".into());
            Some(keys)
        }
    }
}

/// A tree printed by year names its year in a 年度 (`period`) column, and its typed
/// last-year figures go to amount columns of the table; a `period` column elsewhere would
/// stay empty.
fn check_years(
    rows: &RowScheme,
    header: &[HeaderNode],
    ids: &ColumnIds,
    sums: &[crate::file::SumFile],
    path: &Path,
    out: &mut Findings,
) {
    fn period(nodes: &[HeaderNode]) -> bool {
        nodes.iter().any(|n| matches!(n.column, Some(ColumnSpec::Period)) || period(&n.children))
    }
    let has_period = period(header);
    let years = match rows {
        RowScheme::Tree(Tree { years: Some(y), .. }) => y,
        _ => {
            if has_period {
                out.push(
                    TABLES,
                    Rule::ProfileConflict,
                    path.clone(),
                    "有年度列（period）的表要按年度分行（tree.years）",
                );
            }
            return;
        }
    };
    let p = path.key("tree").key("years");
    if !has_period {
        out.push(TABLES, Rule::ProfileConflict, p.clone(), "按年度分行的表要有一个年度列（period: true）");
    }
    for column in years.compare.keys().filter(|c| !ids.amounts.contains(*c)) {
        out.push(
            TABLES,
            Rule::ProfileUnknownColumn,
            p.key("compare").key(column),
            format!("本表没有金额列“{column}”"),
        );
    }
    for column in years.compare.keys().filter(|c| sums.iter().any(|s| &s.total == *c)) {
        out.push(
            TABLES,
            Rule::ProfileConflict,
            p.key("compare").key(column),
            format!("“{column}”是合计列，上年数由分项相加，不取填写的上年数"),
        );
    }
}

fn amount_ids(nodes: &[HeaderNode], out: &mut BTreeSet<String>) {
    for n in nodes {
        match &n.column {
            Some(ColumnSpec::Amount { id, .. } | ColumnSpec::LeftAmount { id, .. }) => {
                out.insert(id.clone());
            }
            _ => amount_ids(&n.children, out),
        }
    }
}

/// The amount columns of a table.
fn columns(t: &TableSpec) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    amount_ids(&t.header, &mut ids);
    ids
}

/// A cell written `table.row.column`, checked against the tables; findings go to `file`.
pub(crate) fn cell(text: &str, file: &str, path: Path, tables: &[TableSpec], out: &mut Findings) -> CellRef {
    let parts: Vec<&str> = text.trim().split('.').collect();
    let [table, row, col] = parts.as_slice() else {
        out.push(file, Rule::ProfileBadValue, path, format!("单元格“{text}”应写作 表.行.列，如 t1.total.in"));
        return CellRef { table: String::new(), row: String::new(), col: String::new() };
    };
    match tables.iter().find(|t| t.id == *table) {
        None => {
            out.push(file, Rule::ProfileUnknownTable, path.clone(), format!("没有表“{table}”"));
        }
        Some(t) => {
            if !columns(t).contains(*col) {
                out.push(
                    file,
                    Rule::ProfileUnknownColumn,
                    path.clone(),
                    format!("表 {table} 没有金额列“{col}”"),
                );
            }
            let tree_total = matches!(&t.rows, RowScheme::Tree(tree) if tree.total.is_some());
            match fixed_keys(t) {
                Some(keys) if !keys.contains(*row) => {
                    out.push(
                        file,
                        Rule::ProfileUnknownRow,
                        path.clone(),
                        format!("表 {table} 没有行“{row}”"),
                    );
                }
                None if *row == "total" && !tree_total => {
                    out.push(file, Rule::ProfileUnknownRow, path.clone(), format!("表 {table} 没有合计行"));
                }
                _ => {}
            }
        }
    }
    CellRef { table: (*table).to_owned(), row: (*row).to_owned(), col: (*col).to_owned() }
}

fn checks(c: &ChecksFile, tables: &[TableSpec], out: &mut Findings) -> (Vec<Identity>, Vec<Agreement>) {
    let by_id: BTreeMap<&str, &TableSpec> = tables.iter().map(|t| (t.id.as_str(), t)).collect();
    let cell = |text: &str, path: Path, out: &mut Findings| cell(text, CHECKS, path, tables, out);
    let root = Path::root();
    let identities = c
        .identities
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let p = root.key("identities").index(i);
            let left =
                id.left.iter().enumerate().map(|(j, t)| cell(t, p.key("left").index(j), out)).collect();
            let right =
                id.right.iter().enumerate().map(|(j, t)| cell(t, p.key("right").index(j), out)).collect();
            Identity { name: id.name.clone(), left, right }
        })
        .collect();
    let agreements = c
        .agreements
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let p = root.key("agreements").index(i);
            for (side, cols) in [("a", &a.a), ("b", &a.b)] {
                match by_id.get(cols.table.as_str()) {
                    None => {
                        out.push(
                            CHECKS,
                            Rule::ProfileUnknownTable,
                            p.key(side).key("table"),
                            format!("没有表“{}”", cols.table),
                        );
                    }
                    Some(t) => {
                        let have = columns(t);
                        for (j, c) in cols.columns.iter().enumerate() {
                            if !have.contains(c) {
                                out.push(
                                    CHECKS,
                                    Rule::ProfileUnknownColumn,
                                    p.key(side).key("columns").index(j),
                                    format!("表 {} 没有金额列“{c}”", cols.table),
                                );
                            }
                        }
                    }
                }
            }
            let r = |c: &crate::file::ColumnsFile| ColumnsRef {
                table: c.table.clone(),
                columns: c.columns.clone(),
            };
            Agreement { name: a.name.clone(), a: r(&a.a), b: r(&a.b) }
        })
        .collect();
    (identities, agreements)
}

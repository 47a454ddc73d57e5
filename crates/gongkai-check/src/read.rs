//! Finding a profile's tables in a document and reading their rows into the model's
//! [`Table`], by the profile's headers and row schemes (nothing here knows a region).
//!
//! A table is found by its title (the profile's title with `{year}` and `{org}` free)
//! on a line of its own, preferring one that an organisation, unit or header line follows
//! (a 目录 lists the same titles); it runs to the next table's title, the next part
//! heading, or a table the profile does not list (an organisation or unit line after its
//! figures), across pages. A table printed in whole figures (`90,238,584`) although its
//! profile says decimals is read at the precision printed. Its columns are placed from the header: the numbering row (`※ 1 2 3`)
//! when the profile has one, else the leaf labels of the header (wrapped over lines in a
//! PDF), else the right edges of the amounts when they fall in as many clusters as the
//! table has amount columns. Rows are read by their classification codes (tree tables),
//! their labels (fixed listings; a listing without a label column, such as a one-row
//! table, by print order) or both sides (收支 tables: the left label decides the row, a
//! label printed twice is its rows in order, a right label that is none of the profile's
//! right rows is a 类 row; a figure drawn into the next cell's label is split off; a
//! further pane's label, or a right-hand label that starts with an enumerator, starts a
//! row, figures or not, and an empty one starts at its first left row); an
//! empty table's printed total is read too; names and amounts wrapped
//! onto neighbouring lines join the row they belong to, repeated headers on later pages
//! and page numbers are skipped. Every line with figures that fits no row is reported.

use std::collections::BTreeMap;

use gongkai_model::catalogue;
use gongkai_model::money::MoneyUnit;
use gongkai_model::profile::{
    ColumnSpec, Dim, FixedRow, HeaderNode, Numbering, Profile, RowScheme, TableSpec,
};
use gongkai_model::table::{Cell, Column, ColumnKind, Row, RowKind, Table};
use rust_decimal::Decimal;

use crate::number::{Token, token};
use crate::text::{Doc, Line, Page, Place, Span, squeeze};

/// A table read from a document.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The table: amounts in exact 万元 of the printed figures; `format.unit` and
    /// `format.decimals` as printed.
    pub table: Table,
    /// Where each cell was printed (row, column), when it was.
    pub places: Vec<Vec<Option<Place>>>,
    /// Where each row was printed.
    pub row_places: Vec<Place>,
    /// Where the title was printed.
    pub title: Place,
    /// The text under the table (notes), squeezed.
    pub notes: String,
    /// Lines that looked like rows but could not be read, with what was wrong.
    pub unread: Vec<(Place, String)>,
    /// For a 收支 table: the left side's label columns and amount column ids.
    pub balance: Option<(Vec<usize>, Vec<String>)>,
    /// For each column, the label of the header group right above its leaf ("" at the top
    /// level): a `小计` under `基本支出` is the 基本支出 figure.
    pub groups: Vec<String>,
    /// The columns that say which year a row is (`2025 年`, `增减变化金额`): no names of
    /// the row's figures.
    pub periods: Vec<usize>,
}

impl Imported {
    /// How many printed rows were read, and how many were seen (read + unread).
    pub fn recovered(&self) -> (usize, usize) {
        let read = self.table.rows.len();
        (read, read + self.unread.len())
    }
}

/// A document line with its page.
#[derive(Debug, Clone, Copy)]
struct At<'d> {
    page: &'d Page,
    line: &'d Line,
}

impl At<'_> {
    fn place(&self, span: Option<&Span>) -> Place {
        Place::of(self.page, self.line, span)
    }
}

/// The literal parts of a title pattern (`{year}年部门收支总表` → [`年部门收支总表`]).
fn title_parts(title: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = title;
    while let Some(open) = rest.find('{') {
        parts.push(squeeze(&rest[..open]));
        rest = rest[open..].find('}').map_or("", |close| &rest[open + close + 1..]);
    }
    parts.push(squeeze(rest));
    parts.retain(|p| !p.is_empty());
    parts
}

/// Whether a squeezed line is the title: its parts in order, little else, not a 目录
/// entry.
fn is_title(line: &str, parts: &[String], number: &str) -> bool {
    if parts.is_empty() || line.contains("··") || line.contains("……") || line.contains("...") {
        return false;
    }
    let mut at = 0;
    for p in parts {
        match line[at..].find(p.as_str()) {
            Some(i) => at += i + p.len(),
            None => return false,
        }
    }
    let wanted: usize = parts.iter().map(|p| p.chars().count()).sum();
    let extra = line.chars().count().saturating_sub(wanted);
    // Room for a year, a number (`表1：`, `公开06表`) and an organisation's name; a
    // sentence that mentions the table is longer, or has punctuation the title lacks (a
    // table titled by the sentence above it has its own).
    let has = |c: char| parts.iter().any(|p| p.contains(c));
    extra <= 6 + number.chars().count() + 40
        && (!line.ends_with('。') || has('。'))
        && (!line.contains('，') || has('，'))
}

/// Whether a squeezed line is a part heading (`第三部分…`), which ends a table.
fn is_part_heading(line: &str) -> bool {
    line.strip_prefix('第').is_some_and(|r| {
        let n: String = r.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
        !n.is_empty() && r[n.len()..].starts_with("部分")
    })
}

/// A page number line: `5`, `第5页`, `- 5 -`, `第 5 页 共 30 页`.
fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !"-—第页共/".contains(*c)).collect();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) && line.chars().count() <= 12
}

/// Every line of the document in order.
fn all_lines(doc: &Doc) -> Vec<At<'_>> {
    let running = running_heads(doc);
    doc.pages
        .iter()
        .flat_map(|page| {
            let running = &running;
            page.lines.iter().enumerate().filter_map(move |(i, line)| {
                let head = i == 0 && page.sheet.is_none() && running.contains(&line.squeezed());
                (!head).then_some(At { page, line })
            })
        })
        .collect::<Vec<_>>()
}

/// A PDF's running header (`苏州市审计局2026年度部门预算公开` at the top of every page):
/// the same first line on three pages or more. It is page furniture, never a table's row.
fn running_heads(doc: &Doc) -> std::collections::BTreeSet<String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for page in doc.pages.iter().filter(|p| p.sheet.is_none()) {
        if let Some(first) = page.lines.first() {
            *count.entry(first.squeezed()).or_default() += 1;
        }
    }
    count.into_iter().filter(|(t, n)| *n >= 3 && !t.is_empty()).map(|(t, _)| t).collect()
}

/// Where each table of the profile starts: (table index in the profile, line index).
pub(crate) fn locate(profile: &Profile, doc: &Doc) -> Vec<(usize, usize)> {
    let lines = all_lines(doc);
    let squeezed: Vec<String> = lines.iter().map(|a| a.line.squeezed()).collect();
    let mut found = Vec::new();
    let mut from = 0;
    for (t, spec) in profile.tables.iter().enumerate() {
        let parts = title_parts(&spec.title);
        let number = spec.number.as_deref().map(squeeze).unwrap_or_default();
        let mut words = Vec::new();
        labels(&spec.header, &mut words);
        // A table opens under its title: the organisation or unit line, or a header cell
        // (a 目录 entry is followed by more entries, each line one span).
        let opens = |i: usize| {
            lines[i + 1..(i + 7).min(lines.len())].iter().any(|a| {
                a.line.spans.iter().any(|s| {
                    let t = squeeze(&s.text);
                    t.starts_with("编制") || t.starts_with("单位") || words.iter().any(|w| squeeze(w) == t)
                })
            })
        };
        let title = |i: usize| is_title(&squeezed[i], &parts, &number) && !found.iter().any(|&(_, j)| j == i);
        // In print order: search after the previous table, else anywhere; a title that
        // opens a table before one that does not.
        let order = || (from..squeezed.len()).chain(0..from);
        let hit = order().find(|&i| title(i) && opens(i)).or_else(|| order().find(|&i| title(i)));
        if let Some(i) = hit {
            found.push((t, i));
            from = i + 1;
        }
    }
    found.sort_by_key(|&(_, i)| i);
    found
}

/// The leaves of a header tree, left to right: (label, spec).
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

/// The label of each leaf's parent group, left to right ("" for a top-level leaf).
fn parents(nodes: &[HeaderNode], parent: &str, out: &mut Vec<String>) {
    for n in nodes {
        match &n.column {
            Some(_) => out.push(parent.to_owned()),
            None => parents(&n.children, &n.label, out),
        }
    }
}

/// Every label of a header tree, for recognising repeated headers; a year or the
/// organisation a label names (`{year}年预算数`) is left out, to match as printed with
/// its digits left out ([`is_header_word`]).
fn labels(nodes: &[HeaderNode], out: &mut Vec<String>) {
    for n in nodes {
        let free = ["{year}", "{prev_year}", "{org}"].iter().fold(n.label.clone(), |l, p| l.replace(p, ""));
        out.push(squeeze(&free));
        labels(&n.children, out);
    }
}

/// Whether a printed span is (part of) a header label: as printed, or with the digits of a
/// year its label names left out (`2026年预算数` of `{year}年预算数`).
fn is_header_word(words: &[String], t: &str) -> bool {
    let bare: String = t.chars().filter(|c| !c.is_ascii_digit()).collect();
    words
        .iter()
        .any(|w| w.contains(t) || (bare.len() < t.len() && !bare.is_empty() && w.contains(bare.as_str())))
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

fn column_id(spec: &ColumnSpec) -> Option<String> {
    match spec {
        ColumnSpec::Amount { id, .. }
        | ColumnSpec::LeftAmount { id, .. }
        | ColumnSpec::Change { id, .. }
        | ColumnSpec::ChangePercent { id, .. } => Some(id.clone()),
        _ => None,
    }
}

fn column_kind(spec: &ColumnSpec) -> ColumnKind {
    match spec {
        ColumnSpec::CodePart(_) | ColumnSpec::Code => ColumnKind::Code,
        s if is_amount(s) => ColumnKind::Amount,
        _ => ColumnKind::Text,
    }
}

/// Where each leaf column is: its anchor (x), and whether amounts align on it by their
/// centre or by their right edge.
#[derive(Debug, Clone)]
struct Columns {
    anchors: Vec<i64>,
    by_right: bool,
}

impl Columns {
    /// The leaf among `candidates` whose anchor is nearest the span.
    fn nearest(&self, span: &Span, candidates: &[usize]) -> Option<usize> {
        let x = if self.by_right { span.x1 } else { (span.x0 + span.x1) / 2 };
        candidates.iter().copied().min_by_key(|&c| (self.anchors[c] - x).abs())
    }
}

/// The numbering row (`※ ※ 1 2 3`): one anchor per leaf.
fn numbering_anchors(
    lines: &[At<'_>],
    leaves: &[(String, ColumnSpec)],
    spec: &TableSpec,
) -> Option<Vec<i64>> {
    let Numbering::Columns { mark, first } = &spec.numbering else { return None };
    let amounts = leaves.iter().filter(|(_, s)| is_amount(s)).count();
    for at in lines {
        let spans = &at.line.spans;
        // A mark may be drawn once per column or merged into one span (`※※※`).
        let mut anchors = Vec::new();
        let mut n = 0;
        let mut ok = true;
        for s in spans {
            let t = squeeze(&s.text);
            if t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty() {
                n += 1;
                if t != n.to_string() {
                    ok = false;
                    break;
                }
                anchors.push((s.x0 + s.x1) / 2);
            } else {
                let marks = [mark.as_str(), first.as_deref().unwrap_or(mark.as_str())];
                let mut rest = t.as_str();
                let mut count = 0;
                while let Some(m) = marks.iter().find(|m| !m.is_empty() && rest.starts_with(**m)) {
                    rest = &rest[m.len()..];
                    count += 1;
                }
                if !rest.is_empty() || count == 0 {
                    ok = false;
                    break;
                }
                let width = (s.x1 - s.x0) / count;
                for k in 0..count {
                    anchors.push(s.x0 + width * k + width / 2);
                }
            }
        }
        if ok && n == amounts && anchors.len() == leaves.len() && n > 0 {
            return Some(anchors);
        }
    }
    None
}

/// The leaves' labels found in the header lines, left to right (wrapped labels are
/// stacked fragments at one position).
fn label_anchors(header: &[At<'_>], leaves: &[(String, ColumnSpec)]) -> Option<Vec<i64>> {
    let mut anchors = Vec::new();
    let mut after = i64::MIN;
    let labels: Vec<String> = leaves.iter().map(|(l, _)| squeeze(l)).collect();
    for (label, _) in leaves {
        // A label naming a year (`其中：{year}年政府采购项目中…`) is printed with its digits:
        // it is looked for without the year, and the spans without their digits.
        let years = ["{year}", "{prev_year}"];
        let templated = years.iter().any(|p| label.contains(p));
        let want = squeeze(&years.iter().fold(label.clone(), |l, p| l.replace(p, "")));
        let bare =
            |t: String| if templated { t.chars().filter(|c| !c.is_ascii_digit()).collect() } else { t };
        // Fragments of this label: runs of spans on one line (a letter-spaced `合   计`
        // is several spans), then grouped into stacks by their centre (a label wrapped
        // over lines).
        // A fragment that the run-joining glued to a neighbour column's (`境）` + `费` of
        // two narrow wrapped labels side by side) stacks wrong; so each span also stacks
        // on its own, and a label is found in either kind of stack.
        let mut spans: Vec<(Span, i64)> = Vec::new();
        let mut singles: Vec<(Span, i64)> = Vec::new();
        for a in header {
            let mut run: Option<Span> = None;
            for s in &a.line.spans {
                let t = bare(squeeze(&s.text));
                if !t.is_empty() && want.contains(t.as_str()) {
                    singles.push((Span { text: t.clone(), ..s.clone() }, a.line.y));
                } else if let Some(piece) = glued_piece(s, &t, &want, &labels) {
                    singles.push((piece, a.line.y));
                }
                if let Some(r) = run.as_mut() {
                    let joined = format!("{}{t}", squeeze(&r.text));
                    let em = (r.x1 - r.x0) / r.text.chars().count().max(1) as i64;
                    if want.contains(joined.as_str()) && s.x0 - r.x1 <= em * 4 {
                        r.text = joined;
                        r.x1 = s.x1;
                        continue;
                    }
                    spans.push((run.take().unwrap_or_default(), a.line.y));
                }
                if !t.is_empty() && want.contains(t.as_str()) {
                    run = Some(Span { text: t, ..s.clone() });
                }
            }
            if let Some(r) = run {
                spans.push((r, a.line.y));
            }
        }
        let stacked = |spans: &[(Span, i64)]| -> Vec<i64> {
            let mut stacks: Vec<(i64, Vec<(i64, String)>)> = Vec::new();
            for (s, y) in spans {
                let t = squeeze(&s.text);
                if t.is_empty() || !want.contains(t.as_str()) {
                    continue;
                }
                let c = (s.x0 + s.x1) / 2;
                let em = (s.x1 - s.x0) / t.chars().count().max(1) as i64;
                match stacks.iter_mut().find(|(x, _)| (x - c).abs() <= em.max(1)) {
                    Some((_, parts)) => parts.push((*y, t)),
                    None => stacks.push((c, vec![(*y, t)])),
                }
            }
            stacks
                .into_iter()
                .filter_map(|(x, mut parts)| {
                    parts.sort();
                    let text: String = parts.into_iter().map(|(_, t)| t).collect();
                    (text.contains(want.as_str()) && x > after).then_some(x)
                })
                .collect()
        };
        let mut hits = stacked(&spans);
        hits.extend(stacked(&singles));
        hits.sort();
        let x = *hits.first()?;
        anchors.push(x);
        after = x;
    }
    Some(anchors)
}

/// The part of a header span that two adjacent columns' labels share without a gap
/// (`公务用车购置公务用车运行`: 公务用车购置 of one label, 公务用车运行 of the next) which belongs
/// to `want`: an opening or closing run of two characters or more that `want` contains
/// while the rest (two or more) is part of another leaf's label, placed by the characters'
/// widths.
fn glued_piece(span: &Span, text: &str, want: &str, labels: &[String]) -> Option<Span> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let width = |c: &[char]| c.iter().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<i64>();
    let total = width(&chars).max(1);
    let at = |k: usize| span.x0 + (span.x1 - span.x0) * width(&chars[..k]) / total;
    let piece = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let other = |a: usize, b: usize| {
        let rest = piece(a, b);
        b - a >= 2 && labels.iter().any(|l| l != want && l.contains(rest.as_str()))
    };
    let inside = |a: usize, b: usize| b - a >= 2 && want.contains(piece(a, b).as_str());
    let head = (2..n.saturating_sub(1)).rev().find(|&k| inside(0, k) && other(k, n)).map(|k| (0, k));
    let tail = (2..n.saturating_sub(1)).find(|&k| inside(k, n) && other(0, k)).map(|k| (k, n));
    let (a, b) = match (head, tail) {
        (Some(h), Some(t)) => {
            if h.1 - h.0 >= t.1 - t.0 {
                h
            } else {
                t
            }
        }
        (h, t) => h.or(t)?,
    };
    Some(Span { x0: at(a), x1: at(b), text: chars[a..b].iter().collect(), ..span.clone() })
}

/// Amount right edges in as many clusters as the table has amount columns.
fn cluster_anchors(lines: &[At<'_>], leaves: &[(String, ColumnSpec)], loose: bool) -> Option<Vec<i64>> {
    let amounts: Vec<usize> = (0..leaves.len()).filter(|&i| is_amount(&leaves[i].1)).collect();
    let mut edges: Vec<(i64, i64)> = lines
        .iter()
        .flat_map(|a| a.line.spans.iter())
        .filter(|s| matches!(token(&s.text, loose), Some(Token::Amount(..) | Token::Percent(..))))
        .map(|s| (s.x1, (s.x1 - s.x0) / s.text.chars().count().max(1) as i64))
        .collect();
    edges.sort();
    let mut clusters: Vec<Vec<i64>> = Vec::new();
    for (x, em) in edges {
        match clusters.last_mut() {
            Some(c) if x - c[c.len() - 1] <= em.max(1) * 2 => c.push(x),
            _ => clusters.push(vec![x]),
        }
    }
    if clusters.len() != amounts.len() || amounts.is_empty() {
        return None;
    }
    // Text columns lie left of the first amount column, in order.
    let first = clusters[0][0] - 1;
    let mut anchors = vec![0; leaves.len()];
    let texts: Vec<usize> = (0..leaves.len()).filter(|i| !amounts.contains(i)).collect();
    for (k, &i) in texts.iter().enumerate() {
        anchors[i] = first * (k as i64 + 1) / (texts.len() as i64 + 1);
    }
    for (c, &i) in clusters.iter().zip(&amounts) {
        anchors[i] = c.iter().sum::<i64>() / c.len() as i64;
    }
    Some(anchors)
}

/// One printed row being assembled.
#[derive(Debug, Clone, Default)]
struct Draft {
    /// Leaf → (text fragments with their y, place of the first).
    texts: BTreeMap<usize, Vec<(i64, String)>>,
    /// Leaf → the amount token and its place.
    amounts: BTreeMap<usize, (Token, Place)>,
    code: String,
    y: i64,
    page: usize,
    place: Place,
    /// Whether the row was recognised by a code, a label or figures.
    anchored: bool,
    /// The right label's leaf, in a 收支 table.
    right: Option<usize>,
}

impl Draft {
    fn text(&self, leaf: usize) -> String {
        let mut parts = self.texts.get(&leaf).cloned().unwrap_or_default();
        parts.sort_by_key(|(y, _)| *y);
        parts.into_iter().map(|(_, t)| t).collect()
    }

    /// All text of the row's text columns, left to right, squeezed.
    fn label(&self, text_leaves: &[usize]) -> String {
        text_leaves.iter().map(|&l| self.text(l)).collect()
    }
}

/// Reads one table from its region of lines.
fn read_one(spec: &TableSpec, region: &[At<'_>], loose: bool) -> Imported {
    if matches!(spec.rows, RowScheme::Register(_)) {
        return read_register(spec, region);
    }
    // Whole figures count as amounts in a workbook (numbers lose trailing zeros) and in a
    // table printed without decimals (by the profile, or as the document prints it).
    let whole = prints_whole(region);
    let loose = loose || whole || spec.format.decimals == 0;
    let leaves = leaves(&spec.header);
    let mut groups = Vec::new();
    parents(&spec.header, "", &mut groups);
    let title = region.first().map(|a| a.place(None)).unwrap_or_default();
    let mut unread = Vec::new();
    // The unit line.
    let mut unit = spec.format.unit;
    for a in region.iter().take(8) {
        let t = a.line.squeezed();
        if let Some(i) = t.find("单位：").or_else(|| t.find("单位:")) {
            let rest = &t[i..];
            if rest.contains("万元") {
                unit = MoneyUnit::Wan;
            } else if rest.contains('元') {
                unit = MoneyUnit::Yuan;
            }
        }
    }
    // The header: lines before the first line with a figure or a code.
    // A table without figures (an empty one: `合 计` and a note) starts at its total.
    let total_line = match &spec.rows {
        RowScheme::Tree(t) => t.total.as_ref().map(|t| squeeze(&t.label)),
        RowScheme::Balance(b) => Some(squeeze(&b.left_total)),
        RowScheme::Fixed(_) | RowScheme::Register(_) => None,
    };
    // A workbook's number cells are figures whatever decimals they lost (合计 396).
    let figure =
        region.iter().position(|a| a.line.spans.iter().any(|s| s.number || is_figure(&s.text, whole)));
    // A table without figures (an empty one, a workbook's zeros left blank) starts at its
    // total row, found by its words alone.
    let words = |a: &At<'_>| -> String {
        let w = a.line.spans.iter().filter(|s| token(&s.text, loose).is_none());
        w.map(|s| squeeze(&s.text)).collect()
    };
    // An empty 收支 table prints its labels and no figure: it starts at its first left row.
    let left_labels: Vec<String> = match &spec.rows {
        RowScheme::Balance(b) => {
            b.left.iter().filter(|r| !r.label.is_empty()).map(|r| squeeze(&r.label)).collect()
        }
        _ => Vec::new(),
    };
    let first_left = |a: &At<'_>| {
        a.line.spans.first().is_some_and(|s| left_labels.iter().any(|l| same_label(l, &squeeze(&s.text))))
    };
    let first_data = figure
        .or_else(|| region.iter().skip(1).position(|a| total_line == Some(words(a))).map(|i| i + 1))
        .or_else(|| region.iter().skip(1).position(first_left).map(|i| i + 1))
        .unwrap_or(region.len());
    let header = &region[..first_data.min(region.len())];
    let anchors = numbering_anchors(header, &leaves, spec)
        .map(|a| Columns { anchors: a, by_right: false })
        .or_else(|| label_anchors(header, &leaves).map(|a| Columns { anchors: a, by_right: false }))
        .or_else(|| {
            cluster_anchors(&region[first_data..], &leaves, loose)
                .map(|a| Columns { anchors: a, by_right: true })
        });
    let mut header_words = Vec::new();
    labels(&spec.header, &mut header_words);
    let columns: Vec<Column> = leaves
        .iter()
        .map(|(label, s)| Column { id: column_id(s), kind: column_kind(s), label: label.clone(), width: 0 })
        .collect();
    let mut table = Table {
        id: spec.id.clone(),
        number: spec.number.clone().unwrap_or_default(),
        title: spec.title.clone(),
        org: String::new(),
        unit: if unit == MoneyUnit::Wan { "万元".into() } else { "元".into() },
        columns,
        header: Vec::new(),
        header_rows: 0,
        rows: Vec::new(),
        empty_note: None,
        notes: Vec::new(),
        spans: Vec::new(),
        format: spec.format.clone(),
        layout: spec.layout.clone(),
    };
    table.format.unit = unit;
    if whole {
        table.format.decimals = 0;
    }
    let Some(cols) = anchors else {
        let has_data = first_data < region.len();
        if has_data {
            unread.push((title.clone(), "无法确定表的各列位置（表头与表套不符）".to_owned()));
        }
        return Imported {
            table,
            places: Vec::new(),
            row_places: Vec::new(),
            title,
            notes: String::new(),
            unread,
            balance: None,
            groups,
            periods: Vec::new(),
        };
    };
    let amount_leaves: Vec<usize> = (0..leaves.len()).filter(|&i| is_amount(&leaves[i].1)).collect();
    let text_leaves: Vec<usize> = (0..leaves.len()).filter(|i| !amount_leaves.contains(i)).collect();
    let code_leaves: Vec<usize> = text_leaves
        .iter()
        .copied()
        .filter(|&i| matches!(leaves[i].1, ColumnSpec::CodePart(_) | ColumnSpec::Code))
        .collect();
    let label_leaves: Vec<usize> = text_leaves.iter().copied().filter(|i| !code_leaves.contains(i)).collect();
    let fixed_labels = fixed_labels(spec);
    let right_leaf = leaves.iter().position(|(_, s)| matches!(s, ColumnSpec::RightLabel { .. }));
    let total_label = match &spec.rows {
        RowScheme::Tree(t) => t.total.as_ref().map(|t| squeeze(&t.label)),
        _ => None,
    };
    // The 类 a 收支 table's profile names beyond the catalogue (a right-only row such as a
    // discontinued 类 printed without figures is a row all the same).
    let classes: Vec<String> = match &spec.rows {
        RowScheme::Balance(b) => b.class_names.values().map(|n| squeeze(n)).collect(),
        _ => Vec::new(),
    };
    // The labels of a 收支 table's further panes (a line printing one of them alone, such as
    // 其他支出 under 部门经济分类, is a row).
    let pane_labels: Vec<String> = match &spec.rows {
        RowScheme::Balance(b) => b
            .panes
            .iter()
            .flat_map(|p| p.rows.iter().map(|r| squeeze(&r.row.label)))
            .filter(|l| !l.is_empty())
            .collect(),
        _ => Vec::new(),
    };
    let right_leaves: Vec<usize> = match &spec.rows {
        RowScheme::Balance(_) => {
            (0..leaves.len()).filter(|&i| matches!(leaves[i].1, ColumnSpec::RightLabel { .. })).collect()
        }
        _ => Vec::new(),
    };
    let names = Labels {
        fixed: &fixed_labels,
        text_leaves: &text_leaves,
        total: total_label.as_deref(),
        classes: &classes,
        panes: &pane_labels,
        rights: &right_leaves,
    };
    // Pass 1: every body line becomes a draft row, a fragment, a skipped line or a note.
    let mut drafts: Vec<Draft> = Vec::new();
    let mut fragments: Vec<(usize, Draft)> = Vec::new();
    let mut notes = String::new();
    let mut in_notes = false;
    let mut page_started: Option<usize> = None;
    for a in &region[first_data..] {
        let sq = a.line.squeezed();
        // A workbook has no page numbers: a line of digits there is a row of whole figures.
        if sq.is_empty() || (a.page.sheet.is_none() && is_page_number(&sq)) {
            continue;
        }
        if page_started != Some(a.page.number) {
            page_started = Some(a.page.number);
        }
        if in_notes
            || sq.starts_with("注：")
            || sq.starts_with("注:")
            || sq.starts_with("（注")
            || sq.starts_with("(注")
            || sq.starts_with("备注")
        {
            in_notes = true;
            notes.push_str(&sq);
            continue;
        }
        // Repeated header lines, the numbering row, the org and unit lines.
        let header_line =
            a.line.spans.iter().all(|s| {
                let t = squeeze(&s.text);
                t.chars().all(|c| "※*".contains(c) || c.is_ascii_digit()) || is_header_word(&header_words, &t)
            }) && !a.line.spans.iter().any(|s| matches!(token(&s.text, loose), Some(Token::Amount(..))));
        if header_line
            && !fixed_labels.iter().any(|(l, _)| same_label(l, &sq))
            && total_label.as_deref() != Some(&sq)
        {
            continue;
        }
        if sq.contains("编制部门") || sq.contains("编制单位") || sq.starts_with("单位：") {
            continue;
        }
        let mut d = Draft {
            right: right_leaf,
            y: a.line.y,
            page: a.page.number,
            place: a.place(a.line.spans.first()),
            ..Draft::default()
        };
        let mut leading = true;
        let mut lost = Vec::new();
        let spans: Vec<Span> = a.line.spans.iter().flat_map(|s| unglue(s, whole)).collect();
        for s in &spans {
            let t = squeeze(&s.text);
            let tok = token(&s.text, loose).or_else(|| grouped(&s.text));
            let is_digits = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
            if leading
                && is_digits
                && !code_leaves.is_empty()
                && let Some(c) =
                    cols.nearest(s, &code_leaves.iter().chain(&label_leaves).copied().collect::<Vec<_>>())
                && code_leaves.contains(&c)
            {
                d.code.push_str(&t);
                d.texts.entry(c).or_default().push((a.line.y, t));
                continue;
            }
            leading = false;
            // Digits that are no number cell, under a text column, are a code printed in a
            // name column (a 政府经济科目编码 beside its 部门经济科目), not a whole figure.
            let code_text = is_digits
                && !s.number
                && cols
                    .nearest(s, &(0..leaves.len()).collect::<Vec<_>>())
                    .is_some_and(|c| text_leaves.contains(&c));
            match tok {
                Some(t @ (Token::Amount(..) | Token::Percent(..) | Token::Dash))
                    if !amount_leaves.is_empty() && !code_text =>
                {
                    match cols.nearest(s, &amount_leaves) {
                        Some(c) if !d.amounts.contains_key(&c) => {
                            d.amounts.insert(c, (t, a.place(Some(s))));
                        }
                        _ => lost.push(s.text.clone()),
                    }
                }
                _ => {
                    // Words go to a name or label column (a code column holds digits).
                    let targets = if label_leaves.is_empty() { &code_leaves } else { &label_leaves };
                    if let Some(c) = cols.nearest(s, targets) {
                        d.texts.entry(c).or_default().push((a.line.y, t));
                    }
                }
            }
        }
        if !lost.is_empty() {
            unread.push((d.place.clone(), format!("金额 {} 无法对应到列", lost.join("、"))));
        }
        d.anchored = !d.amounts.is_empty() || labelled(&d, &names);
        if d.anchored {
            drafts.push(d);
        } else {
            fragments.push((drafts.len(), d));
        }
    }
    // Pass 2: merge a row's parts drawn on separate baselines (a code with its name, and
    // its amounts centred beside a wrapped name), then attach wrapped fragments.
    let mut merged: Vec<Draft> = Vec::new();
    for d in drafts {
        if let Some(prev) = merged.last_mut()
            && prev.page == d.page
            && complementary(prev, &d, &names)
        {
            for (k, v) in d.texts {
                prev.texts.entry(k).or_default().extend(v);
            }
            prev.amounts.extend(d.amounts);
            if prev.code.is_empty() {
                prev.code = d.code;
            }
            continue;
        }
        merged.push(d);
    }
    for (_, f) in fragments {
        // The nearest row on the same page, by baseline.
        let best = merged.iter_mut().filter(|r| r.page == f.page).min_by_key(|r| (r.y - f.y).abs());
        if let Some(r) = best {
            for (k, v) in f.texts {
                r.texts.entry(k).or_default().extend(v);
            }
        }
    }
    // Pass 3: rows of the model's table.
    let mut places = Vec::new();
    let mut row_places = Vec::new();
    let rows = build_rows(
        spec,
        &leaves,
        &merged,
        &text_leaves,
        unit,
        &fixed_labels,
        total_label.as_deref(),
        &mut unread,
    );
    for (row, d) in rows {
        let mut cell_places = vec![None; leaves.len()];
        for (c, (_, p)) in &d.amounts {
            cell_places[*c] = Some(p.clone());
        }
        places.push(cell_places);
        row_places.push(d.place.clone());
        table.rows.push(row);
    }
    codeless_levels(spec, &mut table);
    year_rows(spec, &mut table);
    named_levels(spec, &mut table);
    summed_levels(spec, &mut table);
    link(spec, &mut table);
    let balance = matches!(spec.rows, RowScheme::Balance(_)).then(|| {
        let labels = (0..leaves.len()).filter(|&i| matches!(leaves[i].1, ColumnSpec::LeftLabel)).collect();
        let ids = leaves
            .iter()
            .filter_map(|(_, s)| match s {
                ColumnSpec::LeftAmount { id, .. } => Some(id.clone()),
                _ => None,
            })
            .collect();
        (labels, ids)
    });
    let periods = (0..leaves.len()).filter(|&i| matches!(leaves[i].1, ColumnSpec::Period)).collect();
    Imported { table, places, row_places, title, notes, unread, balance, groups, periods }
}

/// Reads a register (报表目录): words only, one row per line under the header line (the
/// line that prints every leaf label), each span in the column whose label it starts
/// nearest to; a line with nothing in the first column continues the row above it (a
/// long title wrapped in its cell). A line with a figure is no row of a register.
fn read_register(spec: &TableSpec, region: &[At<'_>]) -> Imported {
    let leaves = leaves(&spec.header);
    let title = region.first().map(|a| a.place(None)).unwrap_or_default();
    let wanted: Vec<String> = leaves.iter().map(|(l, _)| squeeze(l)).collect();
    // The header: the lines near the title printing the leaf labels, whole or wrapped over
    // lines (`表格为空` over `的理由`). Labels are centred in their columns: a column starts
    // right of where the label before it ends.
    let near = &region[..region.len().min(10)];
    let piece = |w: &str, t: &str| t.chars().count() >= 2 && w.contains(t);
    let header = near
        .iter()
        .rposition(|a| a.line.spans.iter().any(|s| wanted.iter().any(|w| piece(w, &squeeze(&s.text)))));
    let end_of = |w: &String| {
        near.iter()
            .flat_map(|a| a.line.spans.iter())
            .filter(|s| piece(w, &squeeze(&s.text)))
            .map(|s| s.x1)
            .max()
    };
    let anchors: Vec<i64> = wanted.iter().map(end_of).collect::<Option<_>>().unwrap_or_default();
    let header = header.filter(|_| !anchors.is_empty());
    let columns: Vec<Column> = leaves
        .iter()
        .map(|(label, s)| Column { id: None, kind: column_kind(s), label: label.clone(), width: 0 })
        .collect();
    let mut rows: Vec<Row> = Vec::new();
    let (mut places, mut row_places, mut unread) = (Vec::new(), Vec::new(), Vec::new());
    for a in header.map_or(&[][..], |h| &region[h + 1..]) {
        if a.line.spans.iter().any(|s| is_figure(&s.text, false)) {
            unread.push((a.place(None), "报表目录中不应有金额".to_owned()));
            continue;
        }
        // Each span in the last column whose previous label ends left of it.
        let column = |s: &Span| (1..anchors.len()).rev().find(|&c| anchors[c - 1] <= s.x0).unwrap_or(0);
        let mut cells = vec![String::new(); leaves.len()];
        for s in &a.line.spans {
            cells[column(s)].push_str(&squeeze(&s.text));
        }
        // A page number, or a first cell alone (the next table's number above its title),
        // is no row.
        let alone = leaves.len() > 1 && cells[1..].iter().all(String::is_empty);
        if is_page_number(&a.line.squeezed()) || alone {
            continue;
        }
        let continues = cells[0].is_empty() && !rows.is_empty();
        if continues {
            let last = rows.last_mut().expect("a row above");
            for (cell, more) in last.cells.iter_mut().zip(&cells) {
                if !more.is_empty() {
                    *cell = Cell::Text(format!("{}{more}", cell.display()));
                }
            }
            continue;
        }
        let text = |c: &String| if c.is_empty() { Cell::Empty } else { Cell::Text(c.clone()) };
        places.push(cells.iter().map(|c| (!c.is_empty()).then(|| a.place(None))).collect());
        row_places.push(a.place(None));
        rows.push(Row {
            kind: RowKind::Line,
            key: format!("r{}", rows.len()),
            level: 0,
            children: Vec::new(),
            right_children: Vec::new(),
            cells: cells.iter().map(text).collect(),
        });
    }
    let table = Table {
        id: spec.id.clone(),
        number: spec.number.clone().unwrap_or_default(),
        title: spec.title.clone(),
        org: String::new(),
        unit: String::new(),
        columns,
        header: Vec::new(),
        header_rows: 0,
        rows,
        empty_note: None,
        notes: Vec::new(),
        spans: Vec::new(),
        format: spec.format.clone(),
        layout: spec.layout.clone(),
    };
    let groups = vec![String::new(); leaves.len()];
    Imported {
        table,
        places,
        row_places,
        title,
        notes: String::new(),
        unread,
        balance: None,
        groups,
        periods: Vec::new(),
    }
}

/// A span that holds a figure and a label drawn without a gap (a cell's figure that runs
/// into the next cell's label, `16,474.82一、一般公共服务支出`), as two spans; the edge
/// between them is estimated from the characters' widths (a figure's digits are half as
/// wide as a label's ideographs). Any other span as it is.
fn unglue(span: &Span, whole: bool) -> Vec<Span> {
    let text = squeeze(&span.text);
    let numeric = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let lead = text.chars().take_while(|&c| numeric(c)).count();
    let trail = text.chars().rev().take_while(|&c| numeric(c)).count();
    let chars: Vec<char> = text.chars().collect();
    let at = if lead > 0 && lead < chars.len() && !chars[lead].is_ascii() {
        lead
    } else if trail > 0 && trail < chars.len() && !chars[chars.len() - trail - 1].is_ascii() {
        chars.len() - trail
    } else {
        return vec![span.clone()];
    };
    let (left, right): (String, String) = (chars[..at].iter().collect(), chars[at..].iter().collect());
    let figure = if at == lead { &left } else { &right };
    if !is_figure(figure, whole) {
        return vec![span.clone()];
    }
    let width = |t: &str| t.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<i64>();
    let edge = span.x0 + (span.x1 - span.x0) * width(&left) / width(&text).max(1);
    vec![Span { x1: edge, text: left, ..span.clone() }, Span { x0: edge, text: right, ..span.clone() }]
}

/// What names a row of a table: its fixed rows' labels, its text columns, its total's
/// label, and the 类 its profile names beyond the catalogue.
#[derive(Clone, Copy)]
struct Labels<'a> {
    fixed: &'a [(String, String)],
    text_leaves: &'a [usize],
    total: Option<&'a str>,
    classes: &'a [String],
    panes: &'a [String],
    /// A 收支 table's right-hand label columns: a label there that starts with an
    /// enumerator (`15、`, `(9)`) starts a row, printed with figures or not, however its
    /// name wraps.
    rights: &'a [usize],
}

/// Whether a draft names its row: a code, a fixed row's label in one of its text
/// columns, a 类 on the right side, or the total's label across them.
fn labelled(d: &Draft, by: &Labels<'_>) -> bool {
    // A class row of a 收支 table's right side: `201 一般公共服务支出`.
    // (`7、文化旅游体育与传媒支出` is no code: its fourth byte is inside `、`.)
    let class = |t: &str| {
        t.len() > 3
            && t.is_char_boundary(3)
            && t[..3].chars().all(|c| c.is_ascii_digit())
            && !t[3..].starts_with(|c: char| c.is_ascii_digit())
    };
    valid_code(&d.code)
        || d.right.is_some_and(|r| {
            let t = squeeze(&d.text(r));
            class(&t) || class_name(&t, by.classes)
        })
        || by.text_leaves.iter().any(|&l| {
            let t = squeeze(&d.text(l));
            !t.is_empty()
                && (by.fixed.iter().any(|(f, _)| same_label(f, &t))
                    || by.panes.iter().any(|p| same_label(p, &t)))
        })
        || by.total.is_some_and(|t| squeeze(&d.label(by.text_leaves)) == t)
        || enumerated_only(d, by)
}

/// Whether a 收支 table's draft has nothing but labels that start with an enumerator and
/// name no row of the profile (`15、资源勘探工业信息等`, the first line of a wrapped name).
/// Such a line is a row of its own, or the top of a row whose figures print on the next
/// line (a name wrapped in a cell centred on its row).
fn enumerated_only(d: &Draft, by: &Labels<'_>) -> bool {
    d.amounts.is_empty()
        && by.rights.iter().any(|&l| crate::text::enumerated(&squeeze(&d.text(l))))
        && !labelled(d, &Labels { rights: &[], ..*by })
}

/// Whether two drafts are one printed row split over two baselines: one has what the
/// other lacks (a code or label without figures, figures without a code or label).
fn complementary(a: &Draft, b: &Draft, by: &Labels<'_>) -> bool {
    let labelled = |d: &Draft| labelled(d, by);
    let near = (a.y - b.y).abs() <= 2000;
    // Parts of one row print in different columns: a row with text of its own where the
    // other has text (a 收支 table's right 项 just above 年终结转结余) is a row of its own.
    let apart = a.texts.keys().all(|k| !b.texts.contains_key(k));
    // A line labelled only by an enumerator joins the row beside it, with figures or a
    // label of its own in other columns (a row's cells centre their wrapped names).
    let top = |x: &Draft, y: &Draft| enumerated_only(x, by) && (!y.amounts.is_empty() || labelled(y));
    near && apart
        && ((labelled(a) && a.amounts.is_empty() && !labelled(b) && !b.amounts.is_empty())
            || (!labelled(a) && !a.amounts.is_empty() && labelled(b) && b.amounts.is_empty())
            || top(a, b)
            || top(b, a))
}

/// Whether a printed (squeezed) label is a fixed row's label. A `{cn}` in the profile's
/// label stands for the number the row got when it was printed (一, 二 …): rows that are
/// printed only when they have money make the numbering vary from one document to the next.
fn same_label(label: &str, printed: &str) -> bool {
    let Some((before, after)) = label.split_once("{cn}") else { return label == printed };
    printed.strip_prefix(before).is_some_and(|rest| {
        let digits = rest.trim_start_matches(|c| "一二三四五六七八九十".contains(c));
        digits.len() < rest.len() && digits == after
    })
}

/// Whether a right label names a function 类 without its code, after its enumerator
/// (`三、社会保障和就业支出`, `（三）社会保障和就业支出`): a profile printing every 类 of the catalogue prints rows
/// with no figure, which are rows all the same. `extra` are the 类 the profile names beyond
/// the catalogue (squeezed).
fn class_name(text: &str, extra: &[String]) -> bool {
    let name = crate::text::bare(text);
    gongkai_model::catalogue::function_classes().any(|(_, n)| n == name) || extra.contains(&name)
}

/// The classification code a name cell prints in brackets before the name
/// (`[208]社会保障和就业支出`, a `[{code}]{name}` column), if it does.
fn bracketed_code(label: &str) -> Option<&str> {
    let rest = label.strip_prefix('[').or_else(|| label.strip_prefix('【'))?;
    let end = rest.find([']', '】'])?;
    let code = &rest[..end];
    (valid_code(code) && end + 1 < rest.len()).then_some(code)
}

/// Whether a string of digits is a classification code: 类 (3), 款 (5) or 项 (7).
fn valid_code(code: &str) -> bool {
    matches!(code.len(), 3 | 5 | 7) && code.chars().all(|c| c.is_ascii_digit())
}

/// The fixed rows' labels (squeezed, and without enumerators) with their keys.
fn fixed_labels(spec: &TableSpec) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |r: &FixedRow| {
        if !r.label.is_empty() {
            out.push((squeeze(&r.label), r.key.clone()));
        }
    };
    match &spec.rows {
        RowScheme::Fixed(rows) => rows.iter().for_each(&mut push),
        RowScheme::Balance(b) => {
            b.left.iter().for_each(&mut push);
            b.right.iter().for_each(|r| push(&r.row));
            out.push((squeeze(&b.left_total), "total".to_owned()));
        }
        RowScheme::Tree(_) | RowScheme::Register(_) => {}
    }
    out
}

/// The depth a tree row of `code` (or of no code) has in the spec's levels.
fn depth_of(levels: &[Vec<Dim>], code: &str) -> Option<usize> {
    let want: &[Dim] = match code.len() {
        3 => &[Dim::FuncClass, Dim::EconClass],
        5 => &[Dim::FuncSection, Dim::EconItem],
        7 => &[Dim::FuncItem, Dim::EconSub],
        _ => &[
            Dim::Org,
            Dim::Unit,
            Dim::ProjectParent,
            Dim::Project,
            Dim::Procurement,
            Dim::ServiceClass,
            Dim::Line,
        ],
    };
    levels.iter().position(|l| l.first().is_some_and(|d| want.contains(d)))
}

/// An amount token as an exact 万元 cell.
fn cell_of(tok: &Token, unit: MoneyUnit) -> Cell {
    match tok {
        Token::Amount(v, _) => Cell::Amount(match unit {
            MoneyUnit::Wan => *v,
            MoneyUnit::Yuan => *v / Decimal::from(10_000),
        }),
        Token::Percent(v, _) => Cell::Percent(*v),
        Token::Dash => Cell::Amount(Decimal::ZERO),
    }
}

/// The printed decimals of a draft's amounts (the largest).
fn decimals_of(d: &Draft) -> Option<u32> {
    d.amounts
        .values()
        .filter_map(|(t, _)| match t {
            Token::Amount(_, n) => Some(*n),
            _ => None,
        })
        .max()
}

#[allow(clippy::too_many_arguments)]
fn build_rows<'d>(
    spec: &TableSpec,
    leaves: &[(String, ColumnSpec)],
    drafts: &'d [Draft],
    text_leaves: &[usize],
    unit: MoneyUnit,
    fixed: &[(String, String)],
    total: Option<&str>,
    unread: &mut Vec<(Place, String)>,
) -> Vec<(Row, &'d Draft)> {
    let mut out: Vec<(Row, &Draft)> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut unlabelled = 0;
    let mut unit_codes: Vec<String> = Vec::new();
    let levels: Vec<Vec<Dim>> = match &spec.rows {
        RowScheme::Tree(t) => t.levels.iter().map(|l| l.dims.clone()).collect(),
        _ => Vec::new(),
    };
    // The org level (the department's one row above its units), and whether its row has
    // been read.
    let org_level = levels.iter().position(|l| l.as_slice() == [Dim::Org]);
    let mut org_read = false;
    let name_leaf =
        leaves.iter().position(|(_, s)| matches!(s, ColumnSpec::Name { .. } | ColumnSpec::LeftLabel));
    let right_leaf = leaves.iter().position(|(_, s)| matches!(s, ColumnSpec::RightLabel { .. }));
    // A department's row on top of a classification or project tree (no unit level under
    // it): the first row without a code is the department's.
    let org_top = levels.first().is_some_and(|l| l.as_slice() == [Dim::Org])
        && !levels.iter().skip(1).any(|l| l.contains(&Dim::Unit));
    // A classification tree without a code column prints its rows by name only.
    let names_only = levels.len() > usize::from(org_top)
        && levels.iter().skip(usize::from(org_top)).all(|l| l.iter().all(|d| d.classification().is_some()))
        && !leaves.iter().any(|(_, s)| matches!(s, ColumnSpec::CodePart(_) | ColumnSpec::Code));
    for d in drafts {
        let mut cells = vec![Cell::Empty; leaves.len()];
        for (i, (_, s)) in leaves.iter().enumerate() {
            if is_amount(s) {
                cells[i] = Cell::Amount(Decimal::ZERO);
            }
        }
        for (c, (tok, _)) in &d.amounts {
            cells[*c] = cell_of(tok, unit);
        }
        let label = squeeze(&d.label(text_leaves));
        let (key, kind, level) = match &spec.rows {
            RowScheme::Tree(_) => {
                // A unit's own code (部门 024 above its 单位 024001) where the table groups by
                // unit and the code is no classification level of it: units nest by prefix.
                let unit_level = levels.iter().position(|l| l.contains(&Dim::Unit));
                let unit_coded = !d.code.is_empty()
                    && unit_level.is_some()
                    && (!valid_code(&d.code) || depth_of(&levels, &d.code).is_none());
                if total == Some(label.as_str()) && d.code.is_empty() {
                    ("total".to_owned(), RowKind::Total, 0u8)
                } else if let (true, Some(u)) = (unit_coded, unit_level) {
                    while unit_codes
                        .last()
                        .is_some_and(|c: &String| !d.code.starts_with(c.as_str()) || *c == d.code)
                    {
                        unit_codes.pop();
                    }
                    let nest = unit_codes.len();
                    unit_codes.push(d.code.clone());
                    // Under a department row (org level), the outermost code is the
                    // department's own (部门代码), its units one step in.
                    match org_level {
                        Some(o) if nest == 0 && !org_read => {
                            org_read = true;
                            ("org".to_owned(), RowKind::Unit, (o + 1) as u8)
                        }
                        // Units sit one step in under the department's row, however their
                        // codes nest.
                        Some(_) => (format!("c:{}", d.code), RowKind::Unit, (u + nest.max(1)) as u8),
                        None => (format!("c:{}", d.code), RowKind::Unit, (u + 1 + nest) as u8),
                    }
                } else if valid_code(&d.code) {
                    let depth = depth_of(&levels, &d.code);
                    let kind = match d.code.len() {
                        3 => RowKind::Class,
                        5 => RowKind::Section,
                        _ => RowKind::Item,
                    };
                    match depth {
                        Some(depth) => (d.code.clone(), kind, depth as u8 + 1),
                        None => {
                            unread.push((d.place.clone(), format!("科目编码 {} 不是本表的层级", d.code)));
                            continue;
                        }
                    }
                } else if !d.code.is_empty() {
                    unread.push((d.place.clone(), format!("科目编码 {} 格式不对", d.code)));
                    continue;
                } else if let Some((code, depth)) =
                    bracketed_code(&label).and_then(|c| Some((c, depth_of(&levels, c)?)))
                {
                    // A code printed in brackets before the name (`[208]社会保障和就业支出`).
                    let kind = match code.len() {
                        3 => RowKind::Class,
                        5 => RowKind::Section,
                        _ => RowKind::Item,
                    };
                    (code.to_owned(), kind, depth as u8 + 1)
                } else if org_top && !org_read {
                    org_read = true;
                    ("org".to_owned(), RowKind::Unit, 1)
                } else if names_only {
                    // A tree printed by names alone: its levels follow from the figures
                    // (`named_levels`).
                    (format!("n:{label}"), RowKind::Line, 0)
                } else if let Some(depth) = depth_of(&levels, "") {
                    let kind = if levels[depth].iter().any(|d| matches!(d, Dim::Org | Dim::Unit)) {
                        RowKind::Unit
                    } else {
                        RowKind::Project
                    };
                    (format!("n:{label}"), kind, depth as u8 + 1)
                } else {
                    unread.push((d.place.clone(), format!("“{label}”没有科目编码")));
                    continue;
                }
            }
            RowScheme::Fixed(rows) if text_leaves.is_empty() => {
                // A listing without a label column (a one-row table: 合计 is its only
                // row, printed as figures alone): its rows are the printed lines in order.
                let Some(r) = rows.iter().filter(|r| r.filter.is_some()).nth(unlabelled) else {
                    // Every row read: figures on a later page are the document's next part
                    // (a table at the end of its set has no next table to end at); on the
                    // same page they are rows the profile lacks.
                    if out.last().is_some_and(|(_, last)| last.page < d.page) {
                        break;
                    }
                    unread.push((d.place.clone(), "表套中没有这一行".to_owned()));
                    continue;
                };
                unlabelled += 1;
                let kind = if r.total || r.key == "total" { RowKind::Total } else { RowKind::Line };
                (r.key.clone(), kind, r.level)
            }
            RowScheme::Register(_) => {
                // A register (报表目录) prints words only: a line with figures in it
                // belongs to no row.
                unread.push((d.place.clone(), "报表目录中不应有金额".to_owned()));
                continue;
            }
            RowScheme::Fixed(_) | RowScheme::Balance(_) => {
                // The left label decides the row; a right-only line keeps its position. A
                // label printed twice (（一）一般公共预算拨款 under 本年收入 and under
                // 上年结转) is the first of its rows not read yet, in print order.
                let left = name_leaf.map(|l| squeeze(&d.text(l))).unwrap_or_default();
                let by = |want: &str| {
                    let mut hits = fixed.iter().filter(|(l, _)| same_label(l, want)).peekable();
                    let first = hits.peek().copied();
                    hits.find(|(_, k)| !seen.contains_key(k)).or(first)
                };
                // A left label wrapped in its cell, whose rest went to a neighbouring line
                // (`其中：专项资金列入部门预算的` | `项目`): the one fixed row it begins.
                let begun = |want: &str| {
                    let mut hits = fixed.iter().filter(|(l, _)| {
                        want.chars().count() >= 6 && l.len() > want.len() && l.starts_with(want)
                    });
                    match (hits.next(), hits.next()) {
                        (Some(hit), None) if !seen.contains_key(&hit.1) => Some(hit),
                        _ => None,
                    }
                };
                match by(&left).or_else(|| by(&label)).or_else(|| begun(&left)) {
                    Some((_, key)) if key == "total" => ("total".to_owned(), RowKind::Total, 0),
                    Some((_, key)) => (key.clone(), RowKind::Line, 0),
                    None if matches!(spec.rows, RowScheme::Balance(_)) && left.is_empty() => {
                        (format!("r{}", out.len()), RowKind::Line, 0)
                    }
                    None if matches!(spec.rows, RowScheme::Balance(_))
                        && right_leaf.is_some_and(|r| !d.text(r).is_empty()) =>
                    {
                        unread.push((d.place.clone(), format!("收入项目“{left}”不在表套中")));
                        (format!("r{}", out.len()), RowKind::Line, 0)
                    }
                    None => {
                        unread.push((d.place.clone(), format!("“{label}”不是本表的行")));
                        continue;
                    }
                }
            }
        };
        for (i, (_, s)) in leaves.iter().enumerate() {
            if !is_amount(s) {
                let t = d.text(i);
                cells[i] = match s {
                    ColumnSpec::CodePart(_) | ColumnSpec::Code if !t.is_empty() => Cell::Code(t),
                    _ if !t.is_empty() => Cell::Text(t),
                    _ => Cell::Empty,
                };
            }
        }
        // Keys stay unique: a code printed twice (one row per project) is numbered.
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        let key = if *n > 1 { format!("{key}#{n}") } else { key };
        let _ = decimals_of(d);
        out.push((Row { kind, key, level, children: Vec::new(), right_children: Vec::new(), cells }, d));
    }
    out
}

/// Rows without codes in a tree of two such levels (a unit and its projects): which is
/// which follows from the figures — a unit's row adds up the rows under it, so a new unit
/// starts where the rows so far have reached the current unit's figure.
fn codeless_levels(spec: &TableSpec, table: &mut Table) {
    let RowScheme::Tree(tree) = &spec.rows else { return };
    if tree.levels.iter().any(|l| l.dims.contains(&Dim::ProjectParent)) {
        project_parents(tree, table);
        return;
    }
    let codeless: Vec<usize> = tree
        .levels
        .iter()
        .enumerate()
        .filter(|(_, l)| l.dims.iter().all(|d| matches!(d, Dim::Org | Dim::Unit | Dim::Project)))
        .map(|(i, _)| i)
        .collect();
    let [outer, inner, ..] = codeless[..] else { return };
    // The department's row was read by its code (部门代码 above uncoded units): every
    // row without a code is a unit under it.
    if tree.levels[outer].dims == [Dim::Org] && table.rows.iter().any(|r| r.key == "org") {
        let kind =
            if tree.levels[inner].dims.contains(&Dim::Project) { RowKind::Project } else { RowKind::Unit };
        for row in table.rows.iter_mut().filter(|r| r.key.starts_with("n:")) {
            row.level = inner as u8 + 1;
            row.kind = kind;
        }
        return;
    }
    // Every amount column counts: a row is under the open one while the rows so far have
    // not reached its figure in some column (a first column of zeros, such as last year's
    // 合计 of a 三公 table, says nothing).
    let cols: Vec<usize> =
        (0..table.columns.len()).filter(|&c| table.columns[c].kind == ColumnKind::Amount).collect();
    if cols.is_empty() {
        return;
    }
    let one = last_digit(table);
    let mut open: Option<(Vec<Decimal>, Vec<Decimal>, i64)> = None;
    for row in table.rows.iter_mut().filter(|r| r.key.starts_with("n:")) {
        let v: Vec<Decimal> = cols.iter().map(|&c| row.cells[c].amount()).collect();
        match &mut open {
            Some((target, sum, n))
                if target.iter().zip(sum.iter()).any(|(t, s)| (*t - *s).abs() > one * Decimal::from(*n)) =>
            {
                sum.iter_mut().zip(&v).for_each(|(s, v)| *s += *v);
                *n += 1;
                row.level = inner as u8 + 1;
                row.kind = RowKind::Project;
            }
            _ => {
                open = Some((v, vec![Decimal::ZERO; cols.len()], 0));
                row.level = outer as u8 + 1;
                row.kind = RowKind::Unit;
                // The department's own row has the key the model gives it.
                if tree.levels[outer].dims == [Dim::Org] {
                    row.key = "org".to_owned();
                }
            }
        }
        // The department's row above its units (org, unit): both levels are units.
        if tree.levels[inner].dims.contains(&Dim::Unit) {
            row.kind = RowKind::Unit;
        }
    }
}

/// Rows of a tree with a project-parent level (a unit's projects under their 一级 and 二级
/// projects, printed by name): the parents' steps vary from one document to the next, so
/// the rows under each row read by its code (the department, a unit), or under the total,
/// nest as their figures say ([`nest_by_sums`]): the department and units first, then
/// parents and projects.
fn project_parents(tree: &gongkai_model::profile::Tree, table: &mut Table) {
    let cols: Vec<usize> =
        (0..table.columns.len()).filter(|&c| table.columns[c].kind == ColumnKind::Amount).collect();
    let one = last_digit(table);
    let values = |r: &Row| -> Vec<Decimal> { cols.iter().map(|&c| r.cells[c].amount()).collect() };
    let first_parent = tree.levels.iter().position(|l| l.dims.contains(&Dim::ProjectParent)).unwrap_or(0);
    // Runs: a root (an anchored row, or the total) and the name-only rows after it.
    let mut runs: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in 0..table.rows.len() {
        let key = &table.rows[i].key;
        if key == "total" || key == "org" || key.starts_with("c:") {
            runs.push((i, Vec::new()));
        } else if let Some((_, run)) = runs.last_mut() {
            run.push(i);
        }
    }
    for (root, run) in runs {
        if run.is_empty() {
            continue;
        }
        let vals: Vec<Vec<Decimal>> =
            std::iter::once(root).chain(run.iter().copied()).map(|i| values(&table.rows[i])).collect();
        let Some(levels) = nest_by_sums(&vals, one) else { continue };
        let base = table.rows[root].level;
        for (&i, &l) in run.iter().zip(&levels[1..]) {
            let row = &mut table.rows[i];
            row.level = base + l as u8;
            // Row level n is the tree's level n − 1 (the department's row is level 1).
            let at = usize::from(row.level).saturating_sub(1);
            match tree.levels.get(at).map(|l| l.dims.as_slice()) {
                Some([Dim::Org]) if at < first_parent => {
                    row.key = "org".to_owned();
                    row.kind = RowKind::Unit;
                }
                Some(_) if at < first_parent => row.kind = RowKind::Unit,
                _ => row.kind = RowKind::Project,
            }
        }
    }
}

/// The levels (0 the first row, the root) of rows printed in tree order whose depth is not
/// known: the shallowest nesting, by [`levels_by_sums`] in every column, in which the
/// first row is the only root and every row with rows under it is their sum (within one
/// printed digit per part).
fn nest_by_sums(values: &[Vec<Decimal>], one: Decimal) -> Option<Vec<usize>> {
    let reached = |target: &[Decimal], sum: &[Decimal], n: i64| {
        target.iter().zip(sum).all(|(t, s)| (*t - *s).abs() <= one * Decimal::from(n))
    };
    let width = values.first().map_or(0, Vec::len);
    (1..=values.len()).find_map(|depth| {
        // (level, figures, children's sums, children)
        let mut open: Vec<(usize, &[Decimal], Vec<Decimal>, i64)> = Vec::new();
        let mut levels = Vec::with_capacity(values.len());
        let mut ok = true;
        let mut close = |entry: (usize, &[Decimal], Vec<Decimal>, i64)| {
            if entry.3 > 0 && !reached(entry.1, &entry.2, entry.3) {
                ok = false;
            }
        };
        for v in values {
            let level = loop {
                let Some((l, target, sum, n)) = open.last() else { break 0 };
                if l + 1 < depth && !(*n > 0 && reached(target, sum, *n)) {
                    break l + 1;
                }
                if let Some(e) = open.pop() {
                    close(e);
                }
            };
            if let Some(parent) = open.last_mut() {
                parent.2.iter_mut().zip(v).for_each(|(s, v)| *s += *v);
                parent.3 += 1;
            }
            open.push((level, v, vec![Decimal::ZERO; width], 0));
            levels.push(level);
        }
        while let Some(e) = open.pop() {
            close(e);
        }
        let one_root = levels.iter().skip(1).all(|&l| l > 0);
        (ok && one_root).then_some(levels)
    })
}

/// One unit of a table's last printed digit, in 万元: printed parts may miss their printed
/// total by rounding, by up to one such unit per part.
fn last_digit(table: &Table) -> Decimal {
    let mut one = Decimal::new(1, table.format.decimals);
    if table.format.unit == MoneyUnit::Yuan {
        one /= Decimal::from(10_000);
    }
    one
}

/// The levels (0 outermost) of rows printed in tree order without codes, from their
/// figures: a row is the child of the row above it while that row's children have not yet
/// reached its figure (within rounding), a row of the deepest level has no children, and a
/// row that fits under no open row starts a new top-level row.
fn levels_by_sums(values: &[Decimal], depth: usize, one: Decimal) -> Vec<usize> {
    let mut out = Vec::with_capacity(values.len());
    // (level, figure, children's sum, children)
    let mut open: Vec<(usize, Decimal, Decimal, i64)> = Vec::new();
    for &v in values {
        let level = loop {
            let Some(&(l, target, sum, n)) = open.last() else { break 0 };
            let full = n > 0 && (target - sum).abs() <= one * Decimal::from(n);
            if l + 1 < depth && !full {
                break l + 1;
            }
            open.pop();
        };
        if let Some(parent) = open.last_mut() {
            parent.2 += v;
            parent.3 += 1;
        }
        open.push((level, v, Decimal::ZERO, 0));
        out.push(level);
    }
    out
}

/// The rows of a tree printed by year (`years`): each row three times, keyed as the engine
/// keys them: last year's `K@last` (the row that carries the names, read as `K`), this
/// year's `K`, the change `K@change`. Rows that do not come in threes are left as read.
fn year_rows(spec: &TableSpec, table: &mut Table) {
    let RowScheme::Tree(tree) = &spec.rows else { return };
    if tree.years.is_none() || !table.rows.len().is_multiple_of(3) {
        return;
    }
    for three in table.rows.chunks_mut(3) {
        let key = three[0].key.clone();
        three[0].key = format!("{key}@last");
        three[1].key = key.clone();
        three[2].key = format!("{key}@change");
    }
}

/// Rows of a classification tree printed by names only (a region that prints no 科目编码):
/// each row's level follows from the figures ([`levels_by_sums`]), and its code from the
/// catalogue, by its name among the codes under its parent's; a name the catalogue does
/// not know keeps its row keyed by name.
fn named_levels(spec: &TableSpec, table: &mut Table) {
    let RowScheme::Tree(tree) = &spec.rows else { return };
    // Under a department's row on top (org), the classification levels start one step in.
    let offset = usize::from(tree.levels.first().is_some_and(|l| l.dims == [Dim::Org]));
    let dims: Vec<Dim> = tree.levels.iter().skip(offset).filter_map(|l| l.dims.first().copied()).collect();
    let rows: Vec<usize> = (0..table.rows.len()).filter(|&i| table.rows[i].key.starts_with("n:")).collect();
    // A tree of the department's row alone (a table printed by year, 表9's 2025 年 and
    // 2026 年 rows) has no classification levels to place its named rows at.
    if rows.is_empty() || dims.is_empty() || !dims.iter().all(|d| d.classification().is_some()) {
        return;
    }
    let Some(col) = table.columns.iter().position(|c| c.kind == ColumnKind::Amount) else { return };
    let values: Vec<Decimal> = rows.iter().map(|&i| table.rows[i].cells[col].amount()).collect();
    let levels = levels_by_sums(&values, dims.len(), last_digit(table));
    let mut path: Vec<Option<&'static str>> = Vec::new();
    for (&i, &level) in rows.iter().zip(&levels) {
        path.truncate(level);
        let row = &mut table.rows[i];
        let name = row.key.trim_start_matches("n:").split('#').next().unwrap_or_default().to_owned();
        let (dim, parent) = (dims[level], path.last().copied().flatten().unwrap_or(""));
        let code = match (dim.classification(), dim.code_len()) {
            (Some(of), Some(len)) if level == 0 || !parent.is_empty() => catalogue::codes(of, len)
                .find(|c| c.starts_with(parent) && catalogue::names(of, c).any(|n| squeeze(n) == name)),
            _ => None,
        };
        row.level = (level + offset) as u8 + 1;
        row.kind = match dim.code_len() {
            Some(3) => RowKind::Class,
            Some(5) => RowKind::Section,
            _ => RowKind::Item,
        };
        if let Some(code) = code {
            row.key = code.to_owned();
        }
        path.push(code);
    }
}

/// Rows of any other tree printed without codes (政府采购支出表: 品目大类 › 单位 › 采购品目):
/// each row's level follows from the figures ([`levels_by_sums`]). Trees of units and
/// projects ([`codeless_levels`]) and of classifications ([`named_levels`]) have their own
/// readings.
fn summed_levels(spec: &TableSpec, table: &mut Table) {
    let RowScheme::Tree(tree) = &spec.rows else { return };
    let firsts: Vec<Dim> = tree.levels.iter().filter_map(|l| l.dims.first().copied()).collect();
    let people = |d: &Dim| matches!(d, Dim::Org | Dim::Unit | Dim::Project);
    let by_people = tree.levels.iter().filter(|l| l.dims.iter().all(people)).count();
    if firsts.len() < 2 || firsts.iter().all(|d| d.classification().is_some()) || by_people >= 2 {
        return;
    }
    let rows: Vec<usize> = (0..table.rows.len()).filter(|&i| table.rows[i].key.starts_with("n:")).collect();
    // Only where no row printed a code: a tree with codes places its uncoded rows by them.
    if rows.len() + usize::from(table.rows.iter().any(|r| r.key == "total")) != table.rows.len() {
        return;
    }
    let Some(col) = table.columns.iter().position(|c| c.kind == ColumnKind::Amount) else { return };
    let values: Vec<Decimal> = rows.iter().map(|&i| table.rows[i].cells[col].amount()).collect();
    let levels = levels_by_sums(&values, firsts.len(), last_digit(table));
    for (&i, &level) in rows.iter().zip(&levels) {
        let row = &mut table.rows[i];
        row.level = level as u8 + 1;
        row.kind = if matches!(firsts[level], Dim::Org | Dim::Unit) { RowKind::Unit } else { RowKind::Item };
    }
}

/// Sets each row's children from the row scheme: a tree by depth (a row adds up the rows
/// below it down to the next row as shallow), a listing and a 收支 table by the
/// profile's fixed rows.
fn link(spec: &TableSpec, table: &mut Table) {
    let index: BTreeMap<String, usize> =
        table.rows.iter().enumerate().map(|(i, r)| (r.key.clone(), i)).collect();
    match &spec.rows {
        RowScheme::Tree(_) => {
            let mut stack: Vec<usize> = Vec::new();
            let total = index.get("total").copied();
            for i in 0..table.rows.len() {
                if Some(i) == total {
                    continue;
                }
                let level = table.rows[i].level;
                while stack.last().is_some_and(|&p| table.rows[p].level >= level) {
                    stack.pop();
                }
                match stack.last() {
                    Some(&p) => table.rows[p].children.push(i),
                    None => {
                        if let Some(t) = total {
                            table.rows[t].children.push(i);
                        }
                    }
                }
                stack.push(i);
            }
        }
        RowScheme::Fixed(rows) => {
            for r in rows {
                if let Some(&p) = index.get(&r.key) {
                    let kids: Vec<usize> = r.children.iter().filter_map(|c| index.get(c).copied()).collect();
                    table.rows[p].children = kids;
                }
            }
        }
        RowScheme::Balance(b) => {
            for r in &b.left {
                if let Some(&p) = index.get(&r.key) {
                    table.rows[p].children =
                        r.children.iter().filter_map(|c| index.get(c).copied()).collect();
                }
            }
            // The right side: a row whose label is one of the profile's right rows (or the
            // right total) is that row, any other labelled row is a 类 row (`201 一般公共服务
            // 支出`, `一、一般公共服务支出`: the label pattern may print no code).
            let right_label = spec_right_label(spec);
            let rights: Vec<String> = table
                .rows
                .iter()
                .map(|r| match right_label.map(|c| &r.cells[c]) {
                    Some(Cell::Text(t)) => squeeze(t),
                    _ => String::new(),
                })
                .collect();
            let right_of = |i: usize| rights[i].clone();
            let fixed_right: Vec<&FixedRow> =
                b.right_top.iter().chain(b.right.iter().map(|r| &r.row)).collect();
            let named =
                |t: &str| t == squeeze(&b.right_total) || fixed_right.iter().any(|r| squeeze(&r.label) == t);
            let function_rows: Vec<usize> = (0..table.rows.len())
                .filter(|&i| {
                    let t = right_of(i);
                    !t.is_empty() && !named(&t)
                })
                .collect();
            // A right side that goes down to 款 or 项 (names only): the levels follow from
            // the right figures; a 类 adds up its 款, a 款 its 项.
            let right_amount =
                leaves(&spec.header).iter().position(|(_, s)| matches!(s, ColumnSpec::Amount { .. }));
            let levels = match right_amount {
                Some(col) if b.depth > 1 => {
                    let values: Vec<Decimal> =
                        function_rows.iter().map(|&i| table.rows[i].cells[col].amount()).collect();
                    levels_by_sums(&values, usize::from(b.depth), last_digit(table))
                }
                _ => vec![0; function_rows.len()],
            };
            let mut open: Vec<usize> = Vec::new();
            for (&i, &level) in function_rows.iter().zip(&levels) {
                open.truncate(level);
                if let Some(&p) = open.last() {
                    table.rows[p].right_children.push(i);
                }
                open.push(i);
            }
            let classes: Vec<usize> =
                function_rows.iter().zip(&levels).filter(|(_, l)| **l == 0).map(|(i, _)| *i).collect();
            if let Some(&t) = index.get("total") {
                // The left total adds up the top rows: level 0 and no other row's part
                // (本年收入合计 lists its sources at the same indentation).
                let part = |key: &str| b.left.iter().any(|p| p.children.iter().any(|c| c == key));
                table.rows[t].children = b
                    .left
                    .iter()
                    .filter(|s| s.level == 0 && s.filter.is_some() && !part(&s.key))
                    .filter_map(|s| index.get(&s.key).copied())
                    .collect();
                table.rows[t].right_children = classes.clone();
            }
            // A right row made of the classes (本年支出合计) adds them up; it is found by
            // its label, since it may share a printed row with a left one.
            for r in fixed_right.iter().filter(|r| r.children.iter().any(|c| c == "classes")) {
                let want = squeeze(&r.label);
                if let Some(at) = (0..table.rows.len()).find(|&i| right_of(i) == want) {
                    table.rows[at].right_children = classes.clone();
                }
            }
        }
        // A register's rows add up nothing.
        RowScheme::Register(_) => {}
    }
}

fn spec_right_label(spec: &TableSpec) -> Option<usize> {
    leaves(&spec.header).iter().position(|(_, s)| matches!(s, ColumnSpec::RightLabel { .. }))
}

/// Whether a span is a figure that starts a table's body: an amount with decimals, or in
/// a table printed in whole figures one grouped by thousands (`90,238,584`), which no
/// header's numbering (`1 2 3`) or code looks like.
fn is_figure(text: &str, whole: bool) -> bool {
    matches!(token(text, false), Some(Token::Amount(..)))
        || ((whole || text.contains(',')) && grouped(text).is_some())
}

/// A whole figure grouped by thousands (`22,118,861`): a figure in any table, since no code
/// is written with commas, even where the table's other figures print decimals.
fn grouped(text: &str) -> Option<Token> {
    text.contains(',').then(|| token(text, true)).flatten().filter(|t| matches!(t, Token::Amount(_, 0)))
}

/// Whether a table prints whole figures although its profile says decimals: a figure
/// grouped by thousands without decimals comes before any figure with decimals (the
/// same region's tables are printed one way; a year's documents may differ from the
/// profile's).
fn prints_whole(lines: &[At<'_>]) -> bool {
    for a in lines {
        for s in &a.line.spans {
            if matches!(token(&s.text, false), Some(Token::Amount(..))) {
                return false;
            }
            if is_figure(&s.text, true) {
                return true;
            }
        }
    }
    false
}

/// Where the `k`th table found ends: at the next table found, a part heading, or a
/// table the profile does not list (a line that is a table number of the profile's kind,
/// `部门公开表7`, for another table).
fn region_end(profile: &Profile, lines: &[At<'_>], starts: &[(usize, usize)], k: usize) -> usize {
    let (t, start) = starts[k];
    let end = starts.get(k + 1).map_or(lines.len(), |&(_, e)| e);
    let own = profile.tables[t].number.as_deref().map(squeeze).unwrap_or_default();
    let prefixes: Vec<String> = profile
        .tables
        .iter()
        .filter_map(|t| {
            t.number.as_deref().map(|n| squeeze(n).trim_end_matches(|c: char| c.is_ascii_digit()).to_owned())
        })
        .filter(|p| !p.is_empty())
        .collect();
    let other_number = |sq: &str| {
        sq != own
            && prefixes.iter().any(|p| {
                sq.strip_prefix(p.as_str())
                    .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
            })
    };
    // A performance-target form of the profile (its title) after the last table ends it
    // too: its indicators' figures are no rows of the table. A title atop many pages (one
    // form a page) was dropped as a running head: a page that opens with it ends the table.
    let forms: Vec<Vec<String>> = [&profile.forms.overall, &profile.forms.project, &profile.forms.programme]
        .into_iter()
        .flatten()
        .map(|f| title_parts(&f.title))
        .filter(|p| !p.is_empty())
        .collect();
    let form_title = |sq: &str| forms.iter().any(|p| is_title(sq, p, ""));
    let opens_form = |i: usize| {
        !std::ptr::eq(lines[i].page, lines[i - 1].page)
            && lines[i].page.lines.first().is_some_and(|l| form_title(&l.squeezed()))
    };
    // A register lists the other tables' numbers and titles: only a part heading or the
    // next table found ends it.
    let register = matches!(profile.tables[t].rows, RowScheme::Register(_));
    let end = (start + 1..end)
        .find(|&i| {
            let sq = lines[i].line.squeezed();
            is_part_heading(&sq) || (!register && (other_number(&sq) || form_title(&sq) || opens_form(i)))
        })
        .unwrap_or(end);
    // An organisation or unit line after figures opens another table (one the profile
    // does not list): this one ends after its last line with figures.
    let whole = prints_whole(&lines[start..end]);
    let figures = |i: usize| lines[i].line.spans.iter().any(|s| is_figure(&s.text, whole));
    let Some(first) = (start + 1..end).find(|&i| figures(i)) else { return end };
    let opens = (first + 1..end).find(|&i| {
        let sq = lines[i].line.squeezed();
        sq.contains("编制部门：")
            || sq.contains("编制单位：")
            || sq.starts_with("单位：")
            || sq.starts_with("单位:")
    });
    match opens {
        Some(o) => (first..o).rev().find(|&i| figures(i)).map_or(end, |i| i + 1),
        None => end,
    }
}

/// Reads every table of the profile that the document has; the indices of the tables
/// not found are returned too.
pub fn read_tables(profile: &Profile, doc: &Doc) -> (Vec<Imported>, Vec<usize>) {
    let lines = all_lines(doc);
    let loose = doc.pages.iter().any(|p| p.sheet.is_some());
    let starts = locate(profile, doc);
    let mut out = Vec::new();
    for (k, &(t, start)) in starts.iter().enumerate() {
        let end = region_end(profile, &lines, &starts, k);
        // A workbook's table ends with its sheet.
        let end = if lines[start].page.sheet.is_some()
            && let Some(s) = (start + 1..end).find(|&i| lines[i].page.number != lines[start].page.number)
        {
            s
        } else {
            end
        };
        out.push((t, read_one(&profile.tables[t], &lines[start..end], loose)));
    }
    let found: Vec<usize> = out.iter().map(|(t, _)| *t).collect();
    let missing = (0..profile.tables.len()).filter(|t| !found.contains(t)).collect();
    out.sort_by_key(|(t, _)| *t);
    (out.into_iter().map(|(_, i)| i).collect(), missing)
}

/// Tables of the document that the profile does not list: a title-like line (short, ending
/// in `表`, not a 目录 entry or a sentence) right above an organisation or unit line,
/// that starts no table of the profile. Their titles and places.
pub fn unlisted_tables(profile: &Profile, doc: &Doc) -> Vec<(Place, String)> {
    let lines = all_lines(doc);
    let starts = locate(profile, doc);
    (0..lines.len())
        .filter(|i| !starts.iter().any(|&(_, s)| s == *i))
        .filter_map(|i| {
            let sq = lines[i].line.squeezed();
            let titled = sq.ends_with('表')
                && sq.chars().count() <= 60
                && !sq.contains("··")
                && !sq.contains("……")
                && !sq.contains('，')
                && !sq.contains('。');
            let opens = lines[i + 1..(i + 3).min(lines.len())].iter().any(|a| {
                let t = a.line.squeezed();
                t.starts_with("编制部门")
                    || t.starts_with("编制单位")
                    || t.starts_with("单位：")
                    || t.starts_with("单位:")
            });
            (titled && opens).then(|| (lines[i].place(None), sq))
        })
        .collect()
}

/// The lines outside every table (the narrative), in order, for the text checks.
pub fn narrative_lines(profile: &Profile, doc: &Doc) -> Vec<(Place, String)> {
    let lines = all_lines(doc);
    let starts = locate(profile, doc);
    let mut inside = vec![false; lines.len()];
    for (k, &(_, start)) in starts.iter().enumerate() {
        let end = region_end(profile, &lines, &starts, k);
        for flag in &mut inside[start..end] {
            *flag = true;
        }
    }
    lines
        .iter()
        .zip(inside)
        .filter(|(a, inside)| !inside && a.page.sheet.is_none())
        .map(|(a, _)| (a.place(None), a.line.text()))
        .filter(|(_, t)| {
            let sq = squeeze(t);
            !sq.is_empty() && !is_page_number(&sq) && !sq.contains("··")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows read by their names in a table whose tree is the department's row alone (rows
    /// by year) stay as read: there is no classification to place them in.
    #[test]
    fn named_rows_of_a_tree_without_classification_levels_stay_as_read() {
        let profile = gongkai_profile::builtin("guangdong").unwrap();
        let spec = profile.table("t9").unwrap().clone();
        let row = |key: &str| Row {
            kind: RowKind::Line,
            key: key.to_owned(),
            level: 1,
            children: Vec::new(),
            right_children: Vec::new(),
            cells: vec![Cell::Text(key.to_owned()), Cell::Amount(Decimal::ONE)],
        };
        let mut table = Table {
            id: "t9".into(),
            number: "表9".into(),
            title: String::new(),
            org: String::new(),
            unit: "万元".into(),
            columns: vec![
                Column { id: None, kind: ColumnKind::Text, label: "年度".into(), width: 12 },
                Column {
                    id: Some("total_general".into()),
                    kind: ColumnKind::Amount,
                    label: "一般公共预算".into(),
                    width: 12,
                },
            ],
            header: Vec::new(),
            header_rows: 0,
            rows: vec![row("n:2025年"), row("n:2026年")],
            empty_note: None,
            notes: Vec::new(),
            spans: Vec::new(),
            format: Default::default(),
            layout: Default::default(),
        };
        named_levels(&spec, &mut table);
        let keys: Vec<&str> = table.rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["n:2025年", "n:2026年"]);
    }

    #[test]
    fn numbered_labels_match_whatever_number_they_were_printed_with() {
        assert!(same_label("{cn}、事业收入", "三、事业收入"));
        assert!(same_label("{cn}、事业收入", "十一、事业收入"));
        assert!(same_label("（{cn}）一般公共预算拨款", "（二）一般公共预算拨款"));
        assert!(!same_label("{cn}、事业收入", "事业收入"));
        assert!(!same_label("{cn}、事业收入", "三、事业单位经营收入"));
        assert!(same_label("本年收入合计", "本年收入合计"));
    }

    #[test]
    fn header_labels_naming_the_year_match_as_printed() {
        let header =
            vec![HeaderNode { label: "{year}年预算数".into(), column: None, children: Vec::new() }];
        let mut words = Vec::new();
        labels(&header, &mut words);
        assert_eq!(words, ["年预算数"]);
        assert!(is_header_word(&words, "2026年预算数"));
        assert!(is_header_word(&words, "预算数"));
        assert!(!is_header_word(&words, "2026"));
        assert!(!is_header_word(&words, "本年收入合计"));
    }

    #[test]
    fn titles_match_with_year_and_number_but_not_toc_or_sentences() {
        let parts = title_parts("{year}年部门收支总表");
        assert_eq!(parts, vec!["年部门收支总表"]);
        assert!(is_title("2026年部门收支总表", &parts, ""));
        assert!(!is_title("一、2026年部门收支总表·········5", &parts, ""));
        assert!(!is_title("详见2026年部门收支总表，其中收入合计为100万元。", &parts, ""));
        assert!(!is_title("2026年部门收入总表", &parts, ""));
        // A table titled by the sentence above it keeps the sentence's punctuation.
        let parts = title_parts("{year}年，本单位重点项目绩效目标情况如下：");
        assert!(is_title("2026年，本单位重点项目绩效目标情况如下：", &parts, ""));
        assert!(!is_title("一、2026年，本单位重点项目绩效目标情况如下：·········5", &parts, ""));
    }

    #[test]
    fn whole_figures_start_a_body_only_grouped_by_thousands() {
        assert!(is_figure("1.35", false));
        assert!(is_figure("90,238,584", true));
        // Grouped by thousands, a whole figure is one even among figures with decimals
        // (a total printed without its cents).
        assert!(is_figure("90,238,584", false));
        assert!(!is_figure("90238584", false));
        // Codes and a numbering row's figures are no amounts.
        assert!(!is_figure("301", true));
        assert!(!is_figure("12", true));
    }

    /// A PDF line: spans at their left edges, 9 pt wide per ideograph, half that per digit.
    fn line(y: i64, spans: &[(i64, &str)]) -> Line {
        let spans = spans
            .iter()
            .map(|&(x0, text)| {
                let width: i64 = text.chars().map(|c| if c.is_ascii() { 450 } else { 900 }).sum();
                Span { x0, x1: x0 + width, text: text.to_owned(), cell: None, number: false }
            })
            .collect();
        Line { number: 0, y, height: 900, spans }
    }

    #[test]
    fn a_code_in_brackets_before_the_name_is_the_rows_code() {
        assert_eq!(bracketed_code("[208]社会保障和就业支出"), Some("208"));
        assert_eq!(bracketed_code("[2080505]机关事业单位基本养老保险缴费支出"), Some("2080505"));
        assert_eq!(bracketed_code("【30101】基本工资"), Some("30101"));
        assert_eq!(bracketed_code("[20]其他"), None);
        assert_eq!(bracketed_code("[208]"), None);
        assert_eq!(bracketed_code("社会保障和就业支出"), None);
    }

    /// A table printed by year keys its three rows as the engine does.
    #[test]
    fn rows_by_year_are_keyed_last_this_and_change() {
        let profile = gongkai_profile::builtin("guangdong").unwrap();
        let spec = profile.table("t9").unwrap().clone();
        let row = |key: &str| Row {
            kind: RowKind::Unit,
            key: key.to_owned(),
            level: 1,
            children: Vec::new(),
            right_children: Vec::new(),
            cells: Vec::new(),
        };
        let mut table = Table {
            id: "t9".into(),
            number: "表9".into(),
            title: String::new(),
            org: String::new(),
            unit: "万元".into(),
            columns: Vec::new(),
            header: Vec::new(),
            header_rows: 0,
            rows: vec![row("org"), row("n:2026年"), row("n:增减变化金额")],
            empty_note: None,
            notes: Vec::new(),
            spans: Vec::new(),
            format: Default::default(),
            layout: Default::default(),
        };
        year_rows(&spec, &mut table);
        let keys: Vec<&str> = table.rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["org@last", "org", "org@change"]);
    }

    /// Leaf labels that name the year (`其中：{year}年…`) are found as printed, with the
    /// year's digits, in their own cells, left to right.
    #[test]
    fn leaf_labels_naming_the_year_are_found_with_its_digits() {
        let amount = |id: &str| ColumnSpec::Amount {
            id: id.into(),
            filter: Default::default(),
            measure: Default::default(),
        };
        let leaves = vec![
            ("小计".to_owned(), amount("procured")),
            ("其中：{year}年政府采购项目中预留给中小企业的项目资金规模".to_owned(), amount("sme")),
        ];
        let page = Page {
            number: 1,
            sheet: Some("表3".into()),
            lines: vec![line(
                100,
                &[(0, "小计"), (5000, "其中：2026年政府采购项目中预留给中小企业的项目资金规模")],
            )],
        };
        let header: Vec<At<'_>> = page.lines.iter().map(|l| At { page: &page, line: l }).collect();
        let anchors = label_anchors(&header, &leaves).expect("both labels found");
        assert_eq!(anchors.len(), 2);
        assert!(anchors[0] < anchors[1], "{anchors:?}");
    }

    /// A 收支 table whose right side lists a 类 the catalogue lacks (named by the profile's
    /// `class_names`), printed without figures just above 本年收入合计: it is a row of its
    /// own, not a fragment of its neighbours (which would shift every row after it).
    #[test]
    fn a_right_only_class_the_catalogue_lacks_is_a_row_of_its_own() {
        let profile = gongkai_profile::builtin("central").unwrap();
        let mut spec = profile.tables[0].clone();
        let RowScheme::Balance(b) = &mut spec.rows else { panic!("a 收支 table") };
        b.class_names.insert("234".into(), "抗疫特别国债安排的支出".into());
        let (left, right) = (b.left[0].label.replace("{cn}", "一"), "一、一般公共服务支出");
        let (current, spent) =
            (b.left.iter().find(|r| r.key == "current").unwrap().label.clone(), b.right[0].row.label.clone());
        let (left_total, right_total) = (b.left_total.clone(), b.right_total.clone());
        let heads = leaves(&spec.header);
        let xs = [4452, 36581, 41896, 74935];
        let header: Vec<(i64, &str)> = heads.iter().zip(xs).map(|((l, _), x)| (x, l.as_str())).collect();
        let lines = vec![
            line(6408, &[(35369, &spec.title)]),
            line(8524, &[(72639, "金额单位：万元")]),
            line(12253, &header),
            line(13927, &[(4452, &left), (36581, "398.47"), (41896, right), (75931, "398.47")]),
            line(15601, &[(41896, "二、抗疫特别国债安排的支出")]),
            line(17275, &[(4452, &current), (36581, "398.47"), (41896, &spent), (75931, "398.47")]),
            line(18949, &[(4452, &left_total), (36581, "398.47"), (41896, &right_total), (75931, "398.47")]),
        ];
        let doc = Doc { pages: vec![Page { number: 1, sheet: None, lines }] };
        let region = all_lines(&doc);
        let read = read_one(&spec, &region, false);
        let keys: Vec<&str> = read.table.rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["general", "r1", "current", "total"], "{:?}", read.unread);
        let r1 = &read.table.rows[1];
        assert!(r1.cells.iter().any(|c| matches!(c, Cell::Text(t) if t.contains("抗疫"))), "{r1:?}");
    }

    #[test]
    fn part_headings_and_page_numbers() {
        assert!(is_part_heading("第三部分2025年部门预算情况说明"));
        assert!(!is_part_heading("第三条"));
        assert!(is_page_number("第5页"));
        assert!(is_page_number("-12-"));
        assert!(is_page_number("17"));
        assert!(!is_page_number("700.56"));
    }
}

/// Reading a table whose layout is a department's row above its units, with narrow
/// wrapped header labels side by side and a first amount column of zeros printed blank
/// (a 三公 table printed in 元 with last year's figures first).
#[cfg(test)]
mod layout_tests {
    use super::*;
    use crate::text::{Line, Page};

    const TABLES: &str = "\
- id: t
  title: 测试经费表
  rows:
    tree:
      total: {label: 合计}
      levels: [{by: org}, {by: unit}]
  header:
    - {label: 单位名称, name: \"{name}\"}
    - {label: 上年合计, amount: last, filter: {last_year: true}}
    - {label: 因公出国（境）费用, amount: abroad, filter: {econ_codes: [\"30212\"]}}
    - {label: 公务接待费, amount: reception, filter: {econ_codes: [\"30217\"]}}
";

    fn profile() -> Profile {
        profile_of(TABLES)
    }

    fn profile_of(tables: &str) -> Profile {
        let profile = "id: t\ntitle: 测试\nversion: 1\ndocument: {title: \"{year}年\", parts: [p]}\n\
            table_defaults: {unit: 元, zero: blank, org_label: \"\"}\n";
        let files = [("profile.yaml", profile), ("tables.yaml", tables), ("templates/p.hbs", "@table t\n")];
        let bundle = gongkai_profile::Bundle {
            files: files.iter().map(|(p, t)| ((*p).to_owned(), t.as_bytes().to_vec())).collect(),
        };
        gongkai_profile::read(&bundle, "t").unwrap_or_else(|d| panic!("{d:#?}"))
    }

    fn line(number: usize, y: i64, spans: &[(i64, i64, &str)]) -> Line {
        let spans =
            spans.iter().map(|&(x0, x1, t)| Span { x0, x1, text: t.to_owned(), ..Span::default() }).collect();
        Line { number, y, height: 1000, spans }
    }

    /// A register (报表目录): its header centred over the columns, one label wrapped over two
    /// lines; rows of words, a long title wrapped in its cell, the next table's number and
    /// a page number after the last row.
    #[test]
    fn a_register_reads_its_rows_by_the_header_labels() {
        const REGISTER: &str = "\
- id: t
  title: 报表目录
  rows:
    register: {mark: 是}
  header:
    - {label: 报表, code: full}
    - {label: 报表名称, name: \"{name}\"}
    - {label: 是否空表, name: \"{empty}\"}
    - {label: 表格为空的理由, name: \"{reason}\"}
";
        let rows = [
            (1, 5000, vec![(20000, 24000, "报表目录")]),
            (2, 6000, vec![(30000, 34000, "表格为空")]),
            (3, 7000, vec![(1000, 3000, "报表"), (12000, 16000, "报表名称"), (25000, 29000, "是否空表")]),
            (4, 8000, vec![(30500, 33500, "的理由")]),
            (5, 9000, vec![(500, 2000, "表1"), (5000, 15000, "部门收支总表")]),
            (
                6,
                10000,
                vec![
                    (500, 2000, "表2"),
                    (5000, 22000, "部门政府性基金预算支出表"),
                    (26000, 27000, "是"),
                    (30000, 33000, "不涉及"),
                ],
            ),
            (7, 11000, vec![(500, 2000, "表3"), (5000, 22000, "部门一般公共预算“三公”经费")]),
            (8, 12000, vec![(5000, 10000, "支出表")]),
            (9, 14000, vec![(500, 2000, "表4")]),
            (10, 15000, vec![(20000, 22000, "第 1 页")]),
        ];
        let page =
            Page { number: 1, sheet: None, lines: rows.iter().map(|(n, y, s)| line(*n, *y, s)).collect() };
        let (imported, missing) = read_tables(&profile_of(REGISTER), &Doc { pages: vec![page] });
        assert!(missing.is_empty());
        let t = &imported[0];
        assert!(t.unread.is_empty(), "{:?}", t.unread);
        let got: Vec<Vec<String>> =
            t.table.rows.iter().map(|r| r.cells.iter().map(Cell::display).collect()).collect();
        assert_eq!(
            got,
            [
                ["表1", "部门收支总表", "", ""],
                ["表2", "部门政府性基金预算支出表", "是", "不涉及"],
                ["表3", "部门一般公共预算“三公”经费支出表", "", ""],
            ]
        );
    }

    #[test]
    fn labels_glued_across_two_columns_give_each_its_piece() {
        let span =
            Span { x0: 0, x1: 2400, text: "公务用车购置公务用车运行".into(), ..Span::default() };
        let t = squeeze(&span.text);
        let labels = ["公务用车购置费".to_owned(), "公务用车运行维护费".to_owned(), "会议费".to_owned()];
        let left = glued_piece(&span, &t, &labels[0], &labels).unwrap();
        assert_eq!((left.text.as_str(), left.x0, left.x1), ("公务用车购置", 0, 1200));
        let right = glued_piece(&span, &t, &labels[1], &labels).unwrap();
        assert_eq!((right.text.as_str(), right.x0, right.x1), ("公务用车运行", 1200, 2400));
        assert!(glued_piece(&span, &t, &labels[2], &labels).is_none());
        // A span whose rest is no other label's is one label's text, not two glued.
        assert!(glued_piece(&span, &t, &labels[0], &labels[..1]).is_none());
    }

    #[test]
    fn projects_nest_under_their_parents_as_deep_as_their_figures_say() {
        let d = |v: &[i64]| -> Vec<Vec<Decimal>> { v.iter().map(|&x| vec![Decimal::from(x)]).collect() };
        let one = Decimal::new(1, 2);
        // A unit, its 一级 projects, their 二级 projects and the projects under them.
        let deep = d(&[100, 60, 20, 20, 40, 15, 25, 40, 40, 40]);
        assert_eq!(nest_by_sums(&deep, one), Some(vec![0, 1, 2, 3, 2, 3, 3, 1, 2, 3]));
        // Projects without parents: one level under the unit.
        assert_eq!(nest_by_sums(&d(&[100, 60, 40]), one), Some(vec![0, 1, 1]));
        // Figures that add up in no nesting.
        assert_eq!(nest_by_sums(&d(&[100, 60, 30]), one), None);
    }

    #[test]
    fn an_org_row_above_its_unit_under_wrapped_narrow_labels_and_a_blank_first_column() {
        // 因公出国（境）费用 and 公务接待费 wrap one word a line in adjacent narrow columns:
        // `境）` and `费` share a baseline a gap of one and a half characters apart.
        let rows = [
            (1, 5000, vec![(20000, 30000, "测试经费表")]),
            (2, 7000, vec![(40000, 44000, "单位：元")]),
            (
                3,
                9000,
                vec![
                    (1000, 5000, "单位名称"),
                    (8000, 12000, "上年合计"),
                    (15000, 16400, "因公"),
                    (17000, 18400, "公务"),
                ],
            ),
            (4, 10000, vec![(15000, 16400, "出国"), (17000, 18400, "接待")]),
            (5, 11000, vec![(15350, 16050, "（")]),
            (6, 12000, vec![(15000, 16400, "境）"), (17350, 18050, "费")]),
            (7, 13000, vec![(15000, 16400, "费用")]),
            (8, 15000, vec![(1000, 3000, "合计"), (13000, 16400, "1,000.00"), (16600, 18400, "500.00")]),
            (9, 17000, vec![(1000, 5000, "某部门"), (13000, 16400, "1,000.00"), (16600, 18400, "500.00")]),
            (10, 19000, vec![(1500, 5500, "某部门"), (13000, 16400, "1,000.00"), (16600, 18400, "500.00")]),
        ];
        let page =
            Page { number: 1, sheet: None, lines: rows.iter().map(|(n, y, s)| line(*n, *y, s)).collect() };
        let (imported, _) = read_tables(&profile(), &Doc { pages: vec![page] });
        let t = &imported[0];
        assert!(t.unread.is_empty(), "{:?}", t.unread);
        let rows: Vec<(&str, u8)> = t.table.rows.iter().map(|r| (r.key.as_str(), r.level)).collect();
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!((rows[0], rows[1]), (("total", 0), ("org", 1)), "{rows:?}");
        assert_eq!(rows[2].1, 2, "the unit is under its department: {rows:?}");
        let abroad = t.table.columns.iter().position(|c| c.id.as_deref() == Some("abroad")).unwrap();
        let reception = abroad + 1;
        for r in &t.table.rows {
            assert_eq!(r.cells[abroad].amount(), Decimal::new(1, 1), "{}", r.key);
            assert_eq!(r.cells[reception].amount(), Decimal::new(5, 2), "{}", r.key);
        }
    }

    /// A workbook row printing a 部门经济科目 with its 政府经济科目 code in a name column:
    /// the code's digits (a text cell) are the name column's, not a whole figure that would
    /// push the row's 合计 out of its column.
    #[test]
    fn a_code_in_a_name_column_of_a_workbook_is_text() {
        const ECON: &str = "\
- id: t
  title: 测试经济分类表
  rows:
    tree:
      total: {label: 合计}
      levels: [{by: econ_class}, {by: econ_item+gov_item}]
  header:
    - {label: 部门经济科目编码, code: full}
    - {label: 部门经济科目名称, name: \"{name}\"}
    - {label: 政府经济科目编码, name: \"{code}\", dims: [gov_item]}
    - {label: 政府经济科目名称, name: \"{name}\", dims: [gov_item]}
    - {label: 合计, amount: total}
    - {label: 人员经费, amount: personnel, filter: {kinds: [基本]}}
";
        let cell = |col: i64, text: &str, number: bool| Span {
            x0: col * 1000,
            x1: col * 1000 + 999,
            text: text.to_owned(),
            number,
            ..Span::default()
        };
        let rows: Vec<Vec<Span>> = vec![
            vec![cell(0, "测试经济分类表", false)],
            vec![cell(5, "单位：元", false)],
            [
                "部门经济科目编码",
                "部门经济科目名称",
                "政府经济科目编码",
                "政府经济科目名称",
                "合计",
                "人员经费",
            ]
            .iter()
            .enumerate()
            .map(|(c, t)| cell(c as i64, t, false))
            .collect(),
            vec![cell(1, "合计", false), cell(4, "1000", true), cell(5, "1000", true)],
            vec![
                cell(0, "301", false),
                cell(1, "工资福利支出", false),
                cell(4, "1000", true),
                cell(5, "1000", true),
            ],
            vec![
                cell(0, "30101", false),
                cell(1, "基本工资", false),
                cell(2, "50101", false),
                cell(3, "工资奖金津补贴", false),
                cell(4, "1000", true),
                cell(5, "1000", true),
            ],
        ];
        let lines = rows.into_iter().enumerate().map(|(i, spans)| Line {
            number: i + 1,
            y: i as i64,
            height: 1,
            spans,
        });
        let page = Page { number: 1, sheet: Some("表6".into()), lines: lines.collect() };
        let (imported, _) = read_tables(&profile_of(ECON), &Doc { pages: vec![page] });
        let t = &imported[0];
        assert!(t.unread.is_empty(), "{:?}", t.unread);
        assert_eq!(t.table.rows.len(), 3, "{:?}", t.table.rows);
        let item = &t.table.rows[2];
        assert_eq!(item.cells[4].amount(), Decimal::new(1, 1), "1,000 元 in 万元: {item:?}");
        assert_eq!(item.cells[5].amount(), Decimal::new(1, 1), "{item:?}");
    }
}

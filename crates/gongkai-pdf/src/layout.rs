//! Our own page layout: blocks of the document model flowed onto A4 pages.
//!
//! The result is a list of pages of simple drawing operations (text runs, rules, fills,
//! links) plus the anchors the outline and the 目录 point to. Layout runs twice: the first
//! pass finds the page of every heading, the second prints those numbers in the 目录.

use std::collections::BTreeMap;

use gongkai_model::document::{Block, Document, TocEntry};
use gongkai_model::table::{NumberPosition, Table};

use crate::fonts::{FontSet, Role};
use crate::grid;
use crate::text::{width, wrap, wrap_name};

/// A4 in points.
pub(crate) const A4: (f32, f32) = (595.28, 841.89);

/// A drawing operation; y grows downwards from the top of the page, text y is a baseline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// A run of text.
    Text(Run),
    /// A straight line.
    Rule { x1: f32, y1: f32, x2: f32, y2: f32, width: f32 },
    /// A grey rectangle (header shading).
    Fill { x: f32, y: f32, w: f32, h: f32, gray: u8 },
    /// A link to an anchor.
    Link { x: f32, y: f32, w: f32, h: f32, target: String },
}

/// A font role at a size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Pen(pub(crate) Role, pub(crate) f32);

/// A run of text on one line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// Left edge.
    pub(crate) x: f32,
    /// Baseline.
    pub(crate) y: f32,
    /// Font and size.
    pub(crate) pen: Pen,
    /// The text.
    pub(crate) text: String,
    /// Extra space after each character (justification).
    pub(crate) spacing: f32,
    /// The structure element the text belongs to; `None` marks an artifact (leaders,
    /// repeated table headers).
    pub(crate) elem: Option<usize>,
}

/// A structure element of the tagged PDF.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tagged {
    /// The cover title.
    Title,
    /// The 目录 and one entry of it.
    Toc,
    TocItem,
    /// A heading of level 1–3.
    Heading(u8, String),
    /// A paragraph.
    P,
    /// A table, its caption (表号, title, 编制部门), rows, header and data cells.
    Table,
    Caption,
    Row,
    HeaderCell,
    Cell,
}

/// An element and the element it belongs to (`None`: the document).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Elem {
    pub(crate) kind: Tagged,
    pub(crate) parent: Option<usize>,
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    /// Width and height in points.
    pub(crate) size: (f32, f32),
    /// Drawing operations.
    pub(crate) ops: Vec<Op>,
    /// Whether the page carries a 第 N 页 footer.
    pub(crate) numbered: bool,
}

/// An entry of the outline: level, title, anchor id.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OutlineItem {
    pub(crate) level: u8,
    pub(crate) title: String,
    pub(crate) id: String,
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub(crate) pages: Vec<Page>,
    /// Anchor id → (page index, y).
    pub(crate) anchors: BTreeMap<String, (usize, f32)>,
    pub(crate) outline: Vec<OutlineItem>,
    /// Structure elements; text runs point into this list.
    pub(crate) elems: Vec<Elem>,
}

/// Typographic settings, in points.
pub(crate) struct Style {
    pub(crate) body: f32,
    pub(crate) line: f32,
    pub(crate) cell: f32,
}

const STYLE: Style = Style { body: 16.0, line: 28.0, cell: 9.0 };
/// Portrait margins: top, bottom, left/right.
const PORTRAIT: (f32, f32, f32) = (72.0, 72.0, 79.0);
/// Landscape margins.
const LANDSCAPE: (f32, f32, f32) = (50.0, 56.0, 42.0);

/// A table's title size, and the heights of the lines above its grid, in points.
const TABLE_TITLE_PT: f32 = 16.0;
const NUMBER_LINE: f32 = 16.0;
const TITLE_LINE: f32 = 22.0;
const TITLE_GAP: f32 = 4.0;
const ORG_LINE: f32 = 18.0;

/// The lines above a table's grid (see [`Flow::heading_lines`]).
struct Heading {
    number: Option<u8>,
    title: Vec<String>,
    org: Option<String>,
    unit: Option<String>,
}

pub(crate) struct Flow<'a> {
    pub(crate) fonts: &'a FontSet,
    pub(crate) pages: Vec<Page>,
    pub(crate) y: f32,
    landscape: bool,
    /// The current page holds nothing but a part heading.
    fresh: bool,
    /// 目录 page numbers to fill in: (page, op index, anchor id); the op's x is the right edge.
    toc_numbers: Vec<(usize, usize, String)>,
    /// Structure elements, in document order.
    pub(crate) elems: Vec<Elem>,
    /// The element text drawn now belongs to.
    pub(crate) tag: Option<usize>,
    anchors: BTreeMap<String, (usize, f32)>,
    outline: Vec<OutlineItem>,
}

impl<'a> Flow<'a> {
    fn new(fonts: &'a FontSet) -> Self {
        Flow {
            fonts,
            pages: Vec::new(),
            y: 0.0,
            landscape: false,
            fresh: false,
            toc_numbers: Vec::new(),
            elems: Vec::new(),
            tag: None,
            anchors: BTreeMap::new(),
            outline: Vec::new(),
        }
    }

    fn margins(&self) -> (f32, f32, f32) {
        if self.landscape { LANDSCAPE } else { PORTRAIT }
    }

    pub(crate) fn page_size(&self) -> (f32, f32) {
        if self.landscape { (A4.1, A4.0) } else { A4 }
    }

    pub(crate) fn left(&self) -> f32 {
        self.margins().2
    }

    pub(crate) fn text_width(&self) -> f32 {
        self.page_size().0 - 2.0 * self.margins().2
    }

    pub(crate) fn top(&self) -> f32 {
        self.margins().0
    }

    pub(crate) fn bottom(&self) -> f32 {
        self.page_size().1 - self.margins().1
    }

    /// Starts a new page of the given orientation.
    pub(crate) fn new_page(&mut self, landscape: bool) {
        self.landscape = landscape;
        let size = self.page_size();
        self.pages.push(Page { size, ops: Vec::new(), numbered: true });
        self.y = self.top();
    }

    /// Opens a structure element under `parent`; text drawn next belongs to it.
    pub(crate) fn open(&mut self, kind: Tagged, parent: Option<usize>) -> usize {
        self.elems.push(Elem { kind, parent });
        self.tag = Some(self.elems.len() - 1);
        self.elems.len() - 1
    }

    /// Makes sure `h` points fit below `y`, else starts a page of the same orientation.
    pub(crate) fn need(&mut self, h: f32) {
        if self.pages.is_empty() || self.y + h > self.bottom() {
            let landscape = self.landscape;
            self.new_page(landscape);
        }
    }

    pub(crate) fn op(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.ops.push(op);
        }
    }

    fn anchor(&mut self, id: &str) {
        let page = self.pages.len().saturating_sub(1);
        self.anchors.insert(id.to_owned(), (page, self.y));
    }

    /// One line of text at the current position; `align` 0 left, 1 centre, 2 right.
    pub(crate) fn text_line(&mut self, x: f32, w: f32, pen: Pen, text: &str, align: u8, spacing: f32) {
        let Pen(role, size) = pen;
        // Left-aligned text (paragraphs, most cells) needs no width.
        let tw =
            || width(self.fonts, role, size, text) + spacing * text.chars().count().saturating_sub(1) as f32;
        let x = match align {
            1 => x + (w - tw()) / 2.0,
            2 => x + w - tw(),
            _ => x,
        };
        let y = self.y + size * 0.88;
        let elem = self.tag;
        self.op(Op::Text(Run { x, y, pen, text: text.to_owned(), spacing, elem }));
    }

    /// A justified paragraph with a two-character first-line indent, in `role`'s face.
    fn paragraph(&mut self, text: &str, role: Role, size: f32, line: f32, indent_chars: f32) {
        self.paragraph_with_lead(text, role, 0, size, line, indent_chars);
    }

    /// A justified paragraph whose first `lead` characters are bold (a defined term, in a
    /// body paragraph). The lines break and justify on `role`'s widths: the faces' CJK
    /// advances are equal, so the bold lead shifts nothing.
    fn paragraph_with_lead(
        &mut self,
        text: &str,
        role: Role,
        lead: usize,
        size: f32,
        line: f32,
        indent_chars: f32,
    ) {
        let w = self.text_width();
        let indent = indent_chars * size;
        let lines = wrap(self.fonts, role, size, text, w, indent);
        let n = lines.len();
        let mut done = 0;
        for (i, l) in lines.iter().enumerate() {
            // No orphan (a paragraph's first line alone at a page's foot) and no widow (its
            // last line alone at the top of the next): those lines take a partner along.
            // A three-line paragraph can only stay whole to satisfy both.
            let keep = match (i, n) {
                (0, 3) => 3.0,
                (0, 2..) => 2.0,
                _ if i + 2 == n => 2.0,
                _ => 1.0,
            };
            self.need(line * keep);
            let x = self.left() + if i == 0 { indent } else { 0.0 };
            let avail = if i == 0 { w - indent } else { w };
            let natural = width(self.fonts, role, size, l);
            let gaps = l.chars().count().saturating_sub(1) as f32;
            // Justify every line but the last; a line shortened by 禁则 stretches at most
            // a little, so it never looks spaced out.
            let spacing = if i + 1 < n && gaps > 0.0 {
                ((avail - natural) / gaps).clamp(0.0, size * 0.25)
            } else {
                0.0
            };
            self.y += (line - size) / 2.0;
            let bold = lead.saturating_sub(done).min(l.chars().count());
            if bold == 0 {
                self.text_line(x, avail, Pen(role, size), l, 0, spacing);
            } else {
                let split = l.char_indices().nth(bold).map_or(l.len(), |(i, _)| i);
                let (term, rest) = l.split_at(split);
                self.text_line(x, avail, Pen(Role::Bold, size), term, 0, spacing);
                let shift = width(self.fonts, Role::Bold, size, term) + spacing * bold as f32;
                if !rest.is_empty() {
                    self.text_line(x + shift, avail - shift, Pen(role, size), rest, 0, spacing);
                }
            }
            done += l.chars().count();
            self.y += line - (line - size) / 2.0;
        }
    }

    fn heading(&mut self, level: u8, text: &str, id: &str) {
        let size = STYLE.body;
        let tag = Tagged::Heading(level, text.to_owned());
        match level {
            1 => {
                self.new_page(false);
                self.anchor(id);
                self.y += 12.0;
                let w = self.text_width();
                let x = self.left();
                self.open(tag, None);
                self.text_line(x, w, Pen(heading_role(1), size + 2.0), text, 1, 0.0);
                self.y += STYLE.line + 12.0;
            }
            _ => {
                // Keep a heading with at least two lines of what follows.
                self.need(STYLE.line * 3.0);
                self.anchor(id);
                let role = heading_role(level);
                self.open(tag, None);
                self.paragraph(text, role, size, STYLE.line, 2.0);
            }
        }
        if level <= 2 {
            self.outline.push(OutlineItem { level, title: text.to_owned(), id: id.to_owned() });
        }
    }

    fn cover(&mut self, org: &str, title: &str) {
        self.new_page(false);
        if let Some(p) = self.pages.last_mut() {
            p.numbered = false;
        }
        let (x, w) = (self.left(), self.text_width());
        self.y = 250.0;
        self.open(Tagged::Title, None);
        for line in wrap_name(self.fonts, Role::Title, 26.0, org, w).iter().filter(|l| !l.is_empty()) {
            self.text_line(x, w, Pen(Role::Title, 26.0), line, 1, 0.0);
            self.y += 42.0;
        }
        self.y += 24.0;
        self.text_line(x, w, Pen(Role::Title, 24.0), title, 1, 0.0);
    }

    /// The 目录. Page numbers are not known yet: each gets a placeholder op and room for
    /// three digits, and [`layout`] fills them in once every anchor is placed, so one
    /// layout pass suffices.
    fn toc(&mut self, entries: &[TocEntry]) {
        self.new_page(false);
        let (x, w) = (self.left(), self.text_width());
        let toc = self.open(Tagged::Toc, None);
        self.open(Tagged::Caption, Some(toc));
        self.text_line(x, w, Pen(Role::Heading, 18.0), "目　录", 1, 0.0);
        self.y += 40.0;
        let size = 14.0;
        for e in entries {
            self.need(24.0);
            let indent = if e.level == 1 { 0.0 } else { 2.0 * size };
            let role = if e.level == 1 { Role::Heading } else { Role::Body };
            let nw = width(self.fonts, Role::Body, size, "000");
            let room = w - indent - nw - size * 2.0;
            let lines = wrap(self.fonts, role, size, &e.text, room, 0.0);
            // An entry is never split across pages.
            self.need(24.0 * lines.len() as f32);
            let top = self.y;
            let item = self.open(Tagged::TocItem, Some(toc));
            for (i, l) in lines.iter().enumerate() {
                self.text_line(x + indent, room, Pen(role, size), l, 0, 0.0);
                if i + 1 == lines.len() {
                    // Dotted leader to the page number.
                    let used = width(self.fonts, role, size, l);
                    let dot = width(self.fonts, Role::Body, size, "·");
                    let dots = ((w - indent - used - nw - 8.0) / dot).max(0.0) as usize;
                    let lead_x = x + indent + used + 4.0;
                    let baseline = self.y + size * 0.88;
                    self.op(Op::Text(Run {
                        x: lead_x,
                        y: baseline,
                        pen: Pen(Role::Body, size),
                        text: "·".repeat(dots),
                        spacing: 0.0,
                        elem: None,
                    }));
                    let page = self.pages.len() - 1;
                    let op = self.pages[page].ops.len();
                    self.op(Op::Text(Run {
                        x: x + w,
                        y: baseline,
                        pen: Pen(Role::Body, size),
                        text: String::new(),
                        spacing: 0.0,
                        elem: Some(item),
                    }));
                    self.toc_numbers.push((page, op, e.id.clone()));
                }
                self.y += 24.0;
            }
            let h = self.y - top;
            self.op(Op::Link { x, y: top, w, h, target: e.id.clone() });
        }
    }

    fn signature(&mut self, org: &str, date: &str) {
        self.need(STYLE.line * 3.0);
        self.y += STYLE.line;
        let (x, w) = (self.left(), self.text_width());
        self.open(Tagged::P, None);
        for t in [org, date] {
            self.text_line(x, w - STYLE.body * 2.0, Pen(Role::Body, STYLE.body), t, 2, 0.0);
            self.y += STYLE.line;
        }
    }

    /// The lines above a table's grid as its layout has them: the 表号 line and where it
    /// sits (0 left, 1 centre, 2 right), the title (wrapped to `width`, with the number
    /// before it when it goes inline), and the 编制部门 and 单位 lines. Returns them with
    /// the height they take.
    fn heading_lines(&self, t: &Table, width: f32) -> (Heading, f32) {
        let number = t.number_line().map(|p| match p {
            NumberPosition::AboveLeft => 0,
            NumberPosition::AboveRight => 2,
            NumberPosition::Above | NumberPosition::Inline => 1,
        });
        let title = t.heading_title();
        let title = wrap(self.fonts, Role::Heading, TABLE_TITLE_PT, &title, width, 0.0);
        let (org, unit) = (t.org_line(), t.unit_line());
        let height = number.map_or(0.0, |_| NUMBER_LINE)
            + TITLE_LINE * title.len() as f32
            + TITLE_GAP
            + if org.is_some() || unit.is_some() { ORG_LINE } else { 0.0 };
        (Heading { number, title, org, unit }, height)
    }

    /// Draws the lines above a table's grid.
    fn table_heading(&mut self, t: &Table) {
        let (x, w) = (self.left(), self.text_width());
        let (heading, _) = self.heading_lines(t, w);
        if let Some(align) = heading.number {
            self.text_line(x, w, Pen(Role::Body, 10.5), &t.number, align, 0.0);
            self.y += NUMBER_LINE;
        }
        for line in &heading.title {
            self.text_line(x, w, Pen(Role::Heading, TABLE_TITLE_PT), line, 1, 0.0);
            self.y += TITLE_LINE;
        }
        self.y += TITLE_GAP;
        if let Some(org) = &heading.org {
            self.text_line(x, w, Pen(Role::Body, 10.5), org, 0, 0.0);
        }
        if let Some(unit) = &heading.unit {
            self.text_line(x, w, Pen(Role::Body, 10.5), unit, 2, 0.0);
        }
        if heading.org.is_some() || heading.unit.is_some() {
            self.y += ORG_LINE;
        }
    }

    /// Height of the lines a continued table prints above its repeated header.
    pub(crate) fn continued_height(t: &Table) -> f32 {
        match t.continued_line() {
            None => 0.0,
            Some(_) => {
                NUMBER_LINE + if t.org_line().is_some() || t.unit_line().is_some() { ORG_LINE } else { 0.0 }
            }
        }
    }

    /// On a page a table continues on, the profile's 续表 line (where its number goes, at
    /// the right when the number is inline) and the organisation and unit line under it.
    pub(crate) fn continued_heading(&mut self, t: &Table) {
        let Some(line) = t.continued_line() else { return };
        // An artifact, as the repeated header is: the table's structure has its heading once.
        self.tag = None;
        let (x, w) = (self.left(), self.text_width());
        let align = match t.layout.number_position {
            NumberPosition::AboveLeft => 0,
            NumberPosition::Above => 1,
            NumberPosition::AboveRight | NumberPosition::Inline => 2,
        };
        self.text_line(x, w, Pen(Role::Body, 10.5), &line, align, 0.0);
        self.y += NUMBER_LINE;
        let (org, unit) = (t.org_line(), t.unit_line());
        if let Some(org) = &org {
            self.text_line(x, w, Pen(Role::Body, 10.5), org, 0, 0.0);
        }
        if let Some(unit) = &unit {
            self.text_line(x, w, Pen(Role::Body, 10.5), unit, 2, 0.0);
        }
        if org.is_some() || unit.is_some() {
            self.y += ORG_LINE;
        }
    }

    /// Draws a table or form; returns whether it went on landscape pages.
    fn table_block(&mut self, t: &Table, title: Option<(&str, &str)>, first_part_table: bool) -> bool {
        let plan = grid::plan(self.fonts, t, STYLE.cell, A4.0 - 2.0 * PORTRAIT.2, A4.1 - 2.0 * LANDSCAPE.2);
        // A profile table starts a page, unless it is the first thing under a part heading;
        // a form follows the text when a good part of the page is left.
        // Either way, a table that would fit a page of its own is not split to save space.
        let room = self.bottom() - self.y;
        let page = A4.1 - PORTRAIT.0 - PORTRAIT.1;
        let left = if plan.landscape { LANDSCAPE.2 } else { PORTRAIT.2 };
        let width = if plan.landscape { A4.1 } else { A4.0 } - 2.0 * left;
        let prepared = grid::prepare(self.fonts, t, &plan, left);
        let heading = match title {
            None => self.heading_lines(t, width).1,
            Some(_) => 44.0 + t.number_line().map_or(0.0, |_| NUMBER_LINE),
        };
        let h = prepared.height() + heading;
        let same_page = !plan.landscape
            && !self.landscape
            && !self.pages.is_empty()
            && (h <= room || h > page)
            && if title.is_none() { self.fresh } else { room > 220.0 };
        if same_page {
            self.y += 12.0;
        } else {
            self.new_page(plan.landscape);
        }
        self.anchor(&t.id);
        let (x, w) = (self.left(), self.text_width());
        let table = self.open(Tagged::Table, None);
        self.open(Tagged::Caption, Some(table));
        match title {
            None => {
                self.table_heading(t);
                if first_part_table {
                    let title = if t.number.is_empty() {
                        t.title.clone()
                    } else {
                        format!("{} {}", t.number, t.title)
                    };
                    self.outline.push(OutlineItem { level: 2, title, id: t.id.clone() });
                }
            }
            Some((title, subtitle)) => {
                // A form's 表号, on a line of its own where the profile puts it; an inline
                // one goes before the title, as a table's does.
                let title = match t.number_line() {
                    Some(position) => {
                        let align = match position {
                            NumberPosition::AboveLeft => 0,
                            NumberPosition::AboveRight => 2,
                            NumberPosition::Above | NumberPosition::Inline => 1,
                        };
                        self.text_line(x, w, Pen(Role::Body, 10.5), &t.number, align, 0.0);
                        self.y += NUMBER_LINE;
                        title.to_owned()
                    }
                    None if t.number.is_empty() => title.to_owned(),
                    None => t.heading_title(),
                };
                let title = title.as_str();
                self.text_line(x, w, Pen(Role::Heading, 16.0), title, 1, 0.0);
                self.y += 24.0;
                self.text_line(x, w, Pen(Role::Body, 12.0), subtitle, 1, 0.0);
                self.y += 20.0;
                if let Some(unit) = t.unit_line() {
                    self.text_line(x, w, Pen(Role::Body, 10.5), &unit, 2, 0.0);
                    self.y += ORG_LINE;
                }
                self.outline.push(OutlineItem { level: 3, title: title.to_owned(), id: t.id.clone() });
            }
        }
        let landscape = plan.landscape;
        grid::draw(self, t, &plan, prepared, table);
        let size = 10.5;
        self.open(Tagged::P, None);
        if let Some(note) = &t.empty_note {
            self.y += 8.0;
            for l in wrap(self.fonts, Role::Body, size, note, w, 2.0 * size) {
                self.need(16.0);
                self.text_line(x, w, Pen(Role::Body, size), &l, 0, 0.0);
                self.y += 16.0;
            }
        }
        for note in &t.notes {
            self.y += 6.0;
            for l in wrap(self.fonts, Role::Body, 9.0, note, plan.width, 0.0) {
                self.need(13.0);
                self.text_line(x, plan.width, Pen(Role::Body, 9.0), &l, 0, 0.0);
                self.y += 13.0;
            }
        }
        self.y += 12.0;
        landscape
    }
}

/// The face of a heading of `level`, in the GB/T 9704 manner: parts (1) and 一级 (一、, 2)
/// 黑体, 二级 (（一）, 3) 楷体, as the HTML styles them. The glyph check asks the same.
pub(crate) fn heading_role(level: u8) -> Role {
    if level <= 2 { Role::Heading } else { Role::Subheading }
}

/// Lays the document out, then writes the 目录's page numbers.
pub(crate) fn layout(document: &Document, fonts: &FontSet) -> Layout {
    let toc = document.toc();
    let mut f = pass(document, fonts, &toc);
    for (page, op, id) in std::mem::take(&mut f.toc_numbers) {
        let number = f.anchors.get(&id).map_or(String::new(), |(p, _)| (p + 1).to_string());
        if let Some(Op::Text(run)) = f.pages.get_mut(page).and_then(|p| p.ops.get_mut(op)) {
            run.x -= width(fonts, run.pen.0, run.pen.1, &number);
            run.text = number;
        }
    }
    Layout { pages: f.pages, anchors: f.anchors, outline: f.outline, elems: f.elems }
}

fn pass<'a>(document: &Document, fonts: &'a FontSet, toc: &[TocEntry]) -> Flow<'a> {
    let mut f = Flow::new(fonts);
    let mut after_landscape = false;
    for block in &document.blocks {
        // After a landscape table, text resumes on a portrait page.
        let is_table = matches!(block, Block::Table(_) | Block::Form { .. });
        if after_landscape && !is_table && !matches!(block, Block::Heading { level: 1, .. }) {
            f.new_page(false);
        }
        after_landscape = false;
        let part_heading = matches!(block, Block::Heading { level: 1, .. });
        match block {
            Block::Cover { org, title } => f.cover(org, title),
            Block::Toc => f.toc(toc),
            Block::Heading { level, text, id } => f.heading(*level, text, id),
            Block::Paragraph { text, strong } => {
                f.need(STYLE.line);
                f.open(Tagged::P, None);
                f.paragraph_with_lead(text, Role::Body, *strong, STYLE.body, STYLE.line, 2.0);
            }
            Block::List { items } => {
                for item in items {
                    f.need(STYLE.line);
                    f.open(Tagged::P, None);
                    f.paragraph(item, Role::Body, STYLE.body, STYLE.line, 2.0);
                }
            }
            Block::Table(t) => after_landscape = f.table_block(t, None, true),
            Block::Form { title, subtitle, table } => {
                after_landscape = f.table_block(table, Some((title, subtitle)), false);
            }
            Block::PageBreak => f.new_page(false),
            Block::Signature { org, date } => f.signature(org, date),
        }
        f.fresh = part_heading;
        f.tag = None;
    }
    f
}

#[cfg(test)]
mod tests {
    use gongkai_model::money::MoneyUnit;
    use gongkai_model::table::{
        Cell, Column, ColumnKind, HeaderCell, Layout as TableLayout, NumberFormat, NumberPosition,
        Orientation, Row, RowKind, Zero,
    };
    use rust_decimal::Decimal;

    use super::*;

    fn example() -> Document {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/changji-epmc-2025.yaml");
        let budget = gongkai_yaml::parse_clean(&std::fs::read(path).unwrap(), "x.yaml").unwrap();
        let profile = gongkai_profile::builtin(gongkai_model::DEFAULT_PROFILE).unwrap();
        gongkai_templates::build(&budget, &profile).unwrap()
    }

    /// A table in 元 with whole numbers, the given zero style and layout, and a percentage
    /// column.
    fn table(zero: Zero, layout: TableLayout) -> Table {
        let column = |kind, label: &str| Column { id: None, kind, label: label.into(), width: 12 };
        let amount = |t: &str| Cell::Amount(t.parse::<Decimal>().unwrap());
        let percent = |t: &str| Cell::Percent(t.parse::<Decimal>().unwrap());
        Table {
            id: "p1".into(),
            number: "预算01表".into(),
            title: "收支预算总表".into(),
            org: "测试局".into(),
            unit: "元".into(),
            columns: vec![
                column(ColumnKind::Text, "项目"),
                column(ColumnKind::Amount, "本年预算数"),
                column(ColumnKind::Amount, "上年预算数"),
                column(ColumnKind::Amount, "增减幅度"),
            ],
            header: ["项目", "本年预算数", "上年预算数", "增减幅度"]
                .iter()
                .enumerate()
                .map(|(col, text)| HeaderCell { text: (*text).into(), row: 0, col, rowspan: 1, colspan: 1 })
                .collect(),
            header_rows: 1,
            rows: vec![Row {
                kind: RowKind::Total,
                key: "total".into(),
                level: 0,
                children: vec![],
                right_children: vec![],
                cells: vec![
                    Cell::Text("合计".into()),
                    amount("1234.56785"),
                    amount("-0.00004"),
                    percent("-55.764"),
                ],
            }],
            empty_note: None,
            notes: vec![],
            spans: vec![],
            format: NumberFormat {
                unit: MoneyUnit::Yuan,
                decimals: 0,
                zero,
                separators: true,
                percent_decimals: 2,
            },
            layout,
        }
    }

    /// The text runs of the first page: text, left edge, right edge.
    fn first_page(t: Table) -> (Vec<(String, f32, f32)>, Page) {
        let mut doc = example();
        doc.blocks = vec![Block::Table(t)];
        let fonts = FontSet::builtin();
        let laid = layout(&doc, fonts);
        let page = laid.pages[0].clone();
        let runs = page
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Text(r) => {
                    let w = width(fonts, r.pen.0, r.pen.1, &r.text);
                    Some((r.text.clone(), r.x, r.x + w))
                }
                _ => None,
            })
            .collect();
        (runs, page)
    }

    /// Measured on the example's eleven tables as laid out: a header cell broken over
    /// lines never leaves a single character (or a lone bracket) on a line.
    #[test]
    fn no_header_line_of_the_example_is_one_character() {
        let fonts = FontSet::builtin();
        let doc = example();
        let mut cells = 0;
        for block in &doc.blocks {
            let Block::Table(t) = block else { continue };
            let plan = grid::plan(fonts, t, STYLE.cell, A4.0 - 2.0 * PORTRAIT.2, A4.1 - 2.0 * LANDSCAPE.2);
            for (_, cell) in grid::header(fonts, t, &plan, 0.0).0 {
                if cell.lines.len() > 1 {
                    cells += 1;
                    assert!(
                        cell.lines.iter().all(|l| l.chars().count() > 1),
                        "{}: {:?}",
                        t.number,
                        cell.lines
                    );
                }
            }
        }
        assert!(cells > 5, "only {cells} header cells break over lines");
    }

    #[test]
    fn a_row_above_its_first_child_never_ends_a_page() {
        let plain = TableLayout {
            org_label: None,
            unit_label: None,
            number_position: NumberPosition::Inline,
            orientation: Orientation::Portrait,
            continued: None,
        };
        let mut t = table(Zero::Zero, plain);
        let leaf = t.rows[0].clone();
        t.rows.clear();
        // 类 rows (P) each above one 款 (C), enough for several pages; every page break
        // falls somewhere, so some would fall between a P and its C.
        for k in 0..90 {
            let mut parent = leaf.clone();
            parent.kind = RowKind::Line;
            parent.key = format!("p{k}");
            parent.children = vec![2 * k + 1];
            parent.cells[0] = Cell::Text(format!("P{k}"));
            let mut child = parent.clone();
            child.key = format!("c{k}");
            child.children = vec![];
            child.cells[0] = Cell::Text(format!("C{k}"));
            t.rows.push(parent);
            t.rows.push(child);
        }
        let mut doc = example();
        doc.blocks = vec![Block::Table(t)];
        let laid = layout(&doc, FontSet::builtin());
        assert!(laid.pages.len() >= 3, "{} pages", laid.pages.len());
        for (n, page) in laid.pages.iter().enumerate() {
            let labels: Vec<&str> = page
                .ops
                .iter()
                .filter_map(|op| match op {
                    Op::Text(r) if r.text.starts_with(['P', 'C']) => Some(r.text.as_str()),
                    _ => None,
                })
                .collect();
            let last = labels.last().copied().unwrap_or_default();
            assert!(!last.starts_with('P'), "page {} ends with {last}", n + 1);
        }
    }

    /// A table over several pages: with the profile's 续表 line, every later page prints it
    /// (at the right, the number being inline) and the unit line above the repeated header,
    /// the first page does not; without one, later pages repeat the header alone.
    #[test]
    fn a_continued_table_prints_the_profiles_line_above_its_repeated_header() {
        let long = |continued: Option<&str>| {
            let shape = TableLayout {
                org_label: Some("编制部门".into()),
                unit_label: Some("单位".into()),
                number_position: NumberPosition::Inline,
                orientation: Orientation::Portrait,
                continued: continued.map(str::to_owned),
            };
            let mut t = table(Zero::Zero, shape);
            let leaf = t.rows[0].clone();
            t.rows = (0..150)
                .map(|k| {
                    let mut row = leaf.clone();
                    row.key = format!("r{k}");
                    row.cells[0] = Cell::Text(format!("R{k}"));
                    row
                })
                .collect();
            let mut doc = example();
            doc.blocks = vec![Block::Table(t)];
            layout(&doc, FontSet::builtin())
        };
        let texts = |page: &Page| -> Vec<(String, f32)> {
            page.ops
                .iter()
                .filter_map(|op| match op {
                    Op::Text(r) => Some((r.text.clone(), r.y)),
                    _ => None,
                })
                .collect()
        };
        let with = long(Some("{number}（续）"));
        assert!(with.pages.len() >= 3, "{} pages", with.pages.len());
        assert!(texts(&with.pages[0]).iter().all(|(t, _)| t != "预算01表（续）"));
        for (n, page) in with.pages.iter().enumerate().skip(1) {
            let runs = texts(page);
            let at = |text: &str| runs.iter().find(|(t, _)| t == text).map(|(_, y)| *y);
            let label = at("预算01表（续）").unwrap_or_else(|| panic!("page {}: {runs:?}", n + 1));
            let unit = at("单位：元").unwrap_or_else(|| panic!("page {}: no unit line", n + 1));
            let org = at("编制部门：测试局").unwrap_or_else(|| panic!("page {}: no org line", n + 1));
            let header = at("本年预算数").unwrap_or_else(|| panic!("page {}: no header", n + 1));
            assert!(label < unit && unit == org && org < header, "page {}: {label} {unit} {header}", n + 1);
        }
        let without = long(None);
        assert_eq!(without.pages.len(), with.pages.len());
        for page in without.pages.iter().skip(1) {
            let runs = texts(page);
            assert!(runs.iter().all(|(t, _)| !t.contains("（续）") && t != "单位：元"), "{runs:?}");
            assert!(runs.iter().any(|(t, _)| t == "本年预算数"));
        }
    }

    #[test]
    fn no_paragraph_leaves_one_line_alone_at_a_page_break() {
        // Paragraphs of three lines or more, each of its own character, so that each
        // run on a page can be told apart; page breaks fall everywhere among them.
        let chars: Vec<char> = "国家预算部门单位收入支出资金项目经费基本公共财政拨款结转年度情况说明政府采购资产绩效目标管理工作人员运行机关事业"
            .chars()
            .collect();
        let mut doc = example();
        doc.blocks = (0..chars.len())
            .map(|i| Block::Paragraph { text: chars[i].to_string().repeat(60 + 7 * (i % 5)), strong: 0 })
            .collect();
        let laid = layout(&doc, FontSet::builtin());
        assert!(laid.pages.len() >= 3, "{} pages", laid.pages.len());
        let pages: Vec<Vec<char>> = laid
            .pages
            .iter()
            .map(|p| {
                p.ops
                    .iter()
                    .filter_map(|op| match op {
                        Op::Text(r) => r.text.chars().next().filter(|c| chars.contains(c)),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        for (n, page) in pages.iter().enumerate() {
            for (c, at_end) in [(page.first(), false), (page.last(), true)] {
                let Some(c) = c else { continue };
                let here = page.iter().filter(|x| *x == c).count();
                let total: usize = pages.iter().map(|p| p.iter().filter(|x| *x == c).count()).sum();
                let which = if at_end { "ends" } else { "starts" };
                assert!(here >= 2 || total == 1, "page {} {which} with one line of {c}", n + 1);
            }
        }
    }

    #[test]
    fn headings_take_the_faces_of_their_level() {
        let mut doc = example();
        doc.blocks = vec![
            Block::Heading { level: 2, text: "一、部门主要职能".into(), id: "a".into() },
            Block::Heading { level: 3, text: "（一）部门职责".into(), id: "b".into() },
            Block::Paragraph { text: "正文。".into(), strong: 0 },
        ];
        let laid = layout(&doc, FontSet::builtin());
        let role_of = |text: &str| {
            laid.pages.iter().flat_map(|p| &p.ops).find_map(|op| match op {
                Op::Text(r) if r.text == text => Some(r.pen.0),
                _ => None,
            })
        };
        assert_eq!(role_of("一、部门主要职能"), Some(Role::Heading));
        assert_eq!(role_of("（一）部门职责"), Some(Role::Subheading));
        assert_eq!(role_of("正文。"), Some(Role::Body));
    }

    #[test]
    fn a_defined_term_prints_bold_and_the_definition_follows_it_on_the_line() {
        let mut doc = example();
        let text = format!("一、财政拨款：{}", "指财政当年拨付的资金".repeat(8));
        doc.blocks = vec![Block::Paragraph { text: text.clone(), strong: 7 }];
        let laid = layout(&doc, FontSet::builtin());
        let runs: Vec<&Run> = laid.pages[0]
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Text(r) if r.text.chars().all(|c| text.contains(c)) => Some(r),
                _ => None,
            })
            .collect();
        assert!(runs.len() >= 3, "{runs:?}");
        assert_eq!((runs[0].text.as_str(), runs[0].pen.0), ("一、财政拨款：", Role::Bold));
        assert_eq!(runs[1].pen.0, Role::Body);
        assert!(runs[1].text.starts_with('指'), "{:?}", runs[1].text);
        assert!((runs[0].y - runs[1].y).abs() < 0.01 && runs[1].x > runs[0].x, "one line, term first");
        assert!(runs[2..].iter().all(|r| r.pen.0 == Role::Body), "only the term is bold");
        let printed: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(printed, text, "nothing lost or doubled");
    }

    #[test]
    fn a_table_prints_its_own_heading_and_figures() {
        let layout = TableLayout {
            org_label: None,
            unit_label: Some("金额单位".into()),
            number_position: NumberPosition::Inline,
            orientation: Orientation::Portrait,
            continued: None,
        };
        let (runs, page) = first_page(table(Zero::Zero, layout.clone()));
        let texts: Vec<&str> = runs.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(&texts[..2], ["预算01表 收支预算总表", "金额单位：元"], "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("编制部门") || *t == "预算01表"), "{texts:?}");
        for figure in ["12,345,679", "0", "-55.76%"] {
            assert!(texts.contains(&figure), "{figure} in {texts:?}");
        }
        // The unit line sits at the right margin; the page is upright.
        let unit = runs.iter().find(|r| r.0 == "金额单位：元").unwrap();
        assert!((unit.2 - (A4.0 - PORTRAIT.2)).abs() < 0.5, "{unit:?}");
        assert_eq!(page.size, A4);

        let (runs, _) = first_page(table(Zero::Dash, layout));
        assert!(runs.iter().any(|r| r.0 == "-"), "dash zero: {runs:?}");
    }

    #[test]
    fn the_number_goes_where_the_layout_says_and_the_page_turns_as_it_says() {
        let centre = (A4.1) / 2.0;
        for (position, check) in [
            (
                NumberPosition::Above,
                (|l: f32, r: f32, mid: f32| ((l + r) / 2.0 - mid).abs() < 0.5) as fn(f32, f32, f32) -> bool,
            ),
            (NumberPosition::AboveLeft, |l, _, _| (l - LANDSCAPE.2).abs() < 0.5),
            (NumberPosition::AboveRight, |_, r, _| (r - (A4.1 - LANDSCAPE.2)).abs() < 0.5),
        ] {
            let layout = TableLayout {
                number_position: position,
                orientation: Orientation::Landscape,
                ..TableLayout::default()
            };
            let (runs, page) = first_page(table(Zero::Blank, layout));
            assert_eq!(page.size, (A4.1, A4.0), "landscape");
            let number = runs.iter().find(|r| r.0 == "预算01表").unwrap_or_else(|| panic!("{runs:?}"));
            assert!(check(number.1, number.2, centre), "{position:?}: {number:?}");
            assert_eq!(runs[1].0, "收支预算总表");
            assert!(runs.iter().any(|r| r.0 == "编制部门：测试局") && runs.iter().any(|r| r.0 == "单位：元"));
        }
        // An unnumbered table prints no number line.
        let mut t = table(Zero::Blank, TableLayout::default());
        t.number = String::new();
        let (runs, _) = first_page(t);
        assert_eq!(runs[0].0, "收支预算总表");
    }
}

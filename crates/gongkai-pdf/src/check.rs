//! Every character of the document must have a glyph in the font that will draw it; the
//! ones that do not are collected with the places they occur, before any layout.

use std::collections::BTreeMap;

use gongkai_model::document::{Block, Document};
use gongkai_model::table::Table;

use crate::fonts::{FontSet, Role};

/// Checks one text in one role; the closure names the place, only when needed.
type Check<'a> = dyn FnMut(Role, &str, &dyn Fn() -> String) + 'a;

/// Characters without a glyph, each with up to three places it occurs.
pub(crate) fn missing_glyphs(document: &Document, fonts: &FontSet) -> Vec<(char, Vec<String>)> {
    let mut missing: BTreeMap<char, Vec<String>> = BTreeMap::new();
    let mut check = |role: Role, text: &str, place: &dyn Fn() -> String| {
        // The same question validation asks through `FontSet::covers`.
        for c in text.chars() {
            if !fonts.covers_in(role, c) {
                let places = missing.entry(c).or_default();
                if places.len() < 3 {
                    let p = place();
                    if !places.contains(&p) {
                        places.push(p);
                    }
                }
            }
        }
    };
    let short = |t: &str| -> String { t.chars().take(16).collect() };
    let table = |check: &mut Check<'_>, t: &Table, name: &str| {
        check(Role::Heading, &t.title, &|| format!("{name}标题"));
        let lines: Vec<String> = t.org_line().into_iter().chain(t.unit_line()).collect();
        check(Role::Body, &format!("{}{}", t.number, lines.concat()), &|| format!("{name}表头"));
        // An inline number is set in the title's face.
        check(Role::Heading, &t.number, &|| format!("{name}标题"));
        for h in &t.header {
            check(Role::Bold, &h.text, &|| format!("{name}表头“{}”", h.text));
        }
        for (i, r) in t.rows.iter().enumerate() {
            let role = if r.kind.is_strong() { Role::Bold } else { Role::Body };
            for c in &r.cells {
                check(role, &t.show(c), &|| format!("{name}第{}行", i + 1));
            }
        }
        for n in t.empty_note.iter().chain(&t.notes) {
            check(Role::Body, n, &|| format!("{name}附注"));
        }
    };
    check(Role::Body, "第0123456789页·目录", &|| "页码".to_owned());
    for b in &document.blocks {
        match b {
            Block::Cover { org, title } => {
                check(Role::Title, org, &|| "封面（部门名称）".to_owned());
                check(Role::Title, title, &|| "封面".to_owned());
            }
            Block::Heading { level, text, .. } => {
                let role = crate::layout::heading_role(*level);
                check(role, text, &|| format!("标题“{}”", short(text)));
                check(Role::Body, text, &|| format!("目录“{}”", short(text)));
            }
            Block::Paragraph { text, .. } => check(Role::Body, text, &|| format!("段落“{}…”", short(text))),
            Block::List { items } => {
                for i in items {
                    check(Role::Body, i, &|| format!("段落“{}…”", short(i)));
                }
            }
            Block::Table(t) => {
                let name = t.number.clone();
                check(Role::Body, &t.title, &|| format!("目录“{}”", t.title));
                table(&mut check, t, &name);
            }
            Block::Form { title, subtitle, table: t } => {
                check(Role::Heading, title, &|| title.clone());
                check(Role::Body, subtitle, &|| title.clone());
                table(&mut check, t, title);
            }
            Block::Signature { org, date } => {
                check(Role::Body, org, &|| "落款".to_owned());
                check(Role::Body, date, &|| "落款".to_owned());
            }
            Block::Toc | Block::PageBreak => {}
        }
    }
    missing.into_iter().collect()
}

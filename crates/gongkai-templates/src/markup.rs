//! Rendered template text to document blocks, one line at a time.
//!
//! `# `, `## `, `### ` make headings; `- ` list items (consecutive ones form one list);
//! `@table <id>`, `@forms`, `@pagebreak` and `@signature <org>|<date>` are directives;
//! any other non-empty line is a paragraph.

use gongkai_model::document::Block;
use gongkai_model::forms::Form;
use gongkai_model::table::Table;

use crate::TemplateError;

/// Heading ids, numbered through the whole document so they stay stable and unique.
#[derive(Debug, Default)]
pub(crate) struct Ids(usize);

impl Ids {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("h{}", self.0)
    }
}

pub(crate) fn blocks(
    template: &str,
    text: &str,
    tables: &[Table],
    forms: &[Form],
    ids: &mut Ids,
) -> Result<Vec<Block>, TemplateError> {
    let bad = |line: &str, reason: &str| TemplateError::Directive {
        template: template.to_owned(),
        line: line.to_owned(),
        reason: reason.to_owned(),
    };
    let mut out: Vec<Block> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let heading = ["### ", "## ", "# "].iter().enumerate().find_map(|(i, p)| {
            line.strip_prefix(p).map(|t| (u8::try_from(3 - i).unwrap_or(1), t.trim().to_owned()))
        });
        if let Some((level, text)) = heading {
            out.push(Block::Heading { level, text, id: ids.next() });
        } else if let Some(item) = line.strip_prefix("- ") {
            match out.last_mut() {
                Some(Block::List { items }) => items.push(item.trim().to_owned()),
                _ => out.push(Block::List { items: vec![item.trim().to_owned()] }),
            }
        } else if let Some(id) = line.strip_prefix("@table ") {
            let t = tables.iter().find(|t| t.id == id.trim()).ok_or_else(|| bad(line, "没有这张表"))?;
            out.push(Block::Table(t.clone()));
        } else if line == "@forms" {
            for f in forms {
                out.push(Block::Form {
                    title: f.title.clone(),
                    subtitle: f.subtitle.clone(),
                    table: f.table.clone(),
                });
            }
        } else if line == "@pagebreak" {
            out.push(Block::PageBreak);
        } else if let Some(rest) = line.strip_prefix("@signature ") {
            let (org, date) = rest.split_once('|').ok_or_else(|| bad(line, "应写成 @signature 单位|日期"))?;
            out.push(Block::Signature { org: org.trim().to_owned(), date: date.trim().to_owned() });
        } else if line.starts_with('@') {
            return Err(bad(line, "未知指令（可用：@table、@forms、@pagebreak、@signature）"));
        } else {
            out.push(Block::Paragraph { text: line.to_owned() });
        }
    }
    Ok(out)
}

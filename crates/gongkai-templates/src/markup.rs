//! Rendered template text to document blocks, one line at a time.
//!
//! `# `, `## `, `### ` make headings; `- ` list items (consecutive ones form one list);
//! `@table <id>`, `@forms` (or `@forms overall`, `@forms projects`, `@forms programmes`), `@pagebreak` and `@signature <org>|<date>` are directives;
//! any other non-empty line is a paragraph, whose `**…**` at the start is printed bold.
//!
//! The structure comes from the template's own text only: interpolated values arrive as
//! tokens ([`crate::tokens`]) and are put back inside the finished blocks, as plain text.
//! A value's line breaks (a multi-paragraph 主要职能) make separate paragraphs inside a
//! paragraph, and spaces inside a heading or list item.

use gongkai_model::document::Block;
use gongkai_model::forms::Form;
use gongkai_model::table::Table;

use crate::TemplateError;
use crate::tokens::restore;

/// Heading ids, numbered through the whole document so they stay stable and unique.
#[derive(Debug, Default)]
pub(crate) struct Ids(usize);

impl Ids {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("h{}", self.0)
    }
}

/// A value put back on one line: line breaks become spaces.
fn one_line(text: &str, values: &[String]) -> String {
    let restored = restore(text, values);
    let joined: Vec<&str> = restored.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    joined.join(" ")
}

pub(crate) fn blocks(
    template: &str,
    text: &str,
    values: &[String],
    tables: &[Table],
    forms: &[Form],
    ids: &mut Ids,
) -> Result<Vec<Block>, TemplateError> {
    let bad = |line: &str, reason: &str| TemplateError::Directive {
        template: template.to_owned(),
        line: one_line(line, values),
        reason: reason.to_owned(),
    };
    let mut out: Vec<Block> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let heading = ["### ", "## ", "# "]
            .iter()
            .enumerate()
            .find_map(|(i, p)| line.strip_prefix(p).map(|t| (u8::try_from(3 - i).unwrap_or(1), t)));
        if let Some((level, text)) = heading {
            out.push(Block::Heading { level, text: one_line(text, values), id: ids.next() });
        } else if let Some(item) = line.strip_prefix("- ") {
            let item = one_line(item, values);
            match out.last_mut() {
                Some(Block::List { items }) => items.push(item),
                _ => out.push(Block::List { items: vec![item] }),
            }
        } else if let Some(id) = line.strip_prefix("@table ") {
            let id = one_line(id, values);
            let t = tables.iter().find(|t| t.id == id).ok_or_else(|| bad(line, "没有这张表"))?;
            out.push(Block::Table(t.clone()));
        } else if let Some(which) = line.strip_prefix("@forms").filter(|w| w.is_empty() || w.starts_with(' '))
        {
            // `@forms` places every form; `@forms overall` the department's, `@forms projects`
            // the projects', `@forms programmes` the programmes', for a region that prints
            // the kinds apart.
            let keep = match which.trim() {
                "" => None,
                "overall" => Some((true, false)),
                "projects" => Some((false, false)),
                "programmes" => Some((false, true)),
                _ => {
                    return Err(bad(
                        line,
                        "应写成 @forms、@forms overall、@forms projects 或 @forms programmes",
                    ));
                }
            };
            for f in forms.iter().filter(|f| keep.is_none_or(|k| (f.overall, f.programme) == k)) {
                out.push(Block::Form {
                    title: f.title.clone(),
                    subtitle: f.subtitle.clone(),
                    table: f.table.clone(),
                });
            }
        } else if line == "@pagebreak" {
            out.push(Block::PageBreak);
        } else if let Some(rest) = line.strip_prefix("@signature ") {
            // The `|` is the template's own: values cannot contain it as markup.
            let (org, date) = rest.split_once('|').ok_or_else(|| bad(line, "应写成 @signature 单位|日期"))?;
            out.push(Block::Signature { org: one_line(org, values), date: one_line(date, values) });
        } else if line.starts_with('@') {
            return Err(bad(line, "未知指令（可用：@table、@forms、@pagebreak、@signature）"));
        } else {
            // `**term**rest`: the template's own markers (a value cannot carry them, it
            // arrives as a token) make the paragraph's first characters bold.
            let (lead, body) = match line.strip_prefix("**").and_then(|r| r.split_once("**")) {
                Some((term, rest)) => (restore(term, values).trim_start().to_owned(), rest),
                None => (String::new(), line),
            };
            let restored = format!("{lead}{}", restore(body, values));
            let mut strong = lead.chars().count();
            for paragraph in restored.lines().map(str::trim).filter(|p| !p.is_empty()) {
                out.push(Block::Paragraph {
                    text: paragraph.to_owned(),
                    strong: strong.min(paragraph.chars().count()),
                });
                strong = 0;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str, values: &[String]) -> Vec<(String, usize)> {
        let out = blocks("t.hbs", text, values, &[], &[], &mut Ids::default()).unwrap();
        out.into_iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, strong } => Some((text, strong)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_paragraph_starting_with_a_marked_term_prints_the_term_bold() {
        assert_eq!(
            paragraphs("**一、财政拨款：**指财政当年拨付的资金。\n二、其他：没有标记。\n**未闭合", &[]),
            [
                ("一、财政拨款：指财政当年拨付的资金。".to_owned(), 7),
                ("二、其他：没有标记。".to_owned(), 0),
                ("**未闭合".to_owned(), 0),
            ]
        );
    }

    #[test]
    fn a_value_cannot_mark_a_term() {
        // A value arrives as a token: its asterisks are text, never markup.
        let values = ["**伪造：**".to_owned()];
        let line = format!("{}0{}正文", crate::tokens::OPEN, crate::tokens::CLOSE);
        assert_eq!(paragraphs(&line, &values), [("**伪造：**正文".to_owned(), 0)]);
    }
}

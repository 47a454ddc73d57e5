//! The layout-neutral document every backend renders: parts, headings, paragraphs and
//! tables, in print order.
//!
//! The document is serialisable and versioned: it is the contract an out-of-process
//! backend reads (`gongkai render --format json`), so its shape changes only with
//! [`FORMAT_VERSION`].

use serde::{Deserialize, Serialize};

use crate::facts::{Date, Facts};
use crate::table::Table;

/// Version of the serialised document shape.
pub const FORMAT_VERSION: u32 = 2;

/// A complete disclosure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Always `gongkai-document`.
    pub format: String,
    /// [`FORMAT_VERSION`] at the time of writing.
    pub version: u32,
    /// Facts about the document as a whole.
    pub meta: Meta,
    /// The content, in print order.
    pub blocks: Vec<Block>,
}

/// Document-level facts, for metadata and cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// 部门全称 (also the document's author).
    pub org: String,
    /// 预算年度.
    pub year: u16,
    /// 文档标题, `2025年部门预算公开`.
    pub title: String,
    /// 公开日期, also the files' creation date.
    pub published: Date,
    /// The table-set profile used.
    pub profile: String,
    /// Language tag, `zh-CN`.
    pub lang: String,
    /// Heading levels the 目录 lists.
    #[serde(default = "two")]
    pub toc_levels: u8,
}

fn two() -> u8 {
    2
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One block of content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// The cover page.
    Cover {
        /// 部门全称.
        org: String,
        /// 标题.
        title: String,
    },
    /// The table of contents: backends list the headings of levels 1 and 2.
    Toc,
    /// A heading. Level 1 = 部分, level 2 = 节/表, level 3 = 小节.
    Heading {
        /// 1 to 3.
        level: u8,
        /// The text.
        text: String,
        /// A stable anchor id.
        id: String,
    },
    /// A paragraph of body text, first line indented two characters.
    Paragraph {
        /// The text.
        text: String,
        /// How many characters at its start are printed bold: a term a paragraph defines
        /// (名词解释's “一、财政拨款：”), marked `**…**` in the template.
        #[serde(default, skip_serializing_if = "is_zero")]
        strong: usize,
    },
    /// A list whose items carry their own numbering (`1、…`).
    List {
        /// The items.
        items: Vec<String>,
    },
    /// A data table of the profile (表1 …).
    Table(Table),
    /// A form laid out as a table, such as a performance-target table: a title and
    /// subtitle, text cells, merged body cells, no table number.
    Form {
        /// The form's title, `部门整体绩效目标表`.
        title: String,
        /// The line under the title, `（2025年）`.
        subtitle: String,
        /// The grid.
        table: Table,
    },
    /// Starts a new page.
    PageBreak,
    /// The closing signature: organisation and date, right aligned.
    Signature {
        /// 部门全称.
        org: String,
        /// 日期 as printed.
        date: String,
    },
}

impl Date {
    /// The date as Chinese documents print it: `2025年2月14日`.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// The Chinese ordinal for part and section numbers: 一, 二, … 九十九.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

/// An entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// 1 for parts, 2 for sections and tables.
    pub level: u8,
    /// The text, `一、部门收支总体情况表`.
    pub text: String,
    /// The anchor: a heading's or a table's id.
    pub id: String,
}

impl Document {
    /// A document of `blocks` about the department of `facts`, its metadata filled in;
    /// `profile` is the profile's id, `title` the document's title.
    pub fn new(facts: &Facts, profile: &str, title: String, blocks: Vec<Block>) -> Document {
        Document {
            format: "gongkai-document".into(),
            version: FORMAT_VERSION,
            meta: Meta {
                org: facts.org().to_owned(),
                year: facts.dept.year,
                title,
                published: facts.dept.published,
                profile: profile.to_owned(),
                lang: "zh-CN".into(),
                toc_levels: 2,
            },
            blocks,
        }
    }

    /// A profile's pattern with the department's `{year}` and `{org}` filled in.
    pub fn fill(pattern: &str, facts: &Facts) -> String {
        pattern.replace("{year}", &facts.dept.year.to_string()).replace("{org}", facts.org())
    }

    /// The table of contents every backend prints: headings up to the profile's level
    /// (levels 1 and 2 by default), and the profile's tables numbered 一、二、… within
    /// their part.
    pub fn toc(&self) -> Vec<TocEntry> {
        let mut out = Vec::new();
        let mut n = 0;
        for b in &self.blocks {
            match b {
                Block::Heading { level, text, id } if *level <= self.meta.toc_levels.max(1) => {
                    if *level == 1 {
                        n = 0;
                    }
                    out.push(TocEntry { level: *level, text: text.clone(), id: id.clone() })
                }
                Block::Table(t) => {
                    n += 1;
                    out.push(TocEntry {
                        level: 2,
                        text: format!("{}、{}", chinese_number(n), t.title),
                        id: t.id.clone(),
                    });
                }
                _ => {}
            }
        }
        out
    }

    /// All tables, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 12, 20, 21, 99].iter().map(|&n| chinese_number(n)).collect();
        assert_eq!(got, ["一", "九", "十", "十一", "十二", "二十", "二十一", "九十九"]);
    }
}

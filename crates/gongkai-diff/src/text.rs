//! Narrative changes: the document's text split into sentences, the two sequences aligned
//! (a longest-common-subsequence diff over whole sentences), and each changed pair diffed
//! again by tokens so that the figures that changed are marked.
//!
//! A token is a whole number as printed (`2,002.35`, `23.66%`) or a single other
//! character: Chinese has no spaces, and a figure must change as one piece, not digit by
//! digit.

use gongkai_model::document::{Block, Document};
use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// How a sentence changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceKind {
    /// Its words or figures changed.
    Changed,
    /// It is new.
    Added,
    /// It is gone.
    Removed,
}

impl SentenceKind {
    /// The Chinese word for the change.
    pub fn label(self) -> &'static str {
        match self {
            SentenceKind::Changed => "修改",
            SentenceKind::Added => "新增",
            SentenceKind::Removed => "删除",
        }
    }
}

/// A piece of a sentence, changed or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The text.
    pub text: String,
    /// Whether it differs from the other side.
    pub changed: bool,
    /// Whether it is a figure (a number as printed).
    pub figure: bool,
}

/// A sentence with its changed pieces marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marked {
    /// The whole sentence.
    pub text: String,
    /// The sentence in pieces; joined they are [`Marked::text`].
    pub parts: Vec<Part>,
}

/// A figure that changed within a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureChange {
    /// Before, as printed (empty when the figure is new).
    pub old: String,
    /// After, as printed (empty when the figure went).
    pub new: String,
}

/// One sentence of the narrative that changed, appeared or went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceChange {
    /// How.
    pub kind: SentenceKind,
    /// The heading it stands under (in the new document; for a removed sentence, the old).
    pub section: String,
    /// Before.
    pub old: Option<Marked>,
    /// After.
    pub new: Option<Marked>,
    /// The figures that changed, in order.
    pub figures: Vec<FigureChange>,
}

/// A sentence of the document and the heading above it.
struct Sentence {
    text: String,
    section: String,
}

/// The sentences of a document's narrative in reading order: the cover, headings,
/// paragraphs and list items split after 。；！？ (closing quotes and brackets stay with
/// their sentence), the signature. Tables and forms are compared as grids.
fn sentences(document: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut push = |text: &str, section: &str| {
        for s in split(text) {
            out.push(Sentence { text: s, section: section.to_owned() });
        }
    };
    for block in &document.blocks {
        match block {
            Block::Cover { org, title } => {
                push(org, "封面");
                push(title, "封面");
            }
            Block::Heading { text, .. } => {
                section.clone_from(text);
                push(text, text);
            }
            Block::Paragraph { text, .. } => push(text, &section),
            Block::List { items } => items.iter().for_each(|i| push(i, &section)),
            Block::Signature { org, date } => {
                push(org, "落款");
                push(date, "落款");
            }
            Block::Toc | Block::Table(_) | Block::Form { .. } | Block::PageBreak => {}
        }
    }
    out
}

/// Splits a text into sentences after 。；！？ and line breaks.
fn split(text: &str) -> Vec<String> {
    const ENDS: &[char] = &['。', '；', '！', '？', '\n'];
    const CLOSE: &[char] = &['”', '’', '）', '」', '』', '》', ')'];
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if ENDS.contains(&c) {
            while let Some(&next) = chars.peek().filter(|n| CLOSE.contains(n)) {
                current.push(next);
                chars.next();
            }
            let s = current.trim();
            if !s.is_empty() {
                out.push(s.to_owned());
            }
            current.clear();
        }
    }
    let s = current.trim();
    if !s.is_empty() {
        out.push(s.to_owned());
    }
    out
}

/// Every sentence that changed, appeared or went, in reading order.
pub(crate) fn diff(old: &Document, new: &Document) -> Vec<SentenceChange> {
    let (a, b) = (sentences(old), sentences(new));
    let at: Vec<&str> = a.iter().map(|s| s.text.as_str()).collect();
    let bt: Vec<&str> = b.iter().map(|s| s.text.as_str()).collect();
    let mut out = Vec::new();
    let removed = |s: &Sentence| SentenceChange {
        kind: SentenceKind::Removed,
        section: s.section.clone(),
        old: Some(whole(&s.text)),
        new: None,
        figures: figures_of(&s.text)
            .into_iter()
            .map(|f| FigureChange { old: f, new: String::new() })
            .collect(),
    };
    let added = |s: &Sentence| SentenceChange {
        kind: SentenceKind::Added,
        section: s.section.clone(),
        old: None,
        new: Some(whole(&s.text)),
        figures: figures_of(&s.text)
            .into_iter()
            .map(|f| FigureChange { old: String::new(), new: f })
            .collect(),
    };
    for op in capture_diff_slices(Algorithm::Myers, &at, &bt) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_index, old_len, .. } => {
                out.extend(a[old_index..old_index + old_len].iter().map(removed));
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                out.extend(b[new_index..new_index + new_len].iter().map(added));
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                // Sentences replaced in a run pair up in order; the rest appeared or went.
                let pairs = old_len.min(new_len);
                for i in 0..pairs {
                    out.push(changed(&a[old_index + i], &b[new_index + i]));
                }
                out.extend(a[old_index + pairs..old_index + old_len].iter().map(removed));
                out.extend(b[new_index + pairs..new_index + new_len].iter().map(added));
            }
        }
    }
    out
}

/// A token of a sentence: a number as printed, or one other character.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_digit() { number_len(rest) } else { c.len_utf8() };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

/// The length of the number `text` starts with: digits with `,` and `.` between digits,
/// and a trailing `%`.
fn number_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut end = 0;
    while end < bytes.len() {
        let b = bytes[end];
        let inner = (b == b',' || b == b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || inner {
            end += 1;
        } else {
            break;
        }
    }
    if bytes.get(end) == Some(&b'%') {
        end += 1;
    }
    end.max(1)
}

fn is_figure(token: &str) -> bool {
    token.starts_with(|c: char| c.is_ascii_digit())
}

fn figures_of(text: &str) -> Vec<String> {
    tokens(text).into_iter().filter(|t| is_figure(t)).map(str::to_owned).collect()
}

fn whole(text: &str) -> Marked {
    Marked {
        text: text.to_owned(),
        parts: vec![Part { text: text.to_owned(), changed: false, figure: false }],
    }
}

/// Pieces of `tokens`, consecutive tokens of the same kind merged.
fn push_part(parts: &mut Vec<Part>, token: &str, changed: bool) {
    let figure = is_figure(token);
    // Figures stay pieces of their own, so that each can be marked.
    if let Some(last) = parts.last_mut()
        && last.changed == changed
        && !figure
        && !last.figure
    {
        last.text.push_str(token);
        return;
    }
    parts.push(Part { text: token.to_owned(), changed, figure });
}

fn changed(old: &Sentence, new: &Sentence) -> SentenceChange {
    let (a, b) = (tokens(&old.text), tokens(&new.text));
    let (mut pa, mut pb) = (Vec::new(), Vec::new());
    let mut figures = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (o, n, same) = match op {
            DiffOp::Equal { old_index, new_index, len } => {
                (old_index..old_index + len, new_index..new_index + len, true)
            }
            DiffOp::Delete { old_index, old_len, new_index } => {
                (old_index..old_index + old_len, new_index..new_index, false)
            }
            DiffOp::Insert { old_index, new_index, new_len } => {
                (old_index..old_index, new_index..new_index + new_len, false)
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                (old_index..old_index + old_len, new_index..new_index + new_len, false)
            }
        };
        for t in &a[o.clone()] {
            push_part(&mut pa, t, !same);
        }
        for t in &b[n.clone()] {
            push_part(&mut pb, t, !same);
        }
        if !same {
            let fa: Vec<&str> = a[o].iter().copied().filter(|t| is_figure(t)).collect();
            let fb: Vec<&str> = b[n].iter().copied().filter(|t| is_figure(t)).collect();
            for i in 0..fa.len().max(fb.len()) {
                figures.push(FigureChange {
                    old: fa.get(i).map(|s| (*s).to_owned()).unwrap_or_default(),
                    new: fb.get(i).map(|s| (*s).to_owned()).unwrap_or_default(),
                });
            }
        }
    }
    SentenceChange {
        kind: SentenceKind::Changed,
        section: new.section.clone(),
        old: Some(Marked { text: old.text.clone(), parts: pa }),
        new: Some(Marked { text: new.text.clone(), parts: pb }),
        figures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_after_their_closing_quote() {
        assert_eq!(split("甲。乙；“丙。”丁"), ["甲。", "乙；", "“丙。”", "丁"]);
    }

    #[test]
    fn numbers_are_one_token() {
        assert_eq!(tokens("增长2,002.35%，"), ["增", "长", "2,002.35%", "，"]);
        assert_eq!(tokens("1、2。"), ["1", "、", "2", "。"]);
        assert_eq!(tokens("3,"), ["3", ","]);
    }

    #[test]
    fn a_changed_figure_is_marked_as_one_piece() {
        let s = |t: &str| Sentence { text: t.into(), section: String::new() };
        let c = changed(&s("预算398.47万元，占56.88%。"), &s("预算398.57万元，占56.88%。"));
        assert_eq!(c.figures, [FigureChange { old: "398.47".into(), new: "398.57".into() }]);
        let marked: Vec<&str> =
            c.new.as_ref().unwrap().parts.iter().filter(|p| p.changed).map(|p| p.text.as_str()).collect();
        assert_eq!(marked, ["398.57"]);
        let joined: String = c.old.unwrap().parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, "预算398.47万元，占56.88%。");
    }
}

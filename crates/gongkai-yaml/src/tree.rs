//! YAML text to a tree of nodes that keeps every scalar exactly as written, with the
//! position of every node.
//!
//! Built from the parser's events (granit-parser, the parser of serde-saphyr) rather than
//! through serde, because serde stops at the first problem: here a duplicate key, an
//! unknown field or a value of the wrong kind is one finding among all the others, and
//! `120.00` stays `120.00` instead of passing through a binary float.
//!
//! Duplicate keys are errors, never last-wins: the first value is kept and the second
//! reported. Aliases are expanded and merge keys (`<<`) merged within a node budget, so an
//! alias bomb or absurd nesting is refused instead of exhausting memory or the stack.

use std::collections::BTreeMap;

use gongkai_model::diag::{Diagnostic, Path};
use gongkai_model::rules::Rule;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

/// Most nodes a document may expand to, aliases included.
pub(crate) const MAX_NODES: usize = 2_000_000;

/// Deepest nesting accepted.
pub(crate) const MAX_DEPTH: usize = 64;

/// One YAML node and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// Line and column, 1-based. For a mapping entry whose value is a collection, the
    /// entry's key is the better place to point at; see [`Entry::at`].
    pub(crate) at: (usize, usize),
    pub(crate) kind: Kind,
}

/// What a node is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// A mapping: keys in document order, each with the position of its key.
    Map(Vec<Entry>),
    /// A sequence.
    Seq(Vec<Node>),
    /// A scalar as written (after YAML escapes), and whether it was plain (unquoted,
    /// untagged), which decides whether `~` or an empty value means null.
    Scalar {
        /// The text.
        text: String,
        /// Plain style without an explicit `!!str` tag.
        plain: bool,
    },
}

/// A mapping entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) key: String,
    /// Line and column of the key.
    pub(crate) at: (usize, usize),
    pub(crate) value: Node,
}

impl Entry {
    /// Where a finding about this entry's value points: the value itself when it is a
    /// scalar, the key when the value is a collection (`department:` rather than the
    /// line below it).
    pub(crate) fn place(&self) -> (usize, usize) {
        match self.value.kind {
            Kind::Scalar { .. } => self.value.at,
            _ => self.at,
        }
    }
}

impl Node {
    /// Whether the node is YAML's null: a plain `~`, `null` or nothing.
    pub(crate) fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    fn size(&self) -> usize {
        match &self.kind {
            Kind::Map(entries) => 1 + entries.iter().map(|e| e.value.size()).sum::<usize>(),
            Kind::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Kind::Scalar { .. } => 1,
        }
    }

    /// The place of the node at `path`, or of its nearest ancestor that exists.
    pub(crate) fn locate(&self, path: &Path) -> (usize, usize) {
        use gongkai_model::diag::Seg;
        let mut node = self;
        let mut best = self.at;
        for seg in &path.0 {
            let next = match (&node.kind, seg) {
                (Kind::Map(entries), Seg::Key(k)) => {
                    entries.iter().find(|e| &e.key == k).map(|e| (e.place(), &e.value))
                }
                (Kind::Seq(items), Seg::Index(i)) => items.get(*i).map(|n| (n.at, n)),
                _ => None,
            };
            match next {
                Some((at, n)) => {
                    best = at;
                    node = n;
                }
                None => break,
            }
        }
        best
    }
}

/// A parsed document: its root and the problems that did not stop the parse (duplicate
/// keys), each with its own line and column.
pub(crate) struct Document {
    pub(crate) root: Node,
    pub(crate) findings: Vec<(Diagnostic, (usize, usize))>,
}

/// Why a text could not be read as a YAML document at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unreadable {
    /// The parser's own complaint, at a line and column.
    Syntax { info: String, line: usize, column: usize },
    /// Nothing but comments or whitespace.
    Empty,
    /// More than one document.
    MultipleDocuments { line: usize, column: usize },
    /// Too many nodes or too deep.
    Budget { line: usize, column: usize },
    /// An alias to an anchor that does not exist.
    UnknownAlias { line: usize, column: usize },
}

enum Frame {
    Map {
        at: (usize, usize),
        entries: Vec<Entry>,
        /// The keys so far, so that a duplicate is found in log time even in a huge map.
        keys: std::collections::BTreeSet<String>,
        key: Option<(String, (usize, usize))>,
        anchor: usize,
    },
    Seq {
        at: (usize, usize),
        items: Vec<Node>,
        anchor: usize,
    },
}

struct Builder {
    stack: Vec<Frame>,
    /// Anchored nodes and their sizes, so an alias is refused before it is copied.
    anchors: BTreeMap<usize, (Node, usize)>,
    findings: Vec<(Diagnostic, (usize, usize))>,
    nodes: usize,
    root: Option<Node>,
}

impl Builder {
    /// The path of the value the top frame is about to receive, for messages: built only
    /// when a finding needs it.
    fn path_to(&self, key: &str) -> Path {
        use gongkai_model::diag::Seg;
        let mut segs = Vec::with_capacity(self.stack.len() + 1);
        for frame in &self.stack {
            match frame {
                Frame::Map { key: Some((k, _)), .. } => segs.push(Seg::Key(k.clone())),
                Frame::Map { .. } => {}
                Frame::Seq { items, .. } => segs.push(Seg::Index(items.len())),
            }
        }
        segs.push(Seg::Key(key.to_owned()));
        Path(segs)
    }

    /// Hands a finished node to its parent (or makes it the root).
    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            let size = node.size();
            self.anchors.insert(anchor, (node.clone(), size));
        }
        let duplicate = match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                None
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(node);
                None
            }
            Some(Frame::Map { entries, keys, key, .. }) => match key.take() {
                Some((k, pos)) if !keys.insert(k.clone()) => Some((k, pos)),
                Some((k, pos)) => {
                    entries.push(Entry { key: k, at: pos, value: node });
                    None
                }
                None => None,
            },
        };
        if let Some((k, pos)) = duplicate {
            // The finding points at the second key, not at the first; the first is kept.
            let at = self.path_to(&k);
            self.findings.push((
                Diagnostic::new(Rule::DuplicateKey, format!("字段“{k}”在同一层级出现了两次"))
                    .at(at)
                    .hint("删除多余的一项；重复的金额字段会导致金额丢失，因此不予接受"),
                pos,
            ));
        }
    }

    /// A scalar in key position, or `false` when the top frame expects a value.
    fn take_key(&mut self, text: &str, pos: (usize, usize)) -> bool {
        if let Some(Frame::Map { key: key @ None, .. }) = self.stack.last_mut() {
            *key = Some((text.to_owned(), pos));
            return true;
        }
        false
    }

    /// An alias in key position: its scalar becomes the key.
    fn take_key_alias(&mut self, node: &Node, pos: (usize, usize)) -> bool {
        match &node.kind {
            Kind::Scalar { text, .. } => self.take_key(&text.clone(), pos),
            _ => false,
        }
    }
}

/// Applies YAML merge keys (`<<: *base`, `<<: [*a, *b]`): merged entries fill in keys the
/// mapping does not have itself.
fn merge(entries: Vec<Entry>) -> Vec<Entry> {
    if !entries.iter().any(|e| e.key == "<<") {
        return entries;
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(|e| e.key == "<<");
    let mut present: std::collections::BTreeSet<String> = own.iter().map(|e| e.key.clone()).collect();
    for m in merges {
        let sources = match m.value.kind {
            Kind::Map(es) => vec![es],
            Kind::Seq(items) => items
                .into_iter()
                .filter_map(|n| if let Kind::Map(es) = n.kind { Some(es) } else { None })
                .collect(),
            Kind::Scalar { .. } => Vec::new(),
        };
        for source in sources {
            for e in source {
                if present.insert(e.key.clone()) {
                    own.push(e);
                }
            }
        }
    }
    own
}

/// Parses `text` into a tree.
pub(crate) fn parse(text: &str) -> Result<Document, Unreadable> {
    let mut b =
        Builder { stack: Vec::new(), anchors: BTreeMap::new(), findings: Vec::new(), nodes: 0, root: None };
    let mut documents = 0;
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(e) => e,
            Err(e) => {
                let m = e.marker();
                return Err(Unreadable::Syntax { info: e.info(), line: m.line(), column: m.col() + 1 });
            }
        };
        let pos = (span.start.line(), span.start.col() + 1);
        match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 && b.root.is_some() {
                    return Err(Unreadable::MultipleDocuments { line: pos.0, column: pos.1 });
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if b.take_key(&value, pos) {
                    continue;
                }
                b.nodes += 1;
                if b.nodes > MAX_NODES {
                    return Err(Unreadable::Budget { line: pos.0, column: pos.1 });
                }
                let plain = style == ScalarStyle::Plain && tag.is_none();
                b.finish(Node { at: pos, kind: Kind::Scalar { text: value.into_owned(), plain } }, anchor);
            }
            Event::Alias(id) => {
                let Some((_, size)) = b.anchors.get(&id) else {
                    return Err(Unreadable::UnknownAlias { line: pos.0, column: pos.1 });
                };
                b.nodes += size;
                if b.nodes > MAX_NODES {
                    return Err(Unreadable::Budget { line: pos.0, column: pos.1 });
                }
                let mut node = b.anchors[&id].0.clone();
                if b.take_key_alias(&node, pos) {
                    continue;
                }
                // The copy is found where the alias is written.
                node.at = pos;
                b.finish(node, 0);
            }
            Event::MappingStart(_, anchor, _) | Event::SequenceStart(_, anchor, _) => {
                if matches!(b.stack.last(), Some(Frame::Map { key: None, .. })) {
                    // A collection as a mapping key: not something a budget has.
                    return Err(Unreadable::Syntax {
                        info: "mapping keys must be plain text".into(),
                        line: pos.0,
                        column: pos.1,
                    });
                }
                b.nodes += 1;
                if b.nodes > MAX_NODES || b.stack.len() >= MAX_DEPTH {
                    return Err(Unreadable::Budget { line: pos.0, column: pos.1 });
                }
                b.stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Map { at: pos, entries: Vec::new(), keys: Default::default(), key: None, anchor }
                } else {
                    Frame::Seq { at: pos, items: Vec::new(), anchor }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => match b.stack.pop() {
                Some(Frame::Map { at, entries, anchor, .. }) => {
                    b.finish(Node { at, kind: Kind::Map(merge(entries)) }, anchor);
                }
                Some(Frame::Seq { at, items, anchor }) => {
                    b.finish(Node { at, kind: Kind::Seq(items) }, anchor)
                }
                None => {}
            },
            _ => {}
        }
    }
    let root = b.root.take().ok_or(Unreadable::Empty)?;
    Ok(Document { root, findings: b.findings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Kind {
        Kind::Scalar { text: text.into(), plain: true }
    }

    fn entries(node: &Node) -> &[Entry] {
        match &node.kind {
            Kind::Map(e) => e,
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn scalars_keep_their_text() {
        let doc = parse("a: 120.00\nb: '0x10'\nc: ~\nd:\n").unwrap();
        let entries = entries(&doc.root);
        assert_eq!(entries[0].value.kind, scalar("120.00"));
        assert_eq!(entries[1].value.kind, Kind::Scalar { text: "0x10".into(), plain: false });
        assert!(entries[2].value.is_null() && entries[3].value.is_null());
    }

    #[test]
    fn duplicate_keys_keep_the_first_and_are_reported_at_the_second() {
        let doc = parse("a: 1\nb: 2\na: 3\n").unwrap();
        let entries = entries(&doc.root);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].value.kind, scalar("1"));
        assert_eq!(doc.findings.len(), 1);
        assert_eq!(doc.findings[0].1, (3, 1));
    }

    #[test]
    fn aliases_and_merge_keys_expand() {
        let doc = parse("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\nd: *b\n").unwrap();
        let top = entries(&doc.root);
        let keys: Vec<(&str, &Kind)> =
            entries(&top[1].value).iter().map(|e| (e.key.as_str(), &e.value.kind)).collect();
        assert_eq!(keys, vec![("y", &scalar("3")), ("x", &scalar("1"))]);
        assert_eq!(top[2].value.kind, top[0].value.kind);
    }

    #[test]
    fn hostile_documents_are_refused() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (i, prev) in ["a", "b", "c", "d", "e", "f", "g", "h"].iter().enumerate() {
            let name = (b'b' + u8::try_from(i).unwrap()) as char;
            bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(matches!(parse(&bomb), Err(Unreadable::Budget { .. })));
        // The parser has a nesting limit of its own; either refusal will do.
        let deep = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(parse(&deep), Err(Unreadable::Budget { .. } | Unreadable::Syntax { .. })));
        let deep = format!("a: {}1{}\n", "[".repeat(100), "]".repeat(100));
        assert!(matches!(parse(&deep), Err(Unreadable::Budget { .. })));
        assert!(matches!(parse("# nothing\n"), Err(Unreadable::Empty)));
        assert!(matches!(parse("a: 1\n---\nb: 2\n"), Err(Unreadable::MultipleDocuments { .. })));
        assert!(matches!(
            parse("a: *nope\n"),
            Err(Unreadable::UnknownAlias { .. }) | Err(Unreadable::Syntax { .. })
        ));
        assert!(matches!(parse("a: [1, 2\n"), Err(Unreadable::Syntax { .. })));
    }
}

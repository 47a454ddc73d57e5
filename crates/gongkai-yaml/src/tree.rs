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

/// One YAML node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
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

impl Node {
    /// Whether the node is YAML's null: a plain `~`, `null` or nothing.
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    fn size(&self) -> usize {
        match self {
            Node::Map(entries) => 1 + entries.iter().map(|e| e.value.size()).sum::<usize>(),
            Node::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Node::Scalar { .. } => 1,
        }
    }
}

/// A parsed document: its root, where each path is, and the problems that did not stop
/// the parse (duplicate keys), each with its own line and column.
pub(crate) struct Document {
    pub(crate) root: Node,
    pub(crate) positions: BTreeMap<Path, (usize, usize)>,
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
        path: Path,
        entries: Vec<Entry>,
        /// The keys so far, so that a duplicate is found in log time even in a huge map.
        keys: std::collections::BTreeSet<String>,
        key: Option<(String, (usize, usize))>,
        anchor: usize,
    },
    Seq {
        path: Path,
        items: Vec<Node>,
        anchor: usize,
    },
}

impl Frame {
    /// The path of the value this frame expects next.
    fn next_path(&self) -> Option<Path> {
        match self {
            Frame::Map { path, key: Some((k, _)), .. } => Some(path.key(k)),
            Frame::Map { .. } => None,
            Frame::Seq { path, items, .. } => Some(path.index(items.len())),
        }
    }
}

struct Builder {
    stack: Vec<Frame>,
    /// Anchored nodes and their sizes, so an alias is refused before it is copied.
    anchors: BTreeMap<usize, (Node, usize)>,
    positions: BTreeMap<Path, (usize, usize)>,
    findings: Vec<(Diagnostic, (usize, usize))>,
    nodes: usize,
    root: Option<Node>,
}

impl Builder {
    /// The path of the node that starts now; records its position.
    fn place(&mut self, pos: (usize, usize), collection: bool) -> Path {
        let path = match self.stack.last() {
            None => Path::root(),
            Some(frame) => frame.next_path().unwrap_or_default(),
        };
        // A collection keeps the place of its key (`department:` rather than the line
        // below it); a scalar value replaces its key's provisional place.
        if collection {
            self.positions.entry(path.clone()).or_insert(pos);
        } else {
            self.positions.insert(path.clone(), pos);
        }
        path
    }

    /// Hands a finished node to its parent (or makes it the root).
    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            let size = node.size();
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, keys, key, path, .. }) => {
                if let Some((k, pos)) = key.take() {
                    if !keys.insert(k.clone()) {
                        let at = path.key(&k);
                        // The finding points at the second key, not at the first.
                        self.findings.push((
                            Diagnostic::new(Rule::DuplicateKey, format!("字段“{k}”在同一层级出现了两次"))
                                .at(at)
                                .hint("删除多余的一项；重复的金额字段会导致金额丢失，因此不予接受"),
                            pos,
                        ));
                    } else {
                        entries.push(Entry { key: k, at: pos, value: node });
                    }
                }
            }
        }
    }

    /// A scalar in key position, or `None` when the top frame expects a value.
    fn take_key(&mut self, text: &str, pos: (usize, usize)) -> bool {
        if let Some(Frame::Map { key: key @ None, path, .. }) = self.stack.last_mut() {
            let k = text.to_owned();
            // A key with no value still has a place.
            self.positions.insert(path.key(&k), pos);
            *key = Some((k, pos));
            return true;
        }
        false
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
        let sources = match m.value {
            Node::Map(es) => vec![es],
            Node::Seq(items) => items
                .into_iter()
                .filter_map(|n| if let Node::Map(es) = n { Some(es) } else { None })
                .collect(),
            Node::Scalar { .. } => Vec::new(),
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
    let mut b = Builder {
        stack: Vec::new(),
        anchors: BTreeMap::new(),
        positions: BTreeMap::new(),
        findings: Vec::new(),
        nodes: 0,
        root: None,
    };
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
                b.place(pos, false);
                let plain = style == ScalarStyle::Plain && tag.is_none();
                b.finish(Node::Scalar { text: value.into_owned(), plain }, anchor);
            }
            Event::Alias(id) => {
                let Some((_, size)) = b.anchors.get(&id) else {
                    return Err(Unreadable::UnknownAlias { line: pos.0, column: pos.1 });
                };
                b.nodes += size;
                if b.nodes > MAX_NODES {
                    return Err(Unreadable::Budget { line: pos.0, column: pos.1 });
                }
                let node = b.anchors[&id].0.clone();
                if b.take_key_alias(&node, pos) {
                    continue;
                }
                b.place(pos, !matches!(node, Node::Scalar { .. }));
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
                let path = b.place(pos, true);
                b.stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Map { path, entries: Vec::new(), keys: Default::default(), key: None, anchor }
                } else {
                    Frame::Seq { path, items: Vec::new(), anchor }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => match b.stack.pop() {
                Some(Frame::Map { entries, anchor, .. }) => b.finish(Node::Map(merge(entries)), anchor),
                Some(Frame::Seq { items, anchor, .. }) => b.finish(Node::Seq(items), anchor),
                None => {}
            },
            _ => {}
        }
    }
    let root = b.root.take().ok_or(Unreadable::Empty)?;
    Ok(Document { root, positions: b.positions, findings: b.findings })
}

impl Builder {
    /// An alias in key position: its scalar becomes the key.
    fn take_key_alias(&mut self, node: &Node, pos: (usize, usize)) -> bool {
        match node {
            Node::Scalar { text, .. } => self.take_key(&text.clone(), pos),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Node {
        Node::Scalar { text: text.into(), plain: true }
    }

    #[test]
    fn scalars_keep_their_text() {
        let doc = parse("a: 120.00\nb: '0x10'\nc: ~\nd:\n").unwrap();
        let Node::Map(entries) = doc.root else { panic!() };
        assert_eq!(entries[0].value, scalar("120.00"));
        assert_eq!(entries[1].value, Node::Scalar { text: "0x10".into(), plain: false });
        assert!(entries[2].value.is_null() && entries[3].value.is_null());
    }

    #[test]
    fn duplicate_keys_keep_the_first_and_are_reported_at_the_second() {
        let doc = parse("a: 1\nb: 2\na: 3\n").unwrap();
        let Node::Map(entries) = &doc.root else { panic!() };
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].value, scalar("1"));
        assert_eq!(doc.findings.len(), 1);
        assert_eq!(doc.findings[0].1, (3, 1));
    }

    #[test]
    fn aliases_and_merge_keys_expand() {
        let doc = parse("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\nd: *b\n").unwrap();
        let Node::Map(entries) = &doc.root else { panic!() };
        let Node::Map(c) = &entries[1].value else { panic!() };
        let keys: Vec<(&str, &Node)> = c.iter().map(|e| (e.key.as_str(), &e.value)).collect();
        assert_eq!(keys, vec![("y", &scalar("3")), ("x", &scalar("1"))]);
        assert_eq!(entries[2].value, entries[0].value);
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

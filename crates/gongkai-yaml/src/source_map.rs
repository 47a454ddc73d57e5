//! Maps input paths (`lines[3].amount`) to `file:line:column`.
//!
//! Filled in while the text is read into a tree ([`crate::tree`]), so that checks running
//! on the model can point at the YAML node they are about.

use gongkai_model::diag::{Location, Path, SourceMap};
use serde_saphyr::granit_parser::{Event, Parser};

/// Node positions of one YAML text: the tree as read, searched only when a finding needs
/// its place (so reading a large input builds no index of paths).
#[derive(Debug, Clone)]
pub struct YamlSourceMap {
    file: String,
    root: crate::tree::Node,
}

enum Frame {
    Map { path: Path, key: Option<String>, expecting_key: bool },
    Seq { path: Path, next: usize },
}

/// What [`walk`] visits.
enum Node<'a> {
    /// A mapping key, visited at the path of the value it introduces, so that a key with
    /// no value still has a place.
    Key,
    /// A scalar value.
    Scalar(&'a str),
    /// An alias.
    Alias,
    /// The start of a mapping or sequence.
    Collection,
}

/// Walks the nodes of a YAML text in document order. `visit` gets each node's path, its
/// 1-based line and column, and what it is. Returns early when `visit` returns `false`;
/// text that does not parse ends the walk.
fn walk(text: &str, mut visit: impl FnMut(Path, (usize, usize), Node<'_>) -> bool) {
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { return };
        let pos = (span.start.line(), span.start.col() + 1);
        let go_on = match event {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map { key, expecting_key: expecting @ true, .. }) = stack.last_mut() {
                    *key = Some(value.clone().into_owned());
                    *expecting = false;
                    value_path(&stack).is_none_or(|path| visit(path, pos, Node::Key))
                } else {
                    advance(&mut stack).is_none_or(|path| visit(path, pos, Node::Scalar(&value)))
                }
            }
            Event::Alias(_) => advance(&mut stack).is_none_or(|path| visit(path, pos, Node::Alias)),
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let path = if stack.is_empty() { Some(Path::root()) } else { advance(&mut stack) };
                let Some(path) = path else { continue };
                let go_on = visit(path.clone(), pos, Node::Collection);
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Map { path, key: None, expecting_key: true }
                } else {
                    Frame::Seq { path, next: 0 }
                });
                go_on
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                true
            }
            _ => true,
        };
        if !go_on {
            return;
        }
    }
}

impl YamlSourceMap {
    /// A map over the tree the reader built.
    pub(crate) fn from_tree(file: &str, root: crate::tree::Node) -> Self {
        YamlSourceMap { file: file.to_owned(), root }
    }

    /// The 1-based line and column of the node at `path`, or of its nearest ancestor.
    pub fn position(&self, path: &Path) -> (usize, usize) {
        self.root.locate(path)
    }
}

/// `department.name` of a YAML text, read from the parser's events up to that scalar: a
/// batch needs the name of every input long before it needs the rest.
pub(crate) fn department_name(text: &str) -> Option<String> {
    let target = Path::root().key("department").key("name");
    let mut found = None;
    walk(text, |path, _, node| match node {
        Node::Scalar(name) if path == target => {
            found = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
            false
        }
        _ => true,
    });
    found
}

/// The path of the value the top frame expects next, without consuming it.
fn value_path(stack: &[Frame]) -> Option<Path> {
    match stack.last()? {
        Frame::Map { path, key: Some(k), .. } => Some(path.key(k)),
        Frame::Map { .. } => None,
        Frame::Seq { path, next } => Some(path.index(*next)),
    }
}

/// Consumes the value slot of the top frame and returns its path.
fn advance(stack: &mut [Frame]) -> Option<Path> {
    let path = value_path(stack);
    match stack.last_mut()? {
        Frame::Map { expecting_key, .. } => *expecting_key = true,
        Frame::Seq { next, .. } => *next += 1,
    }
    path
}

impl SourceMap for YamlSourceMap {
    fn locate(&self, path: &Path) -> Option<Location> {
        let (line, column) = self.position(path);
        Some(Location::Text { file: self.file.clone(), line, column })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, path: &str, expect: &str) {
        let map = crate::parse(text.as_bytes(), "b.yaml").unwrap().source_map;
        let got = map.locate(&Path::parse(path)).map(|l| l.to_string()).unwrap_or_default();
        assert_eq!(got, expect, "{path}");
    }

    #[test]
    fn finds_values_in_block_and_flow_style() {
        let text = "department:\n  name: 甲\nlines:\n  - func: 2080505\n    amount: 12\n  - {func: 2210201, amount: 8}\n";
        check(text, "department.name", "b.yaml:2:9");
        check(text, "lines[0].amount", "b.yaml:5:13");
        check(text, "lines[1]", "b.yaml:6:5");
        check(text, "lines[1].amount", "b.yaml:6:29");
        check(text, "lines[1].source", "b.yaml:6:5");
        check(text, "last_year.items", "b.yaml:1:1");
    }

    #[test]
    fn finds_the_department_name_early() {
        let text = "department:\n  year: 2025\n  name: \"  某局 \"\nlines: [\n";
        assert_eq!(department_name(text).as_deref(), Some("某局"));
        assert_eq!(department_name("lines: []\n"), None);
    }
}

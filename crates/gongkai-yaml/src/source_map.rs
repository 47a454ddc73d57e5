//! Maps input paths (`lines[3].amount`) to `file:line:column`.
//!
//! Built from the parser's event stream in one pass over the text, after a successful
//! parse, so that checks running on the model can point at the YAML node they are about.

use std::collections::BTreeMap;

use gongkai_model::diag::{Location, Path, SourceMap};
use serde_saphyr::granit_parser::{Event, Parser};

/// Node positions of one YAML text.
#[derive(Debug, Clone, Default)]
pub struct YamlSourceMap {
    file: String,
    nodes: BTreeMap<Path, (usize, usize)>,
}

enum Frame {
    Map { path: Path, key: Option<String>, expecting_key: bool },
    Seq { path: Path, next: usize },
}

impl YamlSourceMap {
    /// Indexes every node of `text`. Text that does not parse yields what was read so far.
    pub fn new(text: &str, file: &str) -> Self {
        let mut nodes = BTreeMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let pos = (span.start.line(), span.start.col() + 1);
            match event {
                Event::Scalar(value, ..) => {
                    if let Some(Frame::Map { key, expecting_key: expecting @ true, .. }) = stack.last_mut() {
                        *key = Some(value.into_owned());
                        *expecting = false;
                        // A key's own position stands in for its value until the value comes.
                        if let Some(path) = value_path(&stack) {
                            nodes.insert(path, pos);
                        }
                        continue;
                    }
                    if let Some(path) = advance(&mut stack) {
                        nodes.insert(path, pos);
                    }
                }
                Event::Alias(_) => {
                    if let Some(path) = advance(&mut stack) {
                        nodes.insert(path, pos);
                    }
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let path = if stack.is_empty() { Some(Path::root()) } else { advance(&mut stack) };
                    let Some(path) = path else { continue };
                    nodes.entry(path.clone()).or_insert(pos);
                    stack.push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map { path, key: None, expecting_key: true }
                    } else {
                        Frame::Seq { path, next: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        YamlSourceMap { file: file.to_owned(), nodes }
    }

    /// The 1-based line and column of the node at `path`, if it exists.
    pub fn position(&self, path: &Path) -> Option<(usize, usize)> {
        self.nodes.get(path).copied()
    }
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
        let mut p = Some(path.clone());
        while let Some(candidate) = p {
            if let Some(&(line, column)) = self.nodes.get(&candidate) {
                return Some(Location::Text { file: self.file.clone(), line, column });
            }
            p = candidate.parent();
        }
        Some(Location::File { file: self.file.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, path: &str, expect: &str) {
        let map = YamlSourceMap::new(text, "b.yaml");
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
}

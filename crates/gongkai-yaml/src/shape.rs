//! The input's structure, from its JSON Schema, and the check of a YAML tree against it.
//!
//! The schema is the one `gongkai schema` prints (generated from the model's input types),
//! so the check can never drift from the types. [`conform`] walks the tree once and
//! reports *every* structural problem — unknown or misspelt fields, missing fields, values
//! of the wrong kind, integers that are not plain decimal — each at its place. It then
//! returns a value of the right shape, with the problems left out or filled with
//! defaults, so that the model's checks can still run and report the rest: fixing four
//! planted errors takes one run, not three. The places it filled in are returned too;
//! findings of later checks about them would only repeat the structural ones.

use std::sync::OnceLock;

use gongkai_model::diag::{Diagnostic, Path, Trail};
use gongkai_model::number;
use gongkai_model::rules::Rule;
use gongkai_model::suggest::closest;
use serde_json::{Map, Value};

use crate::tree::{Kind, Node};

/// What a place of the input holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// A mapping with known fields, or (with `extra`) with keys of the user's choosing.
    Object { fields: Vec<Field>, extra: Option<Box<Shape>> },
    /// A list.
    Array(Box<Shape>),
    /// Text.
    Text,
    /// A number or text kept as written (amounts, codes).
    Scalar,
    /// A whole number within a range.
    Integer { min: i64, max: i64 },
    /// true or false.
    Bool,
    /// One of fixed texts.
    Choice(Vec<String>),
    /// The shape, or nothing.
    Nullable(Box<Shape>),
    /// One of several mappings, told apart by their keys: the first whose fields include
    /// a key of the node, else the first with keys of the user's choosing (`last_year`'s
    /// entries and levels of entries).
    Union(Vec<Shape>),
    /// Anything (a schema this reader does not interpret).
    Any,
}

/// A field of an object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) shape: Shape,
    pub(crate) required: bool,
}

/// The budget's shape, built once per process.
pub(crate) fn budget() -> &'static Shape {
    static SHAPE: OnceLock<Shape> = OnceLock::new();
    SHAPE.get_or_init(|| of_schema(&gongkai_model::input::json_schema()))
}

/// The shape a draft-07 JSON Schema (as schemars writes it) describes.
pub(crate) fn of_schema(schema: &Value) -> Shape {
    let defs = schema.get("definitions").cloned().unwrap_or(Value::Null);
    from_schema(schema, &defs, 0)
}

fn from_schema(schema: &Value, defs: &Value, depth: usize) -> Shape {
    if depth > 32 {
        return Shape::Any;
    }
    let go = |s: &Value| from_schema(s, defs, depth + 1);
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or_default();
        return defs.get(name).map_or(Shape::Any, go);
    }
    if let Some(Value::Array(all)) = schema.get("allOf")
        && all.len() == 1
    {
        return go(&all[0]);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(options)) = schema.get(key) {
            let consts: Vec<String> = options
                .iter()
                .filter_map(|o| o.get("const").and_then(Value::as_str).map(str::to_owned))
                .collect();
            if consts.len() == options.len() && !consts.is_empty() {
                return Shape::Choice(consts);
            }
            let non_null: Vec<&Value> =
                options.iter().filter(|o| o.get("type").and_then(Value::as_str) != Some("null")).collect();
            if non_null.len() == 1 {
                let inner = go(non_null[0]);
                return if non_null.len() < options.len() { Shape::Nullable(Box::new(inner)) } else { inner };
            }
            let shapes: Vec<Shape> = non_null.into_iter().map(go).collect();
            if shapes.iter().all(|s| matches!(s, Shape::Object { .. })) && non_null_all(options) {
                return Shape::Union(shapes);
            }
            return Shape::Any;
        }
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let nullable = types.contains(&"null");
    let types: Vec<&str> = types.into_iter().filter(|t| *t != "null").collect();
    let shape = match types.as_slice() {
        ["string", "number"] | ["number", "string"] => Shape::Scalar,
        ["string"] => match schema.get("enum") {
            Some(Value::Array(vals)) => {
                Shape::Choice(vals.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            }
            _ => Shape::Text,
        },
        ["boolean"] => Shape::Bool,
        ["integer"] => {
            let bound = |k: &str, d: i64| schema.get(k).and_then(Value::as_f64).map_or(d, |v| clamp(v, d));
            Shape::Integer {
                min: bound("minimum", i64::from(i32::MIN)),
                max: bound("maximum", i64::from(u32::MAX)),
            }
        }
        ["array"] => Shape::Array(Box::new(schema.get("items").map_or(Shape::Any, go))),
        ["object"] => {
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let fields = schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|props| {
                    props
                        .iter()
                        .map(|(name, s)| Field {
                            name: name.clone(),
                            shape: go(s),
                            required: required.contains(&name.as_str()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let extra = match schema.get("additionalProperties") {
                Some(Value::Bool(false)) => None,
                Some(s @ Value::Object(_)) => Some(Box::new(go(s))),
                _ => Some(Box::new(Shape::Any)),
            };
            Shape::Object { fields, extra }
        }
        _ => Shape::Any,
    };
    if nullable { Shape::Nullable(Box::new(shape)) } else { shape }
}

/// Whether no option of an `anyOf` is `null`.
fn non_null_all(options: &[Value]) -> bool {
    options.iter().all(|o| o.get("type").and_then(Value::as_str) != Some("null"))
}

/// The option of a union for `node`: the first mapping whose fields include one of the
/// node's keys, else the first with keys of the user's choosing, else the first.
fn pick<'a>(options: &'a [Shape], node: &Node) -> Option<&'a Shape> {
    let keys: Vec<&str> = match &node.kind {
        Kind::Map(entries) => entries.iter().map(|e| e.key.as_str()).collect(),
        _ => Vec::new(),
    };
    // A misspelt field (`amout`) still picks its mapping, so that the finding names the
    // field it was meant to be.
    let has_field = |s: &Shape| match s {
        Shape::Object { fields, .. } => {
            let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            keys.iter().any(|k| names.contains(k) || closest(k, &names).is_some())
        }
        _ => false,
    };
    let open = |s: &Shape| matches!(s, Shape::Object { fields, extra: Some(_) } if fields.is_empty());
    options.iter().find(|s| has_field(s)).or_else(|| options.iter().find(|s| open(s))).or(options.first())
}

/// A schema bound as an integer; schemars writes them as JSON numbers.
#[allow(clippy::float_arithmetic, clippy::cast_possible_truncation)] // Integral schema bounds, not money.
fn clamp(v: f64, default: i64) -> i64 {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 { v as i64 } else { default }
}

/// The value a missing field of `shape` gets.
fn default_of(shape: &Shape) -> Value {
    match shape {
        Shape::Object { fields, .. } => Value::Object(
            fields.iter().filter(|f| f.required).map(|f| (f.name.clone(), default_of(&f.shape))).collect(),
        ),
        Shape::Array(_) => Value::Array(Vec::new()),
        Shape::Text | Shape::Scalar | Shape::Any => Value::String(String::new()),
        Shape::Integer { min, max } => Value::from(0.clamp(*min, *max)),
        Shape::Bool => Value::Bool(false),
        Shape::Choice(options) => options.first().map_or(Value::Null, |o| Value::String(o.clone())),
        Shape::Nullable(_) => Value::Null,
        Shape::Union(options) => options.first().map_or(Value::Null, default_of),
    }
}

/// What kind of thing a shape wants, in the words of a message.
fn wanted(shape: &Shape) -> &'static str {
    match shape {
        Shape::Object { .. } => "字段集合（映射）",
        Shape::Array(_) => "列表",
        Shape::Text | Shape::Choice(_) => "文字",
        Shape::Scalar => "数字或文字",
        Shape::Integer { .. } => "整数",
        Shape::Bool => "是/否（true/false）",
        Shape::Nullable(inner) => wanted(inner),
        Shape::Union(options) => options.first().map_or("值", wanted),
        Shape::Any => "值",
    }
}

fn found(node: &Node) -> &'static str {
    match &node.kind {
        Kind::Map(_) => "字段集合（映射）",
        Kind::Seq(_) => "列表",
        _ if node.is_null() => "空值",
        Kind::Scalar { .. } => "文字或数字",
    }
}

/// The outcome of [`conform`].
pub(crate) struct Conformed {
    pub(crate) value: Value,
    pub(crate) findings: Vec<Diagnostic>,
    pub(crate) repaired: Vec<Path>,
}

/// Checks `node` against `shape`, returning a value of that shape and every finding.
///
/// `file` names the input in the locations of findings about keys (an unknown field is
/// shown at its key, not at its value).
pub(crate) fn conform(node: &Node, shape: &Shape, file: &str) -> Conformed {
    let mut c = Conformer { file, findings: Vec::new(), repaired: Vec::new() };
    let value = c.value(node, shape, &Trail::Root);
    Conformed { value, findings: c.findings, repaired: c.repaired }
}

struct Conformer<'a> {
    file: &'a str,
    findings: Vec<Diagnostic>,
    repaired: Vec<Path>,
}

impl Conformer<'_> {
    /// A value replaced by its shape's default: the finding at its place, which is also
    /// recorded as repaired.
    fn repair(&mut self, finding: Diagnostic, path: &Trail<'_>, shape: &Shape) -> Value {
        let path = path.path();
        self.findings.push(finding.at(path.clone()));
        self.repaired.push(path);
        default_of(shape)
    }

    fn wrong(&mut self, node: &Node, shape: &Shape, path: &Trail<'_>) -> Value {
        let finding = Diagnostic::new(
            Rule::WrongType,
            format!("取值类型不对：此处应为{}，实际为{}", wanted(shape), found(node)),
        );
        self.repair(finding, path, shape)
    }

    fn value(&mut self, node: &Node, shape: &Shape, path: &Trail<'_>) -> Value {
        match shape {
            Shape::Any => any(node),
            Shape::Union(options) => match pick(options, node) {
                Some(shape) => self.value(node, shape, path),
                None => any(node),
            },
            Shape::Nullable(inner) => {
                if node.is_null() {
                    Value::Null
                } else {
                    self.value(node, inner, path)
                }
            }
            Shape::Object { fields, extra } => match &node.kind {
                Kind::Map(entries) => self.object(entries, fields, extra.as_deref(), path),
                // `assets:` with nothing under it is an empty section.
                _ if node.is_null() => self.object(&[], fields, extra.as_deref(), path),
                _ => self.wrong(node, shape, path),
            },
            Shape::Array(item) => match &node.kind {
                Kind::Seq(items) => Value::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, n)| self.value(n, item, &Trail::Index(path, i)))
                        .collect(),
                ),
                _ if node.is_null() => Value::Array(Vec::new()),
                _ => self.wrong(node, shape, path),
            },
            Shape::Text | Shape::Scalar => match &node.kind {
                _ if node.is_null() => Value::String(String::new()),
                Kind::Scalar { text, .. } => Value::String(text.clone()),
                _ => self.wrong(node, shape, path),
            },
            Shape::Choice(options) => match &node.kind {
                Kind::Scalar { text, .. } if options.iter().any(|o| o == text.trim()) => {
                    Value::String(text.trim().to_owned())
                }
                Kind::Scalar { text, .. } => {
                    let finding =
                        Diagnostic::new(Rule::BadValue, format!("取值“{}”不在允许范围内", text.trim()))
                            .hint(format!("可选：{}", options.join("、")));
                    self.repair(finding, path, shape)
                }
                _ => self.wrong(node, shape, path),
            },
            Shape::Bool => match &node.kind {
                Kind::Scalar { text, .. } if matches!(text.trim(), "true" | "True" | "TRUE") => {
                    Value::Bool(true)
                }
                Kind::Scalar { text, .. } if matches!(text.trim(), "false" | "False" | "FALSE") => {
                    Value::Bool(false)
                }
                _ => self.wrong(node, shape, path),
            },
            Shape::Integer { min, max } => match &node.kind {
                Kind::Scalar { text, .. } if !node.is_null() => match number::read_count(text, *min, *max) {
                    Ok(read) => {
                        if read.full_width {
                            self.findings.push(
                                Diagnostic::new(
                                    Rule::FullWidthNumber,
                                    format!("“{}”按 {} 读取", text.trim(), read.value),
                                )
                                .at(path.path()),
                            );
                        }
                        Value::from(read.value)
                    }
                    Err(e) => {
                        let rule = match e {
                            number::CountError::OutOfRange { .. } => Rule::OutOfRange,
                            _ => Rule::WrongType,
                        };
                        let finding = Diagnostic::new(rule, format!("取值无法识别：{e}"))
                            .hint("只写十进制整数，如 12；不要写小数、单位或 0x 等进制前缀");
                        self.repair(finding, path, shape)
                    }
                },
                _ => self.wrong(node, shape, path),
            },
        }
    }

    fn object(
        &mut self,
        entries: &[crate::tree::Entry],
        fields: &[Field],
        extra: Option<&Shape>,
        path: &Trail<'_>,
    ) -> Value {
        let mut out = Map::new();
        for e in entries {
            let at = Trail::Key(path, &e.key);
            if let Some(f) = fields.iter().find(|f| f.name == e.key) {
                out.insert(e.key.clone(), self.value(&e.value, &f.shape, &at));
            } else if let Some(shape) = extra {
                out.insert(e.key.clone(), self.value(&e.value, shape, &at));
            } else {
                let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                let d = Diagnostic::new(Rule::UnknownField, format!("未知字段“{}”", e.key))
                    .at(at.path())
                    .located(gongkai_model::diag::Location::Text {
                        file: self.file.to_owned(),
                        line: e.at.0,
                        column: e.at.1,
                    });
                let d = match closest(&e.key, &names) {
                    Some(best) => d.hint(format!("是否应为“{best}”？此处可用的字段：{}", names.join("、"))),
                    None => d.hint(format!("此处可用的字段：{}", names.join("、"))),
                };
                self.findings.push(d);
            }
        }
        let missing: Vec<&Field> =
            fields.iter().filter(|f| f.required && !out.contains_key(&f.name)).collect();
        for f in missing {
            self.findings.push(
                Diagnostic::new(Rule::MissingField, format!("缺少必填字段“{}”", f.name)).at(path.path()),
            );
            self.repaired.push(Trail::Key(path, &f.name).path());
            out.insert(f.name.clone(), default_of(&f.shape));
        }
        Value::Object(out)
    }
}

/// A node as a JSON value, scalars as text.
fn any(node: &Node) -> Value {
    match &node.kind {
        Kind::Map(entries) => Value::Object(entries.iter().map(|e| (e.key.clone(), any(&e.value))).collect()),
        Kind::Seq(items) => Value::Array(items.iter().map(any).collect()),
        _ if node.is_null() => Value::Null,
        Kind::Scalar { text, .. } => Value::String(text.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree;

    fn run(text: &str) -> Conformed {
        conform(&tree::parse(text).unwrap().root, budget(), "t.yaml")
    }

    #[test]
    fn the_budget_shape_knows_the_input() {
        let Shape::Object { fields, extra } = budget() else { panic!("{:?}", budget()) };
        assert!(extra.is_none());
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        assert!(names.contains(&"lines") && names.contains(&"department"), "{names:?}");
        assert!(fields.iter().any(|f| f.name == "lines" && f.required));
    }

    #[test]
    fn every_structural_problem_is_reported_at_once() {
        let c = run(
            "department:\n  name: 甲\n  year: 0x7E9\n  nmae: 乙\nlines:\n  - {func: 1, econ: 2, kind: 基本, source: 一般公共预算, amout: 3}\n  - 5\n",
        );
        let got: Vec<String> =
            c.findings.iter().map(|d| format!("{} {}", d.rule, d.path.as_ref().unwrap())).collect();
        for want in [
            "E103 department.year",
            "E101 department.nmae",
            "E104 department",
            "E101 lines[0].amout",
            "E104 lines[0]",
            "E103 lines[1]",
        ] {
            assert!(got.iter().any(|g| g == want), "missing {want} in {got:?}");
        }
        assert!(c.repaired.iter().any(|p| p.to_string() == "lines[0].amount"), "{:?}", c.repaired);
        let budget: gongkai_model::input::Budget = serde_json::from_value(c.value).unwrap();
        assert_eq!(budget.lines.len(), 2);
    }

    #[test]
    fn last_year_entries_are_checked_in_either_form() {
        let c = run(
            "department: {name: a, year: 2025, published: x, kind: y, functions: z, staffing: {establishment: 1, in_service: {count: 1, change: 0}}}\nlines: []\nlast_year:\n  income:\n    general: {amount: 1, reason: r}\n    fund: {amout: 2}\n  running_costs: {amount: [3]}\n  three_public.abroad: {amount: 4, reason: s}\n",
        );
        let found: Vec<String> = c.findings.iter().map(|d| format!("{} {}", d.rule, d.message)).collect();
        assert!(found.iter().any(|f| f.starts_with("E101") && f.contains("amout")), "{found:#?}");
        assert!(found.iter().any(|f| f.starts_with("E103")), "{found:#?}");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(c.value["last_year"]["three_public.abroad"]["amount"], "4");
        assert_eq!(c.value["last_year"]["income"]["general"]["reason"], "r");
    }
}

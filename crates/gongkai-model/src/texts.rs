//! The user's texts: every string of an input, with its place, and the checks that apply
//! to text as such (characters, lengths, glyphs).
//!
//! The walk goes through `serde::Serialize`, so it visits every string field of
//! [`Budget`] by construction: a field added to the input can never escape the checks.
//!
//! - Control characters are errors at their place (a newline only where a text may run
//!   over several lines); they would otherwise reach tables and terminals raw.
//! - Invisible format characters (zero-width space, word joiner, BOM, ZWJ …) are dropped,
//!   with an info: pasted from web pages, they split words for search and break matching
//!   of project names.
//! - A text longer than an Excel cell holds ([`MAX_TEXT_CHARS`]) is an error.
//! - [`check_glyphs`] reports characters the PDF fonts cannot draw, so that validate and
//!   render agree.

use serde::Serialize;
use serde::ser;

use crate::diag::{Diagnostic, Path, Seg};
use crate::input::Budget;
use crate::rules::Rule;

/// Longest text accepted, in characters: what an Excel cell holds.
pub const MAX_TEXT_CHARS: usize = 32_767;

/// Fields whose text may run over several lines (paragraphs of the narrative, reasons,
/// indicator texts). Everywhere else a line break is a control character out of place.
pub const MULTILINE_FIELDS: &[&str] = &[
    "functions",
    "other_matters",
    "basis",
    "allocation",
    "period",
    "purpose",
    "goal",
    "reason",
    "value",
    "scoring",
    "evidence",
    "last_value",
];

/// Fields that are identifiers or parsed values, never printed as typed: the glyph check
/// skips them (their own checks report anything wrong with them).
const NOT_PRINTED: &[&str] = &["unit", "id", "func", "econ", "code", "amount", "weight", "source", "kind"];

/// Invisible format characters that are dropped from texts.
pub fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{200B}' // zero-width space
            | '\u{200C}' // zero-width non-joiner
            | '\u{200D}' // zero-width joiner
            | '\u{2060}' // word joiner
            | '\u{FEFF}' // byte order mark, zero-width no-break space
            | '\u{00AD}' // soft hyphen
            | '\u{200E}' // left-to-right mark
            | '\u{200F}' // right-to-left mark
            | '\u{202A}'..='\u{202E}' // bidirectional embeddings and overrides
            | '\u{2066}'..='\u{2069}' // bidirectional isolates
    )
}

/// A character as it may be shown in a message: control and invisible characters by
/// their code point, never raw.
pub fn shown(ch: char) -> String {
    if ch.is_control() || is_invisible(ch) {
        format!("U+{:04X}", u32::from(ch))
    } else {
        format!("“{ch}”")
    }
}

/// Visits every string of `budget` (field values and map keys) with its place
/// ([`Place::path`] when a finding needs it) and the name of the field it belongs to.
pub fn walk(budget: &Budget, visit: &mut dyn FnMut(Place<'_>, &str, &str)) {
    let mut walker = Walker { path: Vec::new(), visit };
    // The walker's serializer never fails: every method returns Ok.
    let _ = budget.serialize(&mut walker);
}

/// One step of the walk's place. Struct fields are the steps of almost every text and
/// their names are static: a [`Seg`] would own a copy of the name for every field of
/// every line, though only a finding needs the path.
enum Step {
    Field(&'static str),
    Key(String),
    Index(usize),
}

/// Where a walked text is.
#[derive(Clone, Copy)]
pub struct Place<'w>(&'w [Step]);

impl Place<'_> {
    /// The place as an input path (`lines[3].project`).
    pub fn path(&self) -> Path {
        Path(
            self.0
                .iter()
                .map(|s| match s {
                    Step::Field(k) => Seg::Key((*k).to_owned()),
                    Step::Key(k) => Seg::Key(k.clone()),
                    Step::Index(i) => Seg::Index(*i),
                })
                .collect(),
        )
    }
}

/// The field a path ends in: its last key (`lines[3].project` → `project`).
fn field_of(path: &[Step]) -> &str {
    path.iter()
        .rev()
        .find_map(|s| match s {
            Step::Field(k) => Some(*k),
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .unwrap_or("")
}

/// Checks the characters and lengths of every text; returns the findings and, when
/// invisible characters or CR LF line ends had to be removed, the cleaned budget.
pub fn check(budget: &Budget) -> (Option<Budget>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut dirty = false;
    walk(budget, &mut |place, text, field| {
        let path = || place.path();
        let multiline = MULTILINE_FIELDS.contains(&field);
        if text.chars().count() > MAX_TEXT_CHARS {
            diags.push(
                Diagnostic::new(
                    Rule::TextTooLong,
                    format!("文字长 {} 字，超过单元格可容纳的 {MAX_TEXT_CHARS} 字", text.chars().count()),
                )
                .at(path())
                .hint("请精简或分段填写"),
            );
        }
        let mut invisible = Vec::new();
        let mut reported = false;
        let mut chars = text.chars().enumerate().peekable();
        while let Some((i, ch)) = chars.next() {
            if is_invisible(ch) {
                invisible.push(ch);
            } else if ch == '\r' && multiline && chars.peek().is_some_and(|(_, next)| *next == '\n') {
                dirty = true;
            } else if ch.is_control() && !(ch == '\n' && multiline) && !reported {
                reported = true;
                let what = match ch {
                    '\n' | '\r' => "换行符".to_owned(),
                    '\t' => "制表符".to_owned(),
                    _ => format!("控制字符 {}", shown(ch)),
                };
                diags.push(
                    Diagnostic::new(Rule::ControlCharacter, format!("文字中有{what}（第 {} 个字符）", i + 1))
                        .at(path())
                        .hint(if ch == '\n' {
                            "此项只能写一行"
                        } else {
                            "请删除该字符（常见于从网页或其他软件粘贴）"
                        }),
                );
            }
        }
        if !invisible.is_empty() {
            dirty = true;
            invisible.dedup();
            let names: Vec<String> = invisible.iter().map(|c| shown(*c)).collect();
            diags.push(
                Diagnostic::new(Rule::InvisibleCharacter, format!("已删除不可见字符 {}", names.join("、")))
                    .at(path()),
            );
        }
    });
    let cleaned = dirty.then(|| clean(budget)).flatten();
    (cleaned, diags)
}

/// The budget with invisible characters dropped and CR LF made LF in every text.
fn clean(budget: &Budget) -> Option<Budget> {
    fn fix(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => {
                *s = s.replace("\r\n", "\n").chars().filter(|c| !is_invisible(*c)).collect();
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(fix),
            serde_json::Value::Object(map) => {
                let entries = std::mem::take(map);
                for (k, mut v) in entries {
                    fix(&mut v);
                    map.insert(k.chars().filter(|c| !is_invisible(*c)).collect(), v);
                }
            }
            _ => {}
        }
    }
    let mut value = serde_json::to_value(budget).ok()?;
    fix(&mut value);
    serde_json::from_value(value).ok()
}

/// Reports every character of a printed text that `covers` says no PDF font can draw,
/// once per text and character, at the text's place.
pub fn check_glyphs(budget: &Budget, covers: &dyn Fn(char) -> bool) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    walk(budget, &mut |place, text, field| {
        let path = || place.path();
        if NOT_PRINTED.contains(&field) {
            return;
        }
        let mut missing: Vec<char> =
            text.chars().filter(|c| !c.is_control() && !is_invisible(*c) && !covers(*c)).collect();
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            let list: Vec<String> =
                missing.iter().map(|c| format!("“{c}”（U+{:04X}）", u32::from(*c))).collect();
            diags.push(
                Diagnostic::new(Rule::MissingGlyph, format!("PDF 字体无法显示 {}", list.join("、")))
                    .at(path())
                    .hint("可用 --pdf-font-fallback 指定包含这些字的字体，或改用常用字"),
            );
        }
    });
    diags
}

/// A serializer that only tracks where it is and hands strings to `visit`.
struct Walker<'a> {
    path: Vec<Step>,
    visit: &'a mut dyn FnMut(Place<'_>, &str, &str),
}

impl Walker<'_> {
    fn text(&mut self, text: &str) {
        let Walker { path, visit } = self;
        visit(Place(path), text, field_of(path));
    }
}

/// The walker never fails; serde still wants an error type.
#[derive(Debug)]
struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unreachable")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

macro_rules! ignore {
    ($($name:ident($ty:ty)),*) => {
        $(fn $name(self, _: $ty) -> Result<(), Never> { Ok(()) })*
    };
}

impl<'a, 'b> ser::Serializer for &'a mut Walker<'b> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Seq<'a, 'b>;
    type SerializeTuple = Seq<'a, 'b>;
    type SerializeTupleStruct = Seq<'a, 'b>;
    type SerializeTupleVariant = Seq<'a, 'b>;
    type SerializeMap = Map<'a, 'b>;
    type SerializeStruct = &'a mut Walker<'b>;
    type SerializeStructVariant = &'a mut Walker<'b>;

    ignore!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8])
    );

    fn serialize_char(self, v: char) -> Result<(), Never> {
        self.text(&v.to_string());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.text(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a, 'b>, Never> {
        Ok(Seq { walker: self, next: 0 })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a, 'b>, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a, 'b>, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'b>, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'a, 'b>, Never> {
        Ok(Map { walker: self, key: None })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        Ok(self)
    }
}

/// A list being walked: elements get their index.
struct Seq<'a, 'b> {
    walker: &'a mut Walker<'b>,
    next: usize,
}

impl Seq<'_, '_> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
        self.walker.path.push(Step::Index(self.next));
        self.next += 1;
        let result = value.serialize(&mut *self.walker);
        self.walker.path.pop();
        result
    }
}

macro_rules! seq_impl {
    ($($trait:ident :: $method:ident),*) => {
        $(impl ser::$trait for Seq<'_, '_> {
            type Ok = ();
            type Error = Never;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
                self.element(value)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        })*
    };
}

seq_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A map being walked: keys are texts too (a map key's place is its value's path), and
/// values get the key as their path step.
struct Map<'a, 'b> {
    walker: &'a mut Walker<'b>,
    key: Option<String>,
}

impl ser::SerializeMap for Map<'_, '_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Never> {
        let key = serde_json::to_value(key).ok().and_then(|v| v.as_str().map(str::to_owned));
        if let Some(k) = &key {
            self.walker.path.push(Step::Key(k.clone()));
            self.walker.text(k);
            self.walker.path.pop();
        }
        self.key = key;
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
        self.walker.path.push(Step::Key(self.key.take().unwrap_or_default()));
        let result = value.serialize(&mut *self.walker);
        self.walker.path.pop();
        result
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Walker<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Never> {
        self.path.push(Step::Field(key));
        let result = value.serialize(&mut **self);
        self.path.pop();
        result
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Walker<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Never> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{LineInput, Scalar};

    fn budget() -> Budget {
        let mut b = Budget::default();
        b.department.name = "测试局".into();
        b.department.functions = "第一段。\n第二段。".into();
        b.lines.push(LineInput {
            func: Scalar::from("2080505"),
            econ: Scalar::from("30108"),
            kind: "基本".into(),
            source: "一般公共预算".into(),
            amount: Scalar::from("100"),
            ..LineInput::default()
        });
        b.code_names.insert("2080598".into(), "试点".into());
        b
    }

    #[test]
    fn the_walk_visits_every_string_with_its_place() {
        let mut seen = Vec::new();
        walk(&budget(), &mut |place, text, field| seen.push(format!("{}={text} ({field})", place.path())));
        assert!(seen.contains(&"department.name=测试局 (name)".to_owned()), "{seen:?}");
        assert!(seen.contains(&"lines[0].amount=100 (amount)".to_owned()), "{seen:?}");
        assert!(seen.contains(&"code_names.2080598=2080598 (2080598)".to_owned()), "{seen:?}");
        assert!(seen.contains(&"code_names.2080598=试点 (2080598)".to_owned()), "{seen:?}");
    }

    #[test]
    fn control_characters_are_errors_and_invisible_ones_are_dropped() {
        let mut b = budget();
        b.department.name = "测试\u{200B}局\u{7}".into();
        b.lines[0].project = Some("甲\n乙".into());
        b.department.functions = "第一段。\r\n第二段。".into();
        let (cleaned, diags) = check(&b);
        let rules: Vec<(String, String)> =
            diags.iter().map(|d| (d.rule.clone(), d.path.as_ref().unwrap().to_string())).collect();
        assert!(rules.contains(&("E417".into(), "department.name".into())), "{rules:?}");
        assert!(rules.contains(&("I418".into(), "department.name".into())), "{rules:?}");
        assert!(rules.contains(&("E417".into(), "lines[0].project".into())), "{rules:?}");
        assert_eq!(rules.len(), 3, "{rules:?}");
        let cleaned = cleaned.unwrap();
        assert_eq!(cleaned.department.name, "测试局\u{7}");
        assert_eq!(cleaned.department.functions, "第一段。\n第二段。");
        assert!(diags.iter().all(|d| !d.message.contains('\u{7}') && !d.message.contains('\u{200B}')));
    }

    #[test]
    fn long_texts_are_errors() {
        let mut b = budget();
        b.department.functions = "字".repeat(MAX_TEXT_CHARS + 1);
        let (_, diags) = check(&b);
        assert!(diags.iter().any(|d| d.rule == "E107"));
        let (cleaned, diags) = check(&budget());
        assert!(cleaned.is_none() && diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn glyphs_the_fonts_lack_are_named() {
        let mut b = budget();
        b.department.name = "测试𠀀局".into();
        let diags = check_glyphs(&b, &|c| u32::from(c) < 0x20000);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].path.as_ref().unwrap().to_string(), "department.name");
        assert!(diags[0].message.contains("U+20000"));
    }
}

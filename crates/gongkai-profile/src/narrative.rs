//! narrative.yaml: the figures the 情况说明 states, resolved into the engine's
//! [`NarrativeSpec`] with every reference checked (filters, tables and cells, earlier
//! figures, comparison keys).

use std::collections::{BTreeMap, BTreeSet};

use gongkai_model::diag::Path;
use gongkai_model::facts::{ITEMS, OrgKind};
use gongkai_model::figures::BASE_NAMES;
use gongkai_model::money::MoneyUnit;
use gongkai_model::profile::{
    ByOrgKindFigure, ComparedFigure, CountFigure, Dim, Figure, Filter, GroupFigure, Keep, Label, ListEntry,
    ListFigure, NamedFigure, NamesFigure, NarrativeSpec, Reasons, TableSpec, TextList, TextNumbers,
    TextsFigure, Uses,
};
use gongkai_model::rules::Rule;
use gongkai_model::source::Source;

use crate::file::{FigureFile, FilterFile, NarrativeFile};
use crate::resolve::{DIMS, Findings, cell, dim, filter};

/// The file's name in a bundle.
pub(crate) const NARRATIVE: &str = "narrative.yaml";

/// The keys of the input's `last_year` that are not comparison keys.
const RESERVED_KEYS: &[&str] = &["input"];

/// What a figure evaluates to, for the checks of references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gives {
    /// An amount (a share may be taken of it).
    Amount,
    /// A word (a label may be taken from it).
    Word,
    /// Anything else.
    Other,
}

struct Resolver<'a> {
    tables: &'a [TableSpec],
    groups: &'a BTreeMap<String, Vec<Source>>,
    out: &'a mut Findings,
    /// Figures so far, by name.
    known: BTreeMap<String, Gives>,
    /// Comparison keys so far, with the figure that declares them.
    keys: BTreeMap<String, String>,
    /// Group comparison prefixes so far.
    prefixes: BTreeMap<String, String>,
}

/// Resolves narrative.yaml.
pub(crate) fn resolve(
    file: &NarrativeFile,
    tables: &[TableSpec],
    groups: &BTreeMap<String, Vec<Source>>,
    out: &mut Findings,
) -> NarrativeSpec {
    let numbers = numbers(file, out);
    let mut r = Resolver {
        tables,
        groups,
        out,
        known: BTreeMap::new(),
        keys: BTreeMap::new(),
        prefixes: BTreeMap::new(),
    };
    let mut figures = Vec::new();
    for (i, f) in file.figures.iter().enumerate() {
        let path = Path::root().key("figures").index(i);
        if let Some((figure, gives)) = r.figure(f, &path) {
            r.name(&f.name, &path, gives);
            figures.push(NamedFigure { name: f.name.trim().to_owned(), figure });
        }
    }
    r.key_conflicts();
    NarrativeSpec { figures, numbers }
}

fn numbers(file: &NarrativeFile, out: &mut Findings) -> TextNumbers {
    let n = &file.numbers;
    let base = TextNumbers::default();
    let path = Path::root().key("numbers");
    let unit = match n.unit.as_deref().map(str::trim) {
        None => base.unit,
        Some("万元") => MoneyUnit::Wan,
        Some("元") => MoneyUnit::Yuan,
        Some(other) => {
            out.push(NARRATIVE, Rule::ProfileBadValue, path.key("unit"), format!("金额单位“{other}”无效"))
                .hint = Some("可选：万元、元".into());
            base.unit
        }
    };
    let mut places = |key: &str, value: Option<u32>, default: u32| {
        let v = value.unwrap_or(default);
        if v > 6 {
            out.push(
                NARRATIVE,
                Rule::ProfileBadValue,
                path.key(key),
                format!("小数位数 {v} 太多（最多 6 位）"),
            );
        }
        v.min(6)
    };
    TextNumbers {
        unit,
        decimals: places("decimals", n.decimals, base.decimals),
        percent_decimals: places("percent_decimals", n.percent_decimals, base.percent_decimals),
        separators: n.separators.unwrap_or(base.separators),
        trim: n.trim.unwrap_or(base.trim),
    }
}

/// Whether `name` can be a template variable: ASCII letters, digits and `_`, not first a
/// digit.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `key` can be a comparison key: identifiers (or codes) joined by dots.
fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

impl Resolver<'_> {
    fn push(
        &mut self,
        rule: Rule,
        path: Path,
        message: impl Into<String>,
    ) -> &mut gongkai_model::diag::Diagnostic {
        self.out.push(NARRATIVE, rule, path, message)
    }

    fn name(&mut self, name: &str, path: &Path, gives: Gives) {
        let name = name.trim();
        if !is_identifier(name) {
            self.push(Rule::ProfileBadValue, path.key("name"), format!("数字名称“{name}”无效")).hint =
                Some("只用字母、数字和下划线，且不以数字开头，如 general_total".into());
        } else if BASE_NAMES.contains(&name) {
            self.push(
                Rule::ProfileDuplicateId,
                path.key("name"),
                format!("数字名称“{name}”已被输入的基本信息使用"),
            )
            .hint = Some(format!("这些名称留给输入的基本信息：{}", BASE_NAMES.join("、")));
        } else if self.known.insert(name.to_owned(), gives).is_some() {
            self.push(Rule::ProfileDuplicateId, path.key("name"), format!("数字名称“{name}”重复"));
        }
    }

    fn filter(&mut self, f: &FilterFile, path: &Path) -> Filter {
        let resolved = filter(f, NARRATIVE, path, self.groups, self.out);
        if resolved.last_year.is_some() {
            self.push(
                Rule::ProfileConflict,
                path.key("last_year"),
                "情况说明的数字不写 last_year：与上年的比较由 compare 给出",
            );
        }
        resolved
    }

    fn dim(&mut self, text: &str, path: Path) -> Dim {
        // A project's parents are rows of a table (a level per step), not one group each.
        match dim(text).filter(|d| *d != Dim::ProjectParent) {
            Some(d) => d,
            None => {
                self.push(Rule::ProfileBadValue, path, format!("不能按“{text}”分组")).hint =
                    Some(format!("可选：{}", DIMS.replace("、parent", "")));
                Dim::FuncItem
            }
        }
    }

    /// A reference to an earlier figure that gives `want`.
    fn earlier(&mut self, name: &Option<String>, want: Gives, path: Path) -> Option<String> {
        let name = name.as_ref()?.trim().to_owned();
        match self.known.get(&name) {
            Some(g) if *g == want => {}
            Some(_) => {
                let what = if want == Gives::Amount { "金额" } else { "by_org_kind 文字" };
                self.push(Rule::ProfileBadValue, path, format!("数字“{name}”不是{what}"));
            }
            None => {
                self.push(Rule::ProfileUnknownFigure, path, format!("前面没有名为“{name}”的数字")).hint =
                    Some("只能引用 figures 中排在前面的数字".into());
            }
        }
        Some(name)
    }

    /// A comparison key declared by a figure.
    fn key(&mut self, key: &str, path: Path, owner: &str) {
        if !is_key(key) {
            self.push(Rule::ProfileBadValue, path, format!("比较键“{key}”无效")).hint =
                Some("只用字母、数字、下划线，各段以点连接，如 income.general".into());
            return;
        }
        let first = key.split('.').next().unwrap_or_default();
        if RESERVED_KEYS.contains(&first) || first == ITEMS {
            self.push(Rule::ProfileConflict, path, format!("比较键“{key}”与输入 last_year.{first} 冲突"));
            return;
        }
        if let Some(other) = self.keys.insert(key.to_owned(), owner.to_owned()) {
            self.push(Rule::ProfileDuplicateId, path, format!("比较键“{key}”已由数字“{other}”使用"));
        }
    }

    /// Keys of lists under a group's prefix would be read as the group's codes.
    fn key_conflicts(&mut self) {
        let clashes: Vec<(String, String)> = self
            .keys
            .keys()
            .filter_map(|k| {
                self.prefixes
                    .keys()
                    .find(|p| k == *p || k.starts_with(&format!("{p}.")))
                    .map(|p| (k.clone(), p.clone()))
            })
            .collect();
        for (key, prefix) in clashes {
            self.push(
                Rule::ProfileConflict,
                Path::root().key("figures"),
                format!("比较键“{key}”落在分组的比较键前缀“{prefix}”之下"),
            );
        }
    }

    fn figure(&mut self, f: &FigureFile, path: &Path) -> Option<(Figure, Gives)> {
        let kinds: Vec<&str> = [
            f.sum.as_ref().map(|_| "sum"),
            f.cell.as_ref().map(|_| "cell"),
            f.list.as_ref().map(|_| "list"),
            f.group.as_ref().map(|_| "group"),
            f.names.as_ref().map(|_| "names"),
            f.count.as_ref().map(|_| "count"),
            f.compared.as_ref().map(|_| "compared"),
            f.texts.as_ref().map(|_| "texts"),
            f.by_org_kind.as_ref().map(|_| "by_org_kind"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if kinds.len() != 1 {
            let message = if kinds.is_empty() {
                format!("数字“{}”没有说明是什么", f.name)
            } else {
                format!("数字“{}”同时写了 {}", f.name, kinds.join("、"))
            };
            self.push(Rule::ProfileConflict, path.clone(), message).hint = Some(
                "写且只写 sum、cell、list、group、names、count、compared、texts、by_org_kind 之一".into(),
            );
            return None;
        }
        let name = f.name.trim();
        if let Some(s) = &f.sum {
            return Some((Figure::Sum(self.filter(s, &path.key("sum"))), Gives::Amount));
        }
        if let Some(c) = &f.cell {
            let cell = cell(c, NARRATIVE, path.key("cell"), self.tables, self.out);
            return Some((Figure::Cell(cell), Gives::Amount));
        }
        if let Some(l) = &f.list {
            let p = path.key("list");
            let keep = match l.keep.as_deref().map(str::trim) {
                None | Some("all") => Keep::All,
                Some("arranged") => Keep::Arranged,
                Some("with_money") => Keep::WithMoney,
                Some(other) => {
                    self.push(Rule::ProfileBadValue, p.key("keep"), format!("keep“{other}”无效")).hint =
                        Some("可选：all、arranged、with_money".into());
                    Keep::All
                }
            };
            let share_of = self.earlier(&l.share_of, Gives::Amount, p.key("share_of"));
            let compare = l.compare.as_ref().map(|c| c.trim().to_owned());
            let mut seen = BTreeSet::new();
            let mut entries = Vec::new();
            for (i, e) in l.entries.iter().enumerate() {
                let ep = p.key("entries").index(i);
                let key = e.key.trim().to_owned();
                if !seen.insert(key.clone()) {
                    self.push(Rule::ProfileDuplicateId, ep.key("key"), format!("条目的键“{key}”重复"));
                }
                if let Some(prefix) = &compare {
                    self.key(&format!("{prefix}.{key}"), ep.key("key"), name);
                }
                let filter = self.filter(&e.filter, &ep.key("filter"));
                entries.push(ListEntry { key, label: e.label.clone(), filter, always: e.always });
            }
            if entries.is_empty() {
                self.push(Rule::ProfileConflict, p.key("entries"), "列表没有条目");
            }
            let list = ListFigure {
                title: l.title.clone(),
                entries,
                share_of,
                compare,
                keep,
                compare_zero: l.compare_zero,
            };
            return Some((Figure::List(list), Gives::Amount));
        }
        if let Some(g) = &f.group {
            let p = path.key("group");
            let by = self.dim(&g.by, p.key("by"));
            let filter = self.filter(&g.filter, &p.key("filter"));
            let share_of = self.earlier(&g.share_of, Gives::Amount, p.key("share_of"));
            let uses = g.uses.as_ref().map(|u| Uses {
                by: self.dim(&u.by, p.key("uses").key("by")),
                pattern: u.pattern.clone(),
                two: u.two.clone(),
                many: u.many.clone(),
            });
            let compare = g.compare.as_ref().map(|c| c.trim().to_owned());
            if let Some(prefix) = &compare {
                let at = p.key("compare");
                if !is_key(prefix) {
                    self.push(Rule::ProfileBadValue, at, format!("比较键前缀“{prefix}”无效"));
                } else if prefix == ITEMS && by != Dim::FuncItem {
                    self.push(
                        Rule::ProfileConflict,
                        at,
                        "last_year.items 是按功能分类项的上年数：by 须为 func_item",
                    );
                } else if RESERVED_KEYS.contains(&prefix.as_str()) {
                    self.push(
                        Rule::ProfileConflict,
                        at,
                        format!("比较键前缀“{prefix}”与输入 last_year.{prefix} 冲突"),
                    );
                } else if let Some(other) = self.prefixes.insert(prefix.clone(), name.to_owned()) {
                    self.push(
                        Rule::ProfileDuplicateId,
                        at,
                        format!("比较键前缀“{prefix}”已由数字“{other}”使用"),
                    );
                }
            }
            let reasons = match g.reasons.as_deref().map(str::trim) {
                None | Some("all") => Reasons::All,
                Some("most_decreased") => Reasons::MostDecreased,
                Some("most_increased") => Reasons::MostIncreased,
                Some("most_changed") => Reasons::MostChanged,
                Some("none") => Reasons::None,
                Some(other) => {
                    self.push(Rule::ProfileBadValue, p.key("reasons"), format!("reasons“{other}”无效"))
                        .hint = Some("可选：all、most_decreased、most_increased、most_changed、none".into());
                    Reasons::All
                }
            };
            let group = GroupFigure { title: g.title.clone(), by, filter, share_of, uses, compare, reasons };
            return Some((Figure::Group(group), Gives::Amount));
        }
        if let Some(n) = &f.names {
            let p = path.key("names");
            let by = self.dim(&n.by, p.key("by"));
            let filter = self.filter(&n.filter, &p.key("filter"));
            return Some((Figure::Names(NamesFigure { by, filter, sep: n.sep.clone() }), Gives::Other));
        }
        if let Some(c) = &f.count {
            let p = path.key("count");
            let by = self.dim(&c.by, p.key("by"));
            let filter = self.filter(&c.filter, &p.key("filter"));
            return Some((Figure::Count(CountFigure { by, filter }), Gives::Other));
        }
        if let Some(c) = &f.compared {
            let p = path.key("compared");
            let label = match (&c.label, &c.label_of) {
                (Some(l), None) => Label::Text(l.clone()),
                (None, Some(_)) => {
                    Label::Of(self.earlier(&c.label_of, Gives::Word, p.key("label_of")).unwrap_or_default())
                }
                _ => {
                    self.push(Rule::ProfileConflict, p.clone(), "label 与 label_of 须写且只写一个");
                    Label::Text(String::new())
                }
            };
            let key = c.key.trim().to_owned();
            self.key(&key, p.key("key"), name);
            let filter = self.filter(&c.filter, &p.key("filter"));
            let share_of = self.earlier(&c.share_of, Gives::Amount, p.key("share_of"));
            let compared = ComparedFigure { label, filter, share_of, key, compare_zero: c.compare_zero };
            return Some((Figure::Compared(compared), Gives::Amount));
        }
        if let Some(t) = &f.texts {
            let p = path.key("texts");
            let list = match t.list.trim() {
                "projects" => TextList::Projects,
                "carryover" => TextList::Carryover,
                other => {
                    self.push(Rule::ProfileBadValue, p.key("list"), format!("没有说明文字列表“{other}”"))
                        .hint = Some("可选：projects、carryover".into());
                    TextList::Projects
                }
            };
            let filter = self.filter(&t.filter, &p.key("filter"));
            let parts = t
                .parts
                .iter()
                .map(|(name, part)| (name.clone(), self.filter(part, &p.key("parts").key(name))))
                .collect();
            let every = t.every.unwrap_or(true);
            return Some((Figure::Texts(TextsFigure { list, filter, parts, every }), Gives::Other));
        }
        if let Some(words) = &f.by_org_kind {
            let p = path.key("by_org_kind");
            let mut by_kind = BTreeMap::new();
            let mut default = None;
            for (k, word) in words {
                if k.trim() == "default" {
                    default = Some(word.clone());
                } else if let Some(kind) = OrgKind::parse(k) {
                    by_kind.insert(kind, word.clone());
                } else {
                    self.push(Rule::ProfileBadValue, p.key(k), format!("没有单位性质“{k}”")).hint =
                        Some("可选：行政单位、参公事业单位、事业单位、default".into());
                }
            }
            let Some(default) = default else {
                self.push(Rule::ProfileConflict, p, "by_org_kind 须有 default（其余单位性质的文字）");
                return None;
            };
            return Some((Figure::ByOrgKind(ByOrgKindFigure { words: by_kind, default }), Gives::Word));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_keys_are_checked_for_shape() {
        assert!(is_identifier("general_total"));
        assert!(!is_identifier("1st"));
        assert!(!is_identifier("收入"));
        assert!(is_key("income.general"));
        assert!(is_key("items.2011301"));
        assert!(!is_key("income..general"));
        assert!(!is_key("income general"));
    }
}

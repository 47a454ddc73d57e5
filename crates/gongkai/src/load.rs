//! Reading an input file through the registry and analysing it.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, bail};
use gongkai_model::diag::{Diagnostic, combine, locate_all, sort_by_place};
use gongkai_model::facts::Facts;
use gongkai_model::profile::Profile;
use gongkai_model::rules::Rule;
use gongkai_model::table::Table;
use gongkai_model::{DEFAULT_PROFILE, LastYearInput};
use sha2::Digest as _;

use crate::profiles::{self, Chosen};
use crate::{messages, read, registry};

/// An analysed input.
pub(crate) struct Loaded {
    /// The file name as the user gave it.
    pub(crate) file: String,
    /// Facts, when the input could be read.
    pub(crate) facts: Option<Facts>,
    /// Derived tables.
    pub(crate) tables: Vec<Table>,
    /// All findings, located.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The profile used, when it could be read.
    pub(crate) profile: Option<Arc<Chosen>>,
    /// Other files the result depends on (last year's input), with the SHA-256 of the
    /// bytes read: batch re-renders when one changes.
    pub(crate) depends: Vec<(std::path::PathBuf, String)>,
    /// The unit whose own document (单位预算) this is, analysed with the profile's unit
    /// variant; `None` for the department's.
    pub(crate) unit: Option<String>,
}

impl Loaded {
    pub(crate) fn has_errors(&self) -> bool {
        gongkai_model::diag::has_errors(&self.diagnostics)
    }

    fn failed(file: String, diagnostics: Vec<Diagnostic>) -> Loaded {
        Loaded {
            file,
            facts: None,
            tables: Vec::new(),
            diagnostics,
            profile: None,
            depends: Vec::new(),
            unit: None,
        }
    }
}

/// Which profile an input is analysed with.
#[derive(Clone, Copy)]
pub(crate) enum Choice<'a> {
    /// The one `--profile` names, or (`None`) the input's own `profile:`, or the default.
    Flag(Option<&'a str>),
    /// A profile already read (batch): an input naming another is an error.
    Fixed(&'a Arc<Chosen>),
}

/// The file extensions some input format reads.
pub(crate) fn extensions() -> Vec<&'static str> {
    registry::inputs().iter().flat_map(|f| f.extensions().iter().copied()).collect()
}

/// Reads, parses and analyses `path`. IO problems and unknown formats are `Err` (exit 2);
/// problems with the budget (or with a profile bundle) are diagnostics.
///
/// `covers` says which characters the PDF fonts can draw: every printed text is checked
/// against it (E419), so that an input validate accepts never fails in the PDF.
pub(crate) fn load(
    path: &Path,
    profile: Option<&str>,
    unit: Option<&str>,
    covers: &dyn Fn(char) -> bool,
) -> Result<Loaded> {
    let bytes = read::file(path, read::Kind::Budget)?;
    analyse(path, &bytes, Choice::Flag(profile), unit, covers)
}

/// The department's name in an input, when the input can be read at all; the full
/// analysis (and its diagnostics) come later.
pub(crate) fn department_name(path: &Path, bytes: &[u8]) -> Option<String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let inputs = registry::inputs();
    let format = inputs.iter().find(|f| f.extensions().contains(&ext.as_str()))?;
    format.department_name(bytes)
}

/// The ids of the units an input has a document for ([`gongkai_model::input::OWN_UNIT`]
/// for the department's own lines, then each unit's), those with lines only.
pub(crate) fn unit_ids(path: &Path, bytes: &[u8]) -> Vec<String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let inputs = registry::inputs();
    let Some(budget) = inputs
        .iter()
        .find(|f| f.extensions().contains(&ext.as_str()))
        .and_then(|f| f.read(bytes, "").ok())
        .map(|l| l.budget)
    else {
        return Vec::new();
    };
    let own = gongkai_model::input::OWN_UNIT.to_owned();
    std::iter::once(own)
        .chain(budget.units.iter().map(|u| u.id.trim().to_owned()))
        .filter(|id| budget.unit_document(id).is_some_and(|b| !b.lines.is_empty()))
        .collect()
}

/// Parses and analyses the bytes of `path` with the input format its extension names.
pub(crate) fn analyse(
    path: &Path,
    bytes: &[u8],
    choice: Choice<'_>,
    unit: Option<&str>,
    covers: &dyn Fn(char) -> bool,
) -> Result<Loaded> {
    let file = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let inputs = registry::inputs();
    let Some(format) = inputs.iter().find(|f| f.extensions().contains(&ext.as_str())) else {
        bail!("无法识别的输入文件类型“{}”（支持：{}）", messages::visible(&file), extensions().join("、"));
    };
    let loaded = match format.read(bytes, &file) {
        Ok(l) => l,
        Err(diagnostics) => return Ok(Loaded::failed(file, diagnostics)),
    };
    let named = loaded.budget.profile.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let chosen = match choice {
        Choice::Fixed(chosen) => {
            if let Some(name) = named.filter(|n| *n != chosen.name && *n != chosen.profile.id) {
                let mut d = vec![
                    Diagnostic::new(
                        Rule::BadValue,
                        format!("此文件指定表套“{name}”，而本次批量生成使用表套“{}”", chosen.profile.id),
                    )
                    .at(gongkai_model::diag::Path::root().key("profile"))
                    .hint("用 --profile 指定同一表套，或把不同表套的部门分开批量生成"),
                ];
                locate_all(&mut d, loaded.source_map.as_ref());
                return Ok(Loaded::failed(file, d));
            }
            Arc::clone(chosen)
        }
        Choice::Flag(flag) => {
            let (spec, base) = match (flag, named) {
                (Some(f), _) => (f.to_owned(), None),
                (None, Some(n)) => (n.to_owned(), path.parent()),
                (None, None) => (DEFAULT_PROFILE.to_owned(), None),
            };
            match profiles::load(&spec, base)? {
                Ok(chosen) => Arc::new(chosen),
                Err(invalid) => return Ok(Loaded::failed(file, invalid.diagnostics)),
            }
        }
    };
    // One unit's document: the department's input is checked whole first, so that every
    // finding keeps its place; the unit's own budget is then analysed with the profile's
    // unit variant.
    let (budget, profile) = match unit {
        None => (std::borrow::Cow::Borrowed(&loaded.budget), &chosen.profile),
        Some(id) => match unit_document(path, &file, &loaded, &chosen, id, covers) {
            Ok(pair) => pair,
            Err(failed) => return Ok(*failed),
        },
    };
    let last = last_year(path, &budget, profile, unit);
    let analysis = gongkai_model::analyse_with_last_year(&budget, profile, last.input);
    let mut checked = analysis.diagnostics;
    if let Some(id) = unit
        && let Some(warning) = compared_with_department(&loaded.budget, id)
    {
        checked.push(warning);
    }
    checked.extend(gongkai_model::texts::check_glyphs(&loaded.budget, covers));
    let mut diagnostics = combine(loaded.diagnostics, checked, &loaded.repaired);
    locate_all(&mut diagnostics, loaded.source_map.as_ref());
    sort_by_place(&mut diagnostics);
    Ok(Loaded {
        file,
        facts: analysis.facts,
        tables: analysis.tables,
        diagnostics,
        profile: Some(chosen),
        depends: last.depends,
        unit: unit.map(str::to_owned),
    })
}

/// W428 for unit `id`'s document when its comparisons with last year can only be the
/// department's: the department has several units and its input types last year's
/// figures instead of naming last year's input.
fn compared_with_department(budget: &gongkai_model::input::Budget, id: &str) -> Option<Diagnostic> {
    let last = &budget.last_year;
    let typed = !last.entries().is_empty() || !last.items.is_empty();
    let from_input = last.input.as_deref().is_some_and(|i| !i.trim().is_empty());
    if budget.units.is_empty() || from_input || !typed {
        return None;
    }
    let name = budget.units.iter().find(|u| u.id.trim() == id.trim()).map_or(id, |u| u.name.as_str());
    Some(
        Diagnostic::new(
            Rule::UnitComparedWithDepartment,
            format!("“{name}”的单位预算与上年比较的数字，用的是输入中填写的整个部门的上年数，不是该单位自己的"),
        )
        .at(gongkai_model::diag::Path::root().key("last_year"))
        .hint("在 last_year.input 写明上年的部门预算输入文件（含各单位的明细）：单位预算即与该单位自己的上年比较"),
    )
}

/// The budget of unit `id` and the profile's unit variant, or why there is none: the
/// department's own findings when its input has errors, the unit or the variant missing.
fn unit_document<'a>(
    path: &Path,
    file: &str,
    loaded: &'a gongkai_model::plugin::Loaded,
    chosen: &'a Chosen,
    id: &str,
    covers: &dyn Fn(char) -> bool,
) -> std::result::Result<(std::borrow::Cow<'a, gongkai_model::input::Budget>, &'a Profile), Box<Loaded>> {
    let failed = |mut diagnostics: Vec<Diagnostic>| {
        locate_all(&mut diagnostics, loaded.source_map.as_ref());
        sort_by_place(&mut diagnostics);
        Box::new(Loaded::failed(file.to_owned(), diagnostics))
    };
    let Some(variant) = chosen.profile.unit.as_deref() else {
        return Err(failed(vec![
            Diagnostic::new(Rule::BadValue, format!("表套“{}”没有单位预算，不能生成单位的文件", chosen.name))
                .hint("在表套的 profile.yaml 中写 kinds.unit（见 docs/profiles.md）"),
        ]));
    };
    // The department whole, with its last year's input as a render of it would read it.
    let whole_last = last_year(path, &loaded.budget, &chosen.profile, None);
    let whole = gongkai_model::analyse_with_last_year(&loaded.budget, &chosen.profile, whole_last.input);
    let mut checked = whole.diagnostics;
    checked.extend(gongkai_model::texts::check_glyphs(&loaded.budget, covers));
    if gongkai_model::diag::has_errors(&checked) {
        return Err(failed(combine(loaded.diagnostics.clone(), checked, &loaded.repaired)));
    }
    let Some(budget) = loaded.budget.unit_document(id) else {
        let ids: Vec<&str> = loaded.budget.units.iter().map(|u| u.id.as_str()).collect();
        let known = if ids.is_empty() { "本输入没有下属单位".to_owned() } else { ids.join("、") };
        let mut d = Diagnostic::new(Rule::BadValue, format!("没有标识为“{}”的单位", messages::visible(id)))
            .hint(format!(
                "写 units 中的 id（{known}），或“{}”（部门自身的明细）",
                gongkai_model::input::OWN_UNIT
            ));
        if !ids.is_empty() {
            d = d.at(gongkai_model::diag::Path::root().key("units"));
        }
        return Err(failed(vec![d]));
    };
    Ok((std::borrow::Cow::Owned(budget), variant))
}

/// Last year's input, when the budget names one (`last_year.input`), and the file it
/// was read from.
#[derive(Default)]
struct LastYear {
    input: Option<LastYearInput>,
    depends: Vec<(std::path::PathBuf, String)>,
}

/// Reads and analyses the input `last_year.input` names (relative to the input's folder)
/// with the same profile. For one unit's document (`unit`), last year's figures are that
/// unit's in last year's input, analysed with the same unit variant: a unit is compared
/// with itself, never with last year's whole department. Anything that keeps it from
/// being used is E422 at `last_year.input`: the comparisons would otherwise print last
/// year's figures wrong.
fn last_year(
    path: &Path,
    budget: &gongkai_model::input::Budget,
    profile: &Profile,
    unit: Option<&str>,
) -> LastYear {
    let Some(name) = budget.last_year.input.as_deref().map(str::trim).filter(|n| !n.is_empty()) else {
        return LastYear::default();
    };
    let at = gongkai_model::diag::Path::root().key("last_year").key("input");
    let refuse = |message: String, hint: &str| LastYear {
        input: Some(LastYearInput::Unusable(
            Diagnostic::new(Rule::LastYearInput, message).at(at.clone()).hint(hint),
        )),
        depends: Vec::new(),
    };
    let shown = messages::visible(name);
    let full = path.parent().unwrap_or_else(|| Path::new("")).join(name);
    let same =
        |a: &Path, b: &Path| a.canonicalize().ok().zip(b.canonicalize().ok()).is_some_and(|(a, b)| a == b);
    if same(&full, path) {
        return refuse(format!("上年输入“{shown}”就是本文件"), "填写上一年度的输入文件");
    }
    let bytes = match read::file(&full, read::Kind::Budget) {
        Ok(b) => b,
        Err(e) => {
            return refuse(
                format!("无法读取上年输入“{shown}”：{}", messages::describe(&e)),
                "路径相对于本文件所在目录",
            );
        }
    };
    let depends = vec![(
        full.canonicalize().unwrap_or_else(|_| full.clone()),
        crate::pipeline::hex(&sha2::Sha256::digest(&bytes)),
    )];
    let ext = full.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let inputs = registry::inputs();
    let Some(format) = inputs.iter().find(|f| f.extensions().contains(&ext.as_str())) else {
        return refuse(format!("无法识别上年输入“{shown}”的文件类型"), "上年输入应为 .yaml 或 .xlsx 文件");
    };
    let errors = |n: usize| {
        refuse(
            format!("上年输入“{shown}”有 {n} 个错误"),
            &format!("先运行 gongkai validate {shown} 并改正；上年数据须能按本表套生成"),
        )
    };
    let parsed = match format.read(&bytes, &full.display().to_string()) {
        Ok(p) if !gongkai_model::diag::has_errors(&p.diagnostics) => p,
        Ok(p) => {
            return LastYear { depends, ..errors(p.diagnostics.iter().filter(|d| d.is_error()).count()) };
        }
        Err(d) => return LastYear { depends, ..errors(d.iter().filter(|d| d.is_error()).count().max(1)) },
    };
    let (this, last) = (budget.department.year, parsed.budget.department.year);
    if this != 0 && last != this.saturating_sub(1) {
        return LastYear {
            depends,
            ..refuse(
                format!("上年输入“{shown}”的预算年度是 {last}，本文件是 {this}"),
                "填写上一年度（本年度减一）的输入文件",
            )
        };
    }
    let last_budget = match unit {
        None => std::borrow::Cow::Borrowed(&parsed.budget),
        Some(id) => match parsed.budget.unit_document(id) {
            Some(b) => std::borrow::Cow::Owned(b),
            None => {
                return LastYear {
                    depends,
                    ..refuse(
                        format!("上年输入“{shown}”中没有单位“{}”", messages::visible(id)),
                        "单位预算与上年同一单位比较：上年输入的 units 须有同一 id",
                    )
                };
            }
        },
    };
    let analysis = gongkai_model::analyse_last_year(&last_budget, profile);
    match analysis.facts {
        Some(facts) if !analysis.has_errors() => {
            LastYear { input: Some(LastYearInput::Read(Box::new(facts))), depends }
        }
        _ => LastYear {
            depends,
            ..errors(analysis.diagnostics.iter().filter(|d| d.is_error()).count().max(1))
        },
    }
}

//! The gongkai budget model: one fact table, many pivots.
//!
//! A department's budget comes in as [`input::Budget`] (budget lines plus names, texts and
//! last year's figures). [`facts::validate`] checks it and returns the fact table and every
//! finding; [`analyse`] then derives the tables of a [`profile::Profile`], checks the
//! identities between them and notes display rounding. The narrative layer
//! (`gongkai-templates`) lays the result out as a format-neutral [`document::Document`]
//! for the backends.
//!
//! This crate does no IO, reads no clock and uses no binary floats for money.

pub mod catalogue;
pub mod check;
pub mod conserve;
pub mod derive;
pub mod diag;
pub mod document;
pub mod facts;
pub mod figures;
pub mod forms;
pub mod input;
pub mod money;
pub mod number;
pub mod plugin;
pub mod profile;
pub mod rounding;
pub mod rules;
pub mod source;
pub mod suggest;
pub mod table;
pub mod text;
pub mod texts;

use diag::Diagnostic;
use facts::Facts;
use profile::Profile;
use table::Table;

/// The id of the profile used when neither the command line nor the input names one: data,
/// in `profiles/DEFAULT` beside the built-in bundles.
pub const DEFAULT_PROFILE: &str = include_str!("../../../profiles/DEFAULT").trim_ascii();

/// What [`analyse`] found: the facts and tables when the input was usable, and every
/// diagnostic, errors first.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The checked facts, when the input could be read.
    pub facts: Option<Facts>,
    /// The derived tables (empty when the facts are missing).
    pub tables: Vec<Table>,
    /// Every finding, in input order within each severity, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// Whether any finding is an error (then nothing may be published).
    pub fn has_errors(&self) -> bool {
        diag::has_errors(&self.diagnostics)
    }
}

/// Validates a budget, derives the profile's tables and checks them.
///
/// Texts are checked first (control characters, lengths) and cleaned of invisible
/// characters; the facts and tables are made from the cleaned texts. This crate reads no
/// files: a budget that names last year's input (`last_year.input`) gets E422 here; the
/// CLI reads that file and calls [`analyse_with_last_year`].
pub fn analyse(budget: &input::Budget, profile: &Profile) -> Analysis {
    let last = budget.last_year.input.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(|name| {
        LastYearInput::Unusable(
            Diagnostic::new(rules::Rule::LastYearInput, format!("上年输入“{name}”没有读取"))
                .at(diag::Path::root().key("last_year").key("input"))
                .hint("上年输入文件由 gongkai 命令行读取"),
        )
    });
    analyse_with_last_year(budget, profile, last)
}

/// Last year's input, as the caller could (or could not) read it.
#[derive(Debug, Clone)]
pub enum LastYearInput {
    /// Its facts, analysed with the same profile ([`analyse_last_year`]).
    Read(Box<Facts>),
    /// Why it cannot be used (E422 at `last_year.input`): compared figures then lack no
    /// more than this one finding says.
    Unusable(Diagnostic),
}

/// Like [`analyse`], with last year's input (the one `last_year.input` names): last
/// year's columns and every compared figure come from its facts.
pub fn analyse_with_last_year(
    budget: &input::Budget,
    profile: &Profile,
    last: Option<LastYearInput>,
) -> Analysis {
    analysis(budget, profile, last, true)
}

/// Analyses last year's input for use by this year's: everything is checked except its
/// own comparisons with the year before, which this year's document does not print.
pub fn analyse_last_year(budget: &input::Budget, profile: &Profile) -> Analysis {
    analysis(budget, profile, None, false)
}

fn analysis(
    budget: &input::Budget,
    profile: &Profile,
    last: Option<LastYearInput>,
    compare: bool,
) -> Analysis {
    let (cleaned, mut diagnostics) = texts::check(budget);
    let budget = cleaned.as_ref().unwrap_or(budget);
    let (mut facts, found) = facts::validate(budget, &profile.rules);
    diagnostics.extend(found);
    diagnostics.extend(facts.as_ref().and_then(|f| forms::check_funding(f, &profile.forms)));
    diagnostics
        .extend(facts.as_ref().map(|f| forms::check_programmes(f, &profile.forms)).unwrap_or_default());
    let mut unusable = false;
    match (&mut facts, last) {
        (Some(facts), Some(LastYearInput::Read(last))) => facts.attach_last_year(*last),
        (_, Some(LastYearInput::Unusable(d))) => {
            diagnostics.push(d);
            unusable = true;
        }
        _ => {}
    }
    let mut tables = Vec::new();
    if let Some(facts) = &facts {
        if compare {
            diagnostics.extend(figures::check_last_year(&profile.narrative, facts, unusable));
        }
        for spec in &profile.tables {
            let mut table = derive::derive_table(spec, facts);
            diagnostics.extend(rounding::annotate(spec, &mut table));
            tables.push(table);
        }
        derive::fill_registers(profile, facts, &mut tables);
        diagnostics.extend(check::check_tables(profile, &tables));
        let conservation = conserve::check(budget.lines.len(), facts, &diagnostics, profile, &tables);
        diagnostics.extend(conservation);
    }
    // Stable order: errors first, then warnings, then infos; input order within each.
    diagnostics.sort_by_key(|d| std::cmp::Reverse(d.severity));
    Analysis { facts, tables, diagnostics }
}

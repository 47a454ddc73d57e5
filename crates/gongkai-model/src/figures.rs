//! The narrative's figures: the profile's declared figures evaluated over the lines, and
//! the input's own facts, as the templates' context.
//!
//! Every amount, share and change the text prints is computed here, from the same budget
//! lines as the tables, and formatted before it reaches a template: templates arrange
//! words, they never do arithmetic. Shares and changes use the figures *as printed* (in
//! the narrative's unit and decimals): the text must agree with the tables a reader can
//! see, which is also how the published documents compute them (下降 23.66%, not 23.67%).
//!
//! What the narrative states is the profile's ([`NarrativeSpec`]); what stays here is the
//! generic vocabulary and the input's facts (the department, its staff, assets and
//! procurement), named after the input's fields.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::catalogue::{self, Classification};
use crate::diag::{Diagnostic, Path};
use crate::document::chinese_number;
use crate::facts::{Fact, Facts, LastFigure};
use crate::input::{Headcount, ProjectField};
use crate::money::{self, MoneyUnit};
use crate::profile::{
    ComparedFigure, Dim, Figure, Filter, FormsSpec, GroupFigure, Keep, Label, ListFigure, NarrativeSpec,
    Profile, Reasons, TextList, TextNumbers, TextsFigure, Uses,
};
use crate::rules::Rule;
use crate::table::Table;

/// A change on last year's figure, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// 增加 or 减少.
    pub verb: &'static str,
    /// The absolute change, `123.53`.
    pub amount: String,
    /// 增长 or 下降.
    pub trend: &'static str,
    /// The percentage without the sign, `23.66`.
    pub pct: String,
    /// Last year's figure as printed.
    pub last: String,
    /// Whether the printed figures are equal (与上年相同, 持平): the convention of 增加
    /// 0.00 reads badly, so templates may say so instead.
    pub same: bool,
}

/// How the narrative prints and rounds numbers.
#[derive(Debug, Clone, Copy)]
pub struct Numbers(pub TextNumbers);

impl Numbers {
    /// An exact 万元 amount in the narrative's unit, rounded as printed.
    pub fn printed(&self, wan: Decimal) -> Decimal {
        let value = match self.0.unit {
            MoneyUnit::Wan => wan,
            MoneyUnit::Yuan => wan * Decimal::from(10_000),
        };
        value.round_dp_with_strategy(self.0.decimals, RoundingStrategy::MidpointAwayFromZero)
    }

    /// An exact 万元 amount as printed: `2,084.15`.
    pub fn amount(&self, wan: Decimal) -> String {
        self.trimmed(money::fixed(self.printed(wan), self.0.decimals, self.0.separators))
    }

    /// A printed number without the trailing zeros of its decimals, where the profile says
    /// so (`13.20` → `13.2`, `0.00` → `0`).
    fn trimmed(&self, text: String) -> String {
        if !self.0.trim || !text.contains('.') {
            return text;
        }
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }

    /// A percentage as printed, without the sign: `2,002.35`.
    pub fn pct(&self, value: Decimal) -> String {
        let d = self.0.percent_decimals;
        self.trimmed(money::fixed(
            value.round_dp_with_strategy(d, RoundingStrategy::MidpointAwayFromZero),
            d,
            self.0.separators,
        ))
    }

    /// The change from `last` to `this`, from the printed figures. Conventions of the
    /// published documents: no change is 增加 0.00，增长 0.00%; last year zero is 增长
    /// 100.00%; this year zero is 下降 100.00%.
    pub fn change(&self, this: Decimal, last: Decimal) -> Change {
        let (this, last) = (self.printed(this), self.printed(last));
        let diff = this - last;
        let down = diff.is_sign_negative() && !diff.is_zero();
        let pct = if last.is_zero() {
            if this.is_zero() { Decimal::ZERO } else { Decimal::from(100) }
        } else {
            diff.abs() * Decimal::from(100) / last
        };
        Change {
            verb: if down { "减少" } else { "增加" },
            amount: money::fixed(diff.abs(), self.0.decimals, self.0.separators),
            trend: if down { "下降" } else { "增长" },
            pct: self.pct(pct),
            last: money::fixed(last, self.0.decimals, self.0.separators),
            same: diff.is_zero(),
        }
    }

    /// `part / whole` of the printed figures, as a percentage: `56.88`.
    pub fn share(&self, part: Decimal, whole: Decimal) -> String {
        let (part, whole) = (self.printed(part), self.printed(whole));
        if whole.is_zero() { self.pct(Decimal::ZERO) } else { self.pct(part * Decimal::from(100) / whole) }
    }

    fn is_zero(&self, wan: Decimal) -> bool {
        self.printed(wan).is_zero()
    }
}

/// An amount with a label, compared with last year when the profile says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Ordinal among the entries printed, from 1.
    pub n: usize,
    /// The same ordinal in Chinese numerals (一, 二 … 十一), for templates that number
    /// their items （一）（二）.
    pub cn: String,
    /// Key: the list entry's key, or the group's code.
    pub key: String,
    /// The label as printed.
    pub label: String,
    /// This year, printed.
    pub amount: String,
    /// Share of the whole, printed.
    pub share: String,
    /// Whether it has money this year (as printed).
    pub any: bool,
    /// Whether it has money this year or last year (as printed).
    pub arranged: bool,
    /// Last year's figure, printed, when compared and known.
    pub last: Option<String>,
    /// The change on last year, when compared and known.
    pub change: Option<Change>,
    /// 主要原因 (empty when not compared).
    pub reason: String,
}

impl Entry {
    /// Sets the entry's ordinal, in figures and in Chinese numerals.
    fn number(&mut self, n: usize) {
        self.n = n;
        self.cn = chinese_number(n);
    }
}

/// A group of lines (one 类, one 项 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupEntry {
    /// Amount, share and comparison.
    #[serde(flatten)]
    pub entry: Entry,
    /// The code (or the unit's or project's name).
    pub code: String,
    /// The name of the code's 类.
    pub class: String,
    /// The name of the code's 款 (function codes).
    pub section: String,
    /// The name of the code itself.
    pub item: String,
    /// The code's parts as split code columns print them: `["204", "06", "01"]` for
    /// 2040601 (empty for units and projects).
    pub code_parts: Vec<String>,
    /// What the group's money is mainly for: `A 1.00万元和B 2.00万元`.
    pub uses: String,
}

/// A list or a grouping: its entries and totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entries<E> {
    /// The entries kept, in order.
    pub entries: Vec<E>,
    /// Sum of every entry, printed.
    pub total: String,
    /// Whether the total has money.
    pub any: bool,
    /// How many entries have money.
    pub count: usize,
    /// Labels of the entries with money, in order.
    pub with: Vec<String>,
    /// Labels of the entries without money.
    pub without: Vec<String>,
    /// Last year's total, printed, when compared.
    pub last: Option<String>,
    /// The total's change on last year, when compared.
    pub change: Option<Change>,
    /// Every entry by key (a list's entry keys, a group's codes or names).
    pub of: BTreeMap<String, Entry>,
    /// The entry with the largest amount as printed (the first of equals); none without
    /// money.
    pub largest: Option<E>,
    /// The compared entry that fell most as printed (减少较为明显的项); none if none fell.
    pub most_decreased: Option<E>,
    /// The compared entry that rose most as printed; none if none rose.
    pub most_increased: Option<E>,
}

/// The entries of [`Entries::largest`], [`Entries::most_decreased`] and
/// [`Entries::most_increased`] among `entries`, each with its exact amount and last
/// year's. Figures are compared as printed, as a reader would.
fn extremes<E: Clone>(n: &Numbers, entries: &[(E, Decimal, Option<Decimal>)]) -> [Option<E>; 3] {
    let pick = |value: &dyn Fn(Decimal, Option<Decimal>) -> Option<Decimal>| {
        let mut best: Option<(Decimal, &E)> = None;
        for (e, this, last) in entries {
            if let Some(v) = value(n.printed(*this), last.map(|l| n.printed(l)))
                && v > Decimal::ZERO
                && best.is_none_or(|(b, _)| v > b)
            {
                best = Some((v, e));
            }
        }
        best.map(|(_, e)| e.clone())
    };
    [
        pick(&|this, _| Some(this)),
        pick(&|this, last| last.map(|l| l - this)),
        pick(&|this, last| last.map(|l| this - l)),
    ]
}

/// A named part of a text's amount (含上年结转).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The amount, printed.
    pub amount: String,
    /// Whether it has money as printed.
    pub any: bool,
}

/// A project's description with its amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectText {
    /// Ordinal, from 1.
    pub n: usize,
    /// （一）, （二）…
    pub ordinal: String,
    /// 项目名称.
    pub name: String,
    /// Whether the input describes the project; when not, the texts are empty.
    pub texted: bool,
    /// 项目类型.
    pub kind: String,
    /// 一级项目 (of a 二级项目).
    pub parent: String,
    /// 实施主体: the input's, else the units of the project's lines.
    pub implementer: String,
    /// 项目概述.
    pub overview: String,
    /// 设立的政策依据 (立项依据).
    pub basis: String,
    /// 实施方案.
    pub plan: String,
    /// 资金分配情况.
    pub allocation: String,
    /// 资金执行时间 (实施周期).
    pub period: String,
    /// The project's lines the figure selects, printed.
    pub amount: String,
    /// The figure's named parts of that amount.
    pub parts: BTreeMap<String, Part>,
    /// The units of those lines, joined by 、.
    pub units: String,
}

/// A carried-over project's use with its amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarryText {
    /// Ordinal, from 1.
    pub n: usize,
    /// （一）, （二）…
    pub ordinal: String,
    /// 项目名称.
    pub name: String,
    /// Whether the input gives the project's use; when not, `purpose` is empty.
    pub texted: bool,
    /// 主要用于……
    pub purpose: String,
    /// The project's lines the figure selects, printed.
    pub amount: String,
    /// The figure's named parts of that amount.
    pub parts: BTreeMap<String, Part>,
}

/// The names of the context the input's facts take (and `has`, and the profile's `words`):
/// figures may not use them.
pub const BASE_NAMES: &[&str] = &[
    "org",
    "year",
    "prev_year",
    "date",
    "functions",
    "units",
    "units_text",
    "units_count",
    "offices",
    "offices_text",
    "offices_count",
    "staff",
    "tables",
    "procurement",
    "assets",
    "performance",
    "other_matters",
    "has",
    "words",
];

/// The templates' context: the input's facts and the profile's figures, by name.
///
/// Besides its figures, the context holds `has`: for each amount figure (sum, cell,
/// compared) whether it has money, for `{{#if has.name}}`.
pub fn context(profile: &Profile, facts: &Facts, tables: &[Table]) -> Value {
    let spec = &profile.narrative;
    let mut eval =
        Eval { facts, tables, n: Numbers(spec.numbers), amounts: BTreeMap::new(), words: BTreeMap::new() };
    let mut out = base(facts, tables, &profile.forms, eval.n);
    let mut has = Map::new();
    for f in &spec.figures {
        let value = eval.figure(&f.name, &f.figure);
        if let Some(amount) = eval.amounts.get(&f.name)
            && matches!(f.figure, Figure::Sum(_) | Figure::Cell(_) | Figure::Compared(_))
        {
            has.insert(f.name.clone(), Value::Bool(!eval.n.is_zero(*amount)));
        }
        out.insert(f.name.clone(), value);
    }
    out.insert("has".to_owned(), Value::Object(has));
    out.insert("words".to_owned(), to_value(&profile.words));
    Value::Object(out)
}

fn to_value(v: impl Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// The input's own facts, named after its fields.
fn base(facts: &Facts, tables: &[Table], forms: &FormsSpec, n: Numbers) -> Map<String, Value> {
    let d = &facts.dept;
    let units: Vec<&str> = facts.units.iter().skip(1).map(String::as_str).collect();
    let staff = |h: &Headcount| {
        serde_json::json!({
            "count": h.count,
            "verb": if h.change < 0 { "减少" } else { "增加" },
            "change": h.change.unsigned_abs(),
        })
    };
    let s = &d.staffing;
    let p = &facts.procurement;
    let a = &facts.assets;
    let fleet =
        |(count, value): &(u32, Decimal)| serde_json::json!({"count": count, "value": n.amount(*value)});
    let overall = facts.performance.overall.is_some();
    let overall_amount = crate::forms::overall_amount(facts, forms);
    let value = serde_json::json!({
        "org": d.name,
        "year": d.year,
        "prev_year": d.year.saturating_sub(1),
        "date": d.published.chinese(),
        "functions": d.functions,
        "units": units,
        "units_text": units.join("、"),
        "units_count": units.len(),
        "offices": d.offices,
        "offices_text": d.offices.join("、"),
        "offices_count": d.offices.len(),
        "staff": {
            "establishment": s.establishment,
            "actual": s.in_service.count + s.retired.count + s.veteran.count,
            "in_service": staff(&s.in_service),
            "retired": staff(&s.retired),
            "veteran": staff(&s.veteran),
        },
        "tables": tables.iter().enumerate().map(|(i, t)| serde_json::json!({
            "ordinal": chinese_number(i + 1),
            "number": t.number,
            "title": t.title,
            "id": t.id,
            "empty": t.is_empty(),
        })).collect::<Vec<_>>(),
        "procurement": {
            "any": !(p[0] + p[1] + p[2]).is_zero(),
            "total": n.amount(p[0] + p[1] + p[2]),
            "goods": n.amount(p[0]),
            "works": n.amount(p[1]),
            "services": n.amount(p[2]),
            "sme": n.amount(p[3]),
            "small_micro": n.amount(p[4]),
        },
        "assets": {
            "as_of": d.year.saturating_sub(1),
            "building_area": money::fmt2(a.building_area),
            "building_value": n.amount(a.building_value),
            "vehicles": a.vehicles.iter().map(|v| v.0).sum::<u32>(),
            "vehicles_value": n.amount(a.vehicles.iter().map(|v| v.1).sum()),
            "general_vehicles": fleet(&a.vehicles[0]),
            "enforcement_vehicles": fleet(&a.vehicles[1]),
            "other_vehicles": fleet(&a.vehicles[2]),
            "furniture_value": n.amount(a.furniture_value),
            "other_value": n.amount(a.other_value),
            "equipment_over_50": a.equipment[0],
            "equipment_over_100": a.equipment[1],
            "planned_vehicles": a.planned[0],
            "planned_over_50": a.planned[1],
            "planned_over_100": a.planned[2],
        },
        "performance": {
            "overall": usize::from(overall),
            "overall_amount": n.amount(overall_amount),
            "forms": facts.performance.projects.len(),
            "programmes": facts.performance.programmes.len(),
        },
        "other_matters": facts.other_matters,
    });
    match value {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

struct Eval<'a> {
    facts: &'a Facts,
    tables: &'a [Table],
    n: Numbers,
    /// Amount figures evaluated so far, exact 万元, for `share_of`.
    amounts: BTreeMap<String, Decimal>,
    /// Word figures evaluated so far, for labels.
    words: BTreeMap<String, String>,
}

/// What groups lines: a code, or (units, projects) an index in input order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum GroupKey {
    /// Lines without a project.
    None,
    /// A unit or project index.
    Num(usize),
    /// A code.
    Code(String),
}

fn group_key(dim: Dim, f: &Fact) -> GroupKey {
    match dim {
        Dim::Org => GroupKey::Num(0),
        Dim::Unit => GroupKey::Num(f.unit),
        Dim::Project => f.project.map_or(GroupKey::None, GroupKey::Num),
        _ => f.code(dim).map_or(GroupKey::None, |c| GroupKey::Code(c.to_owned())),
    }
}

/// The classification of a grouping's codes (function for units and projects, whose
/// keys are never codes).
fn classification(dim: Dim) -> Classification {
    dim.classification().unwrap_or(Classification::Function)
}

/// The name of a code: as the lines resolved it, else the catalogue's.
fn code_name(facts: &Facts, of: Classification, code: &str) -> String {
    let known = match of {
        Classification::Economic => facts.econ_name(code),
        Classification::Function => facts.func_name(code),
        Classification::Government => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    catalogue::name(of, code).unwrap_or_default().to_owned()
}

impl Eval<'_> {
    fn lines<'f>(&'f self, filter: &'f Filter) -> impl Iterator<Item = &'f Fact> + 'f {
        self.facts.lines.iter().filter(move |f| filter.matches(f))
    }

    fn sum(&self, filter: &Filter) -> Decimal {
        self.lines(filter).map(|f| f.amount).sum()
    }

    fn code(&self, dim: Dim, key: &GroupKey) -> String {
        key_code(self.facts, dim, key)
    }

    fn name(&self, dim: Dim, key: &GroupKey) -> String {
        match key {
            GroupKey::Code(c) => code_name(self.facts, classification(dim), c),
            other => self.code(dim, other),
        }
    }

    /// Last year's amount under `key`: derived from last year's lines when the input gives
    /// them, else the entry's figure.
    fn last(&self, key: &str, filter: &Filter) -> Option<Decimal> {
        last_amount(self.facts, key, filter)
    }

    fn reason(&self, key: &str) -> String {
        self.facts.last_year.get(key).and_then(|l| l.reason.clone()).unwrap_or_default()
    }

    /// An entry; `compare` is its comparison key.
    fn entry(
        &self,
        key: &str,
        label: String,
        this: Decimal,
        whole: Decimal,
        last: Option<(&str, Option<Decimal>)>,
    ) -> Entry {
        let last_amount = last.and_then(|(_, l)| l);
        Entry {
            n: 0,
            cn: String::new(),
            key: key.to_owned(),
            label,
            amount: self.n.amount(this),
            share: self.n.share(this, whole),
            any: !self.n.is_zero(this),
            arranged: !self.n.is_zero(this) || last_amount.is_some_and(|l| !self.n.is_zero(l)),
            last: last_amount.map(|l| self.n.amount(l)),
            change: last_amount.map(|l| self.n.change(this, l)),
            reason: last.map(|(k, _)| self.reason(k)).unwrap_or_default(),
        }
    }

    fn whole(&self, share_of: Option<&String>, own: Decimal) -> Decimal {
        share_of.and_then(|n| self.amounts.get(n)).copied().unwrap_or(own)
    }

    fn figure(&mut self, name: &str, figure: &Figure) -> Value {
        match figure {
            Figure::Sum(filter) => {
                let amount = self.sum(filter);
                self.amounts.insert(name.to_owned(), amount);
                Value::String(self.n.amount(amount))
            }
            Figure::Cell(cell) => {
                let amount = self
                    .tables
                    .iter()
                    .find(|t| t.id == cell.table)
                    .map_or(Decimal::ZERO, |t| t.amount(&cell.row, &cell.col));
                self.amounts.insert(name.to_owned(), amount);
                Value::String(self.n.amount(amount))
            }
            Figure::List(list) => {
                let (value, total) = self.list(list);
                self.amounts.insert(name.to_owned(), total);
                to_value(value)
            }
            Figure::Group(group) => {
                let (value, total) = self.group(group);
                self.amounts.insert(name.to_owned(), total);
                to_value(value)
            }
            Figure::Names(names) => {
                let keys: BTreeSet<GroupKey> =
                    self.lines(&names.filter).map(|f| group_key(names.by, f)).collect();
                let names_of: Vec<String> = keys.iter().map(|k| self.name(names.by, k)).collect();
                Value::String(names_of.join(&names.sep))
            }
            Figure::Count(count) => {
                let keys: BTreeSet<GroupKey> =
                    self.lines(&count.filter).map(|f| group_key(count.by, f)).collect();
                Value::from(keys.len())
            }
            Figure::Compared(c) => {
                let (entry, this) = self.compared(c);
                self.amounts.insert(name.to_owned(), this);
                to_value(entry)
            }
            Figure::Texts(texts) => self.texts(texts),
            Figure::ByOrgKind(b) => {
                let word = b.words.get(&self.facts.dept.kind).unwrap_or(&b.default).clone();
                self.words.insert(name.to_owned(), word.clone());
                Value::String(word)
            }
        }
    }

    fn list(&self, list: &ListFigure) -> (Entries<Entry>, Decimal) {
        let amounts: Vec<Decimal> = list.entries.iter().map(|e| self.sum(&e.filter)).collect();
        let total: Decimal = amounts.iter().sum();
        let whole = self.whole(list.share_of.as_ref(), total);
        let mut last_total = Decimal::ZERO;
        let mut all = Vec::new();
        let mut lasts = Vec::new();
        for (i, (e, this)) in list.entries.iter().zip(&amounts).enumerate() {
            let key = list.compare.as_ref().map(|p| format!("{p}.{}", e.key));
            let last = key.as_deref().map(|k| (k, self.last(k, &e.filter)));
            last_total += last.and_then(|(_, l)| l).unwrap_or_default();
            lasts.push(last.and_then(|(_, l)| l));
            let mut entry = self.entry(&e.key, e.label.clone(), *this, whole, last);
            entry.number(i + 1);
            all.push((entry, e.always));
        }
        let with = all.iter().filter(|(e, _)| e.any).map(|(e, _)| e.label.clone()).collect();
        let without = all.iter().filter(|(e, _)| !e.any).map(|(e, _)| e.label.clone()).collect();
        let count = all.iter().filter(|(e, _)| e.any).count();
        let of = all.iter().map(|(e, _)| (e.key.clone(), e.clone())).collect();
        let mut kept: Vec<(Entry, Decimal, Option<Decimal>)> = all
            .into_iter()
            .zip(amounts.iter().zip(&lasts))
            .filter(|((e, always), _)| match list.keep {
                Keep::All => true,
                Keep::Arranged => e.arranged || *always,
                Keep::WithMoney => e.any,
            })
            .map(|((e, _), (this, last))| (e, *this, *last))
            .collect();
        for (i, (e, _, _)) in kept.iter_mut().enumerate() {
            e.number(i + 1);
        }
        let [largest, most_decreased, most_increased] = extremes(&self.n, &kept);
        let entries: Vec<Entry> = kept.into_iter().map(|(e, _, _)| e).collect();
        let compared = list.compare.is_some();
        let value = Entries {
            largest,
            most_decreased,
            most_increased,
            entries,
            total: self.n.amount(total),
            any: !self.n.is_zero(total),
            count,
            with,
            without,
            last: compared.then(|| self.n.amount(last_total)),
            change: compared.then(|| self.n.change(total, last_total)),
            of,
        };
        (value, total)
    }

    fn group(&self, group: &GroupFigure) -> (Entries<GroupEntry>, Decimal) {
        let mut by: BTreeMap<GroupKey, Vec<&Fact>> = BTreeMap::new();
        for f in self.lines(&group.filter) {
            by.entry(group_key(group.by, f)).or_default().push(f);
        }
        let this: BTreeMap<String, (GroupKey, Decimal)> = by
            .iter()
            .map(|(k, lines)| (self.code(group.by, k), (k.clone(), lines.iter().map(|f| f.amount).sum())))
            .collect();
        let total: Decimal = this.values().map(|(_, a)| *a).sum();
        let whole = self.whole(group.share_of.as_ref(), total);
        // Groups in key order; with a comparison, also those only last year had.
        let mut order: Vec<(GroupKey, String)> =
            by.keys().map(|k| (k.clone(), self.code(group.by, k))).collect();
        let last_by = group.compare.as_deref().map(|p| last_by_code(self.facts, p, group.by, &group.filter));
        if let Some(last_by) = &last_by {
            for code in last_by.keys() {
                if !this.contains_key(code) {
                    order.push((GroupKey::Code(code.clone()), code.clone()));
                }
            }
            order.sort();
        }
        let mut last_total = Decimal::ZERO;
        let mut entries = Vec::new();
        let mut figures = Vec::new();
        for (i, (key, code)) in order.iter().enumerate() {
            let amount = this.get(code).map_or(Decimal::ZERO, |(_, a)| *a);
            let compare_key = group.compare.as_ref().map(|p| format!("{p}.{code}"));
            let last =
                compare_key.as_deref().map(|k| (k, last_by.as_ref().and_then(|m| m.get(code)).copied()));
            last_total += last.and_then(|(_, l)| l).unwrap_or_default();
            figures.push((amount, last.and_then(|(_, l)| l)));
            let mut entry = self.entry(code, self.name(group.by, key), amount, whole, last);
            entry.number(i + 1);
            let of = classification(group.by);
            let part = |len: usize| {
                if code.len() >= len && matches!(key, GroupKey::Code(_)) {
                    code_name(self.facts, of, &code[..len])
                } else {
                    String::new()
                }
            };
            let uses = match (&group.uses, by.get(key)) {
                (Some(u), Some(lines)) => self.uses(u, lines),
                _ => String::new(),
            };
            let code_parts = match key {
                GroupKey::Code(_) => [(0, 3), (3, 5), (5, 7)]
                    .into_iter()
                    .filter_map(|(a, b)| code.get(a..b))
                    .map(str::to_owned)
                    .collect(),
                _ => Vec::new(),
            };
            entries.push(GroupEntry {
                code_parts,
                code: code.clone(),
                class: part(3),
                section: if of == Classification::Function { part(5) } else { String::new() },
                item: entry.label.clone(),
                uses,
                entry,
            });
        }
        let with = entries.iter().filter(|e| e.entry.any).map(|e| e.entry.label.clone()).collect();
        let without = entries.iter().filter(|e| !e.entry.any).map(|e| e.entry.label.clone()).collect();
        // The extremes by reference: only the (at most) three picked are copied.
        let with_figures: Vec<(&GroupEntry, Decimal, Option<Decimal>)> =
            entries.iter().zip(figures).map(|(e, (this, last))| (e, this, last)).collect();
        let [largest, most_decreased, most_increased] = extremes(&self.n, &with_figures).map(|e| e.cloned());
        let compared = group.compare.is_some();
        let value = Entries {
            largest,
            most_decreased,
            most_increased,
            count: entries.iter().filter(|e| e.entry.any).count(),
            total: self.n.amount(total),
            any: !by.is_empty(),
            with,
            without,
            last: compared.then(|| self.n.amount(last_total)),
            change: compared.then(|| self.n.change(total, last_total)),
            // Every entry by its code (or its unit's or project's name), so that a template
            // walking another figure (a project's texts) finds the project's comparison.
            of: entries.iter().map(|e| (e.code.clone(), e.entry.clone())).collect(),
            entries,
        };
        (value, total)
    }

    /// A group's lines grouped again and printed by the pattern.
    fn uses(&self, uses: &Uses, lines: &[&Fact]) -> String {
        let mut by: BTreeMap<GroupKey, Decimal> = BTreeMap::new();
        for f in lines {
            *by.entry(group_key(uses.by, f)).or_default() += f.amount;
        }
        let parts: Vec<String> = by
            .iter()
            .map(|(k, amount)| {
                uses.pattern
                    .replace("{name}", &self.name(uses.by, k))
                    .replace("{code}", &self.code(uses.by, k))
                    .replace("{amount}", &self.n.amount(*amount))
            })
            .collect();
        parts.join(if parts.len() == 2 { &uses.two } else { &uses.many })
    }

    fn compared(&self, c: &ComparedFigure) -> (Entry, Decimal) {
        let this = self.sum(&c.filter);
        let label = match &c.label {
            Label::Text(t) => t.clone(),
            Label::Of(name) => self.words.get(name).cloned().unwrap_or_default(),
        };
        let whole = self.whole(c.share_of.as_ref(), this);
        let last = self.last(&c.key, &c.filter);
        let mut entry = self.entry(&c.key, label, this, whole, Some((&c.key, last)));
        entry.number(1);
        (entry, this)
    }

    /// The projects of the filter's lines with their texts: first those the input
    /// describes, in its order, then every other project that has such lines, in input
    /// order, with empty texts and `texted: false` (W408/W409 warn of them). A project
    /// with money is never left out of the narrative for want of a text.
    fn texts(&self, figure: &TextsFigure) -> Value {
        let (list, filter) = (figure.list, &figure.filter);
        let projects: BTreeMap<&str, usize> =
            self.facts.projects.iter().enumerate().map(|(i, p)| (p.name.as_str(), i)).collect();
        let of_project = |p: Option<usize>| -> (Decimal, String, BTreeMap<String, Part>) {
            let lines: Vec<&Fact> = self.lines(filter).filter(|f| p.is_some() && f.project == p).collect();
            let units: BTreeSet<usize> = lines.iter().map(|f| f.unit).collect();
            let units: Vec<&str> =
                units.iter().filter_map(|u| self.facts.units.get(*u)).map(String::as_str).collect();
            let parts = figure
                .parts
                .iter()
                .map(|(name, part)| {
                    let amount: Decimal = lines.iter().filter(|f| part.matches(f)).map(|f| f.amount).sum();
                    (name.clone(), Part { amount: self.n.amount(amount), any: !self.n.is_zero(amount) })
                })
                .collect();
            (lines.iter().map(|f| f.amount).sum(), units.join("、"), parts)
        };
        let ordinal = |i: usize| format!("（{}）", chinese_number(i + 1));
        let texted: Vec<(String, Option<usize>)> = match list {
            TextList::Projects => self.facts.project_texts.iter().map(|t| t.name.trim().to_owned()).collect(),
            TextList::Carryover => {
                self.facts.carryover_texts.iter().map(|t| t.project.trim().to_owned()).collect::<Vec<_>>()
            }
        }
        .into_iter()
        .map(|name| {
            let p = projects.get(name.as_str()).copied();
            (name, p)
        })
        .collect();
        let described: BTreeSet<usize> = texted.iter().filter_map(|t| t.1).collect();
        let with_lines: BTreeSet<usize> = self.lines(filter).filter_map(|f| f.project).collect();
        let untexted = with_lines.difference(&described).map(|&p| (self.facts.projects[p].name.clone(), p));
        // (name, project, index of its text)
        let entries: Vec<(String, Option<usize>, Option<usize>)> = texted
            .into_iter()
            .enumerate()
            .map(|(i, (name, p))| (name, p, Some(i)))
            .chain(untexted.map(|(name, p)| (name, Some(p), None)))
            .collect();
        match list {
            TextList::Projects => to_value(
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, (name, p, text))| {
                        let (amount, units, parts) = of_project(*p);
                        let t = text.map(|t| &self.facts.project_texts[t]);
                        let field =
                            |f: ProjectField| t.map(|t| f.of(t).trim().to_owned()).unwrap_or_default();
                        let implementer = field(ProjectField::Implementer);
                        ProjectText {
                            n: i + 1,
                            ordinal: ordinal(i),
                            name: name.trim().to_owned(),
                            texted: t.is_some(),
                            kind: field(ProjectField::Kind),
                            parent: field(ProjectField::Parent),
                            implementer: if implementer.is_empty() { units.clone() } else { implementer },
                            overview: field(ProjectField::Overview),
                            basis: field(ProjectField::Basis),
                            plan: field(ProjectField::Plan),
                            allocation: field(ProjectField::Allocation),
                            period: field(ProjectField::Period),
                            amount: self.n.amount(amount),
                            parts,
                            units,
                        }
                    })
                    .collect::<Vec<_>>(),
            ),
            TextList::Carryover => to_value(
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, (name, p, text))| CarryText {
                        n: i + 1,
                        ordinal: ordinal(i),
                        name: name.trim().to_owned(),
                        texted: text.is_some(),
                        purpose: text
                            .map(|t| self.facts.carryover_texts[t].purpose.trim().to_owned())
                            .unwrap_or_default(),
                        amount: self.n.amount(of_project(*p).0),
                        parts: of_project(*p).2,
                    })
                    .collect::<Vec<_>>(),
            ),
        }
    }
}

/// Last year's amount under `key` for a figure of `filter`: derived from last year's
/// lines when the input gives them, else the entry's figure.
fn last_amount(facts: &Facts, key: &str, filter: &Filter) -> Option<Decimal> {
    if facts.last_from_input {
        Some(facts.last_lines.iter().filter(|f| filter.matches_in_year(f, true)).map(|f| f.amount).sum())
    } else {
        facts.last_year.get(key).and_then(|l| l.amount)
    }
}

/// The amounts of `lines` that `filter` selects, by the code of `by` (for units and
/// projects: their name).
pub fn group_amounts(facts: &Facts, lines: &[Fact], by: Dim, filter: &Filter) -> BTreeMap<String, Decimal> {
    let mut out = BTreeMap::new();
    for f in lines.iter().filter(|f| filter.matches(f)) {
        *out.entry(key_code(facts, by, &group_key(by, f))).or_default() += f.amount;
    }
    out
}

/// A group key as its code (units and projects: their name).
fn key_code(facts: &Facts, dim: Dim, key: &GroupKey) -> String {
    match key {
        GroupKey::Code(c) => c.clone(),
        GroupKey::Num(_) if dim == Dim::Org => facts.dept.name.clone(),
        GroupKey::Num(i) if dim == Dim::Unit => facts.units.get(*i).cloned().unwrap_or_default(),
        GroupKey::Num(i) => facts.projects.get(*i).map(|p| p.name.clone()).unwrap_or_default(),
        GroupKey::None => String::new(),
    }
}

/// Last year's amounts by code under a group's prefix: from last year's lines, or the
/// entries `{prefix}.{code}`.
fn last_by_code(facts: &Facts, prefix: &str, by: Dim, filter: &Filter) -> BTreeMap<String, Decimal> {
    let mut out = BTreeMap::new();
    if facts.last_from_input {
        let last = Filter { last_year: Some(true), ..filter.clone() };
        return group_amounts(facts, &facts.last_lines, by, &last);
    } else {
        for (key, figure) in under(facts, prefix) {
            if let Some(amount) = figure.amount {
                out.insert(key.to_owned(), amount);
            }
        }
    }
    out
}

/// The entries under `prefix.`, with the rest of their key.
fn under<'a>(facts: &'a Facts, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a LastFigure)> + 'a {
    facts.last_year.iter().filter_map(move |(k, v)| {
        k.strip_prefix(prefix).and_then(|r| r.strip_prefix('.')).map(|rest| (rest, v))
    })
}

/// One figure the narrative compares with last year: what it is, this year's and last
/// year's exact amounts, and the reason the input gives for the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The comparison key, `income.general` or `func.2080505`.
    pub key: String,
    /// What it is, for people: `收入“一般公共预算”`.
    pub what: String,
    /// This year's exact amount, 万元.
    pub this: Decimal,
    /// Last year's exact amount, 万元, when known.
    pub last: Option<Decimal>,
    /// 主要原因, as the input gives it.
    pub reason: Option<String>,
    /// Whether the narrative prints the comparison (a figure zero in both years is not
    /// compared unless the profile says so).
    pub compared: bool,
    /// Whether the narrative prints a reason for the change.
    pub explained: bool,
    /// Where the entry is (or belongs) in the input.
    pub path: Path,
}

/// Every figure the profile compares with last year, in the narrative's order, as the
/// facts give them: the walk [`check_last_year`] checks and `gongkai diff --last-year`
/// prints.
pub fn comparisons(spec: &NarrativeSpec, facts: &Facts) -> Vec<Comparison> {
    let mut out = Vec::new();
    let sum = |filter: &Filter| facts.lines.iter().filter(|f| filter.matches(f)).map(|f| f.amount).sum();
    let n = Numbers(spec.numbers);
    let mut push =
        |key: String, what: String, this: Decimal, last: Option<Decimal>, always: bool, at, explained| {
            let entry = facts.last_year.get(&key);
            let path = match (entry, at) {
                (Some(e), _) => e.path.clone(),
                (None, Some(at)) => at,
                (None, None) => key.split('.').fold(Path::root().key("last_year"), |p, k| p.key(k)),
            };
            let compared = always || !this.is_zero() || last.is_some_and(|l| !l.is_zero());
            let reason = entry.and_then(|e| e.reason.clone());
            out.push(Comparison { key, what, this, last, reason, compared, explained, path });
        };
    for f in &spec.figures {
        match &f.figure {
            Figure::List(ListFigure { title, entries, compare: Some(prefix), compare_zero, .. }) => {
                for e in entries {
                    let key = format!("{prefix}.{}", e.key);
                    let last = last_amount(facts, &key, &e.filter);
                    push(
                        key,
                        format!("{title}“{}”", e.label),
                        sum(&e.filter),
                        last,
                        *compare_zero,
                        None,
                        true,
                    );
                }
            }
            Figure::Compared(cf) => {
                let what = format!("“{}”", spec_label(spec, facts, &cf.label));
                let last = last_amount(facts, &cf.key, &cf.filter);
                push(cf.key.clone(), what, sum(&cf.filter), last, cf.compare_zero, None, true);
            }
            Figure::Group(g) => {
                let Some(prefix) = &g.compare else { continue };
                let this = group_amounts(facts, &facts.lines, g.by, &g.filter);
                let last = last_by_code(facts, prefix, g.by, &g.filter);
                let mut codes: BTreeSet<&String> = this.keys().collect();
                codes.extend(last.keys());
                let figures: Vec<(&String, Decimal, Option<Decimal>)> = codes
                    .iter()
                    .map(|c| (*c, this.get(*c).copied().unwrap_or_default(), last.get(*c).copied()))
                    .collect();
                let [_, fell, rose] = extremes(&n, &figures);
                for code in codes {
                    let name = code_name(facts, classification(g.by), code);
                    let amount = this.get(code).copied().unwrap_or_default();
                    let last_amount = if facts.last_from_input {
                        Some(last.get(code).copied().unwrap_or_default())
                    } else {
                        last.get(code).copied()
                    };
                    let at = Some(Path::root().key("last_year").key(prefix));
                    push(
                        format!("{prefix}.{code}"),
                        format!("{}“{code} {name}”", g.title),
                        amount,
                        last_amount,
                        false,
                        at,
                        match g.reasons {
                            Reasons::All => true,
                            Reasons::MostDecreased => fell == Some(code),
                            Reasons::MostIncreased => rose == Some(code),
                            Reasons::MostChanged => fell == Some(code) || rose == Some(code),
                            Reasons::None => false,
                        },
                    );
                }
            }
            _ => {}
        }
    }
    out
}

/// Checks last year's entries against the figures the profile compares: every compared
/// figure has its last-year amount and a reason, no entry is left unused or unknown, and
/// no reason argues against the change it explains. With `input_unusable` (last year's
/// input named but not usable, itself a finding), missing last-year figures are not
/// reported again.
pub fn check_last_year(spec: &NarrativeSpec, facts: &Facts, input_unusable: bool) -> Vec<Diagnostic> {
    let mut c = LastCheck {
        facts,
        n: Numbers(spec.numbers),
        diags: Vec::new(),
        known: BTreeSet::new(),
        input_unusable,
    };
    for cmp in comparisons(spec, facts) {
        c.check(&cmp);
    }
    // Entries under a group's prefix without an amount are still known (their missing
    // amount is reported when compared).
    for (prefix, _, _) in spec.compared_groups() {
        for (rest, _) in under(facts, prefix) {
            c.known.insert(format!("{prefix}.{rest}"));
        }
    }
    // An unknown key close to a compared one is a misspelling, an error: the figure it
    // meant then also lacks its last-year amount. Any other is kept for another profile
    // (the same input rendered under several): a warning that it is not used here.
    let valid: Vec<String> = spec.compared_keys().into_iter().map(|k| k.key).collect();
    for (key, entry) in &facts.last_year {
        if !c.known.contains(key) {
            let candidates: Vec<&str> = valid.iter().map(String::as_str).collect();
            // Keys share long prefixes (three_public.abroad, three_public_total): only a slip
            // of a character or two is a misspelling.
            let slip = crate::suggest::closest(key, &candidates).filter(|v| strsim::levenshtein(key, v) <= 2);
            let diag = match slip {
                Some(v) => Diagnostic::new(
                    Rule::UnknownCompareKey,
                    format!("上年数“{key}”不是此表套与上年比较的数字"),
                )
                .hint(format!("是不是“{v}”？此表套比较的数字：{}", valid.join("、"))),
                None => Diagnostic::new(
                    Rule::IgnoredCompareKey,
                    format!("此表套不与上年比较“{key}”，这项上年数没有使用"),
                )
                .hint(if valid.is_empty() {
                    "此表套不与上年比较任何数字".to_owned()
                } else {
                    format!("此表套比较的数字：{}", valid.join("、"))
                }),
            };
            c.diags.push(diag.at(entry.path.clone()));
        }
    }
    c.diags
}

fn spec_label(spec: &NarrativeSpec, facts: &Facts, label: &Label) -> String {
    match label {
        Label::Text(t) => t.clone(),
        Label::Of(name) => match spec.figure(name) {
            Some(Figure::ByOrgKind(b)) => b.words.get(&facts.dept.kind).unwrap_or(&b.default).clone(),
            _ => name.clone(),
        },
    }
}

struct LastCheck<'a> {
    facts: &'a Facts,
    n: Numbers,
    diags: Vec<Diagnostic>,
    known: BTreeSet<String>,
    input_unusable: bool,
}

impl LastCheck<'_> {
    /// One compared figure, as [`comparisons`] found it.
    fn check(&mut self, cmp: &Comparison) {
        let Comparison { key, what, this, last, compared, .. } = cmp;
        let (this, last) = (*this, *last);
        self.known.insert(key.clone());
        let entry = self.facts.last_year.get(key);
        let place = || cmp.path.clone();
        if !compared {
            if entry.is_some() {
                self.diags.push(
                    Diagnostic::new(
                        Rule::UnusedLastYear,
                        format!("{what}本年和上年均为零，上年数据不会被使用"),
                    )
                    .at(place()),
                );
            }
            return;
        }
        let Some(last) = last else {
            if self.input_unusable {
                return;
            }
            let d =
                Diagnostic::new(Rule::MissingLastYear, format!("{what}需要与上年比较，但没有填写上年预算数"))
                    .at(place());
            let hint = if entry.is_some() {
                "填写 amount（上年预算数），或用 last_year.input 给出上年的输入文件"
            } else {
                "填写 amount（上年预算数）和 reason（变动原因）"
            };
            self.diags.push(d.hint(hint));
            return;
        };
        if self.facts.last_from_input
            && let Some(given) = entry.and_then(|e| e.amount)
            && self.n.printed(given) != self.n.printed(last)
        {
            self.diags.push(
                Diagnostic::new(
                    Rule::LastYearDisagrees,
                    format!(
                        "{what}的上年预算数填写为 {}，而上年输入计算为 {}",
                        self.n.amount(given),
                        self.n.amount(last)
                    ),
                )
                .at(place().key("amount"))
                .hint("给出上年输入时上年数由它计算；删除 amount 或核对上年输入"),
            );
        }
        match entry.and_then(|e| e.reason.as_deref()) {
            Some(_) if !cmp.explained => self.diags.push(
                Diagnostic::new(Rule::UnprintedReason, format!("{what}的变动原因不会印出"))
                    .at(place())
                    .hint("此表套只说明减少（或增加）最多的一项的原因；删除这条原因，或核对是否写错了项"),
            ),
            Some(reason) => self.direction(what, this, last, reason, &place()),
            // A figure printed the same as last year's has no change to explain.
            None if self.n.printed(this) == self.n.printed(last) || !cmp.explained => {}
            None => self.diags.push(
                Diagnostic::new(Rule::MissingReason, format!("{what}与上年比较需要说明变动原因"))
                    .at(place())
                    .hint("填写 reason：主要原因是……之后的文字"),
            ),
        }
    }

    /// Warns when a reason argues the opposite of the change it explains: a figure that
    /// grew 2,002.35% “because spending was cut” is the kind of contradiction readers notice.
    fn direction(&mut self, what: &str, this: Decimal, last: Decimal, reason: &str, path: &Path) {
        let diff = self.n.printed(this) - self.n.printed(last);
        if crate::facts::reason_against(diff, reason) {
            let (moved, said) =
                if diff > Decimal::ZERO { ("增加", "减少") } else { ("减少", "增加") };
            self.diags.push(
                Diagnostic::new(
                    Rule::ReasonDirection,
                    format!(
                        "{what}比上年{moved} {} {}，但变动原因说的是{said}：“{reason}”",
                        money::fixed(diff.abs(), self.n.0.decimals, self.n.0.separators),
                        self.n.0.unit.label()
                    ),
                )
                .at(path.key("reason"))
                .hint("核对上年数和本年明细，或改写变动原因"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(this: &str, last: &str, expect: &str) {
        let n = Numbers(TextNumbers::default());
        let c = n.change(this.parse().unwrap(), last.parse().unwrap());
        assert_eq!(format!("{}{} {}{}%", c.verb, c.amount, c.trend, c.pct), expect, "{this} vs {last}");
    }

    /// The largest, most decreased and most increased entries compare printed figures:
    /// a fall hidden by rounding is no fall, the first of equals wins, and entries without
    /// last year's figure are never a change.
    #[test]
    fn extremes_compare_printed_figures() {
        let n = Numbers(TextNumbers::default());
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let entries = vec![
            ("a", d("10.004"), Some(d("10.001"))),
            ("b", d("30.00"), Some(d("50.00"))),
            ("c", d("30.00"), Some(d("40.00"))),
            ("d", d("5.00"), Some(d("25.00"))),
            ("e", d("1.00"), None),
            ("f", d("12.00"), Some(d("2.00"))),
        ];
        assert_eq!(extremes(&n, &entries), [Some("b"), Some("b"), Some("f")]);
        let flat = vec![("a", d("0.001"), Some(d("0.004"))), ("e", d("0"), None)];
        assert_eq!(extremes(&n, &flat), [None, None, None]);
    }

    #[test]
    fn base_names_are_the_base_context() {
        let mut names: Vec<&str> = BASE_NAMES.to_vec();
        names.sort_unstable();
        let facts =
            crate::facts::validate(&crate::input::Budget::default(), &crate::profile::Rules::default())
                .0
                .expect("an empty budget still has facts");
        let mut keys: Vec<String> = base(&facts, &[], &FormsSpec::default(), Numbers(TextNumbers::default()))
            .keys()
            .cloned()
            .collect();
        keys.extend(["has".to_owned(), "words".to_owned()]);
        keys.sort();
        assert_eq!(keys, names);
    }

    #[test]
    fn figures_equal_as_printed_are_the_same() {
        let n = Numbers(TextNumbers::default());
        let change = |this: &str, last: &str| n.change(this.parse().unwrap(), last.parse().unwrap());
        // 236.827 and 236.83 both print 236.83: 与上年相同, whatever the exact cents.
        assert!(change("236.83", "236.827").same);
        assert!(!change("236.84", "236.83").same);
        assert!(change("0", "0").same);
    }

    #[test]
    fn changes_follow_the_published_conventions() {
        check("398.468", "522", "减少123.53 下降23.66%");
        check("250.386", "11.91", "增加238.48 增长2,002.35%");
        check("8.5", "0", "增加8.50 增长100.00%");
        check("0", "0.11", "减少0.11 下降100.00%");
        check("4.6", "4.6", "增加0.00 增长0.00%");
        check("0", "0", "增加0.00 增长0.00%");
        check("53.075", "198", "减少144.92 下降73.19%");
    }

    #[test]
    fn shares_use_printed_figures() {
        let n = Numbers(TextNumbers::default());
        assert_eq!(n.share("398.468".parse().unwrap(), "700.558".parse().unwrap()), "56.88");
        assert_eq!(n.share(Decimal::ONE, Decimal::ZERO), "0.00");
    }

    #[test]
    fn amounts_print_in_the_narrative_unit() {
        let n = Numbers(TextNumbers {
            unit: MoneyUnit::Yuan,
            decimals: 0,
            percent_decimals: 1,
            separators: true,
            trim: false,
        });
        assert_eq!(n.amount("12.345678".parse().unwrap()), "123,457");
        assert_eq!(n.share("1".parse().unwrap(), "3".parse().unwrap()), "33.3");
    }

    #[test]
    fn trimmed_numbers_drop_the_zeros_of_their_decimals() {
        let n = Numbers(TextNumbers { percent_decimals: 1, trim: true, ..TextNumbers::default() });
        assert_eq!(n.amount("13.2".parse().unwrap()), "13.2");
        assert_eq!(n.amount(Decimal::ZERO), "0");
        assert_eq!(n.amount("66307.98".parse().unwrap()), "66,307.98");
        assert_eq!(n.amount("1200".parse().unwrap()), "1,200");
        assert_eq!(n.pct("34".parse().unwrap()), "34");
        assert_eq!(n.pct("23.46".parse().unwrap()), "23.5");
    }
}

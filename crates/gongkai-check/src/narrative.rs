//! The narrative checks: every amount, share and change the 情况说明 states, recomputed
//! from the tables and from its own figures at the printed precision.
//!
//! The text outside the tables is joined into one stream (lines wrap anywhere, even
//! inside a figure) and cut into sentences at `。`. A sentence is read as a sequence of
//! figures (`一般公共预算398.47万元`), shares (`占56.88%`), changes (`比上年预算减少
//! 123.53万元`, `下降23.66%`, `持平`) and a reason (`主要原因是…`, not read for figures).
//!
//! - An amount whose label names a row or a column of a table (`社会保障和就业支出`,
//!   `基本支出`) must be a figure that row or column prints; the same digits in the
//!   other unit are a 元/万元 slip (E722), others are wrong (E721). Amounts whose label
//!   names nothing in the tables are not compared (they are counted as not verified),
//!   nor, when the document has tables its profile does not read, amounts that differ
//!   from the tables read (the figure may be one of the others': the 三公 table's
//!   `公务接待费` is not the basic spending's); a unit slip is still one.
//! - A share is recomputed against the figure the list hangs on (`收入预算700.56万元，
//!   其中：`), or the sum of the listed figures.
//! - A change gives last year's figure (this year ∓ the change), so its percentage is
//!   recomputed; 增加 goes with 增长, 减少 with 下降, 持平 with no change; the reason must
//!   not argue the other way (the model's W415 test, here W726).

use gongkai_model::facts::reason_against;
use gongkai_model::money::{MoneyUnit, fixed};
use gongkai_model::rules::Rule;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::finding::Finding;
use crate::number::{number, unit};
use crate::read::Imported;
use crate::text::{Place, bare, squeeze};

/// What the narrative checks saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Amounts found in the text.
    pub amounts: usize,
    /// Of those, compared with a table.
    pub compared: usize,
    /// Shares recomputed.
    pub shares: usize,
    /// Changes recomputed.
    pub changes: usize,
}

/// One figure of a table, by the name people use for it.
#[derive(Debug, Clone)]
struct Entry {
    value: Decimal,
    table: String,
}

/// Names of rows and columns with their figures (万元).
struct Index {
    names: Vec<(String, Vec<Entry>)>,
    /// Every figure any table prints, in 万元.
    all: Vec<Decimal>,
}

impl Index {
    fn new(tables: &[Imported]) -> Index {
        let mut names: Vec<(String, Vec<Entry>)> = Vec::new();
        let mut all = Vec::new();
        let mut add = |name: String, value: Decimal, table: &str| {
            if name.chars().count() < 2 {
                return;
            }
            let entry = Entry { value, table: table.to_owned() };
            match names.iter_mut().find(|(n, _)| *n == name) {
                Some((_, v)) => v.push(entry),
                None => names.push((name, vec![entry])),
            }
        };
        for imp in tables {
            let t = &imp.table;
            let imp_balance = imp.balance.is_some();
            let (imp_left_labels, left_ids) = imp.balance.clone().unwrap_or_default();
            let amount_cols: Vec<usize> = (0..t.columns.len())
                .filter(|&c| t.columns[c].kind == gongkai_model::table::ColumnKind::Amount)
                .collect();
            // In a 收支 table each side's label names that side's figures.
            let side =
                |c: usize| t.columns[c].id.as_deref().is_some_and(|id| left_ids.contains(&id.to_owned()));
            for row in &t.rows {
                let texts: Vec<(usize, String)> = row
                    .cells
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| match c {
                        gongkai_model::table::Cell::Text(s) if !imp.periods.contains(&i) => {
                            Some((i, bare(s)))
                        }
                        _ => None,
                    })
                    .collect();
                for &c in &amount_cols {
                    let v = row.cells[c].amount();
                    all.push(v);
                    for (i, name) in &texts {
                        let labels_left = imp_left_labels.contains(i);
                        if imp_balance && labels_left != side(c) {
                            continue;
                        }
                        add(name.clone(), v, &t.number);
                    }
                    if row.key == "total" {
                        add(bare(&t.columns[c].label), v, &t.number);
                        // 小计 under 基本支出 is the 基本支出 figure.
                        let group = imp.groups.get(c).map(|g| bare(g)).unwrap_or_default();
                        if matches!(squeeze(&t.columns[c].label).as_str(), "小计" | "合计" | "总计")
                            && !group.is_empty()
                        {
                            add(group, v, &t.number);
                        }
                    }
                }
            }
        }
        Index { names, all }
    }

    /// The table figures a label names: the longest name the label ends with at a word
    /// boundary.
    fn lookup(&self, label: &str) -> Option<&[Entry]> {
        let label = strip_level(label);
        let mut best: Option<&(String, Vec<Entry>)> = None;
        for entry in &self.names {
            let name = &entry.0;
            let Some(before) = label.strip_suffix(name.as_str()) else { continue };
            let boundary = before.is_empty()
                || before.ends_with([
                    '，', '、', '：', '；', '（', '）', '和', '及', '与', '于', '为', '中', '是',
                ]);
            if boundary && best.is_none_or(|b| b.0.len() < name.len()) {
                best = Some(entry);
            }
        }
        best.map(|b| b.1.as_slice())
    }
}

/// `社会保障和就业支出（类）` → `社会保障和就业支出`.
fn strip_level(label: &str) -> String {
    let mut s = squeeze(label);
    for suffix in ["（类）", "（款）", "（项）", "(类)", "(款)", "(项)"] {
        if let Some(r) = s.strip_suffix(suffix) {
            s = r.to_owned();
        }
    }
    for suffix in ["预算数为", "预算数", "为"] {
        if let Some(r) = s.strip_suffix(suffix)
            && !r.is_empty()
        {
            s = r.to_owned();
            break;
        }
    }
    s
}

/// The narrative as one string, with the place of every character.
struct Stream {
    text: Vec<char>,
    places: Vec<usize>,
    lines: Vec<Place>,
}

impl Stream {
    fn new(lines: &[(Place, String)]) -> Stream {
        let mut text = Vec::new();
        let mut places = Vec::new();
        for (i, (_, line)) in lines.iter().enumerate() {
            for c in line.chars() {
                // Spaces inside a line are layout (`50,616.94 万元`), never words.
                if c.is_whitespace() {
                    continue;
                }
                text.push(c);
                places.push(i);
            }
        }
        Stream { text, places, lines: lines.iter().map(|(p, _)| p.clone()).collect() }
    }

    fn place(&self, at: usize) -> Place {
        self.places.get(at).and_then(|&l| self.lines.get(l).cloned()).unwrap_or_default()
    }
}

/// A piece of a sentence.
#[derive(Debug, Clone)]
enum Item {
    /// An amount with its label, value as printed, decimals and unit.
    Figure {
        label: String,
        value: Decimal,
        decimals: u32,
        unit: MoneyUnit,
        digits: String,
        at: usize,
        anchor: bool,
    },
    /// `占P%`.
    Share { value: Decimal, decimals: u32, at: usize },
    /// `比…增加/减少 D万元`.
    Change { up: bool, value: Decimal, unit: MoneyUnit, at: usize },
    /// `增长/下降 Q%`.
    Trend { up: bool, value: Decimal, decimals: u32, at: usize },
    /// `持平`.
    Flat { at: usize },
    /// `主要原因是…`.
    Reason { text: String },
}

/// Reads a number at `i`: (value, decimals, digits as printed, end).
fn number_at(s: &[char], i: usize) -> Option<(Decimal, u32, String, usize)> {
    let mut j = i;
    while j < s.len() && (s[j].is_ascii_digit() || s[j] == ',' || s[j] == '.') {
        j += 1;
    }
    // A trailing comma or point belongs to the sentence (`100.00，`, `5.`).
    while j > i && matches!(s[j - 1], ',' | '.') {
        j -= 1;
    }
    let text: String = s[i..j].iter().collect();
    let (v, d) = number(&text, true)?;
    Some((v, d, text, j))
}

fn starts(s: &[char], i: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    s.len() >= i + w.len() && s[i..i + w.len()] == w[..]
}

/// Reads one sentence into items.
fn items(s: &[char], offset: usize) -> Vec<Item> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut clause_start = 0;
    let mut previous_clause = String::new();
    let mut saw_compare = false;
    while i < s.len() {
        let c = s[i];
        if starts(s, i, "主要原因是") || starts(s, i, "主要原因：") || starts(s, i, "原因是") {
            // A reason runs to the end of its clause list (`；` starts the next item); its
            // figures are not the text's figures.
            let end = (i..s.len()).find(|&j| matches!(s[j], '；' | ';')).unwrap_or(s.len());
            let text: String = s[i..end].iter().collect();
            out.push(Item::Reason { text });
            i = end;
            continue;
        }
        if matches!(c, '，' | '；' | '：' | ',' | ';' | ':') {
            previous_clause = s[clause_start..i].iter().collect();
            clause_start = i + 1;
            i += 1;
            continue;
        }
        if c == '比' {
            saw_compare = true;
        }
        if starts(s, i, "持平") {
            out.push(Item::Flat { at: offset + i });
            i += 2;
            continue;
        }
        let verbs =
            [("增加", true, false), ("减少", false, false), ("增长", true, true), ("下降", false, true)];
        if let Some(&(word, up, trend)) = verbs.iter().find(|(w, _, _)| starts(s, i, w)) {
            let mut j = i + word.chars().count();
            if j < s.len() && s[j] == '了' {
                j += 1;
            }
            if let Some((v, d, _, end)) =
                (j < s.len() && s[j].is_ascii_digit()).then(|| number_at(s, j)).flatten()
            {
                if end < s.len() && matches!(s[end], '%' | '％') {
                    out.push(Item::Trend { up, value: v, decimals: d, at: offset + i });
                    i = end + 1;
                    continue;
                }
                let unit = unit_at(s, end);
                if let Some((unit, len)) = unit
                    && (saw_compare || trend)
                {
                    out.push(Item::Change { up, value: v, unit, at: offset + i });
                    i = end + len;
                    continue;
                }
            }
            i += word.chars().count();
            continue;
        }
        if c == '占' {
            // `占P%`, `占比P%`, `占…的P%` close by.
            let mut j = i + 1;
            while j < s.len() && j <= i + 12 && !s[j].is_ascii_digit() && !matches!(s[j], '，' | '。' | '；')
            {
                j += 1;
            }
            if let Some((v, d, _, end)) =
                (j < s.len() && s[j].is_ascii_digit()).then(|| number_at(s, j)).flatten()
                && end < s.len()
                && matches!(s[end], '%' | '％')
            {
                out.push(Item::Share { value: v, decimals: d, at: offset + j });
                i = end + 1;
                continue;
            }
        }
        if c.is_ascii_digit() && (i == 0 || !s[i - 1].is_ascii_digit() && s[i - 1] != '.' && s[i - 1] != ',')
        {
            if let Some((v, d, digits, end)) = number_at(s, i)
                && let Some((unit, len)) = unit_at(s, end)
            {
                let mut label: String = s[clause_start..i].iter().collect();
                if label.is_empty() {
                    label.clone_from(&previous_clause);
                }
                let after: String = s[end + len..(end + len + 4).min(s.len())].iter().collect();
                let anchor =
                    after.starts_with("，其中") || after.starts_with("其中") || after.starts_with("，包括");
                out.push(Item::Figure { label, value: v, decimals: d, unit, digits, at: offset + i, anchor });
                i = end + len;
                continue;
            }
            // Skip the whole number (a year, a count).
            while i < s.len() && (s[i].is_ascii_digit() || matches!(s[i], '.' | ',')) {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    out
}

/// `万元` or `元` at `i` (not `元以上`-style ranges: those are thresholds, not figures).
fn unit_at(s: &[char], i: usize) -> Option<(MoneyUnit, usize)> {
    let (unit, len) = if starts(s, i, "万元") {
        (MoneyUnit::Wan, 2)
    } else if starts(s, i, "元") {
        (MoneyUnit::Yuan, 1)
    } else {
        return None;
    };
    if starts(s, i + len, "以上") || starts(s, i + len, "以下") || starts(s, i + len, "及以上") {
        return None;
    }
    Some((unit, len))
}

fn wan(value: Decimal, unit: MoneyUnit) -> Decimal {
    match unit {
        MoneyUnit::Wan => value,
        MoneyUnit::Yuan => value / Decimal::from(10_000),
    }
}

fn round(v: Decimal, decimals: u32) -> Decimal {
    v.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

fn unit_word(unit: MoneyUnit) -> &'static str {
    if unit == MoneyUnit::Wan { "万元" } else { "元" }
}

/// Checks the narrative against the tables.
pub fn check(lines: &[(Place, String)], tables: &[Imported], partial: bool) -> (Vec<Finding>, Coverage) {
    let index = Index::new(tables);
    let stream = Stream::new(lines);
    let mut out = Vec::new();
    let mut cov = Coverage::default();
    let s = &stream.text;
    let mut start = 0;
    // The figure a list hangs on (`…700.56万元，其中：`), kept across sentences.
    let mut whole: Option<Decimal> = None;
    let mut group: Vec<Decimal> = Vec::new();
    let mut pending: Vec<(Decimal, u32, Decimal, usize)> = Vec::new();
    let mut shareless = false;
    for end in (0..=s.len()).filter(|&i| i == s.len() || s[i] == '。') {
        let sentence = &s[start..end];
        let found = items(sentence, start);
        start = end + 1;
        let mut last_figure: Option<(Decimal, MoneyUnit, u32, String)> = None;
        let mut last_change: Option<(bool, Decimal, usize)> = None;
        for item in &found {
            match item {
                Item::Figure { label, value, decimals, unit, digits, at, anchor } => {
                    cov.amounts += 1;
                    let v = wan(*value, *unit);
                    let place = stream.place(*at);
                    figure(&mut out, &mut cov, &index, label, v, *decimals, *unit, digits, &place, partial);
                    last_figure = Some((v, *unit, *decimals, label.clone()));
                    last_change = None;
                    // A figure without a share after a list of shares ends the list.
                    if shareless || *anchor {
                        settle(&mut out, &mut cov, &stream, whole, &group, &pending);
                        group.clear();
                        pending.clear();
                    }
                    if *anchor {
                        whole = Some(v);
                    }
                    shareless = true;
                }
                Item::Share { value, decimals, at } => {
                    if let Some((v, _, _, _)) = &last_figure {
                        shareless = false;
                        group.push(*v);
                        pending.push((*v, *decimals, *value, *at));
                    }
                }
                Item::Change { up, value, unit, at } => {
                    last_change = Some((*up, wan(*value, *unit), *at));
                }
                Item::Trend { up, value, decimals, at } => {
                    let place = stream.place(*at);
                    if let Some((cup, d, _)) = last_change {
                        if cup != *up && !d.is_zero() {
                            out.push(
                                Finding::new(
                                    Rule::CheckTextDirection,
                                    format!(
                                        "同一变动先说“{}”，又说“{}”",
                                        if cup { "增加" } else { "减少" },
                                        if *up { "增长" } else { "下降" }
                                    ),
                                )
                                .at(&place),
                            );
                            continue;
                        }
                        if let Some((this, _, _, _)) = &last_figure {
                            cov.changes += 1;
                            change(&mut out, *this, d, cup, *value, *decimals, &place);
                        }
                    }
                }
                Item::Flat { at } => {
                    if let Some((_, d, _)) = last_change
                        && !d.is_zero()
                    {
                        out.push(
                            Finding::new(
                                Rule::CheckTextDirection,
                                format!("说“持平”，但同一句给出的变动额为 {} 万元", fixed(d, 2, true)),
                            )
                            .at(&stream.place(*at)),
                        );
                    }
                }
                Item::Reason { text } => {
                    if let Some((up, d, at)) = last_change
                        && !d.is_zero()
                    {
                        let diff = if up { d } else { -d };
                        if reason_against(diff, text) {
                            out.push(
                                Finding::new(
                                    Rule::CheckTextReason,
                                    format!(
                                        "比上年{} {} 万元，但变动原因说的是{}：“{}”",
                                        if up { "增加" } else { "减少" },
                                        fixed(d, 2, true),
                                        if up { "减少" } else { "增加" },
                                        text.trim_end_matches('。')
                                    ),
                                )
                                .at(&stream.place(at)),
                            );
                        }
                    }
                }
            }
        }
    }
    settle(&mut out, &mut cov, &stream, whole, &group, &pending);
    (out, cov)
}

/// Checks the shares of one list: each must be its figure's share of the whole the list
/// hangs on, or of the list's own sum. A share that is neither is reported only when the
/// list's figures add up to that whole (so the whole is surely the one meant); otherwise
/// which whole the text means is unknown and the share is not verified.
fn settle(
    out: &mut Vec<Finding>,
    cov: &mut Coverage,
    stream: &Stream,
    whole: Option<Decimal>,
    group: &[Decimal],
    pending: &[(Decimal, u32, Decimal, usize)],
) {
    let sum: Decimal = group.iter().sum();
    let cent = Decimal::new(1, 2);
    let sure = whole.filter(|w| (*w - sum).abs() <= cent * Decimal::from(group.len() as u64));
    for &(part, decimals, printed, at) in pending {
        let wholes: Vec<Decimal> =
            whole.into_iter().chain(std::iter::once(sum)).filter(|w| !w.is_zero()).collect();
        let computed: Vec<Decimal> =
            wholes.iter().map(|w| round(part * Decimal::from(100) / w, decimals)).collect();
        if computed.contains(&printed) {
            cov.shares += 1;
            continue;
        }
        let Some(w) = sure.filter(|w| !w.is_zero()) else { continue };
        cov.shares += 1;
        let expected = round(part * Decimal::from(100) / w, decimals);
        let diff = printed - expected;
        let rule = if diff.abs() <= unit(decimals) { Rule::CheckTextRounding } else { Rule::CheckTextShare };
        let (p, e) = (
            format!("{}%", fixed(printed, decimals, false)),
            format!("{}%", fixed(expected, decimals, false)),
        );
        out.push(
            Finding::new(
                rule,
                format!(
                    "占比列示 {p}，按 {} 万元占 {} 万元计算为 {e}",
                    fixed(part, 2, true),
                    fixed(w, 2, true)
                ),
            )
            .at(&stream.place(at))
            .figures(p, e, fixed(diff, decimals, false)),
        );
    }
}

/// Checks a change: last year = this year ∓ the change; the percentage follows.
fn change(
    out: &mut Vec<Finding>,
    this: Decimal,
    d: Decimal,
    up: bool,
    pct: Decimal,
    decimals: u32,
    place: &Place,
) {
    let last = if up { this - d } else { this + d };
    if last.is_sign_negative() && !last.is_zero() {
        out.push(
            Finding::new(
                Rule::CheckTextChange,
                format!(
                    "本年 {} 万元比上年减少 {} 万元，上年数将为负数",
                    fixed(this, 2, true),
                    fixed(d, 2, true)
                ),
            )
            .at(place),
        );
        return;
    }
    // The documents' convention: growth from nothing is 100%.
    let expected = if last.is_zero() {
        if d.is_zero() { Decimal::ZERO } else { Decimal::from(100) }
    } else {
        round(d * Decimal::from(100) / last, decimals)
    };
    if expected == pct {
        return;
    }
    let diff = pct - expected;
    let rule = if diff.abs() <= unit(decimals) { Rule::CheckTextRounding } else { Rule::CheckTextChange };
    let (p, e) =
        (format!("{}%", fixed(pct, decimals, false)), format!("{}%", fixed(expected, decimals, false)));
    out.push(
        Finding::new(
            rule,
            format!(
                "增减幅度列示 {p}；本年 {} 万元、变动 {} 万元，上年应为 {} 万元，幅度为 {e}",
                fixed(this, 2, true),
                fixed(d, 2, true),
                fixed(last, 2, true)
            ),
        )
        .at(place)
        .figures(p, e, fixed(diff, decimals, false)),
    );
}

/// Checks one amount against the tables.
#[allow(clippy::too_many_arguments)]
fn figure(
    out: &mut Vec<Finding>,
    cov: &mut Coverage,
    index: &Index,
    label: &str,
    v: Decimal,
    decimals: u32,
    unit: MoneyUnit,
    digits: &str,
    place: &Place,
    partial: bool,
) {
    let printed = format!("{digits}{}", unit_word(unit));
    // The same digits read in the other unit, in 万元: `398.47元` read as 万元 is 398.47.
    let other_wan = match unit {
        MoneyUnit::Wan => v / Decimal::from(10_000),
        MoneyUnit::Yuan => v * Decimal::from(10_000),
    };
    let matches = |x: Decimal, target: Decimal| round(x, decimals) == round(target, decimals);
    let Some(entries) = index.lookup(label) else {
        // Named nothing: only a figure found nowhere, whose digits are a table's figure
        // in the other unit, is worth saying (a 元/万元 slip).
        let significant = digits.chars().filter(|c| c.is_ascii_digit()).skip_while(|c| *c == '0').count();
        if !v.is_zero()
            && significant >= 4
            && !index.all.iter().any(|&x| matches(x, v))
            && index.all.iter().any(|&x| !x.is_zero() && x == other_wan)
        {
            out.push(
                Finding::new(
                    Rule::CheckTextUnit,
                    format!("“{printed}”：表中有同样的数字，单位却是{}", unit_word(flip(unit))),
                )
                .at(place)
                .figures(
                    printed.clone(),
                    format!("{digits}{}", unit_word(flip(unit))),
                    String::new(),
                ),
            );
        }
        return;
    };
    if entries.iter().any(|e| matches(e.value, v)) {
        cov.compared += 1;
        return;
    }
    let name = strip_level(label);
    let name =
        index.names.iter().find(|(n, _)| name.ends_with(n.as_str())).map_or(name.clone(), |(n, _)| n.clone());
    if entries.iter().any(|e| !e.value.is_zero() && e.value == other_wan) {
        cov.compared += 1;
        out.push(
            Finding::new(
                Rule::CheckTextUnit,
                format!("“{name}”{printed}：表中为 {digits}{}，单位写错了", unit_word(flip(unit))),
            )
            .at(place)
            .figures(
                printed.clone(),
                format!("{digits}{}", unit_word(flip(unit))),
                String::new(),
            ),
        );
        return;
    }
    // With tables the profile does not read, the figure may be one of theirs (`公务接待费`
    // of the 三公 table, not the basic spending's): not verified.
    if partial {
        return;
    }
    cov.compared += 1;
    let mut values: Vec<(Decimal, &str)> = entries.iter().map(|e| (e.value, e.table.as_str())).collect();
    values.sort_by_key(|(x, _)| (*x - v).abs());
    values.dedup_by_key(|(x, _)| *x);
    let (best, table) = values[0];
    let expected = format!("{}万元", fixed(best, 2, true));
    let shown: Vec<String> =
        values.iter().take(3).map(|(x, t)| format!("{t} {}", fixed(*x, 2, true))).collect();
    out.push(
        Finding::new(Rule::CheckTextAmount, format!("“{name}”文中为 {printed}，表中为 {}", shown.join("、")))
            .at(place)
            .cell_of(table, Some(name.clone()), None)
            .figures(printed, expected, fixed(v - best, 2, true)),
    );
}

fn flip(unit: MoneyUnit) -> MoneyUnit {
    if unit == MoneyUnit::Wan { MoneyUnit::Yuan } else { MoneyUnit::Wan }
}

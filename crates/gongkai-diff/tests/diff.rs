//! The change list of two analysed documents, checked against differences the tests
//! derive themselves: the tables compared cell by cell, the narrative as sets of sentences.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_diff::{Changes, SentenceKind, Side, Snapshot, TableStatus, diff};
use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::diag::Diagnostic;
use gongkai_model::document::{Block, Document};
use gongkai_model::table::Table;

fn example() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/changji-epmc-2025.yaml"))
        .unwrap()
}

/// The document a YAML text publishes, and its findings.
fn analysed(text: &str) -> (Document, Vec<Diagnostic>) {
    let parsed = gongkai_yaml::parse(text.as_bytes(), "t.yaml").unwrap();
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    let analysis = gongkai_model::analyse(&parsed.value, &profile);
    assert!(
        !analysis.has_errors(),
        "{:#?}",
        analysis.diagnostics.iter().filter(|d| d.is_error()).collect::<Vec<_>>()
    );
    let templates = gongkai_templates::Templates::new(&profile, &[]).unwrap();
    let doc =
        gongkai_templates::document(analysis.facts.as_ref().unwrap(), &profile, &analysis.tables, &templates)
            .unwrap();
    (doc, analysis.diagnostics)
}

fn changes(old: &str, new: &str) -> (Changes, Document, Document) {
    let ((a, fa), (b, fb)) = (analysed(old), analysed(new));
    let c = diff(Side { document: &a, findings: &fa }, Side { document: &b, findings: &fb });
    (c, a, b)
}

/// The example with one text replaced (which must occur exactly once).
fn edited(from: &str, to: &str) -> String {
    let text = example();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    text.replace(from, to)
}

/// Every grid (tables and forms) by id.
fn grids(doc: &Document) -> BTreeMap<String, &Table> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Form { table, .. } => Some(table),
            _ => None,
        })
        .map(|t| (t.id.clone(), t))
        .collect()
}

/// (table, row key, column) of every cell that differs, for rows both documents have.
fn changed_cells(a: &Document, b: &Document) -> BTreeSet<(String, String, usize)> {
    let (ga, gb) = (grids(a), grids(b));
    let mut out = BTreeSet::new();
    for (id, tb) in &gb {
        let Some(ta) = ga.get(id) else { continue };
        for rb in &tb.rows {
            let Some(ra) = ta.rows.iter().find(|r| r.key == rb.key) else { continue };
            for (c, (x, y)) in ra.cells.iter().zip(&rb.cells).enumerate() {
                if x != y {
                    out.insert((id.clone(), rb.key.clone(), c));
                }
            }
        }
    }
    out
}

fn reported_cells(c: &Changes) -> BTreeSet<(String, String, usize)> {
    c.tables.iter().flat_map(|t| t.cells.iter().map(|x| (t.id.clone(), x.row.key.clone(), x.col))).collect()
}

/// The narrative's sentences (cut after 。；), without tables and forms.
fn sentences(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |text: &str| {
        let mut cur = String::new();
        for ch in text.chars() {
            cur.push(ch);
            if ch == '。' || ch == '；' {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur);
        }
    };
    for b in &doc.blocks {
        match b {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => add(text),
            Block::List { items } => items.iter().for_each(|i| add(i)),
            _ => {}
        }
    }
    out
}

/// Sentences of `a` that `b` does not have (as many times as they are missing).
fn missing(a: &[String], b: &[String]) -> BTreeSet<String> {
    let mut left: BTreeMap<&str, usize> = BTreeMap::new();
    for s in b {
        *left.entry(s).or_default() += 1;
    }
    let mut out = BTreeSet::new();
    for s in a {
        match left.get_mut(s.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                out.insert(s.clone());
            }
        }
    }
    out
}

fn reported_new(c: &Changes) -> BTreeSet<String> {
    c.narrative.iter().filter_map(|s| s.new.as_ref()).map(|m| m.text.clone()).collect()
}

fn reported_old(c: &Changes) -> BTreeSet<String> {
    c.narrative.iter().filter_map(|s| s.old.as_ref()).map(|m| m.text.clone()).collect()
}

#[test]
fn the_example_against_itself_has_no_change() {
    let (c, _, _) = changes(&example(), &example());
    assert!(c.identical);
    assert!(c.is_empty());
    assert!(c.tables.is_empty() && c.narrative.is_empty() && c.document.is_empty());
}

#[test]
fn one_changed_amount_shows_every_affected_cell_and_sentence() {
    // 职业年金 51,700.00 元 → 61,700.00 元.
    let new = edited(
        "source: 一般公共预算, amount: 51700.00}   # 职业年金",
        "source: 一般公共预算, amount: 61700.00}   # 职业年金",
    );
    let (c, a, b) = changes(&example(), &new);
    assert!(!c.identical);
    let expected = changed_cells(&a, &b);
    assert!(expected.len() > 10, "an amount feeds many tables: {expected:?}");
    let tables: BTreeSet<&str> = expected.iter().map(|(t, _, _)| t.as_str()).collect();
    assert!(tables.contains("t1") && tables.contains("t3") && tables.contains("t6"), "{tables:?}");
    assert_eq!(reported_cells(&c), expected);
    // The function code's row is named by its code and name, the column by its header.
    let t3 = c.tables.iter().find(|t| t.id == "t3").unwrap();
    let cell = t3.cells.iter().find(|x| x.row.key == "2080506" && x.column.ends_with("合计")).unwrap();
    assert!(cell.row.name.contains("职业年金"), "{:?}", cell.row);
    assert_eq!((cell.old.printed.as_str(), cell.new.printed.as_str()), ("5.17", "6.17"));
    assert_eq!(cell.new.exact, Some("6.17".parse().unwrap()));

    // Sentences: exactly those whose text differs, each side.
    let (sa, sb) = (sentences(&a), sentences(&b));
    assert_eq!(reported_new(&c), missing(&sb, &sa));
    assert_eq!(reported_old(&c), missing(&sa, &sb));
    assert!(c.narrative.iter().all(|s| s.kind == SentenceKind::Changed));
    // The changed figures are marked; 5.17 → 6.17 is one of them.
    assert!(c.narrative.iter().any(|s| s.figures.iter().any(|f| f.old == "5.17" && f.new == "6.17")));
    for s in &c.narrative {
        assert!(!s.figures.is_empty(), "an amount edit changes figures only: {s:?}");
        let new = s.new.as_ref().unwrap();
        assert!(new.parts.iter().filter(|p| p.changed).all(|p| p.figure), "{new:?}");
        assert_eq!(new.parts.iter().map(|p| p.text.as_str()).collect::<String>(), new.text);
    }
}

#[test]
fn an_edited_text_shows_only_its_sentence() {
    let new = edited("技术支持和咨询服务。", "技术支持、培训和咨询服务。");
    let (c, a, b) = changes(&example(), &new);
    assert!(!c.identical);
    assert!(c.tables.is_empty(), "{:#?}", c.tables);
    assert_eq!(c.narrative.len(), 1, "{:#?}", c.narrative);
    let s = &c.narrative[0];
    assert_eq!(s.kind, SentenceKind::Changed);
    assert_eq!(s.section, "一、主要职能");
    assert!(s.figures.is_empty());
    let marked: String =
        s.new.as_ref().unwrap().parts.iter().filter(|p| p.changed).map(|p| p.text.as_str()).collect();
    assert_eq!(marked, "、培训");
    assert_eq!(reported_new(&c), missing(&sentences(&b), &sentences(&a)));
}

#[test]
fn a_line_with_a_new_code_shows_rows_that_appeared() {
    // A new 项 under 208 05: 机关事业单位基本养老保险缴费 exists; 2080599 其他 is new.
    let line =
        "  - {func: 2080506, econ: 30109, kind: 基本, source: 一般公共预算, amount: 51700.00}   # 职业年金\n";
    let added = "  - {func: 2080599, econ: 30199, kind: 基本, source: 一般公共预算, amount: 1000.00}\n";
    let item = "    - {code: 2080506, amount: 40500.00";
    let new = edited(line, &format!("{line}{added}"))
        .replace(item, &format!("    - {{code: 2080599, amount: 0, reason: 上年未安排}}\n{item}"));
    let (c, a, b) = changes(&example(), &new);
    let (ga, gb) = (grids(&a), grids(&b));
    for (id, tb) in &gb {
        let ta = ga[id];
        let keys: BTreeSet<&str> = ta.rows.iter().map(|r| r.key.as_str()).collect();
        let appeared: BTreeSet<&str> =
            tb.rows.iter().map(|r| r.key.as_str()).filter(|k| !keys.contains(k)).collect();
        let reported: BTreeSet<&str> = c
            .tables
            .iter()
            .filter(|t| t.id == *id)
            .flat_map(|t| t.rows_appeared.iter().map(|r| r.key.as_str()))
            .collect();
        assert_eq!(reported, appeared, "{id}");
    }
    let t3 = c.tables.iter().find(|t| t.id == "t3").unwrap();
    let row = t3.rows_appeared.iter().find(|r| r.key == "2080599").expect("the new 项 row");
    assert!(row.code.contains("99"), "{row:?}");
    assert_eq!(reported_cells(&c), changed_cells(&a, &b));
}

#[test]
fn a_table_that_gets_rows_is_no_longer_empty_and_findings_follow() {
    // A 政府性基金 line makes 表8 non-empty.
    let line =
        "  - {func: 2080506, econ: 30109, kind: 基本, source: 一般公共预算, amount: 51700.00}   # 职业年金\n";
    let fund = "  - {func: 2120801, econ: 30201, kind: 基本, source: 政府性基金, amount: 20000.00}\n";
    let income = "  income:\n";
    let last = "  income:\n    fund:\n      amount: 0\n      reason: 上年未安排\n";
    let new = edited(line, &format!("{line}{fund}")).replacen(income, last, 1);
    let ((a, fa), (b, fb)) = (analysed(&example()), analysed(&new));
    let c = diff(Side { document: &a, findings: &fa }, Side { document: &b, findings: &fb });
    let t8 = c.tables.iter().find(|t| t.id == "t8").unwrap();
    assert_eq!(t8.status, TableStatus::BecameNonEmpty);
    assert!(!t8.rows_appeared.is_empty());
    // And back: it becomes empty; the findings that appeared now went.
    let back = diff(Side { document: &b, findings: &fb }, Side { document: &a, findings: &fa });
    let t8 = back.tables.iter().find(|t| t.id == "t8").unwrap();
    assert_eq!(t8.status, TableStatus::BecameEmpty);
    assert_eq!(back.findings.went, c.findings.appeared);
    assert_eq!(back.findings.appeared, c.findings.went);
}

#[test]
fn a_finding_that_appears_is_reported() {
    // A reason arguing the opposite direction of a figure that grew: W415 appears.
    let new = edited("reason: 部分项目合同约定尾款", "reason: 压减各项经费支出，部分项目合同约定尾款");
    let ((a, fa), (b, fb)) = (analysed(&example()), analysed(&new));
    let c = diff(Side { document: &a, findings: &fa }, Side { document: &b, findings: &fb });
    let ids = |v: &[Diagnostic]| v.iter().map(|d| d.rule.clone()).collect::<Vec<_>>();
    let before = fa.iter().filter(|d| d.rule == "W415").count();
    let after = fb.iter().filter(|d| d.rule == "W415").count();
    assert!(after > before, "the edit must add a W415");
    assert_eq!(ids(&c.findings.appeared), vec!["W415"; after - before]);
    assert!(c.findings.went.is_empty());
}

#[test]
fn snapshots_round_trip_and_refuse_other_versions() {
    let (doc, findings) = analysed(&example());
    let snap = Snapshot::new(doc, findings);
    let back = Snapshot::from_json(&snap.to_json()).unwrap();
    assert_eq!(back, snap);
    assert!(diff(snap.side(), back.side()).is_empty());
    let other = String::from_utf8(snap.to_json()).unwrap().replacen("\"version\":1", "\"version\":99", 1);
    assert!(Snapshot::from_json(other.as_bytes()).is_err());
    assert!(Snapshot::from_json(b"{}").is_err());
}

//! The built-in `fujian` profile reproduces 泉州市公安局's 2026 disclosure (一、收支预算总表 …
//! 十、一般公共预算“三公”经费支出预算表) row for row.
//!
//! `tests/fixtures/fujian-2026/tables.txt` holds every printed row of the ten tables,
//! transcribed mechanically from the reference text (`scripts/fujian-fixture.sh` checks it
//! against the text); the input beside it reconstructs the budget lines and last year's
//! figures. Every derived row must print exactly the transcribed one: codes, labels,
//! amounts as printed (0.00 for zero, no thousands separators). Where the reference prints
//! a name otherwise than the catalogue, [`PRINTED_OTHERWISE`] lists it; what the profile
//! does not print yet is in [`NOT_YET`] and [`TEXT_NOT_YET`], each asserted to be missing.
//! The 25 项目支出绩效目标表 and the 部门整体支出绩效目标表 of 七 are compared form by form
//! (titles, amounts, every indicator); the amounts the 部门整体 form prints against the
//! tables are in [`FORMS_PRINTED_OTHERWISE`].

use std::collections::BTreeMap;

use gongkai_model::Analysis;
use gongkai_model::table::{ColumnKind, Orientation, RowKind, Table};
use gongkai_model::text::printed_rows;

use crate::common::{
    Printed, analysed, assert_example_total_under, checks_and_renders, forms_of, gongkai, narrative_of,
    numbers_of, rendered_json, root, squash, transcribed, wrapped_in,
};

const DIR: &str = "tests/fixtures/fujian-2026";
const INPUT: &str = "quanzhou-gonganju-2026.yaml";
const REFERENCE: &str =
    "../shared/reference/regions/27-fujian-quanzhou-public-security-bureau-2026-dept-budget.txt";

fn fixture() -> BTreeMap<String, Printed> {
    transcribed(DIR, "tables.txt")
}

/// Names the reference prints otherwise than the catalogue (table, as printed, as we
/// print it): 表九 writes 30213 with ASCII parentheses, every other name of the document
/// and the catalogue with full-width ones.
const PRINTED_OTHERWISE: &[(&str, &str, &str)] = &[("t9", "维修(护)费", "维修（护）费")];

/// Tables of the reference the profile does not print yet, with the reason (none: all ten
/// tables print every row). The test asserts a listed table really differs.
const NOT_YET: &[(&str, &str)] = &[];

/// The input analysed with the fujian profile.
fn analysis() -> Analysis {
    analysed("fujian", DIR, INPUT)
}

/// The rows a derived table prints that carry something.
fn rows(table: &Table) -> Vec<Vec<String>> {
    printed_rows(table).into_iter().filter(|r| r.iter().any(|c| !c.is_empty())).collect()
}

/// A printed label as we print it: the reference's own variants of catalogue names mapped.
fn as_ours(table: &str, label: &str) -> String {
    let label = squash(label);
    PRINTED_OTHERWISE
        .iter()
        .find(|(t, printed, _)| *t == table && squash(printed) == label)
        .map_or(label, |(_, _, ours)| squash(ours))
}

/// Whether a derived table prints exactly the transcribed rows; the first difference.
fn compare(table: &Table, want: &Printed) -> Result<usize, String> {
    let got = rows(table);
    let is_amount: Vec<bool> = table.columns.iter().map(|c| c.kind == ColumnKind::Amount).collect();
    for (i, (line, labels, cells)) in want.rows.iter().enumerate() {
        let Some(g) = got.get(i) else { return Err(format!("source line {line}: no row {i}")) };
        let got_labels: Vec<String> =
            g.iter().zip(&is_amount).filter(|(c, a)| !**a && !c.is_empty()).map(|(c, _)| squash(c)).collect();
        let want_labels: Vec<String> =
            labels.iter().filter(|l| !l.is_empty()).map(|l| as_ours(&table.id, l)).collect();
        if got_labels != want_labels {
            return Err(format!("source line {line}: texts {got_labels:?}, printed {want_labels:?}"));
        }
        let got_figures: Vec<&String> =
            g.iter().zip(&is_amount).filter(|(_, a)| **a).map(|(c, _)| c).collect();
        // Figures exactly as the transcription has them: 0.00 for zero, no separators.
        let want_figures: Vec<String> = cells.iter().map(|c| c.clone().unwrap_or_default()).collect();
        if got_figures != want_figures.iter().collect::<Vec<_>>() {
            return Err(format!("source line {line}: figures {got_figures:?}, printed {want_figures:?}"));
        }
    }
    if got.len() != want.rows.len() {
        return Err(format!("{} rows, printed {}", got.len(), want.rows.len()));
    }
    Ok(want.rows.len())
}

#[test]
fn every_printed_row_of_the_ten_tables() {
    let analysis = analysis();
    let fixture = fixture();
    assert_eq!(fixture.len(), 10);
    let mut compared = 0;
    for (id, want) in &fixture {
        let not_yet = NOT_YET.iter().find(|(t, _)| t == id);
        let Some(table) = analysis.tables.iter().find(|t| &t.id == id) else {
            assert!(not_yet.is_some(), "{}: not printed", want.title);
            continue;
        };
        // The reference prints no table numbers; its titles carry the year with a space
        // (“2026 年度收支预算总表”).
        assert_eq!(table.number, "", "{id}");
        assert_eq!(squash(&table.title), squash(&want.title), "{id}");
        let leaves: Vec<String> = table.columns.iter().map(|c| squash(&c.label)).collect();
        let want_leaves: Vec<String> = want.header.iter().map(|h| squash(h)).collect();
        assert_eq!(leaves, want_leaves, "{} header", table.title);
        assert_eq!(table.empty_note, want.empty, "{}: empty-table sentence", table.title);
        assert_eq!(table.notes, want.notes, "{}: notes under the table", table.title);
        match (compare(table, want), not_yet) {
            (Ok(n), None) => compared += n,
            (Err(e), None) => panic!("{}: {e}", table.title),
            (Ok(_), Some((_, why))) => panic!("{} is printed now ({why}): take it off NOT_YET", table.title),
            (Err(_), Some(_)) => {}
        }
    }
    assert_eq!(compared, 154, "every transcribed row of the ten tables was compared");
    // The variants listed are really printed so by the reference, and otherwise by us.
    for (id, printed, ours) in PRINTED_OTHERWISE {
        assert!(fixture[*id].rows.iter().any(|(_, l, _)| l.iter().any(|l| l == printed)), "{printed}");
        let table = analysis.tables.iter().find(|t| t.id == *id).unwrap();
        assert!(rows(table).iter().any(|r| r.iter().any(|c| c == ours)), "{ours}");
    }
}

#[test]
fn the_tables_follow_the_printed_layout() {
    let analysis = analysis();
    assert_eq!(analysis.tables.len(), 10);
    // 表二 and 表三 are printed on landscape pages, the other eight portrait.
    let landscape = ["t2", "t3"];
    for table in &analysis.tables {
        assert_eq!(table.org_line(), None, "{}: no 编制单位 line", table.title);
        assert_eq!(table.unit_line().as_deref(), Some("单位：万元"), "{}", table.title);
        let want = if landscape.contains(&table.id.as_str()) {
            Orientation::Landscape
        } else {
            Orientation::Portrait
        };
        assert_eq!(table.layout.orientation, want, "{}", table.title);
        if let Some(first) = table.rows.first()
            && !matches!(table.id.as_str(), "t1" | "t4")
        {
            assert_eq!(first.kind, RowKind::Total, "{}: total on top", table.title);
        }
        // No 栏次 row, and no rounding note under any table.
        assert!(!table.header.iter().any(|h| h.text == "栏次"), "{}", table.title);
        assert!(table.notes.is_empty(), "{}", table.title);
    }
    // Zero cells print 0.00, large figures without separators.
    let t1 = analysis.tables.iter().find(|t| t.id == "t1").unwrap();
    let printed = rows(t1);
    assert!(printed.iter().flatten().any(|c| c == "81206.56"), "{printed:?}");
    assert!(printed.iter().flatten().filter(|c| *c == "0.00").count() > 25, "{printed:?}");
    // The function tables list 项 only: no 类 or 款 row.
    for id in ["t3", "t5"] {
        let t = analysis.tables.iter().find(|t| t.id == id).unwrap();
        let codes: Vec<String> = rows(t).iter().skip(1).map(|r| r[0].clone()).collect();
        assert!(codes.iter().all(|c| c.len() == 7), "{id}: {codes:?}");
    }
}

#[test]
fn the_profile_checks_and_renders_in_all_three_formats() {
    checks_and_renders("fujian", &root().join(DIR).join(INPUT));
}

/// The example renders under fujian (findings are allowed, a crash is not), and its
/// 收支预算总表 total equals its xinjiang-11 表1 total in 万元.
#[test]
fn the_example_renders_under_fujian_with_the_same_total() {
    assert_example_total_under("fujian");
}

/// Texts of the reference's 情况说明 the profile does not print yet, each with the reason;
/// each must really be missing from our narrative, so the list can only shrink.
const TEXT_NOT_YET: &[(&str, &str)] = &[
    (
        "主要用于武警支队装备购置支出",
        "二 says what each 项 is mainly for (“主要用于……”): the input has no text per function item",
    ),
    (
        "按照党中央、国务院和省委、省政府关于过紧日子的有关要求",
        "二's paragraph on 过紧日子 is the department's own text; the input has no field for it",
    ),
    (
        "伙食补助费",
        "五 lists the standard items of 人员经费 and 公用经费 (伙食补助费, 职业年金缴费 … not in 表九); we list the 款 of 表九",
    ),
    (
        "机要通信用车53辆",
        "八（三） splits the 343 vehicles into 机要通信 53, 应急保障 4, 特种专业技术 9 (and the 31 planned ones): the input has 执法执勤 and 其他 only",
    ),
    (
        "泉州市公安局（本级）泉州市公安局天湖山分局泉州市看守所",
        "第一部分 二 lists the units in another order than 表二 (天湖山分局, 看守所, 油城分局 …); the input has one order, 表二's",
    ),
    (
        "32个机关行政科室",
        "第一部分 二 counts 32 offices; their names are not published, so the input lists none",
    ),
    (
        "部门预算编码301",
        "七's 部门整体支出绩效目标表 prints the department's 部门预算编码 (301): the input has no such code",
    ),
];

/// The reference's 第三部分 without the performance-target forms of 七 (their figures are
/// targets, not budget figures), running headers and page numbers.
fn reference_prose(reference: &str) -> String {
    let from = reference.rfind("第三部分").unwrap();
    let to = reference.rfind("第四部分").filter(|t| *t > from).unwrap_or(reference.len());
    let part = &reference[from..to];
    let forms_from = part.find("1.项目支出绩效目标表").unwrap();
    let forms_to = part.find("3.有关情况说明").unwrap();
    let text = format!("{}{}", &part[..forms_from], &part[forms_to..]);
    text.lines().filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit())).collect::<Vec<_>>().join("")
}

#[test]
#[allow(clippy::print_stderr)] // The skip message, and how much of the narrative is printed.
fn the_narrative_states_the_figures_of_the_reference() {
    let path = root().join(REFERENCE);
    let Ok(reference) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: the reference text {} is absent", path.display());
        return;
    };
    let prose = reference_prose(&reference);
    let stated: Vec<String> =
        numbers_of(&prose).into_iter().filter(|f| f.contains('.') || f.ends_with('%')).collect();
    assert!(stated.len() > 60, "{} figures found in the reference's 第三部分", stated.len());

    let doc = rendered_json(&root().join(DIR).join(INPUT));
    let ours = narrative_of(&doc);
    // Every stated figure, in the order the reference states it, is among ours.
    let printed = numbers_of(&ours);
    let missing: Vec<&String> = stated.iter().filter(|f| !printed.contains(f)).collect();
    assert!(missing.is_empty(), "stated in the reference, not in our narrative: {missing:?}");
    let ours_squashed = squash(&ours);
    for (text, why) in TEXT_NOT_YET {
        assert!(
            !ours_squashed.contains(&squash(text)),
            "{text} is printed now ({why}): take it off TEXT_NOT_YET"
        );
    }
    eprintln!("all {} figures the reference narrative states are printed", stated.len());
}

/// The narrative's sentences with their figures, in the reference's wording.
#[test]
fn the_narrative_says_what_the_reference_says() {
    let ours = squash(&narrative_of(&rendered_json(&root().join(DIR).join(INPUT))));
    for sentence in [
        "2026年,泉州市公安局部门收入预算为81206.56万元，比上年增加592.82万元，主要原因是增加办案业务经费。",
        "相应安排支出预算81206.56万元，比上年增加592.82万元，主要原因是增加办案业务支出。",
        "基本支出51691.74万元、项目支出29514.82万元、事业单位经营支出0.00万元、上缴上级支出0.00万元、对附属单位补助支出0.00万元，结转下年支出0.00万元。",
        "2026年度一般公共预算拨款支出69059.36万元，比上年减少2493.38万元，降低3.48%，主要原因是：减少了科技强警等项目支出。",
        "（一）2040101-武装警察部队427.93万元。",
        "（十八）2210203-购房补贴99.82万元。",
        "本部门2026年度没有使用政府性基金预算拨款安排的支出。",
        "本部门2026年度没有使用国有资本经营预算拨款安排的支出。",
        "2026年度一般公共预算拨款基本支出51691.74万元，其中：",
        "（一）人员经费46290.94万元，主要包括：",
        "（二）公用经费5400.80万元，主要包括：",
        "2026年预算安排0.00万元，比上年增加0.00万元，增长0.00%，与上年持平。主要原因是:本年没有出国出境经费预算安排。",
        "2026年预算安排16.32万元，比上年减少0.10万元，下降0.61%。主要原因是:厉行节俭节约，严格控制公务接待支出。",
        "2026年预算安排1683.85万元，其中：公务用车运行费1188.00万元，比上年增加168.00万元，增长16.47%；公务用车购置费495.85万元，比上年增加55.85万元，增长12.69%。",
        "2026年泉州市公安局一般公共预算拨款安排的机关运行经费支出4933.55万元，比上年减少117.72万元，降低2.33%。主要原因是：厉行节俭节约，压缩办公费、一般性支出等。",
        "2026年泉州市公安局政府采购预算总额5611.94万元，其中：政府采购货物预算1499.32万元、政府采购工程预算1349.00万元、政府采购服务预算2763.62万元。",
        "2026年，泉州市公安局委托业务费预算总额52.40万元。",
    ] {
        // The reference mixes half- and full-width colons and commas after 主要原因是 and 年.
        let norm = |s: &str| squash(s).replace(':', "：").replace(',', "，");
        assert!(norm(&ours).contains(&norm(sentence)), "not in our narrative: {sentence}");
    }
}

/// Figures of the 部门整体支出绩效目标表 that disagree with the tables (label, as printed,
/// as we print it from the lines): 资金总额 81562.56 and 基本支出 52047.74, where 表一 and
/// 表三 have 81206.56 and 51691.74 (356.00 more 基本支出; 项目支出 29514.82 agrees).
const FORMS_PRINTED_OTHERWISE: &[(&str, &str, &str)] =
    &[("资金总额", "81562.56", "81206.56"), ("基本支出", "52047.74", "51691.74")];

#[test]
fn the_performance_forms_of_the_reference() {
    let path = root().join(REFERENCE);
    let Ok(reference) = std::fs::read_to_string(&path) else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("skipped: the reference text {} is absent", path.display());
        }
        return;
    };
    let lines: Vec<&str> = reference.lines().collect();
    // Each printed form: its title (the lines above 资金总额 back to the page number or the
    // heading), its three amounts, and its text up to the next form.
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].contains("资金总额")).collect();
    let mut printed = Vec::new();
    for (k, &i) in starts.iter().enumerate() {
        let mut j = i;
        let mut title = String::new();
        while j > 0 {
            j -= 1;
            let l = lines[j].trim();
            if l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty() || l.ends_with("项目支出绩效目标表")
            {
                break;
            }
            title = format!("{l}{title}");
        }
        let figure = |n: usize| numbers_of(lines[n]).last().cloned().unwrap_or_default();
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        printed.push((
            squash(&title),
            [figure(i), figure(i + 2), figure(i + 4)],
            squash(&lines[i..end].join("")),
        ));
    }
    let overall = printed.pop().unwrap();
    assert_eq!(printed.len(), 25, "project forms in the reference");

    let ours = forms_of(&rendered_json(&root().join(DIR).join(INPUT)));
    assert_eq!(ours.len(), 26);
    // The projects' forms first, then the department's, as the reference prints them.
    let (our_overall, our_projects) = (ours.last().unwrap(), &ours[..25]);
    assert_eq!(our_overall.0, "部门整体支出绩效目标表", "@forms overall after @forms projects");
    let (mut indicators, mut whole) = (0, 0);
    for ((title, rows), (want_title, amounts, text)) in our_projects.iter().zip(&printed) {
        // Title parts split over lines lose their spaces: compare without them.
        assert_eq!(&squash(title), want_title);
        let ours: Vec<String> = rows[..3].iter().map(|r| r.last().unwrap().clone()).collect();
        assert_eq!(&ours, amounts, "{title}: 资金总额, 财政拨款, 其他资金");
        // Every indicator's 三级指标 and 目标值 is printed in the form's text.
        let label = rows.iter().position(|r| r.iter().any(|c| c == "三级指标")).unwrap();
        for r in &rows[label + 1..] {
            let (name, value) = (&r[r.len() - 2], &r[r.len() - 1]);
            for cell in [name, value] {
                let cell = squash(cell);
                if text.contains(&cell) {
                    whole += 1;
                } else {
                    assert!(wrapped_in(text, &cell), "{title}: {name} = {value}: {cell} not in the form");
                }
            }
            indicators += 1;
        }
    }
    assert!(indicators > 150, "{indicators} indicators compared");
    // Most cells are printed on one line; the rest wrap, interleaved with their neighbours.
    assert!(whole * 10 > indicators * 2 * 9, "{whole} of {} cells found whole", indicators * 2);

    // 部门整体支出绩效目标表: 项目支出 and 其他资金 agree; 资金总额 and 基本支出 are the
    // reference's own slips (listed), printed by us from the lines.
    let (_, rows) = our_overall;
    let amount =
        |label: &str| rows.iter().find(|r| r.iter().any(|c| c == label)).unwrap().last().unwrap().clone();
    assert_eq!(amount("项目支出"), "29514.82");
    assert_eq!(amount("其他资金"), "0.00");
    assert!(overall.2.contains("项目支出29514.82") && overall.2.contains("其他资金0.00"));
    for (label, theirs, ours) in FORMS_PRINTED_OTHERWISE {
        assert!(overall.2.contains(&format!("{label}{theirs}")), "the reference prints {label} {theirs}");
        assert_eq!(amount(label), *ours, "{label}");
    }
    let label = rows.iter().position(|r| r.iter().any(|c| c == "三级指标")).unwrap();
    assert_eq!(rows.len() - label - 1, 9, "the department's nine indicators");
    for r in &rows[label + 1..] {
        for cell in &r[r.len() - 2..] {
            assert!(wrapped_in(&overall.2, &squash(cell)), "{r:?}");
        }
    }
}

/// `gongkai check` reads the published PDF with this profile: all ten tables, every row,
/// and finds nothing wrong. (The part headings “一、收支预算总表” above the titles are
/// noted as tables the profile does not hold, I706: hints only.)
#[test]
#[allow(clippy::print_stderr)] // The skip message.
fn check_reads_the_published_pdf_row_for_row() {
    let pdf = root().join(
        "../shared/reference/regions/pdf/27-fujian-quanzhou-public-security-bureau-2026-dept-budget.pdf",
    );
    if !pdf.exists() {
        eprintln!("skipped: the reference PDF {} is absent", pdf.display());
        return;
    }
    let out = gongkai(&["check", pdf.to_str().unwrap(), "--profile", "fujian"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("找到 10/10 张表，读取 154/154 行"), "{text}");
    assert!(text.contains("核对通过（0 个警告"), "{text}");
}

//! The built-in `shaanxi` profile reproduces 西安市人民政府办公厅's 2026 部门综合预算 (西安市,
//! 16 tables in 元, narrative in 万元) for the tables it prints, row for row.
//!
//! `tests/fixtures/shaanxi-2026/tables.txt` holds every printed row of the 报表目录 register
//! (whether each table is empty, and why, derived once the tables are built), 表1–表10 and 表13
//! (表6 and 表8 print each 部门经济科目 款 beside its 政府经济科目; 表1, 表4 and 表9 are 收支
//! tables of four panes, the empty 表9 printing its labels only),
//! transcribed mechanically from the reference text (`scripts/shaanxi-fixture.sh` checks it
//! against the text); the input beside it reconstructs the budget lines (`lines.py`) and, in a
//! last-year input, the 2025 figures the narrative compares (`last_year.py`), and the
//! goals and indicators of 表14's performance forms (`performance.py`). The tables the
//! profile does not print yet are listed in [`NOT_YET`] with the reason, and asserted absent.

use std::collections::BTreeMap;

use gongkai_model::table::{ColumnKind, NumberPosition, Orientation, RowKind};
use gongkai_model::text::printed_rows;
use gongkai_model::{Analysis, LastYearInput};
use rust_decimal::Decimal;

use crate::common::{
    Printed, checks_and_renders, compare_rows, forms_of, gongkai, narrative_of, numbers_of, profile_by,
    rendered_json, root, squash, transcribed, wrapped_in,
};

const DIR: &str = "tests/fixtures/shaanxi-2026";
const REFERENCE: &str =
    "../shared/reference/regions/18-shaanxi-xian-gov-general-office-2026-dept-budget-consolidated.txt";
const INPUT: &str = "xian-bangongting-2026.yaml";

fn fixture() -> BTreeMap<String, Printed> {
    let mut tables = transcribed(DIR, "tables.txt");
    for t in tables.values_mut() {
        for (_, labels, _) in &mut t.rows {
            for l in labels.iter_mut() {
                for (printed, ours) in PRINTED_OTHERWISE {
                    *l = l.replace(printed, ours);
                }
            }
        }
    }
    tables
}

/// Where the reference prints a name otherwise than the code catalogue, which the tables
/// follow: 表5 and 表7 write 20103 and 2010399 with a half-width “(室)”.
const PRINTED_OTHERWISE: &[(&str, &str)] = &[("(室)", "（室）")];

/// Tables of the reference the profile does not print yet, each with the reason. The test
/// asserts none of them is printed, so the list can only shrink.
const NOT_YET: &[(&str, &str)] = &[
    (
        "t12",
        "表12 政府采购预算表 lists each purchase (采购目录, 规格型号, 数量, 经济科目): the input has only 品目 amounts",
    ),
    (
        "t15",
        "表15 部门整体支出绩效目标表 lists 主要任务 rows (任务名称, 主要内容, 预算金额 总额/财政拨款/其他资金 per task): a form has no rows per task",
    ),
    (
        "t16",
        "表16 专项资金总体绩效目标表 (empty, 不涉及): a form is printed per project with targets, never empty",
    ),
];

/// Tables printed without some of the reference's columns: (table, missing column, reason).
/// The test asserts each is still missing, and that every other column and row agrees.
const INCOMPLETE: &[(&str, &str, &str)] = &[
    ("t2", "其中：专项资金列入部门预算项目", "the input cannot mark a line as 专项资金列入部门预算"),
    ("t2", "上年实户资金余额", "no fund source is 上年实户资金余额"),
    ("t3", "其中：专项资金列入部门预算的项目", "the input cannot mark a line as 专项资金列入部门预算"),
    ("t3", "上年实户资金余额", "no fund source is 上年实户资金余额"),
];

/// The 报表目录 register's rows for the tables in [`NOT_YET`]: the register lists the tables
/// the profile prints, so these rows are missing until the tables are printed. The test
/// asserts each is still absent from the register and its table still on `NOT_YET`.
const REGISTER_NOT_YET: &[(&str, &str)] = &[("表12", "t12"), ("表15", "t15"), ("表16", "t16")];

/// The register (报表目录): no number, no unit line, one row per table, no total.
const REGISTER: &str = "register";

/// Cells the reference prints that the input cannot derive: (table, row label, cell, reason).
/// The profile prints the row's label and leaves the cell blank; the test asserts it is
/// still blank, so the list can only shrink.
const UNDERIVED: &[(&str, &str, usize, &str)] = &[
    (
        "t1",
        "其中：专项资金列入部门预算的项目",
        0,
        "the input cannot mark a line as 专项资金列入部门预算 (as 表2)",
    ),
    (
        "t4",
        "其中：专项资金列入部门预算的项目",
        0,
        "the input cannot mark a line as 专项资金列入部门预算 (as 表2)",
    ),
];

/// The built-in profile. It was a bundle beside the fixture until `gongkai check` read its
/// own documents' 表2 and 表13 back (a department's row above its units, narrow wrapped
/// header labels, last year's zeros printed blank).
const PROFILE: &str = "shaanxi";

fn shaanxi() -> gongkai_model::profile::Profile {
    profile_by(PROFILE)
}

/// The input analysed with the shaanxi profile, last year's input read as the CLI does.
fn analysis() -> Analysis {
    analysis_with(|_| {})
}

/// The input changed by `edit`, analysed as [`analysis`] does.
fn analysis_with(edit: impl FnOnce(&mut gongkai_model::input::Budget)) -> Analysis {
    let profile = shaanxi();
    let read = |name: &str| {
        let text = std::fs::read_to_string(root().join(DIR).join(name)).unwrap();
        gongkai_yaml::parse(text.as_bytes(), name).map_err(|d| format!("{d:?}")).unwrap()
    };
    let last = read("xian-bangongting-2025.yaml");
    let last = gongkai_model::analyse_last_year(&last.value, &profile);
    assert!(!last.has_errors(), "{:#?}", last.diagnostics);
    let mut this = read(INPUT);
    edit(&mut this.value);
    let analysis = gongkai_model::analyse_with_last_year(
        &this.value,
        &profile,
        Some(LastYearInput::Read(Box::new(last.facts.unwrap()))),
    );
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    analysis
}

#[test]
fn every_printed_row_of_the_tables_printed() {
    let analysis = analysis();
    let fixture = fixture();
    let mut compared = 0;
    for (id, want) in &fixture {
        let table = analysis
            .tables
            .iter()
            .find(|t| &t.id == id)
            .unwrap_or_else(|| panic!("{}: not printed", want.number));
        assert_eq!(squash(&table.number), squash(&want.number), "{id}");
        assert_eq!(table.title, want.title, "{id}");
        let leaves: Vec<String> = table.columns.iter().map(|c| squash(&c.label)).collect();
        let missing: Vec<usize> = want
            .header
            .iter()
            .enumerate()
            .filter(|(_, h)| INCOMPLETE.iter().any(|(t, c, _)| t == id && squash(c) == squash(h)))
            .map(|(i, _)| i)
            .collect();
        for (t, c, why) in INCOMPLETE.iter().filter(|(t, _, _)| t == id) {
            assert!(!leaves.contains(&squash(c)), "{t}: {c} is printed now ({why}): take it off INCOMPLETE");
        }
        // Without the missing columns (and their cells), the header and rows must agree.
        let codes = want.header.len() - want.rows.first().map_or(0, |r| r.2.len());
        let mut want = Printed {
            number: want.number.clone(),
            title: want.title.clone(),
            header: want.header.clone(),
            empty: want.empty.clone(),
            notes: want.notes.clone(),
            percent: want.percent.clone(),
            rows: want.rows.clone(),
        };
        for &i in missing.iter().rev() {
            want.header.remove(i);
            for row in &mut want.rows {
                row.2.remove(i - codes);
            }
        }
        for (_, label, cell, why) in UNDERIVED.iter().filter(|(t, ..)| t == id) {
            let row = want.rows.iter_mut().find(|r| r.1.first().is_some_and(|l| l == label)).unwrap();
            assert!(row.2[*cell].take().is_some(), "{id} {label}: printed blank by the reference ({why})");
        }
        if id == REGISTER {
            for (number, table_id) in REGISTER_NOT_YET {
                assert!(NOT_YET.iter().any(|(t, _)| t == table_id), "{number}: {table_id} is printed now");
                assert!(
                    !table.rows.iter().any(|r| r.cells.first().is_some_and(|c| c.display() == *number)),
                    "{number} is in the register now: take it off REGISTER_NOT_YET"
                );
            }
            want.rows.retain(|r| !REGISTER_NOT_YET.iter().any(|(n, _)| r.1.first().is_some_and(|l| l == n)));
        }
        let want_leaves: Vec<String> = want.header.iter().map(|h| squash(h)).collect();
        assert_eq!(leaves, want_leaves, "{} header", table.number);
        assert_eq!(table.empty_note, want.empty, "{}: empty-table sentence", table.number);
        compared += compare_rows(table, &want).unwrap_or_else(|e| panic!("{}: {e}", table.number));
    }
    assert_eq!(compared, 239 + 13, "every transcribed row was compared (the register's 13 of 16)");
    for (id, why) in NOT_YET {
        assert!(!fixture.contains_key(*id), "{id} is transcribed: compare it ({why})");
        assert!(
            analysis.tables.iter().all(|t| t.id != *id),
            "{id} is printed now ({why}): take it off NOT_YET"
        );
    }
}

/// The 收支 tables (four panes, total row last).
const BALANCES: &[&str] = &["t1", "t4", "t9"];

#[test]
fn the_tables_follow_the_printed_layout() {
    let analysis = analysis();
    for table in analysis.tables.iter().filter(|t| t.id != REGISTER) {
        assert_eq!(table.org_line(), None, "{}: no 编制部门 line", table.number);
        assert_eq!(table.unit_line().as_deref(), Some("单位：元"), "{}", table.number);
        assert_eq!(table.layout.number_position, NumberPosition::AboveLeft, "{}", table.number);
        assert_eq!(table.layout.orientation, Orientation::Landscape, "{}", table.number);
        // The trees print their 合计 on top; the 收支 tables their 收入总计 (本年收入合计) last.
        let total =
            if BALANCES.contains(&table.id.as_str()) { table.rows.last() } else { table.rows.first() };
        assert_eq!(total.map(|r| r.kind), Some(RowKind::Total), "{}: total row", table.number);
    }
    // The register prints no number and no unit line, sideways like the tables; the empty
    // 表9 (no figure, its labels only) and 表11 (its 合计 alone) are marked 是 / 不涉及,
    // every table with figures is not.
    let register = analysis.tables.iter().find(|t| t.id == REGISTER).unwrap();
    assert_eq!((register.number.as_str(), register.unit_line()), ("", None));
    assert_eq!(register.layout.orientation, Orientation::Landscape);
    let rows = printed_rows(register);
    let t9 = rows.iter().find(|r| r[0] == "表9").unwrap();
    assert_eq!(&t9[2..], ["是", "不涉及"], "{t9:?}");
    let t11 = rows.iter().find(|r| r[0] == "表11").unwrap();
    assert_eq!(&t11[2..], ["是", "不涉及"], "{t11:?}");
    assert_eq!(rows.iter().filter(|r| !r[2].is_empty()).count(), 2, "{rows:?}");
    assert_eq!(
        rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>().join(" "),
        "表1 表2 表3 表4 表5 表6 表7 表8 表9 表10 表11 表13 表14"
    );
    // The 收支 tables' four panes: 收入, then the same spending by 功能分类, 部门经济分类 and
    // 政府经济分类, each pane's 支出总计 equal to the 收入总计.
    for id in BALANCES {
        let t = analysis.tables.iter().find(|t| t.id == *id).unwrap();
        let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels.iter().filter(|l| **l == "预算数").count(), 4, "{id}: {labels:?}");
        let total = printed_rows(t).pop().unwrap();
        let figures: Vec<&String> = total
            .iter()
            .zip(&t.columns)
            .filter(|(_, c)| c.kind == ColumnKind::Amount)
            .map(|(f, _)| f)
            .collect();
        assert!(figures.windows(2).all(|w| w[0] == w[1]), "{id}: {total:?}");
    }
    // 表13's 增减变化情况 prints its negative changes and leaves unchanged cells blank.
    let t13 = analysis.tables.iter().find(|t| t.id == "t13").unwrap();
    let total = &printed_rows(t13)[0];
    assert_eq!(total[20], "-182,400.00", "{total:?}");
    assert_eq!(total[22], "", "{total:?}");
}

/// The register's emptiness is derived from what is built: without the projects' targets
/// the 表14 forms are empty (是, and the reason the register gives the forms), with them
/// they are not; the tables' rows stay as they were.
#[test]
fn the_register_derives_the_forms_emptiness_from_the_input() {
    let row = |analysis: &Analysis| {
        let register = analysis.tables.iter().find(|t| t.id == REGISTER).unwrap();
        printed_rows(register).into_iter().find(|r| r[0] == "表14").unwrap()
    };
    assert_eq!(row(&analysis()), ["表14", "部门专项业务经费绩效目标表", "", ""]);
    let without = analysis_with(|b| b.performance.projects.clear());
    assert_eq!(row(&without), ["表14", "部门专项业务经费绩效目标表", "是", "不涉及"]);
}

/// 表11 lists each 上年结转 by unit, project, 功能分类项, 政府经济科目 and its fund source by
/// name (资金性质); a department with a carried-over project line prints it, and the
/// register no longer calls 表11 empty.
#[test]
fn carried_over_spending_fills_table_11_with_its_fund_source() {
    let analysis = analysis_with(|b| {
        let mut line =
            b.lines.iter().find(|l| l.project.is_some() && l.procurement.is_none()).unwrap().clone();
        line.source = "一般公共预算结转".into();
        b.lines.push(line);
    });
    let t11 = analysis.tables.iter().find(|t| t.id == "t11").unwrap();
    let rows = printed_rows(t11);
    assert_eq!(rows.len(), 2, "合计 and the carried-over line: {rows:?}");
    let fund = t11.columns.iter().position(|c| c.label == "资金性质").unwrap();
    assert_eq!(rows[1][fund], "一般公共预算结转", "{rows:?}");
    assert!(!rows[1][2].is_empty() && !rows[1][4].is_empty(), "project and 功能分类项: {rows:?}");
    let register = analysis.tables.iter().find(|t| t.id == REGISTER).unwrap();
    let row = printed_rows(register).into_iter().find(|r| r[0] == "表11").unwrap();
    assert_eq!(&row[2..], ["", ""], "{row:?}");
}

#[test]
fn the_profile_checks_and_renders_in_all_three_formats() {
    checks_and_renders(PROFILE, &root().join(DIR).join(INPUT));
}

/// `gongkai check` reads the input's own PDF and workbook back under the profile it finds
/// by their titles: every table and row (表10's projects under their 一级 and 二级 projects,
/// nested by their figures; the register's rows by its header), and finds nothing wrong.
#[test]
fn check_reads_the_documents_of_the_input_row_for_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = root().join(DIR).join(INPUT);
    let out = gongkai(&["render", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let fixture = fixture();
    // The register lists the tables printed: not those of REGISTER_NOT_YET.
    let rows: usize = fixture.values().map(|t| t.rows.len()).sum::<usize>() - REGISTER_NOT_YET.len();
    for ext in ["pdf", "xlsx"] {
        let file = dir.path().join(format!("xian-bangongting-2026.{ext}"));
        let out = gongkai(&["check", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        let n = fixture.len();
        assert!(
            text.contains(&format!("表套 shaanxi，找到 {n}/{n} 张表，读取 {rows}/{rows} 行")),
            "{ext}: {text}"
        );
        assert!(text.contains("核对通过（0 个警告，0 个提示）"), "{ext}: {text}");
    }
}

/// `gongkai check` reads the published PDF with this profile: every table it prints, every
/// row (the register's all 16). Its only findings are 表2's: without the 其中：专项资金列入部门预算项目 column (see
/// [`INCOMPLETE`]) the reader puts that column's figure in a neighbour, so each row's 合计 misses
/// its parts by exactly that figure.
#[test]
#[allow(clippy::print_stderr)] // The skip message.
fn check_reads_the_published_pdf_row_for_row() {
    let pdf = root().join(
        "../shared/reference/regions/pdf/18-shaanxi-xian-gov-general-office-2026-dept-budget-consolidated.pdf",
    );
    if !pdf.exists() {
        eprintln!("skipped: the reference PDF {} is absent", pdf.display());
        return;
    }
    let out = gongkai(&["check", pdf.to_str().unwrap(), "--profile", PROFILE]);
    let text = String::from_utf8_lossy(&out.stdout);
    let fixture = fixture();
    let (n, rows) = (fixture.len(), fixture.values().map(|t| t.rows.len()).sum::<usize>());
    assert!(text.contains(&format!("找到 {n}/{n} 张表，读取 {rows}/{rows} 行")), "{text}");
    let errors: Vec<&str> = text.lines().filter(|l| l.contains("错误[")).collect();
    let special = INCOMPLETE.iter().any(|(t, c, _)| *t == "t2" && c.contains("专项资金"));
    assert_eq!(errors.len(), if special { 3 } else { 0 }, "{text}");
    for e in &errors {
        assert!(e.contains("E712") && e.contains("表2") && e.contains("相差 -7,100,000.00"), "{e}");
    }
    assert!(!text.contains("警告["), "{text}");
}

/// The example renders under shaanxi (findings are allowed, a crash is not), and its 表1
/// 收支总表 收入总计 in 元 is its xinjiang-11 表1 total (万元) times 10,000.
#[test]
fn the_example_renders_under_shaanxi_with_the_same_total() {
    let example = root().join("examples/changji-epmc-2025.yaml");
    let dir = tempfile::tempdir().unwrap();
    let out = gongkai(&[
        "render",
        example.to_str().unwrap(),
        "--profile",
        PROFILE,
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&example).unwrap();
    let input = gongkai_yaml::parse(text.as_bytes(), "example").map_err(|d| format!("{d:?}")).unwrap();
    let total = |id: &str, table: &str| -> Decimal {
        let profile = profile_by(id);
        let analysis = gongkai_model::analyse(&input.value, &profile);
        let t = analysis.tables.iter().find(|t| t.id == table).unwrap();
        let row = t.rows.iter().position(|r| r.kind == RowKind::Total).unwrap();
        let col = t.columns.iter().position(|c| c.kind == ColumnKind::Amount).unwrap();
        printed_rows(t)[row][col].replace(',', "").parse().unwrap()
    };
    let ours = total(PROFILE, "t1");
    let theirs = total("xinjiang-11", "t1");
    assert_eq!((ours / Decimal::from(10_000)).round_dp(2), theirs, "{ours} 元 vs {theirs} 万元");
}

/// Figures the reference's 第二、三部分 states that the profile does not print yet, with the
/// reason; each listed one must really be missing, so the list can only shrink.
const NARRATIVE_NOT_YET: &[(&str, &str)] = &[];

#[test]
#[allow(clippy::print_stderr)] // The skip message, and how much of the narrative is printed.
fn the_narrative_states_the_figures_of_the_reference() {
    let path = root().join(REFERENCE);
    let Ok(reference) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: the reference text {} is absent", path.display());
        return;
    };
    // 第二部分 up to 第四部分 (the last occurrences: the first are the 目录), without the
    // 培训费明细表 (a table, not prose).
    let from = reference.rfind("第二部分").unwrap();
    let to = reference.rfind("第四部分").filter(|t| *t > from).unwrap();
    let prose: String = reference[from..to]
        .lines()
        .filter(|l| !l.contains("业务培训") && !l.contains("培训费明细表"))
        .collect::<Vec<_>>()
        .join("");
    let stated: Vec<String> =
        numbers_of(&prose).into_iter().filter(|f| f.contains('.') || f.ends_with('%')).collect();
    assert!(stated.len() > 100, "{} figures found in the reference's 第二、三部分", stated.len());

    let doc = rendered_json(&root().join(DIR).join(INPUT));
    let ours = narrative_of(&doc);
    let is_printed = crate::common::printed_by_value(&numbers_of(&ours));
    let not_yet = |f: &str| NARRATIVE_NOT_YET.iter().any(|(g, _)| *g == f);
    let missing: Vec<&String> = stated.iter().filter(|f| !is_printed(f) && !not_yet(f)).collect();
    assert!(missing.is_empty(), "stated in the reference, not in our narrative: {missing:?}");
    for (gap, why) in NARRATIVE_NOT_YET {
        assert!(!is_printed(gap), "{gap} is printed now ({why}): take it off NARRATIVE_NOT_YET");
    }
    eprintln!("{} of the reference narrative's {} figures printed", stated.len(), stated.len());
}

/// What the forms do not print of the reference's 表14: each form's number (表14-1 …) above
/// its title; forms carry no number.
const FORMS_NOT_YET: &[&str] = &["表14-"];

/// 表14-1…14-9 部门专项业务经费绩效目标表, one per project in print order: the project,
/// its 实施期资金总额 and 财政拨款 (万元, from the project's lines) as printed, its 年度目标 and
/// every indicator's 一级指标, 二级指标, 三级指标, 指标值 and 分值权重 in the form's text.
#[test]
#[allow(clippy::print_stderr)] // The skip message.
fn the_performance_forms_of_the_reference() {
    let path = root().join(REFERENCE);
    let Ok(reference) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: the reference text {} is absent", path.display());
        return;
    };
    let lines: Vec<&str> = reference.lines().collect();
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].trim().starts_with("表14-")).collect();
    let end = (0..lines.len()).rfind(|&i| lines[i].trim() == "表15").unwrap();
    assert_eq!(starts.len(), 9, "表14-1…14-9");
    let ours = forms_of(&rendered_json(&root().join(DIR).join(INPUT)));
    assert_eq!(ours.len(), starts.len(), "one form per project with targets");
    let mut indicators = 0;
    for (k, (title, rows)) in ours.iter().enumerate() {
        let form = &lines[starts[k]..starts.get(k + 1).copied().unwrap_or(end)];
        let text = squash(&form.join(""));
        assert!(text.contains(&squash(title)), "{title}");
        for gap in FORMS_NOT_YET {
            assert!(
                text.contains(gap) && !title.contains(gap),
                "{gap} is printed now: take it off FORMS_NOT_YET"
            );
        }
        // The project's name, and the amounts on the lines that print them.
        let project = rows[0].last().unwrap();
        assert!(text.contains(&format!("项目名称{}", squash(project))), "{project}");
        let printed = |label: &str| {
            let line = form.iter().find(|l| squash(l).contains(label)).unwrap();
            numbers_of(line).last().cloned().unwrap()
        };
        let ours = |label: &str| {
            let row = rows.iter().find(|r| r.iter().any(|c| c == label)).unwrap();
            row[row.iter().position(|c| c == label).unwrap() + 1].clone()
        };
        assert_eq!(ours("实施期资金总额："), printed("实施期资金总额"), "{project}");
        assert_eq!(ours("其中：财政拨款"), printed("其中：财政拨款"), "{project}");
        // The goal and the indicators (rows after the column labels), wrapped or not.
        let goal = rows.iter().find(|r| r.first().is_some_and(|c| c == "年度目标")).unwrap();
        assert!(wrapped_in(&text, &squash(&goal[1])), "{project}: {}", goal[1]);
        let label = rows.iter().position(|r| r.iter().any(|c| c == "三级指标")).unwrap();
        for r in &rows[label + 1..] {
            for cell in r.iter().filter(|c| *c != "年度绩效指标") {
                assert!(wrapped_in(&text, &squash(cell)), "{project}: {cell} not in the form ({r:?})");
            }
            indicators += 1;
        }
    }
    assert_eq!(indicators, 94, "every indicator of the nine forms");
}

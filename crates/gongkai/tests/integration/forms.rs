//! Performance-target forms as data: a profile's forms.yaml lays them out, W414 follows
//! the profile's definition of the funds, and a second layout (the central departments'
//! 项目绩效目标表, the central profile's `forms.yaml`) renders from the same engine.

use gongkai_model::diag::{Diagnostic, locate_all};
use gongkai_model::forms::performance_forms;
use gongkai_model::profile::Profile;
use gongkai_model::source::Source;
use gongkai_model::table::{Cell, HeaderCell, RowKind};
use rust_decimal::Decimal;

use crate::common::{gongkai, minimal, root};

/// The xinjiang-11 bundle with its forms.yaml replaced (`None`: removed).
fn bundle_with_forms(forms: Option<&str>) -> gongkai_profile::Bundle {
    let mut bundle = gongkai_profile::builtin_bundle("xinjiang-11").unwrap();
    match forms {
        Some(text) => bundle.files.insert("forms.yaml".into(), text.as_bytes().to_vec()),
        None => bundle.files.remove("forms.yaml"),
    };
    bundle
}

fn profile_with_forms(forms: Option<&str>) -> Profile {
    gongkai_profile::read(&bundle_with_forms(forms), "p").unwrap()
}

/// The built-in central profile's forms.yaml: a second layout for the same engine.
fn central_forms() -> String {
    let bundle = gongkai_profile::builtin_bundle("central").unwrap();
    String::from_utf8(bundle.files["forms.yaml"].clone()).unwrap()
}

/// The findings of `yaml` under `profile`, located as `t.yaml:line:col`.
fn findings(yaml: &str, profile: &Profile) -> Vec<Diagnostic> {
    let parsed = gongkai_yaml::parse(yaml.as_bytes(), "t.yaml").unwrap();
    let mut diags = gongkai_model::analyse(&parsed.value, profile).diagnostics;
    locate_all(&mut diags, &parsed.source_map);
    diags
}

/// One 一般公共预算 line of 100 元, one 事业收入 line of 50 元 (本年收入 150 元), and a
/// department target that states `funds` (`None`: states none); `local_funds` is on line
/// 16, its value at column 18.
fn stated_funds(funds: Option<(u32, u32)>) -> String {
    let stated = funds.map_or(String::new(), |(local, other)| {
        format!("    local_funds: {local}\n    other_funds: {other}\n")
    });
    minimal(&format!(
        "  - {{func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: 100}}
  - {{func: 2080505, econ: 30201, kind: 基本, source: 事业收入, amount: 50}}
performance:
  overall:
    contact: 张三
    phone: \"1\"
    goal: 目标。
{stated}    indicators: []
"
    ))
}

fn w414(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.rule == "W414")
        .map(|d| {
            format!("{} {}", d.location.as_ref().map(ToString::to_string).unwrap_or_default(), d.message)
        })
        .collect()
}

#[test]
fn w414_compares_stated_funds_with_the_whole_budget_the_form_describes() {
    let builtin = gongkai_profile::builtin("xinjiang-11").unwrap();
    // Nothing stated: the form's amounts come from the lines, nothing to compare.
    assert_eq!(w414(&findings(&stated_funds(None), &builtin)), Vec::<String>::new());
    // 本级 100 and 其他 50 make the 本年收入 the form describes: its 其他资金 is not part of
    // 一般公共预算拨款, and no warning says it is.
    assert_eq!(w414(&findings(&stated_funds(Some((100, 50))), &builtin)), Vec::<String>::new());
    // 60 元 against 150 元 differs in print: the warning names the form's budget.
    assert_eq!(
        w414(&findings(&stated_funds(Some((50, 10))), &builtin)),
        ["t.yaml:16:18 部门整体绩效目标表填写的资金合计 0.01 万元，与本年收入 0.02 万元不一致"]
    );
    // A profile whose department form describes other money checks against that money.
    let forms = include_str!("../../../../profiles/xinjiang-11/forms.yaml");
    let other = forms
        .replace("label: 本年收入", "label: 其他收入")
        .replace("filter: {sources: [本年收入]}", "filter: {sources: [其他收入]}");
    assert_ne!(other, forms);
    let other = profile_with_forms(Some(&other));
    assert_eq!(
        w414(&findings(&stated_funds(Some((100, 50))), &other)),
        ["t.yaml:16:18 部门整体绩效目标表填写的资金合计 0.02 万元，与其他收入 0.00 万元不一致"]
    );
    // Without forms there is no form whose funds could disagree.
    assert_eq!(w414(&findings(&stated_funds(Some((1, 1))), &profile_with_forms(None))), Vec::<String>::new());
}

/// The department's form of `yaml` under the built-in profile: its rows' texts, and the
/// narrative's 部门整体绩效目标 sentence.
fn overall_form_and_sentence(yaml: &str) -> (Vec<Vec<String>>, String) {
    let budget = gongkai_yaml::parse_clean(yaml.as_bytes(), "t.yaml").unwrap();
    let doc = gongkai_templates::build(&budget, &gongkai_profile::builtin("xinjiang-11").unwrap()).unwrap();
    let form = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            gongkai_model::document::Block::Form { table, .. } if table.id == "perf-overall" => Some(table),
            _ => None,
        })
        .unwrap();
    let sentence = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            gongkai_model::document::Block::Paragraph { text, .. } if text.contains("整体预算绩效目标") => {
                Some(text.clone())
            }
            _ => None,
        })
        .unwrap();
    (form.rows.iter().map(texts).collect(), sentence)
}

#[test]
fn the_department_form_and_its_sentence_print_the_amounts_of_the_lines() {
    // The example with its 养老保险 line from a 上级 transfer and its 职业年金 line from
    // 事业收入 (last year's figures for the two new incomes given), so that all three of the
    // form's funds have money; the example states no funds.
    let text = crate::common::example_text()
        .replacen("kind: 基本, source: 一般公共预算, amount: 103400.00", "kind: 基本, source: 上级一般公共预算转移支付, amount: 103400.00", 1)
        .replacen("kind: 基本, source: 一般公共预算, amount: 51700.00", "kind: 基本, source: 事业收入, amount: 51700.00", 1)
        .replacen(
            "last_year:\n  income:\n",
            "last_year:\n  income:\n    general_transfer: {amount: 0, reason: 新增上级补助}\n    unit_funds: {amount: 0, reason: 新增事业收入}\n",
            1,
        );
    assert!(!text.contains("local_funds"));
    let budget = gongkai_yaml::parse_clean(text.as_bytes(), "t.yaml").unwrap();
    // Each fund added up here from the lines: 上级 transfers, 本级 appropriations, and the
    // year's other income (carry-overs are not the year's budget).
    let sum = |pred: &dyn Fn(Source) -> bool| -> Decimal {
        let yuan: Decimal = budget
            .lines
            .iter()
            .filter(|l| Source::parse(&l.source).is_some_and(pred))
            .map(|l| l.amount.as_str().parse::<Decimal>().unwrap())
            .sum();
        yuan / Decimal::from(10_000)
    };
    let superior =
        sum(&|s| matches!(s, Source::GeneralTransfer | Source::FundTransfer | Source::CapitalTransfer));
    let local = sum(&|s| matches!(s, Source::General | Source::Fund | Source::Capital));
    let other = sum(&|s| !s.is_fiscal() && !s.is_carryover());
    assert!(!superior.is_zero() && !local.is_zero() && !other.is_zero());
    let fmt = gongkai_model::money::fmt2;

    let (rows, sentence) = overall_form_and_sentence(&text);
    let amount_of = |label: &str| -> String {
        let row = rows.iter().find(|r| r.iter().any(|c| c == label)).unwrap();
        row.iter().rev().find(|c| !c.is_empty()).unwrap().clone()
    };
    assert_eq!(amount_of("上级安排"), fmt(superior));
    assert_eq!(amount_of("本级安排"), fmt(local));
    assert_eq!(amount_of("其他"), fmt(other));
    // The sentence's amount is the 本年收入 the form describes: its three amounts together.
    let whole = format!("整体预算绩效目标1个，涉及预算金额{}万元", fmt(superior + local + other));
    assert!(sentence.contains(&whole), "{sentence}");
    // Stated funds change neither: the form prints the lines (W414 speaks of the rest).
    let stated = text.replacen("    phone: \"2337895\"\n", "    phone: \"2337895\"\n    local_funds: 1\n", 1);
    assert_ne!(stated, text);
    assert_eq!(overall_form_and_sentence(&stated), (rows, sentence));
}

#[test]
fn a_profile_without_forms_prints_none() {
    let text = crate::common::example_text();
    let budget = gongkai_yaml::parse(text.as_bytes(), "e.yaml").unwrap().value;
    let with = gongkai_templates::build(&budget, &gongkai_profile::builtin("xinjiang-11").unwrap()).unwrap();
    let without = gongkai_templates::build(&budget, &profile_with_forms(None)).unwrap();
    let forms = |d: &gongkai_model::document::Document| {
        d.blocks.iter().filter(|b| matches!(b, gongkai_model::document::Block::Form { .. })).count()
    };
    assert_eq!(forms(&with), 1 + budget.performance.projects.len());
    assert_eq!(forms(&without), 0);
}

/// The cell texts of a row, `""` for empty and covered cells.
fn texts(row: &gongkai_model::table::Row) -> Vec<String> {
    row.cells.iter().map(Cell::display).collect()
}

#[test]
fn the_central_project_form_has_its_cells_on_a_synthetic_department() {
    let profile = profile_with_forms(Some(&central_forms()));
    let seed =
        (1..50).find(|&s| !gongkai_synth::department(s, &profile).performance.projects.is_empty()).unwrap();
    let budget = gongkai_synth::department(seed, &profile);
    let analysis = gongkai_model::analyse(&budget, &profile);
    let facts = analysis.facts.as_ref().unwrap();
    let forms = performance_forms(facts, &profile.forms);
    // No department form in this layout: one form per project target.
    assert_eq!(forms.len(), budget.performance.projects.len());
    let target = &budget.performance.projects[0];
    let f = &forms[0];
    assert_eq!(f.title, format!("{}绩效目标表", target.project));
    assert_eq!(f.subtitle, "（2025年度）");
    let t = &f.table;
    assert_eq!(t.columns.len(), 6);

    // The project's money, added up here from its lines independently of the form.
    let p = facts.projects.iter().position(|p| p.name == target.project).unwrap();
    let sum = |pred: &dyn Fn(Source) -> bool| -> Decimal {
        facts.lines.iter().filter(|l| l.project == Some(p) && pred(l.source)).map(|l| l.amount).sum()
    };
    let fiscal = sum(&|s| s.is_fiscal());
    let carried = sum(&|s| s.is_carryover());
    let other = sum(&|s| !s.is_fiscal() && !s.is_carryover());
    let fmt = gongkai_model::money::fmt2;
    assert!(!(fiscal + carried + other).is_zero());
    let unit = facts.units[facts.projects[p].unit].clone();

    let rows: Vec<Vec<String>> = t.rows.iter().map(texts).collect();
    let row = |cells: &[&str]| cells.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(rows[0], row(&["项目名称", &target.project, "", "", "", ""]));
    // A synthetic department of an even seed has a 部门代码: [code]name.
    let coded = match facts.dept.code.as_str() {
        "" => facts.org().to_owned(),
        code => format!("[{code}]{}", facts.org()),
    };
    assert_eq!(rows[1], row(&["主管部门及代码", &coded, "", "实施单位", &unit, ""]));
    assert_eq!(
        rows[2],
        row(&[
            "项目资金（万元）",
            "年度资金总额：",
            &fmt(fiscal + carried + other),
            "",
            "",
            "执行率分值（10）"
        ])
    );
    assert_eq!(rows[3], row(&["", "其中：财政拨款", &fmt(fiscal), "", "", ""]));
    assert_eq!(rows[4], row(&["", "上年结转", &fmt(carried), "", "", ""]));
    assert_eq!(rows[5], row(&["", "其他资金", &fmt(other), "", "", ""]));
    assert_eq!(rows[6], row(&["年度总体目标", &target.goal, "", "", "", ""]));
    assert_eq!(t.rows[7].kind, RowKind::Label);
    assert_eq!(rows[7], row(&["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值（90）"]));
    let n = target.indicators.len();
    assert_eq!(t.rows.len(), 8 + n);
    for (i, ind) in target.indicators.iter().enumerate() {
        let r = &rows[8 + i];
        assert_eq!(r[0], "", "the side label covers column 0");
        assert_eq!(r[3..], row(&[&ind.name, &ind.value, &ind.weight.0])[..]);
    }
    let span = |row: usize, col: usize| t.spans.iter().find(|s| s.row == row && s.col == col);
    let has = |s: Option<&HeaderCell>, rowspan: usize, colspan: usize, text: &str| {
        s.is_some_and(|s| s.rowspan == rowspan && s.colspan == colspan && s.text == text)
    };
    assert!(has(span(0, 1), 1, 5, &target.project));
    assert!(has(span(2, 0), 4, 1, "项目资金（万元）"));
    assert!(has(span(2, 5), 4, 1, "执行率分值（10）"));
    assert!(has(span(7, 0), n + 1, 1, "绩效指标"));
    // Equal consecutive 一级 indicators merge (the first indicator column is column 1).
    let mut start = 0;
    while start < n {
        let end =
            (start..n).find(|&i| target.indicators[i].level1 != target.indicators[start].level1).unwrap_or(n);
        if end - start > 1 {
            assert!(has(span(8 + start, 1), end - start, 1, &target.indicators[start].level1));
        } else {
            assert_eq!(rows[8 + start][1], target.indicators[start].level1);
        }
        start = end;
    }
}

#[test]
fn the_central_forms_render_in_all_three_formats() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("central-forms");
    for (path, bytes) in &bundle_with_forms(Some(&central_forms())).files {
        let file = bundle.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
    let out = dir.path().join("out");
    let run = gongkai(&[
        "render",
        "examples/changji-epmc-2025.yaml",
        "--profile",
        bundle.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    for ext in ["xlsx", "pdf", "html"] {
        let f = out.join(format!("changji-epmc-2025.{ext}"));
        assert!(std::fs::metadata(&f).unwrap().len() > 0, "{}", f.display());
    }
    let html = std::fs::read_to_string(out.join("changji-epmc-2025.html")).unwrap();
    assert!(html.contains("昌吉州环境污染监控中心尾款项目绩效目标表"));
    assert!(html.contains("执行率分值（10）") && html.contains("主管部门及代码"));
    assert!(!html.contains(">部门整体绩效目标表<"), "the central layout has no department form");
}

/// A text the profile's forms print must be filled in: the example without a 项目负责人
/// (xinjiang-11's project form prints it) is E411 at its place; under central, whose
/// forms print neither 项目负责人 nor 指标设定依据, it may be left out.
#[test]
fn a_text_the_forms_print_must_be_filled_in() {
    let text = std::fs::read_to_string(root().join("examples/changji-epmc-2025.yaml")).unwrap();
    let without = text.replacen("      leader: 魏雪峰\n", "", 1);
    assert_ne!(without, text);
    let parsed = gongkai_yaml::parse(without.as_bytes(), "t.yaml").unwrap();
    let errors = |profile: &Profile| -> Vec<String> {
        gongkai_model::analyse(&parsed.value, profile)
            .diagnostics
            .iter()
            .filter(|d| d.rule == "E411")
            .map(|d| {
                format!("{}: {}", d.path.as_ref().map(ToString::to_string).unwrap_or_default(), d.message)
            })
            .collect()
    };
    let xinjiang = gongkai_profile::builtin("xinjiang-11").unwrap();
    let found = errors(&xinjiang);
    assert!(found.iter().any(|e| e.contains("leader") && e.contains("项目负责人不能为空")), "{found:?}");
    let central = gongkai_profile::builtin("central").unwrap();
    assert!(errors(&central).iter().all(|e| !e.contains("leader")), "{:?}", errors(&central));
}

/// A programme's form (专项资金, `performance.programmes`) on the xinjiang-11 bundle: its
/// 本级支出, given or not, 补助下级 and 当年预算 = their sum; the department's lines of the
/// programme are the lines of the projects whose text names it as `parent`.
const PROGRAMME_FORM: &str = "
programme:
  title: \"{year}年{project}绩效目标表\"
  widths: [10, 10, 10, 10]
  format: {zero: blank}
  funds: {label: 财政拨款, filter: {sources: [一般公共预算]}}
  rows:
    - [{text: 名称}, {value: project}, {text: 主管}, {value: manager}]
    - [{text: 预算}, {value: budget}, {text: 本级}, {value: own}]
    - [{text: 补助}, {value: transfers}, {text: 本部门明细}, {amount: {}}]
  indicators:
    columns:
      - {label: 指标, value: name}
      - {label: 值, value: value}
      - {label: 单位, value: measure}
      - {label: 权重, value: weight}
";

/// Project 甲 (一般公共预算 100 万元, 事业收入 50 万元) under the programme 示范资金, whose
/// `own` is `own` (`None`: not given); `own` is on line 17, its value at column 12.
fn programme(own: Option<&str>) -> String {
    let own = own.map_or(String::new(), |o| format!("      own: {o}\n"));
    minimal(&format!(
        "  - {{func: 2010350, econ: 30201, kind: 项目, source: 一般公共预算, project: 甲, amount: 1000000}}
  - {{func: 2010350, econ: 30201, kind: 项目, source: 事业收入, project: 甲, amount: 500000}}
projects:
  - {{name: 甲, parent: 示范资金, basis: 依据。, allocation: 分配。, period: 全年}}
performance:
  programmes:
    - name: 示范资金
      transfers: 2000000
{own}      goal: 目标。
      indicators:
        - {{name: 项目数, value: \"3\", measure: 个, weight: 100}}
"
    ))
}

#[test]
fn a_programme_form_prints_its_stated_budget_beside_the_departments_lines() {
    let builtin = gongkai_profile::builtin_bundle("xinjiang-11").unwrap();
    let forms_yaml =
        format!("{}{PROGRAMME_FORM}", String::from_utf8(builtin.files["forms.yaml"].clone()).unwrap());
    let profile = profile_with_forms(Some(&forms_yaml));
    let rows_of = |yaml: &str| -> Vec<Vec<String>> {
        let budget = gongkai_yaml::parse_clean(yaml.as_bytes(), "t.yaml").unwrap();
        let analysis = gongkai_model::analyse(&budget, &profile);
        let forms = performance_forms(analysis.facts.as_ref().unwrap(), &profile.forms);
        let form = forms.iter().find(|f| f.programme).expect("the programme's form");
        assert_eq!(form.title, "2025年示范资金绩效目标表");
        gongkai_model::text::printed_rows(&form.table)
    };
    // Not given: 本级支出 is the department's 一般公共预算 lines of it (the profile's funds);
    // the amount cell adds up all of its lines.
    let rows = rows_of(&programme(None));
    assert_eq!(rows[0], ["名称", "示范资金", "主管", "测试局"]);
    assert_eq!(rows[1], ["预算", "300.00", "本级", "100.00"]);
    assert_eq!(rows[2], ["补助", "200.00", "本部门明细", "150.00"]);
    assert_eq!(rows[4], ["项目数", "3", "个", "100"]);
    // Given: printed as given, when it covers the lines.
    let rows = rows_of(&programme(Some("90000000")));
    assert_eq!(rows[1], ["预算", "9,200.00", "本级", "9,000.00"]);
    let e429 = |yaml: &str| -> Vec<String> {
        findings(yaml, &profile)
            .iter()
            .filter(|d| d.rule == "E429")
            .map(|d| {
                format!("{} {}", d.location.as_ref().map(ToString::to_string).unwrap_or_default(), d.message)
            })
            .collect()
    };
    assert_eq!(e429(&programme(Some("90000000"))), Vec::<String>::new());
    assert_eq!(e429(&programme(Some("1000000"))), Vec::<String>::new());
    // Below the department's own lines of it: an error at `own`.
    assert_eq!(
        e429(&programme(Some("999900"))),
        ["t.yaml:17:12 专项资金“示范资金”的本级支出 99.99 万元，少于本部门属于它的预算明细之和 100.00 万元"]
    );
    // A name no line belongs to, with nothing stated: a programme of nothing, E407 at the
    // name; with 补助下级 stated it is a programme wholly passed on, and prints.
    let misspelt =
        programme(None).replace("name: 示范资金", "name: 示范资全").replace("      transfers: 2000000\n", "");
    let e407: Vec<String> = findings(&misspelt, &profile)
        .iter()
        .filter(|d| d.rule == "E407")
        .map(|d| d.location.as_ref().map(ToString::to_string).unwrap_or_default())
        .collect();
    assert_eq!(e407, ["t.yaml:15:13"]);
    let passed_on = programme(None).replace("name: 示范资金", "name: 示范资全");
    assert!(findings(&passed_on, &profile).iter().all(|d| d.rule != "E407"));
    // A profile without a programme form prints none: a warning at each programme.
    assert!(findings(&programme(None), &profile).iter().all(|d| d.rule != "W431"));
    let without = gongkai_profile::builtin("xinjiang-11").unwrap();
    assert!(without.forms.programme.is_none());
    let w431: Vec<String> = findings(&programme(None), &without)
        .iter()
        .filter(|d| d.rule == "W431")
        .map(|d| {
            format!("{} {}", d.location.as_ref().map(ToString::to_string).unwrap_or_default(), d.message)
        })
        .collect();
    assert_eq!(w431, ["t.yaml:15:13 表套没有专项资金绩效目标表，专项资金“示范资金”的绩效目标不会印出"]);
    // A programme's form that prints 设定依据 needs them filled in (E411), as the
    // department's and the projects' forms do.
    let e411 = |form: &str, yaml: &str| -> Vec<String> {
        let forms_yaml = format!("{}{form}", String::from_utf8(builtin.files["forms.yaml"].clone()).unwrap());
        findings(yaml, &profile_with_forms(Some(&forms_yaml)))
            .iter()
            .filter(|d| d.rule == "E411" && d.message.contains("指标"))
            .map(|d| {
                format!("{} {}", d.location.as_ref().map(ToString::to_string).unwrap_or_default(), d.message)
            })
            .collect()
    };
    let with_basis =
        PROGRAMME_FORM.replace("      - {label: 权重, value: weight}", "      - {label: 依据, value: basis}");
    assert_eq!(e411(PROGRAMME_FORM, &programme(None)), Vec::<String>::new());
    // At the indicator, which has no `basis` to point at.
    assert_eq!(e411(&with_basis, &programme(None)), ["t.yaml:19:11 指标设定依据不能为空"]);
}

/// A list layout (`layout: list`): one form over every project target, the header the
/// table's header, each project's `beside` cells merged down beside its indicator rows,
/// its amounts over its own lines, and the indicator merges within each project.
#[test]
fn the_list_layout_prints_every_project_in_one_form() {
    let list = "project:
  layout: list
  title: 项目支出绩效目标表
  widths: [4, 12, 8, 12, 8, 8, 12, 8]
  header:
    - [{text: 序号, rowspan: 2}, {text: 项目名称, rowspan: 2}, {text: 金额, rowspan: 2}, {text: 绩效目标, rowspan: 2}, {text: 指标, colspan: 4}]
    - [{text: 一级指标}, {text: 二级指标}, {text: 三级指标}, {text: 指标值}]
  beside:
    - {value: seq}
    - {value: project}
    - {amount: {}}
    - {value: goal}
  indicators:
    merge: 1
    columns: [{value: level1}, {value: level2}, {value: name}, {value: value}]
";
    let profile = profile_with_forms(Some(list));
    let seed =
        (1..50).find(|&s| gongkai_synth::department(s, &profile).performance.projects.len() >= 2).unwrap();
    let budget = gongkai_synth::department(seed, &profile);
    let analysis = gongkai_model::analyse(&budget, &profile);
    let facts = analysis.facts.as_ref().unwrap();
    let forms = performance_forms(facts, &profile.forms);
    let targets = &budget.performance.projects;
    // The department's form of xinjiang-11 is gone with its forms.yaml: one list form.
    assert_eq!(forms.len(), 1);
    let t = &forms[0].table;
    assert_eq!(forms[0].title, "项目支出绩效目标表");
    assert_eq!(t.header_rows, 2);
    assert_eq!(
        t.columns.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
        ["序号", "项目名称", "金额", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]
    );
    assert_eq!(t.rows.len(), targets.iter().map(|t| t.indicators.len().max(1)).sum::<usize>());
    let mut at = 0;
    for (i, target) in targets.iter().enumerate() {
        let row = texts(&t.rows[at]);
        let p = facts.projects.iter().position(|p| p.name == target.project).unwrap();
        let amount: Decimal = facts.lines.iter().filter(|l| l.project == Some(p)).map(|l| l.amount).sum();
        assert_eq!(row[0], (i + 1).to_string());
        assert_eq!(row[1], target.title.as_deref().unwrap_or(&target.project));
        assert_eq!(row[2], gongkai_model::money::fmt2(amount));
        assert_eq!(row[3], target.goal);
        assert_eq!(row[6], target.indicators[0].name);
        let n = target.indicators.len();
        for col in 0..4 {
            let span = t.spans.iter().find(|s| s.row == at && s.col == col);
            if n > 1 {
                assert_eq!(span.map(|s| (s.rowspan, s.colspan)), Some((n, 1)), "project {i} column {col}");
            }
        }
        // The 一级 merges stay within the project.
        for s in t.spans.iter().filter(|s| s.col == 4 && (at..at + n).contains(&s.row)) {
            assert!(s.row + s.rowspan <= at + n, "a 一级 merge runs out of project {i}");
        }
        at += n.max(1);
    }
    // A list layout is for the projects' form only, and its beside cells and indicators
    // fill the grid.
    let bad = list.replace("widths: [4, 12, 8, 12, 8, 8, 12, 8]", "widths: [4, 12, 8, 12, 8, 8, 12, 8, 8]");
    let err = gongkai_profile::read(&bundle_with_forms(Some(&bad)), "p").unwrap_err();
    assert!(err.iter().any(|d| d.rule == "E612"), "{err:?}");
    let overall = list
        .replace("project:", "overall:")
        .replace("{value: seq}", "{text: 一}")
        .replace("{value: project}", "{text: 二}");
    let err = gongkai_profile::read(&bundle_with_forms(Some(&overall)), "p").unwrap_err();
    assert!(err.iter().any(|d| d.message.contains("layout: list 只用于项目支出绩效目标表")), "{err:?}");
}

/// Under a profile whose forms print no 分值权重 (beijing), an indicator without a weight
/// is still checked: an empty 三级指标 is an error at its place.
#[test]
fn an_indicator_without_a_weight_still_needs_its_name() {
    let profile = gongkai_profile::builtin("beijing").unwrap();
    let path = root().join("tests/fixtures/beijing-2026/beijing-ylbzj-2026.yaml");
    let yaml = std::fs::read_to_string(path).unwrap();
    let named = "name: \"宣传评估报告\"";
    assert!(yaml.contains(named));
    let empty: Vec<String> = findings(&yaml.replacen(named, "name: \"\"", 1), &profile)
        .iter()
        .filter(|d| d.message == "三级指标不能为空")
        .map(|d| d.location.as_ref().map(ToString::to_string).unwrap_or_default())
        .collect();
    assert_eq!(empty.len(), 1, "{empty:?}");
    assert!(findings(&yaml, &profile).iter().all(|d| d.message != "三级指标不能为空"));
}

/// A project's performance target written twice is refused at the second (a list form's
/// header would count the project's lines twice).
#[test]
fn a_project_target_written_twice_is_refused_at_the_second() {
    let profile = gongkai_profile::builtin("beijing").unwrap();
    let path = root().join("tests/fixtures/beijing-2026/beijing-ylbzj-2026.yaml");
    let yaml = std::fs::read_to_string(path).unwrap();
    let targets: Vec<&str> = yaml.lines().filter(|l| l.starts_with("    - project: ")).collect();
    assert!(targets.len() > 2);
    let twice = yaml.replacen(targets[1], targets[0], 1);
    let duplicates: Vec<String> = findings(&twice, &profile)
        .iter()
        .filter(|d| d.rule == "E410" && d.message.contains("绩效目标表重复填写"))
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(duplicates.len(), 1, "{duplicates:?}");
    assert!(findings(&yaml, &profile).iter().all(|d| !d.message.contains("绩效目标表重复填写")));
}

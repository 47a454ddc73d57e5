//! YAML → workbook → model gives back the same model.

use gongkai_model::input::{Budget, Indicator, ItemCompared, LineInput, ProjectTarget, Scalar};
use gongkai_model::money::MoneyUnit;

use crate::common::{example, read, synthetic, write};

/// Writes `budget`, reads it back and compares; writes twice to check determinism.
fn check(name: &str, budget: &Budget) {
    let bytes = write(budget);
    assert_eq!(bytes, write(budget), "{name}: writing is not deterministic");
    let (back, _) = read(&bytes);
    // The first line that differs, if any, before the whole budget.
    for (i, (a, b)) in back.lines.iter().zip(&budget.lines).enumerate() {
        assert_eq!(a, b, "{name}: line {i} reads back differently");
    }
    assert_eq!(&back, budget, "{name}: the workbook reads back differently");
}

#[test]
fn the_example_round_trips() {
    check("example", &example());
}

#[test]
fn the_synthetic_department_round_trips() {
    check("synthetic", &synthetic());
}

#[test]
fn an_empty_budget_round_trips() {
    let mut budget = Budget::default();
    budget.department.year = 2026;
    check("empty", &budget);
}

/// A line of the synthetic department with its amount replaced.
fn line(amount: &str) -> LineInput {
    LineInput {
        func: Scalar::from("2110101"),
        econ: Scalar::from("30101"),
        kind: "基本".into(),
        source: "一般公共预算".into(),
        amount: Scalar::from(amount),
        ..LineInput::default()
    }
}

/// Variants that exercise each way a value can sit in a cell.
fn variants() -> Vec<(&'static str, Budget)> {
    let base = synthetic();
    let with = |f: &dyn Fn(&mut Budget)| {
        let mut b = base.clone();
        f(&mut b);
        b
    };
    vec![
        (
            "units with their 单位性质 and codes, the department's codes and 本级 name",
            with(&|b| {
                b.department.code = Some("024".into());
                b.department.unit_code = Some("024001".into());
                b.department.unit_name = Some("示范局本级".into());
                b.units = vec![
                    gongkai_model::input::UnitInput {
                        id: "a".into(),
                        name: "示范局甲中心".into(),
                        kind: Some("事业单位".into()),
                        code: Some("024002".into()),
                    },
                    gongkai_model::input::UnitInput {
                        id: "b".into(),
                        name: "示范局乙所".into(),
                        kind: None,
                        code: None,
                    },
                ];
            }),
        ),
        (
            "lines with their reserved 政府采购 shares, and one without",
            with(&|b| {
                let mut procured = line("12");
                procured.procurement = Some("服务".into());
                procured.sme_reserved = Some("8.5".into());
                procured.small_micro_reserved = Some("3".into());
                b.lines = vec![procured, line("4")];
            }),
        ),
        (
            "amounts in 万元 with six decimals",
            with(&|b| {
                b.department.money_unit = MoneyUnit::Wan;
                b.lines = ["10.123456", "0.000001", "398.47", "12", "0.10"].map(line).to_vec();
            }),
        ),
        (
            "amounts that are not plain decimals stay text",
            with(&|b| {
                b.lines = [
                    "1,234.50",
                    "１２３．４５",
                    " 5 ",
                    "十万",
                    "",
                    "-0",
                    "+3",
                    "1e3",
                    "12345678901234567.89",
                ]
                .map(line)
                .to_vec();
            }),
        ),
        (
            "negative and sub-cent amounts keep their text",
            with(&|b| b.lines = ["-103400.00", "1234.567", "0.001"].map(line).to_vec()),
        ),
        (
            "names: unknown codes, typed names, a typed name equal to the catalogue's",
            with(&|b| {
                b.lines[0].func = Scalar::from("2299999");
                b.lines[0].func_name = Some("其他支出".into());
                b.lines[1].econ_name = Some("基本工资".into());
                b.lines[2].econ = Scalar::from("39999");
                b.code_names.insert("229".into(), "其他支出".into());
                b.code_names.insert("22999".into(), "其他支出".into());
                b.code_names.insert("399".into(), "其他".into());
                b.last_year.items[0].name = Some("自填名称".into());
                b.last_year.items.push(ItemCompared {
                    code: Scalar::from("2299999"),
                    name: None,
                    amount: Scalar::from("0"),
                    reason: None,
                });
            }),
        ),
        (
            "codes that are not codes stay text",
            with(&|b| {
                b.lines[0].func = Scalar::from("208 05 05");
                b.lines[1].econ = Scalar::from("0301");
                b.lines[2].func = Scalar::from("");
            }),
        ),
        (
            "texts that look like formulas, numbers, dates, or carry spaces and line breaks",
            with(&|b| {
                b.department.functions = "=SUM(A1:A3)\n第二行  ".into();
                b.department.published = "2025/2/14".into();
                b.department.offices = vec!["  办公室".into(), "0123".into(), "2025-02-14".into()];
                b.other_matters = Some("TRUE".into());
                b.projects[0].basis = "很长的依据。".repeat(3000);
                b.units[0].id = "007".into();
            }),
        ),
        (
            "performance targets with every optional field, and an indicator owner order",
            with(&|b| {
                let indicator = |name: &str| Indicator {
                    level1: "产出指标".into(),
                    level2: "数量指标".into(),
                    name: name.into(),
                    value: "=1次".into(),
                    basis: "计划标准".into(),
                    weight: Scalar::from("12.5"),
                    last_value: Some("1".into()),
                    scoring: Some("按比例".into()),
                    evidence: None,
                    nature: None,
                    measure: None,
                    core: None,
                    activity: None,
                };
                b.performance.projects = vec![
                    ProjectTarget {
                        project: "监测设备更新".into(),
                        title: Some("设备".into()),
                        leader: "甲".into(),
                        goal: "更新设备".into(),
                        indicators: vec![indicator("a"), indicator("b")],
                    },
                    ProjectTarget {
                        project: "执法车辆购置".into(),
                        title: None,
                        leader: String::new(),
                        goal: String::new(),
                        indicators: vec![],
                    },
                ];
            }),
        ),
        (
            "last-year entries absent, zero, or with a figure but no reason",
            with(&|b| {
                b.last_year.remove("income.general");
                b.last_year.set(
                    "income.fund",
                    gongkai_model::input::Compared { amount: Scalar::from("0"), reason: None },
                );
                b.last_year.remove("running_costs");
            }),
        ),
        (
            "a thousand lines",
            with(&|b| {
                b.lines = (0..1000).map(|i| line(&format!("{}.{:02}", 1000 + i * 7, i % 100))).collect();
            }),
        ),
    ]
}

#[test]
fn generated_variants_round_trip() {
    for (name, budget) in variants() {
        check(name, &budget);
    }
}

/// Every input the repository commits (the example and the regional references'
/// reconstructions) comes back from its workbook field for field: `gongkai convert` must
/// not drop what a region's input uses (a line's 政府采购品目, 5xx code, 人员经费 flag …).
#[test]
fn every_committed_input_round_trips() {
    let mut inputs = vec![std::path::PathBuf::from("examples/changji-epmc-2025.yaml")];
    for dir in std::fs::read_dir(crate::common::root().join("tests/fixtures")).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            if file.extension().is_some_and(|e| e == "yaml") && text.contains("\nlines:") {
                inputs.push(file.strip_prefix(crate::common::root()).unwrap().to_path_buf());
            }
        }
    }
    inputs.sort();
    assert!(inputs.len() >= 12, "{inputs:?}");
    for input in &inputs {
        check(&input.display().to_string(), &crate::common::yaml(&input.display().to_string()));
    }
}

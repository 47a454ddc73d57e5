//! The narrative tells the truth about the tables: section 七 lists every project with
//! 一般公共预算 spending, described or not (an undescribed one gets W408 and still
//! appears with its amount), and says there are none only when there are none.

use gongkai_model::document::{Block, Document};
use gongkai_model::input::Budget;
use gongkai_model::source::{Kind, Source};
use rust_decimal::Decimal;

use crate::common::example_text;

fn build(budget: &Budget) -> Document {
    gongkai_templates::build(budget, &gongkai_profile::builtin("xinjiang-11").unwrap()).unwrap()
}

/// The headings and paragraphs under the level-2 heading starting with `from`, up to the
/// next one.
fn section(doc: &Document, from: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for b in &doc.blocks {
        match b {
            Block::Heading { level: 2, text, .. } => {
                if inside {
                    break;
                }
                inside = text.starts_with(from);
            }
            Block::Heading { text, .. } | Block::Paragraph { text, .. } if inside => out.push(text.clone()),
            _ => {}
        }
    }
    out
}

/// A project's 一般公共预算 lines added up here, in 万元 as printed.
fn general_amount(budget: &Budget, project: &str) -> String {
    let yuan: Decimal = budget
        .lines
        .iter()
        .filter(|l| l.project.as_deref() == Some(project))
        .filter(|l| Source::parse(&l.source).is_some_and(Source::is_general))
        .map(|l| l.amount.as_str().parse::<Decimal>().unwrap())
        .sum();
    gongkai_model::money::fmt2(yuan / Decimal::from(10_000))
}

#[test]
fn section_seven_lists_every_project_with_spending_described_or_not() {
    let text = example_text();
    let mut budget = gongkai_yaml::parse_clean(text.as_bytes(), "e.yaml").unwrap();
    // The example without the second project's description.
    let undescribed = budget.projects.remove(1).name;
    let described = budget.projects[0].name.clone();
    let a = gongkai_model::analyse(&budget, &gongkai_profile::builtin("xinjiang-11").unwrap());
    let w408: Vec<&str> =
        a.diagnostics.iter().filter(|d| d.rule == "W408").map(|d| d.message.as_str()).collect();
    assert_eq!(w408, [format!("一般公共预算项目“{undescribed}”缺少项目说明")]);

    let seven = section(&build(&budget), "七、");
    assert!(!seven.iter().any(|t| t.contains("没有一般公共预算项目支出")), "{seven:#?}");
    let first =
        seven.iter().position(|t| *t == format!("（一）项目名称：{described}")).expect("the described");
    let second =
        seven.iter().position(|t| *t == format!("（二）项目名称：{undescribed}")).expect("the undescribed");
    assert_eq!(second - first, 6, "{seven:#?}");
    assert_eq!(seven[first + 2], format!("预算安排规模：{}万元", general_amount(&budget, &described)));
    // The undescribed project prints what its lines say, and no empty text lines.
    assert_eq!(
        seven[second + 1..],
        [
            format!("预算安排规模：{}万元", general_amount(&budget, &undescribed)),
            format!("项目承担单位：{}", budget.department.name)
        ]
    );
}

#[test]
fn section_seven_says_there_are_none_only_when_there_are_none() {
    let profile = gongkai_profile::builtin("xinjiang-11").unwrap();
    let mut seen = [false; 2];
    for seed in 1..=12 {
        let budget = gongkai_synth::department(seed, &profile);
        let any = budget.lines.iter().any(|l| {
            Kind::parse(&l.kind) == Some(Kind::Project)
                && Source::parse(&l.source).is_some_and(Source::is_general)
        });
        seen[usize::from(any)] = true;
        let seven = section(&build(&budget), "七、");
        let none = format!("{}2025年没有一般公共预算项目支出。", budget.department.name);
        if any {
            assert!(!seven.contains(&none), "seed {seed}: {seven:#?}");
            assert!(seven.iter().any(|t| t.starts_with("（一）项目名称：")), "seed {seed}: {seven:#?}");
        } else {
            assert_eq!(seven, [none], "seed {seed}");
        }
    }
    assert_eq!(seen, [true, true], "departments with and without 一般公共预算 projects");
}

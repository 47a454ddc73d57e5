//! `gongkai init`: a blank fill-in workbook, or a commented YAML template, to start a
//! budget from.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, Result, bail};

use crate::args::{InitArgs, InitFormat};
use crate::convert::refuse_to_overwrite;
use crate::messages::{self, note};
use crate::{Outcome, profiles, write};
use gongkai_model::facts::ITEMS;
use gongkai_model::profile::Profile;

/// The YAML template; `{year}` stands for the budget year.
const YAML_TEMPLATE: &str = include_str!("init_template.yaml");

pub(crate) fn init(args: &InitArgs) -> Result<Outcome> {
    let output = args.output();
    let ext = output.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let format = match (args.format, ext.as_str()) {
        (Some(InitFormat::Xlsx), "xlsx") | (None, "xlsx") => InitFormat::Xlsx,
        (Some(InitFormat::Yaml), "yaml" | "yml") | (None, "yaml" | "yml") => InitFormat::Yaml,
        (Some(InitFormat::Xlsx), _) => bail!("填报工作簿的文件名应以 .xlsx 结尾：{}", messages::path(output)),
        (Some(InitFormat::Yaml), _) => {
            bail!("YAML 模板的文件名应以 .yaml 或 .yml 结尾：{}", messages::path(output))
        }
        (None, _) => {
            bail!("无法从文件名 {} 判断模板格式；请加 --format xlsx 或 --format yaml", messages::path(output))
        }
    };
    refuse_to_overwrite(output, args.force)?;
    let year = match args.year {
        Some(year) => year,
        None => next_budget_year(now()?),
    };
    let Some(chosen) = profiles::choose(args.profile.as_deref(), None, None)? else {
        return Ok(Outcome::InputErrors);
    };
    let compared = chosen.profile.narrative.compared_keys();
    let bytes = match format {
        InitFormat::Xlsx => gongkai_workbook::template(year, &compared)?,
        InitFormat::Yaml => yaml_template(year, &chosen.profile).into_bytes(),
    };
    write::atomic(output, &bytes)?;
    note!(
        "已生成 {}（{year} 年度模板）；填写后运行 gongkai validate {} 检查",
        messages::path(output),
        messages::visible(&file_name(output))
    );
    Ok(Outcome::Ok)
}

/// The commented YAML template for `year`, its `last_year` section listing what
/// `profile` compares with last year.
pub(crate) fn yaml_template(year: u16, profile: &Profile) -> String {
    let narrative = &profile.narrative;
    let mut last = format!(
        "last_year:\n  # 与上年比较的数字（表套 {}）：填上年预算数和变动原因；本年和上年均为零的可以不填。\n",
        profile.id
    );
    last.push_str(
        "  # input: ../上年/部门.yaml   # 或给出上年的输入文件：上年数由它计算，这里只填变动原因\n",
    );
    for k in narrative.compared_keys() {
        let what = if k.group.is_empty() { k.label.clone() } else { format!("{}：{}", k.group, k.label) };
        last.push_str(&format!("  # {}: {{amount: 0, reason: \"\"}}   # {what}\n", k.key));
    }
    for (prefix, title, _) in narrative.compared_groups() {
        if prefix == ITEMS {
            last.push_str(&format!(
                "  items: []   # {title}按功能分类项级科目：- {{code: 2080505, amount: 0, reason: \"\"}}\n"
            ));
        } else {
            last.push_str(&format!("  # {prefix}.编码: {{amount: 0, reason: \"\"}}   # {title}，按编码\n"));
        }
    }
    YAML_TEMPLATE.replace("{year}", &year.to_string()).replace("{last_year}\n", &last)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Now, in seconds since the Unix epoch: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds and tests), else the clock.
fn now() -> Result<u64> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<u64>().with_context(|| format!("SOURCE_DATE_EPOCH“{v}”不是非负整数")),
        Err(_) => Ok(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())),
    }
}

/// The default budget year of a template made at `seconds`: the next calendar year (UTC),
/// since a department prepares and publishes its budget before the year it is for.
fn next_budget_year(seconds: u64) -> u16 {
    calendar_year(seconds).saturating_add(1)
}

/// The calendar year (UTC) of `seconds` since the Unix epoch.
fn calendar_year(seconds: u64) -> u16 {
    let days = seconds / 86_400;
    // Whole 400-year eras have 146 097 days; within one, count years by their lengths.
    let mut year = 1970 + 400 * (days / 146_097);
    let mut left = days % 146_097;
    loop {
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let length = if leap { 366 } else { 365 };
        if left < length {
            return u16::try_from(year).unwrap_or(u16::MAX);
        }
        left -= length;
        year += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_yaml_template_parses_with_the_year_filled_in() {
        for id in gongkai_profile::builtin_ids() {
            let profile = gongkai_profile::builtin(id).expect("built-in profiles read");
            let text = yaml_template(2031, &profile);
            let budget = gongkai_yaml::parse_clean(text.as_bytes(), "t.yaml")
                .unwrap_or_else(|d| panic!("{id}: {d:?}"));
            assert_eq!(budget.department.year, 2031);
            assert!(!text.contains("{year}") && !text.contains("{last_year}"), "{id}");
            // Every key the profile compares is listed, ready to uncomment.
            for k in profile.narrative.compared_keys() {
                assert!(text.contains(&format!("# {}: {{amount: 0", k.key)), "{id}: {}", k.key);
            }
        }
    }

    #[test]
    fn templates_are_for_the_next_budget_year() {
        // 2024-12-31T23:59:59Z (a leap year's last second), 2025-01-01T00:00:00Z, 2000-02-29.
        assert_eq!(calendar_year(1_735_689_599), 2024);
        assert_eq!(next_budget_year(1_735_689_599), 2025);
        assert_eq!(next_budget_year(1_735_689_600), 2026);
        assert_eq!(calendar_year(951_782_400), 2000);
        assert_eq!(calendar_year(0), 1970);
    }
}

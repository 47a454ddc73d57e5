//! `gongkai init`: a blank fill-in workbook, or a commented YAML template, to start a
//! budget from.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Result, bail};

use crate::args::{InitArgs, InitFormat};
use crate::convert::refuse_to_overwrite;
use crate::messages::{self, note};
use crate::{Outcome, write};

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
    let year = args.year.unwrap_or_else(this_year);
    let bytes = match format {
        InitFormat::Xlsx => gongkai_workbook::template(year)?,
        InitFormat::Yaml => yaml_template(year).into_bytes(),
    };
    write::atomic(output, &bytes)?;
    note!(
        "已生成 {}（{year} 年度模板）；填写后运行 gongkai validate {} 检查",
        messages::path(output),
        messages::visible(&file_name(output))
    );
    Ok(Outcome::Ok)
}

/// The commented YAML template for `year`.
pub(crate) fn yaml_template(year: u16) -> String {
    YAML_TEMPLATE.replace("{year}", &year.to_string())
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The current calendar year (UTC), the default budget year of a template.
fn this_year() -> u16 {
    let days = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
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
        let text = yaml_template(2031);
        let budget = gongkai_yaml::parse_clean(text.as_bytes(), "t.yaml").unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(budget.department.year, 2031);
        assert!(!text.contains("{year}"));
    }

    #[test]
    fn the_year_is_plausible() {
        assert!((2024..2200).contains(&this_year()));
    }
}

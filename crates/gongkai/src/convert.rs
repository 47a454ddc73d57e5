//! `gongkai convert IN OUT`: between budget YAML and the fill-in workbook, both ways and
//! without loss; each file's format comes from its extension.
//!
//! Conversion reads the budget's structure only and does not judge the budget: a
//! half-filled workbook converts as it is, and `gongkai validate` says what is missing.

use std::io;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use gongkai_model::input::Budget;

use crate::args::ConvertArgs;
use crate::messages::{self, note};
use crate::paths::ReadFiles;
use crate::{Outcome, load, profiles, read, registry, report, write};

/// The formats `convert` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Yaml,
    Workbook,
}

impl Target {
    fn of(path: &Path) -> Result<Target> {
        match extension(path).as_str() {
            "yaml" | "yml" => Ok(Target::Yaml),
            "xlsx" => Ok(Target::Workbook),
            _ => bail!("无法识别的输出文件类型“{}”（支持：yaml、yml、xlsx）", messages::path(path)),
        }
    }
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

pub(crate) fn convert(args: &ConvertArgs) -> Result<Outcome> {
    let target = Target::of(&args.output)?;
    let file = args.input.display().to_string();
    let inputs = registry::inputs();
    let ext = extension(&args.input);
    let Some(format) = inputs.iter().find(|f| f.extensions().contains(&ext.as_str())) else {
        bail!(
            "无法识别的输入文件类型“{}”（支持：{}）",
            messages::visible(&file),
            load::extensions().join("、")
        );
    };
    let bytes = read::file(&args.input, read::Kind::Budget)?;
    // Even with --force, the input itself is never the output.
    let mut read = ReadFiles::default();
    read.add(&args.input);
    read.refuse_overwrite(&args.output)?;
    refuse_to_overwrite(&args.output, args.force)?;
    // A conversion must not drop anything: a field the reader could not place (unknown,
    // mistyped) would be lost, so structural errors refuse it too.
    let budget = match format.read(&bytes, &file) {
        Ok(loaded) if !gongkai_model::diag::has_errors(&loaded.diagnostics) => loaded.budget,
        Ok(loaded) => {
            report::human(&mut io::stderr().lock(), &file, &loaded.diagnostics)?;
            return Ok(Outcome::InputErrors);
        }
        Err(diagnostics) => {
            report::human(&mut io::stderr().lock(), &file, &diagnostics)?;
            return Ok(Outcome::InputErrors);
        }
    };
    let out = match target {
        Target::Yaml => yaml(&budget, &file)?.into_bytes(),
        Target::Workbook => {
            let named = budget.profile.as_deref();
            let Some(chosen) = profiles::choose(args.profile.as_deref(), named, args.input.parent())? else {
                return Ok(Outcome::InputErrors);
            };
            let options = gongkai_workbook::WriteOptions {
                compared: chosen.profile.narrative.compared_keys(),
                ..gongkai_workbook::WriteOptions::default()
            };
            gongkai_workbook::write(&budget, &options)?
        }
    };
    write::atomic(&args.output, &out)?;
    note!("已生成 {}", messages::path(&args.output));
    Ok(Outcome::Ok)
}

/// Refuses to replace an existing file without `--force`: the file may be a clerk's
/// filled-in workbook.
pub(crate) fn refuse_to_overwrite(path: &Path, force: bool) -> Result<()> {
    if path.exists() && !force {
        bail!("{} 已存在；确认要覆盖时加 --force", messages::path(path));
    }
    Ok(())
}

/// The budget as YAML, under a comment naming its source. serde-saphyr quotes whatever
/// would not read back as the same text, so the YAML parses to the same budget.
pub(crate) fn yaml(budget: &Budget, source: &str) -> Result<String> {
    let body = serde_saphyr::to_string(budget).context("内部错误：无法生成 YAML")?;
    Ok(format!(
        "# 由 gongkai convert 从 {source} 转换生成；字段说明见 gongkai init --format yaml 生成的模板。\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(path: &str) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let bytes = std::fs::read(root.join(path)).unwrap();
        let budget = gongkai_yaml::parse_clean(&bytes, path).unwrap();
        let text = yaml(&budget, path).unwrap();
        let back = gongkai_yaml::parse_clean(text.as_bytes(), "out.yaml")
            .unwrap_or_else(|d| panic!("{d:?}\n{text}"));
        assert_eq!(back, budget, "{path}");
    }

    #[test]
    fn yaml_output_reads_back_as_the_same_budget() {
        check("examples/changji-epmc-2025.yaml");
        check("tests/fixtures/synthetic-units-fund.yaml");
    }
}

//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// gongkai（公开）：由一份预算数据生成完整的部门预算公开文件。
///
/// Generates the complete Chinese 部门预算公开 disclosure (eleven tables, narrative,
/// performance targets) from one description of a department's budget.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, about, long_about = None, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// 检查预算数据，列出全部错误、警告和提示（exit 1 表示有错误）。
    Validate(ValidateArgs),
    /// 打印由预算明细推导出的公开表。
    Tables(TablesArgs),
    /// 生成公开文件（xlsx、pdf、html……）。
    Render(RenderArgs),
    /// 批量生成多个部门的公开文件（并行；未变化的部门自动跳过）。
    Batch(BatchArgs),
    /// 生成空白的填报工作簿（xlsx）或带注释的 YAML 模板。
    Init(InitArgs),
    /// 在 YAML 和填报工作簿之间转换（格式由扩展名决定，内容完全相同）。
    Convert(ConvertArgs),
    /// 打印输入文件的 JSON Schema（draft-07，供编辑器自动补全）。
    Schema,
    /// 列出全部检查规则及其编号。
    Rules(RulesArgs),
}

#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// 预算数据文件（.yaml 或 .xlsx 填报工作簿）。
    pub(crate) input: PathBuf,
    /// 公开表表套（地区口径）。
    #[arg(long, default_value = gongkai_model::DEFAULT_PROFILE)]
    pub(crate) profile: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// 供人阅读。
    Human,
    /// 供脚本读取。
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// 输出格式。
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub(crate) format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TablesFormat {
    /// 对齐的文本。
    Text,
    /// JSON。
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct TablesArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// 输出格式。
    #[arg(long, value_enum, default_value_t = TablesFormat::Text)]
    pub(crate) format: TablesFormat,
    /// 只打印某张表（t1 … t11 或 表6）。
    #[arg(long)]
    pub(crate) table: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// 输出目录；文件名为 <输入文件名>.<扩展名>。
    #[arg(short, long)]
    pub(crate) output: PathBuf,
    /// 输出格式，逗号分隔（xlsx、pdf、html、json）；默认生成全部公开格式。
    #[arg(long, value_delimiter = ',')]
    pub(crate) format: Vec<String>,
    /// 自定义情况说明模板的目录：其中的 part1.hbs … 覆盖同名内置模板。
    #[arg(long)]
    pub(crate) templates: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) pdf: PdfArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PdfStandardArg {
    /// PDF 1.7。
    Pdf17,
    /// PDF/A-2b（归档）。
    A2b,
}

/// PDF 选项：字体文件可写成 路径 或 路径#序号（字体集合中的第几个字体）。
#[derive(Debug, Args)]
pub(crate) struct PdfArgs {
    /// PDF 标准。
    #[arg(long, value_enum, default_value_t = PdfStandardArg::Pdf17)]
    pub(crate) pdf_standard: PdfStandardArg,
    /// 生成带结构标签的 PDF（供读屏软件和重排阅读；文件约大一倍）。
    #[arg(long)]
    pub(crate) pdf_tagged: bool,
    /// 正文和表格字体（如 仿宋_GB2312、宋体）。
    #[arg(long, value_name = "FILE")]
    pub(crate) font_body: Option<String>,
    /// 加粗字体。
    #[arg(long, value_name = "FILE")]
    pub(crate) font_bold: Option<String>,
    /// 标题字体（如 黑体）。
    #[arg(long, value_name = "FILE")]
    pub(crate) font_heading: Option<String>,
    /// 封面标题字体（如 方正小标宋）。
    #[arg(long, value_name = "FILE")]
    pub(crate) font_title: Option<String>,
    /// 备用字体：以上字体缺少的字（如生僻字）用它显示。
    #[arg(long, value_name = "FILE")]
    pub(crate) pdf_font_fallback: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// 输出格式。
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub(crate) format: ReportFormat,
}

#[derive(Debug, Args)]
pub(crate) struct BatchArgs {
    /// 输入文件或目录（目录中的 .yaml/.yml/.xlsx 递归查找）。
    #[arg(required = true)]
    pub(crate) inputs: Vec<PathBuf>,
    /// 输出目录：每个部门一个子目录，另有 summary.json 和 index.html。
    #[arg(short, long)]
    pub(crate) output: PathBuf,
    /// 输出格式，逗号分隔；默认 xlsx、pdf、html。
    #[arg(long, value_delimiter = ',')]
    pub(crate) format: Vec<String>,
    /// 并行任务数（默认为 CPU 核数）。
    #[arg(long)]
    pub(crate) jobs: Option<usize>,
    /// 忽略上次的结果，全部重新生成。
    #[arg(long)]
    pub(crate) force: bool,
    /// 只处理 N 份中的第 K 份（K/N），便于多台机器分担。
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<String>,
    /// 公开表表套（地区口径）。
    #[arg(long, default_value = gongkai_model::DEFAULT_PROFILE)]
    pub(crate) profile: String,
    /// 自定义情况说明模板的目录。
    #[arg(long)]
    pub(crate) templates: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) pdf: PdfArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InitFormat {
    /// 填报工作簿（Excel、WPS）。
    Xlsx,
    /// 带注释的 YAML 模板。
    Yaml,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// 模板格式；省略时按输出文件的扩展名。
    #[arg(long, value_enum)]
    pub(crate) format: Option<InitFormat>,
    /// 输出文件。
    #[arg(short, long)]
    pub(crate) output: PathBuf,
    /// 预算年度（默认为今年）。
    #[arg(long)]
    pub(crate) year: Option<u16>,
    /// 输出文件已存在时覆盖它。
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
    /// 输入文件（.yaml、.yml 或 .xlsx）。
    pub(crate) input: PathBuf,
    /// 输出文件（.yaml、.yml 或 .xlsx）。
    pub(crate) output: PathBuf,
    /// 输出文件已存在时覆盖它。
    #[arg(long)]
    pub(crate) force: bool,
}

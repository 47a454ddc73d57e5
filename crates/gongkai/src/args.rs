//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{ArgAction, Args, ColorChoice, Parser, Subcommand, ValueEnum};

/// Generates the complete Chinese 部门预算公开 disclosure (eleven tables, narrative,
/// performance targets) from one description of a department's budget.
///
/// Everything users read is Chinese: clap's own help flags and help subcommand are
/// replaced by ours, value names are Chinese, and `usage.rs` translates the few headings
/// clap writes itself and words its errors.
#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    about = "gongkai（公开）：由一份预算数据生成完整的部门预算公开文件（公开表、情况说明、绩效目标表）。",
    long_about = None,
    max_term_width = 100,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_value_name = "命令",
    color = ColorChoice::Never,
    after_help = "运行 gongkai <命令> --help 查看某个命令的说明。"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// 显示帮助。
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, display_order = 10_000)]
    help: Option<bool>,
    /// 显示版本号。
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
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
    /// 比较两份预算数据生成的公开文件，列出变化的单元格、语句和检查结果（--last-year：与上年比较）。
    Diff(crate::diff_cmd::DiffArgs),
    /// 在 YAML 和填报工作簿之间转换（格式由扩展名决定，内容完全相同）。
    Convert(ConvertArgs),
    /// 打印输入文件的 JSON Schema（draft-07，供编辑器自动补全）。
    Schema(SchemaArgs),
    /// 列出全部检查规则及其编号。
    Rules(RulesArgs),
    Check(crate::check_cmd::CheckArgs),
    /// 表套（地区口径）：列出、查看、导出、检查。
    #[command(subcommand)]
    Profile(ProfileCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ProfileCommand {
    /// 列出内置表套。
    List,
    /// 显示表套的各张表和文件结构。
    Show {
        /// 内置表套的标识，或表套目录。
        #[arg(value_name = "表套")]
        profile: String,
    },
    /// 把表套的全部文件写到一个新目录，作为编写本地表套的起点。
    Export {
        /// 内置表套的标识，或表套目录。
        #[arg(value_name = "表套")]
        profile: String,
        /// 新目录（不存在或为空）。
        #[arg(value_name = "目录")]
        dir: PathBuf,
    },
    /// 检查表套：文件结构、引用、模板（用示例数据试渲染）。
    Check {
        /// 表套目录，或内置表套的标识。
        #[arg(value_name = "表套")]
        profile: String,
    },
    /// 打印表套文件的 JSON Schema（profile.yaml、tables.yaml、checks.yaml、narrative.yaml）。
    Schema {
        /// 只打印这个文件的（如 tables.yaml）。
        #[arg(value_name = "文件")]
        file: Option<String>,
    },
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// 表套：last_year 列出它与上年比较的数字，编辑器可逐项提示（省略时不列出）。
    #[arg(long, value_name = "表套")]
    pub(crate) profile: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// 预算数据文件（.yaml 或 .xlsx 填报工作簿）。
    #[arg(value_name = "输入文件")]
    pub(crate) input: PathBuf,
    /// 公开表表套（地区口径）：内置表套的标识，或表套目录；省略时用输入文件中的 profile，
    /// 再省略则用默认表套（gongkai profile list 列出内置表套并标出默认的）。
    #[arg(long, value_name = "表套")]
    pub(crate) profile: Option<String>,
    /// 只取一个单位：生成它的单位预算（单位自身的明细、单位预算的用语）。写 units 中的 id，
    /// 或“本部”（部门自身的、不写 unit 的明细）；表套须有单位预算（profile.yaml 的 kinds.unit）。
    #[arg(long, value_name = "单位")]
    pub(crate) unit: Option<String>,
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
    /// 检查字形时使用的 PDF 字体（与 render 相同的选项）。
    #[command(flatten)]
    pub(crate) fonts: FontArgs,
    /// 输出格式。
    #[arg(long, value_name = "格式", value_enum, default_value_t = ReportFormat::Human)]
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
    #[arg(long, value_name = "格式", value_enum, default_value_t = TablesFormat::Text)]
    pub(crate) format: TablesFormat,
    /// 只打印某张表（t1 … t11 或 表6）。
    #[arg(long, value_name = "表")]
    pub(crate) table: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// 输出目录；文件名为 <输入文件名>.<扩展名>。
    #[arg(short, long, value_name = "目录")]
    pub(crate) output: PathBuf,
    /// 输出格式，逗号分隔（xlsx、pdf、html、json）；默认生成全部公开格式。
    #[arg(long, value_name = "格式", value_delimiter = ',')]
    pub(crate) format: Vec<String>,
    /// 自定义情况说明模板的目录：其中的 part1.hbs … 覆盖同名内置模板。
    #[arg(long, value_name = "目录")]
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

/// PDF 选项。
#[derive(Debug, Args)]
pub(crate) struct PdfArgs {
    /// PDF 标准。
    #[arg(long, value_name = "标准", value_enum, default_value_t = PdfStandardArg::Pdf17)]
    pub(crate) pdf_standard: PdfStandardArg,
    /// 生成带结构标签的 PDF（供读屏软件和重排阅读；文件约大一倍）。
    #[arg(long)]
    pub(crate) pdf_tagged: bool,
    #[command(flatten)]
    pub(crate) fonts: FontArgs,
}

/// PDF 字体：字体文件可写成 路径 或 路径#序号（字体集合中的第几个字体）。
#[derive(Debug, Args)]
pub(crate) struct FontArgs {
    /// 正文和表格字体（如 仿宋_GB2312、宋体）。
    #[arg(long, value_name = "字体文件")]
    pub(crate) font_body: Option<String>,
    /// 加粗字体。
    #[arg(long, value_name = "字体文件")]
    pub(crate) font_bold: Option<String>,
    /// 标题字体（如 黑体）。
    #[arg(long, value_name = "字体文件")]
    pub(crate) font_heading: Option<String>,
    /// 封面标题字体（如 方正小标宋）。
    #[arg(long, value_name = "字体文件")]
    pub(crate) font_title: Option<String>,
    /// 备用字体：以上字体缺少的字（如生僻字）用它显示。
    #[arg(long, value_name = "字体文件")]
    pub(crate) pdf_font_fallback: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// 输出格式。
    #[arg(long, value_name = "格式", value_enum, default_value_t = ReportFormat::Human)]
    pub(crate) format: ReportFormat,
}

#[derive(Debug, Args)]
pub(crate) struct BatchArgs {
    /// 输入文件或目录（目录中的 .yaml/.yml/.xlsx 递归查找，不进入目录的符号链接）。
    #[arg(required = true, value_name = "输入")]
    pub(crate) inputs: Vec<PathBuf>,
    /// 输出目录：每个部门一个子目录，另有 summary.json 和 index.html。
    #[arg(short, long, value_name = "目录")]
    pub(crate) output: PathBuf,
    /// 输出格式，逗号分隔；默认 xlsx、pdf、html。
    #[arg(long, value_name = "格式", value_delimiter = ',')]
    pub(crate) format: Vec<String>,
    /// 并行任务数（默认为 CPU 核数）。
    #[arg(long, value_name = "N")]
    pub(crate) jobs: Option<usize>,
    /// 忽略上次的结果，全部重新生成。
    #[arg(long)]
    pub(crate) force: bool,
    /// 只处理 N 份中的第 K 份（K/N），便于多台机器分担；各分片可以同时写入同一输出目录。
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<String>,
    /// 公开表表套（地区口径）：内置表套的标识或表套目录；所有部门使用同一表套。
    #[arg(long, value_name = "表套", default_value = gongkai_model::DEFAULT_PROFILE)]
    pub(crate) profile: String,
    /// 自定义情况说明模板的目录。
    #[arg(long, value_name = "目录")]
    pub(crate) templates: Option<PathBuf>,
    /// 另为每个单位生成单位预算（本部和 units 中的每个单位，没有明细的除外），写在部门的文件旁：
    /// <部门>.<单位>.<扩展名>；表套须有单位预算（kinds.unit）。
    #[arg(long)]
    pub(crate) units: bool,
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
    #[arg(long, value_name = "格式", value_enum)]
    pub(crate) format: Option<InitFormat>,
    /// 输出文件（.xlsx、.yaml 或 .yml）。
    #[arg(
        value_name = "输出文件",
        required_unless_present = "output_option",
        conflicts_with = "output_option"
    )]
    pub(crate) output: Option<PathBuf>,
    /// 输出文件（与直接写文件名相同）。
    #[arg(short = 'o', long = "output", value_name = "输出文件")]
    pub(crate) output_option: Option<PathBuf>,
    /// 预算年度（默认为明年，即今年编制的下一预算年度；设置了 SOURCE_DATE_EPOCH 时按它的日期）。
    #[arg(long, value_name = "年度")]
    pub(crate) year: Option<u16>,
    /// 表套：模板中的“上年预算”各行按它与上年比较的数字列出（省略时用默认表套）。
    #[arg(long, value_name = "表套")]
    pub(crate) profile: Option<String>,
    /// 输出文件已存在时覆盖它。
    #[arg(long)]
    pub(crate) force: bool,
}

impl InitArgs {
    /// The output file, given by position or by `-o`.
    pub(crate) fn output(&self) -> &std::path::Path {
        self.output.as_deref().or(self.output_option.as_deref()).unwrap_or(std::path::Path::new(""))
    }
}

#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
    /// 输入文件（.yaml、.yml 或 .xlsx）。
    #[arg(value_name = "输入文件")]
    pub(crate) input: PathBuf,
    /// 输出文件（.yaml、.yml 或 .xlsx）。
    #[arg(value_name = "输出文件")]
    pub(crate) output: PathBuf,
    /// 表套：转成工作簿时“上年预算”各行按它列出（省略时用输入文件中的 profile，再省略用默认表套）。
    #[arg(long, value_name = "表套")]
    pub(crate) profile: Option<String>,
    /// 输出文件已存在时覆盖它。
    #[arg(long)]
    pub(crate) force: bool,
}

//! Why a budget could not be written as a workbook.

/// Why [`crate::write`] failed.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// The xlsx writer refused a value or a setting (a text longer than Excel's 32 767
    /// characters, for instance).
    #[error("无法生成工作簿：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Two performance targets name the same project: the 绩效指标 sheet finds a target by
    /// its project name, so it could not tell them apart.
    #[error("绩效目标中项目“{0}”出现了不止一次，工作簿的绩效指标表无法区分它们")]
    DuplicateTarget(String),
    /// A performance target's project is called 部门整体, the 所属 of the overall target.
    #[error("项目绩效目标的项目名称“{0}”与绩效指标表中表示部门整体的“部门整体”相同，工作簿无法区分")]
    ReservedOwner(String),
    /// The creation timestamp cannot be stored in a workbook.
    #[error("创建日期（Unix 时间 {0}）超出工作簿能记录的范围")]
    Timestamp(i64),
}

//! Why a workbook could not be written, one variant per thing that broke.
//!
//! Messages are Chinese: the CLI shows them to the department's staff as they are.

/// Why [`crate::xlsx`] failed.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// The document holds no table, and a workbook needs at least one sheet.
    #[error("文档中没有表格，无法生成工作簿")]
    NoTables,

    /// The creation timestamp lies outside the dates Excel can store (1900–9999).
    #[error("时间戳 {0} 超出 Excel 可表示的日期范围（1900—9999 年）")]
    TimestampOutOfRange(i64),

    /// Two tables have the same 表号, which names their sheets.
    #[error("表号“{0}”重复，无法作为工作表名称")]
    DuplicateSheet(String),

    /// A 表号 is not a valid sheet name (too long, or contains `[]:*?/\`).
    #[error("表号“{sheet}”不能作为工作表名称：{source}")]
    SheetName {
        /// The 表号.
        sheet: String,
        /// What the writer objected to.
        source: rust_xlsxwriter::XlsxError,
    },

    /// A table has no columns.
    #[error("{sheet}：表没有任何列")]
    NoColumns {
        /// The 表号.
        sheet: String,
    },

    /// A header cell, with its spans, reaches outside the header grid.
    #[error("{sheet}：表头单元格“{text}”超出表头范围（{rows} 行 × {columns} 列）")]
    HeaderCellOutsideGrid {
        /// The 表号.
        sheet: String,
        /// The header cell's text.
        text: String,
        /// Header rows of the table.
        rows: usize,
        /// Columns of the table.
        columns: usize,
    },

    /// A header cell covers a grid position another header cell already covers.
    #[error("{sheet}：表头单元格“{text}”与其他表头单元格重叠")]
    HeaderCellsOverlap {
        /// The 表号.
        sheet: String,
        /// The text of the later of the two cells.
        text: String,
    },

    /// A merged body cell, with its spans, reaches outside the data rows.
    #[error("{sheet}：合并单元格“{text}”超出表格范围（{rows} 行 × {columns} 列）")]
    SpanOutsideGrid {
        /// The 表号.
        sheet: String,
        /// The merged cell's text.
        text: String,
        /// Data rows of the table.
        rows: usize,
        /// Columns of the table.
        columns: usize,
    },

    /// A merged body cell covers a cell another merged cell already covers.
    #[error("{sheet}：合并单元格“{text}”与其他合并单元格重叠")]
    SpansOverlap {
        /// The 表号.
        sheet: String,
        /// The text of the later of the two cells.
        text: String,
    },

    /// A data row has a different number of cells than the table has columns.
    #[error("{sheet}：行“{row}”有 {cells} 个单元格，而表有 {columns} 列")]
    RowWidth {
        /// The 表号.
        sheet: String,
        /// The row's key.
        row: String,
        /// Cells in the row.
        cells: usize,
        /// Columns of the table.
        columns: usize,
    },

    /// Writing a cell or a sheet setting failed (for instance beyond Excel's size limits).
    #[error("{sheet}：写入工作表失败：{source}")]
    Sheet {
        /// The 表号.
        sheet: String,
        /// What the writer reported.
        source: rust_xlsxwriter::XlsxError,
    },

    /// Assembling the xlsx package failed.
    #[error("打包 xlsx 文件失败：{0}")]
    Package(rust_xlsxwriter::XlsxError),
}

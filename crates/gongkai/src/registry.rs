//! The one place formats are registered: adding a format is one line here.

use gongkai_model::document::Document;
use gongkai_model::plugin::{Backend, BackendError, InputFormat, RenderSettings};

/// Every input format, in the order extensions are matched.
pub(crate) fn inputs() -> Vec<Box<dyn InputFormat>> {
    vec![Box::new(gongkai_yaml::YamlFormat), Box::new(gongkai_workbook::WorkbookFormat)]
}

/// Every output backend; `pdf` carries the PDF options of the command line.
pub(crate) fn backends(pdf: gongkai_pdf::PdfOptions) -> Vec<Box<dyn Backend>> {
    vec![
        Box::new(gongkai_xlsx::XlsxBackend),
        Box::new(gongkai_pdf::PdfBackend { options: pdf }),
        Box::new(gongkai_html::HtmlBackend),
        Box::new(JsonBackend),
    ]
}

/// The derived document as JSON: the contract an out-of-process backend reads.
struct JsonBackend;

impl Backend for JsonBackend {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extension(&self) -> &'static str {
        "json"
    }

    fn render(&self, document: &Document, _: &RenderSettings) -> Result<Vec<u8>, BackendError> {
        let mut bytes = serde_json::to_vec_pretty(document)
            .map_err(|e| BackendError { backend: "json", message: e.to_string() })?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

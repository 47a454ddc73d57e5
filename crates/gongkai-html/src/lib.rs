//! Word-compatible HTML: the whole disclosure as one self-contained `.html` file.
//!
//! The file follows the conventions of Word's own "Save as Web Page" (Office namespaces,
//! a `WordDocument` print view, `@page` sections with a landscape section for the tables
//! the profile turns sideways, `mso-*` styles), so Word and WPS open it as a paginated
//! document, and keeps plain HTML attributes (`align`, `width`, `colspan`) and `<thead>`
//! so LibreOffice and browsers lay it out too. LibreOffice Writer gets its page numbers
//! from a footer in its own convention (`<div title="footer">` with a page field), which
//! Word skips. Every user string is escaped. No external files.

mod escape;
mod style;
mod table;

use gongkai_model::document::{Block, Document};
use gongkai_model::plugin::{Backend, BackendError, RenderSettings};

use escape::{esc, push};

/// Escapes `& < > " '` for HTML; for other writers of small HTML pages (the batch index).
pub fn escape(text: &str) -> String {
    esc(text)
}

/// Settings for HTML export. There are none yet: a table's page orientation, like the
/// rest of its look, is its profile's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct HtmlOptions {}

/// Why a document could not be written as HTML.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// The document has no blocks at all.
    #[error("文档为空")]
    EmptyDocument,
}

/// Encodes a document as one self-contained HTML string.
///
/// # Errors
///
/// [`HtmlError::EmptyDocument`] for a document without content.
pub fn html(document: &Document, _options: &HtmlOptions) -> Result<String, HtmlError> {
    if document.blocks.is_empty() {
        return Err(HtmlError::EmptyDocument);
    }
    let mut out = String::with_capacity(256 * 1024);
    head(&mut out, document);
    let mut section: Option<bool> = None;
    let mut first_in_section = true;
    let table_landscape = |block: Option<&Block>| match block {
        Some(Block::Table(t) | Block::Form { table: t, .. }) => table::is_landscape(t),
        _ => false,
    };
    let part_heading = |block: Option<&Block>| matches!(block, Some(Block::Heading { level: 1, .. }));
    for (i, block) in document.blocks.iter().enumerate() {
        // A part heading goes on the page of the table right under it, landscape or not,
        // so that it never stands alone on a page of its own (as in the PDF).
        let landscape = if part_heading(Some(block)) {
            table_landscape(document.blocks.get(i + 1))
        } else {
            table_landscape(Some(block))
        };
        let under_part_heading = i > 0 && part_heading(document.blocks.get(i - 1));
        if section != Some(landscape) {
            if section.is_some() {
                out.push_str("</div>\n");
                // Word needs an explicit section break between differently oriented pages;
                // browsers break on the named page change and hide this span.
                out.push_str("<span class=\"sb\"><br clear=\"all\" style=\"page-break-before:always;mso-break-type:section-break\"></span>\n");
            }
            out.push_str(if landscape {
                "<div class=\"WordSection2\">\n"
            } else {
                "<div class=\"WordSection1\">\n"
            });
            section = Some(landscape);
            first_in_section = true;
        }
        block_html(&mut out, document, block, first_in_section || under_part_heading);
        first_in_section = false;
    }
    out.push_str("</div>\n");
    footer(&mut out);
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

fn head(out: &mut String, document: &Document) {
    let m = &document.meta;
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\" xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n<head>\n");
    out.push_str("<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<meta name=\"ProgId\" content=\"Word.Document\">\n<meta name=\"Generator\" content=\"gongkai\">\n");
    out.push_str("<meta name=\"author\" content=\"");
    push(out, &m.org);
    out.push_str("\">\n<title>");
    push(out, &format!("{}{}", m.org, m.title));
    out.push_str("</title>\n");
    out.push_str("<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View><w:Zoom>100</w:Zoom><w:DoNotOptimizeForBrowser/></w:WordDocument></xml><![endif]-->\n");
    out.push_str("<style>\n");
    out.push_str(&style::css(matches!(document.blocks.first(), Some(Block::Cover { .. }))));
    out.push_str("</style>\n");
    // Word does not see these rules: they hide Word's section-break spans and
    // LibreOffice's footer from browsers, and lay the page out on screen.
    out.push_str("<!--[if !mso]><!--><style>\n");
    out.push_str(style::BROWSER_CSS);
    out.push_str("</style><!--<![endif]-->\n");
    out.push_str("</head>\n<body lang=\"ZH-CN\">\n");
}

/// LibreOffice Writer's page footer: a `<div title="footer">` holding a page-number field
/// becomes the page style's footer when Writer opens the file. Word and WPS number pages
/// from the `@page` rules and skip this block (a conditional comment); browsers hide it.
///
/// Written twice: Writer puts the first such footer on right-hand pages only, so every
/// even page came without its number (17 of 33); a second one replaces the first's
/// content and makes Writer share the footer with the left-hand pages.
fn footer(out: &mut String) {
    for _ in 0..2 {
        out.push_str("<!--[if !mso]><!--><div title=\"footer\" class=\"lofooter\"><p align=\"center\" style=\"font-size:10.5pt\">第 <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> 页</p></div><!--<![endif]-->\n");
    }
}

fn block_html(out: &mut String, document: &Document, block: &Block, first_in_section: bool) {
    match block {
        Block::Cover { org, title } => {
            out.push_str("<div class=\"cover\">");
            if !org.is_empty() {
                out.push_str("<p class=\"org\">");
                push(out, org);
                out.push_str("</p>");
            }
            out.push_str("<p class=\"title\">");
            push(out, title);
            out.push_str("</p></div>\n");
        }
        Block::Toc => {
            // Inline page breaks too: LibreOffice ignores class rules.
            out.push_str("<div class=\"pb\"><p class=\"toc-title\" align=\"center\" style=\"page-break-before:always\">目　录</p>\n");
            for e in document.toc() {
                out.push_str(&format!("<p class=\"toc{}\"><a href=\"#{}\">", e.level.min(2), esc(&e.id)));
                push(out, &e.text);
                out.push_str("</a></p>\n");
            }
            out.push_str("</div>\n");
        }
        Block::Heading { level, text, id } => {
            let level = (*level).clamp(1, 3);
            let (style, align) = if level == 1 {
                (" style=\"page-break-before:always\"", " align=\"center\"")
            } else {
                ("", "")
            };
            out.push_str(&format!("<h{level} id=\"{}\"{style}{align}><a name=\"{}\"></a>", esc(id), esc(id)));
            push(out, text);
            out.push_str(&format!("</h{level}>\n"));
        }
        Block::Paragraph { text, strong } => {
            out.push_str("<p class=\"body\">");
            let split = text.char_indices().nth(*strong).map_or(text.len(), |(i, _)| i);
            let (lead, rest) = text.split_at(split);
            if !lead.is_empty() {
                out.push_str("<strong>");
                push(out, lead);
                out.push_str("</strong>");
            }
            push(out, rest);
            out.push_str("</p>\n");
        }
        Block::List { items } => {
            for item in items {
                out.push_str("<p class=\"item\">");
                push(out, item);
                out.push_str("</p>\n");
            }
        }
        Block::Table(t) => table::table(out, t, !first_in_section),
        Block::Form { title, subtitle, table: t } => table::form(out, title, subtitle, t, !first_in_section),
        Block::PageBreak => out.push_str("<p class=\"pb\"></p>\n"),
        Block::Signature { org, date } => {
            out.push_str("<p class=\"sign\" align=\"right\">&nbsp;</p>\n<p class=\"sign\" align=\"right\">");
            push(out, org);
            out.push_str("</p>\n<p class=\"sign\" align=\"right\">");
            push(out, date);
            out.push_str("</p>\n");
        }
    }
}

/// The HTML backend for the registry.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlBackend;

impl Backend for HtmlBackend {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extension(&self) -> &'static str {
        "html"
    }

    fn render(&self, document: &Document, _: &RenderSettings) -> Result<Vec<u8>, BackendError> {
        html(document, &HtmlOptions::default())
            .map(String::into_bytes)
            .map_err(|e| BackendError { backend: "html", message: e.to_string() })
    }
}

//! The stylesheet: Office (mso-*) properties for Word and WPS, plain CSS for browsers and
//! LibreOffice, and a screen sheet for browsers only.
//!
//! Font stacks name the fonts Chinese offices license (仿宋_GB2312, 黑体, 宋体) first and
//! open fonts (Noto CJK / Source Han) as fallbacks, so the document reads well everywhere.
//!
//! LibreOffice Writer's HTML import applies only simple selectors (`td`, `.c`, `p.c`, and
//! lists of them; no descendant selectors, and for table cells not `td.c` either, only
//! `.c`) and ignores `em` lengths, so every rule here is simple, cells are styled by class
//! alone, and every length is in points (two characters of 16 pt text indent 32 pt).
//! Without that, Writer drops the grid's 9 pt size, sets tables in its default size and
//! pushes a wide table's last columns off the page.

/// Body text: 仿宋.
const FANGSONG: &str = "\"仿宋_GB2312\", FangSong_GB2312, \"仿宋\", FangSong, STFangsong, \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";
/// Headings: 黑体.
const HEITI: &str =
    "\"黑体\", SimHei, \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", sans-serif";
/// Tables: 宋体.
const SONGTI: &str = "\"宋体\", SimSun, \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";
/// Titles: 方正小标宋.
const XIAOBIAOSONG: &str =
    "\"方正小标宋简体\", \"方正小标宋_GBK\", \"黑体\", SimHei, \"Noto Serif CJK SC\", serif";

/// Grid text size in points; LibreOffice fits a wide table to a portrait page by it.
pub(crate) const GRID_PT: u32 = 9;

/// The stylesheet. `@page` rules are named after the Word sections (`Section1` portrait,
/// `Section2` landscape); Chromium honours the same names through `page:`. With a cover,
/// the first page carries no page number, as in the PDF.
pub(crate) fn css(cover: bool) -> String {
    let first = if cover { "@page WordSection1:first { @bottom-center { content: none; } }\n" } else { "" };
    format!(
        r#"@page WordSection1 {{ size: 595.3pt 841.9pt; margin: 72pt 79.4pt 72pt 79.4pt; mso-header-margin: 42.55pt; mso-footer-margin: 49.6pt; mso-page-numbers: 1; @bottom-center {{ content: "第 " counter(page) " 页"; font-size: 10.5pt; }} }}
{first}@page WordSection2 {{ size: 841.9pt 595.3pt; mso-page-orientation: landscape; margin: 54pt 42.5pt 54pt 42.5pt; mso-header-margin: 42.55pt; mso-footer-margin: 35pt; @bottom-center {{ content: "第 " counter(page) " 页"; font-size: 10.5pt; }} }}
div.WordSection1 {{ page: WordSection1; }}
div.WordSection2 {{ page: WordSection2; }}
body {{ font-family: {FANGSONG}; mso-fareast-font-family: "仿宋_GB2312"; font-size: 16pt; color: #000; }}
p {{ margin-top: 0; margin-bottom: 0; line-height: 28pt; mso-line-height-rule: exactly; orphans: 2; widows: 2; }}
p.body {{ text-indent: 32pt; text-align: justify; }}
p.item {{ text-indent: 32pt; }}
h1, h2, h3 {{ font-weight: normal; margin-top: 0; margin-bottom: 0; line-height: 28pt; mso-line-height-rule: exactly; page-break-after: avoid; break-after: avoid; }}
h1 {{ font-family: {HEITI}; mso-fareast-font-family: "黑体"; font-size: 16pt; text-align: center; margin-top: 12pt; margin-bottom: 12pt; page-break-before: always; break-before: page; }}
h2 {{ font-family: {HEITI}; mso-fareast-font-family: "黑体"; font-size: 16pt; text-indent: 32pt; }}
h3 {{ font-family: "楷体_GB2312", KaiTi_GB2312, "楷体", KaiTi, {FANGSONG}; mso-fareast-font-family: "楷体_GB2312"; font-size: 16pt; text-indent: 32pt; }}
div.cover {{ text-align: center; padding-top: 180pt; }}
p.org {{ font-family: {XIAOBIAOSONG}; mso-fareast-font-family: "方正小标宋简体"; font-size: 26pt; line-height: 40pt; }}
p.title {{ font-family: {XIAOBIAOSONG}; mso-fareast-font-family: "方正小标宋简体"; font-size: 22pt; line-height: 40pt; margin-top: 24pt; }}
p.toc-title {{ font-family: {HEITI}; mso-fareast-font-family: "黑体"; font-size: 16pt; text-align: center; margin-bottom: 12pt; }}
p.toc1 {{ font-family: {HEITI}; mso-fareast-font-family: "黑体"; margin-top: 6pt; }}
p.toc2 {{ margin-left: 32pt; mso-para-margin-left: 2.0gd; }}
a {{ color: inherit; text-decoration: none; }}
.pb {{ page-break-before: always; break-before: page; }}
span.sb {{ display: block; }}
p.tno {{ font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 10.5pt; line-height: 16pt; page-break-after: avoid; break-after: avoid; }}
p.ttitle {{ font-family: {HEITI}; mso-fareast-font-family: "黑体"; font-size: 16pt; line-height: 24pt; text-align: center; page-break-after: avoid; break-after: avoid; }}
p.tsub {{ font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 12pt; line-height: 20pt; text-align: center; page-break-after: avoid; break-after: avoid; }}
table.meta {{ width: 100%; border-collapse: collapse; margin-top: 4pt; margin-bottom: 4pt; page-break-after: avoid; break-after: avoid; }}
.m {{ font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 10.5pt; border: none; padding: 0; }}
table.grid {{ width: 100%; border-collapse: collapse; mso-table-layout-alt: fixed; font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: {GRID_PT}pt; mso-padding-alt: 0 2.8pt 0 2.8pt; }}
.h, .n, .c, .t {{ font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: {GRID_PT}pt; border: solid windowtext 1pt; mso-border-alt: solid windowtext .5pt; padding: 2pt 3pt 2pt 3pt; line-height: 12pt; vertical-align: middle; }}
.h {{ font-weight: bold; text-align: center; background: #f2f2f2; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; break-inside: avoid; }}
.c {{ text-align: center; mso-number-format: "\@"; }}
.n {{ text-align: right; white-space: nowrap; mso-number-format: "\#\,\#\#0\.00"; }}
div.form {{ break-inside: avoid; page-break-inside: avoid; }}
div.form.list {{ break-inside: auto; page-break-inside: auto; }}
p.note {{ font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 10.5pt; line-height: 16pt; margin-top: 6pt; }}
p.empty {{ font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 10.5pt; line-height: 16pt; margin-top: 12pt; text-indent: 21pt; }}
p.sign {{ text-align: right; }}
@media print {{ a {{ color: #000; }} }}
"#
    )
}

/// Rules for browsers only (Word and WPS skip them; LibreOffice ignores `@media`): the
/// section-break spans are hidden, LibreOffice's footer is not shown as text, and on
/// screen the document reads as pages on a grey desk: a column of readable width,
/// margins, room between tables, the cover set apart from the 目录.
pub(crate) const BROWSER_CSS: &str = "span.sb { display: none; }
div.lofooter { display: none; }
@media screen {
  html { background: #e8e8e8; }
  body { max-width: 900px; margin: 24px auto; padding: 56px 64px; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); }
  div.cover { min-height: 560px; padding-top: 160px; border-bottom: 1px solid #bbb; margin-bottom: 48px; }
  p.toc-title { padding-top: 24px; }
  h1 { margin-top: 64px; padding-top: 32px; border-top: 1px solid #ddd; }
  div.tbl, div.form { margin-top: 56px; }
  div.WordSection2 { overflow-x: auto; }
}
@media screen and (max-width: 700px) {
  body { padding: 16px; margin: 0; box-shadow: none; }
}
";

//! The stylesheet: Office (mso-*) properties for Word and WPS, plain CSS for browsers.
//!
//! Font stacks name the fonts Chinese offices license (仿宋_GB2312, 黑体, 宋体) first and
//! open fonts (Noto CJK / Source Han) as fallbacks, so the document reads well everywhere.

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

/// The stylesheet. `@page` rules are named after the Word sections (`Section1` portrait,
/// `Section2` landscape); Chromium honours the same names through `page:`.
pub(crate) fn css() -> String {
    format!(
        r#"@page WordSection1 {{ size: 595.3pt 841.9pt; margin: 72pt 79.4pt 72pt 79.4pt; mso-header-margin: 42.55pt; mso-footer-margin: 49.6pt; mso-page-numbers: 1; @bottom-center {{ content: "第 " counter(page) " 页"; font-size: 10.5pt; }} }}
@page WordSection2 {{ size: 841.9pt 595.3pt; mso-page-orientation: landscape; margin: 54pt 42.5pt 54pt 42.5pt; mso-header-margin: 42.55pt; mso-footer-margin: 35pt; @bottom-center {{ content: "第 " counter(page) " 页"; font-size: 10.5pt; }} }}
div.WordSection1 {{ page: WordSection1; }}
div.WordSection2 {{ page: WordSection2; }}
body {{ font-family: {FANGSONG}; mso-fareast-font-family: "仿宋_GB2312"; font-size: 16pt; color: #000; }}
p {{ margin: 0; line-height: 28pt; mso-line-height-rule: exactly; }}
p.body {{ text-indent: 2em; text-align: justify; }}
p.item {{ text-indent: 2em; }}
h1, h2, h3 {{ font-weight: normal; margin: 0; line-height: 28pt; mso-line-height-rule: exactly; page-break-after: avoid; break-after: avoid; }}
h1 {{ font-family: {HEITI}; mso-fareast-font-family: "黑体"; font-size: 16pt; text-align: center; margin: 12pt 0 12pt 0; page-break-before: always; break-before: page; }}
h2 {{ font-family: {HEITI}; mso-fareast-font-family: "黑体"; font-size: 16pt; text-indent: 2em; }}
h3 {{ font-family: "楷体_GB2312", KaiTi_GB2312, "楷体", KaiTi, {FANGSONG}; mso-fareast-font-family: "楷体_GB2312"; font-size: 16pt; text-indent: 2em; }}
.cover {{ text-align: center; padding-top: 180pt; }}
.cover .org {{ font-family: {XIAOBIAOSONG}; mso-fareast-font-family: "方正小标宋简体"; font-size: 26pt; line-height: 40pt; }}
.cover .title {{ font-family: {XIAOBIAOSONG}; mso-fareast-font-family: "方正小标宋简体"; font-size: 22pt; line-height: 40pt; margin-top: 24pt; }}
.toc-title {{ font-family: {HEITI}; mso-fareast-font-family: "黑体"; font-size: 16pt; text-align: center; margin-bottom: 12pt; }}
p.toc1 {{ font-family: {HEITI}; mso-fareast-font-family: "黑体"; margin-top: 6pt; }}
p.toc2 {{ padding-left: 2em; mso-para-margin-left: 2.0gd; }}
a {{ color: inherit; text-decoration: none; }}
.pb {{ page-break-before: always; break-before: page; }}
span.sb {{ display: block; }}
.tno {{ font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 10.5pt; line-height: 16pt; }}
.ttitle {{ font-family: {HEITI}; mso-fareast-font-family: "黑体"; font-size: 16pt; line-height: 24pt; text-align: center; }}
.tsub {{ font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 12pt; line-height: 20pt; text-align: center; }}
table.meta {{ width: 100%; border-collapse: collapse; font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 10.5pt; margin: 4pt 0; }}
table.meta td {{ border: none; padding: 0; }}
table.grid {{ width: 100%; border-collapse: collapse; mso-table-layout-alt: fixed; font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 9pt; mso-padding-alt: 0 2.8pt 0 2.8pt; }}
table.grid th, table.grid td {{ border: solid windowtext 1pt; mso-border-alt: solid windowtext .5pt; padding: 2pt 3pt; line-height: 12pt; vertical-align: middle; }}
table.grid th {{ font-weight: bold; text-align: center; background: #f2f2f2; }}
table.grid thead {{ display: table-header-group; }}
table.grid tr {{ page-break-inside: avoid; break-inside: avoid; }}
table.grid td.c {{ text-align: center; mso-number-format: "\@"; }}
table.grid td.n {{ text-align: right; white-space: nowrap; mso-number-format: "\#\,\#\#0\.00"; }}
table.grid tr.strong td {{ font-weight: bold; }}
p.note {{ font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 10.5pt; line-height: 16pt; margin-top: 6pt; }}
p.empty {{ font-family: {SONGTI}; mso-fareast-font-family: "宋体"; font-size: 10.5pt; line-height: 16pt; margin-top: 12pt; text-indent: 2em; }}
p.sign {{ text-align: right; }}
@media print {{ a {{ color: #000; }} }}
"#
    )
}

//! How a table's sheet prints and scrolls: A4 landscape, one page wide, header repeated.

use rust_xlsxwriter::{ColNum, Worksheet, XlsxError};

use crate::grid::Layout;

/// Paper size code of A4 in the xlsx page setup.
const A4: u8 = 9;
/// Page margins in inches: left, right, top, bottom, header, footer. Narrow at the sides,
/// since the wide tables need the width, with room for the page number at the bottom.
const MARGINS: [f64; 6] = [0.4, 0.4, 0.6, 0.7, 0.3, 0.3];
/// Centred page number, as printed disclosures number their pages.
const FOOTER: &str = "&C第 &P 页";

/// Sets up printing and the frozen panes of a table's sheet.
pub(crate) fn setup(ws: &mut Worksheet, layout: &Layout) -> Result<(), XlsxError> {
    let [left, right, top, bottom, header, footer] = MARGINS;
    ws.set_paper_size(A4)
        .set_landscape()
        // One page wide, as many tall as it takes: a table is never split sideways.
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_margins(left, right, top, bottom, header, footer)
        .set_footer(FOOTER)
        // The borders draw the table; screen gridlines would only blur the title block.
        .set_screen_gridlines(false);
    let body = layout.body_top();
    // Every printed page starts with the title block and the header.
    ws.set_repeat_rows(0, body - 1)?;
    let frozen = ColNum::try_from(layout.frozen_cols).unwrap_or(0);
    ws.set_freeze_panes(body, frozen)?;
    Ok(())
}

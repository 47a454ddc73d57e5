//! How a table's sheet prints and scrolls: the paper, orientation and fit chosen per
//! table, the header repeated on every page.
//!
//! The orientation is the profile's (the PDF and the HTML turn the same tables sideways).
//! The paper and the fit are chosen here from the sheet's measured size: a table of up to
//! [`ONE_PAGE_ROWS`] rows prints on one page, and no sheet prints below [`MIN_SCALE`] %
//! (about 7 pt text) when a larger sheet of paper avoids it: A4 first, A3 for the sheets
//! that would otherwise shrink too far. Sizes are integers (hundredths of a point): layout
//! arithmetic stays out of floats like the rest of the workspace.

use gongkai_model::table::{Orientation, Table};
use rust_xlsxwriter::{ColNum, Worksheet, XlsxError};

use crate::grid::Layout;

/// Page margins in inches: left, right, top, bottom, header, footer. Narrow at the sides,
/// since the wide tables need the width, with room for the page number at the bottom.
const MARGINS: [f64; 6] = [0.4, 0.4, 0.6, 0.7, 0.3, 0.3];
/// The same margins in hundredths of a point: left and right, top, bottom.
const MARGIN_SIDES: u32 = 2 * 2880;
const MARGIN_TOP: u32 = 4320;
const MARGIN_BOTTOM: u32 = 5040;
/// Centred page number, as printed disclosures number their pages.
const FOOTER: &str = "&C第 &P 页";
/// The smallest print scale, in percent, chosen while a larger paper avoids it: 10 pt
/// grid text at 70 % reads as 7 pt.
pub(crate) const MIN_SCALE: u32 = 70;
/// How much smaller than computed a sheet prints: LibreOffice fits columns a little wider
/// than their nominal widths (measured: the example's 16-column 表7, computed just above
/// 70 % on A4, printed at 69 %, `scripts/check-xlsx-libreoffice.sh`), so a paper is chosen
/// only with this margin; 表2, computed and printed at 72 %, keeps its A4.
const FIT_SLACK: u32 = 2;
/// Tables of up to this many data rows print on one page.
pub(crate) const ONE_PAGE_ROWS: usize = 40;

/// A paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Paper {
    A4,
    A3,
}

impl Paper {
    /// The paper size code of the xlsx page setup.
    fn code(self) -> u8 {
        match self {
            Paper::A4 => 9,
            Paper::A3 => 8,
        }
    }

    /// Width and height of the upright sheet, in hundredths of a point.
    fn size(self) -> (u32, u32) {
        match self {
            Paper::A4 => (59_528, 84_189),
            Paper::A3 => (84_189, 119_055),
        }
    }
}

/// How one sheet prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageSetup {
    pub(crate) paper: Paper,
    pub(crate) landscape: bool,
    /// Fit to one page (wide and tall); otherwise one page wide, as many tall as needed.
    pub(crate) one_page: bool,
    /// The scale the fit comes to, in percent (what Excel and LibreOffice compute from the
    /// same sizes).
    pub(crate) scale: u32,
}

/// Width of a column `width` units wide as Excel prints it, in hundredths of a point: the
/// unit is the 7-pixel digit of the default font, plus 5 pixels of cell padding, at 0.75
/// point a pixel.
pub(crate) fn column_pt(width: u16) -> u32 {
    (u32::from(width) * 7 + 5) * 75
}

/// The widest a sheet's columns may be, in hundredths of a point as printed at 100 %,
/// to print one A4 page wide at [`MIN_SCALE`].
pub(crate) fn a4_width_budget(landscape: bool) -> u32 {
    let (w, h) = Paper::A4.size();
    let across = if landscape { h } else { w };
    (across - MARGIN_SIDES) * 100 / MIN_SCALE
}

/// Chooses paper and fit for a table's sheet.
pub(crate) fn plan(table: &Table, layout: &Layout) -> PageSetup {
    let landscape = table.layout.orientation == Orientation::Landscape;
    let width: u32 = layout.widths.iter().map(|w| column_pt(*w)).sum::<u32>().max(1);
    let height = (layout.total_height() * 100).max(1);
    let scale_on = |paper: Paper| {
        let (w, h) = paper.size();
        let (w, h) = if landscape { (h, w) } else { (w, h) };
        let across = ((w - MARGIN_SIDES) * 100 / width).min(100);
        let down = ((h - MARGIN_TOP - MARGIN_BOTTOM) * 100 / height).min(100);
        (across, down)
    };
    let short = table.rows.len() <= ONE_PAGE_ROWS;
    for paper in [Paper::A4, Paper::A3] {
        let (across, down) = scale_on(paper);
        if across < MIN_SCALE + FIT_SLACK {
            continue;
        }
        if down >= MIN_SCALE || down >= across {
            return PageSetup { paper, landscape, one_page: true, scale: across.min(down) };
        }
        if !short {
            return PageSetup { paper, landscape, one_page: false, scale: across };
        }
    }
    // Wider than A3 at the smallest scale: one A3 page wide, as small as it must be.
    let (across, down) = scale_on(Paper::A3);
    PageSetup { paper: Paper::A3, landscape, one_page: short && down >= across, scale: across.min(100) }
}

/// Sets up printing and the frozen panes of a table's sheet.
pub(crate) fn setup(ws: &mut Worksheet, layout: &Layout, page: &PageSetup) -> Result<(), XlsxError> {
    let [left, right, top, bottom, header, footer] = MARGINS;
    ws.set_paper_size(page.paper.code());
    if page.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    // Never split sideways; a short table also stays on one page. Fitted even at 100 %:
    // LibreOffice measures columns in its own default font's digits (wider than Excel's
    // when Calibri is missing) and would otherwise split a sheet across two pages.
    ws.set_print_fit_to_pages(1, u16::from(page.one_page));
    ws.set_print_center_horizontally(true)
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

#[cfg(test)]
mod tests {
    use gongkai_model::table::{Cell, Column, ColumnKind, HeaderCell, Row, RowKind};
    use rust_decimal::Decimal;

    use super::*;

    /// A table of `rows` rows: a name column and `figures` amount columns of six-figure
    /// amounts, turned as `orientation` says.
    fn table(figures: usize, rows: usize, orientation: Orientation) -> Table {
        let mut columns =
            vec![Column { id: None, kind: ColumnKind::Text, label: "项目".into(), width: 20 }];
        columns.extend((0..figures).map(|i| Column {
            id: None,
            kind: ColumnKind::Amount,
            label: format!("金额{i}"),
            width: 12,
        }));
        let header = columns
            .iter()
            .enumerate()
            .map(|(col, c)| HeaderCell { text: c.label.clone(), row: 0, col, rowspan: 1, colspan: 1 })
            .collect();
        let rows = (0..rows)
            .map(|r| Row {
                kind: RowKind::Item,
                key: format!("r{r}"),
                level: 1,
                children: vec![],
                right_children: vec![],
                cells: std::iter::once(Cell::Text(format!("项目{r}")))
                    .chain((0..figures).map(|_| Cell::Amount(Decimal::new(12_345_678, 2))))
                    .collect(),
            })
            .collect();
        let mut t = Table {
            id: "t".into(),
            number: "表1".into(),
            title: "测试表".into(),
            org: "测试局".into(),
            unit: "万元".into(),
            columns,
            header,
            header_rows: 1,
            rows,
            empty_note: None,
            notes: vec![],
            spans: vec![],
            format: Default::default(),
            layout: Default::default(),
        };
        t.layout.orientation = orientation;
        t
    }

    fn check(t: &Table) -> PageSetup {
        let layout = crate::grid::layout(t).unwrap();
        plan(t, &layout)
    }

    #[test]
    fn the_orientation_is_the_profiles_and_short_tables_print_on_one_page() {
        for orientation in [Orientation::Portrait, Orientation::Landscape] {
            let page = check(&table(3, 10, orientation));
            let want = PageSetup {
                paper: Paper::A4,
                landscape: orientation == Orientation::Landscape,
                one_page: true,
                scale: 100,
            };
            assert_eq!(page, want, "{orientation:?}");
        }
        // Forty rows still fit one page, shrunk as much as it takes but no further than 70 %.
        let page = check(&table(3, ONE_PAGE_ROWS, Orientation::Portrait));
        assert!(page.one_page && page.scale >= MIN_SCALE && page.paper == Paper::A4, "{page:?}");
    }

    #[test]
    fn long_tables_print_one_page_wide_over_as_many_pages_as_they_need() {
        let page = check(&table(3, 150, Orientation::Portrait));
        assert_eq!(page, PageSetup { paper: Paper::A4, landscape: false, one_page: false, scale: 100 });
    }

    #[test]
    fn a_sheet_too_wide_for_a4_at_the_smallest_scale_goes_on_a3() {
        // From 4 to 40 figure columns: A4 while it prints at 70 % or more, then A3 while
        // that does, then one A3 page wide, as small as it must be.
        let pages: Vec<PageSetup> = (4..=40).map(|n| check(&table(n, 20, Orientation::Landscape))).collect();
        let kind = |p: &PageSetup| match (p.paper, p.scale >= MIN_SCALE) {
            (Paper::A4, true) => 0,
            (Paper::A3, true) => 1,
            (Paper::A3, false) => 2,
            (Paper::A4, false) => panic!("A4 below {MIN_SCALE} %: {p:?}"),
        };
        let kinds: Vec<u8> = pages.iter().map(kind).collect();
        assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{pages:?}");
        assert!([0, 1, 2].iter().all(|k| kinds.contains(k)), "{pages:?}");
        assert!(pages.iter().all(|p| p.landscape && p.one_page), "{pages:?}");
        // An A4 page keeps the slack LibreOffice's wider columns eat: no A4 page is
        // computed below MIN_SCALE + FIT_SLACK.
        assert!(
            pages.iter().filter(|p| p.paper == Paper::A4).all(|p| p.scale >= MIN_SCALE + FIT_SLACK),
            "{pages:?}"
        );
    }
}

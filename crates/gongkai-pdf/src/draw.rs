//! Laid-out pages to PDF bytes with krilla: glyph runs, rules, fills, links, the nested
//! outline and the metadata.

use gongkai_model::document::Document;
use krilla::SerializeSettings;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};

use crate::fonts::{FontSet, Role};
use crate::layout::{Layout, Op};
use crate::{PdfError, PdfOptions, PdfStandard};

/// Draws one text run, splitting it where the fallback font takes over.
fn text(
    s: &mut Surface<'_>,
    fonts: &FontSet,
    x: f32,
    y: f32,
    size: f32,
    role: Role,
    text: &str,
    spacing: f32,
) {
    let mut x = x;
    let mut run_start = 0;
    let mut run: Vec<KrillaGlyph> = Vec::new();
    let mut run_face: Option<*const crate::fonts::Face> = None;
    let mut run_x = x;
    let flush = |s: &mut Surface<'_>,
                 run: &mut Vec<KrillaGlyph>,
                 face: Option<*const crate::fonts::Face>,
                 start: usize,
                 end: usize,
                 rx: f32| {
        if run.is_empty() {
            return;
        }
        if let Some(face) = face.and_then(|p| fonts_face(fonts, role, p)) {
            // Glyph ranges are relative to the run's own text.
            let run_text = &text[start..end];
            for g in run.iter_mut() {
                g.text_range = (g.text_range.start - start)..(g.text_range.end - start);
            }
            s.draw_glyphs(Point::from_xy(rx, y), run, face.font.clone(), run_text, size, false);
        }
        run.clear();
    };
    for (i, c) in text.char_indices() {
        let Some(face) = fonts.face_for(role, c) else { continue };
        let Some((gid, adv)) = face.glyph(c) else { continue };
        let ptr: *const crate::fonts::Face = std::sync::Arc::as_ptr(face);
        if run_face != Some(ptr) {
            flush(s, &mut run, run_face, run_start, i, run_x);
            run_face = Some(ptr);
            run_start = i;
            run_x = x;
        }
        let x_adv = adv + spacing / size;
        run.push(KrillaGlyph {
            glyph_id: GlyphId::new(gid),
            text_range: i..i + c.len_utf8(),
            x_advance: x_adv,
            x_offset: 0.0,
            y_offset: 0.0,
            y_advance: 0.0,
            location: None,
        });
        x += x_adv * size;
    }
    flush(s, &mut run, run_face, run_start, text.len(), run_x);
}

/// The face behind a pointer handed out by [`FontSet::face_for`] for `role`.
fn fonts_face<'a>(
    fonts: &'a FontSet,
    role: Role,
    p: *const crate::fonts::Face,
) -> Option<&'a crate::fonts::Face> {
    let own = fonts.face(role);
    if std::ptr::eq(std::sync::Arc::as_ptr(own), p) {
        return Some(own);
    }
    fonts.fallback().filter(|f| std::ptr::eq(std::sync::Arc::as_ptr(f), p)).map(|f| &**f)
}

fn date_time(seconds: i64) -> DateTime {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Civil from days, after Howard Hinnant's algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let n = |v: i64| u8::try_from(v).unwrap_or(0);
    DateTime::new(u16::try_from(year).unwrap_or(1970))
        .month(n(month))
        .day(n(day))
        .hour(n(secs / 3600))
        .minute(n(secs / 60 % 60))
        .second(n(secs % 60))
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

pub(crate) fn write(
    document: &Document,
    laid: &Layout,
    fonts: &FontSet,
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let mut settings = SerializeSettings::default();
    if options.standard == PdfStandard::A2b {
        settings.configuration = ConfigurationBuilder::new()
            .with_archival_validator(Archival::A2_B)
            .finish()
            .map_err(|e| PdfError::Write(format!("{e:?}")))?;
    }
    let mut doc = krilla::Document::new_with(settings);
    let black = Fill::default();
    for (index, page) in laid.pages.iter().enumerate() {
        let (w, h) = page.size;
        let mut p = doc.start_page_with(
            PageSettings::from_wh(w, h).ok_or_else(|| PdfError::Write("页面尺寸无效".into()))?,
        );
        let mut links = Vec::new();
        {
            let mut s = p.surface();
            s.set_fill(Some(black.clone()));
            for op in &page.ops {
                match op {
                    Op::Text { x, y, size, role, text: t, spacing } => {
                        text(&mut s, fonts, *x, *y, *size, *role, t, *spacing);
                    }
                    Op::Rule { x1, y1, x2, y2, width } => {
                        let mut pb = PathBuilder::new();
                        pb.move_to(*x1, *y1);
                        pb.line_to(*x2, *y2);
                        if let Some(path) = pb.finish() {
                            s.set_fill(None);
                            s.set_stroke(Some(Stroke { width: *width, ..Stroke::default() }));
                            s.draw_path(&path);
                            s.set_stroke(None);
                            s.set_fill(Some(black.clone()));
                        }
                    }
                    Op::Fill { x, y, w, h, gray } => {
                        let mut pb = PathBuilder::new();
                        if let Some(r) = Rect::from_xywh(*x, *y, *w, *h) {
                            pb.push_rect(r);
                        }
                        if let Some(path) = pb.finish() {
                            let g = *gray;
                            s.set_fill(Some(Fill {
                                paint: krilla::color::rgb::Color::new(g, g, g).into(),
                                ..Fill::default()
                            }));
                            s.draw_path(&path);
                            s.set_fill(Some(black.clone()));
                        }
                    }
                    Op::Link { x, y, w, h, target } => links.push((*x, *y, *w, *h, target.clone())),
                }
            }
            if page.numbered {
                let label = format!("第 {} 页", index + 1);
                let lw = crate::text::width(fonts, Role::Body, 10.5, &label);
                text(&mut s, fonts, (w - lw) / 2.0, h - 30.0, 10.5, Role::Body, &label, 0.0);
            }
            s.finish();
        }
        for (x, y, lw, lh, target) in links {
            if let (Some(&(tp, ty)), Some(rect)) = (laid.anchors.get(&target), Rect::from_xywh(x, y, lw, lh))
            {
                let dest = Destination::Xyz(XyzDestination::new(tp, Point::from_xy(0.0, ty)));
                p.add_annotation(Annotation::new_link(
                    LinkAnnotation::new(rect, Target::Destination(dest)),
                    None,
                ));
            }
        }
        p.finish();
    }
    doc.set_outline(outline(laid));
    let meta = &document.meta;
    let seconds = options.timestamp.unwrap_or_else(|| meta.published.unix_seconds());
    doc.set_metadata(
        Metadata::new()
            .title(format!("{}{}", meta.org, meta.title))
            .authors(vec![meta.org.clone()])
            .language(meta.lang.clone())
            .creator("gongkai".to_owned())
            .creation_date(date_time(seconds)),
    );
    doc.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

fn outline(laid: &Layout) -> Outline {
    let dest = |id: &str| {
        let (p, y) = laid.anchors.get(id).copied().unwrap_or((0, 0.0));
        XyzDestination::new(p, Point::from_xy(0.0, y))
    };
    let mut outline = Outline::new();
    let mut parts: Vec<(OutlineNode, Vec<(OutlineNode, Vec<OutlineNode>)>)> = Vec::new();
    for item in &laid.outline {
        let node = OutlineNode::new(item.title.clone(), dest(&item.id));
        match item.level {
            1 => parts.push((node, Vec::new())),
            2 => match parts.last_mut() {
                Some((_, children)) => children.push((node, Vec::new())),
                None => parts.push((node, Vec::new())),
            },
            _ => match parts.last_mut().and_then(|(_, c)| c.last_mut()) {
                Some((_, grand)) => grand.push(node),
                None => parts.push((node, Vec::new())),
            },
        }
    }
    for (mut part, children) in parts {
        for (mut child, grand) in children {
            for g in grand {
                child.push_child(g);
            }
            part.push_child(child);
        }
        outline.push_child(part);
    }
    outline
}

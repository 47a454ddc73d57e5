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
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup, TagKind,
    TagTree,
};
use krilla::text::{GlyphId, KrillaGlyph};

use std::collections::BTreeMap;
use std::num::NonZeroU16;
use std::sync::Arc;

use crate::fonts::{Face, FontSet, Role};
use crate::layout::{Layout, Op, Pen, Run, Tagged};
use crate::{PdfError, PdfOptions, PdfStandard};

/// Draws one text run, splitting it where the fallback font takes over.
fn text(s: &mut Surface<'_>, fonts: &FontSet, run: &Run) {
    let Pen(role, size) = run.pen;
    let text = run.text.as_str();
    let mut x = run.x;
    // Consecutive characters drawn by the same face form one glyph run.
    let mut pending: Vec<KrillaGlyph> = Vec::new();
    let mut face: Option<&Arc<Face>> = None;
    let (mut start, mut start_x) = (0, x);
    let flush = |s: &mut Surface<'_>,
                 glyphs: &mut Vec<KrillaGlyph>,
                 face: Option<&Arc<Face>>,
                 start: usize,
                 end: usize,
                 at: f32| {
        if let Some(face) = face.filter(|_| !glyphs.is_empty()) {
            // Glyph ranges are relative to the run's own text.
            for g in glyphs.iter_mut() {
                g.text_range = (g.text_range.start - start)..(g.text_range.end - start);
            }
            s.draw_glyphs(
                Point::from_xy(at, run.y),
                glyphs,
                face.font.clone(),
                &text[start..end],
                size,
                false,
            );
        }
        glyphs.clear();
    };
    for (i, c) in text.char_indices() {
        let Some(f) = fonts.face_for(role, c) else { continue };
        let Some((gid, adv)) = f.glyph(c) else { continue };
        if !face.is_some_and(|cur| Arc::ptr_eq(cur, f)) {
            flush(s, &mut pending, face, start, i, start_x);
            face = Some(f);
            start = i;
            start_x = x;
        }
        let x_advance = adv + run.spacing / size;
        pending.push(KrillaGlyph {
            glyph_id: GlyphId::new(gid),
            text_range: i..i + c.len_utf8(),
            x_advance,
            x_offset: 0.0,
            y_offset: 0.0,
            y_advance: 0.0,
            location: None,
        });
        x += x_advance * size;
    }
    flush(s, &mut pending, face, start, text.len(), start_x);
}

fn date_time(seconds: i64) -> DateTime {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (year, month, day) = gongkai_model::facts::Date::civil_from_days(days);
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
    let mut settings = SerializeSettings { enable_tagging: options.tagged, ..SerializeSettings::default() };
    let tagged = options.tagged;
    if options.standard == PdfStandard::A2b {
        settings.configuration = ConfigurationBuilder::new()
            .with_archival_validator(Archival::A2_B)
            .finish()
            .map_err(|e| PdfError::Write(format!("{e:?}")))?;
    }
    let mut doc = krilla::Document::new_with(settings);
    let black = Fill::default();
    // Marked content of each structure element, in drawing order.
    let mut contents: Vec<Vec<Identifier>> = vec![Vec::new(); laid.elems.len()];
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
                    Op::Text(run) if !tagged => text(&mut s, fonts, run),
                    Op::Text(run) => match run.elem {
                        Some(e) => {
                            let id = s.start_tagged(ContentTag::Span(SpanTag::empty()));
                            text(&mut s, fonts, run);
                            s.end_tagged();
                            contents[e].push(id);
                        }
                        None => artifact(&mut s, true, ArtifactType::Layout, |s| text(s, fonts, run)),
                    },
                    // Rules are drawn together at the end of the page, merged.
                    Op::Rule { .. } => {}
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
                            artifact(&mut s, tagged, ArtifactType::Layout, |s| s.draw_path(&path));
                            s.set_fill(Some(black.clone()));
                        }
                    }
                    Op::Link { x, y, w, h, target } => links.push((*x, *y, *w, *h, target.clone())),
                }
            }
            artifact(&mut s, tagged, ArtifactType::Layout, |s| rules(s, &page.ops));
            if page.numbered {
                let label = format!("第 {} 页", index + 1);
                let lw = crate::text::width(fonts, Role::Body, 10.5, &label);
                let run = Run {
                    elem: None,
                    x: (w - lw) / 2.0,
                    y: h - 30.0,
                    pen: Pen(Role::Body, 10.5),
                    text: label,
                    spacing: 0.0,
                };
                artifact(&mut s, tagged, ArtifactType::PageNumber, |s| text(s, fonts, &run));
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
    if tagged {
        doc.set_tag_tree(tag_tree(laid, contents));
    }
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

/// Draws every rule of a page as one path: the borders of adjacent cells coincide, so
/// shared edges are drawn once and collinear pieces are joined. Thousands of tiny paths
/// would make the content stream (and the time to compress it) several times larger.
fn rules(s: &mut Surface<'_>, ops: &[Op]) {
    // Coordinates in hundredths of a point, so that equal edges compare equal.
    let q = |v: f32| (v * 100.0).round() as i64;
    let mut horizontal: BTreeMap<(i64, u32), Vec<(i64, i64)>> = BTreeMap::new();
    let mut vertical: BTreeMap<(i64, u32), Vec<(i64, i64)>> = BTreeMap::new();
    for op in ops {
        if let Op::Rule { x1, y1, x2, y2, width } = op {
            let w = width.to_bits();
            if q(*y1) == q(*y2) {
                horizontal.entry((q(*y1), w)).or_default().push((q(*x1).min(q(*x2)), q(*x1).max(q(*x2))));
            } else {
                vertical.entry((q(*x1), w)).or_default().push((q(*y1).min(q(*y2)), q(*y1).max(q(*y2))));
            }
        }
    }
    let mut by_width: BTreeMap<u32, PathBuilder> = BTreeMap::new();
    for (vertical_line, lines) in [(false, horizontal), (true, vertical)] {
        for ((at, w), mut spans) in lines {
            spans.sort_unstable();
            let mut merged: Vec<(i64, i64)> = Vec::new();
            for (a, b) in spans {
                match merged.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => merged.push((a, b)),
                }
            }
            let pb = by_width.entry(w).or_default();
            let f = |v: i64| v as f32 / 100.0;
            for (a, b) in merged {
                if vertical_line {
                    pb.move_to(f(at), f(a));
                    pb.line_to(f(at), f(b));
                } else {
                    pb.move_to(f(a), f(at));
                    pb.line_to(f(b), f(at));
                }
            }
        }
    }
    for (w, pb) in by_width {
        if let Some(path) = pb.finish() {
            s.set_fill(None);
            s.set_stroke(Some(Stroke { width: f32::from_bits(w), ..Stroke::default() }));
            s.draw_path(&path);
            s.set_stroke(None);
            s.set_fill(Some(Fill::default()));
        }
    }
}

/// Draws page furniture, marked as an artifact in a tagged PDF.
fn artifact(s: &mut Surface<'_>, tagged: bool, kind: ArtifactType, draw: impl FnOnce(&mut Surface<'_>)) {
    if tagged {
        s.start_tagged(ContentTag::Artifact(Artifact::new(kind, None)));
        draw(s);
        s.end_tagged();
    } else {
        draw(s);
    }
}

/// The structure tree: every element with its sub-elements and marked content.
fn tag_tree(laid: &Layout, mut contents: Vec<Vec<Identifier>>) -> TagTree {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); laid.elems.len()];
    let mut roots = Vec::new();
    for (i, e) in laid.elems.iter().enumerate() {
        match e.parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    fn group(i: usize, laid: &Layout, children: &[Vec<usize>], contents: &mut [Vec<Identifier>]) -> TagGroup {
        let kind: TagKind = match &laid.elems[i].kind {
            Tagged::Title => Tag::Title.into(),
            Tagged::Toc => Tag::TOC.into(),
            Tagged::TocItem => Tag::TOCI.into(),
            Tagged::Heading(level, text) => {
                Tag::Hn(NonZeroU16::new(u16::from(*level)).unwrap_or(NonZeroU16::MIN), Some(text.clone()))
                    .into()
            }
            Tagged::P => Tag::P.into(),
            Tagged::Table => Tag::Table.into(),
            Tagged::Caption => Tag::Caption.into(),
            Tagged::Row => Tag::TR.into(),
            Tagged::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
            Tagged::Cell => Tag::TD.into(),
        };
        let mut g = TagGroup::new(kind);
        for &c in &children[i] {
            g.push(group(c, laid, children, contents));
        }
        for id in std::mem::take(&mut contents[i]) {
            g.push(id);
        }
        g
    }
    let mut tree = TagTree::new();
    for r in roots {
        tree.push(group(r, laid, &children, &mut contents));
    }
    tree
}

fn outline(laid: &Layout) -> Outline {
    let dest = |id: &str| {
        let (p, y) = laid.anchors.get(id).copied().unwrap_or((0, 0.0));
        XyzDestination::new(p, Point::from_xy(0.0, y))
    };
    let mut outline = Outline::new();
    // Parts, their sections and tables, and the forms under a section.
    type Section = (OutlineNode, Vec<OutlineNode>);
    let mut parts: Vec<(OutlineNode, Vec<Section>)> = Vec::new();
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

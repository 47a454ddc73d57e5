//! gongkai's own documents: every table reads back as it was derived, and a consistent
//! document checks clean.

use gongkai_check::Imported;
use gongkai_model::diag::Severity;
use gongkai_model::table::{Cell, Table};

use crate::common::{check, check_with, example, lines, profile, render, render_with};

/// Where an imported table differs from the derived one it was printed from: rows in
/// order, keys of codes, totals and fixed rows, and every amount as printed.
fn differences(derived: &Table, imported: &Imported) -> Vec<String> {
    // An empty table's blank rows carry no figure, only its marker (无) at most.
    let printed: Vec<_> = derived
        .rows
        .iter()
        .filter(|r| !r.key.starts_with("blank") && r.cells.iter().any(|c| !derived.show(c).is_empty()))
        .collect();
    let mut out = Vec::new();
    // A workbook holds a zero where the print shows a blank: rows are compared as shown.
    let got: Vec<_> =
        imported.table.rows.iter().filter(|r| r.cells.iter().any(|c| !derived.show(c).is_empty())).collect();
    if printed.len() != got.len() {
        out.push(format!(
            "{} {}: {} rows printed, {} read: {:?} / {:?}",
            derived.id,
            derived.number,
            printed.len(),
            got.len(),
            printed.iter().map(|r| &r.key).collect::<Vec<_>>(),
            got.iter().map(|r| &r.key).collect::<Vec<_>>()
        ));
    }
    for (want, have) in printed.iter().zip(&got) {
        // The reader keys a two-sided row without a left label by its position (`r4`):
        // the profile's blank rows (`gap`) have no label to be read by.
        let positional = have.key.strip_prefix('r').is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        let stable = !want.key.contains('/') && !want.key.starts_with(['u', 'r', 'p', 'b']) && !positional;
        if stable && want.key != have.key {
            out.push(format!("{}: row {} read as {}", derived.number, want.key, have.key));
        }
        for (c, cell) in want.cells.iter().enumerate() {
            if let Cell::Amount(_) = cell {
                let (w, h) = (derived.show(cell), derived.show(&have.cells[c]));
                if w != h {
                    out.push(format!(
                        "{}: row {} column {c}: printed {w:?}, read {h:?}",
                        derived.number, want.key
                    ));
                }
            }
        }
    }
    out
}

fn reads_back(bytes: &[u8], tables: &[Table], what: &str) -> gongkai_check::Report {
    reads_back_with(check(bytes), tables, what)
}

fn reads_back_with(report: gongkai_check::Report, tables: &[Table], what: &str) -> gongkai_check::Report {
    let mut diffs = Vec::new();
    for t in tables {
        match report.imported.iter().find(|i| i.table.id == t.id) {
            Some(imp) => diffs.extend(differences(t, imp)),
            None => diffs.push(format!("{} not found", t.number)),
        }
    }
    assert!(diffs.is_empty(), "{what}:\n{}", diffs.join("\n"));
    report
}

#[test]
fn the_example_pdf_reads_back_table_for_table_and_checks_clean() {
    let (pdf, _, tables) = render(&example());
    let report = reads_back(&pdf, &tables, "example PDF");
    // The one finding is the example's own contradiction (validate's W415): 运行经费 grew
    // 2,002.35% “because spending was cut”.
    let found: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    assert_eq!(found, ["W726"], "{}", lines(&report));
    assert!(report.findings[0].message.contains("压减各项经费支出"));
    assert!(report.text_compared >= 25, "{} amounts compared", report.text_compared);
    assert!(report.text_recomputed >= 25, "{} shares and changes", report.text_recomputed);
}

#[test]
fn the_example_xlsx_reads_back_table_for_table_and_checks_clean() {
    let (_, xlsx, tables) = render(&example());
    let report = reads_back(&xlsx, &tables, "example xlsx");
    assert!(report.findings.is_empty(), "{}", lines(&report));
    assert_eq!(report.count(Severity::Error), 0);
}

#[test]
fn twenty_synthetic_departments_read_back_and_check_clean() {
    for seed in 1..=20 {
        let budget = gongkai_synth::department(seed, &profile());
        let (pdf, xlsx, tables) = render(&budget);
        for (bytes, what) in [(&pdf, "PDF"), (&xlsx, "xlsx")] {
            let report = reads_back(bytes, &tables, &format!("department {seed} {what}"));
            assert!(report.findings.is_empty(), "department {seed} {what}:\n{}", lines(&report));
        }
    }
}

/// Under every other built-in profile too: the example and 20 departments made for the
/// profile, printed as PDF and xlsx, read back table for table and check clean. A profile
/// whose tables print no rounding note (shanghai's) leaves a reader the display-rounding
/// differences validate reports (I510): check reports them as rounding (I714), no more; a
/// reason validate finds contradicting its change (W415) check reports as W726, no more.
#[test]
fn every_builtin_profile_s_own_documents_read_back_and_check_clean() {
    for id in gongkai_profile::builtin_ids().into_iter().filter(|id| *id != gongkai_model::DEFAULT_PROFILE) {
        let profile = gongkai_profile::builtin(id).unwrap();
        let example = gongkai_synth::complete_for(&example(), &profile, 1);
        let budgets = std::iter::once(("the example".to_owned(), example)).chain(
            (1..=20).map(|seed| (format!("department {seed}"), gongkai_synth::department(seed, &profile))),
        );
        for (name, budget) in budgets {
            let (pdf, xlsx, tables) = render_with(&budget, &profile);
            for (bytes, what) in [(&pdf, "PDF"), (&xlsx, "xlsx")] {
                let what = format!("{id}: {name} {what}");
                let report = reads_back_with(check_with(bytes, &profile), &tables, &what);
                let validated = gongkai_model::analyse(&budget, &profile).diagnostics;
                let rounding = validated.iter().filter(|d| d.rule == "I510").count();
                // A reason that contradicts its change is the input's own (validate's W415:
                // the example's reasons were written for its own region's comparisons); check
                // says so too (W726), once for each.
                let contradictions = validated.iter().filter(|d| d.rule == "W415").count();
                let noted = profile.tables.iter().all(|t| !t.rounding_note.is_empty());
                let (i714, others): (Vec<_>, Vec<_>) = report.findings.iter().partition(|f| f.rule == "I714");
                let (w726, others): (Vec<_>, Vec<_>) = others.into_iter().partition(|f| f.rule == "W726");
                assert!(w726.len() <= contradictions, "{what}:\n{}", lines(&report));
                assert!(others.is_empty(), "{what}:\n{}", lines(&report));
                assert!(i714.is_empty() || (!noted && i714.len() <= rounding), "{what}:\n{}", lines(&report));
            }
        }
    }
}

//! The report of a finished load: what was read and how fast, what became
//! of every row (and the sum), the months, the first rejected rows, every
//! file.

use crate::data::session::{FileReport, FileStatus, Loaded};
use crate::format::thousands;
use crate::view::table::{Cell, Column, TableModel};

use super::{files_table, level_label, size_text};

/// Rejected rows listed on the page (the report keeps more; they are
/// counted either way).
pub const SHOWN_REJECTIONS: usize = 20;

/// The report of a finished load, as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadSummary {
    /// What was read, how fast: "Read 1,234 rows (0.2 MB) in 0.05 s…".
    pub headline: String,
    /// What became of every row read, with the rows read as footer.
    pub rows: TableModel,
    /// The sum, spelled out: the rows add up (or, if ever not, says so).
    pub adds_up: String,
    /// The months covered.
    pub months: String,
    /// Missing and suspect months, and files with rows read as
    /// Windows-1252, one sentence each.
    pub quality: Vec<String>,
    /// Rows whose LSOA code no lookup lists: how many, which, and what to
    /// add (empty when there are none).
    pub unknown: String,
    /// The first rejected rows: file, line, column and reason.
    pub rejected: Vec<String>,
    /// Every file and archive entry.
    pub files: TableModel,
}

/// How long the load took and how much it read, for the headline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// Milliseconds from the first byte read to the dataset built.
    pub ms: f64,
    /// Bytes read (unpacked, for an archive's entries).
    pub bytes: u64,
}

fn headline(loaded: &Loaded, timing: Timing) -> String {
    let rows = loaded.report.rows_read;
    let secs = timing.ms / 1000.0;
    let speed = if secs > 0.0 {
        format!(
            ": {:.0} MB/s, {} rows/s",
            timing.bytes as f64 / 1e6 / secs,
            thousands((rows as f64 / secs).round() as u64)
        )
    } else {
        String::new()
    };
    let files = loaded
        .files
        .iter()
        .filter(|f| {
            f.status == FileStatus::Read
                && (f.kind.is_police() || f.kind == crate::data::recognise::FileKind::CountsFile)
        })
        .count();
    format!(
        "Read {} rows of crime and anti-social behaviour ({}) from {} {} in {:.2} s{speed}, all in this browser: nothing was uploaded.",
        thousands(rows),
        size_text(timing.bytes),
        thousands(files as u64),
        if files == 1 { "file" } else { "files" },
        secs
    )
}

/// The words for rows outside, for the table and for the sum: outside the
/// area chosen, or (with no area chosen) in the lookup but in no area of
/// the level; `None` when there can be none.
fn outside_label(loaded: &Loaded) -> Option<(String, String)> {
    let name = &loaded.bundle.manifest.whole_name;
    let level = level_label(loaded.level);
    match &loaded.within {
        Some(_) => Some((
            format!("Outside {name}: the lookup places them elsewhere"),
            format!("outside {name}"),
        )),
        None if loaded.report.outside_area > 0 => Some((
            format!("In the lookup, but in no area of the level ({level})"),
            "in no area of the level".to_string(),
        )),
        None => None,
    }
}

/// Rows with a code no lookup lists are shown when there are any, and
/// always for a load restricted to an area (where they might be taken for
/// outside it).
fn shows_unknown(loaded: &Loaded) -> bool {
    loaded.within.is_some() || loaded.report.unknown_code > 0
}

fn rows_table(loaded: &Loaded) -> TableModel {
    let r = &loaded.report;
    let row =
        |what: String, n: u64| vec![Cell::text(what), Cell::number(thousands(n), Some(n as f64))];
    let not_allocated = if loaded.keeps_unallocated {
        "Not allocated to an area: no location (counted in the totals)"
    } else {
        "Not allocated to an area: no location (left out: they cannot be placed inside the area chosen)"
    };
    let mut rows = vec![
        row(
            format!("Counted in an area ({})", level_label(loaded.level)),
            r.accepted,
        ),
        row(not_allocated.to_string(), r.not_allocated),
    ];
    if let Some((outside, _)) = outside_label(loaded) {
        rows.push(row(outside, r.outside_area));
    }
    if shows_unknown(loaded) {
        rows.push(row(
            "Unknown LSOA code: no lookup lists it, so it is in no area".to_string(),
            r.unknown_code,
        ));
    }
    rows.push(row("Rejected: malformed rows".to_string(), r.rejected));
    TableModel {
        caption: "What became of every row read".to_string(),
        columns: vec![Column::text("Rows"), Column::number("Count")],
        rows,
        footer: vec![row("Rows read".to_string(), r.rows_read)],
    }
}

fn adds_up(loaded: &Loaded) -> String {
    let r = &loaded.report;
    let mut parts = vec![
        format!("{} counted", thousands(r.accepted)),
        format!("{} not allocated", thousands(r.not_allocated)),
    ];
    if let Some((_, outside)) = outside_label(loaded) {
        parts.push(format!("{} {outside}", thousands(r.outside_area)));
    }
    if shows_unknown(loaded) {
        parts.push(format!(
            "{} with an unknown code",
            thousands(r.unknown_code)
        ));
    }
    parts.push(format!("{} rejected", thousands(r.rejected)));
    let sum = parts.join(" + ");
    if r.adds_up() {
        format!(
            "{sum} = {} rows read: every row is accounted for.",
            thousands(r.rows_read)
        )
    } else {
        format!(
            "{sum} does not equal the {} rows read. This is a fault in the explorer: please report it with the files.",
            thousands(r.rows_read)
        )
    }
}

fn month_list(months: &[crate::data::Month]) -> String {
    months
        .iter()
        .map(|m| m.label())
        .collect::<Vec<_>>()
        .join(", ")
}

fn months_and_quality(loaded: &Loaded) -> (String, Vec<String>) {
    // From the counts, as the pages see them (the one rule of `quality`).
    let q = &loaded.bundle.quality;
    let cube = &loaded.bundle.dataset.cube;
    let n = q.months_covered.len() as u64;
    let (first, last) = (cube.first_month(), cube.last_month());
    let span = u64::try_from(first.months_until(last) + 1).unwrap_or(0);
    let months = if n == span {
        format!(
            "{} {} of data, {} to {}.",
            thousands(n),
            if n == 1 { "month" } else { "months" },
            first.label(),
            last.label()
        )
    } else {
        format!(
            "{} of the {} months from {} to {} have data.",
            thousands(n),
            thousands(span),
            first.label(),
            last.label()
        )
    };
    let mut quality = Vec::new();
    if q.months_missing.is_empty() {
        quality.push("No month is missing between the first and the last.".to_string());
    } else {
        quality.push(format!(
            "Missing months (no rows at all): {}. Comparisons that include them will be too low.",
            month_list(&q.months_missing)
        ));
    }
    for s in &q.months_suspect {
        quality.push(format!(
            "Suspect month: {} has {} {} in the counts, under half the {} of the months around it: implausibly low against its neighbours. Data may be missing (perhaps only part of the month was published), or the drop may be real.",
            s.month.label(),
            thousands(s.total),
            if s.total == 1 { "row" } else { "rows" },
            thousands(s.neighbour_median.round() as u64)
        ));
    }
    for file in &loaded.files {
        quality.extend(file.rows.windows_1252.iter().map(|n| n.describe()));
    }
    if loaded.bridged > 0 {
        quality.push(format!(
            "{} rows had older LSOA codes and were placed through the bridging lookup.",
            thousands(loaded.bridged)
        ));
    }
    (months, quality)
}

fn rejected(loaded: &Loaded) -> Vec<String> {
    let r = &loaded.report;
    let mut out: Vec<String> = r
        .rejections
        .iter()
        .take(SHOWN_REJECTIONS)
        .map(|j| match &j.column {
            Some(c) => format!("{}, line {}, column {c}: {}", j.file, j.line, j.reason),
            None => format!("{}, line {}: {}", j.file, j.line, j.reason),
        })
        .collect();
    let shown = out.len() as u64;
    if r.rejected > shown {
        out.push(format!(
            "… and {} more rejected rows, counted above.",
            thousands(r.rejected - shown)
        ));
    }
    out
}

/// The report of a finished load.
pub fn summary(loaded: &Loaded, timing: Timing) -> LoadSummary {
    let (months, quality) = months_and_quality(loaded);
    let files: Vec<&FileReport> = loaded.files.iter().collect();
    LoadSummary {
        headline: headline(loaded, timing),
        rows: rows_table(loaded),
        adds_up: adds_up(loaded),
        months,
        quality,
        unknown: loaded.unknown.sentence().unwrap_or_default(),
        rejected: rejected(loaded),
        files: files_table(&files),
    }
}

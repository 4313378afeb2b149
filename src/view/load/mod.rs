//! The Load data page's view models: what each file was taken to be, and
//! the report of a finished load (rows read and what became of each, the
//! months, the first rejected rows). Built in the loading worker from the
//! session and sent to the page as text ([`wire`]).

pub mod wire;

use crate::analysis::{Period, PeriodPair, Preset};
use crate::data::lookup::Level;
use crate::data::session::{Choices, FileReport, FileStatus, Loaded};
use crate::data::Month;
use crate::format::thousands;
use crate::state::PeriodChoice;
use crate::view::table::{Cell, Column, TableModel};

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
    /// Missing and suspect months, one sentence each.
    pub quality: Vec<String>,
    /// The first rejected rows: file, line, column and reason.
    pub rejected: Vec<String>,
    /// Every file and archive entry.
    pub files: TableModel,
}

/// A size in bytes for people: `512 bytes`, `12.3 KB`, `220.1 MB`.
pub fn size_text(bytes: u64) -> String {
    match bytes {
        0..=999 => format!("{bytes} bytes"),
        1_000..=999_999 => format!("{:.1} KB", bytes as f64 / 1e3),
        1_000_000..=999_999_999 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.2} GB", bytes as f64 / 1e9),
    }
}

/// A level in words for the page: `LSOA`, `ward`…
pub fn level_label(level: Level) -> &'static str {
    match level {
        Level::Lsoa => "LSOA (neighbourhood)",
        Level::Msoa => "MSOA",
        Level::Ward => "Ward",
        Level::District => "District (local authority)",
    }
}

fn status_text(status: &FileStatus) -> String {
    match status {
        FileStatus::Waiting => "Ready to read".to_string(),
        FileStatus::Read => "Read".to_string(),
        FileStatus::NotUsed(why) => format!("Not used: {why}"),
        FileStatus::Failed(message) => format!("Could not be used. {message}"),
    }
}

/// The periods to open loaded data with: `choice` when the data covers
/// it; else the first preset that fits; else, with under 13 months (no
/// preset fits: each compares with the same months a year before), the
/// latest half of the months against the half before (the latest month
/// against the one before, for two or three months); `choice` unchanged
/// for a single month, which has nothing to compare with.
pub fn fitting_period(choice: PeriodChoice, first: Month, last: Month) -> PeriodChoice {
    let fits = match choice {
        PeriodChoice::Preset(p) => p.pair(first, last).is_ok(),
        PeriodChoice::Custom(pair) => pair.check_within(first, last).is_ok(),
    };
    if fits {
        return choice;
    }
    if let Some(p) = Preset::ALL
        .into_iter()
        .find(|p| p.pair(first, last).is_ok())
    {
        return PeriodChoice::Preset(p);
    }
    let half = (first.months_until(last) + 1) / 2;
    let period = |from: i64, to: i64| {
        Some(Period {
            start: last.offset(-from)?,
            end: last.offset(-to)?,
        })
    };
    match (half >= 1).then(|| (period(half - 1, 0), period(2 * half - 1, half))) {
        Some((Some(current), Some(previous))) => {
            PeriodChoice::Custom(PeriodPair { current, previous })
        }
        _ => choice,
    }
}

/// The table of files: name, what it was taken to be, size, rows, result.
pub fn files_table(files: &[&FileReport]) -> TableModel {
    let rows = files
        .iter()
        .map(|f| {
            vec![
                Cell::text(f.name.clone()),
                Cell::text(f.describe()),
                Cell::number(size_text(f.size), Some(f.size as f64)),
                // Rows are counted as the file is read.
                match f.status {
                    FileStatus::Waiting => Cell::number("", None),
                    _ => Cell::number(thousands(f.rows.rows_read), Some(f.rows.rows_read as f64)),
                },
                Cell::text(status_text(&f.status)),
            ]
        })
        .collect();
    TableModel {
        caption: "Your files, and what each was taken to be".to_string(),
        columns: vec![
            Column::text("File"),
            Column::text("Taken to be"),
            Column::number("Size"),
            Column::number("Rows read"),
            Column::text("Result"),
        ],
        rows,
        footer: Vec::new(),
    }
}

/// True when a file could not be used (the page draws attention to it).
pub fn any_failed(files: &[&FileReport]) -> bool {
    files
        .iter()
        .any(|f| matches!(f.status, FileStatus::Failed(_)))
}

/// What the user may choose before loading, in the page's order: levels
/// (the default first) and the areas to restrict to, by name.
pub fn level_options(choices: &Choices) -> Vec<(Level, &'static str)> {
    let mut levels = choices.levels.clone();
    crate::order::sort_by(&mut levels, |a, b| {
        (*b == choices.default_level).cmp(&(*a == choices.default_level))
    });
    levels.into_iter().map(|l| (l, level_label(l))).collect()
}

/// The progress line: bytes and rows read, and the file being read.
pub fn progress_text(p: &crate::data::session::Progress) -> String {
    let share = p
        .bytes_done
        .saturating_mul(100)
        .checked_div(p.bytes_total)
        .map(|pct| format!(" ({pct}%)"))
        .unwrap_or_default();
    let mut text = format!(
        "{} of {} read{share}, {} rows",
        size_text(p.bytes_done),
        size_text(p.bytes_total),
        thousands(p.rows)
    );
    if let Some(current) = &p.current {
        text.push_str(&format!(
            "; file {} of {}: {current}",
            (p.files_done + 1).min(p.files_total),
            p.files_total
        ));
    }
    text
}

/// How long the load took and how much it read, for the headline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// Milliseconds from the first byte read to the dataset built.
    pub ms: f64,
    /// Bytes read (compressed bytes, for archives).
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

fn rows_table(loaded: &Loaded) -> TableModel {
    let r = &loaded.report;
    let within = loaded.bundle.manifest.whole_name.clone();
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
    if loaded.within.is_some() {
        rows.push(row(format!("Outside {within}"), r.outside_area));
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
    if loaded.within.is_some() {
        parts.push(format!(
            "{} outside {}",
            thousands(r.outside_area),
            loaded.bundle.manifest.whole_name
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
            "Suspect month: {} has {} rows, under half the {} of the months around it: perhaps only part of it was published.",
            s.month.label(),
            thousands(s.total),
            thousands(s.neighbour_median.round() as u64)
        ));
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
        rejected: rejected(loaded),
        files: files_table(&files),
    }
}

#[cfg(test)]
mod tests;

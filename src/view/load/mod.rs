//! The Load data page's view models: what each file was taken to be, and
//! the report of a finished load (rows read and what became of each, the
//! months, the first rejected rows). Built in the loading worker from the
//! session and sent to the page as text ([`wire`]).

mod report;
pub mod wire;

pub use report::{summary, LoadSummary, Timing, SHOWN_REJECTIONS};

use crate::data::lookup::Level;
use crate::data::session::{Choices, FileReport, FileStatus};
use crate::format::thousands;
use crate::view::table::{Cell, Column, TableModel};

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
        FileStatus::Partly(message) => format!("Read in part. {message}"),
        FileStatus::Repeat(r) => format!("Not used: {}", r.describe()),
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

/// What the user may choose before loading, in the page's order: levels
/// (the default first) and the areas to restrict to, by name.
pub fn level_options(choices: &Choices) -> Vec<(Level, &'static str)> {
    let mut levels = choices.levels.clone();
    levels.sort_by_key(|b| std::cmp::Reverse(*b == choices.default_level));
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

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_rows;

//! The Load data page's view models: what each file was taken to be, and
//! the report of a finished load (rows read and what became of each, the
//! months, the first rejected rows). Built in the loading worker from the
//! session and sent to the page as JSON ([`message`]).

#[cfg(test)]
mod fixtures;
mod json;
pub mod message;
mod months;
mod report;
mod rows;
pub mod warm_up;

pub use report::{summary, LoadSummary, Timing, SHOWN_REJECTIONS};

use crate::data::lookup::Level;
use crate::data::session::{Choices, FileReport, FileStatus};
use crate::format::thousands;
use crate::i18n::{Msg, Words};
use crate::view::table::{Cell, Column, TableModel};

/// A size in bytes for people: `512 bytes`, `12.3 KB`, `220.1 MB`.
pub fn size_text(bytes: u64, w: &Words) -> String {
    match bytes {
        0..=999 => w.f(Msg::SizeBytes, &[("n", &bytes.to_string())]),
        1_000..=999_999 => format!("{:.1} KB", bytes as f64 / 1e3),
        1_000_000..=999_999_999 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.2} GB", bytes as f64 / 1e9),
    }
}

/// A level in words for the page: `LSOA`, `ward`…
pub fn level_label(level: Level, w: &Words) -> &'static str {
    w.t(match level {
        Level::Lsoa => Msg::LevelLabelLsoa,
        Level::Msoa => Msg::LevelLabelMsoa,
        Level::Ward => Msg::LevelLabelWard,
        Level::District => Msg::LevelLabelDistrict,
    })
}

fn status_text(status: &FileStatus, w: &Words) -> String {
    let (msg, why) = match status {
        FileStatus::Waiting => return w.t(Msg::ReadyToRead).to_string(),
        FileStatus::Read => return w.t(Msg::StatusRead).to_string(),
        FileStatus::NotUsed(why) => (Msg::NotUsed, why.in_words(w)),
        FileStatus::Failed(message) => (Msg::CouldNotBeUsed, message.in_words(w)),
        FileStatus::Partly(message) => (Msg::ReadInPart, message.in_words(w)),
        FileStatus::Repeat(r) => (Msg::NotUsed, r.describe().in_words(w)),
    };
    w.f(msg, &[("why", &why)])
}

/// The table of files: name, what it was taken to be, size, rows, result.
pub fn files_table(files: &[&FileReport], w: &Words) -> TableModel {
    let rows = files
        .iter()
        .map(|f| {
            vec![
                Cell::text(f.name.clone()),
                Cell::text(f.describe().in_words(w)),
                Cell::number(size_text(f.size, w), Some(f.size as f64)),
                // Rows are counted as the file is read.
                match f.status {
                    FileStatus::Waiting => Cell::number("", None),
                    _ => Cell::number(thousands(f.rows.rows_read), Some(f.rows.rows_read as f64)),
                },
                Cell::text(status_text(&f.status, w)),
            ]
        })
        .collect();
    TableModel {
        caption: w.t(Msg::FilesCaption).to_string(),
        columns: vec![
            Column::text(w.t(Msg::ColFile)),
            Column::text(w.t(Msg::ColTakenToBe)),
            Column::number(w.t(Msg::ColSize)),
            Column::number(w.t(Msg::ColRowsRead)),
            Column::text(w.t(Msg::ColResult)),
        ],
        rows,
        footer: Vec::new(),
    }
}

/// What the user may choose before loading, in the page's order: levels
/// (the default first) and the areas to restrict to, by name.
pub fn level_options(choices: &Choices, w: &Words) -> Vec<(Level, &'static str)> {
    let mut levels = choices.levels.clone();
    levels.sort_by_key(|l| *l != choices.default_level);
    levels.into_iter().map(|l| (l, level_label(l, w))).collect()
}

/// The progress line: bytes and rows read, and the file being read.
pub fn progress_text(p: &crate::data::session::Progress, w: &Words) -> String {
    let share = p
        .bytes_done
        .saturating_mul(100)
        .checked_div(p.bytes_total)
        .map(|pct| format!(" ({pct}%)"))
        .unwrap_or_default();
    let mut text = w.f(
        Msg::ProgressRead,
        &[
            ("done", &size_text(p.bytes_done, w)),
            ("total", &size_text(p.bytes_total, w)),
            ("share", &share),
            ("rows", &thousands(p.rows)),
        ],
    );
    if let Some(current) = &p.current {
        text.push_str("; ");
        text.push_str(&w.f(
            Msg::ProgressFile,
            &[
                ("n", &(p.files_done + 1).min(p.files_total).to_string()),
                ("of", &p.files_total.to_string()),
                ("file", current),
            ],
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::fixtures::session;
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        let w = crate::i18n::english();
        assert_eq!(size_text(999, w), "999 bytes");
        assert_eq!(size_text(12_345, w), "12.3 KB");
        assert_eq!(size_text(220_100_000, w), "220.1 MB");
        assert_eq!(size_text(1_500_000_000, w), "1.50 GB");
    }

    #[test]
    fn progress_says_bytes_rows_and_file() {
        let p = crate::data::session::Progress {
            bytes_done: 55_000_000,
            bytes_total: 220_000_000,
            rows: 250_000,
            files_done: 1,
            files_total: 3,
            current: Some("2024-02-street.csv".to_string()),
        };
        assert_eq!(
            progress_text(&p, crate::i18n::english()),
            "55.0 MB of 220.0 MB read (25%), 250,000 rows; file 2 of 3: 2024-02-street.csv"
        );
    }

    #[test]
    fn choices_put_the_default_level_first() {
        let s = session();
        let choices = s.choices();
        let levels: Vec<(&str, &str)> = level_options(&choices, crate::i18n::english())
            .into_iter()
            .map(|(l, label)| (l.name(), label))
            .collect();
        assert_eq!(
            levels,
            [
                ("ward", "Ward"),
                ("lsoa", "LSOA (neighbourhood)"),
                ("district", "District (local authority)")
            ]
        );
    }
}

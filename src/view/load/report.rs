//! The report of a finished load: what was read and how fast, what became
//! of every row (and the sum), the months, the first rejected rows, every
//! file.

use crate::data::session::{FileReport, FileStatus, Loaded};
use crate::format::thousands;
use crate::i18n::{Msg, Words};
use crate::view::table::TableModel;

use super::months::months_and_quality;
use super::rows::{adds_up, rows_table};
use super::{files_table, size_text};

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

fn headline(loaded: &Loaded, timing: Timing, w: &Words) -> String {
    let rows = loaded.report.rows_read;
    let secs = timing.ms / 1000.0;
    let speed = if secs > 0.0 {
        let mb = format!("{:.0}", timing.bytes as f64 / 1e6 / secs);
        let rows = thousands((rows as f64 / secs).round() as u64);
        w.f(Msg::LoadSpeed, &[("mb", &mb), ("rows", &rows)])
    } else {
        String::new()
    };
    let files = loaded
        .files
        .iter()
        .filter(|f| {
            f.status == FileStatus::Read
                && (f.kind.is_police()
                    || matches!(
                        f.kind,
                        crate::data::recognise::FileKind::CountsFile
                            | crate::data::recognise::FileKind::Wide(_)
                    ))
        })
        .count();
    let files = files as u64;
    w.f(
        Msg::LoadHeadline,
        &[
            ("rows", &thousands(rows)),
            ("size", &size_text(timing.bytes, w)),
            ("files", &w.count(files, &thousands(files), Msg::UnitFile)),
            ("secs", &format!("{secs:.2}")),
            ("speed", &speed),
        ],
    )
}

fn rejected(loaded: &Loaded, w: &Words) -> Vec<String> {
    let r = &loaded.report;
    let mut out: Vec<String> = r
        .rejections
        .iter()
        .take(SHOWN_REJECTIONS)
        .map(|j| {
            let line = j.line.to_string();
            let reason = j.reason.in_words(w);
            let args = [
                ("file", j.file.as_str()),
                ("line", &line),
                ("column", j.column.as_deref().unwrap_or_default()),
                ("reason", &reason),
            ];
            match &j.column {
                Some(_) => w.f(Msg::RejectedAtColumn, &args),
                None => w.f(Msg::RejectedAtLine, &args),
            }
        })
        .collect();
    let shown = out.len() as u64;
    if r.rejected > shown {
        let more = thousands(r.rejected - shown);
        out.push(w.f(Msg::MoreRejected, &[("n", &more)]));
    }
    out
}

/// The report of a finished load.
pub fn summary(loaded: &Loaded, timing: Timing, w: &Words) -> LoadSummary {
    let (months, quality) = months_and_quality(loaded, w);
    let files: Vec<&FileReport> = loaded.files.iter().collect();
    LoadSummary {
        headline: headline(loaded, timing, w),
        rows: rows_table(loaded, w),
        adds_up: adds_up(loaded, w),
        months,
        quality,
        unknown: loaded
            .unknown
            .sentence()
            .map(|s| s.in_words(w))
            .unwrap_or_default(),
        rejected: rejected(loaded, w),
        files: files_table(&files, w),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{row, session, texts, HEADER};
    use super::*;
    use crate::data::session::LoadSession;

    #[test]
    fn a_restricted_load_is_reported_row_by_row_and_adds_up() {
        let mut s = session();
        s.start(None, Some("E06000001")).unwrap();
        let loaded = s.finish().unwrap();
        let sum = summary(
            &loaded,
            Timing {
                ms: 500.0,
                bytes: 2_000_000,
            },
            crate::i18n::english(),
        );
        // January: 5 rows (2 in Town, 1 in City, 1 with no LSOA, 1 of an
        // unknown type); March: 1 in Town. 6 rows, 3 counted.
        assert!(
            sum.headline.starts_with(
                "Read 6 rows of crime and anti-social behaviour (2.0 MB) from 2 files in 0.50 s: 4 MB/s, 12 rows/s"
            ),
            "{}",
            sum.headline
        );
        assert_eq!(
            texts(&sum.rows.rows),
            [
                ["Counted in an area (Ward)", "3"],
                [
                    "Not allocated to an area: no location (left out: they cannot be placed inside the area chosen)",
                    "1"
                ],
                ["Outside Town: the lookup places them elsewhere", "1"],
                [
                    "Unknown LSOA code: no lookup lists it, so it is in no area",
                    "0"
                ],
                ["Rejected: malformed rows", "1"],
            ]
        );
        assert_eq!(texts(&sum.rows.footer), [["Rows read", "6"]]);
        assert_eq!(
            sum.adds_up,
            "3 counted + 1 not allocated + 1 outside Town + 0 with an unknown code + 1 rejected = 6 rows read: every row is accounted for."
        );
        assert_eq!(
            sum.months,
            "2 of the 3 months from Jan 2024 to Mar 2024 have data."
        );
        assert_eq!(
            sum.quality[0],
            "Missing months (no rows at all): Feb 2024. Comparisons that include them will be too low."
        );
        assert_eq!(sum.rejected.len(), 1);
        assert!(
            sum.rejected[0].starts_with("2024-01-x-street.csv, line 6, column Crime type: "),
            "{}",
            sum.rejected[0]
        );
        let files = texts(&sum.files.rows);
        assert_eq!(files.len(), 4);
        assert_eq!(files[1][0], "2024-01-x-street.csv");
        assert_eq!(files[1][3], "5");
        assert_eq!(files[1][4], "Read");
        assert!(
            files[3][4].starts_with("Could not be used. notes.txt: "),
            "{}",
            files[3][4]
        );
    }

    #[test]
    fn more_rejections_than_shown_are_counted() {
        let mut s = LoadSession::new();
        let mut f = HEADER.to_string();
        for _ in 0..25 {
            f += &row("2024-01", "E01000001", "Nonsense");
        }
        f += &row("2024-01", "E01000001", "Drugs");
        s.add("a.csv", f.into_bytes());
        s.start(None, None).unwrap();
        let sum = summary(
            &s.finish().unwrap(),
            Timing { ms: 1.0, bytes: 1 },
            crate::i18n::english(),
        );
        assert_eq!(sum.rejected.len(), SHOWN_REJECTIONS + 1);
        assert_eq!(
            sum.rejected[SHOWN_REJECTIONS],
            "… and 5 more rejected rows, counted above."
        );
    }
}

//! The report of `explorer-cli prepare`: every file not simply read (set
//! aside, repeated, not used) with its reason, what became of every row and
//! the sum, the unknown codes, the months; the same as JSON; and the exit
//! status it leads to.

use serde::Serialize;

use super::inputs::print_rejections;
use super::{failed, CliError, Outcome};
use crate::data::quality::Quality;
use crate::data::session::{FileReport, FileStatus, Loaded};
use crate::data::unknown_codes::UnknownCodes;
use crate::data::LoadReport;

/// Files not used inside archives listed one by one (the rest are counted).
const LISTED_NOT_USED: usize = 10;

/// One file in the JSON report.
#[derive(Serialize)]
struct JsonFile {
    name: String,
    /// Bytes read (unpacked, for an archive's entry).
    size: u64,
    taken_to_be: String,
    /// `read`, `read in part`, `set aside`, `repeat` or `not used`.
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    rows_read: u64,
}

/// The JSON report.
#[derive(Serialize)]
struct JsonReport<'a> {
    inputs: &'a [String],
    output: &'a str,
    lookups: &'a [String],
    level: &'a str,
    within: Option<&'a str>,
    #[serde(flatten)]
    report: &'a LoadReport,
    mapped_directly: u64,
    bridged: u64,
    unknown_codes: &'a UnknownCodes,
    #[serde(flatten)]
    quality: &'a Quality,
    areas: usize,
    counts_written: u64,
    files_set_aside: usize,
    files: Vec<JsonFile>,
}

/// The status word and message of a file.
fn status(f: &FileReport) -> (&'static str, Option<String>) {
    match &f.status {
        FileStatus::Read | FileStatus::Waiting => ("read", None),
        FileStatus::NotUsed(why) => ("not used", Some(why.to_string())),
        FileStatus::Failed(m) => ("set aside", Some(m.to_string())),
        FileStatus::Partly(m) => ("read in part", Some(m.to_string())),
        FileStatus::Repeat(r) if r.same => ("repeat", Some(r.describe().to_string())),
        FileStatus::Repeat(r) => ("set aside", Some(r.describe().to_string())),
    }
}

/// Prints every file that was not simply read, with its reason.
pub fn print_files(files: &[&FileReport]) {
    let mut not_used = 0;
    for f in files {
        match &f.status {
            FileStatus::Read | FileStatus::Waiting => {}
            FileStatus::Failed(m) => eprintln!("set aside {m}"),
            FileStatus::Partly(m) => eprintln!("read in part: {m}"),
            FileStatus::Repeat(r) if r.same => eprintln!("skipped {}: {}", f.name, r.describe()),
            FileStatus::Repeat(r) => eprintln!("set aside {}: {}", f.name, r.describe()),
            FileStatus::NotUsed(why) => {
                not_used += 1;
                if not_used <= LISTED_NOT_USED {
                    eprintln!("not used {}: {why}", f.name);
                }
            }
        }
    }
    if not_used > LISTED_NOT_USED {
        eprintln!("… and {} more files not used", not_used - LISTED_NOT_USED);
    }
}

/// Police.uk files read (whole or in part).
fn files_read(loaded: &Loaded) -> usize {
    loaded
        .files
        .iter()
        .filter(|f| {
            f.kind.is_police() && matches!(f.status, FileStatus::Read | FileStatus::Partly(_))
        })
        .count()
}

/// Prints what became of every row, the unknown codes and the months.
pub fn print_report(loaded: &Loaded, written: u64, out: &str) {
    let r = &loaded.report;
    let q = &loaded.data.quality;
    let level = loaded.level;
    eprintln!(
        "read {} rows from {} file(s)",
        r.rows_read,
        files_read(loaded)
    );
    eprintln!(
        "  accepted      {:>10}  (in {} {level} areas)",
        r.accepted,
        loaded.data.dataset.cube.areas().len()
    );
    eprintln!(
        "    mapped directly {:>8}",
        r.accepted.saturating_sub(loaded.bridged)
    );
    eprintln!(
        "    bridged         {:>8}  (through an earlier lookup)",
        loaded.bridged
    );
    eprintln!("  not allocated {:>10}  (no LSOA code)", r.not_allocated);
    eprintln!(
        "  outside area  {:>10}  (the lookup places the LSOA outside)",
        r.outside_area
    );
    eprintln!(
        "  unknown code  {:>10}  (no lookup lists the LSOA code)",
        r.unknown_code
    );
    eprintln!("  rejected      {:>10}", r.rejected);
    let sum = r.accepted + r.not_allocated + r.outside_area + r.unknown_code + r.rejected;
    eprintln!(
        "  check: {sum} = rows read {}{}",
        r.rows_read,
        if r.adds_up() { "" } else { "  MISMATCH" }
    );
    print_rejections(r);
    if let Some(s) = loaded.unknown.sentence() {
        eprintln!("unknown codes: {s}");
    }
    let list = |ms: Vec<String>| {
        if ms.is_empty() {
            "none".to_string()
        } else {
            ms.join(", ")
        }
    };
    if let (Some(first), Some(last)) = (q.months_covered.first(), q.months_covered.last()) {
        eprintln!(
            "months: {first} to {last}, {} with counts",
            q.months_covered.len()
        );
    }
    eprintln!(
        "months missing: {}",
        list(q.months_missing.iter().map(|m| m.to_string()).collect())
    );
    let suspect = q.months_suspect.iter().map(|s| {
        format!(
            "{} ({} rows, neighbours' median {})",
            s.month, s.total, s.neighbour_median
        )
    });
    eprintln!(
        "months implausibly low against their neighbours (rows in the counts; data may be missing, or a real drop): {}",
        list(suspect.collect())
    );
    eprintln!("wrote {out}: {written} counts");
}

/// Writes the JSON report to `path`.
pub fn write_json(
    path: &str,
    inputs: &[String],
    out: &str,
    lookups: &[String],
    loaded: &Loaded,
    written: u64,
) -> Result<(), CliError> {
    let files = loaded
        .files
        .iter()
        .map(|f| {
            let (status, message) = status(f);
            JsonFile {
                name: f.name.clone(),
                size: f.size,
                taken_to_be: f.describe().to_string(),
                status,
                message,
                rows_read: f.rows.rows_read,
            }
        })
        .collect();
    let json = JsonReport {
        inputs,
        output: out,
        lookups,
        level: loaded.level.name(),
        within: loaded.within.as_deref(),
        report: &loaded.report,
        mapped_directly: loaded.report.accepted.saturating_sub(loaded.bridged),
        bridged: loaded.bridged,
        unknown_codes: &loaded.unknown,
        quality: &loaded.data.quality,
        areas: loaded.data.dataset.cube.areas().len(),
        counts_written: written,
        files_set_aside: set_aside(loaded),
        files,
    };
    let text = serde_json::to_string_pretty(&json).map_err(|e| failed(format!("{path}: {e}")))?;
    std::fs::write(path, text + "\n").map_err(|e| failed(format!("{path}: cannot write: {e}")))
}

/// Files set aside or read in part.
fn set_aside(loaded: &Loaded) -> usize {
    loaded
        .files
        .iter()
        .filter(|f| f.status.is_set_aside())
        .count()
}

/// [`Outcome::Incomplete`] when files were set aside or rows rejected or
/// of unknown codes; else [`Outcome::Done`].
pub fn outcome(loaded: &Loaded) -> Outcome {
    let r = &loaded.report;
    if set_aside(loaded) > 0 || r.rejected > 0 || r.unknown_code > 0 {
        Outcome::Incomplete
    } else {
        Outcome::Done
    }
}
